"""Unit tests per name rule: AWARD heads, titles before persons, organisation heads, works."""
from __future__ import annotations

import pytest

from awardie.document import Document
from awardie.rules import load_rules
from awardie.rules.entities import NameRules


@pytest.fixture(scope="module")
def names() -> NameRules:
    return NameRules(load_rules())


def spans(entities) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.text for e in entities]


@pytest.mark.parametrize("text, expected", [
    ("فاز النادي بجائزة الإبداع الرياضي في العام الماضي", ["جائزة الإبداع الرياضي"]),
    ("حصلت على جائزة أفضل لاعب في العالم لعام 2015", ["جائزة أفضل لاعب في العالم"]),
    ('نال الكاتب جائزة "القلم الذهبي" أمس', ['جائزة "القلم الذهبي"']),
    ("حصل على الميدالية الذهبية في السباق", ["الميدالية الذهبية"]),
    ("توج المنتخب بلقب كأس الخليج", ["لقب كأس الخليج"]),
    ("وحصدت الشركة جائزة التميز التي تنظمها الغرفة", ["جائزة التميز"]),
    ("ونال الفيلم الجائزة الكبرى للمهرجان", ["الجائزة الكبرى للمهرجان"]),
    # boundaries: a superlative's field after في, adjectives that are also occupations, and the ends
    ("نال جائزة الاتحاد الدولي للسباحة لأفضل سباح في العالم", ["جائزة الاتحاد الدولي للسباحة لأفضل سباح في العالم"]),
    ("فاز بجائزة أفضل لاعب في آسيا هذا العام", ["جائزة أفضل لاعب في آسيا"]),
    ("نال الجائزة الدولية للتصوير الصحفي في روما", ["الجائزة الدولية للتصوير الصحفي"]),
    ("نالت جائزة أفضل ممثلة لدورها في الفيلم", ["جائزة أفضل ممثلة"]),
    ("نال جائزة الإبداع تمنحها الهيئة كل عام", ["جائزة الإبداع"]),
    ("فاز بكأس الخليج للشباب المقامة في الدوحة", ["كأس الخليج للشباب"]),
    ("فاز ببطولة الدوري السعودي للمرة الثالثة", ["بطولة الدوري السعودي"]),
    ("نال جائزة الملك فيصل في الرياض", ["جائزة الملك فيصل"]),
    ("فازت المسرحية بسلسلة من جوائز (توني) أمس", ["جوائز (توني)"]),
    ("فاز بجائزة بالون دور الذهبية", ["بالون دور الذهبية"]),  # the entry itself starts with بال
    ("رشح لجوائز منها جائزتا أحسن مونتاج و أحسن تصوير", ["أحسن مونتاج", "أحسن تصوير"]),  # a dual head before its categories
    ("ومنحت اللاعبة جائزة لأفضل لاعبة في العالم", ["أفضل لاعبة في العالم"]),
    ("وفاز النادي بالدوري الإنجليزي للمرة الثانية", ["الدوري الإنجليزي"]),
    ("وتوج المنتخب بالمونديال عام 2018", ["المونديال"]),
    ("ونال مطار الواحة الدولي بالرياض أفضل المطارات الإقليمية", ["أفضل المطارات الإقليمية"]),
    ("حصد جائزة أفضل مونتاج، وجائزة أفضل صوت، وأفضل ديكور", ["جائزة أفضل مونتاج", "جائزة أفضل صوت", "أفضل ديكور"]),
    # descriptive adjectives after the proper name are not part of it, unless a phrase follows them
    ("فاز بجائزة البحر المتوسط الأدبية الفرنسية", ["جائزة البحر المتوسط"]),
    ("نال جائزة الملك فيصل السنوية المخصصة لخدمة الإسلام", ["جائزة الملك فيصل"]),
    ("فازت بجائزة أوفيد السنوية للتنمية", ["جائزة أوفيد السنوية للتنمية"]),
    ("نال الجائزة الأدبية", ["الجائزة الأدبية"]),
    # a match or round after the name is where it was won, not part of it
    ("حصل على جائزة أفضل لاعب في ذهاب نصف النهائي", ["جائزة أفضل لاعب"]),
    ("فاز بجائزة هدف الأسبوع للجولة الثالثة", ["جائزة هدف الأسبوع"]),
    # a superlative's field: على مستوى X, and a further في phrase after it
    ("فاز بجائزة أفضل مشروع على مستوى مطارات العالم", ["جائزة أفضل مشروع على مستوى مطارات العالم"]),
    ("نال جائزة أفضل بحث على مستوى العالم في علوم البحار",
     ["جائزة أفضل بحث على مستوى العالم في علوم البحار"]),
])
def test_award_names(names: NameRules, text: str, expected: list[str]) -> None:
    assert spans(names.awards(Document(text))) == expected


@pytest.mark.parametrize("text", [
    "وقال إن الجائزة تعكس نجاح الفريق",  # bare الجائزة is not a name
    "فاز السائق بسباق جائزة البحرين الكبرى",  # a race, not an award
    "حصل على الكرة من زميله",  # الكرة needs a colour to be an award
    "فاز بجائزة (وهي الأولى له) في المهرجان",  # an aside in brackets
    "وسجل 30 هدفا في الدوري هذا الموسم",  # الدوري alone is no name
    "فاز اللاعب الذي قدم أفضل أداء في المباراة",  # أفضل in a relative clause
    "فاز الفريق في المباراة أفضل من منافسه",  # أفضل after a preposition's phrase
])
def test_not_award_names(names: NameRules, text: str) -> None:
    assert names.awards(Document(text)) == []


