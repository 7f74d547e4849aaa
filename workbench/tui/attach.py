"""The attach dialog: fetch a source in a worker, then choose the passage to quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from workbench.core import AttachResult, Candidate, Workbench
from workbench.errors import WorkbenchError
from workbench.models import Claim, Stance
from workbench.tui.guards import Dialog, PagedOptionList
from workbench.tui.text import visible

if TYPE_CHECKING:
    # loaded with the first fetch, not with the review screen
    from workbench.evidence import Passage
    from workbench.numbers import Verdict

VERDICT_COLOURS = {"match": "green", "near": "green", "holds": "green", "mismatch": "red"}


def suggested_stance(verdict: Verdict | None) -> Stance:
    """The stance a figure check suggests: a mismatch refutes, a match supports; anything
    else (near, holds, other, absent, no figure) is only context until the reviewer says."""
    if verdict == "mismatch":
        return Stance.REFUTES
    if verdict == "match":
        return Stance.SUPPORTS
    return Stance.CONTEXT


def passage_line(passage: Passage) -> Text:
    """A ranked passage with its figure check, as the dialog lists it."""
    line = Text()
    if passage.verdict is not None:
        colour = VERDICT_COLOURS.get(passage.verdict.value, "yellow")
        line.append(f"[{passage.verdict.value}] ", style=f"bold {colour}")
    line.append(visible(passage.shown, True))
    return line


class AttachDialog(Dialog[AttachResult | None]):
    """Fetch a source (in a worker), then choose the passage to quote and the stance."""

    DEFAULT_CSS = """
    AttachDialog OptionList { height: auto; max-height: 16; margin-top: 1; }
    AttachDialog #stances { max-height: 5; }
    AttachDialog #status { margin-top: 1; }
    AttachDialog LoadingIndicator { height: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, workbench: Workbench, claim: Claim) -> None:
        super().__init__()
        self.workbench, self.claim = workbench, claim
        self.candidate: Candidate | None = None
        self.published = workbench.store.get_article(claim.article_id).published
        self.chosen: Passage | None = None  # the passage picked, None: no excerpt
        self.confirming = False  # "supports" was picked once against mismatching figures

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Attach a source to claim {self.claim.id}"), classes="title")
            yield Label(Text(visible(self.claim.text, True)), classes="hint")
            with Horizontal(id="row"):
                yield Input(placeholder="https://… or a file path", id="source")
            yield LoadingIndicator(id="loading")
            yield Static(id="status")
            yield PagedOptionList(id="passages")
            yield PagedOptionList(id="stances")
            yield Label(
                Text(
                    "enter fetches · choose the passage to quote · then the stance · escape cancels"
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#loading").display = False
        self.query_one("#passages").display = False
        self.query_one("#stances").display = False

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
        return self.workbench.candidate(self.claim.text, source, self.published)

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
            options.add_option(Option(passage_line(passage), id=str(index)))
        options.add_option(
            Option(Text("(keep the source without an excerpt)", style="dim"), id="none")
        )
        options.display = True
        options.focus()
        options.highlighted = 0

    @on(OptionList.OptionSelected, "#passages")
    def choose_passage(self, event: OptionList.OptionSelected) -> None:
        if self.candidate is None:
            return
        option_id = event.option.id or "none"
        self.chosen = None if option_id == "none" else self.candidate.passages[int(option_id)]
        verdict = self.chosen.verdict if self.chosen else None
        suggested = suggested_stance(verdict)
        self.confirming = False
        stances = self.query_one("#stances", OptionList)
        stances.clear_options()
        for stance in Stance:
            stances.add_option(Option(Text(stance.value), id=stance.value))
        self.query_one("#passages", OptionList).display = False
        stances.display = True
        stances.highlighted = list(Stance).index(suggested)
        stances.focus()
        figures = f"figures: {verdict.value} · " if verdict else ""
        self._status(f"{figures}the stance of this source towards the claim ({suggested.value}?)")

    @on(OptionList.OptionSelected, "#stances")
    def keep(self, event: OptionList.OptionSelected) -> None:
        if self.candidate is None:
            return
        stance = Stance(event.option.id or Stance.CONTEXT.value)
        mismatch = self.chosen is not None and self.chosen.verdict == "mismatch"
        if stance is Stance.SUPPORTS and mismatch and not self.confirming:
            self.confirming = True
            self._status(
                "The passage's figures mismatch the claim's: press enter again to keep"
                " 'supports', or choose another stance",
                error=True,
            )
            return
        excerpt = self.chosen.text if self.chosen else None
        if self.chosen is None:
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
