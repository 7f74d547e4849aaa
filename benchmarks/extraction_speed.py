"""Extraction throughput, as a ratio against pysbd's sentence segmentation of the same
text in the same run (target: ratio >= 1), and the seed article's extraction time."""

from __future__ import annotations

import statistics
import time
from typing import Any

from benchmarks.corpus import SEED, news_text
from workbench.extract import get_extractor


def _best_of(runs: int, action: Any) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run(quick: bool = False) -> list[dict[str, Any]]:
    import pysbd

    size = 500_000 if quick else 5_000_000
    text = news_text(size)
    rules = get_extractor("rules")
    segmenter = pysbd.Segmenter(language="en", clean=False)
    runs = 1 if not quick else 2
    # interleave the two, so that machine noise hits both alike
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(_best_of(1, lambda: rules.extract(text)))
        theirs.append(_best_of(1, lambda: segmenter.segment(text)))
    ours_s, theirs_s = min(ours), min(theirs)
    seed = SEED.read_text(encoding="utf-8")
    rules.extract(seed)  # warm
    seed_times = [_best_of(1, lambda: rules.extract(seed)) for _ in range(20)]
    return [
        {
            "name": "extraction throughput vs pysbd segmentation",
            "value": theirs_s / ours_s,
            "unit": "x (higher is better)",
            "target": ">= 1",
            "ok": theirs_s / ours_s >= 1,
            "detail": f"{len(text) / 1e6:.1f} MB: rules {ours_s:.2f} s "
            f"({len(text) / ours_s / 1e6:.2f} MB/s), pysbd {theirs_s:.2f} s",
        },
        {
            "name": "seed article extraction",
            "value": statistics.median(seed_times) * 1000,
            "unit": "ms (median of 20)",
            "target": "< 50 ms",
            "ok": statistics.median(seed_times) < 0.05,
            "detail": f"best {min(seed_times) * 1000:.1f} ms",
        },
    ]
