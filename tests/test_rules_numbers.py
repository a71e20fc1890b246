"""Tests of awardie/rules/numbers.py and numbers.yaml: years, ordinals, consecutive, metrics, dates.

All sentences are made up for these tests.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awardie.rules import load_rules
from awardie.rules.numbers import (
    DateMatch,
    MetricMatch,
    find_consecutive,
    find_dates,
    find_metrics,
    find_years,
    parse_ordinal,
    year_value,
)
from awardie.schema import Entity
from awardie.text import normalise

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def years(text: str) -> list[str]:
    return [e.text for e in find_years(text)]


def metrics(text: str) -> list[tuple[str, float, str]]:
    return [(m.text, m.value, m.unit) for m in find_metrics(text)]


def check_spans(text: str) -> None:
    for e in find_years(text):
        assert text[e.start:e.end] == e.text and e.type == "YEAR"
    for m in find_metrics(text):
        assert text[m.entity.start:m.entity.end] == m.entity.text and m.entity.type == "METRIC"
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text
    c = find_consecutive(text)
    if c is not None:
        assert 0 <= c[1] < c[2] <= len(text)


# ------------------------------------------------------------------ rules file


def test_rule_ids_are_prefixed_and_load():
    rs = load_rules()
    ids = [r.id for r in rs.regexes("")] + [lx.id for lx in rs.lexicons("")]
    mine = [i for i in ids if i.split(".")[0] in {"year", "metric", "ordinal", "consecutive", "number", "date"}]
    assert {"year.digits", "year.hijri", "metric.percent", "metric.count_words", "ordinal.unit.ninth",
            "consecutive.for_nth_time"} <= set(mine)


# ------------------------------------------------------------------ years


@pytest.mark.parametrize(
    "text, expected",
    [
        ("فاز الفريق بالكأس عام 2015 بعد موسم صعب", ["2015"]),
        ("وللعام 2015 حصدت المدرسة الجائزة", ["2015"]),
        ("تأسست الجمعية في 2014م في الرياض", ["2014"]),
        ("كرمت الجامعة طلابها لعام ١٤٣٦هـ", ["١٤٣٦"]),
        ("أقيم الحفل في 3 رجب 1440 هـ", ["1440"]),
        ("صدر الكتاب عام ۱۳۹۸ بعد انتظار", ["۱۳۹۸"]),
        ("تويج النادي بلقب الموسم 2017/2018 وبطولة 1997 - 1998", ["2017", "2018", "1997", "1998"]),
        ("حصل عليها عامي 2016 و2017 تواليا", ["2016", "2017"]),
        ("أعلنت النتائج في 12 مارس 2019 بحضور الوزير", ["2019"]),
        ("تأتي المبادرة ضمن رؤية البحرين الاقتصادية 2030 الطموحة", []),
        ("ارتفعت نسبة المشاركة إلى 2015% هذا العام", []),
        ("وزعت الجمعية 1500 دولار على كل فائز", []),
        ("استقبل المعرض نحو 2014 زائرا في يومه الأول", []),
        ("شارك في المسابقة 2000 طالب من المدارس", []),
        ("وشارك 1263 متسابقا في التصفيات", []),
        ("بلغ طوله 1950 مترا فوق سطح البحر", []),
        ("حصلت على الرقم 57357 في القائمة", []),
    ],
)
def test_find_years(text, expected):
    assert years(text) == expected
    check_spans(text)


def test_year_entity_fields():
    text = "كرمت الهيئة الفائزين بجائزة التميز لعام 2013م في حفل كبير"
    [e] = find_years(text)
    assert (e.text, e.type, e.value, e.source) == ("2013", "YEAR", 2013.0, "year.digits")
    assert text[e.start:e.end] == "2013" and 0 < e.score <= 1


def test_year_value_hijri_and_seasons():
    t = "احتفلت الجامعة بتخريج الدفعة في عام 1436هـ"
    [e] = find_years(t)
    assert e.value == 1436 and e.source == "year.hijri"
    assert year_value(e, t) == 2015  # 1 Rajab 1436 = 20 April 2015
    t2 = "توج بلقب الدوري في الموسم 2017/2018"
    y1, y2 = find_years(t2)
    assert year_value(y1, t2) == 2018 and year_value(y2, t2) == 2018
    t3 = "بطل موسم 2016-17 المحلي"
    [y] = find_years(t3)
    assert year_value(y, t3) == 2017
    t4 = "فاز بها عام ٢٠٠٩ ثم عام 2011"
    assert [year_value(e, t4) for e in find_years(t4)] == [2009, 2011]
    bogus = Entity(start=0, end=3, text="abc", type="YEAR", source="x", score=0.5)
    assert year_value(bogus, "abc") is None


def test_years_with_precomputed_normalisation():
    t = "حقق المنتخب الذهبية عام 2012 وعام 2016"
    assert [e.text for e in find_years(t, norm=normalise(t))] == ["2012", "2016"]


DIGITS = st.sampled_from([None, ARABIC_INDIC, PERSIAN])
CUES = st.sampled_from(["عام ", "العام ", "لعام ", "وللعام ", "نسخة ", "في ", "بطولة عام ", "نسخة العام "])
PREFIXES = st.sampled_from(["", "فازت المدرسة بالجائزة ", "وأعلنت اللجنة النتائج، ", "كما حصل النادي على اللقب "])
SUFFIXES = st.sampled_from(["", ".", "، ", "م", " م", " وسط حضور كبير", " بحضور الوزير"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.integers(1900, 2100), digits=DIGITS, cue=CUES, prefix=PREFIXES, suffix=SUFFIXES)
def test_any_year_with_a_cue_is_found(year, digits, cue, prefix, suffix):
    written = str(year).translate(digits) if digits else str(year)
    text = prefix + cue + written + suffix
    found = find_years(text)
    assert len(found) == 1, (text, found)
    e = found[0]
    start = len(prefix) + len(cue)
    assert (e.start, e.end, e.text) == (start, start + 4, written)
    assert e.value == year
    assert year_value(e, text) == year


# ------------------------------------------------------------------ ordinals


@pytest.mark.parametrize(
    "word, n",
    [
        ("الأولى", 1), ("الأول", 1), ("أول", 1), ("الثانية", 2), ("الثاني", 2), ("الثالثة", 3),
        ("الرابع", 4), ("الخامسة", 5), ("السادس", 6), ("السابعة", 7), ("الثامن", 8),
        ("التاسعة", 9), ("العاشرة", 10), ("الحادية عشرة", 11), ("الحادي عشر", 11),
        ("الثاني عشر", 12), ("الثالثة عشرة", 13), ("التاسع عشر", 19), ("العشرين", 20),
        ("الخامس والعشرين", 25), ("الحادي والثلاثين", 31), ("الـ19", 19), ("ال19", 19), ("19", 19),
        ("والتاسعة", 9), ("بالثالثة", 3), ("للمرة", None), ("عشرة", None), ("الحادية", None),
        ("الأول عشر", None), ("جائزة", None), ("", None), ("ثلاث كلمات هنا", None),
    ],
)
def test_parse_ordinal(word, n):
    assert parse_ordinal(word) == n


def test_parse_ordinal_non_str():
    assert parse_ordinal(None) is None  # type: ignore[arg-type]
    assert parse_ordinal(9) is None  # type: ignore[arg-type]


# ------------------------------------------------------------------ consecutive


@pytest.mark.parametrize(
    "text, n, phrase",
    [
        ("فازت البلدية للسنة التاسعة على التوالي بالجائزة", 9, "للسنة التاسعة على التوالي"),
        ("وحقق النادي اللقب للمرة الثالثة على التوالي", 3, "للمرة الثالثة على التوالي"),
        ("توج الفريق للمرة الخامسة في تاريخه", 5, "للمرة الخامسة"),
        ("وللعام الثاني على التوالي نالت الشركة الجائزة", 2, "للعام الثاني على التوالي"),
        ("حصدها للعام الحادي عشر على التوالي", 11, "للعام الحادي عشر على التوالي"),
        ("فاز بالدوري للمرة الـ19", 19, "للمرة الـ19"),
        ("نالت الجائزة 3 مرات على التوالي", 3, "3 مرات على التوالي"),
        ("حصل على الجائزة ثلاث سنوات متتالية", 3, "ثلاث سنوات متتالية"),
        ("وفاز بها لثالث مرة", 3, "ثالث مرة"),
        ("أحرز لقبه الرابع على التوالي", 4, "الرابع على التوالي"),
        ("حصد الفريق اللقب للموسم الثاني توالياً", 2, "للموسم الثاني توالياً"),
    ],
)
def test_find_consecutive(text, n, phrase):
    found = find_consecutive(text)
    assert found is not None, text
    assert found[0] == n
    assert phrase in text[found[1]:found[2]]


@pytest.mark.parametrize(
    "text",
    [
        "أحرز اللاعب لقبه العاشر في مسيرته",
        "وهذا ثاني لقب للنادي هذا الموسم",
        "حل الفريقان في المركزين الأول والثاني على التوالي",
        "حصل المتسابقون على 10 و5 و3 نقاط على التوالي",
        "بلغت النسبتان 40% و30% على التوالي",
        "للعام الحالي أعلنت الجائزة",
        "وللعاملين في القطاع جوائز",
        "فاز للعام الثاني بالجائزة",  # للعام N needs على التوالي
        "",
    ],
)
def test_find_consecutive_rejects(text):
    assert find_consecutive(text) is None


def test_find_consecutive_window():
    text = "فاز للمرة الأولى. ثم فاز للمرة الثانية على التوالي."
    first = find_consecutive(text)
    assert first is not None and first[0] == 1
    cut = text.index("ثم")
    second = find_consecutive(text, cut)
    assert second is not None and second[0] == 2 and second[1] >= cut
    assert text[second[1]:second[2]] == "للمرة الثانية على التوالي"
    assert find_consecutive(text, 0, 5) is None
    assert find_consecutive(text, 10, 3) is None


# ------------------------------------------------------------------ metrics


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أكد التقرير أن 82% من الرسائل تفاعلية", [("82%", 82, "percent")]),
        ("حصل على ٪٤٠ من الأصوات", [("٪٤٠", 40, "percent")]),
        ("حصل على 40 ٪ من الأصوات", [("40 ٪", 40, "percent")]),
        ("نال 89 بالمئة من الأصوات و11 بالمائة للمنافس", [("89 بالمئة", 89, "percent"), ("11 بالمائة", 11, "percent")]),
        ("ارتفعت المبيعات 12.5 في المئة و٣٫٥ في المائة",
         [("12.5 في المئة", 12.5, "percent"), ("٣٫٥ في المائة", 3.5, "percent")]),
        ("تنافس 441 متسابقا في التصفيات", [("441 متسابقا", 441, "count")]),
        ("يضم المشروع 78 فيلا فاخرة", [("78 فيلا", 78, "count")]),
        ("أحرز الفريق خمس ميداليات برونزية", [("خمس ميداليات برونزية", 5, "count")]),
        ("شاهد الفيلم ثلاثة ملايين مشاهد", [("ثلاثة ملايين مشاهد", 3_000_000, "count")]),
        ("شارك خمسا وثلاثين طالبة في الحفل", [("خمسا وثلاثين طالبة", 35, "count")]),
        ("رشح الفيلم لثلاث عشرة جائزة", [("ثلاث عشرة جائزة", 13, "count")]),
        ("تبلغ قيمة الجائزة مليون دولار", [("مليون دولار", 1_000_000, "currency:USD")]),
        ("بلغ رأس المال 750000 ألف ريال", [("750000 ألف ريال", 750_000_000, "currency:SAR")]),
        ("خصصت الهيئة 5 ملايين ريال للفائزين", [("5 ملايين ريال", 5_000_000, "currency:SAR")]),
        ("وزعت جوائز بقيمة 2.2 مليون يورو", [("2.2 مليون يورو", 2_200_000, "currency:EUR")]),
        ("تبرع بمبلغ 10,000 درهم إماراتي", [("10,000 درهم إماراتي", 10_000, "currency:AED")]),
        ("نال جائزة قدرها 5 آلاف جنيه استرليني", [("5 آلاف جنيه استرليني", 5000, "currency:GBP")]),
        ("حصل على 100 ألف دولار كندي", [("100 ألف دولار كندي", 100_000, "currency:CAD")]),
        ("بلغت الجائزة 20 ألف دينار بحريني وألف دينار كويتي",
         [("20 ألف دينار بحريني", 20_000, "currency:BHD"), ("ألف دينار كويتي", 1000, "currency:KWD")]),
        ("رصدت مليوني ريال قطري للمسابقة", [("مليوني ريال قطري", 2_000_000, "currency:QAR")]),
        ("أنفق نصف مليون جنيه مصري", [("نصف مليون جنيه مصري", 500_000, "currency:EGP")]),
        ("قطع العداؤون 21 كيلومترا ثم 1.5 متر", [("21 كيلومترا", 21, "other"), ("1.5 متر", 1.5, "other")]),
        ("أنشئت صالة بمساحة 720 ألف م2 وبرج بارتفاع 136م", [("720 ألف م2", 720_000, "other"), ("136م", 136, "other")]),
        ("تبلغ مساحة الساحات 1,700,000م2 تقريبا", [("1,700,000م2", 1_700_000, "other")]),
        ("يصل وزنه إلى 585 كيلوغراما", [("585 كيلوغراما", 585, "other")]),
        ("أصيب أكثر من 160.000 طفل بالمرض", [("160.000 طفل", 160_000, "count")]),
        ("بلغت قيمة السندات 1,25 مليار دولار", [("1,25 مليار دولار", 1_250_000_000, "currency:USD")]),
        ("قال إن أكثر من 300 من المشاركين وصلوا", [("300", 300, "count")]),
        ("فاز بالجائزة خمس مرات", [("خمس مرات", 5, "count")]),
        ("وصل إلى 3 ألقاب", [("3 ألقاب", 3, "count")]),
    ],
)
def test_find_metrics(text, expected):
    assert metrics(text) == [(t, float(v), u) for t, v, u in expected]
    check_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "فاز اللاعب البالغ من العمر 27 عاما بالجائزة",  # age
        "قطان (21 عامًا) مصور شاب",  # age
        "استمر الحفل ثلاث ساعات وعرض خلال 90 دقيقة",  # durations
        "سجن ثلاث سنوات و9 شهور",  # durations
        "أقيم الحفل في 15 يونيو 2015",  # date
        "حصل على المركز 5 في الترتيب",  # rank
        "حلت في المرتبة الثالثة",  # ordinal
        "فازت بجائزتين في الحفل",  # dual noun
        "أقيمت النسخة 12 من المهرجان",  # edition
        "تأهلت الفرق الـ20 إلى الدور الثاني",  # definite numeral
        "فاز الفريق بنتيجة 3-1 على منافسه",  # score
        "يبدأ الحفل الساعة 8 مساء",  # time
        "أعلنت النتائج عام 2015",  # year
        "فندق خمس نجوم في وسط المدينة",  # hotel class
        "حصل فيلم \"120 نبضة في الدقيقة\" على الجائزة",  # title
        "ضمن رؤية 2030 الطموحة",  # a name
        "حقق آيفون 6 مبيعات كبيرة",  # a product
        "أقيمت المسابقة الحادية عشرة للخط",  # ordinal phrase
        "ويتابعها الآلاف من المهتمين وآلاف المصورين",  # no number
    ],
)
def test_find_metrics_exclusions(text):
    assert metrics(text) == []


def test_metric_fields_and_property():
    text = "ولابد من الإشارة إلى أن 82% من الرسائل التي تصل عبر الموقع هي رسائل تفاعلية"
    [m] = find_metrics(text)
    assert isinstance(m, MetricMatch)
    assert m.entity.type == "METRIC" and m.entity.value == 82.0 and m.entity.source == "metric.percent"
    assert m.property == "الرسائل التي تصل عبر الموقع"
    [c] = find_metrics("وتنافس 12 فيلما روائيا في المسابقة")
    assert (c.text, c.unit, c.property) == ("12 فيلما روائيا", "count", "فيلما روائيا")
    [money] = find_metrics("نال الفائز مكافأة مالية قدرها 175 ألف دولار")
    assert money.unit == "currency:USD" and money.value == 175_000 and money.property
    assert money.property in "نال الفائز مكافأة مالية قدرها"


def test_metrics_do_not_overlap_years():
    text = "في عام 2014 شارك 2014 متسابقا من 20 دولة"
    assert years(text) == ["2014"]
    assert metrics(text) == [("2014 متسابقا", 2014.0, "count"), ("20 دولة", 20.0, "count")]


NUMBERS = st.one_of(
    st.integers(0, 1000).map(str),
    st.tuples(st.integers(0, 99), st.integers(1, 9)).map(lambda t: f"{t[0]}.{t[1]}"),
)
PERCENT_FORMS = st.sampled_from(["{n}%", "{n} %", "%{n}", "٪{n}", "{n}٪", "٪ {n}", "{n} بالمئة", "{n} بالمائة",
                                 "{n} في المئة", "{n} في المائة"])
CONTEXTS = st.sampled_from([("ارتفعت النسبة إلى ", " هذا العام"), ("حصل على ", " من الأصوات"), ("", ""),
                            ("وبلغت نسبة النجاح ", "، بحسب التقرير")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=NUMBERS, form=PERCENT_FORMS, digits=DIGITS, ctx=CONTEXTS)
def test_any_percentage_is_a_metric(n, form, digits, ctx):
    written = n.translate(digits) if digits else n
    if digits is not None:
        written = written.replace(".", "٫")
    phrase = form.format(n=written)
    text = ctx[0] + phrase + ctx[1]
    found = find_metrics(text)
    assert len(found) == 1, (text, found)
    m = found[0]
    assert m.unit == "percent" and m.value == float(n)
    assert (m.start, m.end, m.text) == (len(ctx[0]), len(ctx[0]) + len(phrase), phrase)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أقيم الحفل في 15 يونيو 2015 بالرياض", [("15 يونيو 2015", 2015, 6, 15)]),
        ("تعلن النتائج في 14 آذار 2018", [("14 آذار 2018", 2018, 3, 14)]),
        ("صدر القرار في كانون الثاني/يناير 2017", [("كانون الثاني/يناير 2017", 2017, 1, None)]),
        ("يعلن الفائزون في الخامس من يناير 2014", [("الخامس من يناير 2014", 2014, 1, 5)]),
        ("موعد الحفل 3 ديسمبر المقبل", [("3 ديسمبر", None, 12, 3)]),
        ("تحتفل البلدية في 5 جانفي 2020", [("5 جانفي 2020", 2020, 1, 5)]),
        ("يقام الحفل 15/6/2015 في جدة", [("15/6/2015", 2015, 6, 15)]),
        ("اشترى سيارة نيسان جديدة", []),
        ("زار الأب ابنه", []),
    ],
)
def test_find_dates(text, expected):
    got = [(d.text, d.year, d.month, d.day) for d in find_dates(text)]
    assert got == expected


def test_find_dates_hijri_is_converted():
    text = "ينبع 26 شوال 1436هـ (واس) كرم الأمير الفائزين"
    [d] = find_dates(text)
    assert isinstance(d, DateMatch)
    assert (d.text, d.calendar, d.year, d.month, d.day) == ("26 شوال 1436هـ", "hijri", 2015, 8, 11)


# ------------------------------------------------------------------ robustness


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    check_spans(text)
    for e in find_years(text):
        year_value(e, text)
    parse_ordinal(text)


ARABICISH = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآءؤئ ٠١٢٣٤٥٦٧٨٩0123456789%٪.,٫٬/-:()\"«»ـًٌٍَُِّْ")),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARABICISH)
def test_never_raises_on_arabic_like_text(text):
    check_spans(text)
    check_spans("عام " + text)
    check_spans(text + " مليون دولار")


def test_deterministic():
    text = "فاز النادي للمرة الثالثة على التوالي عام 2015 بجائزة قيمتها مليون دولار وشارك 40 فريقا في 5 مايو 2015"
    assert find_metrics(text) == find_metrics(text)
    assert find_years(text) == find_years(normalise(text).original)
    assert find_dates(text) == find_dates(text)
