"""Relation and record rules, one hand-made sentence per rule (rules only: no statistical NER)."""
from __future__ import annotations

import pytest

from awardie import Pipeline
from awardie.ner import NoNER


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    return Pipeline(ner=NoNER())


def records(p: Pipeline, text: str) -> list[tuple]:
    return [(a.winner, a.award, a.year) for a in p.extract(text).awards]


def winners(p: Pipeline, text: str) -> list[str]:
    return [a.winner for a in p.extract(text).awards]


def test_verb_subject_object(rules_only: Pipeline) -> None:
    assert records(rules_only, "فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي لعام 2016.") == [
        ("شركة الأمل للتقنية", "جائزة الابتكار الصناعي", 2016)]


def test_bare_nominal_resolves_to_the_named_organisation(rules_only: Pipeline) -> None:
    text = "افتتحت وزارة الصحة العامة مركزا جديدا. وفازت الوزارة بجائزة التميز الحكومي."
    assert records(rules_only, text) == [("وزارة الصحة العامة", "جائزة التميز الحكومي", None)]


def test_fullest_mention_is_the_winner(rules_only: Pipeline) -> None:
    text = "أعلنت شركة الأمل للتقنية نتائجها. وفازت شركة الأمل بجائزة الجودة."
    assert winners(rules_only, text) == ["شركة الأمل للتقنية"]


@pytest.mark.parametrize("text", [
    "رشحت جامعة الملك سعود لجائزة الابتكار العلمي.",  # nomination
    "أطلقت هيئة الثقافة جائزة الإبداع الأدبي هذا العام.",  # launch
    "فاز السائق الشيخ سالم بجائزة البحرين الكبرى للفورمولا.",  # a race
    "وقال إن الجائزة تعكس نجاح الفريق.",  # no named award, no trigger
    "وحقق العداء المركز الثالث في نهائي الجائزة الكبرى لألعاب القوى.",  # a race final
    "لم تفز الشركة بجائزة الجودة الشاملة هذا العام.",  # negation
    "ستحصل الجامعة على جائزة التميز البحثي العام المقبل.",  # future
])
def test_no_record_for_non_wins(rules_only: Pipeline, text: str) -> None:
    assert rules_only.extract(text).awards == ()


def test_list_of_years_gives_one_record_per_year(rules_only: Pipeline) -> None:
    got = records(rules_only, "فازت شركة الأمل للتقنية بجائزة الجودة الشاملة عامي 2016 و2017.")
    assert [y for _, _, y in got] == [2016, 2017]


def test_counted_list_of_awards_splits_coordination(rules_only: Pipeline) -> None:
    text = "وحققت شركة الأمل للتقنية جائزتين في نسخة 2013 حيث فازت بجائزة التطور التقني والاقتصاد الرقمي."
    got = records(rules_only, text)
    assert ("شركة الأمل للتقنية", "جائزة التطور التقني", 2013) in got
    assert ("شركة الأمل للتقنية", "الاقتصاد الرقمي", 2013) in got


def test_slots_patron_conferrer_work_consecutive(rules_only: Pipeline) -> None:
    text = ("فازت شركة الأمل للتقنية للعام الثالث على التوالي بجائزة الابتكار الصناعي التي تنظمها غرفة التجارة "
            "عن مشروع المدينة الذكية تحت رعاية الشيخ خالد بن أحمد آل سالم.")
    (a,) = rules_only.extract(text).awards
    assert a.consecutive == 3
    assert a.conferred_by == "غرفة التجارة"
    assert a.for_work == "مشروع المدينة الذكية"
    assert a.patron == "خالد بن أحمد آل سالم"


def test_hijri_year_is_converted(rules_only: Pipeline) -> None:
    got = records(rules_only, "فازت جامعة الملك سعود بجائزة التميز البحثي عام 1436هـ.")
    assert got == [("جامعة الملك سعود", "جائزة التميز البحثي", 2015)]


def test_several_winners_of_one_award(rules_only: Pipeline) -> None:
    got = records(rules_only, "فاز الروائي سعيد خالد والكاتب أحمد علي بجائزة القلم الذهبي.")
    assert [w for w, _, _ in got] == ["سعيد خالد", "أحمد علي"]


def test_award_went_to_winner(rules_only: Pipeline) -> None:
    got = records(rules_only, "وذهبت جائزة أفضل ممثل إلى الممثل سامي يوسف.")
    assert got == [("سامي يوسف", "جائزة أفضل ممثل", None)]


def test_receipt_adds_received_by_and_alias(rules_only: Pipeline) -> None:
    text = ("فازت وزارة الصحة العامة بجائزة التميز الحكومي. "
            "وتسلم الجائزة وزير الصحة الدكتور سالم علي جائزة الخدمة الرقمية المتميزة.")
    (a,) = rules_only.extract(text).awards
    assert a.received_by == ("سالم علي",)
    assert a.award_aliases == ("جائزة الخدمة الرقمية المتميزة",)


