"""The attach dialog: fetch a source in a worker, then choose the passage to quote."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, LoadingIndicator, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from workbench.core import AttachResult, Candidate, Workbench
from workbench.errors import WorkbenchError
from workbench.models import Claim, Stance
from workbench.tui.text import visible


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
