"""Interchange formats: gold-shape JSONL, brat standoff, CoNLL BIO, Wikidata-style statements.

- `read_jsonl(path)` / `write_jsonl(path, rows)`; `write_gold(path, [(id, extraction), ...])`
  writes the gold shape of ANNOTATION.md (what `awardie.scoring` reads).
- `to_brat(extraction) -> (txt, ann)`: T lines for entities, R lines for
  relations (Arg1 = head, Arg2 = tail), AnnotatorNotes holding source, score
  and value; `from_brat(text, ann) -> list[Entity]` reads the T lines back.
- `to_conll(extraction)`: one "token<TAB>BIO-tag" line per awardie token,
  a blank line between sentences.
- `to_wikidata(extraction)`: one P166 (award received) statement per award record.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import IO, Any, Iterable, Mapping, Optional, Union

from .schema import ENTITY_TYPES, AwardRecord, Entity, Extraction
from .text import sentences, tokenize

__all__ = ["read_jsonl", "write_jsonl", "write_gold", "to_brat", "from_brat", "to_conll", "to_wikidata"]

PathOrFile = Union[str, Path, IO[str]]


# ---------------------------------------------------------------------------
# JSONL

def read_jsonl(source: PathOrFile) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file (blank lines skipped); ValueError names a bad line."""
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8") as f:
            return read_jsonl(f)
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {n}: not JSON ({exc})") from exc
        if not isinstance(row, dict):
            raise ValueError(f"line {n}: expected a JSON object, got {type(row).__name__}")
        rows.append(row)
    return rows


