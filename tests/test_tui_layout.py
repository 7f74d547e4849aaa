"""The review screen as drawn: read back from the composed screen at several terminal
sizes, on the very first frame, so that what is checked is what a user would see."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widget import Widget
from textual.widgets import Footer

from workbench.config import Settings
from workbench.tui.app import WorkbenchApp
from workbench.tui.review import ReviewScreen
from workbench.tui.text import visible
from workbench.tui.triage import TriageScreen
from workbench.tui.widgets import ArticleView, ClaimList

SIZES = [(80, 24), (100, 30), (109, 40), (110, 40), (120, 40), (150, 45), (200, 50)]


def app_for(db: Path, **settings: Any) -> WorkbenchApp:
    return WorkbenchApp(Settings(db=db, reviewer="alice", **settings))


def screen_lines(app: WorkbenchApp) -> list[str]:
    """The screen as a terminal would show it, one string per row."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text().splitlines()


def region_lines(app: WorkbenchApp, widget: Widget) -> list[str]:
    """The rows of `widget`'s content (inside padding and scrollbars) as drawn."""
    region = widget.scrollable_content_region
    lines = screen_lines(app)
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


def assert_article_lines_whole(app: WorkbenchApp, view: ArticleView, text: str) -> None:
    """Every drawn line of the article is whole words of the article, in order: a line
    whose end is covered (by a scrollbar, by the pane's edge) breaks the run."""
    drawn = [line.strip() for line in region_lines(app, view)]
    words = " ".join(" ".join(drawn).split())
    assert words, "the article pane is empty"
    assert words in " ".join(visible(text).split()), drawn


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_first_frame_shows_every_article_line_whole(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert_article_lines_whole(app, screen.query_one(ArticleView), screen.article.text)
        # the current claim is drawn whole in the list, wrapped over as many rows as it needs
        claims = screen.query_one(ClaimList)
        claim = claims.current
        assert claim is not None
        rows = region_lines(app, claims)
        block = rows[claims.cursor : claims.cursor + len(claims._wrapped)]
        assert " ".join(" ".join(block).split()).endswith(claim.text), block
        # the title row and the keys row are intact (the footer fills itself in after the
        # first frame, when the screen's bindings are known)
        footer = screen.query_one(Footer)
        for _ in range(50):
            if footer.children:
                break
            await pilot.pause()
        await pilot.pause()
        lines = screen_lines(app)
        assert "decided" in lines[0]
        assert "? Help" in lines[-1]


@pytest.mark.parametrize("size", [(80, 24), (150, 45)], ids=["80x24", "150x45"])
async def test_first_frame_of_triage_shows_every_article_line_whole(
    db_path: Path, seeded: int, size: tuple[int, int]
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        assert_article_lines_whole(app, screen.query_one(ArticleView), screen.article.text)


async def test_narrow_terminals_stack_the_panes(db_path: Path, seeded: int) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        claims, article = app.screen.query_one(ClaimList), app.screen.query_one(ArticleView)
        assert claims.region.bottom <= article.region.y  # one above the other, full width
        assert claims.region.width >= 78 and article.region.width >= 78
        assert claims.content_region.height >= 5 and article.content_region.height >= 5
        await pilot.resize_terminal(140, 42)
        await pilot.pause()
        assert claims.region.right <= article.region.x  # side by side
        assert_article_lines_whole(app, article, app.screen.article.text)


async def test_same_wording_is_grouped_with_a_count(run: Any, db_path: Path) -> None:
    text = (
        "Exports rose 5% in 2025. Imports fell 3% in 2024. Exports rose 5% in 2025.\n\n"
        "The port handled 2 million containers."
    )
    run("import", "-", "--title", "Trade", "--extractor", "sentences", input=text)
    app = app_for(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        claims = app.screen.query_one(ClaimList)
        texts = [c.text for c in claims.claims]
        twice = [i for i, t in enumerate(texts) if t == "Exports rose 5% in 2025."]
        assert len(twice) == 2 and twice[1] == twice[0] + 1  # together
        rows = region_lines(app, claims)
        assert sum("×2 Exports rose 5% in 2025." in row for row in rows) == 2


def test_the_level_glyph_uses_the_scorers_cut_offs() -> None:
    from workbench.extract.checkworthy import level as scorers_level
    from workbench.tui.claimlist import level

    for hundredths in range(101):
        assert level(hundredths / 100) == scorers_level(hundredths / 100), hundredths