def test_every_record_names_its_rules(rules_only: Pipeline) -> None:
    ex = rules_only.extract("فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي لعام 2016.")
    assert ex.awards[0].source.startswith("relation.")
    assert {r.type for r in ex.relations} >= {"winner", "year"}
    assert all(r.source and 0 <= r.score <= 1 for r in ex.relations)


@pytest.mark.parametrize("text,expected", [
    # a ranking verb with a first place after it states a win
    ("واحتلت شركة النخبة للاتصالات المركز الأول في قائمة أفضل الشركات الناشئة لعام 2019.",
     ("شركة النخبة للاتصالات", "أفضل الشركات الناشئة", 2019)),
    ("وحلت مدينة مسقط في المركز الأول كأفضل مدينة عربية للعيش لعام 2021.",
     ("مسقط", "أفضل مدينة عربية للعيش", 2021)),
    ("وجاء مطار الواحة الدولي كأفضل مطار إقليمي لعام 2018.",
     ("مطار الواحة الدولي", "أفضل مطار إقليمي", 2018)),
])
def test_first_place_is_a_win(rules_only: Pipeline, text: str, expected: tuple) -> None:
    ex = rules_only.extract(text)
    assert records(rules_only, text) == [expected]
    assert ex.awards[0].source.startswith("relation.rank_verb")


@pytest.mark.parametrize("text,rank_triggers", [
    ("وجاء مطار الواحة الدولي في بيان صدر أمس ليعلن افتتاح صالة جديدة.", 0),  # جاء: came
    ("واحتلت القوات المدينة في العام الماضي.", 0),  # احتل: occupied
    ("وجاء الفريق، بعد مباراة صعبة، في المركز الأول.", 0),  # the first place is in another clause
    ("وجاء الفريق في المركز الأول.", 1),
])
def test_ranking_verb_needs_a_first_place(rules_only: Pipeline, text: str, rank_triggers: int) -> None:
    from awardie.document import Document

    doc = Document(text)
    found = [t for s in doc.sentences for t in rules_only.records._triggers(doc, s) if t.rule == "relation.rank_verb"]
    assert len(found) == rank_triggers
    if not rank_triggers:
        assert rules_only.extract(text).awards == ()


def test_first_place_in_a_category(rules_only: Pipeline) -> None:
    # في فئة right after the rank is the won category, not a setting (حقق 8 أهداف في البطولة)
    text = "وحقق طراز الصقر المركز الأول في فئة السيارات العائلية في دراسة الجودة لعام 2017."
    (rec,) = rules_only.extract(text).awards
    assert (rec.award, rec.year) == ("فئة السيارات العائلية", 2017)
    assert "المركز" not in rec.winner


def test_edition_year_in_the_lead_dates_the_wins(rules_only: Pipeline) -> None:
    text = ("أعلنت اللجنة نتائج النسخة الثالثة من التصويت على جوائز السياحة المحلية لعام 2016. "
            "وفازت شركة الريم للسفر بجائزة أفضل وكالة سفر. "
            "وفاز فندق النخيل بجائزة أفضل فندق.")
    assert {(a.winner, a.year) for a in rules_only.extract(text).awards} == {
        ("شركة الريم للسفر", 2016), ("فندق النخيل", 2016)}


def test_a_place_after_a_preposition_is_not_the_winner(rules_only: Pipeline) -> None:
    text = "وأقيم الحفل في القاهرة، بعد أن نال جائزة الإبداع الروائي عام 2015."
    assert all(a.winner != "القاهرة" for a in rules_only.extract(text).awards)


def test_name_does_not_run_into_the_accolade(rules_only: Pipeline) -> None:
    text = "وحل فندق الواحة الذهبية أفضل فندق بيئي لعام 2014."
    names = [e.text for e in rules_only.extract(text).entities if e.type == "ORGANISATION"]
    assert names and all("أفضل" not in n for n in names)


def test_confer_verb_with_object_pronoun_names_the_winner_before_it(rules_only: Pipeline) -> None:
    # بمنحه: "by granting him"; what follows the award (بدرجة فارس) is its grade, not a winner
    text = "وتوج الكاتب خالد نور بمنحه وسام الآداب بدرجة فارس."
    (rec,) = rules_only.extract(text).awards
    assert (rec.winner, rec.award) == ("خالد نور", "وسام الآداب")
    assert "relation.confer_pronoun" in rec.source


def test_award_inside_an_appositive_relative_clause_is_not_won(rules_only: Pipeline) -> None:
    text = "وحصل هداف النادي سالم نور، الذي سجل 30 هدفا في الدوري المحلي ودوري أبطال آسيا، على جائزة الهداف."
    assert [(a.winner, a.award) for a in rules_only.extract(text).awards] == [("سالم نور", "جائزة الهداف")]


