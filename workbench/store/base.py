"""The connection and what every part of the store shares: transactions and events."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from workbench.models import Event, utcnow
from workbench.schema import connect

# Events that do not withdraw a claim's approval: the approval itself, and undo/redo,
# which put back a state that carries its own approval (or none).
_KEEPS_APPROVAL = frozenset({"approve", "unapprove", "undo", "redo"})


def now() -> str:
    return utcnow().isoformat()


class StoreBase:
    """A workbench database file. One Store per thread."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.conn = connect(self.path)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writing rows as dicts. Opened on
        first use: with click and pluggy it costs 40 ms, and reads need none of it."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: all of it is committed, or none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        columns = [column[0] for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    @staticmethod
    def _id_batches(ids: Sequence[int]) -> Iterator[tuple[list[int], str]]:
        """Ids in batches with their "?, ?, ..." placeholders, for `IN (...)` queries:
        SQLite limits the parameters of one statement (999 in older builds)."""
        for first in range(0, len(ids), 500):
            batch = list(ids[first : first + 500])
            yield batch, ",".join("?" * len(batch))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _record(
        self,
        actor: str,
        action: str,
        *,
        article_id: int | None = None,
        claim_id: int | None = None,
        summary: str = "",
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        undo_of: int | None = None,
    ) -> int:
        if claim_id is not None and action not in _KEEPS_APPROVAL:
            summary += self._withdraw_approval(claim_id, after)
        cursor = self.conn.execute(
            "INSERT INTO events (at, actor, action, article_id, claim_id, summary, before,"
            " after, undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                actor,
                action,
                article_id,
                claim_id,
                summary,
                json.dumps(before or {}, ensure_ascii=False),
                json.dumps(after or {}, ensure_ascii=False),
                undo_of,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @cached_property
    def _has_approvals(self) -> bool:
        """Does the schema have sign-offs (db/007)? Tests open databases as they were
        before it, and such a database has no approval to withdraw."""
        columns = self.conn.execute("PRAGMA table_info(claims)").fetchall()
        return any(column[1] == "approved_by" for column in columns)

    def _withdraw_approval(self, claim_id: int, after: dict[str, Any] | None) -> str:
        """Any change to an approved claim (its wording, rating, evidence, ...) withdraws
        the approval: what was signed off is no longer what would be published. The
        event's after-state says so too, so undo puts the approval back."""
        if not self._has_approvals:
            return ""
        row = self.conn.execute(
            "SELECT approved_by FROM claims WHERE id = ?", [claim_id]
        ).fetchone()
        if row is None or row[0] is None:
            return ""
        self.conn.execute(
            "UPDATE claims SET approved_by = NULL, approved_at = NULL WHERE id = ?", [claim_id]
        )
        state = (after or {}).get("claims", {}).get(str(claim_id))
        if state is not None:
            state.update(approved_by=None, approved_at=None)
        return f"; approval by {row[0]} withdrawn"

    def _event(self, row: dict[str, Any]) -> Event:
        return Event.model_validate(
            {**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])}
        )
