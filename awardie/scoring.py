"""Scoring of gold-shaped documents against gold, as ANNOTATION.md ("How matching is scored") says.

Everything here works on plain dicts in the gold JSONL shape (one dict per
document with keys ``id``, ``entities``, ``awards``, ``metrics``, ``people``),
so it scores the gold files, ``Extraction.to_gold(id)`` and prediction files
alike. Choices where ANNOTATION.md leaves room:

- ``normalise`` follows ``shared/tools/gold.py``'s ``norm``: punctuation and
  symbols (Unicode P* and S*) become spaces, except ``%`` which is kept
  (Arabic ``٪`` is mapped to ``%`` first); invisible format characters (Cf:
  bidi marks, ZWNJ, BOM) are dropped.
- Awards: a leading جائزه / الجائزه token is ignored (after normalisation),
  unless it is the whole name. ``category_of`` is compared the same way.
- Lenient string match: strict, or one token set contains the other, or token
  Jaccard >= 0.5. Containment needs both token sets non-empty.
- One-to-one matching everywhere is a maximum-cardinality bipartite matching
  (Kuhn's augmenting paths). Each predicted item tries its gold candidates in
  order of preference (entities: longest overlap, then closest boundaries;
  records: most agreeing fields), so the matched pairs used for slot accuracy
  are the closest ones, and no greedy order can lose a match.
- Award records: the predicted ``award`` is compared with the gold ``award``
  and each gold alias, and each predicted alias with the gold ``award``
  (alias vs alias is not compared).
- Slot accuracy is over the lenient-matched award pairs. Strings use the
  lenient match; None vs None is correct, None vs a value wrong.
  ``received_by`` is correct when both lists are empty or there is a
  one-to-one lenient matching covering every element of both lists.
  ``year`` and ``consecutive`` compare as integers.
- Metrics: value equal within 1e-6 (absolute, or relative 1e-9 for large
  values), unit equal (case-insensitive), spans overlap. A record without
  ``start``/``end`` (gold records never have them) is located through the
  METRIC entities of its own document with the same text; several such
  entities are all candidates (any overlap counts). Where one side has no
  span at all, the normalised texts must be equal instead.
- People: name lenient match; role and organisation accuracy on the matched
  pairs (lenient; None vs None correct).
- P = tp / predicted (0 when nothing is predicted), R = tp / gold (0 when no
  gold), F1 = 0 when P + R = 0; accuracies over zero pairs are 0.
- Documents are paired by id. A gold document without a prediction is scored
  as an empty prediction; predicted documents with no gold are not scored and
  are listed in ``Report.extra_pred_ids``.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, computed_field

__all__ = [
    "ENTITY_TYPES",
    "AWARD_SLOTS",
    "Mode",
    "normalise",
    "normalise_award",
    "tokens",
    "token_jaccard",
    "strict_match",
    "lenient_match",
    "string_match",
    "PRF",
    "Accuracy",
    "DocumentScore",
    "Report",
    "AwardError",
    "score_documents",
    "score_document",
    "award_errors",
    "document_award_errors",
    "error_kinds",
]

Mode = Literal["strict", "lenient"]

ENTITY_TYPES: tuple[str, ...] = ("ORGANISATION", "PERSON", "LOCATION", "AWARD", "WORK", "YEAR", "METRIC")
AWARD_SLOTS: tuple[str, ...] = (
    "year", "category_of", "conferred_by", "received_by", "for_work", "patron", "consecutive",
)

# ---------------------------------------------------------------------------
# normalisation and string matching

_DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}  # harakat, superscript alef, tatweel
_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "٪": "%",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
})
_AWARD_HEADS = frozenset({"جائزه", "الجائزه"})


def normalise(s: str) -> str:
    """ANNOTATION.md's normalisation: NFKC, no diacritics/tatweel, folded alef/yeh/teh marbuta,
    ASCII digits, punctuation and quotes removed (``%`` kept), whitespace collapsed."""
    s = unicodedata.normalize("NFKC", s)
    s = "".join(ch for ch in s if ch not in _DIACRITICS and unicodedata.category(ch) != "Cf").translate(_FOLD)
    s = "".join(" " if ch != "%" and unicodedata.category(ch)[0] in "PS" else ch for ch in s)
    return " ".join(s.split())


def normalise_award(s: str) -> str:
    """``normalise`` and drop a leading جائزه / الجائزه (kept when it is the whole name)."""
    toks = normalise(s).split()
    if len(toks) > 1 and toks[0] in _AWARD_HEADS:
        toks = toks[1:]
    return " ".join(toks)


def _norm(s: str, award: bool) -> str:
    return normalise_award(s) if award else normalise(s)


def tokens(s: str, award: bool = False) -> frozenset[str]:
    """The token set of the normalised string."""
    return frozenset(_norm(s, award).split())


def token_jaccard(a: str, b: str, award: bool = False) -> float:
    """|A & B| / |A | B| of the normalised token sets (0 when both are empty)."""
    ta, tb = tokens(a, award), tokens(b, award)
    union = ta | tb
    return len(ta & tb) / len(union) if union else 0.0


def strict_match(a: str, b: str, award: bool = False) -> bool:
    """Equal after normalisation (``award=True``: ignoring a leading جائزة / الجائزة)."""
    return _norm(a, award) == _norm(b, award)


def lenient_match(a: str, b: str, award: bool = False) -> bool:
    """Strict, or one token set contains the other's, or token Jaccard >= 0.5."""
    if strict_match(a, b, award):
        return True
    ta, tb = tokens(a, award), tokens(b, award)
    if not ta or not tb:
        return False
    if ta <= tb or tb <= ta:
        return True
    return len(ta & tb) / len(ta | tb) >= 0.5


