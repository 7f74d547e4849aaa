"""The report: what a desk publishes. Pydantic models (the JSON format and its schema),
and the sections every format is written from, streamed claim batch by claim batch.

Two audiences: `internal` carries everything (ids, reviewers, hashes, HTTP codes, flags);
`public` is what a reader of the fact-check sees. Fields marked "internal" are left out
of the public report.
"""

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
from workbench.models import Article, Claim, Kind, Span, Stance, Status, utcnow
from workbench.publish import claim_date_of, claimant_of, rating_of
from workbench.ratings import RatingScale
from workbench.report.options import (
    ReportOptions,
    _public_url,
    kept_copy,
    outlet_of,
    summary_of,
)
from workbench.store import Store

SCHEMA_VERSION = 2
SELECTIONS = ("verified", "disputed", "unverified", "decided", "all")
AUDIENCES = ("public", "internal")
STATUSES = {  # the statuses each selection takes (None: all)
    "verified": [Status.VERIFIED],
    "disputed": [Status.DISPUTED],
    "unverified": [Status.UNVERIFIED],
    "decided": [Status.VERIFIED, Status.DISPUTED],
    "all": None,
}
_INTERNAL = "internal: left out of the public report"


class ReportSource(BaseModel):
    id: int | None = Field(None, description=_INTERNAL)
    title: str | None
    outlet: str | None = Field(description="the site the source was fetched from")
    published: str | None = Field(
        None,
        description="internal: the source's date as its page gives it (or as the reader"
        " guessed it: not published until a reviewer checks it)",
    )
    requested: str | None = Field(None, description=_INTERNAL)
    final_url: str | None
    fetched_at: datetime
    kept_copy: str | None = Field(
        description="link to the copy kept when it was fetched (beside the report, or the"
        " organisation's archive)"
    )
    sha256: str | None = Field(None, description=_INTERNAL)
    http_status: int | None = Field(None, description=_INTERNAL)


class ReportEvidence(BaseModel):
    stance: Stance
    excerpt: str = Field(description="quoted from the kept snapshot the evidence was taken from")
    drift: str | None = Field(
        default=None,
        description='internal: "moved" or "gone" when a recheck found the excerpt so on the'
        " live page",
    )
    live: str | None = Field(
        default=None,
        description='internal: how the live page stands, e.g. "no longer on the live page'
        ' since 2026-03-01"',
    )
    note: str | None = Field(None, description=_INTERNAL)
    added_by: str | None = Field(None, description=_INTERNAL)
    added_at: datetime | None = Field(None, description=_INTERNAL)
    source: ReportSource


class ReportRating(BaseModel):
    label: str
    scale: str
    value: int = Field(description="ClaimReview ratingValue: 1 is the worst label")
    best: int
    worst: Literal[1] = 1
    description: str


class ReportClaimant(BaseModel):
    name: str
    type: Literal["Person", "Organization"] | None


class ReportClaim(BaseModel):
    id: int | None = Field(None, description=_INTERNAL)
    text: str
    verdict: Status
    rating: ReportRating | None
    claimant: ReportClaimant | None
    claim_date: str | None
    summary: str = Field(description="the rationale's first paragraph")
    rationale: str
    kind: Kind
    checkworthiness: float | None = Field(None, description=_INTERNAL)
    attribution: str | None
    sentence: str = Field(description="the article sentence the claim came from")
    start: int | None = Field(None, description=_INTERNAL)
    end: int | None = Field(None, description=_INTERNAL)
    decided_by: str | None = Field(None, description=_INTERNAL)
    decided_at: datetime | None = Field(None, description=_INTERNAL)
    approved_by: str | None = Field(None, description=_INTERNAL)
    approved_at: datetime | None = Field(None, description=_INTERNAL)
    evidence: list[ReportEvidence]
    flags: list[str] | None = Field(
        None, description='internal; "no-evidence": decided with no source attached'
    )


class ReportArticleHeader(BaseModel):
    id: int | None = Field(None, description=_INTERNAL)
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    imported_at: datetime | None = Field(None, description=_INTERNAL)
    sha256: str | None = Field(None, description=_INTERNAL)
    counts: dict[str, int] | None = Field(
        None, description="internal: every claim of the article by verdict, and dismissed ones"
    )
    selected: dict[str, int] = Field(description="the claims this report holds, by rating")


