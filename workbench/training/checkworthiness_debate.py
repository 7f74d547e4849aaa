"""Train debate mode (`workbench.extract.checkworthy_debate`), shipped as
``workbench/_models/checkworthiness/debate.json``::

    python -m workbench.training checkworthiness-debate [--data ../shared/data/checkworthiness]

Trained on the 40 CheckThat! 2021 Task 1B training debates only; selected on debates held
out of training (5 folds, each debate whole in one); the 9 dev debates are measured once,
at the end, and recorded in the model file (never used to choose anything).

Three parts, built in this order:
1. the article model's margin ``m`` comes, for training, from a model fitted like the
   shipped one on ClaimBuster minus every sentence of the training debates (four of them
   are ClaimBuster debates): the combining model must learn how much to trust ``m`` on lines
   it has not seen, as at run time;
2. ``dm``, an n-gram model over the same features as the article model, fitted on the
   training debates; the combining model is trained on out-of-fold ``dm`` (5 folds);
3. the combining model, a logistic regression over `FEATURES`, C chosen by the folds' MAP;
   calibrated like the article model (Platt scaling on out-of-fold scores, then shifted so
   that the threshold with the best F1 falls at 0.5).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.extract.checkworthy import MODEL_PATH, featurize
from workbench.extract.checkworthy_debate import (
    DEBATE_MODEL_PATH,
    FEATURES,
    line_features,
    score_transcript,
)
from workbench.training import checkworthiness as base

DEFAULT_DATA = base.DEFAULT_DATA
FOLDS = 5
DEBATE_C = 0.1  # the n-gram model over debate lines; 0.1 and 0.3 tied on the folds
STACK_C_GRID = (0.01, 0.1, 1.0)

Debate = list[tuple[str, str, bool]]  # (speaker, text, check-worthy) per line, in order


def debates(folder: Path) -> dict[str, Debate]:
    """Every transcript of a CheckThat! 1B folder: file stem -> its lines."""
    out = {}
    for path in sorted(folder.glob("*.tsv")):
        lines = []
        with path.open(encoding="utf-8") as handle:
            for row in handle:
                _, speaker, text, label = row.rstrip("\n").split("\t")
                lines.append((speaker, text, label.strip() == "1"))
        out[path.stem] = lines
    return out


def average_precision(scores: list[float], labels: list[bool]) -> float:
    """The CheckThat! scorer's AP of one debate: every line ranked by score, ties in file
    order (a stable sort), precision at each check-worthy line, over their number."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits, total = 0, 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def mean_ap(scored: dict[str, list[float]], sets: dict[str, Debate]) -> float:
    """MAP over the debates with at least one check-worthy line."""
    aps = [
        average_precision(scored[name], [y for _, _, y in sets[name]])
        for name in scored
        if any(y for _, _, y in sets[name])
    ]
    return sum(aps) / len(aps)


def _margins(weights: dict[str, float], rows: list[dict[str, float]]) -> list[float]:
    return [sum(weights.get(k, 0.0) * v for k, v in row.items()) for row in rows]


def _folds(names: list[str]) -> list[list[str]]:
    return [names[k::FOLDS] for k in range(FOLDS)]


def _fit_stacker(rows: list[list[float]], labels: list[bool], c: float) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, labels)
    return {
        "bias": round(float(model.intercept_[0]), 6),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
    }


def _raw(stacker: dict[str, Any], row: list[float]) -> float:
    return stacker["bias"] + sum(
        w * (v - mu) / sd
        for w, v, mu, sd in zip(
            stacker["weights"], row, stacker["mean"], stacker["scale"], strict=True
        )
    )


