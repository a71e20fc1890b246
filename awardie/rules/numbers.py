"""Years, metrics, ordinals, dates and "consecutive" phrasings, from the rules in numbers.yaml.

Every function takes the ORIGINAL text and reports offsets into it; matching
runs on the folded text (`awardie.text.normalise`) and is mapped back with the
offset map, so for every result `text[start:end] == result text`. The
functions never raise on a `str` and are deterministic. Each accepts an
optional precomputed `Normalised` of the same text (`norm=`) so that a
pipeline normalises a document once; without it the last few texts are
normalised and tokenised once and cached.

Public API:

- `find_years(text, norm=None) -> list[Entity]`            YEAR entities (digits only)
- `year_value(entity, text) -> int | None`                Gregorian year (Hijri converted, season → end year)
- `parse_ordinal(word) -> int | None`                     التاسعة → 9, الحادية عشرة → 11, الـ19 → 19
- `find_consecutive(text, start=0, end=None, norm=None) -> (N, start, end) | None`
- `find_metrics(text, norm=None) -> list[MetricMatch]`    METRIC entities with value, unit, property
- `find_dates(text, norm=None) -> list[DateMatch]`        explicit dates with month names (and Hijri dates)
"""
from __future__ import annotations

import builtins
import math
import re
from dataclasses import dataclass
from datetime import datetime
import threading
from functools import lru_cache
from typing import Optional

from ..schema import Entity
from ..text import Normalised, fold, normalise, split_proclitics
from . import Lexicon, RuleSet, load_rules

__all__ = [
    "MetricMatch",
    "DateMatch",
    "find_years",
    "year_value",
    "parse_ordinal",
    "find_consecutive",
    "find_metrics",
    "find_dates",
]

# Arabic letters of folded text (no tatweel, no diacritics).
_AR = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_TOKEN = re.compile(rf"[{_AR}]+|[0-9]+(?:[.,][0-9]+)*|\S")
_QUOTES_OPEN = set('"«“„\'‘')
_QUOTES_CLOSE = set('"»”\'’')
_LATIN = re.compile(r"[A-Za-z]")
_LIST_END = re.compile(r"[0-9%](?:\s*[،,])?\s*و?\s*$")  # text before the last item of a list of numbers

# dateparser knows these Arabic month names; other spellings (كانون الثاني, جانفي ...) are mapped to them.
_DATEPARSER_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                      "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
_DATEPARSER_SETTINGS = {
    "RELATIVE_BASE": datetime(2000, 1, 1),
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}

# scores of results whose rule is a lexicon (lexicon rules carry no score)
_SCORE_MONEY = 0.9
_SCORE_MEASURE = 0.85


# --------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class MetricMatch:
    """A METRIC entity with its reading: value, unit and what it measures."""

    entity: Entity
    value: float
    unit: str  # "percent" | "count" | "other" | "currency:<ISO 4217>"
    property: Optional[str] = None  # a phrase copied from the text, or None

    @builtins.property  # the field `property` shadows the builtin here
    def start(self) -> int:
        return self.entity.start

    @builtins.property  # the field `property` shadows the builtin here
    def end(self) -> int:
        return self.entity.end

    @builtins.property  # the field `property` shadows the builtin here
    def text(self) -> str:
        return self.entity.text


@dataclass(frozen=True)
class DateMatch:
    """An explicit date. year/month/day are Gregorian (a Hijri date is converted); None where not written."""

    start: int
    end: int
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    text: str = ""
    calendar: str = "gregorian"  # "gregorian" | "hijri" (as written; the fields are Gregorian either way)
    source: str = ""


# --------------------------------------------------------------------------- compiled rules


