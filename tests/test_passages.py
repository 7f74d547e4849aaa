"""Passages: a table becomes one passage per row, read with its header; a quotation
stays whole however many sentences it runs over."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run
from workbench.evidence import rank_passages

TABLE_PAGE = """<html><head><title>Trade by partner</title></head><body><article>
<p>The commerce ministry released trade data by partner for 2025 on Monday in New Delhi.</p>
<table><tr><th>Partner</th><th>Exports ($bn)</th><th>Imports ($bn)</th></tr>
<tr><td>China</td><td>14.25</td><td>113.5</td></tr>
<tr><td>United States</td><td>86.5</td><td>45.3</td></tr></table>
<p>The minister said: “We will grow. Exports to China will double by 2030. This is
certain.” Officials declined to comment further.</p></article></body></html>"""


def test_a_table_row_is_a_passage_with_its_header(
    run: Run, seeded: int, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    httpserver.expect_request("/partners").respond_with_data(TABLE_PAGE, content_type="text/html")
    claim = run.json(
        "add",
        str(seeded),
        "0",
        "24",
        "--text",
        "India's exports to China were $14.25 billion in 2025.",
        "--json",
    )["id"]
    result = run.json("attach", str(claim), httpserver.url_for("/partners"), "--json")
    best = result["passages"][0]
    assert best["text"] == "| China | 14.25 | 113.5 |"
    assert best["header"] == "| Partner | Exports ($bn) | Imports ($bn) |"
    assert best["figures"] == "match" and result["excerpt"] == best["text"]
    assert all(
        "commerce ministry" not in p["text"] or "|" not in p["text"] for p in result["passages"]
    )
    wrong = run.json(
        "add", str(seeded), "0", "24", "--text", "Imports from China were $99 billion.", "--json"
    )["id"]
    refuted = run.json("attach", str(wrong), httpserver.url_for("/partners"), "--json")
    assert refuted["passages"][0]["figures"] == "mismatch"


def test_a_quotation_stays_whole() -> None:
    source = (
        "Trade figures came out on Monday.\n\nThe minister said: “We will grow. Exports to"
        " China will double by 2030. This is certain.” Officials declined to comment."
    )
    [best, *_] = rank_passages("The minister said exports to China will double by 2030.", source)
    assert best.text == (
        "The minister said: “We will grow. Exports to China will double by 2030. This is certain.”"
    )
