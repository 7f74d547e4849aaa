"""Modal dialogs of the review screen. Every label that holds data is a Text, never markup."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, LoadingIndicator, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from workbench.core import AttachResult, Candidate, Workbench
from workbench.errors import WorkbenchError
from workbench.models import Claim, Stance
from workbench.tui.text import visible

# The shared look of every dialog is in app.tcss: a screen's DEFAULT_CSS is scoped to it,
# so a rule for ModalScreen written there would match nothing in a subclass.


class TextDialog(ModalScreen[str | None]):
    """One line of text to enter (a rationale, a claim's new wording)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.heading, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.heading), classes="title")
            yield Input(value=visible(self.value, True), placeholder=self.placeholder)
            yield Label(Text("enter to save · escape to cancel"), classes="hint")

    @on(Input.Submitted)
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AttachDialog(ModalScreen[AttachResult | None]):
    """Fetch a source (in a worker), then choose the passage to quote and the stance."""

    DEFAULT_CSS = """
    AttachDialog OptionList { height: auto; max-height: 16; margin-top: 1; }
    AttachDialog Select { width: 24; }
    AttachDialog #status { margin-top: 1; }
    AttachDialog LoadingIndicator { height: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, workbench: Workbench, claim: Claim) -> None:
        super().__init__()
        self.workbench, self.claim = workbench, claim
        self.candidate: Candidate | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Attach a source to claim {self.claim.id}"), classes="title")
            yield Label(Text(visible(self.claim.text, True)), classes="hint")
            with Horizontal(id="row"):
                yield Input(placeholder="https://… or a file path", id="source")
                yield Select(
                    [(stance.value, stance.value) for stance in Stance],
                    value=Stance.SUPPORTS.value,
                    allow_blank=False,
                    id="stance",
                )
            yield LoadingIndicator(id="loading")
            yield Static(id="status")
            yield OptionList(id="passages")
            yield Label(
                Text("enter fetches · then choose the passage to quote · escape cancels"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#loading").display = False
        self.query_one("#passages").display = False

    @on(Input.Submitted, "#source")
    def fetch(self, event: Input.Submitted) -> None:
        source = event.value.strip()
        if not source:
            return
        self.query_one("#loading").display = True
        self._status(f"Fetching {source} …")
        self.fetch_candidate(source)

    @work(thread=True, exclusive=True, group="attach", exit_on_error=False)
    def fetch_candidate(self, source: str) -> Candidate:
        # network and parsing only: the store is touched on the UI thread, after
        return self.workbench.candidate(self.claim.text, source)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "attach":
            return
        if event.state == WorkerState.SUCCESS:
            self.query_one("#loading").display = False
            self.candidate = event.worker.result
            self._offer(self.candidate)
        elif event.state == WorkerState.ERROR:
            self.query_one("#loading").display = False
            error = event.worker.error
            message = str(error) if isinstance(error, WorkbenchError) else repr(error)
            self._status(f"Could not fetch: {message}", error=True)
            self.notify(message, title="Fetch failed", severity="error", markup=False)

    def _offer(self, candidate: Candidate | None) -> None:
        if candidate is None:
            return
        document = candidate.document
        title = document.title or document.final_url or document.requested
        self._status(f"{title} — choose the passage to quote")
        options = self.query_one("#passages", OptionList)
        options.clear_options()
        for index, passage in enumerate(candidate.passages):
            line = Text()
            if passage.verdict is not None:
                colour = {"match": "green", "near": "yellow", "mismatch": "red"}.get(
                    passage.verdict.value, "dim"
                )
                line.append(f"[{passage.verdict.value}] ", style=f"bold {colour}")
            line.append(visible(passage.text, True))
            options.add_option(Option(line, id=str(index)))
        options.add_option(
            Option(Text("(keep the source without an excerpt)", style="dim"), id="none")
        )
        options.display = True
        options.focus()
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#passages")
    def keep(self, event: OptionList.OptionSelected) -> None:
        if self.candidate is None:
            return
        stance = Stance(str(self.query_one("#stance", Select).value))
        option_id = event.option.id or "none"
        excerpt = None if option_id == "none" else self.candidate.passages[int(option_id)].text
        if option_id == "none":
            self.candidate.passages = []
        try:
            result = self.workbench.keep_evidence(self.claim.id, self.candidate, stance, excerpt)
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.dismiss(result)

    def _status(self, message: str, error: bool = False) -> None:
        self.query_one("#status", Static).update(
            Text(visible(message, True), style="red" if error else "")
        )

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "attach")
        self.dismiss(None)


class SplitDialog(ModalScreen[int | None]):
    """Choose where to split a claim, between two words of its article text."""

    DEFAULT_CSS = "SplitDialog .part { margin: 1 0 0 0; }"
    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier"),
        Binding("right,l", "move(1)", "Later"),
        Binding("enter", "split", "Split here"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, claim: Claim, article: str) -> None:
        super().__init__()
        self.claim = claim
        self.words: list[tuple[int, int]] = [
            (s + m.start(), s + m.end())
            for span in claim.spans
            for s, e in [(span.start, span.end)]
            for m in re.finditer(r"\S+", article[s:e])
        ]
        self.article = article
        self.at = max(1, len(self.words) // 2)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Split claim {self.claim.id}"), classes="title")
            yield Static(id="first", classes="part")
            yield Static(id="second", classes="part")
            yield Label(Text("←/→ move the split · enter splits · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        first = " ".join(self.article[s:e] for s, e in self.words[: self.at])
        second = " ".join(self.article[s:e] for s, e in self.words[self.at :])
        self.query_one("#first", Static).update(Text("1 │ " + visible(first, True), style="bold"))
        self.query_one("#second", Static).update(Text("2 │ " + visible(second, True)))

    def action_move(self, delta: int) -> None:
        if len(self.words) > 1:
            self.at = max(1, min(len(self.words) - 1, self.at + delta))
            self._show()

    def action_split(self) -> None:
        self.dismiss(self.words[self.at][0] if len(self.words) > 1 else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SearchDialog(ModalScreen[str | None]):
    """Filter the claims by words as you type; enter keeps the filter, escape clears it."""

    BINDINGS = [Binding("escape", "cancel", "Clear")]

    def __init__(self, value: str, on_change: Any) -> None:
        super().__init__()
        self.value, self.on_change = value, on_change

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(value=self.value, placeholder="filter claims: words to find")
            yield Label(Text("enter keeps the filter · escape clears it"), classes="hint")

    @on(Input.Changed)
    def changed(self, event: Input.Changed) -> None:
        self.on_change(event.value)

    @on(Input.Submitted)
    def keep(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.on_change("")
        self.dismiss("")


class ClaimDetail(ModalScreen[None]):
    """Everything about one claim: wording, spans, decision, evidence, history."""

    DEFAULT_CSS = "ClaimDetail VerticalScroll { height: auto; max-height: 40; }"
    BINDINGS = [Binding("escape,enter,q", "close", "Close")]

    def __init__(self, workbench: Workbench, claim: Claim) -> None:
        super().__init__()
        self.workbench, self.claim = workbench, claim

    def compose(self) -> ComposeResult:
        claim = self.claim
        article = self.workbench.article(claim.article_id)
        evidence = self.workbench.store.evidence_rows([claim.id])[claim.id]
        text = Text()
        text.append(f"Claim {claim.id}\n", style="bold")
        text.append(visible(claim.text, True) + "\n\n")
        if claim.original_text != claim.text:
            text.append("As extracted: ", style="dim")
            text.append(visible(claim.original_text, True) + "\n")
        text.append(f"{claim.kind.value} · check-worthiness {claim.checkworthiness:.2f}")
        text.append(f" · {claim.status.value}")
        text.append(f" · version {claim.version}\n", style="dim")
        for span in claim.spans:
            text.append(f"[{span.start}-{span.end}] ", style="dim")
            text.append(visible(article.text[span.start : span.end], True) + "\n")
        if claim.attribution:
            text.append(f"Attributed to: {visible(claim.attribution, True)}\n")
        if claim.rationale:
            text.append(f"Rationale: {visible(claim.rationale, True)}\n")
        text.append(f"\nEvidence ({len(evidence)})\n", style="bold")
        for item in evidence:
            text.append(f"{item['stance']}: ", style="bold")
            text.append(
                visible(f"{item['title'] or ''} {item['final_url'] or item['requested']}", True)
                + "\n"
            )
            text.append(
                f"  sha256 {item['raw_sha256']} · fetched {item['fetched_at'][:16]}\n", style="dim"
            )
            if item["excerpt"]:
                text.append("  “" + visible(item["excerpt"], True) + "”\n", style="italic")
        text.append("\nHistory\n", style="bold")
        for event in self.workbench.history(claim_id=claim.id):
            text.append(f"{event.at:%Y-%m-%d %H:%M} {visible(event.actor, True)}: ", style="dim")
            text.append(visible(event.summary, True) + "\n")
        with Vertical():
            with VerticalScroll():
                yield Static(text)
            yield Label(Text("escape closes"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen below, with what it does."""

    DEFAULT_CSS = "HelpScreen VerticalScroll { height: auto; max-height: 40; }"
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        text = Text()
        for keys, description in self.bindings:
            text.append(f"{keys:>14}  ", style="bold")
            text.append(description + "\n")
        text.append("\nctrl+p opens the command palette; the mouse works too.", style="dim")
        with Vertical():
            yield Label(Text("Keys"), classes="title")
            with VerticalScroll():
                yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
