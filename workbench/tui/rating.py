"""Rating and sign-off in the review screen: a picker of the desk's rating scale, and
approval by a second reviewer. Every label that holds data is a Text, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workbench.models import Claim
from workbench.ratings import RatingScale
from workbench.tui.guards import Dialog, PagedOptionList
from workbench.tui.text import visible

if TYPE_CHECKING:
    from workbench.tui.review import ReviewScreen

_STYLES = {"verified": "green", "disputed": "red", "unverified": "dim"}


class RatingDialog(Dialog[str | None]):
    """Pick a label of the scale for a claim; enter rates, escape cancels."""

    DEFAULT_CSS = """
    RatingDialog OptionList { height: auto; max-height: 14; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: Claim, scale: RatingScale) -> None:
        super().__init__()
        self.claim, self.scale = claim, scale

    def compose(self) -> ComposeResult:
        with Vertical():
            title = f"Rate claim {self.claim.id} · {self.scale.title or self.scale.name}"
            yield Label(Text(title), classes="title")
            yield Label(Text(visible(self.claim.text, True)), classes="hint")
            options = []
            for number, item in enumerate(self.scale.labels, start=1):
                line = Text(f"{number} ")
                line.append(item.label, style=f"bold {_STYLES[item.status.value]}")
                line.append(f"  {item.status.value}", style="dim")
                if item.description:
                    line.append(f" · {item.description}", style="dim")
                options.append(Option(line, id=item.label))
            yield PagedOptionList(*options, id="labels")
            yield Label(Text("enter or 1-9 to rate · escape to cancel"), classes="hint")

    def on_mount(self) -> None:
        labels = self.query_one(OptionList)
        current = self.scale.get(self.claim.rating or "")
        if current is not None and self.claim.rating_scale == self.scale.name:
            labels.highlighted = self.scale.index(current.label)
        labels.focus()

    def on_key(self, event: events.Key) -> None:
        key = event.character or ""
        if key.isdigit() and 1 <= int(key) <= len(self.scale.labels):
            self.dismiss(self.scale.labels[int(key) - 1].label)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def rate_current(screen: ReviewScreen) -> None:
    """Ask for a label for the current claim, then rate it (the status follows)."""
    claim = screen._current()
    if claim is None:
        return
    workbench = screen.workbench

    def rate(label: str | None) -> None:
        if label is None:
            return
        rated = screen.call(lambda: workbench.rate(claim.id, label, None, claim.version), claim.id)
        if rated is not None:
            screen._updated(rated)
            screen.notify(f"claim {rated.id}: {rated.rating}", title="Rated", markup=False)

    screen.app.push_screen(RatingDialog(claim, workbench.settings.scale()), rate)


def approve_current(screen: ReviewScreen) -> None:
    """Sign off the current claim's verdict (refused for the reviewer who decided it)."""
    claim = screen._current()
    if claim is None:
        return
    approved = screen.call(
        lambda: screen.workbench.approve(claim.id, expected_version=claim.version), claim.id
    )
    if approved is not None:
        screen._updated(approved)
        screen.notify(
            f"claim {approved.id} approved by {approved.approved_by}",
            title="Signed off",
            markup=False,
        )
