"""Train the claim-matching re-ranker (workbench/_models/known/reranker.json).

Data: CheckThat! 2020 Task 2 (tweets -> Snopes verified claims), read from
../shared/data/claim-matching, never shipped. We train on the 2020 *train* queries
only: the 2021 Task 2A train set is the 2020 train plus the 2020 dev queries, so
training on it would leak the 2020 dev set we report on. A linear model is trained
listwise (softmax over each query's candidates, L-BFGS); one of its features is a
learned similarity of the static vectors (known_similarity.py), fed to it out of fold.
Five-fold cross-validation
over the train queries chooses the regularisation, and its out-of-fold scores (every
query scored by a model that did not see it) calibrate the score into a probability
(Platt) and set the "strong" threshold, on each query both as it is and with its true
match (and the collection's copies of it) removed, since most claims in use have no
match. The shipped model is then fitted on all the train queries.

The fact-checks are loaded into a real workbench database and candidates and features
come from the same Matcher the product uses, so training and use cannot drift apart.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from workbench.known.embed import DIMENSIONS
from workbench.known.features import FEATURES, Candidate, pair_vectors
from workbench.known.match import MODEL, SIMILARITY, Matcher, Reranker
from workbench.known.service import embeddings_of
from workbench.known.words import readable, terms
from workbench.store import Store
from workbench.training.known_similarity import (
    Pairs,
    fit_similarity,
    joint_of,
    out_of_fold_similarity,
)

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "claim-matching"
STRONG_PRECISION = 0.9
FOLDS = 5
WINDOW = 100  # trials just above the strong threshold that must be right as often


@dataclass
class MatchingSet:
    name: str
    documents: dict[str, dict[str, str]]  # id -> {"text", "title"}
    train: dict[str, tuple[str, set[str]]]  # query id -> (text, relevant document ids)
    dev: dict[str, tuple[str, set[str]]]


def load_set(name: str, root: Path = DATA) -> MatchingSet:
    """ct2020_t2 or ct2021_t2a, as shipped by the CheckThat! lab."""
    csv.field_size_limit(1 << 30)
    folder = root / name
    documents: dict[str, dict[str, str]] = {}
    if name == "ct2020_t2":
        with (folder / "verified_claims.docs.tsv").open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))[1:]
        for row in rows:
            documents[row[0]] = {"text": row[1], "title": row[2]}

        def queries(split: str) -> dict[str, tuple[str, set[str]]]:
            with (folder / split / "tweets.queries.tsv").open(encoding="utf-8") as handle:
                texts = {r[0]: r[1] for r in list(csv.reader(handle, delimiter="\t"))[1:]}
            return _with_qrels(texts, folder / split / "tweet-vclaim-pairs.qrels")

        return MatchingSet(name, documents, queries("train"), queries("dev"))
    with (folder / "vclaims.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            title = " ".join(p for p in (item.get("title"), item.get("subtitle")) if p)
            documents[item["vclaim_id"]] = {"text": item["vclaim"], "title": title}

    def queries21(split: str) -> dict[str, tuple[str, set[str]]]:
        texts = {}
        for line in (folder / f"queries_{split}.tsv").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                texts[parts[0]] = parts[1]
        return _with_qrels(texts, folder / f"qrels_{split}.tsv")

    return MatchingSet(name, documents, queries21("train"), queries21("dev"))


def _with_qrels(texts: dict[str, str], qrels: Path) -> dict[str, tuple[str, set[str]]]:
    relevant: dict[str, set[str]] = {}
    for line in qrels.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            relevant.setdefault(parts[0], set()).add(parts[2])
    return {q: (texts[q], rel) for q, rel in relevant.items() if q in texts}


def build_database(path: Path, documents: dict[str, dict[str, str]]) -> dict[int, str]:
    """The verified claims as fact-checks of a new database; factcheck id -> doc id."""
    records = [
        {
            "url": f"https://factcheck.invalid/{index}",
            "claim_reviewed": doc["text"],
            "title": doc["title"] or None,
        }
        for index, doc in enumerate(documents.values())
    ]
    store = Store(path)
    with store:
        store.upsert_factchecks(records, embeddings_of(records), "checkthat", "training")
        ids = [r[0] for r in store.conn.execute("SELECT id FROM factchecks ORDER BY id")]
    return dict(zip(ids, documents, strict=True))


def candidate_lists(
    matcher: Matcher,
    queries: dict[str, tuple[str, set[str]]],
    doc_of: dict[int, str],
    vectors: Pairs | None = None,
) -> dict[str, tuple[list[str], np.ndarray, list[float]]]:
    """Per query: candidate doc ids, their feature rows and their BM25 scores (and, in
    `vectors`, the query's vector and its candidates' joint vectors)."""
    out = {}
    for query_id, (post, _) in queries.items():
        text = readable(post)  # as Matcher.ranked reads it
        candidates: list[Candidate] = matcher.factcheck_candidates(text)
        rows = (
            matcher.feature_rows(text, candidates)
            if candidates
            else np.zeros((0, len(FEATURES)), np.float32)
        )
        out[query_id] = ([doc_of[c.ref] for c in candidates], rows, [c.bm25 for c in candidates])
        if vectors is not None and candidates:
            query, pairs = pair_vectors(text, candidates, matcher.embedder)
            vectors[query_id] = (query, joint_of(pairs))
        elif vectors is not None:
            vectors[query_id] = (np.zeros(DIMENSIONS), np.zeros((0, DIMENSIONS)))
    return out


def map_at_5(ranked: dict[str, list[str]], queries: dict[str, tuple[str, set[str]]]) -> float:
    """Mean average precision at 5, as the CheckThat! lab computes it."""
    total = 0.0
    for query_id, (_, relevant) in queries.items():
        hits, score = 0, 0.0
        for position, doc in enumerate(ranked.get(query_id, [])[:5]):
            if doc in relevant:
                hits += 1
                score += hits / (position + 1)
        total += score / min(len(relevant), 5)
    return total / max(len(queries), 1)


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], l2: float) -> dict[str, Any]:
    """A linear scorer trained with softmax cross-entropy over each query's list
    (L-BFGS: converged, and deterministic)."""
    from scipy.optimize import minimize

    usable = [(x, y) for x, y in groups if len(x) and y.sum() > 0]
    rows = np.vstack([x for x, _ in usable]).astype(np.float64)
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-6
    z = (rows - mean) / scale
    target = np.concatenate([y / y.sum() for _, y in usable])
    starts = np.cumsum([0] + [len(x) for x, _ in usable[:-1]])
    group = np.repeat(np.arange(len(usable)), [len(x) for x, _ in usable])

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ weights
        s = s - np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        total = np.add.reduceat(e, starts)
        p = e / total[group]
        value = -(target * (s - np.log(total)[group])).sum() / len(usable)
        gradient = z.T @ (p - target) / len(usable) + l2 * weights
        return float(value + 0.5 * l2 * weights @ weights), gradient

    found = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B")
    return {"mean": mean.tolist(), "scale": scale.tolist(), "weights": found.x.tolist()}


def fit_platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    a, b = 1.0, 0.0
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(a * scores + b)))
        a -= 0.1 * float(((p - labels) * scores).mean())
        b -= 0.1 * float((p - labels).mean())
    return a, b


def strong_threshold(trials: list[tuple[float, bool]], precision: float) -> float:
    """The lowest top-1 probability down to which top-1 matches are right `precision` of
    the time, both all together and among the WINDOW just above it: a match called strong
    at the threshold is as likely to be right as one far above it (trials: (probability
    of the top candidate, whether it is right))."""
    ordered = sorted(trials, key=lambda t: -t[0])
    right = np.cumsum([correct for _, correct in ordered])
    best = 1.0
    for count in range(WINDOW, len(ordered) + 1):
        near = right[count - 1] - (right[count - 1 - WINDOW] if count > WINDOW else 0)
        if near < precision * WINDOW or right[count - 1] < precision * count:
            break
        best = ordered[count - 1][0]
    return float(best)


def ranked_by(
    model: Reranker, lists: dict[str, tuple[list[str], np.ndarray, list[float]]]
) -> dict[str, list[str]]:
    ranked = {}
    for query_id, (docs, rows, _) in lists.items():
        order = np.argsort(-model.scores(rows)).tolist() if len(docs) else []
        ranked[query_id] = [docs[i] for i in order]
    return ranked


def reranker_of(fitted: dict[str, Any], platt=(1.0, 0.0), strong=1.0) -> Reranker:
    return Reranker(
        np.array(fitted["mean"], np.float32),
        np.array(fitted["scale"], np.float32),
        np.array(fitted["weights"], np.float32),
        platt,
        strong,
    )


Lists = dict[str, tuple[list[str], np.ndarray, list[float]]]


def train(work: Path, root: Path = DATA, out: Path = MODEL) -> dict[str, Any]:
    data = load_set("ct2020_t2", root)
    work.mkdir(parents=True, exist_ok=True)
    (work / "ct2020.db").unlink(missing_ok=True)
    doc_of = build_database(work / "ct2020.db", data.documents)
    store = Store(work / "ct2020.db")
    vectors: Pairs = {}
    with store:
        matcher = Matcher(store, model=reranker_of(_zero()))
        lists = candidate_lists(matcher, data.train, doc_of, vectors)
    labels = {k: np.array([float(d in data.train[k][1]) for d in lists[k][0]]) for k in lists}
    folds = _folds(sorted(lists), FOLDS)
    # the last feature, learned_similarity, as it behaves on claims its matrix never saw
    learned = out_of_fold_similarity(vectors, labels, folds)
    for k, (_, rows, _) in lists.items():
        rows[:, FEATURES.index("learned_similarity")] = learned[k]
    choices = {}
    for l2 in (1e-3, 1e-2, 1e-1):
        scores = out_of_fold(lists, labels, folds, l2)
        ranked = {k: [lists[k][0][i] for i in np.argsort(-scores[k])] for k in lists}
        choices[l2] = (map_at_5(ranked, data.train), scores)
        print(f"l2={l2:g}: cross-validated MAP@5 {choices[l2][0]:.4f}", file=sys.stderr)
    l2 = max(choices, key=lambda k: choices[k][0])
    cv_map, scores = choices[l2]
    used = [k for k in sorted(lists) if len(lists[k][0])]
    platt = fit_platt(
        np.concatenate([scores[k] for k in used]), np.concatenate([labels[k] for k in used])
    )
    a, b = platt
    copies = copies_of(data.documents)
    trials = []
    for k in used:
        probabilities = 1.0 / (1.0 + np.exp(-(a * scores[k] + b)))
        trials += top_trials(lists[k][0], probabilities, data.train[k][1], copies)
    strong = strong_threshold(trials, STRONG_PRECISION)
    fitted = fit_listwise([(lists[k][1], labels[k]) for k in sorted(lists)], l2)
    result = {
        "features": list(FEATURES),
        **fitted,
        "platt": list(platt),
        "strong": strong,
        "trained_on": "CheckThat! 2020 Task 2 train; regularisation, calibration and the strong"
        f" threshold chosen on its {FOLDS}-fold cross-validated scores",
        "l2": l2,
        "cross_validated_map_at_5": round(cv_map, 4),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    np.save(out.with_name(SIMILARITY.name), fit_similarity(vectors, labels, sorted(vectors)))
    return {k: v for k, v in result.items() if k not in ("mean", "scale", "weights")}


def _folds(keys: list[str], count: int) -> list[list[str]]:
    shuffled = list(keys)
    np.random.default_rng(2020).shuffle(shuffled)
    return [shuffled[i::count] for i in range(count)]


def out_of_fold(
    lists: Lists, labels: dict[str, np.ndarray], folds: list[list[str]], l2: float
) -> dict[str, np.ndarray]:
    """Each query's candidate scores from a model fitted on the other folds."""
    scores = {}
    for fold in folds:
        held = set(fold)
        fitted = fit_listwise([(lists[k][1], labels[k]) for k in lists if k not in held], l2)
        model = reranker_of(fitted)
        for k in fold:
            scores[k] = model.scores(lists[k][1]) if len(lists[k][0]) else np.zeros(0)
    return scores


