"""What the re-ranker sees of a (claim, candidate) pair: lexical, dense and overlap
features, computed the same way in training (workbench/training/known.py) and use.

Scores are relative to the candidate list of one query (BM25 over its maximum, ranks),
so that a list from the claims' index and one from the fact-checks' index are each
scored on their own terms.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from workbench.known.embed import Embedder
from workbench.known.words import figures, names, terms

FEATURES = (
    "bm25_relative",
    "bm25_of_query",
    "bm25_rank",
    "bm25_found",
    "cosine_text",
    "cosine_title",
    "cosine_both",
    "cosine_behind_best",
    "cosine_rank",
    "idf_overlap_of_candidate",
    "idf_overlap_of_query",
    "word_overlap_of_candidate",
    "figures_shared",
    "figures_only_in_candidate",
    "names_overlap_of_candidate",
    "names_overlap_of_query",
    "soft_overlap",
    "close_word_overlap",
    "learned_similarity",
)


@dataclass
class Candidate:
    """Something a claim may repeat: an imported fact-check or a decided claim."""

    kind: str  # "factcheck" or "claim"
    ref: int
    text: str
    title: str
    bm25: float = 0.0  # 0 when it came from the dense retrieval alone
    cosine: float = 0.0  # with the stored (text + title) vector
    vectors: np.ndarray | None = None  # stored vectors of its text and its title, if any


def features(
    query: str,
    candidates: list[Candidate],
    embedder: Embedder,
    idf: Idf,
    max_idf: float,
    similarity: np.ndarray | None = None,
) -> np.ndarray:
    """One row of FEATURES per candidate (`similarity`: the learned matrix of
    learned_similarity; without it that column is 0, as in training's first pass)."""
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    count = len(candidates)
    query_vector, pairs = pair_vectors(query, candidates, embedder)
    both = pairs @ query_vector  # candidates x (text, title)
    cosine_text, cosine_title = both[:, 0], both[:, 1]
    cosine_both = np.array([c.cosine for c in candidates], dtype=np.float32)
    bm25 = np.array([c.bm25 for c in candidates], dtype=np.float32)
    best_bm25 = bm25.max() if bm25.max() > 0 else 1.0
    query_terms = set(terms(query))
    query_names = names(query)
    query_figures = figures(query)
    described = [_described(c) for c in candidates]

    # Word overlaps, for all candidates at once: each candidate's words are indices into
    # the list of all their distinct words; sums per candidate are bincounts.
    vocabulary: dict[str, int] = {}
    owner: list[int] = []
    word: list[int] = []
    for index, (candidate_terms, _, _) in enumerate(described):
        for term in candidate_terms:
            owner.append(index)
            word.append(vocabulary.setdefault(term, len(vocabulary)))
    owners, words = np.array(owner, dtype=np.int64), np.array(word, dtype=np.int64)
    listed = list(vocabulary)
    weight = np.array(idf.weights(listed), dtype=np.float64)[words]
    shared = np.array([t in query_terms for t in listed], dtype=np.float64)[words]
    sizes = np.bincount(owners, minlength=count).astype(np.float64)
    candidate_weight = np.bincount(owners, weights=weight, minlength=count)
    shared_weight = np.bincount(owners, weights=weight * shared, minlength=count)
    shared_count = np.bincount(owners, weights=shared, minlength=count)
    query_weight = sum(idf.weights(list(query_terms))) or 1.0
    soft = close = np.zeros(count)
    if query_terms and listed:
        nearest = (embedder.words(listed) @ embedder.words(list(query_terms)).T).max(axis=1)
        nearest = nearest.astype(np.float64)[words]
        weights_sum = np.where(candidate_weight > 0, candidate_weight, 1.0)
        soft = np.bincount(owners, weights=nearest * weight, minlength=count) / weights_sum
        close = np.bincount(owners, weights=(nearest > 0.8) * weight, minlength=count) / weights_sum
    figure_rows = [
        (float(bool(query_figures & f)), float(bool(f) and not (query_figures & f)))
        for _, _, f in described
    ]
    name_rows = [
        (len(query_names & n) / (len(n) or 1), len(query_names & n) / (len(query_names) or 1))
        for _, n, _ in described
    ]
    columns = [
        bm25 / best_bm25,
        bm25 / idf.bm25_ceiling(query_terms),
        1.0 / (1.0 + _ranks(bm25)),
        (bm25 > 0).astype(np.float32),
        cosine_text,
        cosine_title,
        cosine_both,
        cosine_both - cosine_both.max(),
        1.0 / (1.0 + _ranks(cosine_both)),
        shared_weight / np.where(candidate_weight > 0, candidate_weight, 1.0),
        shared_weight / query_weight,
        shared_count / np.where(sizes > 0, sizes, 1.0),
        [row[0] for row in figure_rows],
        [row[1] for row in figure_rows],
        [row[0] for row in name_rows],
        [row[1] for row in name_rows],
        soft,
        close,
        learned_similarity(query_vector, pairs, similarity),
    ]
    return np.column_stack([np.asarray(c, dtype=np.float32) for c in columns])


def pair_vectors(
    query: str, candidates: list[Candidate], embedder: Embedder
) -> tuple[np.ndarray, np.ndarray]:
    """The query's vector, and each candidate's vectors of its text and its title
    (candidates x 2 x dimensions): stored ones, the others embedded now in one batch."""
    missing = [c for c in candidates if c.vectors is None]
    vectors = embedder(
        [
            query,
            *(c.text for c in missing),
            *(c.title or c.text for c in missing),
        ]
    )
    computed = iter(zip(vectors[1 : len(missing) + 1], vectors[len(missing) + 1 :], strict=True))
    pairs = [c.vectors if c.vectors is not None else np.stack(next(computed)) for c in candidates]
    return vectors[0], np.stack(pairs)


def learned_similarity(
    query_vector: np.ndarray, pairs: np.ndarray, similarity: np.ndarray | None
) -> np.ndarray:
    """q·Md for each candidate's joint vector d (its text's and title's, normalised, as
    stored for the dense retrieval), with M learned from the training pairs
    (workbench/training/known_similarity.py): which directions of the static
    embeddings tell the same claim apart from a merely related one."""
    if similarity is None:
        return np.zeros(len(pairs), dtype=np.float32)
    joint = pairs.sum(axis=1)
    joint /= np.linalg.norm(joint, axis=1, keepdims=True).clip(min=1e-9)
    return joint @ (similarity @ query_vector)


_DESCRIBED: dict[tuple[str, str], tuple[tuple[str, ...], set[str], set[str]]] = {}


def _described(candidate: Candidate) -> tuple[tuple[str, ...], set[str], set[str]]:
    """A candidate's distinct words (of text and title), names and figures (of its
    text), kept: the same fact-checks come up for query after query."""
    key = (candidate.text, candidate.title)
    found = _DESCRIBED.get(key)
    if found is None:
        if len(_DESCRIBED) > 100_000:
            _DESCRIBED.clear()  # bounded memory in a long-running process
        both = f"{candidate.text} {candidate.title}"
        found = (tuple(dict.fromkeys(terms(both))), names(both), figures(candidate.text))
        _DESCRIBED[key] = found
    return found


def _ranks(values: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return ranks


class Idf:
    """Inverse document frequencies, computed per word when asked for (the whole
    vocabulary is kept as counts; a query needs a few hundred of its words)."""

    def __init__(self, count: int, frequencies: Mapping[str, int]):
        self.total = max(count, 1)
        self.frequencies = frequencies
        self.max = math.log(self.total + 1)  # a word no fact-check holds

        self._known: dict[str, float] = {}

    def get(self, term: str, default: float) -> float:
        found = self.frequencies.get(term)
        return math.log((self.total + 1) / (found + 0.5)) if found else default

    def bm25_ceiling(self, terms: set[str]) -> float:
        """The sum of FTS5's own IDF of the query words the collection holds: what a
        BM25 score is in proportion to. A score over it reads alike in a collection
        of three fact-checks and of 20,000 (a raw score is ten times smaller in the
        first), so "strong" means the same in both."""
        total = self.total
        found = [self.frequencies.get(t, 0) for t in terms]
        ceiling = sum(max(math.log((total - n + 0.5) / (n + 0.5)), 1e-6) for n in found if n)
        return max(ceiling, 1e-3)

    def weights(self, terms: list[str]) -> list[float]:
        """The IDF of each term (of a word no fact-check holds: the largest), memoised:
        the same words come back query after query."""
        known = self._known
        found = [known.get(t) for t in terms]
        if None in found:
            for index, term in enumerate(terms):
                if found[index] is None:
                    found[index] = known[term] = self.get(term, self.max)
        return found  # type: ignore[return-value]  # no None is left


def idf_weights(count: int, frequencies: Mapping[str, int]) -> tuple[Idf, float]:
    idf = Idf(count, frequencies)
    return idf, idf.max
