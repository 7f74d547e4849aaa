"""What the core's operations give back, and the small parsers both faces share. Kept
apart from workbench.core so that it stays a readable list of what a user can do."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.errors import InputError
from workbench.models import Article, Claim, Evidence, Snapshot, Source, Stance, Status

if TYPE_CHECKING:
    from workbench.evidence import Passage
    from workbench.numbers import FigureCheck, Verdict
    from workbench.sources import Document


@dataclass
class ImportResult:
    article: Article
    claims: int
    created: bool
    notes: list[str] = field(default_factory=list)  # e.g. a sentence the parser skipped


@dataclass
class MarkResult:
    claim: Claim
    warning: str | None


@dataclass
class AttachResult:
    evidence: Evidence
    source: Source
    passages: list[Passage]  # the source's passages ranked for the claim, best first
    verdict: Verdict | None  # the figures of the claim against the excerpt
    checks: list[FigureCheck]
    warning: str | None


@dataclass
class Candidate:
    """A fetched source and its passages ranked for a claim, not yet kept."""

    document: Document
    passages: list[Passage]


@dataclass
class RecheckResult:
    key: str
    source_id: int | None
    status: str  # unchanged, changed, failed
    previous: Snapshot | None = None
    current: Snapshot | None = None
    added: list[str] | None = None
    removed: list[str] | None = None
    lost_excerpts: list[int] | None = None  # evidence whose excerpt the new text lacks
    error: str | None = None
    moved_excerpts: list[int] | None = None  # evidence whose excerpt stands elsewhere now


def parse_stance(word: str) -> Stance:
    try:
        return Stance(word.strip().lower())
    except ValueError:
        choices = ", ".join(stance.value for stance in Stance)
        raise InputError(f"invalid stance {word!r}; use one of: {choices}") from None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_status(word: str, also: str | None = None) -> Status:
    """The status a word names; `also`: another word the caller takes, named in the error."""
    try:
        return Status(word.strip().lower())
    except ValueError:
        choices = ", ".join([*(status.value for status in Status), *([also] if also else [])])
        raise InputError(f"invalid status {word!r}; use one of: {choices}") from None


def require_quotable(excerpt: str) -> None:
    """An excerpt quotes the source: two words at least. One letter or one word is found
    almost anywhere, and would vouch for nothing."""
    words = [word for word in excerpt.split() if any(char.isalnum() for char in word)]
    if len(words) < 2:
        raise InputError(
            f"the excerpt {excerpt[:40]!r} is too short to quote the source; give at least"
            " two words of it (or leave out --excerpt to have the best passage proposed)"
        )