def test_list_after_a_colon_with_descriptions(rules_only: Pipeline) -> None:
    # each item runs to the next ، or ؛ and may describe its winner after the name
    text = ("فاز بالجائزة سابقا: شركة الأمل للتقنية لعملها في تعليم البرمجة، جامعة الساحل، تقديرا لجهودها؛ "
            "ومؤسسة الرواد الخيرية.")
    text = "أعلنت الهيئة جائزة الابتكار الزراعي. " + text
    assert winners(rules_only, text) == [
        "شركة الأمل للتقنية", "جامعة الساحل", "مؤسسة الرواد الخيرية"]


def test_list_of_honourees_of_the_award_named_before(rules_only: Pipeline) -> None:
    text = ("أقيم حفل جوائز الإبداع العربي السنوية لعام 2016 في بيروت. ومن المكرمين الفنان سامر نور عن نشاطه، "
            "والممثل فادي حداد والممثلة ريما خوري، عن أدوارهما في مسلسل «الطريق»، "
            "والكاتبة منى سعيد عن مسلسل «الوعد» بطولة سمير فارس.")
    recs = rules_only.extract(text).awards
    assert [(a.winner, a.award, a.year) for a in recs] == [
        (name, "جوائز الإبداع العربي", 2016) for name in ("سامر نور", "فادي حداد", "ريما خوري", "منى سعيد")]
    assert all("relation.honouree_list" in a.source for a in recs)


def test_starring_is_not_a_championship(rules_only: Pipeline) -> None:
    ex = rules_only.extract("وعرض مسلسل «الوعد» بطولة سمير فارس. وفاز المنتخب الوطني ببطولة آسيا للناشئين.")
    assert [e.text for e in ex.entities if e.type == "AWARD"] == ["بطولة آسيا للناشئين"]


def test_event_date_earlier_in_the_sentence_gives_the_year(rules_only: Pipeline) -> None:
    text = ("وشارك الطلاب في الأولمبياد الدولي للفيزياء الذي أقيم خلال الفترة من 3 إلى 10 يوليو 2016م، "
            "حيث حصلت الطالبة سارة خالد على جائزة التميز العلمي.")
    assert [(a.winner, a.year) for a in rules_only.extract(text).awards] == [("سارة خالد", 2016)]


def test_a_year_in_a_clause_with_its_own_win_is_not_shared(rules_only: Pipeline) -> None:
    text = "وفازت شركة الأمل بجائزة الجودة عام 2010، وحصلت شركة النور على جائزة الابتكار الصناعي."
    years = {a.award: a.year for a in rules_only.extract(text).awards}
    assert years == {"جائزة الجودة": 2010, "جائزة الابتكار الصناعي": None}


def test_names_coordinated_after_a_preposition_are_not_the_subject(rules_only: Pipeline) -> None:
    text = "وتفوق اللاعب سامي نور على اللاعب خالد سعيد والمهاجم فادي حداد وفاز بجائزة أفضل لاعب."
    ex = rules_only.extract(text)
    assert {"خالد سعيد", "فادي حداد"} <= {e.text for e in ex.entities if e.type == "PERSON"}
    assert [a.winner for a in ex.awards] == ["سامي نور"]


def test_passive_confer_past_an_aside_to_a_dative_title(rules_only: Pipeline) -> None:
    text = ("ومنحت جائزة الزمالة الفخرية للأكاديمية، وهي جائزة فخرية تقدم كل عام تكريما لمسيرة طويلة، "
            "للمخرج الشهير سامي نور.")
    assert records(rules_only, text) == [("سامي نور", "جائزة الزمالة الفخرية للأكاديمية", None)]


def test_award_compared_in_an_aside_is_not_won(rules_only: Pipeline) -> None:
    # وهي ثاني أرفع جوائز الحفل بعد X: the second award is a comparison, not a win
    text = "كما فاز المخرج الأمريكي، سامي نور، بالجائزة الكبرى وهي ثاني أرفع جوائز الحفل بعد الجائزة الذهبية عن فيلمه."
    assert records(rules_only, text) == [("سامي نور", "الجائزة الكبرى", None)]


def test_gapped_verb_gives_each_subject_its_award(rules_only: Pipeline) -> None:
    text = "حصلت اللاعبة مانا سعيد على جائزة أفضل لاعبة، واللاعبة سارة خالد على جائزة هدافة البطولة."
    assert records(rules_only, text) == [("مانا سعيد", "جائزة أفضل لاعبة", None),
                                         ("سارة خالد", "جائزة هدافة البطولة", None)]


def test_a_ministers_title_names_the_ministry(rules_only: Pipeline) -> None:
    (person,) = rules_only.extract("وشكر الطلاب الدكتور عزام الدخيل وزير التعليم على دعمه.").people
    assert (person.name, person.role, person.organisation) == ("عزام الدخيل", "وزير التعليم", "وزارة التعليم")


