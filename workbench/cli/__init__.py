"""The command line: thin click commands over the core (workbench.core)."""

from workbench.cli import articles, claims, reports, sources  # noqa: F401  (register commands)
from workbench.cli.base import cli


def main() -> None:
    cli(prog_name="workbench")


__all__ = ["cli", "main"]
