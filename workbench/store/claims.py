"""Articles and their claims."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.glance import CLAIM_ORDER, empty_tally, progress_counts
from workbench.models import (
    Article,
    ArticleDraft,
    ArticleProgress,
    ArticleSummary,
    Claim,
    ClaimDraft,
    Span,
    Status,
)
from workbench.store.base import StoreBase, now

# Columns of a claim that a reviewer's action may change.
EDITABLE = frozenset(
    {"text", "kind", "attribution", "checkworthiness", "status", "rationale", "dismissed"}
    | {"rating", "rating_scale", "claimant", "claimant_type", "claim_date"}
    | {"approved_by", "approved_at"}
)


class ClaimStore(StoreBase):
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
            stamp = now()
            article_row = {
                **draft.model_dump(),
                "imported_at": stamp,
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
                claim_id = self._insert_claim(article_id, position, draft_claim, actor, stamp)
                created[str(claim_id)] = {"version": 1}
            # the text stays in the event: an undone import can be redone
            self._record(
                actor,
                "import",
                article_id=article_id,
                summary=f"imported {draft.title or draft.origin or 'article'}"
                f" with {len(ordered)} claims",
                after={
                    "articles": {str(article_id): {"id": article_id, **article_row}},
                    "claims": created,
                },
            )
            return self.get_article(article_id), True

    def _insert_claim(
        self, article_id: int, position: int, draft: ClaimDraft, actor: str, stamp: str
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
                stamp,
                stamp,
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
        """Every article (without its text) with its review progress, newest first."""
        counts = progress_counts(self.conn)  # the query the review screen also reads
        columns = ", ".join(name for name in ArticleSummary.model_fields)
        result = []
        for row in self._rows(f"SELECT {columns} FROM articles ORDER BY id DESC"):
            tally = counts.get(row["id"], empty_tally())
            result.append(
                ArticleProgress(
                    article=ArticleSummary.model_validate(row),
                    decided=tally["verified"] + tally["disputed"] + tally["dismissed"],
                    **tally,
                )
            )
        return result

    # -- claims -----------------------------------------------------------------

    def _spans_of(self, claim_ids: Sequence[int]) -> dict[int, list[Span]]:
        spans: dict[int, list[Span]] = {claim_id: [] for claim_id in claim_ids}
        for chunk, marks in self._id_batches(claim_ids):
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
        dismissed: bool | None = None,
        drifted: bool = False,
    ) -> list[Claim]:
        """Claims, most check-worthy first (dismissed ones last); `dismissed`: only those
        dismissed (True) or kept (False); `drifted`: only those with an evidence excerpt
        moved or gone from the live page."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        if status is not None:
            where.append("status = ?")
            params.append(status.value)
        if dismissed is not None:
            where.append("dismissed" if dismissed else "NOT dismissed")
        if drifted:
            where.append(
                "EXISTS (SELECT 1 FROM evidence e JOIN evidence_drift d ON d.evidence_id = e.id"
                " WHERE e.claim_id = claims.id AND d.state != 'present')"
            )
        sql = "SELECT * FROM claims"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " " + CLAIM_ORDER
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

    def _checked_state(self, claim_id: int, expected_version: int | None) -> dict[str, Any]:
        """The claim's stored state, refused (ConflictError) if it moved on since it was
        read at `expected_version`; NotFoundError for an unknown id."""
        state = self._claim_state(claim_id)
        if state is None:
            self.get_claim(claim_id)  # raises NotFoundError with its message
            raise AssertionError("unreachable")
        if expected_version is not None and expected_version > state["version"]:
            # Not a colleague's change: the version given was never reached (a typo).
            raise InputError(
                f"claim {claim_id} is at version {state['version']}, it has no version"
                f" {expected_version}; give the version `workbench show {claim_id}` prints"
            )
        if expected_version is not None and state["version"] != expected_version:
            raise ConflictError(
                f"claim {claim_id} was changed by {state['updated_by']} at"
                f" {state['updated_at'][:19]} since you read it; reload it and try again"
            )
        return state

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
            before = self._checked_state(claim_id, expected_version)
            if all(before[column] == value for column, value in changes.items()):
                return self.get_claim(claim_id)  # nothing changes: no event, same version
            stamp = now()
            values = dict(changes)
            # a new status or a new rating is a decision: it names who took it
            if any(c in values and values[c] != before[c] for c in ("status", "rating")):
                decided = Status(values.get("status", before["status"])).decided or bool(
                    values.get("rating", before.get("rating"))
                )
                values["decided_at"] = stamp if decided else None
                values["decided_by"] = actor if decided else None
            values.update(version=before["version"] + 1, updated_at=stamp, updated_by=actor)
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

    def claim_batches(
        self,
        article_id: int,
        statuses: Sequence[Status] | None = None,
        batch: int = 500,
    ) -> Iterator[list[Claim]]:
        """An article's claims that are not dismissed, verified first, then disputed, then
        unverified, most check-worthy first within each: in batches, for reports that
        must not hold 100,000 claims in memory."""
        sql = (
            "SELECT * FROM claims WHERE article_id = ? AND NOT dismissed"
            + (f" AND status IN ({','.join('?' * len(statuses))})" if statuses else "")
            + " ORDER BY CASE status WHEN 'verified' THEN 0 WHEN 'disputed' THEN 1 ELSE 2 END,"
            " checkworthiness DESC, position"
        )
        params: list[Any] = [article_id, *(s.value for s in statuses or [])]
        cursor = self.conn.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            yield self._claims_from_rows([dict(zip(columns, row, strict=True)) for row in rows])

    def rating_tallies(self, article_id: int) -> list[dict[str, Any]]:
        """An article's claims that are not dismissed, counted by status, rating and
        approval (what a report's chart shows of its selection)."""
        return self._rows(
            "SELECT status, rating_scale, rating, approved_by IS NOT NULL AS approved,"
            " count(*) AS claims FROM claims WHERE article_id = ? AND NOT dismissed"
            " GROUP BY status, rating_scale, rating, approved",
            [article_id],
        )

    def rating_labels(self) -> list[tuple[str | None, str]]:
        """Every (scale, label) a claim is rated with."""
        return [
            (scale, label)
            for scale, label in self.conn.execute(
                "SELECT DISTINCT rating_scale, rating FROM claims WHERE rating IS NOT NULL"
            )
        ]

    def unknown_statuses(self) -> list[str]:
        """Statuses no Status names: only a row edited by hand past the schema's CHECK."""
        known = [status.value for status in Status]
        marks = ", ".join("?" for _ in known)
        return [
            row[0]
            for row in self.conn.execute(
                f"SELECT DISTINCT status FROM claims WHERE status NOT IN ({marks})", known
            )
        ]

    def status_counts(self, article_id: int) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        counts["dismissed"] = 0
        for status, dismissed, number in self.conn.execute(
            "SELECT status, dismissed, count(*) FROM claims WHERE article_id = ?"
            " GROUP BY status, dismissed",
            [article_id],
        ):
            counts["dismissed" if dismissed else status] += number
        return counts
