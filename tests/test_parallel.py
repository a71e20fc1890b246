"""extract_many: one result per input, in input order, in one process or a pool."""
from __future__ import annotations

import pytest

import awardie
from awardie.ner import NoNER
from awardie.parallel import extract_many, portable_ner, resolve_ner
from awardie.pipeline import DocumentError
from awardie.schema import Extraction

COMPANIES = ["الأمل", "النور", "الفجر", "الرواد", "المستقبل", "الخليج"]


def _texts(n: int) -> list[str]:
    return [f"فازت شركة {COMPANIES[i % len(COMPANIES)]} للتقنية بجائزة الابتكار الصناعي لعام {2000 + i}."
            for i in range(n)]


def _check(texts: list, results: list) -> None:
    assert len(results) == len(texts)
    for i, (text, r) in enumerate(zip(texts, results, strict=True)):
        if text is None:
            assert isinstance(r, DocumentError) and r.index == i and r.type == "TypeError"
            continue
        assert isinstance(r, Extraction) and r.text == text
        assert [a.year for a in r.awards] == [int(text.split()[-1].rstrip("."))]


def test_lazy_export() -> None:
    assert awardie.extract_many is extract_many
    assert "extract_many" in awardie.__all__


def test_one_process_in_order_with_poisoned_input() -> None:
    texts: list = _texts(6)
    texts[2] = None
    results = extract_many(texts, processes=1, ner=NoNER())
    _check(texts, results)
    assert "str" in results[2].error


def test_two_processes_in_order_with_poisoned_input() -> None:
    texts: list = _texts(12)
    texts[5] = None
    results = extract_many(texts, processes=2, ner="none", chunksize=2)
    _check(texts, results)


def test_generators_and_empty_input() -> None:
    assert extract_many(iter([]), processes=2, ner="none") == []
    (only,) = extract_many((t for t in _texts(1)), ner=NoNER)
    assert isinstance(only, Extraction) and only.awards


def test_backend_specs() -> None:
    assert isinstance(resolve_ner("none"), NoNER)
    assert isinstance(resolve_ner(NoNER), NoNER)
    backend = NoNER()
    assert resolve_ner(backend) is backend and portable_ner(backend) is backend
    with pytest.raises(ValueError, match="unknown NER backend"):
        resolve_ner("spacy")
    with pytest.raises(ValueError, match="processes"):
        extract_many(_texts(2), processes=0, ner="none")
