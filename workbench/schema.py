"""Opening a workbench database: pragmas, sanity checks and the migrations in db/.

Migrations are the numbered files db/NNN_name.sql, applied in order, each in its own
transaction together with its row in schema_migrations. sqlite-utils' Migrations
checks what is pending outside the transaction and begins it deferred, so two
processes opening a new file at once could both apply 001; here the check is
repeated inside a BEGIN IMMEDIATE transaction, which only one writer can hold.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import StoreError
from workbench.models import utcnow
from workbench.resources import migrations_dir

BUSY_TIMEOUT_MS = 10_000
_MIGRATION_NAME = re.compile(r"^(\d{3})_[\w-]+\.sql$")
# A migration whose first line is this rebuilds tables (create, copy, drop, rename):
# dropping a parent table with foreign keys on would delete its children by cascade,
# so it runs with them off and is checked before it commits (SQLite's own procedure).
REBUILDS_TABLES = "-- workbench: rebuilds tables"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        """The file's statements, split where SQLite says a statement is complete
        (so a trigger's BEGIN ... END body stays whole)."""
        statements, buffer = [], ""
        for line in self.path.read_text(encoding="utf-8").splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                if _has_sql(buffer):
                    statements.append(buffer.strip())
                buffer = ""
        if _has_sql(buffer):
            raise StoreError(f"migration {self.name} ends with an incomplete statement")
        return statements

    @property
    def rebuilds_tables(self) -> bool:
        with self.path.open(encoding="utf-8") as handle:
            return handle.readline().startswith(REBUILDS_TABLES)


def _has_sql(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in text.splitlines())


def migrations(directory: Path | None = None) -> list[Migration]:
    """The migration files of `directory` (default: the shipped db/), in order."""
    found = []
    for path in sorted((directory or migrations_dir()).glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path.stem, path))
    return found


def _check_path(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"database path {path} is a directory; give a file path with --db")
    # The file itself is never opened here: closing any descriptor of a database file drops
    # every POSIX lock this process holds on it, SQLite's included. A second connection
    # opened beside a first (a worker thread's) would then let another process take the
    # file for its own, delete the WAL under the first, and lose what it commits next.
    # A file that is not SQLite is told by SQLite itself (see `describe_sqlite_error`).
    if path.exists():
        if not path.is_file():
            raise StoreError(f"database path {path} is not a regular file; give a file path")
    elif not path.parent.is_dir():
        raise StoreError(f"cannot create database {path}: directory {path.parent} does not exist")


def describe_sqlite_error(path: Path, error: sqlite3.Error) -> str:
    message = str(error)
    if message == "file is not a database":  # SQLite read the header: nothing was written
        return (
            f"{path} is not a SQLite database; pass the path of a workbench database "
            "with --db (or a new file name to start one)"
        )
    if "readonly" in message or "unable to open" in message:
        return (
            f"cannot write database {path} ({message}); choose a writable path with --db "
            "or WORKBENCH_DB"
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return (
            f"database {path} is damaged ({message}); restore it from a backup, or pass "
            "another --db"
        )
    if "locked" in message or "busy" in message:
        return f"database {path} is busy ({message}); try again in a moment"
    return f"database {path}: {message}"


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`."""
    path = Path(path)
    _check_path(path)
    try:
        # isolation_level=None: transactions are ours, begun explicitly (BEGIN IMMEDIATE).
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise StoreError(describe_sqlite_error(path, error)) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign_database(conn, path)  # before anything writes to it
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed decision survives a power cut too, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, path)
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(describe_sqlite_error(path, error)) from error
    except BaseException:
        conn.close()
        raise
    return conn


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    rows = conn.execute("SELECT version FROM schema_migrations").fetchall()
    return {row[0] for row in rows}


def _table_names(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def _dangling(conn: sqlite3.Connection) -> int:
    return len(conn.execute("PRAGMA foreign_key_check").fetchall())


def _refuse_foreign_database(conn: sqlite3.Connection, path: Path) -> None:
    tables = _table_names(conn)
    if tables and "schema_migrations" not in tables:
        raise StoreError(f"{path} is a SQLite database but not a workbench one; pass another --db")


def migrate(conn: sqlite3.Connection, path: Path, directory: Path | None = None) -> list[str]:
    """Apply the pending migrations; returns the names applied."""
    known = migrations(directory)
    _refuse_foreign_database(conn, path)
    tables = _table_names(conn)
    applied = applied_versions(conn) if "schema_migrations" in tables else set()
    newest_known = max((m.version for m in known), default=0)
    if applied and max(applied) > newest_known:
        raise StoreError(
            f"database {path} has schema version {max(applied)}, newer than this workbench "
            f"knows ({newest_known}); upgrade workbench"
        )
    if all(m.version in applied for m in known):
        return []
    done = []
    for migration in known:
        if migration.rebuilds_tables:
            conn.execute("PRAGMA foreign_keys = OFF")  # before BEGIN: inside, it is a no-op
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            if migration.version in applied_versions(conn):
                conn.execute("COMMIT")
                continue
            dangling = _dangling(conn) if migration.rebuilds_tables else 0
            for statement in migration.statements():
                conn.execute(statement)
            if migration.rebuilds_tables and _dangling(conn) > dangling:
                raise StoreError(
                    f"migration {migration.name} would leave rows pointing at nothing; it was"
                    " not applied (run `workbench doctor` and report this)"
                )
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, utcnow().isoformat()),
            )
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        done.append(migration.name)
    return done
