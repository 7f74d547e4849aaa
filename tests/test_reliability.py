"""No acknowledged decision is lost: SIGKILL at random moments, and four reviewers at once."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, Run


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.workers", *args],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_killed_mid_session_loses_no_acknowledged_decision(
    run: Run, seeded: int, db_path: Path
) -> None:
    rng = random.Random(2026)
    total_acks = 0
    for trial in range(20):
        process = worker("crash", str(db_path))
        assert process.stdout is not None
        stop_after = rng.randint(1, 300)
        acked: dict[int, int] = {}
        for _ in range(stop_after):
            line = process.stdout.readline()
            if not line:
                break
            _, claim, version = line.split()
            acked[int(claim)] = int(version)
            total_acks += 1
        os.kill(process.pid, signal.SIGKILL)  # anywhere: mid-transaction, mid-fsync
        process.wait()
        with sqlite3.connect(db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",), trial
            versions = dict(conn.execute("SELECT id, version FROM claims"))
            for claim, version in acked.items():
                assert versions[claim] >= version, (trial, claim)
                recorded = conn.execute(
                    "SELECT count(*) FROM events WHERE claim_id = ? AND action = 'status'"
                    " AND json_extract(after, '$.claims.' || ? || '.version') = ?",
                    (claim, str(claim), version),
                ).fetchone()[0]
                assert recorded == 1, (trial, claim, version)
    assert total_acks > 20
    assert run("doctor").exit_code == 0
    assert run("claims", "--json").exit_code == 0


def test_four_reviewers_at_once_lose_no_update(
    run: Run, seeded: int, db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source.html"
    source.write_text(
        "<html><body><article><p>Bilateral trade reached $155.6bn in 2025.</p>"
        "<p>The clash in June 2020 killed 20 soldiers.</p></article></body></html>"
    )
    operations = os.environ.get("WORKBENCH_SOAK_OPERATIONS", "80")
    processes = [
        worker("reviewer", str(db_path), f"reviewer{i}", operations, str(source)) for i in range(4)
    ]
    for process in processes:  # all four loaded, then all four start at once
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    summaries = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        summaries.append(json.loads(out))
    failures = [f for s in summaries for f in s["failures"]]
    assert failures == []  # no "database is locked", nothing but clean conflicts
    accepted = {key: sum(s["accepted"][key] for s in summaries) for key in summaries[0]["accepted"]}
    refused = sum(s["refused"] for s in summaries)
    assert sum(accepted.values()) > 100 and refused > 0  # they did collide, and were refused
    with sqlite3.connect(db_path) as conn:
        events = dict(conn.execute("SELECT action, count(*) FROM events GROUP BY action"))
        assert {key: events.get(key, 0) for key in accepted} == accepted  # each change once
        # no lost update: every accepted change of a claim moved its version by exactly one
        for claim_id, version in conn.execute("SELECT id, version FROM claims"):
            changes = conn.execute(
                "SELECT count(*) FROM events WHERE claim_id = ? AND action IN ('status', 'edit', 'rationale')",
                (claim_id,),
            ).fetchone()[0]
            assert version == changes + 1, claim_id
        assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == accepted["attach"]
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 1
    assert run("doctor").exit_code == 0


def _cli(db: Path, *args: str) -> str:
    """A colleague's `workbench` command: another process on the same database."""
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_second_connection_in_the_process_loses_no_later_decision(
    seeded: int, db_path: Path
) -> None:
    # A review session opens a second connection in a worker (the "Checked before" pane
    # does). Opening it used to read the file's header with Python, and closing that
    # descriptor dropped every POSIX lock of the process on the file, SQLite's too: a
    # colleague's command then took the file as its own when it closed, deleted the WAL,
    # and the session's next verdict went into the deleted file. On screen, verified; in
    # the database, nothing.
    from workbench.config import Settings
    from workbench.core import Workbench
    from workbench.models import Status

    settings = Settings(db=db_path, reviewer="carol")
    session = Workbench(settings, db_path)
    claim = session.claims()[0]
    worker = Workbench(settings, db_path)
    worker.claims()
    worker.close()
    assert json.loads(_cli(db_path, "claims", "--json"))  # the colleague reads, and leaves
    session.mark(claim.id, Status.VERIFIED, expected_version=claim.version)
    shown = json.loads(_cli(db_path, "show", str(claim.id), "--json"))["claim"]
    session.close()
    assert (shown["status"], shown["decided_by"]) == ("verified", "carol")
