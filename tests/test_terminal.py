"""Data never drives the terminal: escapes, controls and bidi overrides in articles,
notes and titles are shown as \\uXXXX when the CLI writes to a terminal (a real pty),
left exact in a pipe and in JSON, and cleaned of C0/C1 controls at import."""

from __future__ import annotations

import json
import os
import pty  # noqa: F401  (the pty module: what a terminal gives a program)
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import Run
from tests.pseudoterminal import run_on_pty

REPO = Path(__file__).resolve().parent.parent
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
CSI_C1 = "\x9b31m"
BIDI = "\u202e"


def in_terminal(db: Path, *args: str) -> str:
    """Run `workbench --db DB ARGS` with stdout and stderr on a pseudo-terminal."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    status, output = run_on_pty([sys.executable, "-m", "workbench", "--db", str(db), *args], env)
    assert status == 0
    return output.decode("utf-8").replace("\r\n", "\n")


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "esc.txt"
    path.write_text(
        f"Trade {OSC_TITLE}reached $155.6bn in 2025, officials {CSI_C1}said.\n\n"
        f"The deficit {BIDI}widened to $116.1 billion in 2025.\n",
        encoding="utf-8",
    )
    return path


def test_control_characters_are_cleaned_at_import(run: Run, db_path: Path, tmp_path: Path) -> None:
    assert run("import", str(_article(tmp_path))).exit_code == 0
    with sqlite3.connect(db_path) as conn:
        [(text,)] = conn.execute("SELECT text FROM articles").fetchall()
        claims = [row[0] for row in conn.execute("SELECT text FROM claims")]
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "Trade ]0;pwnedreached $155.6bn" in text  # only the controls go
    assert not any("\x1b" in claim for claim in claims)


def test_nothing_from_data_reaches_a_terminal_as_an_escape(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    run("import", str(_article(tmp_path)))
    claims = run.json("claims", "--json")
    claim = next(c["id"] for c in claims if BIDI in c["text"])
    note = f"checked {OSC_CLIPBOARD} against{CSI_C1} customs\rOVERWRITTEN"
    assert run("mark", str(claim), "verified", "--note", note).exit_code == 0
    for args in (
        ["claims"],
        ["show", str(claim)],
        ["articles"],
        ["history"],
        ["review"],  # not a terminal on stdin: the claims as text
        ["export"],
        ["export", "--format", "csv"],
    ):
        shown = in_terminal(db_path, *args)
        assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown, args
        assert BIDI not in shown and "\r" not in shown, args
    shown = in_terminal(db_path, "show", str(claim))
    assert "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007" in shown and "\\u202e" in shown
    # JSON on a terminal: the same values, written with escapes
    assert (
        json.loads(in_terminal(db_path, "show", str(claim), "--json"))["claim"]["rationale"] == note
    )


def test_a_pipe_gets_the_data_exactly(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("import", str(_article(tmp_path)))
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified", "--note", f"a {OSC_TITLE} note")
    piped = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db_path), "show", str(claim)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )
    assert f"a {OSC_TITLE} note".encode() in piped.stdout
