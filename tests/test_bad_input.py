"""Bad input: one line `error: ...`, exit 1, and the database byte-identical."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, Run

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def make(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def write_big_text(path: Path, megabytes: int) -> Path:
    line = b"The council approved the budget on Tuesday after a long debate. " * 16 + b"\n"
    with path.open("wb") as handle:
        for _ in range(megabytes * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    return path


BAD_IMPORTS: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing file": (lambda d: str(d / "nope.txt"), "no such file"),
    "directory": (lambda d: str(d), "is a directory"),
    "empty file": (lambda d: str(make(d, "empty.txt", b"")), "is empty"),
    "whitespace only": (lambda d: str(make(d, "blank.txt", b"  \n\t\n  ")), "is empty"),
    "png": (lambda d: str(make(d, "photo.png", PNG)), "looks like a PNG image"),
    "png renamed .txt": (lambda d: str(make(d, "photo.txt", PNG)), "looks like a PNG image"),
    "invalid utf-8": (
        lambda d: str(make(d, "latin.txt", "Café au lait costs €3.".encode("cp1252"))),
        "is not valid UTF-8",
    ),
    "50 MB text": (lambda d: str(write_big_text(d / "huge.txt", 50)), "articles are limited to"),
    "ftp url": (lambda d: "ftp://example.org/a.txt", "only http:// and https://"),
    "javascript url": (lambda d: "javascript:alert(1)", "only http:// and https://"),
    "unknown encoding": (lambda d: f"{SEED} --encoding klingon", "unknown encoding"),
    "bad date": (lambda d: f"{SEED} --published yesterday", "invalid date"),
}


@pytest.mark.parametrize("case", sorted(BAD_IMPORTS))
def test_bad_import_leaves_database_unchanged(
    case: str, run: Run, seeded: int, db_path: Path, tmp_path: Path, digest: Callable[[Path], str]
) -> None:
    build, expected = BAD_IMPORTS[case]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    source, *options = build(inputs).split(" ")
    before = digest(db_path)
    result = run("import", source, *options)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert expected in lines[0]
    assert result.stdout == ""
    assert digest(db_path) == before


def test_utf16_with_bom_is_decoded(run: Run, tmp_path: Path) -> None:
    text = "The minister said exports rose 12% in 2025. Café owners were pleased."
    path = make(tmp_path, "utf16.txt", text.encode("utf-16"))
    imported = run.json("import", str(path), "--json")
    claims = run.json("claims", "--json")
    assert imported["claims"] == 2
    assert any("Café owners" in claim["text"] for claim in claims)


def test_explicit_encoding_reads_a_cp1252_file(run: Run, tmp_path: Path) -> None:
    path = make(
        tmp_path, "latin.txt", "Café prices rose 3% in 2025, the café owners said.".encode("cp1252")
    )
    assert run("import", str(path), "--encoding", "cp1252").exit_code == 0
    assert "Café prices" in run.json("claims", "--json")[0]["text"]


BAD_COMMANDS = {
    "unknown claim": (("show", "999"), "no claim 999"),
    "unknown claim mark": (("mark", "999", "verified"), "no claim 999"),
    "invalid status": (("mark", "1", "true"), "invalid status 'true'"),
    "sql in claim id": (("mark", "1; DROP TABLE claims", "verified"), "must be a whole number"),
    "unknown article": (("claims", "--article", "42"), "no article 42"),
    "invalid status filter": (("claims", "--status", "maybe"), "invalid status"),
    "unknown format": (("export", "--format", "docx"), "unknown format"),
    "unknown extractor": (("import", str(SEED), "--extractor", "gpt9"), "unknown extractor"),
}


@pytest.mark.parametrize("case", sorted(BAD_COMMANDS))
def test_bad_command_input_leaves_database_unchanged(
    case: str, run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    args, expected = BAD_COMMANDS[case]
    before = digest(db_path)
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert expected in result.stderr
    assert digest(db_path) == before


def test_database_path_that_cannot_be_written(run: Run, tmp_path: Path) -> None:
    blocker = make(tmp_path, "a-file", b"x")
    for db in (
        tmp_path,
        blocker / "sub.db",
        tmp_path / "missing-dir" / "x.db",
        Path("/proc/workbench.db"),
    ):
        result = run("--db", str(db), "import", str(SEED), db=False)
        assert result.exit_code == 1, db
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert blocker.read_bytes() == b"x"


def test_a_file_that_is_not_a_database(
    run: Run, tmp_path: Path, digest: Callable[[Path], str]
) -> None:
    notes = make(tmp_path, "notes.db", b"my notes, not a database\n" * 100)
    before = digest(notes)
    result = run("--db", str(notes), "claims", db=False)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {notes} is not a SQLite database; pass the path of a workbench database with --db (or a new file name to start one)\n"
    )
    assert digest(notes) == before


def test_a_sqlite_database_of_another_program(
    run: Run, tmp_path: Path, digest: Callable[[Path], str]
) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = digest(other)
    result = run("--db", str(other), "articles", db=False)
    assert result.exit_code == 1
    assert "not a workbench one" in result.stderr
    assert digest(other) == before


def test_a_damaged_database_gives_a_message_not_a_traceback(
    run: Run, seeded: int, db_path: Path, digest: Callable[[Path], str]
) -> None:
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, len(data), 4096):  # keep the header page, scramble the rest
        data[offset : offset + 64] = b"\xde\xad\xbe\xef" * 16
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    for args in (("claims",), ("show", "1"), ("mark", "1", "verified"), ("export",)):
        result = run(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
        assert "damaged" in result.stderr or "not a" in result.stderr
    assert digest(db_path) == before