def string_match(a: str, b: str, mode: Mode = "lenient", award: bool = False) -> bool:
    """``strict_match`` or ``lenient_match`` by ``mode``."""
    if mode == "strict":
        return strict_match(a, b, award)
    if mode == "lenient":
        return lenient_match(a, b, award)
    raise ValueError(f"mode must be 'strict' or 'lenient', not {mode!r}")


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not normalise(v))


def _optional_match(g: Any, p: Any, mode: Mode = "lenient", award: bool = False) -> bool:
    """Slot comparison: None (or empty) on both sides is correct, on one side wrong."""
    if _blank(g) or _blank(p):
        return _blank(g) and _blank(p)
    return string_match(str(g), str(p), mode, award)


def _as_int(v: Any) -> Any:
    """An int from an int, integral float or digit string; anything else normalised (None stays None)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v) if v.is_integer() else v
    s = normalise(str(v))
    if not s:
        return None
    return int(s) if s.isdigit() else s


def _list_match(g: Sequence[str] | None, p: Sequence[str] | None, mode: Mode = "lenient") -> bool:
    """Two lists of names are equal as sets: a one-to-one match covering both."""
    gl = [x for x in (g or []) if not _blank(x)]
    pl = [x for x in (p or []) if not _blank(x)]
    if len(gl) != len(pl):
        return False
    adj = [[j for j, gv in enumerate(gl) if string_match(gv, pv, mode)] for pv in pl]
    return len(_max_matching(adj, len(gl))) == len(gl)


# ---------------------------------------------------------------------------
# one-to-one matching


def _max_matching(adj: Sequence[Sequence[int]], n_right: int) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn). ``adj[left]`` lists right nodes in order of preference.

    Returns {left: right}. Iterative, so no recursion limit."""
    match_l: list[Optional[int]] = [None] * len(adj)
    match_r: list[Optional[int]] = [None] * n_right
    for u in range(len(adj)):
        if not adj[u]:
            continue
        visited: set[int] = set()
        parent: dict[int, int] = {}
        stack: list[tuple[int, Any]] = [(u, iter(adj[u]))]
        found: Optional[int] = None
        while stack and found is None:
            node, it = stack[-1]
            for v in it:
                if v in visited:
                    continue
                visited.add(v)
                parent[v] = node
                if match_r[v] is None:
                    found = v
                else:
                    nxt = match_r[v]
                    assert nxt is not None
                    stack.append((nxt, iter(adj[nxt])))
                break
            else:
                stack.pop()
        v = found
        while v is not None:  # flip the augmenting path
            left = parent[v]
            prev = match_l[left]
            match_l[left], match_r[v] = v, left
            v = prev if left != u else None
    return {i: j for i, j in enumerate(match_l) if j is not None}


