"""The rule loader: every shipped file validates; malformed files fail clearly."""
from __future__ import annotations

from pathlib import Path

import pytest

from awardie.errors import RulesError
from awardie.rules import RULES_DIR, load_rules


def test_shipped_rules_load_and_are_cached() -> None:
    rules = load_rules()
    assert len(rules) > 20
    assert load_rules() is rules
    assert "جائزه" in rules.lexicon("award.head.prize")


def test_rule_ids_are_unique_across_files(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(
            "version: 1\nrules:\n  - id: x.same\n    kind: lexicon\n    words: [جائزة]\n", encoding="utf-8")
    with pytest.raises(RulesError, match="already defined"):
        load_rules(tmp_path)


@pytest.mark.parametrize("body, message", [
    ("version: 1\nrules:\n  - id: Bad Id\n    kind: lexicon\n    words: [x]\n", "invalid rules file"),
    ("version: 1\nrules:\n  - id: x.re\n    kind: regex\n    pattern: '(unclosed'\n", "bad regular expression"),
    ("version: 1\nrules:\n  - id: x.lex\n    kind: lexicon\n    words: []\n", "invalid rules file"),
    ("version: 1\nrules:\n  - id: x.lex\n    kind: lexicon\n    words: [a]\n    colour: red\n", "invalid rules file"),
    ("version: [1\n", "cannot read rules file"),
])
def test_malformed_file_names_the_file(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(RulesError, match=message) as info:
        load_rules(tmp_path)
    assert "broken.yaml" in str(info.value)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no rules files"):
        load_rules(tmp_path)


def test_unknown_rule_id_is_a_clear_error() -> None:
    with pytest.raises(RulesError, match="no lexicon rule 'nope.nothing'"):
        load_rules().lexicon("nope.nothing")


def test_every_shipped_file_is_in_the_package_folder() -> None:
    assert {p.name for p in RULES_DIR.glob("*.yaml")} >= {"awards.yaml", "names.yaml", "numbers.yaml"}
