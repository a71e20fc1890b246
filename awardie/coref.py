"""Document-level coreference for organisations and persons.

Three moves, all string-level and deterministic:
- fullest mention: a mention's name is the longest mention of the same kind
  whose words contain its words (مودريتش → لوكا مودريتش);
- bare nominals: الوزارة / الشركة resolve to the nearest organisation whose
  head noun is the same (وزارة ...), preferring one named before;
- titles: وزير الأشغال ... implies وزارة الأشغال ... when no ministry is named.
"""
from __future__ import annotations

import bisect
from typing import Optional, Sequence

from .document import Document
from .rules.entities import NameRules
from .schema import Entity
from .text import Token, fold

__all__ = ["Coreference"]

_NAMED = ("PERSON", "ORGANISATION", "LOCATION", "WORK")
# title word → the body it implies (وزير الأشغال → وزارة الأشغال)
TITLE_BODIES = {"وزير": "وزارة", "وزيره": "وزارة"}  # (folded) title -> the body it heads


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
        # word → mentions containing it, so `fullest` looks only at candidates (linear documents)
        self._by_word: dict[str, list[Entity]] = {}
        for e in self.named:
            for w in self._words[id(e)]:
                self._by_word.setdefault(w, []).append(e)
        # the head a bare nominal names: الشركة → شركة X; المملكة → المملكة العربية السعودية (a state)
        self._first_word = {id(e): (fold(e.text).split() or [""])[0].removeprefix("ال")
                            for e in self.named if e.type == "ORGANISATION"
                            or e.type == "LOCATION" and " " in e.text.strip()}
        self._sorted = sorted(self.named, key=lambda e: e.start)
        self._starts = [e.start for e in self._sorted]
        self._by_head: dict[str, list[Entity]] = {}
        for e in self._sorted:
            if id(e) in self._first_word:
                self._by_head.setdefault(self._first_word[id(e)], []).append(e)
        self._fullest: dict[tuple[str, frozenset[str]], str] = {}
        self._implied: dict[str, Optional[str]] = {}
        self._work_cache: Optional[list[Entity]] = None
        self._work_heads: dict[int, tuple[str, ...]] = {}

    def fullest(self, entity: Entity) -> str:
        """The fullest named mention of the same thing anywhere in the document."""
        mine = self._words.get(id(entity)) or _words(entity.text)
        key = (entity.type, mine)
        if key in self._fullest and len(self._fullest[key]) >= len(entity.text):
            return self._fullest[key]
        best = entity.text
        if mine:
            rarest = min(mine, key=lambda w: len(self._by_word.get(w, ())))
            for other in self._by_word.get(rarest, ()):
                if other.type != entity.type and not (entity.type == "ORGANISATION" and other.type == "LOCATION"):
                    continue  # a place is not the organisation named after it (أبها ≠ مهرجان أبها)
                if mine <= self._words[id(other)] and len(other.text) > len(best):
                    best = other.text
        self._fullest[key] = best
        return best

    def main_person(self, before: int, min_mentions: int = 2) -> Optional[Entity]:
        """The person the story names most often before `before` (at least `min_mentions` times,
        counting every mention of the same full name), or None."""
        counts: dict[str, list[Entity]] = {}
        for e in self._sorted:
            if e.start >= before:
                break
            if e.type == "PERSON":
                counts.setdefault(self.fullest(e), []).append(e)
        if not counts:
            return None
        name = max(counts, key=lambda k: len(counts[k]))
        return counts[name][-1] if len(counts[name]) >= min_mentions else None

    def inside_named(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return any(self._sorted[j].start <= offset < self._sorted[j].end for j in range(max(0, k - 3), k + 1))

    def last_person(self, before: int) -> Optional[Entity]:
        """The person named last before offset `before` (for اللاعب, النجم المصري ...)."""
        k = bisect.bisect_left(self._starts, before) - 1
        while k >= 0:
            if self._sorted[k].type == "PERSON" and self._sorted[k].end <= before:
                return self._sorted[k]
            k -= 1
        return None

    def last_work(self, before: int, head: str) -> Optional[Entity]:
        """The last work named before `before` whose head noun is `head` (الفيلم → فيلم "X")."""
        best = None
        for e in self._works:
            if e.start < before and (fold(e.text).split() or [""])[0].removeprefix("ال") in (head, ""):
                best = e
            elif e.start < before and head in self._work_heads.get(e.start, ()):
                best = e
        return best

    def work_mentions(self) -> list[Entity]:
        """Every work the document names with a title in quotes or brackets (فيلم "X", رواية «Y»)."""
        quotes = "\"'«»“”()"
        out = []
        for w in self._works:
            head_end = self.doc.tokens[self.doc.token_at(w.start) or 0].end
            tail = self.doc.text[head_end:w.end]
            if any(q in tail for q in quotes):
                out.append(w)
        return out

    @property
    def _works(self) -> list[Entity]:
        if self._work_cache is None:
            self._work_cache = []
            self._work_heads = {}
            toks = self.doc.tokens
            for i, t in enumerate(toks):
                if t.norm.startswith("ال") or not self.names.work_head.words & {t.norm}:
                    continue
                span = self.names.work_at(self.doc, i)
                if span is not None:
                    ent = self.doc.entity(span[0], span[1], "WORK", "work.mention", 0.6)
                    self._work_cache.append(ent)
                    self._work_heads[ent.start] = (t.norm,)
        return self._work_cache

    def nominal(self, token: Token, at: int) -> Optional[Entity]:
        """The organisation a bare nominal token (الوزارة, بالوزارة) refers to."""
        head = self.bare_head(token.norm)
        if head is None:
            return None
        before = after = None
        for e in self._by_head.get(head, ()):
            if e.start < at:
                before = e
            elif after is None:
                after = e
        return before or after

    def implied_body(self, head_word: str) -> Optional[str]:
        """وزارة الأشغال ... from a title وزير الأشغال ... found in the text, if any."""
        if head_word not in self._implied:
            self._implied[head_word] = self._find_implied_body(head_word)
        return self._implied[head_word]

    def _find_implied_body(self, head_word: str) -> Optional[str]:
        for tok_i, tok in enumerate(self.doc.tokens):
            body = TITLE_BODIES.get(tok.norm)
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
    def bare_head(norm: str) -> Optional[str]:
        for p in ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال"):
            if norm.startswith(p) and len(norm) > len(p) + 2:
                return norm[len(p):] if p != "لل" else norm[2:]
        return None
