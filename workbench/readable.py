"""Bytes to readable text: charset decoding, HTML main text (trafilatura), PDF text (pypdf).

Local text files are read as UTF-8 (or the encoding their BOM or --encoding names):
guessing the charset of a file on disk silently turns a wrong guess into wrong quotes
in a report. Web pages are decoded as browsers do: BOM, then the HTTP header, then
the meta tag, then detection; never a crash on bytes.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from workbench.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"RIFF", "audio or video (RIFF)"),
    (b"\x00\x00\x00", "binary data"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# C0 but tab, newline and carriage return; DEL; C1 (never meaningful in a text)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
# pypdf logs what it repairs in malformed files ("incorrect startxref pointer"): noise on
# stderr, where the CLI's messages go; what matters is raised.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


@dataclass
class Readable:
    text: str
    title: str | None = None
    published: str | None = None

    def __post_init__(self) -> None:
        # whatever the format, control characters are never part of what is stored:
        # terminal escapes in a .txt article or a PDF's title included
        self.text = clean_control(self.text)
        if self.title is not None:
            self.title = clean_control(self.title)


def bom_encoding(raw: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def binary_kind(raw: bytes) -> str | None:
    """What binary thing these bytes are, or None when they may be text."""
    if bom_encoding(raw):
        return None
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    head = raw[:8192]
    if b"\x00" in head:
        return "binary data"
    return None


# Codecs Python has that are not character sets: they transform text ("punycode",
# "unicode_escape" reads backslashes as escapes) or are not text at all ("hex", "rot13").
_NOT_CHARSETS = {"punycode", "idna", "unicode_escape", "raw_unicode_escape", "utf_7"}


def text_codec(encoding: str) -> str:
    """The codec name of a character set given by a user, or an InputError."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise InputError(f"unknown encoding {encoding!r}; try utf-8, cp1252 or latin-1") from None
    name = info.name.replace("-", "_")
    if name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        raise InputError(
            f"{encoding!r} is not a character set; give one such as utf-8, cp1252 or latin-1"
        )
    return info.name


