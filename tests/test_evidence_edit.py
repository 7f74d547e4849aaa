"""Evidence after attaching, over a real HTTP server: edited (stance, excerpt, note),
detached, each an undoable event; drift recorded by recheck and shown everywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run
from tests.test_sources import PAGE

MOVED = PAGE.replace(
    "<article><h1>India-China trade in 2025</h1>",
    "<article><h1>India-China trade in 2025</h1><p>Editor's note: this story was updated on"
    " Friday with the ministry's reply.</p>",
).replace(
    "<p>Official customs figures released",
    "<p>The ministry did not reply.</p><p>Official customs figures released",
)
GONE = PAGE.replace("reached $155.6bn in 2025, a record high.", "rose sharply in 2025.")


@pytest.fixture
def attached(
    run: Run, httpserver: HTTPServer, seeded: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """The seed's trade claim with the customs page attached: (evidence id, URL)."""
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    claim = next(c["id"] for c in run.json("claims", "--json") if "$155.62" in c["text"])
    url = httpserver.url_for("/trade")
    return int(run.json("attach", str(claim), url, "--json")["evidence_id"]), url


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def serve(httpserver: HTTPServer, page: str) -> None:
    httpserver.clear()
    httpserver.expect_request("/trade").respond_with_data(page, content_type="text/html")


def test_evidence_is_edited_and_each_change_undone(
    run: Run, db_path: Path, attached: tuple[int, str]
) -> None:
    evidence, _ = attached
    shown = run.json("evidence", str(evidence), "--json")
    assert shown["stance"] == "context" and shown["figures"] == "near"
    changed = run.json(
        "evidence", str(evidence), "--stance", "supports", "--note", "table 3", "--json"
    )
    assert (changed["stance"], changed["note"]) == ("supports", "table 3")
    other = "India's trade deficit with China widened to $116.1 billion, the data showed."
    edited = run.json("evidence", str(evidence), "--excerpt", other.replace(" ", "  "), "--json")
    assert edited["excerpt"] == other
    text = rows(db_path, "SELECT text FROM snapshots")[0][0]
    assert text[edited["excerpt_start"] : edited["excerpt_end"]] == other
    actions = [a for (a,) in rows(db_path, "SELECT action FROM events ORDER BY id")][-2:]
    assert actions == ["evidence", "evidence"]
    assert run("undo").exit_code == 0
    assert run.json("evidence", str(evidence), "--json")["excerpt"].startswith("Official customs")
    assert run("undo").exit_code == 0
    assert run.json("evidence", str(evidence), "--json")["stance"] == "context"
    plain = run("evidence", str(evidence)).stdout
    assert f"evidence {evidence}: claim" in plain and "near" in plain


def test_an_excerpt_not_in_the_kept_copy_is_refused(
    run: Run, db_path: Path, attached: tuple[int, str], digest
) -> None:
    evidence, _ = attached
    before = digest(db_path)
    result = run("evidence", str(evidence), "--excerpt", "Trade fell by half.")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the excerpt is not in the kept copy")
    assert result.stderr.count("\n") == 1 and digest(db_path) == before
    for bad in (["--stance", "maybe"], ["999"]):
        args = (
            ["evidence", "999", "--note", "x"]
            if bad == ["999"]
            else ["evidence", str(evidence), *bad]
        )
        failed = run(*args)
        assert failed.exit_code == 1 and failed.stderr.startswith("error: ")
    assert digest(db_path) == before


def test_detach_removes_the_link_and_undo_brings_it_back(
    run: Run, db_path: Path, attached: tuple[int, str]
) -> None:
    evidence, _ = attached
    claim = run.json("evidence", str(evidence), "--json")["claim_id"]
    assert run.json("detach", str(evidence), "--json") == {
        "evidence_id": evidence,
        "claim_id": claim,
        "detached": True,
    }
    assert run.json("show", str(claim), "--json")["evidence"] == []
    assert rows(db_path, "SELECT count(*) FROM sources") == [(1,)]
    assert run("detach", str(evidence)).exit_code == 1
    assert run("undo").exit_code == 0
    [item] = run.json("show", str(claim), "--json")["evidence"]
    assert item["id"] == evidence


def test_recheck_records_drift_and_keeps_it(
    run: Run, db_path: Path, httpserver: HTTPServer, attached: tuple[int, str]
) -> None:
    evidence, _ = attached
    claim = run.json("evidence", str(evidence), "--json")["claim_id"]
    serve(httpserver, MOVED)
    [moved] = run.json("recheck", "--json")
    assert moved["moved_excerpts"] == [evidence] and moved["lost_excerpts"] == []
    assert run.json("evidence", str(evidence), "--json")["drift"] == "moved"
    serve(httpserver, GONE)
    [gone] = run.json("recheck", "--json")
    assert gone["lost_excerpts"] == [evidence]
    item = run.json("evidence", str(evidence), "--json")
    since = item["drift_since"]
    assert item["drift"] == "gone" and since
    # the next recheck of the same page writes nothing, and the drift stays recorded
    events = rows(db_path, "SELECT count(*) FROM events")
    [again] = run.json("recheck", "--json")
    assert again["status"] == "unchanged" and rows(db_path, "SELECT count(*) FROM events") == events
    shown = run("show", str(claim)).stdout
    assert f"no longer on the live page since {since[:10]}" in shown
    assert "Official customs figures" in shown  # quoted from the kept copy
    [source] = run.json("sources", "--json")
    assert source["drift"] == {"present": 0, "moved": 0, "gone": 1}
    assert "(1 gone)" in run("sources").stdout
    assert [c["id"] for c in run.json("claims", "--drifted", "--json")] == [claim]
    run("mark", str(claim), "verified")
    note = f"no longer on the live page since {since[:10]}"
    for fmt in ("md", "html", "csv"):
        # drift is for the desk: the internal report (HTML is public by default)
        report = run("export", "--format", fmt, "--audience", "internal").stdout
        assert note in report and "Official customs figures" in report, fmt
    [item] = run.json("export", "--format", "json")["articles"][0]["claims"][0]["evidence"]
    assert (item["drift"], item["live"]) == ("gone", note)
    # gone stays gone since the first date it was missed
    serve(httpserver, GONE.replace("rose sharply", "rose very sharply"))
    run("recheck")
    assert run.json("evidence", str(evidence), "--json")["drift_since"] == since
    serve(httpserver, PAGE.replace("Copyright 2026", "Copyright 2027"))
    run("recheck")
    back = run.json("evidence", str(evidence), "--json")
    assert back["drift"] == "present" and run.json("claims", "--drifted", "--json") == []


def test_a_failed_recheck_writes_nothing(
    run: Run, db_path: Path, httpserver: HTTPServer, attached: tuple[int, str], digest
) -> None:
    httpserver.clear()
    httpserver.expect_request("/trade").respond_with_data("down", status=500)
    before = digest(db_path)
    assert run("recheck").exit_code == 1
    assert digest(db_path) == before
