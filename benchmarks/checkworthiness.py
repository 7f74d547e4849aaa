"""Check-worthiness on every labelled set at hand, the learned model beside two baselines.

Scorers, each on the sentence text as given:
- learned: workbench.extract.checkworthy.score (the shipped model);
- hand-set: the rules' former scorer, workbench.extract.score.checkworthiness (hand-set weights);
- everything: every sentence called check-worthy (score 1.0; its AUC is 0.5 by definition).
Metrics: F1 of the positive class at 0.5, ROC AUC, and MAP (mean over debates of average
precision) where a set is grouped by debate.

Each set carries its role (training sets are not measured): "selection" sets chose the
model's settings and calibration (their figures are optimistic); "reported" sets were never
used for either. The external sets (../shared/eval/external) were used for neither, but
ClaimBuster's test split is drawn from the same debates as its training file: its overlap
with the training texts is shown.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from workbench.extract import checkworthy
from workbench.extract.checkworthy_debate import score_transcript
from workbench.extract.score import checkworthiness as hand_set
from workbench.extract.score import features
from workbench.training import checkworthiness as training
from workbench.training import checkworthiness_debate as debate_training

ROOT = Path(__file__).resolve().parent.parent.parent / "shared"
DATA = ROOT / "data" / "checkworthiness"
EXTERNAL = ROOT / "eval" / "external"
EXTERNAL_SETS = ("claimbuster", "clef2019_checkthat_task1", "policlaim_afacta", "factcheck_gpt")
TARGETS = {"report_ct2024_devtest": ("F1", 0.75), "report_ct2021_dev": ("MAP", 0.30)}


def _external(name: str) -> list[training.Example]:
    with (EXTERNAL / name / "b.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [training.Example(r["text"], bool(r["checkworthy"]), r.get("debate", "")) for r in rows]


def _figures(scores: list[float], examples: list[training.Example]) -> dict[str, float]:
    labels = [e.label for e in examples]
    result = {"F1": training.f1(scores, labels), "AUC": training.auc(scores, labels)}
    if any(e.group for e in examples):
        result["MAP"] = training.mean_average_precision(scores, examples)
    return result


def run(quick: bool = False) -> list[dict[str, Any]]:
    if not DATA.is_dir():
        return [{"name": "check-worthiness", "detail": f"skipped: no data at {DATA}"}]
    sets = training.load(DATA)
    trained_on = set(json.loads(checkworthy.MODEL_PATH.read_text(encoding="utf-8"))["trained_on"])
    seen = {training.normalized(e.text) for name in trained_on for e in sets[name]}
    measured = {name: examples for name, examples in sets.items() if not name.startswith("train_")}
    if EXTERNAL.is_dir():
        for name in EXTERNAL_SETS:
            if (EXTERNAL / name / "b.jsonl").exists():
                measured[f"external_{name}"] = _external(name)
    results = [_speed(sets["select_ct2024_dev"]), _debate_speed(), *_debates()]
    for name, examples in measured.items():
        if quick and len(examples) > 2000:
            examples = examples[: len(examples) // 4]  # whole debates come first in file order
        texts = [e.text for e in examples]
        role = name.split("_", 1)[0]
        role = {"select": "selection", "report": "reported", "external": "external, unused"}[role]
        overlap = sum(training.normalized(t) in seen for t in texts) / len(texts)
        results.append(
            {
                "name": name,
                "role": role,
                "items": len(examples),
                "positives": sum(e.label for e in examples),
                "overlap": overlap,
                "learned": _figures(checkworthy.score(texts), examples),
                "hand-set": _figures([hand_set(features(t)) for t in texts], examples),
                "everything": _figures([1.0] * len(texts), examples),
                "target": TARGETS.get(name),
            }
        )
    return results


def _debates() -> list[dict[str, Any]]:
    """Debates ranked per debate as the CheckThat! scorer ranks them (every line, ties in
    file order, MAP over debates): debate mode beside the article model and trivial
    rankings, on CheckThat! 2021 1B dev (reported: never used to choose) and on CLEF-2019
    CheckThat! Task 1 test (external, unused), less any of its debates whose check-worthy
    lines are in the 2021 training debates (one is the same debate). The organisers'
    baseline (tf-idf unigrams and an RBF SVM, C=10, gamma=0.1, on the training debates)
    needs scikit-learn (the `train` extra) and is left out without it."""
    import random
    import re

    train = debate_training.debates(DATA / "ct2021_t1b_en" / "train")
    seen = {training.normalized(t) for d in train.values() for _, t, _ in d}
    sets = {"report_ct2021_dev": debate_training.debates(DATA / "ct2021_t1b_en" / "dev")}
    clef2019 = EXTERNAL / "clef2019_checkthat_task1" / "b.jsonl"
    if clef2019.exists():
        grouped: dict[str, list[dict[str, Any]]] = {}
        with clef2019.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    grouped.setdefault(row["debate"], []).append(row)
        unseen = {}
        for name, rows in sorted(grouped.items()):
            if any(r["checkworthy"] and training.normalized(r["text"]) in seen for r in rows):
                continue
            rows.sort(key=lambda r: r["line_number"])
            unseen[name] = [(r["speaker"], r["text"], bool(r["checkworthy"])) for r in rows]
        sets["external_clef2019_checkthat_task1"] = unseen
    digit = re.compile(r"\d")
    rng = random.Random(13)
    rankers: dict[str, Any] = {
        "debate mode": lambda d: score_transcript([(s, t) for s, t, _ in d]),
        "article model": lambda d: checkworthy.score([t for _, t, _ in d]),
        "hand-set": lambda d: [hand_set(features(t)) for _, t, _ in d],
        "contains a digit": lambda d: [float(bool(digit.search(t))) for _, t, _ in d],
        "length in words": lambda d: [float(len(t.split())) for _, t, _ in d],
        "random (mean of 20)": None,
    }
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import Pipeline
        from sklearn.svm import SVC
    except ImportError:
        pass
    else:
        lines = [line for d in train.values() for line in d]
        ngram = Pipeline(
            [("ngrams", TfidfVectorizer()), ("clf", SVC(C=10, gamma=0.1, kernel="rbf"))]
        ).fit([t for _, t, _ in lines], [int(y) for *_, y in lines])
        rankers["organisers' n-gram"] = lambda d: list(
            ngram.decision_function([t for _, t, _ in d])
        )
    results = []
    for name, debates in sets.items():
        figures = {}
        for ranker, rank in rankers.items():
            if rank is None:
                runs = [
                    debate_training.mean_ap(
                        {n: [rng.random() for _ in d] for n, d in debates.items()}, debates
                    )
                    for _ in range(20)
                ]
                figures[ranker] = sum(runs) / len(runs)
            else:
                figures[ranker] = debate_training.mean_ap(
                    {n: rank(d) for n, d in debates.items()}, debates
                )
        results.append(
            {
                "name": f"{name} by debate",
                "role": "reported" if name.startswith("report_") else "external, unused",
                "debates": len(debates),
                "lines": sum(len(d) for d in debates.values()),
                "positives": sum(y for d in debates.values() for *_, y in d),
                "MAP": figures,
                "target": ("MAP", 0.30) if name == "report_ct2021_dev" else None,
            }
        )
    return results


def _speed(examples: list[training.Example]) -> dict[str, Any]:
    """Scoring time of the learned model as a ratio against the hand-set scorer, both on
    the same sentences in the same run (the model already loaded). The surface features
    are memoised (`features` keeps the last 4,096 texts): each run starts with that cache
    empty, or both scorers would time lookups of features the first run computed."""
    texts = [e.text for e in examples]
    checkworthy.score(texts[:1])
    timings = {}
    for name, scorer in (
        ("learned", checkworthy.score),
        ("hand-set", lambda batch: [hand_set(features(t)) for t in batch]),
    ):
        best = float("inf")
        for _ in range(3):
            features.cache_clear()
            started = time.perf_counter()
            scorer(texts)
            best = min(best, time.perf_counter() - started)
        timings[name] = best
    return {"name": "scoring speed", "items": len(texts), **timings}


def _debate_speed() -> dict[str, Any]:
    """Debate mode's time on the 2021 dev transcripts as a ratio against the article model
    scoring the same lines one by one, side by side in the same run (caches emptied)."""
    dev = debate_training.debates(DATA / "ct2021_t1b_en" / "dev")
    transcripts = [[(s, t) for s, t, _ in d] for d in dev.values()]
    score_transcript(transcripts[0][:2])
    timings = {}
    for name, scorer in (
        ("debate mode", score_transcript),
        ("article model", lambda lines: checkworthy.score([t for _, t in lines])),
    ):
        best = float("inf")
        for _ in range(3):
            features.cache_clear()
            started = time.perf_counter()
            for lines in transcripts:
                scorer(lines)
            best = min(best, time.perf_counter() - started)
        timings[name] = best
    return {"name": "debate scoring speed", "items": sum(map(len, transcripts)), **timings}


def table(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        if r["name"] == "scoring speed":
            lines.append(
                f"scoring {r['items']} sentences: learned {r['learned'] * 1000:.0f} ms,"
                f" hand-set {r['hand-set'] * 1000:.0f} ms"
                f" ({r['learned'] / r['hand-set']:.2f}x the hand-set scorer's time)"
            )
            continue
        if r["name"] == "debate scoring speed":
            lines.append(
                f"debate mode on {r['items']} transcript lines: {r['debate mode'] * 1000:.0f} ms,"
                f" the article model {r['article model'] * 1000:.0f} ms"
                f" ({r['debate mode'] / r['article model']:.2f}x)"
            )
            continue
        if r["name"].endswith(" by debate"):
            lines.append(
                f"{r['name']} ({r['role']}; {r['debates']} debates, {r['lines']} lines,"
                f" {r['positives']} check-worthy): MAP, every line ranked per debate"
            )
            for scorer, value in r["MAP"].items():
                lines.append(f"  {scorer:>20} {value:.3f}")
            if r["target"]:
                got = r["MAP"]["debate mode"]
                verdict = "ok" if got >= 0.3 else "MISSED"
                lines.append(f"  target MAP >= 0.3 (debate mode): {got:.3f} {verdict}")
            continue
        if "learned" not in r:
            lines.append(f"{r['name']}: {r['detail']}")
            continue
        lines.append(
            f"{r['name']} ({r['role']}; {r['items']} items, {r['positives']} check-worthy;"
            f" {r['overlap']:.0%} of texts also in training)"
        )
        metrics = list(r["learned"])
        lines.append("  " + f"{'':>12}" + "".join(f"{m:>9}" for m in metrics))
        for scorer in ("learned", "hand-set", "everything"):
            values = r[scorer]
            lines.append("  " + f"{scorer:>12}" + "".join(f"{values[m]:>9.3f}" for m in metrics))
        if r["target"]:
            metric, bar = r["target"]
            got = r["learned"][metric]
            verdict = "ok" if got >= bar else "MISSED"
            lines.append(f"  target {metric} >= {bar}: {got:.3f} {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
