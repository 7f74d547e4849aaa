"""What a reviewer sees at 80x24 (the default of many SSH terminals) and at a wide size:
read back from the drawn screen, not from the widgets' state, so that a line cut by the
box, hidden under another line or left below the screen fails the test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, OptionList, TextArea

from tests.conftest import Run
from tests.test_tui import PAGE, app_for, claim_list
from tests.test_tui_layout import region_lines, screen_lines
from workbench.tui.attach import AttachDialog
from workbench.tui.editor import EditorDialog
from workbench.tui.evidence import EvidencePane
from workbench.tui.evidence_dialogs import KeptCopyScreen
from workbench.tui.filterbar import PLACEHOLDERS, FilterBar
from workbench.tui.help import HINT, HelpScreen
from workbench.tui.reshape import MergeDialog

SIZES = [(80, 24), (140, 42)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def drawn(app: object, widget: Widget) -> str:
    """The words `widget` shows on screen, its rows joined: a cut row loses words."""
    return squeeze(" ".join(region_lines(app, widget)))  # type: ignore[arg-type]


async def go_to(app, pilot, words: str) -> int:  # type: ignore[no-untyped-def]
    """Move down the claims list to the claim that starts with `words`."""
    for _ in range(60):
        claim = claim_list(app).current
        if claim is not None and claim.text.startswith(words):
            return claim.id
        await pilot.press("j")
    raise AssertionError(f"no claim starting {words!r} in the list")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_page_keys_show_every_line_of_the_help_and_the_way_out(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        scroll = help_screen.query_one(VerticalScroll)

        async def shown(key: str) -> list[str]:
            await pilot.press(key)
            await pilot.pause()
            assert squeeze(HINT) in squeeze("\n".join(screen_lines(app)))  # the way out
            return [line.rstrip() for line in region_lines(app, scroll)]

        every = await shown("home")  # the whole help, a line at a time, as ↓ shows it
        for _ in range(200):
            before = scroll.scroll_offset.y
            every.append((await shown("down"))[-1])
            if scroll.scroll_offset.y == before:
                break
        paged = set(await shown("home"))  # the same help, a page at a time
        for _ in range(50):
            before = scroll.scroll_offset.y
            paged.update(await shown("pagedown"))
            if scroll.scroll_offset.y == before:
                break
        assert any("Approve the claim" in line for line in every)
        assert any("ctrl+p" in line for line in every[-3:])  # the last row of the help
        assert [line for line in every if line not in paged] == []
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_footer_shows_the_help_key_whichever_pane_has_the_keys(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        # each pane's own keys come first in the footer: at 80 columns they pushed ? off
        for pane, own_key in (
            ("claims", "n Next"),
            ("article", "Select words"),
            ("evidence", "s Stance"),
        ):
            assert app.focused is not None and app.focused.id == pane
            for _ in range(50):  # the footer fills itself in after the focus moved
                await pilot.pause()
                last = screen_lines(app)[-1]
                if own_key in last:
                    break
            assert own_key in last and "? Help" in last, (pane, last)
            await pilot.press("tab")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_attach_dialog_wraps_the_claim_and_its_hint(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go_to(app, pilot, "A brutal clash in Galwan Valley")
        claim = claim_list(app).current
        assert claim is not None and len(claim.text) > 80
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AttachDialog)
        claim_label, *_, hint = dialog.query(Label).filter(".hint")
        assert drawn(app, claim_label) == squeeze(claim.text)
        assert drawn(app, hint).endswith("· escape cancels")


@pytest.fixture
def drifted(run: Run, seeded: int, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The $155.62 billion claim's source, attached, then changed: its excerpt is gone."""
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    httpserver.expect_request("/customs").respond_with_data(PAGE, content_type="text/html")
    claim = next(c["id"] for c in run.json("claims", "--json") if "$155.62" in c["text"])
    run("attach", str(claim), httpserver.url_for("/customs"), "--stance", "supports")
    httpserver.clear()
    gone = PAGE.replace("reached $155.6bn in 2025", "grew")
    httpserver.expect_request("/customs").respond_with_data(gone, content_type="text/html")
    run("recheck")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_kept_copy_says_whole_when_its_page_changed(
    db_path: Path, drifted: None, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go_to(app, pilot, "Bilateral trade touched")
        await pilot.press("tab", "tab", "o")
        await pilot.pause()
        assert isinstance(app.screen, KeptCopyScreen)
        about = app.screen.query(Label).filter(".hint").first()
        words = drawn(app, about)
        assert words.startswith("kept copy fetched ")
        assert re.search(r"· no longer on the live page since \d{4}-\d\d-\d\d$", words), words


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_filter_row_shows_its_hint_and_counts_whole(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        bar = app.screen.query_one(FilterBar)
        assert drawn(app, bar.input) in PLACEHOLDERS  # whole, ")" and all
        assert drawn(app, bar.query_one("#status-counts")).endswith("4:– 0")
        if size[0] == 80:
            assert drawn(app, bar.input).endswith("clears)")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_rationale_editor_shows_several_lines_at_once(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, EditorDialog)
        area = app.screen.query_one(TextArea)
        drawn_empty = region_lines(app, area)
        assert len(drawn_empty) >= 6  # a box of several rows before anything is typed
        lines = [f"source {n} says so" for n in range(1, 7)]
        for line in lines:
            await pilot.press(*line, "enter")
        await pilot.pause()
        shown = drawn(app, area)
        assert all(line in shown for line in lines[-5:]), shown  # read back while written


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_merge_picker_opens_on_the_proposed_claim_whole(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MergeDialog)
        options = dialog.query_one(OptionList)
        assert options.highlighted is not None
        proposed = dialog.others[options.highlighted]
        rows = [squeeze(row) for row in region_lines(app, options)]
        # the first row is where a claim starts, the proposed one, and all of it is shown
        assert rows[0].startswith(f"{proposed.id} "), rows
        assert squeeze(proposed.text) in drawn(app, options)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_claim_header_keeps_the_decisions_time_with_its_date(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        rows = region_lines(app, app.screen.query_one(EvidencePane))
        decided = [row for row in rows if "verified by alice" in row]
        assert len(decided) == 1 and re.search(r"by alice \d{4}-\d\d-\d\d \d\d:\d\d", decided[0])
        assert rows[0].strip().startswith("Claim ")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_evidence_just_attached_is_in_sight(
    db_path: Path, seeded: int, httpserver: HTTPServer, size: tuple[int, int]
) -> None:
    httpserver.expect_request("/customs").respond_with_data(PAGE, content_type="text/html")
    app = app_for(db_path, allow_private=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go_to(app, pilot, "Bilateral trade touched")
        await pilot.press("v", "a", *httpserver.url_for("/customs"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "enter")  # the first passage, the stance suggested
        await pilot.pause()
        pane = app.screen.query_one(EvidencePane)
        shown = region_lines(app, pane)
        item = [row for row in shown if "Customs data 2025" in row]
        assert item and item[0].strip().startswith("●"), shown
        assert "figures: near" in drawn(app, pane)
        await pilot.press("j", "k")  # another claim, and back: its header on top again
        await pilot.pause()
        assert region_lines(app, pane)[0].strip().startswith("Claim ")


async def test_the_footer_leaves_out_a_key_it_would_cut(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")  # the evidence pane: its keys, then the screen's
        for _ in range(50):
            await pilot.pause()
            last = screen_lines(app)[-1]
            if "s Stance" in last:
                break
        left = last.split("▏")[0].split()
        assert "s Stance" in last and last.rstrip().endswith("? Help")
        # every label left of the help is a whole word of a key's description
        words = {"Stance", "Excerpt", "Note", "Detach", "Kept", "copy", "Mark", "Attach"}
        words |= {"Rationale", "Undo", "Filter", "Triage", "Next", "vxu"}
        assert all(len(word) == 1 or word in words for word in left), left
        await pilot.resize_terminal(140, 42)
        for _ in range(50):
            await pilot.pause()
            if "Triage" in screen_lines(app)[-1]:
                break
        assert "t Triage" in screen_lines(app)[-1]  # wider: the keys left out come back
