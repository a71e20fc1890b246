"""Train awardie's stanza NER model on ANERcorp and ship it in awardie/models/ner.

Steps (each a sub-command; `all` runs prepare, train, evaluate and ship):

    python -m awardie.training.vectors                 # word vectors -> BUILD/vectors/ar_pretrain.pt
    python -m awardie.training.ner_stanza prepare      # ANERcorp (+AQMAR) -> stanza json
    python -m awardie.training.ner_stanza train --run base --budget 1800
    python -m awardie.training.ner_stanza evaluate --run base
    python -m awardie.training.ner_stanza ship --run base
    python -m awardie.training.ner_stanza ensemble --runs base_lr s2_lr [--test]   # an experiment, not shipped

Data: ANERcorp CAMeL Lab train split; its last 10% of sentences are held out
as the dev set used for model selection (stanza keeps the checkpoint with the
best dev F1). ANERcorp *test* is read only by `evaluate`/`ship` to report
scores, never for selection. AQMAR train/dev can be added to training with
`--aqmar` at `prepare`. Tokens are folded with `awardie.text.fold` exactly as
`awardie.stanza_ner.StanzaNER` folds them before tagging.

Work files (json, checkpoints, logs) go to BUILD (default /tmp/awardie_build,
or $AWARDIE_BUILD); only `ship` writes into the package.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

log = logging.getLogger("awardie.training.ner_stanza")

WEIGHTS_FILE, VOCAB_FILE = "tagger.npz", "vocab.json"  # awardie.tagger_net's file names (it imports torch)

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DEFAULT_BUILD = Path(os.environ.get("AWARDIE_BUILD", "/tmp/awardie_build"))
PACKAGE_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"

ANER_TRAIN = "anercorp/ANERCorp_CamelLab_train.txt"
ANER_TEST = "anercorp/ANERCorp_CamelLab_test.txt"
AQMAR = {"train": "aqmar/train.txt", "dev": "aqmar/dev.txt", "test": "aqmar/test.txt"}
DEV_FRACTION = 0.10

# one tag set for both corpora (ANERcorp's names)
_TAG_TYPES = {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG", "MIS": "MISC", "MISC": "MISC"}

# stanza options of the shipped model (see README.md for what was tried)
DEFAULT_OPTIONS = [
    "--scheme", "bioes",
    "--word_dropout", "0.05",
    "--dropout", "0.5",
    "--max_steps", "20000",
    "--eval_interval", "250",
    "--max_steps_no_improve", "3000",
    "--batch_size", "32",
]

Sentence = tuple[list[str], list[str]]
O_BIAS_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


# ---------------------------------------------------------------------------
# data
def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a 'token TAG' file (blank line between sentences), tags mapped to ANERcorp types."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            tok, _, tag = line.rpartition(" ")
            if not tok:
                raise ValueError(f"{path}:{lineno}: expected 'token TAG', got {line!r}")
            toks.append(tok)
            tags.append(normalise_tag(tag, f"{path}:{lineno}"))
    if toks:
        sents.append((toks, tags))
    return sents


def normalise_tag(tag: str, where: str = "") -> str:
    tag = tag.strip()
    if tag == "O":
        return tag
    prefix, _, typ = tag.partition("-")
    if prefix not in ("B", "I") or typ.upper() not in _TAG_TYPES:
        raise ValueError(f"{where}: unknown tag {tag!r}")
    return f"{prefix}-{_TAG_TYPES[typ.upper()]}"


def split_dev(sents: Sequence[Sentence], fraction: float = DEV_FRACTION) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): dev is the last `fraction` of the sentences (the corpus is sequential news)."""
    cut = len(sents) - int(round(len(sents) * fraction))
    return list(sents[:cut]), list(sents[cut:])


