"""Peak memory of `workbench extract --jsonl` streaming 50 MB of JSON lines
(target: under 200 MB RSS), beside a bare `python -c pass` as baseline."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import news_text


def _peak_rss_mb(argv: list[str], stdin_path: Path | None) -> tuple[float, float]:
    """Peak RSS (MB) and wall seconds of a child process, measured by a small parent."""
    script = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "stdin = open(sys.argv[1], 'rb') if sys.argv[1] != '-' else subprocess.DEVNULL\n"
        "subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, check=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(peak, time.perf_counter() - start)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(stdin_path or "-"), *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    peak, seconds = out.stdout.split()
    return float(peak), float(seconds)


def run(quick: bool = False) -> list[dict[str, Any]]:
    megabytes = 5 if quick else 50
    article = news_text(8_000, seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            written, i = 0, 0
            while written < megabytes * 1024 * 1024:
                line = json.dumps({"id": i, "text": article}) + "\n"
                handle.write(line)
                written += len(line)
                i += 1
        peak, seconds = _peak_rss_mb(
            [sys.executable, "-m", "workbench", "extract", "--jsonl"], path
        )
        bare, _ = _peak_rss_mb([sys.executable, "-c", "import workbench.cli"], None)
    return [
        {
            "name": f"extract --jsonl of {megabytes} MB, peak RSS",
            "value": peak,
            "unit": "MB",
            "target": "< 200 MB",
            "ok": peak < 200,
            "detail": f"{i} lines in {seconds:.1f} s; importing the CLI alone: {bare:.0f} MB",
        }
    ]
