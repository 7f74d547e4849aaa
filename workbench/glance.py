"""A first look at a workbench database, for the review screen's first frame: the articles
with their progress, one article, its claims, the reviewer's last place and the current
claim's evidence, read with plain sqlite3 into plain rows.

The store (workbench.store) reads the same things into pydantic models; pydantic, the
settings layer and the core cost more to import than Textual itself, and the first
screen needs none of them. The review screen shows these rows at once and the models
replace them as soon as the core has loaded (workbench.tui.app). The queries the store
shares with this module are taken from here, so the two cannot read differently.

Reads only. Anything unusual (no file, a schema not yet migrated, a damaged file) gives
None from `Glance.open`: the caller then takes the core's path, which says what is wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from workbench.enums import Kind, Status
from workbench.resources import migrations_dir

if TYPE_CHECKING:
    from workbench.models import Claim

    # what the review screen's widgets draw: a claim read here, or its model
    AnyClaim: TypeAlias = "Claim | ClaimRow"

# The order of an article's claims: most check-worthy first, dismissed ones last.
CLAIM_ORDER = "ORDER BY dismissed, checkworthiness DESC, article_id, position"

EVIDENCE_ROWS = (
    "SELECT e.*, s.requested, n.final_url, n.title, n.fetched_at, n.raw_sha256,"
    " n.http_status, n.content_type, n.published, d.state AS drift,"
    " d.since AS drift_since, d.snapshot_id AS drift_snapshot_id FROM evidence e"
    " JOIN sources s ON s.id = e.source_id JOIN snapshots n ON n.id = e.snapshot_id"
    " LEFT JOIN evidence_drift d ON d.evidence_id = e.id"
    " WHERE e.claim_id IN ({marks}) ORDER BY e.id"
)

PROGRESS_COUNTS = (
    # grouped on the columns of the claims_progress index: read from the index alone
    "SELECT article_id, status, dismissed, count(*) FROM claims"
    " GROUP BY article_id, status, dismissed"
)


def rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    columns = [column[0] for column in cursor.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def id_batches(ids: Sequence[int]) -> list[tuple[list[int], str]]:
    """Ids in batches with their "?, ?, ..." placeholders, for `IN (...)` queries:
    SQLite limits the parameters of one statement (999 in older builds)."""
    batches = []
    for first in range(0, len(ids), 500):
        batch = list(ids[first : first + 500])
        batches.append((batch, ",".join("?" * len(batch))))
    return batches


def evidence_rows(
    conn: sqlite3.Connection, claim_ids: Sequence[int]
) -> dict[int, list[dict[str, Any]]]:
    """Evidence of these claims with their source and snapshot, oldest first."""
    found: dict[int, list[dict[str, Any]]] = {claim_id: [] for claim_id in claim_ids}
    for chunk, marks in id_batches(claim_ids):
        for row in rows(conn, EVIDENCE_ROWS.format(marks=marks), chunk):
            found[row["claim_id"]].append(row)
    return found


def progress_counts(conn: sqlite3.Connection) -> dict[int, dict[str, int]]:
    """Per article: its claims, and how many are verified, disputed and dismissed."""
    counts: dict[int, dict[str, int]] = {}
    for article_id, status, dismissed, number in conn.execute(PROGRESS_COUNTS):
        tally = counts.setdefault(article_id, empty_tally())
        tally["claims"] += number
        if dismissed:
            tally["dismissed"] += number
        elif status in ("verified", "disputed"):
            tally[status] += number
    return counts


def empty_tally() -> dict[str, int]:
    return {"claims": 0, "verified": 0, "disputed": 0, "dismissed": 0}


class UnreadableRow(ValueError):
    """A value the models would refuse (a row edited by hand): the core reads it, and
    says what is wrong."""


class SpanRow(NamedTuple):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as the review screen's first frame shows it."""

    id: int
    title: str | None
    origin: str | None
    text: str = ""

    @property
    def display_title(self) -> str:  # as workbench.models.ArticleSummary's
        return self.title or self.origin or f"article {self.id}"


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """An article with how far its review has come (the articles screen's row)."""

    article: ArticleRow
    claims: int
    decided: int


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with the fields of workbench.models.Claim, read without validation (the
    store validated it when it was written)."""

    id: int
    article_id: int
    position: int
    text: str
    original_text: str
    start: int
    end: int
    spans: list[SpanRow]
    kind: Kind
    attribution: str | None
    checkworthiness: float
    status: Status
    rationale: str
    dismissed: bool
    origin: str
    version: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    decided_at: datetime | None
    decided_by: str | None
    rating: str | None
    rating_scale: str | None
    claimant: str | None
    claimant_type: str | None
    claim_date: str | None
    approved_by: str | None
    approved_at: datetime | None

    @classmethod
    def of(cls, row: dict[str, Any], spans: list[SpanRow]) -> ClaimRow:
        def when(value: str | None) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        return cls(
            **{name: row[name] for name in _PLAIN},
            spans=spans or [SpanRow(row["start"], row["end"])],
            kind=Kind(row["kind"]),
            status=Status(row["status"]),
            dismissed=bool(row["dismissed"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            decided_at=when(row["decided_at"]),
            approved_at=when(row["approved_at"]),
        )


_PLAIN = (
    "id article_id position text original_text start end attribution checkworthiness"
    " rationale origin version updated_by decided_by rating rating_scale claimant"
    " claimant_type claim_date approved_by"
).split()


class Glance:
    """A read-only look at a workbench database, without the store and its models."""

    def __init__(self, conn: sqlite3.Connection, reviewer: str) -> None:
        self.conn, self.reviewer = conn, reviewer

    @classmethod
    def open(cls, path: Path, reviewer: str) -> Glance | None:
        """A look at the database at `path`, or None when the core should open it: no such
        file, not a workbench database, a migration pending, or any SQLite error."""
        try:
            if not path.is_file():
                return None
            conn = sqlite3.connect(path, isolation_level=None, timeout=10)
        except (OSError, sqlite3.Error):
            return None
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
            shipped = {int(p.name[:3]) for p in migrations_dir().glob("[0-9][0-9][0-9]_*.sql")}
            if applied == shipped:
                return cls(conn, reviewer)
        except sqlite3.Error:
            pass
        conn.close()
        return None

    def close(self) -> None:
        self.conn.close()

    def articles(self) -> list[ProgressRow]:
        """Every article with its progress, newest first (as Store.articles)."""
        counts = progress_counts(self.conn)
        found = []
        for row in rows(self.conn, "SELECT id, title, origin FROM articles ORDER BY id DESC"):
            tally = counts.get(row["id"], empty_tally())
            decided = tally["verified"] + tally["disputed"] + tally["dismissed"]
            found.append(ProgressRow(ArticleRow(**row), tally["claims"], decided))
        return found

    def article(self, article_id: int) -> ArticleRow | None:
        found = rows(
            self.conn, "SELECT id, title, origin, text FROM articles WHERE id = ?", [article_id]
        )
        return ArticleRow(**found[0]) if found else None

    def claims(self, article_id: int) -> list[ClaimRow]:
        """The article's claims, in the store's order (Store.claims)."""
        found = rows(
            self.conn, f"SELECT * FROM claims WHERE article_id = ? {CLAIM_ORDER}", [article_id]
        )
        spans: dict[int, list[SpanRow]] = {row["id"]: [] for row in found}
        for chunk, marks in id_batches(list(spans)):
            for claim_id, start, end in self.conn.execute(
                f'SELECT claim_id, start, "end" FROM claim_spans WHERE claim_id IN ({marks})'
                " ORDER BY claim_id, ordinal",
                chunk,
            ):
                spans[claim_id].append(SpanRow(start, end))
        try:
            return [ClaimRow.of(row, spans[row["id"]]) for row in found]
        except (ValueError, TypeError) as error:  # a value the models would refuse too
            raise UnreadableRow(str(error)) from error

    def last_position(self, article_id: int) -> int | None:
        found = self.conn.execute(
            "SELECT claim_id FROM review_positions WHERE reviewer = ? AND article_id = ?",
            [self.reviewer, article_id],
        ).fetchone()
        return int(found[0]) if found else None

    def evidence_rows(self, claim_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        return evidence_rows(self.conn, claim_ids)