def to_stanza_json(sents: Sequence[Sentence], path: Path) -> None:
    from awardie.stanza_ner import model_input

    doc = [[{"text": model_input(tok), "ner": tag} for tok, tag in zip(toks, tags)] for toks, tags in sents]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def prepare(data: Path, build: Path, aqmar: bool) -> dict:
    train, dev = split_dev(read_conll(data / ANER_TRAIN))
    sources = {"anercorp_train_first_90pct": len(train)}
    if aqmar:
        for split in ("train", "dev"):
            extra = read_conll(data / AQMAR[split])
            train += extra
            sources[f"aqmar_{split}"] = len(extra)
    name = "train_aqmar" if aqmar else "train"
    to_stanza_json(train, build / "json" / f"{name}.json")
    to_stanza_json(dev, build / "json" / "dev.json")
    info = {"train_file": str(build / "json" / f"{name}.json"), "dev_sentences": len(dev), "train_sentences": sources}
    log.info("prepared %s", info)
    return info


# ---------------------------------------------------------------------------
# training
def train(build: Path, run: str, pretrain: Path, options: Sequence[str], budget: float, aqmar: bool, seed: int,
          init_from: str | None = None, init_lr: float | None = None) -> dict:
    """Run stanza's NER trainer in a subprocess; stop it (between two saves) once `budget` seconds have passed.

    With `init_from`, training continues from the best checkpoint of that run (stanza's --finetune),
    with its SGD learning rate set to `init_lr` (stanza would otherwise restart at the saved rate).
    """
    run_dir = build / "runs" / run
    run_dir.mkdir(parents=True, exist_ok=True)
    options = list(options)
    if init_from:
        import torch

        ckpt = torch.load(build / "runs" / init_from / "nertagger.pt", map_location="cpu", weights_only=True)
        if init_lr is not None:
            ckpt["config"]["lr"] = init_lr
        torch.save(ckpt, run_dir / "init.pt", _use_new_zipfile_serialization=False)
        options += ["--finetune", "--finetune_load_name", str(run_dir / "init.pt")]
    train_json = build / "json" / ("train_aqmar.json" if aqmar else "train.json")
    dev_json = build / "json" / "dev.json"
    for p in (train_json, dev_json, pretrain):
        if not p.exists():
            raise FileNotFoundError(f"{p} missing: run `prepare` (and awardie.training.vectors) first")
    cmd = [sys.executable, "-m", "stanza.models.ner_tagger", "--mode", "train",
           "--train_file", str(train_json), "--eval_file", str(dev_json),
           "--wordvec_pretrain_file", str(pretrain), "--pretrain_max_vocab", "-1",
           "--shorthand", "ar_awardie", "--save_dir", str(run_dir), "--save_name", "nertagger.pt",
           "--cpu", "--seed", str(seed), *options]
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    log_path = run_dir / "train.log"
    log.info("running %s (budget %.0fs, log %s)", " ".join(cmd), budget, log_path)
    t0 = time.time()
    stopped_by_budget = False
    with open(log_path, "w", encoding="utf-8") as logf:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
                                preexec_fn=lambda: os.nice(10))
        assert proc.stdout is not None
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the trainer
        try:
            for line in proc.stdout:
                logf.write(line)
                logf.flush()
                # a step line is printed only between evaluations, so the last save is complete
                if time.time() - t0 > budget and ": step " in line and "loss =" in line:
                    stopped_by_budget = True
                    log.info("time budget reached, stopping the trainer")
                    break
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            proc.wait()
            signal.signal(signal.SIGTERM, previous)
    seconds = time.time() - t0
    if not (run_dir / "nertagger.pt").exists():
        raise RuntimeError(f"training produced no model; see {log_path}")
    shutil.copyfile(pretrain, run_dir / "pretrain.pt")
    if (pretrain.parent / "ar_subwords.npz").exists():
        shutil.copyfile(pretrain.parent / "ar_subwords.npz", run_dir / "subwords.npz")
    dev_history = [float(x.split("dev_score = ")[1]) for x in log_path.read_text(encoding="utf-8").splitlines()
                   if "dev_score = " in x]
    steps = [int(x.split("step ")[1].split(":")[0]) for x in log_path.read_text(encoding="utf-8").splitlines()
             if "dev_score = " in x]
    info = {"run": run, "options": list(options), "aqmar": aqmar, "seed": seed, "seconds": round(seconds, 1),
            "stopped_by_budget": stopped_by_budget, "budget": budget, "returncode": proc.returncode,
            "evals": len(dev_history), "best_stanza_dev_f1": max(dev_history) if dev_history else None,
            "best_step": steps[dev_history.index(max(dev_history))] if dev_history else None,
            "last_step": steps[-1] if steps else None, "pretrain": str(pretrain),
            "init_from": init_from, "init_lr": init_lr}
    (run_dir / "train.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    log.info("trained %s", info)
    return info


# ---------------------------------------------------------------------------
# evaluation
def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Entity-level micro P/R/F1 (seqeval default mode) and per type."""
    from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

    report = classification_report(gold, pred, output_dict=True, zero_division=0)
    def pct(x: float) -> float:
        return round(float(x) * 100, 2)

    per_type = {k: {"p": pct(v["precision"]), "r": pct(v["recall"]), "f1": pct(v["f1-score"]),
                    "support": int(v["support"])}
                for k, v in report.items() if k not in ("micro avg", "macro avg", "weighted avg")}
    return {"p": pct(precision_score(gold, pred)), "r": pct(recall_score(gold, pred)),
            "f1": pct(f1_score(gold, pred)), "per_type": per_type}


def corpus_tags_to_eval(tags: Sequence[str]) -> list[str]:
    """ANERcorp-typed BIO -> awardie-typed BIO (so gold and StanzaNER output compare)."""
    from awardie.stanza_ner import to_awardie_tag

    return [to_awardie_tag(t) for t in tags]


def evaluate_dir(model_dir: Path, sets: dict[str, list[Sentence]], o_bias: float | None = 0.0) -> dict:
    from awardie.stanza_ner import StanzaNER

    ner = StanzaNER(model_dir, o_bias=o_bias)
    out = {}
    for name, sents in sets.items():
        t0 = time.time()
        pred = ner.tag([toks for toks, _ in sents])
        secs = time.time() - t0
        gold = [corpus_tags_to_eval(tags) for _, tags in sents]
        out[name] = score(gold, pred)
        out[name]["seconds"] = round(secs, 2)
        log.info("%s %s: P %.2f R %.2f F1 %.2f", model_dir.name, name, out[name]["p"], out[name]["r"], out[name]["f1"])
    return out


def evaluate_ensemble(model_dirs: Sequence[Path], sets: dict[str, list[Sentence]],
                      o_biases: Sequence[float] = (0.0, 0.25, 0.5)) -> dict:
    """Each model alone and all of them together (emission and transition scores averaged, then one
    Viterbi), at each O penalty: {set: {"0": {o_bias: F1}, ..., "ensemble": {o_bias: F1}}}."""
    from awardie.stanza_ner import StanzaNER, decode

    members = [StanzaNER(d, o_bias=0.0).load() for d in model_dirs]
    tags = members[0].tagset
    if any(m.tagset != tags for m in members):
        raise ValueError("the models do not share one tag set")
    groups = {str(k): [k] for k in range(len(members))}
    groups["ensemble"] = list(range(len(members)))
    out: dict = {}
    for name, sents in sets.items():
        nonempty = [s for s in sents if s[0]]
        gold = [corpus_tags_to_eval(t) for _, t in nonempty]
        batches = [[toks for toks, _ in nonempty[lo:lo + 128]] for lo in range(0, len(nonempty), 128)]
        emissions = [[m.emissions(b) for b in batches] for m in members]
        out[name] = {}
        for group, idx in groups.items():
            trans = sum(members[k].transitions for k in idx) / len(idx)
            out[name][group] = {}
            for bias in o_biases:
                pred = []
                for b in range(len(batches)):
                    scores = sum(emissions[k][b][0] for k in idx) / len(idx)
                    pred += [corpus_tags_to_eval(seq) for seq in decode(scores, trans, emissions[0][b][1], tags, bias)]
                out[name][group][str(bias)] = score(gold, pred)["f1"]
            log.info("%s %s: %s", name, group, out[name][group])
    return out


def eval_sets(data: Path, test: bool) -> dict[str, list[Sentence]]:
    _, dev = split_dev(read_conll(data / ANER_TRAIN))
    sets = {"dev": dev}
    if test:
        sets["anercorp_test"] = read_conll(data / ANER_TEST)
        if (data / AQMAR["test"]).exists():
            sets["aqmar_test"] = read_conll(data / AQMAR["test"])
    return sets


# ---------------------------------------------------------------------------
# shipping
def ship(data: Path, build: Path, run: str, dest: Path, vectors_info: Path | None) -> dict:
    import stanza
    import torch

    run_dir = build / "runs" / run
    train_info = json.loads((run_dir / "train.json").read_text(encoding="utf-8"))
    dest.mkdir(parents=True, exist_ok=True)
    export_compact(run_dir, dest)
    shipped = [WEIGHTS_FILE, VOCAB_FILE]
    if (run_dir / "subwords.npz").exists():
        shutil.copyfile(run_dir / "subwords.npz", dest / "subwords.npz")
        shipped.append("subwords.npz")
    elif (dest / "subwords.npz").exists():
        (dest / "subwords.npz").unlink()
    # the one inference knob, tuned on dev only: a penalty on tag O before decoding (recall vs precision)
    dev_only = eval_sets(data, test=False)
    tuning = {b: evaluate_dir(dest, dev_only, o_bias=b)["dev"]["f1"] for b in O_BIAS_GRID}
    o_bias = max(tuning, key=lambda b: (tuning[b], -b))
    log.info("o_bias on dev: %s -> %s", tuning, o_bias)
    scores = evaluate_dir(dest, eval_sets(data, test=True), o_bias=o_bias)  # scores of the files as shipped
    files = [data / ANER_TRAIN] + ([data / AQMAR["train"], data / AQMAR["dev"]] if train_info.get("aqmar") else [])
    vec = json.loads(vectors_info.read_text(encoding="utf-8")) if vectors_info and vectors_info.exists() else None
    meta = {
        "model": "awardie stanza NER (BiLSTM-CRF, char BiLSTM, frozen fastText-style vectors + delta embeddings)",
        "runtime": "trained by stanza; run by awardie.tagger_net (stanza's NERTagger arithmetic in plain torch)",
        "files": {n: {"bytes": (dest / n).stat().st_size, "sha256": sha256(dest / n)} for n in shipped},
        "labels": {"PERS": "PERSON", "ORG": "ORGANISATION", "LOC": "LOCATION", "MISC": "MISC (dropped downstream)"},
        "tokens": "awardie.text.tokenize tokens, folded with awardie.text.fold and lower-cased",
        "training_data": {
            str(p.relative_to(data)): {"sha256": sha256(p)} for p in files
        },
        "dev_set": f"last {int(DEV_FRACTION * 100)}% of the sentences of {ANER_TRAIN} (held out of training; model selection)",
        "vector_data": {"raw/corpus.txt.xz": {"sha256": sha256(data / "raw" / "corpus.txt.xz")}, "settings": vec},
        "inference": {"o_bias": o_bias, "oov_stems": True, "oov_vectors": "subwords.npz" in shipped},
        "o_bias_dev_f1": {str(b): f for b, f in tuning.items()},
        "scores": scores,
        "scoring": "entity-level micro P/R/F1, seqeval default mode, gold not repaired; PERS/ORG/LOC/MISC",
        "training": training_history(build, run),
        "versions": {"stanza": stanza.__version__, "torch": torch.__version__, "python": sys.version.split()[0]},
        "licences": {
            "ANERcorp (CAMeL Lab split)": "CC BY-SA 4.0",
            "AQMAR": "CC BY-SA 3.0" if train_info.get("aqmar") else "not used",
            "Arabic Wikipedia (word vectors)": "CC BY-SA 4.0",
            "note": "The model is derived from CC BY-SA data; redistribute it under compatible terms with attribution.",
        },
        "rebuild": "python -m awardie.training.vectors && python -m awardie.training.ner_stanza all",
    }
    (dest / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("shipped %s to %s", run, dest)
    return meta


def training_history(build: Path, run: str) -> dict:
    """The train.json of `run` and of the runs it continued from, with their total time."""
    stages = []
    while run:
        info = json.loads((build / "runs" / run / "train.json").read_text(encoding="utf-8"))
        stages.insert(0, info)
        run = info.get("init_from")
    return {"stages": stages, "total_seconds": round(sum(s["seconds"] for s in stages), 1),
            "machine": "2 shared CPU cores, 1 torch thread per run, no GPU"}


def export_compact(run_dir: Path, dest: Path) -> None:
    """A stanza run folder (nertagger.pt + pretrain.pt) -> awardie's shipped form (tagger.npz + vocab.json),
    with stale stanza-format files removed from `dest`."""
    from awardie.tagger_net import read_stanza, write_compact

    weights, vocab = read_stanza(run_dir / "nertagger.pt", run_dir / "pretrain.pt")
    write_compact(weights, vocab, dest)
    for stale in ("nertagger.pt", "pretrain.pt"):
        if (dest / stale).exists() and dest != run_dir:
            (dest / stale).unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["prepare", "train", "evaluate", "ensemble", "ship", "all"])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default: %(default)s)")
    ap.add_argument("--build", type=Path, default=DEFAULT_BUILD, help="work folder (default: %(default)s)")
    ap.add_argument("--pretrain", type=Path, default=None, help="stanza pretrain file (default: BUILD/vectors/ar_pretrain.pt)")
    ap.add_argument("--run", default="base", help="name of the training run (BUILD/runs/RUN)")
    ap.add_argument("--aqmar", action="store_true", help="add AQMAR train+dev to the training data")
    ap.add_argument("--budget", type=float, default=1800, help="training wall-clock budget in seconds")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--budget2", type=float, default=2200, help="all: budget of stage 2 in seconds (0: no stage 2)")
    ap.add_argument("--stage2-lr", type=float, default=0.03, help="all: learning rate of stage 2")
    ap.add_argument("--init-from", default=None, help="train: continue from the best checkpoint of this run")
    ap.add_argument("--init-lr", type=float, default=None, help="train: learning rate when continuing (--init-from)")
    ap.add_argument("--test", action="store_true", help="evaluate, ensemble: also report the test sets")
    ap.add_argument("--runs", nargs="+", default=["base_lr"], help="ensemble: the runs to combine")
    ap.add_argument("--dest", type=Path, default=PACKAGE_MODEL_DIR, help="ship: destination (default: %(default)s)")
    ap.add_argument("--options", nargs=argparse.REMAINDER, default=None,
                    help="stanza ner_tagger options replacing the defaults (must come last)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    pretrain = args.pretrain or args.build / "vectors" / "ar_pretrain.pt"
    options = DEFAULT_OPTIONS if args.options is None else args.options

    if args.command in ("prepare", "all"):
        prepare(args.data, args.build, args.aqmar)
    if args.command == "train":
        train(args.build, args.run, pretrain, options, args.budget, args.aqmar, args.seed, args.init_from, args.init_lr)
    if args.command == "all":
        # stage 1: SGD at stanza's lr 0.1; stage 2: continue from stage 1's best checkpoint at a lower lr
        train(args.build, args.run, pretrain, options, args.budget, args.aqmar, args.seed)
        if args.budget2 > 0:
            train(args.build, args.run + "_lr", pretrain, options, args.budget2, args.aqmar, args.seed,
                  init_from=args.run, init_lr=args.stage2_lr)
            args.run = args.run + "_lr"
    if args.command == "evaluate":
        scores = evaluate_dir(args.build / "runs" / args.run, eval_sets(args.data, args.test))
        (args.build / "runs" / args.run / "scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
        print(json.dumps({k: {m: v[m] for m in ("p", "r", "f1")} for k, v in scores.items()}, indent=2))
    if args.command == "ensemble":
        dirs = [args.build / "runs" / r for r in args.runs]
        result = evaluate_ensemble(dirs, eval_sets(args.data, args.test))
        (args.build / "ensemble.json").write_text(json.dumps({"runs": args.runs, "f1": result}, indent=2),
                                                  encoding="utf-8")
        print(json.dumps(result, indent=2))
    if args.command in ("ship", "all"):
        ship(args.data, args.build, args.run, args.dest, pretrain.parent / "vectors.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
