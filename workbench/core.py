"""The core: everything a user can do, as functions both faces (CLI, TUI) call.

Reading and extraction happen before the database is opened, so bad input never
touches it; each change is one transaction in the store, with its event.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

from workbench.config import Settings
from workbench.errors import InputError
from workbench.extract import get_extractor
from workbench.ingest import read_source
from workbench.models import Article, ArticleDraft, ArticleProgress, Claim, Event, Status
from workbench.store import Store


@dataclass
class ImportResult:
    article: Article
    claims: int
    created: bool


@dataclass
class MarkResult:
    claim: Claim
    warning: str | None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_status(word: str) -> Status:
    try:
        return Status(word.strip().lower())
    except ValueError:
        choices = ", ".join(status.value for status in Status)
        raise InputError(f"invalid status {word!r}; use one of: {choices}") from None


class Workbench:
    """A reviewer's handle on one database."""

    def __init__(self, settings: Settings, db_path: Path | None = None):
        self.settings = settings
        self.db_path = Path(db_path) if db_path else settings.database_path()

    @cached_property
    def store(self) -> Store:
        if self.db_path == self.settings.database_path() and self.settings.db is None:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        return Store(self.db_path)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]

    @property
    def reviewer(self) -> str:
        return self.settings.reviewer

    # -- articles -------------------------------------------------------------

    def read(
        self,
        source: str,
        *,
        stdin: BinaryIO | None = None,
        encoding: str | None = None,
        **metadata: Any,
    ) -> ArticleDraft:
        """Read SOURCE (file, URL, "-") into a draft; metadata given here wins."""
        draft = read_source(source, self.settings, stdin=stdin, encoding=encoding)
        given = {key: value for key, value in metadata.items() if value}
        return draft.model_copy(update=given)

    def import_draft(self, draft: ArticleDraft, extractor: str | None = None) -> ImportResult:
        """Store an article and its extracted claims (or find the same text already there)."""
        sha = text_sha256(draft.text)
        existing = self.store.find_article(sha)
        if existing is not None:
            return ImportResult(existing, len(self.store.claims(existing.id)), created=False)
        engine = get_extractor(extractor)
        drafts = engine.extract(draft.text)
        article, created = self.store.add_article(
            draft, sha, f"{engine.name}/{engine.version}", drafts, self.reviewer
        )
        return ImportResult(article, len(self.store.claims(article.id)), created)

    def import_source(self, source: str, **options: Any) -> ImportResult:
        return self.import_draft(self.read(source, **options))

    def articles(self) -> list[ArticleProgress]:
        return self.store.articles()

    def article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    # -- claims ---------------------------------------------------------------

    def claims(self, article_id: int | None = None, status: Status | None = None) -> list[Claim]:
        if article_id is not None:
            self.store.get_article(article_id)
        return self.store.claims(article_id=article_id, status=status)

    def claim(self, claim_id: int) -> Claim:
        return self.store.get_claim(claim_id)

    def evidence_count(self, claim_id: int) -> int:
        return self.store.evidence_count(claim_id)

    def mark(
        self,
        claim_id: int,
        status: Status,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> MarkResult:
        """Set a claim's status (and rationale). Deciding with no evidence is allowed
        but comes back with a warning."""
        changes: dict[str, Any] = {"status": status.value}
        if note is not None:
            changes["rationale"] = note
        claim = self.store.update_claim(
            claim_id,
            changes,
            self.reviewer,
            action="status",
            summary=f"claim {claim_id} marked {status.value}",
            expected_version=expected_version,
        )
        warning = None
        if status.decided and self.store.evidence_count(claim_id) == 0:
            warning = (
                f"claim {claim_id} is {status.value} with no evidence attached;"
                f" the report will flag it (attach a source: workbench attach {claim_id} URL)"
            )
        return MarkResult(claim, warning)

    def history(self, claim_id: int | None = None, limit: int | None = None) -> list[Event]:
        return self.store.events(claim_id=claim_id, limit=limit)

    def undo(self) -> Event:
        return self.store.undo(self.reviewer)
