"""The "Checked before" section: the current claim's matches among imported fact-checks
and other articles' decided claims, found in a worker thread (its own connection; the
matching code loads there, never on the screen's start path). `c` adopts the best."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.timer import Timer
from textual.widgets import Static

from workbench.tui.claimlist import ClaimList
from workbench.tui.evidence import EvidencePane
from workbench.tui.text import visible

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.core import Workbench
    from workbench.glance import AnyClaim
    from workbench.known.match import Match


class CheckedBefore(Static):
    """Matches of the current claim, best first, strong ones marked."""

    # Never drawn itself: its section is drawn at the end of the evidence pane
    # (_present), where it costs no layout of the screen as it comes and goes per claim.
    DEFAULT_CSS = "CheckedBefore { display: none; }"

    def __init__(self, workbench: Callable[[], Workbench], **kwargs: Any) -> None:
        """`workbench` gives the screen's core: asked for only when a claim is looked up
        (the screen looks up none before its core has loaded)."""
        super().__init__(**kwargs)
        self.workbench = workbench
        self.claim_id: int | None = None
        self.matches: list[Match] = []
        self._timer: Timer | None = None
        self._moved_at = 0.0

    def follow(self, claim: AnyClaim | None) -> None:
        """Look up the claim's earlier checks, at once, or, while keys come in a burst
        (j held down), once the cursor rests: a lookup per key (a thread, a connection
        and a search each) slowed the frame every key was waiting for."""
        now = time.monotonic()
        burst, self._moved_at = now - self._moved_at < 0.3, now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not burst:
            self.show(claim)
        elif self.claim_id != (claim.id if claim else None):
            self.show(None)  # no stale matches under another claim meanwhile
            self._timer = self.set_timer(0.3, lambda: self.show(claim))

    def show(self, claim: AnyClaim | None) -> None:
        self.claim_id = claim.id if claim else None
        self.matches = []
        self._present(None)  # shown only when there is something
        if claim is not None:
            core = self.workbench()
            self._find(core.settings, core.db_path, claim.id, claim.article_id)

    @work(thread=True, exclusive=True, group="checked-before")
    def _find(self, settings: Settings, db_path: Path, claim_id: int, article_id: int) -> None:
        from workbench.core import Workbench

        workbench = Workbench(settings, db_path)
        try:
            if not workbench.store.has_earlier_checks(article_id):
                return  # nothing to match against: the matching code never loads
            # the list's marks, from the kept matches: read here, off the screen's start
            checked = workbench.strongly_matched(article_id)
            self.app.call_from_thread(self._mark, checked)
            matches = workbench.refresh_matches(claim_id, limit=3)
        except Exception as error:  # shown, never raised into the screen
            self.app.call_from_thread(self._failed, claim_id, str(error))
            return
        finally:
            workbench.close()
        self.app.call_from_thread(self._found, claim_id, matches)

    def _mark(self, checked: set[int]) -> None:
        """The claims list's "checked before" marks (the review screen has one list)."""
        for claims in self.screen.query(ClaimList):
            if checked != claims.checked:
                claims.set_checked(checked)

    def _failed(self, claim_id: int, message: str) -> None:
        if claim_id == self.claim_id:
            self._present(Text(f"Checked before: {message}", style="dim"))

    def _found(self, claim_id: int, matches: list[Match]) -> None:
        if claim_id != self.claim_id:
            return  # the reviewer has moved on
        self.matches = matches
        for claims in self.screen.query(ClaimList):  # the mark follows what was found now
            strong = any(m.strong for m in matches)
            self._mark(claims.checked | {claim_id} if strong else claims.checked - {claim_id})
        self._present(describe(matches) if matches else None)

    def _present(self, section: Text | None) -> None:
        self.update(section or "", layout=False)  # what it shows, also as its own content
        for pane in self.screen.query(EvidencePane):
            pane.show_checked(section)


def describe(matches: list[Match], hint: bool = True) -> Text:
    """The matches as the pane and the claim's detail view show them."""
    text = Text()
    text.append("Checked before", style="bold underline")
    for match in matches:
        what = "fact-check" if match.kind == "factcheck" else f"claim {match.ref}"
        mark = "◆ strong" if match.strong else "◇"
        text.append(f"\n{mark} {match.score:.2f} ", style="bold" if match.strong else "dim")
        text.append(f"{what} · {visible(match.verdict or '-', True)}", style="bold")
        who = " · ".join(p for p in (match.who, (match.when or "")[:10]) if p)
        if who:
            text.append(f" · {visible(who, True)}", style="dim")
        text.append("\n  “" + visible(match.text, True) + "”", style="italic")
        if match.url:
            text.append(f"\n  {visible(match.url, True)}", style="dim")
    if matches and hint:
        text.append("\nc: adopt the first (evidence, or its verdict)", style="dim")
    return text
