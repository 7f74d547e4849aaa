"""HTML: one self-contained page (no script, no request), readable and printable, with a
verdict chart as inline SVG. Written through jinja2 with autoescape: data is never markup."""

from __future__ import annotations

from typing import TextIO

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from workbench.report.model import HEADINGS, header_fields, sections
from workbench.store import Store

_COLOURS = {
    "verified": "#1e7b34",
    "disputed": "#b3261e",
    "unverified": "#6b6f76",
    "dismissed": "#a0a4aa",
}
VERDICTS = {"verified": "Verified", "disputed": "Disputed", "unverified": "Unverified"}


def safe_url(url: str | None) -> str | None:
    """Only web addresses become links (never javascript:, data: or file:)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def chart(counts: dict[str, int]) -> Markup:
    """Horizontal bars of the claims by verdict, as inline SVG (numbers only: no data text)."""
    width, bar, gap, label = 520, 22, 8, 110
    largest = max(counts.values()) or 1
    rows = []
    for index, (name, colour) in enumerate(_COLOURS.items()):
        value = int(counts.get(name, 0))
        y = index * (bar + gap)
        length = 0 if value == 0 else max(2, int((width - label - 60) * value / largest))
        rows.append(
            f'<text x="0" y="{y + 16}" font-size="14" fill="#1d1d1f">{name.capitalize()}</text>'
            f'<rect x="{label}" y="{y}" width="{length}" height="{bar}" rx="3" fill="{colour}"/>'
            f'<text x="{label + length + 8}" y="{y + 16}" font-size="14"'
            f' fill="#1d1d1f">{value}</text>'
        )
    height = len(_COLOURS) * (bar + gap)
    total = sum(int(counts.get(name, 0)) for name in _COLOURS)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" aria-label="{total} claims by verdict">'
        + "".join(rows)
        + "</svg>"
    )


_ENV = Environment(
    loader=PackageLoader("workbench.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["safe_url"] = safe_url


def write_html(
    out: TextIO, store: Store, article_id: int | None, selection: str, organisation: str
) -> None:
    heading = HEADINGS[selection]
    template = _ENV.get_template("report.html.j2")
    for chunk in template.generate(
        **header_fields(selection),
        heading=heading,
        organisation=organisation,
        sections=sections(store, article_id, selection),
        chart=chart,
        verdicts=VERDICTS,
    ):
        out.write(chunk)