def test_a_list_of_honourees_runs_on_into_the_next_sentence(rules_only: Pipeline) -> None:
    text = ("أقيم حفل جوائز الإبداع العربي السنوية لعام 2016 في بيروت. ومن المكرمين الفنان سامر نور عن نشاطه، "
            "والممثلة ريما خوري عن دورها. والمخرج فادي حداد عن فيلمه «الطريق». وقال المنظمون إن الحفل ناجح.")
    assert winners(rules_only, text) == ["سامر نور", "ريما خوري", "فادي حداد"]


def test_bare_award_before_went_to_refers_back(rules_only: Pipeline) -> None:
    text = ("أعلن النادي الأدبي جائزة التميز النسائي. "
            "والجائزة التي ذهبت مراتبها الأولى إلى كل من د. غادة نور، ود. سلمى سعيد.")
    assert records(rules_only, text) == [("غادة نور", "جائزة التميز النسائي", None),
                                         ("سلمى سعيد", "جائزة التميز النسائي", None)]


def test_confer_object_is_the_person_after_their_titles(rules_only: Pipeline) -> None:
    text = ("منحت رابطة الجامعات العربية، نائب رئيس دولة الكويت، الشيخ سالم بن راشد، "
            'جائزة "درع العمل التنموي".')
    (rec,) = rules_only.extract(text).awards
    assert (rec.winner, rec.conferred_by) == ("سالم بن راشد", "رابطة الجامعات العربية")


@pytest.mark.parametrize("text,winner", [
    ("وقال الفائز بجائزة الخبز الذهبي العام الماضي، الدكتور سامي نور، إن المنافسة صعبة.", "سامي نور"),
    ("وقال اللاعب سامي نور، الفائز بجائزة الخبز الذهبي، إن اللاعب خالد سعيد صديقه.", "سامي نور"),
])
def test_participle_with_the_winner_in_apposition(rules_only: Pipeline, text: str, winner: str) -> None:
    assert winners(rules_only, text) == [winner]


def test_a_win_with_no_subject_goes_to_the_storys_person(rules_only: Pipeline) -> None:
    text = ("وقال اللاعب سامي نور إن الموسم كان صعبا. وأضاف اللاعب سامي نور أنه سعيد بالنتائج. "
            "ثم توج مؤخرا بجائزة أحسن هداف في البطولة.")
    (rec,) = rules_only.extract(text).awards
    assert rec.winner == "سامي نور" and rec.award.startswith("جائزة أحسن هداف")
    assert "relation.story_person" in rec.source
    # a person named once is not "the story's person"
    assert rules_only.extract("وأقيم الحفل بحضور الوزير خالد سعيد. وحصل على جائزة الإبداع.").awards == ()


def test_category_after_lifah_is_the_award_won_and_the_prize_its_container(rules_only: Pipeline) -> None:
    (rec,) = rules_only.extract("وفاز الروائي سامي نور بجائزة الأطلس الأدبية لفئة أفضل رواية أولى عام 2019.").awards
    assert (rec.winner, rec.award, rec.category_of, rec.year) == (
        "سامي نور", "أفضل رواية أولى", "جائزة الأطلس الأدبية", 2019)


def test_participle_next_to_its_award_governs_it(rules_only: Pipeline) -> None:
    # تكريم earlier in the clause does not take over the award that الحائز governs
    text = "وجاء تكريم الكاتب سامي نور عن روايته، وهو الحائز أيضا على جائزة الأطلس الأدبية عام 2015."
    assert [(a.winner, a.award, a.year) for a in rules_only.extract(text).awards] == [
        ("سامي نور", "جائزة الأطلس الأدبية", 2015)]


def test_a_name_completing_a_noun_after_a_preposition_is_not_the_subject(rules_only: Pipeline) -> None:
    text = ("نجح الطالب محمد سالم والطالب خالد سعيد من طلاب جامعة النهضة في اجتياز اختبارات "
            "الحصول على جائزة الصداقة الكشفية.")
    assert sorted(a.winner for a in rules_only.extract(text).awards) == ["خالد سعيد", "محمد سالم"]


def test_a_run_on_list_item_with_its_own_accolade(rules_only: Pipeline) -> None:
    text = ("أقيم حفل جوائز الإبداع العربي السنوية لعام 2016 في بيروت. ومن المكرمين الفنان سامر نور عن نشاطه. "
            "والمخرج فادي حداد عن فيلمه، والإعلامية هلا سعيد والإعلامية منى خليل كأفضل إعلاميتين.")
    assert [(a.winner, a.award) for a in rules_only.extract(text).awards] == [
        ("سامر نور", "جوائز الإبداع العربي"), ("فادي حداد", "جوائز الإبداع العربي"),
        ("هلا سعيد", "أفضل إعلاميتين"), ("منى خليل", "أفضل إعلاميتين")]


def test_a_name_inside_a_relative_aside_is_not_the_subject(rules_only: Pipeline) -> None:
    text = ("وافتتح مطار النخيل الدولي العام الماضي. "
            "وحاز المطار -الذي تديره شركة الأمل للخدمات- على المرتبة الأولى ضمن فئة المطارات الصغيرة.")
    assert records(rules_only, text) == [("مطار النخيل الدولي", "فئة المطارات الصغيرة", None)]


