"""awardie.tagger_net runs stanza's NERTagger arithmetic: check it against stanza's own model.

A small stanza NERTagger is built with random weights (the same options awardie
trains with), saved as a stanza checkpoint, converted by `read_stanza`, written
and read back in the compact form, and both compute emission scores for the
same sentences. The shipped model is then checked to decode as stanza's
Viterbi and singleton clean-up would.
"""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("stanza")

from awardie import tagger_net  # noqa: E402

WORDS = ["جائزة", "نوبل", "القاهرة", "محمد", "فاز", "بـ", "2020", "Prize", "الأمم", "المتحدة", "في", "من"]
TAGS = ["O", "B-PERS", "I-PERS", "E-PERS", "S-PERS", "B-ORG", "I-ORG", "E-ORG", "S-ORG", "S-LOC"]


def _stanza_tagger(tmp_path: Path) -> tuple[object, Path, Path]:
    """A random stanza NERTagger saved as nertagger.pt + pretrain.pt in tmp_path."""
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import CompositeVocab, CharVocab
    from stanza.models.ner.model import NERTagger
    from stanza.models.ner.vocab import MultiVocab
    from stanza.models.pos.vocab import WordVocab

    torch.manual_seed(0)
    data = [[[w, (t,)] for w, t in zip(WORDS, TAGS + TAGS)]]
    vocab = MultiVocab({
        "char": CharVocab(data, "ar_test"),
        "delta": WordVocab(data[:1], "ar_test", cutoff=1, lower=True),
        "tag": CompositeVocab([[(t,) for t in TAGS]], "ar_test", idx=0, sep=None),
        "word": PretrainedWordVocab(WORDS[:8], lower=False),
    })
    args = {"word_emb_dim": 12, "char_emb_dim": 8, "char_hidden_dim": 6, "hidden_dim": 10, "num_layers": 1,
            "char_num_layers": 1, "char": True, "charlm": False, "charlm_forward_file": None,
            "charlm_backward_file": None, "char_rec_dropout": 0, "char_lowercase": False, "lowercase": True,
            "emb_finetune": True, "input_transform": True, "dropout": 0.5, "word_dropout": 0.05,
            "locked_dropout": 0.0, "rec_dropout": 0, "bert_model": None, "connect_output_layers": False,
            "shorthand": "ar_test"}
    emb = torch.randn(len(vocab["word"]), 12)
    model = NERTagger(args, vocab, emb_matrix=emb)
    for p in model.parameters():  # stanza zero-inits the delta table and the biases: make them count
        p.data.normal_(0, 0.5)
    model.delta_emb.weight.data[0] = 0  # PAD rows stay zero, as in training
    model.word_emb.weight.data.copy_(emb)  # the frozen vectors are the pretrain file's
    model.eval()
    state = {k: v for k, v in model.state_dict().items() if k.split(".")[0] not in model.unsaved_modules}
    model_path, pretrain_path = tmp_path / "nertagger.pt", tmp_path / "pretrain.pt"
    torch.save({"model": state, "vocab": vocab.state_dict(), "config": args}, model_path)
    torch.save({"vocab": vocab["word"].state_dict(), "emb": emb}, pretrain_path)
    return model, model_path, pretrain_path


def _stanza_scores(model: object, sentences: list[list[str]]) -> list[np.ndarray]:
    """stanza's own forward pass (its DataLoader batching), one score matrix per sentence, in input order."""
    from stanza.models.common.utils import unsort
    from stanza.models.ner.data import DataLoader
    from stanza.models.ner.trainer import unpack_batch

    class Doc:
        def get(self, *args: object, **kwargs: object) -> list:
            return [[[w, None, None] for w in s] for s in sentences]

    loader = DataLoader(Doc(), len(sentences), model.args, vocab=model.vocab, evaluation=True,  # type: ignore[attr-defined]
                        preprocess_tags=False, bert_tokenizer=None)
    (batch,) = list(loader)
    inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = unpack_batch(batch, "cpu")
    word, wordchars, wordchars_mask, chars, tags = inputs
    with torch.no_grad():
        _, logits, _ = model(word, wordchars, wordchars_mask, tags, word_orig_idx, sentlens, wordlens,  # type: ignore[operator]
                             chars, charoffsets, charlens, char_orig_idx)
    rows = [logits[0][i, :n].numpy() for i, n in enumerate(sentlens)]
    return unsort(rows, orig_idx)


def test_scores_match_stanza(tmp_path: Path) -> None:
    model, model_path, pretrain_path = _stanza_tagger(tmp_path)
    weights, vocab = tagger_net.read_stanza(model_path, pretrain_path)
    tagger_net.write_compact(weights, vocab, tmp_path / "compact")
    net = tagger_net.TaggerNet(*tagger_net.read_compact(tmp_path / "compact"))
    rng = random.Random(1)
    # known, delta-only, unknown words, unknown characters, upper case, one-word and long sentences
    pool = WORDS + ["كلمة", "PRIZE", "ﻻ", "xyz", "١٢"]
    sentences = [[rng.choice(pool) for _ in range(rng.randint(1, 14))] for _ in range(12)]
    expected = _stanza_scores(model, sentences)
    got, lens = net.scores(sentences, sentences)
    assert lens == [len(s) for s in sentences]
    for i, exp in enumerate(expected):
        # float16 storage of the compact form: equal to about 1e-2 on scores of size ~10
        np.testing.assert_allclose(got[i, :lens[i]], exp, atol=0.05, rtol=0.02)
    # and exactly (float32) without the float16 round trip
    exact = tagger_net.TaggerNet(weights, vocab).scores(sentences, sentences)[0]
    for i, exp in enumerate(expected):
        np.testing.assert_allclose(exact[i, :lens[i]], exp, atol=1e-4)


def test_unsupported_stanza_options(tmp_path: Path) -> None:
    _, model_path, pretrain_path = _stanza_tagger(tmp_path)
    ckpt = torch.load(model_path, weights_only=True)
    ckpt["config"]["charlm"] = True
    torch.save(ckpt, model_path)
    with pytest.raises(ValueError, match="charlm"):
        tagger_net.read_stanza(model_path, pretrain_path)


@pytest.mark.parametrize("tags,expected", [
    (["I-PERS", "I-PERS"], ["B-PERS", "E-PERS"]),
    (["B-ORG"], ["S-ORG"]),
    (["O", "E-LOC", "O"], ["O", "S-LOC", "O"]),
    (["B-PERS", "I-PERS", "E-PERS"], ["B-PERS", "I-PERS", "E-PERS"]),
    (["B-PERS", "O", "I-ORG"], ["S-PERS", "O", "S-ORG"]),
])
def test_fix_singleton_tags_as_stanza(tags: list[str], expected: list[str]) -> None:
    from stanza.models.ner.trainer import fix_singleton_tags as stanza_fix

    assert tagger_net.fix_singleton_tags(tags) == expected == stanza_fix(tags)
