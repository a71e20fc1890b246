"""Tests of the statistical NER backends: the shipped stanza model and the CAMeL Tools adapter."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from awardie.errors import ModelError, ModelNotFoundError
from awardie.ner import NERBackend
from awardie.stanza_ner import (DEFAULT_MODEL_DIR, MODEL_FILE, STANZA_MODEL_FILE, STANZA_PRETRAIN_FILE, VOCAB_FILE,
                                StanzaNER, to_awardie_tag)
from awardie.text import tokenize

VALID_PREFIXES = ("B-", "I-")
AWARDIE_TYPES = {"PERSON", "ORGANISATION", "LOCATION", "MISC"}

SHIPPED = (DEFAULT_MODEL_DIR / MODEL_FILE).is_file() and (DEFAULT_MODEL_DIR / VOCAB_FILE).is_file()
needs_model = pytest.mark.skipif(not SHIPPED, reason="shipped NER model not built (python -m awardie.training.ner_stanza all)")


def _valid(tag: str) -> bool:
    return tag == "O" or (tag[:2] in VALID_PREFIXES and tag[2:] in AWARDIE_TYPES)


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


# --- tag mapping -----------------------------------------------------------
@pytest.mark.parametrize("tag,expected", [
    ("O", "O"), ("B-PERS", "B-PERSON"), ("I-PERS", "I-PERSON"), ("S-LOC", "B-LOCATION"),
    ("E-ORG", "I-ORGANISATION"), ("B-MISC", "B-MISC"), ("I-PER", "I-PERSON"), ("B-MIS", "B-MISC"),
])
def test_to_awardie_tag(tag: str, expected: str) -> None:
    assert to_awardie_tag(tag) == expected


def test_import_is_light() -> None:
    code = ("import sys, awardie.stanza_ner, awardie.camel_ner; "
            "bad = [m for m in ('torch', 'stanza', 'camel_tools.ner', 'transformers') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"


# --- StanzaNER: errors -----------------------------------------------------
def test_missing_model_dir(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as e:
        StanzaNER(tmp_path / "nowhere")
    assert "nowhere" in str(e.value) and "awardie.training.ner_stanza" in str(e.value)
    assert isinstance(e.value, FileNotFoundError)


def test_missing_weights_file(tmp_path: Path) -> None:
    (tmp_path / VOCAB_FILE).write_text("{}")
    with pytest.raises(ModelNotFoundError) as e:
        StanzaNER(tmp_path)
    assert MODEL_FILE in str(e.value)


def test_missing_vocab_file(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"x")
    with pytest.raises(ModelNotFoundError) as e:
        StanzaNER(tmp_path)
    assert VOCAB_FILE in str(e.value)


def test_stanza_folder_missing_pretrain(tmp_path: Path) -> None:
    (tmp_path / STANZA_MODEL_FILE).write_bytes(b"x")
    with pytest.raises(ModelNotFoundError) as e:
        StanzaNER(tmp_path)
    assert STANZA_PRETRAIN_FILE in str(e.value)


def test_corrupt_weights_file(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"not a model")
    (tmp_path / VOCAB_FILE).write_text('{"format": 1}')
    ner = StanzaNER(tmp_path)  # construction only checks existence
    with pytest.raises(ModelError) as e:
        ner.tag([["القاهرة"]])
    assert str(tmp_path / MODEL_FILE) in str(e.value)


@needs_model
def test_truncated_weights_file(tmp_path: Path) -> None:
    (tmp_path / VOCAB_FILE).write_bytes((DEFAULT_MODEL_DIR / VOCAB_FILE).read_bytes())
    (tmp_path / MODEL_FILE).write_bytes((DEFAULT_MODEL_DIR / MODEL_FILE).read_bytes()[:5000])
    with pytest.raises(ModelError) as e:
        StanzaNER(tmp_path).tag([["القاهرة"]])
    assert str(tmp_path / MODEL_FILE) in str(e.value)


@needs_model
def test_vocab_not_matching_weights(tmp_path: Path) -> None:
    vocab = json.loads((DEFAULT_MODEL_DIR / VOCAB_FILE).read_text(encoding="utf-8"))
    vocab["word"] = vocab["word"][:-10]
    (tmp_path / VOCAB_FILE).write_text(json.dumps(vocab), encoding="utf-8")
    (tmp_path / MODEL_FILE).write_bytes((DEFAULT_MODEL_DIR / MODEL_FILE).read_bytes())
    with pytest.raises(ModelError, match="do not match"):
        StanzaNER(tmp_path).tag([["القاهرة"]])


# --- StanzaNER: the shipped model --------------------------------------------
@pytest.fixture(scope="module")
def stanza_ner() -> StanzaNER:
    return StanzaNER().load()


@needs_model
def test_meta_json() -> None:
    meta = json.loads((DEFAULT_MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["scores"]["anercorp_test"]["f1"] > 0
    for name in (MODEL_FILE, VOCAB_FILE):
        assert meta["files"][name]["bytes"] == (DEFAULT_MODEL_DIR / name).stat().st_size
    assert "CC BY-SA 4.0" in json.dumps(meta["licences"])


@needs_model
def test_stanza_is_backend(stanza_ner: StanzaNER) -> None:
    assert isinstance(stanza_ner, NERBackend)
    assert stanza_ner.name == "stanza"


@needs_model
def test_stanza_tags_shape_and_locations(stanza_ner: StanzaNER) -> None:
    sents = [
        _words("وصل الرئيس المصري إلى القاهرة أمس."),
        _words("زار وفد من الأمم المتحدة السعودية والأردن."),
        [],
        _words("قال محمد بن سلمان في الرياض إن المملكة ستستضيف المعرض."),
    ]
    tags = stanza_ner.tag(sents)
    assert [len(t) for t in tags] == [len(s) for s in sents]
    assert all(_valid(t) for sent in tags for t in sent)
    assert tags[0][sents[0].index("القاهرة")].endswith("-LOCATION")
    assert tags[1][sents[1].index("السعودية")].endswith("-LOCATION")
    assert tags[3][sents[3].index("الرياض")].endswith("-LOCATION")


@needs_model
def test_stanza_batch_equals_single(stanza_ner: StanzaNER) -> None:
    sents = [_words("وصل الرئيس المصري إلى القاهرة أمس."),
             _words("قال محمد بن سلمان في الرياض إن المملكة ستستضيف المعرض الدولي للكتاب في شهر مارس."),
             _words("برلين")]
    batched = stanza_ner.tag(sents)
    assert batched == [stanza_ner.tag([s])[0] for s in sents]


@needs_model
def test_stanza_odd_tokens(stanza_ner: StanzaNER) -> None:
    # tokens that fold to nothing (a lone tatweel or diacritic) and Latin text still get one tag each
    sents = [["ـ", "َ", "Nobel", "Prize", "2020", "٪"]]
    tags = stanza_ner.tag(sents)
    assert len(tags[0]) == len(sents[0]) and all(_valid(t) for t in tags[0])


# --- CamelNER adapter ------------------------------------------------------
_CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised 2-layer BERT token classifier with the 9 ANERcorp labels."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    folder = tmp_path_factory.mktemp("tiny_bert")
    pieces = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", "،",
              "ذهب", "محمد", "الى", "إلى", "القاهرة", "في", "عام", "جائزة", "نوبل",
              "ال", "##ق", "##اهرة", "##ة", "##ال", "م", "##حمد", "ج", "##ائزة"]
    (folder / "vocab.txt").write_text("\n".join(pieces) + "\n", encoding="utf-8")
    config = transformers.BertConfig(
        vocab_size=len(pieces), hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
        max_position_embeddings=512, num_labels=len(_CAMEL_LABELS),
        id2label=dict(enumerate(_CAMEL_LABELS)), label2id={l: i for i, l in enumerate(_CAMEL_LABELS)})
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    model.save_pretrained(folder)
    transformers.BertTokenizer(str(folder / "vocab.txt"), do_lower_case=False,
                               tokenize_chinese_chars=False).save_pretrained(folder)
    return folder


def test_camel_adapter(tiny_bert: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from awardie.camel_ner import CamelNER

    home = tiny_bert.parent / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # the adapter must not create ~/.camel_tools
    ner = CamelNER(tiny_bert)
    assert isinstance(ner, NERBackend) and ner.name == "camel"
    sents = [["ذهب", "محمد", "إلى", "القاهرة", "."], [], ["جائزة", "نوبل", "في", "عام", "2020", "\u200f"],
             ["كلمة"] * 300]  # longer than CAMeL's 256 word-piece segments
    tags = ner.tag(sents)
    assert [len(t) for t in tags] == [len(s) for s in sents]
    assert all(_valid(t) for sent in tags for t in sent)
    assert not (home / ".camel_tools").exists()
    # labels come back in awardie's names
    raw = ner._recognizer.predict([["ذهب", "محمد"]])[0]
    assert [to_awardie_tag(t) for t in raw] == ner.tag([["ذهب", "محمد"]])[0]


def test_camel_label_mapping(tiny_bert: Path) -> None:
    from awardie.camel_ner import CamelNER

    ner = CamelNER(tiny_bert).load()

    class Fixed:
        tokenizer = ner._recognizer.tokenizer

        @staticmethod
        def predict(sentences, batch_size=32):
            return [["B-PERS", "I-PERS", "B-LOC", "O", "B-ORG", "I-ORG", "B-MISC"][: len(s)] for s in sentences]

    ner._recognizer = Fixed()
    assert ner.tag([["a"] * 7]) == [["B-PERSON", "I-PERSON", "B-LOCATION", "O", "B-ORGANISATION",
                                     "I-ORGANISATION", "B-MISC"]]


def test_camel_count_mismatch(tiny_bert: Path) -> None:
    from awardie.camel_ner import CamelNER

    ner = CamelNER(tiny_bert).load()

    class Short:
        tokenizer = ner._recognizer.tokenizer

        @staticmethod
        def predict(sentences, batch_size=32):
            return [["O"] * (len(s) - 1) for s in sentences]

    ner._recognizer = Short()
    with pytest.raises(ModelError, match="labels for the 3 tokens"):
        ner.tag([["ذهب", "محمد", "."]])


def test_camel_missing_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from awardie.camel_ner import CamelNER

    with pytest.raises(ModelNotFoundError):
        CamelNER(tmp_path)
    monkeypatch.delenv("CAMELTOOLS_DATA", raising=False)
    with pytest.raises(ModelNotFoundError, match="CAMELTOOLS_DATA"):
        CamelNER()
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match="no CAMeL NER model"):
        CamelNER()


def test_camel_from_env(tiny_bert: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from awardie.camel_ner import CamelNER

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_bert))
    assert CamelNER().model_path == tiny_bert
