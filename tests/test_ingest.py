"""Importing HTML, Markdown and URLs, with a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import Run

ARTICLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Council passes budget | The Springfield Ledger</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Subscribe now for $1</a></nav>
<div class="ad">BUY CHEAP FLIGHTS TODAY — 90% OFF</div>
<article>
<h1>Council passes budget</h1>
<p>The Springfield city council approved a $4.5 million budget on Tuesday, the mayor's office said.</p>
<p>The vote was 7-2, and council member Ana Ruiz called the new library fund "long overdue".</p>
<p>Property taxes will rise 3.2% next year, according to the city's finance department.</p>
</article>
<section class="comments"><h3>Comments</h3><p>First! This council is a joke, lol.</p></section>
<footer>© 2026 The Springfield Ledger. All rights reserved.</footer>
</body></html>"""


def test_html_file_gives_readable_text_and_title(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "budget.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    run("import", str(page))
    [article] = run.json("articles", "--json")
    assert "Council passes budget" in article["title"]
    texts = " ".join(claim["text"] for claim in run.json("claims", "--json"))
    assert "$4.5 million budget" in texts and "3.2%" in texts
    for boilerplate in ("Subscribe", "CHEAP FLIGHTS", "First!", "All rights reserved"):
        assert boilerplate not in texts


def test_markdown_title_comes_from_its_heading(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "note.md"
    page.write_text(
        "# Port traffic hits a record\n\nThe port handled 1.2 million containers in 2025.\n"
    )
    run("import", str(page))
    assert run.json("articles", "--json")[0]["title"] == "Port traffic hits a record"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        (
            "Inflation eases to 2.8% as central bank holds rates",
            "Inflation eases to 2.8% as central bank holds rates",
        ),
        ("Inflation eased to 2.8% in February, the agency said.", None),  # a sentence
        ("By Maria Lindqvist, Nordic Wire, with reporting from Oslo and Helsinki " * 3, None),
    ],
)
def test_a_plain_text_headline_is_the_title(
    run: Run, tmp_path: Path, first_line: str, title: str | None
) -> None:
    # "economy.txt" (or "stdin") stood for the title, and reports were headed "Article"
    body = "Consumer prices rose 2.8% in February, Statistics Sweden said on Wednesday.\n"
    article = tmp_path / "economy.txt"
    article.write_text(f"{first_line}\n\n{body}", encoding="utf-8")
    assert run("import", str(article)).exit_code == 0
    assert run("import", "-", input=f"{first_line}\n\n{body}Prices fell in March.\n").exit_code == 0
    titles = [a["title"] for a in run.json("articles", "--json")]
    assert titles == [title, title]
    assert run("import", "-", "--title", "Given", input=f"{first_line}\n\nOther.\n").exit_code == 0
    assert "Given" in [a["title"] for a in run.json("articles", "--json")]


def test_url_import_keeps_the_final_url(run: Run, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/story"}
    )
    httpserver.expect_request("/story").respond_with_data(
        ARTICLE_HTML, content_type="text/html; charset=utf-8"
    )
    result = run.json("import", httpserver.url_for("/old"), "--allow-private", "--json")
    assert result["claims"] >= 3
    [article] = run.json("articles", "--json")
    assert article["url"] == httpserver.url_for("/story")
    assert article["origin"] == httpserver.url_for("/old")


def test_gzip_page_is_decoded(run: Run, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/z").respond_with_data(
        gzip.compress(ARTICLE_HTML.encode()),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html"},
    )
    assert run("import", httpserver.url_for("/z"), "--allow-private").exit_code == 0
    assert any("$4.5 million" in c["text"] for c in run.json("claims", "--json"))


def test_loopback_is_refused_by_default(
    run: Run, seeded: int, db_path: Path, httpserver: HTTPServer, digest: Callable[[Path], str]
) -> None:
    httpserver.expect_request("/story").respond_with_data(ARTICLE_HTML, content_type="text/html")
    before = digest(db_path)
    result = run("import", httpserver.url_for("/story"))
    assert result.exit_code == 1
    assert "private address (127.0.0.1)" in result.stderr and "--allow-private" in result.stderr
    assert digest(db_path) == before
    assert httpserver.log == []  # refused before any request was sent


@pytest.mark.parametrize(
    ("path", "respond", "expected"),
    [
        ("/gone", {"response_data": "nope", "status": 404}, "HTTP 404"),
        (
            "/image",
            {"response_data": b"\x89PNG\r\n\x1a\n", "content_type": "image/png"},
            "image/png",
        ),
        (
            "/binary",
            {"response_data": b"\x00\x01\x02" * 100, "content_type": "text/html"},
            "binary data",
        ),
    ],
)
def test_failed_url_import_changes_nothing(
    run: Run,
    seeded: int,
    db_path: Path,
    httpserver: HTTPServer,
    digest: Callable[[Path], str],
    path: str,
    respond: dict[str, object],
    expected: str,
) -> None:
    httpserver.expect_request(path).respond_with_data(**respond)  # type: ignore[arg-type]
    before = digest(db_path)
    result = run("import", httpserver.url_for(path), "--allow-private")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert expected in result.stderr
    assert digest(db_path) == before


def test_private_address_allowed_by_environment(
    run: Run, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    httpserver.expect_request("/story").respond_with_data(ARTICLE_HTML, content_type="text/html")
    assert run("import", httpserver.url_for("/story")).exit_code == 0
