"""The filter row above the claims list: words typed filter as you type, and the count of
claims in each status, the chosen one marked. It shows only while a filter is on or being
typed, so the list keeps its rows at 80x24."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from workbench.glance import AnyClaim

MARKS = {"unverified": "·", "verified": "✓", "disputed": "✗", "dismissed": "–"}
# (filter, key, label): a direct key for each status filter, in the order f cycles them
STATUS_FILTERS: list[tuple[str | None, str, str]] = [
    (None, "0", "all"),
    ("unverified", "1", "unverified"),
    ("verified", "2", "verified"),
    ("disputed", "3", "disputed"),
    ("dismissed", "4", "dismissed"),
]
# the longest that fits beside the counts (at 80 columns the first lost its ")" to them)
PLACEHOLDERS = [
    "words to find (enter keeps, escape clears)",
    "words to find (enter keeps, esc clears)",
    "find (enter keeps, esc clears)",
    "find (esc clears)",
    "find",
]


def state_of(claim: AnyClaim) -> str:
    return "dismissed" if claim.dismissed else claim.status.value


def passes(claim: AnyClaim, status: str | None, words: str) -> bool:
    """Whether a claim is shown under a status filter and words to find (all of them,
    in any order, case-insensitive)."""
    if status is not None and state_of(claim) != status:
        return False
    text = claim.text.lower()
    return all(word in text for word in words.lower().split())


class FilterBar(Horizontal):
    """Words to find, and the counts by status."""

    DEFAULT_CSS = """
    FilterBar { height: 1; display: none; background: $boost; }
    FilterBar.-shown { display: block; }
    FilterBar Input { width: 1fr; height: 1; border: none; padding: 0 1; }
    FilterBar #status-counts { width: auto; padding: 0 1; color: $text-muted; }
    """

    class Changed(Message):
        """The words to find changed (as typed)."""

        def __init__(self, words: str) -> None:
            super().__init__()
            self.words = words

    class Done(Message):
        """Enter pressed: the words are kept, the list takes the keys again."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDERS[0], compact=True)
        yield Static(id="status-counts")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def show_counts(self, claims: Sequence[AnyClaim], status: str | None) -> None:
        counts = Counter(state_of(claim) for claim in claims)
        wide = self.size.width >= 100  # else the marks of the list stand for the statuses
        text = Text()
        for value, key, label in STATUS_FILTERS:
            number = len(claims) if value is None else counts.get(value, 0)
            if text:
                text.append("  ")
            name = label if wide or value is None else MARKS[value]
            text.append(f"{key}:{name} {number}", style="bold reverse" if value == status else "")
        self.query_one("#status-counts", Static).update(text)
        self._counts_width = text.cell_len
        self._fit_placeholder()

    def on_resize(self) -> None:
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        if not self.size.width:
            return  # hidden: fitted when it shows
        # the paddings of the counts and of the input take 4 columns
        room = self.size.width - getattr(self, "_counts_width", 0) - 4
        fits = [words for words in PLACEHOLDERS if len(words) <= room]
        self.input.placeholder = fits[0] if fits else PLACEHOLDERS[-1]

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())
