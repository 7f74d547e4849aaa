"""Reports of the reviewed claims. `render(report, format)` gives the text of a format."""

from __future__ import annotations

from workbench.errors import InputError
from workbench.report.model import SELECTIONS, Report, build_report

FORMATS = ("json",)


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    raise InputError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


__all__ = ["FORMATS", "SELECTIONS", "Report", "build_report", "render"]
