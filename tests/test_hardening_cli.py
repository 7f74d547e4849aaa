"""Issue 16, the command line: ids, counts, arguments, settings, a missing database, a
failing or closed stdout, a row edited by hand. Each bad input gives one line `error: ...`, a non-zero exit and the
database byte-identical."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED, Run, edit_a_status_by_hand

BIG = str(2**63)  # one more than SQLite's largest integer
HUGE = "1" + "0" * 20  # --limit 10**20

# name: (arguments, exit status, expected words of the error)
CASES: dict[str, tuple[list[str], int, str]] = {
    "superscript digit as id": (["mark", "²", "verified"], 1, "whole number"),
    "arabic-indic digits as id": (["mark", "١٢", "verified"], 1, "whole number"),
    "fullwidth digits as article": (["claims", "--article", "１"], 1, "whole number"),
    "id of 2^63 in mark": (["mark", BIG, "verified"], 1, f"no claim {BIG}"),
    "id of 2^63 in show": (["show", BIG], 1, f"no claim {BIG}"),
    "id of 2^63 in history": (["history", BIG], 1, f"no claim {BIG}"),
    "id of 2^63 in attach": (["attach", BIG, str(SEED)], 1, f"no claim {BIG}"),
    "id of 2^63 in edit": (["edit", BIG, "x"], 1, f"no claim {BIG}"),
    "id of 2^63 in dismiss": (["dismiss", BIG], 1, f"no claim {BIG}"),
    "id of 2^63 in split": (["split", BIG, "3"], 1, f"no claim {BIG}"),
    "id of 2^63 in merge": (["merge", "1", BIG], 1, f"no claim {BIG}"),
    "id of 2^63 in add": (["add", BIG, "0", "5"], 1, f"no article {BIG}"),
    "id of 2^63 in claims": (["claims", "--article", BIG], 1, f"no article {BIG}"),
    "id of 2^63 in export": (["export", "--article", BIG], 1, f"no article {BIG}"),
    "id of 2^63 in review": (["review", "--article", BIG], 1, f"no article {BIG}"),
    "id of 2^63 in recheck": (["recheck", BIG], 1, f"no source {BIG}"),
    "offset of 2^63 in add": (["add", "1", "0", BIG], 2, "out of range"),
    "offset of 2^63 in split": (["split", "1", BIG], 2, "out of range"),
    "search --limit 10**20": (["search", "trade", "--limit", HUGE], 2, "out of range"),
    "history --limit 10**20": (["history", "--limit", HUGE], 2, "out of range"),
    "history --limit in arabic digits": (["history", "--limit", "٣"], 2, "not a whole number"),
    "expect-version 2^63": (["mark", "1", "verified", "--expect-version", BIG], 2, "out of range"),
    "expect-version 0": (["mark", "1", "verified", "--expect-version", "0"], 2, "out of range"),
    "expect-version never reached": (
        ["mark", "1", "verified", "--expect-version", "7"],
        1,
        "claim 1 is at version 1, it has no version 7",
    ),
    "add with empty text": (["add", "1", "0", "61", "--text", ""], 1, "a claim needs words"),
    "invalid UTF-8 in an argument": (["mark", "1", "verified", "--note", "\udcff"], 1, "UTF-8"),
    "invalid UTF-8 in a file name": (["import", "/tmp/caf\udce9.txt"], 1, "not valid UTF-8"),
    "lone surrogate in search": (["search", "\ud800"], 1, "not valid UTF-8"),
    "NUL in a source (found by the fuzz suite)": (["recheck", "a\x00b"], 1, "NUL character"),
    "300-character file name": (["import", "/tmp/" + "a" * 300 + ".txt"], 1, "File name too long"),
    "300-character export name": (["export", "-o", "/tmp/" + "a" * 300], 1, "File name too long"),
    "300-character backup name": (["backup", "/tmp/" + "b" * 300], 1, "File name too long"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_argument(
    case: str, run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    args, status, expected = CASES[case]
    before = digest(db_path)
    result = run(*args)
    assert result.exit_code == status, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert expected in lines[0], lines[0]
    assert digest(db_path) == before


def test_a_mistyped_db_is_refused_not_created(run: Run, seeded: int, tmp_path: Path) -> None:
    typo = tmp_path / "workbnech.db"
    for args in (["claims"], ["articles"], ["doctor"], ["show", "1"], ["export"], ["backup", "x"]):
        result = run("--db", str(typo), *args, db=False)
        assert result.exit_code == 1, args
        assert result.stderr == (
            f"error: no database at {typo}; check --db or WORKBENCH_DB"
            " (`workbench import` starts a new one)\n"
        )
        assert not typo.exists()
    assert run("--db", str(typo), "import", str(SEED), db=False).exit_code == 0
    assert typo.exists()


def test_no_default_database_yet_says_how_to_start(run: Run) -> None:
    result = run("articles", db=False)
    assert result.exit_code == 1
    assert "no database yet" in result.stderr and "workbench import" in result.stderr


def test_a_malformed_config_file(
    run: Run, seeded: int, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('reviewer = ["unclosed\n')
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    result = run("claims")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: the config file {config} is not valid TOML")
    assert result.stderr.count("\n") == 1


def test_a_setting_error_names_only_places_that_exist(
    run: Run, seeded: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("fetch_timeout = -3\n")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    result = run("claims")
    assert result.exit_code == 1
    assert "--fetch_timeout" not in result.stderr and "--fetch-timeout" not in result.stderr
    assert f"WORKBENCH_FETCH_TIMEOUT, fetch_timeout in {config}" in result.stderr


def _workbench_process(db: Path, *args: str, stdout: int | object) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "args", [["claims"], ["export", "--status", "all"], ["show", "1", "--json"]]
)
def test_stdout_full_is_one_error_line(seeded: int, db_path: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = _workbench_process(db_path, *args, stdout=full)
    assert done.returncode == 1
    assert done.stderr == "error: cannot write the output: No space left on device\n"


def test_doctor_repair_changes_nothing_when_another_check_fails(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    with sqlite3.connect(db_path) as conn:  # a source without any snapshot: an orphan
        conn.execute(
            "INSERT INTO sources (requested, created_at, created_by) VALUES ('x', '2026', 'a')"
        )
    before = digest(db_path)
    result = run("doctor", "--repair")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --repair rebuilds the full-text indexes only")
    assert "sources without a snapshot" in result.stderr and "nothing was changed" in result.stderr
    assert digest(db_path) == before


def test_doctor_repair_rebuilds_a_broken_index_and_exits_0(
    run: Run, seeded: int, db_path: Path
) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM claims_fts")  # the index no longer matches its table
    assert run("doctor").exit_code == 1
    result = run("doctor", "--repair")
    assert result.exit_code == 0, result.output
    assert run("doctor").exit_code == 0


def _read_one_line_then_close(
    *args: str, stdin: Path = Path(os.devnull)
) -> tuple[int, bytes, bytes]:
    """`workbench ARGS < STDIN | head -1`: read one line of its output, close the pipe."""
    with stdin.open("rb") as source:
        process = subprocess.Popen(
            [sys.executable, "-m", "workbench", *args],
            stdin=source,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert process.stdout and process.stderr
    # a deadline on the whole exchange: a command that hangs (the pool of `extract
    # --workers` once did, after its reader left) fails the test instead of blocking it
    deadline = threading.Timer(120, process.kill)
    deadline.start()
    try:
        first = process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read()
        status = process.wait()
    finally:
        deadline.cancel()
    assert status != -signal.SIGKILL, f"still running after 120 s; stderr: {error!r}"
    return status, first, error


def test_a_closed_pipe_ends_the_command_silently(run: Run, db_path: Path, tmp_path: Path) -> None:
    # `workbench claims | head -1` printed "error: the output was closed ..." (issue 16);
    # far more claims than a pipe holds (64 KB), so the reader is gone while it writes
    article = tmp_path / "long.txt"
    article.write_text("".join(f"Exports rose {n}% in 2025 to ${n} billion. " for n in range(1500)))
    assert run("import", str(article), "--extractor", "sentences").exit_code == 0
    status, first, error = _read_one_line_then_close("--db", str(db_path), "claims")
    assert b"Exports rose" in first
    assert error == b""
    assert status == 128 + signal.SIGPIPE  # as cat or grep, stopped by SIGPIPE


def test_a_closed_pipe_stops_extract_workers_silently(tmp_path: Path) -> None:
    # the pool's workers inherited the command's SIGTERM handler: a traceback each
    lines = tmp_path / "lines.jsonl"
    lines.write_text(
        "".join(
            json.dumps({"id": n, "text": f"Exports rose {n}% in 2025 to $3 billion. " * 40}) + "\n"
            for n in range(300)
        )
    )
    status, first, error = _read_one_line_then_close(
        "extract", "--jsonl", "--extractor", "sentences", "--workers", "2", stdin=lines
    )
    assert json.loads(first)["id"] == 0
    assert error == b""
    assert status == 128 + signal.SIGPIPE


def test_show_prints_the_rating_the_claimant_and_the_approval(run: Run, seeded: int) -> None:
    claim = run.json("claims", "--json")[0]["id"]
    assert run("rate", str(claim), "Mostly true", "--note", "Rounded.").exit_code == 0
    assert run("claimant", str(claim), "Randhir Jaiswal", "--type", "person").exit_code == 0
    assert run("--reviewer", "bob", "approve", str(claim)).exit_code == 0
    shown = run("show", str(claim)).stdout
    details = run.json("show", str(claim), "--json")["claim"]
    decided = datetime.fromisoformat(details["decided_at"])
    approved = datetime.fromisoformat(details["approved_at"])
    assert "  rating: Mostly true (scale default)\n" in shown
    assert (
        f"  decided by alice, {decided:%Y-%m-%d %H:%M} · approved by bob, {approved:%Y-%m-%d %H:%M}\n"
        in shown
    )
    assert "  claimant: Randhir Jaiswal, person" in shown


def test_a_row_edited_by_hand_past_the_schema_is_one_error_line(
    run: Run, seeded: int, db_path: Path
) -> None:
    edit_a_status_by_hand(db_path)
    result = run("claims")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the database holds a value workbench cannot read: Claim.status = 'bogus'"
        " (Input should be 'unverified', 'verified' or 'disputed'); was it edited by hand?"
        " `workbench doctor` checks the database\n"
    )


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "claimreview"])
def test_export_of_a_row_edited_by_hand_is_one_line_and_no_half_report(
    run: Run, seeded: int, db_path: Path, fmt: str
) -> None:
    edit_a_status_by_hand(db_path)
    result = run("export", "--format", fmt, "--status", "all")
    assert result.exit_code == 1
    assert result.stdout == ""  # not the first half of a report
    assert result.stderr == (
        "error: the database holds a claim status workbench cannot read: 'bogus'; was it"
        " edited by hand? `workbench doctor` checks the database\n"
    )
