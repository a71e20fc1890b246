"""Match compiled lexicons against awardie tokens, proclitics allowed."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from ..text import Token, split_proclitics
from . import Lexicon

__all__ = ["LexMatch", "match_at", "stem_in", "strip_prefix"]


@dataclass(frozen=True)
class LexMatch:
    """Tokens [first, last) match a lexicon entry; the entity starts `prefix` chars into token `first`."""

    lexicon: str
    first: int
    last: int
    prefix: int
    entry: tuple[str, ...]

    def start(self, tokens: Sequence[Token]) -> int:
        return tokens[self.first].start + self.prefix


@lru_cache(maxsize=4096)
def _readings(norm: str, proclitics: bool) -> tuple[tuple[int, str], ...]:
    if not proclitics:
        return ((0, norm),)
    return tuple(split_proclitics(norm))


def match_at(tokens: Sequence[Token], i: int, lexicon: Lexicon, proclitics: Optional[bool] = None) -> Optional[LexMatch]:
    """The longest entry of `lexicon` that starts at token i (after any proclitic), or None."""
    if i >= len(tokens):
        return None
    use_clitics = lexicon.proclitics if proclitics is None else proclitics
    best: Optional[LexMatch] = None
    for prefix, stem in _readings(tokens[i].norm, use_clitics):
        if stem not in lexicon.first_words:
            continue
        for entry in lexicon.entries:  # longest first
            if entry[0] != stem or i + len(entry) > len(tokens):
                continue
            if all(tokens[i + k].norm == entry[k] for k in range(1, len(entry))):
                if best is None or len(entry) > len(best.entry) or (len(entry) == len(best.entry) and prefix < best.prefix):
                    best = LexMatch(lexicon.id, i, i + len(entry), prefix, entry)
                break
    return best


def stem_in(token: Token, lexicon: Lexicon) -> bool:
    """Whether the token, read with or without proclitics, is a one-word entry of `lexicon`."""
    return any(stem in lexicon.words for _, stem in _readings(token.norm, lexicon.proclitics))


_DEFINITE_PROCLITICS = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل")


def strip_prefix(token: Token) -> int:
    """How many leading original characters of a definite token are proclitics.

    والميدالية → 1 (article kept); بالجائزة → 1; للأمم → 1 (span لأمم, as
    ANNOTATION.md asks). Only definite words are stripped: an initial و or ب
    of an indefinite word is as likely part of the name (وزارة, بطولة).
    """
    norm = token.norm
    for p in _DEFINITE_PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            n = len(p) - 1 if p.endswith("لل") else len(p) - 2
            return _chars_for_folded_prefix(token, n)
    return 0


def _chars_for_folded_prefix(token: Token, n_folded: int) -> int:
    """Number of original characters that fold to the first n_folded folded characters."""
    if n_folded == 0:
        return 0
    from ..text import fold_char

    seen = 0
    for k, ch in enumerate(token.text):
        if seen == n_folded:
            # also skip marks (diacritics) attached to the last proclitic
            if fold_char(ch) == "":
                continue
            return k
        seen += len(fold_char(ch))
    return len(token.text)
