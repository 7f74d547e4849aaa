"""`workbench` with no command (or `workbench review`) in a terminal, started without the
command line's own modules: click, the core and pydantic cost more to import than
Textual itself, and the review screen is drawn from plain rows (workbench.glance) before
the core loads. Only a start that is certain to behave exactly as the full command line
would is taken here; anything else (another option, a config file, a database to
create or migrate, an unknown article) goes to the command line, which says what is
wrong as it always has."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.config import Settings

# The settings the environment may hold for a quick start: their values are taken as
# they are (pydantic would take them the same way); any other WORKBENCH_* variable, or a
# config file, may need checking, which only the settings layer does.
_SIMPLE_ENV = {"WORKBENCH_DB", "WORKBENCH_REVIEWER", "WORKBENCH_CONFIG"}


def options(argv: list[str]) -> dict[str, str] | None:
    """The options of `[--db PATH] [--reviewer NAME] [review [--article ID]]`, in any
    order the command line accepts them; None for anything else."""
    found: dict[str, str] = {}
    review = False
    words = iter(argv)
    for word in words:
        if word == "review" and not review:
            review = True
            continue
        name, equals, value = word.partition("=")
        if name not in ("--db", "--reviewer", "--article") or name[2:] in found:
            return None
        if name == "--article" and not review:
            return None
        if not equals:
            value = next(words, "")
            if not value or value.startswith("-"):
                return None
        if not value or "\x00" in value or not _is_utf8(value):
            return None
        found[name[2:]] = value
    return found


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def start(argv: list[str]) -> bool:
    """Open the review screen at once if this start is a plain one; False: it is not
    (the caller runs the command line)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    given = options(argv)
    if given is None or any(
        name.startswith("WORKBENCH_") and name not in _SIMPLE_ENV for name in os.environ
    ):
        return False
    from workbench.paths import config_file, default_database, login_name

    if os.environ.get("WORKBENCH_DB") == "" or config_file().exists():
        return False
    db = Path(given.get("db") or os.environ.get("WORKBENCH_DB") or default_database())
    reviewer = given.get("reviewer") or os.environ.get("WORKBENCH_REVIEWER") or login_name()
    reviewer = reviewer.strip()
    article = given.get("article", "").strip().lstrip("#")
    if not reviewer or (article and not (article.isascii() and article.isdigit())):
        return False
    article_id = int(article) if article else None
    from workbench.glance import Glance

    glance = Glance.open(db, reviewer)  # a database as it should be, or the command line
    if glance is None:
        return False
    try:
        too_large = article_id is not None and article_id > 2**63 - 1  # SQLite's largest
        if too_large or (article_id is not None and glance.article(article_id) is None):
            return False
    finally:
        glance.close()
    _review(given, db, reviewer, article_id)
    return True


def _review(given: dict[str, str], db: Path, reviewer: str, article_id: int | None) -> None:
    from workbench.termsafe import protect_terminal
    from workbench.tui.app import WorkbenchApp, finish

    protect_terminal()

    def settings() -> Settings:
        # as the command line makes them (workbench.cli.base.State): after the first frame
        from workbench.config import Settings

        overrides = {key: given[key] for key in ("db", "reviewer") if key in given}
        return Settings(**overrides)  # type: ignore[arg-type]

    app = WorkbenchApp(settings, db_path=db, article_id=article_id, reviewer=reviewer)
    app.run()
    finish(app)
