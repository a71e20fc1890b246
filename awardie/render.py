"""HTML view of an `Extraction`: the text with entity spans highlighted, and its records.

`render_html(extraction)` returns one standalone UTF-8 page (right-to-left,
lang="ar", no script, no external resource). Every entity becomes
`<mark class="ent ent-TYPE" data-type=TYPE data-start=.. data-end=..>`;
everything taken from the text or the records is HTML-escaped.
Jupyter shows it through `Extraction._repr_html_`.
"""
from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any, Iterable, Optional, Sequence

from .schema import ENTITY_TYPES, Entity, Extraction

__all__ = ["render_html", "highlight", "COLOURS"]

COLOURS: dict[str, str] = {
    "ORGANISATION": "#a6cee3",
    "PERSON": "#fdbf6f",
    "LOCATION": "#b2df8a",
    "AWARD": "#fb9a99",
    "WORK": "#cab2d6",
    "YEAR": "#ffff99",
    "METRIC": "#8dd3c7",
}

_CSS = """
body { font-family: "Noto Naskh Arabic", "DejaVu Sans", "Arial", sans-serif; margin: 2em; line-height: 1.9; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: 1em; border-radius: 6px; }
mark.ent { padding: 0 .15em; border-radius: 3px; }
mark.ent::after { content: attr(data-type); font-size: .55em; font-family: sans-serif; margin-inline-start: .3em;
                  vertical-align: super; opacity: .7; }
.legend span { display: inline-block; margin: .2em; padding: 0 .5em; border-radius: 3px; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .2em .5em; vertical-align: top; }
th { background: #f4f4f4; }
td.num { direction: ltr; text-align: left; }
""" + "".join(f"mark.ent-{t}, .legend .ent-{t} {{ background: {c}; }}\n" for t, c in COLOURS.items())


def _cell(v: Any) -> str:
    if v is None or v == () or v == []:
        return "<td></td>"
    if isinstance(v, (tuple, list)):
        return f"<td>{'، '.join(escape(str(x)) for x in v)}</td>"
    if isinstance(v, float):
        return f'<td class="num">{v:.3g}</td>'
    if isinstance(v, int):
        return f'<td class="num">{v}</td>'
    return f"<td>{escape(str(v))}</td>"


def _table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], css_class: str) -> str:
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>\n" for row in rows)
    if not body:
        return f'<h2>{escape(caption)}</h2>\n<p class="{css_class} empty">—</p>\n'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (f'<h2>{escape(caption)}</h2>\n<table class="{css_class}">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}</tbody></table>\n")


def _mark_open(e: Entity) -> str:
    return (f'<mark class="ent ent-{escape(e.type)}" data-type="{escape(e.type)}" data-start="{e.start}" '
            f'data-end="{e.end}" data-source="{escape(e.source)}" title="{escape(e.type)} · {escape(e.source)} · '
            f'{e.score:.2f}">')


def highlight(text: str, entities: Sequence[Entity]) -> tuple[str, int]:
    """`text` as escaped HTML with one <mark> per entity, and how many entities were left out.

    Nested entities become nested marks; an entity crossing the boundary of
    an earlier one cannot be drawn as HTML and is left out (the pipeline never
    produces such overlaps).
    """
    ordered = sorted(entities, key=lambda e: (e.start, -e.end))
    out: list[str] = []
    stack: list[int] = []  # end offsets of the open marks
    pos = 0
    skipped = 0

    def advance(to: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= to:
            out.append(escape(text[pos:stack[-1]]))
            pos = stack.pop()
            out.append("</mark>")
        out.append(escape(text[pos:to]))
        pos = to

    for e in ordered:
        advance(e.start)
        if stack and e.end > stack[-1]:
            skipped += 1
            continue
        out.append(_mark_open(e))
        stack.append(e.end)
    advance(len(text))
    return "".join(out), skipped


def _legend(entities: Sequence[Entity]) -> str:
    counts: Counter[str] = Counter(e.type for e in entities)
    items = "".join(f'<span class="ent-{t}" data-type="{t}">{t} ({counts.get(t, 0)})</span>' for t in ENTITY_TYPES)
    return f'<div class="legend">{items}</div>\n'


def render_html(extraction: Extraction, title: Optional[str] = None) -> str:
    """A standalone HTML page (dir="rtl", lang="ar", UTF-8) showing `extraction`."""
    ex = extraction
    title = title if title is not None else "awardie"
    marked, skipped = highlight(ex.text, ex.entities)
    note = f'<p class="note">{skipped} overlapping entities not highlighted.</p>\n' if skipped else ""
    awards = _table(
        "Award records",
        ["winner", "award", "year", "conferred by", "received by", "for work", "patron", "consecutive",
         "source", "score"],
        ([a.winner, a.award, a.year, a.conferred_by, a.received_by, a.for_work, a.patron, a.consecutive,
          a.source, a.score] for a in ex.awards),
        "awards")
    metrics = _table(
        "Metrics", ["text", "value", "unit", "subject", "property", "source", "score"],
        ([m.span.text, m.value, m.unit, m.subject, m.property, m.source, m.score] for m in ex.metrics),
        "metrics")
    people = _table(
        "People", ["name", "role", "organisation", "source", "score"],
        ([p.name, p.role, p.organisation, p.source, p.score] for p in ex.people),
        "people")
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{_legend(ex.entities)}"
        f'<div class="text">{marked}</div>\n{note}{awards}{metrics}{people}'
        "</body>\n</html>\n"
    )
