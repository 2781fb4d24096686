"""The learned span model: its decoding, its features, the packaged weights, and the training script.

Every text here is written for the test."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from _statements_helpers import parse, statements

from newsledger.nlp import span_model as sm

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def model_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Restore the packaged model after a test that points the loader elsewhere."""
    sm.reset()
    yield
    monkeypatch.undo()
    sm.reset()


def test_runs_read_b_i_tags_as_token_ranges() -> None:
    labels = ["O", "B-S", "I-S", "O", "B-C", "I-C", "B-C", "O", "I-C"]
    assert sm.runs(labels, "S", 10) == [(11, 13)]
    assert sm.runs(labels, "C", 0) == [(4, 6), (6, 7), (8, 9)]
    assert sm.runs(["O", "O"], "C", 0) == []


def test_cluster_ids_need_vectors_of_the_centroids_width() -> None:
    doc = parse("The mayor said the bridge would reopen.").doc
    centroids = np.eye(4, doc.tensor.shape[1], dtype=np.float32)
    ids = sm.cluster_ids(doc, centroids)
    assert len(ids) == len(doc) and all(i in {"0", "1", "2", "3"} for i in ids)
    assert sm.cluster_ids(doc, np.eye(4, 7, dtype=np.float32)) == ["-"] * len(doc)


def test_doc_features_read_off_the_arrays_agree_with_spacy_tokens() -> None:
    """The features are read with ``Doc.to_array``; what they hold must be what the Token objects say."""
    from newsledger.nlp.cues import lexicon

    text = ("Mayor Ines Duarte said on Tuesday that the ferry would run again.\n\n"
            "“We are not there yet,” she told the council. The harbour reopened at noon.")
    doc = parse(text).doc
    feats = sm.DocFeatures(doc, [-1] * len(doc), lexicon(), [])
    assert feats.sents == [(s.start, s.end) for s in doc.sents]
    assert feats.heads == [t.head.i for t in doc]
    assert feats.words == [t.lower_ for t in doc]
    assert feats.lemmas == [t.lemma_.lower() for t in doc]
    assert feats.ent == [t.ent_type_ for t in doc]
    assert feats.blank == [t.is_space for t in doc]
    newline = next(t.i for t in doc if "\n" in t.text)
    assert feats.para_of[newline] == 0 and feats.para_of[newline + 1] == 1 and feats.para_of[-1] == 1
    assert feats.sent_of == [next(k for k, (a, b) in enumerate(feats.sents) if a <= i < b) for i in range(len(doc))]
    ferry = next(t.i for t in doc if t.text == "ferry")
    assert {"w=ferry", "l=ferry", "p=NOUN", "sh=l", "q=False"} <= set(feats.base[ferry])
    assert "sh=C" in feats.base[next(t.i for t in doc if t.text == "Duarte")]


def test_the_packaged_model_is_shipped_and_loads(model_dir: None) -> None:
    for f in (sm.CUE_TAGGER_FILE, sm.ROLE_TAGGER_FILE, sm.META_FILE, sm.CLUSTER_FILE):
        assert f.exists(), f"{f} is missing: run scripts/train_span_model.py (see data/models/SPAN_MODEL.md)"
    model = sm.span_model()
    assert model is not None and model.use_rules and model.clusters
    assert (sm.MODEL_DIR / "SPAN_MODEL.md").exists()


TEXT = ("The harbour master said the new tide tables would be printed in March. "
        "\u201cNobody will be left without a copy,\u201d she told reporters on the quay.")


@pytest.mark.parametrize("off", ["0", "1"])
def test_model_and_rules_alone_both_attribute_plain_reports(off: str, model_dir: None,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sm.ENV_OFF, off)
    sm.reset()
    assert (sm.span_model() is None) == (off == "1")
    sts = statements(TEXT)
    said = [s for s in sts if s.cue.text == "said"]
    assert said and said[0].speaker.text == "The harbour master"
    assert TEXT[slice(*said[0].content.spans[0])].startswith("the new tide tables")
    told = [s for s in sts if s.cue.text.startswith("told")]
    assert told and told[0].kind == "direct" and "Nobody will be left" in told[0].content.text


BRAT_TEXTS = [
    ("a1", "The mayor said the bridge would reopen in May. The river rose again on Sunday."),
    ("a2", "Officials said the road was closed. A spokesman denied that the tunnel had flooded."),
    ("a3", "The council claimed the budget was balanced. Trains ran late all week."),
]


def _brat(text: str, source: str, cue: str, content: str, n: int) -> str:
    s, c = text.index(source), text.index(cue)
    k = text.index(content, c)
    return (f"T{3 * n + 1}\tSource {s} {s + len(source)}\t{source}\n"
            f"T{3 * n + 2}\tCue {c} {c + len(cue)}\t{cue}\n"
            f"T{3 * n + 3}\tContent {k} {k + len(content)}\t{content}\n"
            f"E{n + 1}\tAttribution:T{3 * n + 2} Content:T{3 * n + 3} Cue:T{3 * n + 2} Source:T{3 * n + 1}\n")


def test_the_training_script_trains_a_model_that_loads_and_tags(tmp_path: Path, model_dir: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    gold = tmp_path / "gold"
    (gold / "text").mkdir(parents=True)
    (gold / "attributions").mkdir()
    rels = {
        "a1": [("The mayor", "said", "the bridge would reopen in May")],
        "a2": [("Officials", "said", "the road was closed"), ("A spokesman", "denied", "that the tunnel had flooded")],
        "a3": [("The council", "claimed", "the budget was balanced")],
    }
    for stem, text in BRAT_TEXTS:
        (gold / "text" / f"{stem}.txt").write_text(text, encoding="utf-8")
        ann = "".join(_brat(text, *r, n) for n, r in enumerate(rels[stem]))
        (gold / "attributions" / f"{stem}.ann").write_text(ann, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("train_span_model", ROOT / "scripts" / "train_span_model.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    sys.modules["train_span_model"] = script
    spec.loader.exec_module(script)
    out = tmp_path / "model"
    assert script.main([str(gold), "--out-dir", str(out), "--clusters", "4"]) == 0
    meta = json.loads((out / "span_model.json").read_text())
    assert meta["texts"] == 3 and meta["cues"] == 4 and meta["clusters"] == [4]
    monkeypatch.setenv(sm.ENV_DIR, str(out))
    monkeypatch.delenv(sm.ENV_OFF, raising=False)
    sm.reset()
    model = sm.span_model()
    assert model is not None and len(model.clusters) == 1
    sts = statements(BRAT_TEXTS[0][1])
    assert [(s.speaker.text, s.cue.text, s.content.text) for s in sts] == [
        ("The mayor", "said", "the bridge would reopen in May")]
