"""Rules are data: YAML files in this folder, validated on load, compiled once.

Each file holds a list of rules; every rule has a stable `id` (used as the
`source` of whatever it produces) and is one of:

- `lexicon`: a list of words or phrases, matched on folded text, whole
  words, optionally behind proclitics (بجائزة matches جائزة);
- `regex`: a regular expression over folded text (see `awardie.text.fold`);
  matches map back to the original string through the offset map.

`load_rules()` reads every `*.yaml` here (or the folder you pass), checks it
against the schema below, and returns a cached, compiled `RuleSet`. A
malformed file raises `RulesError` naming the file and the rule.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import RulesError
from ..text import fold

__all__ = ["Lexicon", "RegexRule", "RuleSet", "load_rules", "RULES_DIR"]

RULES_DIR = Path(__file__).resolve().parent

_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"


class _RuleBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(pattern=_ID)
    description: str = ""


class LexiconRule(_RuleBase):
    kind: Literal["lexicon"]
    words: list[str] = Field(min_length=1)
    proclitics: bool = True  # allow و ف ب ل ك (+ ال) before the first word
    value: Optional[Union[int, str]] = None  # e.g. an ordinal's number

    @field_validator("words")
    @classmethod
    def _non_empty_words(cls, words: list[str]) -> list[str]:
        for w in words:
            if not w.strip():
                raise ValueError("empty word in lexicon")
        return words


class RegexRule(_RuleBase):
    kind: Literal["regex"]
    pattern: str
    value: Optional[Union[int, float, str]] = None
    score: float = Field(default=0.9, ge=0.0, le=1.0)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from exc
        return pattern


Rule = Annotated[Union[LexiconRule, RegexRule], Field(discriminator="kind")]


class RuleFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    version: int = Field(ge=1)
    rules: list[Rule]


class Lexicon:
    """A compiled lexicon: folded entries, looked up by their first word."""

    def __init__(self, rule: LexiconRule) -> None:
        self.id = rule.id
        self.proclitics = rule.proclitics
        self.value = rule.value
        self.entries: tuple[tuple[str, ...], ...] = tuple(
            sorted({tuple(fold(w).split()) for w in rule.words}, key=len, reverse=True)
        )
        self.words: frozenset[str] = frozenset(" ".join(e) for e in self.entries)
        self.first_words: frozenset[str] = frozenset(e[0] for e in self.entries)

    def __contains__(self, folded_word: str) -> bool:
        return folded_word in self.words

    def __repr__(self) -> str:
        return f"Lexicon({self.id!r}, {len(self.entries)} entries)"


class CompiledRegex:
    def __init__(self, rule: RegexRule) -> None:
        self.id = rule.id
        self.value = rule.value
        self.score = rule.score
        self.regex = re.compile(rule.pattern)

    def __repr__(self) -> str:
        return f"CompiledRegex({self.id!r})"


class RuleSet:
    """All rules of a folder, by id."""

    def __init__(self, lexicons: dict[str, Lexicon], regexes: dict[str, CompiledRegex], files: tuple[Path, ...]):
        self._lexicons = lexicons
        self._regexes = regexes
        self.files = files

    def lexicon(self, rule_id: str) -> Lexicon:
        try:
            return self._lexicons[rule_id]
        except KeyError:
            raise RulesError(f"no lexicon rule {rule_id!r} in {[str(f) for f in self.files]}") from None

    def regex(self, rule_id: str) -> CompiledRegex:
        try:
            return self._regexes[rule_id]
        except KeyError:
            raise RulesError(f"no regex rule {rule_id!r} in {[str(f) for f in self.files]}") from None

    def lexicons(self, prefix: str) -> list[Lexicon]:
        """Every lexicon whose id starts with `prefix`, in id order."""
        return [lx for rid, lx in sorted(self._lexicons.items()) if rid.startswith(prefix)]

    def regexes(self, prefix: str) -> list[CompiledRegex]:
        return [rx for rid, rx in sorted(self._regexes.items()) if rid.startswith(prefix)]

    def __len__(self) -> int:
        return len(self._lexicons) + len(self._regexes)


def _read_file(path: Path) -> RuleFile:
    import yaml

    try:
        # libyaml's parser when PyYAML has it (same safe subset, ~10x faster: cold start)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulesError(f"cannot read rules file {path}: {exc}") from exc
    try:
        return RuleFile.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(f"invalid rules file {path}:\n{exc}") from exc


@lru_cache(maxsize=8)
def load_rules(folder: Optional[Path] = None) -> RuleSet:
    """Load, validate and compile every rules file in `folder` (default: awardie/rules)."""
    folder = Path(folder) if folder is not None else RULES_DIR
    files = tuple(sorted(folder.glob("*.yaml")))
    if not files:
        raise RulesError(f"no rules files (*.yaml) in {folder}")
    lexicons: dict[str, Lexicon] = {}
    regexes: dict[str, CompiledRegex] = {}
    origin: dict[str, Path] = {}
    for path in files:
        for rule in _read_file(path).rules:
            if rule.id in origin:
                raise RulesError(f"rule id {rule.id!r} in {path} is already defined in {origin[rule.id]}")
            origin[rule.id] = path
            if isinstance(rule, LexiconRule):
                lexicons[rule.id] = Lexicon(rule)
            else:
                regexes[rule.id] = CompiledRegex(rule)
    return RuleSet(lexicons, regexes, files)