@pytest.mark.parametrize("text", [
    "ولن تسلم جائزة الإبداع الأدبي هذا العام بسبب الظروف.",  # a particle right before the trigger
    "ولا يحصل الفائز بالمركز الثاني على جائزة الجودة الشاملة.",
])
def test_negation_particle_before_the_trigger(rules_only: Pipeline, text: str) -> None:
    assert rules_only.extract(text).awards == ()


def test_only_after_a_negated_trigger_is_a_win(rules_only: Pipeline) -> None:
    text = "ولم تحصد شركة الأمل للتقنية سوى جائزة الجودة الشاملة."
    assert records(rules_only, text) == [("شركة الأمل للتقنية", "جائزة الجودة الشاملة", None)]


def test_a_launch_year_does_not_date_the_wins(rules_only: Pipeline) -> None:
    text = ("يرعى البنك الوطني جائزة الإبداع الأدبي منذ إطلاقها في عام 2008. "
            "وكانت الجائزة قد ذهبت في دورتها الماضية إلى جامعة الملك سعود.")
    assert [y for _, _, y in records(rules_only, text)] == [None]


def test_background_win_does_not_take_the_event_year(rules_only: Pipeline) -> None:
    text = ("انطلقت فعاليات مهرجان الربيع لعام 2015 في المدينة. "
            "يذكر أن شركة الأمل للتقنية حازت على جائزة أفضل جناح في المهرجان 3 مرات.")
    assert records(rules_only, text) == [("شركة الأمل للتقنية", "جائزة أفضل جناح", None)]


@pytest.mark.parametrize("text,award", [
    ("وآلت جائزة أقل من 3 ملايين زائر إلى مطار الأمل الدولي.", "جائزة أقل من 3 ملايين زائر"),
    ("وفاز مطار الأمل الدولي بجائزة فئة أكثر من 15 مليون زائر.", "جائزة فئة أكثر من 15 مليون زائر"),
])
def test_a_size_class_is_part_of_the_award_name(rules_only: Pipeline, text: str, award: str) -> None:
    ex = rules_only.extract(text)
    assert [(a.winner, a.award) for a in ex.awards] == [("مطار الأمل الدولي", award)]
    assert not [e for e in ex.entities if e.type == "METRIC"]  # the number is the award's, not a metric


def test_winner_participle_with_fi_before_a_category(rules_only: Pipeline) -> None:
    text = "وأصبح مطار الأمل الدولي الفائز في فئة أقل من 5 ملايين زائر."
    assert winners(rules_only, text) == ["مطار الأمل الدولي"]


def test_a_first_name_that_is_a_word_after_a_nationality_noun(rules_only: Pipeline) -> None:
    text = "وحصد المصري أمير سليمان جائزة أفضل سيناريو."
    assert records(rules_only, text) == [("أمير سليمان", "جائزة أفضل سيناريو", None)]


@pytest.mark.parametrize("text,name", [
    ("ونال الممثل جون ماركوسعلى جائزة أفضل أداء.", "جون ماركوس"),
    ("ومن المكرمين الفنانة ريم رامزعن دورها في مسلسل جديد.", "ريم رامز"),
])
def test_a_preposition_written_onto_a_name_is_not_part_of_it(rules_only: Pipeline, text: str, name: str) -> None:
    ex = rules_only.extract(text)
    people = [e for e in ex.entities if e.type == "PERSON"]
    assert [e.text for e in people] == [name]
    assert all(text[e.start:e.end] == e.text for e in people)


def test_went_to_a_list_of_titled_names(rules_only: Pipeline) -> None:
    # أمينة is a role word too (a treasurer); after د. it is a first name
    text = "وذهبت جائزة التميز العلمي إلى كل من د. سلمى الحربي، ود. أمينة الشهري، ود. نورة القحطاني."
    assert winners(rules_only, text) == ["سلمى الحربي", "أمينة الشهري", "نورة القحطاني"]


@pytest.mark.parametrize("text,winners", [
    ("حاز باحثان على جائزة الابتكار الطبي لهذا العام. وطور كل من الدكتور سامر خليل من لبنان "
     "والدكتورة هالة منصور من مصر علاجا جديدا.", ["سامر خليل", "هالة منصور"]),
    ("فازت فتاة كندية بالجائزة الكبرى في سحب اليانصيب. وقالت الشابة شارلوت لاغارد إنها لم تصدق الخبر.",
     ["شارلوت لاغارد"]),
])
def test_indefinite_subject_named_in_the_next_sentences(rules_only: Pipeline, text: str, winners: list) -> None:
    ex = rules_only.extract(text)
    assert [a.winner for a in ex.awards] == winners
    assert all("relation.subject_named_later" in a.source for a in ex.awards)


