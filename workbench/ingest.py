"""SOURCE (a file, a URL or "-" for stdin) to an article draft: text, title, origin."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from workbench.config import Settings
from workbench.errors import FetchError, InputError
from workbench.fetch import Fetched, Fetcher
from workbench.models import ArticleDraft
from workbench.readable import (
    Readable,
    binary_kind,
    clean_control,
    decode_file_text,
    decode_web_text,
    html_to_readable,
    looks_like_html,
    pdf_to_readable,
)

_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\\)")  # scheme:, but not C:\ on Windows
_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.M)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# A plain-text article's headline: its first line, alone in its paragraph, short, and not
# ended as a sentence is ("Inflation eases to 2.8% as central bank holds rates").
_HEADLINE = re.compile(r"\A\s*([^\n]{3,150}?)[ \t]*\n[ \t]*\n")


def is_url(source: str) -> bool:
    if not _URL_LIKE.match(source):
        return False
    try:
        return not Path(source).exists()
    except OSError:  # a name too long to be a file ("https://…" of 10,000 characters)
        return True


def require_source(source: str) -> None:
    if not source.strip():
        raise InputError("no source given: give an http(s) URL, a file path, or - for stdin")


def read_source(
    source: str,
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    encoding: str | None = None,
) -> ArticleDraft:
    """Read SOURCE into an article draft, or raise a WorkbenchError saying what is wrong."""
    require_source(source)
    if source == "-":
        raw = _read_capped(stdin or sys.stdin.buffer, settings.max_article_bytes, "stdin")
        return _draft(readable_bytes(raw, "stdin", encoding, suffix=""), origin="stdin")
    if is_url(source):
        fetched = Fetcher(settings).fetch_sync(source)
        readable = readable_fetched(fetched)
        return _draft(readable, origin=source, url=fetched.final_url)
    path = Path(source)
    raw = read_file(path, settings.max_article_bytes)
    readable = readable_bytes(raw, str(path), encoding, suffix=path.suffix.lower())
    return _draft(readable, origin=str(path))


@dataclass(frozen=True)
class FileRole:
    """What a file is read as, for the messages: its size limit's name and what else
    the command takes."""

    what: str = "articles"
    setting: str = "WORKBENCH_MAX_ARTICLE_BYTES"
    instead: str = "give a file, a URL, or - for stdin"


ARTICLE = FileRole()
SOURCE = FileRole("sources", "WORKBENCH_FETCH_MAX_BYTES", "give a file or an http(s) URL")


def read_file(path: Path, limit: int, role: FileRole = ARTICLE) -> bytes:
    """The bytes of a regular file, refusing directories, devices, FIFOs and big files
    before reading anything."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{path} is a symbolic link loop") from None
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a directory; {role.instead}")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file (a FIFO, device or socket)")
    if info.st_size > limit:
        raise InputError(
            f"{path} is {info.st_size / 1024 / 1024:.1f} MB; {role.what} are limited to"
            f" {limit / 1024 / 1024:g} MB (raise {role.setting} to read it)"
        )
    try:
        with path.open("rb") as handle:
            return _read_capped(handle, limit, str(path), role)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None


def _read_capped(handle: BinaryIO, limit: int, name: str, role: FileRole = ARTICLE) -> bytes:
    raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise InputError(
            f"{name} is larger than {limit / 1024 / 1024:g} MB, the size limit of {role.what}"
            f" (raise {role.setting} to read it)"
        )
    return raw


def readable_bytes(raw: bytes, name: str, encoding: str | None, suffix: str) -> Readable:
    if not raw.strip():
        raise InputError(f"{name} is empty: there is no text in it")
    if suffix == ".pdf" or raw.startswith(b"%PDF-"):
        return pdf_to_readable(raw, name)
    if suffix in HTML_SUFFIXES or (suffix not in {".txt", ".md"} and looks_like_html(raw)):
        if binary_kind(raw):
            raise InputError(f"{name} looks like {binary_kind(raw)}, not an HTML page")
        return html_to_readable(decode_web_text(raw, declared=encoding, html=True))
    text = decode_file_text(raw, name, encoding)
    title = None
    if suffix in {".md", ".markdown"}:
        heading = _MD_HEADING.search(text)
        title = heading.group(1) if heading else None
    elif suffix in {".txt", ""}:
        title = _headline(text)
    return Readable(text=text, title=title)


def _headline(text: str) -> str | None:
    """The first line of a plain text when it reads as a headline; None when in doubt
    (the file's name stands in for a title then)."""
    first = _HEADLINE.match(text)
    if first is None:
        return None
    line = first.group(1).strip()
    if line.endswith((".", ",", ";", ":", "!", "?", '"', "”", ")")) or not any(
        char.isalpha() for char in line
    ):
        return None
    return line


def readable_fetched(fetched: Fetched) -> Readable:
    """The readable text of a fetched document."""
    name = fetched.final_url
    media = fetched.media_type
    if media == "application/pdf":
        try:
            return pdf_to_readable(fetched.body, name)
        except InputError as error:
            raise FetchError(str(error)) from None
    kind = binary_kind(fetched.body)
    if kind:
        raise FetchError(f"{name} is served as {media} but holds {kind}; nothing was kept")
    is_html = media in ("text/html", "application/xhtml+xml")
    text = decode_web_text(fetched.body, declared=fetched.charset, html=is_html)
    if is_html:
        return html_to_readable(text, url=fetched.final_url)
    return Readable(text=clean_control(text))


def _draft(readable: Readable, *, origin: str, url: str | None = None) -> ArticleDraft:
    # Letters or digits, not just something: an article of zero-width spaces or
    # punctuation is not empty to str.strip() but has nothing to check.
    if not any(char.isalnum() for char in readable.text):
        raise InputError(f"{origin} has no readable text to import (no letters or digits)")
    return ArticleDraft(
        text=readable.text,
        title=readable.title,
        url=url,
        published=readable.published,
        origin=origin,
    )
