"""Triage: one claim at a time, the most check-worthy undecided first, one keystroke per
decision, a progress bar, and a summary at the end, recorded as a review session."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, ProgressBar, Static

from workbench.core import Workbench
from workbench.errors import ConflictError, WorkbenchError
from workbench.models import Claim, ReviewSession, Status
from workbench.tui.editor import EditorDialog
from workbench.tui.evidence import EvidencePane
from workbench.tui.text import visible
from workbench.tui.widgets import ArticleView


class TriageScreen(Screen[int]):
    """Walk the undecided claims; returns how many were decided."""

    DEFAULT_CSS = """
    TriageScreen #bar { height: 1; background: $panel; }
    TriageScreen #bar ProgressBar { width: 1fr; padding: 0 1; }
    TriageScreen #claim { padding: 1 2; text-style: bold; height: auto; background: $boost; }
    TriageScreen ArticleView { height: 1fr; }
    TriageScreen EvidencePane { height: 1fr; }
    """
    BINDINGS = [
        Binding("v", "decide('verified')", "Verified", id="triage.verified"),
        Binding("x", "decide('disputed')", "Disputed", id="triage.disputed"),
        Binding("s,u", "skip", "Skip", id="triage.skip"),
        Binding("D", "dismiss_claim", "Dismiss", id="triage.dismiss"),
        Binding("r", "rationale", "Rationale", id="triage.rationale"),
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
        self.decided = 0
        self.started = time.monotonic()
        self.session: ReviewSession | None = workbench.start_session(article_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="bar"):
            yield ProgressBar(total=max(1, len(self.queue)), show_eta=False, id="progress")
        yield Static(id="claim")
        yield ArticleView()
        yield EvidencePane(editable=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def current(self) -> Claim | None:
        return self.queue[self.index] if self.index < len(self.queue) else None

    def _show(self) -> None:
        claim = self.current
        self.query_one(ProgressBar).update(progress=self.index)
        if claim is None:
            self._finish()
            return
        text = Text(f"{self.index + 1} of {len(self.queue)}  ", style="dim")
        text.append(visible(claim.text, True))
        if claim.attribution:
            text.append(f"\n— {visible(claim.attribution, True)}", style="italic dim")
        self.query_one("#claim", Static).update(text)
        self.query_one(ArticleView).show(self.article.text, [(s.start, s.end) for s in claim.spans])
        evidence = self.workbench.store.evidence_rows([claim.id])[claim.id]
        self.query_one(EvidencePane).show(claim, evidence)

    def _change(self, claim: Claim, change: str) -> bool:
        try:
            if change == "dismiss":
                self.queue[self.index] = self.workbench.dismiss(claim.id, True, claim.version)
            else:
                result = self.workbench.mark(
                    claim.id, Status(change), expected_version=claim.version
                )
                self.queue[self.index] = result.claim
        except ConflictError as error:
            self.notify(str(error), severity="warning", markup=False)
            self.queue[self.index] = self.workbench.claim(claim.id)
            return False
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        return True

    def action_decide(self, status: str) -> None:
        claim = self.current
        if claim is not None and self._change(claim, status):
            self.decided += 1
            self.index += 1
            self._show()

    def action_dismiss_claim(self) -> None:
        claim = self.current
        if claim is not None and self._change(claim, "dismiss"):
            self.decided += 1
            self.index += 1
            self._show()

    def action_skip(self) -> None:
        if self.current is not None:
            self.index += 1
            self._show()

    def action_rationale(self) -> None:
        claim = self.current
        if claim is None:
            return

        def save(text: str | None) -> None:
            if text is None:
                return
            try:
                self.queue[self.index] = self.workbench.set_rationale(claim.id, text, claim.version)
            except WorkbenchError as error:
                self.notify(str(error), severity="error", markup=False)
            self._show()

        self.app.push_screen(EditorDialog(f"Rationale for claim {claim.id}", claim.rationale), save)

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
                        self.decided = max(0, self.decided - 1)
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
        self.app.push_screen(
            TriageSummary(self.decided, len(self.queue), seconds),
            lambda _: self.dismiss(self.decided),
        )


class TriageSummary(ModalScreen[None]):
    BINDINGS = [Binding("enter,escape,q", "close", "Close")]

    def __init__(self, decided: int, total: int, seconds: float) -> None:
        super().__init__()
        self.decided, self.total, self.seconds = decided, total, seconds

    def compose(self) -> ComposeResult:
        minutes, seconds = divmod(int(self.seconds), 60)
        pace = f"{self.seconds / self.decided:.1f} s per claim" if self.decided else "no decision"
        with Vertical():
            yield Label(Text("Triage finished"), classes="title")
            duration = f"{minutes}:{seconds:02d}"
            yield Static(
                Text(f"Decided {self.decided} of {self.total} claims in {duration} — {pace}.")
            )
            yield Label(Text("enter returns to the claims"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
