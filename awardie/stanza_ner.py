"""The default statistical NER backend: stanza running awardie's own model.

The model (a stanza BiLSTM-CRF tagger trained on ANERcorp with subword word
vectors from Arabic Wikipedia) ships in `awardie/models/ner/`:

- `nertagger.pt`  the tagger (stanza's `Trainer.save` format)
- `pretrain.pt`   its frozen word vectors (stanza `Pretrain` format)
- `subwords.npz`  (optional) fastText n-gram rows: vectors for unknown words
- `meta.json`     training data hashes, scores, versions, licences

Rebuild them with `python -m awardie.training.ner_stanza` (see
`awardie/training/README.md`).

Tokens are folded with `awardie.text.fold` before tagging, exactly as the
training data was, so callers pass awardie's tokens unchanged. Importing
this module imports neither torch nor stanza; the model loads on the first
`tag()` call, once, under a lock, and never touches the network.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Sequence

from .errors import ModelError, ModelNotFoundError
from .text import fold, split_proclitics

__all__ = ["StanzaNER", "DEFAULT_MODEL_DIR", "MODEL_FILE", "PRETRAIN_FILE", "TYPE_MAP", "to_awardie_tag"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner"
MODEL_FILE = "nertagger.pt"
PRETRAIN_FILE = "pretrain.pt"
SUBWORD_FILE = "subwords.npz"  # optional: vectors for unknown words
OOV_SLOTS = 4096  # unknown words with a subword vector per batch
REBUILD_HINT = "Rebuild it with `python -m awardie.training.ner_stanza` (see awardie/training/README.md)."

_PUNCT = "؛،؟.,;:!?\"'()[]{}«»“”‘’-_/\\"

# corpus label -> awardie entity type; MISC is kept as MISC (dropped downstream)
TYPE_MAP = {
    "PERS": "PERSON", "PER": "PERSON", "PERSON": "PERSON",
    "ORG": "ORGANISATION", "ORGANIZATION": "ORGANISATION", "ORGANISATION": "ORGANISATION",
    "LOC": "LOCATION", "LOCATION": "LOCATION", "GPE": "LOCATION",
    "MISC": "MISC", "MIS": "MISC",
}


def to_awardie_tag(tag: str) -> str:
    """A BIO/BIOES tag over corpus types -> a BIO tag over awardie types ('S-PERS' -> 'B-PERSON')."""
    if not tag or tag == "O" or "-" not in tag:
        return "O"
    prefix, _, typ = tag.partition("-")
    prefix = {"S": "B", "E": "I"}.get(prefix, prefix)
    if prefix not in ("B", "I"):
        return "O"
    return f"{prefix}-{TYPE_MAP.get(typ.upper(), typ.upper())}"


def model_input(token: str) -> str:
    """The string the tagger sees for one token (folded, never empty, no spaces)."""
    s = fold(token).strip()
    if not s:
        s = token.strip() or "_"
    return "\xa0".join(s.split())


class StanzaNER:
    """awardie's shipped stanza NER model as an `NERBackend`.

    Construction is cheap: it only checks that the model files exist
    (raising `ModelNotFoundError` naming the missing file). The model is
    loaded on the first `tag()` call; an unreadable file raises `ModelError`
    naming it. `tag` is thread-safe and runs all sentences in one batched call.
    """

    name = "stanza"

    def __init__(self, model_dir: str | Path | None = None, *, batch_size: int = 128, oov_stems: bool = True,
                 oov_vectors: bool = True, o_bias: float | None = None) -> None:
        self.model_dir = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
        self.model_path = self.model_dir / MODEL_FILE
        self.pretrain_path = self.model_dir / PRETRAIN_FILE
        self.batch_size = batch_size
        # a word without a vector borrows the vector of its stem when stripping proclitics
        # (و ف ب ل ك ال ...) gives a known word: وبالقاهرة -> القاهرة
        self.oov_stems = oov_stems
        # a word still without a vector gets one built from its character n-grams (SUBWORD_FILE, optional)
        self.oov_vectors = oov_vectors
        self._subwords: Any = None
        # subtracted from the score of tag O before decoding (> 0 trades precision for recall);
        # None: the value tuned on the dev set, stored in meta.json ("inference": {"o_bias": ...})
        self.o_bias = o_bias
        self._lookup_cache: dict[str, Any] = {}  # word -> lookup form, or a vector (torch tensor)
        if not self.model_dir.is_dir():
            raise ModelNotFoundError(f"NER model folder {self.model_dir} does not exist. {REBUILD_HINT}")
        for path in (self.model_path, self.pretrain_path):
            if not path.is_file():
                raise ModelNotFoundError(f"NER model file {path} is missing. {REBUILD_HINT}")
        self._lock = threading.Lock()
        self._trainer: Any = None
        self._config: dict | None = None

    def __repr__(self) -> str:
        return f"StanzaNER(model_dir={str(self.model_dir)!r})"

    # -- loading -----------------------------------------------------------
    def _load(self) -> None:
        import torch  # noqa: F401  (imported here, never at module import)
        from stanza.models.common.pretrain import Pretrain
        from stanza.models.ner.trainer import Trainer

        try:
            pretrain = Pretrain(str(self.pretrain_path), save_to_file=False)
            pretrain.load()
            emb = pretrain.emb
            if emb.dtype != torch.float32:  # shipped as float16 to halve the file
                pretrain._emb = emb.float()
        except Exception as e:  # noqa: BLE001 - any failure here means an unusable file
            raise ModelError(f"NER word-vector file {self.pretrain_path} cannot be read ({type(e).__name__}: {e}). "
                             f"{REBUILD_HINT}") from e
        try:
            # stanza's Trainer always builds an optimizer; tagging never uses it, and building it
            # costs seconds of cold start (torch.optim and dynamo imports), so it is skipped here
            from unittest import mock

            from stanza.models.common import utils as stanza_utils

            with mock.patch.object(stanza_utils, "get_optimizer", lambda *args, **kwargs: None):
                trainer = Trainer(model_file=str(self.model_path), pretrain=pretrain, device="cpu",
                                  args={"charlm_forward_file": None, "charlm_backward_file": None})
        except Exception as e:  # noqa: BLE001
            raise ModelError(f"NER model file {self.model_path} cannot be read or does not match {self.pretrain_path.name} "
                             f"({type(e).__name__}: {e}). {REBUILD_HINT}") from e
        trainer.model.eval()
        self._subwords = None
        self._slots: list[str] = []
        subword_path = self.model_dir / SUBWORD_FILE
        if self.oov_vectors and subword_path.is_file():
            try:
                self._subwords = _Subwords(subword_path)
            except Exception as e:  # noqa: BLE001
                raise ModelError(f"NER subword table {subword_path} cannot be read ({type(e).__name__}: {e}). "
                                 f"{REBUILD_HINT}") from e
            self._add_slots(trainer, OOV_SLOTS)
        tag_ids = trainer.vocab["tag"]._unit2id
        self._o_index = (tag_ids[trainer.args.get("predict_tagset") or 0] if isinstance(tag_ids, dict) and 0 in tag_ids
                         else tag_ids)["O"]
        if self.o_bias is None:
            self.o_bias = float(self._meta().get("inference", {}).get("o_bias", 0.0))
        config = dict(trainer.args)
        config["batch_size"] = self.batch_size
        self._config = config
        self._trainer = trainer

    def _meta(self) -> dict:
        path = self.model_dir / "meta.json"
        if not path.is_file():
            return {}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            raise ModelError(f"NER model description {path} is not valid JSON ({e}). {REBUILD_HINT}") from e

    def _add_slots(self, trainer: Any, n: int) -> None:
        """Append `n` spare rows to the frozen word-vector table; each batch writes its unknown words' vectors there."""
        import torch
        from stanza.models.common.vocab import PAD_ID

        vocab = trainer.vocab["word"]
        base = len(vocab)
        self._slots = [f"\ue000{k}" for k in range(n)]
        vocab._id2unit = list(vocab._id2unit) + self._slots
        vocab._unit2id.update({name: base + k for k, name in enumerate(self._slots)})
        old = trainer.model.word_emb
        new = torch.nn.Embedding(base + n, old.weight.shape[1], PAD_ID)
        new.weight.requires_grad_(False)
        new.weight.data[:base] = old.weight.data
        new.weight.data[base:] = 0
        trainer.model.word_emb = new
        self._slot_base = base

    def load(self) -> "StanzaNER":
        """Load the model now (otherwise the first `tag()` does)."""
        with self._lock:
            if self._trainer is None:
                self._load()
        return self

    @property
    def labels(self) -> list[str]:
        """The entity types the model predicts, in awardie's names."""
        self.load()
        return sorted({TYPE_MAP.get(t, t) for t in self._trainer.get_known_tags()})

    # -- tagging -----------------------------------------------------------
    def tag_raw(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The model's own tags (BIOES over ANERcorp types), one per token."""
        sents = [list(s) for s in sentences]
        out: list[list[str]] = [["O"] * len(s) for s in sents]
        nonempty = [i for i, s in enumerate(sents) if s]
        if not nonempty:
            return out
        # longest first, so that each batch holds sentences of similar length (less padding)
        nonempty.sort(key=lambda i: -len(sents[i]))
        data = [[model_input(tok) for tok in sents[i]] for i in nonempty]
        with self._lock:
            if self._trainer is None:
                self._load()
            preds = self._predict(data)
        if len(preds) != len(nonempty):
            raise ModelError(f"stanza returned {len(preds)} sentences for {len(nonempty)}")
        for i, p in zip(nonempty, preds):
            if len(p) != len(sents[i]):
                raise ModelError(f"stanza returned {len(p)} tags for a sentence of {len(sents[i])} tokens")
            out[i] = list(p)
        return out

    def _predict(self, data: list[list[str]]) -> list[list[str]]:
        """stanza's NERProcessor/Trainer.predict, minus its Document objects and with a batched Viterbi."""
        import torch
        from stanza.models.common.utils import unsort
        from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
        from stanza.models.ner.data import DataLoader
        from stanza.models.ner.trainer import fix_singleton_tags, unpack_batch

        trainer, config = self._trainer, self._config
        model = trainer.model
        tag_vocab = trainer.vocab["tag"]
        column = config.get("predict_tagset") or 0
        loader = DataLoader(_Sentences(data), config["batch_size"], config, vocab=trainer.vocab, evaluation=True,
                            preprocess_tags=False, bert_tokenizer=None)
        preds: list[list[str]] = []
        with torch.no_grad():
            for batch in loader:
                if self.oov_stems or self._subwords is not None:
                    batch = (self._lookup_forms(batch[0]),) + tuple(batch[1:])
                inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = \
                    unpack_batch(batch, "cpu")
                word, wordchars, wordchars_mask, chars, tags = inputs
                _, logits, trans = model(word, wordchars, wordchars_mask, tags, word_orig_idx, sentlens, wordlens,
                                         chars, charoffsets, charlens, char_orig_idx)
                scores = logits[column].cpu().numpy().copy()
                scores[:, :, :VOCAB_PREFIX_SIZE] = -1e4  # <PAD> <UNK> ... are never real tags
                if self.o_bias:
                    scores[:, :, self._o_index] -= self.o_bias
                ids = _viterbi_batch(scores, trans[column].cpu().numpy(), sentlens)
                seqs = []
                for row in ids:
                    row = [max(int(x), VOCAB_PREFIX_SIZE) for x in row]
                    labels = [t[column] if isinstance(t, list) else t for t in tag_vocab.unmap([(x,) for x in row])]
                    seqs.append(fix_singleton_tags(labels))
                preds += unsort(seqs, orig_idx)
        return preds

    def _lookup_forms(self, words: list[list[str]]) -> list[list[str]]:
        """Words as looked up in the word-vector table (the character model still sees the token itself).

        Known words stay. An unknown word becomes its stem when stripping proclitics (و ف ب ل ك ال ...)
        or attached punctuation gives a known word (وبالقاهرة -> القاهرة); otherwise, with a subword
        table, it gets a spare row holding a vector built from its character n-grams.
        """
        vocab = self._trainer.vocab["word"]
        cache = self._lookup_cache
        if len(cache) > 100_000:
            cache.clear()
        slots: dict[str, str] = {}
        out = []
        for sent in words:
            row = []
            for w in sent:
                entry = cache.get(w)
                if entry is None:
                    entry = self._lookup_entry(w, vocab)
                    cache[w] = entry
                if isinstance(entry, str):
                    row.append(entry)
                    continue
                slot = slots.get(w)  # entry is a vector
                if slot is None and len(slots) < len(self._slots):
                    slot = self._slots[len(slots)]
                    slots[w] = slot
                    self._trainer.model.word_emb.weight.data[self._slot_base + len(slots) - 1] = entry
                row.append(slot if slot is not None else w)
            out.append(row)
        return out

    def _lookup_entry(self, w: str, vocab: Any) -> Any:
        low = w.lower()
        if low in vocab:
            return w
        if self.oov_stems:
            core = low.strip(_PUNCT)  # 'كابول؛' -> 'كابول' (corpus tokens may keep punctuation)
            cands = ([core] if core and core != low else []) + \
                [stem for base in dict.fromkeys((low, core or low)) for _, stem in split_proclitics(base)[1:]]
            for cand in cands:
                if cand in vocab:
                    return cand
        if self._subwords is not None and any(c.isalpha() for c in low):
            vec = self._subwords.vector(low)
            if vec is not None:
                import torch

                return torch.from_numpy(vec)
        return w

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags over awardie types (B-PERSON, I-LOCATION, B-ORGANISATION, B-MISC ...), one per token."""
        return [[to_awardie_tag(t) for t in sent] for sent in self.tag_raw(sentences)]


def ngram_hashes(word: str, min_n: int, max_n: int, buckets: int) -> list[int]:
    """fastText's n-gram bucket ids of `word` (as gensim's `ft_ngram_hashes`, in pure Python)."""
    s = f"<{word}>"
    out = []
    for i in range(len(s)):
        for n in range(min_n, max_n + 1):
            if i + n > len(s):
                break
            if n == 1 and (i == 0 or i + n == len(s)):
                continue
            h = 2166136261
            for b in s[i:i + n].encode("utf-8"):
                h ^= (b - 256 if b > 127 else b) & 0xFFFFFFFF  # fastText hashes signed chars
                h = (h * 16777619) & 0xFFFFFFFF
            out.append(h % buckets)
    return out


class _Subwords:
    """Vectors for unknown words from a table of fastText n-gram buckets (see awardie.training.vectors)."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            self.buckets = z["buckets"]
            self.vectors = z["vectors"].astype(np.float32)
            self.min_n, self.max_n, self.n_buckets = (int(x) for x in z["params"])

    def vector(self, word: str) -> Any:
        import numpy as np

        hashes = np.asarray(ngram_hashes(word, self.min_n, self.max_n, self.n_buckets), dtype=np.int64)
        if not len(hashes):
            return None
        pos = np.searchsorted(self.buckets, hashes)
        pos = np.minimum(pos, len(self.buckets) - 1)
        found = pos[self.buckets[pos] == hashes]
        if len(found) * 2 < len(hashes):  # too few known n-grams to trust the vector
            return None
        vec = self.vectors[found].sum(axis=0) / len(hashes)
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else None


