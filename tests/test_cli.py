"""The command line as DESIGN.md promises it, against a real database file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import pytest

from tests.conftest import SEED, Run
from workbench.cli import cli


def test_import_then_claims_lists_located_claims(run: Run) -> None:
    imported = run.json("import", str(SEED), "--json")
    assert imported["claims"] > 10
    claims = run.json("claims", "--json")
    assert len(claims) == imported["claims"]
    text = SEED.read_text(encoding="utf-8")
    for claim in claims:
        assert {
            "id",
            "article_id",
            "text",
            "status",
            "checkworthiness",
            "kind",
            "start",
            "end",
        } <= set(claim)
        assert claim["article_id"] == imported["article_id"]
        assert claim["status"] == "unverified"
        assert 0 <= claim["start"] < claim["end"] <= len(text)
        assert text[claim["start"] : claim["end"]].strip()
    scores = [claim["checkworthiness"] for claim in claims]
    assert scores == sorted(scores, reverse=True)
    assert any("$155.62 billion" in claim["text"] for claim in claims)


def test_import_text_output_and_reimport_finds_same_article(run: Run) -> None:
    first = run("import", str(SEED))
    assert first.exit_code == 0
    assert first.stdout.startswith("article 1: ")
    again = run("import", str(SEED), "--json")
    assert json.loads(again.stdout)["article_id"] == 1
    assert json.loads(again.stdout)["created"] is False
    assert "imported before" in again.stderr
    assert len(run.json("articles", "--json")) == 1


def test_mark_then_export_json_shows_the_verdict(run: Run, seeded: int) -> None:
    claim = next(c for c in run.json("claims", "--json") if "$155.62" in c["text"])
    marked = run("mark", str(claim["id"]), "verified", "--note", "Commerce ministry data")
    assert marked.exit_code == 0
    assert "no evidence attached" in marked.stderr  # allowed, but warned about
    report = run.json("export", "--format", "json")
    assert report["schema_version"] == 2
    [article] = report["articles"]
    [exported] = article["claims"]
    assert exported["id"] == claim["id"]
    assert exported["verdict"] == "verified"
    assert exported["rationale"] == "Commerce ministry data"
    assert exported["flags"] == ["no-evidence"]
    assert "$155.62 billion" in exported["sentence"]
    assert exported["decided_by"] == "alice"
    assert article["counts"]["verified"] == 1


def test_export_to_file_writes_the_whole_report(run: Run, seeded: int, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("export", "--format", "json", "--status", "all", "-o", str(target))
    assert result.exit_code == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert len(report["articles"][0]["claims"]) == len(run.json("claims", "--json"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_articles_show_progress(run: Run, seeded: int) -> None:
    claims = run.json("claims", "--json")
    run("mark", str(claims[0]["id"]), "disputed")
    run("mark", str(claims[1]["id"]), "verified")
    [article] = run.json("articles", "--json")
    assert (article["decided"], article["claims"]) == (2, len(claims))
    assert (article["verified"], article["disputed"]) == (1, 1)
    listing = run("articles").stdout
    assert f"2/{len(claims)}" in listing


def test_claims_filter_by_status_and_article(run: Run, seeded: int) -> None:
    claims = run.json("claims", "--json")
    run("mark", str(claims[2]["id"]), "disputed")
    disputed = run.json("claims", "--status", "disputed", "--article", str(seeded), "--json")
    assert [c["id"] for c in disputed] == [claims[2]["id"]]
    assert run("claims", "--article", "99").exit_code == 1


def test_claims_lists_dismissed_claims_apart_as_the_review_screen_does(
    run: Run, seeded: int
) -> None:
    claims = run.json("claims", "--json")
    dismissed, disputed = claims[3]["id"], claims[4]["id"]
    assert run("dismiss", str(dismissed)).exit_code == 0
    assert run("mark", str(disputed), "disputed").exit_code == 0
    assert [c["id"] for c in run.json("claims", "--status", "dismissed", "--json")] == [dismissed]
    unverified = [c["id"] for c in run.json("claims", "--status", "Unverified", "--json")]
    assert len(unverified) == len(claims) - 2 and dismissed not in unverified
    assert "dismissed" in run("claims", "--status", "dismissed").stdout
    wrong = run("claims", "--status", "maybe")
    assert (wrong.exit_code, wrong.stderr) == (
        1,
        "error: invalid status 'maybe'; use one of: unverified, verified, disputed, dismissed\n",
    )


def test_show_gives_claim_evidence_and_history(run: Run, seeded: int) -> None:
    claim_id = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim_id), "verified", "--note", "seen the readout")
    shown = run.json("show", str(claim_id), "--json")
    assert shown["claim"]["status"] == "verified"
    assert shown["evidence"] == []
    assert [event["action"] for event in shown["history"]] == ["import", "status"]
    text = run("show", str(claim_id)).stdout
    assert "rationale: seen the readout" in text and "evidence: none" in text


def test_history_and_undo_walk_back_the_reviewers_changes(run: Run, seeded: int) -> None:
    claim_id = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim_id), "verified", "--note", "first")
    run("mark", str(claim_id), "disputed", "--note", "second")
    assert run.json("show", str(claim_id), "--json")["claim"]["status"] == "disputed"
    undone = run("undo")
    assert undone.exit_code == 0 and "marked disputed" in undone.stderr
    after = run.json("show", str(claim_id), "--json")["claim"]
    assert (after["status"], after["rationale"]) == ("verified", "first")
    run("undo")
    after = run.json("show", str(claim_id), "--json")["claim"]
    assert (after["status"], after["rationale"], after["decided_by"]) == ("unverified", "", None)
    actions = [event["action"] for event in run.json("history", "--json")]
    assert actions == ["import", "status", "status", "undo", "undo"]


def test_undo_is_per_reviewer(run: Run, seeded: int) -> None:
    claims = run.json("claims", "--json")
    run("--reviewer", "bob", "mark", str(claims[0]["id"]), "verified")
    run("mark", str(claims[1]["id"]), "disputed")  # alice
    run("--reviewer", "bob", "undo")
    assert run.json("show", str(claims[0]["id"]), "--json")["claim"]["status"] == "unverified"
    assert run.json("show", str(claims[1]["id"]), "--json")["claim"]["status"] == "disputed"


def test_undo_of_the_import_removes_the_article(run: Run, seeded: int) -> None:
    assert run("undo").exit_code == 1  # it deletes the article: only with --force
    result = run("undo", "--force")
    assert result.exit_code == 0
    assert run.json("articles", "--json") == []
    assert run.json("claims", "--json") == []
    nothing = run("undo")
    assert nothing.exit_code == 1
    assert nothing.stderr.strip() == "error: nothing to undo: alice has no change left to revert"


def test_undo_refuses_to_overwrite_a_colleagues_later_change(run: Run, seeded: int) -> None:
    claim_id = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim_id), "verified")  # alice
    run("--reviewer", "bob", "mark", str(claim_id), "disputed")
    refused = run("undo")
    assert refused.exit_code == 1
    assert "changed by bob" in refused.stderr
    assert run.json("show", str(claim_id), "--json")["claim"]["status"] == "disputed"


def test_mark_with_a_stale_version_is_refused(run: Run, seeded: int) -> None:
    claim = run.json("claims", "--json")[0]
    run("--reviewer", "bob", "mark", str(claim["id"]), "disputed")
    stale = run("mark", str(claim["id"]), "verified", "--expect-version", str(claim["version"]))
    assert stale.exit_code == 1
    assert stale.stderr.startswith(f"error: claim {claim['id']} was changed by bob")
    assert run.json("show", str(claim["id"]), "--json")["claim"]["status"] == "disputed"


def test_import_from_stdin_with_metadata(run: Run) -> None:
    text = "The city council approved a $4.5 million budget on Tuesday. The vote was 7-2."
    result = run.json(
        "import",
        "-",
        "--title",
        "Budget vote",
        "--url",
        "https://example.org/a",
        "--published",
        "2026-02-10",
        "--json",
        input=text,
    )
    [article] = run.json("articles", "--json")
    assert article["id"] == result["article_id"]
    assert (article["title"], article["url"], article["published"]) == (
        "Budget vote",
        "https://example.org/a",
        "2026-02-10",
    )
    assert article["origin"] == "stdin"


def test_extract_prints_claims_without_a_database(run: Run, db_path: Path) -> None:
    claims = run.json("extract", str(SEED))
    text = SEED.read_text(encoding="utf-8")
    assert claims and set(claims[0]) == {
        "text",
        "start",
        "end",
        "kind",
        "checkworthiness",
        "checkworthiness_level",
        "attribution",
    }
    for claim in claims:
        assert text[claim["start"] : claim["end"]].strip()
    assert not db_path.exists()


def test_extract_jsonl_streams_in_order_and_reports_broken_lines(run: Run) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Trade rose 5% in 2025."}),
        "{not json",
        json.dumps({"id": 7, "text": "The mayor said the bridge cost $3 million."}),
    ]
    result = run("extract", "--jsonl", input="\n".join(lines) + "\n", db=False)
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["id"] for item in out] == ["a", 7]
    [bridge] = out[1]["claims"]
    assert (bridge["text"], bridge["attribution"]) == ("The bridge cost $3 million.", "the mayor")
    assert "line 2" in result.stderr


def test_every_command_has_help() -> None:
    runner = click.testing.CliRunner()
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help, f"{name} has no help text"
        assert "--db" in result.output, f"{name} does not take the global --db"


def test_usage_error_exits_2(run: Run) -> None:
    assert run("mark").exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_reviewer_from_environment_is_recorded(
    run: Run, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    monkeypatch.setenv("WORKBENCH_REVIEWER", "carol")
    run("import", str(SEED))
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT imported_by FROM articles").fetchone() == ("carol",)


def test_database_from_environment(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("WORKBENCH_DB", str(target))
    assert run("import", str(SEED), db=False).exit_code == 0
    assert target.exists()


def test_demo_imports_the_seed_into_its_own_database(run: Run, tmp_path: Path) -> None:
    result = run("demo", db=False)
    assert result.exit_code == 0
    demo_db = tmp_path / "xdg-data" / "workbench" / "demo.db"
    assert demo_db.exists()
    assert "$155.62 billion" in result.stdout
    with sqlite3.connect(demo_db) as conn:
        title = conn.execute("SELECT title FROM articles").fetchone()[0]
    assert "Misri" in title
    assert not (tmp_path / "xdg-data" / "workbench" / "workbench.db").exists()


def test_bare_workbench_with_no_database_says_how_to_import(run: Run) -> None:
    result = run()
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no database at ")
    assert "workbench import" in result.stderr


def test_review_shows_the_chosen_article(run: Run, seeded: int) -> None:
    result = run("review", "--article", str(seeded))
    assert result.exit_code == 0
    assert "$155.62 billion" in result.stdout
    assert run("review", "--article", "77").exit_code == 1
    # the screen's "fetching it is refused — pass --allow-private" names an option it takes
    assert run("review", "--allow-private", "--article", str(seeded)).exit_code == 0


def test_settings_from_the_toml_file(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('reviewer = "tomás"\nmax_article_bytes = 100\n', encoding="utf-8")
    monkeypatch.setenv("WORKBENCH_CONFIG", str(config))
    monkeypatch.delenv("WORKBENCH_REVIEWER")
    too_big = run("import", str(SEED))
    assert too_big.exit_code == 1 and "articles are limited to" in too_big.stderr
    assert run("import", "-", input="Rates rose 2% in May.").exit_code == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT imported_by FROM articles").fetchone() == ("tomás",)


def test_an_invalid_setting_is_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_FETCH_TIMEOUT", "soon")
    result = run("claims")
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("error: invalid setting fetch_timeout")
        and result.stderr.count("\n") == 1
    )


def test_split_refuses_a_claim_said_twice_and_changes_nothing(
    run: Run, seeded: int, db_path: Path
) -> None:
    text = SEED.read_text(encoding="utf-8")
    repeat = next(c for c in run.json("claims", "--json") if "Yatra in 2025" in c["text"])
    second = text.index("the two sides agreed", text.index("The readout said"))
    before = run.json("claims", "--json"), run.json("history", "--json")
    result = run("split", str(repeat["id"]), str(second))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: the claim's words are said 2 times in the article, one claim for all; a split"
        " would cut them together: edit the wording instead\n"
    )
    assert (run.json("claims", "--json"), run.json("history", "--json")) == before


def test_add_edit_dismiss_split_merge_from_the_command_line(
    run: Run, seeded: int, db_path: Path
) -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("India also has concerns")
    end = text.index(".", start) + 1
    added = run.json("add", str(seeded), str(start), str(end), "--json")
    assert added["text"] == text[start:end] and (added["start"], added["end"]) == (start, end)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(
            "SELECT origin FROM claims WHERE id = ?", (added["id"],)
        ).fetchone() == ("manual",)
    run("edit", str(added["id"]), "India is concerned about Chinese export curbs.")
    run("dismiss", str(added["id"]))
    shown = run.json("show", str(added["id"]), "--json")["claim"]
    assert shown["text"] == "India is concerned about Chinese export curbs." and shown["dismissed"]
    trade = next(c for c in run.json("claims", "--json") if "$155.62" in c["text"])
    cut = text.index(" in 2025", trade["start"])
    assert run("split", str(trade["id"]), str(cut)).exit_code == 0
    parts = [
        c
        for c in run.json("claims", "--json")
        if trade["start"] <= c["start"] < trade["end"] and c["id"] != added["id"]
    ]
    assert sorted(c["text"] for c in parts) == [
        "Bilateral trade touched a record high of $155.62 billion.",
        "In 2025.",
    ]
    second = next(c for c in parts if c["id"] != trade["id"])
    assert run("merge", str(trade["id"]), str(second["id"])).exit_code == 0
    assert run.json("show", str(trade["id"]), "--json")["claim"]["spans"] == [
        [trade["start"], cut],
        [cut + 1, trade["end"]],
    ]
    for _ in range(5):
        assert run("undo").exit_code == 0
    with sqlite3.connect(db_path) as conn:
        assert conn.execute(
            "SELECT count(*) FROM claims WHERE id = ?", (added["id"],)
        ).fetchone() == (0,)
        assert conn.execute("SELECT text FROM claims WHERE id = ?", (trade["id"],)).fetchone() == (
            trade["text"],
        )


def test_add_refuses_spans_outside_the_article(run: Run, seeded: int, db_path: Path) -> None:
    for args, expected in (
        (("add", str(seeded), "0", "99999"), "outside article"),
        (("add", str(seeded), "10", "5"), "outside article"),
        (("add", "42", "0", "5"), "no article 42"),
        (("add", str(seeded), "0", "5", "--kind", "rumour"), "invalid kind"),
    ):
        result = run(*args)
        assert result.exit_code == 1 and expected in result.stderr, args
