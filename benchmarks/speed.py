"""Speed benchmark: throughput, cold start, peak memory, cost versus length, process-pool speed-up.

    python benchmarks/speed.py                 # the default pipeline (awardie's stanza model)
    python benchmarks/speed.py --ner none      # rules only
    python benchmarks/speed.py --quick         # smaller length series and pool run
    python benchmarks/speed.py --model-dir DIR # a stanza model folder other than the shipped one
    python benchmarks/speed.py --threads 1     # torch threads here and in the subprocesses (OMP_NUM_THREADS)

Uses the default pipeline when its model files exist; otherwise it says so
and falls back to rules only (NoNER). Inputs: the seeds, plus the award-news
dev texts in ../shared/data/award_news/dev if present (read from there at run
time, never copied). Tokens are awardie.text.tokenize tokens. Writes
benchmarks/results/speed.json.

Measured:
- full pipeline: documents/s and tokens/s over all inputs (after one warm-up call);
- NER backend alone: `backend.tag` on the same sentence chunks the pipeline feeds it;
- cold start: a fresh `python -c "import awardie; awardie.extract(seed)"`: import
  and first-extract seconds, and the wall time of the whole subprocess;
- peak memory: ru_maxrss of that subprocess after the first document and after all inputs;
- cost versus length: one seed repeated 1x, 10x, 100x (seconds, seconds per token);
- `extract_many` with 1 and with N processes over 40 documents, pool start-up included,
  after one extract in this process (the model is loaded): with the default start
  method ("fork" on Linux), the median of 5 alternating rounds, and once with "spawn"
  (each worker loads its own model).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from awardie.document import Document  # noqa: E402
from awardie.ner import NERBackend, NoNER  # noqa: E402
from awardie.pipeline import MAX_SENTENCE_TOKENS, Pipeline  # noqa: E402
from awardie.text import tokenize  # noqa: E402

SEEDS = REPO / "seeds"
DEV = REPO.parent / "shared" / "data" / "award_news" / "dev"
OUT = REPO / "benchmarks" / "results" / "speed.json"

# Runs in a fresh interpreter: argv = [none | stanza | model folder, seed path, other paths...];
# prints one JSON line.
CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import awardie
t1 = time.perf_counter()
ner, paths = sys.argv[1], sys.argv[2:]
texts = [open(p, encoding="utf-8").read() for p in paths]
if ner == "none":
    from awardie.ner import NoNER
    run = awardie.Pipeline(ner=NoNER()).extract
elif ner == "stanza":
    run = awardie.extract
else:
    from awardie.stanza_ner import StanzaNER
    run = awardie.Pipeline(ner=StanzaNER(ner)).extract
run(texts[0])
t2 = time.perf_counter()
rss_first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for t in texts[1:]:
    run(t)
rss_all = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import_s": t1 - t0, "first_extract_s": t2 - t1,
                  "maxrss_first_kib": rss_first, "maxrss_all_kib": rss_all}))
"""


def load_inputs() -> list[tuple[str, str]]:
    paths = sorted(SEEDS.glob("*.txt")) + (sorted(DEV.glob("*.txt")) if DEV.is_dir() else [])
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


def choose_backend(ner: str, model_dir: Optional[Path]) -> tuple[NERBackend, Any, str, Optional[str]]:
    """(backend, spec for extract_many, spec for the cold-start child, note):
    the default model (or the one in model_dir) when it exists, else NoNER."""
    if ner == "none":
        return NoNER(), "none", "none", None
    try:
        from awardie.parallel import pipeline_for
        from awardie.stanza_ner import StanzaNER

        # the default model: the very backend awardie.extract and extract_many use (loaded once here)
        backend = StanzaNER(model_dir) if model_dir else pipeline_for("stanza").ner
        backend.tag([["اختبار"]])  # loads the model now, so a corrupt file falls back too
        if model_dir:
            return backend, functools.partial(StanzaNER, model_dir), str(model_dir), None
        return backend, "stanza", "stanza", None
    except Exception as exc:  # noqa: BLE001 - any failure means: no usable default model here
        note = f"default NER model unavailable ({type(exc).__name__}: {exc}); measured rules only (NoNER)"
        print(f"NOTE: {note}", file=sys.stderr)
        return NoNER(), "none", "none", note


def ner_chunks(text: str) -> list[list[str]]:
    """The token lists the pipeline sends to the NER backend for `text`."""
    doc = Document(text)
    return [[t.text for t in doc.tokens[lo:min(s.last, lo + MAX_SENTENCE_TOKENS)]]
            for s in doc.sentences for lo in range(s.first, s.last, MAX_SENTENCE_TOKENS)]


