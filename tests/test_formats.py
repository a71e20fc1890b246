"""Interchange formats: gold JSONL, brat standoff, CoNLL BIO, Wikidata-style statements."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from awardie import Pipeline
from awardie.formats import from_brat, read_jsonl, to_brat, to_conll, to_wikidata, write_gold, write_jsonl
from awardie.ner import NoNER
from awardie.schema import Entity, Extraction
from awardie.scoring import score_documents

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TEXT = ("فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي لعام 2016 التي تمنحها غرفة تجارة دبي"
        " عن مشروع المدينة الذكية.\nوقال المدير خالد سالم إن الشركة حققت نمواً بنسبة 40%.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ner=NoNER())


@pytest.fixture(scope="module")
def ex(pipeline: Pipeline) -> Extraction:
    return pipeline.extract(TEXT)


def test_extraction_is_what_the_format_tests_expect(ex: Extraction) -> None:
    assert [(e.type, e.text) for e in ex.entities] == [
        ("ORGANISATION", "شركة الأمل للتقنية"), ("AWARD", "جائزة الابتكار الصناعي"), ("YEAR", "2016"),
        ("ORGANISATION", "غرفة تجارة دبي"), ("WORK", "مشروع المدينة الذكية"), ("PERSON", "خالد سالم"),
        ("METRIC", "40%")]
    assert {r.type for r in ex.relations} >= {"winner", "year", "for_work"}


def test_jsonl_round_trip_and_scoring(tmp_path: Path, pipeline: Pipeline) -> None:
    docs = [(p.stem, pipeline.extract(p.read_text(encoding="utf-8"))) for p in sorted(SEEDS.glob("*.txt"))]
    path = tmp_path / "pred.jsonl"
    assert write_gold(path, docs) == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(line.startswith('{"awards": [') for line in lines)  # sorted keys
    rows = read_jsonl(path)
    assert [r["id"] for r in rows] == [d for d, _ in docs]
    assert rows[0] == json.loads(docs[0][1].to_json(gold=True, id=docs[0][0]))
    report = score_documents(read_jsonl(SEEDS / "gold.jsonl"), rows)
    assert report.n_docs == 2 and report.awards_lenient.f1 > 0.5

    buf = io.StringIO()
    assert write_jsonl(buf, [{"b": 1, "a": "ج"}, {}]) == 2
    assert buf.getvalue() == '{"a": "ج", "b": 1}\n{}\n'
    assert read_jsonl(io.StringIO('{"a": 1}\n\n{"b": 2}\n')) == [{"a": 1}, {"b": 2}]
    with pytest.raises(ValueError, match="line 2"):
        read_jsonl(io.StringIO('{"a": 1}\n{oops\n'))
    with pytest.raises(ValueError, match="line 1: expected a JSON object"):
        read_jsonl(io.StringIO("[1, 2]\n"))


def test_brat_export(ex: Extraction) -> None:
    txt, ann = to_brat(ex)
    assert txt == TEXT
    lines = ann.splitlines()
    assert lines[0] == "T1\tORGANISATION 5 23\tشركة الأمل للتقنية"
    assert lines[1] == "#1\tAnnotatorNotes T1\tscore=0.75 source=org.head"
    assert "T3\tYEAR 53 57\t2016" in lines
    assert "#3\tAnnotatorNotes T3\tscore=0.95 value=2016.0 source=year.digits" in lines
    assert "R1\twinner Arg1:T2 Arg2:T1" in lines  # head AWARD, tail winner
    assert "R2\tyear Arg1:T2 Arg2:T3" in lines
    t_lines = [line for line in lines if line.startswith("T")]
    r_lines = [line for line in lines if line.startswith("R")]
    assert len(t_lines) == len(ex.entities) and len(r_lines) == len(ex.relations)
    for line in t_lines:  # every span indexes the text
        _, spec, shown = line.split("\t")
        _, start, end = spec.split()
        assert TEXT[int(start):int(end)] == shown


def test_brat_round_trip(ex: Extraction, pipeline: Pipeline) -> None:
    txt, ann = to_brat(ex)
    assert from_brat(txt, ann) == list(ex.entities)
    seed = pipeline.extract((SEEDS / "000_4a71be1a486ec816.txt").read_text(encoding="utf-8"))
    assert from_brat(*to_brat(seed)) == list(seed.entities)


def test_brat_newlines_foreign_types_and_errors() -> None:
    text = "جائزة\nالشيخ زايد"
    e = Entity(start=0, end=len(text), text=text, type="AWARD", source="my rule", score=0.5)
    txt, ann = to_brat(Extraction(text=text, entities=(e,)))
    assert ann.splitlines()[0] == f"T1\tAWARD 0 5;6 {len(text)}\tجائزة الشيخ زايد"  # split at the newline
    assert from_brat(txt, ann) == [e]  # source with a space survives
    foreign = "T1\tPERS 6 11\tالشيخ\nT2\tLOCATION 12 16\tزايد\nA1\tNegated T1\n"
    assert [(x.type, x.text, x.source, x.score) for x in from_brat(text, foreign)] == [
        ("LOCATION", "زايد", "brat", 1.0)]
    with pytest.raises(ValueError, match="malformed"):
        from_brat(text, "T1\tAWARD zero five\tجائزة\n")
    with pytest.raises(ValueError, match="outside the text"):
        from_brat(text, "T1\tAWARD 0 99\tجائزة\n")


def test_conll(ex: Extraction) -> None:
    conll = to_conll(ex)
    sentences = conll.rstrip("\n").split("\n\n")
    assert len(sentences) == 2
    first = [tuple(line.split("\t")) for line in sentences[0].splitlines()]
    assert first[:9] == [("فازت", "O"), ("شركة", "B-ORGANISATION"), ("الأمل", "I-ORGANISATION"),
                         ("للتقنية", "I-ORGANISATION"), ("بجائزة", "B-AWARD"), ("الابتكار", "I-AWARD"),
                         ("الصناعي", "I-AWARD"), ("لعام", "O"), ("2016", "B-YEAR")]
    assert first[-1] == (".", "O")
    second = dict(tuple(line.split("\t")) for line in sentences[1].splitlines())
    assert second["خالد"] == "B-PERSON" and second["سالم"] == "I-PERSON"
    assert second["40"] == "B-METRIC" and second["%"] == "I-METRIC"
    # adjacent entities each start with B-
    text = "جائزة الملك فيصل"
    two = Extraction(text=text, entities=(
        Entity(start=0, end=5, text="جائزة", type="AWARD", source="t", score=1.0),
        Entity(start=6, end=16, text="الملك فيصل", type="PERSON", source="t", score=1.0)))
    assert to_conll(two) == "جائزة\tB-AWARD\nالملك\tB-PERSON\nفيصل\tI-PERSON\n"
    assert to_conll(Extraction(text="")) == ""


def test_wikidata(ex: Extraction, pipeline: Pipeline) -> None:
    (st,) = to_wikidata(ex)
    assert st["subject"] == {"label": "شركة الأمل للتقنية", "language": "ar"}
    assert (st["property"], st["property_label"]) == ("P166", "award received")
    assert st["value"]["label"] == "جائزة الابتكار الصناعي"
    q = st["qualifiers"]
    assert set(q) == {"P585", "P1027", "P1686"}
    assert q["P585"]["value"]["time"] == "+2016-00-00T00:00:00Z" and q["P585"]["value"]["precision"] == 9
    assert q["P1027"]["value"]["label"] == "غرفة تجارة دبي"
    assert q["P1686"]["value"]["label"] == "مشروع المدينة الذكية"
    assert st["references"][0]["P1683"]["value"]["text"] == ex.awards[0].evidence
    # null qualifiers are left out
    (bare,) = to_wikidata(pipeline.extract("فازت شركة النور بجائزة الابتكار."))
    assert bare["qualifiers"] == {} and bare["subject"]["label"] == "شركة النور"
    assert json.dumps(to_wikidata(ex), ensure_ascii=False)  # JSON-ready
    assert to_wikidata(Extraction(text="")) == []