class _Sentences:
    """The one method of stanza's Document that its NER DataLoader calls, over plain token lists."""

    def __init__(self, sentences: list[list[str]]) -> None:
        self.sentences = sentences

    def get(self, fields: Any, as_sentences: bool = False, from_token: bool = False) -> list:
        return [[[w, None, None] for w in sent] for sent in self.sentences]


def _viterbi_batch(scores: Any, trans: Any, lengths: Sequence[int]) -> list[list[int]]:
    """stanza's `viterbi_decode` (same arithmetic, so the same paths) over a padded batch at once.

    scores: batch x time x tags; trans: tags x tags; lengths: real length of each row.
    """
    import numpy as np

    n, t_max, _ = scores.shape
    lengths = np.asarray(lengths)
    trellis = scores[:, 0].copy()
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, t_max):
        v = trellis[:, :, None] + trans[None, :, :]
        best = v.max(axis=1)
        back[:, t] = v.argmax(axis=1)
        active = lengths > t
        trellis[active] = scores[active, t] + best[active]
    paths = []
    for i in range(n):
        path = [int(np.argmax(trellis[i]))]
        for t in range(int(lengths[i]) - 1, 0, -1):
            path.append(int(back[i, t, path[-1]]))
        path.reverse()
        paths.append(path)
    return paths
