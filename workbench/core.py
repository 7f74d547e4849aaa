"""The core: everything a user can do, as functions both faces (CLI, TUI) call.

Input is read before the database is opened and extracted before anything is written,
so bad input never touches it; each change is one transaction in the store, with its
event.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from workbench.config import Settings
from workbench.core_sources import SourcesAndEvidence
from workbench.errors import InputError
from workbench.models import (
    Article,
    ArticleDraft,
    ArticleProgress,
    Claim,
    ClaimDraft,
    Event,
    Kind,
    ReviewSession,
    Span,
    Status,
)
from workbench.reshape import describe_claim, refuse_repeat

# what the operations give back, and the parsers both faces share: imported from here
from workbench.results import (  # noqa: F401
    AttachResult,
    Candidate,
    ImportResult,
    MarkResult,
    RecheckResult,
    parse_stance,
    parse_status,
    require_quotable,
    text_sha256,
)
from workbench.store import Store
from workbench.words import require_whole_words

if TYPE_CHECKING:
    # Matching loads where it is used: the review screen opens without it.
    from workbench.known.match import Match, Matcher
    from workbench.known.service import FactcheckImport
    from workbench.reshape import SplitProposal


class Workbench(SourcesAndEvidence):
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
        from workbench.ingest import read_source
        from workbench.weburl import require_web_url

        if metadata.get("url"):  # before reading: a bad --url fails without a fetch
            require_web_url(metadata["url"], "--url")
        draft = read_source(source, self.settings, stdin=stdin, encoding=encoding)
        given = {key: value for key, value in metadata.items() if value}
        return draft.model_copy(update=given)

    def import_draft(self, draft: ArticleDraft, extractor: str | None = None) -> ImportResult:
        """Store an article and its extracted claims (or find the same text already there)."""
        sha = text_sha256(draft.text)
        existing = self.store.find_article(sha)
        if existing is not None:
            return ImportResult(existing, self._claim_count(existing.id), created=False)
        from workbench.extract import get_extractor  # the rules load only when extracting
        from workbench.extract.base import extract_for, notes_of

        engine = get_extractor(extractor)
        drafts = extract_for(engine, draft.text, draft.published)
        article, created = self.store.add_article(
            draft, sha, f"{engine.name}/{engine.version}", drafts, self.reviewer
        )
        return ImportResult(article, self._claim_count(article.id), created, notes_of(engine))

    def _claim_count(self, article_id: int) -> int:
        return sum(self.store.status_counts(article_id).values())

    def import_source(self, source: str, **options: Any) -> ImportResult:
        return self.import_draft(self.read(source, **options))

    def articles(self) -> list[ArticleProgress]:
        return self.store.articles()

    def article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    # -- claims ---------------------------------------------------------------

    def claims(self, article_id: int | None = None, **filters: Any) -> list[Claim]:
        """Claims, most check-worthy first; `filters`: status, dismissed, drifted."""
        if article_id is not None:
            self.store.get_article(article_id)
        return self.store.claims(article_id, **filters)

    def claim(self, claim_id: int) -> Claim:
        return self.store.get_claim(claim_id)

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
        from workbench.publish import unrate_for_status

        if unrate_for_status(self.store.get_claim(claim_id), status, self.settings.scales()):
            changes.update(rating=None, rating_scale=None)  # a rating that says otherwise goes
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
                f" the internal report flags it (attach a source: workbench attach {claim_id} URL)"
            )
        return MarkResult(claim, warning)

    def rate(
        self,
        claim_id: int,
        label: str,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> Claim:
        """Rate a claim on the desk's scale (workbench.publish.rate)."""
        from workbench.publish import rate

        return rate(self.store, self.settings, claim_id, label, note, expected_version)

    def approve(
        self, claim_id: int, withdraw: bool = False, expected_version: int | None = None
    ) -> Claim:
        """Sign off a claim's verdict as a second reviewer (workbench.publish.approve)."""
        from workbench.publish import approve

        return approve(self.store, self.settings, claim_id, withdraw, expected_version)

    def set_rationale(self, claim_id: int, text: str, expected_version: int | None = None) -> Claim:
        return self.store.update_claim(
            claim_id,
            {"rationale": text},
            self.reviewer,
            "rationale",
            f"rationale of claim {claim_id}",
            expected_version,
        )

    def edit(self, claim_id: int, text: str, expected_version: int | None = None) -> Claim:
        """Change a claim's wording (the original stays in original_text and in history)."""
        if not text.strip():
            raise InputError("a claim cannot be empty; dismiss it instead (D)")
        # the stored wording given back unchanged is no change (no event), even when its
        # spacing is not what an edit would store
        wording = text if text == self.store.get_claim(claim_id).text else " ".join(text.split())
        return self.store.update_claim(
            claim_id,
            {"text": wording},
            self.reviewer,
            "edit",
            f"edited claim {claim_id}",
            expected_version,
        )

    def dismiss(
        self, claim_id: int, dismissed: bool = True, expected_version: int | None = None
    ) -> Claim:
        """Mark a claim not check-worthy (kept, listed last, left out of reports)."""
        word = "dismissed" if dismissed else "restored"
        return self.store.update_claim(
            claim_id,
            {"dismissed": int(dismissed)},
            self.reviewer,
            "dismiss",
            f"{word} claim {claim_id}",
            expected_version,
        )

    def add_claim(
        self,
        article_id: int,
        start: int,
        end: int,
        text: str | None = None,
        kind: Kind | None = None,
    ) -> Claim:
        """Add a claim by hand from characters [start, end) of an article, which must not
        cut a word; its wording is those words unless `text` is given; kind and
        check-worthiness as extracted."""
        from workbench.extract.rules import finish

        article = self.store.get_article(article_id)
        if not 0 <= start < end <= len(article.text):
            raise InputError(
                f"characters {start}-{end} are outside article {article_id} (0-{len(article.text)})"
            )
        require_whole_words(article.text, start, end)  # spans point at whole words
        while article.text[start].isspace() and start < end - 1:
            start += 1  # a space at either edge is no word of the claim
        while article.text[end - 1].isspace() and end > start + 1:
            end -= 1
        wording = finish(article.text[start:end] if text is None else text)
        if not wording.strip(".").strip():
            raise InputError("a claim needs words")
        facts = describe_claim(wording, False)
        draft = ClaimDraft(
            text=wording,
            spans=[Span(start=start, end=end)],
            kind=kind or Kind(facts["kind"]),
            checkworthiness=facts["checkworthiness"],
        )
        return self.store.get_claim(self.store.add_claim(article_id, draft, self.reviewer))

    def split(
        self,
        claim_id: int,
        at: int,
        expected_version: int | None = None,
        texts: tuple[str, str] | None = None,
    ) -> tuple[int, int]:
        """Split a claim in two at an article offset, worded `texts`; both unverified."""
        from workbench.extract.rules import finish

        claim = self.store.get_claim(claim_id)
        refuse_repeat(self.store.get_article(claim.article_id).text, claim.span_pairs())
        attributed = claim.attribution is not None
        return self.store.split_claim(
            claim_id,
            at,
            self.reviewer,
            expected_version,
            finish,
            texts,
            lambda text: describe_claim(text, attributed),
        )

    def split_proposals(self, claim_id: int) -> list[SplitProposal]:
        """The extractor's clause boundaries in the claim's words; loads the parser."""
        from workbench.reshape import split_proposals

        claim = self.store.get_claim(claim_id)
        return split_proposals(self.store.get_article(claim.article_id).text, claim.span_pairs())

    def merge(
        self,
        first_id: int,
        second_id: int,
        expected_versions: tuple[int | None, int | None] = (None, None),
    ) -> int:
        """Merge the second claim into the first (text, spans and evidence); the merged
        claim starts unverified (history keeps both verdicts)."""
        return self.store.merge_claims(first_id, second_id, self.reviewer, expected_versions)

    def start_session(self, article_id: int | None) -> ReviewSession:
        return self.store.start_session(self.reviewer, article_id)

    def end_session(self, session_id: int, decided: int) -> ReviewSession:
        return self.store.end_session(session_id, decided)

    def last_position(self, article_id: int) -> int | None:
        """The claim this reviewer was last on in the article (the screen reopens there)."""
        return self.store.last_position(self.reviewer, article_id)

    def remember_position(self, article_id: int, claim_id: int) -> None:
        self.store.remember_position(self.reviewer, article_id, claim_id)

    def history(self, claim_id: int | None = None, limit: int | None = None) -> list[Event]:
        return self.store.events(claim_id=claim_id, limit=limit)

    def undo(self, confirm: int | None = None) -> Event:
        """Undo this reviewer's latest change. Undoing an import (which deletes the
        article) raises ConfirmationNeeded unless `confirm` names that event."""
        return self.store.undo(self.reviewer, confirm)

    def redo(self) -> Event:
        """Apply again the change this reviewer's latest undo reverted."""
        return self.store.redo(self.reviewer)

    def search(self, query: str, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        if not query.strip():
            raise InputError("give words to search for")
        found = self.store.search(query, limit)
        from workbench.known.service import search_factchecks

        found["factchecks"] = search_factchecks(self.store, query, limit)
        return found

    # -- known claims (workbench.known: loaded only when used) --------------------

    def import_factchecks(self, source: str, stdin: BinaryIO | None = None) -> FactcheckImport:
        """Import ClaimReview fact-checks from a file, "-" or a URL; all or nothing."""
        from workbench.known.service import import_factchecks, read_feed

        raw = read_feed(source, self.settings, stdin)
        origin = "stdin" if source == "-" else source
        return import_factchecks(self.store, raw, origin, self.reviewer)

    def factchecks(self, limit: int | None = None) -> list[dict[str, Any]]:
        return self.store.factchecks(limit)

    @cached_property
    def matcher(self) -> Matcher:
        from workbench.known.match import Matcher

        return Matcher(self.store)

    def similar(self, claim_id: int, limit: int = 5) -> list[Match]:
        """Fact-checks and decided claims of other articles that the claim repeats."""
        claim = self.store.get_claim(claim_id)
        return self.matcher.match(
            claim.text, limit=limit, exclude_article=claim.article_id, exclude_claim=claim.id
        )

    def match_text(self, text: str, limit: int = 5) -> list[Match]:
        return self.matcher.match(text, limit=limit)

    def adopt(self, claim_id: int, kind: str, ref: int) -> AttachResult | MarkResult:
        """Adopt a match: a fact-check as evidence, or an earlier claim's decision."""
        from workbench.known.adopt import adopt_claim, adopt_factcheck

        if kind == "factcheck":
            return adopt_factcheck(self, claim_id, ref)
        return adopt_claim(self, claim_id, ref)

    def checked_before(self, article_id: int) -> int:
        """Find and keep the matches of the article's claims; how many are strong."""
        from workbench.known.service import checked_before

        return checked_before(self, article_id)

    def recheck_matches(self) -> int:
        """Match every undecided claim again (after fact-checks were imported)."""
        from workbench.known.service import recheck_undecided

        return recheck_undecided(self)

    def refresh_matches(self, claim_id: int, limit: int = 3) -> list[Match]:
        """The claim's matches found now, kept when they differ from the stored ones."""
        from workbench.known.service import refresh_matches

        return refresh_matches(self, claim_id, limit)

    def strongly_matched(self, article_id: int) -> set[int]:
        """Claims of the article with a kept strong match (read, never computed)."""
        return self.store.strongly_matched_claims(article_id)

    def kept_matches(self, claim_id: int) -> list[Match]:
        """The matches kept for a claim when it or the fact-checks were imported."""
        from workbench.known.results import described

        return described(self.store, self.store.stored_matches(claim_id))
