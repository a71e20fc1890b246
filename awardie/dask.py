"""awardie on dask: extract a `dask.bag.Bag` of documents, one Pipeline per worker process.

    >>> import dask.bag as db
    >>> from awardie.dask import extract_bag, extract_partition
    >>> bag = db.from_sequence([("doc-1", text1), ("doc-2", text2)], npartitions=2)
    >>> rows = extract_bag(bag, ner="none").compute()
    >>> # the same by hand:
    >>> rows = bag.map_partitions(extract_partition, ner="none").compute()

Items are a text (str), an (id, text) pair, or a {"id": ..., "text": ...}
mapping. Each gives one row, the shape of `awardie extract`'s JSON lines:
{"id": id, "extraction": {...}} or, for a document that failed,
{"id": id, "error": "...", "type": "..."} (id is None for a bare str).
With `gold=True` a row is the gold shape of ANNOTATION.md instead.

The Pipeline is built the first time a worker process runs a partition and
kept in this module (one per process and NER spec), so the model loads once
per worker, not once per partition. Needs `pip install awardie[dask]`.
"""
from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .parallel import NerSpec, resolve_ner

if TYPE_CHECKING:
    import dask.bag

    from .pipeline import Pipeline

__all__ = ["extract_bag", "extract_partition", "worker_pipeline"]

_pipelines: dict[str, "Pipeline"] = {}  # per-process holder: NER spec key -> Pipeline
_lock = threading.Lock()  # dask workers may run several threads


def _spec_key(ner: NerSpec) -> str:
    if ner is None or isinstance(ner, str):
        return ner or "stanza"
    if isinstance(ner, type) or not hasattr(ner, "tag"):
        return repr(ner)  # a class or a factory such as functools.partial
    simple = {k: v for k, v in sorted(vars(ner).items()) if isinstance(v, (str, int, float, bool, type(None)))}
    return f"{type(ner).__module__}.{type(ner).__qualname__}{simple}{getattr(ner, 'model_dir', '')}"


def worker_pipeline(ner: NerSpec = None) -> "Pipeline":
    """This process's Pipeline for `ner`, built on first use."""
    key = _spec_key(ner)
    with _lock:
        if key not in _pipelines:
            from .pipeline import Pipeline

            _pipelines[key] = Pipeline(ner=resolve_ner(ner))
        return _pipelines[key]


def _split(item: Any) -> tuple[Any, Any]:
    if isinstance(item, str):
        return None, item
    if isinstance(item, Mapping):
        return item.get("id"), item.get("text")
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return item[0], item[1]
    return None, item


def extract_partition(texts: Iterable[Any], ner: NerSpec = None, gold: bool = False) -> list[dict[str, Any]]:
    """Extract one partition: a list of rows (see the module docstring), in input order.

    Meant for `bag.map_partitions(extract_partition, ner=...)`; runs anywhere
    (it is a plain function of an iterable).
    """
    pipeline = worker_pipeline(ner)
    rows: list[dict[str, Any]] = []
    for item in texts:
        doc_id, text = _split(item)
        try:
            ex = pipeline.extract(text)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the partition
            rows.append({"id": doc_id, "error": str(exc) or type(exc).__name__, "type": type(exc).__name__})
            continue
        rows.append(ex.to_gold(doc_id) if gold else {"id": doc_id, "extraction": json.loads(ex.to_json())})
    return rows


def extract_bag(bag: "dask.bag.Bag", ner: NerSpec = None, gold: bool = False) -> "dask.bag.Bag":
    """A bag of rows, one per item of `bag` (lazy: call `.compute()`).

    `ner` must pickle (a name such as "none" or "stanza", a backend class or a
    factory); it is resolved in each worker process.
    """
    from .parallel import portable_ner

    return bag.map_partitions(extract_partition, ner=portable_ner(ner), gold=gold)

