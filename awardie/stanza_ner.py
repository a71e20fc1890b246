"""The default statistical NER backend: awardie's own stanza-trained model.

The model (a stanza BiLSTM-CRF tagger trained on ANERcorp with subword word
vectors from Arabic Wikipedia) ships in `awardie/models/ner/`:

- `tagger.npz`    its weights and frozen word vectors (float16 arrays, no pickle)
- `vocab.json`    its vocabularies and tag set
- `subwords.npz`  (optional) fastText n-gram rows: vectors for unknown words
- `meta.json`     training data hashes, scores, versions, licences

Rebuild them with `python -m awardie.training.ner_stanza` (see
`awardie/training/README.md`). stanza trains the model; tagging runs it with
`awardie.tagger_net`, the same arithmetic in plain torch, which starts in a
fraction of the time stanza's loader takes. A stanza training folder
(`nertagger.pt` + `pretrain.pt`) can be passed as `model_dir` as well.

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

__all__ = ["StanzaNER", "DEFAULT_MODEL_DIR", "MODEL_FILE", "VOCAB_FILE", "STANZA_MODEL_FILE", "STANZA_PRETRAIN_FILE",
           "TYPE_MAP", "to_awardie_tag", "decode"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner"
MODEL_FILE = "tagger.npz"  # = tagger_net.WEIGHTS_FILE (not imported here: that module imports torch)
VOCAB_FILE = "vocab.json"  # = tagger_net.VOCAB_FILE
STANZA_MODEL_FILE = "nertagger.pt"  # a stanza training folder holds these two instead
STANZA_PRETRAIN_FILE = "pretrain.pt"
SUBWORD_FILE = "subwords.npz"  # optional: vectors for unknown words
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
        self.vocab_path = self.model_dir / VOCAB_FILE
        self.stanza_model_path = self.model_dir / STANZA_MODEL_FILE
        self.stanza_pretrain_path = self.model_dir / STANZA_PRETRAIN_FILE
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
        # the shipped form (tagger.npz + vocab.json), or a stanza training folder (nertagger.pt + pretrain.pt)
        stanza_folder = self.stanza_model_path.is_file() and not self.model_path.is_file()
        needed = (self.stanza_model_path, self.stanza_pretrain_path) if stanza_folder else (self.model_path, self.vocab_path)
        for path in needed:
            if not path.is_file():
                raise ModelNotFoundError(f"NER model file {path} is missing. {REBUILD_HINT}")
        self._lock = threading.Lock()
        self._net: Any = None

    def __repr__(self) -> str:
        return f"StanzaNER(model_dir={str(self.model_dir)!r})"

    # -- loading -----------------------------------------------------------
    def _load(self) -> None:
        from . import tagger_net

        compact = (self.model_dir / MODEL_FILE).is_file()
        try:
            if compact:
                weights, vocab = tagger_net.read_compact(self.model_dir)
            else:  # a stanza training folder (nertagger.pt + pretrain.pt): converted in memory
                weights, vocab = tagger_net.read_stanza(self.stanza_model_path, self.stanza_pretrain_path)
        except Exception as e:  # noqa: BLE001 - any failure here means an unusable file
            raise ModelError(f"NER model {self._files()} cannot be read ({type(e).__name__}: {e}). "
                             f"{REBUILD_HINT}") from e
        try:
            net = tagger_net.TaggerNet(weights, vocab)
        except Exception as e:  # noqa: BLE001
            raise ModelError(f"NER model {self._files()} does not hold a usable tagger ({type(e).__name__}: {e}). "
                             f"{REBUILD_HINT}") from e
        self._subwords = None
        subword_path = self.model_dir / SUBWORD_FILE
        if self.oov_vectors and subword_path.is_file():
            try:
                self._subwords = _Subwords(subword_path)
            except Exception as e:  # noqa: BLE001
                raise ModelError(f"NER subword table {subword_path} cannot be read ({type(e).__name__}: {e}). "
                                 f"{REBUILD_HINT}") from e
        if self.o_bias is None:
            self.o_bias = float(self._meta().get("inference", {}).get("o_bias", 0.0))
        self._net = net

    def _files(self) -> str:
        if (self.model_dir / MODEL_FILE).is_file():
            return f"{self.model_dir / MODEL_FILE} / {VOCAB_FILE}"
        return f"{self.stanza_model_path} / {STANZA_PRETRAIN_FILE}"

    def _meta(self) -> dict:
        path = self.model_dir / "meta.json"
        if not path.is_file():
            return {}
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            raise ModelError(f"NER model description {path} is not valid JSON ({e}). {REBUILD_HINT}") from e

    def load(self) -> "StanzaNER":
        """Load the model now (otherwise the first `tag()` does)."""
        with self._lock:
            if self._net is None:
                self._load()
        return self

    @property
    def labels(self) -> list[str]:
        """The entity types the model predicts, in awardie's names."""
        self.load()
        return sorted({TYPE_MAP.get(t[2:], t[2:]) for t in self._net.tags if t[1:2] == "-"})

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
        with self._lock:
            if self._net is None:
                self._load()
            for lo in range(0, len(nonempty), self.batch_size):
                batch = nonempty[lo:lo + self.batch_size]
                for i, tags in zip(batch, self._predict([[model_input(tok) for tok in sents[i]] for i in batch])):
                    out[i] = tags
        return out

    def _predict(self, words: list[list[str]]) -> list[list[str]]:
        """Decode one batch: emission scores, the O penalty, Viterbi, stanza's singleton clean-up."""
        scores, lens = self._emissions(words)
        return decode(scores, self._net.transitions, lens, self._net.tags, self.o_bias or 0.0)

    def _emissions(self, words: list[list[str]]) -> tuple[Any, list[int]]:
        lookups, vectors = self._lookup_forms(words)
        return self._net.scores(words, lookups, vectors)

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[Any, list[int]]:
        """Emission scores (batch x time x tags, numpy) and lengths for non-empty token lists, in one
        batch (for combining models; `tag` is the way to tag)."""
        words = [[model_input(tok) for tok in s] for s in sentences]
        self.load()
        with self._lock:
            return self._emissions(words)

    @property
    def tagset(self) -> list[str]:
        """The model's tags in score order (BIOES over ANERcorp types, after stanza's 4 vocabulary slots)."""
        self.load()
        return list(self._net.tags)

    @property
    def transitions(self) -> Any:
        """The CRF transition scores (tags x tags, numpy)."""
        self.load()
        return self._net.transitions

    def _lookup_forms(self, words: list[list[str]]) -> tuple[list[list[str]], dict[tuple[int, int], Any]]:
        """The forms looked up in the word-vector table (the character model still reads the token itself),
        and the vectors given to unknown words, by (sentence, position).

        Known words stay. An unknown word becomes its stem when stripping proclitics (و ف ب ل ك ال ...)
        or attached punctuation gives a known word (وبالقاهرة -> القاهرة); otherwise, with a subword
        table, it gets a vector built from its character n-grams.
        """
        cache = self._lookup_cache
        if len(cache) > 100_000:
            cache.clear()
        lookups: list[list[str]] = []
        vectors: dict[tuple[int, int], Any] = {}
        for i, sent in enumerate(words):
            row = []
            for j, w in enumerate(sent):
                entry = cache.get(w)
                if entry is None:
                    entry = cache[w] = self._lookup_entry(w)
                if isinstance(entry, str):
                    row.append(entry)
                else:  # a vector
                    row.append(w)
                    vectors[i, j] = entry
            lookups.append(row)
        return lookups, vectors

    def _lookup_entry(self, w: str) -> Any:
        known = self._net.known
        if not (self.oov_stems or self._subwords is not None) or known(w):
            return w
        low = w.lower()
        if self.oov_stems:
            core = low.strip(_PUNCT)  # 'كابول؛' -> 'كابول' (corpus tokens may keep punctuation)
            cands = ([core] if core and core != low else []) + \
                [stem for base in dict.fromkeys((low, core or low)) for _, stem in split_proclitics(base)[1:]]
            for cand in cands:
                if known(cand):
                    return cand
        if self._subwords is not None and any(c.isalpha() for c in low):
            vec = self._subwords.vector(low)
            if vec is not None:
                return vec
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


