"""What a match is, as the CLI, the TUI and `match --jsonl` show it, and how kept or
freshly found (kind, ref, score) triples become one: light on purpose (no numpy, no
model), so that showing stored matches never loads the matcher."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from workbench.store import Store


@dataclass
class Match:
    kind: str  # "factcheck" or "claim"
    ref: int  # the fact-check's or the claim's id
    url: str | None
    text: str
    verdict: str | None  # the rating as published, or our status
    score: float  # calibrated probability that the claim repeats this one
    strong: bool
    who: str | None  # the publisher, or the reviewer who decided
    when: str | None
    title: str | None = None
    claimant: str | None = None
    rationale: str | None = None
    article_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def described(store: Store, ranked: Sequence[tuple[str, int, float, bool]]) -> list[Match]:
    """(kind, ref, score, strong) as Matches, in the same order; a ref that is gone
    (a claim whose import was undone) is left out."""
    factchecks = store.factcheck_rows([ref for kind, ref, _, _ in ranked if kind == "factcheck"])
    claims = store.claim_match_rows([ref for kind, ref, _, _ in ranked if kind == "claim"])
    matches = []
    for kind, ref, probability, strong in ranked:
        score = round(float(probability), 4) if math.isfinite(probability) else 0.0
        if kind == "factcheck" and ref in factchecks:
            row = factchecks[ref]
            matches.append(
                Match(
                    "factcheck",
                    ref,
                    row["url"],
                    row["claim_reviewed"],
                    row["rating"],
                    score,
                    strong,
                    row["publisher"],
                    row["review_date"],
                    title=row["title"],
                    claimant=row["claimant"],
                )
            )
        elif kind == "claim" and ref in claims:
            row = claims[ref]
            matches.append(
                Match(
                    "claim",
                    ref,
                    row["article_url"],
                    row["text"],
                    row["status"],
                    score,
                    strong,
                    row["decided_by"],
                    row["decided_at"],
                    title=row["article_title"],
                    claimant=row["attribution"],
                    rationale=row["rationale"],
                    article_id=row["article_id"],
                )
            )
    return matches
