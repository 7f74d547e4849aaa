"""Issue 16: SIGTERM or SIGHUP while a report is written leaves no temporary file behind
(the default action killed the process between creating and renaming it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Run


@pytest.fixture
def big_article(run: Run, tmp_path: Path) -> None:
    sentences = [
        f"Exports of item {n} rose {n % 90 + 1}% in 2025, the ministry said." for n in range(4000)
    ]
    article = tmp_path / "long.txt"
    article.write_text(" ".join(sentences))
    assert run("import", str(article), "--extractor", "sentences").exit_code == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_export_leaves_no_temporary_file(
    big_article: None, db_path: Path, tmp_path: Path, signum: int
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "export", "--status", "all",
         "--format", "html", "-o", str(out_dir / "report.html")],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    while process.poll() is None and not list(out_dir.iterdir()):
        pass  # wait for the temporary file itself
    if process.poll() is not None:
        pytest.fail("the export finished before a temporary file was seen")
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:  # the signal came after the rename: nothing to clean
        assert sorted(p.name for p in out_dir.iterdir()) == ["report.html"]
        return
    assert process.returncode == 128 + signum, stderr
    assert stderr.endswith(f"error: stopped by {signal.Signals(signum).name}\n"), stderr
    assert list(out_dir.iterdir()) == []
