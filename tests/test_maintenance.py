"""doctor finds what is wrong with a database; backup copies it while it is in use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import Run
from workbench.store import Store


def test_doctor_on_a_healthy_database(run: Run, seeded: int) -> None:
    result = run("doctor")
    assert result.exit_code == 0
    assert "FAIL" not in result.stdout and "ok    integrity: ok" in result.stdout
    checks = run.json("doctor", "--json")
    assert all(check["ok"] for check in checks) and len(checks) >= 8


def test_doctor_finds_a_damaged_search_index_and_repairs_it(
    run: Run, seeded: int, db_path: Path
) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO claims_fts(rowid, text, attribution) VALUES (99999, 'ghost words', NULL)"
        )
    result = run("doctor")
    assert result.exit_code == 1
    assert "FAIL  full-text index claims_fts" in result.stdout
    assert result.stderr.startswith("error: 1 check(s) failed")
    assert run("doctor", "--repair").exit_code == 0
    assert run.json("search", "ghost", "--json")["claims"] == []


def test_doctor_finds_rows_pointing_at_nothing(run: Run, seeded: int, db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:  # foreign keys are off on a bare connection
        conn.execute(
            "INSERT INTO evidence (claim_id, source_id, snapshot_id, created_at, created_by)"
            " VALUES (1, 77, 77, '2026-01-01', 'x')"
        )
    result = run("doctor")
    assert result.exit_code == 1 and "FAIL  foreign keys" in result.stdout


def test_backup_while_another_reviewer_is_writing(
    run: Run, seeded: int, db_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    with Store(db_path) as other:
        other.conn.execute("BEGIN IMMEDIATE")
        other.conn.execute("UPDATE claims SET status = 'verified' WHERE id = 1")
        result = run("backup", str(target))  # the writer holds its transaction open
        other.conn.execute("ROLLBACK")
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        [article] = run.json("articles", "--json")
        assert copy.execute("SELECT count(*) FROM claims").fetchone() == (article["claims"],)
        assert copy.execute("SELECT status FROM claims WHERE id = 1").fetchone() == ("unverified",)
    assert run("--db", str(target), "claims", "--json", db=False).exit_code == 0


def test_backup_never_overwrites(run: Run, seeded: int, tmp_path: Path) -> None:
    target = tmp_path / "exists.db"
    target.write_bytes(b"precious")
    result = run("backup", str(target))
    assert result.exit_code == 1 and "exists already" in result.stderr
    assert target.read_bytes() == b"precious"
