"""Train the claim-matching re-ranker (workbench/_models/known/reranker.json).

Data: CheckThat! 2020 Task 2 (tweets -> Snopes verified claims), read from
../shared/data/claim-matching, never shipped. We train on the 2020 *train* queries
only: the 2021 Task 2A train set is the 2020 train plus the 2020 dev queries, so
training on it would leak the 2020 dev set we report on. The train queries are split
80/20 (seeded): the 80% fit the weights (a linear model trained listwise, softmax over
each query's candidates), the 20% choose the regularisation, calibrate the score into
a probability (Platt) and set the "strong" threshold — on the held-out queries both as
they are and with their true match removed, since most claims in use have no match.

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

from workbench.known.features import FEATURES, Candidate
from workbench.known.match import MODEL, Matcher, Reranker
from workbench.known.service import embeddings_of
from workbench.store import Store

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "claim-matching"
STRONG_PRECISION = 0.9


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
    matcher: Matcher, queries: dict[str, tuple[str, set[str]]], doc_of: dict[int, str]
) -> dict[str, tuple[list[str], np.ndarray, list[float]]]:
    """Per query: candidate doc ids, their feature rows and their BM25 scores."""
    out = {}
    for query_id, (text, _) in queries.items():
        candidates: list[Candidate] = matcher.factcheck_candidates(text)
        rows = (
            matcher.feature_rows(text, candidates)
            if candidates
            else np.zeros((0, len(FEATURES)), np.float32)
        )
        out[query_id] = ([doc_of[c.ref] for c in candidates], rows, [c.bm25 for c in candidates])
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
    """A linear scorer trained with softmax cross-entropy over each query's list."""
    usable = [(x, y) for x, y in groups if len(x) and y.sum() > 0]
    rows = np.vstack([x for x, _ in usable])
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-6
    z = (rows - mean) / scale
    target = np.concatenate([y / y.sum() for _, y in usable])
    starts = np.cumsum([0] + [len(x) for x, _ in usable[:-1]])
    group = np.repeat(np.arange(len(usable)), [len(x) for x, _ in usable])
    weights = np.zeros(z.shape[1])
    step = 0.5
    for _ in range(1500):
        s = z @ weights
        s = s - np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[group]
        weights -= step * (z.T @ (p - target) / len(usable) + l2 * weights)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "weights": weights.tolist()}


def fit_platt(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    a, b = 1.0, 0.0
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(a * scores + b)))
        a -= 0.1 * float(((p - labels) * scores).mean())
        b -= 0.1 * float((p - labels).mean())
    return a, b


def strong_threshold(trials: list[tuple[float, bool]], precision: float) -> float:
    """The lowest top-1 probability above which top-1 matches are right `precision` of
    the time (trials: (probability of the top candidate, whether it is right))."""
    best = 1.0
    ordered = sorted(trials, key=lambda t: -t[0])
    right = 0
    for count, (probability, correct) in enumerate(ordered, 1):
        right += correct
        if right / count >= precision and count >= 5:
            best = probability
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


def train(work: Path, root: Path = DATA, out: Path = MODEL) -> dict[str, Any]:
    data = load_set("ct2020_t2", root)
    work.mkdir(parents=True, exist_ok=True)
    (work / "ct2020.db").unlink(missing_ok=True)
    doc_of = build_database(work / "ct2020.db", data.documents)
    store = Store(work / "ct2020.db")
    with store:
        matcher = Matcher(store, model=reranker_of(_zero()))
        lists = candidate_lists(matcher, data.train, doc_of)
    keys = sorted(lists)
    np.random.default_rng(2020).shuffle(keys)
    cut = int(len(keys) * 0.8)
    fit_keys, held_keys = keys[:cut], keys[cut:]
    held = {k: data.train[k] for k in held_keys}

    def groups(ks: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        return [
            (lists[k][1], np.array([float(d in data.train[k][1]) for d in lists[k][0]])) for k in ks
        ]

    choices = {}
    for l2 in (1e-3, 1e-2, 1e-1):
        fitted = fit_listwise(groups(fit_keys), l2)
        held_map = map_at_5(ranked_by(reranker_of(fitted), {k: lists[k] for k in held_keys}), held)
        choices[l2] = (held_map, fitted)
        print(f"l2={l2:g}: held-out MAP@5 {held_map:.4f}", file=sys.stderr)
    l2 = max(choices, key=lambda k: choices[k][0])
    held_map, fitted = choices[l2]
    model = reranker_of(fitted)
    scores = np.concatenate([model.scores(lists[k][1]) for k in held_keys if len(lists[k][0])])
    labels = np.concatenate([x[1] for x in groups(held_keys)])
    platt = fit_platt(scores, labels)
    model = reranker_of(fitted, platt)
    trials = []
    for k in held_keys:
        docs, rows, _ = lists[k]
        if not docs:
            continue
        probabilities = model.probabilities(rows)
        relevant = data.train[k][1]
        top = int(np.argmax(probabilities))
        trials.append((float(probabilities[top]), docs[top] in relevant))
        # the same claim when its match is not in the database: whatever comes top is wrong
        keep = [i for i, d in enumerate(docs) if d not in relevant]
        if keep:
            trials.append((float(probabilities[keep].max()), False))
    strong = strong_threshold(trials, STRONG_PRECISION)
    result = {
        "features": list(FEATURES),
        **fitted,
        "platt": list(platt),
        "strong": strong,
        "trained_on": "CheckThat! 2020 Task 2 train (80%), selected and calibrated on 20%",
        "l2": l2,
        "held_out_map_at_5": round(held_map, 4),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return {k: v for k, v in result.items() if k not in ("mean", "scale", "weights")}


def _zero() -> dict[str, Any]:
    size = len(FEATURES)
    return {"mean": [0.0] * size, "scale": [1.0] * size, "weights": [0.0] * size}
