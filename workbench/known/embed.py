"""Static sentence embeddings from wordllama's built-in 256-d model, loaded offline.

The weights and the tokenizer ship inside the wordllama wheel. They are read here
directly (safetensors + tokenizers) instead of through ``WordLlama.load``: that loader
looks for the tokenizer under ``tokenizer/`` rather than the ``tokenizers/`` the wheel
has, falls back to downloading it, and imports huggingface-hub on the way (slow, and a
network call we never want). A text's vector is the mean of its tokens' vectors,
L2-normalised, as wordllama computes it.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from workbench.errors import WorkbenchError

DIMENSIONS = 256
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


# The tokenizer's thread pool costs more than it gives for the few words of one claim:
# on a loaded machine a batch of 20 words took 2.8 ms with it and 0.2 ms without.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class Embedder:
    """Text -> unit vectors of DIMENSIONS float32. Thread-safe."""

    def __init__(self, root: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        tensors = load_file(str(root / _WEIGHTS))
        self.table = np.ascontiguousarray(next(iter(tensors.values())), dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self._lock = threading.Lock()  # a Rust tokenizer object is not shared across threads
        self._words: dict[str, np.ndarray] = {}
        self._chunks: dict[str, list[int]] = {}  # space-separated chunk -> its token ids
        space = self.tokenizer.token_to_id("▁")
        self._space = [space] if space is not None else []
        self._vocabulary = self.tokenizer.get_vocab()

    def __call__(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        if not texts:
            return out
        # The tokenizer turns spaces into "▁" and has no pre-tokenizer, and no token
        # spans a "▁" but at its start: a text's tokens are its space-separated chunks'
        # tokens, one after another. Chunks repeat (words), so each is tokenized once.
        chunked = [text.split(" ") for text in texts]
        self._tokenize([c for chunks in chunked for c in chunks if c not in self._chunks])
        table = self.table
        for row, chunks in enumerate(chunked):
            tokens = [t for chunk in chunks for t in self._chunks[chunk]][:512]
            if tokens and texts[row]:  # the start of a long text says what it is about
                # the sum, not the mean: the same direction, and only it is kept
                out[row] = table[tokens].sum(axis=0)
        return _normalised(out)

    def _tokenize(self, chunks: list[str]) -> None:
        if len(self._chunks) > 500_000:
            self._chunks.clear()  # bounded memory in a long-running process
        missing = []
        for chunk in dict.fromkeys(chunks):
            # A chunk that is one token of the vocabulary is that token (BPE merges its
            # pieces back into it: checked on 5,000 fact-check words, all alike), and
            # most words are: the tokenizer is asked about the others only.
            whole = self._vocabulary.get("▁" + chunk) if chunk else None
            if whole is not None:
                self._chunks[chunk] = [whole]
            else:
                missing.append(chunk)
        if not missing:
            return
        with self._lock:
            encoded = self.tokenizer.encode_batch(missing, add_special_tokens=False)
        last = len(self.table) - 1
        for chunk, encoding in zip(missing, encoded, strict=True):
            # "" is what splitting leaves between two spaces: in the text, a lone "▁"
            found = encoding.ids if chunk else self._space
            self._chunks[chunk] = [min(max(i, 0), last) for i in found]

    def words(self, words: list[str]) -> np.ndarray:
        """Unit vectors of single words, cached (the re-ranker's soft word overlap)."""
        missing = [w for w in dict.fromkeys(words) if w not in self._words]
        if missing:
            if len(self._words) > 200_000:
                self._words.clear()  # bounded memory in a long-running process
            for word, vector in zip(missing, self(missing), strict=True):
                self._words[word] = vector
        if not words:
            return np.zeros((0, self.table.shape[1]), dtype=np.float32)
        return np.stack([self._words[w] for w in words])


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The shared embedder (loaded once per process, about 0.3 s)."""
    spec = importlib.util.find_spec("wordllama")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        root = Path(location)
        if (root / _WEIGHTS).is_file() and (root / _TOKENIZER).is_file():
            return Embedder(root)
    raise WorkbenchError(
        "the wordllama package with its built-in model is missing; reinstall workbench"
        " (pip install -e .) to match claims"
    )


def to_blob(*vectors: np.ndarray) -> bytes:
    """A fact-check's stored vectors, float16, one after another: that of its claim and
    headline together (dense retrieval), then, since the re-ranker compares the claim
    and the headline each on its own, that of each (read for the few candidates only).
    A database imported before keeps the first alone; the others are then computed."""
    return b"".join(vector.astype(np.float16).tobytes() for vector in vectors)


VECTOR_BYTES = DIMENSIONS * 2  # one float16 vector


def from_blobs(blobs: list[bytes]) -> np.ndarray:
    """Stored float16 vectors (of equal length) as one float32 matrix."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    joined = np.frombuffer(b"".join(blobs), dtype=np.float16)
    return joined.reshape(-1, DIMENSIONS).astype(np.float32)