def test_an_award_where_the_first_was_won_is_not_a_second_win(rules_only: Pipeline) -> None:
    text = ("نال الحارس الأردني سامر خليل جائزة رجل مباراة الأردن وتونس خلال أولى مباريات الفريقين "
            "في المجموعة الأولى ببطولة كأس العرب.")
    assert winners(rules_only, text) == ["سامر خليل"]


def test_a_year_in_a_relative_clause_about_a_later_noun_does_not_date_the_win(rules_only: Pipeline) -> None:
    text = ("حصلت شركة الأمل للاستثمار على ثلاث جوائز، من ضمنها جائزة أفضل صفقة تقديرا لدورها في "
            "عملية الاكتتاب للبنك الوطني الذي طرح خلال عام 2014 أسهمه. ونالت الشركة أيضا جائزة أفضل صكوك.")
    assert [y for _, _, y in records(rules_only, text)] == [None, None]


def test_a_year_in_a_relative_clause_about_the_award_dates_it(rules_only: Pipeline) -> None:
    text = "فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي التي أقيمت عام 2014 في الرياض."
    assert [y for _, _, y in records(rules_only, text)] == [2014]


def test_an_orchestra_with_a_quoted_name_is_an_organisation(rules_only: Pipeline) -> None:
    text = 'نالت #اوركسترا "النور" المؤلفة من النساء جائزة "السلام والحرية".'
    assert winners(rules_only, text) == ['اوركسترا "النور"']


def test_an_undated_retelling_of_a_dated_win_is_one_record(rules_only: Pipeline) -> None:
    text = ("فاز المصور سامر خليل بالجائزة الكبرى للتصوير الصحفي عن أفضل صور خلال عام 2015. "
            "وكان خليل (21 عاما) قد فاز بالجائزة الكبرى للتصوير الصحفي بعد منافسة طويلة.")
    assert records(rules_only, text) == [("سامر خليل", "الجائزة الكبرى للتصوير الصحفي", 2015)]


def test_a_role_apposition_in_a_list_is_not_an_item(rules_only: Pipeline) -> None:
    text = ("ومن بين المؤسسات التي حازت على جائزة التنمية سابقا: جامعة النور في غانا، "
            "والدكتور سامر خليل، مؤسس بنك الأمل في لبنان؛ ومركز الرواد للتميز.")
    got = winners(rules_only, text)
    assert "بنك الأمل" not in got
    assert {"جامعة النور", "سامر خليل", "مركز الرواد للتميز"} <= set(got)


def test_went_to_followed_by_its_own_award_does_not_govern_the_one_before(rules_only: Pipeline) -> None:
    text = ("نالت شركة الأمل للتقنية جائزة الابتكار الصناعي فيما ذهبت الجائزة الكبرى للمهندس الإيطالي "
            "ماركو بيانكي.")
    got = [(a.winner, a.award) for a in rules_only.extract(text).awards]
    assert got == [("شركة الأمل للتقنية", "جائزة الابتكار الصناعي"), ("ماركو بيانكي", "الجائزة الكبرى")]


def test_a_bare_award_in_a_later_sentence_is_the_storys_prize(rules_only: Pipeline) -> None:
    text = ("أعلنت الهيئة الفائزين بجائزة الإبداع الأدبي لهذا العام في الرياض. "
            "وحضر الحفل الروائي سامي نور، الفائز بجائزة القلم الذهبي ثلاث مرات. "
            "وكان الكاتب خالد منصور، الفائز بالجائزة عامي 2016 و2017، ضيف الحفل.")
    got = [(a.winner, a.award, a.year) for a in rules_only.extract(text).awards if a.winner == "خالد منصور"]
    assert got == [("خالد منصور", "جائزة الإبداع الأدبي", 2016), ("خالد منصور", "جائزة الإبداع الأدبي", 2017)]


def test_a_demonstrative_points_at_the_last_award_named(rules_only: Pipeline) -> None:
    text = ("أعلنت الهيئة الفائزين بجائزة الإبداع الأدبي لهذا العام. وحصل الكاتب سامي نور على جائزة أفضل قصة. "
            "ويعتبر الكاتب خالد منصور أول كاتب شاب فاز بهذه الجائزة.")
    got = [a.award for a in rules_only.extract(text).awards if a.winner == "خالد منصور"]
    assert got == ["جائزة أفضل قصة"]


def test_a_bare_noun_refers_to_an_award_with_the_same_head(rules_only: Pipeline) -> None:
    text = ("فاز نادي الأمل بكأس الاتحاد المحلي. وحصل اللاعب سامي نور على جائزة أفضل لاعب في البطولة. "
            "وكان النادي قد فاز بالكأس عام 2015.")
    got = [(a.award, a.year) for a in rules_only.extract(text).awards if a.year == 2015]
    assert got == [("كأس الاتحاد المحلي", 2015)]


