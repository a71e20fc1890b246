"""Scoring (awardie.scoring) on hand-made documents and the two seeds; the benchmark CLI with --pred."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

from awardie.scoring import (
    AWARD_SLOTS,
    PRF,
    Report,
    award_errors,
    document_award_errors,
    error_kinds,
    lenient_match,
    normalise,
    normalise_award,
    score_document,
    score_documents,
    strict_match,
    string_match,
    token_jaccard,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def approx(x: float) -> Any:
    return pytest.approx(x, abs=1e-9)


def doc(id: str = "d1", entities: list | None = None, awards: list | None = None,
        metrics: list | None = None, people: list | None = None) -> dict[str, Any]:
    return {"id": id, "entities": entities or [], "awards": awards or [], "metrics": metrics or [],
            "people": people or []}


def ent(start: int, end: int, type: str, text: str | None = None) -> dict[str, Any]:
    return {"start": start, "end": end, "type": type, "text": text if text is not None else "x" * (end - start)}


def rec(winner: str, award: str, year: int | None = None, **kw: Any) -> dict[str, Any]:
    r = {"winner": winner, "award": award, "award_aliases": [], "category_of": None, "year": year,
         "conferred_by": None, "received_by": [], "for_work": None, "patron": None, "consecutive": None,
         "evidence": ""}
    r.update(kw)
    return r


def prf(s: PRF) -> tuple[int, int, int, float, float, float]:
    return s.tp, s.n_pred, s.n_gold, round(s.precision, 4), round(s.recall, 4), round(s.f1, 4)


def seeds_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize("raw, expected", [
    ("مُحَمَّدٌ", "محمد"),                       # diacritics
    ("جـــائزة", "جائزه"),                      # tatweel, teh marbuta
    ("أحمد إبراهيم آل ٱلقاسم", "احمد ابراهيم ال القاسم"),  # alef forms
    ("مستشفى", "مستشفي"),                      # alef maksura -> yeh
    ("عام ٢٠١٧", "عام 2017"),                   # Arabic-Indic digits
    ("عام ۲۰۱۷", "عام 2017"),                   # Persian digits
    ("رواية «ساق البامبو»،", "روايه ساق البامبو"),  # guillemets and Arabic comma
    ('"الكرة الذهبية" (2018).', "الكره الذهبيه 2018"),
    ("  شؤون \n\t الأشغال  ", "شؤون الاشغال"),     # whitespace
    ("\ufefb", "لا"),                           # NFKC presentation form
    ("82%", "82%"),                              # % kept, as in tools/gold.py
    ("٪٤٠", "%40"),
    ("شؤون\u200f الأشغال", "شؤون الاشغال"),      # invisible bidi mark dropped
])
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_award_drops_leading_head_noun() -> None:
    assert normalise_award("جائزة التميز") == "التميز"
    assert normalise_award("الجائزة الكبرى") == "الكبري"
    assert normalise_award("جائزة") == "جائزه"  # the whole name stays
    assert normalise_award("بجائزة التميز") == "بجائزه التميز"  # only the bare head noun is ignored
    assert normalise_award("وسام جائزة") == "وسام جائزه"  # only leading
    assert strict_match("جائزة التميز", "التميز", award=True) is True
    assert strict_match("الجائزة التميز", "جائزة التميز", award=True) is True
    assert strict_match("جائزة التميز", "التميز") is False


# --------------------------------------------------------------------------- string match


def test_strict_vs_lenient() -> None:
    assert strict_match("وزارة الأشغال", "وزاره الاشغال") is True
    # containment either way
    assert strict_match("محمد صلاح", "محمد صلاح حامد") is False
    assert lenient_match("محمد صلاح", "محمد صلاح حامد") is True
    assert lenient_match("محمد صلاح حامد", "محمد صلاح") is True
    assert string_match("محمد صلاح", "محمد صلاح حامد", "strict") is False
    # no overlap at all
    assert lenient_match("محمد صلاح", "لوكا مودريتش") is False
    # empty strings: equal, but containment of an empty set does not count
    assert strict_match("", "") is True
    assert lenient_match("", "محمد") is False
    with pytest.raises(ValueError):
        string_match("a", "b", "fuzzy")  # type: ignore[arg-type]


def test_jaccard_threshold_both_sides() -> None:
    a, b = "جائزة التميز الحكومي", "جائزة التميز العربي"  # 2 shared of 4 tokens
    assert token_jaccard(a, b) == approx(0.5)
    assert lenient_match(a, b) is True and lenient_match(b, a) is True
    # as awards the leading جائزة is ignored: 1 shared of 3 tokens
    assert token_jaccard(a, b, award=True) == approx(1 / 3)
    assert lenient_match(a, b, award=True) is False and lenient_match(b, a, award=True) is False
    c, d = "التميز الحكومي العربي الاول", "التميز الحكومي العربي الثاني"  # 3 of 5
    assert token_jaccard(c, d) == approx(0.6)
    assert lenient_match(c, d) is True
    e, f = "التميز الحكومي الاول", "التميز الحكومي الثاني الثالث"  # 2 of 5
    assert token_jaccard(e, f) == approx(0.4)
    assert lenient_match(e, f) is False and lenient_match(f, e) is False


# --------------------------------------------------------------------------- entities


def test_entities_exact_vs_overlap() -> None:
    gold = doc(entities=[ent(0, 5, "PERSON"), ent(10, 20, "ORGANISATION"), ent(30, 35, "YEAR")])
    pred = doc(entities=[ent(0, 5, "PERSON"), ent(12, 22, "ORGANISATION"), ent(30, 35, "LOCATION"),
                         ent(40, 45, "PERSON")])
    r = score_documents([gold], [pred])
    assert prf(r.entities_exact) == (1, 4, 3, 0.25, 0.3333, 0.2857)
    assert prf(r.entities_overlap) == (2, 4, 3, 0.5, 0.6667, 0.5714)
    assert list(r.entities_exact_by_type) == ["ORGANISATION", "PERSON", "LOCATION", "YEAR"]
    assert prf(r.entities_exact_by_type["PERSON"]) == (1, 2, 1, 0.5, 1.0, 0.6667)
    assert prf(r.entities_exact_by_type["ORGANISATION"]) == (0, 1, 1, 0.0, 0.0, 0.0)
    assert prf(r.entities_overlap_by_type["ORGANISATION"]) == (1, 1, 1, 1.0, 1.0, 1.0)
    assert prf(r.entities_overlap_by_type["LOCATION"]) == (0, 1, 0, 0.0, 0.0, 0.0)
    assert prf(r.entities_overlap_by_type["YEAR"]) == (0, 0, 1, 0.0, 0.0, 0.0)


def test_entity_overlap_is_one_to_one() -> None:
    # two predictions inside one gold span: only one counts
    r = score_documents([doc(entities=[ent(0, 10, "ORGANISATION")])],
                        [doc(entities=[ent(0, 4, "ORGANISATION"), ent(5, 10, "ORGANISATION")])])
    assert prf(r.entities_overlap) == (1, 2, 1, 0.5, 1.0, 0.6667)
    # X overlaps both gold spans, Y only the first: the matching finds both pairs
    r = score_documents([doc(entities=[ent(0, 10, "AWARD"), ent(10, 20, "AWARD")])],
                        [doc(entities=[ent(5, 15, "AWARD"), ent(0, 3, "AWARD")])])
    assert prf(r.entities_overlap) == (2, 2, 2, 1.0, 1.0, 1.0)
    assert prf(r.entities_exact) == (0, 2, 2, 0.0, 0.0, 0.0)
    # touching spans do not overlap (end is exclusive)
    r = score_documents([doc(entities=[ent(0, 10, "AWARD")])], [doc(entities=[ent(10, 12, "AWARD")])])
    assert r.entities_overlap.tp == 0


# --------------------------------------------------------------------------- award records


def _award_docs() -> tuple[dict[str, Any], dict[str, Any]]:
    gold = doc(awards=[
        rec("وزارة الأشغال", "جائزة التميز الحكومي", 2015, award_aliases=["جائزة أفضل خدمة"],
            conferred_by="الحكومة الإلكترونية", received_by=["عصام خلف"], consecutive=3,
            patron="محمد بن مبارك"),
        rec("محمد صلاح", "الكرة الذهبية", None, category_of="جائزة فيفا"),
        rec("شركة ألف", "جائزة الابتكار", 2010),
    ])
    pred = doc(awards=[
        # strict: hamza folded, award equals the gold alias
        rec("وزارة الاشغال", "جائزة أفضل خدمة", 2015, conferred_by="الحكومة الالكترونية",
            received_by=["خلف"], consecutive=3, evidence_span={"start": 3, "end": 9}),
        # lenient only: winner contains the gold winner
        rec("محمد صلاح حامد", "الكرة الذهبية", None, category_of="فيفا", for_work="كتاب"),
        # wrong year
        rec("شركة ألف", "جائزة الابتكار", 2011, evidence="فازت شركة ألف"),
        # spurious
        rec("شركة باء", "وسام الاستحقاق", None),
    ])
    return gold, pred


def test_award_records_strict_and_lenient() -> None:
    gold, pred = _award_docs()
    r = score_documents([gold], [pred])
    assert prf(r.awards_strict) == (1, 4, 3, 0.25, 0.3333, 0.2857)
    assert prf(r.awards_lenient) == (2, 4, 3, 0.5, 0.6667, 0.5714)


def test_award_slot_accuracy() -> None:
    gold, pred = _award_docs()
    slots = score_documents([gold], [pred]).award_slots
    assert list(slots) == list(AWARD_SLOTS)
    got = {k: (v.correct, v.total) for k, v in slots.items()}
    assert got == {
        "year": (2, 2),
        "category_of": (2, 2),  # None/None, and فيفا vs جائزة فيفا (leading جائزة ignored)
        "conferred_by": (2, 2),
        "received_by": (2, 2),  # [خلف] vs [عصام خلف] leniently, [] vs []
        "for_work": (1, 2),  # None vs كتاب is wrong
        "patron": (1, 2),  # gold patron, none predicted
        "consecutive": (2, 2),
    }
    assert slots["for_work"].accuracy == approx(0.5)


def test_received_by_is_a_set() -> None:
    g = doc(awards=[rec("أ ب", "جائزة س", received_by=["عصام خلف", "فهد بوعلاي"])])
    same = doc(awards=[rec("أ ب", "جائزة س", received_by=["فهد بوعلاي", "عصام خلف"])])
    fewer = doc(awards=[rec("أ ب", "جائزة س", received_by=["فهد بوعلاي"])])
    assert score_documents([g], [same]).award_slots["received_by"].accuracy == 1.0
    assert score_documents([g], [fewer]).award_slots["received_by"].accuracy == 0.0


def test_award_aliases_both_ways_but_not_alias_to_alias() -> None:
    g = doc(awards=[rec("نادي ريال مدريد", "دوري أبطال أوروبا", 2018, award_aliases=["البطولة الأوروبية"])])
    by_pred_alias = doc(awards=[rec("نادي ريال مدريد", "اللقب", 2018, award_aliases=["دوري ابطال اوروبا"])])
    by_gold_alias = doc(awards=[rec("نادي ريال مدريد", "البطولة الأوروبية", 2018)])
    alias_to_alias = doc(awards=[rec("نادي ريال مدريد", "اللقب", 2018, award_aliases=["البطولة الأوروبية"])])
    assert score_documents([g], [by_pred_alias]).awards_strict.tp == 1
    assert score_documents([g], [by_gold_alias]).awards_strict.tp == 1
    assert score_documents([g], [alias_to_alias]).awards_lenient.tp == 0


def test_award_year_equality() -> None:
    g = doc(awards=[rec("سامي", "جائزة الإبداع", None), rec("سامي", "جائزة الإبداع", 2015)])
    # None matches only None, 2015 matches "٢٠١٥" (years compare as integers)
    p = doc(awards=[rec("سامي", "جائزة الإبداع", "٢٠١٥"), rec("سامي", "الإبداع", None)])  # type: ignore[arg-type]
    r = score_documents([g], [p])
    assert prf(r.awards_strict) == (2, 2, 2, 1.0, 1.0, 1.0)
    p2 = doc(awards=[rec("سامي", "جائزة الإبداع", 2016)])
    assert prf(score_documents([g], [p2]).awards_lenient) == (0, 1, 2, 0.0, 0.0, 0.0)


def test_award_matching_is_one_to_one() -> None:
    g = doc(awards=[rec("سامي", "جائزة الإبداع", 2015)])
    p = doc(awards=[rec("سامي", "جائزة الإبداع", 2015), rec("سامي", "الإبداع", 2015)])
    assert prf(score_documents([g], [p]).awards_lenient) == (1, 2, 1, 0.5, 1.0, 0.6667)


def test_award_errors_kinds_and_offsets() -> None:
    gold, pred = _award_docs()
    text = "xx فازت شركة ألف yy"
    errs = document_award_errors(gold, pred, "lenient", text=text)
    assert [(e.kind, e.error, e.index) for e in errs] == [
        ("false_positive", "wrong_year", 2), ("false_positive", "spurious", 3),
        ("false_negative", "wrong_year", 2)]
    assert (errs[0].evidence_start, errs[0].evidence_end) == (3, 16)  # located by its evidence
    assert errs[0].counterpart is not None and errs[0].counterpart["year"] == 2010
    assert (errs[1].evidence_start, errs[1].evidence_end) == (None, None)
    strict = award_errors([gold], [pred], "strict", texts={"d1": text})
    assert error_kinds(strict) == {
        "false_negative/wrong_winner": 1, "false_negative/wrong_year": 1,
        "false_positive/spurious": 1, "false_positive/wrong_winner": 1, "false_positive/wrong_year": 1}
    # a matched record with evidence_span carries no error; without a prediction every gold record is missed
    assert error_kinds(award_errors([gold], [])) == {"false_negative/missed": 3}


# --------------------------------------------------------------------------- metrics


def test_metric_matching() -> None:
    gold = doc(entities=[ent(10, 13, "METRIC", "82%"), ent(50, 59, "METRIC", "89 بالمئة")],
               metrics=[{"text": "82%", "value": 82, "unit": "percent", "subject": "شؤون الأشغال", "property": None},
                        {"text": "89 بالمئة", "value": 89, "unit": "percent", "subject": None, "property": None}])
    pred = doc(metrics=[
        {"text": "82%", "start": 10, "end": 13, "value": 82.0000000001, "unit": "percent",
         "subject": "شؤون الاشغال", "property": None},
        {"text": "89", "start": 50, "end": 52, "value": 89, "unit": "percent", "subject": "محمد", "property": None},
        {"text": "5 جوائز", "start": 100, "end": 107, "value": 5, "unit": "count", "subject": None,
         "property": None},
    ])
    r = score_documents([gold], [pred])
    assert prf(r.metrics) == (2, 3, 2, 0.6667, 1.0, 0.8)
    assert (r.metric_subject.correct, r.metric_subject.total) == (1, 2)
    assert r.metric_property.accuracy == 1.0


@pytest.mark.parametrize("change", [{"value": 83}, {"unit": "count"}, {"start": 20, "end": 23}])
def test_metric_needs_value_unit_and_overlap(change: dict[str, Any]) -> None:
    gold = doc(entities=[ent(10, 13, "METRIC", "82%")],
               metrics=[{"text": "82%", "value": 82, "unit": "percent", "subject": None, "property": None}])
    p = {"text": "82%", "start": 10, "end": 13, "value": 82, "unit": "percent", "subject": None, "property": None}
    assert score_documents([gold], [doc(metrics=[p])]).metrics.tp == 1
    p.update(change)
    assert prf(score_documents([gold], [doc(metrics=[p])]).metrics) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_metric_with_repeated_text_uses_every_gold_span() -> None:
    m = {"text": "5 جوائز", "value": 5, "unit": "count", "subject": None, "property": None}
    gold = doc(entities=[ent(0, 7, "METRIC", "5 جوائز"), ent(20, 27, "METRIC", "5 جوائز")], metrics=[m, dict(m)])
    pred = doc(metrics=[dict(m, start=20, end=27), dict(m, start=0, end=7), dict(m, start=40, end=47)])
    assert prf(score_documents([gold], [pred]).metrics) == (2, 3, 2, 0.6667, 1.0, 0.8)


# --------------------------------------------------------------------------- people


def test_people() -> None:
    gold = doc(people=[{"name": "فهد بوعلاي", "role": "مدير إدارة الاتصال", "organisation": "إدارة الاتصال"},
                       {"name": "عصام خلف", "role": "وزير الأشغال", "organisation": None}])
    pred = doc(people=[{"name": "فهد بوعلاي", "role": "مدير ادارة الاتصال", "organisation": None},
                       {"name": "عصام بن عبدالله خلف", "role": "الوزير", "organisation": None},
                       {"name": "سارة", "role": "الكاتبة", "organisation": None}])
    r = score_documents([gold], [pred])
    assert prf(r.people) == (2, 3, 2, 0.6667, 1.0, 0.8)
    assert (r.person_role.correct, r.person_role.total) == (1, 2)
    assert (r.person_organisation.correct, r.person_organisation.total) == (1, 2)


# --------------------------------------------------------------------------- empty, pairing, self-score


def _all_prf(r: Report) -> list[PRF]:
    return ([r.entities_exact, r.entities_overlap, r.awards_strict, r.awards_lenient, r.metrics, r.people]
            + list(r.entities_exact_by_type.values()) + list(r.entities_overlap_by_type.values()))


def test_empty_predictions() -> None:
    gold = seeds_gold()
    r = score_documents(gold, [])
    for s in _all_prf(r):
        assert (s.tp, s.n_pred, s.precision, s.recall, s.f1) == (0, 0, 0.0, 0.0, 0.0)
    assert r.awards_lenient.n_gold == 12 and r.entities_exact.n_gold == 63
    assert r.missing_pred_ids == [d["id"] for d in gold]
    assert all(a.total == 0 and a.accuracy == 0.0 for a in r.award_slots.values())
    # nothing anywhere
    r0 = score_documents([], [])
    assert r0.n_docs == 0 and prf(r0.awards_strict) == (0, 0, 0, 0.0, 0.0, 0.0)
    # predictions where the gold has nothing: P = R = 0
    r1 = score_documents([doc()], [doc(awards=[rec("أ", "جائزة ب")])])
    assert prf(r1.awards_lenient) == (0, 1, 0, 0.0, 0.0, 0.0)


def test_documents_paired_by_id() -> None:
    g1 = doc("a", awards=[rec("سامي", "جائزة الإبداع")])
    g2 = doc("b", awards=[rec("هدى", "جائزة الشعر")])
    preds = [doc("b", awards=[rec("هدى", "جائزة الشعر")]), doc("zzz", awards=[rec("س", "ص")])]
    r = score_documents([g1, g2], preds)
    assert prf(r.awards_strict) == (1, 1, 2, 1.0, 0.5, 0.6667)
    assert r.missing_pred_ids == ["a"] and r.extra_pred_ids == ["zzz"]
    assert [(d.id, d.has_prediction, d.awards_strict.tp) for d in r.documents] == [("a", False, 0), ("b", True, 1)]
    assert score_document(g1, None).awards_lenient.n_gold == 1
    with pytest.raises(ValueError):
        score_documents([g1], [doc("a"), doc("a")])


def test_seeds_against_themselves() -> None:
    gold = seeds_gold()
    r = score_documents(gold, gold)
    for s in _all_prf(r):
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    for a in list(r.award_slots.values()) + [r.metric_subject, r.metric_property, r.person_role,
                                            r.person_organisation]:
        assert a.accuracy == 1.0
    assert (r.entities_exact.tp, r.awards_strict.tp, r.metrics.tp, r.people.tp) == (63, 12, 1, 7)
    assert award_errors(gold, gold, "strict") == []
    d = r.to_dict()
    assert d["awards_lenient"]["f1"] == 1.0 and d["award_slots"]["consecutive"]["accuracy"] == 1.0
    json.dumps(d)
    table = r.table(per_document=True)
    assert "awards lenient" in table and "000_4a71be1a486ec816" in table


def test_seeds_with_one_change() -> None:
    gold = seeds_gold()
    pred = json.loads(json.dumps(gold))
    pred[0]["awards"][0]["consecutive"] = 8  # gold says 9
    pred[1]["awards"] = pred[1]["awards"][:-1]  # one record missed
    r = score_documents(gold, pred)
    assert prf(r.awards_strict) == (11, 11, 12, 1.0, 0.9167, 0.9565)
    assert (r.award_slots["consecutive"].correct, r.award_slots["consecutive"].total) == (10, 11)


# --------------------------------------------------------------------------- benchmark CLI


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / "awards.py"), *args],
                          capture_output=True, text=True, cwd=REPO)


def test_benchmark_with_pred_file(tmp_path: Path) -> None:
    out = tmp_path / "res.json"
    cp = _bench("--set", "seeds", "--pred", str(SEEDS / "gold.jsonl"), "--out", str(out))
    assert cp.returncode == 0, cp.stderr
    assert "awards lenient" in cp.stdout
    res = json.loads(out.read_text(encoding="utf-8"))
    assert list(res["sets"]) == ["seeds"]
    assert res["sets"]["seeds"]["report"]["awards_lenient"]["f1"] == 1.0
    assert res["sets"]["seeds"]["n_docs"] == 2

    # a set named dev keeps no strings from its texts in the JSON
    dev = tmp_path / "dev"
    shutil.copytree(SEEDS, dev)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n".join(json.dumps(doc(d["id"])) for d in seeds_gold()), encoding="utf-8")
    cp = _bench("--set", "dev", "--dev", str(dev), "--pred", str(empty), "--out", str(out))
    assert cp.returncode == 0, cp.stderr
    entry = json.loads(out.read_text(encoding="utf-8"))["sets"]["dev"]
    assert entry["report"]["awards_lenient"]["recall"] == 0.0
    assert entry["award_error_kinds"]["lenient"] == {"false_negative/missed": 12}
    assert len(entry["award_errors"]) == 12 and all("winner" not in e for e in entry["award_errors"])

    # a text that does not match its text_sha256 is refused
    txt = next(dev.glob("*.txt"))
    txt.write_text(txt.read_text(encoding="utf-8") + " ", encoding="utf-8")
    cp = _bench("--set", "dev", "--dev", str(dev), "--pred", str(empty), "--out", str(out))
    assert cp.returncode == 2 and "sha256" in cp.stderr


# --------------------------------------------------------------------------- properties

_words = st.lists(st.sampled_from(["جائزة", "الجائزة", "التميز", "أفضل", "افضل", "خدمة", "٢٠١٥", "«", "،", "G2G"]),
                  max_size=5).map(" ".join)


@given(_words, _words, st.booleans())
def test_match_properties(a: str, b: str, award: bool) -> None:
    assert normalise(normalise(a)) == normalise(a)
    assert lenient_match(a, b, award) == lenient_match(b, a, award)
    assert strict_match(a, b, award) == strict_match(b, a, award)
    if strict_match(a, b, award):
        assert lenient_match(a, b, award)
