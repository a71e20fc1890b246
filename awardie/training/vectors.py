"""Train subword (fastText-style) word vectors and write a stanza pretrain file.

The vectors are what awardie's stanza NER model reads as its frozen word
embeddings. Tokens are split with awardie's own tokeniser regex and folded
with `awardie.text.fold` (the backend folds the same way before tagging), then
lower-cased (stanza looks words up lower-cased).

Corpus: ../shared/data/raw/corpus.txt.xz (Arabic Wikipedia, CC BY-SA 4.0)
plus the *unlabelled* tokens of ANERcorp train and AQMAR train/dev. Test files
are never read. The pretrain vocabulary holds every word of the NER training
sentences, but not the words of the held-out ANERcorp dev part (the last 10%
of ANERcorp train), so that dev sees unknown words as test and real text do.

Because fastText builds a vector for any string from its character n-grams,
the pretrain vocabulary can be chosen freely: the `--top` most frequent corpus
words plus every word of the NER training files.

    nice -n 10 python -m awardie.training.vectors            # defaults
    python -m awardie.training.vectors --data ../shared/data --out /tmp/awardie_build/vectors

Writes OUT/ar_fasttext.model (gensim, work file), OUT/ar_pretrain.pt
(stanza Pretrain: {'vocab', 'emb'}) and OUT/ar_subwords.npz (the most used
n-gram buckets, for vectors of unknown words at tagging time).
"""
from __future__ import annotations

import argparse
import json
import logging
import lzma
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

os.environ.setdefault("OMP_NUM_THREADS", "1")

from awardie.text import _TOKEN, fold  # noqa: E402  (same split and fold as inference)

log = logging.getLogger("awardie.training.vectors")

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DEFAULT_OUT = Path(os.environ.get("AWARDIE_BUILD", "/tmp/awardie_build")) / "vectors"

# NER files whose *tokens* (not tags) may be added to the vector corpus and vocabulary.
TRAIN_NER_FILES = (
    "anercorp/ANERCorp_CamelLab_train.txt",
    "aqmar/train.txt",
    "aqmar/dev.txt",
)


def norm_token(tok: str) -> str:
    """The form a token has in the vector vocabulary (fold + lower-case)."""
    return fold(tok).lower()


def norm_tokens(tokens: Iterable[str]) -> list[str]:
    out = []
    for t in tokens:
        n = norm_token(t)
        if n:
            out.append(n)
    return out


def read_conll_tokens(path: Path) -> list[list[str]]:
    """Sentences of a 'token TAG' file, as raw tokens."""
    sents: list[list[str]] = []
    cur: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cur.append(line.rsplit(" ", 1)[0] if " " in line else line)
    if cur:
        sents.append(cur)
    return sents


def raw_sentences(path: Path, limit: int | None = None) -> Iterator[list[str]]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            toks = norm_tokens(_TOKEN.findall(line))
            if toks:
                yield toks


def build_corpus(data: Path, work: Path, limit: int | None = None) -> tuple[Path, Counter, list[str]]:
    """Write the folded corpus, one sentence per line; return it, counts and the NER-train vocab."""
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.folded.txt"
    counts: Counter = Counter()
    ner_vocab: dict[str, None] = {}
    t0 = time.time()
    with open(corpus, "w", encoding="utf-8") as out:
        n = 0
        for toks in raw_sentences(data / "raw" / "corpus.txt.xz", limit):
            counts.update(toks)
            out.write(" ".join(toks) + "\n")
            n += 1
        for rel in TRAIN_NER_FILES:
            p = data / rel
            if not p.exists():
                log.warning("missing %s, skipped", p)
                continue
            for sent in read_conll_tokens(p):
                toks = norm_tokens(sent)
                for t in toks:
                    ner_vocab.setdefault(t)
                counts.update(toks)
                out.write(" ".join(toks) + "\n")
                n += 1
    log.info("corpus: %d lines, %d tokens, %d types (%.0fs)", n, sum(counts.values()), len(counts), time.time() - t0)
    return corpus, counts, list(ner_vocab)


def train_fasttext(corpus: Path, dim: int, epochs: int, min_count: int, workers: int, min_n: int, max_n: int,
                   bucket: int, sg: int):
    from gensim.models import FastText

    model = FastText(vector_size=dim, window=5, min_count=min_count, sg=sg, negative=5, min_n=min_n, max_n=max_n,
                     bucket=bucket, workers=workers, seed=1)
    model.build_vocab(corpus_file=str(corpus))
    total_words = model.corpus_total_words
    log.info("training fastText: %d words x %d epochs", total_words, epochs)
    model.train(corpus_file=str(corpus), total_words=total_words, epochs=epochs)
    return model


def write_pretrain(kv, words: list[str], path: Path) -> None:
    """Save vectors for `words` (computed from subwords where needed) as a stanza pretrain file."""
    import numpy as np
    import torch
    from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    words = [w.replace(" ", "\xa0") for w in words]
    emb = np.zeros((len(words) + len(VOCAB_PREFIX), kv.vector_size), dtype=np.float32)
    for i, w in enumerate(words):
        emb[i + len(VOCAB_PREFIX)] = kv[w]
    # unit-scale the rows like word2vec text files usually are
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    emb = emb / norms
    pt = Pretrain(filename=str(path))
    pt._vocab = PretrainedWordVocab(words)
    # float16 halves the shipped file; stanza copies it into a float32 embedding at load time
    pt._emb = torch.from_numpy(emb.astype(np.float16))
    path.parent.mkdir(parents=True, exist_ok=True)
    pt.save(str(path))


