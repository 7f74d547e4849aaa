"""`sources export --warc`: every kept snapshot as WARC 1.1, read back with warcio, each
payload checked against the sha256 the workbench kept."""

from __future__ import annotations

import base64
import gzip
import hashlib
import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import Run
from tests.test_sources import PAGE


@pytest.fixture
def kept(run: Run, seeded: int, httpserver: HTTPServer, tmp_path: Path, monkeypatch) -> str:
    """Three snapshots: a gzipped page, the same page changed, and a local file."""
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    claim = str(run.json("claims", "--json")[0]["id"])
    httpserver.expect_request("/trade").respond_with_data(
        gzip.compress(PAGE.encode()),
        content_type="text/html; charset=utf-8",
        headers={"Content-Encoding": "gzip", "X-Served-By": "test"},
    )
    url = httpserver.url_for("/trade?edition=2")
    assert run("attach", claim, url).exit_code == 0
    httpserver.clear()
    httpserver.expect_request("/trade").respond_with_data(
        PAGE.replace("$155.6bn", "$150.2bn"), content_type="text/html"
    )
    assert run("recheck").exit_code == 0
    local = tmp_path / "note.txt"
    local.write_text("Trade reached $155.62 billion in 2025.\n", encoding="utf-8")
    assert run("attach", claim, str(local)).exit_code == 0
    return url


def test_every_snapshot_round_trips_with_its_digest(
    run: Run, db_path: Path, kept: str, tmp_path: Path
) -> None:
    out = tmp_path / "sources.warc.gz"
    result = run("sources", "export", "--warc", str(out))
    assert result.exit_code == 0 and "3 snapshots written" in result.stderr
    with sqlite3.connect(db_path) as conn:
        kept_sha = [row[0] for row in conn.execute("SELECT raw_sha256 FROM snapshots ORDER BY id")]
    with open(out, "rb") as stream:
        records = list(
            (r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream, check_digests="raise")
        )
    assert [r[0] for r in records] == [
        "warcinfo", "response", "request", "response", "request", "resource"
    ]  # fmt: skip
    assert all(h.protocol == "WARC/1.1" for _, h, _, _ in records)
    payloads = [
        (h, http, body) for kind, h, http, body in records if kind in ("response", "resource")
    ]
    for (headers, _, body), sha in zip(payloads, kept_sha, strict=True):
        label = headers.get_header("WARC-Payload-Digest")
        assert label == "sha256:" + base64.b32encode(bytes.fromhex(sha)).decode()
        assert hashlib.sha256(body).hexdigest() == sha
    first, second = payloads[0][1], payloads[1][1]
    assert first.get_statuscode() == "200" and first.get_header("X-Served-By") == "test"
    # the kept body is decoded: the encoding header no longer describes it
    assert first.get_header("Content-Encoding") is None
    assert first.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert payloads[0][2] == PAGE.encode() and b"$150.2bn" in payloads[1][2]
    assert second.get_header("Content-Length") == str(len(payloads[1][2]))
    assert payloads[0][0].get_header("WARC-Target-URI") == kept
    request, response = records[2], records[1]
    assert request[2].protocol == "GET"
    assert request[2].statusline == "/trade?edition=2 HTTP/1.1"
    assert request[2].get_header("User-Agent", "").startswith("workbench")
    assert request[1].get_header("WARC-Concurrent-To") == response[1].get_header("WARC-Record-ID")
    assert records[5][1].get_header("WARC-Target-URI").startswith("file:///")


def test_export_refuses_a_directory_and_changes_nothing(
    run: Run, db_path: Path, kept: str, tmp_path: Path, digest
) -> None:
    before = digest(db_path)
    result = run("sources", "export", "--warc", str(tmp_path))
    assert result.exit_code == 1 and result.stderr.startswith("error: cannot write")
    assert result.stderr.count("\n") == 1 and digest(db_path) == before
    assert run("sources", "export").exit_code == 2