def build(data: Path) -> dict[str, Any]:
    """The debate model's dict, with its selection figures and its dev figures."""
    train = debates(data / "ct2021_t1b_en" / "train")
    dev = debates(data / "ct2021_t1b_en" / "dev")
    names = sorted(train)
    sets = base.load(data)
    seen = {base.normalized(t) for lines in train.values() for _, t, _ in lines}
    article = base.fit(
        [e for e in sets["train_claimbuster"] if base.normalized(e.text) not in seen],
        float(json.loads(MODEL_PATH.read_text(encoding="utf-8"))["hyperparameters"]["C"]),
        1.0,
    )
    rows = {n: [featurize(t) for _, t, _ in train[n]] for n in names}
    m = {n: _margins(article, rows[n]) for n in names}
    dm: dict[str, list[float]] = {}
    for held in _folds(names):
        rest = [n for n in names if n not in held]
        examples = [base.Example(t, y) for n in rest for _, t, y in train[n]]
        weights = base.fit(examples, DEBATE_C, 1.0, [r for n in rest for r in rows[n]])
        dm.update({n: _margins(weights, rows[n]) for n in held})
    table = {
        n: [
            [f.get(k, 0.0) for k in FEATURES]
            for f in line_features(
                [(s, t) for s, t, _ in train[n]],
                m[n],
                dm[n],
                lambda text: _margins(article, [featurize(text)])[0],
            )
        ]
        for n in names
    }
    by_c: dict[float, tuple[float, dict[str, list[float]]]] = {}
    for c in STACK_C_GRID:
        scored: dict[str, list[float]] = {}
        for held in _folds(names):
            rest = [n for n in names if n not in held]
            stacker = _fit_stacker(
                [r for n in rest for r in table[n]], [y for n in rest for *_, y in train[n]], c
            )
            scored.update({n: [_raw(stacker, r) for r in table[n]] for n in held})
        by_c[c] = (mean_ap(scored, train), scored)
    c = max(by_c, key=lambda k: by_c[k][0])
    held_out = by_c[c][1]
    labels = [y for n in names for *_, y in train[n]]
    a, b, _ = base.calibration([s for n in names for s in held_out[n]], labels)
    stacker = _fit_stacker([r for n in names for r in table[n]], labels, c)
    everything = [base.Example(t, y) for n in names for _, t, y in train[n]]
    debate_weights = base.fit(everything, DEBATE_C, 1.0, [r for n in names for r in rows[n]])
    return {
        "about": "Debate mode: logistic regression over workbench.extract.checkworthy_debate."
        "FEATURES; built by `python -m workbench.training checkworthiness-debate`.",
        "trained_on": "CheckThat! 2021 Task 1B English train (40 debates)",
        "features": list(FEATURES),
        "hyperparameters": {"stacker_C": c, "debate_C": DEBATE_C},
        "selection": {
            "held-out-debate MAP by stacker C": {str(k): round(v[0], 4) for k, v in by_c.items()},
            "held-out-debate MAP, article model alone": round(mean_ap(m, train), 4),
        },
        "calibration": [round(a, 6), round(b, 6)],
        "stacker": stacker,
        "debate_weights": dict(sorted(debate_weights.items())),
        "dev": dev,
    }


def figures(dev: dict[str, Debate], model: dict[str, Any]) -> dict[str, Any]:
    """The dev debates (never used to choose) under debate mode, the article model alone and
    trivial rankings, every line ranked as the CheckThat! scorer does."""
    import random
    import re

    from workbench.extract import checkworthy

    digit = re.compile(r"\d")
    rankers = {
        "debate mode": lambda d: score_transcript([(s, t) for s, t, _ in d], model),
        "article model": lambda d: checkworthy.score([t for _, t, _ in d]),
        "contains a digit": lambda d: [float(bool(digit.search(t))) for _, t, _ in d],
        "length in words": lambda d: [float(len(t.split())) for _, t, _ in d],
    }
    out: dict[str, Any] = {
        name: round(mean_ap({n: rank(dev[n]) for n in dev}, dev), 4)
        for name, rank in rankers.items()
    }
    rng = random.Random(13)
    runs = [mean_ap({n: [rng.random() for _ in dev[n]] for n in dev}, dev) for _ in range(100)]
    out["random (mean of 100)"] = round(sum(runs) / len(runs), 4)
    out["lines"] = sum(len(d) for d in dev.values())
    out["check-worthy"] = sum(y for d in dev.values() for *_, y in d)
    out["debates"] = len(dev)
    return out


def train(data: Path = DEFAULT_DATA, out: Path = DEBATE_MODEL_PATH) -> dict[str, Any]:
    """Build the shipped debate model from `data`, write it to `out`, return its figures."""
    model = build(data)
    dev = model.pop("dev")
    scored = {n: score_transcript([(s, t) for s, t, _ in dev[n]], model) for n in dev}
    model["figures"] = {
        "report_ct2021_dev MAP": figures(dev, model),
        "report_ct2021_dev AP by debate": {
            n: round(average_precision(scored[n], [y for *_, y in dev[n]]), 6) for n in dev
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    return {"selection": model["selection"], **model["figures"]}
