"""The working document every stage reads: text, tokens, sentences, entities.

Internal and mutable while the pipeline runs; users see the frozen
`Extraction` built from it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from .schema import Entity
from .text import Normalised, Token, clauses, normalise, sentences, tokenize

__all__ = ["Document", "Sentence"]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    first: int  # index of its first token in Document.tokens
    last: int  # one past its last token


@dataclass
class Document:
    text: str
    entities: list[Entity] = field(default_factory=list)

    @cached_property
    def norm(self) -> Normalised:
        return normalise(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def word_forms(self) -> frozenset[str]:
        """The folded form of every token in the document."""
        return frozenset(t.norm for t in self.tokens)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @cached_property
    def sentences(self) -> list[Sentence]:
        out = []
        for s, e in sentences(self.text):
            first, last = self.token_range(s, e)
            if last > first:
                out.append(Sentence(s, e, first, last))
        return out

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [first, last) of the tokens that lie inside start:end."""
        first = bisect.bisect_left(self._token_starts, start)
        last = bisect.bisect_left(self._token_starts, end)
        return first, last

    def token_at(self, offset: int) -> Optional[int]:
        """Index of the token containing character `offset`, if any."""
        i = bisect.bisect_right(self._token_starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return i
        return None

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, offset: int) -> Optional[Sentence]:
        k = bisect.bisect_right(self._sentence_starts, offset) - 1
        if k >= 0 and self.sentences[k].start <= offset < self.sentences[k].end:
            return self.sentences[k]
        return None

    def clauses_of(self, sentence: Sentence) -> list[tuple[int, int]]:
        return clauses(self.text, sentence.start, sentence.end)

    def entity(self, start: int, end: int, type: str, source: str, score: float,
               value: Optional[float] = None) -> Entity:
        """Build an entity over text[start:end] (offsets checked by the schema)."""
        return Entity(start=start, end=end, text=self.text[start:end], type=type,  # type: ignore[arg-type]
                      source=source, score=score, value=value)
