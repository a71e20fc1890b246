"""Public result types. Every one is a frozen pydantic model with extra="forbid".

Offsets are the contract: for every span, `text[start:end] == span.text`
holds on the ORIGINAL string given to `extract`, and `Extraction` checks it
when built.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "EntityType",
    "RelationType",
    "Unit",
    "Span",
    "Entity",
    "Relation",
    "AwardRecord",
    "MetricRecord",
    "PersonRecord",
    "Extraction",
]

EntityType = Literal["ORGANISATION", "PERSON", "LOCATION", "AWARD", "WORK", "YEAR", "METRIC"]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]

RelationType = Literal[
    "winner",  # head: AWARD, tail: the winner (ORGANISATION / PERSON / LOCATION / WORK)
    "year",  # head: AWARD, tail: YEAR
    "conferred_by",  # head: AWARD, tail: ORGANISATION / PERSON
    "received_by",  # head: AWARD, tail: PERSON
    "for_work",  # head: AWARD, tail: WORK
    "patron",  # head: AWARD, tail: PERSON
    "category_of",  # head: AWARD (category), tail: AWARD (competition)
    "alias",  # head: AWARD, tail: AWARD naming the same win
    "metric_subject",  # head: METRIC, tail: named entity
    "person_organisation",  # head: PERSON, tail: ORGANISATION
]
Unit = str  # "percent" | "count" | "other" | "currency:<ISO 4217>"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A half-open character span [start, end) of the original text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != end - start {self.end - self.start}")
        return self


class Entity(Span):
    """A named mention. `value` holds the number of a YEAR or METRIC."""

    type: EntityType
    source: str = Field(description="id of the rule or name of the model that produced it")
    score: float = Field(ge=0.0, le=1.0)
    value: Optional[float] = None


class Relation(_Frozen):
    type: RelationType
    head: Entity
    tail: Entity
    source: str
    score: float = Field(ge=0.0, le=1.0)


class AwardRecord(_Frozen):
    """One win: (winner, award, year) with its other slots, as in ANNOTATION.md."""

    winner: str
    award: str
    award_aliases: tuple[str, ...] = ()
    category_of: Optional[str] = None
    year: Optional[int] = None
    conferred_by: Optional[str] = None
    received_by: tuple[str, ...] = ()
    for_work: Optional[str] = None
    patron: Optional[str] = None
    consecutive: Optional[int] = None
    evidence: str
    evidence_span: Span
    award_span: Span
    source: str
    score: float = Field(ge=0.0, le=1.0)

    def to_gold(self) -> dict[str, Any]:
        d = self.model_dump(include=set(_GOLD_AWARD_KEYS))
        d["award_aliases"] = list(self.award_aliases)
        d["received_by"] = list(self.received_by)
        return {k: d[k] for k in _GOLD_AWARD_KEYS}


_GOLD_AWARD_KEYS = (
    "winner", "award", "award_aliases", "category_of", "year", "conferred_by",
    "received_by", "for_work", "patron", "consecutive", "evidence",
)


class MetricRecord(_Frozen):
    span: Span
    value: float
    unit: Unit
    subject: Optional[str] = None
    property: Optional[str] = None
    source: str
    score: float = Field(ge=0.0, le=1.0)

    def to_gold(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"text": self.span.text, "start": self.span.start, "end": self.span.end, "value": value,
                "unit": self.unit, "subject": self.subject, "property": self.property}


class PersonRecord(_Frozen):
    name: str
    role: str
    organisation: Optional[str] = None
    span: Span
    source: str
    score: float = Field(ge=0.0, le=1.0)

    def to_gold(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "organisation": self.organisation}


class Extraction(_Frozen):
    """Everything awardie found in one text. Lists are tuples and may be empty."""

    text: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    awards: tuple[AwardRecord, ...] = ()
    metrics: tuple[MetricRecord, ...] = ()
    people: tuple[PersonRecord, ...] = ()

    @model_validator(mode="after")
    def _offsets_hold(self) -> "Extraction":
        spans: list[Span] = list(self.entities)
        spans += [r.evidence_span for r in self.awards] + [r.award_span for r in self.awards]
        spans += [m.span for m in self.metrics] + [p.span for p in self.people]
        for s in spans:
            if s.end > len(self.text) or self.text[s.start:s.end] != s.text:
                raise ValueError(f"span {s.start}:{s.end} {s.text!r} does not match the text")
        return self

    def to_gold(self, id: str | None = None) -> dict[str, Any]:
        """The gold JSONL shape of ANNOTATION.md (one document)."""
        return {
            "id": id,
            "text_sha256": hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            "entities": [{"start": e.start, "end": e.end, "type": e.type, "text": e.text} for e in self.entities],
            "awards": [a.to_gold() for a in self.awards],
            "metrics": [m.to_gold() for m in self.metrics],
            "people": [p.to_gold() for p in self.people],
        }

    def to_json(self, gold: bool = False, id: str | None = None) -> str:
        """JSON text, deterministic (sorted keys). `gold=True` gives the gold line shape."""
        data = self.to_gold(id) if gold else self.model_dump(mode="json")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    def _repr_html_(self) -> str:
        from .render import render_html

        return render_html(self)
