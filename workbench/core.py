"""The core: everything a user can do, as functions both faces (CLI, TUI) call.

Input is read before the database is opened and extracted before anything is written,
so bad input never touches it; each change is one transaction in the store, with its
event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from workbench.config import Settings
from workbench.errors import InputError, WorkbenchError
from workbench.ids import parse_id
from workbench.models import (
    Article,
    ArticleDraft,
    ArticleProgress,
    Claim,
    ClaimDraft,
    Event,
    Evidence,
    Kind,
    ReviewSession,
    Snapshot,
    Source,
    Span,
    Stance,
    Status,
)
from workbench.store import Store

if TYPE_CHECKING:
    # Fetching, reading and ranking load where they are used (attach, recheck, import):
    # the review screen opens without them.
    from workbench.evidence import Passage
    from workbench.known.match import Match, Matcher
    from workbench.known.service import FactcheckImport
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


def parse_status(word: str) -> Status:
    try:
        return Status(word.strip().lower())
    except ValueError:
        choices = ", ".join(status.value for status in Status)
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

    def claims(
        self, article_id: int | None = None, status: Status | None = None, drifted: bool = False
    ) -> list[Claim]:
        if article_id is not None:
            self.store.get_article(article_id)
        return self.store.claims(article_id=article_id, status=status, drifted=drifted)

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
                f" the report will flag it (attach a source: workbench attach {claim_id} URL)"
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
        """Add a claim by hand from characters [start, end) of an article; its wording is
        those words unless `text` is given; kind and check-worthiness as extracted."""
        from workbench.extract import checkworthy
        from workbench.extract.rules import finish
        from workbench.extract.score import features, kind_of

        article = self.store.get_article(article_id)
        if not 0 <= start < end <= len(article.text):
            raise InputError(
                f"characters {start}-{end} are outside article {article_id} (0-{len(article.text)})"
            )
        wording = finish(article.text[start:end] if text is None else text)
        if not wording.strip(".").strip():
            raise InputError("a claim needs words")
        facts = features(wording)
        draft = ClaimDraft(
            text=wording,
            spans=[Span(start=start, end=end)],
            kind=kind or kind_of(facts, wording, False, False),
            checkworthiness=checkworthy.score([wording])[0],
        )
        return self.store.get_claim(self.store.add_claim(article_id, draft, self.reviewer))

    def split(self, claim_id: int, at: int, expected_version: int | None = None) -> tuple[int, int]:
        """Split a claim at an article offset into two claims, each with its spans and
        worded as a claim of its own."""
        from workbench.extract.rules import finish

        return self.store.split_claim(claim_id, at, self.reviewer, expected_version, finish)

    def merge(
        self,
        first_id: int,
        second_id: int,
        expected_versions: tuple[int | None, int | None] = (None, None),
    ) -> int:
        """Merge the second claim into the first (text, spans and evidence)."""
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

    # -- sources and evidence ---------------------------------------------------

    def attach(
        self,
        claim_id: int,
        source: str,
        stance: Stance = Stance.CONTEXT,
        excerpt: str | None = None,
        note: str = "",
    ) -> AttachResult:
        """Fetch (or read) SOURCE, keep it, and link it to the claim as evidence. Without
        an excerpt, the passage that best bears on the claim is quoted."""
        claim = self.store.get_claim(claim_id)  # an unknown claim fails before any fetch
        published = self.store.get_article(claim.article_id).published
        if excerpt is not None:
            require_quotable(excerpt)  # and so does an excerpt that cannot be a quote
        return self.keep_evidence(
            claim_id, self.candidate(claim.text, source, published), stance, excerpt, note
        )

    def candidate(self, claim_text: str, source: str, published: str | None = None) -> Candidate:
        """Fetch (or read) SOURCE and rank its passages for the claim. No database: the
        TUI runs this in a worker thread. `published` is the article's date."""
        from workbench.evidence import rank_passages
        from workbench.numbers import as_date
        from workbench.sources import read_document

        document = read_document(source, self.settings)
        passages = rank_passages(
            claim_text,
            document.text,
            claim_date=as_date(published),
            source_date=as_date(document.published),
        )
        return Candidate(document, passages)

    def keep_evidence(
        self,
        claim_id: int,
        candidate: Candidate,
        stance: Stance = Stance.CONTEXT,
        excerpt: str | None = None,
        note: str = "",
    ) -> AttachResult:
        """Keep a fetched candidate as evidence of the claim, quoting `excerpt` (which
        must be in the source) or else the best passage."""
        from workbench.evidence import locate_excerpt
        from workbench.numbers import as_date, check_figures

        claim = self.store.get_claim(claim_id)
        document, passages = candidate.document, candidate.passages
        warning = None
        if excerpt is not None:
            require_quotable(excerpt)
            span = locate_excerpt(excerpt, document.text)
            if span is None:
                raise InputError(
                    "the excerpt is not in the source's text; copy it from the source"
                    " (`workbench attach` without --excerpt proposes the best passage)"
                )
            quoted = document.text[span[0] : span[1]]
        elif passages:
            span, quoted = (passages[0].start, passages[0].end), passages[0].text
        else:
            span, quoted = None, ""
            warning = "no passage of the source shares the claim's words; kept without excerpt"
        evidence = self.store.attach(claim_id, document, stance, quoted, span, note, self.reviewer)
        dates = (
            as_date(self.store.get_article(claim.article_id).published),
            as_date(document.published),
        )
        verdict, checks = check_figures(claim.text, quoted, *dates) if quoted else (None, [])
        source = self.store.get_source(evidence.source_id)
        return AttachResult(evidence, source, passages, verdict, checks, warning)

    def evidence_item(self, evidence_id: int) -> dict[str, Any]:
        """One evidence item with its source, drift, and the claim's figures checked."""
        from workbench.editing import evidence_item

        return evidence_item(self, evidence_id)

    def edit_evidence(
        self,
        evidence_id: int,
        stance: Stance | None = None,
        excerpt: str | None = None,
        note: str | None = None,
    ) -> dict[str, Any]:
        """Change an evidence item's stance, excerpt (in the snapshot it quotes) or note."""
        from workbench.editing import edit_evidence

        return edit_evidence(self, evidence_id, stance, excerpt, note)

    def detach(self, evidence_id: int) -> Evidence:
        """Detach an evidence item from its claim (the source stays kept)."""
        return self.store.detach(evidence_id, self.reviewer)

    def export_warc(self, path: Path) -> int:
        """Every kept snapshot to a WARC 1.1 file, streamed; returns how many."""
        from workbench.warc import write_warc

        return write_warc(path, self.store.each_snapshot())

    def sources(self) -> list[tuple[Source, int]]:
        return self.store.sources()

    def recheck(
        self,
        keys: list[str] | None = None,
        on_result: Callable[[RecheckResult], None] | None = None,
    ) -> list[RecheckResult]:
        """Fetch kept sources again; a changed one gets a new snapshot beside the old.
        Each source is committed as it arrives, and handed to `on_result` then, so that
        a caller stopped half-way can say which were kept."""
        from workbench.sources import each_document

        if keys:
            chosen = [self._source_for(key) for key in keys]
        else:
            chosen = [source for source, _ in self.store.sources()]
        results: list[RecheckResult | None] = [None] * len(chosen)

        def keep(index: int, document: Document | WorkbenchError) -> None:
            # kept as each arrives: the documents of a batch are never all in memory
            source = chosen[index]
            if isinstance(document, WorkbenchError):
                results[index] = RecheckResult(
                    source.requested, source.id, "failed", error=str(document)
                )
                return
            from workbench.editing import source_drift

            document.requested = source.requested
            drift = source_drift(self, source, document)
            previous, current = self.store.keep_recheck_with_drift(document, self.reviewer, drift)
            result = results[index] = self._drift(source, previous, current, drift)
            if on_result is not None:
                on_result(result)

        each_document([source.requested for source in chosen], self.settings, keep)
        return [result for result in results if result is not None]

    def _source_for(self, key: str) -> Source:
        from workbench.sources import source_key

        if key.strip().lstrip("#").isdigit():  # any digits: "²" is refused, not looked up
            return self.store.get_source(parse_id(key, "source"))
        return self.store.get_source(source_key(key))

    def _drift(
        self, source: Source, previous: Snapshot | None, current: Snapshot, drift: list[Any]
    ) -> RecheckResult:
        if previous is None or previous.id == current.id:
            return RecheckResult(source.requested, source.id, "unchanged", previous, current)
        old = self.store.snapshot_text(previous.id)
        new = self.store.snapshot_text(current.id)
        old_lines, new_lines = set(old.splitlines()), set(new.splitlines())
        lost = [item.evidence_id for item in drift if item.state == "gone"]
        return RecheckResult(
            source.requested,
            source.id,
            "changed",
            previous,
            current,
            added=[line for line in new.splitlines() if line not in old_lines and line.strip()],
            removed=[line for line in old.splitlines() if line not in new_lines and line.strip()],
            lost_excerpts=lost,
            moved_excerpts=[item.evidence_id for item in drift if item.state == "moved"],
        )

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
        """How many of the article's claims strongly match an earlier check."""
        from workbench.known.service import checked_before

        return checked_before(self, article_id)
