"""A CAMeL Tools NER backend, for users who have CAMeL Tools' NER model locally.

CAMeL Tools' NER model (a fine-tuned BERT) cannot be downloaded by awardie;
point this backend at a local model folder (one holding `config.json`,
the weights and `vocab.txt`), or set `CAMELTOOLS_DATA` to a CAMeL Tools
data root that contains `data/ner/arabert` (or `ner/arabert`).

`camel_tools.ner` is imported only when the model is loaded (first `tag()`
call). Importing `camel_tools.ner` normally loads CAMeL's data catalogue at
import time, which creates `~/.camel_tools` and downloads the catalogue when
it is missing; awardie imports it with the catalogue module stubbed out
(only `NERecognizer.pretrained`, which awardie never calls, needs it), so
nothing touches the network or creates folders.
"""
from __future__ import annotations

import os
import sys
import threading
import types
from pathlib import Path
from typing import Any, Sequence

from .errors import ModelError, ModelNotFoundError
from .stanza_ner import to_awardie_tag

__all__ = ["CamelNER", "find_camel_model"]

_MODEL_SUBDIRS = ("data/ner/arabert", "ner/arabert", "arabert", ".")


def find_camel_model(model_path: str | Path | None = None) -> Path:
    """The CAMeL NER model folder: `model_path`, else one found under $CAMELTOOLS_DATA."""
    if model_path is not None:
        p = Path(model_path).expanduser()
        if not (p / "config.json").is_file():
            raise ModelNotFoundError(f"CAMeL NER model folder {p} has no config.json "
                                     "(expected a BERT token-classification folder such as CAMeL Tools' data/ner/arabert)")
        return p
    root = os.environ.get("CAMELTOOLS_DATA")
    if not root:
        raise ModelNotFoundError("CamelNER needs a model folder: pass model_path=... or set CAMELTOOLS_DATA "
                                 "to a CAMeL Tools data folder containing data/ner/arabert")
    for sub in _MODEL_SUBDIRS:
        p = Path(root).expanduser() / sub
        if (p / "config.json").is_file():
            return p
    raise ModelNotFoundError(f"no CAMeL NER model under CAMELTOOLS_DATA={root} "
                             f"(looked for config.json in {', '.join(_MODEL_SUBDIRS)})")


def _import_recognizer() -> Any:
    """`camel_tools.ner.NERecognizer`, imported without loading CAMeL's data catalogue."""
    if "camel_tools.ner" in sys.modules or "camel_tools.data" in sys.modules:
        from camel_tools.ner import NERecognizer

        return NERecognizer
    stub = types.ModuleType("camel_tools.data")
    stub.CATALOGUE = None  # type: ignore[attr-defined]
    sys.modules["camel_tools.data"] = stub
    try:
        from camel_tools.ner import NERecognizer
    finally:
        # let a later `import camel_tools.data` load the real module
        if sys.modules.get("camel_tools.data") is stub:
            del sys.modules["camel_tools.data"]
        pkg = sys.modules.get("camel_tools")
        if pkg is not None and getattr(pkg, "data", None) is stub:
            delattr(pkg, "data")
    return NERecognizer


class CamelNER:
    """CAMeL Tools' BERT NER as an `NERBackend` (labels mapped: PERS→PERSON, ORG→ORGANISATION, LOC→LOCATION).

    CAMeL's recogniser splits each word into word pieces and labels the
    first piece, so it returns one label per input word, except for words
    its tokenizer turns into nothing; those are given the tokenizer's
    unknown token, and the label count is checked against the token count.
    """

    name = "camel"

    def __init__(self, model_path: str | Path | None = None, *, batch_size: int = 32, use_gpu: bool = False) -> None:
        self.model_path = find_camel_model(model_path)
        self.batch_size = batch_size
        self.use_gpu = use_gpu
        self._lock = threading.Lock()
        self._recognizer: Any = None

    def __repr__(self) -> str:
        return f"CamelNER(model_path={str(self.model_path)!r})"

    def load(self) -> "CamelNER":
        with self._lock:
            if self._recognizer is None:
                NERecognizer = _import_recognizer()
                try:
                    self._recognizer = NERecognizer(str(self.model_path), use_gpu=self.use_gpu)
                except Exception as e:  # noqa: BLE001
                    raise ModelError(f"cannot load the CAMeL NER model in {self.model_path} "
                                     f"({type(e).__name__}: {e})") from e
        return self

    def _prepare(self, sentence: Sequence[str]) -> list[str]:
        tok = self._recognizer.tokenizer
        out = []
        for word in sentence:
            w = str(word)
            if not w.strip() or not tok.tokenize(w):
                w = tok.unk_token
            out.append(w)
        return out

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags over awardie types, one per input token."""
        sents = [list(s) for s in sentences]
        if not sents:
            return []
        self.load()
        with self._lock:
            inputs = [self._prepare(s) for s in sents]
            labels = self._recognizer.predict(inputs, batch_size=self.batch_size)
        if len(labels) != len(sents):
            raise ModelError(f"CAMeL NER returned {len(labels)} sentences for {len(sents)}")
        out: list[list[str]] = []
        for i, (sent, labs) in enumerate(zip(sents, labels)):
            if len(labs) != len(sent):
                raise ModelError(f"CAMeL NER returned {len(labs)} labels for the {len(sent)} tokens of sentence {i}; "
                                 "its word-piece tokenizer dropped or merged tokens")
            out.append([to_awardie_tag(str(t)) for t in labs])
        return out
