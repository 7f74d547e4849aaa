"""The learned check-worthiness model: what a reviewer sees from it, and that the shipped
weights are the ones the training command recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.extract import checkworthy
from workbench.extract.checkworthy import MODEL_PATH, level, score
from workbench.training import checkworthiness as training

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkworthiness"

# Our own news-style sentences, none from any training set.
FIGURES_AND_OFFICIAL_CLAIMS = [
    "Unemployment fell to 3.9 percent in March, the lowest rate since 2001.",
    "The city spent $4.2 million on the bridge repairs last year.",
    "Exports to China rose 12% in 2024 to a record $56 billion.",
    "The new law cut the corporate tax rate from 35 percent to 21 percent.",
    "More than 1,200 people were killed in road accidents in the province in 2023.",
]
OPINIONS_AND_QUESTIONS = [
    "I think we should all work together on this.",
    "What are we going to do about it?",
    "Thank you very much, it is great to be here tonight.",
    "We hope the talks will be friendly and productive.",
    "Good evening to you all.",
]


def test_figures_and_official_claims_rank_above_opinions_and_questions() -> None:
    high = score(FIGURES_AND_OFFICIAL_CLAIMS)
    low = score(OPINIONS_AND_QUESTIONS)
    assert min(high) > max(low)
    assert {level(s) for s in high} == {"high"}
    assert {level(s) for s in low} == {"low"}


# The ranking failures, in sentences of our own: a number in a rhetorical
# prediction, or in a statement of who belongs to a group, is not a reported figure.
NUMBERS_THAT_ARE_NOT_FIGURES = [
    '"Ten years from now, a third of you will wonder why we ever hesitated," she said.',
    '"Give it five years and a quarter of these shops will be gone," the owner joked.',
    "The coalition represents 40 of the biggest insurers in the country.",
    "The group includes 15 of the region's biggest employers.",
]


def test_a_number_alone_does_not_rank_a_sentence_with_the_reported_figures() -> None:
    figures = score(FIGURES_AND_OFFICIAL_CLAIMS)
    assert max(score(NUMBERS_THAT_ARE_NOT_FIGURES)) < min(figures)


def test_scores_are_in_batch_order_and_bounded() -> None:
    texts = [*OPINIONS_AND_QUESTIONS, *FIGURES_AND_OFFICIAL_CLAIMS, ""]
    batch = score(texts)
    assert batch == [score([t])[0] for t in texts]
    assert all(0.0 <= s <= 1.0 for s in batch)


def test_levels_cut_at_the_decision_threshold() -> None:
    assert [level(s) for s in (0.0, 0.499, 0.5, 0.749, 0.75, 1.0)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]


def test_the_shipped_model_is_small_and_scores_without_scikit_learn() -> None:
    # Articles and transcripts (debate mode) alike, in one process.
    assert MODEL_PATH.stat().st_size < 5_000_000
    code = (
        "import sys; from workbench.extract.checkworthy import score;"
        "from workbench.extract.checkworthy_debate import score_transcript;"
        "score(['Exports rose 5% in 2024.']);"
        "score_transcript([('A', 'Exports rose 5% in 2024.'), ('B', 'Why?')]);"
        "print(sorted(m for m in ('sklearn', 'scipy', 'numpy', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.skipif(not DATA.is_dir(), reason=f"no check-worthiness data at {DATA}")
def test_shipped_weights_reproduce_the_recorded_dev_figures() -> None:
    # The training command records the model's figures on each set. Scoring the
    # selection set again at run time must give the same figures: a change to the
    # features (workbench.extract.score, the tokenizer) that the weights were not
    # trained with would silently degrade every score, and fails here instead.
    recorded = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["figures"]
    dev = training.load(DATA)["select_ct2024_dev"]
    figures = training.evaluate(checkworthy.score([e.text for e in dev]), dev)
    assert figures["F1"] == pytest.approx(recorded["select_ct2024_dev"]["F1"], abs=0.005)
    assert figures["AUC"] == pytest.approx(recorded["select_ct2024_dev"]["AUC"], abs=0.002)


def test_calibration_puts_the_best_f1_threshold_at_one_half() -> None:
    # Margins where the best cut is well off the middle (few positives, all at the top):
    # after calibration, calling "check-worthy" at 0.5 must give that best F1.
    margins = [float(m) for m in range(-20, 20)]
    labels = [m >= 12 or m in (3, -5) for m in range(-20, 20)]
    a, b, best = training.calibration(margins, labels)
    scores = [training._sig(a * m + b) for m in margins]
    assert training.f1(scores, labels) == pytest.approx(best)
    assert best == max(training.f1(scores, labels, t) for t in scores)


def test_the_shipped_model_keeps_the_c_with_the_best_out_of_debate_f1() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    tried = model["selection"]["out-of-debate F1 by C"]
    assert len(tried) >= 2
    assert str(model["hyperparameters"]["C"]) == max(tried, key=tried.__getitem__)
