"""Text layer: normalisation with an offset map, sentences, tokens, proclitics.

Everything here works on the ORIGINAL string and reports offsets into it.
Normalised forms are for matching only: `Normalised.to_original` maps any
normalised index back to the original string, so a match found in normalised
text becomes a span of the original.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

__all__ = [
    "Normalised",
    "Token",
    "fold",
    "fold_char",
    "fold_char_camel",
    "fold_table",
    "normalise",
    "sentences",
    "tokenize",
    "split_proclitics",
    "PROCLITIC_PREFIXES",
]

_ARABIC_INDIC = {chr(0x0660 + i): str(i) for i in range(10)}
_PERSIAN = {chr(0x06F0 + i): str(i) for i in range(10)}
# Bidi and zero-width marks carry no letters; they vanish when matching.
_INVISIBLE = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")


FOLD_TABLE_FILE = Path(__file__).resolve().parent / "fold_table.json"


def fold_char_camel(ch: str) -> str:
    """Fold one character for matching (may return '' or several characters), computed with camel-tools.

    Built from camel-tools' normalisers (unicode, dediacritisation, alef,
    alef maksura, teh marbuta), applied per character so that an offset map
    can be kept. `fold_char` reads the same values from a precomputed table
    (`fold_table.json`, written by `python -m awardie.training.fold_table`),
    which spares the second camel-tools takes to import.
    """
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    if ch in _INVISIBLE or ch == "\u0640":  # tatweel
        return ""
    if ch in _ARABIC_INDIC:
        return _ARABIC_INDIC[ch]
    if ch in _PERSIAN:
        return _PERSIAN[ch]
    if ch == "\u066b":  # Arabic decimal separator
        return "."
    if ch == "\u066c":  # Arabic thousands separator
        return ","
    out = normalize_unicode(unicodedata.normalize("NFKC", ch))
    out = dediac_ar(out)
    out = "".join(c for c in out if unicodedata.category(c) != "Mn")
    out = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(out)))
    out = out.replace("ٱ", "ا")
    # NFKC turns ٪ into % only sometimes; make it explicit.
    return out.replace("٪", "%")


class _LiveFoldTable(dict):  # type: ignore[type-arg]
    """A str.translate table that computes (and keeps) each character's fold on first sight."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char_camel(chr(code))
        return value


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """code point -> folded string, for `str.translate`. Code points not in it fold to themselves.

    Read from `fold_table.json` when it was built with this Python's Unicode
    database; otherwise each character is folded with camel-tools on first use.
    """
    try:
        data = json.loads(FOLD_TABLE_FILE.read_text(encoding="utf-8"))
        if data.get("unidata_version") == unicodedata.unidata_version:
            return {int(code): value for code, value in data["changed"].items()}
    except (OSError, ValueError, KeyError, AttributeError):
        pass  # missing or unreadable: fall back to folding live (slower start, same result)
    return _LiveFoldTable()


@lru_cache(maxsize=1)
def _uneven_chars() -> "re.Pattern[str] | None":
    """A pattern matching every character that folds to '' or to several characters (None: not known yet)."""
    table = fold_table()
    if isinstance(table, _LiveFoldTable):
        return None
    return re.compile("[" + "".join(re.escape(chr(c)) for c, v in sorted(table.items()) if len(v) != 1) + "]")


def fold_char(ch: str) -> str:
    """Fold one character for matching (may return '' or several characters); see `fold_char_camel`."""
    table = fold_table()
    if isinstance(table, _LiveFoldTable):
        return table[ord(ch)]
    return table.get(ord(ch), ch)


@dataclass(frozen=True)
class Normalised:
    """A folded copy of a text with a map back to the original offsets."""

    original: str
    text: str
    # index i of `text` came from original[_src[i]]; len(_src) == len(text) + 1
    _src: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised span to the original string."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if start == end:
            o = self._src[start]
            return o, o
        o_start = self._src[start]
        o_end = self._src[end - 1] + 1
        # extend over characters that folded to nothing (diacritics, tatweel) inside the word
        while o_end < len(self.original) and fold_char(self.original[o_end]) == "" and _is_mark(self.original[o_end]):
            o_end += 1
        return o_start, o_end


def _is_mark(ch: str) -> bool:
    return ch == "\u0640" or unicodedata.category(ch) == "Mn"


def normalise(text: str) -> Normalised:
    """Fold `text` for matching and keep, for every folded char, its source index."""
    uneven = _uneven_chars()
    if uneven is not None and uneven.search(text) is None:
        # no character folds to '' or to several (the usual case): the offset map is the identity
        return Normalised(text, fold(text), tuple(range(len(text) + 1)))
    out: list[str] = []
    src: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        out.append(f)
        src.extend([i] * len(f))
    src.append(len(text))
    return Normalised(text, "".join(out), tuple(src))


