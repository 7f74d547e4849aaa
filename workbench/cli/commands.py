"""Every command, registered on the group (workbench.cli.base.cli)."""

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

__all__ = ["cli"]
