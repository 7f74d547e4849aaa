"""Issue 16, the review screen: a huge single word, the keymap checked before the screen
opens."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import Run
from workbench.config import Settings
from workbench.errors import InputError
from workbench.tui.app import WorkbenchApp
from workbench.tui.review import ReviewScreen
from workbench.tui.text import wrap_offsets
from workbench.tui.widgets import ArticleView


@pytest.mark.parametrize(
    "text, width",
    [("x" * 1000, 80), ("中" * 301, 9), ("ab " + "y" * 50 + " cd", 8), ("👩‍👩‍👧" * 40 + " ok", 10)],
)
def test_a_long_word_is_cut_into_lines_that_fit(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    assert lines[0][0] == 0 and lines[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(lines))  # nothing lost
    assert all(cell_len(text[start:end].rstrip()) <= max(width, 8) for start, end in lines)


async def test_an_article_of_one_huge_word_opens_and_quits(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    # 400,000 characters wrapped in 12 s before (the cost grew with the square of the word)
    article = tmp_path / "word.txt"
    article.write_text("Exports rose 5% in 2025. " + "x" * 400_000 + "\n")
    assert run("import", str(article)).exit_code == 0
    app = WorkbenchApp(Settings(db=db_path, reviewer="alice"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        view = app.screen.query_one(ArticleView)
        assert view.virtual_size.height > 400_000 // 100
        await pilot.press("G", "q")
    assert app.return_code == 0


@pytest.mark.parametrize(
    "keymap, expected",
    [
        ({"review.verified": "q"}, "gives 'q' to both review.verified and app.quit"),
        ({"review.verifed": "V"}, "unknown key binding id 'review.verifed'"),
        ({"triage.verified": "x"}, "gives 'x' to both triage.verified and triage.disputed"),
    ],
)
def test_a_keymap_that_clashes_or_names_nothing_is_refused(
    db_path: Path, seeded: int, keymap: dict[str, str], expected: str
) -> None:
    with pytest.raises(InputError, match=expected.replace("(", r"\(")):
        WorkbenchApp(Settings(db=db_path, reviewer="alice", keymap=keymap))


def test_a_keymap_that_swaps_two_keys_is_accepted(db_path: Path, seeded: int) -> None:
    keymap = {"review.verified": "x", "review.disputed": "v"}
    app = WorkbenchApp(Settings(db=db_path, reviewer="alice", keymap=keymap))
    assert app.workbench is not None