def ner_training_vocab(data: Path, dev_fraction: float = 0.10) -> list[str]:
    """Folded words of the NER training sentences: ANERcorp train minus its last 10% (dev), AQMAR train+dev."""
    vocab: dict[str, None] = {}
    for rel in TRAIN_NER_FILES:
        p = data / rel
        if not p.exists():
            continue
        sents = read_conll_tokens(p)
        if rel.startswith("anercorp/"):
            sents = sents[: len(sents) - int(round(len(sents) * dev_fraction))]
        for sent in sents:
            for t in norm_tokens(sent):
                vocab.setdefault(t)
    return list(vocab)


def write_subword_table(model, path: Path, rows: int, vocab_counts: Counter | None = None) -> dict:
    """Save the most used fastText n-gram buckets, so that the backend can build vectors for unknown words.

    `awardie.stanza_ner` composes a vector for a word missing from the pretrain as the mean of the rows of
    its character n-grams found in this table (fastText's own rule, restricted to the kept buckets).
    Buckets are ranked by how many corpus tokens contain them.
    """
    import numpy as np

    from awardie.stanza_ner import ngram_hashes

    wv = model.wv
    freq = np.zeros(wv.bucket, dtype=np.float64)
    for word, idx in wv.key_to_index.items():
        count = wv.get_vecattr(word, "count")
        for h in ngram_hashes(word, wv.min_n, wv.max_n, wv.bucket):
            freq[h] += count
    keep = np.sort(np.argsort(-freq)[:rows])
    keep = keep[freq[keep] > 0]
    # check the pure-Python hashing against gensim's on a sample
    from gensim.models.fasttext import ft_ngram_hashes

    for word in list(wv.key_to_index)[:2000:37] + ["وودورد", "كابول", "Nobel"]:
        assert ngram_hashes(word, wv.min_n, wv.max_n, wv.bucket) == list(
            ft_ngram_hashes(word, wv.min_n, wv.max_n, wv.bucket)), word
    np.savez(path, buckets=keep.astype(np.int32), vectors=wv.vectors_ngrams[keep].astype(np.float16),
             params=np.array([wv.min_n, wv.max_n, wv.bucket], dtype=np.int64))
    covered = float(freq[keep].sum() / freq.sum())
    log.info("subword table: %d of %d buckets (%.1f%% of n-gram occurrences) -> %s", len(keep), wv.bucket,
             100 * covered, path)
    return {"rows": int(len(keep)), "buckets": int(wv.bucket), "occurrence_coverage": round(covered, 4)}


def choose_vocab(counts: Counter, ner_vocab: list[str], top: int, extra: list[str] = ()) -> list[str]:
    vocab: dict[str, None] = {}
    for w, _ in counts.most_common(top):
        vocab.setdefault(w)
    for w in list(ner_vocab) + list(extra):
        vocab.setdefault(w)
    return list(vocab)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="work/output folder (default: %(default)s)")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-n", type=int, default=2)
    ap.add_argument("--max-n", type=int, default=5)
    ap.add_argument("--bucket", type=int, default=1_000_000)
    ap.add_argument("--sg", type=int, default=1, help="1 skip-gram, 0 CBOW")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--top", type=int, default=80_000, help="most frequent corpus words kept in the pretrain vocab")
    ap.add_argument("--subword-rows", type=int, default=60_000,
                    help="n-gram buckets kept for vectors of unknown words at tagging time (0: none)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N raw paragraphs (quick runs)")
    ap.add_argument("--reuse-model", action="store_true", help="reuse OUT/ar_fasttext.model, only rewrite the pretrain")
    ap.add_argument("--extra-vocab", type=Path, nargs="*", default=[],
                    help="extra 'token TAG' files whose tokens get vectors (never pass a test file for shipped models)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    t0 = time.time()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / "ar_fasttext.model"
    counts_path = out / "counts.json"
    if args.reuse_model and model_path.exists() and counts_path.exists():
        from gensim.models import FastText

        model = FastText.load(str(model_path))
        saved = json.loads(counts_path.read_text(encoding="utf-8"))
        counts, ner_vocab = Counter(saved["counts"]), saved["ner_vocab"]
    else:
        corpus, counts, ner_vocab = build_corpus(args.data, out, args.limit)
        counts_path.write_text(json.dumps({"counts": dict(counts.most_common(300_000)), "ner_vocab": ner_vocab},
                                          ensure_ascii=False), encoding="utf-8")
        model = train_fasttext(corpus, args.dim, args.epochs, args.min_count, args.workers, args.min_n, args.max_n,
                               args.bucket, args.sg)
        model.save(str(model_path))
    # every word of the NER *training* data gets a vector; not the held-out ANERcorp dev part
    # (the dev set must see unknown words as the test set and real text do)
    ner_vocab = ner_training_vocab(args.data)
    extra: list[str] = []
    for p in args.extra_vocab:
        for sent in read_conll_tokens(p):
            extra.extend(norm_tokens(sent))
    words = choose_vocab(counts, ner_vocab, args.top, extra)
    pretrain = out / "ar_pretrain.pt"
    write_pretrain(model.wv, words, pretrain)
    subwords = write_subword_table(model, out / "ar_subwords.npz", args.subword_rows) if args.subword_rows else None
    info = {
        "subwords": subwords,
        "vocab": len(words), "top": args.top, "dim": args.dim, "epochs": args.epochs, "min_count": args.min_count,
        "min_n": args.min_n, "max_n": args.max_n, "bucket": args.bucket, "sg": args.sg,
        "corpus_tokens": int(sum(counts.values())) if not args.reuse_model else None,
        "seconds": round(time.time() - t0, 1),
        "extra_vocab": [str(p) for p in args.extra_vocab],
    }
    (out / "vectors.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    log.info("wrote %s (%d words) in %.0fs", pretrain, len(words), time.time() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
