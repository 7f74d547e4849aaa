"""The hostile-input corpus: every case gives one clear line `error: ...`, a non-zero exit,
and leaves the database byte-identical (hashed before and after). Server-side cases (404,
redirect loops, gzip bombs, ...) are in test_sources.py, with a real server."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, Run

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """Hostile files on disk."""
    d = tmp_path / "hostile"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t \r\n")
    (d / "image.png").write_bytes(PNG)
    (d / "image.txt").write_bytes(PNG)
    (d / "latin1.txt").write_bytes("Café costs €3, said the owner.".encode("cp1252"))
    (d / "nul.txt").write_bytes(b"The minister said\x00 exports rose 5%.")
    with (d / "sparse.txt").open("wb") as handle:
        handle.truncate(1024**3)  # 1 GB, no disk used
    os.mkfifo(d / "fifo")
    (d / "loop1").symlink_to(d / "loop2")
    (d / "loop2").symlink_to(d / "loop1")
    (d / "source.html").write_text(
        "<html><body><p>Trade reached $155.6bn in 2025.</p></body></html>"
    )
    (d / "a-directory").mkdir()
    return d


# name: (arguments with {d} for the files' folder, stdin, expected words of the error)
CASES: dict[str, tuple[list[str], str | bytes | None, str]] = {
    "import missing file": (["import", "{d}/nope.txt"], None, "no such file"),
    "import directory": (["import", "{d}/a-directory"], None, "is a directory"),
    "import empty file": (["import", "{d}/empty.txt"], None, "is empty"),
    "import whitespace only": (["import", "{d}/blank.txt"], None, "is empty"),
    "import png": (["import", "{d}/image.png"], None, "PNG image"),
    "import png named .txt": (["import", "{d}/image.txt"], None, "PNG image"),
    "import invalid utf-8": (["import", "{d}/latin1.txt"], None, "not valid UTF-8"),
    "import NUL bytes": (["import", "{d}/nul.txt"], None, "binary data"),
    "import 1 GB sparse file": (["import", "{d}/sparse.txt"], None, "1024.0 MB"),
    "import FIFO": (["import", "{d}/fifo"], None, "not a regular file"),
    "import symlink loop": (["import", "{d}/loop1"], None, "symbolic link loop"),
    "import empty source": (["import", ""], None, "no source given"),
    "import ftp url": (["import", "ftp://example.org/a.txt"], None, "only http:// and https://"),
    "import file url": (["import", "file:///etc/passwd"], None, "only http:// and https://"),
    "import javascript url": (["import", "javascript:alert(1)"], None, "only http:// and https://"),
    "import url with credentials": (["import", "https://user:pw@example.org/a"], None, "password"),
    "import IDN host (offline)": (
        ["import", "http://bücher.example/a"],
        None,
        "could not resolve host",
    ),
    "import 10,000-character url": (
        ["import", "https://example.org/" + "a" * 10_000],
        None,
        "characters long",
    ),
    "import url with a space": (["import", "http://exa mple.org/"], None, "malformed URL"),
    "import empty stdin": (["import", "-"], "", "stdin is empty"),
    "import binary stdin": (["import", "-"], PNG, "PNG image"),
    "import unknown encoding": (
        ["import", str(SEED), "--encoding", "klingon"],
        None,
        "unknown encoding",
    ),
    "import bad date": (["import", str(SEED), "--published", "last Tuesday"], None, "invalid date"),
    "import unknown extractor": (
        ["import", str(SEED), "--extractor", "oracle"],
        None,
        "unknown extractor",
    ),
    "extract missing file": (["extract", "{d}/nope.txt"], None, "no such file"),
    "extract without source": (["extract"], None, "give a SOURCE"),
    "extract --jsonl with a source": (
        ["extract", "--jsonl", "{d}/source.html"],
        None,
        "reads stdin",
    ),
    "attach claim id with SQL": (
        ["attach", "1; DROP TABLE claims", "{d}/source.html"],
        None,
        "whole number",
    ),
    "attach unknown claim": (["attach", "999", "{d}/source.html"], None, "no claim 999"),
    "attach invalid stance": (
        ["attach", "1", "{d}/source.html", "--stance", "maybe"],
        None,
        "invalid stance",
    ),
    "attach ftp url": (["attach", "1", "ftp://example.org/x"], None, "only http:// and https://"),
    "attach missing file": (["attach", "1", "{d}/nope.pdf"], None, "no such file"),
    "attach png": (["attach", "1", "{d}/image.png"], None, "PNG image"),
    "attach FIFO": (["attach", "1", "{d}/fifo"], None, "not a regular file"),
    "attach excerpt not in source": (
        ["attach", "1", "{d}/source.html", "--excerpt", "not there"],
        None,
        "not in the source",
    ),
    "attach loopback": (["attach", "1", "http://127.0.0.1:9/x"], None, "private address"),
    "mark claim id with SQL": (["mark", "1; DROP TABLE claims", "verified"], None, "whole number"),
    "mark invalid status": (["mark", "1", "true"], None, "invalid status"),
    "mark negative id": (["mark", "-1", "verified"], None, "No such option '-1'"),
    "show unknown claim": (["show", "424242"], None, "no claim 424242"),
    "history unknown claim": (["history", "424242"], None, "no claim 424242"),
    "claims unknown status": (["claims", "--status", "maybe"], None, "invalid status"),
    "claims unknown article": (["claims", "--article", "77"], None, "no article 77"),
    "undo with nothing to undo": (["--reviewer", "nobody", "undo"], None, "nothing to undo"),
    "export unknown format": (["export", "--format", "docx"], None, "unknown format"),
    "export unknown status": (["export", "--status", "maybe"], None, "unknown status"),
    "export unknown article": (["export", "--article", "77"], None, "no article 77"),
    "export into a missing folder": (
        ["export", "-o", "{d}/no/such/report.md"],
        None,
        "does not exist",
    ),
    "export onto a directory": (["export", "-o", "{d}/a-directory"], None, "is a directory"),
    "backup onto an existing file": (["backup", "{d}/source.html"], None, "exists already"),
    "search with no words": (["search", "   "], None, "give words"),
    "recheck unknown source": (["recheck", "42"], None, "no source 42"),
    "empty reviewer name": (
        ["--reviewer", "  ", "mark", "1", "verified"],
        None,
        "invalid setting reviewer",
    ),
    "database path is a directory": (["--db", "{d}/a-directory", "claims"], None, "is a directory"),
    "database path is not a database": (
        ["--db", "{d}/source.html", "claims"],
        None,
        "not a SQLite database",
    ),
}


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input(
    case: str, run: Run, seeded: int, db_path: Path, files: Path, digest: Callable[[Path], str]
) -> None:
    args, stdin, expected = CASES[case]
    argv = [arg.replace("{d}", str(files)) for arg in args]
    before = digest(db_path)
    source_before = (files / "source.html").read_bytes()
    result = run(*argv, input=stdin)
    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert expected in lines[0], lines[0]
    assert digest(db_path) == before
    assert (files / "source.html").read_bytes() == source_before


def test_a_broken_line_in_the_middle_of_a_jsonl_stream(run: Run) -> None:
    lines = [
        json.dumps({"id": 1, "text": "Exports rose 5% in 2025."}),
        "{broken",
        "[1, 2]",
        json.dumps({"id": 4, "text": "Imports fell 2% in 2025."}),
    ]
    result = run("extract", "--jsonl", input="\n".join(lines) + "\n", db=False)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 4]
    errors = result.stderr.splitlines()
    assert errors[0].startswith("error: line 2:") and errors[1].startswith("error: line 3:")
    assert "2 line(s) could not be read" in errors[-1]


def test_html_nested_10000_deep_is_read_not_crashed_on(run: Run, tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>"
        + "<div>" * 10_000
        + "<p>The council approved a budget of $4.5 million.</p>"
        + "</div>" * 10_000
        + "</body></html>"
    )
    assert run.json("import", str(page), "--json")["claims"] == 1
    assert (
        run.json("claims", "--json")[0]["text"] == "The council approved a budget of $4.5 million."
    )
