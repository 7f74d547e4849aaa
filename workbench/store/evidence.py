"""Evidence after it is attached: edited (stance, excerpt, note), detached, and the drift
of its excerpt on the live page recorded by recheck."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.errors import NotFoundError
from workbench.models import Evidence, Snapshot
from workbench.store.base import now
from workbench.store.sources import SourceStore

if TYPE_CHECKING:
    from workbench.sources import Document

EVIDENCE_EDITABLE = frozenset({"stance", "excerpt", "excerpt_start", "excerpt_end", "note"})


@dataclass(frozen=True)
class Drift:
    """What became of one evidence excerpt in a new snapshot of its source."""

    evidence_id: int
    state: str  # present, moved, gone
    span: tuple[int, int] | None  # where it stands in the new snapshot


class EvidenceStore(SourceStore):
    def evidence(self, evidence_id: int) -> Evidence:
        row = self._one("SELECT * FROM evidence WHERE id = ?", [evidence_id])
        if row is None:
            raise NotFoundError(
                f"no evidence {evidence_id}; `workbench show CLAIM` lists a claim's evidence"
            )
        return Evidence.model_validate(row)

    def evidence_row(self, evidence_id: int) -> dict[str, Any]:
        """One evidence item as `evidence_rows` gives it (source, snapshot, drift)."""
        item = self.evidence(evidence_id)
        return next(
            r for r in self.evidence_rows([item.claim_id])[item.claim_id] if r["id"] == item.id
        )

    def update_evidence(
        self,
        evidence_id: int,
        changes: dict[str, Any],
        actor: str,
        summary: str,
        drift: tuple[int, Drift] | None = None,
    ) -> Evidence:
        """Change an evidence item's stance, excerpt or note, as one action with its event.
        A new excerpt forgets the drift recorded for the old one; `drift` is the new
        excerpt's state in the latest snapshot (its id first), when the source changed."""
        assert set(changes) <= EVIDENCE_EDITABLE, changes
        with self.transaction():
            before = self._one("SELECT * FROM evidence WHERE id = ?", [evidence_id])
            if before is None:
                self.evidence(evidence_id)  # raises NotFoundError
                raise AssertionError("unreachable")
            if all(before[key] == value for key, value in changes.items()):
                return Evidence.model_validate(before)  # nothing changes: no event
            assignments = ", ".join(f"{column} = ?" for column in changes)
            self.conn.execute(
                f"UPDATE evidence SET {assignments} WHERE id = ?", [*changes.values(), evidence_id]
            )
            if "excerpt" in changes:
                self.conn.execute("DELETE FROM evidence_drift WHERE evidence_id = ?", [evidence_id])
                if drift is not None:
                    snapshot_id, found = drift
                    since = self.snapshot(snapshot_id).fetched_at.isoformat()
                    self._write_drift(evidence_id, found, snapshot_id, None, since)
            after = self._one("SELECT * FROM evidence WHERE id = ?", [evidence_id])
            assert after is not None
            claim = self.get_claim(before["claim_id"])
            self._record(
                actor,
                "evidence",
                article_id=claim.article_id,
                claim_id=claim.id,
                summary=summary,
                before={"evidence": {str(evidence_id): before}},
                after={"evidence": {str(evidence_id): after}},
            )
            return Evidence.model_validate(after)

    def detach(self, evidence_id: int, actor: str) -> Evidence:
        """Remove an evidence item from its claim (the source and its snapshots stay)."""
        with self.transaction():
            before = self._one("SELECT * FROM evidence WHERE id = ?", [evidence_id])
            if before is None:
                self.evidence(evidence_id)
                raise AssertionError("unreachable")
            claim = self.get_claim(before["claim_id"])
            self.conn.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
            self._record(
                actor,
                "detach",
                article_id=claim.article_id,
                claim_id=claim.id,
                summary=f"detached evidence {evidence_id} (source {before['source_id']})"
                f" from claim {claim.id}",
                before={"evidence": {str(evidence_id): before}},
            )
            return Evidence.model_validate(before)

    def keep_recheck_with_drift(
        self, document: Document, actor: str, drift: list[Drift]
    ) -> tuple[Snapshot | None, Snapshot]:
        """Keep a re-fetched document and, if it is a new snapshot, what became of each
        excerpt in it — one transaction, so a drift is never lost between the two.
        An unchanged document writes nothing."""
        with self.transaction():
            source = self.get_source(document.requested)
            previous = source.latest
            source_id, snapshot_id, created = self._keep(document, actor)
            current = self.snapshot(snapshot_id)
            if not created:
                return previous, current
            recorded = {
                row["evidence_id"]: row
                for row in self._rows(
                    "SELECT d.* FROM evidence_drift d JOIN evidence e ON e.id = d.evidence_id"
                    " WHERE e.source_id = ?",
                    [source_id],
                )
            }
            fetched = current.fetched_at.isoformat()
            for item in drift:
                self._write_drift(
                    item.evidence_id, item, snapshot_id, recorded.get(item.evidence_id), fetched
                )
            changed = sum(1 for item in drift if item.state != "present")
            self._record(
                actor,
                "recheck",
                summary=f"source {source_id} changed: new snapshot {snapshot_id}"
                + (f"; {changed} excerpt(s) moved or gone" if changed else ""),
                after={
                    "snapshots": {str(snapshot_id): {"source_id": source_id}},
                    "drift": {str(item.evidence_id): item.state for item in drift},
                },
            )
            return previous, current

    def _write_drift(
        self,
        evidence_id: int,
        drift: Drift,
        snapshot_id: int,
        recorded: dict[str, Any] | None,
        fetched: str,
    ) -> None:
        """One excerpt's state; "gone" keeps the date it was first found gone."""
        since = None
        if drift.state == "gone":
            since = recorded["since"] if recorded and recorded["state"] == "gone" else fetched
        start, end = drift.span if drift.span else (None, None)
        self.conn.execute(
            "INSERT OR REPLACE INTO evidence_drift (evidence_id, state, since, snapshot_id,"
            " excerpt_start, excerpt_end, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (evidence_id, drift.state, since, snapshot_id, start, end, now()),
        )

    def drift_counts(self) -> dict[int, dict[str, int]]:
        """Per source: how many of its evidence excerpts are present, moved, gone."""
        counts: dict[int, dict[str, int]] = {}
        for row in self._rows(
            "SELECT e.source_id, d.state, count(*) AS n FROM evidence_drift d"
            " JOIN evidence e ON e.id = d.evidence_id GROUP BY e.source_id, d.state"
        ):
            counts.setdefault(row["source_id"], {})[row["state"]] = row["n"]
        return counts

    def each_snapshot(self) -> Iterator[dict[str, Any]]:
        """Every kept snapshot, oldest first, with its source's address and its raw bytes,
        one at a time (an archive of thousands never sits in memory)."""
        ids = [row[0] for row in self.conn.execute("SELECT id FROM snapshots ORDER BY id")]
        for snapshot_id in ids:
            row = self._one(
                "SELECT n.id, n.source_id, n.fetched_at, n.final_url, n.http_status,"
                " n.content_type, n.raw, n.raw_sha256, n.http_version, n.request_headers,"
                " n.response_headers, s.requested FROM snapshots n"
                " JOIN sources s ON s.id = n.source_id WHERE n.id = ?",
                [snapshot_id],
            )
            if row is None:
                continue  # removed since the list was read
            row["raw"] = zlib.decompress(row["raw"]) if row["raw"] is not None else b""
            for name in ("request_headers", "response_headers"):
                row[name] = [tuple(pair) for pair in json.loads(row[name] or "[]")]
            yield row