def decode_file_text(raw: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a local text file: its BOM, else `encoding`, else strict UTF-8."""
    bom = bom_encoding(raw)
    if bom:
        return _checked_text(_decode_strictly(raw, bom, name, " after its byte-order mark"), name)
    if encoding:
        # Before the binary check: UTF-16 without a BOM is full of NUL bytes.
        text = _decode_strictly(raw, text_codec(encoding), name, "; check --encoding")
        return _checked_text(text, name)
    kind = binary_kind(raw)
    if kind:
        raise InputError(f"{name} looks like {kind}, not text; give text, Markdown, HTML or PDF")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} is not valid UTF-8 (byte {raw[error.start]:#04x} at offset {error.start});"
            " give its encoding with --encoding (e.g. cp1252) or convert it to UTF-8"
        ) from error


def _decode_strictly(raw: bytes, codec: str, name: str, hint: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeError as error:
        where = ""
        if isinstance(error, UnicodeDecodeError):
            where = f" (byte {raw[error.start]:#04x} at offset {error.start})"
        raise InputError(f"{name} is not valid {codec}{where}{hint}") from None


def _checked_text(text: str, name: str) -> str:
    """Refuse decoded "text" that is mostly control characters: random bytes behind a BOM,
    or the wrong --encoding."""
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if sample and controls > len(sample) / 20:
        raise InputError(
            f"{name} does not read as text ({controls} control characters in its first"
            f" {len(sample)}); check the file, or its --encoding"
        )
    return text


def decode_web_text(raw: bytes, declared: str | None = None, html: bool = False) -> str:
    """Decode bytes from the web: BOM, the declared charset, the meta tag, detection."""
    bom = bom_encoding(raw)
    if bom:
        return raw.decode(bom, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    if html:
        match = _META_CHARSET.search(raw[:4096])
        if match:
            candidates.append(match.group(1).decode("ascii", "replace"))
    candidates.append("utf-8")
    for candidate in candidates:
        codec = _web_alias(candidate)
        if codec is None:
            continue
        try:
            return raw.decode(codec)
        except UnicodeError:
            continue
    return raw.decode(_detect_web_encoding(raw), errors="replace")


# The legacy encodings web pages are written in (WHATWG Encoding); DOS code pages, which
# a detector may otherwise prefer on short samples, are not among them.
_WEB_ENCODINGS = [
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_8",
    "iso8859_15",
    "koi8_r",
    "koi8_u",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "euc_kr",
]


_WEB_CODECS = {
    codecs.lookup(name).name
    for name in [*_WEB_ENCODINGS, "utf-8", "utf-16", "utf-16-le", "utf-16-be", "iso8859_1"]
}


def _detect_web_encoding(raw: bytes) -> str:
    from charset_normalizer import from_bytes

    results = from_bytes(raw[:200_000], cp_isolation=_WEB_ENCODINGS)
    best = results.best()
    if best is None:
        return "cp1252"
    # windows-1252 is what browsers assume for an undeclared Western page: keep it when it
    # reads about as cleanly as the detector's favourite.
    western = next((match for match in results if match.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + 0.05:
        return "cp1252"
    return str(best.encoding)


def _web_alias(name: str) -> str | None:
    """The codec for a charset label of a web page, or None when browsers would not read
    the page in it ("punycode", "hex", "unicode_escape" are Python codecs, not charsets)."""
    # As browsers do (WHATWG Encoding): latin-1 and ascii labels mean windows-1252.
    lowered = name.strip().lower()
    if lowered in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"}:
        return "cp1252"
    try:
        codec = codecs.lookup(lowered).name
    except (LookupError, ValueError):
        return None
    return codec if codec in _WEB_CODECS else None


def clean_control(text: str) -> str:
    """Drop control characters (keeping tab and newlines): terminal escapes in an article
    are never part of what it says."""
    return _CONTROL.sub("", text)


# A DOCTYPE with an internal subset (<!DOCTYPE html [ <!ENTITY ...> ]>): HTML parsers end
# the declaration at the first ">", and the rest ("]>") became text.
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.I | re.S)


def html_to_readable(html: str, url: str | None = None) -> Readable:
    """Main text, title and date of an HTML page, boilerplate removed."""
    import trafilatura

    where = html[:1024].upper().find("<!DOCTYPE")
    subset = _DOCTYPE_SUBSET.match(html, where) if where >= 0 else None
    if subset:
        html = html[:where] + "<!DOCTYPE html>" + html[subset.end() :]

    document = None
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
        )
    except Exception:  # trafilatura raises assorted errors on pathological markup
        document = None
    title = getattr(document, "title", None) if document is not None else None
    published = getattr(document, "date", None) if document is not None else None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        text = _fallback_text(html)
    return Readable(text=clean_control(text or "").strip(), title=title, published=published)


class _TextCollector(HTMLParser):
    """Text of a page outside script, style and navigation, read as a stream: no tree is
    built, so a page nested 10,000 deep (which lxml gives up on) is still read."""

    SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template"})
    BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _fallback_text(html: str) -> str:
    """Plain text of the page when no main content was found (a bare or odd page)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


# One decompressed PDF stream at most (pypdf's default is 75 MB): a page's text never
# needs more, and parsing a 20 MB content stream already takes half a minute.
PDF_MAX_STREAM_BYTES = 16 * 1024 * 1024


def pdf_to_readable(raw: bytes, name: str) -> Readable:
    from pypdf import PdfReader, apply_configuration, get_configuration
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    limits = get_configuration().with_overwrites(
        maximum_declared_stream_length=PDF_MAX_STREAM_BYTES,
        array_based_stream_maximum_output_length=PDF_MAX_STREAM_BYTES,
        lzw_maximum_output_length=PDF_MAX_STREAM_BYTES,
        run_length_maximum_output_length=PDF_MAX_STREAM_BYTES,
        zlib_maximum_output_length=PDF_MAX_STREAM_BYTES,
        brotli_maximum_output_length=PDF_MAX_STREAM_BYTES,
    )
    try:
        with apply_configuration(limits):
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(
                    f"{name} is protected by a password; remove it (e.g. `qpdf --decrypt"
                    " --password=… in.pdf out.pdf`) and try again"
                )
            pages = [page.extract_text() or "" for page in reader.pages]
            title = reader.metadata.title if reader.metadata else None
    except LimitReachedError:
        raise InputError(
            f"{name} holds a compressed stream of more than"
            f" {PDF_MAX_STREAM_BYTES // 1024 // 1024} MB; it was not read"
        ) from None
    except DependencyError as error:
        raise InputError(f"{name} cannot be read here ({error})") from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise InputError(f"{name} is not a readable PDF ({error})") from error
    text = clean_control("\n\n".join(page.strip() for page in pages if page.strip()))
    if not text.strip():
        raise InputError(f"{name} has no extractable text (a scanned PDF needs OCR first)")
    return Readable(text=text, title=str(title) if title else None)


def looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip().lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:4096].lower()
    )
