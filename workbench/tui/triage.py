"""Triage: one claim at a time, the most check-worthy undecided first, one keystroke per
decision, a progress bar of decisions, and a summary at the end (recorded as a review
session) that breaks the walk down and offers the claims left undecided again."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar, Static

from workbench.core import Workbench
from workbench.errors import ConflictError, WorkbenchError
from workbench.models import Claim, ReviewSession, Status
from workbench.tui.evidence import EvidencePane
from workbench.tui.guards import Dialog, GuardedScreen
from workbench.tui.text import visible
from workbench.tui.widgets import WIDE, ArticleView, ReviewFooter

DECISIONS = ("verified", "disputed", "dismissed")
NOT_REACHED = "not reached"
VERDICT = Binding.Group("Verdict", compact=True)  # one place in the footer at 80 columns


class TriageScreen(GuardedScreen[int]):
    """Walk the undecided claims; returns how many were decided."""

    DEFAULT_CSS = """
    TriageScreen #bar { height: 1; background: $panel; layout: horizontal; }
    TriageScreen #bar ProgressBar { width: auto; padding: 0 1; }
    TriageScreen #position { width: 1fr; padding: 0 1; }
    TriageScreen #claim { padding: 0 1; text-style: bold; height: auto; background: $boost; }
    TriageScreen ArticleView { height: 1fr; min-height: 5; }
    TriageScreen EvidencePane { height: auto; max-height: 40%; }
    """
    BINDINGS = [
        Binding("v", "decide('verified')", "Verified", id="triage.verified", group=VERDICT),
        Binding("x", "decide('disputed')", "Disputed", id="triage.disputed", group=VERDICT),
        Binding("s,u", "skip", "Skip", id="triage.skip"),
        Binding("D", "decide('dismissed')", "Dismiss", id="triage.dismiss"),
        Binding("a", "attach", "Attach", id="triage.attach"),
        Binding("r", "rationale", "Rationale", id="triage.rationale"),
        Binding("e", "edit", "Edit", show=False, id="triage.edit"),
        Binding("z", "undo", "Undo", id="triage.undo"),
        Binding("escape,q", "finish", "End", id="triage.end"),
    ]

    def __init__(self, workbench: Workbench, article_id: int) -> None:
        super().__init__()
        self.workbench = workbench
        self.article = workbench.article(article_id)
        claims = workbench.claims(article_id=article_id)
        self.queue: list[Claim] = sorted(
            (c for c in claims if not c.dismissed and not c.status.decided),
            key=lambda c: (-c.checkworthiness, c.position),
        )
        self.index = 0
        self.outcomes: dict[int, str] = {}  # claim id -> verified, disputed, dismissed, skipped
        self.no_evidence_ok = False  # asked once per session, then not again
        self.started = time.monotonic()
        self.session: ReviewSession | None = workbench.start_session(article_id)

    @property
    def decided(self) -> int:
        return sum(outcome in DECISIONS for outcome in self.outcomes.values())

    def compose(self) -> ComposeResult:
        with Vertical(id="bar"):
            yield ProgressBar(total=max(1, len(self.queue)), show_eta=False, id="progress")
            yield Static(id="position")
        yield Static(id="claim")
        yield ArticleView()
        yield EvidencePane(editable=False)
        yield ReviewFooter(WIDE, compact=True)

    def on_mount(self) -> None:
        self._show()

    @property
    def current(self) -> Claim | None:
        return self.queue[self.index] if self.index < len(self.queue) else None

    def _show(self) -> None:
        claim = self.current
        self.query_one(ProgressBar).update(progress=self.decided)
        if claim is None:
            self._finish()
            return
        self.query_one("#position", Static).update(
            Text(f"claim {self.index + 1} of {len(self.queue)} · {self.decided} decided")
        )
        text = Text(visible(claim.text, True))
        if claim.attribution:
            text.append(f"\n— {visible(claim.attribution, True)}", style="italic dim")
        self.query_one("#claim", Static).update(text)
        self.query_one(ArticleView).show(self.article.text, [(s.start, s.end) for s in claim.spans])
        evidence = self.workbench.store.evidence_rows([claim.id])[claim.id]
        self.query_one(EvidencePane).show(claim, evidence)

    def _change(self, claim: Claim, change: str) -> bool:
        try:
            if change == "dismissed":
                self.queue[self.index] = self.workbench.dismiss(claim.id, True, claim.version)
            else:
                result = self.workbench.mark(
                    claim.id, Status(change), expected_version=claim.version
                )
                self.queue[self.index] = result.claim
        except ConflictError as error:
            self.notify(str(error), severity="warning", markup=False)
            self.queue[self.index] = self.workbench.claim(claim.id)
            self._show()
            return False
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True

    def action_decide(self, change: str) -> None:
        claim = self.current
        if claim is None:
            return
        if change != "dismissed" and not self.workbench.store.evidence_count(claim.id):
            if self.workbench.settings.require_evidence:
                self.notify(
                    f"claim {claim.id} has no evidence; require_evidence is set in the config:"
                    " press a to attach a source first",
                    severity="error",
                )
                return
            if not self.no_evidence_ok:
                self._ask_no_evidence(claim, change)
                return
        self._decided(claim, change)

    def _ask_no_evidence(self, claim: Claim, change: str) -> None:
        from workbench.tui.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.no_evidence_ok = True
                self._decided(claim, change)

        question = (
            f"Claim {claim.id} has no evidence attached: mark it {change} anyway? The internal"
            " report flags it. (Asked once in this triage; a attaches a source.)"
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    def _decided(self, claim: Claim, change: str) -> None:
        if self._change(claim, change):
            self.outcomes[claim.id] = change
            self.index += 1
            self._show()

    def action_skip(self) -> None:
        claim = self.current
        if claim is not None:
            self.outcomes.setdefault(claim.id, "skipped")
            self.index += 1
            self._show()

    def _refresh_current(self) -> None:
        claim = self.current
        if claim is not None:
            self.queue[self.index] = self.workbench.claim(claim.id)
            self._show()

    def action_attach(self) -> None:
        from workbench.tui.attach import AttachDialog

        if self.current is not None:
            self.app.push_screen(
                AttachDialog(self.workbench, self.current), lambda _: self._refresh_current()
            )

    def _ask_text(self, title: str, value: str, one_line: bool, change: Any) -> None:
        from workbench.tui.editor import EditorDialog

        claim = self.current
        if claim is None:
            return

        def save(text: str | None) -> None:
            if text is None or text == value:
                return
            try:
                self.queue[self.index] = change(claim, text)
            except WorkbenchError as error:
                self.notify(str(error), severity="error", markup=False)
            self._show()

        self.app.push_screen(EditorDialog(title, value, one_line), save)

    def action_rationale(self) -> None:
        if self.current is not None:
            self._ask_text(
                f"Rationale for claim {self.current.id}",
                self.current.rationale,
                False,
                lambda c, text: self.workbench.set_rationale(c.id, text, c.version),
            )

    def action_edit(self) -> None:
        if self.current is not None:
            self._ask_text(
                f"Edit claim {self.current.id}",
                self.current.text,
                True,
                lambda c, text: self.workbench.edit(c.id, text, c.version),
            )

    def action_undo(self) -> None:
        try:
            event = self.workbench.undo()
        except WorkbenchError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if event.claim_id is not None:
            for position, claim in enumerate(self.queue):
                if claim.id == event.claim_id:
                    self.queue[position] = self.workbench.claim(claim.id)
                    if position < self.index:
                        self.index = position
                        self.outcomes.pop(claim.id, None)
        self.notify(event.summary, title="Undone", markup=False)
        self._show()

    def action_finish(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if self.session is None:
            return
        seconds = time.monotonic() - self.started
        self.workbench.end_session(self.session.id, self.decided)
        self.session = None
        # a claim the walk never reached was not skipped: it is counted apart, and walked
        # again after the skipped ones
        skipped = [c.id for c in self.queue if self.outcomes.get(c.id) == "skipped"]
        left = skipped + [c.id for c in self.queue if c.id not in self.outcomes]
        counts = Counter(self.outcomes.get(c.id, NOT_REACHED) for c in self.queue)

        def closed(again: bool | None) -> None:
            if again and left:
                self._restart(left)
            else:
                self.dismiss(self.decided)

        self.app.push_screen(TriageSummary(counts, seconds), closed)

    def _restart(self, only: list[int]) -> None:
        """A new walk (and session) over the claims skipped, those still undecided."""
        claims = {c.id: c for c in self.workbench.claims(article_id=self.article.id)}
        self.queue = [
            claims[i]
            for i in only
            if i in claims and not claims[i].dismissed and not claims[i].status.decided
        ]
        self.index, self.outcomes, self.started = 0, {}, time.monotonic()
        self.session = self.workbench.start_session(self.article.id)
        self.query_one(ProgressBar).update(total=max(1, len(self.queue)))
        self._show()


class TriageSummary(Dialog[bool]):
    """What the walk decided, by verdict, and the claims left undecided offered again."""

    BINDINGS = [
        Binding("s", "close(True)", "Walk those left"),
        Binding("enter,escape,q", "close(False)", "Back to the claims"),
    ]

    def __init__(self, counts: Counter[str], seconds: float) -> None:
        super().__init__()
        self.counts, self.seconds = counts, seconds

    @property
    def left(self) -> int:
        return self.counts["skipped"] + self.counts[NOT_REACHED]

    def compose(self) -> ComposeResult:
        decided = sum(self.counts[d] for d in DECISIONS)
        minutes, seconds = divmod(int(self.seconds), 60)
        text = Text()
        text.append(f"{decided} decided of {sum(self.counts.values())} in ")
        text.append(f"{minutes}:{seconds:02d}")
        if decided:
            text.append(f", one every {self.seconds / decided:.0f} s")
        text.append("\n\n")
        for outcome in (*DECISIONS, "skipped", NOT_REACHED):
            text.append(f"{self.counts[outcome]:>5}  {outcome}\n")
        hint = "enter returns to the claims"
        if self.left:
            hint = f"s walks the {self.left} left undecided again · " + hint
        with Vertical():
            yield Label(Text("Triage finished"), classes="title")
            yield Static(text, id="breakdown")
            yield Label(Text(hint), classes="hint")

    def action_close(self, again: bool) -> None:
        if self.is_current:
            self.dismiss(again and bool(self.left))
