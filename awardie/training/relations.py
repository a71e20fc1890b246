"""Train the winner classifier (awardie/models/relations/winner.json) from award-news gold.

    python -m awardie.training.relations [--dev ../shared/data/award_news/dev] [--extra-gold FILE.jsonl ...]

Pairs come from the pipeline itself (its entities and win triggers, with the
relation model switched off), so training sees what inference sees. A pair
(award, candidate) is positive when a gold record's award matches the award
and its winner matches the candidate's fullest name (ANNOTATION.md's lenient
match). Texts are read from the gold folder at run time, never copied.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import platform
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..coref import Coreference
from ..document import Document
from ..relation_model import MODEL_DIR, MODEL_FILE, pair_features
from ..scoring import lenient_match

if TYPE_CHECKING:
    from ..pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DEV = REPO.parent / "shared" / "data" / "award_news" / "dev"

Example = tuple[dict[str, float], int]


def read_gold(folder: Path) -> list[tuple[dict[str, Any], str]]:
    """(gold document, text) pairs of a folder with gold.jsonl and <id>.txt."""
    docs = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            gold = json.loads(line)
            docs.append((gold, (folder / f"{gold['id']}.txt").read_text(encoding="utf-8")))
    return docs


def examples(docs: Iterable[tuple[dict[str, Any], str]], pipeline: "Pipeline") -> list[Example]:
    """Feature dicts and labels of every candidate pair in `docs` (entities from `pipeline`)."""
    out: list[Example] = []
    for gold, text in docs:
        doc = Document(text)
        _, entities = pipeline._entities(doc)
        coref = Coreference(doc, entities, pipeline.names)
        for award, trigger, cands in pipeline.records.candidate_pairs(doc, entities):
            for cand in cands:
                name = coref.fullest(cand)
                label = any(
                    lenient_match(r["winner"], name)
                    and any(lenient_match(a, award.text, award=True) for a in [r["award"], *r["award_aliases"]])
                    for r in gold["awards"])
                out.append((pair_features(doc, pipeline.names, award, cand, trigger), int(label)))
    return out


def fit(data: list[Example], c: float = 1.0) -> dict[str, float]:
    """Logistic regression weights (feature → weight); the 'bias' feature is the intercept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if not data or len({y for _, y in data}) < 2:
        return {"bias": -3.0}  # nothing to learn from: a model that never overrides the rules
    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in data])
    y = [label for _, label in data]
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000, class_weight="balanced")
    model.fit(x, y)
    return {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-6}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="gold folder (gold.jsonl + <id>.txt)")
    ap.add_argument("--ner", choices=("stanza", "none"), default="stanza")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    args = ap.parse_args()

    from ..ner import NoNER

    t0 = time.time()
    docs = read_gold(args.dev)
    from ..pipeline import Pipeline

    data = examples(docs, Pipeline(ner=NoNER() if args.ner == "none" else None, relation_model=None))
    weights = fit(data, args.C)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / MODEL_FILE).write_text(json.dumps({"weights": weights}, ensure_ascii=False, sort_keys=True, indent=0),
                                       encoding="utf-8")
    import sklearn

    meta = {
        "model": "winner-logreg",
        "what": "logistic regression over (award, candidate winner) pair features; see awardie/relation_model.py",
        "trained_on": {"folder": str(args.dev.name), "documents": len(docs),
                       "gold_sha256": hashlib.sha256((args.dev / "gold.jsonl").read_bytes()).hexdigest()},
        "pairs": len(data), "positives": sum(y for _, y in data), "features": len(weights),
        "options": {"C": args.C, "class_weight": "balanced", "ner": args.ner},
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
        "training_seconds": round(time.time() - t0, 1),
        "licence": ("weights derived from research-only award-news gold (see ../shared/data/award_news/SOURCES.tsv); "
                    "no text is stored, only feature weights"),
        "scores": "cross-validated record scores: README, `python benchmarks/awards.py --cv 5`",
    }
    (args.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"{len(data)} pairs ({meta['positives']} positive), {len(weights)} features → {args.out / MODEL_FILE}")


if __name__ == "__main__":
    main()
