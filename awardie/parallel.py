"""Extract many documents, optionally over several processes.

    >>> from awardie.parallel import extract_many
    >>> results = extract_many(texts, processes=4)      # one result per text, in order

The pipeline (and its model) is built once. On Linux the workers are forked
from this process after it has built the pipeline, so they share the loaded
model and start in milliseconds; with `start_method="spawn"` (the default
elsewhere, and safe on every platform) each worker builds its own pipeline
once, in the pool initializer, and reuses it for every document it gets. With
`ner=None` (awardie's model) the pipeline is the one `awardie.extract` uses.
A document that fails gives a `DocumentError` in its place and the others go
on. Unless OMP_NUM_THREADS is set, each worker limits torch to
cpu_count // processes threads, so that N workers do not each start one
thread per CPU.

`ner` is what the workers use to build their NER backend: `None` or
"stanza" (awardie's model), "none" (rules only), a backend class or any
zero-argument factory, or a backend object (sent to the workers by pickle;
`StanzaNER` objects are rebuilt there from their settings).
"""
from __future__ import annotations

import functools
import gc
import os
import pickle
import sys
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, Union

if TYPE_CHECKING:
    from .ner import NERBackend
    from .pipeline import DocumentError, Pipeline
    from .schema import Extraction

__all__ = ["extract_many", "iter_extract", "resolve_ner", "portable_ner", "pipeline_for", "default_start_method",
           "NER_NAMES", "NerSpec"]

NerSpec = Union[None, str, "NERBackend", Callable[[], "NERBackend"]]
Result = Union["Extraction", "DocumentError"]
NER_NAMES: tuple[str, ...] = ("stanza", "none")

_worker_pipeline: "Optional[Pipeline]" = None
_worker_error: Optional[tuple[str, str]] = None  # (message, exception type) if the initializer failed
_fork_pipeline: "Optional[Pipeline]" = None  # built by the parent, inherited by forked workers


def resolve_ner(ner: NerSpec) -> "NERBackend":
    """The NER backend named or built by `ner` (see the module docstring)."""
    from .ner import NERBackend, NoNER, default_backend

    if ner is None or ner == "stanza":
        return default_backend()
    if ner == "none":
        return NoNER()
    if isinstance(ner, str):
        raise ValueError(f"unknown NER backend {ner!r}; use one of {', '.join(NER_NAMES)}")
    if not isinstance(ner, type) and isinstance(ner, NERBackend):
        return ner
    if callable(ner):
        return ner()
    raise TypeError(f"ner must be a backend name, a backend or a factory, got {type(ner).__name__}")


def portable_ner(ner: NerSpec) -> NerSpec:
    """A form of `ner` that can be pickled to another process."""
    from .ner import NERBackend

    if ner is None or isinstance(ner, str) or isinstance(ner, type) or not isinstance(ner, NERBackend):
        return ner
    try:
        pickle.dumps(ner)
        return ner
    except Exception:  # noqa: BLE001 - e.g. a backend holding a lock or a loaded model
        pass
    from .stanza_ner import StanzaNER

    if isinstance(ner, StanzaNER):
        return functools.partial(StanzaNER, ner.model_dir, batch_size=ner.batch_size,
                                 oov_stems=ner.oov_stems, oov_vectors=ner.oov_vectors)
    raise TypeError(f"NER backend {ner!r} cannot be sent to worker processes (it does not pickle); "
                    "pass a zero-argument factory that builds it instead")


def _error(index: int, exc: BaseException) -> "DocumentError":
    from .pipeline import DocumentError

    return DocumentError(index=index, error=str(exc) or type(exc).__name__, type=type(exc).__name__)


def _extract_one(pipeline: "Pipeline", index: int, text: Any) -> Result:
    try:
        return pipeline.extract(text)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return _error(index, exc)


