"""The evidence pane: the current claim, its decision, and every evidence item with its
figure check and drift. With the pane focused, j/k choose an item and s, e, n, d and o
change its stance, excerpt or note, detach it, or open the kept copy it quotes."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual, visualize

from workbench.enums import Stance
from workbench.errors import WorkbenchError
from workbench.tui.claimlist import level
from workbench.tui.lines import set_virtual_size
from workbench.tui.text import visible

if TYPE_CHECKING:
    from workbench.core import Workbench
    from workbench.glance import AnyClaim

STANCE_COLOURS = {"supports": "green", "refutes": "red"}


def warm_readers() -> None:
    """Import and exercise what the first attach needs — the HTTP client and its
    transport, trafilatura with its list of web domains, pypdf, ranking and the figure
    check — so that it is as quick as later ones. No request is made."""
    import asyncio

    import pypdf  # noqa: F401

    from workbench.config import Settings
    from workbench.evidence import rank_passages
    from workbench.fetch import Fetcher
    from workbench.readable import html_to_readable

    async def client() -> None:
        async with Fetcher(Settings()):
            pass

    asyncio.run(client())
    from courlan import extract_domain  # trafilatura's: loads the list of web domains

    extract_domain("https://example.org/warm")
    page = "<html><head><title>t</title></head><body><article><p>Trade rose 5% in 2025.</p>"
    text = html_to_readable(page + "</article></body></html>", "https://example.org/warm")
    rank_passages("Trade rose 5% in 2025.", text.text)


class EvidencePane(ScrollView, can_focus=True):
    """The current claim: its decision, each piece of evidence with its figures, and,
    last, what was checked before (workbench.tui.checked). A Line API widget: its text
    is cut into lines here and drawn as they are, so a new claim's evidence, taller or
    shorter, never lays out the screen again (a Static would: tens of milliseconds a
    key). The "Checked before" section is drawn here for the same reason: a widget of
    its own appeared and went per claim, and each time the whole screen moved."""

    # overflow-y: scroll, the bar hidden while the text fits: workbench.tui.lines
    DEFAULT_CSS = """
    EvidencePane { background: $surface; padding: 0 1; overflow-x: hidden; overflow-y: scroll; }
    """
    BINDINGS = [
        Binding("j,down", "choose(1)", "Next evidence", show=False, id="evidence.down"),
        Binding("k,up", "choose(-1)", "Previous evidence", show=False, id="evidence.up"),
        Binding("s", "stance", "Stance", id="evidence.stance"),
        Binding("e", "excerpt", "Excerpt", id="evidence.excerpt"),
        Binding("n", "note", "Note", id="evidence.note"),
        Binding("d,delete", "detach", "Detach", id="evidence.detach"),
        Binding("o,enter", "open_copy", "Kept copy", id="evidence.open"),
    ]
    _warmed = False

    def __init__(self, *args: Any, editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Triage keeps its keys (s skips there): its pane is shown, never focused.
        self.can_focus = editable
        self.claim: AnyClaim | None = None
        self.items: list[dict[str, Any]] = []
        self.index = 0
        self.body = Text()  # what the pane shows
        self.checked: Text | None = None  # the "Checked before" section, when there is one
        self._strips: list[Strip] = []

    def on_mount(self) -> None:
        if not EvidencePane._warmed:  # once per process, after the first frame
            EvidencePane._warmed = True
            # Not a daemon: the interpreter waits for it at exit (a second at most). A daemon
            # thread still inside an import when the app quits right after starting can
            # abort the process at shutdown (glibc's "FATAL: exception not rethrown", 134).
            self.call_after_refresh(
                lambda: threading.Thread(target=warm_readers, name="warm", daemon=False).start()
            )

    @property
    def workbench(self) -> Workbench | None:
        return getattr(self.screen, "workbench", None)

    @property
    def current(self) -> dict[str, Any] | None:
        return self.items[self.index] if self.items else None

    def show(self, claim: AnyClaim | None, evidence: Sequence[dict[str, Any]]) -> None:
        if claim is None or self.claim is None or claim.id != self.claim.id:
            self.index = 0
            self.checked = None  # another claim's: its own is looked up (tui/checked.py)
            if self.scroll_offset.y:  # scrolled to an item of the claim before
                self.scroll_to(y=0, animate=False, immediate=True)
        self.claim, self.items = claim, list(evidence)
        self.index = min(self.index, max(0, len(self.items) - 1))
        self._render_body()

    def show_checked(self, section: Text | None) -> None:
        """Show what was checked before under the evidence (None: nothing)."""
        if section != self.checked:
            self.checked = section
            self._render_body()

    def _render_body(self) -> None:
        self.body = self._describe()
        if self.checked is not None:
            self.body.append("\n\n")
            self.body.append_text(self.checked)
        self._cut()

    def _cut(self) -> None:
        """The body wrapped to the pane's width, as the lines render_line draws."""
        width = self.scrollable_content_region.width
        if not width:
            return  # not laid out yet: on_resize cuts it
        visual = visualize(self, self.body, markup=False)
        self._strips = Visual.to_strips(self, visual, width, None, self.visual_style, pad=True)
        set_virtual_size(self, Size(width, len(self._strips)))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._render_body()  # the header is laid out for the width (_describe)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        style = self.visual_style.rich_style
        if index >= len(self._strips):
            return Strip.blank(width, style)
        return self._strips[index].crop_extend(0, width, style)

    def _describe(self) -> Text:
        claim = self.claim
        if claim is None:
            return Text("No claim selected.", style="dim")
        text = Text()
        status = "dismissed" if claim.dismissed else claim.status.value
        head = f" · {claim.kind.value} · check-worthiness {level(claim.checkworthiness)}"
        by = ""
        if claim.decided_by and claim.decided_at:
            by = f" by {visible(claim.decided_by, True)} {claim.decided_at:%Y-%m-%d %H:%M}"
        text.append(f"Claim {claim.id}", style="bold")
        text.append(head)
        # the decision is one piece: on a line of its own rather than cut after its date
        width = self.scrollable_content_region.width
        fits = not width or len(f"Claim {claim.id}{head} · {status}{by}") <= width
        text.append(" · " if fits else "\n")
        text.append(status, style="bold")
        text.append(f"{by}\n")
        text.append(visible(claim.text, True) + "\n", style="bold")
        if claim.attribution:
            text.append("Attributed to: ", style="dim")
            text.append(visible(claim.attribution, True) + "\n")
        if claim.rationale:
            text.append("Rationale: ", style="dim")
            text.append(visible(claim.rationale, True) + "\n")
        if claim.status.decided and not self.items:
            text.append("Decided with no evidence attached.\n", style="bold yellow")
        text.append(f"\nEvidence ({len(self.items)})", style="bold underline")
        if not self.items:
            text.append("\nNone yet: press a to attach a source.", style="dim")
        else:
            text.append(
                "  (tab here: s stance · e excerpt · n note · d detach · o kept copy)\n",
                style="dim",
            )
        for position, item in enumerate(self.items):
            self._append_item(text, claim, item, chosen=position == self.index)
        return text

    def _append_item(self, text: Text, claim: AnyClaim, item: dict[str, Any], chosen: bool) -> None:
        # loaded with the first evidence drawn: the figure check is not on the start path
        from workbench.drift import drift_words
        from workbench.numbers import as_date, check_figures

        where = item["final_url"] or item["requested"]
        domain = urlparse(where).netloc or where
        colour = STANCE_COLOURS.get(item["stance"], "cyan")
        marker = "▶" if chosen and self.has_focus else "●"
        text.append(f"\n{marker} {item['stance']:<8} ", style=f"bold {colour}")
        text.append(visible(item["title"] or where, True), style="bold")
        text.append(f"  {visible(domain, True)}  (evidence {item['id']})\n", style="dim")
        if item["excerpt"]:
            text.append("  “" + visible(item["excerpt"], True) + "”\n", style="italic")
            published = item.get("published")
            verdict, checks = check_figures(claim.text, item["excerpt"], None, as_date(published))
            if verdict is not None:
                text.append(f"  figures: {verdict.value}", style="bold")
                details = ", ".join(
                    f"{c.claimed} {c.verdict.value} {c.stated}"
                    if c.stated
                    else f"{c.claimed} {c.verdict.value}"
                    for c in checks
                )
                text.append(f"  {visible(details, True)}\n", style="dim")
        drift = drift_words(item.get("drift"), item.get("drift_since"))
        if drift:
            text.append(f"  ⚠ {drift}; quoted from the kept copy\n", style="bold yellow")
        if item["note"]:
            text.append(f"  note: {visible(item['note'], True)}\n", style="dim")

    def on_focus(self) -> None:
        self._render_body()

    def on_blur(self) -> None:
        self._render_body()

    def action_choose(self, step: int) -> None:
        if not self.items:
            return
        self.index = (self.index + step) % len(self.items)
        self._render_body()
        self._scroll_to_chosen()

    def reveal(self, evidence_id: int) -> None:
        """Choose the item of `evidence_id` and scroll it into sight: an item just
        attached was below the claim, out of a pane of five rows (80x24)."""
        ids = [item["id"] for item in self.items]
        if evidence_id in ids:
            self.index = ids.index(evidence_id)
            self._render_body()
            self._scroll_to_chosen()

    def _scroll_to_chosen(self) -> None:
        # the rows as drawn, wrapped: an item starts on the row of its marker
        starts = [y for y, row in enumerate(self._strips) if row.text.startswith(("● ", "▶ "))]
        if self.index < len(starts):
            start = starts[self.index]
            end = starts[self.index + 1] - 1 if self.index + 1 < len(starts) else len(self._strips)
            region = Region(0, start, self.scrollable_content_region.width, end - start)
            self.scroll_to_region(region, animate=False, immediate=True)

    def _reload(self) -> None:
        if self.workbench is None or self.claim is None:
            return
        rows = self.workbench.store.evidence_rows([self.claim.id])[self.claim.id]
        self.show(self.claim, rows)

    def _change(self, **changes: Any) -> None:
        item, workbench = self.current, self.workbench
        if item is None or workbench is None:
            return
        try:
            workbench.edit_evidence(item["id"], **changes)
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self._reload()

    def action_stance(self) -> None:
        from workbench.tui.evidence_dialogs import ChoiceDialog

        item = self.current
        if item is None:
            return
        choices = [stance.value for stance in Stance]

        def chosen(value: str | None) -> None:
            if value:
                self._change(stance=Stance(value))

        title = f"Stance of evidence {item['id']}"
        self.app.push_screen(ChoiceDialog(title, choices, item["stance"]), chosen)

    def action_excerpt(self) -> None:
        from workbench.tui.evidence_dialogs import ExcerptDialog

        item, workbench = self.current, self.workbench
        if item is None or workbench is None or self.claim is None:
            return
        text = workbench.store.snapshot_text(item["snapshot_id"])

        def chosen(value: str | None) -> None:
            if value:
                self._change(excerpt=value)

        self.app.push_screen(ExcerptDialog(self.claim.text, text, item["excerpt"]), chosen)

    def action_note(self) -> None:
        from workbench.tui.editor import EditorDialog

        item = self.current
        if item is None:
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                self._change(note=value)

        self.app.push_screen(
            EditorDialog(f"Note on evidence {item['id']}", item["note"], one_line=True), chosen
        )

    def action_detach(self) -> None:
        item, workbench = self.current, self.workbench
        if item is None or workbench is None:
            return
        try:
            workbench.detach(item["id"])
        except WorkbenchError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Evidence {item['id']} detached (z undoes)", markup=False)
        self._reload()

    def action_open_copy(self) -> None:
        from workbench.tui.evidence_dialogs import KeptCopyScreen

        item, workbench = self.current, self.workbench
        if item is None or workbench is None:
            return
        text = workbench.store.snapshot_text(item["snapshot_id"])
        self.app.push_screen(KeptCopyScreen(item, text))
