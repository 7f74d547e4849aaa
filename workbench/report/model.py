"""The report: what a desk publishes. Pydantic models (the JSON format and its schema),
and the sections every format is written from, streamed claim batch by claim batch."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from workbench import __version__
from workbench.drift import drift_words
from workbench.extract.segment import sentences
from workbench.models import Article, Claim, Kind, Stance, Status, utcnow
from workbench.store import Store

SCHEMA_VERSION = 1
SELECTIONS = ("verified", "disputed", "unverified", "decided", "all")
_STATUSES = {
    "verified": [Status.VERIFIED],
    "disputed": [Status.DISPUTED],
    "unverified": [Status.UNVERIFIED],
    "decided": [Status.VERIFIED, Status.DISPUTED],
    "all": None,
}


class ReportSource(BaseModel):
    id: int
    title: str | None
    requested: str
    final_url: str | None
    fetched_at: datetime
    sha256: str
    http_status: int | None


class ReportEvidence(BaseModel):
    stance: Stance
    excerpt: str = Field(description="quoted from the kept snapshot the evidence was taken from")
    drift: str | None = Field(
        default=None,
        description='"moved" or "gone" when a recheck found the excerpt so on the live page',
    )
    live: str | None = Field(
        default=None,
        description='how the live page stands, e.g. "no longer on the live page since 2026-03-01"',
    )
    note: str
    added_by: str
    added_at: datetime
    source: ReportSource


class ReportClaim(BaseModel):
    id: int
    text: str
    verdict: Status
    rationale: str
    kind: Kind
    checkworthiness: float
    attribution: str | None
    sentence: str = Field(description="the article sentence the claim came from")
    start: int
    end: int
    decided_by: str | None
    decided_at: datetime | None
    evidence: list[ReportEvidence]
    flags: list[str] = Field(description='"no-evidence": decided with no source attached')


class ReportArticleHeader(BaseModel):
    id: int
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    imported_at: datetime
    sha256: str
    counts: dict[str, int] = Field(description="claims by verdict, and dismissed ones")


class ReportArticle(ReportArticleHeader):
    claims: list[ReportClaim]


class Tool(BaseModel):
    name: Literal["workbench"] = "workbench"
    version: str = __version__


class Report(BaseModel):
    """The JSON report (`workbench export --format json`); its schema: `--schema`."""

    schema_version: Literal[1] = 1
    generated_at: datetime = Field(default_factory=utcnow)
    tool: Tool = Field(default_factory=Tool)
    selection: str
    articles: list[ReportArticle]


@dataclass
class Section:
    """One article of a report, its claims read as they are written."""

    header: ReportArticleHeader
    article: Article
    claims: Iterator[ReportClaim]


HEADINGS = {
    "verified": "Verified claims",
    "disputed": "Disputed claims",
    "unverified": "Unverified claims",
    "decided": "Verified and disputed claims",
    "all": "All claims",
}


def header_fields(selection: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": utcnow(),
        "tool": Tool(),
        "selection": selection,
    }


def sections(
    store: Store, article_id: int | None = None, selection: str = "verified"
) -> Iterator[Section]:
    """The report's articles (one, or every article with a selected claim), oldest first."""
    statuses = _STATUSES[selection]
    if article_id is not None:
        articles = [store.get_article(article_id)]
    else:
        articles = [store.get_article(p.article.id) for p in reversed(store.articles())]
    for article in articles:
        counts = store.status_counts(article.id)
        selected = (
            sum(counts[s.value] for s in statuses)
            if statuses
            else sum(counts[s.value] for s in Status)
        )
        if article_id is None and not selected:
            continue
        header = ReportArticleHeader(
            id=article.id,
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            published=article.published,
            imported_at=article.imported_at,
            sha256=article.sha256,
            counts=counts,
        )
        yield Section(header, article, _claims(store, article, statuses))


def _claims(store: Store, article: Article, statuses: list[Status] | None) -> Iterator[ReportClaim]:
    bounds = [(s.start, s.end) for s in sentences(article.text) if not s.credit]
    for batch in store.claim_batches(article.id, statuses):
        evidence = store.evidence_rows([claim.id for claim in batch])
        for claim in batch:
            yield report_claim(article, claim, bounds, evidence[claim.id])


def build_report(
    store: Store, article_id: int | None = None, selection: str = "verified"
) -> Report:
    """The whole report in memory (for small reports and tests; formats stream instead)."""
    return Report(
        **header_fields(selection),
        articles=[
            ReportArticle(**section.header.model_dump(), claims=list(section.claims))
            for section in sections(store, article_id, selection)
        ],
    )


def sentence_of(article: Article, claim: Claim, bounds: list[tuple[int, int]]) -> str:
    """The article sentence(s) covering the claim's span, quoted from the article.
    `bounds` are the article's sentences in order: found by bisection, since a scan per
    claim made an export quadratic (20,000 claims in one article: 25 s)."""
    first = bisect_right(bounds, claim.start, key=lambda bound: bound[1])
    last = bisect_left(bounds, claim.end, key=lambda bound: bound[0])
    covering = bounds[first:last]
    if not covering:
        return article.text[claim.start : claim.end]
    return article.text[covering[0][0] : covering[-1][1]]


def report_claim(
    article: Article, claim: Claim, bounds: list[tuple[int, int]], rows: list[dict[str, Any]]
) -> ReportClaim:
    items = [
        ReportEvidence(
            stance=row["stance"],
            excerpt=row["excerpt"],
            drift=row["drift"] if row["drift"] in ("moved", "gone") else None,
            live=drift_words(row["drift"], row["drift_since"]),
            note=row["note"],
            added_by=row["created_by"],
            added_at=row["created_at"],
            source=ReportSource(
                id=row["source_id"],
                title=row["title"],
                requested=row["requested"],
                final_url=row["final_url"],
                fetched_at=row["fetched_at"],
                sha256=row["raw_sha256"],
                http_status=row["http_status"],
            ),
        )
        for row in rows
    ]
    return ReportClaim(
        id=claim.id,
        text=claim.text,
        verdict=claim.status,
        rationale=claim.rationale,
        kind=claim.kind,
        checkworthiness=claim.checkworthiness,
        attribution=claim.attribution,
        sentence=sentence_of(article, claim, bounds),
        start=claim.start,
        end=claim.end,
        decided_by=claim.decided_by,
        decided_at=claim.decided_at,
        evidence=items,
        flags=["no-evidence"] if claim.status.decided and not items else [],
    )
