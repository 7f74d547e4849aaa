"""Every file the workbench writes (reports, backups) is written without harming what is
there: links stay links, devices stay devices, modes follow the umask or are kept, an
unrelated temporary-looking file survives, and a backup completes under steady writes."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import Run
from workbench.store import Store


@pytest.fixture
def decided(run: Run, seeded: int) -> int:
    claim = run.json("claims", "--json")[0]["id"]
    run("mark", str(claim), "verified", "--note", "checked")
    return int(claim)


def test_export_through_a_symlink_writes_the_target_and_keeps_the_link(
    run: Run, decided: int, tmp_path: Path
) -> None:
    real = tmp_path / "reports" / "real.md"
    real.parent.mkdir()
    real.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    result = run("export", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "checked" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.md"]  # no temporary left


def test_export_onto_a_dangling_symlink_is_refused(run: Run, decided: int, tmp_path: Path) -> None:
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "nowhere" / "x.md")
    result = run("export", "-o", str(link))
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_export_onto_a_device_writes_into_it(run: Run, decided: int, tmp_path: Path) -> None:
    """A named pipe stands for /dev/stdout: written into, never replaced by a file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = run("export", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert b"checked" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert run("export", "-o", os.devnull).exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_new_report_takes_its_mode_from_the_umask_and_a_replaced_one_keeps_its_mode(
    run: Run, decided: int, tmp_path: Path
) -> None:
    fresh, kept = tmp_path / "fresh.md", tmp_path / "kept.md"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    old = os.umask(0o027)
    try:
        assert run("export", "-o", str(fresh)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        assert run("export", "-o", str(fresh)).exit_code == 0
        assert run("export", "-o", str(kept)).exit_code == 0
        other = tmp_path / "other.md"
        assert run("export", "-o", str(other)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # kept on replace
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE(other.stat().st_mode) == 0o644
    assert "checked" in kept.read_text(encoding="utf-8")


def test_backup_leaves_an_unrelated_partial_file_alone(
    run: Run, seeded: int, tmp_path: Path
) -> None:
    target = tmp_path / "copy.db"
    unrelated = tmp_path / ".copy.db.partial"
    unrelated.write_bytes(b"someone else's")
    assert run("backup", str(target)).exit_code == 0
    assert unrelated.read_bytes() == b"someone else's"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy")) == [
        ".copy.db.partial"
    ]


def test_backup_refuses_a_dangling_symlink(run: Run, seeded: int, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.symlink_to(tmp_path / "elsewhere.db")
    result = run("backup", str(target))
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert target.is_symlink() and not (tmp_path / "elsewhere.db").exists()


def test_backup_completes_while_a_write_arrives_every_50_ms(
    run: Run, seeded: int, db_path: Path, tmp_path: Path
) -> None:
    # A database of a few MB: copied in several steps, which a write used to restart.
    with Store(db_path) as store, store.transaction():
        store.conn.execute(
            "INSERT INTO sources (id, requested, created_at, created_by) VALUES (99, 'x', '', '')"
        )
        store.conn.execute(
            "INSERT INTO snapshots (source_id, fetched_at, raw, raw_size, raw_sha256, text,"
            " text_sha256) VALUES (99, '', randomblob(40000000), 40000000, '', 'filler', '')"
        )
    stop = threading.Event()
    writes = [0]

    def writer() -> None:
        with Store(db_path) as store:
            while not stop.is_set():
                with store.transaction():
                    store.conn.execute(
                        "UPDATE claims SET rationale = ? WHERE id = 1", [str(writes[0])]
                    )
                writes[0] += 1
                stop.wait(0.05)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while writes[0] < 3:  # the writer is under way before the backup starts
            stop.wait(0.01)
        target = tmp_path / "copy.db"
        # a separate process, bounded: the old online backup never finished here
        result = subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(db_path), "backup", str(target)],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
        )
    finally:
        stop.set()
        thread.join()
    assert result.returncode == 0, result.stderr
    assert writes[0] > 5
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert run("--db", str(target), "doctor", db=False).exit_code == 0
