"""Adopting a match: an earlier fact-check becomes evidence of the claim, or an earlier
decision of ours is copied with a reference to it. Both go through the core's own
changes (evidence kept, status marked), so each is an event and undone by `undo`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from workbench.errors import InputError
from workbench.models import Stance, Status

if TYPE_CHECKING:
    from workbench.core import AttachResult, MarkResult, Workbench

_REFUTING = ("false", "pants on fire", "incorrect", "inaccurate", "misleading", "fake", "wrong")
_SUPPORTING = ("true", "correct", "accurate")


def stance_of_rating(row: dict[str, Any]) -> Stance:
    """What an earlier review's rating says of the same claim: refutes at the bottom of
    its scale, supports at the top, context in between or when it cannot be read."""
    value, best, worst = row.get("rating_value"), row.get("best_rating"), row.get("worst_rating")
    if value is not None and best is not None and worst is not None and best != worst:
        position = (value - worst) / (best - worst)
        if 0 <= position <= 1:
            if position <= 0.4:
                return Stance.REFUTES
            if position >= 0.8:
                return Stance.SUPPORTS
            return Stance.CONTEXT
    label = (row.get("rating") or "").lower()
    if any(word in label for word in ("half", "mostly true", "mixed", "partly")):
        return Stance.CONTEXT
    if any(word in label for word in _REFUTING):
        return Stance.REFUTES
    if any(word in label for word in _SUPPORTING):
        return Stance.SUPPORTS
    return Stance.CONTEXT


def adopt_factcheck(workbench: Workbench, claim_id: int, factcheck_id: int) -> AttachResult:
    """The fact-check as evidence: its URL the source, its claimReviewed the excerpt."""
    from workbench.core import Candidate
    from workbench.sources import Document

    row = workbench.store.factcheck(factcheck_id)
    rating = row["rating"] or "no rating"
    by = ", ".join(p for p in (row["publisher"], row["review_date"]) if p)
    text = f"{row['claim_reviewed']}\n\nRating: {rating}" + (f" ({by})" if by else "")
    document = Document(
        requested=row["url"],
        final_url=row["url"],
        http_status=None,
        content_type="application/ld+json",
        body=json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8"),
        text=text,
        title=row["title"] or f"Fact-check by {row['publisher'] or 'another organisation'}",
        published=row["review_date"],
    )
    return workbench.keep_evidence(
        claim_id,
        Candidate(document, []),
        stance_of_rating(row),
        excerpt=row["claim_reviewed"],
        note=f"checked before: rated {rating}" + (f" by {by}" if by else ""),
    )


def adopt_claim(workbench: Workbench, claim_id: int, earlier_id: int) -> MarkResult:
    """The earlier claim's verdict and rationale, with a reference to it."""
    earlier = workbench.claim(earlier_id)
    claim = workbench.claim(claim_id)
    if earlier.id == claim.id or earlier.article_id == claim.article_id:
        raise InputError("adopt a decision from another article's claim, not from this article")
    if earlier.status is Status.UNVERIFIED:
        raise InputError(f"claim {earlier.id} is not decided; there is no verdict to adopt")
    reference = f"as decided for claim {earlier.id} (article {earlier.article_id})"
    note = f"{earlier.rationale} — {reference}" if earlier.rationale else reference.capitalize()
    return workbench.mark(claim_id, earlier.status, note)