def rate(n: float, secs: float) -> Optional[float]:
    return round(n / secs, 1) if secs > 0 else None


def throughput(pipeline: Pipeline, texts: list[str]) -> dict[str, Any]:
    n_tokens = sum(len(tokenize(t)) for t in texts)
    pipeline.extract(texts[0])  # warm-up
    t = time.perf_counter()
    for text in texts:
        pipeline.extract(text)
    full = time.perf_counter() - t
    chunks = [ner_chunks(text) for text in texts]
    t = time.perf_counter()
    for c in chunks:
        if c:
            pipeline.ner.tag(c)
    ner = time.perf_counter() - t
    return {"documents": len(texts), "tokens": n_tokens,
            "pipeline": {"seconds": round(full, 3), "docs_per_s": rate(len(texts), full),
                         "tokens_per_s": rate(n_tokens, full)},
            "ner_alone": {"seconds": round(ner, 3), "docs_per_s": rate(len(texts), ner),
                          "tokens_per_s": rate(n_tokens, ner)}}


def cold_start(ner_spec: str, paths: list[str]) -> dict[str, Any]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, ner_spec, *paths], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=1200)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"cold-start subprocess failed:\n{proc.stderr[-3000:]}")
    child = json.loads(proc.stdout.strip().splitlines()[-1])
    return {"subprocess_wall_s": round(wall, 3), "import_s": round(child["import_s"], 3),
            "first_extract_s": round(child["first_extract_s"], 3), "documents_after_first": len(paths) - 1,
            "peak_rss_first_mib": round(child["maxrss_first_kib"] / 1024, 1),
            "peak_rss_all_mib": round(child["maxrss_all_kib"] / 1024, 1)}


def by_length(pipeline: Pipeline, seed: str, factors: list[int]) -> list[dict[str, Any]]:
    rows = []
    for k in factors:
        text = "\n".join([seed] * k)
        n_tokens = len(tokenize(text))
        t = time.perf_counter()
        pipeline.extract(text)
        secs = time.perf_counter() - t
        rows.append({"repeat": k, "chars": len(text), "tokens": n_tokens, "seconds": round(secs, 3),
                     "us_per_token": round(secs / n_tokens * 1e6, 2)})
    return rows


def pool_speedup(ner_spec: Any, texts: list[str], processes: int, rounds: int = 5) -> dict[str, Any]:
    """extract_many over `texts` with 1 process and with `processes`, pool start-up included.

    As a notebook or a script uses it: this process has extracted a document already
    (its pipeline is loaded), then calls extract_many. The pool uses the default start
    method ("fork" on Linux: workers inherit the loaded model); "spawn" is timed once too,
    where each worker loads its own model. The 1-process and N-process runs alternate for
    `rounds` rounds (the machine is shared, single runs vary by +-15%); the speed-up
    reported is the median of the rounds' speed-ups.
    """
    import statistics

    from awardie.parallel import default_start_method, extract_many, pipeline_for

    pipeline_for(ner_spec).extract(texts[0])  # the model is loaded, as after any first extract

    def timed(p: int, method: Optional[str] = None) -> float:
        t = time.perf_counter()
        results = extract_many(texts, processes=p, ner=ner_spec, start_method=method)
        secs = time.perf_counter() - t
        assert len(results) == len(texts)
        return secs

    ones, manys = [], []
    for _ in range(rounds):
        ones.append(timed(1))
        manys.append(timed(processes))
    spawn = timed(processes, "spawn")
    speedups = [o / m for o, m in zip(ones, manys)]
    one, many = statistics.median(ones), statistics.median(manys)
    return {
        "documents": len(texts), "start_method": default_start_method(), "rounds": rounds,
        "processes_1": {"seconds": round(one, 3), "docs_per_s": rate(len(texts), one), "runs": [round(x, 3) for x in ones]},
        f"processes_{processes}": {"seconds": round(many, 3), "docs_per_s": rate(len(texts), many),
                                   "runs": [round(x, 3) for x in manys]},
        f"processes_{processes}_spawn": {"seconds": round(spawn, 3), "docs_per_s": rate(len(texts), spawn)},
        "speedup": round(statistics.median(speedups), 2),
        "speedup_runs": [round(x, 2) for x in speedups],
        "speedup_spawn": round(one / spawn, 2) if spawn else None,
    }


