"""Imported fact-checks (ClaimReview) and the lexical side of matching claims to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import NotFoundError
from workbench.store.base import StoreBase, now

# Columns written from a parsed record (workbench.known.reader.FIELDS, same order).
RECORD_COLUMNS = (
    "url",
    "claim_reviewed",
    "title",
    "claimant",
    "appearance",
    "publisher",
    "rating",
    "claim_date",
    "review_date",
    "language",
    "rating_value",
    "best_rating",
    "worst_rating",
)
BULK = 1000  # new fact-checks from which one import indexes them in one statement
_FTS_INSERT_TRIGGER = "factchecks_fts_insert"  # db/006_factchecks.sql
_STAGED = "temp.factchecks_incoming"
LIST_COLUMNS = ", ".join(c for c in ("id", *RECORD_COLUMNS, "imported_at", "updated_at"))


@dataclass
class ImportCounts:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0


class FactcheckStore(StoreBase):
    def upsert_factchecks(
        self,
        records: Sequence[dict[str, Any]],
        embeddings: Sequence[bytes],
        origin: str,
        actor: str,
    ) -> ImportCounts:
        """Insert or update fact-checks by url, all in one transaction with one event."""
        self.stage_factchecks([(records, embeddings)])
        return self.import_staged(origin, actor)

    def stage_factchecks(
        self, batches: Iterable[tuple[Sequence[dict[str, Any]], Sequence[bytes]]]
    ) -> int:
        """Hold records to import in a temporary table of this connection, outside the
        database file: reading and embedding a large feed then neither holds the file's
        write lock nor keeps the feed in memory. The last record of one url wins (in
        the order of last appearance). Returns how many are held."""
        self.conn.execute(f"DROP TABLE IF EXISTS {_STAGED}")
        self.conn.execute(
            f"CREATE TEMP TABLE {_STAGED.split('.')[1]}"
            f" ({', '.join(RECORD_COLUMNS)}, embedding, PRIMARY KEY (url))"
        )
        marks = ", ".join("?" * (len(RECORD_COLUMNS) + 1))
        for records, embeddings in batches:
            self.conn.executemany(
                f"INSERT OR REPLACE INTO {_STAGED} VALUES ({marks})",
                (
                    [*(record.get(c) for c in RECORD_COLUMNS), embedding]
                    for record, embedding in zip(records, embeddings, strict=True)
                ),
            )
        return int(self.conn.execute(f"SELECT count(*) FROM {_STAGED}").fetchone()[0])

    def import_staged(self, origin: str, actor: str) -> ImportCounts:
        """Write the held records, a thousand at a time, in one transaction."""
        counts = ImportCounts()
        stamp = now()
        columns = ", ".join(RECORD_COLUMNS)
        marks = ", ".join("?" * len(RECORD_COLUMNS))
        insert = (
            f"INSERT INTO factchecks ({columns}, embedding, origin, imported_at,"
            f" imported_by, updated_at) VALUES ({marks}, ?, ?, ?, ?, ?)"
        )
        update = (
            f"UPDATE factchecks SET {', '.join(f'{c} = ?' for c in RECORD_COLUMNS[1:])},"
            " embedding = ?, origin = ?, updated_at = ? WHERE id = ?"
        )
        try:
            with self.transaction():
                (new,) = self.conn.execute(
                    f"SELECT count(*) FROM {_STAGED} WHERE url NOT IN (SELECT url FROM factchecks)"
                ).fetchone()
                indexed = self._unindexed() if new >= BULK else None
                cursor = self.conn.execute(f"SELECT * FROM {_STAGED} ORDER BY rowid")
                while rows := cursor.fetchmany(1000):
                    existing = self._existing(row[0] for row in rows)
                    inserts, changed = [], []
                    for *values, embedding in rows:
                        old = existing.get(values[0])
                        if old is None:
                            inserts.append([*values, embedding, origin, stamp, actor, stamp])
                        elif tuple(old[1:]) == tuple(values[1:]):
                            counts.unchanged += 1
                        else:
                            changed.append([*values[1:], embedding, origin, stamp, old[0]])
                    self.conn.executemany(insert, inserts)
                    self.conn.executemany(update, changed)
                    counts.imported += len(inserts)
                    counts.updated += len(changed)
                if indexed is not None:
                    self._index(*indexed)
                self._record(
                    actor,
                    "factchecks",
                    summary=f"imported fact-checks from {origin[:200]}: {counts.imported} new,"
                    f" {counts.updated} updated",
                    after={"counts": counts.__dict__, "origin": origin},
                )
        finally:
            self.conn.execute(f"DROP TABLE IF EXISTS {_STAGED}")
        return counts

    def _unindexed(self) -> tuple[str, int]:
        """Many new rows: they are indexed for full-text search in one statement after
        they are written (_index), not row by row by the insert trigger (twice as
        fast). The trigger's SQL and the last id before them, to put both back."""
        (trigger,) = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            [_FTS_INSERT_TRIGGER],
        ).fetchone()
        (last,) = self.conn.execute("SELECT coalesce(max(id), 0) FROM factchecks").fetchone()
        self.conn.execute(f"DROP TRIGGER {_FTS_INSERT_TRIGGER}")
        return trigger, last

    def _index(self, trigger: str, last: int) -> None:
        self.conn.execute(
            "INSERT INTO factchecks_fts(rowid, claim_reviewed, title, claimant)"
            " SELECT id, claim_reviewed, title, claimant FROM factchecks WHERE id > ?",
            [last],
        )
        self.conn.execute(trigger)  # in the same transaction: the schema as it was

    def _existing(self, urls: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        wanted = list(urls)
        for chunk, marks in self._id_batches(wanted):  # type: ignore[arg-type]
            cursor = self.conn.execute(
                f"SELECT id, {', '.join(RECORD_COLUMNS)} FROM factchecks WHERE url IN ({marks})",
                chunk,
            )
            for row in cursor:
                found[row[1]] = (row[0], *row[2:])
        return found

    def factchecks(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Imported fact-checks, latest review first."""
        sql = f"SELECT {LIST_COLUMNS} FROM factchecks ORDER BY review_date DESC, id DESC"
        return self._rows(sql + (" LIMIT ?" if limit else ""), [limit] if limit else [])

    def factcheck_rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        found: dict[int, dict[str, Any]] = {}
        for chunk, marks in self._id_batches(ids):
            for row in self._rows(
                f"SELECT {LIST_COLUMNS} FROM factchecks WHERE id IN ({marks})", chunk
            ):
                found[row["id"]] = row
        return found

    def factcheck(self, factcheck_id: int) -> dict[str, Any]:
        row = self.factcheck_rows([factcheck_id]).get(factcheck_id)
        if row is None:
            raise NotFoundError(
                f"no fact-check {factcheck_id}; list them with `workbench factchecks`"
            )
        return row

    def has_earlier_checks(self, article_id: int) -> bool:
        """Is there anything a claim of the article could have been checked against?"""
        if not self.conn.execute(
            # a database opened with an older set of migrations (tests of upgrades)
            "SELECT 1 FROM sqlite_master WHERE name = 'factchecks'"
        ).fetchone():
            return False
        row = self.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM factchecks) OR EXISTS (SELECT 1 FROM claims"
            " WHERE status != 'unverified' AND dismissed = 0 AND article_id != ?)",
            [article_id],
        ).fetchone()
        return bool(row[0])

    def factcheck_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM factchecks").fetchone()[0])

    def factcheck_state(self) -> tuple[int, int, str]:
        """What the loaded embedding matrix depends on: count, max id, last update."""
        row = self.conn.execute(
            "SELECT count(*), coalesce(max(id), 0), coalesce(max(updated_at), '') FROM factchecks"
        ).fetchone()
        return int(row[0]), int(row[1]), str(row[2])

    def factcheck_embeddings(self, size: int) -> tuple[list[int], list[bytes]]:
        """Each fact-check's first stored vector (`size` bytes), by id."""
        ids, blobs = [], []
        for row in self.conn.execute(
            "SELECT id, substr(embedding, 1, ?) FROM factchecks"
            " WHERE length(embedding) >= ? ORDER BY id",
            [size, size],
        ):
            ids.append(row[0])
            blobs.append(row[1])
        return ids, blobs

    def factcheck_more_vectors(self, ids: Sequence[int], skip: int) -> dict[int, bytes]:
        """What the fact-checks store after their first vector (`skip` bytes), if any."""
        found: dict[int, bytes] = {}
        for chunk, marks in self._id_batches(ids):
            for row in self.conn.execute(
                f"SELECT id, substr(embedding, ?) FROM factchecks WHERE id IN ({marks})"
                " AND length(embedding) > ?",
                [skip + 1, *chunk, skip],
            ):
                found[row[0]] = row[1]
        return found

    def factcheck_lexical(self, match: str, limit: int) -> list[tuple[int, float]]:
        """BM25 candidates (id, score, higher is better) for an FTS5 OR-query."""
        rows = self.conn.execute(
            # claimReviewed and the headline weigh alike, the claimant a little
            "SELECT rowid, -bm25(factchecks_fts, 1.0, 1.0, 0.2) FROM factchecks_fts"
            " WHERE factchecks_fts MATCH ? ORDER BY rank LIMIT ?",
            [match, limit],
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def all_document_frequencies(self) -> dict[str, int]:
        """How many fact-checks hold each word of their full-text index (fts5vocab)."""
        return dict(self.conn.execute("SELECT term, doc FROM factchecks_vocab"))

    def decided_claims_lexical(
        self, match: str, exclude_article: int | None, limit: int
    ) -> list[tuple[int, float]]:
        """BM25 candidates among decided, kept claims of other articles."""
        rows = self.conn.execute(
            "SELECT c.id, -bm25(claims_fts) FROM claims_fts f JOIN claims c ON c.id = f.rowid"
            " WHERE claims_fts MATCH ? AND c.status != 'unverified' AND c.dismissed = 0"
            " AND c.article_id IS NOT ? ORDER BY rank LIMIT ?",
            [match, exclude_article, limit],
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def claim_match_rows(self, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        found: dict[int, dict[str, Any]] = {}
        for chunk, marks in self._id_batches(ids):
            for row in self._rows(
                "SELECT c.id, c.article_id, c.text, c.status, c.rationale, c.decided_by,"
                " c.decided_at, c.attribution, a.title AS article_title, a.url AS article_url"
                f" FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})",
                chunk,
            ):
                found[row["id"]] = row
        return found

    def search_factchecks(self, match: str, limit: int) -> list[dict[str, Any]]:
        return self._rows(
            "SELECT f.id, f.url, f.claim_reviewed, f.rating, f.publisher FROM factchecks_fts s"
            " JOIN factchecks f ON f.id = s.rowid WHERE factchecks_fts MATCH ?"
            " ORDER BY rank LIMIT ?",
            [match, limit],
        )

    # -- stored matches (migration 010) ---------------------------------------------

    def replace_claim_matches(self, found: dict[int, list[tuple[str, int, float, bool]]]) -> None:
        """Each claim's matches (kind, ref, score, strong) in place of those kept before,
        in one transaction: derived data, so no event."""
        stamp = now()
        rows = [
            (
                claim_id,
                ref if kind == "factcheck" else None,
                ref if kind == "claim" else None,
                min(1.0, max(0.0, score)),
                int(strong),
                stamp,
            )
            for claim_id, matches in found.items()
            for kind, ref, score, strong in matches
        ]
        with self.transaction():
            for chunk, marks in self._id_batches(list(found)):
                self.conn.execute(f"DELETE FROM claim_matches WHERE claim_id IN ({marks})", chunk)
            self.conn.executemany(
                "INSERT INTO claim_matches (claim_id, factcheck_id, earlier_claim_id, score,"
                " strong, computed_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )

    def stored_matches(self, claim_id: int) -> list[tuple[str, int, float, bool]]:
        """The kept matches of a claim, best first: (kind, ref, score, strong)."""
        return [
            ("factcheck" if row[0] is not None else "claim", row[0] or row[1], row[2], bool(row[3]))
            for row in self.conn.execute(
                "SELECT factcheck_id, earlier_claim_id, score, strong FROM claim_matches"
                " WHERE claim_id = ? ORDER BY score DESC, rowid",
                [claim_id],
            )
        ]

    def strongly_matched_claims(self, article_id: int) -> set[int]:
        """Claims of the article with a kept strong match (one indexed query)."""
        return {
            row[0]
            for row in self.conn.execute(
                "SELECT DISTINCT m.claim_id FROM claim_matches m JOIN claims c"
                " ON c.id = m.claim_id WHERE c.article_id = ? AND m.strong = 1",
                [article_id],
            )
        }
