"""awardie: Arabic information extraction for award news.

    >>> import awardie
    >>> ex = awardie.extract("فازت وزارة الأشغال بجائزة التواصل الإلكتروني عام 2015")
    >>> [(a.winner, a.award, a.year) for a in ex.awards]

`extract` uses one default `Pipeline`, built on first use. Build your own
`Pipeline(...)` to choose the NER backend or the rules folder, and call
`pipeline.extract(text)` or `pipeline.pipe(texts)`.

Importing awardie loads no model, reaches no network and writes no file.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from .errors import AwardieError, ModelError, ModelNotFoundError, RulesError
from .schema import AwardRecord, Entity, Extraction, MetricRecord, PersonRecord, Relation, Span

if TYPE_CHECKING:
    from .parallel import extract_many
    from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "extract",
    "extract_many",
    "Pipeline",
    "Extraction",
    "Entity",
    "Relation",
    "Span",
    "AwardRecord",
    "MetricRecord",
    "PersonRecord",
    "AwardieError",
    "ModelError",
    "ModelNotFoundError",
    "RulesError",
    "__version__",
]

_default: "Pipeline | None" = None
_default_lock = threading.Lock()


def _default_pipeline() -> "Pipeline":
    global _default
    with _default_lock:
        if _default is None:
            from .pipeline import Pipeline

            _default = Pipeline()
        return _default


def extract(text: str) -> Extraction:
    """Extract entities, relations and award/metric/people records from one Arabic text."""
    return _default_pipeline().extract(text)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name == "extract_many":
        from .parallel import extract_many

        return extract_many
    raise AttributeError(f"module 'awardie' has no attribute {name!r}")
