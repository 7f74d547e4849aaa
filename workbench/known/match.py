"""Matching a claim against imported fact-checks and the decided claims of other
articles: lexical retrieval (FTS5 BM25) and dense retrieval (static embeddings) give
candidates, a re-ranker trained on claim-matching pairs orders them, and a calibrated
probability says how sure the match is. "Strong" is a threshold chosen, on held-out
training data that includes claims with no match at all, for a precision of 0.9:
a wrong "checked before" is worse than none.
"""

from __future__ import annotations

import json
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from workbench.known.embed import VECTOR_BYTES, embedder, from_blobs
from workbench.known.features import Candidate, Idf, features, idf_weights
from workbench.known.results import Match, described
from workbench.known.words import readable, terms
from workbench.store import Store

MODEL = Path(__file__).resolve().parent.parent / "_models" / "known" / "reranker.json"
SIMILARITY = MODEL.with_name("similarity.npy")  # learned_similarity's matrix
LEXICAL_CANDIDATES = 50
DENSE_CANDIDATES = 30
CLAIM_CANDIDATES = 30
# Words held by more than this share of the fact-checks (of a collection of COMMON_FROM
# or more) are left out of the lexical query: they add little to BM25 and make FTS5
# score most of the collection (1.6x faster with 20,000 fact-checks).
COMMON_SHARE = 0.1
COMMON_FROM = 1000


@dataclass(frozen=True)
class Reranker:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    platt: tuple[float, float]
    strong: float
    similarity: np.ndarray | None = None

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return ((rows - self.mean) / self.scale) @ self.weights

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.scores(rows) + b)))

    @classmethod
    def load(cls, path: Path = MODEL) -> Reranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            np.array(data["mean"], dtype=np.float32),
            np.array(data["scale"], dtype=np.float32),
            np.array(data["weights"], dtype=np.float32),
            (float(data["platt"][0]), float(data["platt"][1])),
            float(data["strong"]),
            np.load(path.with_name(SIMILARITY.name)).astype(np.float32),
        )


@lru_cache(maxsize=1)
def reranker() -> Reranker:
    return Reranker.load()


def fts_query(text: str, common: Container[str] = frozenset()) -> str | None:
    """An FTS5 OR-query of a text's content words (quoted: words are data, not syntax),
    leaving out the `common` ones unless nothing else is left."""
    words = list(dict.fromkeys(terms(text)))
    words = ([w for w in words if w not in common] or words)[:64]
    return " OR ".join(f'"{w}"' for w in words) if words else None


