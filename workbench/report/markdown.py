"""Markdown for a CMS. Text from data renders as the text it is, and reads as text too: a
character is escaped only where Markdown (CommonMark and GitHub's tables, strikethrough)
would read it as syntax at that position, so "(LAC)" stays "(LAC)"."""

from __future__ import annotations

import re
from typing import TextIO

from workbench.report.model import (
    HEADINGS,
    ReportClaim,
    ReportOptions,
    Section,
    header_fields,
    sections,
)
from workbench.store import Store

_ESCAPES = re.compile(
    r"""
      \\(?=[!-/:-@\[-`{-~]|$)        # a backslash that would escape what follows, or break the line
    | [`*]                           # code spans, emphasis
    | (?<![^\W_])_|_(?![^\W_])       # _ that is not inside a word (intraword _ is literal)
    | \](?=[(\[:])                   # the end of a link, image or link definition
    | <(?=[A-Za-z/!?])               # an HTML tag or an autolink
    | &(?=\#?\w+;)                   # an entity reference
    """,
    re.VERBOSE,
)
# At the start of a line: a heading, a quote, a list item, a thematic break.
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+](?=[\s\-+]|$))")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_URL_CODES = ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"))
_VERDICT = {"verified": "Verified", "disputed": "Disputed", "unverified": "Unverified"}


def escape(text: str | None) -> str:
    """Inline Markdown for data: one line, each character that would be read as syntax
    at its position backslash-escaped, nothing else."""
    if not text:
        return ""
    flat = _ESCAPES.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))
    if flat.count("~") > 1:  # a pair of tildes strikes through what is between
        flat = flat.replace("~", "\\~")
    flat = _LINE_START.sub(lambda m: "\\" + m.group(0), flat)
    return _ORDERED.sub(r"\1\\\2", flat)


inline = escape


def link(title: str | None, url: str | None) -> str:
    """A link for web addresses only; anything else is shown as escaped text."""
    label = inline(title or url or "source")
    if url and url.startswith(("http://", "https://")):
        for character, code in _URL_CODES:
            url = url.replace(character, code)
        return f"[{label.replace(']', chr(92) + ']')}](<{url}>)"
    return label + (f" ({inline(url)})" if url and url != title else "")


def write_markdown(
    out: TextIO, store: Store, article_id: int | None, options: ReportOptions
) -> None:
    head = header_fields(options)
    title = HEADINGS[options.selection]
    generated = f"{head['generated_at']:%Y-%m-%d %H:%M} UTC"
    if options.public:
        by = f" by {inline(options.organisation)}" if options.organisation else ""
        out.write(f"# {title}\n\n_Published {generated:.10}{by}._\n")
    else:
        by = f"workbench {head['tool'].version}"
        out.write(f"# {title}\n\n_Generated {generated} by {by}._\n")
    legend: set[str] = set()  # the scales of the ratings shown
    written = False
    for section in sections(store, article_id, options):
        written = True
        _write_section(out, section, options, legend)
    if not written:
        out.write("\nNo claims match this selection.\n")
    if options.public:
        _write_legend(out, legend, options)


def _write_section(out: TextIO, section: Section, options: ReportOptions, legend: set[str]) -> None:
    head = section.header
    out.write(f"\n## {inline(head.title) or 'Article'}\n\n")
    where = link(head.url, head.url) if head.url else ""
    facts = [fact for fact in (where, inline(head.outlet), inline(head.published)) if fact]
    if facts:
        out.write(" · ".join(facts) + "\n\n")
    if not options.public and head.counts is not None:
        counts = head.counts
        out.write(
            f"All claims of the article: Verified: {counts['verified']} · Disputed:"
            f" {counts['disputed']} · Unverified: {counts['unverified']} · Dismissed:"
            f" {counts['dismissed']}\n\n"
        )
    out.write(
        "In this report: "
        + " · ".join(f"{inline(label)}: {n}" for label, n in head.selected.items())
        + "\n"
    )
    group = ""
    for number, claim in enumerate(section.claims, start=1):
        if claim.verdict.value != group:
            group = claim.verdict.value
            out.write(f"\n### {_VERDICT[group]}\n")
        if claim.rating:
            legend.add(claim.rating.scale)
        _write_claim(out, number, claim, options)


def _write_claim(out: TextIO, number: int, claim: ReportClaim, options: ReportOptions) -> None:
    out.write(f"\n#### {number}. {inline(claim.text)}\n\n")
    label = claim.rating.label if claim.rating else _VERDICT[claim.verdict.value]
    facts = [f"**Rating:** {inline(label)}"]
    by = f" by {inline(claim.claimant.name)}" if claim.claimant else ""
    when = f" on {claim.claim_date}" if claim.claim_date else ""
    if by or when:
        facts.append(f"claimed{by}{when}")
    if not options.public:
        facts.append(f"{claim.kind.value} · claim {claim.id}")
        if claim.decided_by and claim.decided_at:
            facts.append(f"decided by {inline(claim.decided_by)} on {claim.decided_at:%Y-%m-%d}")
        if claim.approved_by and claim.approved_at:
            facts.append(f"approved by {inline(claim.approved_by)} on {claim.approved_at:%Y-%m-%d}")
    out.write(" · ".join(facts) + "\n\n")
    out.write(f"> {inline(claim.sentence)}\n\n")
    if options.public:
        if claim.summary:
            out.write(f"**Summary:** {inline(claim.summary)}\n\n")
    else:
        if claim.attribution:
            out.write(f"Attributed to: {inline(claim.attribution)}\n\n")
        if claim.rationale:
            out.write(f"**Rationale:** {inline(claim.rationale)}\n\n")
        if "no-evidence" in (claim.flags or []):
            out.write("**Warning:** decided with no evidence attached.\n\n")
    for item in claim.evidence:
        source = item.source
        where = link(
            source.title or ("a document" if options.public else None),
            source.final_url or source.requested,
        )
        facts = [f"- **{item.stance.value.capitalize()}:** {where}"]
        if source.outlet:
            facts.append(inline(source.outlet))
        if source.published and not options.public:
            facts.append(f"dated {inline(source.published)}")
        if options.public:
            facts.append(f"retrieved {source.fetched_at:%Y-%m-%d}")
            if source.kept_copy:
                facts.append(f"[kept copy](<{source.kept_copy}>)")
        else:
            facts.append(f"fetched {source.fetched_at:%Y-%m-%d %H:%M} UTC")
            facts.append(f"sha256 `{source.sha256}`")
        out.write(" · ".join(facts) + "\n")
        if item.excerpt:
            out.write(f"  > {inline(item.excerpt)}\n")
            if item.live and not options.public:
                out.write(f"  >\n  > ({inline(item.live)}; quoted from the kept copy)\n")
        if item.note and not options.public:
            out.write(f"  Note: {inline(item.note)}\n")


def _write_legend(out: TextIO, legend: set[str], options: ReportOptions) -> None:
    for name in sorted(legend):
        scale = options.scales[name]
        out.write(f"\n## {inline(scale.heading)}\n\n")
        for item in scale.labels:
            value = f"{scale.value(item.label)}/{scale.best}"
            out.write(f"- **{inline(item.label)}** ({value}): {inline(item.description)}\n")
    if options.methods_note:
        out.write(f"\n## How we check\n\n{inline(options.methods_note)}\n")
