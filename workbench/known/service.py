"""Importing fact-checks and matching claims: the functions behind the core's methods."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

from workbench.config import Settings
from workbench.errors import InputError
from workbench.known.embed import embedder, to_blob
from workbench.known.reader import parse_claimreviews
from workbench.store import Store
from workbench.store.factchecks import ImportCounts

if TYPE_CHECKING:
    from workbench.core import Workbench

# A ClaimReview feed is larger than an article: 20,000 reviews are about 20 MB.
MAX_FEED_BYTES = 256 * 1024 * 1024


@dataclass
class FactcheckImport:
    counts: ImportCounts
    skipped: Counter[str] = field(default_factory=Counter)
    origin: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            **self.counts.__dict__,
            "skipped": sum(self.skipped.values()),
            "skipped_reasons": dict(self.skipped.most_common()),
        }


def read_feed(source: str, settings: Settings, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of SOURCE: a file, "-" for stdin, or a URL under the fetch policy."""
    from workbench.ingest import is_url, read_file, require_source

    require_source(source)
    if source == "-":
        raw = (stdin or sys.stdin.buffer).read(MAX_FEED_BYTES + 1)
        if len(raw) > MAX_FEED_BYTES:
            raise InputError(f"stdin is larger than {MAX_FEED_BYTES // 2**20} MB; split the feed")
        return raw
    if is_url(source):
        from workbench.fetch import Fetcher

        return Fetcher(settings).fetch_sync(source).body
    return read_file(Path(source), MAX_FEED_BYTES)


def import_factchecks(store: Store, raw: bytes, origin: str, actor: str) -> FactcheckImport:
    """Parse everything first (a broken file raises before the database is touched),
    embed, then write every record in one transaction."""
    parsed = parse_claimreviews(raw, origin)
    if not parsed.records:
        reasons = ", ".join(f"{n} {why}" for why, n in parsed.skipped.most_common(3))
        raise InputError(
            f"{origin} holds no usable ClaimReview"
            + (f" (skipped: {reasons})" if reasons else "")
            + "; nothing was imported"
        )
    blobs = embeddings_of(parsed.records)
    counts = store.upsert_factchecks(parsed.records, blobs, origin, actor)
    return FactcheckImport(counts, parsed.skipped, origin)


def embeddings_of(records: list[dict[str, Any]]) -> list[bytes]:
    """The stored vector of each record: its claim and its headline, averaged."""
    model = embedder()
    blobs: list[bytes] = []
    for first in range(0, len(records), 1000):
        batch = records[first : first + 1000]
        texts = [r["claim_reviewed"] for r in batch]
        titles = [r["title"] or r["claim_reviewed"] for r in batch]
        both = model(texts) + model(titles)
        both /= np.linalg.norm(both, axis=1, keepdims=True).clip(min=1e-9)
        blobs.extend(to_blob(vector) for vector in both)
    return blobs


def search_factchecks(store: Store, query: str, limit: int) -> list[dict[str, object]]:
    """Fact-checks holding every word of `query` (FTS5, best first)."""
    from workbench.store.sources import _FTS_TOKEN

    tokens = _FTS_TOKEN.findall(query)
    if not tokens:
        return []
    match = " ".join('"' + token.replace('"', '""') + '"' for token in tokens)
    return store.search_factchecks(match, limit)


def checked_before(workbench: Workbench, article_id: int) -> int:
    """Claims of the article with a strong match among fact-checks and other articles'
    decided claims (nothing is loaded when there is nothing to match against)."""
    if not workbench.store.has_earlier_checks(article_id):
        return 0
    found = 0
    for claim in workbench.claims(article_id=article_id):
        if claim.dismissed:
            continue
        matches = workbench.matcher.match(
            claim.text, limit=1, exclude_article=article_id, exclude_claim=claim.id
        )
        found += bool(matches and matches[0].strong)
    return found
