"""The store on real SQLite files: migrations, transactions, events, concurrency."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from workbench.errors import ConflictError, StoreError
from workbench.models import ArticleDraft, ClaimDraft, Kind, Span, Status
from workbench.schema import connect, migrate, migrations
from workbench.store import Store

REPO_DB = Path(__file__).resolve().parent.parent / "db"


def add_article(store: Store, text: str = "Trade rose 5% in 2025. Exports fell.") -> int:
    drafts = [
        ClaimDraft(
            text="Trade rose 5% in 2025.",
            spans=[Span(start=0, end=22)],
            kind=Kind.STATISTIC,
            checkworthiness=0.9,
        ),
        ClaimDraft(text="Exports fell.", spans=[Span(start=23, end=36)], checkworthiness=0.4),
    ]
    article, created = store.add_article(
        ArticleDraft(text=text, title="T"), "sha-" + text, "test/1", drafts, "alice"
    )
    assert created
    return article.id


def test_fresh_database_has_every_migration_and_the_pragmas(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        versions = [
            row[0]
            for row in store.conn.execute("SELECT version FROM schema_migrations ORDER BY version")
        ]
        assert versions == [m.version for m in migrations()]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == versions[-1]


@pytest.mark.parametrize("upto", [m.version for m in migrations()[:-1]])
def test_upgrade_from_each_earlier_version_keeps_the_data(tmp_path: Path, upto: int) -> None:
    old_schema = tmp_path / "old-db"
    old_schema.mkdir()
    for migration in migrations():
        if migration.version <= upto:
            shutil.copy(migration.path, old_schema)
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path, old_schema)
    conn.execute(
        "INSERT INTO articles (id, title, imported_at, imported_by, extractor, sha256, text)"
        " VALUES (1, 'Old', '2026-01-01T00:00:00+00:00', 'bob', 'x/1', 'abc', 'Tariffs doubled in 2019.')"
    )
    conn.execute(
        'INSERT INTO claims (article_id, position, text, original_text, start, "end",'
        " checkworthiness, created_at, updated_at, updated_by) VALUES (1, 0, 'Tariffs doubled in 2019.',"
        " 'Tariffs doubled in 2019.', 0, 24, 0.8, '2026-01-01', '2026-01-01', 'bob')"
    )
    conn.close()
    with Store(path) as store:
        versions = {row[0] for row in store.conn.execute("SELECT version FROM schema_migrations")}
        assert versions == {m.version for m in migrations()}
        [claim] = store.claims()
        assert claim.text == "Tariffs doubled in 2019." and claim.updated_by == "bob"
        hits = store.conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'tariffs'"
        ).fetchall()
        assert hits == [(claim.id,)]


def test_a_failing_migration_is_rolled_back_whole(tmp_path: Path) -> None:
    schema = tmp_path / "schema"
    schema.mkdir()
    shutil.copy(REPO_DB / "001_core.sql", schema)
    (schema / "002_broken.sql").write_text(
        "CREATE TABLE extra (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n"
    )
    path = tmp_path / "w.db"
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, path, schema)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "articles" in tables and "extra" not in tables
    assert [row[0] for row in conn.execute("SELECT version FROM schema_migrations")] == [1]


def test_a_database_from_a_newer_workbench_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, '999_future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer than this workbench knows"):
        connect(path)


def test_every_change_is_an_event_with_before_and_after(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        add_article(store)
        claim = store.claims()[0]
        store.update_claim(
            claim.id, {"status": "verified", "rationale": "ok"}, "alice", "status", "marked"
        )
        events = store.events()
        assert [e.action for e in events] == ["import", "status"]
        change = events[1]
        assert change.before["claims"][str(claim.id)]["status"] == "unverified"
        assert change.after["claims"][str(claim.id)]["status"] == "verified"
        assert change.after["claims"][str(claim.id)]["decided_by"] == "alice"


def test_a_change_on_a_stale_read_is_refused_across_connections(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    with Store(path) as alice, Store(path) as bob:
        add_article(alice)
        seen_by_alice = alice.claims()[0]
        bob.update_claim(seen_by_alice.id, {"status": "disputed"}, "bob", "status", "bob disputes")
        with pytest.raises(ConflictError, match="was changed by bob"):
            alice.update_claim(
                seen_by_alice.id,
                {"status": "verified"},
                "alice",
                "status",
                "alice verifies",
                expected_version=seen_by_alice.version,
            )
        assert alice.get_claim(seen_by_alice.id).status is Status.DISPUTED
        assert [e.actor for e in alice.events()] == ["alice", "bob"]


def test_a_failed_action_writes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        add_article(store)
        claim = store.claims()[0]
        with pytest.raises(sqlite3.IntegrityError):
            store.update_claim(claim.id, {"checkworthiness": 7.0}, "alice", "edit", "bad score")
        assert store.get_claim(claim.id).version == claim.version
        assert [e.action for e in store.events()] == ["import"]


def test_claims_keep_all_their_spans(tmp_path: Path) -> None:
    text = "Ma, the vice minister, was in New Delhi."
    draft = ClaimDraft(
        text="Ma was in New Delhi.",
        spans=[Span(start=0, end=2), Span(start=22, end=40)],
        checkworthiness=0.7,
    )
    with Store(tmp_path / "w.db") as store:
        store.add_article(ArticleDraft(text=text), "sha", "test/1", [draft], "alice")
        [claim] = store.claims()
        assert [(s.start, s.end) for s in claim.spans] == [(0, 2), (22, 40)]
        assert (claim.start, claim.end) == (0, 40)


def test_a_change_that_changes_nothing_is_not_an_event(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        add_article(store)
        claim = store.claims()[0]
        store.update_claim(claim.id, {"status": "disputed"}, "alice", "status", "disputed")
        again = store.update_claim(claim.id, {"status": "disputed"}, "alice", "status", "disputed")
        assert again.version == claim.version + 1
        assert [e.action for e in store.events()] == ["import", "status"]