def _limit_threads(processes: int) -> None:
    """Share the CPUs among the workers: each may use cpu_count // processes math threads
    (an explicit OMP_NUM_THREADS is left alone)."""
    if "OMP_NUM_THREADS" in os.environ:
        return
    n = max(1, (os.cpu_count() or 1) // max(1, processes))
    os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(n)
    if "torch" in sys.modules:  # already imported (a forked worker): tell it directly
        sys.modules["torch"].set_num_threads(n)


def _init_worker(ner: NerSpec, processes: int = 1) -> None:
    """Pool initializer: build this process's Pipeline once. Never raises (a raising
    initializer makes multiprocessing respawn workers forever)."""
    global _worker_pipeline, _worker_error
    try:
        _limit_threads(processes)
        from .pipeline import Pipeline

        _worker_pipeline = Pipeline(ner=resolve_ner(ner))
    except Exception as exc:  # noqa: BLE001
        _worker_error = (f"worker could not build its pipeline: {exc}", type(exc).__name__)


def _init_forked_worker(processes: int) -> None:
    """Pool initializer of a forked worker: use the pipeline the parent built (copy-on-write)."""
    global _worker_pipeline, _worker_error
    try:
        # the garbage collector would walk (and so copy, page by page) every object inherited
        # from the parent; freezing them keeps those pages shared
        gc.freeze()
        _limit_threads(processes)
        _worker_pipeline = _fork_pipeline
    except Exception as exc:  # noqa: BLE001
        _worker_error = (f"worker could not set up: {exc}", type(exc).__name__)


def pipeline_for(ner: NerSpec) -> "Pipeline":
    """The pipeline `extract_many` runs in this process: the default one (shared with
    `awardie.extract`) for awardie's model, else a new one with the backend `ner` names."""
    if ner is None or ner == "stanza":
        from . import _default_pipeline

        return _default_pipeline()
    from .pipeline import Pipeline

    return Pipeline(ner=resolve_ner(ner))


def default_start_method() -> str:
    """"fork" on Linux (workers inherit the loaded model), "spawn" elsewhere."""
    import multiprocessing

    return "fork" if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _work(item: tuple[int, Any]) -> Result:
    index, text = item
    if _worker_pipeline is None:
        from .pipeline import DocumentError

        message, kind = _worker_error or ("worker has no pipeline", "RuntimeError")
        return DocumentError(index=index, error=message, type=kind)
    return _extract_one(_worker_pipeline, index, text)


def _default_chunksize(n: int, processes: int) -> int:
    # small chunks while there are few documents, so that no worker is left with the long tail
    return max(1, min(16, n // (processes * 16)))


def iter_extract(texts: Iterable[Any], processes: int = 1, ner: NerSpec = None, chunksize: Optional[int] = None,
                 progress: bool = False, start_method: Optional[str] = None) -> Iterator[Result]:
    """Like `extract_many`, but yields each result as soon as it (and all before it) are done."""
    global _fork_pipeline
    items: Sequence[Any] = texts if isinstance(texts, Sequence) and not isinstance(texts, str) else list(texts)
    if processes < 1:
        raise ValueError(f"processes must be >= 1, got {processes}")
    method = start_method or default_start_method()
    bar = _progress_bar(len(items)) if progress else None
    try:
        if processes == 1 or len(items) <= 1:
            pipeline = pipeline_for(ner)
            for i, text in enumerate(items):
                result = _extract_one(pipeline, i, text)
                if bar is not None:
                    bar.update(1)
                yield result
            return
        import multiprocessing

        ctx = multiprocessing.get_context(method)
        n_proc = min(processes, len(items))
        size = chunksize or _default_chunksize(len(items), n_proc)
        initializer: Callable[..., None]
        initargs: tuple[Any, ...]
        if method == "fork":
            _fork_pipeline = pipeline_for(ner)  # fails here, in the caller, if it cannot be built
            initializer, initargs = _init_forked_worker, (n_proc,)
        else:
            resolve_ner(ner)  # fail here, in the caller, if the backend cannot be built at all
            initializer, initargs = _init_worker, (portable_ner(ner), n_proc)
        try:
            with ctx.Pool(n_proc, initializer=initializer, initargs=initargs) as pool:
                for result in pool.imap(_work, enumerate(items), chunksize=size):
                    if bar is not None:
                        bar.update(1)
                    yield result
        finally:
            _fork_pipeline = None
    finally:
        if bar is not None:
            bar.close()


def extract_many(texts: Iterable[Any], processes: int = 1, ner: NerSpec = None, chunksize: Optional[int] = None,
                 progress: bool = False, start_method: Optional[str] = None) -> list[Result]:
    """Extract every text; one `Extraction` or `DocumentError` per input, in input order.

    Args:
        texts: the documents (str). Anything else gives a `DocumentError` in its place.
        processes: 1 runs here, in this process; more runs a process pool of that size.
        ner: the NER backend spec (module docstring); default awardie's stanza model.
        chunksize: documents sent to a worker at a time (default: about n / (16 * processes), 1 to 16).
        progress: show a progress bar on stderr (tqdm).
        start_method: multiprocessing start method for the pool: "fork" (default on Linux: workers
            share the model this process loaded), "spawn" (default elsewhere) or "forkserver".
    """
    return list(iter_extract(texts, processes=processes, ner=ner, chunksize=chunksize, progress=progress,
                             start_method=start_method))


def _progress_bar(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)
