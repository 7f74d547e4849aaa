"""The parser extractor's speed, each figure against a baseline run side by side:

- throughput on 1 MB of news-like text against the bare spaCy pipeline (the same model,
  the same sentences, `nlp.pipe`): decomposition may cost at most 40% on top of parsing
  (target: ratio >= 0.6);
- `extract --jsonl --workers 2` against one worker on the same lines (target >= 1.7);
- the seed article, warm (target <= 150 ms), and the peak RSS of a --jsonl run
  (target <= 400 MB).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import SEED, news_text
from benchmarks.measure import measure
from workbench.extract import get_extractor
from workbench.extract.nlp import parse
from workbench.extract.segment import sentences


def _seconds(action: Any) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _both(action: Any) -> tuple[float, float]:
    """(wall, CPU) seconds of `action`. On a shared machine the wall time mostly measures
    the other processes; the process's CPU time is what the work costs (the extraction
    and the parse run in this one thread)."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(quick: bool = False) -> list[dict[str, Any]]:
    extractor = get_extractor("parser")
    seed = SEED.read_text(encoding="utf-8")
    extractor.extract(seed)  # loads the model: warm from here on
    text = news_text(200_000 if quick else 1_000_000, seed=5)
    # as articles of about 50 KB: a single text over a million characters goes to the
    # rules whole (workbench.extract.parsed.MAX_PARSED_CHARS), which would time the rules
    articles = _articles(text, 50_000)
    pieces = [s.text(a) for a in articles for s in sentences(a) if not s.credit]

    def extract_all() -> None:
        for article in articles:
            extractor.extract(article)
            assert not extractor.notes or "whole text" not in extractor.notes[0]

    ours, bare = [], []
    for _ in range(1 if quick else 2):  # interleaved, so that machine noise hits both alike
        bare.append(_both(lambda: parse(pieces)))
        ours.append(_both(extract_all))
    ratio = min(b[0] for b in bare) / min(o[0] for o in ours)
    ratio_cpu = min(b[1] for b in bare) / min(o[1] for o in ours)
    seed_runs = [_both(lambda: extractor.extract(seed)) for _ in range(10 if quick else 20)]
    seed_times = [wall for wall, _ in seed_runs]
    seed_cpu = statistics.median(cpu for _, cpu in seed_runs)
    workers = _workers(quick)
    return [
        {
            "name": "parser extraction vs bare spaCy pipeline",
            "value": ratio,
            "unit": "x throughput (higher is better)",
            "target": ">= 0.6",
            "ok": ratio >= 0.6,
            "detail": f"{len(text) / 1e6:.1f} MB in {len(articles)} articles: extract "
            f"{min(o[0] for o in ours):.1f} s, "
            f"nlp.pipe over the same sentences {min(b[0] for b in bare):.1f} s (wall); "
            f"in CPU time {ratio_cpu:.2f}x",
        },
        {
            "name": "seed article, parser extractor (warm)",
            "value": statistics.median(seed_times) * 1000,
            "unit": "ms (median)",
            "target": "<= 150 ms",
            "ok": statistics.median(seed_times) <= 0.15,
            "detail": f"best {min(seed_times) * 1000:.0f} ms; median CPU time "
            f"{seed_cpu * 1000:.0f} ms",
        },
        *workers,
    ]


def _articles(text: str, size: int) -> list[str]:
    """`text` cut at paragraph breaks into articles of about `size` characters."""
    articles, start = [], 0
    while start < len(text):
        cut = text.find("\n\n", start + size)
        end = len(text) if cut == -1 else cut
        articles.append(text[start:end])
        start = end + 2
    return articles


def _workers(quick: bool) -> list[dict[str, Any]]:
    article = news_text(6_000, seed=9)
    count = 12 if quick else 40
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.jsonl"
        path.write_text(
            "".join(json.dumps({"id": i, "text": article}) + "\n" for i in range(count)),
            encoding="utf-8",
        )
        command = [sys.executable, "-m", "workbench", "extract", "--jsonl"]
        one, peak_one = measure(command, path)
        two, peak_two = measure([*command, "--workers", "2"], path)
    return [
        {
            "name": "extract --jsonl --workers 2 vs one worker",
            "value": one / two,
            "unit": "x speed-up",
            "target": ">= 1.7",
            "ok": one / two >= 1.7,
            "detail": f"{count} articles of 6 KB: one worker {one:.1f} s, two {two:.1f} s "
            "(wall time, including each process loading the model)",
        },
        {
            "name": "extract --jsonl (parser), peak RSS",
            "value": max(peak_one, peak_two),
            "unit": "MB (largest process)",
            "target": "<= 400 MB",
            "ok": max(peak_one, peak_two) <= 400,
            "detail": f"one worker {peak_one:.0f} MB; with two workers the largest process "
            f"{peak_two:.0f} MB",
        },
    ]