def _base(word: str) -> str:
    """Drop the accusative alef and the feminine ending: دولارا → دولار, أمريكية → امريكي."""
    if len(word) > 3 and word.endswith("ا"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("ه"):
        word = word[:-1]
    return word


@lru_cache(maxsize=4096)
def _readings(word: str) -> tuple[str, ...]:
    """The word and its stems without proclitics (folded)."""
    return tuple(stem for _, stem in split_proclitics(word, min_stem=1))


def _in_lex(lex: Lexicon, word: str) -> bool:
    if word in lex.words:
        return True
    if lex.proclitics:
        return any(stem in lex.words for stem in _readings(word))
    return False


class _Rules:
    """The rules of numbers.yaml, arranged for fast lookup; built once per RuleSet."""

    def __init__(self, rs: RuleSet) -> None:
        rx = lambda rid: rs.regex(rid).regex  # noqa: E731
        self.year_rx = rx("year.digits")
        self.year_score = rs.regex("year.digits").score
        self.hijri_rx = rx("year.hijri")
        self.hijri_score = rs.regex("year.hijri").score
        self.greg_rx = rx("year.gregorian_marker")
        self.season_rx = rx("year.season")
        self.pct_rx = rx("metric.percent")
        self.pct_score = rs.regex("metric.percent").score
        self.num_rx = rx("metric.number")
        self.num_score = rs.regex("metric.number").score
        self.cw_rx = rx("metric.count_words")
        self.cw_score = rs.regex("metric.count_words").score
        self.nisba_rx = rx("metric.nisba_adjective")
        self.not_nisba_rx = rx("metric.not_nisba")
        self.title_heads = rs.lexicon("metric.title_heads")
        self.date_numeric_rx = rx("date.numeric")
        self.ord_digits_rx = rx("ordinal.digits")
        self.cons_time_rx = rx("consecutive.for_nth_time")
        self.cons_year_rx = rx("consecutive.for_nth_year")
        self.cons_row_rx = rx("consecutive.in_a_row")
        self.cons_before_rx = rx("consecutive.nth_time_before")
        self.cons_count_rx = rx("consecutive.count_in_row")
        self.cons_anywhere_rx = rx("consecutive.in_a_row_anywhere")
        self.cons_ord_rx = rx("consecutive.ordinal_in_row")

        lx = rs.lexicon
        self.year_cues = lx("year.cues")
        self.year_cues_narrow = lx("year.cues_calendar")
        self.year_weak = lx("year.weak_cues")
        self.year_qty = lx("year.quantity_cues")
        self.year_names = lx("year.name_cues")
        self.hijri_words = lx("year.hijri_cues")
        self.not_counted = lx("metric.not_counted")
        self.context_excl = lx("metric.context_exclusions")
        self.hedges = lx("metric.hedges")
        self.ambiguous_months = lx("date.ambiguous_months").words
        self.time_units = lx("metric.time_units").words

        # cardinals: folded word -> (kind, value); kind in unit/tens/hundreds/multiplier
        self.cardinals: dict[str, tuple[str, int]] = {}
        self.fractions: dict[str, float] = {}
        for lex in rs.lexicons("number.fraction."):
            for w in lex.words:
                self.fractions[w] = float(lex.value)
        for lex in rs.lexicons("number."):
            kind = lex.id.split(".")[1]
            if kind == "fraction":
                continue
            for w in lex.words:
                if " " not in w:
                    self.cardinals.setdefault(w, (kind, int(lex.value)))
        self.ten_words = frozenset(rs.lexicon("number.unit.ten").words)
        self.plural_multipliers = lx("metric.plural_multipliers").words
        # ordinals: folded word (with and without ال) -> (kind, value)
        self.ordinals: dict[str, tuple[str, int]] = {}
        for lex in rs.lexicons("ordinal."):
            if lex.id in ("ordinal.teen",):
                continue
            parts = lex.id.split(".")
            kind = "eleventh" if lex.id == "ordinal.unit.eleventh" else parts[1]
            for w in lex.words:
                self.ordinals.setdefault(w, (kind, int(lex.value)))
        self.ordinal_teen = rs.lexicon("ordinal.teen").words

        # month names
        self.months: dict[str, int] = {}
        for lex in rs.lexicons("date.month."):
            for w in lex.words:
                self.months[w] = int(lex.value)
        self.hijri_months: dict[str, int] = {}
        for lex in rs.lexicons("date.hijri_month."):
            for w in lex.words:
                self.hijri_months[w] = int(lex.value)
        self.month_first_words = frozenset(w.split()[0] for w in self.months)
        self.hijri_first_words = frozenset(w.split()[0] for w in self.hijri_months)

        # currencies and physical units: tuple of base words -> (rule id, unit)
        self.measures: dict[tuple[str, ...], tuple[str, str]] = {}
        for lex in rs.lexicons("metric.currency."):
            for w in lex.words:
                self.measures[tuple(_base(p) for p in w.split())] = (lex.id, f"currency:{lex.value}")
        for lex in rs.lexicons("metric.unit."):
            for w in lex.words:
                self.measures.setdefault(tuple(_base(p) for p in w.split()), (lex.id, "other"))
        self.measure_max = max((len(k) for k in self.measures), default=1)

        self.date_rx = self._date_regex(self.months, hijri=False)
        self.hdate_rx = self._date_regex(self.hijri_months, hijri=True)

    @staticmethod
    def _alternation(words) -> str:
        alts = sorted(words, key=len, reverse=True)
        return "|".join(r"[ \t]+".join(re.escape(p) for p in w.split()) for w in alts)

    def _date_regex(self, months: dict[str, int], hijri: bool) -> re.Pattern[str]:
        m = self._alternation(months)
        end = rf"(?![{_AR}])"
        if hijri:
            year = r"(?P<year>1[34][0-9]{2})(?![0-9])(?:[ \t]*ه(?:جري|جريه)?(?![" + _AR + r"]))?"
        else:
            year = r"(?P<year>[0-9]{4})(?![0-9])"
        return re.compile(
            rf"(?<![{_AR}0-9])(?:(?P<day>[0-9]{{1,3}})[ \t]*(?:من[ \t]+)?)?[بلو]?(?P<month>{m}){end}"
            rf"(?:[ \t]*[/(][ \t]*(?P<month2>{m}){end}(?:[ \t]*\))?)?"
            rf"(?:[ \t]*[،,]?[ \t]*(?:من[ \t]+)?(?:عام|العام|لعام|سنه)?[ \t]*{year})?"
        )


@lru_cache(maxsize=4)
def _compiled(rs: RuleSet) -> _Rules:
    return _Rules(rs)


def _rules() -> _Rules:
    return _compiled(load_rules())


# --------------------------------------------------------------------------- documents


class _Doc:
    """A folded text with its tokens: (start, end, text, kind) with kind w (Arabic word), d (digits), p (other)."""

    __slots__ = ("text", "norm", "nt", "toks", "by_start", "_years", "year_toks")

    def __init__(self, text: str, norm: Normalised) -> None:
        self.text = text
        self.norm = norm
        self.nt = nt = norm.text
        toks = []
        for m in _TOKEN.finditer(nt):
            s = m.group()
            c = s[0]
            kind = "d" if "0" <= c <= "9" else ("w" if ("\u0621" <= c <= "\u06d3") else "p")
            toks.append((m.start(), m.end(), s, kind))
        self.toks = toks
        self.by_start = {t[0]: i for i, t in enumerate(toks)}
        self._years: Optional[list[Entity]] = None
        self.year_toks: set[int] = set()

    def word(self, i: int) -> Optional[str]:
        if 0 <= i < len(self.toks) and self.toks[i][3] == "w":
            return self.toks[i][2]
        return None

    def tok(self, i: int) -> Optional[str]:
        if 0 <= i < len(self.toks):
            return self.toks[i][2]
        return None

    def kind(self, i: int) -> Optional[str]:
        if 0 <= i < len(self.toks):
            return self.toks[i][3]
        return None

    def glued(self, i: int, j: int) -> bool:
        """Token i ends exactly where token j starts (no space between)."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i][1] == self.toks[j][0]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original span of tokens i..j-1."""
        return self.norm.to_original(self.toks[i][0], self.toks[j - 1][1])

    def words_before(self, i: int, n: int) -> list[str]:
        """Up to n word tokens right before token i (stops at anything that is not a word)."""
        out: list[str] = []
        k = i - 1
        while k >= 0 and len(out) < n and self.toks[k][3] == "w":
            out.append(self.toks[k][2])
            k -= 1
        out.reverse()
        return out


@lru_cache(maxsize=16)
def _doc_of(text: str) -> _Doc:
    return _Doc(text, normalise(text))


_BY_NORM: dict[int, tuple[Normalised, _Doc]] = {}  # the last few documents given with their Normalised


_BY_NORM_LOCK = threading.Lock()  # pipelines are shared across threads: the cache must not race


def _get_doc(text: str, norm: Optional[Normalised]) -> _Doc:
    if norm is not None and isinstance(norm, Normalised) and norm.original == text:
        with _BY_NORM_LOCK:
            hit = _BY_NORM.get(id(norm))
            if hit is not None and hit[0] is norm:
                return hit[1]
        doc = _Doc(text, norm)
        with _BY_NORM_LOCK:
            if len(_BY_NORM) >= 8:
                _BY_NORM.pop(next(iter(_BY_NORM)))
            _BY_NORM[id(norm)] = (norm, doc)
        return doc
    return _doc_of(text)


def _phrase_before(doc: _Doc, i: int, lex: Lexicon, maxlen: int = 3) -> bool:
    """Does a phrase of `lex` end right before token i (first word may carry proclitics)?"""
    words = doc.words_before(i, maxlen)
    for k in range(1, len(words) + 1):
        first, rest = words[-k], words[len(words) - k + 1:]
        cands = _readings(first) if lex.proclitics else (first,)
        for stem in cands:
            if " ".join([stem, *rest]) in lex.words:
                return True
    return False


def _measure_at(doc: _Doc, j: int, R: _Rules) -> Optional[tuple[int, str, str]]:
    """Longest currency or unit phrase starting at token j: (end token, rule id, unit)."""
    toks = doc.toks
    for k in range(min(R.measure_max, len(toks) - j), 0, -1):
        key = tuple(_base(toks[j + q][2]) for q in range(k))
        hit = R.measures.get(key)
        if hit is not None:
            return j + k, hit[0], hit[1]
    return None


def _month_at(doc: _Doc, j: int, R: _Rules) -> bool:
    w = doc.word(j)
    if w is None:
        return False
    for stem in (w, w[1:] if w[:1] in "بلو" else w):
        if stem in R.month_first_words or stem in R.hijri_first_words:
            return True
    return False


def _is_time_unit(w: Optional[str], R: _Rules) -> bool:
    return w is not None and w in R.time_units


# --------------------------------------------------------------------------- years


def _years_of(doc: _Doc) -> list[Entity]:
    if doc._years is None:
        found = _find_years(doc)
        doc.year_toks = {i for i, _ in found}
        doc._years = [ent for _, ent in found]
    return doc._years


def _find_years(doc: _Doc) -> list[tuple[int, Entity]]:
    R = _rules()
    nt, toks = doc.nt, doc.toks
    out: list[tuple[int, Entity]] = []
    in_pct = set()  # starts of tokens inside a percentage
    if "%" in nt or "مئ" in nt or "مائ" in nt:
        for pm in R.pct_rx.finditer(nt):
            in_pct.add(pm.start(1) if pm.group(1) is not None else pm.start(2))
    for m in R.year_rx.finditer(nt):
        s, e = m.span(1)
        i = doc.by_start.get(s)
        if i is None or toks[i][1] != e:
            continue
        if s in in_pct:
            continue  # 2015%, ٪2015, 2015 بالمئة
        c = int(m.group(1))
        if not 1000 <= c <= 2100:
            continue
        # what follows the digits
        hijri = R.hijri_rx.match(nt, e) is not None
        nxt = doc.word(i + 1)
        if not hijri and nxt is not None and (_in_lex(R.hijri_words, nxt) or (nxt == "الموافق" and c <= 1500)):
            hijri = True  # 1436 هجري, 1436 الموافق 2015
        if not hijri:
            prev_words = doc.words_before(i, 2)
            hm = " ".join(prev_words)
            if prev_words and (prev_words[-1] in R.hijri_months or hm in R.hijri_months):
                hijri = True
        if hijri:
            if 1300 <= c <= 1500 or (1000 <= c < 1300 and R.hijri_rx.match(nt, e) is not None):
                out.append((i, _year_entity(doc, s, e, c, "year.hijri", R.hijri_score)))
            continue
        greg = R.greg_rx.match(nt, e) is not None
        cue = _strong_year_cue(doc, i, R)
        if not cue:
            sm = R.season_rx.match(nt, e)
            if sm and len(sm.group(1)) == 4 and c < int(sm.group(1)) <= c + 150:
                cue = True  # 1793-1796: a range of years
        if not greg:
            if doc.tok(i + 1) == "%" or (nxt is not None and R.cardinals.get(nxt, ("",))[0] == "multiplier"):
                continue
            if not cue and (_is_time_unit(nxt, R) or _measure_at(doc, i + 1, R) is not None):
                continue  # 2000 عام, 1500 متر
        # what precedes
        if _phrase_before(doc, i, R.year_qty):
            continue
        if not cue and any(_in_lex(R.year_names, w) for w in doc.words_before(i, 4)):
            continue  # رؤية المملكة 2030
        if (doc.glued(i - 1, i) and (doc.word(i - 1) or "").endswith("ال")) or doc.tok(i - 1) == "ال":
            continue  # الـ2015: a definite numeral
        strong = greg or cue
        if strong:
            if 1000 <= c <= 2100:
                out.append((i, _year_entity(doc, s, e, c, "year.digits", 0.95)))
            continue
        weak = _phrase_before(doc, i, R.year_weak)
        if not (1900 <= c <= 2035 or (weak and 1900 <= c <= 2100)):
            continue
        nw = doc.word(i + 1) or "و"
        if nw[0] not in "وف" and (c % 100 == 0 or (len(nw) > 3 and nw.endswith("ا"))) \
                and _count_noun_at(doc, i + 1, R) is not None:
            continue  # "2000 طالب", "2014 متسابقا": a count, not a year
        out.append((i, _year_entity(doc, s, e, c, "year.digits", 0.85 if weak else R.year_score)))
    return out


def _strong_year_cue(doc: _Doc, i: int, R: _Rules) -> bool:
    j = i - 1
    if doc.tok(j) == "(":
        j -= 1
    w = doc.word(j)
    if w is not None:
        if _in_lex(R.year_cues, w):
            return True
        if w in R.months or any(st in R.months for st in _readings(w)):
            return True
        two = doc.words_before(j + 1, 2)
        if len(two) == 2 and " ".join(two) in R.months:
            return True
        if w == "و" and doc.kind(j - 1) == "d" and len(doc.tok(j - 1) or "") == 4:
            return True  # 2016 و2017
    t = doc.tok(j)
    if t in ("-", "–", "—", "/") and doc.kind(j - 1) == "d" and len(doc.tok(j - 1) or "") == 4:
        return True  # 2017-2018
    return False


def _year_entity(doc: _Doc, s: int, e: int, c: int, source: str, score: float) -> Entity:
    os_, oe = doc.norm.to_original(s, e)
    return Entity(start=os_, end=oe, text=doc.text[os_:oe], type="YEAR", source=source, score=score, value=float(c))


def find_years(text: str, norm: Optional[Normalised] = None) -> list[Entity]:
    """YEAR entities of `text`: the digits of each year (any digit system), in order.

    `value` is the number as written (1436 for a Hijri year); use `year_value`
    for the Gregorian year. A year is 1000-2100 after a calendar word (عام,
    سنة, موسم, نسخة, a month name) or before م / هـ, 1900-2100 after في,
    خلال ..., and 1900-2035 with no cue. Not years: percentages, counts,
    money, numbers after نحو / أكثر من, names such as رؤية البحرين 2030.
    """
    if not isinstance(text, str) or not text:
        return []
    return list(_years_of(_get_doc(text, norm)))


def _hijri_to_gregorian_year(h: int) -> int:
    try:
        from hijridate import Hijri

        return Hijri(h, 7, 1).to_gregorian().year
    except Exception:  # outside hijridate's range (1343-1500 AH): the usual approximation
        return int(h * 0.970229 + 621.5643)


def year_value(entity: Entity, text: str) -> Optional[int]:
    """The Gregorian year of a YEAR entity.

    Hijri years (from the `year.hijri` rule: followed by هـ / هجري or by
    الموافق, or after a Hijri month) give the Gregorian year of 1 Rajab of
    that year (1436 → 2015); a bare 1436 without a Hijri cue stays 1436.
    The first year of a season (2017/2018, 2017-18, 1997 - 1998) gives the
    season's end year.
    """
    try:
        digits = fold(entity.text).strip()
        if not digits.isdigit() or len(digits) > 6:
            return None
        v = int(digits)
        R = _rules()
        after = fold(text[entity.end: entity.end + 24]) if isinstance(text, str) else ""
        before = fold(text[max(0, entity.start - 30): entity.start]) if isinstance(text, str) else ""
        hijri = entity.source == "year.hijri" or R.hijri_rx.match(after) is not None
        if not hijri and R.greg_rx.match(after) is None:
            words = before.split()
            if words and (words[-1] in R.hijri_months or " ".join(words[-2:]) in R.hijri_months):
                hijri = True
            nxt = after.split()[:1]
            if nxt and (_in_lex(R.hijri_words, nxt[0]) or (nxt[0] == "الموافق" and 1300 <= v <= 1500)):
                hijri = True  # 1436 الموافق 2015
        if hijri:
            return _hijri_to_gregorian_year(v) if 1 <= v <= 1500 else None
        m = R.season_rx.match(after)
        if m:
            nxt_year = m.group(1)
            if len(nxt_year) == 4 and int(nxt_year) == v + 1:
                return v + 1
            if len(nxt_year) == 2 and int(nxt_year) == (v + 1) % 100:
                return v + 1
        return v if 1000 <= v <= 2200 else None
    except Exception:
        return None


# --------------------------------------------------------------------------- ordinals


def _ord_word(R: _Rules, w: str) -> Optional[tuple[str, int]]:
    hit = R.ordinals.get(w)
    if hit is not None:
        return hit
    for stem in _readings(w):
        hit = R.ordinals.get(stem)
        if hit is not None:
            return hit
    return None


def parse_ordinal(word: str) -> Optional[int]:
    """The number of an Arabic ordinal word or phrase, or None.

    الأول/الأولى → 1, التاسعة → 9, العاشرة → 10, الحادية عشرة → 11,
    الثاني عشر → 12, العشرين → 20, الخامس والعشرين → 25, الـ19 → 19;
    with or without the article and proclitics (وللمرة is not an ordinal,
    but بالثالثة is 3).
    """
    if not isinstance(word, str):
        return None
    try:
        toks = fold(word).split()
    except Exception:
        return None
    if not toks or len(toks) > 2:
        return None
    R = _rules()
    if len(toks) == 1:
        m = R.ord_digits_rx.match(toks[0])
        if m:
            n = int(m.group(1))
            return n if n > 0 else None
        hit = _ord_word(R, toks[0])
        if hit is None or hit[0] == "eleventh":
            return None
        return hit[1]
    first = _ord_word(R, toks[0])
    if first is None or first[0] not in ("unit", "eleventh") or not 1 <= first[1] <= 9:
        return None
    if first[1] == 1 and first[0] != "eleventh":
        return None  # "الأول عشر" is not Arabic; 11th and 21st use حادي
    second = toks[1]
    if second in R.ordinal_teen:
        return 10 + first[1]
    if second.startswith("و") and len(second) > 1:
        tens = _ord_word(R, second[1:])
        if tens is not None and tens[0] == "tens":
            return tens[1] + first[1]
    return None


def _ordinal_prefix(doc: _Doc, j: int) -> Optional[tuple[int, int]]:
    """An ordinal phrase starting at token j: (value, end token), longest first."""
    for k in (2, 1):
        if j + k > len(doc.toks):
            continue
        if any(doc.kind(j + q) not in ("w", "d") for q in range(k)):
            continue
        if k == 2 and not doc.kind(j + 1) == "w":
            continue
        n = parse_ordinal(" ".join(doc.toks[j + q][2] for q in range(k)))
        if n is not None:
            return n, j + k
    # الـ19: the article and the digits are separate tokens
    if doc.kind(j) == "w" and doc.glued(j, j + 1) and doc.kind(j + 1) == "d":
        n = parse_ordinal(doc.toks[j][2] + doc.toks[j + 1][2])
        if n is not None:
            return n, j + 2
    return None


# --------------------------------------------------------------------------- consecutive


def find_consecutive(
    text: str, start: int = 0, end: Optional[int] = None, norm: Optional[Normalised] = None
) -> Optional[tuple[int, int, int]]:
    """The first "N times in a row" phrase in text[start:end]: (N, span_start, span_end), or None.

    للمرة N (with or without على التوالي), للسنة/للعام/للموسم N على التوالي,
    لثالث مرة, 3 مرات على التوالي, and an ordinal right before على التوالي
    (لقبه الثالث على التوالي). Not: لقبه العاشر, ثاني لقب, and على التوالي
    meaning "respectively" after a list (الأول والثاني على التوالي).
    """
    if not isinstance(text, str) or not text:
        return None
    try:
        start = max(0, int(start))
        end = len(text) if end is None else min(len(text), int(end))
    except (TypeError, ValueError):
        return None
    if start >= end:
        return None
    if start == 0 and end == len(text):
        doc, offset = _get_doc(text, norm), 0
    else:
        doc, offset = _doc_of(text[start:end]), start
    found = _find_consecutive(doc)
    if found is None:
        return None
    n, s, e = found
    return n, s + offset, e + offset


def _find_consecutive(doc: _Doc) -> Optional[tuple[int, int, int]]:
    R = _rules()
    nt = doc.nt
    cands: list[tuple[int, int, int]] = []  # (folded start, folded end, N)

    def row_after(pos: int) -> Optional[int]:
        m = R.cons_row_rx.match(nt, pos)
        return m.end() if m else None

    def tok_at_or_after(pos: int) -> Optional[int]:
        while pos < len(nt) and nt[pos].isspace():
            pos += 1
        return doc.by_start.get(pos)

    # للمرة N / للعام N على التوالي
    for rx, need_row in ((R.cons_time_rx, False), (R.cons_year_rx, True)):
        for m in rx.finditer(nt):
            j = tok_at_or_after(m.end())
            if j is None:
                continue
            hit = _ordinal_prefix(doc, j)
            if hit is None:
                continue
            n, k = hit
            oend = doc.toks[k - 1][1]
            rend = row_after(oend)
            if need_row and rend is None:
                continue
            cands.append((m.start(), rend or oend, n))
    # لثالث مرة / ثالث مرة على التوالي
    for m in R.cons_before_rx.finditer(nt):
        n = parse_ordinal(m.group(2))
        if n is None or m.group(2).startswith("ال"):
            continue
        rend = row_after(m.end())
        if not m.group(1) and rend is None:
            continue
        cands.append((m.start(), rend or m.end(), n))
    # 3 مرات على التوالي / ثلاث سنوات متتالية / بثلاثة ألقاب متتالية
    for r in R.cons_anywhere_rx.finditer(nt):
        lo = max(0, r.start() - 60)
        m = R.cons_count_rx.search(nt, lo, r.start())
        if m is None:
            continue
        n = _cardinal_value_of_phrase(m.group(1), R)
        if n is None:
            continue
        if _LIST_END.search(nt, max(0, m.start(1) - 12), m.start(1)):
            continue  # 10 و5 و 3 نقاط على التوالي: a list, "respectively"
        cands.append((m.start(1) + _proclitic_len(m.group(1), R), r.end(), n))
    # <ordinal> على التوالي
    for m in R.cons_ord_rx.finditer(nt):
        phrase = m.group(1)
        words = phrase.split()
        if words[0].startswith("و") and parse_ordinal(words[0][1:]) is not None:
            continue  # a list: ... والثالث على التوالي = respectively
        n = parse_ordinal(phrase)
        if n is None:
            continue
        i = doc.by_start.get(m.start(1))
        if i is not None:
            prev = doc.word(i - 1)
            if prev is not None and (parse_ordinal(prev) is not None or _in_lex(R.context_excl, prev)):
                continue  # المركز الثالث على التوالي is a rank; الأول الثاني ... a list
        rend = row_after(m.end())
        if rend is None:
            continue
        cands.append((m.start(1), rend, n))
    if not cands:
        return None
    s, e, n = min(cands, key=lambda c: (c[0], -c[1]))
    os_, oe = doc.norm.to_original(s, e)
    return n, os_, oe


def _proclitic_len(word: str, R: _Rules) -> int:
    w = word.split()[0]
    if w in R.cardinals or w.isdigit():
        return 0
    for p in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
        if w.startswith(p) and w[len(p):] in R.cardinals:
            return len(p)
    return 0


def _cardinal_value_of_phrase(phrase: str, R: _Rules) -> Optional[int]:
    words = phrase.split()
    if words and words[0].isdigit():
        return int(words[0]) if len(words) == 1 else None
    first = _strip_cardinal(words[0], R) if words else None
    if first is None:
        return None
    kind, v = first[1]
    if kind != "unit" and kind != "tens":
        return None
    if len(words) == 2:
        if words[1] in R.ten_words and v < 10:
            return v + 10
        return None
    return v


def _strip_fraction(w: str, R: _Rules) -> Optional[tuple[int, float]]:
    for p in ("", "و", "ف", "ب", "ل", "وب", "ول"):
        if w.startswith(p) and w[len(p):] in R.fractions:
            return len(p), R.fractions[w[len(p):]]
    return None


def _and_a_half(doc: _Doc, j: int, v: float, mult: float, R: _Rules) -> tuple[float, int]:
    """مليون ونصف → 1.5 million: add a fraction of the multiplier written after it."""
    w = doc.word(j)
    if w is not None and w.startswith("و") and w[1:] in R.fractions:
        return v + R.fractions[w[1:]] * mult, j + 1
    return v, j


def _strip_cardinal(w: str, R: _Rules) -> Optional[tuple[int, tuple[str, int]]]:
    """(proclitic length, (kind, value)) when w is a cardinal behind و ف ب ل ك."""
    hit = R.cardinals.get(w)
    if hit is not None:
        return 0, hit
    for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"):
        if len(w) > len(p) + 1 and w.startswith(p):
            hit = R.cardinals.get(w[len(p):])
            if hit is not None:
                return len(p), hit
    return None


# --------------------------------------------------------------------------- metrics


def _parse_digits(t: str, multiplied: bool) -> Optional[float]:
    """Value of a folded digit string with separators: 1,700,000 / 160.000 / 39.197 (before مليون) / 36,5."""
    try:
        if "," in t and "." in t:
            if t.rfind(",") > t.rfind("."):
                t = t.replace(".", "").replace(",", ".")
            else:
                t = t.replace(",", "")
            return float(t)
        for sep in (",", "."):
            if sep in t:
                parts = t.split(sep)
                grouped = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3 and parts[0] != "0"
                if grouped and (len(parts) > 2 or not multiplied):
                    return float("".join(parts))
                if len(parts) == 2:
                    return float(parts[0] + "." + parts[1])
                return None
        return float(t)
    except ValueError:
        return None


def _definite(doc: _Doc, j: int, skip: int = 0) -> bool:
    """Does word token j start (after `skip` folded chars) with the article ال as written (not أل as in ألقاب)?"""
    w = doc.word(j)
    if w is None or not w[skip:].startswith("ال"):
        return False
    s = doc.toks[j][0] + skip
    os_, _ = doc.norm.to_original(s, s + 1)
    return doc.text[os_: os_ + 1] == "ا"


def _count_noun_at(doc: _Doc, j: int, R: _Rules) -> Optional[int]:
    """End token of a counted noun (with its relational adjectives) starting at token j, or None."""
    q = j
    quoted = False
    if doc.tok(q) in _QUOTES_OPEN and doc.kind(q + 1) == "w":
        q += 1
        quoted = True
    w = doc.word(q)
    if w is None or len(w) < 2:
        return None
    if _definite(doc, q) or (w[0] in "وفبك" and _definite(doc, q, 1)) or w.startswith(("لل", "ولل", "فلل")):
        return None  # a definite noun (الجوائز, بالجائزة, للخط) is not counted
    if w.startswith(("وبال", "فبال")) and _definite(doc, q, 2):
        return None
    if _in_lex(R.not_counted, w) or _is_time_unit(w, R) or w in R.cardinals:
        return None
    if w[0] in "وف" and len(w) > 2 and (w[1:] in R.not_counted.words or _is_time_unit(w[1:], R)):
        return None  # ومع, وفي: a conjunction, not a noun
    if _month_at(doc, q, R) or _strip_cardinal(w, R) is not None:
        return None
    end = q + 1
    if quoted:
        if doc.tok(end) in _QUOTES_CLOSE:
            return end + 1
        return None
    while True:
        a = doc.word(end)
        if a is None or not R.nisba_rx.match(a) or R.not_nisba_rx.match(a) or _in_lex(R.not_counted, a):
            break
        if _is_time_unit(a, R):
            break
        end += 1
    return end


def _words_span_text(doc: _Doc, i: int, j: int) -> Optional[str]:
    if i >= j:
        return None
    s, e = doc.span(i, j)
    return doc.text[s:e] or None


def _property_before(doc: _Doc, i: int, R: _Rules, n: int = 3) -> Optional[str]:
    """Up to n words right before token i (same clause, not past another number), hedges at the end dropped."""
    k = i
    while k > 0 and doc.kind(k - 1) == "w" and (_in_lex(R.hedges, doc.toks[k - 1][2]) or len(doc.toks[k - 1][2]) == 1) \
            and i - k < 4:
        k -= 1
    words = doc.words_before(k, n)
    while words and doc.kind(k - len(words) - 1) == "d":
        words = words[1:]  # the first word is the unit of an earlier number
    while words and len(words[0]) == 1:
        words = words[1:]
    if not words:
        return None
    return _words_span_text(doc, k - len(words), k)


def _property_after_min(doc: _Doc, j: int, n: int = 8) -> Optional[str]:
    """Words after "من" at token j, up to the clause end or a copula (n words at most)."""
    if doc.word(j) != "من":
        return None
    k = j + 1
    while k < len(doc.toks) and k - (j + 1) < n and doc.kind(k) == "w" and doc.toks[k][2] not in (
        "هي", "هو", "هم", "كانت", "كان", "تعد", "يعد", "وهي", "وهو"
    ):
        k += 1
    return _words_span_text(doc, j + 1, k)


_Found = Optional[tuple[MetricMatch, int]]  # a metric and the token after it


def _metric(doc: _Doc, i: int, j: int, value: float, unit: str, prop: Optional[str], source: str,
            score: float, lead: int = 0) -> _Found:
    """A MetricMatch over tokens i..j-1 (the first `lead` folded chars of token i are proclitics)."""
    if not math.isfinite(value):
        return None
    s = doc.toks[i][0] + lead
    e = doc.toks[j - 1][1]
    os_, oe = doc.norm.to_original(s, e)
    t = doc.text[os_:oe]
    if not t or not t.strip():
        return None
    ent = Entity(start=os_, end=oe, text=t, type="METRIC", source=source, score=score, value=value)
    return MetricMatch(entity=ent, value=value, unit=unit, property=prop), j


def _after_number(doc: _Doc, i: int, j: int, value: float, R: _Rules, source: str, score: float,
                  lead: int = 0, multiplied: bool = False, words_number: bool = False) -> _Found:
    """Read what follows a number (tokens i..j-1): a currency, a unit, a counted noun, or nothing."""
    meas = _measure_at(doc, j, R)
    if meas is not None:
        k, rid, unit = meas
        if unit == "other" and doc.word(j) in ("م", "كم") and doc.kind(k) == "d" and doc.glued(k - 1, k):
            if doc.tok(k) in ("2", "3"):
                k += 1  # م2, كم2, م3
        if unit != "other" or not _is_time_unit(doc.word(j), R):
            sc = _SCORE_MONEY if unit.startswith("currency:") else _SCORE_MEASURE
            return _metric(doc, i, k, value, unit, _property_before(doc, i, R), rid, sc, lead)
    w = doc.word(j)
    if w is not None and (_is_time_unit(w, R) or _month_at(doc, j, R)):
        return None
    if w == "من" and doc.word(j + 1) is not None and not _month_at(doc, j + 1, R):
        nxt = doc.word(j + 1)
        if nxt in R.cardinals or _in_lex(R.not_counted, nxt) or any(_is_time_unit(x, R) for x in _readings(nxt)):
            return None  # 12 من الشهر الجاري: a date
        if words_number:
            if not _definite(doc, j + 1):
                return None
            end = _count_noun_end_definite(doc, j + 1, R)
            return _metric(doc, i, end, value, "count", _words_span_text(doc, j + 1, end), source, score, lead)
        return _metric(doc, i, j, value, "count", _property_after_min(doc, j, 6), source, score, lead)
    end = _count_noun_at(doc, j, R)
    if end is not None:
        q = j + 1 if doc.tok(j) in _QUOTES_OPEN else j
        prop = _words_span_text(doc, q, end if doc.tok(end - 1) not in _QUOTES_CLOSE else end - 1)
        return _metric(doc, i, end, value, "count", prop, source, score, lead)
    if multiplied and (doc.kind(j) in (None, "p") and doc.tok(j) not in ("-", "/")):
        return _metric(doc, i, j, value, "count", _property_before(doc, i, R), source, score, lead)
    return None


def _count_noun_end_definite(doc: _Doc, j: int, R: _Rules) -> int:
    end = j + 1
    while True:
        a = doc.word(end)
        if a is None or not _definite(doc, end) or not R.nisba_rx.match(a[2:]):
            break
        end += 1
    return end


def _title_start(doc: _Doc, q: int, R: _Rules) -> bool:
    """Does the opening quote at token q start a title (after فيلم, رواية ... or at a sentence start)?"""
    w = doc.word(q - 1)
    if w is None:
        return doc.tok(q - 1) in (None, ".", "!", "?", "؟", ":")
    return _in_lex(R.title_heads, w)


def _excluded_context(doc: _Doc, i: int, R: _Rules, depth: int = 0) -> bool:
    """Is the number at token i an age, rank, time, edition, score, title or definite numeral?"""
    toks = doc.toks
    prev = doc.tok(i - 1)
    if prev == "ال":
        return True  # الـ 20
    if prev is not None and doc.glued(i - 1, i):
        if doc.kind(i - 1) == "w" and prev.endswith("ال"):
            return True  # الـ20
        if prev in _QUOTES_OPEN and _title_start(doc, i - 1, R):
            return True  # فيلم "120 نبضة في الدقيقة" (a title)
        if prev in ("-", ":", "/", ".", "#") and doc.kind(i - 2) in ("d", "w"):
            return True
    nxt = doc.tok(i + 1)
    if nxt in ("-", ":", "/") and doc.glued(i, i + 1) and (doc.kind(i + 2) == "d" or doc.word(i + 2) == "صفر"):
        return True  # 5-2, 17:17
    if prev in ("-", ":") and doc.kind(i - 2) == "d":
        return True
    k = i - 1
    if doc.tok(k) == "(":
        k -= 1
    w = doc.word(k)
    if w is not None and _in_lex(R.context_excl, w):
        return True
    if any(_in_lex(R.year_names, x) for x in doc.words_before(i, 3)):
        return True  # رؤية المملكة 2030, ألبومها 1989
    if w == "و" and doc.glued(k, i) and doc.kind(k - 1) == "d" and depth < 3:
        return _excluded_context(doc, k - 1, R, depth + 1)  # سباقي 100 و200 متر
    if _LATIN.search(doc.nt[max(0, toks[i][0] - 2): toks[i][0]]):
        return True  # Windows 10, Falcon 9
    if w is not None and (_month_at(doc, k, R) or _in_lex(R.year_cues_narrow, w)):
        return True  # أكتوبر 1611, عام 1270: a date or a year, never a metric
    return False


def _find_metrics(doc: _Doc) -> list[MetricMatch]:
    R = _rules()
    nt, toks = doc.nt, doc.toks
    found: list[tuple[MetricMatch, int]] = []
    _years_of(doc)
    taken: set[int] = set(doc.year_toks)  # token indices already used

    def keep(hit: _Found, i: int) -> None:
        if hit is not None:
            found.append(hit)
            taken.update(range(i, hit[1]))

    # percentages
    for m in R.pct_rx.finditer(nt):
        s, e = m.span()
        while e > s and nt[e - 1].isspace():
            e -= 1
        i = doc.by_start.get(s)
        if i is None:
            continue
        j = i
        while j < len(toks) and toks[j][0] < e:
            j += 1
        if any(q in taken for q in range(i, j)):
            continue
        num = m.group(1) if m.group(1) is not None else m.group(2)
        v = _parse_digits(num, False)
        if v is None:
            continue
        prop = _property_after_min(doc, j, 8) or _property_before(doc, i, R)
        keep(_metric(doc, i, j, v, "percent", prop, "metric.percent", R.pct_score), i)

    # numbers in digits (not glued to Latin letters: A380, PX3)
    for nm in R.num_rx.finditer(nt):
        i = doc.by_start.get(nm.start())
        if i is None or i in taken or toks[i][1] != nm.end():
            continue
        t = toks[i][2]
        if _excluded_context(doc, i, R):
            continue
        j = i + 1
        mult = 1
        nxt = doc.word(j)
        if nxt is not None and R.cardinals.get(nxt, ("", 0))[0] == "multiplier":
            mult = R.cardinals[nxt][1]
            j += 1
        v = _parse_digits(t, mult != 1)
        if v is None:
            continue
        v = v * mult
        if mult != 1:
            v, j = _and_a_half(doc, j, v, mult, R)
        if doc.tok(i - 1) == "$" and doc.glued(i - 1, i):
            keep(_metric(doc, i - 1, j, v, "currency:USD", _property_before(doc, i - 1, R),
                         "metric.currency.usd", _SCORE_MONEY), i - 1)
        else:
            keep(_after_number(doc, i, j, v, R, "metric.number", R.num_score, multiplied=mult != 1), i)

    # numbers in words
    for m in R.cw_rx.finditer(nt):
        i = doc.by_start.get(m.start())
        if i is None or i in taken:
            continue
        keep(_word_number_metric(doc, i, R), i)

    out = sorted((f[0] for f in found), key=lambda x: (x.entity.start, -x.entity.end))
    res: list[MetricMatch] = []
    last_end = -1
    for x in out:  # drop overlaps, keeping the earlier (longer) one
        if x.entity.start >= last_end:
            res.append(x)
            last_end = x.entity.end
    return res


def _word_number_metric(doc: _Doc, i: int, R: _Rules) -> _Found:
    w = doc.toks[i][2]
    hit = _strip_cardinal(w, R)
    if hit is None:
        frac = _strip_fraction(w, R)
        nw = doc.word(i + 1)
        if frac is None or nw is None or R.cardinals.get(nw, ("", 0))[0] != "multiplier":
            return None
        if nw in R.plural_multipliers:
            return None
        v = frac[1] * R.cardinals[nw][1]  # نصف مليون
        return _after_number(doc, i, i + 2, v, R, "metric.count_words", R.cw_score, lead=frac[0],
                             words_number=True)
    lead, (kind, v) = hit
    stem = w[lead:]
    if doc.tok(i - 1) in _QUOTES_OPEN and doc.glued(i - 1, i) and _title_start(doc, i - 1, R):
        return None  # a title: فيلم "ثلاث لافتات ..."
    prev = doc.word(i - 1)
    compound = stem in R.ten_words or (lead and w.startswith("و") and kind == "tens")
    if compound and prev is not None and (_ord_word(R, prev) is not None or prev[2:] in R.cardinals):
        return None  # الحادية عشرة, السادسة والثلاثين, الاثني عشر: the second word of an ordinal or a definite
    if prev is not None and _in_lex(R.context_excl, prev):
        return None
    if doc.tok(i - 1) == "#":
        return None  # a hashtag
    j = i + 1
    if kind == "unit":
        if doc.word(j) in R.ten_words and v < 10:
            v, j = v + 10, j + 1
        elif v == 1:
            return None  # واحد / أحد follow their noun or mean "one of"
        else:
            nw = doc.word(j)
            if nw is not None and nw.startswith("و") and R.cardinals.get(nw[1:], ("", 0))[0] == "tens":
                v, j = v + R.cardinals[nw[1:]][1], j + 1
            elif nw is not None and R.cardinals.get(nw, ("", 0))[0] == "hundreds" and R.cardinals[nw][1] == 100:
                v, j = v * 100, j + 1
    elif kind == "hundreds":
        nw = doc.word(j)
        if nw is not None and nw.startswith("و"):
            sub = _strip_cardinal(nw[1:], R)
            if sub is not None and sub[0] == 0 and sub[1][0] in ("unit", "tens"):
                v, j = v + sub[1][1], j + 1
    elif kind == "multiplier":
        if stem in R.plural_multipliers:
            return None  # "آلاف المصورين": thousands, no number
        v, j = _and_a_half(doc, j, float(v), v, R)
        return _after_number(doc, i, j, float(v), R, "metric.count_words", R.cw_score, lead=lead,
                             words_number=True)
    # a multiplier after the number: ثلاثة آلاف, عشرة ملايين
    nw = doc.word(j)
    multiplied = False
    if nw is not None and R.cardinals.get(nw, ("", 0))[0] == "multiplier":
        mult = R.cardinals[nw][1]
        v, j, multiplied = v * mult, j + 1, True
        v, j = _and_a_half(doc, j, v, mult, R)
    nw = doc.word(j)
    if nw is not None and _strip_cardinal(nw, R) is not None:
        return None  # أربعة وثمانية كيلومترات: a list of numbers
    return _after_number(doc, i, j, float(v), R, "metric.count_words", R.cw_score, lead=lead,
                         multiplied=multiplied, words_number=True)


def find_metrics(text: str, norm: Optional[Normalised] = None) -> list[MetricMatch]:
    """METRIC entities of `text` with value, unit and property, in order of start.

    Percentages (82%, ٪٤٠, 89 بالمئة, 79 في المائة), counts in digits or words
    with the counted noun (441 متسابقا, خمس جوائز, ثلاثة ملايين مشاهد), money
    (مليون دولار, 5 آلاف يورو; unit currency:<ISO>) and physical measures
    (21 كيلومترا, 720 ألف م2; unit other). Excluded: years, dates, ages,
    durations, ranks, editions, scores, times, dual nouns and definite numerals.
    """
    if not isinstance(text, str) or not text:
        return []
    return _find_metrics(_get_doc(text, norm))


# --------------------------------------------------------------------------- dates


@lru_cache(maxsize=2048)
def _dateparse(day: Optional[int], month: int, year: Optional[int]) -> Optional[tuple[int, int, int]]:
    import dateparser  # slow to import: only when a date candidate is found

    parts = ([str(day)] if day else []) + [_DATEPARSER_MONTHS[month - 1]] + ([str(year)] if year else [])
    try:
        d = dateparser.parse(" ".join(parts), languages=["ar"], settings=dict(_DATEPARSER_SETTINGS))
    except Exception:
        return None
    if d is None:
        return None
    return d.year, d.month, d.day


def _month_candidates(doc: _Doc, R: _Rules, rx: re.Pattern[str], first_words: frozenset[str]):
    """Matches of a date regex, tried only where a month name occurs (with its day before it)."""
    last_end = -1
    for i, (s, e, w, kind) in enumerate(doc.toks):
        if kind != "w" or s < last_end:
            continue
        if w not in first_words and not (w[:1] in "بلو" and w[1:] in first_words):
            continue
        start = s
        k = i - 1
        if doc.word(k) == "من":
            k -= 1
        if doc.kind(k) == "d":
            start = doc.toks[k][0]
        m = rx.match(doc.nt, start) or (rx.match(doc.nt, s) if start != s else None)
        if m is not None and m.end() > s:
            last_end = m.end()
            yield m


def _find_dates(doc: _Doc) -> list[DateMatch]:
    R = _rules()
    nt = doc.nt
    out: list[DateMatch] = []
    for m in _month_candidates(doc, R, R.date_rx, R.month_first_words):
        month_word = re.sub(r"\s+", " ", m.group("month"))
        month = R.months.get(month_word)
        if month is None:
            continue
        day = int(m.group("day")) if m.group("day") else None
        year = int(m.group("year")) if m.group("year") else None
        s, e = m.span()
        if day is None:
            # an ordinal day: الخامس من يناير
            head = nt[max(0, s - 40): s]
            om = re.search(rf"([{_AR}]+(?:[ \t]+و?[{_AR}]+)?)[ \t]+(?:من[ \t]+)?$", head)
            if om:
                for cand in (om.group(1), om.group(1).split()[-1]):
                    n = parse_ordinal(cand)
                    if n is not None and 1 <= n <= 31 and not re.fullmatch(r"[0-9]+", cand):
                        day = n
                        s = s - len(head) + head.rfind(cand)
                        break
        if month_word in R.ambiguous_months and day is None and year is None and m.group("month2") is None:
            before = nt[max(0, m.start() - 8): m.start()].split()
            if not before or before[-1] not in ("شهر", "الشهر", "بشهر", "وشهر"):
                continue
        if day is not None and not 1 <= day <= 31:
            day = None
            s = m.start("month") - (1 if nt[m.start("month") - 1: m.start("month")] in ("ب", "ل", "و") else 0)
        if year is not None and not 1000 <= year <= 2200:
            year = None
        parsed = _dateparse(day, month, year)
        if parsed is None and day is not None:
            day = None
            parsed = _dateparse(None, month, year)
        if parsed is None:
            continue
        # a proclitic glued to the month is not part of the date
        if s == m.start() and not m.group("day") and nt[s] in "بلو" and m.start("month") == s + 1:
            s += 1
        os_, oe = doc.norm.to_original(s, e)
        out.append(DateMatch(start=os_, end=oe, year=year, month=parsed[1], day=day,
                             text=doc.text[os_:oe], calendar="gregorian", source="date.month"))
    for m in _month_candidates(doc, R, R.hdate_rx, R.hijri_first_words):
        if m.group("year") is None:
            continue
        hmonth = R.hijri_months.get(re.sub(r"\s+", " ", m.group("month")))
        if hmonth is None:
            continue
        hy = int(m.group("year"))
        hd = int(m.group("day")) if m.group("day") else None
        s, e = m.span()
        if not m.group("day") and nt[s] in "بلو" and m.start("month") == s + 1:
            s += 1
        try:
            from hijridate import Hijri

            g = Hijri(hy, hmonth, hd if hd and 1 <= hd <= 30 else 1).to_gregorian()
        except Exception:
            continue
        os_, oe = doc.norm.to_original(s, e)
        if hd and 1 <= hd <= 30:
            out.append(DateMatch(start=os_, end=oe, year=g.year, month=g.month, day=g.day,
                                 text=doc.text[os_:oe], calendar="hijri", source="date.hijri_month"))
        else:
            out.append(DateMatch(start=os_, end=oe, year=g.year, month=None, day=None,
                                 text=doc.text[os_:oe], calendar="hijri", source="date.hijri_month"))
    for m in R.date_numeric_rx.finditer(nt):
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not (1 <= d <= 31 and 1 <= mo <= 12 and 1000 <= y <= 2200):
            continue
        parsed = _dateparse(d, mo, y)
        if parsed is None:
            continue
        os_, oe = doc.norm.to_original(*m.span())
        out.append(DateMatch(start=os_, end=oe, year=y, month=mo, day=d, text=doc.text[os_:oe],
                             calendar="gregorian", source="date.numeric"))
    out.sort(key=lambda x: (x.start, -x.end))
    res: list[DateMatch] = []
    last = -1
    for x in out:
        if x.start >= last:
            res.append(x)
            last = x.end
    return res


def find_dates(text: str, norm: Optional[Normalised] = None) -> list[DateMatch]:
    """Explicit dates: day? + month name (Arabic, Levantine or Maghrebi; Hijri with a year) + year?.

    15 يونيو 2015, كانون الثاني/يناير 2017, الخامس من يناير 2014, 26 شوال 1436هـ
    (converted to Gregorian), 15/6/2015. year/month/day are None where the text
    does not give them. Candidates are found by regex and parsed with
    dateparser (imported on first use) with a fixed base date.
    """
    if not isinstance(text, str) or not text:
        return []
    return _find_dates(_get_doc(text, norm))