def _match_pairs(
    preds: Sequence[Any], golds: Sequence[Any],
    ok: Callable[[Any, Any], bool], weight: Callable[[Any, Any], Any] = lambda p, g: 0,
) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs among those where ``ok(pred, gold)``, best-weighted tried first."""
    adj: list[list[int]] = []
    for p in preds:
        cands = [(j, g) for j, g in enumerate(golds) if ok(p, g)]
        cands.sort(key=lambda jg: (weight(p, jg[1]), -jg[0]), reverse=True)
        adj.append([j for j, _ in cands])
    # preds with fewer candidates first: fewer augmentations, deterministic
    order = sorted(range(len(preds)), key=lambda i: (len(adj[i]), i))
    m = _max_matching([adj[i] for i in order], len(golds))
    return sorted((order[k], j) for k, j in m.items())


# ---------------------------------------------------------------------------
# result models


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


class PRF(_Model):
    """Counts and precision / recall / F1 (P = 0 when nothing predicted, R = 0 when no gold)."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.n_pred)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.n_gold)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(tp=self.tp + other.tp, n_pred=self.n_pred + other.n_pred, n_gold=self.n_gold + other.n_gold)


class Accuracy(_Model):
    """correct / total (0 when total is 0)."""

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.total)

    def __add__(self, other: "Accuracy") -> "Accuracy":
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)


class DocumentScore(_Model):
    """The scores of one document."""

    id: str
    has_prediction: bool
    entities_exact: PRF
    entities_overlap: PRF
    awards_strict: PRF
    awards_lenient: PRF
    metrics: PRF
    people: PRF


class AwardError(_Model):
    """A false positive (unmatched prediction) or false negative (unmatched gold) award record.

    ``error`` is the kind: ``wrong_year``, ``wrong_winner`` or ``wrong_award`` when an
    unmatched record on the other side agrees on the other two keys, else
    ``spurious`` (false positive) / ``missed`` (false negative)."""

    doc_id: str
    kind: Literal["false_positive", "false_negative"]
    error: Literal["wrong_year", "wrong_winner", "wrong_award", "spurious", "missed"]
    index: int  # index of the record in its document's ``awards`` list
    record: dict[str, Any]
    counterpart: Optional[dict[str, Any]] = None  # the near-miss record on the other side, if any
    evidence_start: Optional[int] = None
    evidence_end: Optional[int] = None


