"""Rule entities: AWARD names, title-anchored PERSONs, head-anchored ORGANISATIONs, WORK candidates.

Every rule here is driven by the lexicons in awards.yaml and names.yaml. A
name is found from its head noun (جائزة, وزارة) or its cue (الشيخ, الروائي)
and extended word by word until a function word, punctuation, a verb cue or a
time phrase ends it; `NameRules.extend` is that one shared walk.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional, Sequence

from ..document import Document
from ..schema import Entity
from ..text import ONE_LETTER_TITLES, Token, fold
from . import RuleSet
from .numbers import parse_ordinal
from .matcher import LexMatch, _chars_for_folded_prefix, match_at, stem_in, strip_prefix

__all__ = ["NameRules", "RolePhrase"]

Kind = Literal["award", "org", "work"]
QUOTES_OPEN = {'"', "«", "“", "'", "„", "‘"}
QUOTES_CLOSE = {'"', "»", "”", "'", "‘", "’"}
_PREPOSITION_WORDS = frozenset({"في", "من", "الي", "علي", "عن", "مع", "بين", "لدي", "حتي", "منذ"})  # folded
# (folded) award heads that are names on their own
_BARE_AWARD_NAMES = frozenset({"أوسكار", "اوسكار", "الاوسكار", "غرامي", "ايمي", "بافتا", "مونديال", "المونديال",
                               "الاولمبياد"})
@lru_cache(maxsize=1)
def _folded_titles() -> frozenset[str]:
    """text.ONE_LETTER_TITLES as tokens read them (folded; computed on first use, not at import)."""
    return frozenset(fold(t) for t in ONE_LETTER_TITLES)


MAX_NAME = {"award": 12, "org": 9, "work": 9}
_GLUED_PREPOSITIONS = ("على", "عن")  # written onto the word before them in careless copy (ماركوسعلى)
_SCALE_WORDS = frozenset({"الف", "الاف", "مليون", "ملايين", "مليونا", "مليار", "مليارات"})  # folded
_GENERIC_BODIES = {"المسابقه", "البطوله", "الجائزه", "المهرجان", "الدوره", "الحفل", "المنافسه", "النسخه", "الموسم"}
_NAME_SKIP = {"الاصل", "السابق", "السابقه", "الشهير", "الشهيره", "الدولي", "العالمي",
              "العالميه", "المعروف", "المعروفه", "الراحل", "الراحله", "الصاعد", "المخضرم", "الكبير", "القدير"}


def _links_a_category(t: Token) -> bool:
    """لفئة, بفئات: the word that joins an award to the category that follows it."""
    return t.norm[:1] in "لب" and t.norm[1:] in ("فئه", "فئات")


@dataclass(frozen=True)
class RolePhrase:
    """A role (وزير الأشغال ..., مدير إدارة الاتصال, الروائي) and the token range it covers."""

    start: int
    end: int
    first: int
    last: int


class NameRules:
    """Compiled name rules over one RuleSet. Stateless after construction: safe across threads."""

    def __init__(self, rules: RuleSet) -> None:
        lx = rules.lexicon
        self.award_head = lx("award.head.prize")
        self.award_needs_mod = lx("award.head.bare_needs_modifier")
        self.medal = lx("award.head.medal_colour")
        self.award_generic = lx("award.generic_modifier")
        self.award_definite_mod = lx("award.definite_modifier")
        self.superlative = lx("award.head.superlative")
        self.award_tail_stop = lx("award.tail_stop")
        self.award_trailing = lx("award.trailing_description")
        self.award_field = lx("award.field_adjective")
        self.name_tail_stop = lx("name.tail_stop")
        self.race = rules.regex("award.race_grand_prix")
        self.race_context = lx("award.race_context")
        self.latin_award = rules.regex("award.latin_name")
        self.win_verb = lx("trigger.win.verb")
        self.win_noun = lx("trigger.win.noun")
        self.confer_verb = lx("trigger.confer.verb")
        self.honorific = lx("person.honorific")
        self.occupation = lx("person.occupation")
        self.role_head = lx("person.role_head")
        self.connector = lx("person.name_connector")
        self.name_words = lx("person.name_word")
        self.waw_names = lx("person.waw_name")
        self.word_first_names = lx("person.word_first_name")
        self.nisba = rules.regex("person.nationality_suffix")
        self.org_head = lx("org.head")
        self.org_bare = lx("org.bare_nominal")
        self.org_known = lx("org.known")
        self.org_generic = lx("org.generic")
        self.team_context = lx("org.team_context")
        self.org_definite_head = lx("org.definite_head")
        self.org_adjective = lx("org.common_adjective")
        self.work_head = lx("work.head")
        self.country = lx("location.country_city")
        self.loc_gazetteer = lx("location.gazetteer")
        self.stop = lx("stop.function")
        self.time = lx("stop.time_phrase")
        self.event = lx("stop.event_phrase")
        self.category = lx("cue.category")
        self.rank_cue = lx("cue.rank")

    # -- token classes -------------------------------------------------
    def is_stop(self, t: Token) -> bool:
        if t.text == "علي":
            return False  # the name; the preposition is written على
        n = t.norm
        return n in self.stop.words or (len(n) > 2 and n[0] in "وف" and n[1:] in self.stop.words)

    def is_time(self, t: Token) -> bool:
        return stem_in(t, self.time)

    def is_person_cue(self, t: Token) -> bool:
        return stem_in(t, self.honorific) or stem_in(t, self.occupation)

    def is_verb_cue(self, t: Token) -> bool:
        return stem_in(t, self.win_verb) or stem_in(t, self.confer_verb)

    def is_nisba(self, t: Token) -> bool:
        return bool(self.nisba.regex.match(t.norm))

    @staticmethod
    def is_punct(t: Token) -> bool:
        return not t.is_word and not t.is_digit

    @staticmethod
    def definite(t: Token) -> bool:
        n = t.norm
        return n.startswith("ال") or (n[:1] in "وفبك" and n[1:3] == "ال") or n.startswith("لل")

    # -- the shared walk ------------------------------------------------
    def extend(self, tokens: Sequence[Token], j: int, kind: Kind, limit: Optional[int] = None) -> int:
        """Index one past the last token of a name whose body starts at token j."""
        n_tok = len(tokens) if limit is None else min(limit, len(tokens))
        end = j
        count = 0
        seen_definite = False
        while end < n_tok and count < MAX_NAME[kind]:
            t = tokens[end]
            if end == j and (t.text in QUOTES_OPEN or t.text == "(" and kind == "award"):  # جوائز (توني)
                close = self._closing_quote(tokens, end, n_tok)
                if close is None or t.text == "(" and (close - end > 4 or self.is_stop(tokens[end + 1])
                                                       or tokens[end + 1].norm.startswith("و")):
                    break  # جائزة (وهي الأولى له): an aside in brackets, not a name
                return close + 1
            size_end = self._size_class(tokens, end, n_tok) if kind == "award" else 0
            if size_end:
                end = size_end
                count += 1
                continue
            if self.is_punct(t) or t.is_digit:
                break
            if kind == "award" and end > j and end + 2 < n_tok and tokens[end + 1].norm == "كل" \
                    and tokens[end + 2].norm == "من":
                break  # ميداليات فضية بتحقيق كل من: X: the list of winners starts
            if kind == "award" and end > j and _links_a_category(t):
                break  # جائزة X لفئة Y: the category follows the name
            if kind == "award" and (t.norm in self.award_tail_stop.words or self._reason_phrase(t) or t.norm == "و"):
                break  # جائزة X تمنحها الهيئة, جائزة أفضل ممثلة لبطلته: the name has ended
            if kind == "org" and end > j and t.norm in self.name_tail_stop.words:
                break  # مطار X الدولي الجديد: a description, not the name
            if kind in ("org", "work") and end > j and stem_in(t, self.win_noun):
                break  # المنتخب X الفائز بكأس Y: the participle starts a new phrase
            if kind != "award" and end > j and match_at(tokens, end, self.superlative):
                break  # فندق جميرا بيتش أفضل فندق: the accolade after a name is not part of it
            if t.norm[:1] in "بك" and t.norm[1:3] == "ال":
                break  # a prepositional phrase (بالوزارة, كالعادة) is not part of a name
            if seen_definite and not self.definite(t) and not self._continues_chain(t, kind) \
                    and not (kind == "award" and (self._in_after_best(tokens, end)
                                                  or match_at(tokens, end - 1, self.superlative))):
                break  # a definite noun closes the construct chain: what follows is a new phrase
            if self.is_stop(t):
                if kind == "award" and t.norm in ("في", "على", "علي") and end + 1 < n_tok:
                    nxt = tokens[end + 1]
                    after_best = self._in_after_best(tokens, end)
                    if ((nxt.norm.startswith("ال") or after_best and nxt.is_word and not self.definite(nxt))
                            and not self.is_time(nxt) and not self.is_stop(nxt) and not nxt.is_digit
                            and not stem_in(nxt, self.event) and not stem_in(nxt, self.award_generic)
                            and not stem_in(nxt, self.org_bare) and not self.is_person_cue(nxt)):
                        end += 2
                        count += 2
                        continue
                break
            if end == j and kind != "work" and match_at(tokens, end, self.honorific) is not None:
                m_h = match_at(tokens, end, self.honorific)
                assert m_h is not None
                name_end = self.name_end(tokens, m_h.last)
                if name_end > m_h.last:  # جامعة الملك سعود, جائزة الملك فيصل
                    count += name_end - end
                    end = name_end
                    seen_definite = True  # a proper name closes the construct like a definite noun
                    continue
            if kind == "award" and end > j and self._time_in_name(tokens, end, n_tok):
                end += 1  # جائزة لاعب الشهر, كتاب العام: a construct with a time noun
                count += 1
                seen_definite = True
                continue
            if (kind == "award" and end > j and t.norm.startswith("لل") and stem_in(t, self.occupation)
                    and not stem_in(t, self.org_head)):  # (للأكاديمية: the academy, not the academic)
                break  # الجائزة الكبرى للمخرج X: the recipient after a dative title, not the award's name
            if self.is_person_cue(t) and kind == "award" and end > j and seen_definite and self.definite(t) \
                    and (end + 1 >= n_tok or not tokens[end + 1].is_word or self.is_stop(tokens[end + 1])
                         or self.definite(tokens[end + 1])):
                pass  # للرسم الصحفي، للمنتدى الأكاديمي الدولي: an adjective, not a title before a name
            elif self.is_time(t) or self.is_verb_cue(t) or self.is_person_cue(t):
                break
            if kind in ("org", "work") and (stem_in(t, self.role_head) and t.norm[:1] not in "و"
                                            or stem_in(t, self.award_head)):
                break
            if kind == "org" and end > j and t.norm.startswith("ال") and t.norm[2:] in self.org_head.words:
                break  # a second head noun starts a new name (الخطوط السعودية | المركز الأول)
            if end > j and t.norm.startswith("و") and len(t.norm) > 3:
                rest = t.norm[1:]
                if kind == "award":
                    if rest in self.award_head.words or rest in self.superlative.words or not rest.startswith("ال"):
                        break
                elif not (rest.startswith("ال") or rest in self.org_head.words):
                    break
            if kind == "award" and end > j and stem_in(t, self.org_bare) and not t.norm.startswith("ل"):
                break
            seen_definite = seen_definite or self.definite(t)
            end += 1
            count += 1
        # names do not end in a dangling preposition
        while end > j and tokens[end - 1].norm in ("في", "على", "علي", "من", "ل", "و"):
            end -= 1
        return end

    @staticmethod
    def _size_class(tokens: Sequence[Token], k: int, n_tok: int) -> int:
        """فئة أكثر من 10 ملايين زائر, جائزة أقل من 3 ملايين مسافر: a size class names a category; the
        number is part of the award's name, not a metric. One past its last token, or 0."""
        if not (k + 3 < n_tok and tokens[k].norm in ("اكثر", "اقل") and tokens[k + 1].norm == "من"
                and tokens[k + 2].is_digit):
            return 0
        end = k + 3
        while end < n_tok and (tokens[end].is_digit or tokens[end].text in (".", ",", "٫", "٬")
                               and end + 1 < n_tok and tokens[end + 1].is_digit):
            end += 1
        if end < n_tok and tokens[end].norm in _SCALE_WORDS:
            end += 1
        if end < n_tok and tokens[end].is_word and not tokens[end].is_digit:
            return end + 1  # the counted noun (مسافر, راكب)
        return 0

    def _in_after_best(self, tokens: Sequence[Token], k: int) -> bool:
        """أفضل لاعب في أوروبا / في العالم / على مستوى العالم: في (or على مستوى) right after a
        superlative's noun names its field."""
        field = tokens[k].norm == "في" or (tokens[k].norm == "علي" and k + 1 < len(tokens)
                                            and tokens[k + 1].norm == "مستوي")
        return field and any(match_at(tokens, i, self.superlative) for i in range(max(0, k - 6), k))

    @staticmethod
    def _reason_phrase(t: Token) -> bool:
        """لبطلته, لجهودها: a ل-phrase whose noun carries a possessive pronoun (ه in the original text,
        which folding would confuse with ة) gives a reason or a recipient, not part of a name."""
        return t.norm.startswith("ل") and len(t.norm) > 3 and t.text.endswith(("ه", "ها", "هم", "هما"))

    def _time_in_name(self, tokens: Sequence[Token], k: int, n_tok: int) -> bool:
        t, prev = tokens[k], tokens[k - 1]
        if not (t.norm in ("الشهر", "العام", "السنه", "الاسبوع", "الموسم") and prev.is_word
                and not prev.is_digit and not self.definite(prev) and not self.is_stop(prev)):
            return False
        nxt = tokens[k + 1].norm if k + 1 < n_tok else ""
        return not (nxt.isdigit() or nxt in ("الماضي", "المقبل", "الحالي", "الجاري"))

    def _continues_chain(self, t: Token, kind: Kind) -> bool:
        """ل-phrases (لتقنية, لكرة), Latin words (G2G) and, in organisation names, a coordinated
        head (وشؤون) continue a name after a definite noun; a ل-phrase with a possessive pronoun
        (لعملها, لجهودهم) is the reason for something, not part of a name."""
        if (t.norm.startswith("ل") and len(t.norm) > 3 and not t.norm.endswith(("ها", "هم", "هما"))
                and t.norm not in self.name_words.words) or t.text.isascii():  # ليونيل is a name, not ل + noun
            return True
        return kind == "org" and t.norm.startswith("و") and t.norm[1:] in self.org_head.words

    @staticmethod
    def _closing_quote(tokens: Sequence[Token], i: int, n_tok: int) -> Optional[int]:
        closers = {")"} if tokens[i].text == "(" else QUOTES_CLOSE
        for k in range(i + 1, min(n_tok, i + 16)):
            if tokens[k].text in closers:
                return k if k > i + 1 else None
            if tokens[k].text in {".", "؛", ";", "\n"}:
                return None  # (a comma may sit inside a quoted title: "ثلاث لافتات ...، ميسوري")
        return None

    # -- AWARD ----------------------------------------------------------
    def awards(self, doc: Document) -> list[Entity]:
        toks = doc.tokens
        out: list[Entity] = []
        i = 0
        while i < len(toks):
            m = match_at(toks, i, self.award_head) or self._superlative_at(toks, i)
            if m is None:
                i += 1
                continue
            if (m.last < len(toks) and m.entry[0] in ("مسابقه", "جوائز", "المسابقه")
                    and toks[m.last].norm.lstrip("بل") in ("جائزه", "جوائز")):
                i = m.last  # مسابقة جائزة X: the inner award is the name
                continue
            if m.entry[0] == "فئه" and m.last < len(toks) and match_at(toks, m.last, self.superlative):
                i = m.last  # فئة أفضل رواية: the category's name is أفضل رواية
                continue
            inner = match_at(toks, m.last, self.award_head) if m.last < len(toks) else None
            if inner is not None and inner.prefix == 0 and len(inner.entry) > 1:
                i = m.last  # جائزة بالون دور: the inner head is the name
                continue
            body = self._without_trailing_description(toks, m.last, self.extend(toks, m.last, "award"))
            if self._counted_awards_before(toks, i):
                body = self._split_coordination(toks, m.last, body)
            if not self._is_award(toks, m, body) or not self._head_agrees(toks, m, body) or self._starring(toks, m):
                i = m.last
                continue
            start = self.head_start(toks, m)
            if body > m.last and m.entry[0] in ("جائزه", "جائزتي", "جائزتا", "جائزتين") and m.prefix == 0:
                first = toks[m.last]
                if first.norm.lstrip("ل") in ("افضل", "احسن") and first.norm.startswith("ل") \
                        or m.entry[0] != "جائزه" and first.norm in ("افضل", "احسن"):
                    # جائزة لأفضل لاعبة, جائزتي أفضل تصوير: the category is the award's name
                    start = first.start + (1 if first.norm.startswith("ل") else 0)
            end = toks[body - 1].end if body > m.last else toks[m.last - 1].end
            text_norm = doc.norm.text  # race filter runs on folded text of the span
            ns, ne = self._norm_span(doc, start, end)
            if self.race.regex.search(text_norm[ns:ne]) or (m.first > 0 and stem_in(toks[m.first - 1], self.race_context)):
                i = body
                continue
            source = "award.head" if m.lexicon != self.superlative.id else "award.superlative"
            if any(self._size_class(toks, k, body) for k in range(m.last, body)):
                source = "award.size_class"  # outranks the METRIC inside it
            out.append(doc.entity(start, end, "AWARD", source, 0.85 if source == "award.head" else 0.7))
            i = max(body, m.last)
            if i < len(toks) and toks[i].norm.startswith("وال") and self._counted_awards_before(toks, m.first):
                nxt = self.extend(toks, i + 1, "award")
                second = self.extend(toks, i, "award") if nxt >= i + 1 else i
                if second > i:
                    out.append(doc.entity(toks[i].start + 1, toks[second - 1].end, "AWARD", "award.list_elided_head", 0.6))
                    i = second
        for match in self.latin_award.regex.finditer(doc.norm.text):
            start, end = doc.norm.to_original(match.start(), match.end())
            if not any(a.start <= start < a.end for a in out):
                out.append(doc.entity(start, end, "AWARD", self.latin_award.id, self.latin_award.score))
        return out

    def _counted_awards_before(self, toks: Sequence[Token], i: int) -> bool:
        """A dual or counted plural (جائزتين, ثلاث جوائز) just before: a list of awards follows."""
        return any(toks[k].norm.lstrip("وب") in ("جائزتين", "جائزتان", "الجائزتين", "جوائز") for k in range(max(0, i - 8), i))

    def _split_coordination(self, toks: Sequence[Token], j: int, body: int) -> int:
        """In a list of awards, و + noun starts the next award (التطور الالكتروني والاقتصاد الالكتروني)."""
        for k in range(j + 1, body):
            if toks[k].norm.startswith("وال"):
                return k
        return body

    def head_start(self, toks: Sequence[Token], m: LexMatch) -> int:
        """Where the name starts: after conjunction/preposition proclitics, keeping the article."""
        t = toks[m.first]
        if self.definite(t) and not (m.prefix == 0 and m.entry[0] == t.norm):
            return t.start + strip_prefix(t)
        return t.start + _chars_for_folded_prefix(t, m.prefix)  # بالون دور: the entry itself starts with بال

    def _head_agrees(self, toks: Sequence[Token], m: LexMatch, body: int) -> bool:
        """A definite head (الجائزة, اللجنة) names something only with a definite modifier (الكبرى, العليا)."""
        if not self.definite(toks[m.first]) or " ".join(m.entry).startswith("ال") and len(m.entry) > 1:
            return True
        if body == m.last and " ".join(m.entry) in _BARE_AWARD_NAMES:
            return True  # المونديال, الأوسكار: a name on its own
        return body > m.last and toks[m.last].norm.startswith("ال")  # an adjective, not لل/بال + noun

    def _without_trailing_description(self, toks: Sequence[Token], j: int, body: int) -> int:
        """جائزة البحر المتوسط الأدبية الفرنسية → جائزة البحر المتوسط: descriptive adjectives (and
        nationalities after them) that end the name describe the award; kept when nothing but them
        follows the head (الجائزة الأدبية is the whole name) or a phrase follows (السنوية للتنمية)."""
        if body < len(toks) and _links_a_category(toks[body]):
            return body  # جائزة X الأدبية لفئة Y: the category link reads the whole name
        end = body
        while end - 1 > j and self.is_nisba(toks[end - 1]) and toks[end - 1].norm not in self.award_trailing.words \
                and toks[end - 1].norm not in self.award_field.words:
            end -= 1  # the nationality after a description (الأدبية الفرنسية)
        describing = self.award_trailing.words | (self.award_field.words if end < body else frozenset())
        if not (end - 1 > j and toks[end - 1].norm in describing):
            return body  # no description: جائزة الإبداع العربي keeps its adjective
        while end - 1 > j and toks[end - 1].norm in describing:
            end -= 1
        return end

    def _is_award(self, toks: Sequence[Token], m: LexMatch, body: int) -> bool:
        head = " ".join(m.entry)
        if body == m.last:  # no modifier: bare جائزة / الجائزة / لقب is not a name
            return head in _BARE_AWARD_NAMES
        if head in self.award_needs_mod.words and m.entry[0] in ("الكره", "القفاز", "الحذاء", "الدب", "الاسد", "السعفه"):
            return toks[m.last].norm in self.medal.words
        if head == "الجائزه" and toks[m.last].norm in ("التي", "الذي"):
            return False
        first = toks[m.last]
        if first.norm in self.award_generic.words:
            return False  # جائزة مالية, الجائزة المرموقة: a kind of prize
        if (self.definite(toks[m.first]) and body == m.last + 1 and first.norm.startswith("ال")
                and first.norm not in self.award_definite_mod.words and not stem_in(first, self.medal)
                and not (m.entry[0] == "الدوري" and self.is_nisba(first))):  # الدوري الإنجليزي is a name
            return False  # الجائزة البالغة ...: a definite head names an award only with a naming adjective
        if body == m.last + 1 and toks[m.last].norm in _GENERIC_BODIES:
            return False  # لقب البطولة, جائزة المسابقة: a reference, not a name
        return True

    def _starring(self, toks: Sequence[Token], m: LexMatch) -> bool:
        """مسلسل «الوعد» بطولة X, فيلم من بطولة X: بطولة after a work means "starring", not a championship."""
        if toks[m.first].norm.lstrip("و") != "بطوله":
            return False
        for k in range(max(0, m.first - 4), m.first):
            if toks[k].text in QUOTES_CLOSE | {")"} or stem_in(toks[k], self.work_head) or toks[k].norm == "من":
                return True
        return False

    def _superlative_at(self, toks: Sequence[Token], i: int) -> Optional[LexMatch]:
        """أفضل X counts as an award name only after a win cue, ك, a category or rank cue (قائمة أفضل X)
        or a list of awards."""
        m = match_at(toks, i, self.superlative)
        if m is None or m.last >= len(toks) or not toks[m.last].is_word:
            return None
        prefix = toks[i].norm[: m.prefix]
        if "ك" in prefix:
            return m
        for k in range(max(0, i - 3), i):
            t = toks[k]
            if (stem_in(t, self.win_verb) or stem_in(t, self.win_noun) or stem_in(t, self.category)
                    or match_at(toks, k, self.rank_cue)):
                return m
        # نال مطار الملك خالد الدولي أفضل المطارات: a win verb, its subject (no break, no preposition), then أفضل
        if i > 0 and toks[i - 1].norm not in _PREPOSITION_WORDS:
            for k in range(i - 1, max(-1, i - 9), -1):
                t = toks[k]
                if self.is_punct(t) or t.norm in _PREPOSITION_WORDS or t.norm in ("الذي", "التي", "الذين"):
                    break  # فاز اللاعب الذي قدم أفضل أداء: أفضل belongs to another clause
                if k <= i - 4 and stem_in(t, self.win_verb) and t.norm.lstrip("وف") not in ("حقق", "حققت"):
                    return m
        listed = prefix.startswith("و") or (i >= 1 and toks[i - 1].norm == "و")  # وأحسن X / و أحسن X
        if listed and i >= 2 and (match_at(toks, i - 2, self.award_head) or toks[i - 1].is_word
                                  or toks[i - 1].text in ("،", ",")):  # جائزة X، وأفضل Y
            return m if any(match_at(toks, k, self.award_head) for k in range(max(0, i - 8), i)) else None
        return None

    @staticmethod
    def _norm_span(doc: Document, start: int, end: int) -> tuple[int, int]:
        import bisect

        src = doc.norm._src
        return bisect.bisect_left(src, start), bisect.bisect_left(src, end)

    # -- PERSON ---------------------------------------------------------
    def persons(self, doc: Document) -> list[Entity]:
        """Names right after an honorific, occupation or role phrase (الشيخ X, الروائي الجزائري X)."""
        toks = doc.tokens
        out: list[Entity] = []
        i = 0
        while i < len(toks):
            m = (match_at(toks, i, self.honorific) or match_at(toks, i, self.occupation) or self.abbreviated_title(toks, i)
                 or self._nationality_noun(toks, i))
            if m is not None and i > 0 and self._names_a_place(toks, i):
                i = m.last  # جامعة الملك سعود: the title is inside an organisation or award name
                continue
            j = self._skip_cues(toks, m.last) if m is not None else self._after_role(toks, i)
            if m is None and j is None:
                i += 1
                continue
            if m is None:
                m = match_at(toks, i, self.role_head)
                assert m is not None and j is not None
            end = self.name_end(toks, j, loose_first=m.lexicon in ("person.nationality_noun",
                                                                     "person.abbreviated_title"))
            if end > j:
                start = toks[j].start + strip_prefix(toks[j])
                glued = self.glued_preposition(toks[end - 1]) if end - 1 > j else 0
                stop = toks[end - 1].start + glued if glued else toks[end - 1].end
                out.append(doc.entity(start, stop, "PERSON", "person.after_title", 0.8))
                i = end
            else:
                i = m.last
        return out

    def win_subjects(self, doc: Document) -> list[Entity]:
        """فاز عمر الحسن بجائزة X: between a win verb and the award it takes (بجائزة, على جائزة), a
        short run of name-like words is the winner's name, even when the tagger missed it."""
        toks = doc.tokens
        out: list[Entity] = []
        for i, t in enumerate(toks[:-2]):
            if not stem_in(t, self.win_verb) or t.norm.startswith("ال"):
                continue
            j = i + 1
            if not toks[j].is_word or self.definite(toks[j]) or stem_in(toks[j], self.work_head) \
                    or stem_in(toks[j], self.org_bare) or self.is_person_cue(toks[j]):
                continue
            end = self.name_end(toks, j, max_words=3)
            if end <= j or end >= len(toks) or "ال" + toks[j].norm in self.occupation.words \
                    or any(self.is_nisba(x) or x.norm.endswith("يه") for x in toks[j + 1:end]):
                continue  # فتاة كندية: a person noun and a nationality, not a name
            nxt = toks[end]
            prep = nxt.norm in ("علي", "عن") and end + 1 < len(toks) and stem_in(toks[end + 1], self.award_head)
            if not (prep or nxt.norm[:1] == "ب" and stem_in(nxt, self.award_head)):
                continue
            if end - j == 1 and toks[j].norm not in self.name_words.words:
                continue  # one unknown word (عالمان, فريقه) is not enough to call it a name
            out.append(doc.entity(toks[j].start, toks[end - 1].end, "PERSON", "person.win_subject", 0.55))
        return out

    @staticmethod
    def abbreviated_title(toks: Sequence[Token], i: int) -> Optional[LexMatch]:
        """ود. أمينة X, م. خالد Y: a one-letter title and its period (with a conjunction or not)."""
        if i + 1 < len(toks) and toks[i].norm in _folded_titles() and toks[i + 1].text == ".":
            return LexMatch("person.abbreviated_title", i, i + 2, len(toks[i].norm) - 1, (toks[i].norm[-1], "."))
        return None

    def _nationality_noun(self, toks: Sequence[Token], i: int) -> Optional[LexMatch]:
        """حصد الكرواتي لوكا مودريتش: a nationality used as a noun right after a verb introduces a name."""
        if i == 0 or not self.is_nisba(toks[i]) or not toks[i].norm.startswith("ال"):
            return None
        prev = toks[i - 1]
        # تفوق السعودي مساعد X: the lead's verb, a nisba, then a known first name (not أعلنت البلدية نتائج)
        sentence_verb = (i == 1 or toks[i - 2].text in (".", "!", "؟", "\n")) and prev.is_word \
            and not self.definite(prev) and not self.is_stop(prev) and i + 1 < len(toks) \
            and (toks[i + 1].norm in self.name_words.words or toks[i + 1].norm in self.word_first_names.words)
        if not (self.is_verb_cue(prev) or prev.text in ("،", ",") or sentence_verb):
            return None
        return LexMatch("person.nationality_noun", i, i + 1, 0, (toks[i].norm,))

    def _names_a_place(self, toks: Sequence[Token], i: int) -> bool:
        prev = toks[i - 1]
        return (stem_in(prev, self.org_head) or stem_in(prev, self.award_head)) and not prev.norm.startswith("ال")

    def _after_role(self, toks: Sequence[Token], i: int) -> Optional[int]:
        """After a role head and its definite complement (مدير إدارة الاتصال), where a name may start."""
        m = match_at(toks, i, self.role_head)
        if m is None or toks[i].norm[:1] in "بلك" and not toks[i].norm.startswith(("لاعب", "كاتب")):
            return None
        j = m.last
        while j < len(toks) and j - m.last < 8:
            t = toks[j]
            if self.definite(t) and not self.is_stop(t) or stem_in(t, self.org_head) or stem_in(t, self.role_head):
                j += 1
                continue
            break
        if j == m.last or j >= len(toks) or not self.definite(toks[j - 1]):
            return None  # the name must follow a definite complement, or it is not a role phrase
        j = self._skip_cues(toks, j)
        return j

    def _skip_cues(self, toks: Sequence[Token], j: int) -> int:
        for _ in range(5):
            if j >= len(toks):
                break
            t = toks[j]
            m = match_at(toks, j, self.honorific) or match_at(toks, j, self.occupation)
            if m is not None:
                j = m.last
            elif self.is_nisba(t) or t.norm in _NAME_SKIP or t.text in ("،", ","):
                j += 1
            elif t.text == "." and j > 0 and len(toks[j - 1].norm.lstrip("و")) == 1:
                j += 1  # د. غادة: the period of a one-letter title
            else:
                break
        return j

    def name_end(self, toks: Sequence[Token], j: int, max_words: int = 3, loose_first: bool = False) -> int:
        """One past the last token of a person name starting at j (j itself if none).

        loose_first: the first word may be a known first name that is also a common word or a title
        (صباح, أمير), as after a nationality noun (فازت السورية صباح X)."""
        end = j
        words = 0
        while end < len(toks) and words < max_words:
            t = toks[end]
            # a known first name that is also a common word (صباح, أمير), right after a nationality noun
            loose = loose_first and end == j and (t.norm in self.name_words.words
                                                   or t.norm in self.word_first_names.words)
            if not t.is_word or t.is_digit or (self.is_stop(t) or self.is_time(t)) and not loose or self.is_verb_cue(t):
                break
            if self.abbreviated_title(toks, end) is not None:
                break  # ود. X: the next person's title
            if end > j and (t.norm in self.name_tail_stop.words or t.norm in self.award_trailing.words
                            or t.norm in self.award_tail_stop.words or match_at(toks, end, self.superlative)):
                break  # الرئيس X السابق, مطار الملك X الجديد, X كأفضل إعلامية
            if (self.is_person_cue(t) or stem_in(t, self.role_head)) and not loose or stem_in(t, self.org_head):
                break
            if stem_in(t, self.award_head) or stem_in(t, self.org_bare):
                break
            if t.norm[:1] in "وبلكف" and t.norm[1:3] == "ال" and end > j:
                break  # a new phrase (والمخرج, بالجهود)
            if end > j and t.norm.startswith("و") and t.norm[1:] not in self.connector.words:
                break
            if end == j and (self.is_nisba(t) or not self._plausible_first_name(t)):
                break
            if t.norm in self.connector.words:
                end += 1
                continue
            end += 1
            words += 1
            if end - 1 > j and self.glued_preposition(t):
                break  # ريم رامزعن دورها: the name ends inside this token (Pipeline trims the span)
        while end > j and toks[end - 1].norm in self.connector.words:
            end -= 1
        return end

    def glued_preposition(self, t: Token) -> int:
        """ماركوسعلى, رامزعن: a name written without the space before على/عن. The length of the name
        part in original characters, or 0 when the token is not such a pair."""
        if not t.is_word or t.norm in self.name_words.words:
            return 0
        for suffix in _GLUED_PREPOSITIONS:
            if not t.text.endswith(suffix):
                continue
            stem = t.text[: -len(suffix)]
            folded = fold(stem)
            if len(folded) >= 3 and not folded.startswith("ال"):
                return len(stem)
        return 0

    def _plausible_first_name(self, t: Token) -> bool:
        """A name may start with a proclitic letter (بوعلاي, كمال) only if it is a known name word;
        otherwise بضرورة, لتحقيق ... are a preposition + noun, not a name."""
        if t.norm in self.name_words.words:
            return True
        if t.norm[:1] in "وبلكف" and (t.norm[1:] in self.country.words or t.norm[1:] in self.loc_gazetteer.words):
            return False  # بمصر, لبنان-like: a preposition and a place
        if t.norm.startswith("ال") or t.text.endswith(("ًا", "اً")):
            return False  # المتخصص, الطويلة; أهدافاً: an adjective or an adverb, not a first name
        if len(t.norm) >= 5 and (t.norm[:1] in "ي" or t.text.endswith(("ني", "ه", "ها"))) and not t.text.isascii():
            return False  # يقلدني, بأنه: a verb or a word with a pronoun (the original ه: أمينة is a name)
        return not (t.norm[:1] in "وبلكف" and len(t.norm) > 4)

    # -- ORGANISATION ---------------------------------------------------
    def organisations(self, doc: Document) -> list[Entity]:
        toks = doc.tokens
        out: list[Entity] = []
        i = 0
        while i < len(toks):
            known = match_at(toks, i, self.org_known)
            if known is not None:
                out.append(doc.entity(known.start(toks), toks[known.last - 1].end, "ORGANISATION", "org.known", 0.8))
                i = known.last
                continue
            m = match_at(toks, i, self.org_head)
            if m is None or (m.prefix and toks[i].norm.startswith("و") and i > 0 and toks[i - 1].is_word):
                i += 1
                continue
            body = self.extend(toks, m.last, "org")
            if body == m.last or not self._head_agrees(toks, m, body) or (
                    body == m.last + 1 and parse_ordinal(toks[m.last].text) is not None):  # المركز الأول: a rank
                i = m.last
                continue
            if self._description(toks, m, body):
                i = m.last
                continue
            generic = match_at(toks, i, self.org_generic)
            if generic is not None and generic.last == body:
                i = body  # لجنة التحكيم: a kind of body, not a named one
                continue
            out.append(doc.entity(self.head_start(toks, m), toks[body - 1].end, "ORGANISATION", "org.head", 0.75))
            i = body
        return out

    def _description(self, toks: Sequence[Token], m: LexMatch, body: int) -> bool:
        """شركة رائدة, المطار الجديد, الفريق الميداني: a head with a describing adjective, not a name."""
        first = toks[m.last]
        if first.norm in self.org_adjective.words:
            return True
        head = toks[m.first]
        if self.definite(head) and body == m.last + 1:
            return " ".join(m.entry) not in self.org_definite_head.words and head.norm not in self.org_definite_head.words
        return False

    def is_team_context(self, toks: Sequence[Token], i: int) -> bool:
        """Token i follows a player's or coach's role noun (مهاجم ليون): a city there names its club."""
        return i > 0 and stem_in(toks[i - 1], self.team_context)

    # -- LOCATION -----------------------------------------------------------
    def locations(self, doc: Document) -> list[Entity]:
        """Gazetteer locations (countries, cities, names mined from the NER training data)."""
        toks = doc.tokens
        out: list[Entity] = []
        i = 0
        while i < len(toks):
            m = match_at(toks, i, self.country) or match_at(toks, i, self.loc_gazetteer)
            if m is None:
                i += 1
                continue
            source = "location.country_city" if m.lexicon == self.country.id else "location.gazetteer"
            if self._nisba_adjective(toks, m):
                i = m.last
                continue
            out.append(doc.entity(self.head_start(toks, m), toks[m.last - 1].end, "LOCATION", source, 0.75))
            i = m.last
        return out

    def _nisba_adjective(self, toks: Sequence[Token], m: LexMatch) -> bool:
        """السعودية in المصورة السعودية is an adjective (nationality), not the country."""
        t = toks[m.first]
        if m.last - m.first != 1 or not t.norm.startswith("ال") or not t.norm.endswith(("يه", "ي")):
            return False
        return m.first > 0 and toks[m.first - 1].norm.startswith("ال") and toks[m.first - 1].is_word

    # -- WORK candidates --------------------------------------------------
    def work_at(self, doc: Document, i: int, limit: Optional[int] = None) -> Optional[tuple[int, int]]:
        """A work named at token i (مشروع X, فيلم "Y", or a quoted title), as char offsets."""
        toks = doc.tokens
        if i >= len(toks):
            return None
        if toks[i].text in QUOTES_OPEN or toks[i].text == "(":
            close = self._closing_quote(toks, i, len(toks) if limit is None else limit)
            if close is None:
                return None
            return toks[i + 1].start, toks[close - 1].end
        m = match_at(toks, i, self.work_head)
        if m is None:
            return None
        body = self.extend(toks, m.last, "work", limit)
        if body == m.last:
            return None
        return self.head_start(toks, m), toks[body - 1].end

    # -- role phrases (people records) -------------------------------------
    def role_before(self, doc: Document, first: int) -> Optional[RolePhrase]:
        """The role phrase that ends right before token `first` (a PERSON's first token)."""
        toks = doc.tokens
        k = first - 1
        # skip honorifics between role and name (وزير الأشغال المهندس عصام)
        while k >= 0 and (stem_in(toks[k], self.honorific) or toks[k].norm in ("سمو", "الملكي")):
            k -= 1
        best: Optional[RolePhrase] = None
        for start_tok in range(k, max(-1, k - 14), -1):
            t = toks[start_tok]
            m = match_at(toks, start_tok, self.role_head) or match_at(toks, start_tok, self.occupation)
            if m is not None and m.last - 1 <= k:
                best = RolePhrase(self.head_start(toks, m), toks[k].end, start_tok, k + 1)
                continue
            # a role phrase is role heads and their definite complements (نائب رئيس مجلس الوزراء)
            if not (self.definite(t) or stem_in(t, self.org_head)) or self.is_stop(t) or self.is_person_cue(t):
                break
        return best

    def role_after(self, doc: Document, last: int) -> Optional[RolePhrase]:
        """A role phrase right after a name (X نائب رئيس مجلس الوزراء)."""
        toks = doc.tokens
        if last >= len(toks):
            return None
        j = last
        if toks[j].text in ("،", ","):
            j += 1
        m = match_at(toks, j, self.role_head) if j < len(toks) else None
        if m is None:
            return None
        end = m.last
        while end < len(toks) and end - j < 14:
            t = toks[end]
            if self.is_punct(t) or t.is_digit or self.is_stop(t) or self.is_verb_cue(t) or self.is_time(t):
                break
            if self.is_person_cue(t):
                break
            end += 1
        s = toks[j].start + strip_prefix(toks[j])
        return RolePhrase(s, toks[end - 1].end, j, end)
