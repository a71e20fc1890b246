"""The winner classifier: features, training on the seeds, the shipped model and its policy."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from awardie import Pipeline
from awardie.document import Document
from awardie.ner import NoNER
from awardie.relation_model import MODEL_DIR, WinnerClassifier, pair_features
from awardie.training.relations import examples, fit, read_gold

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def base() -> Pipeline:
    return Pipeline(ner=NoNER(), relation_model=None)


def test_pair_features_describe_order_distance_and_trigger(base: Pipeline) -> None:
    doc = Document("فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي.")
    _, ents = base._entities(doc)
    (award, trigger, cands), = base.records.candidate_pairs(doc, ents)
    f = pair_features(doc, base.names, award, cands[0], trigger)
    assert f["type=ORGANISATION"] == 1.0 and f["order=before"] == 1.0
    assert f["right_after_trigger"] == 1.0 and f["bias"] == 1.0


def test_training_on_the_seeds_learns_positive_and_negative_pairs(base: Pipeline) -> None:
    data = examples(read_gold(REPO / "seeds"), base)
    labels = [y for _, y in data]
    assert 0 < sum(labels) < len(labels)
    weights = fit(data)
    model = WinnerClassifier(weights=weights)
    pos = [model.score(f) for f, y in data if y]
    neg = [model.score(f) for f, y in data if not y]
    assert sum(pos) / len(pos) > sum(neg) / len(neg)  # it separates what it was trained on


def test_fit_without_both_classes_never_overrides_the_rules() -> None:
    model = WinnerClassifier(weights=fit([({"bias": 1.0}, 0)]))
    assert model.score({"bias": 1.0}) < model.pick_above


def test_shipped_model_loads_with_its_meta() -> None:
    model = WinnerClassifier()
    assert model.weights and all(isinstance(v, float) for v in model.weights.values())
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["model"] == "winner-logreg" and len(meta["trained_on"]["gold_sha256"]) == 64


def test_classifier_fills_in_where_rules_find_no_winner_and_keeps_strong_rules() -> None:
    always_after = WinnerClassifier(weights={"order=after": 10.0, "order=before": -10.0})
    p = Pipeline(ner=NoNER(), relation_model=always_after)
    # no subject before the award: the rules find no winner, the classifier picks the one after it
    (a,) = p.extract("فازت بجائزة الابتكار الصناعي شركة الأمل للتقنية.").awards
    assert a.winner == "شركة الأمل للتقنية" and "model:winner-logreg" in a.source
    # the subject right after the verb is a strong rule: the classifier does not overrule it
    (b,) = p.extract("فازت شركة الأمل للتقنية بجائزة الابتكار الصناعي مع جامعة الملك سعود.").awards
    assert b.winner == "شركة الأمل للتقنية" and "model:" not in b.source
