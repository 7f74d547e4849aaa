"""The review screen's start: drawn from plain rows (workbench.glance) before the core,
pydantic and click are loaded, the same rows the store reads; the shell's `workbench`
takes that path only when it is certain to behave as the full command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run
from workbench.cli.quick import options
from workbench.glance import ClaimRow, Glance
from workbench.models import Claim
from workbench.store import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.review import ReviewScreen


def test_the_review_screen_and_the_shell_entry_load_no_pydantic_click_or_core() -> None:
    code = (
        "import sys, json\n"
        "import workbench.cli, workbench.cli.quick, workbench.tui.app, workbench.tui.review\n"
        "heavy = ('pydantic', 'pydantic_settings', 'click', 'spacy', 'httpx')\n"
        "core = ('workbench.core', 'workbench.config', 'workbench.models', 'workbench.store',"
        " 'workbench.extract', 'workbench.evidence')\n"
        "print(json.dumps(sorted(m for m in sys.modules"
        " if m.split('.')[0] in heavy or m.startswith(core))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_the_first_look_reads_what_the_store_reads(
    run: Run, db_path: Path, seeded: int, httpserver: HTTPServer
) -> None:
    claims = run.json("claims", "--json")
    first, second, third = (c["id"] for c in claims[:3])
    assert run("mark", str(first), "verified").exit_code == 0
    assert run("mark", str(second), "disputed", "--note", "no such record").exit_code == 0
    assert run("dismiss", str(third)).exit_code == 0
    httpserver.expect_request("/s").respond_with_data(
        "<html><title>Trade</title><p>Bilateral trade touched a record high.</p></html>",
        content_type="text/html",
    )
    attached = run(
        "attach",
        str(first),
        httpserver.url_for("/s"),
        "--excerpt",
        "a record high",
        "--allow-private",
    )
    assert attached.exit_code == 0, attached.stderr
    glance = Glance.open(db_path, "alice")
    assert glance is not None
    with Store(db_path) as store:
        models = store.claims(article_id=seeded)
        rows = glance.claims(seeded)
        assert [row.id for row in rows] == [model.id for model in models]  # the same order
        for row, model in zip(rows, models, strict=True):
            for field in Claim.model_fields:
                if field == "spans":
                    assert [(s.start, s.end) for s in row.spans] == [
                        (s.start, s.end) for s in model.spans
                    ]
                else:
                    assert getattr(row, field) == getattr(model, field), field
        ids = [model.id for model in models]
        assert glance.evidence_rows(ids) == store.evidence_rows(ids)
        assert len(glance.evidence_rows([first])[first]) == 1
        [progress] = store.articles()
        [look] = glance.articles()
        assert (look.article.id, look.claims, look.decided) == (
            progress.article.id,
            progress.claims,
            progress.decided,
        )
        assert look.article.display_title == progress.article.display_title
    glance.close()


def test_no_first_look_at_a_database_that_needs_the_core(tmp_path: Path, run: Run) -> None:
    assert Glance.open(tmp_path / "none.db", "alice") is None  # the core says it is missing
    assert not (tmp_path / "none.db").exists()  # and nothing was created
    plain = tmp_path / "plain.db"
    plain.write_bytes(b"not a database at all, but long enough to have a header....")
    assert Glance.open(plain, "alice") is None


async def test_the_screen_drawn_from_rows_takes_the_models_and_works(
    db_path: Path, seeded: int
) -> None:
    from workbench.config import Settings

    app = WorkbenchApp(lambda: Settings(db=db_path), db_path=db_path, reviewer="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        # the app settles once the core has loaded: the rows are models by then
        assert app.glance is None and screen._glance is None
        assert all(isinstance(c, Claim) for c in screen.all_claims)
        current = screen.claim_list.current
        assert current is not None
        await pilot.press("v")
        await pilot.pause()
    with Store(db_path) as store:
        assert store.get_claim(current.id).status.value == "verified"


def test_a_claim_row_refuses_what_the_model_refuses(db_path: Path, seeded: int) -> None:
    from tests.conftest import edit_a_status_by_hand
    from workbench.glance import UnreadableRow

    edit_a_status_by_hand(db_path)
    glance = Glance.open(db_path, "alice")
    assert glance is not None
    with pytest.raises(UnreadableRow):
        glance.claims(seeded)
    glance.close()
    assert ClaimRow.__slots__  # rows, not models: nothing validated on the first frame


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {}),
        (["--db", "x.db"], {"db": "x.db"}),
        (["--db=x.db", "review", "--article", "#3"], {"db": "x.db", "article": "#3"}),
        (["review", "--reviewer", "bob"], {"reviewer": "bob"}),
        (["--article", "3"], None),  # --article belongs to review
        (["claims"], None),
        (["--db"], None),
        (["--db", "--reviewer"], None),
        (["--db", "a", "--db", "b"], None),
        (["--help"], None),
        (["review", "review"], None),
        (["--db", "bad\udcff"], None),
    ],
)
def test_only_a_plain_start_is_taken_quickly(
    argv: list[str], expected: dict[str, str] | None
) -> None:
    assert options(argv) == expected
