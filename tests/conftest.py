"""Shared fixtures: one pipeline per test session (the model loads once)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from awardie import Pipeline

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

# Hypothesis profiles: "ci" (default) keeps the suite fast; "dev" searches harder locally:
#   HYPOTHESIS_PROFILE=dev python -m pytest
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("dev", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def seed_gold() -> list[dict]:
    return [json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_texts(seed_gold: list[dict]) -> dict[str, str]:
    return {d["id"]: (SEEDS / f"{d['id']}.txt").read_text(encoding="utf-8") for d in seed_gold}
