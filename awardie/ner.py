"""Statistical NER: the backend protocol and the tag → entity step.

A backend is any object with a `name` and a `tag(sentences)` method that
labels pre-split tokens with BIO tags over awardie's types (PERSON,
ORGANISATION, LOCATION, and optionally AWARD, WORK ...). Backends never see
offsets: the pipeline feeds them awardie's own tokens and maps the tags back
onto those tokens, so spans cannot drift from the text.
"""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from .schema import ENTITY_TYPES, Entity
from .text import Token

__all__ = ["NERBackend", "NoNER", "tags_to_entities", "default_backend"]


@runtime_checkable
class NERBackend(Protocol):
    """What the pipeline needs from a statistical tagger."""

    name: str

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags, one list per sentence, one tag per token ("O", "B-PERSON", "I-PERSON" ...)."""
        ...


class NoNER:
    """A backend that finds nothing: rules only."""

    name = "none"

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [["O"] * len(s) for s in sentences]


def tags_to_entities(text: str, tokens: Sequence[Token], tags: Sequence[str], source: str,
                     scores: Sequence[float] | None = None) -> list[Entity]:
    """Turn BIO tags over `tokens` into entities with offsets into `text`.

    An I- tag that does not continue an entity of its type starts one
    (conlleval's reading). Tags of types awardie does not know (MISC) are
    dropped.
    """
    if len(tags) != len(tokens):
        raise ValueError(f"backend {source!r} returned {len(tags)} tags for {len(tokens)} tokens")
    out: list[Entity] = []
    cur_type: str | None = None
    cur_start = cur_end = 0
    cur_scores: list[float] = []

    def close() -> None:
        if cur_type is not None and cur_type in ENTITY_TYPES:
            score = min(cur_scores) if cur_scores else 1.0
            out.append(Entity(start=cur_start, end=cur_end, text=text[cur_start:cur_end], type=cur_type,  # type: ignore[arg-type]
                              source=source, score=round(score, 4)))

    for i, (tok, tag) in enumerate(zip(tokens, tags)):
        prefix, _, typ = tag.partition("-")
        if tag == "O" or prefix not in ("B", "I", "E", "S"):
            close()
            cur_type = None
            continue
        if prefix in ("B", "S") or typ != cur_type:
            close()
            cur_type, cur_start, cur_scores = typ, tok.start, []
        cur_end = tok.end
        cur_scores.append(scores[i] if scores is not None else 1.0)
        if prefix in ("E", "S"):
            close()
            cur_type = None
    close()
    return out


def default_backend() -> NERBackend:
    """The shipped stanza model; a clear error if its files are missing."""
    from .stanza_ner import StanzaNER

    return StanzaNER()
