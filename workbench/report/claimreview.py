"""ClaimReview JSON-LD (schema.org), one per rated claim, for search engines and fact-check
databases. The models below are what is written; they carry every property Google's
fact-check markup requires (claimReviewed, reviewRating with alternateName, url) and
recommends (author, datePublished, itemReviewed: a Claim with its author, date and
appearance; the rating's ratingValue, bestRating, worstRating and name)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, TextIO

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from workbench.errors import InputError
from workbench.models import utcnow
from workbench.report.model import (
    ReportArticleHeader,
    ReportClaim,
    ReportOptions,
    sections,
)
from workbench.store import Store


class _LD(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")


def _keyword(name: str, default: Any = ...) -> Any:
    """A JSON-LD keyword field ("@type"): built by its Python name, written and read as @name."""
    return Field(
        default, serialization_alias=f"@{name}", validation_alias=AliasChoices(f"@{name}", name)
    )


class Rating(_LD):
    type: Literal["Rating"] = _keyword("type", "Rating")
    ratingValue: int = Field(ge=1)
    bestRating: int = Field(ge=2)
    worstRating: Literal[1] = 1
    alternateName: str = Field(min_length=1)
    name: str = Field(min_length=1)
    ratingExplanation: str | None = None


class Party(_LD):
    type: Literal["Organization", "Person"] = _keyword("type")
    name: str = Field(min_length=1)
    url: str | None = None


class Appearance(_LD):
    type: Literal["CreativeWork"] = _keyword("type", "CreativeWork")
    url: str | None = None
    headline: str | None = None
    datePublished: str | None = None
    publisher: Party | None = None


class ReviewedClaim(_LD):
    type: Literal["Claim"] = _keyword("type", "Claim")
    author: Party | None = None
    datePublished: str | None = None
    appearance: Appearance | None = None
    firstAppearance: Appearance | None = None


class ClaimReview(_LD):
    context: Literal["https://schema.org"] = _keyword("context", "https://schema.org")
    type: Literal["ClaimReview"] = _keyword("type", "ClaimReview")
    url: str = Field(min_length=1)
    claimReviewed: str = Field(min_length=1)
    reviewRating: Rating
    itemReviewed: ReviewedClaim
    author: Party
    datePublished: str


def check_claimreview(options: ReportOptions) -> None:
    """ClaimReview names its publisher and the page that holds the fact-check: what is
    missing is said at once, so that one fix makes the next export work."""
    from workbench.config import config_file

    needs = []
    if not options.organisation.strip():
        needs.append(
            "the organisation that publishes the fact-checks (set organisation in"
            f" {config_file()}, or WORKBENCH_ORGANISATION)"
        )
    url = (options.report_url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        needs.append(
            "the web address where the report is published (pass --report-url https://…,"
            " or set report_url, WORKBENCH_REPORT_URL)"
        )
    if needs:
        raise InputError("ClaimReview needs " + " and ".join(needs))


def _date(value: datetime | None) -> str:
    return (value or utcnow()).date().isoformat()


def claim_review(
    article: ReportArticleHeader, claim: ReportClaim, options: ReportOptions
) -> ClaimReview | None:
    """The ClaimReview of a rated claim (None for a claim with no rating)."""
    rating = claim.rating
    if rating is None:
        return None
    outlet = Party(type="Organization", name=article.outlet) if article.outlet else None
    appearance = None
    if article.url or article.title:
        appearance = Appearance(
            url=article.url or None,
            headline=article.title or None,
            datePublished=article.published or None,
            publisher=outlet,
        )
    claimant = claim.claimant
    author = Party(type=claimant.type, name=claimant.name) if claimant and claimant.type else None
    return ClaimReview(
        url=f"{options.report_url}#claim-{claim.id}",
        claimReviewed=claim.text,
        reviewRating=Rating(
            ratingValue=rating.value,
            bestRating=rating.best,
            alternateName=rating.label,
            name=rating.label,
            ratingExplanation=claim.summary or None,
        ),
        itemReviewed=ReviewedClaim(
            author=author,
            datePublished=claim.claim_date,
            # where we read it; whether it appeared there first, we do not know
            appearance=appearance,
        ),
        author=Party(type="Organization", name=options.organisation.strip()),
        # the review is published when signed off, else when decided
        datePublished=_date(claim.approved_at or claim.decided_at),
    )


def embeddable(json_text: str) -> str:
    """JSON-LD goes inside <script type="application/ld+json">: a "</script>" in a claim
    must not end that element, so <, > and & are written as \\u escapes (still JSON)."""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_claimreview(
    out: TextIO, store: Store, article_id: int | None, options: ReportOptions
) -> None:
    out.write("[")
    first = True
    for section in sections(store, article_id, options):
        for claim in section.claims:
            review = claim_review(section.header, claim, options)
            if review is None:
                continue
            item = embeddable(review.model_dump_json(by_alias=True, exclude_none=True))
            out.write(("" if first else ",") + "\n  " + item)
            first = False
    out.write("\n]\n" if not first else "]\n")
