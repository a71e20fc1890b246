"""The `awardie` command line: extract, render, evaluate (rules-only backend, --ner none)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awardie.cli import cli, main
from awardie.schema import Extraction

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_IDS = ["000_4a71be1a486ec816", "001_27570037e275392e"]
TEXT = "فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي لعام 2016."


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_help_everywhere(runner: CliRunner) -> None:
    for args in ([], ["extract"], ["render"], ["evaluate"]):
        result = runner.invoke(cli, args + ["--help"])
        assert result.exit_code == 0, result.output
        assert "Usage: " in result.output
    assert "--processes" in runner.invoke(cli, ["extract", "--help"]).output


def test_extract_folder_files_and_bad_inputs(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("جائزة".encode("utf-8")[:3] + b"\xff\xfe")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(cli, ["extract", str(SEEDS), str(tmp_path / "good.txt"), str(tmp_path / "latin1.txt"),
                                 str(missing), "--ner", "none"])
    assert result.exit_code == 1
    rows = _lines(result.stdout)
    assert [r["id"] for r in rows] == SEED_IDS + ["good", "latin1", "missing"]
    for r in rows[:3]:
        ex = Extraction.model_validate(r["extraction"])  # the full extraction round-trips
        assert ex.awards
    assert rows[2]["extraction"]["awards"][0]["year"] == 2016
    assert rows[3]["error"].startswith("UnicodeDecodeError") and "extraction" not in rows[3]
    assert rows[4]["error"].startswith("FileNotFoundError")


def test_extract_stdin_gold_output_file_and_processes(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["extract", "-", "--gold", "--ner", "none", "-o", str(out), "--no-progress"],
                           input=TEXT)
    assert result.exit_code == 0, result.output
    (row,) = _lines(out.read_text(encoding="utf-8"))
    assert row["id"] == "stdin" and row["awards"][0]["winner"] == "شركة الأمل للتقنية"
    assert set(row) == {"id", "text_sha256", "entities", "awards", "metrics", "people"}

    one = runner.invoke(cli, ["extract", str(SEEDS), "--ner", "none"])
    two = runner.invoke(cli, ["extract", str(SEEDS), "--ner", "none", "--processes", "2", "--progress"])
    assert two.exit_code == 0, two.output
    assert _lines(two.stdout) == _lines(one.stdout)


def test_missing_model_is_a_clear_error(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import awardie.stanza_ner as stanza_ner

    monkeypatch.setattr(stanza_ner, "DEFAULT_MODEL_DIR", tmp_path / "no-model")
    result = runner.invoke(cli, ["extract", str(SEEDS)])
    assert result.exit_code == 1
    assert "--ner none" in result.output and "Traceback" not in result.output


def test_render_txt_and_jsonl(runner: CliRunner, tmp_path: Path) -> None:
    html = tmp_path / "seed.html"
    result = runner.invoke(cli, ["render", str(SEEDS / f"{SEED_IDS[0]}.txt"), "-o", str(html), "--ner", "none"])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "<mark" in page and SEED_IDS[0] in page

    jsonl = tmp_path / "x.jsonl"
    assert runner.invoke(cli, ["extract", str(SEEDS), "--ner", "none", "-o", str(jsonl)]).exit_code == 0
    result = runner.invoke(cli, ["render", str(jsonl), "--id", SEED_IDS[1]])
    assert result.exit_code == 0 and SEED_IDS[1] in result.stdout and "<mark" in result.stdout
    gold = runner.invoke(cli, ["render", str(SEEDS / "gold.jsonl")])
    assert gold.exit_code == 1 and "no 'extraction'" in gold.output


def test_evaluate_prints_tables(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["evaluate", "--gold", str(SEEDS / "gold.jsonl"), "--texts", str(SEEDS),
                                 "--ner", "none", "--per-document"])
    assert result.exit_code == 0, result.output
    assert "documents: 2" in result.stdout and "awards lenient" in result.stdout and SEED_IDS[1] in result.stdout
    as_json = runner.invoke(cli, ["evaluate", "--gold", str(SEEDS / "gold.jsonl"), "--texts", str(SEEDS),
                                  "--ner", "none", "--json"])
    assert json.loads(as_json.stdout)["n_docs"] == 2


def test_main_returns_status() -> None:
    assert main(["--help"]) == 0
    assert main(["extract"]) == 2  # usage error: no inputs


def test_python_m_awardie_records() -> None:
    proc = subprocess.run([sys.executable, "-m", "awardie", "extract", "seeds/", "--records", "--ner", "none"],
                          cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    headers = [line for line in proc.stdout.splitlines() if line.startswith("# ")]
    assert [h.split(":")[0][2:] for h in headers] == SEED_IDS
    assert "← جائزة التواصل الإلكتروني" in proc.stdout