def test_a_coordinated_subjectless_verb_takes_the_subject_of_the_verb_before_it(rules_only: Pipeline) -> None:
    text = ("وحصل العداء سامي نور على جائزة المركز الأول في سباق المحترفين كما فاز المتسابق خالد منصور "
            "بالمركز الأول في سباق الهواة، وحصل على جائزة الفئة الثانية.")
    got = {(a.winner, a.award) for a in rules_only.extract(text).awards}
    assert ("خالد منصور", "جائزة الفئة الثانية") in got
    assert ("سامي نور", "جائزة الفئة الثانية") not in got


def test_the_kingdom_refers_back_to_the_named_state(rules_only: Pipeline) -> None:
    text = ("وتعد المملكة العربية السعودية من أكثر الدول مشاركة في الأولمبياد. "
            "وفي دورة 2014 نالت المملكة ثلاث ميداليات برونزية.")
    assert records(rules_only, text) == [("المملكة العربية السعودية", "ميداليات برونزية", 2014)]


@pytest.mark.parametrize("text,winner", [
    ("وفي عام 2009 نال عمر الحسن بجائزة الشيخ زايد.", "عمر الحسن"),
    ("ونالت ماريا كوستا على جائزة السباق الأول.", "ماريا كوستا"),
])
def test_a_name_between_a_win_verb_and_its_award(rules_only: Pipeline, text: str, winner: str) -> None:
    ex = rules_only.extract(text)
    assert [a.winner for a in ex.awards] == [winner]
    assert [e.source for e in ex.entities if e.type == "PERSON"] == ["person.win_subject"]


@pytest.mark.parametrize("text", [
    "فاز فريقه بكأس العالم.",  # a noun with a pronoun
    "فازت فتاة كندية بالجائزة الكبرى.",  # a person noun and a nationality
    "فاز أيضا بجائزة أفضل لاعب.",  # an adverb
    "نال باحثان على جائزة التميز العلمي.",  # one unknown word
])
def test_no_name_between_a_win_verb_and_its_award(rules_only: Pipeline, text: str) -> None:
    assert not [e for e in rules_only.extract(text).entities if e.source == "person.win_subject"]


def test_a_gapped_subject_after_a_work_wins_the_second_award(rules_only: Pipeline) -> None:
    text = "فاز الفيلم المغربي “الطريق” بجائزة أفضل فيلم، والممثل المصري سامي نور بجائزة أفضل ممثل."
    got = {(a.winner, a.award) for a in rules_only.extract(text).awards}
    assert got == {("الطريق", "جائزة أفضل فيلم"), ("سامي نور", "جائزة أفضل ممثل")}


def test_a_verb_of_purpose_is_not_a_win(rules_only: Pipeline) -> None:
    text = "وحضر الممثل سامي نور إلى الرياض لتسلم جائزة الإبداع الفني."
    assert rules_only.extract(text).awards == ()


def test_a_team_and_its_nisba_are_one_winner(rules_only: Pipeline) -> None:
    text = ("وتحدث لاعبو منتخب إيطاليا الفائز ببطولة أوروبا 2021 للصحفيين. "
            "وأشاد رئيس الاتحاد بالمنتخب الإيطالي الفائز ببطولة أوروبا 2021 أمس.")
    assert len(rules_only.extract(text).awards) == 1


def test_went_to_of_several_words(rules_only: Pipeline) -> None:
    text = "وحصد الفيلم جائزة أفضل موسيقى التي كانت من نصيب المؤلف سامي نور."
    assert winners(rules_only, text) == ["سامي نور"]


def test_a_dative_recipient_after_the_award_wins_it(rules_only: Pipeline) -> None:
    text = 'كما نال فيلم "الطريق" جائزة أفضل تصوير للمصور سامي نور.'
    assert records(rules_only, text) == [("سامي نور", "جائزة أفضل تصوير", None)]


@pytest.mark.parametrize("text,winner,work", [
    ('فازت رواية "الطريق" للكاتب سامي نور بجائزة البوكر العربية.', "سامي نور", 'رواية "الطريق"'),
    ('نال فيلم «الميناء» للمخرج خالد منصور جائزة النقاد.', "خالد منصور", "فيلم «الميناء»"),
])
def test_the_author_of_a_winning_work_is_the_winner(rules_only: Pipeline, text: str, winner: str, work: str) -> None:
    # ANNOTATION.md: for literary and artistic prizes the author or artist wins; the work is for_work
    (rec,) = rules_only.extract(text).awards
    assert (rec.winner, rec.for_work) == (winner, work)
    assert "relation.work_author" in rec.source


@pytest.mark.parametrize("text,name", [
    ("تفوق السعودي مساعد الراشد على أكثر من ألف متنافس.", "مساعد الراشد"),  # the lead's verb, a nisba, a name
    ("إلا أن المخرج المغربي سامي نور نجح في حصد الجائزة.", "سامي نور"),  # a verb after a fronted subject
])
def test_person_name_boundaries(rules_only: Pipeline, text: str, name: str) -> None:
    assert [e.text for e in rules_only.extract(text).entities if e.type == "PERSON"] == [name]


