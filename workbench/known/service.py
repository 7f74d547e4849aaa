"""Importing fact-checks and matching claims: the functions behind the core's methods."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

from workbench.config import Settings
from workbench.errors import InputError
from workbench.known.embed import embedder, to_blob
from workbench.known.reader import read_claimreviews
from workbench.known.results import Match, described
from workbench.models import Status
from workbench.store import Store
from workbench.store.factchecks import ImportCounts

if TYPE_CHECKING:
    from workbench.core import Workbench
    from workbench.models import Claim

# A ClaimReview feed is larger than an article: 20,000 reviews are about 20 MB.
MAX_FEED_BYTES = 256 * 1024 * 1024
KEPT = 3  # matches kept per claim: what the review screen shows
SHOWN = 0.05  # the least probability of being the same claim the review screen shows
Ranked = tuple[str, int, float, bool]  # kind, ref, probability, strong
# Articles whose undecided claims a fact-check import matches again: a bound on its
# time (a desk's database holds thousands of articles; the latest are being worked on).
RECHECKED = 10


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
    """Read and embed the records a thousand at a time into the store's holding table
    (a broken file raises before the database file is touched), then write them all in
    one transaction."""
    skipped: Counter[str] = Counter()
    batches = _batches(read_claimreviews(raw, origin, skipped), 1000)
    if not store.stage_factchecks((batch, embeddings_of(batch)) for batch in batches):
        reasons = ", ".join(f"{n} {why}" for why, n in skipped.most_common(3))
        raise InputError(
            f"{origin} holds no usable ClaimReview"
            + (f" (skipped: {reasons})" if reasons else "")
            + "; nothing was imported"
        )
    return FactcheckImport(store.import_staged(origin, actor), skipped, origin)


def _batches(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def embeddings_of(records: list[dict[str, Any]]) -> list[bytes]:
    """The stored vector of each record: its claim and its headline, averaged."""
    model = embedder()
    blobs: list[bytes] = []
    for first in range(0, len(records), 1000):
        batch = records[first : first + 1000]
        texts = [r["claim_reviewed"] for r in batch]
        titles = [r["title"] or r["claim_reviewed"] for r in batch]
        vectors = model(texts + titles)
        text_vectors, title_vectors = vectors[: len(batch)], vectors[len(batch) :]
        both = text_vectors + title_vectors
        both /= np.linalg.norm(both, axis=1, keepdims=True).clip(min=1e-9)
        blobs.extend(map(to_blob, both, text_vectors, title_vectors))
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
    """Find and keep the matches of the article's claims (not dismissed); how many
    have a strong one. Nothing is loaded when there is nothing to match against."""
    claims = [c for c in workbench.claims(article_id=article_id) if not c.dismissed]
    if not claims or not workbench.store.has_earlier_checks(article_id):
        return 0
    return keep_matches(workbench, claims)


def recheck_undecided(workbench: Workbench) -> int:
    """After fact-checks were imported: the undecided claims of the RECHECKED latest
    articles matched again and their matches kept; how many have a strong one. Older
    articles' claims are matched again as the review screen comes to them."""
    claims = [
        claim
        for progress in workbench.articles()[:RECHECKED]  # newest first
        for claim in workbench.claims(article_id=progress.article.id, status=Status.UNVERIFIED)
        if not claim.dismissed
    ]
    return keep_matches(workbench, claims) if claims else 0


def keep_matches(workbench: Workbench, claims: list[Claim]) -> int:
    found = {claim.id: _worth_showing(workbench, claim, KEPT) for claim in claims}
    workbench.store.replace_claim_matches(found)
    return sum(1 for matches in found.values() if matches and matches[0][3])


def refresh_matches(workbench: Workbench, claim_id: int, limit: int) -> list[Match]:
    """A claim's matches found now; kept in place of the stored ones when they differ
    (an edit, a later import, a colleague's decision), so the list's mark follows."""
    ranked = _worth_showing(workbench, workbench.store.get_claim(claim_id), max(limit, KEPT))
    kept = workbench.store.stored_matches(claim_id)
    if [(k, r, s) for k, r, _, s in ranked[:KEPT]] != [(k, r, s) for k, r, _, s in kept]:
        workbench.store.replace_claim_matches({claim_id: ranked[:KEPT]})
    return described(workbench.store, ranked[:limit])


def _worth_showing(workbench: Workbench, claim: Claim, limit: int) -> list[Ranked]:
    """The claim's best matches that are not almost certainly something else: a list of
    unrelated fact-checks at 0.00 would only cost the reviewer a read."""
    ranked = workbench.matcher.ranked(
        claim.text, limit=limit, exclude_article=claim.article_id, exclude_claim=claim.id
    )
    return [match for match in ranked if match[2] >= SHOWN]
