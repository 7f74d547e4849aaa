"""What a report holds and for whom (the options every format is written with), and the
small readings of data that the public report shows: the summary of a rationale, the
site of a source, the link to its kept copy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from workbench.ratings import SHIPPED, RatingScale


@dataclass
class KeptCopies:
    """The snapshots a public report links to as kept copies: numbered in order of first
    use, written beside the report (`directory`) once the report is done."""

    directory: str
    snapshots: dict[int, str] = field(default_factory=dict)

    def link(self, snapshot_id: int, content_type: str | None) -> str:
        if snapshot_id not in self.snapshots:
            number = len(self.snapshots) + 1
            self.snapshots[snapshot_id] = f"source-{number}{_extension(content_type)}"
        return f"{quote(self.directory)}/{self.snapshots[snapshot_id]}"


def _extension(content_type: str | None) -> str:
    kind = (content_type or "").split(";")[0].strip().lower()
    return {"text/html": ".html", "application/pdf": ".pdf", "application/xhtml+xml": ".html"}.get(
        kind, ".txt"
    )


@dataclass
class ReportOptions:
    """What a report holds and for whom."""

    selection: str = "verified"
    audience: str = "internal"
    approved_only: bool = False
    scales: dict[str, RatingScale] = field(default_factory=lambda: dict(SHIPPED))
    organisation: str = ""
    report_url: str | None = None
    methods_note: str = ""
    archive_url: str = ""
    copies: KeptCopies | None = None

    @property
    def public(self) -> bool:
        return self.audience == "public"


def summary_of(rationale: str) -> str:
    """The rationale's first paragraph, on one line."""
    first = re.split(r"\n\s*\n", rationale.strip(), maxsplit=1)[0]
    return " ".join(first.split())


def outlet_of(url: str | None) -> str | None:
    """The site of a web address ("www.reuters.com" -> "reuters.com")."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _public_url(row: dict[str, Any]) -> str | None:
    """A source's address as readers may see it: a web address, never a file's path."""
    url = row["final_url"] or row["requested"]
    return url if outlet_of(url) else None


def kept_copy(row: dict[str, Any], options: ReportOptions) -> str | None:
    if options.archive_url:
        url = row["final_url"] or row["requested"]
        return options.archive_url.replace("{sha256}", row["raw_sha256"]).replace(
            "{url}", url if outlet_of(url) else ""
        )
    if options.copies is not None:
        return options.copies.link(row["snapshot_id"], row["content_type"])
    return None
