"""Where workbench keeps its files, and who the reviewer is by default: read by the
settings (workbench.config) and, without pydantic, by the review screen's quick start
(workbench.cli.quick)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

APP_NAME = "workbench"


def login_name() -> str:
    try:
        return getpass.getuser() or "reviewer"
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER (containers)
        return "reviewer"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    """The database when neither --db nor WORKBENCH_DB names one."""
    return data_dir() / "workbench.db"


def config_file() -> Path:
    explicit = os.environ.get("WORKBENCH_CONFIG")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
