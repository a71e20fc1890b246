"""The Pipeline: text layer → NER → rules → relations → records → Extraction.

Build one `Pipeline` and reuse it: the rules compile and the NER model loads
once. A Pipeline holds no per-document state, so one object may be used from
several threads.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .document import Document
from .errors import AwardieError
from .ner import NERBackend, tags_to_entities
from .relation_model import WinnerClassifier
from .relations import RecordBuilder
from .rules import load_rules
from .rules.entities import NameRules
from .rules.numbers import MetricMatch, find_metrics, find_years
from .schema import Entity, Extraction

__all__ = ["Pipeline", "DocumentError", "MAX_SENTENCE_TOKENS"]

# Sentences longer than this are fed to the tagger in pieces (a 200,000-character
# line must not become one tensor).
MAX_SENTENCE_TOKENS = 200

# When spans overlap, the higher priority wins; within one priority, the longer span.
_PRIORITY = {
    "YEAR": 0, "METRIC": 0,
    "AWARD": 1,
    "WORK": 2,
    "person.after_title": 3,
    "org.head": 4,
    "ner": 5,
    "location.country_city": 5,
    "location.gazetteer": 5,
    "org.known": 4,  # curated names outrank the tagger's type (أوفيد is a body, not a person)
    "person.win_subject": 6,  # the tagger's span and type win where it found the name
    "coref.surname": 7,
}
# sources that outrank their type's priority: a size class (فئة أكثر من 10 ملايين زائر) is an award's
# name, so it wins over the METRIC inside it
_SOURCE_FIRST = {"award.size_class": -1}


@dataclass(frozen=True)
class DocumentError:
    """What `Pipeline.pipe(..., errors="return")` yields for an input it could not process."""

    index: int
    error: str
    type: str


class Pipeline:
    """A reusable extractor.

    Args:
        ner: the statistical NER backend (any object with `name` and `tag`, see
            `awardie.ner.NERBackend`). Default: awardie's shipped stanza model;
            pass `awardie.ner.NoNER()` for rules only.
        rules_dir: a folder of rules files to use instead of the shipped ones.
        relation_model: the statistical winner classifier (default: the shipped one);
            None for rules-only relations.
    """

    def __init__(self, ner: Optional[NERBackend] = None, rules_dir: Optional[Union[str, Path]] = None,
                 relation_model: Union[WinnerClassifier, None, str] = "default") -> None:
        if ner is None:
            from .ner import default_backend

            ner = default_backend()
        if not isinstance(ner, NERBackend):
            raise TypeError(f"ner must be an NER backend with .name and .tag(), got {type(ner).__name__}")
        self.ner = ner
        self.rules = load_rules(Path(rules_dir) if rules_dir is not None else None)
        self.names = NameRules(self.rules)
        if relation_model == "default":
            relation_model = WinnerClassifier()
        if relation_model is not None and not isinstance(relation_model, WinnerClassifier):
            raise TypeError("relation_model must be a WinnerClassifier, None (rules only) or 'default'")
        self.relation_model = relation_model
        self.records = RecordBuilder(self.rules, self.names, relation_model)
        # load models now: a missing or corrupt file fails here, naming the file, not inside a batch
        if relation_model is not None:
            relation_model.weights
        load = getattr(self.ner, "load", None)
        if callable(load):
            load()

    def __repr__(self) -> str:
        return f"Pipeline(ner={self.ner.name!r}, rules={len(self.rules)} rules)"

    # ------------------------------------------------------------------
    def extract(self, text: str) -> Extraction:
        """Everything found in `text`. Raises TypeError for anything but a str."""
        if not isinstance(text, str):
            raise TypeError(f"awardie extracts from a str, got {type(text).__name__}"
                            + ("; decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""))
        doc = Document(text)
        if not any("\u0600" <= ch <= "\u06ff" for ch in text):
            return Extraction(text=text)  # no Arabic letter: nothing to find
        metrics = find_metrics(doc.text, doc.norm)  # once: entities and metric records both use them
        entities, mentions = self._entities(doc, metrics)
        recs = self.records.build(doc, mentions, metrics)
        entities = self._merge(entities + recs.works)
        return Extraction(
            text=text,
            entities=tuple(sorted(entities, key=lambda e: (e.start, e.end, e.type))),
            relations=tuple(recs.relations),
            awards=tuple(recs.awards),
            metrics=tuple(recs.metrics),
            people=tuple(recs.people),
        )

    __call__ = extract

    def pipe(self, texts: Iterable[str], errors: str = "raise") -> Iterator[Union[Extraction, DocumentError]]:
        """One result per input, in input order.

        errors="raise" stops at the first bad input; errors="return" yields a
        `DocumentError` in its place and goes on with the rest.
        """
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        for i, text in enumerate(texts):
            try:
                yield self.extract(text)
            except (TypeError, ValueError, AwardieError) as exc:
                if errors == "raise":
                    raise
                yield DocumentError(index=i, error=str(exc), type=type(exc).__name__)

    # ------------------------------------------------------------------
    def _entities(self, doc: Document, metrics: Optional[list[MetricMatch]] = None) -> tuple[list[Entity], list[Entity]]:
        """The entities (no overlaps), and what relations read: the entities plus award names that
        lie inside a METRIC (أربع ميداليات برونزية is a count, and ميداليات برونزية is what was won)."""
        awards = self.names.awards(doc)
        found: list[Entity] = []
        found += find_years(doc.text, doc.norm)
        if metrics is None:
            metrics = find_metrics(doc.text, doc.norm)
        found += [m.entity for m in metrics]
        found += awards
        found += self.names.persons(doc)
        found += self.names.win_subjects(doc)
        found += self.names.organisations(doc)
        found += self.names.locations(doc)
        found += self._ner_entities(doc)
        merged = self._merge(found)
        merged = self._merge(merged + self._surnames(doc, merged))
        merged = [self._team(doc, e) for e in merged]
        kept = {(e.start, e.end, e.type) for e in merged}
        metric_spans = [(e.start, e.end) for e in merged if e.type == "METRIC"]
        starts = [s for s, _ in metric_spans]
        inside = []
        for a in awards:  # by key and bisect, not by model equality: linear on long documents
            if (a.start, a.end, a.type) in kept:
                continue
            k = bisect.bisect_right(starts, a.start) - 1
            if k >= 0 and a.end <= metric_spans[k][1]:
                inside.append(a)
        return merged, sorted(merged + inside, key=lambda e: e.start)

    def _team(self, doc: Document, e: Entity) -> Entity:
        """مهاجم ليون, لاعب برشلونة: a city after a player's role noun is its club."""
        if e.type != "LOCATION":
            return e
        i = doc.token_at(e.start)
        if i is None or not self.names.is_team_context(doc.tokens, i):
            return e
        return e.model_copy(update={"type": "ORGANISATION", "source": e.source + "+org.team_context"})

    def _ner_entities(self, doc: Document) -> list[Entity]:
        chunks = []
        for s in doc.sentences:
            for lo in range(s.first, s.last, MAX_SENTENCE_TOKENS):
                chunks.append(doc.tokens[lo:min(s.last, lo + MAX_SENTENCE_TOKENS)])
        if not chunks:
            return []
        tags = self.ner.tag([[t.text for t in c] for c in chunks])
        if len(tags) != len(chunks):
            raise AwardieError(f"NER backend {self.ner.name!r} returned {len(tags)} sentences for {len(chunks)}")
        out: list[Entity] = []
        for chunk, chunk_tags in zip(chunks, tags):
            for e in tags_to_entities(doc.text, chunk, chunk_tags, source=f"ner:{self.ner.name}", scores=None):
                e = self._trim_clitics(doc, e)
                if e is not None:
                    out.append(e.model_copy(update={"score": 0.7}))
        return out

    def _surnames(self, doc: Document, entities: list[Entity]) -> list[Entity]:
        """A person named in full is later called by the last name alone (والمسدي هو أحدث فائز):
        those mentions are PERSON too (coreference then gives the full name)."""
        from .rules.matcher import strip_prefix

        surnames: set[str] = set()
        for e in entities:
            if e.type == "PERSON" and " " in e.text.strip():
                first, last = doc.token_range(e.start, e.end)
                word = doc.tokens[last - 1].norm
                if len(word) >= 4 and not self.names.is_stop(doc.tokens[last - 1]) and word not in self.names.connector.words:
                    surnames.add(word)
        if not surnames:
            return []
        out = []
        for t in doc.tokens:
            cut = strip_prefix(t)
            plain = t.norm
            if plain not in surnames and t.norm[:1] in "وبلف" and t.norm[1:] in surnames:
                plain, cut = t.norm[1:], 1
            if plain in surnames:
                out.append(doc.entity(t.start + cut, t.end, "PERSON", "coref.surname", 0.6))
        return out

    def _trim_clitics(self, doc: Document, e: Entity) -> Optional[Entity]:
        """Tagger spans start at awardie tokens; names do not include a proclitic (والرياض → الرياض,
        ومحمد → محمد), a leading title or trigger noun the tagger took in (تكريم داود → داود), nor
        the rank that follows them (X المركز الأول → X)."""
        from .rules.matcher import match_at, stem_in, strip_prefix

        i = doc.token_at(e.start)
        if i is None:
            return e
        first, last = doc.token_range(e.start, e.end)
        names = self.names
        if last == first + 1 and (names.abbreviated_title(doc.tokens, first) is not None
                                  or names.is_stop(doc.tokens[first])):
            return None  # ود. alone: the title of the next name; حصرا, أيضا alone: an adverb, not a name
        while first < last - 1 and (names.is_person_cue(doc.tokens[first]) or names.is_stop(doc.tokens[first])
                                    or stem_in(doc.tokens[first], self.records.win_noun)
                                    or stem_in(doc.tokens[first], self.records.confer)):
            first += 1
        while last > first + 1 and (names.is_stop(doc.tokens[last - 1]) or names.is_verb_cue(doc.tokens[last - 1])
                                    or stem_in(doc.tokens[last - 1], self.records.win_noun)):
            last -= 1  # X سوى, منتخب X الفائز: the tagger ran on into the next phrase
        for k in range(first + 1, last):
            if match_at(doc.tokens, k, self.records.rank_cue):
                last = k  # نيسان سنترا المركز الأول: a name does not run on into the rank it took
                break
        if e.type == "PERSON":
            for k in range(first + 1, last):
                glued = names.glued_preposition(doc.tokens[k])
                if glued:  # جون ماركوسعلى جائزة: the name ends before the preposition written onto it
                    return doc.entity(doc.tokens[first].start + strip_prefix(doc.tokens[first]),
                                      doc.tokens[k].start + glued, e.type, e.source, e.score)
        end = doc.tokens[last - 1].end
        tok = doc.tokens[first]
        start = tok.start + (strip_prefix(tok) or self._leading_proclitic(doc, e, first))
        if (start, end) == (e.start, e.end):
            return e
        return doc.entity(start, end, e.type, e.source, e.score) if start < end else None

    def _leading_proclitic(self, doc: Document, e: Entity, first: int) -> int:
        """1 when the tagger's first token starts with a conjunction or preposition that is not part of
        the name (an indefinite one: strip_prefix handles والـ/بالـ), else 0."""
        names = self.names
        norm = doc.tokens[first].norm
        if len(norm) <= 3:
            return 0
        rest, person = norm[1:], e.type == "PERSON"
        before = doc.tokens[first - 1].text if first > 0 else ""
        if norm[0] == "و" and norm not in names.waw_names.words:
            if (rest in doc.word_forms or person and rest in names.name_words.words
                    or e.type == "LOCATION" and rest in names.country.words):
                return 1  # وصلاح when the story also writes صلاح; ومحمد, وقطر: the conjunction, then a known name
            # X، وطوني Y / . وطوني Y: the next name of a list, after its conjunction
            return int(person and before in ("،", ",", ".", "؛", ";") and norm not in names.name_words.words)
        if norm[0] == "ل" and person and norm not in names.name_words.words:
            # فيلم X ليوسف Y, فيلم «X» لماريو Y: the ل of authorship, then the name
            return int(rest in names.name_words.words or before in ("»", "”", '"', ")"))
        return 0

    @staticmethod
    def _merge(entities: list[Entity]) -> list[Entity]:
        """Resolve overlaps: by priority, then length; never two overlapping spans."""
        def prio(e: Entity) -> int:
            if e.source in _SOURCE_FIRST:
                return _SOURCE_FIRST[e.source]
            if e.type in _PRIORITY:
                return _PRIORITY[e.type]
            if e.source.startswith("ner:"):
                return _PRIORITY["ner"]
            return _PRIORITY.get(e.source, 5)

        ranked = sorted(entities, key=lambda e: (prio(e), -(e.end - e.start), e.start, e.type))
        taken: list[Entity] = []
        starts: list[int] = []  # sorted, disjoint intervals: starts[k] < ends[k] <= starts[k + 1]
        ends: list[int] = []
        for e in ranked:
            if e.end <= e.start:
                continue
            k = bisect.bisect_left(starts, e.end)  # intervals that start before e ends
            if k > 0 and ends[k - 1] > e.start:
                continue  # the nearest such interval reaches into e
            starts.insert(k, e.start)
            ends.insert(k, e.end)
            taken.append(e)
        return sorted(taken, key=lambda e: e.start)
