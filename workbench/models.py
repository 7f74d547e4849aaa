"""The vocabulary of workbench, at every boundary: store, CLI, TUI and reports."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

# the states, defined without pydantic (the review screen's first frame reads them)
from workbench.enums import Kind as Kind
from workbench.enums import Stance as Stance
from workbench.enums import Status as Status


def utcnow() -> datetime:
    return datetime.now(UTC)


class Span(BaseModel):
    """Characters [start, end) of an article's text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int

    @model_validator(mode="after")
    def _not_empty(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} is not after start {self.start}")
        return self


# Between the speakers of one claim said by several ("the statement; the readout": the
# same words, repeated, grouped into one claim). An attribution never holds one itself: the
# extractor cuts sentences at semicolons, so the list reads back unambiguously.
SPEAKERS_SEPARATOR = "; "


def speakers(attribution: str | None) -> list[str]:
    """The speakers an attribution names: one, or each who said the claim's words."""
    if not attribution:
        return []
    return [s for s in (p.strip() for p in attribution.split(SPEAKERS_SEPARATOR)) if s]


class ClaimDraft(BaseModel):
    """A claim as an extractor proposes it, before it is stored."""

    text: str
    spans: list[Span] = Field(min_length=1)
    kind: Kind = Kind.OTHER
    checkworthiness: float = Field(ge=0.0, le=1.0)
    attribution: str | None = None

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return max(span.end for span in self.spans)

    def public(self) -> dict[str, Any]:
        """The stable JSON shape of `workbench extract` (DESIGN.md)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "checkworthiness": round(self.checkworthiness, 3),
            "checkworthiness_level": _level(self.checkworthiness),
            "attribution": self.attribution,
        }


class ArticleDraft(BaseModel):
    """An article read from a file, a URL or stdin, before it is stored."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    origin: str | None = None


class ArticleSummary(BaseModel):
    """An article without its text (for listings)."""

    id: int
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    origin: str | None
    imported_at: datetime
    imported_by: str
    extractor: str
    sha256: str

    @property
    def display_title(self) -> str:
        return self.title or self.origin or f"article {self.id}"


class Article(ArticleSummary):
    text: str = Field(repr=False)


class ArticleProgress(BaseModel):
    """An article with how far its review has come."""

    article: ArticleSummary
    claims: int
    decided: int
    verified: int
    disputed: int
    dismissed: int


class Claim(BaseModel):
    id: int
    article_id: int
    position: int
    text: str
    original_text: str
    start: int
    end: int
    spans: list[Span]
    kind: Kind
    attribution: str | None
    checkworthiness: float
    status: Status
    rationale: str
    dismissed: bool
    origin: str
    version: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    decided_at: datetime | None
    decided_by: str | None
    # publishing (db/007): the rating, who made the claim and when (None: taken from the
    # attribution and the article), the sign-off of a second reviewer
    rating: str | None = None
    rating_scale: str | None = None
    claimant: str | None = None
    claimant_type: str | None = None
    claim_date: str | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None

    def span_pairs(self) -> list[tuple[int, int]]:
        """The article offsets of the claim's words, (start, end) each."""
        return [(span.start, span.end) for span in self.spans]


class Snapshot(BaseModel):
    id: int
    source_id: int
    fetched_at: datetime
    final_url: str | None
    http_status: int | None
    content_type: str | None
    title: str | None
    published: str | None
    raw_size: int
    raw_sha256: str
    truncated: bool
    text_sha256: str


class Source(BaseModel):
    id: int
    requested: str
    created_at: datetime
    created_by: str
    latest: Snapshot | None = None


class Evidence(BaseModel):
    id: int
    claim_id: int
    source_id: int
    snapshot_id: int
    stance: Stance
    excerpt: str
    excerpt_start: int | None
    excerpt_end: int | None
    note: str
    created_at: datetime
    created_by: str


class Event(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    article_id: int | None
    claim_id: int | None
    summary: str
    before: dict[str, Any]
    after: dict[str, Any]
    undo_of: int | None


class ReviewSession(BaseModel):
    id: int
    reviewer: str
    article_id: int | None
    started_at: datetime
    ended_at: datetime | None
    decided: int


def claim_public(claim: Claim) -> dict[str, Any]:
    """The stable JSON shape of a claim in `workbench claims --json` and `show --json`."""
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "text": claim.text,
        "status": claim.status.value,
        "checkworthiness": round(claim.checkworthiness, 3),
        "checkworthiness_level": _level(claim.checkworthiness),
        "kind": claim.kind.value,
        "start": claim.start,
        "end": claim.end,
        "spans": [[span.start, span.end] for span in claim.spans],
        "attribution": claim.attribution,
        "rationale": claim.rationale,
        "dismissed": claim.dismissed,
        "version": claim.version,
        "updated_by": claim.updated_by,
        "updated_at": claim.updated_at.isoformat(),
        "decided_by": claim.decided_by,
        "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
        "rating": claim.rating,
        "rating_scale": claim.rating_scale,
        "claimant": claim.claimant,
        "claimant_type": claim.claimant_type,
        "claim_date": claim.claim_date,
        "approved_by": claim.approved_by,
        "approved_at": claim.approved_at.isoformat() if claim.approved_at else None,
    }


def event_public(event: Event) -> dict[str, Any]:
    """An event as `--json` shows it. An article's text, kept in the events of its import
    (so that an undone import can be redone), is left out: history stays readable."""
    data = event.model_dump(mode="json")
    for side in ("before", "after"):
        for state in data[side].get("articles", {}).values():
            if isinstance(state, dict):
                state.pop("text", None)
    return data


def _level(score: float) -> str:
    # Imported here: the scorer imports the extractors' features, which import this module.
    from workbench.extract.checkworthy import level

    return level(score)
