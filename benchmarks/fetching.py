"""Fetching sources: concurrency against sequential fetching of the same pages, peak
memory of a batch of large sources, and ranking the passages of a 1 MB source."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.corpus import news_text
from workbench.config import Settings
from workbench.evidence import rank_passages
from workbench.fetch import Fetcher


@contextmanager
def local_server() -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.local_server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = process.stdout.readline().strip()
        yield f"http://127.0.0.1:{port}"
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)


_MEMORY_CLIENT = """
import sys
from benchmarks.tui_harness import peak_rss_mb
from workbench.config import Settings
from workbench.sources import each_document
base = sys.argv[1]
count = int(sys.argv[2])
settings = Settings(allow_private=True, fetch_max_bytes=10_500_000)
sizes = []
if count:
    each_document([f"{base}/big/{i}" for i in range(count)], settings,
                  lambda i, d: sizes.append(len(getattr(d, "body", b""))))
print(peak_rss_mb(), sum(sizes))
"""


def _client_peak(base: str, count: int) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _MEMORY_CLIENT, base, str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak, total = out.stdout.split()
    return float(peak), int(total)


def run(quick: bool = False) -> list[dict[str, Any]]:
    settings = Settings(allow_private=True)
    count = 20 if quick else 50
    results = []
    with local_server() as base:
        urls = [f"{base}/slow/{i}" for i in range(count)]
        started = time.perf_counter()
        fetched = Fetcher(settings).fetch_many_sync(urls)
        concurrent = time.perf_counter() - started
        assert all(not isinstance(f, Exception) for f in fetched), fetched
        started = time.perf_counter()
        for url in urls:
            Fetcher(settings).fetch_sync(url)
        sequential = time.perf_counter() - started
        results.append(
            {
                "name": f"fetch {count} slow pages (200 ms each), concurrent/sequential",
                "value": concurrent / sequential,
                "unit": "ratio (lower is better)",
                "target": "<= 0.15",
                "ok": concurrent / sequential <= 0.15,
                "detail": f"concurrent {concurrent:.2f} s, sequential {sequential:.2f} s,"
                f" {settings.fetch_concurrency} at once",
            }
        )
        big = 5 if quick else 20
        peak, total = _client_peak(base, big)
        bare, _ = _client_peak(base, 0)
        results.append(
            {
                "name": f"fetch and read {big} sources of 10 MB, peak RSS",
                "value": peak,
                "unit": "MB",
                "target": "< 150 MB",
                "ok": peak < 150,
                "detail": f"{total / 1e6:.0f} MB read; the process fetching nothing: {bare:.0f} MB",
            }
        )
    source = news_text(1_000_000, seed=11)
    claim = "Exports rose 12% to $45.30 billion in 2019, with imports falling to $12.30 billion."
    rank_passages(claim, source)
    times = []
    for _ in range(7):
        started = time.perf_counter()
        rank_passages(claim, source)
        times.append(time.perf_counter() - started)
    results.append(
        {
            "name": "rank the passages of a 1 MB source for a claim",
            "value": statistics.median(times) * 1000,
            "unit": "ms (median of 7)",
            "target": "< 100 ms",
            "ok": statistics.median(times) < 0.1,
            "detail": f"best {min(times) * 1000:.0f} ms",
        }
    )
    return results
