"""Reshaping claims in the review screen: split at a clause boundary the extractor finds
(each part worded as a claim, shown before it is made), merge with a claim picked from
the article (the merged wording shown before it is made), and add the words selected in
the article as a claim. Each is one change of the core, undone by z."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from workbench.models import Claim
from workbench.tui.guards import Dialog
from workbench.tui.text import visible

if TYPE_CHECKING:
    from workbench.reshape import SplitProposal
    from workbench.tui.review import ReviewScreen

# (offset where the second part starts, the two parts' wording or None for their words)
SplitChoice = tuple[int, tuple[str, str] | None]


class SplitDialog(Dialog[SplitChoice | None]):
    """Choose where to split a claim: among the clause boundaries the extractor finds,
    or, where it finds none, between any two of its words."""

    DEFAULT_CSS = "SplitDialog .part { margin: 1 0 0 0; }"
    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier"),
        Binding("right,l", "move(1)", "Later"),
        Binding("enter", "split", "Split here"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, claim: Claim, article: str) -> None:
        super().__init__()
        self.claim, self.article = claim, article
        self.proposals: list[SplitProposal] | None = None  # None: still looking
        self.words: list[tuple[int, int]] = [
            (span.start + m.start(), span.start + m.end())
            for span in claim.spans
            for m in re.finditer(r"\S+", article[span.start : span.end])
        ]
        self.at = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Split claim {self.claim.id}"), classes="title")
            yield Static(id="how", classes="hint")
            yield Static(id="first", classes="part")
            yield Static(id="second", classes="part")
            yield Label(Text("←/→ another split · enter splits · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#how", Static).update(Text("finding the clause boundaries…"))
        self.find(self.article, [(s.start, s.end) for s in self.claim.spans])

    @work(thread=True, exclusive=True, group="split", exit_on_error=False)
    def find(self, text: str, spans: list[tuple[int, int]]) -> list[SplitProposal]:
        from workbench.reshape import split_proposals  # the parser loads here, off screen

        return split_proposals(text, spans)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "split" or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS:
            self.proposals = list(event.worker.result or [])
        elif event.state == WorkerState.ERROR:
            self.proposals = []
        else:
            return
        self.at = 0 if self.proposals else max(1, len(self.words) // 2)
        self._show()

    def _parts(self) -> tuple[str, str, int] | None:
        if self.proposals:
            chosen = self.proposals[self.at]
            return chosen.head, chosen.tail, chosen.at
        if len(self.words) < 2:
            return None
        from workbench.extract.rules import finish

        head = " ".join(self.article[s:e] for s, e in self.words[: self.at])
        tail = " ".join(self.article[s:e] for s, e in self.words[self.at :])
        return finish(head), finish(tail), self.words[self.at][0]

    def _show(self) -> None:
        if self.proposals is None:
            return
        how = self.query_one("#how", Static)
        if self.proposals:
            count = len(self.proposals)
            how.update(Text(f"clause boundary {self.at + 1} of {count}, found by the extractor"))
        else:
            how.update(
                Text("the extractor finds no clause boundary here: choose the word to split at")
            )
        parts = self._parts()
        if parts is None:
            how.update(Text("one word: nothing to split"))
            return
        self.query_one("#first", Static).update(Text("1 │ " + visible(parts[0], True), "bold"))
        self.query_one("#second", Static).update(Text("2 │ " + visible(parts[1], True)))

    def action_move(self, delta: int) -> None:
        if self.proposals:
            self.at = (self.at + delta) % len(self.proposals)
        elif self.proposals is not None and len(self.words) > 1:
            self.at = max(1, min(len(self.words) - 1, self.at + delta))
        self._show()

    def action_split(self) -> None:
        parts = None if self.proposals is None else self._parts()
        if parts is not None and self.is_current:
            self.dismiss((parts[2], (parts[0], parts[1])))

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)


def merged_wording(first: Claim, second: Claim) -> str:
    """The wording the core gives two merged claims (workbench.store: first, then second)."""
    return f"{first.text.rstrip()} {second.text.strip()}"


def _row(claim: Claim) -> Table:
    """A claim of the merge picker: its id, and its wording wrapped beside it."""
    row = Table.grid(padding=(0, 2, 0, 0), expand=True)
    row.add_column(justify="right", style="dim", width=5, no_wrap=True)
    row.add_column(ratio=1)
    row.add_row(str(claim.id), Text(visible(claim.text, True)))
    return row


class MergeDialog(Dialog[Claim | None]):
    """Pick the claim to merge with, among the article's claims in article order; the
    merged wording is shown before anything is changed."""

    DEFAULT_CSS = """
    MergeDialog OptionList { height: auto; max-height: 14; margin-top: 1; }
    MergeDialog #merged { margin-top: 1; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim: Claim, claims: list[Claim]) -> None:
        super().__init__()
        self.claim = claim
        self.others = sorted(
            (c for c in claims if c.id != claim.id), key=lambda c: (c.start, c.position, c.id)
        )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Merge claim {self.claim.id} with…"), classes="title")
            yield OptionList(*(Option(_row(c), str(c.id)) for c in self.others), id="others")
            yield Static(id="merged")
            yield Label(Text("↑/↓ choose · enter merges · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        later = [i for i, c in enumerate(self.others) if c.start > self.claim.start]
        options.highlighted = later[0] if later else (len(self.others) - 1 if self.others else None)
        options.focus()
        # once laid out, the proposed claim on the first row: scrolled before, it was placed
        # by lines wrapped at another width and the list opened on the tail of another claim
        self.call_after_refresh(options.scroll_to_highlight, top=True)

    def in_order(self, other: Claim) -> tuple[Claim, Claim]:
        """The two claims in article order: the merged wording reads as the article does."""
        pair = sorted((self.claim, other), key=lambda c: (c.start, c.position, c.id))
        return pair[0], pair[1]

    @on(OptionList.OptionHighlighted)
    def preview(self, event: OptionList.OptionHighlighted) -> None:
        other = self.others[event.option_index]
        first, second = self.in_order(other)
        text = Text("merged, as claim " + str(first.id) + ":\n", "bold")
        text.append(visible(merged_wording(first, second), True))
        self.query_one("#merged", Static).update(text)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if self.is_current:
            self.dismiss(self.others[event.option_index])

    def action_cancel(self) -> None:
        if self.is_current:
            self.dismiss(None)


def split_current(screen: ReviewScreen) -> None:
    claim = screen._current()
    if claim is None:
        return

    def splittable() -> bool:
        from workbench.reshape import refuse_repeat

        refuse_repeat(screen.article.text, claim.span_pairs())
        return True

    if not screen.call(splittable):
        return  # a repeat, and the notification says why

    def split(choice: SplitChoice | None) -> None:
        if choice is None:
            return
        at, texts = choice
        parts = screen.call(
            lambda: screen.workbench.split(claim.id, at, claim.version, texts), claim.id
        )
        if parts is not None:
            screen.reload(claim.id)
            screen.notify(
                f"claim {claim.id} split into {parts[0]} and {parts[1]}, both unverified"
                " (z undoes it)"
            )

    screen.app.push_screen(SplitDialog(claim, screen.article.text), split)


def merge_current(screen: ReviewScreen) -> None:
    claim = screen._current()
    if claim is None:
        return
    if len(screen.all_claims) < 2:
        screen.notify("no other claim in the article to merge with", severity="warning")
        return
    # models, all of them: _current() has loaded the core, which read them as models
    dialog = MergeDialog(claim, cast("list[Claim]", screen.all_claims))

    def merge(other: Claim | None) -> None:
        if other is None:
            return
        first, second = dialog.in_order(other)
        merged = screen.call(
            lambda: screen.workbench.merge(first.id, second.id, (first.version, second.version)),
            claim.id,
        )
        if merged is not None:
            screen.reload(merged)
            cleared = first.status.decided or second.status.decided
            note = ", unverified: a new statement" if cleared else ""
            screen.notify(f"claim {second.id} merged into {first.id}{note} (z undoes it)")

    screen.app.push_screen(dialog, merge)


def add_selection(screen: ReviewScreen, start: int, end: int) -> None:
    """Add characters [start, end) of the article (whole words) as a claim."""
    added = screen.call(lambda: screen.workbench.add_claim(screen.article.id, start, end))
    if added is not None:
        screen.reload(added.id)
        screen.notify(
            f"added claim {added.id}: {visible(added.text, True)} (z undoes it)", markup=False
        )
