"""Learned check-worthiness: a logistic model over word n-grams and surface features.

`score(texts)` gives each text the probability-like score of a linear model trained by
``python -m workbench.training checkworthiness`` (see workbench/training/checkworthiness.py
for the data and the selection). The score is calibrated so that 0.5 is the decision
threshold: at or above it the model calls a sentence check-worthy. `level(score)` turns it
into what a user is shown, since two decimals would be false precision.

Inference is pure Python: the weights are a JSON table of feature -> weight, loaded once,
on first use, from workbench/_models/checkworthiness/model.json. No parse is needed, so
scoring stays cheap beside extraction.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from workbench.extract.score import features

MODEL_PATH = Path(__file__).resolve().parent.parent / "_models" / "checkworthiness" / "model.json"

# Levels: "low" is everything the model does not call check-worthy (below the decision
# threshold 0.5); "high" from HIGH on, where nearly every sentence was check-worthy: on
# CheckThat! 2024 dev (selection) 96% of "high", 57% of "medium", 1.8% of "low"; on its
# dev-test (never used to choose) 94%, 70% and 14% (the model file's "levels" entry, the
# README). So "high" is where a desk with little time starts, "medium" is worth a look, and
# "low" may still hold a claim the model missed: it is listed last, never dropped.
THRESHOLD = 0.5
HIGH = 0.75

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d[\d,]*(?:\.\d+)?|[$€£%?!]")
_YEAR = re.compile(r"(?:1[89]\d\d|20\d\d)$")


def _shape(token: str) -> str:
    """Numbers by shape, not value: '1998' and '2016' are both a year, '3.5' a decimal."""
    if not token[0].isdigit():
        return token.replace("’", "'")
    if _YEAR.match(token):
        return "<year>"
    if "." in token:
        return "<decimal>"
    return "<num>" if len(token.replace(",", "")) < 4 else "<bignum>"


def featurize(text: str) -> dict[str, float]:
    """The model's features of one text: word uni- and bigrams (present or not) and the
    surface features of workbench.extract.score (numbers, money, dates, names, opinion
    and question markers...). Training uses this same function, so train and run agree."""
    tokens = [_shape(t) for t in _TOKEN.findall(text.lower())]
    out: dict[str, float] = {"bias": 1.0}
    previous = "<s>"
    for token in tokens:
        out["w:" + token] = 1.0
        out[f"b:{previous} {token}"] = 1.0
        previous = token
    out[f"b:{previous} </s>"] = 1.0
    f = features(text)
    for name in (
        "money",
        "percent",
        "superlative",
        "causal",
        "comparison",
        "event",
        "opinion",
        "question",
        "personal",
        "future",
        "has_verb",
        "stat_noun",
        "role",
        "ordinal",
    ):
        if getattr(f, name):
            out["f:" + name] = 1.0
    out["f:counts"] = min(f.counts, 3) / 3
    out["f:years"] = min(f.years, 2) / 2
    out["f:dates"] = min(f.dates, 2) / 2
    out["f:number_words"] = min(f.number_words, 2) / 2
    out["f:names"] = min(f.names, 4) / 4
    out["f:vague"] = min(f.vague, 3) / 3
    out["len:" + _length_bin(f.words)] = 1.0
    return out


def _length_bin(words: int) -> str:
    for bound in (4, 8, 15, 25, 40):
        if words <= bound:
            return f"<={bound}"
    return ">40"


@cache
def _model() -> dict[str, Any]:
    with MODEL_PATH.open(encoding="utf-8") as handle:
        model: dict[str, Any] = json.load(handle)
    return model


def margin(text: str, weights: dict[str, float]) -> float:
    """The linear model's raw score w·x of one text (before calibration)."""
    return sum(weights.get(name, 0.0) * value for name, value in featurize(text).items())


def score(texts: list[str]) -> list[float]:
    """Calibrated check-worthiness of each text, in [0, 1]; 0.5 is the decision threshold."""
    model = _model()
    weights: dict[str, float] = model["weights"]
    a, b = model["calibration"]
    return [_sigmoid(a * margin(text, weights) + b) for text in texts]


def _sigmoid(z: float) -> float:
    if z < -40:
        return 0.0
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def level(score: float) -> str:
    """What a user is shown instead of the number: "high" (score >= 0.75), "medium"
    (0.5 <= score < 0.75) or "low" (below the decision threshold 0.5)."""
    if score >= HIGH:
        return "high"
    if score >= THRESHOLD:
        return "medium"
    return "low"
