"""The statistical winner classifier: scores (award, candidate winner) pairs.

A logistic regression over sparse features of the pair (entity type, order,
distance, the trigger and the words between them, the word before the
candidate ...). It is trained by `awardie/training/relations.py` from the
award-news gold and ships as plain JSON (feature → weight) in
awardie/models/relations/, so inference needs no scikit-learn and no pickle.

Policy (see relations.py): rules first; the classifier picks the winner where
the rules find none in the sentence, and vetoes a rule winner it scores below
`veto_below`.
"""
from __future__ import annotations

import json
import math
import threading
from pathlib import Path
from typing import Optional, Sequence

from .document import Document
from .errors import ModelError, ModelNotFoundError
from .rules.entities import NameRules
from .rules.matcher import stem_in
from .schema import Entity

__all__ = ["WinnerClassifier", "pair_features", "MODEL_DIR"]

MODEL_DIR = Path(__file__).resolve().parent / "models" / "relations"
MODEL_FILE = "winner.json"


def _bucket(n: int) -> str:
    for b in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= b:
            return str(b)
    return "far"


def pair_features(doc: Document, names: NameRules, award: Entity, cand: Entity,
                  trigger_index: Optional[int]) -> dict[str, float]:
    """Sparse features of one (award, candidate winner) pair in the same sentence."""
    toks = doc.tokens
    a_first, a_last = doc.token_range(award.start, award.end)
    c_first, c_last = doc.token_range(cand.start, cand.end)
    before = c_last <= a_first
    lo, hi = (c_last, a_first) if before else (a_last, c_first)
    between = toks[lo:hi]
    f: dict[str, float] = {
        "bias": 1.0,
        f"type={cand.type}": 1.0,
        f"order={'before' if before else 'after'}": 1.0,
        f"dist={_bucket(len(between))}": 1.0,
        f"type+order={cand.type}+{'before' if before else 'after'}": 1.0,
        f"source={cand.source.split(':')[0]}": 1.0,
    }
    commas = sum(1 for t in between if t.text in ("،", ","))
    f[f"commas={min(commas, 3)}"] = 1.0
    if any(t.text in (".", "؟", "!") for t in between):
        f["sentence_break_between"] = 1.0
    if any(stem_in(t, names.award_head) for t in between):
        f["award_between"] = 1.0
    if trigger_index is not None:
        t_between = lo <= trigger_index < hi
        f[f"trigger_between={t_between}"] = 1.0
        if c_first > trigger_index and (c_first - trigger_index) <= 2:
            f["right_after_trigger"] = 1.0
        if c_last <= trigger_index and trigger_index - c_last <= 2:
            f["right_before_trigger"] = 1.0
        f[f"trigger={toks[trigger_index].norm}"] = 1.0
    if len(between) <= 4:
        for t in between:
            f[f"between={t.norm}"] = 1.0
    if c_first > 0:
        prev = toks[c_first - 1]
        f[f"prev={prev.norm}"] = 1.0
        if names.is_person_cue(prev):
            f["prev_is_title"] = 1.0
        if prev.norm in ("الي", "ل", "لـ") or prev.norm.startswith("ل"):
            f["prev_is_to"] = 1.0
    if c_last < len(toks):
        f[f"next={toks[c_last].norm}"] = 1.0
    return f


class WinnerClassifier:
    """Loads lazily; thread-safe; a clear error names a missing or corrupt file."""

    name = "winner-logreg"

    def __init__(self, model_dir: Optional[Path] = None, weights: Optional[dict[str, float]] = None,
                 veto_below: float = 0.2, pick_above: float = 0.5) -> None:
        self.path = Path(model_dir or MODEL_DIR) / MODEL_FILE
        self._weights = weights
        self._lock = threading.Lock()
        self.veto_below = veto_below
        self.pick_above = pick_above
        if weights is None and not self.path.is_file():
            raise ModelNotFoundError(
                f"relation model file {self.path} is missing; rebuild it with "
                f"`python -m awardie.training.relations` or pass relation_model=None to Pipeline")

    @property
    def weights(self) -> dict[str, float]:
        if self._weights is None:
            with self._lock:
                if self._weights is None:
                    try:
                        data = json.loads(self.path.read_text(encoding="utf-8"))
                        weights = {str(k): float(v) for k, v in data["weights"].items()}
                    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                        raise ModelError(f"relation model file {self.path} is corrupt ({exc}); rebuild it with "
                                         f"`python -m awardie.training.relations`") from exc
                    self._weights = weights
        return self._weights

    def score(self, features: dict[str, float]) -> float:
        w = self.weights
        z = sum(w.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, doc: Document, names: NameRules, award: Entity, cands: Sequence[Entity],
             trigger_index: Optional[int]) -> Optional[tuple[Entity, float]]:
        scored = [(c, self.score(pair_features(doc, names, award, c, trigger_index))) for c in cands]
        scored.sort(key=lambda cs: (-cs[1], cs[0].start))
        return scored[0] if scored else None