def test_items_of_a_kull_min_list_may_carry_a_description(rules_only: Pipeline) -> None:
    text = ("نال الفريق ثلاث ميداليات ذهبية، حصدها كل من الطالب عمر سالم, والطالب سعد خليل "
            "من مدارس محافظة جدة، والطالبة فاطمة منصور من مدارس مدينة أبها.")
    assert winners(rules_only, text) == ["عمر سالم", "سعد خليل", "فاطمة منصور"]


def test_a_dative_with_a_pronoun_before_the_title_names_the_recipient(rules_only: Pipeline) -> None:
    text = "وحصد الفيلم جائزة أفضل ممثلة لبطلته الممثلة هالة منصور."
    assert winners(rules_only, text) == ["هالة منصور"]


def test_a_nomination_in_a_relative_clause_does_not_negate_the_win(rules_only: Pipeline) -> None:
    text = 'ولم يحصد فيلم "الطريق" الذي كان مرشحا لعشر جوائز سوى جائزة أفضل تصوير.'
    assert [a.award for a in rules_only.extract(text).awards] == ["جائزة أفضل تصوير"]


def test_counted_medals_won_by_a_kull_min_list(rules_only: Pipeline) -> None:
    text = ("ونال المنتخب ثلاث ميداليات ذهبية بتحقيق كل من: اللاعب سامي نور (إعاقة حركية) المركز الأول "
            "في رمي القرص، واللاعب خالد منصور (إعاقة بصرية) المركز الأول في الوثب الطويل.")
    got = [(a.winner, a.award) for a in rules_only.extract(text).awards]
    assert got == [("سامي نور", "ميداليات ذهبية"), ("خالد منصور", "ميداليات ذهبية")]


def test_a_win_retold_without_the_head_noun_is_one_record(rules_only: Pipeline) -> None:
    text = ('فاز الكاتب سامي نور بجائزة "درع العمل الثقافي". '
            'ويأتي فوز الكاتب سامي نور بدرع العمل الثقافي تقديرا لجهوده.')
    assert len(rules_only.extract(text).awards) == 1


def test_a_bare_award_between_an_award_and_went_to_takes_the_verb(rules_only: Pipeline) -> None:
    text = ("وتعد جائزة الإبداع من أبرز الجوائز الأدبية في البلاد، وكانت الجائزة قد ذهبت في دورتها الماضية "
            "إلى جامعة النور.")
    assert [(a.winner, a.award) for a in rules_only.extract(text).awards] == [("جامعة النور", "جائزة الإبداع")]


def test_an_award_and_its_described_form_are_one_win(rules_only: Pipeline) -> None:
    text = ("فاز المهاجم سامي نور أمس بجائزة مارك يوسف لأفضل لاعب عربي في الدوري. "
            "وكان المهاجم سامي نور قد فاز بجائزة مارك يوسف بعد تصويت الجمهور.")
    assert [a.award for a in rules_only.extract(text).awards] == ["جائزة مارك يوسف"]


def test_an_untitled_work_takes_the_title_the_next_sentence_gives(rules_only: Pipeline) -> None:
    text = ('فاز فيلم تونسي قصير، يروي حكاية صياد عجوز، بسلسلة من جوائز (النخلة) مساء الجمعة. '
            'وحصل فيلم "البحر" أيضا على تنويه خاص من لجنة التحكيم.')
    assert [(a.winner, a.award) for a in rules_only.extract(text).awards] == [('فيلم "البحر"', "جوائز (النخلة)")]


def test_last_years_prize_is_the_storys_prize(rules_only: Pipeline) -> None:
    text = ("أعلنت البلدية أمس نتائج مسابقة أحسن حلوى تقليدية. وكان من بين الحكام الفائز بجائزة "
            "العام الماضي، الشيف خالد منصور، الذي تذوق عشرات الأطباق.")
    assert [(a.winner, a.award) for a in rules_only.extract(text).awards] == [("خالد منصور", "مسابقة أحسن حلوى تقليدية")]


def test_the_topic_of_amma_takes_an_award_whose_verb_is_left_out(rules_only: Pipeline) -> None:
    text = ("وحصل الحارس سامي نور على جائزة أفضل حارس أما المدرب خالد منصور مدرب المنتخب الذي فاز فريقه "
            "بكأس القارات متغلبا على منافسه بجائزة أفضل مدرب.")
    got = {(a.winner, a.award) for a in rules_only.extract(text).awards}
    assert ("خالد منصور", "جائزة أفضل مدرب") in got
    assert ("سامي نور", "جائزة أفضل مدرب") not in got


def test_amma_does_not_take_an_award_its_own_verb_governs(rules_only: Pipeline) -> None:
    text = "أما المدرب خالد منصور فقد قال إن المنتخب فاز بكأس القارات."
    assert all(a.winner != "خالد منصور" for a in rules_only.extract(text).awards)
