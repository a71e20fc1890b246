"""The public API: input checking, stable shapes, batches, and properties over any str."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import awardie
from awardie import Extraction, Pipeline
from awardie.pipeline import DocumentError

ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةىئؤ ،.0123456789٠١٢٣٤٥٦٧٨٩%٪ـًٌٍَُِّْ\n\"«»")),
                 max_size=300)
WORDS = st.lists(st.sampled_from(["فاز", "فازت", "الوزارة", "بجائزة", "جائزة", "التميز", "عام", "2015", "٢٠١٧", "الشيخ",
                                  "محمد", "بن", "خالد", "وزارة", "الأشغال", "82%", "للسنة", "التاسعة", "على", "التوالي",
                                  "،", ".", "تحت", "رعاية", "عن", "مشروع", "في", "نسخة", "الكبرى", "هـ", "1436"]),
                 max_size=40).map(" ".join)


@pytest.mark.parametrize("bad", [None, b"\xd9\x81\xd8\xa7\xd8\xb2", 42, 3.5, ["نص"], {"text": "نص"}])
def test_non_str_is_a_type_error_saying_what_was_expected(pipeline: Pipeline, bad: object) -> None:
    with pytest.raises(TypeError, match="extracts from a str"):
        pipeline.extract(bad)  # type: ignore[arg-type]


def test_bytes_error_says_how_to_decode(pipeline: Pipeline) -> None:
    with pytest.raises(TypeError, match="decode"):
        pipeline.extract("فاز".encode())  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", "   \n\t", "Hello world, no Arabic here.", "🙂🙂", "12345"])
def test_empty_or_non_arabic_gives_empty_extraction(pipeline: Pipeline, text: str) -> None:
    ex = pipeline.extract(text)
    assert isinstance(ex, Extraction)
    assert ex.text == text
    assert (ex.entities, ex.relations, ex.awards, ex.metrics, ex.people) == ((), (), (), (), ())


def test_module_level_extract_uses_a_default_pipeline() -> None:
    ex = awardie.extract("فازت شركة الأمل للتقنية بجائزة التميز الصناعي عام 2015")
    assert isinstance(ex, Extraction)
    assert [(a.winner, a.award, a.year) for a in ex.awards] == [("شركة الأمل للتقنية", "جائزة التميز الصناعي", 2015)]
    # an unnamed winner (الشركة, never named) gives no record (ANNOTATION.md)
    assert awardie.extract("فازت الشركة بجائزة التميز الصناعي عام 2015").awards == ()


def test_pipe_yields_one_result_per_input_in_order(pipeline: Pipeline) -> None:
    texts = ["فاز الفريق بكأس الخليج", None, "", "حصلت الجامعة على جائزة الابتكار"]
    out = list(pipeline.pipe(texts, errors="return"))  # type: ignore[arg-type]
    assert len(out) == 4
    assert isinstance(out[1], DocumentError) and out[1].index == 1 and out[1].type == "TypeError"
    assert [o.text for o in (out[0], out[2], out[3])] == [texts[0], texts[2], texts[3]]  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        list(pipeline.pipe(texts))  # type: ignore[arg-type]


def test_results_are_frozen(pipeline: Pipeline) -> None:
    ex = pipeline.extract("فازت الشركة بجائزة التميز الصناعي")
    with pytest.raises(Exception):
        ex.text = "x"  # type: ignore[misc]


def _check_offsets(text: str, ex: Extraction) -> None:
    for e in ex.entities:
        assert text[e.start:e.end] == e.text
    for a in ex.awards:
        assert text[a.evidence_span.start:a.evidence_span.end] == a.evidence
    for m in ex.metrics:
        assert text[m.span.start:m.span.end] == m.span.text
    starts = [(e.start, e.end) for e in ex.entities]
    assert all(b[0] >= a[1] for a, b in zip(starts, starts[1:])), "entities overlap"


@given(st.text(max_size=400))
def test_never_raises_on_any_str_and_offsets_hold(pipeline: Pipeline, text: str) -> None:
    _check_offsets(text, pipeline.extract(text))


@given(ARABIC)
def test_arabic_like_noise_keeps_offsets(pipeline: Pipeline, text: str) -> None:
    _check_offsets(text, pipeline.extract(text))


@given(WORDS)
def test_award_like_word_salad_keeps_offsets_and_is_deterministic(pipeline: Pipeline, text: str) -> None:
    first = pipeline.extract(text)
    _check_offsets(text, first)
    assert pipeline.extract(text).to_json() == first.to_json()


class _TagWords:
    """An NER backend that tags the given words as one-word PERSON names."""

    name = "tag-words"

    def __init__(self, words: set[str]) -> None:
        self.words = words

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [["B-PERSON" if w in self.words else "O" for w in s] for s in sentences]


def test_tagger_names_lose_a_conjunction_the_story_writes_without() -> None:
    # وزهران, وصلاح: the story also writes them without و, so it is the conjunction; وليد stays
    text = "وصل خالد وزهران وصلاح إلى الحفل. وقال زهران إن صلاح سيعود مع وليد."
    ex = Pipeline(ner=_TagWords({"وزهران", "وصلاح", "وليد"})).extract(text)
    persons = {e.text for e in ex.entities if e.type == "PERSON"}
    assert {"زهران", "صلاح"} <= persons and not {"وزهران", "وصلاح"} & persons
    assert "وليد" in persons
    assert all(text[e.start:e.end] == e.text for e in ex.entities)
    # و + a known first name is the conjunction, except for names that begin with و (person.waw_name)
    ex = Pipeline(ner=_TagWords({"ومحمد", "وسام"})).extract("وصل خالد ومحمد إلى الحفل مع وسام.")
    assert {e.text for e in ex.entities if e.type == "PERSON"} >= {"محمد", "وسام"}


def test_tagger_names_in_a_list_lose_the_conjunction_after_a_comma() -> None:
    # وطوني after a comma: the next item of a list; وليد (a known name) keeps its و
    text = "وحضر خالد، وطوني، ووليد الحفل."
    ex = Pipeline(ner=_TagWords({"وطوني", "ووليد"})).extract(text)
    assert [e.text for e in ex.entities if e.type == "PERSON"] == ["طوني", "وليد"]


def test_a_tagger_name_loses_a_preposition_before_a_known_first_name() -> None:
    ex = Pipeline(ner=_TagWords({"ليوسف", "ليلى"})).extract("وهذا فيلم ليوسف مع ليلى.")
    assert [e.text for e in ex.entities if e.type == "PERSON"] == ["يوسف", "ليلى"]
    # after a quoted title the ل is authorship, even before a name the lexicon does not know
    ex = Pipeline(ner=_TagWords({"لماريو"})).extract("وعرض فيلم «الميناء» لماريو أمس.")
    assert [e.text for e in ex.entities if e.type == "PERSON"] == ["ماريو"]


def test_a_tagger_name_that_is_only_an_adverb_is_dropped() -> None:
    ex = Pipeline(ner=_TagWords({"حصرا", "مؤخرا", "سالم"})).extract("وفاز حصرا سالم مؤخرا بالجائزة.")
    assert [e.text for e in ex.entities if e.type == "PERSON"] == ["سالم"]


def test_tagger_names_end_before_a_preposition_written_onto_them() -> None:
    text = "ونال جون ماركوسعلى الجائزة."  # no title: the span is the tagger's
    ex = Pipeline(ner=_TwoWordName("جون")).extract(text)
    assert [e.text for e in ex.entities if e.type == "PERSON"] == ["جون ماركوس"]
    assert all(text[e.start:e.end] == e.text for e in ex.entities)


class _TwoWordName:
    """Tags the given word and the next one as one PERSON name."""

    name = "two-word-name"

    def __init__(self, first: str) -> None:
        self.first = first

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        out = []
        for s in sentences:
            tags = ["O"] * len(s)
            for i, w in enumerate(s[:-1]):
                if w == self.first:
                    tags[i], tags[i + 1] = "B-PERSON", "I-PERSON"
            out.append(tags)
        return out


def test_city_after_a_players_role_is_the_club(pipeline: Pipeline) -> None:
    ex = pipeline.extract("وسجل مهاجم ليون هدفين في مرمى حارس برشلونة، وأقيمت المباراة في مدينة ليون.")
    typed = [(e.type, e.text) for e in ex.entities if e.text in ("ليون", "برشلونة")]
    assert typed == [("ORGANISATION", "ليون"), ("ORGANISATION", "برشلونة"), ("LOCATION", "ليون")]
    assert all("org.team_context" in e.source for e in ex.entities if e.type == "ORGANISATION")


def test_known_bodies_and_generic_committees(pipeline: Pipeline) -> None:
    ex = pipeline.extract("وقال عضو لجنة التحكيم إن أوفيد تمنح الجائزة كل عام، ونشرت عين اليوم الخبر.")
    orgs = [e.text for e in ex.entities if e.type == "ORGANISATION"]
    assert orgs == ["أوفيد", "عين اليوم"]  # لجنة التحكيم names no body; الخبر here is "the news"
    assert not [e for e in ex.entities if e.type == "LOCATION"]


def test_places_lose_a_leading_conjunction(pipeline: Pipeline) -> None:
    ex = pipeline.extract("وزار الوفد السعودية وقطر والكويت.")
    assert [e.text for e in ex.entities if e.type == "LOCATION"] == ["السعودية", "قطر", "الكويت"]