def print_report(r: dict[str, Any]) -> None:
    tp = r["throughput"]
    print(f"backend: {r['backend']}" + (f"   NOTE: {r['note']}" if r.get("note") else ""))
    print(f"inputs: {tp['documents']} documents, {tp['tokens']} tokens   "
          f"(cpus {r['environment']['cpus']}, torch threads {r['environment']['torch_threads']}, "
          f"load average {r['environment']['load_average']})")
    print(f"\n{'what':<28}{'seconds':>9}{'docs/s':>10}{'tokens/s':>11}")
    for name, key in (("full pipeline", "pipeline"), ("NER backend alone", "ner_alone")):
        s = tp[key]
        print(f"{name:<28}{s['seconds']:>9.3f}{s['docs_per_s'] or 0:>10.1f}{s['tokens_per_s'] or 0:>11.0f}")
    c = r["cold_start"]
    print(f"\ncold start: import {c['import_s']:.2f}s + first extract {c['first_extract_s']:.2f}s "
          f"(subprocess wall {c['subprocess_wall_s']:.2f}s)")
    print(f"peak memory (ru_maxrss): {c['peak_rss_first_mib']:.0f} MiB after one document, "
          f"{c['peak_rss_all_mib']:.0f} MiB after {c['documents_after_first'] + 1}")
    print(f"\n{'seed x':>7}{'chars':>10}{'tokens':>9}{'seconds':>10}{'µs/token':>10}")
    for row in r["by_length"]:
        print(f"{row['repeat']:>7}{row['chars']:>10}{row['tokens']:>9}{row['seconds']:>10.3f}"
              f"{row['us_per_token']:>10.2f}")
    p = r["extract_many"]
    n = r["processes"]
    print(f"\nextract_many over {p['documents']} documents (pool start-up included; median of {p['rounds']} rounds): "
          f"1 process {p['processes_1']['seconds']:.2f}s, {n} processes ({p['start_method']}) "
          f"{p[f'processes_{n}']['seconds']:.2f}s, speed-up x{p['speedup']} (rounds: {p['speedup_runs']})")
    print(f"  {n} processes started with spawn (each loads the model): "
          f"{p[f'processes_{n}_spawn']['seconds']:.2f}s, speed-up x{p['speedup_spawn']}")


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", choices=["default", "none"], default="default",
                    help="default: awardie's stanza model if present (else rules only); none: rules only")
    ap.add_argument("--processes", type=int, default=2, help="pool size compared with 1 process (default: 2)")
    ap.add_argument("--pool-docs", type=int, default=40, help="documents for the pool comparison (default: 40)")
    ap.add_argument("--quick", action="store_true", help="length series 1x,10x only; 20 pool documents")
    ap.add_argument("--model-dir", type=Path, default=None,
                    help="a stanza model folder (nertagger.pt, pretrain.pt) instead of the shipped one")
    ap.add_argument("--threads", type=int, default=None,
                    help="torch threads, here and (as OMP_NUM_THREADS) in the subprocesses (default: torch's)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    if args.threads:
        os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(args.threads)
    inputs = load_inputs()
    texts = [t for _, t in inputs]
    backend, spec, child_spec, note = choose_backend(args.ner, args.model_dir)
    pipeline = Pipeline(ner=backend)
    threads = None
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        if args.threads:
            torch.set_num_threads(args.threads)
        threads = torch.get_num_threads()
    factors = [1, 10] if args.quick else [1, 10, 100]
    pool_docs = 20 if args.quick else args.pool_docs
    load = [round(x, 2) for x in os.getloadavg()]
    # first, while this process holds only what a user's would (one loaded pipeline), not the
    # heap that the 100x document below leaves behind for forked workers to copy
    pool = pool_speedup(spec, [texts[i % len(texts)] for i in range(pool_docs)], args.processes)

    report: dict[str, Any] = {
        "backend": pipeline.ner.name, "note": note,
        "model_dir": str(args.model_dir) if args.model_dir and args.ner != "none" else None,
        "inputs": {"seeds": len(list(SEEDS.glob("*.txt"))), "dev": len(inputs) - len(list(SEEDS.glob("*.txt"))),
                   "dev_folder": str(DEV) if DEV.is_dir() else None},
        "throughput": throughput(pipeline, texts),
        "cold_start": cold_start(child_spec, [p for p, _ in inputs]),
        "by_length": by_length(pipeline, (SEEDS / "000_4a71be1a486ec816.txt").read_text(encoding="utf-8"), factors),
        "processes": args.processes,
        "extract_many": pool,
        "environment": {"python": platform.python_version(), "machine": platform.machine(),
                        "cpus": os.cpu_count(), "torch_threads": threads, "load_average": load,
                        "load_average_end": [round(x, 2) for x in os.getloadavg()]},
    }
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