class Report(_Model):
    """All scores of a set of documents, micro-averaged over documents."""

    n_docs: int
    entities_exact: PRF
    entities_overlap: PRF
    entities_exact_by_type: dict[str, PRF]
    entities_overlap_by_type: dict[str, PRF]
    awards_strict: PRF
    awards_lenient: PRF
    award_slots: dict[str, Accuracy]  # on lenient-matched pairs, keys AWARD_SLOTS
    metrics: PRF
    metric_subject: Accuracy
    metric_property: Accuracy
    people: PRF
    person_role: Accuracy
    person_organisation: Accuracy
    documents: list[DocumentScore]
    missing_pred_ids: list[str]  # gold documents scored as empty predictions
    extra_pred_ids: list[str]  # predicted documents with no gold (not scored)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (computed P/R/F1 and accuracies included)."""
        return self.model_dump(mode="json")

    def table(self, per_document: bool = False) -> str:
        """Readable text tables."""
        out: list[str] = [f"documents: {self.n_docs}"
                          + (f" ({len(self.missing_pred_ids)} without prediction)" if self.missing_pred_ids else "")]

        def prf_table(title: str, rows: list[tuple[str, PRF]]) -> None:
            w = max([len(title)] + [len(n) for n, _ in rows])
            out.append("")
            out.append(f"{title:<{w}}  {'tp':>5} {'pred':>5} {'gold':>5}  {'P':>6} {'R':>6} {'F1':>6}")
            out.append("-" * (w + 43))
            for name, s in rows:
                out.append(f"{name:<{w}}  {s.tp:>5} {s.n_pred:>5} {s.n_gold:>5}  "
                           f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")

        def acc_table(title: str, rows: list[tuple[str, Accuracy]]) -> None:
            w = max([len(title)] + [len(n) for n, _ in rows])
            out.append("")
            out.append(f"{title:<{w}}  {'correct':>7} {'of':>5}  {'acc':>6}")
            out.append("-" * (w + 24))
            for name, a in rows:
                out.append(f"{name:<{w}}  {a.correct:>7} {a.total:>5}  {a.accuracy:>6.3f}")

        types = list(self.entities_exact_by_type)
        prf_table("entities (exact)", [(t, self.entities_exact_by_type[t]) for t in types]
                  + [("micro", self.entities_exact)])
        prf_table("entities (overlap)", [(t, self.entities_overlap_by_type[t]) for t in types]
                  + [("micro", self.entities_overlap)])
        prf_table("records", [("awards strict", self.awards_strict), ("awards lenient", self.awards_lenient),
                              ("metrics", self.metrics), ("people", self.people)])
        acc_table("award slots (lenient pairs)", [(k, v) for k, v in self.award_slots.items()])
        acc_table("on matched records", [("metric subject", self.metric_subject),
                                         ("metric property", self.metric_property),
                                         ("person role", self.person_role),
                                         ("person organisation", self.person_organisation)])
        if per_document:
            w = max([8] + [len(d.id) for d in self.documents])
            out.append("")
            out.append(f"{'document':<{w}}  {'ent-ovl F1':>10} {'aw-strict F1':>12} {'aw-len F1':>9} "
                       f"{'metric F1':>9} {'people F1':>9}")
            out.append("-" * (w + 56))
            def f1(s: PRF, width: int) -> str:  # "-" where there is nothing to score
                return f"{s.f1:>{width}.3f}" if s.n_pred or s.n_gold else f"{'-':>{width}}"

            for d in self.documents:
                out.append(f"{d.id:<{w}}  {f1(d.entities_overlap, 10)} {f1(d.awards_strict, 12)} "
                           f"{f1(d.awards_lenient, 9)} {f1(d.metrics, 9)} {f1(d.people, 9)}")
        return "\n".join(out)


# ---------------------------------------------------------------------------
# entities


def _entity_key(e: Mapping[str, Any]) -> tuple[int, int, str]:
    return int(e["start"]), int(e["end"]), str(e["type"])


def _score_entities(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
                    ) -> tuple[dict[str, PRF], dict[str, PRF]]:
    """Per-type exact and overlap counts of one document."""
    g_keys = [_entity_key(e) for e in gold]
    p_keys = [_entity_key(e) for e in pred]
    types = {k[2] for k in g_keys} | {k[2] for k in p_keys}
    exact: dict[str, PRF] = {}
    overlap: dict[str, PRF] = {}
    for t in types:
        gt = [k for k in g_keys if k[2] == t]
        pt = [k for k in p_keys if k[2] == t]
        tp_exact = sum((Counter(gt) & Counter(pt)).values())
        exact[t] = PRF(tp=tp_exact, n_pred=len(pt), n_gold=len(gt))

        def ovl(p: tuple[int, int, str], g: tuple[int, int, str]) -> int:
            return min(p[1], g[1]) - max(p[0], g[0])

        pairs = _match_pairs(pt, gt, lambda p, g: ovl(p, g) > 0,
                             lambda p, g: (ovl(p, g), -abs(p[0] - g[0]) - abs(p[1] - g[1])))
        overlap[t] = PRF(tp=len(pairs), n_pred=len(pt), n_gold=len(gt))
    return exact, overlap


# ---------------------------------------------------------------------------
# award records


def _award_names(r: Mapping[str, Any]) -> list[str]:
    return [x for x in [r.get("award")] + list(r.get("award_aliases") or []) if isinstance(x, str) and x]


def _award_name_match(p: Mapping[str, Any], g: Mapping[str, Any], mode: Mode) -> bool:
    """Predicted award vs gold award or a gold alias; predicted aliases vs gold award."""
    p_award, g_award = p.get("award") or "", g.get("award") or ""
    if p_award and any(string_match(p_award, x, mode, award=True) for x in _award_names(g)):
        return True
    return bool(g_award) and any(string_match(x, g_award, mode, award=True) for x in _award_names(p)[1:])


def _award_keys_match(p: Mapping[str, Any], g: Mapping[str, Any], mode: Mode,
                      winner: bool = True, award: bool = True, year: bool = True) -> bool:
    if winner and not _optional_match(g.get("winner"), p.get("winner"), mode):
        return False
    if year and _as_int(p.get("year")) != _as_int(g.get("year")):
        return False
    return not award or _award_name_match(p, g, mode)


def _slot_correct(slot: str, g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    if slot in ("year", "consecutive"):
        return _as_int(g.get(slot)) == _as_int(p.get(slot))
    if slot == "received_by":
        return _list_match(g.get(slot), p.get(slot))
    return _optional_match(g.get(slot), p.get(slot), "lenient", award=(slot == "category_of"))


def _award_weight(p: Mapping[str, Any], g: Mapping[str, Any]) -> int:
    """Preference among candidate gold records: strict key agreement, then slot agreement."""
    w = 10 * _award_keys_match(p, g, "strict")
    w += 4 * _optional_match(g.get("award"), p.get("award"), "strict", award=True)
    return w + sum(_slot_correct(s, g, p) for s in AWARD_SLOTS)


def _award_pairs(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], mode: Mode
                 ) -> list[tuple[int, int]]:
    return _match_pairs(pred, gold, lambda p, g: _award_keys_match(p, g, mode), _award_weight)


# ---------------------------------------------------------------------------
# metrics


def _metric_spans(m: Mapping[str, Any], entities: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """The record's own start/end, else every METRIC entity of the document with its text."""
    if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
        return [(m["start"], m["end"])]
    text = m.get("text")
    if not isinstance(text, str) or not text:
        return []
    mets = [e for e in entities if e.get("type") == "METRIC"]
    spans = [_entity_key(e)[:2] for e in mets if e.get("text") == text]
    if not spans:
        spans = [_entity_key(e)[:2] for e in mets if normalise(str(e.get("text", ""))) == normalise(text)]
    return spans


def _value_equal(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=1e-6)


def _unit(u: Any) -> str:
    return str(u or "").strip().lower()


def _metric_ok(p: Mapping[str, Any], g: Mapping[str, Any], p_spans: list[tuple[int, int]],
               g_spans: list[tuple[int, int]]) -> bool:
    if not _value_equal(p.get("value"), g.get("value")) or _unit(p.get("unit")) != _unit(g.get("unit")):
        return False
    if p_spans and g_spans:
        return any(min(pe, ge) > max(ps, gs) for ps, pe in p_spans for gs, ge in g_spans)
    pt, gt = p.get("text"), g.get("text")
    return isinstance(pt, str) and isinstance(gt, str) and bool(normalise(pt)) and normalise(pt) == normalise(gt)


def _metric_pairs(gold_doc: Mapping[str, Any], pred_doc: Mapping[str, Any]) -> list[tuple[int, int]]:
    gm, pm = list(gold_doc.get("metrics") or []), list(pred_doc.get("metrics") or [])
    g_sp = [_metric_spans(m, gold_doc.get("entities") or []) for m in gm]
    p_sp = [_metric_spans(m, pred_doc.get("entities") or []) for m in pm]
    pi = list(range(len(pm)))
    gi = list(range(len(gm)))
    return _match_pairs(
        pi, gi,
        lambda i, j: _metric_ok(pm[i], gm[j], p_sp[i], g_sp[j]),
        lambda i, j: (_optional_match(gm[j].get("subject"), pm[i].get("subject")),
                      _optional_match(gm[j].get("property"), pm[i].get("property"))),
    )


# ---------------------------------------------------------------------------
# documents


class _DocCounts:
    """Mutable tallies of one or many documents."""

    def __init__(self) -> None:
        self.exact: dict[str, PRF] = {}
        self.overlap: dict[str, PRF] = {}
        self.awards_strict = PRF()
        self.awards_lenient = PRF()
        self.slots: dict[str, Accuracy] = {s: Accuracy() for s in AWARD_SLOTS}
        self.metrics = PRF()
        self.metric_subject = Accuracy()
        self.metric_property = Accuracy()
        self.people = PRF()
        self.person_role = Accuracy()
        self.person_organisation = Accuracy()

    def add(self, other: "_DocCounts") -> None:
        for mine, theirs in ((self.exact, other.exact), (self.overlap, other.overlap)):
            for t, s in theirs.items():
                mine[t] = mine.get(t, PRF()) + s
        for s in AWARD_SLOTS:
            self.slots[s] = self.slots[s] + other.slots[s]
        for name in ("awards_strict", "awards_lenient", "metrics", "metric_subject", "metric_property",
                     "people", "person_role", "person_organisation"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _acc(pairs: Iterable[bool]) -> Accuracy:
    vals = list(pairs)
    return Accuracy(correct=sum(vals), total=len(vals))


def _count_document(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> _DocCounts:
    c = _DocCounts()
    c.exact, c.overlap = _score_entities(gold.get("entities") or [], pred.get("entities") or [])

    ga, pa = list(gold.get("awards") or []), list(pred.get("awards") or [])
    c.awards_strict = PRF(tp=len(_award_pairs(ga, pa, "strict")), n_pred=len(pa), n_gold=len(ga))
    lenient = _award_pairs(ga, pa, "lenient")
    c.awards_lenient = PRF(tp=len(lenient), n_pred=len(pa), n_gold=len(ga))
    c.slots = {s: _acc(_slot_correct(s, ga[j], pa[i]) for i, j in lenient) for s in AWARD_SLOTS}

    gm, pm = list(gold.get("metrics") or []), list(pred.get("metrics") or [])
    mpairs = _metric_pairs(gold, pred)
    c.metrics = PRF(tp=len(mpairs), n_pred=len(pm), n_gold=len(gm))
    c.metric_subject = _acc(_optional_match(gm[j].get("subject"), pm[i].get("subject")) for i, j in mpairs)
    c.metric_property = _acc(_optional_match(gm[j].get("property"), pm[i].get("property")) for i, j in mpairs)

    gp, pp = list(gold.get("people") or []), list(pred.get("people") or [])
    ppairs = _match_pairs(
        pp, gp, lambda p, g: _optional_match(g.get("name"), p.get("name")) and not _blank(g.get("name")),
        lambda p, g: (_optional_match(g.get("name"), p.get("name"), "strict"),
                      _optional_match(g.get("role"), p.get("role")),
                      _optional_match(g.get("organisation"), p.get("organisation"))),
    )
    c.people = PRF(tp=len(ppairs), n_pred=len(pp), n_gold=len(gp))
    c.person_role = _acc(_optional_match(gp[j].get("role"), pp[i].get("role")) for i, j in ppairs)
    c.person_organisation = _acc(_optional_match(gp[j].get("organisation"), pp[i].get("organisation"))
                                 for i, j in ppairs)
    return c


def _empty(doc_id: str) -> dict[str, Any]:
    return {"id": doc_id, "entities": [], "awards": [], "metrics": [], "people": []}


def _sum(d: Mapping[str, PRF]) -> PRF:
    total = PRF()
    for s in d.values():
        total = total + s
    return total


def _ordered_types(d: Mapping[str, PRF]) -> dict[str, PRF]:
    known = [t for t in ENTITY_TYPES if t in d]
    return {t: d[t] for t in known + sorted(set(d) - set(known))}


def _document_score(doc_id: str, has_prediction: bool, c: _DocCounts) -> DocumentScore:
    return DocumentScore(id=doc_id, has_prediction=has_prediction,
                         entities_exact=_sum(c.exact), entities_overlap=_sum(c.overlap),
                         awards_strict=c.awards_strict, awards_lenient=c.awards_lenient,
                         metrics=c.metrics, people=c.people)


def score_document(gold: Mapping[str, Any], pred: Optional[Mapping[str, Any]]) -> DocumentScore:
    """Scores of one gold document against its prediction (None: empty prediction)."""
    gid = str(gold.get("id"))
    return _document_score(gid, pred is not None, _count_document(gold, pred if pred is not None else _empty(gid)))


def _index(pred: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    by_id: dict[str, Mapping[str, Any]] = {}
    for d in pred:
        key = str(d.get("id"))
        if key in by_id:
            raise ValueError(f"two predictions for document {key!r}")
        by_id[key] = d
    return by_id


def score_documents(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> Report:
    """Score predicted documents against gold ones, paired by ``id`` (see module docstring)."""
    by_id = _index(pred)
    gold_ids = [str(g.get("id")) for g in gold]
    if len(set(gold_ids)) != len(gold_ids):
        raise ValueError("duplicate ids in gold")
    total = _DocCounts()
    docs: list[DocumentScore] = []
    for g, gid in zip(gold, gold_ids):
        p = by_id.get(gid)
        c = _count_document(g, p if p is not None else _empty(gid))
        total.add(c)
        docs.append(_document_score(gid, p is not None, c))
    return Report(
        n_docs=len(gold),
        entities_exact=_sum(total.exact), entities_overlap=_sum(total.overlap),
        entities_exact_by_type=_ordered_types(total.exact), entities_overlap_by_type=_ordered_types(total.overlap),
        awards_strict=total.awards_strict, awards_lenient=total.awards_lenient, award_slots=total.slots,
        metrics=total.metrics, metric_subject=total.metric_subject, metric_property=total.metric_property,
        people=total.people, person_role=total.person_role, person_organisation=total.person_organisation,
        documents=docs,
        missing_pred_ids=[i for i in gold_ids if i not in by_id],
        extra_pred_ids=sorted(set(by_id) - set(gold_ids)),
    )


# ---------------------------------------------------------------------------
# error listing


def _evidence_offsets(r: Mapping[str, Any], text: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    """Offsets of a record's evidence: from ``evidence_span`` / ``evidence_start``+``evidence_end``
    when the record carries them, else the first occurrence of ``evidence`` in ``text``."""
    span = r.get("evidence_span")
    if isinstance(span, Mapping) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
        return span["start"], span["end"]
    if isinstance(r.get("evidence_start"), int) and isinstance(r.get("evidence_end"), int):
        return r["evidence_start"], r["evidence_end"]
    ev = r.get("evidence")
    if text is not None and isinstance(ev, str) and ev:
        k = text.find(ev)
        if k >= 0:
            return k, k + len(ev)
    return None, None


def _near_miss(r: Mapping[str, Any], others: Sequence[Mapping[str, Any]], mode: Mode, r_is_pred: bool
               ) -> tuple[Optional[str], Optional[Mapping[str, Any]]]:
    """The first kind of near miss between ``r`` and one of ``others`` (unmatched records of the other side)."""
    for kind, drop in (("wrong_year", "year"), ("wrong_award", "award"), ("wrong_winner", "winner")):
        for o in others:
            p, g = (r, o) if r_is_pred else (o, r)
            if _award_keys_match(p, g, mode, **{drop: False}):
                return kind, o
    return None, None


def document_award_errors(gold: Mapping[str, Any], pred: Optional[Mapping[str, Any]], mode: Mode = "lenient",
                          text: Optional[str] = None) -> list[AwardError]:
    """False positives then false negatives of one document's award records under ``mode``.

    ``text`` (the document) lets predictions without evidence offsets be located by their evidence."""
    doc_id = str(gold.get("id"))
    ga = list(gold.get("awards") or [])
    pa = list((pred or {}).get("awards") or [])
    pairs = _award_pairs(ga, pa, mode)
    p_free = [i for i in range(len(pa)) if i not in {i for i, _ in pairs}]
    g_free = [j for j in range(len(ga)) if j not in {j for _, j in pairs}]
    out: list[AwardError] = []
    for i in p_free:
        kind, other = _near_miss(pa[i], [ga[j] for j in g_free], mode, r_is_pred=True)
        s, e = _evidence_offsets(pa[i], text)
        out.append(AwardError(doc_id=doc_id, kind="false_positive", error=kind or "spurious", index=i,  # type: ignore[arg-type]
                              record=dict(pa[i]), counterpart=dict(other) if other else None,
                              evidence_start=s, evidence_end=e))
    for j in g_free:
        kind, other = _near_miss(ga[j], [pa[i] for i in p_free], mode, r_is_pred=False)
        s, e = _evidence_offsets(ga[j], text)
        out.append(AwardError(doc_id=doc_id, kind="false_negative", error=kind or "missed", index=j,  # type: ignore[arg-type]
                              record=dict(ga[j]), counterpart=dict(other) if other else None,
                              evidence_start=s, evidence_end=e))
    return out


def award_errors(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], mode: Mode = "lenient",
                 texts: Optional[Mapping[str, str]] = None) -> list[AwardError]:
    """Award-record false positives and negatives of every gold document (documents paired by id)."""
    by_id = _index(pred)
    out: list[AwardError] = []
    for g in gold:
        gid = str(g.get("id"))
        out.extend(document_award_errors(g, by_id.get(gid), mode, (texts or {}).get(gid)))
    return out


def error_kinds(errors: Iterable[AwardError]) -> dict[str, int]:
    """Counts of ``"<kind>/<error>"``, e.g. ``{"false_positive/wrong_year": 2}``, sorted by key."""
    c = Counter(f"{e.kind}/{e.error}" for e in errors)
    return dict(sorted(c.items()))