def test_award_span_drops_proclitic(names: NameRules) -> None:
    doc = Document("وفازت بجائزة التميز")
    (aw,) = names.awards(doc)
    assert aw.text == "جائزة التميز" and doc.text[aw.start:aw.end] == aw.text


def test_superlative_award_after_win_verb(names: NameRules) -> None:
    assert spans(names.awards(Document("وفاز المهرجان بأفضل مهرجان عربي"))) == ["أفضل مهرجان عربي"]
    assert names.awards(Document("هذا أفضل يوم في حياتي")) == []


@pytest.mark.parametrize("text, expected", [
    ("تحت رعاية الشيخ محمد بن مبارك آل خليفة", ["محمد بن مبارك آل خليفة"]),
    ("فاز الروائي الجزائري كمال داود بالجائزة", ["كمال داود"]),
    ("وقال المهندس أحمد بن عبدالعزيز الخياط", ["أحمد بن عبدالعزيز الخياط"]),
    ("صاحب السمو الملكي الأمير خليفة بن سلمان آل خليفة", ["خليفة بن سلمان آل خليفة"]),
])
def test_person_after_title(names: NameRules, text: str, expected: list[str]) -> None:
    assert spans(names.persons(Document(text))) == expected


def test_title_followed_by_a_phrase_is_not_a_person(names: NameRules) -> None:
    assert names.persons(Document("ووجه الوزير بضرورة مواصلة الجهود")) == []


@pytest.mark.parametrize("text, expected", [
    ("فازت وزارة الأشغال وشؤون البلديات والتخطيط العمراني بالجائزة",
     ["وزارة الأشغال وشؤون البلديات والتخطيط العمراني"]),
    ("برئاسة اللجنة العليا لتقنية المعلومات والاتصالات، قال", ["اللجنة العليا لتقنية المعلومات والاتصالات"]),
    ("عبر حساب تويتر", ["تويتر"]),
    ("أكد أن الوزارة بالتواصل الرقمي", []),  # bare nominal: coreference, not a name
    # names end before descriptions, a first name after them and a win participle
    ("وحصل مطار الملك فهد الدولي الجديد على الجائزة", ["مطار الملك فهد الدولي"]),
    ("وافتتحت جامعة النهضة الجديدة فرعا", ["جامعة النهضة"]),
    ("لعب مهاجم نادي الهلال ومنتخب البرازيل ليونيل سانتوس", ["نادي الهلال ومنتخب البرازيل"]),
    ("قاد المنتخب البرازيلي الفائز بكأس العالم", ["المنتخب البرازيلي"]),
])
def test_organisation_heads(names: NameRules, text: str, expected: list[str]) -> None:
    assert spans(names.organisations(Document(text))) == expected


def test_work_after_head_and_in_quotes(names: NameRules) -> None:
    doc = Document('عن مشروع نظام إدارة الأصول المؤسسية. وعن "ضمان الجودة" أيضا')
    i = next(k for k, t in enumerate(doc.tokens) if t.text == "مشروع")
    s, e = names.work_at(doc, i)
    assert doc.text[s:e] == "مشروع نظام إدارة الأصول المؤسسية"
    q = next(k for k, t in enumerate(doc.tokens) if t.text == '"')
    s, e = names.work_at(doc, q)
    assert doc.text[s:e] == "ضمان الجودة"


def test_role_phrases(names: NameRules) -> None:
    doc = Document("وقال مدير إدارة الاتصال فهد بوعلاي إن")
    i = next(k for k, t in enumerate(doc.tokens) if t.text == "فهد")
    role = names.role_before(doc, i)
    assert role is not None and doc.text[role.start:role.end] == "مدير إدارة الاتصال"


def test_award_names_in_latin_letters(names: NameRules) -> None:
    doc = Document("وحصل المطار على جائزة Routes Marketing Awards هذا العام")
    assert "Routes Marketing Awards" in " ".join(spans(names.awards(doc)))


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_MODIFIERS = ["الإبداع", "التميز", "الابتكار", "الرياضي", "العلمي", "الدولية", "للشباب"]  # not الكبرى: races


@given(proclitic=st.sampled_from(["", "و", "ف", "ب", "وب", "فب", "ل"]),
       modifiers=st.lists(st.sampled_from(_MODIFIERS), min_size=1, max_size=4),
       verb=st.sampled_from(["فاز الفريق", "حصلت الجامعة على", "نال الكاتب", "توج المنتخب"]))
def test_award_name_property(names: NameRules, proclitic: str, modifiers: list[str], verb: str) -> None:
    name = "جائزة " + " ".join(modifiers)
    text = f"{verb} {proclitic}{name} هذا العام."
    found = [e for e in names.awards(Document(text)) if e.text.startswith("جائزة")]
    assert found, text
    e = found[0]
    assert text[e.start:e.end] == e.text and e.start == text.index("جائزة")  # no proclitic in the span


def test_persons_after_one_letter_titles(names: NameRules) -> None:
    doc = Document("ذهبت المراكز إلى كل من د. هالة النمر، ود. سلمى الجبرين، وم. هدى إسماعيل خنكار.")
    assert [e.text for e in names.persons(doc)] == ["هالة النمر", "سلمى الجبرين", "هدى إسماعيل خنكار"]


def test_known_first_name_that_is_also_a_word_after_a_nationality_noun(names: NameRules) -> None:
    # صباح is "morning" and a first name; after فازت السورية it can only be the name
    assert spans(names.persons(Document("كما فازت السورية صباح الحلبي بالجائزة"))) == ["صباح الحلبي"]
    assert spans(names.persons(Document("وفاز المصري خلال المباراة بالجائزة"))) == []
