#!/usr/bin/env python3
"""Award-news benchmark: run awardie (or read a predictions file) and score it against gold.

    python benchmarks/awards.py [--set seeds|dev|both] [--seeds DIR] [--dev DIR]
                                [--out benchmarks/results/awards.json] [--pred FILE.jsonl]

A set is a folder with ``gold.jsonl`` (ANNOTATION.md) and ``<id>.txt`` beside it;
every text's sha256 is checked against the gold's ``text_sha256``. The pipeline
is built once and timed apart from extraction; docs/s counts extraction only.
With ``--pred`` the predictions (gold-shaped JSONL lines, paired by ``id``) are
scored instead and no pipeline is built.

Scores are printed as tables (see ``awardie.scoring``) with the award-record
error kinds, and written as JSON, one entry per set. The dev texts are
research-only: the JSON keeps numbers, ids and offsets only for them (no
strings from the texts); the seeds' entries also carry winner/award strings.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from awardie.scoring import AwardError, Report, award_errors, error_kinds, score_documents  # noqa: E402

DEFAULT_SEEDS = REPO / "seeds"
DEFAULT_DEV = REPO.parent / "shared" / "data" / "award_news" / "dev"
DEFAULT_OUT = REPO / "benchmarks" / "results" / "awards.json"
SETS_WITH_STRINGS = {"seeds"}  # sets whose texts belong to the project


class BenchmarkError(Exception):
    """A set that cannot be read or does not match its gold."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines skipped)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise BenchmarkError(f"{path}:{n}: {e}") from e
    return out


