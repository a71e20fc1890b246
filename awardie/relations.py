"""Relations and records: who won which award, when, from whom, for what.

The policy, in order:
1. A win needs a trigger (فاز, حصد, الفائز, منح, ذهبت ... from awards.yaml)
   governing an award mention in the same sentence, and no negative cue
   (nomination, launch, future) between them.
2. The winner is the named entity the trigger's syntax points at: after the
   verb and before the award (VSO), else before the verb (SVO), else the
   organisation a bare nominal (الوزارة) refers to, else the previous win's
   winner (lists that drop the subject). Coordinated winners give one record each.
3. Slots come from cues in the same sentence (years in the award's clause,
   التي تنظمها X, تحت رعاية X, عن مشروع X, فئة X ...).
4. Every record and relation names the rule that made it (`source`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from .coref import TITLE_BODIES, Coreference
from .relation_model import WinnerClassifier
from .document import Document, Sentence
from .rules import RuleSet
from .rules.entities import QUOTES_CLOSE, QUOTES_OPEN, NameRules, RolePhrase
from .rules.matcher import match_at, stem_in, strip_prefix
from .rules.numbers import MetricMatch, find_consecutive, year_value
from .text import Token, fold
from .schema import AwardRecord, Entity, MetricRecord, PersonRecord, Relation, Span

__all__ = ["RecordBuilder", "Records"]

_HONOUREE_NOUNS = frozenset({"المكرمين", "المكرمون", "الفائزين", "الفائزون", "المتوجين", "المتوجون"})  # folded
_SUBJECTLESS_FILLERS = frozenset({"قبل", "بعد", "ايام", "قليله", "امس", "ايضا", "كذلك", "مؤخرا", "اليوم", "علي", "عن"})
_PARTICIPLES = frozenset({"الفائز", "الفائزه", "الحائز", "الحائزه", "الحاصل", "الحاصله"})  # folded
_RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي"})
_PREPOSITIONS = frozenset({"في", "من", "الي", "علي", "عن", "مع", "لدي", "حتي"})  # folded (على → علي)
_COMPLEMENTIZERS = frozenset({"ان", "بان", "وان"})  # folded أن/إن: قال X إن المنتخب فاز
_WINNER_TYPES = ("PERSON", "ORGANISATION", "LOCATION", "WORK")
_MAX_TRIGGER_GAP = 30  # tokens between a trigger and the award it governs
_MAX_SENTENCES_TO_PREVIOUS_WIN = 2
# winner rules weak enough for the classifier to overrule (see RecordBuilder._with_model)
_VETOABLE_RULES = {"relation.subject_before_trigger", "relation.subject_of_first_clause",
                   "relation.winner_after_award"}
# (folded) words that date an event in the lead: a festival, a ceremony, an edition, a vote or ranking
_EVENT_WORDS = {"مهرجان", "المهرجان", "حفل", "الحفل", "جوائز", "النسخه", "نسخه", "الدوره", "دوره", "تصويت",
                "استطلاع", "استفتاء", "تصنيف"}


@dataclass
class Records:
    relations: list[Relation] = field(default_factory=list)
    awards: list[AwardRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    works: list[Entity] = field(default_factory=list)


@dataclass(frozen=True)
class _Trigger:
    index: int  # token index
    kind: str  # "verb" | "noun" | "confer" | "went_to"
    rule: str


@dataclass
class _Win:
    award: Entity
    trigger: _Trigger
    winners: list[tuple[str, Optional[Entity]]]
    winner_rule: str
    conferred_by: Optional[str] = None
    for_work: Optional[Entity] = None  # the work, when its author is the winner


class RecordBuilder:
    """Builds relations and records for one document. Stateless: safe across threads."""

    def __init__(self, rules: RuleSet, names: NameRules, winner_model: Optional[WinnerClassifier] = None) -> None:
        lx = rules.lexicon
        self.names = names
        self.winner_model = winner_model
        self.win_verb = lx("trigger.win.verb")
        self.win_noun = lx("trigger.win.noun")
        self.confer = lx("trigger.confer.verb")
        self.went_to = lx("trigger.went_to")
        self.rank_verb = lx("trigger.rank.verb")
        self.rank_cue = lx("cue.rank")
        self.negative = lx("trigger.negative")
        self.negation = lx("trigger.negation_particle")
        self.negation_exception = lx("trigger.negation_exception")
        self.year_span = lx("year.span_cue")
        self.past_marker = lx("year.past_marker")
        self.year_founding = lx("year.founding_cue")
        self.conferred_cue = lx("cue.conferred_by")
        self.patron_cue = lx("cue.patron")
        self.received_cue = lx("cue.received_by")
        self.for_work_cue = lx("cue.for_work")
        self.category_cue = lx("cue.category")
        self.container_cue = lx("cue.competition_container")
        self.anaphor = lx("award.anaphor")

    # ------------------------------------------------------------------
    def build(self, doc: Document, entities: Sequence[Entity], metrics: Sequence[MetricMatch] = ()) -> Records:
        out = Records()
        coref = Coreference(doc, entities, self.names)
        by_sentence = self._entities_by_sentence(doc, entities)
        previous_winners: list[tuple[str, Optional[Entity]]] = []
        all_awards = [e for e in entities if e.type == "AWARD"]
        container_award: Optional[str] = None
        honour: Optional[tuple[_Trigger, Entity]] = None  # a list of honourees that may run on
        previous_at = -10
        for k, (sent, ents) in enumerate(by_sentence):
            if k - previous_at > _MAX_SENTENCES_TO_PREVIOUS_WIN:
                previous_winners = []  # an implicit subject refers back a sentence or two, no further
            awards = [e for e in ents if e.type == "AWARD"]
            containers = self._containers(doc, awards)
            if containers:  # خلال حفل جائزة X later in the sentence frames the categories before it
                container_award = containers[min(containers)]
            triggers = self._triggers(doc, sent)
            received = self._received_by(doc, sent, ents, coref)
            if received and out.awards and self._is_receipt_sentence(doc, sent):
                self._attach_receipt(doc, out, received, awards, sent)
                continue
            for aw in awards:
                if aw.start in containers:
                    container_award = containers[aw.start]
                    continue
                trig = self._won(doc, sent, aw, awards, triggers)
                win = None
                if trig is not None:
                    win = self._winners(doc, sent, ents, aw, trig, coref, previous_winners)
                    if self.winner_model is not None:
                        win = self._with_model(doc, ents, aw, trig, win, coref)
                if win is None:
                    win = self._amma_topic(doc, sent, ents, aw, triggers, coref)
                if win is None:
                    continue
                previous_winners, previous_at = win.winners, k
                category = self._category_of(doc, sent, aw, awards) or (
                    container_award if self._category_like(aw) else None)
                self._emit(doc, out, sent, ents, aw, win, category, coref)
            for aw in awards:
                if aw.start in containers:
                    container_award = containers[aw.start]
            listed = self._honouree_lists(doc, sent, ents, triggers, all_awards)
            if not listed and honour is not None:
                # the list runs on into this sentence (... ميريام فارس. وطوني بارود عن ...، ومنى ...)
                items = self._honouree_continuation(doc, sent, ents, triggers)
                if items:
                    first = doc.tokens[sent.first]
                    pseudo = doc.entity(first.start, first.end, "AWARD", "award.implied_by_honourees", 0.5)
                    own = self._accolade_items(doc, sent, ents, items)  # ...، والإعلامية X كأفضل Y: X wins Y
                    rest = [e for e in items if not any(e in group for _, group in own)]
                    listed = [(honour[0], pseudo, honour[1], rest)] if rest else []
                    listed += [(honour[0], acc, acc, group) for acc, group in own]
            honour = None
            for trig, pseudo, ref, items in listed:
                win = _Win(pseudo, trig, [(coref.fullest(e), e) for e in items], "relation.honouree_list")
                previous_winners, previous_at = win.winners, k
                self._emit(doc, out, sent, ents, pseudo, win, None, coref, award_name=ref.text)
                honour = (trig, ref)
            for trig, pseudo, ref in self._anaphoric_wins(doc, sent, ents, triggers, all_awards):
                win = self._winners(doc, sent, ents, pseudo, trig, coref, previous_winners)
                if win is not None:
                    previous_winners, previous_at = win.winners, k
                    self._emit(doc, out, sent, ents, pseudo, win, None, coref, award_name=ref.text)
        self._event_year(doc, out, entities)
        out.awards = self._deduplicated(out.awards)
        if out.awards:
            # in a story of wins, the named works are what the awards are for (ANNOTATION.md: WORK)
            out.works += [w for w in coref.work_mentions() if not any(x.start < w.end and w.start < x.end
                                                                    for x in out.works)]
        out.people = self._people(doc, entities, coref)
        out.metrics = self._metrics(doc, entities, metrics, coref, out.awards)
        return out

    def _event_year(self, doc: Document, out: Records, entities: Sequence[Entity]) -> None:
        """Wins at an event the lead dates (مهرجان كان لعام 2018, حفل جوائز ... 2015) that state no
        year of their own take the event's year; wins told as past (سابقا) keep none."""
        year = None
        toks = doc.tokens
        lead_end = doc.sentences[min(1, len(doc.sentences) - 1)].end if doc.sentences else 0
        for e in entities:
            if e.type != "YEAR" or e.start >= lead_end or self._since_year(doc, e):
                continue  # the event is dated in the story's lead
            i = doc.token_at(e.start)
            if i is None:
                continue
            # an event word just before the year, or anywhere before it in the lead with لعام 2013
            rel = next((k for k in range(i - 1, max(0, i - 6), -1) if toks[k].norm in _RELATIVE_PRONOUNS), None)
            if rel is not None and not any(_names_event(t) for t in toks[max(0, rel - 3):rel]):
                continue  # للبنك الذي طرح خلال عام 2014: a relative clause dates another noun, not the event
            dated = i > 0 and toks[i - 1].norm in ("لعام", "عام", "للعام")
            if any(_names_event(t) for t in toks[max(0, i - 6):i]) or (dated and any(_names_event(t) for t in toks[:i])):
                year = year_value(e, doc.text)
                break
        if year is None:
            return
        out.awards[:] = [
            a.model_copy(update={"year": year, "source": a.source + "+relation.event_year"})
            if a.year is None and not self._background(a.evidence) else a
            for a in out.awards]

    def _background(self, evidence: str) -> bool:
        """يذكر أن X حازت الجائزة 3 مرات, فاز بها سابقا: the win is not the one the story dates."""
        words = fold(evidence).split()
        return any(" ".join(words[i:i + len(entry)]) == " ".join(entry)
                   for i in range(len(words)) for entry in self.past_marker.entries if words[i] == entry[0])

    @staticmethod
    def _deduplicated(awards: list[AwardRecord]) -> list[AwardRecord]:
        """One record per (winner, award, year): a win told twice is one win; the first telling
        keeps its slots and takes the ones it lacks from the later ones. An undated telling of a
        win that is dated elsewhere in the story is dropped."""
        def key(a: AwardRecord) -> tuple[frozenset[str], str, Optional[int]]:
            return _name_key(a.winner), _award_key(a.award), a.year

        first: dict[tuple[frozenset[str], str, Optional[int]], int] = {}
        out: list[AwardRecord] = []
        for a in awards:
            ak = key(a)
            if ak not in first:
                first[ak] = len(out)
                out.append(a)
                continue
            kept = out[first[ak]]
            fill = {f: getattr(a, f) for f in ("category_of", "conferred_by", "for_work", "patron", "consecutive")
                    if getattr(kept, f) is None and getattr(a, f) is not None}
            if fill:
                out[first[ak]] = kept.model_copy(update=fill)
        keyed = list(first.items())  # (key, index in out), in the order of out
        # جائزة X لأفضل لاعب أفريقي, told again as جائزة X: the name and its description are one award
        described = {i for (n, aw, y), i in keyed for (n2, aw2, y2), _ in keyed
                     if n == n2 and y == y2 and len(aw2.split()) >= 2 and aw.startswith(aw2 + " ل")}
        # قطان فاز بالجائزة, later in the story: a retelling with no year is the dated win told earlier
        dated = {(n, aw) for (n, aw, y), i in keyed if y is not None and i not in described}
        return [out[i] for (n, aw, y), i in keyed
                if i not in described and (y is not None or (n, aw) not in dated)]

    # -- metrics -------------------------------------------------------------
    @staticmethod
    def _topic(entities: Sequence[Entity], coref: Coreference) -> Optional[str]:
        """What the story is about: its most often named person, organisation or place (first on ties)."""
        counts: dict[str, int] = {}
        for e in entities:
            if e.type in ("ORGANISATION", "PERSON", "LOCATION"):
                name = coref.fullest(e)
                counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def _metrics(self, doc: Document, entities: Sequence[Entity], found: Sequence[MetricMatch],
                 coref: Coreference, awards: list[AwardRecord]) -> list[MetricRecord]:
        """A record per METRIC entity kept after the merge. The subject is a person or organisation
        named just before it in its clause, else what the story is about (its most named entity)."""
        kept = {(e.start, e.end) for e in entities if e.type == "METRIC"}
        named = [e for e in entities if e.type in ("ORGANISATION", "PERSON")]
        topic = self._topic(entities, coref)
        out = []
        for m in found:
            e = m.entity
            if (e.start, e.end) not in kept:
                continue
            clause = self._clause_of(doc, doc.sentence_of(e.start) or doc.sentences[0], e.start)
            near = [n for n in named if clause[0] <= n.start and n.end <= e.start
                    and doc.token_range(n.end, e.start)[1] - doc.token_range(n.end, e.start)[0] <= 6]
            if near:
                subject: Optional[str] = coref.fullest(near[-1])
                rule = "metric.subject_in_clause"
            else:
                subject = topic
                rule = "metric.subject_document_topic"
            out.append(MetricRecord(span=Span(start=e.start, end=e.end, text=e.text), value=m.value, unit=m.unit,
                                    subject=subject, property=m.property, source=f"{e.source}+{rule}",
                                    score=e.score))
        return out

    def candidate_pairs(self, doc: Document, entities: Sequence[Entity]) -> list[tuple[Entity, int, list[Entity]]]:
        """(award, trigger token, candidate winners) for every stated win: what the classifier scores."""
        out = []
        for sent, ents in self._entities_by_sentence(doc, entities):
            awards = [e for e in ents if e.type == "AWARD"]
            containers = self._containers(doc, awards)
            triggers = self._triggers(doc, sent)
            for aw in awards:
                trig = None if aw.start in containers else self._won(doc, sent, aw, awards, triggers)
                if trig is not None:
                    out.append((aw, trig.index, self._candidates(ents, aw)))
        return out

    def _won(self, doc: Document, sent: Sentence, aw: Entity, awards: list[Entity],
             triggers: list[_Trigger]) -> Optional[_Trigger]:
        """The trigger that states a win of `aw`, or None (no trigger, negated, or another award's)."""
        trig = self._governing_trigger(doc, sent, aw, awards, triggers)
        if (trig is None or self._negated(doc, sent, trig, aw) or self._blocked(doc, awards, aw, trig)
                or self._setting(doc, aw, trig) or self._in_relative_clause(doc, trig, aw)):
            return None
        return trig

    @staticmethod
    def _in_relative_clause(doc: Document, trig: _Trigger, aw: Entity) -> bool:
        """حصل X، الذي سجل 30 هدفا في الدوري ودوري أبطال آسيا، على جائزة Y: an award inside an appositive
        relative clause (opened by "، الذي" and closed by a comma) belongs to that clause, not to the verb
        (فازت الرواية التي كتبها X بجائزة Y has no comma: the award is the verb's)."""
        first = doc.token_at(aw.start)
        if first is None or first <= trig.index:
            return False
        inside = False
        toks = doc.tokens
        for k in range(trig.index + 1, first):
            if toks[k].norm in _RELATIVE_PRONOUNS and toks[k - 1].text in ("،", ",", "-", "–"):
                inside = True  # "، الذي ..." / "-الذي ...-": an appositive relative clause opens
            elif toks[k].text in ("،", ",", "؛", ";", "-", "–"):
                inside = False
        return inside

    @staticmethod
    def _candidates(ents: list[Entity], aw: Entity) -> list[Entity]:
        return [e for e in ents if e.type in _WINNER_TYPES and (e.end <= aw.start or e.start >= aw.end)]

    def _with_model(self, doc: Document, ents: list[Entity], aw: Entity, trig: _Trigger, win: Optional[_Win],
                    coref: Coreference) -> Optional[_Win]:
        """Rules first; the classifier fills in where they found no winner in the sentence, and may
        overrule only the weaker positional rules (_VETOABLE_RULES) when it finds their winner very
        unlikely and has a clearly better one."""
        model = self.winner_model
        assert model is not None
        best = model.best(doc, self.names, aw, self._candidates(ents, aw), trig.index)
        if best is None:
            return win
        cand, p = best
        c_tok = doc.token_at(cand.start)
        if c_tok is not None and c_tok < trig.index and any(
                doc.tokens[j].norm in _COMPLEMENTIZERS for j in range(c_tok, trig.index)):
            return win  # قال X إن المنتخب فاز: X is outside the clause that states the win
        found_in_sentence = win is not None and win.winner_rule not in ("relation.previous_winner",)
        if found_in_sentence:
            assert win is not None
            first = win.winners[0][1]
            if first is None or win.winner_rule not in _VETOABLE_RULES or len(win.winners) > 1:
                return win  # the syntactic rules (subject right after the verb ..., a list of winners) are kept
            from .relation_model import pair_features

            p_rule = model.score(pair_features(doc, self.names, aw, first, trig.index))
            if p_rule >= model.veto_below or p < model.pick_above or cand is first:
                return win
        elif p < model.pick_above:
            return win
        return _Win(aw, trig, [(coref.fullest(cand), cand)], f"model:{model.name}",
                    win.conferred_by if win is not None else None)

    # -- sentences and triggers ----------------------------------------
    @staticmethod
    def _entities_by_sentence(doc: Document, entities: Sequence[Entity]) -> list[tuple[Sentence, list[Entity]]]:
        out = []
        ents = sorted(entities, key=lambda e: e.start)
        k = 0
        for s in doc.sentences:
            while k < len(ents) and ents[k].start < s.start:
                k += 1
            j = k
            mine = []
            while j < len(ents) and ents[j].start < s.end:
                mine.append(ents[j])
                j += 1
            out.append((s, mine))
        return out

    def _triggers(self, doc: Document, sent: Sentence) -> list[_Trigger]:
        out = []
        for i in range(sent.first, sent.last):
            t = doc.tokens[i]
            if (t.norm in self.went_to.words or (t.norm[:1] in "وف" and t.norm[1:] in self.went_to.words)
                    or t.norm.lstrip("وف") in self.went_to.first_words
                    and match_at(doc.tokens, i, self.went_to) is not None):  # (كانت من نصيب X: several words)
                out.append(_Trigger(i, "went_to", "relation.went_to"))
            elif stem_in(t, self.confer):
                out.append(_Trigger(i, "confer", "relation.confer_verb"))
            elif stem_in(t, self.win_verb):
                if i + 1 < sent.last and doc.tokens[i + 1].norm in ("علي", "على") and t.norm.lstrip("وف")[:3] in ("فاز", "يفو", "تفو"):
                    continue  # فاز على X: beat X, not won
                if t.norm.lstrip("وف")[:1] == "ل" and t.norm.lstrip("وف")[1:] in self.win_verb.words:
                    continue  # لتسلم الجائزة: a purpose (in order to receive), not a stated win
                out.append(_Trigger(i, "verb", "relation.win_verb"))
            elif stem_in(t, self.win_noun):
                out.append(_Trigger(i, "noun", "relation.win_noun"))
            elif stem_in(t, self.rank_verb) and self._first_place_after(doc, sent, i):
                out.append(_Trigger(i, "verb", "relation.rank_verb"))
        return out

    def _first_place_after(self, doc: Document, sent: Sentence, i: int) -> bool:
        """A ranking verb states a win when a first place follows it in the clause
        (احتل X المركز الأول, حلت X في المركز الأول كأفضل Y, جاء X كأفضل Y)."""
        toks = doc.tokens
        for k in range(i + 1, min(sent.last, i + 8)):
            if toks[k].text in ("،", ",", ".", "؛"):
                return False
            if match_at(toks, k, self.rank_cue) or toks[k].norm[:1] == "ك" and toks[k].norm[1:] in ("افضل", "احسن"):
                return True
        return False

    def _governing_trigger(self, doc: Document, sent: Sentence, aw: Entity, awards: list[Entity],
                           triggers: list[_Trigger]) -> Optional[_Trigger]:
        first, last = doc.token_range(aw.start, aw.end)
        award_tokens = {doc.token_at(a.start) for a in awards}
        went = [t for t in triggers if t.kind == "went_to" and last <= t.index <= last + 2
                and not award_tokens & {t.index + 1, t.index + 2}]  # جائزة X فيما ذهبت جائزة Y: Y's verb
        if went:
            return went[0]  # جائزة X التي ذهبت إلى Y
        resumptive = [t for t in triggers if t.kind == "verb" and last <= t.index <= last + 2
                      and doc.tokens[t.index].norm.endswith(("ها", "ه"))]
        if resumptive:
            return resumptive[0]  # ميداليات ذهبية، نالها كل من X و Y
        before = [t for t in triggers if t.index < first and first - t.index <= _MAX_TRIGGER_GAP]
        if before:
            # a verb in the same clause governs over a nearer noun (وحققت ... حائزة X)
            clause_start = self._clause_of(doc, sent, aw.start)[0]
            verbs = [t for t in before if t.kind != "noun" and doc.tokens[t.index].start >= clause_start]
            nearest = before[-1]
            participle = doc.tokens[nearest.index].norm.lstrip("و") in _PARTICIPLES and first - nearest.index <= 3
            if nearest.kind == "noun" and verbs and not participle:  # (الحائز أيضا على جائزة X keeps its X)
                return verbs[-1]
            return before[-1]
        # the award before its verb: (ذهبت) جائزة X إلى Y handled above; X جائزة ... حصدها Y
        after = [t for t in triggers if t.index >= first and t.index - first <= 12 and t.kind in ("went_to", "verb")
                 and not any(stem_in(doc.tokens[k], self.anaphor) and self.names.definite(doc.tokens[k])
                             for k in range(last, t.index))]  # X، وكانت الجائزة قد ذهبت: the bare noun's verb
        return after[0] if after else None

    def _blocked(self, doc: Document, awards: list[Entity], aw: Entity, trig: _Trigger) -> bool:
        """Another award sits between the trigger and this one, and this one is not in a list with it
        (فاز بالجائزة الكبرى وهي ثاني أرفع جوائز الحفل بعد الجائزة الذهبية: only the first is won)."""
        t_end = doc.tokens[trig.index].end
        earlier = [a for a in awards if t_end <= a.start and a.end <= aw.start
                   and not self._in_relative_clause(doc, trig, a)]
        if not earlier or trig.index > doc.token_range(aw.start, aw.end)[0]:
            return False
        gap = doc.text[earlier[-1].end:aw.start]
        words = [w for w in gap.replace("،", " ").replace(",", " ").replace(":", " ").split()]
        joiners = {"و", "هي", "وهي", "هما", "ثم"}
        lead = gap.lstrip(" ،,")
        # a list of awards: only joiners between them, a short و-phrase (، وكذلك جائزة Y), or a gapped
        # verb with a new subject (حصلت X على جائزة A، والصينية Y على جائزة B)
        if gap.strip() == "في" or _category_link(gap, aw.text):
            return False  # جائزة X لفئة Y: Y is a category of X (X is its container)
        gapped = lead.startswith("و") and (words[-1:] in (["على"], ["علي"]) or doc.text[aw.start - 1:aw.start] == "ب")
        return not (len(words) <= 3 and all(w in joiners for w in words)) and not (
            lead == "" or lead.startswith("و") and len(words) <= 3 or gapped)

    def _setting(self, doc: Document, aw: Entity, trig: _Trigger) -> bool:
        """أحرز 8 أهداف في البطولة: an award right after في, with a verb other than فاز, is where
        something else was won."""
        i = doc.token_at(aw.start)
        if i is None or i == 0 or doc.tokens[i - 1].norm != "في":
            return False
        if any(match_at(doc.tokens, k, self.rank_cue) for k in range(max(trig.index + 1, i - 5), i - 1)):
            return False  # حقق X المركز الأول في فئة Y: the first place in Y is the win
        verb = doc.tokens[trig.index].norm.lstrip("وف")
        verb = verb[2:] if verb.startswith("ال") else verb
        return verb[:3] not in ("فاز", "يفو", "تفو", "فائ")  # الفائز في فئة X wins X

    def _negated(self, doc: Document, sent: Sentence, trig: _Trigger, aw: Entity) -> bool:
        first, _ = doc.token_range(aw.start, aw.end)
        lo = max(sent.first, min(trig.index, first) - 4)
        hi = max(trig.index, first)
        toks = doc.tokens
        relative = [r for r in range(trig.index + 1, first) if toks[r].norm in _RELATIVE_PRONOUNS]
        if any(match_at(toks, i, self.negative) and not any(r < i for r in relative) for i in range(lo, hi + 1)):
            return True  # (a cue inside a relative clause between the verb and its award is about another noun:
            #             نال الفيلم الذي كان مرشحا لعشر جوائز سوى جائزتين)
        # لن تسلم الجائزة: a particle right before the trigger, unless سوى/إلا restores the win
        return (trig.index > sent.first and match_at(toks, trig.index - 1, self.negation) is not None
                and not any(match_at(toks, i, self.negation_exception) for i in range(trig.index + 1, first)))

    # -- winners ----------------------------------------------------------
    def _winners(self, doc: Document, sent: Sentence, ents: list[Entity], aw: Entity, trig: _Trigger,
                 coref: Coreference, previous: list[tuple[str, Optional[Entity]]]) -> Optional[_Win]:
        toks = doc.tokens
        aw_first, aw_last = doc.token_range(aw.start, aw.end)
        named = self._without_nationalities(doc, [e for e in ents if e.type in _WINNER_TYPES])
        t_tok = toks[trig.index]
        work_later = self._work_named_later(doc, sent, trig, aw, coref) if trig.kind == "verb" else None
        if work_later is not None:
            return _Win(aw, trig, [(work_later.text, work_later)], "relation.work_named_later")
        if trig.kind in ("verb", "noun") and trig.index < aw_first:
            recipient = next((e for e in named if e.type == "PERSON" and e.start >= aw.end
                              and doc.token_range(aw.end, e.start)[1] - aw_last <= 3
                              and self._after_dative_title(doc, e)), None)
            if recipient is not None:
                # نال الفيلم جائزة أفضل تصوير للمصور X: the award is the recipient's, not the subject's
                return _Win(aw, trig, [(self._winner_name(recipient, coref), recipient)], "relation.dative_recipient")
            # after an earlier award of the same verb, only what follows it (فاز فيلم "X" بجائزة A، والنجم Y بجائزة B)
            earlier = [doc.token_range(a.start, a.end)[1] for a in ents if a.type == "AWARD"
                       and t_tok.end <= a.start and a.end <= aw.start]
            work = self._work_winner(doc, max([trig.index + 1] + earlier), aw_first, coref)
            if work is not None:
                author = self._author_after(doc, work, named)
                if author is not None:
                    # فيلم «X» لماريو مارتوني: the artist wins, the work is what it is for (ANNOTATION.md)
                    return _Win(aw, trig, [(self._winner_name(author, coref), author)], "relation.work_author",
                                for_work=self._with_head(doc, work))
                return _Win(aw, trig, [(work.text, work)], "relation.work_winner")

        def between(lo: int, hi: int) -> list[Entity]:
            return [e for e in named if lo <= e.start and e.end <= hi]

        conferred: Optional[str] = None
        cands: list[Entity] = []
        rule = trig.rule
        if trig.kind == "went_to" or (trig.index > aw_first):
            # the award first, then إلى / ل + winner
            after = [e for e in named if e.start >= max(aw.end, t_tok.end)]
            # counted from the award or from "went to" after it (الجائزة التي ذهبت مراتبها الأولى إلى X)
            if after and doc.token_range(aw.end, after[0].start)[1] - max(aw_last, trig.index) <= 8:
                cands = self._coordinated(doc, after)
            rule = "relation.winner_after_award"
        elif (trig.kind == "confer" and not between(t_tok.end, aw.start) and t_tok.norm.endswith(("ه", "ها", "هم"))
              and [e for e in named if sent.start <= e.start and e.end <= t_tok.start]):
            # X ... بمنحه وسام Y: the object pronoun of the verb is the winner named before it
            before = [e for e in named if sent.start <= e.start and e.end <= t_tok.start]
            cands = self._coordinated(doc, before[::-1], backwards=True)
            rule = "relation.confer_pronoun"
        elif trig.kind == "confer" and not between(t_tok.end, aw.start):
            # ومنحت جائزة X للمخرج Y: the passive, the winner after the award
            after = [e for e in named if e.start >= aw.end]
            if after and doc.token_range(aw.end, after[0].start)[1] - aw_last <= 8:
                cands = self._coordinated(doc, after)
            else:  # ومنحت جائزة X، وهي جائزة خاصة ...، للمخرج Y: past an aside, a ل+title marks the recipient
                cands = [e for e in after if e.end <= sent.end and self._after_dative_title(doc, e)][:1]
            rule = "relation.passive_confer"
        elif trig.kind == "confer":
            mid = between(t_tok.end, aw.start)
            if len(mid) >= 2 and mid[0].type == "ORGANISATION":
                conferred = coref.fullest(mid[0])
                mid = mid[1:]
            # منحت الجامعة، نائب رئيس دولة الإمارات حاكم دبي، الشيخ X، جائزة Y: the places and bodies
            # in the recipient's titles come before the person who receives
            persons = [k for k, e in enumerate(mid) if e.type == "PERSON"]
            if persons and mid[0].type != "PERSON" and self._role_before_person(doc, mid, persons[0]):
                mid = mid[persons[0]:]
            cands = self._coordinated(doc, mid)
            rule = "relation.confer_object"
        else:
            mid = [e for e in between(t_tok.end, aw.start) if not self._after_cue(doc, e, self.patron_cue)
                   and not self._in_relative_clause(doc, trig, e)]  # حاز المطار -الذي تديره شركة X- على
            earlier_award = [a for a in ents if a.type == "AWARD" and t_tok.end <= a.start and a.end <= aw.start]
            if earlier_award and any(e.start > earlier_award[-1].end for e in mid):
                # حصلت X على جائزة A، والصينية Y على جائزة B: the verb is shared, Y wins B
                mid = [e for e in mid if e.start > earlier_award[-1].end]
                gap = doc.token_range(mid[-1].end, aw.start)
                if gap[1] - gap[0] > 2:
                    # جائزة رجل مباراة X وY في أولى مباريات ... ببطولة Z: no subject right
                    # before the second award, which is where the first was won
                    return None
            if (len(mid) >= 2 and mid[0].type in ("ORGANISATION", "LOCATION") and mid[1].type == "PERSON"
                    and self._after_role_noun(doc, mid[0])):
                mid = mid[1:]  # هداف ليفربول صلاح: the club is a genitive of the role, the person wins
            if mid:
                cands = self._coordinated(doc, mid)
                rule = "relation.subject_after_trigger"
            else:
                nominal = self._nominal_between(doc, trig.index + 1, aw_first, coref)
                if nominal is not None:
                    return _Win(aw, trig, [nominal], "relation.nominal_subject")
                nominal = self._nominal_between(doc, max(sent.first, trig.index - 2), trig.index, coref)
                if nominal is not None:
                    return _Win(aw, trig, [nominal], "relation.nominal_subject")
                colon = aw_last < sent.last and toks[aw_last].text in (":", "：") or (
                    aw_last + 1 < sent.last and toks[aw_last + 1].text == ":")
                after = [e for e in named if e.start >= aw.end]
                if colon and after and doc.token_range(aw.end, after[0].start)[1] - aw_last <= 4:
                    # حازت على الجائزة سابقا: X، Y و Z (or X لعمله في ...، Y، تقديرا ...؛ Z)
                    cands = self._list_items(doc, sent, after) or self._coordinated(doc, after)
                    return _Win(aw, trig, [(self._winner_name(e, coref), e) for e in cands],
                                "relation.listed_after_colon")
                # قال X إن المنتخب فاز بـ: a subject outside the complement clause is not the verb's
                comp = max((j for j in range(sent.first, trig.index) if toks[j].norm in _COMPLEMENTIZERS),
                           default=None)
                clause_start = toks[comp].end if comp is not None else sent.start
                before = [e for e in named if e.end <= t_tok.start and e.start >= clause_start
                          and not self._after_preposition(doc, e, named)]
                coordinated_verb = (t_tok.norm.startswith("و") and trig.index > sent.first
                                    and toks[trig.index - 1].text in ("،", ","))
                apposed = self._apposed_after(doc, trig, aw, named)
                if apposed is not None and not (before and doc.text[before[-1].end:t_tok.start].strip(" ،,") == ""):
                    # الفائز بجائزة X العام الماضي، Y: the participle, its award, then the winner in apposition
                    cands = [apposed]
                    rule = "relation.participle_apposition"
                elif before and coordinated_verb:
                    # X تصدر القائمة في السعودية، ونال Y: the second verb shares the subject of the verb
                    # before it (كما فاز X بالمركز الأول ...، وحصل على جائزة: X, not an earlier clause's)
                    cands = [self._subject_of_previous_verb(doc, sent, trig, before) or before[0]]
                    rule = "relation.subject_of_first_clause"
                elif before and doc.token_range(before[-1].end, t_tok.start)[1] - doc.token_range(before[-1].end, t_tok.start)[0] <= 10:
                    cands = self._coordinated(doc, before[::-1], backwards=True)
                    rule = "relation.subject_before_trigger"
        if cands:
            winners: list[tuple[str, Optional[Entity]]] = [(self._winner_name(e, coref), e) for e in cands]
            return _Win(aw, trig, winners, rule, conferred)
        named_later = self._named_later(doc, sent, trig, aw, coref) if trig.kind == "verb" else []
        if named_later:
            return _Win(aw, trig, [(coref.fullest(e), e) for e in named_later], "relation.subject_named_later",
                        conferred)
        if previous and trig.kind == "verb":  # a verb with an implicit subject (وحققت جائزتين)
            return _Win(aw, trig, previous, "relation.previous_winner", conferred)
        aw_tok = doc.token_at(aw.start)  # the token holding the award's start (بجائزة)
        if trig.kind == "verb" and aw_tok is not None and trig.index < aw_tok \
                and self._subjectless(doc, trig.index + 1, aw_tok):
            # فيما توج قبل أيام بجائزة X: no subject at all, and no winner just before: the story's person
            person = coref.main_person(t_tok.start)
            if person is not None:
                return _Win(aw, trig, [(coref.fullest(person), person)], "relation.story_person", conferred)
        return None

    def _named_later(self, doc: Document, sent: Sentence, trig: _Trigger, aw: Entity,
                     coref: Coreference) -> list[Entity]:
        """نال باحثان جائزة X ... كل من الدكتور Y والدكتور Z; فازت فتاة كندية بالجائزة: an
        indefinite person noun is the subject, and the next sentences name the person (two for a dual)."""
        aw_tok = doc.token_at(aw.start)
        if aw_tok is None:
            return []
        words = [t for t in doc.tokens[trig.index + 1:aw_tok] if t.norm not in ("علي", "عن")]
        if not 1 <= len(words) <= 2 or not all(t.is_word for t in words):
            return []
        head, rest = words[0], words[1:]
        dual = head.norm.endswith(("ان", "ين")) and len(head.norm) >= 5
        occupations = self.names.occupation.words
        if head.norm.startswith("ال") or not ("ال" + head.norm in occupations
                                            or dual and "ال" + head.norm[:-2] in occupations):
            return []
        if rest and not (self.names.is_nisba(rest[0]) or "ال" + rest[0].norm in occupations
                         or rest[0].norm.endswith(("يه", "ي"))):
            return []  # فتاة كندية, عالمان أمريكيان; anything else is not this pattern
        limit = self._end_of_next_sentences(doc, sent)
        later = [e for e in coref.named if e.type == "PERSON" and aw.end <= e.start < limit]
        return later[:2] if dual else later[:1]

    def _work_named_later(self, doc: Document, sent: Sentence, trig: _Trigger, aw: Entity,
                          coref: Coreference) -> Optional[Entity]:
        """فاز فيلم تونسي قصير، يروي ...، بجوائز X. وحصل فيلم "Y" ...: an untitled work
        (its head and adjectives, then perhaps an aside between commas) wins; the next sentences give
        its title with the same head noun."""
        toks = doc.tokens
        aw_tok = doc.token_at(aw.start)
        if aw_tok is None or aw_tok <= trig.index + 1:
            return None
        head = toks[trig.index + 1]
        if head.norm.startswith("ال") or head.norm not in self.names.work_head.words:
            return None
        k = trig.index + 2
        while (k < aw_tok and k - trig.index <= 3 and toks[k].is_word and not self.names.definite(toks[k])
               and not self.names.is_stop(toks[k])):
            k += 1  # its adjectives: موسيقية أمريكية, تونسي قصير
        if k < aw_tok:
            last_comma = max((j for j in range(k, aw_tok) if toks[j].text in ("،", ",")), default=None)
            tail = toks[last_comma + 1:aw_tok] if last_comma is not None else []
            if not (toks[k].text in ("،", ",") and last_comma is not None and last_comma > k
                    and len(tail) <= 2 and (not tail or tail[0].norm.startswith("ب"))):
                return None  # anything but an aside between commas (then بسلسلة من): not this pattern
        limit = self._end_of_next_sentences(doc, sent)
        titled = [w for w in coref.work_mentions() if aw.end <= w.start < limit
                  and fold(w.text).split()[0].removeprefix("ال") == head.norm]
        return titled[0] if titled else None

    @staticmethod
    def _end_of_next_sentences(doc: Document, sent: Sentence) -> int:
        """Where the two sentences after `sent` end: how far a later naming of a winner may be."""
        k = doc.sentences.index(sent)
        return doc.sentences[min(k + 2, len(doc.sentences) - 1)].end

    def _amma_topic(self, doc: Document, sent: Sentence, ents: list[Entity], aw: Entity,
                    triggers: list[_Trigger], coref: Coreference) -> Optional[_Win]:
        """أما X، مدرب المنتخب الذي فاز فريقه بالكأس، فـ/بجائزة Y: in a round-up of winners, the topic
        of أما takes the ب-award whose verb is left out (the only verb is inside a relative clause)."""
        toks = doc.tokens
        k = doc.token_at(aw.start)
        if k is None or not toks[k].norm.startswith(("ب", "فب")):
            return None
        first = next((j for j in range(k - 1, sent.first - 1, -1) if toks[j].norm in ("اما", "واما")), None)
        if first is None:
            return None  # (أما may follow an unpunctuated sentence: ... حارس مرمى أما X ...)
        if not all(any(toks[r].norm in _RELATIVE_PRONOUNS for r in range(first, t.index)) for t in triggers
                   if first < t.index < k):
            return None  # a verb of the main clause states its own win
        topic = next((e for e in ents if e.type == "PERSON" and toks[first].end <= e.start < aw.start), None)
        if topic is None or doc.token_range(toks[first].end, topic.start)[1] - first > 2:
            return None
        pseudo = _Trigger(first, "verb", "relation.amma_topic")
        return _Win(aw, pseudo, [(coref.fullest(topic), topic)], "relation.amma_topic")

    def _subject_of_previous_verb(self, doc: Document, sent: Sentence, trig: _Trigger,
                                  before: list[Entity]) -> Optional[Entity]:
        """The name right after the nearest win verb before `trig` in its sentence (its subject)."""
        toks = doc.tokens
        for k in range(trig.index - 1, sent.first - 1, -1):
            if stem_in(toks[k], self.win_verb) or stem_in(toks[k], self.rank_verb):
                after = [e for e in before if toks[k].end <= e.start]
                if after and doc.token_range(toks[k].end, after[0].start)[1] - k <= 4:
                    return after[0]
                return None
        return None

    def _subjectless(self, doc: Document, lo: int, hi: int) -> bool:
        """Only time words (قبل أيام قليلة، أمس، أيضا) and prepositions lie between the verb and the award."""
        return all(t.norm in _SUBJECTLESS_FILLERS or self.names.is_time(t) for t in doc.tokens[lo:hi])

    @staticmethod
    def _without_nationalities(doc: Document, named: list[Entity]) -> list[Entity]:
        """Drop a nisba place right before a person (السورية صباح الجزائري): it is the nationality;
        and names inside a prepositional phrase (بالجزائر): a place, not a winner."""
        out = []
        for k, e in enumerate(named):
            if e.start > 0 and doc.text[e.start - 1] in "بك" and e.text.startswith("ال"):
                continue
            nxt = named[k + 1] if k + 1 < len(named) else None
            if (e.type == "LOCATION" and nxt is not None and nxt.type == "PERSON"
                    and doc.text[e.end:nxt.start].strip() in ("", "،", ",") and e.text.startswith("ال")):
                continue
            out.append(e)
        return out

    def _after_preposition(self, doc: Document, e: Entity, named: Sequence[Entity] = ()) -> bool:
        """في باريس، بعد أن نال ...: a name governed by a preposition is not the subject of a verb,
        nor is one coordinated with it (تفوق X على رونالدو وصلاح وفاز ...: not صلاح)."""
        while True:
            i = doc.token_at(e.start)
            if i is None or i == 0:
                return False
            k = i - 1
            while k > 0 and i - k <= 2 and self.names.is_person_cue(doc.tokens[k]):
                k -= 1  # على اللاعب X: past the title
            if doc.tokens[k].norm in _PREPOSITIONS:
                return True
            if k > 0 and doc.tokens[k - 1].norm in _PREPOSITIONS and doc.tokens[k].is_word \
                    and not self.names.definite(doc.tokens[k]):
                return True  # من جوالة جامعة X: the name completes a noun after a preposition
            prev = [p for p in named if p.end <= e.start]
            if not prev or not self._coordination_gap(doc, prev[-1], e):
                return False
            e = prev[-1]  # X وY, X والمهاجم Y: Y shares X's governor

    def _coordination_gap(self, doc: Document, a: Entity, b: Entity) -> bool:
        """Only و, a comma and titles lie between the two names (X، والمهاجم Y)."""
        if doc.text[a.end:b.start].strip(" ،,") in ("", "و"):
            return True
        lo, hi = doc.token_range(a.end, b.start)
        toks = doc.tokens[lo:hi]
        return bool(toks) and any(t.norm.startswith("و") for t in toks) and all(
            t.text in ("،", ",") or t.norm == "و" or self.names.is_person_cue(t) for t in toks)

    def _after_dative_title(self, doc: Document, e: Entity) -> bool:
        """للمخرج X, للفنانة Y: the name follows a title with the dative ل."""
        i = doc.token_at(e.start)
        if i is None or i == 0:
            return False
        k = i - 1
        if doc.tokens[k].norm in ("الشهير", "الشهيره", "الكبير", "الكبيره") and k > 0:
            k -= 1  # للمخرج الشهير X
        t = doc.tokens[k]
        if t.norm.startswith("لل") and self.names.is_person_cue(t):
            return True
        # لبطلته الممثلة X, لمخرجه المخرج X: ل + a noun with its pronoun, then the title
        return (k > 0 and self.names.is_person_cue(t) and t.norm.startswith("ال")
                and doc.tokens[k - 1].norm.startswith("ل") and doc.tokens[k - 1].text.endswith(("ه", "ها")))

    def _role_before_person(self, doc: Document, mid: list[Entity], k: int) -> bool:
        """The names before mid[k] (a person) sit in a title phrase that opens with a role head."""
        lo = doc.token_at(mid[0].start)
        if lo is None or lo == 0:
            return False
        start = lo - 1
        while start > 0 and doc.tokens[start].text not in ("،", ",") and not stem_in(doc.tokens[start], self.names.role_head):
            start -= 1
        return stem_in(doc.tokens[start], self.names.role_head)

    def _apposed_after(self, doc: Document, trig: _Trigger, aw: Entity, named: list[Entity]) -> Optional[Entity]:
        """After الفائز/الحائز بجائزة X: a name within a few tokens after the award (past a time phrase,
        a comma or a title) is the one the participle describes."""
        t = doc.tokens[trig.index]
        if trig.kind != "noun" or t.norm.lstrip("و") not in _PARTICIPLES:
            return None
        after = [e for e in named if e.start >= aw.end and e.type in ("PERSON", "ORGANISATION")]
        if not after:
            return None
        _, aw_last = doc.token_range(aw.start, aw.end)
        first = doc.token_at(after[0].start)
        if first is None or first - aw_last > 5:
            return None
        between = doc.tokens[aw_last:first]
        ok = all(x.text in ("،", ",") or self.names.is_time(x) or x.norm in ("العام", "الماضي", "الحالي", "الماضيه")
                 or self.names.is_person_cue(x) for x in between)
        return after[0] if ok else None

    def _after_role_noun(self, doc: Document, e: Entity) -> bool:
        i = doc.token_at(e.start)
        if i is None or i == 0:
            return False
        prev = doc.tokens[i - 1]
        return stem_in(prev, self.names.role_head) or stem_in(prev, self.names.occupation)

    def _work_winner(self, doc: Document, lo: int, hi: int, coref: Coreference) -> Optional[Entity]:
        """A work that wins (فاز فيلم "X", حصد الفيلم اللبناني (X), حصد الفيلم → the film named before)."""
        toks = doc.tokens
        i = lo
        while i < hi and toks[i].norm in ("ايضا", "كذلك"):
            i += 1
        if i >= hi or not stem_in(toks[i], self.names.work_head):
            return None
        hi = next((k for k in range(i + 1, hi) if match_at(toks, k, self.rank_cue)), hi)  # X المركز الأول
        span = None
        k = i + 1  # a title in quotes or brackets after the head and its adjectives (الفيلم اللبناني (X))
        while k < min(hi, i + 5) and toks[k].is_word and not self.names.is_stop(toks[k]):
            k += 1
        if k < hi and toks[k].text in QUOTES_OPEN | {"("}:
            span = self.names.work_at(doc, k, hi)
        if span is None and not self.names.definite(toks[i]):
            span = self.names.work_at(doc, i, hi)  # فيلم شوبليفترز
        if span is not None:
            return doc.entity(span[0], span[1], "WORK", "work.winner", 0.7)
        if toks[i].norm.startswith("ال"):
            return coref.last_work(toks[i].start, toks[i].norm[2:])
        return None

    def _with_head(self, doc: Document, work: Entity) -> Entity:
        """A quoted title with the head noun before it (رواية "X"), as ANNOTATION.md writes works."""
        k = doc.token_at(work.start)
        if k is None:
            return work
        for h in range(k - 1, max(-1, k - 5), -1):
            if stem_in(doc.tokens[h], self.names.work_head):
                start = doc.tokens[h].start + strip_prefix(doc.tokens[h])
                end = work.end
                if end < len(doc.text) and doc.text[end] in QUOTES_CLOSE | {")"} \
                        and any(c in QUOTES_OPEN | {"("} for c in doc.text[start:work.start + 1]):
                    end += 1  # the closing quote of the title
                return doc.entity(start, end, "WORK", work.source, work.score)
        return work

    def _author_after(self, doc: Document, work: Entity, named: list[Entity]) -> Optional[Entity]:
        """The person right after a work with the ل of authorship (فيلم X لماريو Y, رواية X للكاتب Y)."""
        for e in named:
            if e.start < work.end or e.type != "PERSON":
                continue
            gap = doc.text[work.end:e.start].strip(" »”\"')")
            if gap in ("ل", "لـ") or e.text.startswith("ل") and gap == "" or self._after_dative_title(doc, e) \
                    and len(gap.split()) <= 2:
                return e
            return None
        return None

    def _winner_name(self, e: Entity, coref: Coreference) -> str:
        return coref.fullest(e)

    def _nominal_between(self, doc: Document, lo: int, hi: int, coref: Coreference) -> Optional[tuple[str, Optional[Entity]]]:
        for i in range(lo, min(hi, lo + 4)):
            t = doc.tokens[i]
            if coref.inside_named(t.start):
                return None  # المنتخب in المنتخب الفرنسي is a name, not a bare nominal
            if stem_in(t, self.names.org_bare) or t.norm in self.names.org_bare.words:
                ref = coref.nominal(t, t.start)
                if ref is not None:
                    return coref.fullest(ref), ref
                head = coref.bare_head(t.norm)
                implied = coref.implied_body(head) if head else None
                if implied:
                    return implied, None
            if self.names.definite(t) and stem_in(t, self.names.occupation):
                # النجم المصري / اللاعب with no name after it: the person last named
                nxt = i + 1
                while nxt < hi and self.names.is_nisba(doc.tokens[nxt]):
                    nxt += 1
                if nxt < len(doc.tokens) and coref.inside_named(doc.tokens[nxt].start):
                    return None
                person = coref.last_person(t.start)
                if person is not None:
                    return coref.fullest(person), person
        return None

    def _coordinated(self, doc: Document, ents: list[Entity], backwards: bool = False) -> list[Entity]:
        """The first entity and those joined to it by و / ، / كل من (several winners)."""
        if not ents:
            return []
        out = [ents[0]]
        # كل من X من الرياض، والطالبة Y من الشرقية: items of a "كل من" list may carry a description
        listed = not backwards and fold(doc.text[max(0, ents[0].start - 20):ents[0].start]).replace(
            "،", " ").replace(":", " ").split()[-4:]
        kull_min = bool(listed) and any(listed[k:k + 2] == ["كل", "من"] for k in range(len(listed) - 1))
        for e in ents[1:]:
            prev = out[-1]
            lo, hi = (prev.end, e.start) if not backwards else (e.end, prev.start)
            gap = doc.text[lo:hi]
            words = [w for w in gap.replace("،", " ").replace(",", " ").split() if w]
            if len(words) <= 6 and all(self._joiner(w) for w in words) and ("و" in gap or "،" in gap or "," in gap
                                                                             or "مع" in words):
                out.append(e)
            elif kull_min and e.type == out[0].type and len(words) <= 12 and self._list_item_start(gap):
                out.append(e)
            elif kull_min and e.type != out[0].type and len(words) <= 12:
                continue  # a place in an item's description (من مدارس محافظة جدة)
            else:
                break
        return out

    def _list_item_start(self, gap: str) -> bool:
        """The gap before a name ends a list item: "، و" or "، " plus at most a title (، والطالبة)."""
        words = gap.replace(",", "،").split("،")
        if len(words) < 2:
            return False
        tail = words[-1].split()
        return len(tail) <= 2 and (not tail or tail[0].startswith("و") or len(tail) == 1) and all(
            self._joiner(w) for w in tail)

    def _list_items(self, doc: Document, sent: Sentence, after: list[Entity]) -> list[Entity]:
        """The names heading the items of a list after a colon, each item running to the next ، or ؛
        (its description may follow the name); [] unless at least two items start with a name."""
        toks = doc.tokens
        first_tok = doc.token_at(after[0].start)
        if first_tok is None:
            return []
        items: list[Entity] = []
        seg_start = first_tok
        for k in range(first_tok, sent.last + 1):
            if k < sent.last and toks[k].text not in ("،", ",", "؛", ";"):
                continue
            head = next((e for e in after if seg_start <= (doc.token_at(e.start) or -1) < min(seg_start + 3, k)), None)
            if (head is not None and head.type != "PERSON" and seg_start < k
                    and stem_in(toks[seg_start], self.names.role_head)
                    and not stem_in(toks[seg_start], self.names.org_head)):  # مؤسسة X is a body
                head = None  # X، مؤسس بنك الفقراء: an apposition naming the item's role, not a new item
            if head is not None and (not items or head.start > items[-1].start):
                items.append(head)
            seg_start = k + 1
        return items if len(items) >= 2 else []

    def _joiner(self, w: str) -> bool:
        f = fold(w)
        if f in ("و", "مع", "مناصفه", "كل", "من", "ود", "د") or stem_in_simple(f, self.names):
            return True
        return bool(self.names.nisba.regex.match(f)) or f.startswith("و") and len(f) <= 8

    def _after_cue(self, doc: Document, e: Entity, lexicon) -> bool:
        i = doc.token_at(e.start)
        if i is None:
            return False
        return any(match_at(doc.tokens, k, lexicon) for k in range(max(0, i - 4), i))

    # -- slots --------------------------------------------------------------
    def _anaphoric_wins(self, doc: Document, sent: Sentence, ents: list[Entity], triggers: list[_Trigger],
                        all_awards: list[Entity]) -> list[tuple[_Trigger, Entity, Entity]]:
        """الفائز بالجائزة عامي 2016 و2017, وكانت الجائزة قد ذهبت إلى X: a win of the award named before,
        told with a bare noun. Returns (trigger, the bare mention as a span, the award it refers to)."""
        out = []
        toks = doc.tokens
        for trig in triggers:
            if trig.kind not in ("verb", "noun", "went_to"):
                continue
            # فاز بالجائزة: the bare noun after the verb; الجائزة التي ذهبت إلى X: before "went to"
            window = (range(trig.index + 1, min(sent.last, trig.index + 3)) if trig.kind != "went_to"
                      else range(trig.index - 1, max(sent.first - 1, trig.index - 5), -1))
            for k in window:
                t = toks[k]
                # الفائز بجائزة العام الماضي: last year's prize is the one the story is about
                dated = k + 2 < sent.last and toks[k + 1].norm in ("العام", "السنه", "الموسم", "الدوره") \
                    and toks[k + 2].norm in ("الماضي", "الماضيه", "السابق", "السابقه")
                if (not stem_in(t, self.anaphor) or not (self.names.definite(t) or dated)
                        or any(e.start < t.end and t.start < e.end for e in ents)):
                    continue
                if k + 1 < sent.last and toks[k + 1].norm.startswith("ال") and stem_in(toks[k + 1], self.names.medal):
                    break
                ref = self._antecedent(doc, t, all_awards, toks[trig.index])
                start = t.start + (strip_prefix(t) if self.names.definite(t) else 0)
                pseudo = doc.entity(start, t.end, "AWARD", "award.anaphor", 0.6)
                if ref is not None and not self._negated(doc, sent, trig, pseudo):
                    out.append((trig, pseudo, ref))
                break
        return out

    @staticmethod
    def _antecedent(doc: Document, anaphor: Token, all_awards: list[Entity],
                    trigger: Optional[Token] = None) -> Optional[Entity]:
        """The award a bare الجائزة refers to: the last one named before it, skipping plural mentions
        (الجوائز الثقافية الوطنية) when the noun is singular, and, after a masculine or feminine
        participle (الفائز / الفائزة), a category of the other gender when the story names both
        (أفضل لاعب ... أفضل لاعبة)."""
        before = [a for a in all_awards if a.end <= anaphor.start]
        singular = "جوائز" not in anaphor.norm
        candidates = [a for a in reversed(before) if not (singular and fold(a.text).split()[0].endswith("جوائز"))]
        head = anaphor.norm[anaphor.norm.find("ال") + 2:] if "ال" in anaphor.norm[:4] else anaphor.norm
        same_head = [a for a in candidates if fold(a.text).split()[0].removeprefix("ال") == head]
        candidates = same_head or candidates  # الجائزة refers to a جائزة, الكأس to a كأس
        lead_end = doc.sentences[min(1, len(doc.sentences) - 1)].end if doc.sentences else 0
        lead = [a for a in candidates if a.start < lead_end]
        sentence = doc.sentence_of(anaphor.start)
        same_sentence = sentence is not None and candidates and candidates[0].start >= sentence.start
        k = doc.token_at(anaphor.start)
        demonstrative = k is not None and k > 0 and doc.tokens[k - 1].norm.lstrip("وبل") in ("هذه", "هذا", "تلك")
        if lead and len(candidates) > 1 and anaphor.start >= lead_end and not same_sentence and not demonstrative:
            # named in an earlier sentence: the story's prize, from its lead, not the last award mentioned
            # (بهذه الجائزة, a demonstrative, points at the last one)
            candidates = [lead[-1]] + [a for a in candidates if a is not lead[-1]]
        if trigger is not None and trigger.norm.lstrip("و") in _PARTICIPLES and len(candidates) > 1:
            feminine = trigger.norm.endswith("ه")
            nouns = {id(a): _category_noun(a.text) for a in candidates}
            for a in candidates:
                noun = nouns[id(a)]
                other = noun[:-1] if noun.endswith("ه") else noun + "ه"
                if noun and noun.endswith("ه") != feminine and any(nouns[id(b)] == other for b in candidates):
                    continue  # الفائز بالجائزة after أفضل لاعبة: the men's award named before it
                return a
        if candidates:
            return candidates[0]
        return before[-1] if before else None

    def _honouree_lists(self, doc: Document, sent: Sentence, ents: list[Entity], triggers: list[_Trigger],
                        all_awards: list[Entity]) -> list[tuple[_Trigger, Entity, Entity, list[Entity]]]:
        """ومن المكرمين الفنان X عن ...، والممثل Y والممثلة Z: a list of honourees of the award named
        before, in a sentence that names no award. Returns (trigger, the trigger noun as a span, the
        award it refers to, the names heading the list's items)."""
        if any(e.type == "AWARD" for e in ents):
            return []
        toks = doc.tokens
        for trig in triggers:
            t = toks[trig.index]
            if trig.kind != "noun" or t.norm not in _HONOUREE_NOUNS or trig.index == sent.first:
                continue
            if toks[trig.index - 1].norm not in ("من", "ومن", "بين"):
                continue  # "من المكرمين": one of the honoured
            ref = next((a for a in reversed(all_awards) if a.end <= t.start), None)
            items = [e for e in ents if e.start >= t.end and e.type in ("PERSON", "ORGANISATION")
                     and self._heads_item(doc, trig.index, e)]
            if ref is None or not items:
                return []
            pseudo = doc.entity(t.start, t.end, "AWARD", "award.implied_by_honourees", 0.5)
            return [(trig, pseudo, ref, items)]
        return []

    def _honouree_continuation(self, doc: Document, sent: Sentence, ents: list[Entity],
                               triggers: list[_Trigger]) -> list[Entity]:
        """The items of a sentence that goes on with the list before it: it opens with و + a name and
        states no win of its own (an accolade with ك, والإعلامية X كأفضل إعلامية, may close an item)."""
        if triggers or any(e.type == "AWARD" and doc.text[e.start - 1:e.start] != "ك" for e in ents):
            return []
        first = doc.tokens[sent.first]
        if not first.norm.startswith("و") or not ents or not self._heads_item(doc, sent.first - 1, ents[0]):
            return []
        return [e for e in ents if e.type in ("PERSON", "ORGANISATION") and self._heads_item(doc, sent.first - 1, e)]

    @staticmethod
    def _accolade_items(doc: Document, sent: Sentence, ents: list[Entity],
                        items: list[Entity]) -> list[tuple[Entity, list[Entity]]]:
        """Each ك-award of a run-on list and the items of its own segment (since the last comma)."""
        out = []
        for acc in (e for e in ents if e.type == "AWARD"):
            before = doc.text[sent.start:acc.start]
            seg_start = sent.start + max(before.rfind("،"), before.rfind(","), -1) + 1
            group = [e for e in items if seg_start <= e.start and e.end <= acc.start]
            if group:
                out.append((acc, group))
        return out

    def _heads_item(self, doc: Document, trig_index: int, e: Entity) -> bool:
        """The name opens an item of a list: right after the trigger, a comma or و, past at most two
        titles (الفنان X، والممثلة Y، وZ)."""
        toks = doc.tokens
        i = doc.token_at(e.start)
        if i is None or i <= trig_index:
            return False
        if e.start > toks[i].start and doc.text[toks[i].start:e.start].endswith("و"):
            return True  # وطوني X: the conjunction is the proclitic of the name itself
        k = i - 1
        for _ in range(2):
            if k > trig_index and self.names.is_person_cue(toks[k]):
                if toks[k].norm.startswith("و"):
                    return True  # والممثلة X
                k -= 1
        return k == trig_index or toks[k].text in ("،", ",", "؛", ";")

    def _emit(self, doc: Document, out: Records, sent: Sentence, ents: list[Entity], aw: Entity,
              win: _Win, category: Optional[str], coref: Coreference, award_name: Optional[str] = None) -> None:
        years = self._years(doc, sent, ents, aw)
        conferred = win.conferred_by or self._conferred_by(doc, sent, ents, aw, coref)
        patron = self._patron(doc, sent, ents, coref)
        work = win.for_work or self._for_work(doc, sent, aw)
        if work is not None and not any(w.start == work.start for w in out.works):
            out.works.append(work)
        consecutive = self._consecutive(doc, sent, win.trigger, aw)
        evidence = self._evidence(doc, sent, win, aw)
        score = 0.8 if win.winner_rule != "relation.previous_winner" else 0.6
        for name, wentity in win.winners:
            for year_ent in years or [None]:
                year = year_value(year_ent, doc.text) if year_ent is not None else None
                out.awards.append(AwardRecord(
                    winner=name, award=award_name or aw.text, category_of=category, year=year, conferred_by=conferred,
                    patron=patron, for_work=work.text if work is not None else None, consecutive=consecutive,
                    evidence=evidence.text, evidence_span=evidence,
                    award_span=Span(start=aw.start, end=aw.end, text=aw.text),
                    source=f"{win.trigger.rule}+{win.winner_rule}", score=score))
                if wentity is not None:
                    out.relations.append(Relation(type="winner", head=aw, tail=wentity, source=win.winner_rule, score=score))
                if year_ent is not None:
                    out.relations.append(Relation(type="year", head=aw, tail=year_ent, source="relation.year_in_clause", score=0.8))
            if work is not None:
                out.relations.append(Relation(type="for_work", head=aw, tail=work, source="relation.for_work_cue", score=0.7))

    def _years(self, doc: Document, sent: Sentence, ents: list[Entity], aw: Entity) -> list[Entity]:
        years = [e for e in ents if e.type == "YEAR" and not self._since_year(doc, e)
                 and not self._of_a_later_noun(doc, aw, e)]
        if not years:
            return []
        clause = self._clause_of(doc, sent, aw.start)
        inside = [y for y in years if clause[0] <= y.start < clause[1]]
        if not inside:
            # a year in the clause right before, when this clause starts a list (، وجائزة X)
            if len(years) == 1 and self._sentence_awards(doc, ents) == 1:
                return [years[0]]
            # the date of the event the win happened at, earlier in the sentence, in a clause that states
            # no win of its own (في البطولة التي أقيمت بين 3 و10 مايو 2016، حيث نال المنتخب ...)
            before = [y for y in years if y.end <= aw.start]
            if before and len({year_value(y, doc.text) for y in years}) == 1:
                lo, hi = self._clause_of(doc, sent, before[-1].start)
                if not any(lo <= doc.tokens[t.index].start < hi for t in self._triggers(doc, sent)):
                    return [before[-1]]
            return []
        # a list of years (عامي 2016 و2017) gives one record per year
        inside.sort(key=lambda y: abs(y.start - aw.start))
        first = inside[0]
        listed = [first]
        for y in sorted(inside, key=lambda y: y.start):
            if y is first:
                continue
            lo, hi = sorted((first.end, y.start)) if y.start > first.start else (y.end, first.start)
            gap = doc.text[lo:hi].strip()
            if gap in ("و", "،", ",", "، و", "-") or gap.endswith("و") and len(gap) <= 3:
                listed.append(y)
        return sorted(listed, key=lambda y: y.start)

    @staticmethod
    def _of_a_later_noun(doc: Document, aw: Entity, year: Entity) -> bool:
        """جائزة X تقديرا لعملية الاكتتاب ... للبنك الذي طرح خلال عام 2014: the year is in a relative clause
        about a noun named after the award, not about the award (جائزة X التي أقيمت عام 2014 is)."""
        if year.start < aw.end:
            return False
        _, aw_last = doc.token_range(aw.start, aw.end)
        y_first = doc.token_at(year.start)
        if y_first is None:
            return False
        return any(doc.tokens[k].norm in _RELATIVE_PRONOUNS for k in range(aw_last + 2, y_first))

    def _since_year(self, doc: Document, year: Entity) -> bool:
        """منذ 1978, حتى 2020, منذ إطلاقها في عام 2008: a span of time or a founding, not the year of a win."""
        i = doc.token_at(year.start)
        if i is None:
            return False
        toks = doc.tokens
        return (any(match_at(toks, k, self.year_span) for k in range(max(0, i - 2), i))
                or any(match_at(toks, k, self.year_founding) for k in range(max(0, i - 4), i)))

    @staticmethod
    def _sentence_awards(doc: Document, ents: list[Entity]) -> int:
        return sum(1 for e in ents if e.type == "AWARD")

    def _clause_of(self, doc: Document, sent: Sentence, offset: int) -> tuple[int, int]:
        for s, e in doc.clauses_of(sent):
            if s <= offset < e:
                return s, e
        return sent.start, sent.end

    def _conferred_by(self, doc: Document, sent: Sentence, ents: list[Entity], aw: Entity, coref: Coreference) -> Optional[str]:
        toks = doc.tokens
        _, aw_last = doc.token_range(aw.start, aw.end)
        for e in ents:
            if e.type not in ("ORGANISATION", "PERSON") or e.start < aw.end:
                continue
            first, _ = doc.token_range(e.start, e.end)
            if first - aw_last > 8:
                break
            for k in range(max(aw_last, first - 4), first + 1):
                m = match_at(toks, k, self.conferred_cue)
                if m is not None and m.last >= first - 1 and m.last <= first + 1:
                    return coref.fullest(e)
            # a festival or ceremony named in the sentence confers its awards
        for e in ents:
            if e.type == "ORGANISATION" and e.text.split()[0].strip("«\"") in ("مهرجان", "المهرجان", "حفل"):
                return coref.fullest(e)
        return None

    def _patron(self, doc: Document, sent: Sentence, ents: list[Entity], coref: Coreference) -> Optional[str]:
        for e in ents:
            if e.type == "PERSON" and self._cue_within(doc, e, self.patron_cue, 22):
                return coref.fullest(e)
        return None

    def _cue_within(self, doc: Document, e: Entity, lexicon, window: int) -> bool:
        i = doc.token_at(e.start)
        if i is None:
            return False
        for k in range(max(0, i - window), i):
            m = match_at(doc.tokens, k, lexicon)
            if m is not None:
                between = doc.tokens[m.last:i]
                if all(t.is_word and not stem_in(t, self.names.stop) for t in between) or not between:
                    return True
                if all(t.text not in "،.؛" for t in between):
                    return True
        return False

    def _for_work(self, doc: Document, sent: Sentence, aw: Entity) -> Optional[Entity]:
        _, aw_last = doc.token_range(aw.start, aw.end)
        toks = doc.tokens
        for k in range(aw_last, min(sent.last, aw_last + 12)):
            t = toks[k]
            if t.norm in ("عن", "حول") or (t.norm in ("فيلم", "لفيلم") and k == aw_last):
                start_k = k + 1 if t.norm in ("عن", "حول") else k
                if start_k < sent.last and toks[start_k].text in QUOTES_OPEN | QUOTES_CLOSE and toks[start_k].text not in QUOTES_OPEN:
                    start_k += 1
                span = self.names.work_at(doc, start_k, sent.last)
                if span is None and start_k < sent.last and toks[start_k].text in QUOTES_OPEN:
                    span = None
                if span is not None:
                    s, e = span
                    return doc.entity(s, e, "WORK", "work.after_for_cue", 0.7)
            if t.text in "،.؛" or self.names.is_verb_cue(t) or stem_in(t, self.names.award_head):
                break  # what follows another award name is that award's
        return None

    def _consecutive(self, doc: Document, sent: Sentence, trig: _Trigger, aw: Entity) -> Optional[int]:
        lo = min(doc.tokens[trig.index].start, aw.start)
        clause = self._clause_of(doc, sent, aw.start)
        hi = max(aw.end, clause[1])
        found = find_consecutive(doc.text, lo, hi)
        return found[0] if found else None

    def _evidence(self, doc: Document, sent: Sentence, win: _Win, aw: Entity) -> Span:
        t = doc.tokens[win.trigger.index]
        starts = [t.start, aw.start] + [e.start for _, e in win.winners if e is not None and e.start >= sent.start]
        start = min(starts)
        end = max(aw.end, t.end)
        clause_start = self._clause_of(doc, sent, start)[0]
        start = clause_start if start - clause_start < 40 else start
        return Span(start=start, end=end, text=doc.text[start:end])

    # -- categories, containers, receipts -------------------------------------
    def _containers(self, doc: Document, awards: list[Entity]) -> dict[int, str]:
        """Awards named as the competition around another (في مسابقة X, حفل جائزة X): start → name."""
        out: dict[int, str] = {}
        for aw in awards:
            first, _ = doc.token_range(aw.start, aw.end)
            for k in range(max(0, first - 3), first + 1):
                m = match_at(doc.tokens, k, self.container_cue)
                if m is not None and m.last >= first:
                    if m.first > 0 and doc.tokens[m.first].norm == "من" and doc.tokens[m.first - 1].norm.lstrip(
                            "ب") in ("سلسله", "عدد", "مجموعه", "العديد"):
                        break  # فازت بسلسلة من جوائز X: the prizes themselves are won
                    out[aw.start] = aw.text
                    break
            if first > 0 and doc.tokens[first - 1].norm in ("حفل", "توزيع", "جوائز", "لجنه", "امانه", "مجلس"):
                out[aw.start] = aw.text
            # جائزة X لفئة Y: X frames the category that follows it
            nxt = next((a for a in awards if a.start > aw.end), None)
            if nxt is not None and _category_link(doc.text[aw.end:nxt.start], nxt.text):
                out[aw.start] = aw.text
            # فازت بجائزة X بعدد من الجوائز / بثلاث جوائز: X is the competition, not the prize
            _, last = doc.token_range(aw.start, aw.end)
            after = [t.norm for t in doc.tokens[last:last + 3]]
            if after and after[0].startswith("ب") and any(w.lstrip("ب") in ("عدد", "الجوائز", "جوائز") for w in after):
                out[aw.start] = aw.text  # (not: الجائزة الكبرى وهي ثاني أرفع جوائز الحفل)
        return out

    def _category_of(self, doc: Document, sent: Sentence, aw: Entity, awards: list[Entity]) -> Optional[str]:
        _, aw_last = doc.token_range(aw.start, aw.end)
        for other in awards:
            if other.start <= aw.end:
                continue
            first, _ = doc.token_range(other.start, other.end)
            if first - aw_last > 4:
                break
            for k in range(aw_last, first + 1):
                if match_at(doc.tokens, k, self.container_cue):
                    return other.text
        return None

    @staticmethod
    def _category_like(aw: Entity) -> bool:
        words = fold(aw.text).split()
        return any(w in ("افضل", "احسن", "الافضل") for w in words[:2])

    def _received_by(self, doc: Document, sent: Sentence, ents: list[Entity], coref: Coreference) -> list[str]:
        return [coref.fullest(e) for e in ents if e.type == "PERSON" and self._cue_within(doc, e, self.received_cue, 14)]

    def _is_receipt_sentence(self, doc: Document, sent: Sentence) -> bool:
        toks = doc.tokens
        for i in range(sent.first, min(sent.last, sent.first + 3)):
            m = match_at(toks, i, self.received_cue)
            if m is not None and any(stem_in(toks[k], self.anaphor) for k in range(i + 1, min(sent.last, m.last + 2))):
                return True
        return False

    def _attach_receipt(self, doc: Document, out: Records, persons: list[str], awards: list[Entity], sent: Sentence) -> None:
        last = out.awards[-1]
        aliases = tuple(a.text for a in awards if a.text != last.award)
        out.awards[-1] = last.model_copy(update={
            "received_by": tuple(dict.fromkeys(last.received_by + tuple(persons))),
            "award_aliases": tuple(dict.fromkeys(last.award_aliases + aliases)),
        })

    def _role_text(self, doc: Document, role: RolePhrase) -> str:
        """The role as written, with its article restored after ل (للمخرج → المخرج), and without a
        trailing nationality after a one-word occupation (المخرج المكسيكي → المخرج)."""
        toks = doc.tokens[role.first:role.last]
        end = role.end
        if len(toks) >= 2 and all(self.names.is_nisba(t) for t in toks[1:]) and stem_in(toks[0], self.names.occupation):
            end = toks[0].end
        text = doc.text[role.start:end]
        if toks and toks[0].norm.startswith("لل") and text.startswith("ل"):
            text = "ا" + text
        return text

    # -- people -------------------------------------------------------------------
    def _people(self, doc: Document, entities: Sequence[Entity], coref: Coreference) -> list[PersonRecord]:
        out: list[PersonRecord] = []
        seen: set[str] = set()
        orgs = [e for e in entities if e.type == "ORGANISATION"]
        for e in entities:
            if e.type != "PERSON":
                continue
            first, last = doc.token_range(e.start, e.end)
            role = self.names.role_before(doc, first) or self.names.role_after(doc, last)
            if role is None:
                continue
            name = coref.fullest(e)
            if name in seen:
                continue
            seen.add(name)
            org = next((o for o in orgs if role.start <= o.start and o.end <= role.end), None)
            organisation = coref.fullest(org) if org else self._body_of_title(doc, role)
            out.append(PersonRecord(
                name=name, role=self._role_text(doc, role), organisation=organisation,
                span=Span(start=e.start, end=e.end, text=e.text), source="people.role_phrase", score=0.7))
        return out



    @staticmethod
    def _body_of_title(doc: Document, role: RolePhrase) -> Optional[str]:
        """وزير التعليم → وزارة التعليم: the ministry a minister's title names (ANNOTATION.md people)."""
        head = doc.tokens[role.first]
        body = TITLE_BODIES.get(head.norm)
        rest = doc.text[head.end:role.end].strip()
        return f"{body} {rest}" if body and rest else None


