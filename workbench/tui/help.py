"""Help that teaches: every key of the screen in use with a sentence saying what it does,
and a legend of the marks and levels the screen draws. The sentences are keyed by binding
id, so a remapped key is shown as remapped and a key shadowed by the screen is listed once."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from workbench.tui.guards import Dialog

SENTENCES = {
    "review.down": "Next claim in the list (the arrows and the mouse work too).",
    "review.up": "Previous claim in the list.",
    "review.first": "First claim: the most check-worthy.",
    "review.last": "Last claim: the least check-worthy; dismissed claims are listed last.",
    "review.next": "Next claim not yet decided (neither verified, disputed nor dismissed).",
    "review.previous": "Previous claim not yet decided.",
    "review.verified": "Mark the claim verified: the sources support it. "
    "A dismissed claim is restored first.",
    "review.disputed": "Mark the claim disputed: the sources contradict it. "
    "A dismissed claim is restored first.",
    "review.unverified": "Take the verdict back: the claim is unverified again.",
    "review.attach": "Attach a source: type a URL or a file path; it is fetched in the "
    "background, then you choose the passage to quote and the stance.",
    "review.rationale": "Write why you decided as you did (several lines; ctrl+s saves).",
    "review.edit": "Reword the claim (the original wording stays in its history).",
    "review.split": "Split the claim in two at a clause boundary the extractor finds "
    "(←/→ for another); each part is worded as a claim and starts unverified.",
    "review.merge": "Merge with another claim: pick it among the article's claims, in "
    "article order (the next one first); the merged wording shows before enter.",
    "review.dismiss": "Dismiss the claim as not check-worthy (kept, left out of reports); "
    "again restores it.",
    "review.undo": "Undo your last change, whatever it was, even after a restart.",
    "review.redo": "Redo the change you last undid.",
    "review.rate": "Rate the claim on the desk's rating scale; the status follows the label.",
    "review.approve": "Approve the claim's verdict (a reviewer other than the one who decided).",
    "review.search": "Filter the claims by words as you type; enter keeps the filter, "
    "escape clears it.",
    "review.filter": "Cycle the status filter: all, unverified, verified, disputed, dismissed "
    "(the counts show above the list).",
    "review.status_all": "Show every claim.",
    "review.status_unverified": "Show the unverified claims only.",
    "review.status_verified": "Show the verified claims only.",
    "review.status_disputed": "Show the disputed claims only.",
    "review.status_dismissed": "Show the dismissed claims only.",
    "review.detail": "The claim in full: its spans in the article, evidence with hashes, "
    "and history.",
    "review.triage": "Triage: the undecided claims one at a time, most check-worthy first, "
    "one key per decision.",
    "review.adopt": "Adopt the best match under Checked before: an earlier fact-check "
    "becomes evidence, an earlier claim's verdict becomes this one's (z undoes it).",
    "review.export": "Export a report: choose the format, which claims, and where.",
    "review.back": "Clear the filter; with none, back to the list of articles.",
    "triage.verified": "Verified, and on to the next claim.",
    "triage.disputed": "Disputed, and on to the next claim.",
    "triage.skip": "Skip: leave the claim undecided for now (the summary offers the "
    "skipped again).",
    "triage.dismiss": "Dismiss as not check-worthy, and on to the next claim.",
    "triage.attach": "Attach a source to this claim before deciding.",
    "triage.rationale": "Write the rationale of this claim.",
    "triage.edit": "Reword this claim.",
    "triage.undo": "Undo your last decision and go back to that claim.",
    "triage.end": "End triage here: the summary shows what was decided.",
    "article.left": "Cursor to the previous word (tab brings the cursor to the article).",
    "article.right": "Cursor to the next word.",
    "article.up": "Cursor up a line.",
    "article.down": "Cursor down a line.",
    "article.select_left": "Select: shrink or extend the selection by a word "
    "(dragging the mouse selects too).",
    "article.select_right": "Select: extend the selection by a word.",
    "article.select_up": "Select: extend the selection up a line.",
    "article.select_down": "Select: extend the selection down a line.",
    "article.add": "Add the selected words as a claim (whole words; kind and "
    "check-worthiness computed as on import; z undoes it).",
    "article.clear": "Clear the selection.",
    "articles.open": "Open the article.",
    "app.quit": "Quit (every change is already saved).",
    "app.help": "This help.",
}

LEGEND = [
    ("·", "unverified: not decided yet"),
    ("✓", "verified: the sources support it"),
    ("✗", "disputed: the sources contradict it"),
    ("–", "dismissed: not check-worthy, left out of reports"),
    ("●", "high check-worthiness (0.75 and more): figures, named sources, records"),
    ("◐", "medium check-worthiness (0.50 to 0.74)"),
    ("○", "low check-worthiness (below 0.50): opinions, hopes, vague statements"),
    ("×2", "the same wording appears twice in the article"),
    ("◆", "checked before: a strong match among fact-checks or earlier decisions (c adopts it)"),
]


HINT = "↑/↓ and PageUp/PageDown scroll · escape or ? closes"


def no_evidence(claim_id: int, status: str) -> str:
    """The warning of a verdict with no evidence, naming the key that attaches one."""
    return (
        f"claim {claim_id} is {status} with no evidence attached; the internal report flags it"
        " (press a to attach a source)"
    )


def key_label(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter"}
    return ",".join(names.get(part, part) for part in key.split(","))


def help_rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(keys, sentence) for each binding with an id or a description, the first binding
    of a key winning (the screen's shadow the app's)."""
    rows, taken = [], set()
    for binding in bindings:
        keys = [k for k in binding.key.split(",") if k not in taken]
        if not keys:
            continue
        taken.update(keys)
        sentence = SENTENCES.get(binding.id or "", binding.description)
        if sentence:
            rows.append((key_label(",".join(keys)), sentence))
    return rows


class HelpScreen(Dialog[None]):
    """Every key of the screen below, with a sentence each, and the legend."""

    # The title and the way out are docked: they stay on screen, and the scroll, the rest
    # of the box, is what a page key moves by (undocked, the scroll took the whole height,
    # the way out went below the screen and a page skipped the rows hidden under it).
    DEFAULT_CSS = """
    HelpScreen VerticalScroll { height: auto; max-height: 100%; }
    HelpScreen .title { dock: top; }
    HelpScreen .hint { dock: bottom; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(
        self,
        title: str,
        rows: list[tuple[str, str]],
        legend: bool = True,
        sections: list[tuple[str, list[tuple[str, str]]]] | None = None,
    ) -> None:
        super().__init__()
        self.heading, self.rows, self.legend = title, rows, legend
        self.sections = sections or []  # (heading, rows): keys of one pane

    @property
    def keys(self) -> list[str]:
        return [keys for keys, _ in self.rows]

    def compose(self) -> ComposeResult:
        # a table, so that a sentence that wraps stays in its column
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column(ratio=1)
        for keys, sentence in self.rows:
            table.add_row(keys, sentence)
        for heading, rows in self.sections:
            table.add_row("", "")
            table.add_row("", Text(heading, style="bold"))
            for keys, sentence in rows:
                table.add_row(keys, sentence)
        if self.legend:
            table.add_row("", "")
            table.add_row("", Text("In the claims list", style="bold"))
            for mark, meaning in LEGEND:
                table.add_row(mark, meaning)
        table.add_row("", "")
        table.add_row(
            "ctrl+p",
            "The command palette: every action, export, recheck. The mouse works too.",
        )
        with Vertical():
            yield Label(Text(self.heading), classes="title")
            with VerticalScroll():
                yield Static(table)
            yield Label(Text(HINT), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