class ReportArticle(ReportArticleHeader):
    claims: list[ReportClaim]


class Tool(BaseModel):
    name: Literal["workbench"] = "workbench"
    version: str = __version__


class Report(BaseModel):
    """The JSON report (`workbench export --format json`); its schema: `--schema`."""

    schema_version: Literal[2] = 2
    generated_at: datetime = Field(default_factory=utcnow)
    tool: Tool = Field(default_factory=Tool)
    selection: str
    audience: Literal["public", "internal"] = "internal"
    organisation: str | None = None
    articles: list[ReportArticle]


# What the public report leaves out, by model: logins, ids, hashes, HTTP codes, flags.
PUBLIC_EXCLUDE: dict[str, set[str]] = {
    "article": {"id", "imported_at", "sha256", "counts"},
    "claim": {
        "id",
        "checkworthiness",
        "start",
        "end",
        "decided_by",
        "decided_at",
        "approved_by",
        "approved_at",
        "flags",
    },
    "evidence": {"note", "added_by", "added_at", "drift", "live"},
    "source": {"id", "requested", "sha256", "http_status", "published"},
}


def claim_exclude(audience: str) -> dict[str, Any] | None:
    """pydantic's `exclude` for a claim of this audience."""
    if audience != "public":
        return None
    item: dict[str, Any] = dict.fromkeys(PUBLIC_EXCLUDE["evidence"], True)
    item["source"] = dict.fromkeys(PUBLIC_EXCLUDE["source"], True)
    evidence = {"__all__": item}
    return {**dict.fromkeys(PUBLIC_EXCLUDE["claim"], True), "evidence": evidence}


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


def header_fields(options: ReportOptions | str) -> dict[str, Any]:
    if isinstance(options, str):
        options = ReportOptions(selection=options)
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": utcnow(),
        "tool": Tool(),
        "selection": options.selection,
        "audience": options.audience,
        "organisation": options.organisation or None,
    }


def sections(
    store: Store, article_id: int | None = None, options: ReportOptions | str = "verified"
) -> Iterator[Section]:
    """The report's articles (one, or every article with a selected claim), oldest first."""
    if isinstance(options, str):
        options = ReportOptions(selection=options)
    statuses = STATUSES[options.selection]
    if article_id is not None:
        articles = [store.get_article(article_id)]
    else:
        articles = [store.get_article(p.article.id) for p in reversed(store.articles())]
    for article in articles:
        selected = _selected_counts(store, article, statuses, options)
        if article_id is None and not sum(selected.values()):
            continue
        header = ReportArticleHeader(
            id=article.id,
            title=article.title,
            url=article.url,
            outlet=article.outlet,
            published=article.published,
            imported_at=article.imported_at,
            sha256=article.sha256,
            counts=store.status_counts(article.id),
            selected=selected,
        )
        yield Section(header, article, _claims(store, article, statuses, options))


def _selected_counts(
    store: Store, article: Article, statuses: list[Status] | None, options: ReportOptions
) -> dict[str, int]:
    """The selected claims by rating label (or status, unrated): what the chart shows."""
    counts: dict[tuple[int, int, str], int] = {}
    for row in store.rating_tallies(article.id):
        if statuses is not None and Status(row["status"]) not in statuses:
            continue
        if options.approved_only and not row["approved"]:
            continue
        key = _tally_key(row, options.scales)
        counts[key] = counts.get(key, 0) + row["claims"]
    # in the order the claims come: verified, disputed, unverified; best rating first
    by_label: dict[str, int] = {}
    for key in sorted(counts):
        by_label[key[2]] = by_label.get(key[2], 0) + counts[key]
    return by_label


_ORDER = {"verified": 0, "disputed": 1, "unverified": 2}
_STATUS_WORDS = {"verified": "Verified", "disputed": "Disputed", "unverified": "Unverified"}