def write_jsonl(target: PathOrFile, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write one deterministic JSON line (sorted keys, UTF-8) per row; returns the number written."""
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8") as f:
            return write_jsonl(f, rows)
    n = 0
    for row in rows:
        target.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def write_gold(target: PathOrFile, docs: Iterable[tuple[str, Extraction]]) -> int:
    """Write (id, extraction) pairs as gold-shape JSONL lines."""
    return write_jsonl(target, (ex.to_gold(doc_id) for doc_id, ex in docs))


# ---------------------------------------------------------------------------
# brat standoff

def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """brat spans cannot cross a newline: split at line breaks (and drop empty pieces)."""
    frags: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"\n+", text[start:end]):
        if start + m.start() > pos:
            frags.append((pos, start + m.start()))
        pos = start + m.end()
    if end > pos:
        frags.append((pos, end))
    return frags or [(start, end)]


def _note(e: Entity) -> str:
    """score, value and source (last: it may hold spaces), exact enough to read back."""
    value = f" value={e.value!r}" if e.value is not None else ""
    return f"score={e.score!r}{value} source={e.source}"


def to_brat(extraction: Extraction) -> tuple[str, str]:
    """(txt, ann) of brat's standoff format. Offsets are character offsets into txt."""
    text = extraction.text
    ids: dict[tuple[int, int, str], str] = {}
    lines: list[str] = []

    def t_id(e: Entity) -> str:
        key = (e.start, e.end, e.type)
        if key not in ids:
            ids[key] = f"T{len(ids) + 1}"
            frags = ";".join(f"{a} {b}" for a, b in _fragments(text, e.start, e.end))
            lines.append(f"{ids[key]}\t{e.type} {frags}\t{' '.join(e.text.split())}")
            lines.append(f"#{len(ids)}\tAnnotatorNotes {ids[key]}\t{_note(e)}")
        return ids[key]

    for e in extraction.entities:
        t_id(e)
    for n, r in enumerate(extraction.relations, 1):
        lines.append(f"R{n}\t{r.type} Arg1:{t_id(r.head)} Arg2:{t_id(r.tail)}")
    return text, "\n".join(lines) + ("\n" if lines else "")


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_NOTE_LINE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t(.*)$")


def _parse_note(note: str) -> dict[str, str]:
    head, _, source = note.partition("source=")
    fields = dict(kv.split("=", 1) for kv in head.split() if "=" in kv)
    if source:
        fields["source"] = source
    return fields


def from_brat(text: str, ann: str) -> list[Entity]:
    """The entities (T lines of awardie's types) of a brat .ann over `text`, sorted by offset.

    A discontinuous span becomes one entity from its first start to its last
    end. Source, score and value come from awardie's AnnotatorNotes where
    present (else source "brat", score 1.0). Raises ValueError on a malformed
    T line or a span outside the text.
    """
    spans: dict[str, tuple[str, int, int]] = {}
    notes: dict[str, dict[str, str]] = {}
    for n, line in enumerate(ann.splitlines(), 1):
        if line.startswith("T"):
            m = _T_LINE.match(line)
            if m is None:
                raise ValueError(f"ann line {n}: malformed text-bound annotation: {line!r}")
            offsets = [int(x) for frag in m.group(3).split(";") for x in frag.split()]
            start, end = min(offsets), max(offsets)
            if end > len(text):
                raise ValueError(f"ann line {n}: span {start}:{end} is outside the text ({len(text)} chars)")
            spans[m.group(1)] = (m.group(2), start, end)
        elif (m := _NOTE_LINE.match(line)) is not None:
            notes[m.group(1)] = _parse_note(m.group(2))
    out: list[Entity] = []
    for tid, (typ, start, end) in spans.items():
        if typ not in ENTITY_TYPES:
            continue  # other annotation schemes' types are not awardie entities
        note = notes.get(tid, {})
        value = note.get("value")
        out.append(Entity(start=start, end=end, text=text[start:end], type=typ,  # type: ignore[arg-type]
                          source=note.get("source", "brat"), score=float(note.get("score", 1.0)),
                          value=float(value) if value is not None else None))
    return sorted(out, key=lambda e: (e.start, e.end, e.type))


# ---------------------------------------------------------------------------
# CoNLL BIO

def to_conll(extraction: Extraction) -> str:
    """"token<TAB>tag" per awardie token (awardie.text.tokenize), blank line between sentences.

    A token overlapping an entity takes its type: B- on the entity's first
    token, I- on the others (a token like بجائزة whose stem starts an AWARD is B-AWARD).
    """
    text = extraction.text
    ents = sorted(extraction.entities, key=lambda e: e.start)
    blocks: list[str] = []
    i = 0  # first entity that may still overlap a later token
    for s_start, s_end in sentences(text):
        lines: list[str] = []
        prev: Optional[Entity] = None
        for tok in tokenize(text, s_start, s_end):
            while i < len(ents) and ents[i].end <= tok.start:
                i += 1
            ent = next((e for e in ents[i:i + 4] if e.start < tok.end and tok.start < e.end), None)
            if ent is None:
                tag = "O"
            else:
                tag = ("I-" if ent is prev else "B-") + ent.type
            prev = ent
            lines.append(f"{tok.text}\t{tag}")
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# ---------------------------------------------------------------------------
# Wikidata-style statements

_GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


def _label(s: str) -> dict[str, str]:
    return {"label": s, "language": "ar"}


def _statement(a: AwardRecord) -> dict[str, Any]:
    qualifiers: dict[str, Any] = {}
    if a.year is not None:
        qualifiers["P585"] = {"property_label": "point in time",
                              "value": {"time": f"+{a.year:04d}-00-00T00:00:00Z", "precision": 9,
                                        "calendarmodel": _GREGORIAN}}
    if a.conferred_by is not None:
        qualifiers["P1027"] = {"property_label": "conferred by", "value": _label(a.conferred_by)}
    if a.for_work is not None:
        qualifiers["P1686"] = {"property_label": "for work", "value": _label(a.for_work)}
    return {
        "subject": _label(a.winner),
        "property": "P166",
        "property_label": "award received",
        "value": _label(a.award),
        "qualifiers": qualifiers,
        "references": [{"P1683": {"property_label": "quotation", "value": {"text": a.evidence, "language": "ar"}}}],
        "source": a.source,
        "score": a.score,
    }


def to_wikidata(extraction: Extraction) -> list[dict[str, Any]]:
    """One "award received" (P166) statement per award record: subject = winner,
    value = award, qualifiers P585 (year), P1027 (conferred by), P1686 (for work)
    where known, and the evidence sentence as a P1683 quotation reference.
    Labels are strings, not resolved Q-ids."""
    return [_statement(a) for a in extraction.awards]