def copies_of(documents: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    """Documents that state the same claim in the same words as another (the Snopes
    collection holds some twice, quoted differently): doc id -> its copies, itself too."""
    groups: dict[tuple[str, ...], set[str]] = {}
    for doc_id, doc in documents.items():
        groups.setdefault(tuple(sorted(set(terms(doc["text"])))), set()).add(doc_id)
    return {doc_id: group for group in groups.values() for doc_id in group}


def top_trials(
    docs: list[str], probabilities: np.ndarray, relevant: set[str], copies: dict[str, set[str]]
) -> list[tuple[float, bool]]:
    """What "strong" would say of a query: its top candidate, right (the match or a
    copy of it) or wrong; and the same query with its match and the match's copies out
    of the collection, where whatever comes top is wrong (most claims in use have no
    earlier check)."""
    if not docs:
        return []
    top = int(np.argmax(probabilities))
    gone = set().union(*(copies.get(d, {d}) for d in relevant))
    trials = [(float(probabilities[top]), docs[top] in gone)]
    keep = [i for i, d in enumerate(docs) if d not in gone]
    if keep:
        trials.append((float(probabilities[keep].max()), False))
    return trials


def _zero() -> dict[str, Any]:
    size = len(FEATURES)
    return {"mean": [0.0] * size, "scale": [1.0] * size, "weights": [0.0] * size}
