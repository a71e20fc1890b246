"""Reliability: odd and huge inputs, faults surfacing at build time, determinism, threads."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awardie import Extraction, Pipeline
from awardie.errors import ModelError, ModelNotFoundError, RulesError
from awardie.ner import NoNER
from awardie.relation_model import WinnerClassifier

REPO = Path(__file__).resolve().parents[1]
SEED = (REPO / "seeds" / "000_4a71be1a486ec816.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    return Pipeline(ner=NoNER())


def _valid(text: str, ex: Extraction) -> None:
    assert isinstance(ex, Extraction) and ex.text == text
    for e in ex.entities:
        assert text[e.start:e.end] == e.text


ODD_INPUTS = {
    "whitespace": " \t\n\r\u00a0 ",
    "latin": "The ministry won the e-government award in 2015.",
    "emoji": "فاز 🏆 الفريق 🎉 بجائزة 🥇 التميز",
    "control": "فاز\x00الفريق\x07بجائزة\x1bالتميز\x7f",
    "bidi": "\u200fفازت\u202b شركة الأمل\u202c بجائزة\u200e التميز\u2067 2015\u2069",
    "tatweel": "فـــــــــازت شـــركة الأمـــل بجـــــائزة التمـــيز",
    "diacritised": "فَازَتْ شَرِكَةُ الأَمَلِ بِجَائِزَةِ التَّمَيُّزِ عَامَ ٢٠١٥",
    "mixed_digits": "حصلت على 82% و٪٤٠ و۴۵ بالمئة في عام ۲۰۱۵ و٢٠١٦ و2017",
    "long_word": "فاز " + "ب" * 20000 + " بجائزة التميز",
    "lone_surrogate_free_symbols": "﷽ ﷺ ؏ ؎ ۞ ۩",
}


@pytest.mark.parametrize("name", sorted(ODD_INPUTS))
def test_odd_inputs_give_valid_extractions(pipeline: Pipeline, name: str) -> None:
    text = ODD_INPUTS[name]
    _valid(text, pipeline.extract(text))


def test_diacritised_and_tatweel_text_still_finds_the_award(pipeline: Pipeline) -> None:
    for name in ("diacritised", "tatweel"):
        ex = pipeline.extract(ODD_INPUTS[name])
        assert [e.type for e in ex.entities if e.type == "AWARD"] == ["AWARD"], name


def test_one_line_of_200000_characters(rules_only: Pipeline) -> None:
    line = (SEED.replace("\n", " ") + " ") * (200_000 // len(SEED) + 1)
    line = line[:200_000]
    ex = rules_only.extract(line)
    _valid(line, ex)
    copies = 200_000 // len(SEED)
    assert len(ex.entities) > (copies - 1) * len(rules_only.extract(SEED).entities) // 2
    assert ex.awards  # the repeated wins are one win each (deduplicated), but they are there


def test_batch_with_a_poisoned_document_keeps_every_other_result(rules_only: Pipeline) -> None:
    texts = [SEED, None, b"bytes", SEED[:300], 7]
    out = list(rules_only.pipe(texts, errors="return"))  # type: ignore[arg-type]
    assert len(out) == len(texts)
    assert [type(o).__name__ for o in out] == ["Extraction", "DocumentError", "DocumentError", "Extraction",
                                             "DocumentError"]


def test_missing_relation_model_is_a_clear_error_at_build(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="winner.json"):
        WinnerClassifier(model_dir=tmp_path)


def test_corrupt_relation_model_fails_when_the_pipeline_is_built(tmp_path: Path) -> None:
    (tmp_path / "winner.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="winner.json"):
        Pipeline(ner=NoNER(), relation_model=WinnerClassifier(model_dir=tmp_path))


def test_malformed_rules_fail_when_the_pipeline_is_built(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text("version: 1\nrules: [{id: bad}]\n", encoding="utf-8")
    with pytest.raises(RulesError, match="rules.yaml"):
        Pipeline(ner=NoNER(), rules_dir=tmp_path)


def test_a_backend_that_is_not_a_backend_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="NER backend"):
        Pipeline(ner="stanza")  # type: ignore[arg-type]


def test_threads_give_the_same_results_as_serial(pipeline: Pipeline) -> None:
    texts = [SEED, SEED[:500], SEED[500:1500], "فازت شركة الأمل بجائزة التميز عام 2015", SEED] * 2
    serial = [pipeline.extract(t).to_json() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: pipeline.extract(t).to_json(), texts))
    assert threaded == serial


def _extract_in_subprocess(seed: str) -> str:
    code = ("import sys, awardie; sys.stdout.write(awardie.extract(open(sys.argv[1], encoding='utf-8').read())"
            ".to_json())")
    env = dict(os.environ, PYTHONHASHSEED=seed)
    result = subprocess.run([sys.executable, "-c", code, str(REPO / "seeds" / "000_4a71be1a486ec816.txt")],
                            capture_output=True, text=True, env=env, check=True, timeout=300)
    return result.stdout


def test_byte_identical_json_across_processes_and_hash_seeds(pipeline: Pipeline) -> None:
    here = pipeline.extract(SEED).to_json()
    runs = {_extract_in_subprocess(seed) for seed in ("0", "12345")}
    assert runs == {here}
    json.loads(here)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_rules_only_pipeline_never_raises(rules_only: Pipeline, text: str) -> None:
    _valid(text, rules_only.extract(text))


def test_a_5_mb_document(rules_only: Pipeline) -> None:
    # time and peak memory of this case, with the default pipeline too: benchmarks/robustness.py
    text = (SEED + "\n") * (5_000_000 // len(SEED.encode("utf-8")) + 1)
    text = text.encode("utf-8")[:5_000_000].decode("utf-8", "ignore")
    ex = rules_only.extract(text)
    _valid(text, ex)
    assert len(ex.entities) > 1000 and ex.awards


def test_corrupt_ner_model_fails_when_the_pipeline_is_built(tmp_path: Path) -> None:
    from awardie.stanza_ner import MODEL_FILE, VOCAB_FILE, StanzaNER

    (tmp_path / MODEL_FILE).write_bytes(b"not a model")
    (tmp_path / VOCAB_FILE).write_text("not a vocabulary")
    with pytest.raises(ModelError, match=MODEL_FILE):
        Pipeline(ner=StanzaNER(tmp_path))  # not later, inside a batch
