"""The event log's reading side, and undo."""

from __future__ import annotations

from typing import Any

from workbench.errors import ConfirmationNeeded, ConflictError, NothingToUndo, StoreError
from workbench.models import Event, Span
from workbench.store.base import now
from workbench.store.claims import EDITABLE, ClaimStore

# Restored by undo, beside the editable columns.
_RESTORED = (*sorted(EDITABLE), "decided_at", "decided_by", "start", "end", "position")
# Tables an event may touch, parents first.
_EVENT_TABLES = ("articles", "claims", "evidence")
_SINGULAR = {"articles": "article", "claims": "claim", "evidence": "evidence"}


class HistoryStore(ClaimStore):
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

    def undo(self, actor: str, confirm: int | None = None) -> Event:
        """Revert `actor`'s latest change not already undone; returns the undo event.

        Refused when someone changed the same rows since (their change would be lost),
        or built on an article that undoing its import would delete. Undoing an import
        deletes the article: it raises ConfirmationNeeded unless `confirm` is that
        event's id (the text is kept in the events, so `redo` brings it back).
        """
        with self.transaction():
            row = self._one(
                # a recheck keeps evidence, it is not a reviewer's change: never undone;
                # nor is an import of other organisations' fact-checks (import it again)
                "SELECT * FROM events e WHERE actor = ?"
                " AND action NOT IN ('undo', 'recheck', 'factchecks')"
                " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id)"
                " ORDER BY id DESC LIMIT 1",
                [actor],
            )
            if row is None:
                raise NothingToUndo(f"nothing to undo: {actor} has no change left to revert")
            event = self._event(row)
            now_before, now_after = self._revert(event, actor, confirm)
            return self._recorded(
                actor, "undo", event, f"undid: {_plain(event.summary)}", now_before, now_after
            )

    def redo(self, actor: str) -> Event:
        """Make `actor`'s latest undo undone (the change is applied again); returns the
        redo event. Only while `actor` made no new change since that undo, as in an
        editor; refused like undo when someone changed the same rows since."""
        with self.transaction():
            row = self._one(
                "SELECT * FROM events e WHERE actor = ? AND action = 'undo'"
                " AND NOT EXISTS (SELECT 1 FROM events r WHERE r.undo_of = e.id)"
                " AND NOT EXISTS (SELECT 1 FROM events n WHERE n.actor = e.actor AND n.id > e.id"
                " AND n.action NOT IN ('undo', 'redo', 'recheck'))"
                " ORDER BY id DESC LIMIT 1",
                [actor],
            )
            if row is None:
                raise NothingToUndo(f"nothing to redo: {actor} has no undone change to apply again")
            event = self._event(row)
            now_before, now_after = self._revert(event, actor, None)
            return self._recorded(
                actor, "redo", event, f"redid: {_plain(event.summary)}", now_before, now_after
            )

    def _recorded(
        self,
        actor: str,
        action: str,
        reverted: Event,
        summary: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> Event:
        event_id = self._record(
            actor,
            action,
            article_id=reverted.article_id,
            claim_id=reverted.claim_id,
            summary=summary,
            before=before,
            after=after,
            undo_of=reverted.id,
        )
        row = self._one("SELECT * FROM events WHERE id = ?", [event_id])
        assert row is not None
        return self._event(row)

    def _check_article_deletion(self, event: Event, confirm: int | None) -> None:
        """Reverting `event` deletes an article (it imported it): refused if anyone built
        on it since, and done only when confirmed."""
        deleted = [
            int(key)
            for key, state in event.after.get("articles", {}).items()
            if state is not None and event.before.get("articles", {}).get(key) is None
        ]
        for article_id in deleted:
            known = set(event.after.get("claims", {}))
            for claim_id, by in self.conn.execute(
                "SELECT id, updated_by FROM claims WHERE article_id = ? ORDER BY id", [article_id]
            ):
                if str(claim_id) not in known:
                    raise ConflictError(
                        f"cannot undo “{_plain(event.summary)}”: it would delete claim {claim_id},"
                        f" added since by {by}; leave the article, or remove that claim first"
                    )
            later = self._rows(
                "SELECT actor, summary FROM events e WHERE article_id = ? AND id > ?"
                " AND action NOT IN ('undo', 'recheck')"
                " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undo_of = e.id) ORDER BY id",
                [article_id, event.id],
            )
            if later:
                more = f" and {len(later) - 1} more change(s)" if len(later) > 1 else ""
                raise ConflictError(
                    f"cannot undo “{_plain(event.summary)}”: it would delete what was done on"
                    f" article {article_id} since ({later[0]['actor']}: {later[0]['summary']}"
                    f"{more}); leave the article, or undo those first"
                )
            if confirm != event.id:
                claims = self.conn.execute(
                    "SELECT count(*) FROM claims WHERE article_id = ?", [article_id]
                ).fetchone()[0]
                raise ConfirmationNeeded(
                    f"undoing “{_plain(event.summary)}” deletes article {article_id} and its"
                    f" {claims} claims; confirm it (`workbench undo --force`); `workbench redo`"
                    " brings it back",
                    event.id,
                )

    def _state(self, table: str, key: str) -> dict[str, Any] | None:
        if table == "claims":
            return self._claim_state(int(key))
        # an article's text is kept too: undoing its import can then be redone
        return self._one(f"SELECT * FROM {table} WHERE id = ?", [int(key)])

    def _revert(
        self, event: Event, actor: str, confirm: int | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
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
                        f"cannot undo “{event.summary}”: {_SINGULAR[table]} {key} was changed"
                        f"{who} since; look at `workbench history` and change it by hand"
                    )
                current[table][key] = state
        self._check_article_deletion(event, confirm)
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
            # .get: states recorded before a migration added a column lack it (None then)
            return all(state.get(c) == expected.get(c) for c in (*_RESTORED, "spans"))
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
            values = {column: state.get(column) for column in _RESTORED}
            base = current["version"] if current else state["version"]
            values.update(version=base + 1, updated_at=now(), updated_by=actor)
            if current is None:
                columns = {**state, **values}
                columns.pop("spans")
                self.db.table("claims").insert(columns)
            else:
                self._update_claim_row(row_id, values)
            self._write_spans(row_id, [Span(start=s, end=e) for s, e in state["spans"]])
        elif table == "articles":
            again = self.find_article(state["sha256"])
            if again is not None and again.id != row_id:
                raise ConflictError(
                    f"cannot bring article {row_id} back: its text was imported again since, as"
                    f" article {again.id}"
                )
            self.db.table("articles").upsert(state, pk="id")
        elif table == "evidence":
            self.db.table("evidence").upsert(state, pk="id")
        else:
            raise StoreError(f"cannot restore a deleted row of {table}")


def _plain(summary: str) -> str:
    """A change's own summary, without the "undid: " / "redid: " of undo and redo."""
    while summary.startswith(("undid: ", "redid: ")):
        summary = summary[7:]
    return summary
