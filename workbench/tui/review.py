"""The main screen: claims list, the article with the current claim highlighted, the
evidence; every key of DESIGN.md. It calls the core for every change and holds no logic
of its own beyond what to show. Dialogs are imported when opened: the first frame needs
none of them (nor their Textual widgets), and start-up time is a target."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from workbench.enums import Status
from workbench.errors import NotFoundError
from workbench.glance import ArticleRow, UnreadableRow
from workbench.tui.article import SelectableArticle
from workbench.tui.asking import ask_about_current
from workbench.tui.checked import CheckedBefore
from workbench.tui.commands import ReviewCommands
from workbench.tui.evidence import EvidencePane
from workbench.tui.filterbar import STATUS_FILTERS, FilterBar, passes
from workbench.tui.help import no_evidence
from workbench.tui.live import watch_colleagues
from workbench.tui.widgets import (
    WIDE,
    ArticleView,
    ClaimList,
    ReviewFooter,
    ReviewHeader,
)

if TYPE_CHECKING:
    # not for drawing: the screen is first drawn from plain rows (see core_ready)
    from workbench.core import AttachResult, Workbench
    from workbench.glance import AnyClaim, Glance
    from workbench.models import Claim
    from workbench.tui.app import WorkbenchApp

T = TypeVar("T")
# v, x and u share one place in the footer: at 80 columns there is no room for three
MARK = Binding.Group("Mark", compact=True)


class ReviewScreen(ReviewCommands):
    """Review one article's claims."""

    AUTO_FOCUS = "#claims"  # the list, even for a key that comes before on_mount's focus
    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="review.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="review.up"),
        Binding("g,home", "first", "First", show=False, id="review.first"),
        Binding("G,end", "last", "Last", show=False, id="review.last"),
        Binding("n", "next_undecided(1)", "Next", id="review.next"),
        Binding("N", "next_undecided(-1)", "Previous undecided", show=False, id="review.previous"),
        Binding("v", "mark('verified')", "Verified", id="review.verified", group=MARK),
        Binding("x", "mark('disputed')", "Disputed", id="review.disputed", group=MARK),
        Binding("u", "mark('unverified')", "Unverified", id="review.unverified", group=MARK),
        Binding("a", "attach", "Attach", id="review.attach"),
        Binding("r", "rationale", "Rationale", id="review.rationale"),
        Binding("R", "rate", "Rate", show=False, id="review.rate"),
        Binding("A", "approve", "Approve", show=False, id="review.approve"),
        Binding("e", "edit", "Edit", show=False, id="review.edit"),
        Binding("s", "split", "Split", show=False, id="review.split"),
        Binding("m", "merge", "Merge", show=False, id="review.merge"),
        Binding("D", "dismiss_claim", "Dismiss", show=False, id="review.dismiss"),
        Binding("z", "undo", "Undo", id="review.undo"),
        Binding("Z", "redo", "Redo", show=False, id="review.redo"),
        Binding("slash", "search", "Filter", id="review.search"),
        Binding("f", "status_filter", "Status filter", show=False, id="review.filter"),
        *(
            Binding(key, f"status({value!r})", label, show=False, id=f"review.status_{label}")
            for value, key, label in STATUS_FILTERS
        ),
        Binding("enter", "detail", "Detail", show=False, id="review.detail"),
        Binding("t", "triage", "Triage", id="review.triage"),
        Binding("c", "adopt_match", "Adopt match", show=False, id="review.adopt"),
        Binding("E", "export", "Export", show=False, id="review.export"),
        Binding("escape", "back", "Clear filter / articles", show=False, id="review.back"),
    ]

    def __init__(self, article_id: int, glance: Glance | None = None) -> None:
        """`glance`: the first look at the database, to draw the screen from before the
        core has loaded (None: the core has loaded)."""
        super().__init__()
        self._glance = glance
        first = glance.article(article_id) if glance else None
        if first is None:  # gone, or no glance: the core says what is wrong
            self._glance = None
        self.article = first or self.workbench.article(article_id)
        self.all_claims: list[AnyClaim] = []
        self.text_filter = ""
        self.status_filter: str | None = None
        self.typing = False  # words to find are being typed in the filter row
        self._watching = False  # colleagues' changes: from when the core has loaded

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield FilterBar(id="filter")
                yield ClaimList(id="claims")
            with Vertical(id="right"):
                yield SelectableArticle(id="article")
                yield EvidencePane(id="evidence")
                yield CheckedBefore(lambda: self.workbench, id="checked")
        yield ReviewFooter(WIDE, compact=True)

    @property
    def workbench(self) -> Workbench:
        """The core: loaded on first use if the app has not loaded it yet."""
        return cast("WorkbenchApp", self.app).workbench

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one(ClaimList)

    def on_mount(self) -> None:
        self.claim_list.follow = self.show_claim
        reader = self._glance or self.workbench
        self.reload(reader.last_position(self.article.id))  # where you left off
        self.claim_list.focus()
        if self._glance is None:
            self.core_ready()

    def core_ready(self) -> None:
        """The core has loaded: its models replace the rows the screen was first drawn
        from, and what needs the core (colleagues' changes, Checked before) starts."""
        if self._watching:
            return
        self._watching, rows = True, self._glance is not None
        self._glance = None
        if isinstance(self.article, ArticleRow):
            self.article = self.workbench.article(self.article.id)
        watch_colleagues(self)  # from now on: a change after the reading below is seen
        if rows:
            self.reload()

    # -- showing ------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """Read the article's claims again (after a change, an undo, a conflict)."""
        current = self.claim_list.current
        self.all_claims = self.read_claims()
        self.show_claims(keep if keep is not None else (current.id if current else None))

    def read_claims(self) -> list[AnyClaim]:
        if self._glance is not None:
            try:
                return list(self._glance.claims(self.article.id))
            except UnreadableRow:  # the core reads them, and says what is wrong
                self._glance = None
        try:
            return list(self.workbench.claims(article_id=self.article.id))
        except NotFoundError:  # its import was undone: no claims here until it is redone (Z)
            return []

    def show_claims(self, keep: int | None) -> None:
        shown = [c for c in self.all_claims if self._passes(c)]
        self.claim_list.show(shown, keep=keep)
        bar = self.query_one(FilterBar)
        bar.set_class(bool(self.text_filter or self.status_filter or self.typing), "-shown")
        self._show_header()

    def _show_header(self) -> None:
        decided = sum(1 for c in self.all_claims if c.dismissed or c.status.decided)
        header = self.query_one(ReviewHeader)  # the filters show in the filter row, not here
        header.show(self.article.display_title, decided, len(self.all_claims))
        bar = self.query_one(FilterBar)
        if bar.has_class("-shown"):  # hidden, it is recounted when it shows: a key costs less
            bar.show_counts(self.all_claims, self.status_filter)

    def _passes(self, claim: AnyClaim) -> bool:
        return passes(claim, self.status_filter, self.text_filter)

    def show_claim(self, claim: AnyClaim | None) -> None:
        """The article and the evidence follow the list's current claim."""
        spans = [(s.start, s.end) for s in claim.spans] if claim else []
        self.query_one(ArticleView).show(self.article.text, spans)
        reader = self._glance or self.workbench.store
        evidence = reader.evidence_rows([claim.id])[claim.id] if claim else []
        self.query_one(EvidencePane).show(claim, evidence)
        self._check_before(claim)

    def _check_before(self, claim: AnyClaim | None) -> None:
        # none before the core has loaded: core_ready shows the claim again
        if self._glance is None:
            self.query_one(CheckedBefore).follow(claim)

    # -- calling the core -----------------------------------------------------------

    def _current(self) -> Claim | None:
        """The claim under the cursor, as its model: every action on a claim asks for it,
        and the core is loaded first if it has not been (core_ready then reads the claims
        again, as models)."""
        if self._glance is not None:
            cast("WorkbenchApp", self.app).load_core()
        claim = self.claim_list.current
        if claim is None:
            self.notify("no claim here", severity="warning")
        return cast("Claim | None", claim)

    # -- actions ----------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.claim_list.move(delta)

    def action_first(self) -> None:
        self.claim_list.move_to(0)

    def action_last(self) -> None:
        self.claim_list.move_to(len(self.claim_list.claims) - 1)

    def action_next_undecided(self, step: int) -> None:
        claims = self.claim_list.claims
        index = self.claim_list.cursor + step
        while 0 <= index < len(claims):
            if not claims[index].dismissed and not claims[index].status.decided:
                self.claim_list.move_to(index)
                return
            index += step
        self.notify("no undecided claim " + ("below" if step > 0 else "above"))

    def action_mark(self, status: str) -> None:
        current = self._current()
        if current is None:
            return
        claim, restored = current, False
        if claim.dismissed and status != "unverified":
            # a verdict on a dismissed claim would not reach the report: restore it first
            back = self.call(lambda: self.workbench.dismiss(claim.id, False, claim.version))
            if back is None:
                return
            claim, restored = back, True
        result = self.call(
            lambda: self.workbench.mark(claim.id, Status(status), expected_version=claim.version),
            claim.id,
        )
        if result is None:
            if restored:
                self.reload(claim.id)
            return
        if restored:  # back among the undecided: its place in the list changes
            self.reload(claim.id)
            self.notify(f"claim {claim.id} was dismissed: restored, and marked {status}")
        else:
            self._updated(result.claim)
        if result.warning:
            self.notify(no_evidence(claim.id, status), severity="warning")

    def _updated(self, claim: AnyClaim) -> None:
        self.all_claims = [claim if c.id == claim.id else c for c in self.all_claims]
        if self._passes(claim):
            self.claim_list.replace(claim)
            self._show_header()
        else:
            self.show_claims(None)

    def action_rationale(self) -> None:
        claim = self._current()
        if claim is not None:
            ask_about_current(
                self,
                "Rationale for claim {id}",
                claim.rationale,
                lambda c, text: self.workbench.set_rationale(c.id, text, c.version),
                one_line=False,
            )

    def action_rate(self) -> None:
        from workbench.tui.rating import rate_current

        rate_current(self)

    def action_approve(self) -> None:
        from workbench.tui.rating import approve_current

        approve_current(self)

    def action_edit(self) -> None:
        claim = self._current()
        if claim is not None:
            ask_about_current(
                self,
                "Edit claim {id}",
                claim.text,
                lambda c, text: self.workbench.edit(c.id, text, c.version),
                one_line=True,
            )

    def action_dismiss_claim(self) -> None:
        claim = self._current()
        if claim is not None:
            updated = self.call(
                lambda: self.workbench.dismiss(claim.id, not claim.dismissed, claim.version),
                claim.id,
            )
            if updated:
                self.reload(claim.id)

    def action_split(self) -> None:
        from workbench.tui.reshape import split_current

        split_current(self)

    def action_merge(self) -> None:
        from workbench.tui.reshape import merge_current

        merge_current(self)

    @on(SelectableArticle.AddRequested)
    def add_selected(self, event: SelectableArticle.AddRequested) -> None:
        from workbench.tui.reshape import add_selection

        add_selection(self, event.start, event.end)

    def action_adopt_match(self) -> None:
        claim, matches = self._current(), self.query_one(CheckedBefore).matches
        if claim is not None and matches:
            adopted = self.call(
                lambda: self.workbench.adopt(claim.id, matches[0].kind, matches[0].ref)
            )
            if adopted is not None:
                self.reload(claim.id)
                self.notify(f"adopted {matches[0].kind} {matches[0].ref}; z undoes it")

    def action_attach(self) -> None:
        claim = self._current()
        if claim is None:
            return

        def attached(result: AttachResult | None) -> None:
            if result is None:
                return
            self.reload(claim.id)
            self.query_one(EvidencePane).reveal(result.evidence.id)  # below the claim
            title = result.source.latest.title if result.source.latest else result.source.requested
            verdict = f" · figures: {result.verdict.value}" if result.verdict else ""
            self.notify(f"attached {title}{verdict}", title="Evidence kept", markup=False)

        from workbench.tui.attach import AttachDialog

        self.app.push_screen(AttachDialog(self.workbench, claim), attached)

    def _keep(self) -> int | None:
        return self.claim_list.current.id if self.claim_list.current else None

    def action_search(self) -> None:
        self.typing = True
        bar = self.query_one(FilterBar)
        bar.add_class("-shown")
        bar.show_counts(self.all_claims, self.status_filter)
        bar.input.focus()

    @on(FilterBar.Changed)
    def filter_words(self, event: FilterBar.Changed) -> None:
        self.text_filter = event.words
        self.show_claims(self._keep())

    @on(FilterBar.Done)
    def filter_kept(self) -> None:
        self.typing = False
        self.claim_list.focus()
        self.show_claims(self._keep())

    def action_status_filter(self) -> None:
        values = [value for value, _, _ in STATUS_FILTERS]
        self.action_status(values[(values.index(self.status_filter) + 1) % len(values)])

    def action_status(self, status: str | None) -> None:
        self.status_filter = status
        self.show_claims(self._keep())

    def action_detail(self) -> None:
        claim = self._current()
        if claim is not None:
            from workbench.tui.dialogs import ClaimDetail

            self.app.push_screen(ClaimDetail(self.workbench, claim))

    def action_back(self) -> None:
        bar = self.query_one(FilterBar)
        if self.text_filter or self.status_filter or self.typing:
            self.text_filter, self.status_filter, self.typing = "", None, False
            with bar.input.prevent(Input.Changed):
                bar.input.value = ""
            self.claim_list.focus()
            self.show_claims(self._keep())
        elif len(self.app.screen_stack) > 2 and self.is_active:  # not a key that came late
            self.remember_position()
            self.app.pop_screen()

    def remember_position(self) -> None:
        """Keep the claim under the cursor: the article reopens on it (per reviewer)."""
        claim = self.claim_list.current
        if claim is not None:
            self.call(lambda: self.workbench.remember_position(self.article.id, claim.id))
