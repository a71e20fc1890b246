"""Document-level coreference for organisations and persons.

Three moves, all string-level and deterministic:
- fullest mention: a mention's name is the longest mention of the same kind
  whose words contain its words (مودريتش → لوكا مودريتش);
- bare nominals: الوزارة / الشركة resolve to the nearest organisation whose
  head noun is the same (وزارة ...), preferring one named before;
- titles: وزير الأشغال ... implies وزارة الأشغال ... when no ministry is named.
"""
from __future__ import annotations

from typing import Optional, Sequence

from .document import Document
from .rules.entities import NameRules
from .schema import Entity
from .text import Token, fold

__all__ = ["Coreference"]

_NAMED = ("PERSON", "ORGANISATION", "LOCATION", "WORK")
# title word → the body it implies (وزير الأشغال → وزارة الأشغال)
_TITLE_BODY = {"وزير": "وزارة", "وزيره": "وزارة"}


def _words(s: str) -> frozenset[str]:
    out = set()
    for w in fold(s).split():
        w = w.strip("\"'«»“”()")
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        if w:
            out.add(w)
    return frozenset(out)


class Coreference:
    def __init__(self, doc: Document, entities: Sequence[Entity], names: NameRules) -> None:
        self.doc = doc
        self.names = names
        self.named = [e for e in entities if e.type in _NAMED]
        self._words = {id(e): _words(e.text) for e in self.named}

    def fullest(self, entity: Entity) -> str:
        """The fullest named mention of the same thing anywhere in the document."""
        mine = self._words.get(id(entity)) or _words(entity.text)
        best = entity.text
        for other in self.named:
            if other.type != entity.type and not {other.type, entity.type} <= {"ORGANISATION", "LOCATION"}:
                continue
            words = self._words[id(other)]
            if mine and mine <= words and len(other.text) > len(best):
                best = other.text
        return best

    def nominal(self, token: Token, at: int) -> Optional[Entity]:
        """The organisation a bare nominal token (الوزارة, بالوزارة) refers to."""
        head = self._bare_head(token.norm)
        if head is None:
            return None
        before = after = None
        for e in self.named:
            if e.type != "ORGANISATION":
                continue
            first = fold(e.text).split()[0] if e.text.strip() else ""
            if first.removeprefix("ال") != head:
                continue
            if e.start < at:
                before = e
            elif after is None:
                after = e
        return before or after

    def implied_body(self, head_word: str) -> Optional[str]:
        """وزارة الأشغال ... from a title وزير الأشغال ... found in the text, if any."""
        for tok_i, tok in enumerate(self.doc.tokens):
            body = _TITLE_BODY.get(tok.norm)
            if body is None or tok_i + 1 >= len(self.doc.tokens):
                continue
            if fold(body) != head_word:
                continue
            toks = self.doc.tokens
            end = self.names.extend(toks, tok_i + 1, "org")
            if end > tok_i + 1:
                return body + self.doc.text[toks[tok_i].end:toks[end - 1].end]
        return None

    @staticmethod
    def _bare_head(norm: str) -> Optional[str]:
        for p in ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال"):
            if norm.startswith(p) and len(norm) > len(p) + 2:
                return norm[len(p):] if p != "لل" else norm[2:]
        return None
