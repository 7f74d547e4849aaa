"""A yes/no question before a change that deletes a lot (undoing an import)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from workbench.tui.guards import Dialog


class ConfirmDialog(Dialog[bool]):
    """The question (data, shown as plain text) and y / n; anything but y is no."""

    DEFAULT_CSS = "ConfirmDialog Label { width: 100%; }"  # a long question wraps
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question), classes="title")
            yield Label(Text("y to confirm · n or escape to keep it"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        if self.is_current:  # a second key before the screen is gone must not dismiss twice
            self.dismiss(yes)
