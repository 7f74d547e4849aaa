"""The core's sources and evidence: fetch and keep a source, link it to a claim, edit and
detach evidence, recheck for drift, export the kept copies. A part of `Workbench`
(workbench.core), kept in its own module by concern."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from workbench.config import Settings
from workbench.errors import InputError, WorkbenchError
from workbench.ids import parse_id
from workbench.models import Evidence, Snapshot, Source, Stance
from workbench.results import AttachResult, Candidate, RecheckResult, require_quotable

if TYPE_CHECKING:
    from workbench.core import Workbench
    from workbench.sources import Document
    from workbench.store import Store


class SourcesAndEvidence:
    """Mixed into Workbench, which gives it `settings`, `store` and `reviewer`."""

    settings: Settings

    if TYPE_CHECKING:

        @property
        def store(self) -> Store: ...

        @property
        def reviewer(self) -> str: ...

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

        return evidence_item(cast("Workbench", self), evidence_id)

    def edit_evidence(
        self,
        evidence_id: int,
        stance: Stance | None = None,
        excerpt: str | None = None,
        note: str | None = None,
    ) -> dict[str, Any]:
        """Change an evidence item's stance, excerpt (in the snapshot it quotes) or note."""
        from workbench.editing import edit_evidence

        return edit_evidence(cast("Workbench", self), evidence_id, stance, excerpt, note)

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
            drift = source_drift(cast("Workbench", self), source, document)
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
