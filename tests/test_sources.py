"""Sources and evidence over a real HTTP server on 127.0.0.1: fetching policy, reading,
keeping, passages and figures, recheck, search. Every failure leaves the database as it was."""

from __future__ import annotations

import gzip
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import Run
from tests.pdf import make_pdf

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>India-China trade in 2025</title></head>
<body><nav><a href="/">Home</a> <a href="/m">Markets</a> <a href="/s">Subscribe for $1</a></nav>
<aside class="ad">ADVERTISEMENT: cheap flights to Goa, 70% off</aside>
<article><h1>India-China trade in 2025</h1>
<p>Official customs figures released on Wednesday show bilateral trade between India and China
reached $155.6bn in 2025, a record high.</p>
<p>India's trade deficit with China widened to $116.1 billion, the data showed.</p>
<p>Exports to China fell 3% over the year, while imports rose 8%, officials said.</p></article>
<section id="comments"><h2>Comments</h2><p>Ravi: fake news, total rubbish!!!</p></section>
<footer>Copyright 2026 Trade Desk</footer></body></html>"""

WRONG = """<html><head><title>Trade note</title></head><body><article>
<p>Bilateral trade between India and China was $140 billion in 2025, a think tank estimated.</p>
<p>The authors said their estimate relied on partial data from the first half.</p></article></body></html>"""


@pytest.fixture
def allow_private(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")


@pytest.fixture
def trade_claim(run: Run, seeded: int) -> int:
    return next(c["id"] for c in run.json("claims", "--json") if "$155.62" in c["text"])


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_attach_keeps_the_source_and_quotes_the_figure(
    run: Run, db_path: Path, httpserver: HTTPServer, trade_claim: int
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/trade")
    result = run.json(
        "attach", str(trade_claim), url, "--allow-private", "--stance", "supports", "--json"
    )
    assert (
        result["excerpt"].startswith("Official customs figures") and "$155.6bn" in result["excerpt"]
    )
    assert result["figures"] == "near"
    assert {"claimed": "$155.62 billion", "stated": "$155.6bn", "verdict": "near"} in result[
        "checks"
    ]
    assert result["title"] == "India-China trade in 2025" and result["final_url"] == url
    with sqlite3.connect(db_path) as conn:
        text, raw_sha, size, text_sha = conn.execute(
            "SELECT text, raw_sha256, raw_size, text_sha256 FROM snapshots"
        ).fetchone()
        start, end = conn.execute("SELECT excerpt_start, excerpt_end FROM evidence").fetchone()
    import hashlib

    assert raw_sha == hashlib.sha256(PAGE.encode()).hexdigest() and size == len(PAGE.encode())
    assert text_sha == hashlib.sha256(text.encode()).hexdigest()
    assert text[start:end] == result["excerpt"]
    for boilerplate in ("Subscribe", "ADVERTISEMENT", "rubbish", "Copyright"):
        assert boilerplate not in text
    shown = run.json("show", str(trade_claim), "--json")
    assert shown["evidence"][0]["stance"] == "supports"


def test_a_wrong_figure_is_flagged_as_a_mismatch(
    run: Run, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    httpserver.expect_request("/wrong").respond_with_data(WRONG, content_type="text/html")
    result = run.json(
        "attach", str(trade_claim), httpserver.url_for("/wrong"), "--stance", "refutes", "--json"
    )
    assert result["figures"] == "mismatch"
    assert {
        "claimed": "$155.62 billion",
        "stated": "$140 billion",
        "verdict": "mismatch",
    } in result["checks"]
    text = run("attach", str(trade_claim), httpserver.url_for("/wrong")).stdout
    assert "mismatch $155.62 billion ~ $140 billion" in text


def test_the_same_url_twice_is_one_source(
    run: Run, db_path: Path, httpserver: HTTPServer, seeded: int, allow_private: None
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    claims = run.json("claims", "--json")
    run("attach", str(claims[0]["id"]), httpserver.url_for("/trade"))
    run("attach", str(claims[1]["id"]), httpserver.url_for("/trade") + "#comments")
    assert (count(db_path, "sources"), count(db_path, "snapshots"), count(db_path, "evidence")) == (
        1,
        1,
        2,
    )
    [source] = run.json("sources", "--json")
    assert source["evidence"] == 2


def test_pdf_and_local_files_are_sources(
    run: Run,
    db_path: Path,
    httpserver: HTTPServer,
    trade_claim: int,
    tmp_path: Path,
    allow_private: None,
) -> None:
    pdf = make_pdf(
        ["Customs report 2025.", "Total trade with China: $155.62 billion in 2025."], "Customs 2025"
    )
    httpserver.expect_request("/report.pdf").respond_with_data(pdf, content_type="application/pdf")
    result = run.json("attach", str(trade_claim), httpserver.url_for("/report.pdf"), "--json")
    assert result["excerpt"] == "Total trade with China: $155.62 billion in 2025."
    assert result["figures"] == "match" and result["title"] == "Customs 2025"
    saved = tmp_path / "saved.html"
    saved.write_text(WRONG, encoding="utf-8")
    local = run.json("attach", str(trade_claim), str(saved), "--json")
    assert local["figures"] == "mismatch"
    assert [s["requested"] for s in run.json("sources", "--json")][1] == str(saved.resolve())


def test_explicit_excerpt_is_located_or_refused(
    run: Run,
    db_path: Path,
    httpserver: HTTPServer,
    trade_claim: int,
    allow_private: None,
    digest: Callable[[Path], str],
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/trade")
    result = run.json(
        "attach", str(trade_claim), url, "--excerpt", "India's trade deficit   with China", "--json"
    )
    assert result["excerpt"] == "India's trade deficit with China"
    before = digest(db_path)
    missing = run("attach", str(trade_claim), url, "--excerpt", "words that are not there")
    assert missing.exit_code == 1 and "the excerpt is not in the source" in missing.stderr
    assert digest(db_path) == before


def test_redirect_chain_is_followed_to_the_final_url(
    run: Run, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/c"})
    httpserver.expect_request("/c").respond_with_data(
        "", status=307, headers={"Location": "/trade"}
    )
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    result = run.json("attach", str(trade_claim), httpserver.url_for("/a"), "--json")
    assert result["final_url"] == httpserver.url_for("/trade")
    [source] = run.json("sources", "--json")
    assert source["requested"] == httpserver.url_for("/a")


def test_windows_1252_without_declaration_is_decoded(
    run: Run, db_path: Path, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    page = (
        "<html><body><article><p>The café’s owner said prices rose 5% — to €4.50 a cup — in 2025.</p>"
        "<p>Trade with China reached $155.6bn that year, officials said.</p></article></body></html>"
    )
    httpserver.expect_request("/cp").respond_with_data(
        page.encode("cp1252"), content_type="text/html"
    )
    run("attach", str(trade_claim), httpserver.url_for("/cp"))
    with sqlite3.connect(db_path) as conn:
        text = conn.execute("SELECT text FROM snapshots").fetchone()[0]
    assert "café’s owner" in text and "€4.50" in text


def test_the_header_charset_wins_over_a_contradicting_meta_tag(
    run: Run, db_path: Path, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><article><p>Zürich trade reached'
        " $155.6bn in 2025, the café owners’ guild said.</p></article></body></html>"
    )
    httpserver.expect_request("/meta").respond_with_data(
        page.encode("utf-8"), content_type="text/html; charset=utf-8"
    )
    run("attach", str(trade_claim), httpserver.url_for("/meta"))
    with sqlite3.connect(db_path) as conn:
        text = conn.execute("SELECT text FROM snapshots").fetchone()[0]
    assert "Zürich" in text and "owners’ guild" in text


_answer_now = threading.Event()


def _slow(request: Request) -> Response:
    _answer_now.wait(timeout=5)  # well past the client's timeout, unless the test lets it go
    return Response(PAGE, mimetype="text/html")


def _endless(request: Request) -> Response:
    def body() -> Iterator[bytes]:
        for _ in range(2000):  # 128 MB at most, so the server thread ends by itself
            yield b"<p>" + b"x" * 65_530 + b"</p>"

    return Response(body(), mimetype="text/html")


BOMB = gzip.compress(b"<html><body>" + b"\0" * 60_000_000)
BAD_SERVERS: dict[str, tuple[Callable[[HTTPServer], None], str]] = {
    "404": (lambda s: s.expect_request("/x").respond_with_data("gone", status=404), "HTTP 404"),
    "500": (lambda s: s.expect_request("/x").respond_with_data("boom", status=500), "HTTP 500"),
    "redirect loop": (
        lambda s: (
            s.expect_request("/x").respond_with_data("", status=302, headers={"Location": "/y"}),
            s.expect_request("/y").respond_with_data("", status=302, headers={"Location": "/x"}),
        ),
        "redirect loop",
    ),
    "slow": (lambda s: s.expect_request("/x").respond_with_handler(_slow), "timed out"),
    "endless body": (
        lambda s: s.expect_request("/x").respond_with_handler(_endless),
        "larger than the",
    ),
    "gzip bomb": (
        lambda s: s.expect_request("/x").respond_with_data(
            BOMB, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"}
        ),
        "larger than the",
    ),
    "binary as html": (
        lambda s: s.expect_request("/x").respond_with_data(
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, content_type="text/html"
        ),
        "holds a PNG image",
    ),
    "image": (
        lambda s: s.expect_request("/x").respond_with_data(b"GIF89a...", content_type="image/gif"),
        "image/gif",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SERVERS))
def test_a_failed_fetch_leaves_no_trace(
    case: str,
    run: Run,
    db_path: Path,
    httpserver: HTTPServer,
    trade_claim: int,
    allow_private: None,
    monkeypatch: pytest.MonkeyPatch,
    digest: Callable[[Path], str],
) -> None:
    monkeypatch.setenv("WORKBENCH_FETCH_TIMEOUT", "0.5")
    monkeypatch.setenv("WORKBENCH_FETCH_MAX_BYTES", "1000000")
    serve, expected = BAD_SERVERS[case]
    serve(httpserver)
    before = digest(db_path)
    started = time.monotonic()
    result = run("attach", str(trade_claim), httpserver.url_for("/x"))
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr
    assert digest(db_path) == before
    if case == "slow":
        # let the server answer now, inside this test: an answer logged later would land in
        # the next test's server log and look like a request that test's code sent
        _answer_now.set()
        deadline = time.monotonic() + 10
        while not httpserver.log and time.monotonic() < deadline:
            time.sleep(0.01)
        _answer_now.clear()


BAD_SOURCES = {
    "malformed url": ("http://exa mple.com/a", "malformed URL"),
    "unclosed ipv6": ("http://[::1/a", "malformed URL"),
    "ftp": ("ftp://example.org/a.pdf", "only http:// and https://"),
    "file": ("file:///etc/passwd", "only http:// and https://"),
    "javascript": ("javascript:alert(1)", "only http:// and https://"),
    "empty": ("", "no source given"),
    "missing path": ("/no/such/report.pdf", "no such file"),
    "credentials": ("https://user:secret@example.org/a", "user name or password"),
    "very long url": ("https://example.org/" + "a" * 10_000, "characters long"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_bad_source_is_one_line_and_changes_nothing(
    case: str, run: Run, db_path: Path, trade_claim: int, digest: Callable[[Path], str]
) -> None:
    source, expected = BAD_SOURCES[case]
    before = digest(db_path)
    result = run("attach", str(trade_claim), source)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr
    assert digest(db_path) == before


def test_a_host_name_that_resolves_to_a_private_address_is_refused(
    run: Run, db_path: Path, httpserver: HTTPServer, trade_claim: int, digest: Callable[[Path], str]
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    before = digest(db_path)
    result = run("attach", str(trade_claim), f"http://localhost:{httpserver.port}/trade")
    assert result.exit_code == 1 and "localhost is a private address" in result.stderr
    assert httpserver.log == []
    assert digest(db_path) == before


def test_recheck_keeps_a_new_snapshot_beside_the_old(
    run: Run, db_path: Path, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    run("attach", str(trade_claim), httpserver.url_for("/trade"))
    unchanged = run.json("recheck", "--json")
    assert [r["status"] for r in unchanged] == ["unchanged"] and count(db_path, "snapshots") == 1
    httpserver.clear()
    httpserver.expect_request("/trade").respond_with_data(
        PAGE.replace("$155.6bn", "$150.2bn"), content_type="text/html"
    )
    [changed] = run.json("recheck", "1", "--json")
    assert changed["status"] == "changed"
    assert changed["previous_snapshot"] == 1 and changed["current_snapshot"] == 2
    assert any("$150.2bn" in line for line in changed["added"])
    assert any("$155.6bn" in line for line in changed["removed"])
    assert changed["lost_excerpts"] == [1]
    with sqlite3.connect(db_path) as conn:
        texts = [row[0] for row in conn.execute("SELECT text FROM snapshots ORDER BY id")]
        assert conn.execute("SELECT snapshot_id FROM evidence").fetchone() == (1,)
    assert "$155.6bn" in texts[0] and "$150.2bn" in texts[1]
    httpserver.clear()
    httpserver.expect_request("/trade").respond_with_data("gone", status=404)
    failed = run("recheck")
    assert failed.exit_code == 1 and "HTTP 404" in failed.stdout
    assert count(db_path, "snapshots") == 2


def test_undo_removes_the_evidence_but_keeps_the_source(
    run: Run, db_path: Path, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    run("attach", str(trade_claim), httpserver.url_for("/trade"))
    assert run("undo").exit_code == 0
    assert (count(db_path, "evidence"), count(db_path, "sources")) == (0, 1)


def test_search_claims_and_sources(
    run: Run, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    httpserver.expect_request("/trade").respond_with_data(PAGE, content_type="text/html")
    run("attach", str(trade_claim), httpserver.url_for("/trade"))
    found = run.json("search", "customs figures", "--json")
    assert found["claims"] == [] and found["sources"][0]["source_id"] == 1
    assert "[customs]" in found["sources"][0]["snippet"]
    galwan = run.json("search", "Galwan", "--json")
    assert any("Galwan" in c["text"] for c in galwan["claims"])
    for hostile in ("1; DROP TABLE claims", 'AND OR NOT "', "trade* NEAR(", "ü"):
        result = run("search", hostile, "--json")
        assert result.exit_code == 0, hostile
        json.loads(result.stdout)


def test_a_transient_failure_is_retried(
    run: Run, httpserver: HTTPServer, trade_claim: int, allow_private: None
) -> None:
    httpserver.expect_oneshot_request("/flaky").respond_with_data("busy", status=503)
    httpserver.expect_request("/flaky").respond_with_data(PAGE, content_type="text/html")
    result = run.json("attach", str(trade_claim), httpserver.url_for("/flaky"), "--json")
    assert result["figures"] == "near"
    assert [entry[1].status_code for entry in httpserver.log] == [503, 200]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "photo.bin",
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
            "looks like a PNG image, not text",
        ),
        ("empty.txt", b"  \n", "is empty: there is no text in it"),
    ],
)
def test_a_source_file_that_is_no_text_is_named_as_a_source(
    name: str, data: bytes, says: str, run: Run, db_path: Path, trade_claim: int, tmp_path: Path
) -> None:
    # the messages spoke of articles and importing ("not an article; import text...")
    path = tmp_path / name
    path.write_bytes(data)
    result = run("attach", str(trade_claim), str(path))
    assert result.exit_code == 1 and says in result.stderr
    assert "article" not in result.stderr and "import" not in result.stderr
