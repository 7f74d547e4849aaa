"""Publishing: rating scales, rate, claimant and claim date, sign-off by a second reviewer.
Through the real CLI on a real database file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, Run
from workbench.publish import claimant_from_attribution


@pytest.fixture
def article(run: Run) -> dict[str, int]:
    """The seed article with its outlet and date; ids of a few of its claims."""
    run.json(
        "import",
        str(SEED),
        "--outlet",
        "The Example Times",
        "--published",
        "2026-02-10",
        "--json",
    )
    claims = run.json("claims", "--json")
    return {
        "trade": next(c["id"] for c in claims if "$155.62" in c["text"]),
        "readout": next(c["id"] for c in claims if c["attribution"] == "the readout"),
        "spokesperson": next(
            c["id"] for c in claims if (c["attribution"] or "").endswith("Randhir Jaiswal")
        ),
    }


def show(run: Run, claim: int) -> dict:
    return run.json("show", str(claim), "--json")


def test_rate_sets_label_and_status_as_one_undoable_event(
    run: Run, article: dict[str, int]
) -> None:
    trade = article["trade"]
    result = run("rate", str(trade), "mostly TRUE", "--note", "Rounded.\n\nDetails here.")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"claim {trade}: Mostly true (verified)")
    shown = show(run, trade)
    assert shown["claim"]["rating"] == "Mostly true"
    assert shown["claim"]["rating_scale"] == "default"
    assert shown["claim"]["status"] == "verified"
    assert shown["claim"]["decided_by"] == "alice"
    assert shown["history"][-1]["action"] == "rate"
    run("rate", str(trade), "False")
    assert show(run, trade)["claim"]["status"] == "disputed"
    assert run("undo").exit_code == 0
    assert (show(run, trade)["claim"]["rating"], show(run, trade)["claim"]["status"]) == (
        "Mostly true",
        "verified",
    )
    assert run("undo").exit_code == 0
    claim = show(run, trade)["claim"]
    assert (claim["rating"], claim["status"], claim["rationale"]) == (None, "unverified", "")


def test_unknown_label_is_one_line_and_changes_nothing(
    run: Run, article: dict[str, int], db_path: Path, digest: Callable[[Path], str]
) -> None:
    before = digest(db_path)
    result = run("rate", str(article["trade"]), "Pants on Fire")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "not a label of the rating scale 'default'" in result.stderr
    assert "Mostly true" in result.stderr
    assert digest(db_path) == before


def test_marking_against_the_rating_drops_the_rating(run: Run, article: dict[str, int]) -> None:
    trade = article["trade"]
    run("rate", str(trade), "Mostly true")
    run("mark", str(trade), "verified")  # agrees with the rating: kept
    assert show(run, trade)["claim"]["rating"] == "Mostly true"
    run("mark", str(trade), "disputed")
    claim = show(run, trade)["claim"]
    assert (claim["status"], claim["rating"]) == ("disputed", None)


def test_shipped_scales_and_an_organisations_own(
    run: Run, article: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scales = {s["name"]: s for s in run.json("scales", "--json")}
    assert [item["label"] for item in scales["politifact"]["labels"]] == [
        "True",
        "Mostly True",
        "Half True",
        "Mostly False",
        "False",
        "Pants on Fire",
    ]
    assert [item["value"] for item in scales["politifact"]["labels"]] == [6, 5, 4, 3, 2, 1]
    assert [item["label"] for item in scales["statuses"]["labels"]] == [
        "Verified",
        "Unverified",
        "Disputed",
    ]
    assert len(scales["default"]["labels"]) == 6 and scales["default"]["active"]
    config = tmp_path / "config.toml"
    config.write_text(
        'rating_scale = "desk"\n'
        "[[rating_scales]]\n"
        'name = "desk"\n'
        'labels = [{label = "Correct", status = "verified"},'
        ' {label = "Needs context", status = "disputed", description = "Half the story."},'
        ' {label = "Wrong", status = "disputed"}]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    assert run("rate", str(article["trade"]), "needs context").exit_code == 0
    claim = show(run, article["trade"])["claim"]
    assert (claim["rating"], claim["rating_scale"], claim["status"]) == (
        "Needs context",
        "desk",
        "disputed",
    )


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        (
            '[[rating_scales]]\nname = "desk"\nlabels = [{label = "A", status = "verified"},'
            ' {label = "B", status = "maybe"}]\n',
            "rating_scales.0.labels.1.status",
        ),
        (
            '[[rating_scales]]\nname = "desk"\nlabels = [{label = "A", status = "verified"},'
            ' {label = "a", status = "disputed"}]\n',
            "label 'a' appears twice",
        ),
        ('rating_scale = "nope"\n', "no rating scale 'nope'"),
        (
            '[[rating_scales]]\nname = "default"\nlabels = [{label = "A", status = "verified"},'
            ' {label = "B", status = "disputed"}]\n',
            "scale name 'default' is already taken",
        ),
    ],
)
def test_a_bad_scale_in_the_config_file_is_one_clear_line(
    run: Run, seeded: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, says: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(toml, encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    result = run("claims")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: invalid config file {config}")
    assert says in result.stderr and result.stderr.count("\n") == 1


def test_approval_needs_another_reviewer_and_lapses_on_change(
    run: Run,
    article: dict[str, int],
    tmp_path: Path,
    db_path: Path,
    digest: Callable[[Path], str],
) -> None:
    trade = str(article["trade"])
    unrated = run("--reviewer", "bob", "approve", str(article["readout"]))
    assert unrated.exit_code == 1 and "has no verdict to approve" in unrated.stderr
    run("rate", trade, "True")
    before = digest(db_path)
    same = run("approve", trade)
    assert same.exit_code == 1
    assert same.stderr == (
        f"error: claim {trade} was decided by alice: another reviewer must approve it"
        " (run with --reviewer NAME)\n"
    )
    assert digest(db_path) == before
    assert run("--reviewer", "bob", "approve", trade).exit_code == 0
    assert show(run, trade)["claim"]["approved_by"] == "bob"
    run("edit", trade, "Bilateral trade hit a record $155.62 billion in 2025.")
    shown = show(run, trade)
    assert shown["claim"]["approved_by"] is None
    assert shown["history"][-1]["summary"].endswith("; approval by bob withdrawn")
    assert run("undo").exit_code == 0  # undoing the change brings the approval back
    assert show(run, trade)["claim"]["approved_by"] == "bob"
    page = tmp_path / "source.txt"
    page.write_text("Customs data: trade reached $155.6bn in 2025.\n", encoding="utf-8")
    assert run("attach", trade, str(page)).exit_code == 0  # new evidence: signed off no more
    assert show(run, trade)["claim"]["approved_by"] is None
    assert run("--reviewer", "bob", "approve", trade).exit_code == 0
    assert run("--reviewer", "bob", "approve", trade, "--withdraw").exit_code == 0
    assert show(run, trade)["claim"]["approved_by"] is None


def test_claimant_from_attribution_outlet_or_as_set(run: Run, article: dict[str, int]) -> None:
    trade, readout, spokesperson = (str(article[k]) for k in ("trade", "readout", "spokesperson"))
    assert run("claimant", trade).stdout == (
        "The Example Times, organization (the outlet), 2026-02-10\n"
    )
    assert run("claimant", spokesperson).stdout.startswith(
        "Randhir Jaiswal, person (from the attribution)"
    )
    assert run("claimant", readout).stdout.startswith("unknown")  # "the readout" names nobody
    set_it = run("claimant", readout, "Wang Yi", "--type", "person", "--date", "2026-02-09")
    assert set_it.exit_code == 0, set_it.stderr
    claim = show(run, int(readout))["claim"]
    assert (claim["claimant"], claim["claimant_type"], claim["claim_date"]) == (
        "Wang Yi",
        "Person",
        "2026-02-09",
    )
    assert show(run, int(readout))["history"][-1]["action"] == "claimant"
    bad = run("claimant", readout, "--date", "9 Feb")
    assert bad.exit_code == 1 and "give it as YYYY-MM-DD" in bad.stderr
    assert run("claimant", readout, "--clear").exit_code == 0
    assert show(run, int(readout))["claim"]["claimant"] is None
    alone = run("claimant", readout, "--type", "person")
    assert alone.exit_code == 1 and "a type alone names nobody" in alone.stderr


@pytest.mark.parametrize(
    ("attribution", "name", "kind"),
    [
        ("External affairs ministry spokesperson Randhir Jaiswal", "Randhir Jaiswal", "Person"),
        ("the external affairs ministry", "External affairs ministry", "Organization"),
        ("A statement from China's foreign ministry", "China's foreign ministry", "Organization"),
        ("economists at the Bank of England", "Bank of England", "Organization"),
        ("Narendra Modi", "Narendra Modi", "Person"),
        ("analysts at Goldman Sachs", "Goldman Sachs", None),  # a person or a firm?
        ("Misri", "Misri", None),  # one word: a surname, or a country?
        ("the readout", None, None),
        ("officials", None, None),
        # the same words from several speakers: a claimant only when one of them names one
        ("the statement; the readout", None, None),
        ("the readout; Narendra Modi", "Narendra Modi", "Person"),
        ("Anil Rao; Meera Shah", None, None),
    ],
)
def test_claimant_named_by_an_attribution(
    attribution: str, name: str | None, kind: str | None
) -> None:
    found = claimant_from_attribution(attribution)
    got = (found.name, found.type) if found else (None, None)
    assert got == (name, kind)
