"""Checking a database (doctor) and copying it while in use (backup)."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.files import replacing_new
from workbench.schema import applied_versions, migrations
from workbench.store.review import ReviewStore


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


_ORPHANS = {
    "claims without spans": "SELECT count(*) FROM claims c"
    " WHERE NOT EXISTS (SELECT 1 FROM claim_spans s WHERE s.claim_id = c.id)",
    "spans outside their article": "SELECT count(*) FROM claim_spans s"
    " JOIN claims c ON c.id = s.claim_id JOIN articles a ON a.id = c.article_id"
    ' WHERE s."end" > length(a.text)',
    "evidence whose snapshot is of another source": "SELECT count(*) FROM evidence e"
    " JOIN snapshots n ON n.id = e.snapshot_id WHERE n.source_id != e.source_id",
    "sources without a snapshot": "SELECT count(*) FROM sources s"
    " WHERE NOT EXISTS (SELECT 1 FROM snapshots n WHERE n.source_id = s.id)",
    "unfinished review sessions": "SELECT count(*) FROM review_sessions WHERE ended_at IS NULL"
    " AND started_at < strftime('%Y-%m-%dT%H:%M:%S', 'now', '-1 day')",
}


class MaintenanceStore(ReviewStore):
    def doctor(self) -> list[Check]:
        """Integrity, foreign keys, migration state, orphans, full-text index consistency."""
        checks = []
        result = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        checks.append(Check("integrity", result == ["ok"], "; ".join(result[:5])))
        broken = self.conn.execute("PRAGMA foreign_key_check").fetchall()
        checks.append(
            Check(
                "foreign keys",
                not broken,
                f"{len(broken)} rows point at nothing" if broken else "ok",
            )
        )
        known = {m.version for m in migrations()}
        applied = applied_versions(self.conn)
        missing = sorted(known - applied)
        checks.append(
            Check(
                "migrations",
                not missing and applied <= known,
                f"schema version {max(applied, default=0)}"
                + (f"; missing {missing}" if missing else ""),
            )
        )
        for name, sql in _ORPHANS.items():
            count = self.conn.execute(sql).fetchone()[0]
            warning_only = name == "unfinished review sessions"
            checks.append(Check(name, count == 0 or warning_only, f"{count}"))
        for table in ("claims_fts", "snapshots_fts", "factchecks_fts"):
            try:
                # rank 1: check the index against its content table too, not only itself
                self.conn.execute(
                    f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
                )
                checks.append(Check(f"full-text index {table}", True, "ok"))
            except sqlite3.DatabaseError as error:
                checks.append(
                    Check(
                        f"full-text index {table}",
                        False,
                        f"{error}; run `workbench doctor --repair`",
                    )
                )
        return checks

    def rebuild_search(self) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")
            self.conn.execute("INSERT INTO snapshots_fts(snapshots_fts) VALUES ('rebuild')")
            self.conn.execute("INSERT INTO factchecks_fts(factchecks_fts) VALUES ('rebuild')")

    def backup(self, target: Path) -> None:
        """A consistent copy of the database at `target`, which must not exist yet.

        VACUUM INTO copies every page under one read transaction, so writers carry on
        and the copy always completes (the online backup API restarted on every write
        and never finished under a steady stream of them). The copy is made in a unique
        temporary file beside the target, checked, synced, and then linked into place:
        a link never replaces a file that appeared meanwhile.
        """
        target = Path(target)
        if os.path.lexists(target):
            what = "is a symbolic link" if target.is_symlink() else "exists already"
            raise InputError(f"{target} {what}; choose a new file name for the backup")
        if not target.parent.is_dir():
            raise InputError(f"cannot write {target}: directory {target.parent} does not exist")
        with replacing_new(target) as temporary:
            try:
                self.conn.execute("VACUUM INTO ?", [str(temporary)])
                copy = sqlite3.connect(temporary)
                try:
                    verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
                finally:
                    copy.close()
            except sqlite3.Error as error:
                raise InputError(f"cannot write the backup {target}: {error}") from error
            if verdict != "ok":
                raise InputError(f"the backup copy failed its integrity check ({verdict})")
