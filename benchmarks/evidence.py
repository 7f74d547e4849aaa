"""Evidence: the figure check on the pair corpus (accuracy, false mismatches), and the
figure check's cost inside passage ranking, against ranking without it."""

from __future__ import annotations

import statistics
import time
from typing import Any

from tests.test_figure_corpus import FILES, evaluate


def figure_rows() -> list[dict[str, Any]]:
    rows = []
    for name in (*FILES, None):
        score = evaluate(*(FILES if name is None else (name,)))
        label = name or "whole corpus"
        per = ", ".join(
            f"{outcome} {score.right[outcome]}/{score.total[outcome]}"
            for outcome in sorted(score.total)
        )
        rows.append(
            {
                "name": f"figure check accuracy, {label} ({score.pairs} pairs)",
                "value": score.accuracy,
                "unit": "fraction right",
                "target": ">= 0.95",
                "ok": score.accuracy >= 0.95,
                "detail": f"{per}; false mismatch {score.false_mismatch}"
                f" ({score.false_mismatch / score.pairs:.4f}, target <= 0.01)",
            }
        )
    return rows


def check_cost() -> dict[str, Any]:
    """Checking figures for every pair, per pair, as a ratio against reading them alone."""
    from tests.test_figure_corpus import pairs
    from workbench.numbers import check_figures, figures

    corpus = [pair for name in FILES for pair in pairs(name)]

    def timed(work: Any) -> float:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            for _, claim, passage, *_ in corpus:
                work(claim, passage)
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    read = timed(lambda claim, passage: (figures(claim), figures(passage)))
    check = timed(check_figures)
    return {
        "name": "figure check per pair, as a ratio against reading the figures",
        "value": check / read,
        "unit": "ratio",
        "target": "-",
        "ok": None,
        "detail": f"check {check / len(corpus) * 1e6:.0f} µs a pair,"
        f" reading alone {read / len(corpus) * 1e6:.0f} µs",
    }


def run(quick: bool = False) -> list[dict[str, Any]]:
    return [*figure_rows(), check_cost()]
