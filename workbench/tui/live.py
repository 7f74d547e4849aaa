"""Colleagues' changes, live: SQLite's PRAGMA data_version changes when another connection
commits to the file (never for our own commits), and reading it costs microseconds, so the
screen asks it twice a second on its own connection and reloads the claims only then."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.glance import AnyClaim
    from workbench.tui.review import ReviewScreen

POLL_SECONDS = 0.5


class DataVersion:
    """Whether someone else has committed to the database since the last look."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.seen = self._read()

    def _read(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        now = self._read()
        changed, self.seen = now != self.seen, now
        return changed


def changed_claims(before: Sequence[AnyClaim], after: Sequence[AnyClaim]) -> list[AnyClaim]:
    """The claims of `after` that are new or at another version than in `before`."""
    versions = {claim.id: claim.version for claim in before}
    return [claim for claim in after if versions.get(claim.id) != claim.version]


def describe(claim: AnyClaim) -> str:
    """One line on what a claim is now, for the reviewer it changed under."""
    state = "dismissed" if claim.dismissed else claim.status.value
    who = claim.updated_by or "someone"
    return f"claim {claim.id} was changed by {who}: now {state}"


def watch_colleagues(screen: ReviewScreen) -> None:
    """Reload the screen's claims when another process has committed; say so when the
    claim under the cursor is one of those changed."""
    data_version = DataVersion(screen.workbench.store.conn)

    def poll() -> None:
        if not data_version.changed():
            return
        before, current = screen.all_claims, screen.claim_list.current
        screen.all_claims = screen.read_claims()
        screen.show_claims(current.id if current else None)  # the evidence pane too
        if current is None:
            return
        now = next((c for c in screen.all_claims if c.id == current.id), None)
        if now is None:
            message = f"claim {current.id} was merged or removed by someone else"
        elif changed_claims(before, [now]):
            message = describe(now)
        else:
            return
        screen.notify(message, title="Changed by a colleague", severity="warning", markup=False)

    screen.set_interval(POLL_SECONDS, poll)
