"""ClaimReview JSON-LD (schema.org), one per verified or disputed claim, for search
engines and fact-check databases. The models below are what is written, and what the
tests validate against (the required and recommended fields)."""

from __future__ import annotations

from typing import Any, Literal, TextIO

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from workbench.models import Status
from workbench.report.model import ReportArticleHeader, ReportClaim, sections
from workbench.store import Store

_RATINGS = {Status.VERIFIED: (5, "Verified"), Status.DISPUTED: (1, "Disputed")}


class _LD(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")


def _keyword(name: str, default: Any = ...) -> Any:
    """A JSON-LD keyword field ("@type"): built by its Python name, written and read as @name."""
    return Field(
        default, serialization_alias=f"@{name}", validation_alias=AliasChoices(f"@{name}", name)
    )


class Rating(_LD):
    type: Literal["Rating"] = _keyword("type", "Rating")
    ratingValue: int = Field(ge=1, le=5)
    bestRating: Literal[5] = 5
    worstRating: Literal[1] = 1
    alternateName: str


class Party(_LD):
    type: Literal["Organization", "Person"] = _keyword("type")
    name: str = Field(min_length=1)


class Appearance(_LD):
    type: Literal["CreativeWork"] = _keyword("type", "CreativeWork")
    url: str
    headline: str | None = None


class ReviewedClaim(_LD):
    type: Literal["Claim"] = _keyword("type", "Claim")
    appearance: Appearance | None = None
    datePublished: str | None = None
    author: Party | None = None


class ClaimReview(_LD):
    context: Literal["https://schema.org"] = _keyword("context", "https://schema.org")
    type: Literal["ClaimReview"] = _keyword("type", "ClaimReview")
    claimReviewed: str = Field(min_length=1)
    reviewRating: Rating
    itemReviewed: ReviewedClaim
    author: Party
    datePublished: str
    url: str | None = None


def claim_review(
    article: ReportArticleHeader, claim: ReportClaim, organisation: str, report_url: str | None
) -> ClaimReview:
    value, name = _RATINGS[claim.verdict]
    author = (
        Party(type="Organization", name=organisation)
        if organisation
        else Party(type="Person", name=claim.decided_by or "unknown")
    )
    decided = claim.decided_at.date().isoformat() if claim.decided_at else ""
    return ClaimReview(
        claimReviewed=claim.text,
        reviewRating=Rating(ratingValue=value, alternateName=name),
        itemReviewed=ReviewedClaim(
            appearance=Appearance(url=article.url, headline=article.title) if article.url else None,
            datePublished=article.published,
            author=Party(type="Organization", name=article.outlet) if article.outlet else None,
        ),
        author=author,
        datePublished=decided,
        url=f"{report_url}#claim-{claim.id}" if report_url else None,
    )


def embeddable(json_text: str) -> str:
    """JSON-LD goes inside <script type="application/ld+json">: a "</script>" in a claim
    must not end that element, so <, > and & are written as \\u escapes (still JSON)."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_claimreview(
    out: TextIO,
    store: Store,
    article_id: int | None,
    selection: str,
    organisation: str,
    report_url: str | None,
) -> None:
    out.write("[")
    first = True
    for section in sections(store, article_id, selection):
        for claim in section.claims:
            if claim.verdict not in _RATINGS:
                continue
            review = claim_review(section.header, claim, organisation, report_url)
            item = embeddable(review.model_dump_json(by_alias=True, exclude_none=True))
            out.write(("" if first else ",") + "\n  " + item)
            first = False
    out.write("\n]\n")
