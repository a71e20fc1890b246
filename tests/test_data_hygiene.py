"""The award-news articles are research-only: no run of six words from them may appear in the repository.

Reads ../shared/data/award_news/dev (skips where it is absent) and every file git tracks, except the
generated lexicons and models (built from other corpora) and benchmark outputs (ids and offsets only).
Words are compared folded (awardie.text.fold), so spelling variants of a quote are caught too.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from awardie.text import fold

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "data" / "award_news" / "dev"
RUN = 6
_WORD = re.compile(r"\w+")
# generated from ANERcorp / AQMAR / camel-tools / Wikipedia, or outputs that hold ids and numbers
_NOT_SCANNED = ("awardie/models/", "awardie/rules/person_names.yaml", "awardie/rules/locations.yaml",
                "awardie/fold_table.json", "benchmarks/results/")


def _runs(text: str) -> set[tuple[str, ...]]:
    words = [fold(w) for w in _WORD.findall(text)]
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [f for f in out.splitlines() if not f.startswith(_NOT_SCANNED)]


def test_no_six_word_run_of_the_dev_articles_is_in_the_repository() -> None:
    articles = sorted(DEV.glob("*.txt"))
    if not articles:
        pytest.skip(f"no award-news articles at {DEV}")
    dev_runs: set[tuple[str, ...]] = set()
    for path in articles:
        dev_runs |= _runs(path.read_text(encoding="utf-8"))
    found = []
    for name in _tracked_files():
        path = REPO / name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files
        shared = _runs(text) & dev_runs
        if shared:
            found.append(f"{name}: {' '.join(sorted(shared)[0])}")
    assert not found, "six-word runs of the research-only articles:\n" + "\n".join(found)
