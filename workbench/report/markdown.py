"""Markdown for a CMS. Everything from data is escaped: it renders as the text it is."""

from __future__ import annotations

import re
from typing import TextIO

from workbench.report.model import HEADINGS, ReportClaim, Section, header_fields, sections
from workbench.store import Store

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s)")
_URL_CODES = ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"))
_VERDICT = {"verified": "Verified", "disputed": "Disputed", "unverified": "Unverified"}


def escape(text: str | None) -> str:
    """Inert inline Markdown: one line, special characters backslash-escaped, HTML too."""
    if not text:
        return ""
    flat = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(r"\1\\\2", flat)


def link(title: str | None, url: str | None) -> str:
    """A link for web addresses only; anything else is shown as escaped text."""
    label = escape(title or url or "source")
    if url and url.startswith(("http://", "https://")):
        for character, code in _URL_CODES:
            url = url.replace(character, code)
        return f"[{label}](<{url}>)"
    return label + (f" ({escape(url)})" if url and url != title else "")


def write_markdown(out: TextIO, store: Store, article_id: int | None, selection: str) -> None:
    head = header_fields(selection)
    title = HEADINGS[selection]
    generated = f"{head['generated_at']:%Y-%m-%d %H:%M} UTC"
    out.write(f"# {title}\n\n_Generated {generated} by workbench {head['tool'].version}._\n")
    written = False
    for section in sections(store, article_id, selection):
        written = True
        _write_section(out, section)
    if not written:
        out.write("\nNo claims match this selection.\n")


def _write_section(out: TextIO, section: Section) -> None:
    head = section.header
    out.write(f"\n## {escape(head.title) or f'Article {head.id}'}\n\n")
    where = link(head.url, head.url) if head.url else ""
    facts = [fact for fact in (where, escape(head.outlet), escape(head.published)) if fact]
    if facts:
        out.write(" · ".join(facts) + "\n\n")
    counts = head.counts
    out.write(
        f"Verified: {counts['verified']} · Disputed: {counts['disputed']} ·"
        f" Unverified: {counts['unverified']} · Dismissed: {counts['dismissed']}\n"
    )
    group = ""
    for number, claim in enumerate(section.claims, start=1):
        if claim.verdict.value != group:
            group = claim.verdict.value
            out.write(f"\n### {_VERDICT[group]}\n")
        _write_claim(out, number, claim)


def _write_claim(out: TextIO, number: int, claim: ReportClaim) -> None:
    out.write(f"\n#### {number}. {escape(claim.text)}\n\n")
    decided = ""
    if claim.decided_by and claim.decided_at:
        decided = f" · decided by {escape(claim.decided_by)} on {claim.decided_at:%Y-%m-%d}"
    out.write(f"**Verdict:** {_VERDICT[claim.verdict.value]} · {claim.kind.value}{decided}\n\n")
    out.write(f"> {escape(claim.sentence)}\n\n")
    if claim.attribution:
        out.write(f"Attributed to: {escape(claim.attribution)}\n\n")
    if claim.rationale:
        out.write(f"**Rationale:** {escape(claim.rationale)}\n\n")
    if "no-evidence" in claim.flags:
        out.write("**Warning:** decided with no evidence attached.\n\n")
    for item in claim.evidence:
        source = item.source
        where = link(source.title, source.final_url or source.requested)
        fetched = f"{source.fetched_at:%Y-%m-%d %H:%M} UTC"
        out.write(
            f"- **{item.stance.value.capitalize()}:** {where} · fetched {fetched}"
            f" · sha256 `{source.sha256}`\n"
        )
        if item.excerpt:
            out.write(f"  > {escape(item.excerpt)}\n")
            if item.live:
                out.write(f"  >\n  > ({escape(item.live)}; quoted from the kept copy)\n")
        if item.note:
            out.write(f"  Note: {escape(item.note)}\n")
