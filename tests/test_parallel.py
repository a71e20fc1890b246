"""extract_many: one result per input, in input order, in one process or a pool."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import awardie
from awardie.ner import NoNER
from awardie.parallel import default_start_method, extract_many, pipeline_for, portable_ner, resolve_ner
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


@pytest.mark.parametrize("start_method", [None, "spawn"])
def test_two_processes_in_order_with_poisoned_input(start_method: str | None) -> None:
    texts: list = _texts(12)
    texts[5] = None
    results = extract_many(texts, processes=2, ner="none", chunksize=2, start_method=start_method)
    _check(texts, results)


class _CountingNoNER(NoNER):
    """NoNER that records each construction in a file (shared by the processes)."""

    log: Path

    def __init__(self) -> None:
        with self.log.open("a") as f:
            f.write(f"{os.getpid()}\n")


@pytest.mark.skipif(default_start_method() != "fork", reason="fork is the default on Linux only")
def test_forked_workers_inherit_the_pipeline(tmp_path: Path) -> None:
    _CountingNoNER.log = tmp_path / "built.txt"
    texts = _texts(8)
    results = extract_many(texts, processes=2, ner=_CountingNoNER, chunksize=1)
    _check(texts, results)
    assert _CountingNoNER.log.read_text().split() == [str(os.getpid())]  # built once, here, not per worker


def test_default_model_pipeline_is_shared_with_extract() -> None:
    assert pipeline_for(None) is awardie._default_pipeline() is pipeline_for("stanza")
    assert pipeline_for("none") is not pipeline_for("none")


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