def load_set(directory: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Gold documents of a set and their texts by id, checked against ``text_sha256``."""
    gold_path = directory / "gold.jsonl"
    if not gold_path.is_file():
        raise BenchmarkError(f"no gold.jsonl in {directory}")
    gold = read_jsonl(gold_path)
    texts: dict[str, str] = {}
    for doc in gold:
        doc_id = str(doc["id"])
        txt = directory / f"{doc_id}.txt"
        if not txt.is_file():
            raise BenchmarkError(f"{doc_id}: missing text {txt}")
        text = txt.read_text(encoding="utf-8")
        if doc.get("text_sha256") != sha256(text):
            raise BenchmarkError(f"{doc_id}: sha256 of {txt} does not match text_sha256 in the gold")
        texts[doc_id] = text
    return gold, texts


def predict(pipeline: Any, gold: list[dict[str, Any]], texts: dict[str, str]) -> tuple[list[dict[str, Any]], float]:
    """Run ``pipeline.extract`` on every text; gold-shaped predictions and seconds taken."""
    preds = []
    t0 = time.perf_counter()
    for doc in gold:
        doc_id = str(doc["id"])
        preds.append(pipeline.extract(texts[doc_id]).to_gold(doc_id))
    return preds, time.perf_counter() - t0


def cv_predictions(pipeline: Any, gold: list[dict[str, Any]], texts: dict[str, str], k: int
                   ) -> tuple[list[dict[str, Any]], float]:
    """K-fold cross-validation of the trained parts (the winner classifier): train on k-1 folds,
    predict the held-out fold with that model. Folds are fixed by sorted id (doc i → fold i mod k)."""
    from awardie import Pipeline
    from awardie.relation_model import WinnerClassifier
    from awardie.training.relations import examples, fit

    ordered = sorted(gold, key=lambda d: str(d["id"]))
    folds = [ordered[i::k] for i in range(k)]
    base = Pipeline(ner=pipeline.ner, relation_model=None)
    feats = {str(d["id"]): examples([(d, texts[str(d["id"])])], base) for d in ordered}
    preds_by_id: dict[str, dict[str, Any]] = {}
    t0 = time.perf_counter()
    for i, held_out in enumerate(folds):
        held = {str(d["id"]) for d in held_out}
        train = [ex for doc_id, exs in feats.items() if doc_id not in held for ex in exs]
        fold_pipeline = Pipeline(ner=pipeline.ner, relation_model=WinnerClassifier(weights=fit(train)))
        for d in held_out:
            preds_by_id[str(d["id"])] = fold_pipeline.extract(texts[str(d["id"])]).to_gold(str(d["id"]))
    return [preds_by_id[str(d["id"])] for d in gold], time.perf_counter() - t0


def check_pred_hashes(preds: list[dict[str, Any]], texts: dict[str, str]) -> None:
    """Warn about predictions made on a different text than the gold's."""
    for p in preds:
        pid = str(p.get("id"))
        h = p.get("text_sha256")
        if pid in texts and h is not None and h != sha256(texts[pid]):
            print(f"warning: {pid}: prediction text_sha256 differs from the text", file=sys.stderr)


def error_entry(e: AwardError, with_strings: bool) -> dict[str, Any]:
    """JSON form of an award error; strings from the text only when ``with_strings``."""
    d: dict[str, Any] = {"doc_id": e.doc_id, "kind": e.kind, "error": e.error, "index": e.index,
                         "year": e.record.get("year"),
                         "evidence_start": e.evidence_start, "evidence_end": e.evidence_end}
    if with_strings:
        d["winner"] = e.record.get("winner")
        d["award"] = e.record.get("award")
    return d


def diagnose(e: AwardError, pred_doc: Optional[dict[str, Any]], gold_doc: dict[str, Any]) -> str:
    """A finer error kind: for a missed record, whether its award was found as an entity in the
    evidence at all; for a spurious one, whether the document has any gold win (a hard negative)."""
    kind = f"{e.kind}/{e.error}"
    if e.error == "missed" and e.evidence_start is not None and e.evidence_end is not None:
        found = any(x["type"] == "AWARD" and x["start"] < e.evidence_end and e.evidence_start < x["end"]
                    for x in (pred_doc or {}).get("entities", []))
        return kind + ("/award_found_no_win_read" if found else "/award_not_found")
    if e.error == "spurious":
        return kind + ("/in_hard_negative_document" if not gold_doc.get("awards") else "/in_document_with_wins")
    return kind


def describe(e: AwardError) -> str:
    r = e.record
    where = f" @{e.evidence_start}:{e.evidence_end}" if e.evidence_start is not None else ""
    return (f"  {e.doc_id}  {e.kind:<14} {e.error:<12} {r.get('winner')!s} | {r.get('award')!s} | "
            f"{r.get('year')!s}{where}")


def run_set(name: str, directory: Path, get_pipeline: Optional[Callable[[], Any]],
            pred_docs: Optional[list[dict[str, Any]]], show_errors: int, per_doc: bool, cv: int = 0) -> dict[str, Any]:
    """Score one set, print its tables, and return its JSON entry."""
    gold, texts = load_set(directory)
    build_s = 0.0
    if pred_docs is None:
        assert get_pipeline is not None
        t0 = time.perf_counter()
        pipeline = get_pipeline()
        build_s = time.perf_counter() - t0
        preds, seconds = cv_predictions(pipeline, gold, texts, cv) if cv > 1 else predict(pipeline, gold, texts)
    else:
        ids = set(texts)
        preds = [p for p in pred_docs if str(p.get("id")) in ids]
        check_pred_hashes(preds, texts)
        seconds = 0.0
    t0 = time.perf_counter()
    report: Report = score_documents(gold, preds)
    score_s = time.perf_counter() - t0
    lenient = award_errors(gold, preds, "lenient", texts)
    strict = award_errors(gold, preds, "strict", texts)

    print(f"=== {name}: {directory}" + (f" ({cv}-fold cross-validation of the trained parts)" if cv > 1 else "")
          + " ===")
    print(report.table(per_document=per_doc))
    print()
    print("award errors (lenient):", json.dumps(error_kinds(lenient)) if lenient else "none")
    print("award errors (strict): ", json.dumps(error_kinds(strict)) if strict else "none")
    by_id_pred = {str(p.get("id")): p for p in preds}
    # hard negatives: documents whose gold states no win must give no award record
    no_win = [str(g["id"]) for g in gold if not g.get("awards")]
    no_win_with_records = [i for i in no_win if (by_id_pred.get(i) or {}).get("awards")]
    print(f"documents stating no win: {len(no_win)}, of them with an award record: {len(no_win_with_records)}"
          + (f" ({', '.join(no_win_with_records)})" if no_win_with_records else ""))
    by_id_gold = {str(g["id"]): g for g in gold}
    fine: dict[str, list[AwardError]] = {}
    for e in lenient:
        fine.setdefault(diagnose(e, by_id_pred.get(e.doc_id), by_id_gold[e.doc_id]), []).append(e)
    top = sorted(fine.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]
    print("ten most frequent error kinds (lenient), each with an example (document id and evidence offsets):")
    for name, errs in top:
        ex = errs[0]
        print(f"  {len(errs):>4}  {name:<58} e.g. {ex.doc_id} @{ex.evidence_start}:{ex.evidence_end}")
    shown = lenient if show_errors < 0 else lenient[:show_errors]
    for e in shown:
        print(describe(e))
    if len(shown) < len(lenient):
        print(f"  ... {len(lenient) - len(shown)} more (--show-errors -1 lists all)")
    dps = len(gold) / seconds if seconds > 0 else None
    if pred_docs is None:
        print(f"time: build {build_s:.2f}s, extract {seconds:.2f}s for {len(gold)} docs"
              f" ({dps:.2f} docs/s)" if dps else f"time: build {build_s:.2f}s, extract {seconds:.2f}s")
    else:
        print(f"time: scored {len(gold)} docs from predictions in {score_s:.2f}s")
    print()

    with_strings = name in SETS_WITH_STRINGS
    return {
        "set": name,
        "dir": str(directory),
        "source": ("cv" if cv > 1 else "pipeline") if pred_docs is None else "pred",
        "cv_folds": cv if cv > 1 else None,
        "n_docs": len(gold),
        "build_seconds": round(build_s, 4),
        "extract_seconds": round(seconds, 4),
        "docs_per_second": round(dps, 4) if dps else None,
        "score_seconds": round(score_s, 4),
        "report": report.to_dict(),
        "award_error_kinds": {"lenient": error_kinds(lenient), "strict": error_kinds(strict)},
        "no_win_documents": {"count": len(no_win), "with_award_records": no_win_with_records},
        "top_error_kinds": [{"kind": name, "count": len(errs), "example": {"doc_id": errs[0].doc_id,
                             "evidence_start": errs[0].evidence_start, "evidence_end": errs[0].evidence_end}}
                            for name, errs in top],
        "award_errors": [error_entry(e, with_strings) for e in lenient],
    }


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=("seeds", "dev", "both"), default="both",
                    help="which set to score (default both; with both, a missing dev folder is skipped)")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help=f"seed set folder (default {DEFAULT_SEEDS})")
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help=f"dev set folder (default {DEFAULT_DEV})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results file (default {DEFAULT_OUT})")
    ap.add_argument("--pred", type=Path, help="score this predictions JSONL instead of running the pipeline")
    ap.add_argument("--show-errors", type=int, default=20, metavar="N",
                    help="print the first N award errors per set (-1: all; default 20)")
    ap.add_argument("--per-doc", action="store_true", help="also print a per-document table")
    ap.add_argument("--rules-only-relations", action="store_true",
                    help="switch the winner classifier off (relations from rules alone)")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="on the dev set, K-fold cross-validate the trained relation model (0: use the shipped one)")
    ap.add_argument("--ner", choices=("stanza", "none"), default="stanza",
                    help="NER backend: the shipped stanza model (default) or none (rules only)")
    return ap


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    sets: list[tuple[str, Path]] = []
    if args.set in ("seeds", "both"):
        sets.append(("seeds", args.seeds))
    if args.set in ("dev", "both"):
        if args.set == "both" and not (args.dev / "gold.jsonl").is_file():
            print(f"warning: no dev set at {args.dev}; skipped", file=sys.stderr)
        else:
            sets.append(("dev", args.dev))

    pred_docs = read_jsonl(args.pred) if args.pred else None
    pipeline: list[Any] = []

    def get_pipeline() -> Any:  # built once, on first use
        if not pipeline:
            from awardie import Pipeline
            from awardie.ner import NoNER

            rel: Any = None if args.rules_only_relations else "default"
            pipeline.append(Pipeline(ner=NoNER() if args.ner == "none" else None, relation_model=rel))
        return pipeline[0]

    results: dict[str, Any] = {}
    try:
        for name, directory in sets:
            results[name] = run_set(name, directory, None if pred_docs is not None else get_pipeline,
                                    pred_docs, args.show_errors, args.per_doc, args.cv if name == "dev" else 0)
    except BenchmarkError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    out = {
        "benchmark": "awards",
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "pred_file": str(args.pred) if args.pred else None,
        "sets": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
