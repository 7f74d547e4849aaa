"""`extract --jsonl --workers N`: the same lines as one worker, in input order, and the
workers leave quietly (no traceback from a worker when the pool ends)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import REPO, Run

ARTICLES = [
    "Exports rose 5% to $12 billion in 2025, the ministry said.",
    "The plant, which opened in 2019, employs 1,200 people.",
    "He did not give details.",
    "Anil Rao, chairman of the council, resigned on Monday; his deputy took over.",
    "THE MARKET FELL SHARPLY ON FRIDAY AFTER THE ANNOUNCEMENT OF NEW TARIFFS.",
    "Prices rose 3% in March, even as demand fell, according to the statistics office.",
]


def test_two_workers_write_what_one_writes_in_input_order(run: Run) -> None:
    lines = [json.dumps({"id": i, "text": ARTICLES[i % len(ARTICLES)]}) for i in range(14)]
    lines.insert(5, "{broken")
    stdin = "\n".join(lines) + "\n"
    one = run("extract", "--jsonl", input=stdin, db=False)
    two = run("extract", "--jsonl", "--workers", "2", input=stdin, db=False)
    assert one.exit_code == two.exit_code == 1  # the broken line, reported by its number
    assert [json.loads(line)["id"] for line in two.stdout.splitlines()] == list(range(14))
    assert two.stdout == one.stdout
    # the same messages; a broken line is reported as it is read, ahead of the output
    assert sorted(two.stderr.splitlines()) == sorted(one.stderr.splitlines())
    assert "line 6" in two.stderr and "Traceback" not in two.stderr
    shouted = json.loads(two.stdout.splitlines()[4])
    assert shouted["claims"]  # the rules took the sentence in capitals, with a note
    assert "id 4: " in two.stderr and "capitals" in two.stderr


def test_workers_end_without_a_traceback() -> None:
    """The pool's workers used to inherit the command's SIGTERM handler and each print a
    traceback when the pool ended them (seen only on the real stderr, hence a process)."""
    stdin = "".join(json.dumps({"id": i, "text": text}) + "\n" for i, text in enumerate(ARTICLES))
    command = ["extract", "--jsonl", "--workers", "2", "--extractor", "rules"]
    done = subprocess.run(
        [sys.executable, "-m", "workbench", *command],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == list(range(6))


def test_a_worker_that_dies_is_one_error_line_not_a_hang() -> None:
    """A worker killed mid-run (the kernel's OOM killer, an operator) left multiprocessing's
    pool waiting forever for that worker's article; now its end is seen and said."""
    command = ["extract", "--jsonl", "--workers", "2", "--extractor", "rules"]
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdin and process.stdout
    deadline = threading.Timer(120, process.kill)
    deadline.start()
    try:
        # the command reads up to 4 lines a worker ahead of the last it wrote (while one is
        # free), so with 8 + 2 lines it must write line 0 before it waits for more input
        for i in range(10):
            process.stdin.write(json.dumps({"id": i, "text": ARTICLES[i % 6]}) + "\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["id"] == 0  # the workers are up
        workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert len(workers) == 2
        for pid in workers:
            os.kill(int(pid), signal.SIGKILL)
        rest = "".join(json.dumps({"id": i, "text": ARTICLES[i % 6]}) + "\n" for i in range(10, 14))
        out, error = process.communicate(rest)
    finally:
        deadline.cancel()
    assert process.returncode == 1, error
    # the lines whose workers had sent them before they were killed, in order, from line 1
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == list(range(1, 1 + len(ids)))
    assert error == (
        "error: an extraction worker ended unexpectedly (exit status -9); the lines before "
        "were written, the others were not: run again without --workers to see why\n"
    )
