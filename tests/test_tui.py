"""The review TUI driven by Textual's Pilot: every key and dialog, asserting what the
database holds, not only the screen."""

from __future__ import annotations

import asyncio
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console
from textual.widgets import Static

from tests.conftest import SEED, Run
from workbench.config import Settings
from workbench.store import Store
from workbench.tui.app import ArticlesScreen, EmptyScreen, WorkbenchApp
from workbench.tui.attach import AttachDialog
from workbench.tui.dialogs import ClaimDetail
from workbench.tui.editor import EditorDialog
from workbench.tui.evidence import EvidencePane
from workbench.tui.filterbar import FilterBar
from workbench.tui.help import HelpScreen
from workbench.tui.reshape import MergeDialog, SplitDialog
from workbench.tui.review import ReviewScreen
from workbench.tui.triage import TriageScreen, TriageSummary
from workbench.tui.widgets import ArticleView, ClaimList

SIZE = (150, 45)
PAGE = """<html><head><title>Customs data 2025</title></head><body><article>
<p>Official customs figures show bilateral trade between India and China reached $155.6bn in 2025.</p>
<p>The deficit widened to $116.1 billion.</p></article></body></html>"""


def app_for(db: Path, **settings: Any) -> WorkbenchApp:
    return WorkbenchApp(Settings(db=db, reviewer="alice", **settings))


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def claim_list(app: WorkbenchApp) -> ClaimList:
    """The claims of the review screen, also while a dialog is open over it."""
    review = next(s for s in reversed(app.screen_stack) if isinstance(s, ReviewScreen))
    return review.query_one(ClaimList)


def current_id(app: WorkbenchApp) -> int:
    claim = claim_list(app).current
    assert claim is not None
    return claim.id


async def goto(pilot: Any, app: WorkbenchApp, words: str) -> None:
    """Move to the first claim containing `words` with j/k, as a reviewer would (the
    list's order is the model's ranking, which these tests do not pin)."""
    claims = claim_list(app).claims
    target = next(i for i, c in enumerate(claims) if words in c.text)
    here = next(i for i, c in enumerate(claims) if c.id == current_id(app))
    key = "j" if target > here else "k"
    await pilot.press(*[key] * abs(target - here))
    assert words in claim_list(app).claims[target].text and current_id(app) == claims[target].id


