"""The command line: thin click commands over the core (workbench.core).

Importing this package loads none of them: `workbench` alone in a terminal opens the
review screen without click or the core (workbench.cli.quick); `cli` loads every
command when it is first asked for."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.cli.commands import cli


def main() -> None:
    from workbench.cli.quick import start

    if start(sys.argv[1:]):
        return
    from workbench.cli.commands import cli

    cli(prog_name="workbench")


def __getattr__(name: str) -> Any:
    if name == "cli":
        from workbench.cli.commands import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["cli", "main"]
