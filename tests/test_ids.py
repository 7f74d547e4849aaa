"""Ids are never reused (migration 004): a new claim never inherits a deleted claim's
history, and the migration from a database at 003 keeps everything."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.conftest import Run
from workbench.resources import migrations_dir
from workbench.schema import migrate

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
    added = run.json("add", str(seeded), "0", "61", "--json")["id"]
    assert run("undo").exit_code == 0  # the claim is deleted again
    again = run.json("add", str(seeded), "0", "61", "--json")["id"]
    assert again > added
    history = run.json("history", str(again), "--json")
    assert [e["summary"] for e in history if e["action"] != "import"] == [
        f"added claim {again} by hand"
    ]


_AT_003 = """
INSERT INTO articles VALUES (1, 'Trade', NULL, NULL, NULL, 'stdin', '2026-01-01T00:00:00+00:00',
    'alice', 'rules/1', 'abc', 'Bilateral trade reached $155.6bn in 2025. The deficit widened.');
INSERT INTO claims (id, article_id, position, text, original_text, start, "end", kind,
    checkworthiness, status, rationale, version, created_at, updated_at, updated_by)
VALUES (1, 1, 0, 'Bilateral trade reached $155.6bn in 2025.', 'Bilateral trade reached
    $155.6bn in 2025.', 0, 41, 'statistic', 0.9, 'verified', 'customs data', 2, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 'alice'),
    (2, 1, 1, 'The deficit widened.', 'The deficit widened.', 42, 62, 'other', 0.5,
    'unverified', '', 1, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 'alice');
INSERT INTO claim_spans VALUES (1, 0, 0, 41), (2, 0, 42, 62);
INSERT INTO sources VALUES (1, 'https://customs.example/t', '2026-01-01T00:00:00+00:00', 'alice');
INSERT INTO snapshots (id, source_id, fetched_at, raw_size, raw_sha256, text, text_sha256)
VALUES (1, 1, '2026-01-01T00:00:00+00:00', 10, 'r', 'Customs: trade reached $155.6bn.', 's');
INSERT INTO evidence (id, claim_id, source_id, snapshot_id, stance, excerpt, created_at,
    created_by) VALUES (1, 1, 1, 1, 'supports', 'trade reached $155.6bn', '2026-01-01T00:00:00+00:00', 'alice');
-- claim 3 and evidence 2 were added, then undone: only the events name them now
INSERT INTO events (id, at, actor, action, article_id, claim_id, summary, before, after, undo_of)
VALUES (1, '2026-01-01T00:00:00+00:00', 'alice', 'import', 1, NULL, 'imported', '{}',
        '{"articles": {"1": {}}, "claims": {"1": {"version": 1}, "2": {"version": 1}}}', NULL),
    (2, '2026-01-01T00:00:00+00:00', 'bob', 'add', 1, 3, 'added claim 3 by hand', '{}', '{"claims": {"3": {}}}', NULL),
    (3, '2026-01-01T00:00:00+00:00', 'bob', 'attach', 1, 2, 'attached', '{}', '{"evidence": {"2": {}}}', NULL),
    (4, '2026-01-01T00:00:00+00:00', 'bob', 'undo', 1, 2, 'undid: attached', '{"evidence": {"2": {}}}', '{}', 3),
    (5, '2026-01-01T00:00:00+00:00', 'bob', 'undo', 1, 3, 'undid: added', '{"claims": {"3": {}}}', '{}', 2);
"""


def _columns_of(db_path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db_path) as conn:
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in _TABLES}


def _rows_of(db_path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db_path) as conn:
        return {
            t: conn.execute(
                f"SELECT {', '.join(f'[{c}]' for c in cs)} FROM {t} ORDER BY rowid"
            ).fetchall()
            for t, cs in columns.items()
        }


def test_migration_004_from_a_database_at_003_keeps_everything(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    old = tmp_path / "db-003"
    old.mkdir()
    for path in sorted(migrations_dir().glob("00[123]_*.sql")):
        shutil.copy(path, old)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, db_path, old)  # a database as the workbench of 001-003 left it
    conn.execute("BEGIN")
    for statement in _AT_003.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("COMMIT")
    conn.close()
    columns = _columns_of(db_path)
    before = _rows_of(db_path, columns)

    doctor = run("doctor")  # opening it applies 004 (and whatever came after it)
    assert doctor.exit_code == 0, doctor.stdout + doctor.stderr
    assert _rows_of(db_path, columns) == before  # every row, every column kept
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT 1 FROM schema_migrations WHERE version = 4").fetchone()
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
        assert "AUTOINCREMENT" in sql
        assert conn.execute("PRAGMA foreign_key_list(evidence)").fetchall()
    assert [c["id"] for c in run.json("search", "deficit", "--json")["claims"]] == [2]
    assert run.json("search", "customs", "--json")["sources"]
    # the ids only the event log still names are not handed out again
    assert run.json("add", "1", "0", "23", "--json")["id"] == 4
    page = _page(tmp_path)
    assert run("attach", "2", str(page)).exit_code == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT max(id) FROM evidence").fetchone() == (3,)
    # deleting a claim still takes its spans and evidence with it (the cascade survived)
    assert run("merge", "2", "1").exit_code == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM claim_spans WHERE claim_id = 1").fetchone() == (
            0,
        )
        assert conn.execute("SELECT claim_id FROM evidence WHERE id = 1").fetchone() == (2,)
    assert run("doctor").exit_code == 0
