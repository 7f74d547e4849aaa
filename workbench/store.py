"""The store: the only module that speaks SQL.

Every user action is one short transaction (BEGIN IMMEDIATE, so two processes never
deadlock upgrading a read to a write) that also appends its event. Claims carry a
version: a change made on an older version than the stored one is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from workbench.errors import ConflictError, NotFoundError, NothingToUndo, StoreError
from workbench.models import (
    Article,
    ArticleDraft,
    ArticleProgress,
    Claim,
    ClaimDraft,
    Event,
    Span,
    Status,
    utcnow,
)
from workbench.schema import connect

# Columns of a claim that a reviewer's action may change.
EDITABLE = frozenset(
    {"text", "kind", "attribution", "checkworthiness", "status", "rationale", "dismissed"}
)
# Restored by undo, beside the editable ones.
_RESTORED = (*sorted(EDITABLE), "decided_at", "decided_by", "start", "end", "position")
# Tables an event may touch, parents first.
_EVENT_TABLES = ("articles", "claims", "evidence")


def _now() -> str:
    return utcnow().isoformat()


class Store:
    """A workbench database file. One Store per thread."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.conn = connect(self.path)
        self.db = sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
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
        return list(self.db.query(sql, params))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    # -- articles ---------------------------------------------------------------

    def find_article(self, sha256: str) -> Article | None:
        row = self._one("SELECT * FROM articles WHERE sha256 = ?", [sha256])
        return Article.model_validate(row) if row else None

    def get_article(self, article_id: int) -> Article:
        row = self._one("SELECT * FROM articles WHERE id = ?", [article_id])
        if row is None:
            raise NotFoundError(f"no article {article_id}; list them with `workbench articles`")
        return Article.model_validate(row)

    def add_article(
        self,
        draft: ArticleDraft,
        sha256: str,
        extractor: str,
        claims: Sequence[ClaimDraft],
        actor: str,
    ) -> tuple[Article, bool]:
        """Store an article and its claims; returns (article, created). The same text
        imported again returns the article already there."""
        with self.transaction():
            existing = self.find_article(sha256)
            if existing is not None:
                return existing, False
            now = _now()
            article_row = {
                **draft.model_dump(),
                "imported_at": now,
                "imported_by": actor,
                "extractor": extractor,
                "sha256": sha256,
            }
            cursor = self.conn.execute(
                "INSERT INTO articles (title, url, outlet, published, origin, imported_at,"
                " imported_by, extractor, sha256, text) VALUES (:title, :url, :outlet,"
                " :published, :origin, :imported_at, :imported_by, :extractor, :sha256, :text)",
                article_row,
            )
            article_id = cursor.lastrowid
            assert article_id is not None
            ordered = sorted(claims, key=lambda c: (c.start, c.end))
            created = {}
            for position, draft_claim in enumerate(ordered):
                claim_id = self._insert_claim(article_id, position, draft_claim, actor, now)
                created[str(claim_id)] = {"version": 1}
            article_row.pop("text")
            self._record(
                actor,
                "import",
                article_id=article_id,
                summary=f"imported {draft.title or draft.origin or 'article'}"
                f" with {len(ordered)} claims",
                after={"articles": {str(article_id): article_row}, "claims": created},
            )
            return self.get_article(article_id), True

    def _insert_claim(
        self, article_id: int, position: int, draft: ClaimDraft, actor: str, now: str
    ) -> int:
        cursor = self.conn.execute(
            'INSERT INTO claims (article_id, position, text, original_text, start, "end", kind,'
            " attribution, checkworthiness, created_at, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                draft.text,
                draft.text,
                draft.start,
                draft.end,
                draft.kind.value,
                draft.attribution,
                draft.checkworthiness,
                now,
                now,
                actor,
            ),
        )
        claim_id = cursor.lastrowid
        assert claim_id is not None
        self._write_spans(claim_id, draft.spans)
        return claim_id

    def _write_spans(self, claim_id: int, spans: Sequence[Span]) -> None:
        self.conn.execute("DELETE FROM claim_spans WHERE claim_id = ?", [claim_id])
        self.conn.executemany(
            'INSERT INTO claim_spans (claim_id, ordinal, start, "end") VALUES (?, ?, ?, ?)',
            [(claim_id, i, span.start, span.end) for i, span in enumerate(spans)],
        )

    def articles(self) -> list[ArticleProgress]:
        """Every article with its review progress, newest import first."""
        rows = self._rows(
            "SELECT a.*,"
            " count(c.id) AS n_claims,"
            " coalesce(sum(c.status = 'verified' AND NOT c.dismissed), 0) AS n_verified,"
            " coalesce(sum(c.status = 'disputed' AND NOT c.dismissed), 0) AS n_disputed,"
            " coalesce(sum(c.dismissed), 0) AS n_dismissed"
            " FROM articles a LEFT JOIN claims c ON c.article_id = a.id"
            " GROUP BY a.id ORDER BY a.id DESC"
        )
        result = []
        for row in rows:
            counts = {key: row.pop(key) for key in list(row) if key.startswith("n_")}
            result.append(
                ArticleProgress(
                    article=Article.model_validate(row),
                    claims=counts["n_claims"],
                    verified=counts["n_verified"],
                    disputed=counts["n_disputed"],
                    dismissed=counts["n_dismissed"],
                    decided=counts["n_verified"] + counts["n_disputed"] + counts["n_dismissed"],
                )
            )
        return result

    # -- claims -----------------------------------------------------------------

    def _spans_of(self, claim_ids: Sequence[int]) -> dict[int, list[Span]]:
        spans: dict[int, list[Span]] = {claim_id: [] for claim_id in claim_ids}
        for chunk_start in range(0, len(claim_ids), 500):
            chunk = list(claim_ids[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for claim_id, start, end in self.conn.execute(
                f'SELECT claim_id, start, "end" FROM claim_spans WHERE claim_id IN ({marks})'
                " ORDER BY claim_id, ordinal",
                chunk,
            ):
                spans[claim_id].append(Span(start=start, end=end))
        return spans

    def _claims_from_rows(self, rows: list[dict[str, Any]]) -> list[Claim]:
        spans = self._spans_of([row["id"] for row in rows])
        return [
            Claim.model_validate(
                {**row, "spans": spans[row["id"]] or [Span(start=row["start"], end=row["end"])]}
            )
            for row in rows
        ]

    def get_claim(self, claim_id: int) -> Claim:
        rows = self._rows("SELECT * FROM claims WHERE id = ?", [claim_id])
        if not rows:
            raise NotFoundError(
                f"no claim {claim_id}; list claims with `workbench claims` to find its id"
            )
        return self._claims_from_rows(rows)[0]

    def claims(
        self,
        article_id: int | None = None,
        status: Status | None = None,
        include_dismissed: bool = True,
    ) -> list[Claim]:
        """Claims, most check-worthy first (dismissed ones last)."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if status is not None:
            where.append("status = ?")
            params.append(status.value)
        if not include_dismissed:
            where.append("NOT dismissed")
        sql = "SELECT * FROM claims"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY dismissed, checkworthiness DESC, article_id, position"
        return self._claims_from_rows(self._rows(sql, params))

    def _claim_state(self, claim_id: int) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM claims WHERE id = ?", [claim_id])
        if row is None:
            return None
        row["spans"] = [
            [start, end]
            for start, end in self.conn.execute(
                'SELECT start, "end" FROM claim_spans WHERE claim_id = ? ORDER BY ordinal',
                [claim_id],
            )
        ]
        return row

    def update_claim(
        self,
        claim_id: int,
        changes: dict[str, Any],
        actor: str,
        action: str,
        summary: str,
        expected_version: int | None = None,
    ) -> Claim:
        """Change a claim's editable fields, as one action with its event.

        With `expected_version`, the change is refused if the claim moved on since it
        was read at that version.
        """
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        with self.transaction():
            before = self._claim_state(claim_id)
            if before is None:
                self.get_claim(claim_id)  # raises NotFoundError with its message
                raise AssertionError("unreachable")
            if expected_version is not None and before["version"] != expected_version:
                raise ConflictError(
                    f"claim {claim_id} was changed by {before['updated_by']} at"
                    f" {before['updated_at'][:19]} since you read it; reload it and try again"
                )
            now = _now()
            values = dict(changes)
            if "status" in values and values["status"] != before["status"]:
                decided = Status(values["status"]).decided
                values["decided_at"] = now if decided else None
                values["decided_by"] = actor if decided else None
            values.update(version=before["version"] + 1, updated_at=now, updated_by=actor)
            self._update_claim_row(claim_id, values)
            after = self._claim_state(claim_id)
            self._record(
                actor,
                action,
                article_id=before["article_id"],
                claim_id=claim_id,
                summary=summary,
                before={"claims": {str(claim_id): before}},
                after={"claims": {str(claim_id): after}},
            )
        return self.get_claim(claim_id)

    def _update_claim_row(self, claim_id: int, values: dict[str, Any]) -> None:
        assignments = ", ".join(f'"{column}" = ?' for column in values)
        self.conn.execute(
            f"UPDATE claims SET {assignments} WHERE id = ?", [*values.values(), claim_id]
        )

    def evidence_count(self, claim_id: int) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM evidence WHERE claim_id = ?", [claim_id]
        ).fetchone()
        return int(row[0])

    def evidence_rows(self, claim_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """Evidence of these claims with their source and snapshot, oldest first."""
        found: dict[int, list[dict[str, Any]]] = {claim_id: [] for claim_id in claim_ids}
        for chunk_start in range(0, len(claim_ids), 500):
            chunk = list(claim_ids[chunk_start : chunk_start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(
                "SELECT e.*, s.requested, n.final_url, n.title, n.fetched_at, n.raw_sha256,"
                " n.http_status, n.content_type FROM evidence e"
                " JOIN sources s ON s.id = e.source_id JOIN snapshots n ON n.id = e.snapshot_id"
                f" WHERE e.claim_id IN ({marks}) ORDER BY e.id",
                chunk,
            ):
                found[row["claim_id"]].append(row)
        return found

    # -- events and undo --------------------------------------------------------

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
        cursor = self.conn.execute(
            "INSERT INTO events (at, actor, action, article_id, claim_id, summary, before,"
            " after, undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _now(),
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

    def _event(self, row: dict[str, Any]) -> Event:
        return Event.model_validate(
            {**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])}
        )

    def events(
        self, claim_id: int | None = None, article_id: int | None = None, limit: int | None = None
    ) -> list[Event]:
        """Events, oldest first (the last `limit` of them)."""
        where, params = [], []
        if claim_id is not None:
            claim = self.get_claim(claim_id)
            # the claim's own events, and the import that created it
            where.append(
                "(claim_id = ? OR (claim_id IS NULL AND article_id = ? AND action = 'import'))"
            )
            params.extend([claim_id, claim.article_id])
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [self._event(row) for row in reversed(self._rows(sql, params))]

    def undo(self, actor: str) -> Event:
        """Revert `actor`'s latest change not already undone; returns the undo event.

        Refused when someone changed the same rows since (their change would be lost).
        """
        with self.transaction():
            row = self._one(
                "SELECT * FROM events e WHERE actor = ? AND action != 'undo'"
                " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id)"
                " ORDER BY id DESC LIMIT 1",
                [actor],
            )
            if row is None:
                raise NothingToUndo(f"nothing to undo: {actor} has no change left to revert")
            event = self._event(row)
            now_before, now_after = self._revert(event, actor)
            event_id = self._record(
                actor,
                "undo",
                article_id=event.article_id,
                claim_id=event.claim_id,
                summary=f"undid: {event.summary}",
                before=now_before,
                after=now_after,
                undo_of=event.id,
            )
            undo_row = self._one("SELECT * FROM events WHERE id = ?", [event_id])
            assert undo_row is not None
            return self._event(undo_row)

    def _state(self, table: str, key: str) -> dict[str, Any] | None:
        if table == "claims":
            return self._claim_state(int(key))
        row = self._one(f"SELECT * FROM {table} WHERE id = ?", [int(key)])
        if row is not None and table == "articles":
            row.pop("text")
        return row

    def _revert(self, event: Event, actor: str) -> tuple[dict[str, Any], dict[str, Any]]:
        tables = [t for t in _EVENT_TABLES if t in event.before or t in event.after]
        current: dict[str, dict[str, Any]] = {}
        for table in tables:
            keys = set(event.before.get(table, {})) | set(event.after.get(table, {}))
            current[table] = {}
            for key in keys:
                state = self._state(table, key)
                expected = event.after.get(table, {}).get(key)
                if not self._unchanged_since(event, table, state, expected):
                    who = f" by {state['updated_by']}" if state and "updated_by" in state else ""
                    raise ConflictError(
                        f"cannot undo “{event.summary}”: {table[:-1]} {key} was changed"
                        f"{who} since; look at `workbench history` and change it by hand"
                    )
                current[table][key] = state
        # Delete what the event created, children first; then restore parents first.
        for table in reversed(tables):
            for key in current[table]:
                if event.before.get(table, {}).get(key) is None:
                    self.conn.execute(f"DELETE FROM {table} WHERE id = ?", [int(key)])
        restored: dict[str, dict[str, Any]] = {}
        for table in tables:
            for key, state in event.before.get(table, {}).items():
                self._restore_row(table, int(key), state, current[table].get(key), actor)
                restored.setdefault(table, {})[key] = self._state(table, key)
        before = {
            t: {k: v for k, v in rows.items() if v is not None} for t, rows in current.items()
        }
        return before, restored

    def _unchanged_since(
        self,
        event: Event,
        table: str,
        state: dict[str, Any] | None,
        expected: dict[str, Any] | None,
    ) -> bool:
        """Is the row still as `event` left it (so reverting it loses nobody's change)?"""
        if state is None or expected is None:
            return state is None and expected is None
        if table == "articles":
            return True  # never changed after import
        if table != "claims":
            return state == expected
        if state["version"] == expected["version"]:
            return True
        if "text" in expected:  # a full state: compare what undo would restore
            return all(state[c] == expected[c] for c in (*_RESTORED, "spans"))
        # An import records versions only: unchanged if every later change was undone.
        row = self.conn.execute(
            "SELECT count(*) FROM events e WHERE e.claim_id = ? AND e.id > ? AND e.action != 'undo'"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id)",
            [state["id"], event.id],
        ).fetchone()
        return bool(row[0] == 0)

    def _restore_row(
        self,
        table: str,
        row_id: int,
        state: dict[str, Any],
        current: dict[str, Any] | None,
        actor: str,
    ) -> None:
        if table == "claims":
            values = {column: state[column] for column in _RESTORED}
            base = current["version"] if current else state["version"]
            values.update(version=base + 1, updated_at=_now(), updated_by=actor)
            if current is None:
                columns = {**state, **values}
                columns.pop("spans")
                self.db.table("claims").insert(columns)
            else:
                self._update_claim_row(row_id, values)
            self._write_spans(row_id, [Span(start=s, end=e) for s, e in state["spans"]])
        elif table == "evidence":
            self.db.table("evidence").upsert(state, pk="id")
        else:
            raise StoreError(f"cannot restore a deleted row of {table}")


def is_database_error(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError)
