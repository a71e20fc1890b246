"""Inference for awardie's NER tagger: stanza's NERTagger architecture in plain torch.

The model is trained with stanza's own trainer (`awardie.training.ner_stanza`)
and shipped in a compact form that loads in a fraction of a second:

- `tagger.npz`  every weight as a float16 array (no pickle), plus the frozen word vectors
- `vocab.json`  the word, delta, character and tag vocabularies in stanza's id order

Running it here instead of through stanza keeps stanza, transformers and
pickle-based checkpoint loading out of the start-up path (seconds of cold
start). The arithmetic is stanza's, step for step, for the options awardie
trains with (character BiLSTM without a char LM, frozen vectors plus delta
embeddings, input transform, one BiLSTM layer, one CRF tag set);
`tests/test_tagger_net.py` checks the scores against stanza's own model built
from the same weights. `read_stanza` converts a stanza checkpoint folder
(`nertagger.pt` + `pretrain.pt`, what training writes) to the same arrays.

This module imports torch: import it lazily.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

__all__ = ["TaggerNet", "read_compact", "read_stanza", "write_compact", "fix_singleton_tags",
           "WEIGHTS_FILE", "VOCAB_FILE", "FORMAT", "PAD_ID", "UNK_ID", "VOCAB_PREFIX_SIZE"]

WEIGHTS_FILE = "tagger.npz"
VOCAB_FILE = "vocab.json"
FORMAT = 1
PAD_ID, UNK_ID = 0, 1  # stanza's VOCAB_PREFIX: <PAD> <UNK> <EMPTY> <ROOT>
VOCAB_PREFIX_SIZE = 4
STANZA_OPTIONS = {"charlm": False, "char": True, "num_layers": 1, "char_num_layers": 1, "input_transform": True,
                  "connect_output_layers": False}

Weights = dict[str, np.ndarray]


def read_compact(model_dir: Path) -> tuple[Weights, dict[str, Any]]:
    """The arrays of `tagger.npz` and the vocabularies of `vocab.json` in `model_dir`."""
    with np.load(model_dir / WEIGHTS_FILE, allow_pickle=False) as z:
        weights = {k: z[k] for k in z.files}
    vocab = json.loads((model_dir / VOCAB_FILE).read_text(encoding="utf-8"))
    if vocab.get("format") != FORMAT:
        raise ValueError(f"{VOCAB_FILE} has format {vocab.get('format')!r}, this awardie reads format {FORMAT}")
    return weights, vocab


def write_compact(weights: Weights, vocab: dict[str, Any], model_dir: Path) -> None:
    """Write `tagger.npz` (float16) and `vocab.json` into `model_dir`."""
    model_dir.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {k: (v.astype(np.float16) if v.dtype.kind == "f" else v) for k, v in weights.items()}
    with open(model_dir / WEIGHTS_FILE, "wb") as f:
        np.savez(f, **arrays)  # not compressed: loads faster, and float noise barely compresses anyway
    (model_dir / VOCAB_FILE).write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")) + "\n",
                                        encoding="utf-8")


def read_stanza(model_path: Path, pretrain_path: Path) -> tuple[Weights, dict[str, Any]]:
    """A stanza NER checkpoint and its pretrain file as (weights, vocab), without importing stanza."""
    pretrain = torch.load(pretrain_path, map_location="cpu", weights_only=True)
    ckpt = torch.load(model_path, map_location="cpu", weights_only=True)
    config = ckpt["config"]
    unsupported = {k: config.get(k) for k, v in STANZA_OPTIONS.items() if bool(config.get(k, v)) != v}
    if config.get("bert_model") or unsupported:
        raise ValueError(f"stanza options this runtime does not implement: {unsupported or 'bert_model'}")
    weights = {k: v.float().numpy() for k, v in ckpt["model"].items() if torch.is_tensor(v)}
    weights["word_emb.weight"] = pretrain["emb"].float().numpy()
    v = ckpt["vocab"]
    tags = v["tag"]["_id2unit"]
    vocab = {
        "format": FORMAT,
        "word": list(pretrain["vocab"]["_id2unit"]),
        "delta": list(v["delta"]["_id2unit"]),
        "char": list(v["char"]["_id2unit"]),
        "tags": list(tags[0] if isinstance(tags, dict) else tags),
        "lowercase": bool(config.get("lowercase", True)),
        "char_lowercase": bool(config.get("char_lowercase", False)),
    }
    if v["delta"].get("ignore"):
        raise ValueError("delta vocabularies with ignored words (emb_finetune_known_only) are not supported")
    return weights, vocab


def _lstm(weights: Weights, prefix: str) -> torch.nn.LSTM:
    w_ih = weights[f"{prefix}.weight_ih_l0"]
    lstm = torch.nn.LSTM(w_ih.shape[1], w_ih.shape[0] // 4, 1, batch_first=True, bidirectional=True)
    state = {k: torch.from_numpy(weights[f"{prefix}.{k}"].astype(np.float32)) for k in lstm.state_dict()}
    lstm.load_state_dict(state)
    lstm.requires_grad_(False)
    return lstm.eval()


class TaggerNet:
    """The tagger's forward pass (eval mode: no dropout) and its CRF transition scores."""

    def __init__(self, weights: Weights, vocab: dict[str, Any]) -> None:
        f32 = {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in weights.items()}
        self.word_ids = {w: i for i, w in enumerate(vocab["word"])}
        self.delta_ids = {w: i for i, w in enumerate(vocab["delta"])}
        self.char_ids = {c: i for i, c in enumerate(vocab["char"])}
        self.tags: list[str] = list(vocab["tags"])
        self.lowercase = bool(vocab.get("lowercase", True))
        self.char_lowercase = bool(vocab.get("char_lowercase", False))
        self.word_emb = f32["word_emb.weight"]
        self.delta_emb = f32["delta_emb.weight"]
        self.char_emb = f32["charmodel.char_emb.weight"]
        self.char_lstm = _lstm(weights, "charmodel.charlstm.lstm")
        self.char_h0, self.char_c0 = f32["charmodel.charlstm_h_init"], f32["charmodel.charlstm_c_init"]
        self.transform_w, self.transform_b = f32["input_transform.weight"], f32["input_transform.bias"]
        self.lstm = _lstm(weights, "taggerlstm.lstm")
        self.h0, self.c0 = f32["taggerlstm_h_init"], f32["taggerlstm_c_init"]
        self.clf_w, self.clf_b = f32["tag_clfs.0.weight"], f32["tag_clfs.0.bias"]
        self.transitions = f32["crits.0._transitions"].numpy()
        if len(self.tags) != self.clf_w.shape[0] or len(vocab["word"]) != self.word_emb.shape[0] \
                or len(vocab["delta"]) != self.delta_emb.shape[0] or len(vocab["char"]) != self.char_emb.shape[0]:
            raise ValueError("vocabulary sizes do not match the weight shapes")
        self.dim = self.word_emb.shape[1]

    # -- lookups (stanza: PretrainedWordVocab, WordVocab(lower), CharVocab) --------------------------
    def word_id(self, word: str) -> int:
        w = word.lower() if self.lowercase else word
        return self.word_ids.get(w.replace(" ", "\xa0"), UNK_ID)

    def delta_id(self, word: str) -> int:
        # stanza builds the delta vocabulary with lower=args["lowercase"]: the same case rule as the lookup
        return self.delta_ids.get(word.lower() if self.lowercase else word, UNK_ID)

    def known(self, word: str) -> bool:
        return self.word_id(word) != UNK_ID

    # -- forward ------------------------------------------------------------------------------------
    def scores(self, words: Sequence[Sequence[str]], lookups: Sequence[Sequence[str]],
               vectors: Optional[dict[tuple[int, int], np.ndarray]] = None) -> tuple[np.ndarray, list[int]]:
        """Emission scores (batch x time x tags) for sentences of tokens.

        words: the tokens the character model reads; lookups: the forms looked up in the word
        and delta tables (normally the same tokens); vectors: (sentence, position) -> a word vector
        that replaces the table lookup for that token (unknown words).
        """
        with torch.inference_mode():
            return self._scores(words, lookups, vectors or {})

    def _scores(self, words: Sequence[Sequence[str]], lookups: Sequence[Sequence[str]],
                vectors: dict[tuple[int, int], np.ndarray]) -> tuple[np.ndarray, list[int]]:
        lens = [len(s) for s in words]
        n, t_max = len(words), max(lens)
        word_ids = torch.zeros(n, t_max, dtype=torch.long)
        delta_ids = torch.zeros(n, t_max, dtype=torch.long)
        for i, sent in enumerate(lookups):
            wid = [self.word_id(w) for w in sent]
            did = [self.delta_id(w) for w in sent]
            # stanza: a word known to the vector table but not to the delta table gets no delta (PAD)
            did = [PAD_ID if d == UNK_ID and w != UNK_ID else d for w, d in zip(wid, did)]
            word_ids[i, :len(wid)] = torch.tensor(wid)
            delta_ids[i, :len(did)] = torch.tensor(did)
        emb = self.word_emb[word_ids] + self.delta_emb[delta_ids]
        for (i, j), vec in vectors.items():
            emb[i, j] = torch.from_numpy(vec) + self.delta_emb[PAD_ID]
        chars = self._char_reps(words, n, t_max)
        x = torch.cat([emb, chars], dim=2) @ self.transform_w.T + self.transform_b
        packed = pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        h0 = self.h0.expand(2, n, self.h0.shape[2]).contiguous()
        c0 = self.c0.expand(2, n, self.c0.shape[2]).contiguous()
        out, _ = self.lstm(packed, (h0, c0))
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=t_max)
        logits = out @ self.clf_w.T + self.clf_b
        return logits.numpy(), lens

    def _char_reps(self, words: Sequence[Sequence[str]], n: int, t_max: int) -> torch.Tensor:
        """Final states of the character BiLSTM over each word, forward and backward concatenated."""
        flat = [w.lower() if self.char_lowercase else w for sent in words for w in sent]
        types = list(dict.fromkeys(flat))  # each distinct word once: words repeat within a batch
        row_of = {w: k for k, w in enumerate(types)}
        ids = [[self.char_ids.get(c, UNK_ID) for c in w] or [PAD_ID] for w in types]
        wlens = [len(x) for x in ids]
        chars = torch.zeros(len(ids), max(wlens), dtype=torch.long)
        for k, row in enumerate(ids):
            chars[k, :len(row)] = torch.tensor(row)
        packed = pack_padded_sequence(self.char_emb[chars], wlens, batch_first=True, enforce_sorted=False)
        h0 = self.char_h0.expand(2, len(ids), self.char_h0.shape[2]).contiguous()
        c0 = self.char_c0.expand(2, len(ids), self.char_c0.shape[2]).contiguous()
        _, (h, _) = self.char_lstm(packed, (h0, c0))
        reps = torch.cat([h[0], h[1]], dim=1)
        index = torch.zeros(n, t_max, dtype=torch.long)
        mask = torch.zeros(n, t_max, 1)
        k = 0
        for i, sent in enumerate(words):
            index[i, :len(sent)] = torch.tensor([row_of[w] for w in flat[k:k + len(sent)]])
            mask[i, :len(sent)] = 1
            k += len(sent)
        return reps[index] * mask  # padding positions stay zero, as in stanza


def fix_singleton_tags(tags: Sequence[str]) -> list[str]:
    """stanza's clean-up of decoded BIOES tags: stray I- become B-/E-, lone B-/E- become S-."""
    new = list(tags)
    for i, tag in enumerate(new):
        if tag.startswith("I-") and (i == len(new) - 1 or new[i + 1] not in ("I-" + tag[2:], "E-" + tag[2:])):
            new[i] = "E-" + tag[2:]
        if tag.startswith("I-") and (i == 0 or new[i - 1] not in ("B-" + tag[2:], "I-" + tag[2:])):
            new[i] = "B-" + tag[2:]
    for i, tag in enumerate(new):
        if tag.startswith("B-") and (i == len(new) - 1 or new[i + 1] not in ("I-" + tag[2:], "E-" + tag[2:])):
            new[i] = "S-" + tag[2:]
        if tag.startswith("E-") and (i == 0 or new[i - 1] not in ("B-" + tag[2:], "I-" + tag[2:])):
            new[i] = "S-" + tag[2:]
    return new