def fold(s: str) -> str:
    """The folded form of a string (what `normalise(s).text` would give)."""
    return s.translate(fold_table())


@dataclass(frozen=True)
class Token:
    """A token of the original text: `text == original[start:end]`."""

    start: int
    end: int
    text: str
    norm: str  # folded form, for matching

    @property
    def is_word(self) -> bool:
        return any(c.isalpha() for c in self.text)

    @property
    def is_digit(self) -> bool:
        return self.norm.isdigit()


_SENT_END = re.compile(r"(?:[.!?؟]+[\"'»”)]*(?=\s)|[.!?؟]+$|\n+)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, stripped of surrounding space.

    Splits on . ! ? ؟ followed by space and on newlines. Arabic commas and
    semicolons (، ؛) do not end a sentence: award news chains a whole story
    in one sentence with them; `clauses` splits on those.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if m.group().startswith(".") and _abbreviation_before(text, m.start()):
            continue  # د. هالة النمر: a title, not the end of a sentence
        _append_stripped(text, pos, m.end(), spans)
        pos = m.end()
    _append_stripped(text, pos, len(text), spans)
    return spans


# one-letter titles written with a period (د. doctor, م. engineer, أ. professor), with و or not
ONE_LETTER_TITLES = frozenset({"د", "ود", "م", "وم", "أ", "وأ"})
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(«\"]))(\w{1,2})$")


def _abbreviation_before(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text[max(0, dot - 3):dot])
    return m is not None and m.group(1) in ONE_LETTER_TITLES


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the span start:end further on ، ؛ ; and : (clause boundaries)."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"[،؛;:]", text[start:end]):
        _append_stripped(text, pos, start + m.end(), spans)
        pos = start + m.end()
    _append_stripped(text, pos, end, spans)
    return spans


def _append_stripped(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


# One token: a run of word characters (letters, digits, combining marks,
# tatweel) or one other non-space character. Same split as camel-tools'
# simple_word_tokenize, but computed with offsets so they cannot drift.
_TOKEN = re.compile(r"[\w\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]+|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)  # words repeat: fold each distinct one once


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] with offsets into `text`."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(), _fold_word(m.group())) for m in _TOKEN.finditer(text, start, end)]


def iter_tokens(text: str) -> Iterator[Token]:
    for m in _TOKEN.finditer(text):
        yield Token(m.start(), m.end(), m.group(), _fold_word(m.group()))


# Proclitic prefixes in folded form, longest first: conjunction (و ف),
# preposition (ب ل ك), article (ال), and their combinations. "لل" is ل+ال
# with the article's alef dropped; ANNOTATION.md keeps the second ل in the span.
PROCLITIC_PREFIXES: tuple[str, ...] = (
    "وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال",
    "ولل", "فلل",
    "وب", "ول", "وك", "فب", "فل", "فك",
    "ال", "لل",
    "و", "ف", "ب", "ل", "ك",
)
_NON_ARTICLE = {p: p[:-2] for p in PROCLITIC_PREFIXES if p.endswith("ال")}


def split_proclitics(norm_word: str, min_stem: int = 2) -> list[tuple[int, str]]:
    """All ways to read a folded word as proclitics + stem.

    Returns (prefix_length, stem) pairs, the unsplit word first. The
    article is returned both inside the stem (الجائزة → prefix '', 'الجائزة')
    and split off, because names keep their article while matching needs
    the bare noun. Only readings whose stem has at least `min_stem` letters.
    """
    readings: list[tuple[int, str]] = [(0, norm_word)]
    seen = {norm_word}
    for prefix in PROCLITIC_PREFIXES:
        if not norm_word.startswith(prefix):
            continue
        stem = norm_word[len(prefix):]
        if len(stem) < min_stem:
            continue
        if stem not in seen:
            readings.append((len(prefix), stem))
            seen.add(stem)
        # keep the article with the stem: بالجائزة → (1, الجائزة)
        if prefix in _NON_ARTICLE:
            p = len(_NON_ARTICLE[prefix])
            with_article = norm_word[p:]
            if p and with_article not in seen:
                readings.append((p, with_article))
                seen.add(with_article)
        if prefix.endswith("لل"):
            # لل = ل + ال: the span starts at the second ل (ANNOTATION.md); for
            # lookup, the word with its article restored (للسفير → السفير)
            p = len(prefix) - 1
            for rest in (norm_word[p:], "ال" + stem):
                if rest not in seen:
                    readings.append((p, rest))
                    seen.add(rest)
    return readings
