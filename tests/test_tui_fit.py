"""What a reviewer sees at 80x24 (the default of many SSH terminals) and at a wide size:
read back from the drawn screen, not from the widgets' state, so that a line cut by the
box, hidden under another line or left below the screen fails the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from tests.test_tui import app_for
from tests.test_tui_layout import region_lines, screen_lines
from workbench.tui.help import HINT, HelpScreen

SIZES = [(80, 24), (140, 42)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def squeeze(text: str) -> str:
    return " ".join(text.split())


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