async def test_review_screen_shows_claims_article_and_progress(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        claims = claim_list(app).claims
        assert len(claims) == rows(db_path, "SELECT count(*) FROM claims")[0][0]
        scores = [c.checkworthiness for c in claims]
        assert scores == sorted(scores, reverse=True)
        article = app.screen.query_one(ArticleView)
        first = claims[0]
        assert article.spans == [(s.start, s.end) for s in first.spans]
        visible_lines = [article.render_line(y).text for y in range(article.size.height)]
        opening = " ".join(first.text.split()[:4])
        assert any(opening in line for line in visible_lines)  # scrolled to it
        assert f"0/{len(claims)} decided" in str(app.screen.query_one("#counts").render())


async def test_keys_move_mark_and_undo(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = current_id(app)
        await pilot.press("v")
        await pilot.press("j")
        second = current_id(app)
        await pilot.press("x")
        await pilot.press("down", "down", "k")
        third = current_id(app)
        await pilot.press("v", "u")
        assert dict(
            rows(
                db_path, "SELECT id, status FROM claims WHERE id IN (?, ?, ?)", first, second, third
            )
        ) == {
            first: "verified",
            second: "disputed",
            third: "unverified",
        }
        assert rows(db_path, "SELECT decided_by FROM claims WHERE id = ?", first) == [("alice",)]
        await pilot.press("G")
        assert claim_list(app).cursor == len(claim_list(app).claims) - 1
        await pilot.press("g")
        assert claim_list(app).cursor == 0
        await pilot.press("n")  # the next undecided: the third claim (the first two are decided)
        assert current_id(app) == third
        await pilot.press("N")  # none above is undecided: the cursor stays
        assert current_id(app) == third
        await pilot.press("z", "z")  # undo "unverified", then "verified" of the third
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", third) == [("unverified",)]
        await pilot.press("z")
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", second) == [("unverified",)]
        assert "2/" not in str(app.screen.query_one("#counts").render())


async def test_rationale_and_edit_dialogs(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, app, "killed 20")
        claim = current_id(app)
        await pilot.press("r")
        assert isinstance(app.screen, EditorDialog)
        await pilot.press(*"Army statement, 2020", "enter", *"[b]table 3[/b]")  # two lines
        await pilot.press("ctrl+s")
        assert rows(db_path, "SELECT rationale FROM claims WHERE id = ?", claim) == [
            ("Army statement, 2020\n[b]table 3[/b]",)
        ]
        pane = str(app.screen.query_one(EvidencePane).body)
        assert "[b]table 3[/b]" in pane  # shown as typed, never as markup
        await pilot.press("e", "f7", *"The clash killed 20 soldiers.", "enter")
        text, original = rows(
            db_path, "SELECT text, original_text FROM claims WHERE id = ?", claim
        )[0]
        assert text == "The clash killed 20 soldiers." and original.startswith("A brutal clash")
        await pilot.press("r", *"more", "escape")  # cancelled: nothing written
        assert rows(db_path, "SELECT count(*) FROM events WHERE action = 'rationale'") == [(1,)]


async def test_split_merge_and_dismiss_change_the_claims(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows(db_path, "SELECT count(*) FROM claims")[0][0]
        await goto(pilot, app, "killed 20")
        claim = current_id(app)
        await pilot.press("s")
        assert isinstance(app.screen, SplitDialog)
        await app.workers.wait_for_complete()  # the clause boundaries, found off screen
        await pilot.press("right", "enter")
        assert rows(db_path, "SELECT count(*) FROM claims")[0][0] == before + 1
        spans = rows(db_path, 'SELECT start, "end" FROM claim_spans WHERE claim_id = ?', claim)
        assert spans and all(e > s for s, e in spans)
        await pilot.press("z")
        assert rows(db_path, "SELECT count(*) FROM claims")[0][0] == before
        await goto(pilot, app, "$155.62")
        await pilot.press("m")  # the picker starts on the next claim of the article
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("enter")
        assert rows(db_path, "SELECT count(*) FROM claims")[0][0] == before - 1
        merged = current_id(app)
        [(text,)] = rows(db_path, "SELECT text FROM claims WHERE id = ?", merged)
        assert "$155.62 billion" in text and "$116.12 billion" in text
        await pilot.press("z")
        assert rows(db_path, "SELECT count(*) FROM claims")[0][0] == before
        target = current_id(app)
        await pilot.press("D")
        assert rows(db_path, "SELECT dismissed FROM claims WHERE id = ?", target) == [(1,)]
        assert claim_list(app).claims[-1].id == target  # dismissed claims go last
        assert current_id(app) == target


async def test_filter_by_words_and_status(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        total = len(claim_list(app).claims)
        await pilot.press("slash", *"galwan")  # g and a are keys of the list, not here
        assert all("galwan" in c.text.lower() for c in claim_list(app).claims)
        assert 0 < len(claim_list(app).claims) < total
        bar = app.screen.query_one(FilterBar)
        assert bar.display and bar.input.value == "galwan"  # inline, above the list
        await pilot.press("enter", "v")  # the filter stays; the keys work on the list again
        assert len(claim_list(app).claims) < total
        assert rows(db_path, "SELECT count(*) FROM claims WHERE status = 'verified'") == [(1,)]
        assert "2:✓ 1" in str(bar.query_one("#status-counts").render())  # counted at once
        await pilot.press("escape")  # on the main screen: clears the filter
        assert len(claim_list(app).claims) == total and not bar.display
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f")  # unverified only, with the counts of every status
        assert all(c.status.value == "unverified" for c in claim_list(app).claims)
        assert len(claim_list(app).claims) == total - 1
        counts = str(bar.query_one("#status-counts").render())
        # in a pane this narrow, the list's own marks name the statuses
        assert f"0:all {total}" in counts and f"1:· {total - 1}" in counts
        assert "2:✓ 1" in counts and "3:✗ 0" in counts
        await pilot.press("2")  # verified, directly
        assert [c.status.value for c in claim_list(app).claims] == ["verified"]
        await pilot.press("0")
        assert len(claim_list(app).claims) == total


async def test_detail_help_and_palette(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = str(app.screen.query_one(EvidencePane).body)
        await pilot.press("enter")
        assert isinstance(app.screen, ClaimDetail)
        detail = str(app.screen.query_one("VerticalScroll Static", Static).render())
        for shown in (pane, detail):  # a level, never a float with false precision
            assert "check-worthiness high" in shown and "check-worthiness 0" not in shown
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = [key for key, _ in app.screen.rows]
        for key in (
            "j,down",
            "v",
            "x",
            "u",
            "a",
            "r",
            "e",
            "s",
            "m",
            "D",
            "z",
            "/",
            "f",
            "enter",
            "t",
            "q",
            "?",
        ):
            assert key in keys
        sentences = dict(app.screen.rows)
        assert sentences["v"].startswith("Mark the claim verified")  # a sentence, not a word
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(app.screen.query_one("VerticalScroll Static", Static).content)
        drawn = console.export_text()
        assert "Mark the claim verified" in drawn
        assert "✗  disputed: the sources contradict it" in drawn  # the legend
        assert "○  low check-worthiness" in drawn
        await pilot.press("escape")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Verified" in titles and "Export report: HTML" in titles


async def test_attach_fetches_in_a_worker_and_keeps_the_chosen_passage(
    db_path: Path, seeded: int, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/customs").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    app = app_for(db_path, allow_private=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto(pilot, app, "$155.62")
        claim = current_id(app)
        await pilot.press("a")
        assert isinstance(app.screen, AttachDialog)
        await pilot.press(*httpserver.url_for("/gone"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(db_path, "SELECT count(*) FROM sources") == [(0,)]
        assert isinstance(app.screen, AttachDialog)
        await pilot.press("home", "ctrl+k", *httpserver.url_for("/customs"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the best passage, first in the list
        await pilot.pause()
        await pilot.press("home", "enter")  # then the stance: supports
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        [(stance, excerpt)] = rows(
            db_path, "SELECT stance, excerpt FROM evidence WHERE claim_id = ?", claim
        )
        assert stance == "supports" and "$155.6bn" in excerpt
        pane = str(app.screen.query_one(EvidencePane).body)
        assert "Customs data 2025" in pane and "figures: near" in pane


async def test_triage_walks_undecided_claims_and_records_the_session(
    db_path: Path, seeded: int
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = [c.id for c in sorted(claim_list(app).claims, key=lambda c: -c.checkworthiness)]
        await pilot.press("t")
        assert isinstance(app.screen, TriageScreen)
        await pilot.press("v", "y")  # no evidence: asked once in the session
        await pilot.press("x", "s", "D")
        await pilot.press("z")  # the dismissal undone: that claim is offered again
        await pilot.press("v", "escape")
        assert isinstance(app.screen, TriageSummary)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    statuses = dict(rows(db_path, "SELECT id, status FROM claims"))
    dismissed = dict(rows(db_path, "SELECT id, dismissed FROM claims"))
    assert [statuses[i] for i in order[:4]] == ["verified", "disputed", "unverified", "verified"]
    assert dismissed[order[3]] == 0
    [(reviewer, decided, ended)] = rows(
        db_path, "SELECT reviewer, decided, ended_at FROM review_sessions"
    )
    assert (reviewer, decided) == ("alice", 3) and ended is not None


async def test_a_colleagues_change_is_not_overwritten(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        claim = current_id(app)
        # the editor holds the version it was opened on; the screen's live reload (twice a
        # second) cannot refresh that: the colleague's change lands while it is open
        await pilot.press("r", *"Looks right")
        with Store(db_path) as other:
            other.update_claim(claim, {"status": "disputed"}, "bob", "status", "bob disputes")
        await pilot.press("ctrl+s")
        assert rows(
            db_path, "SELECT status, updated_by, rationale FROM claims WHERE id = ?", claim
        ) == [("disputed", "bob", "")]
        assert (
            claim_list(app).current is not None
            and claim_list(app).current.status.value == "disputed"
        )
        await pilot.press("v")  # now on the fresh version: accepted
        assert rows(db_path, "SELECT status FROM claims WHERE id = ?", claim) == [("verified",)]


async def test_markup_and_escapes_in_data_are_shown_literally(run: Run, db_path: Path) -> None:
    hostile = "The [bold red]minister[/] said [link=http://evil.example]5 people[/link] died \x1b[31min 2020\x1b[0m \x07 today."
    run("import", "-", "--title", "[blink]Title[/blink]", input=hostile)
    # import drops the controls from an article; an edited wording can still hold them
    [claim] = run.json("claims", "--json")
    assert run("edit", str(claim["id"]), hostile).exit_code == 0
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = [claim_list(app).render_line(y).text for y in range(3)]
        assert any("[bold red]minister[/]" in line for line in lines), lines
        pane = str(app.screen.query_one(EvidencePane).body)
        assert "␛[31min 2020␛[0m ␇ today" in pane and "\x1b" not in pane
        article = app.screen.query_one(ArticleView)
        text = "".join(article.render_line(y).text for y in range(article.size.height))
        assert "[link=http://evil.example]" in text and "\x1b" not in text and "\x07" not in text
        assert "[blink]Title[/blink]" in str(app.screen.query_one("#title").render())


async def test_empty_database_says_how_to_import(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        assert "workbench import" in str(app.screen.query_one("#empty").render())


async def test_articles_screen_when_there_are_several(run: Run, db_path: Path, seeded: int) -> None:
    run(
        "import",
        "-",
        "--title",
        "Second article",
        input="Exports rose 5% in 2025, the ministry said.",
    )
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ArticlesScreen)
        await pilot.press("enter")  # the newest first: the second article
        assert isinstance(app.screen, ReviewScreen) and app.screen.article.title == "Second article"
        await pilot.press("v", "escape")
        assert isinstance(app.screen, ArticlesScreen)
        assert rows(db_path, "SELECT count(*) FROM claims WHERE status = 'verified'") == [(1,)]


async def test_the_app_starts_on_100k_claims(tmp_path: Path) -> None:
    from benchmarks import bigdb

    db = tmp_path / "big.db"
    bigdb.build(db, articles=2000, claims=100_000, evidence=1000)
    app = app_for(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ArticlesScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen) and len(claim_list(app).claims) == 50
        claim = current_id(app)
        await pilot.press("x")
        assert rows(db, "SELECT status FROM claims WHERE id = ?", claim) == [("disputed",)]


SNAPSHOT_SIZES = [(80, 24), (120, 40), (200, 50)]
SNAPSHOT_SCREENS = {"main": (), "triage": ("t",), "help": ("question_mark",)}


@pytest.mark.parametrize("size", SNAPSHOT_SIZES, ids=[f"{w}x{h}" for w, h in SNAPSHOT_SIZES])
@pytest.mark.parametrize("screen", list(SNAPSHOT_SCREENS))
def test_snapshots(
    snap_compare: Any, run: Run, db_path: Path, screen: str, size: tuple[int, int]
) -> None:
    # a fixed title: without one the header shows the file's path, which differs by checkout
    run("import", str(SEED), "--title", "India and China review ties")
    assert snap_compare(app_for(db_path), press=list(SNAPSHOT_SCREENS[screen]), terminal_size=size)


async def test_export_from_the_palette_says_where_it_wrote(
    db_path: Path, seeded: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = app_for(db_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.press("ctrl+p", *"Export report: HTML")
        await pilot.pause()
        await pilot.press("enter")  # the export dialog, on HTML of the verified claims
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / f"workbench-article-{seeded}-verified.html"
        assert written.exists() and "Verified claims" in written.read_text()
        assert any(str(written) in n.message for n in app._notifications)


async def test_recheck_runs_in_the_background_and_reports_drift(
    db_path: Path, seeded: int, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/customs").respond_with_data(PAGE, content_type="text/html")
    claim = rows(db_path, "SELECT id FROM claims WHERE text LIKE '%155.62%'")[0][0]
    from workbench.core import Workbench

    def attach() -> None:  # a blocking fetch: not on the test's event loop
        setup = Workbench(Settings(db=db_path, reviewer="alice", allow_private=True))
        setup.attach(claim, httpserver.url_for("/customs"))
        setup.close()

    await asyncio.to_thread(attach)
    httpserver.clear()
    httpserver.expect_request("/customs").respond_with_data(
        PAGE.replace("$155.6bn", "$150.2bn"), content_type="text/html"
    )
    app = app_for(db_path, allow_private=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Recheck sources")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("1 changed" in m and "excerpt of evidence 1 gone" in m for m in messages), (
            messages
        )
    assert rows(db_path, "SELECT count(*) FROM snapshots") == [(2,)]
