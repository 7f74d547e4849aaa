"""The export dialog: format, which claims, and where; written in a worker thread (a
report of many claims takes a while, the screen must not freeze), never over an existing
file without asking; a new file gets the mode the umask gives (0644 with the usual 022)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from workbench.core import Workbench
from workbench.errors import WorkbenchError
from workbench.report.files import write_report_file
from workbench.tui.guards import Dialog
from workbench.tui.text import visible

FORMATS = {
    "HTML": "html",
    "Markdown": "md",
    "JSON": "json",
    "CSV": "csv",
    "ClaimReview": "claimreview",
}
SCOPES = {
    "verified": "verified claims",
    "disputed": "disputed claims",
    "decided": "verified and disputed",
    "all": "every claim, by verdict",
}


def default_path(article_id: int, fmt: str, scope: str) -> Path:
    """A name in the directory the workbench was started in (relative: shown short), with
    the extension the CLI gives the format (ClaimReview: .jsonld)."""
    from workbench.report import EXTENSIONS

    return Path(f"workbench-article-{article_id}-{scope}.{EXTENSIONS[fmt]}")


class ExportDialog(Dialog[tuple[Path, str | None] | None]):
    """Choose the format, the claims and the file; enter writes it in the background."""

    DEFAULT_CSS = """
    ExportDialog #choices { height: auto; }
    ExportDialog Select { width: 1fr; }
    ExportDialog #status { margin-top: 1; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "write", "Write", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workbench: Workbench, article_id: int, fmt: str = "html") -> None:
        super().__init__()
        self.workbench, self.article_id = workbench, article_id
        self.fmt, self.scope = fmt, "verified"
        self.auto_path = str(default_path(article_id, fmt, self.scope))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Export a report of article {self.article_id}"), classes="title")
            with Horizontal(id="choices"):
                yield Select(
                    [(name, fmt) for name, fmt in FORMATS.items()],
                    value=self.fmt,
                    allow_blank=False,
                    id="format",
                )
                yield Select(
                    [(label, scope) for scope, label in SCOPES.items()],
                    value=self.scope,
                    allow_blank=False,
                    id="scope",
                )
            yield Input(self.auto_path, id="path")
            yield Static(id="status")
            yield Static(
                Text(
                    "enter writes the file (a relative path: in the directory you started in)"
                    " · an existing file is replaced only if you say y · escape cancels"
                ),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed)
    def chosen(self, event: Select.Changed) -> None:
        if event.select.id == "format":
            self.fmt = str(event.value)
        else:
            self.scope = str(event.value)
        path = self.query_one("#path", Input)
        if path.value == self.auto_path:  # not typed over: it follows the choices
            self.auto_path = str(default_path(self.article_id, self.fmt, self.scope))
            path.value = self.auto_path

    @on(Input.Submitted, "#path")
    def submitted(self) -> None:
        self.action_write()

    def action_write(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._status("give a file name", error=True)
            return
        path = Path(text).expanduser()
        path = path if path.is_absolute() else Path.cwd() / path
        if path.exists() or path.is_symlink():
            from workbench.tui.confirm import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(path, replace=True)
                else:
                    self._status(f"{path} exists; nothing written: choose another name")

            self.app.push_screen(ConfirmDialog(f"{path} exists. Replace it?"), answered)
            return
        self._start(path, replace=False)

    def _start(self, path: Path, replace: bool) -> None:
        self._status(f"writing {path} …")
        self.write_file(path, replace)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write_file(self, path: Path, replace: bool) -> tuple[Path, str | None]:
        """The file written, and the warning the CLI's export would give."""
        # a worker thread has its own connection to the database (one per thread)
        workbench = Workbench(self.workbench.settings, self.workbench.db_path)
        try:
            # the CLI's writer: the same report, and a public one's kept copies beside it
            warning = write_report_file(
                workbench.store,
                workbench.settings,
                path,
                self.fmt,
                self.article_id,
                self.scope,
                replace=replace,
            )
        finally:
            workbench.close()
        return path, warning

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export":
            return
        if event.state == WorkerState.SUCCESS and self.is_current:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, (WorkbenchError, OSError)) else repr(error)
            self._status(f"not written: {message}", error=True)

    def _status(self, message: str, error: bool = False) -> None:
        self.query_one("#status", Static).update(
            Text(visible(message, True), style="bold red" if error else "")
        )

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)
