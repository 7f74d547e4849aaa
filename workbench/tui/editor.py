"""A multi-line editor for a rationale or a claim's wording: a 190-character rationale in a
one-line input scrolls sideways and cannot be read back while it is written."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from workbench.tui.guards import Dialog
from workbench.tui.text import visible


class EditorDialog(Dialog[str | None]):
    """Edit text over several lines; ctrl+s saves, escape cancels. `one_line` (a claim's
    wording) makes enter save too: a claim is one statement, a line break has no place."""

    # a rationale is several lines: its box shows six of them from the start (at 80x24 the
    # auto height gave one row, a box that reads as a one-line input)
    DEFAULT_CSS = """
    EditorDialog TextArea { height: auto; min-height: 3; max-height: 12; }
    EditorDialog.-lines TextArea { min-height: 8; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("enter", "save_line", "Save", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, title: str, value: str = "", one_line: bool = False) -> None:
        super().__init__()
        self.heading, self.value, self.one_line = title, value, one_line
        # controls and escapes in stored text are shown as symbols, never sent raw
        self.shown = visible(value, one_line)
        self.set_class(not one_line, "-lines")

    def compose(self) -> ComposeResult:
        hint = "enter or ctrl+s saves" if self.one_line else "ctrl+s saves · enter: a new line"
        with Vertical():
            yield Label(Text(self.heading), classes="title")
            # a TextArea shows its text as text: markup in it is never interpreted
            yield TextArea(self.shown, soft_wrap=True, show_line_numbers=False)
            yield Label(Text(f"{hint} · f7 selects all · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # enter saves a one-line text; in a rationale the key goes on to the TextArea
        return self.one_line or action != "save_line"

    def action_save_line(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if text == self.shown:  # left as shown: the stored text, unchanged (not its symbols)
            self.dismiss(self.value)
            return
        self.dismiss(" ".join(text.split()) if self.one_line else text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