def _names_event(t: Token) -> bool:
    """A festival, ceremony, edition, vote or ranking word (مهرجان، حفل، النسخة، تصويت ..., Awards)."""
    return t.norm.lstrip("وبل") in _EVENT_WORDS or t.text in ("Awards", "Award", "Festival")


def _name_key(name: str) -> frozenset[str]:
    """A winner's words by their first four letters, without the article: منتخب فرنسا and المنتخب
    الفرنسي name one team (a country and its nisba share a stem)."""
    return frozenset(w.removeprefix("ال")[:4] for w in fold(name).split())


def _award_key(award: str) -> str:
    """An award's name without quotes, brackets or a leading جائزة: جائزة "درع X" and درع X are one."""
    words = "".join(" " if not (c.isalnum() or c.isspace()) else c for c in fold(award)).split()
    if len(words) > 1 and words[0] in ("جائزه", "الجائزه"):
        words = words[1:]
    return " ".join(words)


def _category_noun(award: str) -> str:
    """The folded noun after أفضل/أحسن in an award name (جائزة أفضل لاعبة → لاعبه), or ""."""
    words = fold(award).split()
    for k, w in enumerate(words[:-1]):
        if w.lstrip("ك") in ("افضل", "احسن"):
            return words[k + 1]
    return ""


def _category_link(gap: str, second: str) -> bool:
    """What lies between two award names makes the second a category of the first
    (جائزة X لفئة Y, جائزة X ل|فئة Y)."""
    g = fold(gap).strip()
    return g in ("لفئه", "بفئه", "لفئات", "في فئه") or (g in ("ل", "ب") and fold(second).startswith(("فئه", "فئات")))


def stem_in_simple(folded: str, names: NameRules) -> bool:
    """Words that may sit between coordinated winners (occupations: والممثل, والطالب)."""
    return folded in names.occupation.words or (folded.startswith("و") and folded[1:] in names.occupation.words)