def decode(scores: Any, transitions: Any, lengths: Sequence[int], tags: Sequence[str], o_bias: float = 0.0) -> list[list[str]]:
    """Tags from emission scores: the O penalty, Viterbi, stanza's singleton clean-up (scores are changed)."""
    from .tagger_net import VOCAB_PREFIX_SIZE, fix_singleton_tags

    scores[:, :, :VOCAB_PREFIX_SIZE] = -1e4  # <PAD> <UNK> ... are never real tags
    if o_bias:
        scores[:, :, list(tags).index("O")] -= o_bias
    paths = _viterbi_batch(scores, transitions, lengths)
    return [fix_singleton_tags([tags[max(int(x), VOCAB_PREFIX_SIZE)] for x in path]) for path in paths]


def _viterbi_batch(scores: Any, trans: Any, lengths: Sequence[int]) -> list[list[int]]:
    """stanza's `viterbi_decode` (same arithmetic, so the same paths) over a padded batch at once.

    scores: batch x time x tags; trans: tags x tags; lengths: real length of each row.
    """
    import numpy as np

    n, t_max, _ = scores.shape
    lens = np.asarray(lengths)
    trellis = scores[:, 0].copy()
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, t_max):
        v = trellis[:, :, None] + trans[None, :, :]
        best = v.max(axis=1)
        back[:, t] = v.argmax(axis=1)
        active = lens > t
        trellis[active] = scores[active, t] + best[active]
    paths = []
    for i in range(n):
        path = [int(np.argmax(trellis[i]))]
        for t in range(int(lens[i]) - 1, 0, -1):
            path.append(int(back[i, t, path[-1]]))
        path.reverse()
        paths.append(path)
    return paths
