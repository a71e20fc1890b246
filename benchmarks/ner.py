"""NER benchmark: entity-level P/R/F1 on ANERcorp test (and AQMAR test) plus tagger speed.

    python benchmarks/ner.py                       # shipped stanza model
    python benchmarks/ner.py --backend camel --camel-model /path/to/camel/data/ner/arabert
    python benchmarks/ner.py --data ../shared/data --threads 1

Scores: seqeval default mode (conlleval-compatible), gold not repaired, micro
average over PERSON / ORGANISATION / LOCATION / MISC, and per type. Speed:
tokens per second of `backend.tag` alone (all test sentences in one call,
after a warm-up call), in this one process. Writes benchmarks/results/ner.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from awardie.training.ner_stanza import AQMAR, ANER_TEST, read_conll, score  # noqa: E402
from awardie.stanza_ner import to_awardie_tag  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"


def load_backend(args: argparse.Namespace):
    if args.backend == "stanza":
        from awardie.stanza_ner import StanzaNER

        return StanzaNER(args.model_dir, oov_stems=not args.no_oov_stems).load()
    if args.backend == "camel":
        from awardie.camel_ner import CamelNER

        return CamelNER(args.camel_model).load()
    from awardie.ner import NoNER

    return NoNER()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default: %(default)s)")
    ap.add_argument("--backend", choices=["stanza", "camel", "none"], default="stanza")
    ap.add_argument("--model-dir", type=Path, default=None, help="stanza model folder (default: the shipped one)")
    ap.add_argument("--camel-model", type=Path, default=None, help="CAMeL NER model folder (default: $CAMELTOOLS_DATA)")
    ap.add_argument("--no-oov-stems", action="store_true", help="stanza: no proclitic-stripping lookup for unknown words")
    ap.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's default)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "ner.json")
    args = ap.parse_args(argv)

    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    t0 = time.time()
    backend = load_backend(args)
    load_s = time.time() - t0

    sets = {"anercorp_test": args.data / ANER_TEST, "aqmar_test": args.data / AQMAR["test"]}
    results: dict = {"backend": backend.name, "load_seconds": round(load_s, 2), "sets": {}}
    for name, path in sets.items():
        if not path.exists():
            print(f"skip {name}: {path} not found", file=sys.stderr)
            continue
        sents = read_conll(path)
        words = [toks for toks, _ in sents]
        gold = [[to_awardie_tag(t) for t in tags] for _, tags in sents]
        backend.tag(words[:32])  # warm-up
        t = time.perf_counter()
        pred = backend.tag(words)
        secs = time.perf_counter() - t
        n_tokens = sum(len(w) for w in words)
        res = score(gold, pred)
        res.update(sentences=len(words), tokens=n_tokens, seconds=round(secs, 3),
                   tokens_per_second=round(n_tokens / secs) if secs else None)
        results["sets"][name] = res

    if "anercorp_test" in results["sets"]:
        # one call per sentence (the pipeline's worst case), on the first 300 sentences
        sents = [toks for toks, _ in read_conll(sets["anercorp_test"])][:300]
        t = time.perf_counter()
        for s in sents:
            backend.tag([s])
        secs = time.perf_counter() - t
        results["per_sentence_calls"] = {"sentences": len(sents), "tokens_per_second":
                                         round(sum(len(s) for s in sents) / secs)}
    try:
        import torch

        threads = torch.get_num_threads()
        versions = {"torch": torch.__version__}
        import stanza

        versions["stanza"] = stanza.__version__
    except ImportError:
        threads, versions = None, {}
    results["environment"] = {"torch_threads": threads, "python": platform.python_version(),
                              "machine": platform.machine(), "processor": platform.processor(), **versions}
    meta = REPO / "awardie" / "models" / "ner" / "meta.json"
    if args.backend == "stanza" and args.model_dir is None and meta.exists():
        results["model_files_bytes"] = {k: v["bytes"] for k, v in json.loads(meta.read_text())["files"].items()}

    print(f"backend: {backend.name}   (load {load_s:.1f}s, torch threads {threads})")
    print(f"{'set':<15}{'type':<15}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}")
    for name, res in results["sets"].items():
        print(f"{name:<15}{'micro':<15}{res['p']:>7.2f}{res['r']:>7.2f}{res['f1']:>7.2f}")
        for typ, r in sorted(res["per_type"].items()):
            print(f"{'':<15}{typ:<15}{r['p']:>7.2f}{r['r']:>7.2f}{r['f1']:>7.2f}{r['support']:>9}")
        print(f"{'':<15}speed: {res['tokens_per_second']} tokens/s ({res['tokens']} tokens in {res['seconds']}s, one call)")
    if "per_sentence_calls" in results:
        print(f"one call per sentence: {results['per_sentence_calls']['tokens_per_second']} tokens/s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
