"""The command line: thin click commands over the core (workbench.core)."""

from workbench.cli import (  # noqa: F401  (register the commands)
    article,
    articles,
    claims,
    evidence,
    known,
    maintenance,
    publish,
    reports,
    serve,
    sources,
    transcript,
)
from workbench.cli.base import cli


def main() -> None:
    cli(prog_name="workbench")


__all__ = ["cli", "main"]