def _tally_key(row: dict[str, Any], scales: dict[str, RatingScale]) -> tuple[int, int, str]:
    order = _ORDER[row["status"]]
    scale = scales.get(row["rating_scale"] or "")
    if row["rating"] and scale is not None and scale.get(row["rating"]) is not None:
        return order, -scale.value(row["rating"]), str(row["rating"])
    return order, 0, _STATUS_WORDS[row["status"]]


def _claims(
    store: Store, article: Article, statuses: list[Status] | None, options: ReportOptions
) -> Iterator[ReportClaim]:
    bounds = [(s.start, s.end) for s in sentences(article.text) if not s.credit]
    for batch in store.claim_batches(article.id, statuses):
        if options.approved_only:
            batch = [claim for claim in batch if claim.approved_by]
        evidence = store.evidence_rows([claim.id for claim in batch])
        for claim in batch:
            yield report_claim(article, claim, bounds, evidence[claim.id], options)


def build_report(
    store: Store, article_id: int | None = None, options: ReportOptions | str = "verified"
) -> Report:
    """The whole report in memory (for small reports and tests; formats stream instead)."""
    if isinstance(options, str):
        options = ReportOptions(selection=options)
    return Report(
        **header_fields(options),
        articles=[
            ReportArticle(**section.header.model_dump(), claims=list(section.claims))
            for section in sections(store, article_id, options)
        ],
    )


def sentence_of(article: Article, claim: Claim, bounds: list[tuple[int, int]]) -> str:
    """The article sentence(s) covering the claim's spans, quoted from the article; a claim
    the article makes twice (one claim, a span in each place) quotes both places, joined
    by " … ", not all the text between them. `bounds` are the article's sentences in
    order: found by bisection, since a scan per claim made an export quadratic (20,000
    claims in one article: 25 s)."""
    spans = claim.spans or [Span(start=claim.start, end=claim.end)]
    found: set[tuple[int, int]] = set()
    for span in spans:
        first = bisect_right(bounds, span.start, key=lambda bound: bound[1])
        last = bisect_left(bounds, span.end, key=lambda bound: bound[0])
        found.update(bounds[first:last])
    covering = sorted(found)
    if not covering:
        return article.text[claim.start : claim.end]
    runs = [list(covering[0])]
    for s, e in covering[1:]:
        if article.text[runs[-1][1] : s].strip():
            runs.append([s, e])  # another place in the article
        else:
            runs[-1][1] = e  # the next sentence: one quotation
    return " … ".join(article.text[s:e] for s, e in runs)


def report_claim(
    article: Article,
    claim: Claim,
    bounds: list[tuple[int, int]],
    rows: list[dict[str, Any]],
    options: ReportOptions | None = None,
) -> ReportClaim:
    options = options or ReportOptions()
    public = options.public
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
                outlet=outlet_of(row["final_url"] or row["requested"]),
                published=None if public else row.get("published"),
                requested=None if public else row["requested"],
                final_url=_public_url(row) if public else row["final_url"],
                fetched_at=row["fetched_at"],
                kept_copy=kept_copy(row, options),
                sha256=row["raw_sha256"],
                http_status=row["http_status"],
            ),
        )
        for row in rows
    ]
    rating = rating_of(claim, options.scales)
    claimant = claimant_of(claim, article)
    return ReportClaim(
        id=claim.id,
        text=claim.text,
        verdict=claim.status,
        rating=ReportRating(
            label=rating.label,
            scale=rating.scale.name,
            value=rating.value,
            best=rating.scale.best,
            description=rating.description,
        )
        if rating
        else None,
        claimant=ReportClaimant(name=claimant.name, type=claimant.type) if claimant else None,
        claim_date=claim_date_of(claim, article),
        summary=summary_of(claim.rationale),
        rationale=claim.rationale,
        kind=claim.kind,
        checkworthiness=claim.checkworthiness,
        attribution=claim.attribution,
        sentence=sentence_of(article, claim, bounds),
        start=claim.start,
        end=claim.end,
        decided_by=claim.decided_by,
        decided_at=claim.decided_at,
        approved_by=claim.approved_by,
        approved_at=claim.approved_at,
        evidence=items,
        flags=["no-evidence"] if claim.status.decided and not items else [],
    )
