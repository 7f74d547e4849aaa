"""The report: what a desk publishes, as pydantic models (the JSON format's schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from workbench import __version__
from workbench.extract.segment import sentences
from workbench.models import Article, Claim, Kind, Stance, Status, utcnow
from workbench.store import Store

SCHEMA_VERSION = 1
SELECTIONS = ("verified", "disputed", "unverified", "decided", "all")


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
    excerpt: str
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
    flags: list[str] = Field(description='e.g. "no-evidence": decided with no source attached')


class ReportArticle(BaseModel):
    id: int
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    imported_at: datetime
    sha256: str
    counts: dict[str, int]
    claims: list[ReportClaim]


class Tool(BaseModel):
    name: Literal["workbench"] = "workbench"
    version: str = __version__


class Report(BaseModel):
    schema_version: Literal[1] = 1
    generated_at: datetime = Field(default_factory=utcnow)
    tool: Tool = Field(default_factory=Tool)
    selection: str
    articles: list[ReportArticle]


def _selected(claim: Claim, selection: str) -> bool:
    if claim.dismissed:
        return False
    if selection == "all":
        return True
    if selection == "decided":
        return claim.status.decided
    return claim.status.value == selection


def sentence_of(article: Article, claim: Claim, bounds: list[tuple[int, int]]) -> str:
    """The article sentence(s) covering the claim's span."""
    covering = [(s, e) for s, e in bounds if s < claim.end and e > claim.start]
    if not covering:
        return article.text[claim.start : claim.end]
    return article.text[covering[0][0] : covering[-1][1]]


def build_report(
    store: Store, article_id: int | None = None, selection: str = "verified"
) -> Report:
    """The report of the selected claims of one article (or every article with any)."""
    articles = (
        [store.get_article(article_id)]
        if article_id is not None
        else [progress.article for progress in reversed(store.articles())]
    )
    parts = []
    for article in articles:
        all_claims = store.claims(article_id=article.id)
        chosen = [claim for claim in all_claims if _selected(claim, selection)]
        if not chosen and article_id is None:
            continue
        if selection == "all":
            order = {Status.VERIFIED: 0, Status.DISPUTED: 1, Status.UNVERIFIED: 2}
            chosen.sort(key=lambda claim: order[claim.status])
        bounds = [(s.start, s.end) for s in sentences(article.text) if not s.credit]
        evidence = store.evidence_rows([claim.id for claim in chosen])
        counts = {status.value: 0 for status in Status}
        for claim in all_claims:
            if not claim.dismissed:
                counts[claim.status.value] += 1
        counts["dismissed"] = sum(claim.dismissed for claim in all_claims)
        parts.append(
            ReportArticle(
                id=article.id,
                title=article.title,
                url=article.url,
                outlet=article.outlet,
                published=article.published,
                imported_at=article.imported_at,
                sha256=article.sha256,
                counts=counts,
                claims=[
                    _report_claim(article, claim, bounds, evidence[claim.id]) for claim in chosen
                ],
            )
        )
    return Report(selection=selection, articles=parts)


def _report_claim(
    article: Article, claim: Claim, bounds: list[tuple[int, int]], rows: list[dict[str, object]]
) -> ReportClaim:
    items = [
        ReportEvidence.model_validate(
            {
                "stance": row["stance"],
                "excerpt": row["excerpt"],
                "note": row["note"],
                "added_by": row["created_by"],
                "added_at": row["created_at"],
                "source": {
                    "id": row["source_id"],
                    "title": row["title"],
                    "requested": row["requested"],
                    "final_url": row["final_url"],
                    "fetched_at": row["fetched_at"],
                    "sha256": row["raw_sha256"],
                    "http_status": row["http_status"],
                },
            }
        )
        for row in rows
    ]
    flags = ["no-evidence"] if claim.status.decided and not items else []
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
        flags=flags,
    )
