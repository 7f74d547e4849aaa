"""Ids are never reused (migration 004): a new claim never inherits a deleted claim's
history, and the migration from a database at 003 keeps everything."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run
from workbench.resources import migrations_dir

_TABLES = ("articles", "claims", "claim_spans", "sources", "snapshots", "evidence", "events")


def _dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db_path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in _TABLES}


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "customs.html"
    page.write_text(
        "<html><body><article><p>Official figures show bilateral trade reached $155.6bn"
        " in 2025.</p></article></body></html>",
        encoding="utf-8",
    )
    return page


def test_a_deleted_claims_id_goes_to_no_new_claim(run: Run, seeded: int) -> None:
    added = run.json("add", str(seeded), "0", "60", "--json")["id"]
    assert run("undo").exit_code == 0  # the claim is deleted again
    again = run.json("add", str(seeded), "0", "60", "--json")["id"]
    assert again > added
    history = run.json("history", str(again), "--json")
    assert [e["summary"] for e in history if e["action"] != "import"] == [
        f"added claim {again} by hand"
    ]


def test_migration_004_from_a_database_at_003_keeps_everything(
    run: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "db-003"
    old.mkdir()
    for path in sorted(migrations_dir().glob("00[123]_*.sql")):
        shutil.copy(path, old)
    # the workbench as it shipped with migrations 001-003, used as a reviewer would
    monkeypatch.setattr("workbench.schema.migrations_dir", lambda: old)
    article = run.json(
        "import", str(Path(__file__).parent.parent / "seeds" / "000_2a150881a98f0715.txt"), "--json"
    )["article_id"]
    claims = run.json("claims", "--json")
    first, second = claims[0]["id"], claims[1]["id"]
    assert run("attach", str(first), str(_page(tmp_path)), "--stance", "supports").exit_code == 0
    assert run("mark", str(first), "verified", "--note", "customs data").exit_code == 0
    assert run("edit", str(second), "An edited claim.").exit_code == 0
    added = run.json("add", str(article), "0", "60", "--json")["id"]
    assert run("attach", str(added), str(_page(tmp_path))).exit_code == 0
    assert run("undo").exit_code == 0 and run("undo").exit_code == 0  # the attach, the add
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone() == (3,)
        evidence_gone = conn.execute("SELECT max(id) FROM evidence").fetchone()[0] + 1
    before = _dump(db_path)
    monkeypatch.undo()

    doctor = run("doctor")  # opening it applies 004
    assert doctor.exit_code == 0, doctor.stdout + doctor.stderr
    assert "ok    migrations" in doctor.stdout
    assert _dump(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT 1 FROM schema_migrations WHERE version = 4").fetchone()
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
        assert "AUTOINCREMENT" in sql
        assert conn.execute("PRAGMA foreign_key_list(evidence)").fetchall()
    assert run.json("search", "customs", "--json")["sources"]
    assert any(c["id"] == second for c in run.json("search", "edited", "--json")["claims"])
    # the ids the 003 database had freed are not handed out again
    assert run.json("add", str(article), "0", "60", "--json")["id"] > added
    assert run("attach", str(second), str(_page(tmp_path))).exit_code == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT max(id) FROM evidence").fetchone()[0] > evidence_gone
    # deleting a claim still takes its spans and evidence with it (the cascade survived)
    assert run("merge", str(second), str(first)).exit_code == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(
            "SELECT count(*) FROM claim_spans WHERE claim_id = ?", [first]
        ).fetchone() == (0,)
    assert run("doctor").exit_code == 0