class Matcher:
    """Matches texts against one database. Keeps the fact-checks' vectors in memory
    and reloads them when the fact-checks change. One per thread, like the store."""

    def __init__(self, store: Store, model: Reranker | None = None):
        self.store = store
        self.model = model if model is not None else reranker()
        self.embedder = embedder()
        self._state: tuple[int, int, str] | None = None
        self._changed: tuple[int, int] | None = None
        self._frequencies: dict[str, int] | None = None  # word -> fact-checks holding it
        self._common: frozenset[str] = frozenset()
        self._idf: tuple[Idf, float] = idf_weights(0, {})
        self._count = 0
        self._ids = np.zeros(0, dtype=np.int64)
        self._vectors = np.zeros((0, 256), dtype=np.float32)

    def _dense(self) -> tuple[np.ndarray, np.ndarray]:
        # Re-check what the vectors depend on only when the database changed since
        # (data_version: another connection committed; total_changes: this one wrote):
        # counting 20,000 rows on every claim would cost more than matching it.
        changed = (
            self.store.conn.execute("PRAGMA data_version").fetchone()[0],
            self.store.conn.total_changes,
        )
        if changed == self._changed and self._state is not None:
            return self._ids, self._vectors
        self._changed = changed
        state = self.store.factcheck_state()
        if state != self._state:
            self._frequencies = None
            self._count = state[0]
            ids, blobs = self.store.factcheck_embeddings(VECTOR_BYTES)
            self._ids = np.array(ids, dtype=np.int64)
            self._vectors = from_blobs(blobs)
            self._state = state
        return self._ids, self._vectors

    def factcheck_candidates(self, text: str) -> list[Candidate]:
        found: dict[int, Candidate] = {}
        self._vocabulary()
        match = fts_query(text, self._common)
        lexical = self.store.factcheck_lexical(match, LEXICAL_CANDIDATES) if match else []
        ids, vectors = self._dense()
        if not len(ids):
            return []
        query = self.embedder([text])[0]
        similarity = vectors @ query
        for ref, score in lexical:
            found[ref] = Candidate("factcheck", ref, "", "", bm25=score)
        nearest = min(DENSE_CANDIDATES, len(ids))
        for position in np.argpartition(-similarity, nearest - 1)[:nearest]:
            found.setdefault(int(ids[position]), Candidate("factcheck", int(ids[position]), "", ""))
        positions = np.searchsorted(ids, np.array(list(found), dtype=np.int64))
        rows = self.store.factcheck_rows(list(found))
        more = self.store.factcheck_more_vectors(list(found), VECTOR_BYTES)
        for candidate, position in zip(found.values(), positions, strict=True):
            row = rows[candidate.ref]
            candidate.text = row["claim_reviewed"]
            candidate.title = row["title"] or ""
            candidate.cosine = float(similarity[position])
            if len(more.get(candidate.ref, b"")) == 2 * VECTOR_BYTES:  # claim, headline
                candidate.vectors = from_blobs([more[candidate.ref]])
        return list(found.values())

    def claim_candidates(self, text: str, exclude_article: int | None) -> list[Candidate]:
        match = fts_query(text)
        if not match:
            return []
        lexical = self.store.decided_claims_lexical(match, exclude_article, CLAIM_CANDIDATES)
        if not lexical:
            return []
        rows = self.store.claim_match_rows([ref for ref, _ in lexical])
        candidates = [
            Candidate("claim", ref, rows[ref]["text"], "", bm25=score) for ref, score in lexical
        ]
        vectors = self.embedder([c.text for c in candidates])
        query = self.embedder([text])[0]
        for candidate, similarity in zip(candidates, vectors @ query, strict=True):
            candidate.cosine = float(similarity)
        return candidates

    def _vocabulary(self) -> None:
        self._dense()  # the document frequencies are kept as long as the vectors are
        if self._frequencies is None:
            # the whole vocabulary in one scan (20,000 fact-checks: ~20,000 words):
            # a lookup per new word cost more, query after query
            self._frequencies = self.store.all_document_frequencies()
            # kept with the frequencies: it memoises each word's IDF
            self._idf = idf_weights(self._count, self._frequencies)
            common = COMMON_SHARE * self._count
            self._common = (
                frozenset(word for word, count in self._frequencies.items() if count > common)
                if self._count >= COMMON_FROM
                else frozenset()
            )

    def feature_rows(self, text: str, candidates: list[Candidate]) -> np.ndarray:
        self._vocabulary()
        idf, max_idf = self._idf
        return features(text, candidates, self.embedder, idf, max_idf, self.model.similarity)

    def scored(self, text: str, candidates: list[Candidate]) -> list[tuple[Candidate, float]]:
        if not candidates:
            return []
        probabilities = self.model.probabilities(self.feature_rows(text, candidates))
        return sorted(zip(candidates, probabilities.tolist(), strict=True), key=lambda p: -p[1])

    def match(
        self,
        text: str,
        *,
        limit: int = 5,
        exclude_article: int | None = None,
        exclude_claim: int | None = None,
    ) -> list[Match]:
        """The `limit` most similar fact-checks and decided claims, most likely first."""
        ranked = self.ranked(
            text, limit=limit, exclude_article=exclude_article, exclude_claim=exclude_claim
        )
        return described(self.store, ranked)

    def ranked(
        self,
        text: str,
        *,
        limit: int = 5,
        exclude_article: int | None = None,
        exclude_claim: int | None = None,
    ) -> list[tuple[str, int, float, bool]]:
        """The best matches as (kind, ref, probability, strong), most likely first."""
        text = readable(text)
        if not text:
            return []
        scored = self.scored(text, self.factcheck_candidates(text))
        claims = [c for c in self.claim_candidates(text, exclude_article) if c.ref != exclude_claim]
        scored += self.scored(text, claims)
        scored.sort(key=lambda pair: -pair[1])
        return [(c.kind, c.ref, p, p >= self.model.strong) for c, p in scored[:limit]]
