"""Running a command and measuring its wall time and peak memory.

A small Python process starts the command and reads its children's peak RSS: the command
then inherits that small process's memory high-water mark, not the benchmark runner's
(Linux carries ru_maxrss across exec)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_MEASURER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "stdin = open(sys.argv[1], 'rb') if sys.argv[1] != '-' else subprocess.DEVNULL\n"
    "subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, check=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(time.perf_counter() - start, peak)\n"
)


def measure(argv: list[str], stdin: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of running `argv`, its stdin read from a file."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURER, str(stdin or "-"), *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak = out.stdout.split()
    return float(seconds), float(peak)
