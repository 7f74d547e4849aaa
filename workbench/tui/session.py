"""One browser session of `workbench serve`: the review screen, for a named reviewer.

The server starts ``python -m workbench.tui.session --db PATH`` per connection. The name
recorded on every change comes from the URL (passed in WORKBENCH_SESSION_REVIEWER) or is
asked for before anything else is shown — never the server's own login name, which would
put every colleague's changes under one name.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label

from workbench.config import Settings
from workbench.desk import SESSION_REVIEWER_ENV, check_reviewer
from workbench.errors import InputError
from workbench.tui.app import WorkbenchApp, finish


class ReviewerScreen(Screen[str]):
    """Who is reviewing: asked once, before the claims are shown."""

    DEFAULT_CSS = """
    ReviewerScreen { align: center middle; }
    ReviewerScreen > Vertical {
        width: 60; height: auto; border: thick $primary; background: $panel; padding: 1 2;
    }
    ReviewerScreen .hint { color: $text-muted; }
    ReviewerScreen #problem { color: $error; }
    """
    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", id="session.quit")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Your name", style="bold"))
            yield Label(Text("It is recorded on every change you make."), classes="hint")
            yield Input(placeholder="e.g. Priya Nair", max_length=64, id="reviewer")
            yield Label(Text(""), id="problem")
            yield Label(Text("enter to start · ctrl+q to leave"), classes="hint")

    @on(Input.Submitted, "#reviewer")
    def start(self, event: Input.Submitted) -> None:
        try:
            name = check_reviewer(event.value)
        except InputError as error:
            self.query_one("#problem", Label).update(Text(str(error)))
            return
        self.dismiss(name)


class SessionApp(WorkbenchApp):
    """The review app; nothing is loaded or writable until the reviewer is known."""

    def __init__(self, settings: Settings, db_path: Path | None, reviewer: str | None) -> None:
        super().__init__(settings, db_path)
        self.reviewer = reviewer

    @on(events.Mount)
    def ask_reviewer(self, event: events.Mount) -> None:
        # Textual would run WorkbenchApp.on_mount after this one, opening the claims
        # before the name is known: it runs from _start instead.
        event.prevent_default()
        if self.reviewer:
            self._start(self.reviewer)
        else:
            self.push_screen(ReviewerScreen(), self._start)

    def _start(self, name: str | None) -> None:
        if not name:
            self.exit()
            return
        self.reviewer = name
        self.workbench.settings = self.workbench.settings.model_copy(update={"reviewer": name})
        self.sub_title = name
        super().on_mount()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m workbench.tui.session")
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    reviewer = os.environ.get(SESSION_REVIEWER_ENV) or None
    settings = Settings(db=args.db)
    app = SessionApp(settings, args.db, reviewer)
    app.run()
    finish(app)


if __name__ == "__main__":
    main()
