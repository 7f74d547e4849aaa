"""Where the files shipped with the package (migrations, seed articles) are found.

In a source checkout they live at the top of the repository (db/, seeds/), readable on
their own; a built wheel carries them inside the package as workbench/_data/.
"""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def migrations_dir() -> Path:
    return _data_dir("db")


def seeds_dir() -> Path:
    return _data_dir("seeds")
