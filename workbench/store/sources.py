"""Kept sources, their snapshots, evidence links, and full-text search."""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench.errors import NotFoundError
from workbench.glance import evidence_rows
from workbench.models import Evidence, Snapshot, Source, Stance
from workbench.store.base import now
from workbench.store.history import HistoryStore

if TYPE_CHECKING:
    from workbench.sources import Document

_FTS_TOKEN = re.compile(r"\w[\w'’-]*", re.UNICODE)


class SourceStore(HistoryStore):
    def _keep(self, document: Document, actor: str) -> tuple[int, int, bool]:
        """Source and snapshot rows for a document, inside the caller's transaction:
        (source id, snapshot id, whether the snapshot is new). An unchanged page
        reuses its latest snapshot; a changed one gets a new one beside the old."""
        row = self._one("SELECT id FROM sources WHERE requested = ?", [document.requested])
        if row is None:
            cursor = self.conn.execute(
                "INSERT INTO sources (requested, created_at, created_by) VALUES (?, ?, ?)",
                (document.requested, now(), actor),
            )
            assert cursor.lastrowid is not None
            source_id = cursor.lastrowid
        else:
            source_id = row["id"]
            latest = self._one(
                "SELECT id, raw_sha256 FROM snapshots WHERE source_id = ? ORDER BY id DESC LIMIT 1",
                [source_id],
            )
            if latest is not None and latest["raw_sha256"] == document.raw_sha256:
                return source_id, latest["id"], False
        values: dict[str, Any] = {
            "source_id": source_id,
            "fetched_at": document.fetched_at.isoformat(),
            "final_url": document.final_url,
            "http_status": document.http_status,
            "content_type": document.content_type,
            "title": document.title,
            "published": document.published,
            "raw": zlib.compress(document.body, 6),
            "raw_size": len(document.body),
            "raw_sha256": document.raw_sha256,
            "truncated": 0,
            "text": document.text,
            "text_sha256": document.text_sha256,
        }
        if document.http_version is not None:
            # the HTTP exchange, for WARC archives; a file read from disk has none
            values["http_version"] = document.http_version
            values["request_headers"] = json.dumps(document.request_headers)
            values["response_headers"] = json.dumps(document.response_headers)
        cursor = self.conn.execute(
            f"INSERT INTO snapshots ({', '.join(values)})"
            f" VALUES ({', '.join('?' for _ in values)})",
            list(values.values()),
        )
        assert cursor.lastrowid is not None
        return source_id, cursor.lastrowid, True

    def attach(
        self,
        claim_id: int,
        document: Document,
        stance: Stance,
        excerpt: str,
        excerpt_span: tuple[int, int] | None,
        note: str,
        actor: str,
    ) -> Evidence:
        """Keep the document and link it to the claim, as one action with its event."""
        with self.transaction():
            claim = self.get_claim(claim_id)
            source_id, snapshot_id, _ = self._keep(document, actor)
            start, end = excerpt_span if excerpt_span else (None, None)
            cursor = self.conn.execute(
                "INSERT INTO evidence (claim_id, source_id, snapshot_id, stance, excerpt,"
                " excerpt_start, excerpt_end, note, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    claim_id,
                    source_id,
                    snapshot_id,
                    stance.value,
                    excerpt,
                    start,
                    end,
                    note,
                    now(),
                    actor,
                ),
            )
            assert cursor.lastrowid is not None
            row = self._one("SELECT * FROM evidence WHERE id = ?", [cursor.lastrowid])
            assert row is not None
            self._record(
                actor,
                "attach",
                article_id=claim.article_id,
                claim_id=claim_id,
                summary=f"attached source {source_id} to claim {claim_id} ({stance.value})",
                after={"evidence": {str(row["id"]): row}},
            )
            return Evidence.model_validate(row)

    def keep_recheck(self, document: Document, actor: str) -> tuple[Snapshot | None, Snapshot]:
        """Keep a re-fetched document: (previous snapshot, current snapshot)."""
        with self.transaction():
            source = self.get_source(document.requested)
            previous = source.latest
            source_id, snapshot_id, created = self._keep(document, actor)
            current = self.snapshot(snapshot_id)
            if created:
                self._record(
                    actor,
                    "recheck",
                    summary=f"source {source_id} changed: new snapshot {snapshot_id}",
                    after={"snapshots": {str(snapshot_id): {"source_id": source_id}}},
                )
            return previous, current

    def get_source(self, key: int | str) -> Source:
        column = "id" if isinstance(key, int) else "requested"
        row = self._one(f"SELECT * FROM sources WHERE {column} = ?", [key])
        if row is None:
            raise NotFoundError(f"no source {key}; list them with `workbench sources`")
        latest = self._one(
            "SELECT * FROM snapshots WHERE source_id = ? ORDER BY id DESC LIMIT 1", [row["id"]]
        )
        return Source.model_validate(
            {**row, "latest": _snapshot_fields(latest) if latest else None}
        )

    def sources(self) -> list[tuple[Source, int]]:
        """Every kept source with its latest snapshot and how many evidence links use it."""
        rows = self._rows(
            "SELECT s.id, (SELECT count(*) FROM evidence e WHERE e.source_id = s.id) AS uses"
            " FROM sources s ORDER BY s.id"
        )
        return [(self.get_source(int(row["id"])), int(row["uses"])) for row in rows]

    def snapshot(self, snapshot_id: int) -> Snapshot:
        row = self._one("SELECT * FROM snapshots WHERE id = ?", [snapshot_id])
        if row is None:
            raise NotFoundError(f"no snapshot {snapshot_id}")
        return Snapshot.model_validate(_snapshot_fields(row))

    def snapshot_text(self, snapshot_id: int) -> str:
        row = self.conn.execute("SELECT text FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no snapshot {snapshot_id}")
        return str(row[0])

    def snapshot_raw(self, snapshot_id: int) -> bytes:
        row = self.conn.execute("SELECT raw FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no snapshot {snapshot_id}")
        return zlib.decompress(row[0])

    def sources_of_article(self, article_id: int) -> list[int]:
        """The kept sources that are evidence for some claim of the article."""
        rows = self.conn.execute(
            "SELECT DISTINCT e.source_id FROM evidence e JOIN claims c ON c.id = e.claim_id"
            " WHERE c.article_id = ? ORDER BY e.source_id",
            [article_id],
        )
        return [row[0] for row in rows]

    def evidence_using(self, source_id: int) -> list[Evidence]:
        rows = self._rows("SELECT * FROM evidence WHERE source_id = ? ORDER BY id", [source_id])
        return [Evidence.model_validate(row) for row in rows]

    def search(self, query: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Claims and source text matching every word of `query` (FTS5, best first)."""
        tokens = _FTS_TOKEN.findall(query)
        if not tokens:
            return {"claims": [], "sources": []}
        match = " ".join('"' + token.replace('"', '""') + '"' for token in tokens)
        claims = self._rows(
            "SELECT c.id, c.article_id, c.status, c.text FROM claims_fts f"
            " JOIN claims c ON c.id = f.rowid WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
            [match, limit],
        )
        sources = self._rows(
            "SELECT n.source_id, n.id AS snapshot_id, n.title, s.requested,"
            " snippet(snapshots_fts, 1, '[', ']', '…', 16) AS snippet FROM snapshots_fts f"
            " JOIN snapshots n ON n.id = f.rowid JOIN sources s ON s.id = n.source_id"
            " WHERE snapshots_fts MATCH ? AND n.id = (SELECT max(id) FROM snapshots"
            " WHERE source_id = n.source_id) ORDER BY rank LIMIT ?",
            [match, limit],
        )
        return {"claims": claims, "sources": sources}

    def evidence_count(self, claim_id: int) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM evidence WHERE claim_id = ?", [claim_id]
        ).fetchone()
        return int(row[0])

    def unsourced_verdicts(self, article_id: int | None = None) -> list[dict[str, Any]]:
        """The claims verified or disputed with no evidence attached (dismissed ones
        aside): id, status, approved (0 or 1)."""
        sql = (
            "SELECT id, status, approved_by IS NOT NULL AS approved FROM claims c"
            " WHERE NOT dismissed AND status IN ('verified', 'disputed')"
            " AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.claim_id = c.id)"
        )
        if article_id is None:
            return self._rows(sql + " ORDER BY id")
        return self._rows(sql + " AND article_id = ? ORDER BY id", [article_id])

    def evidence_rows(self, claim_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        """Evidence of these claims with their source and snapshot, oldest first."""
        return evidence_rows(self.conn, claim_ids)  # the review screen reads it too


def _snapshot_fields(row: dict[str, Any]) -> dict[str, Any]:
    hidden = ("raw", "text", "request_headers", "response_headers", "http_version")
    return {key: value for key, value in row.items() if key not in hidden}
