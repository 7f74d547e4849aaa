"""What the re-ranker sees of a (claim, candidate) pair: lexical, dense and overlap
features, computed the same way in training (workbench/training/known.py) and use.

Scores are relative to the candidate list of one query (BM25 over its maximum, ranks),
so that a list from the claims' index and one from the fact-checks' index are each
scored on their own terms.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from workbench.known.embed import Embedder

FEATURES = (
    "bm25_relative",
    "bm25_scaled",
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
)

_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+", re.I)
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 splits them
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_FIGURE = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being"
    " this that these those it its he she they them his her their we our you your i me my not"
    " no so do does did have has had will would can could should may might just than then"
    " there here what which who whom whose when where why how all any some more most other"
    " such only own same too very rt amp via says said".split()
)
_NAME_STOP = frozenset(
    "the a an this i we you he she it they my our in on at of and but if".split()
)


def fold(text: str) -> str:
    """Lower case without diacritics, as the full-text index folds words."""
    if text.isascii():
        return text.lower()  # nothing to fold
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def terms(text: str) -> list[str]:
    """The content words of a text (links dropped), in order."""
    return [
        word
        for word in _WORD.findall(fold(_URL.sub(" ", text)))
        if len(word) > 1 and word not in STOPWORDS
    ]


def names(text: str) -> set[str]:
    return {n.lower() for n in _NAME.findall(_URL.sub(" ", text))} - _NAME_STOP


def figures(text: str) -> set[str]:
    return {f.rstrip(".,") for f in _FIGURE.findall(_URL.sub(" ", text))}


@dataclass
class Candidate:
    """Something a claim may repeat: an imported fact-check or a decided claim."""

    kind: str  # "factcheck" or "claim"
    ref: int
    text: str
    title: str
    bm25: float = 0.0  # 0 when it came from the dense retrieval alone
    cosine: float = 0.0  # with the stored (text + title) vector


def features(
    query: str,
    candidates: list[Candidate],
    embedder: Embedder,
    idf: dict[str, float],
    max_idf: float,
) -> np.ndarray:
    """One row of FEATURES per candidate."""
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    # one batch: the tokenizer's per-call overhead is most of embedding a short text
    vectors = embedder(
        [
            _URL.sub(" ", query),
            *(c.text for c in candidates),
            *(c.title or c.text for c in candidates),
        ]
    )
    query_vector = vectors[0]
    texts = vectors[1 : len(candidates) + 1]
    titles = vectors[len(candidates) + 1 :]
    cosine_text = texts @ query_vector
    cosine_title = titles @ query_vector
    cosine_both = np.array([c.cosine for c in candidates], dtype=np.float32)
    bm25 = np.array([c.bm25 for c in candidates], dtype=np.float32)
    best_bm25 = bm25.max() if bm25.max() > 0 else 1.0
    bm25_rank = _ranks(bm25)
    cosine_rank = _ranks(cosine_both)
    query_terms = set(terms(query))
    query_names = names(query)
    query_figures = figures(query)
    query_term_list = list(query_terms)
    query_word_vectors = embedder.words(query_term_list) if query_term_list else None

    def weight(term: str) -> float:
        return idf.get(term, max_idf)

    query_weight = sum(weight(t) for t in query_terms) or 1.0
    rows = []
    for index, candidate in enumerate(candidates):
        both = f"{candidate.text} {candidate.title}"
        candidate_terms = set(terms(both))
        shared = query_terms & candidate_terms
        shared_weight = sum(weight(t) for t in shared)
        candidate_weight = sum(weight(t) for t in candidate_terms) or 1.0
        candidate_names = names(both)
        shared_names = query_names & candidate_names
        candidate_figures = figures(candidate.text)
        soft = close = 0.0
        if candidate_terms and query_word_vectors is not None:
            listed = list(candidate_terms)
            nearest = (embedder.words(listed) @ query_word_vectors.T).max(axis=1)
            weights = np.array([weight(t) for t in listed])
            soft = float((nearest * weights).sum() / weights.sum())
            close = float(((nearest > 0.8) * weights).sum() / weights.sum())
        rows.append(
            [
                bm25[index] / best_bm25,
                bm25[index] / 10.0,
                1.0 / (1.0 + bm25_rank[index]),
                float(bm25[index] > 0),
                cosine_text[index],
                cosine_title[index],
                cosine_both[index],
                cosine_both[index] - cosine_both.max(),
                1.0 / (1.0 + cosine_rank[index]),
                shared_weight / candidate_weight,
                shared_weight / query_weight,
                len(shared) / (len(candidate_terms) or 1),
                float(bool(query_figures & candidate_figures)),
                float(bool(candidate_figures) and not (query_figures & candidate_figures)),
                len(shared_names) / (len(candidate_names) or 1),
                len(shared_names) / (len(query_names) or 1),
                soft,
                close,
            ]
        )
    return np.array(rows, dtype=np.float32)


def _ranks(values: np.ndarray) -> np.ndarray:
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return ranks


def idf_weights(count: int, frequencies: dict[str, int]) -> tuple[dict[str, float], float]:
    total = max(count, 1)
    max_idf = math.log(total + 1)
    return {t: math.log((total + 1) / (f + 0.5)) for t, f in frequencies.items()}, max_idf
