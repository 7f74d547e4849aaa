"""HTML: one self-contained page (no script, no request), readable and printable, with a
chart of the ratings it holds as inline SVG. Written through jinja2 with autoescape: data
is never markup."""

from __future__ import annotations

from typing import TextIO

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from workbench.models import Status
from workbench.ratings import RatingScale
from workbench.report.model import HEADINGS, ReportClaim, ReportOptions, header_fields, sections
from workbench.store import Store

_COLOURS = {
    Status.VERIFIED: "#1e7b34",
    Status.DISPUTED: "#b3261e",
    Status.UNVERIFIED: "#6b6f76",
}
VERDICTS = {"verified": "Verified", "disputed": "Disputed", "unverified": "Unverified"}


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links (never javascript:, data: or file:)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def chart(counts: dict[str, int], statuses: dict[str, Status]) -> Markup:
    """Horizontal bars of the report's claims by rating, as inline SVG. Labels come from
    the configuration, so they are escaped like any data."""
    width, bar, gap, label = 560, 22, 8, 150
    largest = max(counts.values(), default=0) or 1
    rows = []
    for index, (name, value) in enumerate(counts.items()):
        colour = _COLOURS[statuses.get(name, Status.UNVERIFIED)]
        y = index * (bar + gap)
        length = 0 if value == 0 else max(2, int((width - label - 60) * value / largest))
        rows.append(
            f'<text x="0" y="{y + 16}" font-size="14" fill="#1d1d1f">{escape(name)}</text>'
            f'<rect x="{label}" y="{y}" width="{length}" height="{bar}" rx="3" fill="{colour}"/>'
            f'<text x="{label + length + 8}" y="{y + 16}" font-size="14"'
            f' fill="#1d1d1f">{int(value)}</text>'
        )
    height = max(1, len(counts)) * (bar + gap)
    total = sum(counts.values())
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" aria-label="{total} claims by rating">'
        + "".join(rows)
        + "</svg>"
    )


class Legend:
    """The scales of the ratings the page shows, gathered as the claims are written."""

    def __init__(self, scales: dict[str, RatingScale]):
        self._all = scales
        self._used: dict[str, RatingScale] = {}

    def add(self, claim: ReportClaim) -> str:
        if claim.rating and claim.rating.scale in self._all:
            self._used.setdefault(claim.rating.scale, self._all[claim.rating.scale])
        return ""

    def scales(self) -> list[RatingScale]:
        return list(self._used.values())


_ENV = Environment(
    loader=PackageLoader("workbench.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["safe_url"] = safe_url


def write_html(out: TextIO, store: Store, article_id: int | None, options: ReportOptions) -> None:
    statuses = {
        item.label: item.status for scale in options.scales.values() for item in scale.labels
    }
    template = _ENV.get_template("report.html.j2")
    for chunk in template.generate(
        **header_fields(options),
        heading=HEADINGS[options.selection],
        public=options.public,
        methods_note=options.methods_note,
        sections=sections(store, article_id, options),
        chart=lambda counts: chart(counts, statuses),
        legend=Legend(options.scales),
        verdicts=VERDICTS,
    ):
        out.write(chunk)
