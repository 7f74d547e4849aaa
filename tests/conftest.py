"""Real parts: a real SQLite file per test, the real CLI through click's CliRunner."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_2a150881a98f0715.txt"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's settings or writes to their data directory."""
    import os

    for name in list(os.environ):
        if name.startswith("WORKBENCH_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "alice")


@dataclass
class Run:
    """Runs `workbench --db DB ...` in-process."""

    db: Path

    def __call__(self, *args: str, input: str | bytes | None = None, db: bool = True) -> Result:
        runner = CliRunner()
        argv = ["--db", str(self.db), *args] if db else list(args)
        return runner.invoke(cli, argv, input=input, catch_exceptions=False)

    def json(self, *args: str, **kwargs: Any) -> Any:
        result = self(*args, **kwargs)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbench.db"


@pytest.fixture
def run(db_path: Path) -> Run:
    return Run(db_path)


_SEED_IMPORT: dict[str, Any] = {}


def copy_of_seeded(target: Path, tmp_path_factory: pytest.TempPathFactory) -> int:
    """Make `target` a database holding the seed article; returns its article id.

    The first call imports it for real (the CLI, the default extractor, reviewer alice) into
    a database of its own; every call copies that file byte for byte. A copy is the database
    an import makes, and costs a millisecond where parsing costs half a second.
    """
    if not _SEED_IMPORT:
        template = tmp_path_factory.mktemp("seeded") / "workbench.db"
        article = Run(template).json("import", str(SEED), "--json")["article_id"]
        assert not template.with_name(template.name + "-wal").exists()  # all in the one file
        _SEED_IMPORT.update(template=template, article=int(article))
    assert not target.exists()
    shutil.copyfile(_SEED_IMPORT["template"], target)
    return int(_SEED_IMPORT["article"])


@pytest.fixture
def seeded(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> int:
    """The seed article imported; returns its article id."""
    return copy_of_seeded(db_path, tmp_path_factory)


def edit_a_status_by_hand(db: Path) -> None:
    """Give the first claim the status 'bogus', past the schema's CHECK, as a hand edit would."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA ignore_check_constraints = 1")
        conn.execute("UPDATE claims SET status = 'bogus' WHERE id = (SELECT min(id) FROM claims)")
    conn.close()


def file_digest(path: Path) -> str:
    """sha256 of a database file and of its WAL, if one is left."""
    digest = hashlib.sha256(path.read_bytes())
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def digest() -> Callable[[Path], str]:
    return file_digest
