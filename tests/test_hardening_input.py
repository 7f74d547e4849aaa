"""Issue 16, what is read: PDFs (encrypted, bombs, repaired), charsets, BOMs, empty-looking
text, DOCTYPE subsets, excerpts, and the messages naming the right limit."""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
import zlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import REPO, Run
from tests.pdf import make_pdf

SENTENCE = "Exports rose 5% in 2025, the ministry said."
NOISE = random.Random(16).randbytes(8192)


def _one_error(result: object, expected: str) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 1, stderr  # type: ignore[attr-defined]
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert expected in lines[0], lines[0]


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf([SENTENCE]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def flate_bomb_pdf(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to `megabytes` of text operators."""
    unit = b"BT /F1 12 Tf 72 720 Td (Exports rose five percent.) Tj ET\n"
    chunk = unit * (1024 * 1024 // len(unit))
    packer = zlib.compressobj(9)
    content = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_an_aes_encrypted_pdf_with_an_empty_password_opens(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(encrypted_pdf(""))
    assert run.json("import", str(path), "--json")["claims"] == 1
    assert run.json("claims", "--json")[0]["text"] == "Exports rose 5% in 2025."


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("locked.pdf", lambda: encrypted_pdf("secret"), "is protected by a password"),
        ("bomb.pdf", lambda: flate_bomb_pdf(200), "compressed stream of more than 16 MB"),
        ("bom-noise.txt", lambda: codecs.BOM_UTF8 + NOISE, "is not valid utf-8"),
        ("bom16-noise.txt", lambda: codecs.BOM_UTF16_LE + NOISE, "is not valid utf-16"),
        ("bom-controls.txt", lambda: codecs.BOM_UTF8 + bytes(range(1, 32)) * 40, "as text"),
        ("zero-width.txt", lambda: "\u200b\u200c\u200d\ufeff\u2060".encode() * 50, "no letters"),
    ],
)
def test_unreadable_files_are_refused_in_one_line(
    run: Run,
    seeded: int,
    db_path: Path,
    tmp_path: Path,
    digest: Callable[[Path], str],
    name: str,
    content: Callable[[], bytes],
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content())
    before = digest(db_path)
    _one_error(run("import", str(path)), expected)
    assert digest(db_path) == before


def test_a_repaired_pdf_leaves_no_pypdf_log_on_stderr(tmp_path: Path) -> None:
    good = make_pdf([SENTENCE])
    broken = good[: good.rindex(b"startxref")] + b"startxref\n12\n%%EOF\n"  # a wrong pointer
    path = tmp_path / "repaired.pdf"
    path.write_bytes(broken)
    # A real process: pytest's own log handler would swallow what reaches a user's stderr.
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "extract", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["text"] == "Exports rose 5% in 2025."
    assert done.stderr == ""


def test_utf16_without_a_bom_imports_with_encoding(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Café exports rose 5% in 2025, the ministry said.".encode("utf-16-le"))
    _one_error(run("import", str(path)), "binary data")  # without --encoding: refused
    assert run("import", str(path), "--encoding", "utf-16-le").exit_code == 0
    assert run.json("claims", "--json")[0]["text"].startswith("Café exports rose 5%")


@pytest.mark.parametrize("codec", ["punycode", "idna", "unicode_escape", "hex", "rot13"])
def test_an_encoding_that_is_not_a_character_set(run: Run, tmp_path: Path, codec: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE)
    _one_error(run("import", str(path), "--encoding", codec), "is not a character set")


@pytest.mark.parametrize("charset", ["punycode", "unicode_escape", "hex", "idna", "utf-7"])
def test_a_page_declaring_a_codec_that_is_not_a_charset(
    run: Run, httpserver: HTTPServer, charset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE", "1")
    for number, words in enumerate(["Exports rose 5% in 2025.", "Café sales rose 7% in 2024."]):
        page = f"<html><body><article><p>{words}</p></article></body></html>"
        httpserver.expect_request(f"/{number}").respond_with_data(
            page.encode("utf-8"), content_type=f"text/html; charset={charset}"
        )
        assert run.json("import", httpserver.url_for(f"/{number}"), "--json")["claims"] == 1
    assert sorted(claim["text"] for claim in run.json("claims", "--json")) == [
        "Café sales rose 7% in 2024.",
        "Exports rose 5% in 2025.",
    ]


def test_a_doctype_internal_subset_does_not_leak_into_the_text(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "subset.html"
    path.write_text(  # a bare page: read by the fallback, not by trafilatura
        '<!DOCTYPE html [ <!ENTITY trade "bilateral trade"> ]><html><head><title>Trade'
        "</title></head><body><div>Exports rose 5% in 2025.</div><div>Imports fell 2% in 2024."
        "</div></body></html>"
    )
    assert run("import", str(path)).exit_code == 0
    texts = sorted(claim["text"] for claim in run.json("claims", "--json"))
    assert texts == ["Exports rose 5% in 2025.", "Imports fell 2% in 2024."]


@pytest.mark.parametrize("excerpt", ["a", "5%", "  e  ", ""])
def test_an_excerpt_too_short_to_quote_is_refused(
    run: Run,
    seeded: int,
    db_path: Path,
    tmp_path: Path,
    digest: Callable[[Path], str],
    excerpt: str,
) -> None:
    source = tmp_path / "source.txt"
    source.write_text("Bilateral trade reached $155.6bn in 2025, a record.")
    before = digest(db_path)
    _one_error(run("attach", "1", str(source), "--excerpt", excerpt), "too short to quote")
    assert digest(db_path) == before


def test_attaching_a_big_file_names_the_source_limit(run: Run, seeded: int, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    _one_error(run("attach", "1", str(big)), "sources are limited to 10 MB")
    assert "WORKBENCH_FETCH_MAX_BYTES" in run("attach", "1", str(big)).stderr


def test_attaching_a_directory_does_not_suggest_stdin(
    run: Run, seeded: int, tmp_path: Path
) -> None:
    result = run("attach", "1", str(tmp_path))
    _one_error(result, "is a directory; give a file or an http(s) URL")
    assert "stdin" not in result.stderr
