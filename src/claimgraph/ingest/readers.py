"""Readers for local files and standard input.

Hand-written because the checks are the point: every failure becomes an :class:`InputError` naming the
input and saying what to do, and a huge input is refused after a ``stat`` (or, for a stream, after reading
one byte past the limit), never after reading it all into memory.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from claimgraph.errors import ConfigError, InputError

MediaType = Literal["text", "html"]

#: The default size limit of one input; ``--max-bytes`` raises it. News articles are kilobytes, a saved
#: web page a few megabytes; anything past 10 MiB is almost surely not one article.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

STDIN_NAME = "-"

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# How a document starts when it is HTML (after a BOM, whitespace, and lower-casing).
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body")
# Openings that may come before <html>: an XML declaration (XHTML) or a comment.
_HTML_PREAMBLES = (b"<?xml", b"<!--")
_SNIFF_BYTES = 2048


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input as read: its bytes, its media type and what is known about where it came from."""

    name: str
    data: bytes
    media_type: MediaType
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def read_input(name: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawInput:
    """Read the input called ``name`` (a path, or ``-`` for standard input).

    The media type comes from the file name's suffix (``.txt``/``.text``/``.md`` are text,
    ``.html``/``.htm``/``.xhtml`` are HTML) and otherwise from the first bytes.

    Raises:
        InputError: the input is missing, a directory, unreadable, empty or larger than ``max_bytes``.
        ConfigError: ``max_bytes`` is not positive.
    """
    if max_bytes <= 0:
        raise ConfigError(f"--max-bytes must be a positive number of bytes, not {max_bytes}")
    if name == STDIN_NAME:
        return _read_stream(name, stdin if stdin is not None else sys.stdin.buffer, max_bytes)
    return _read_file(name, max_bytes)


def detect_media_type(name: str, data: bytes) -> MediaType:
    """The media type of an input: from its suffix when it has a known one, else from its first bytes."""
    suffix = Path(name).suffix.lower() if name != STDIN_NAME else ""
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "html" if _looks_like_html(data) else "text"


def _looks_like_html(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n\f").lower()
    if head.startswith(_HTML_OPENINGS):
        return True
    return head.startswith(_HTML_PREAMBLES) and b"<html" in head


def _read_file(name: str, max_bytes: int) -> RawInput:
    path = Path(name)
    try:
        info = path.stat()
    except OSError as error:
        raise input_error(name, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    # A regular file's size is known before reading; devices and pipes report 0 and are caught by the
    # bounded read below.
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(name, _too_large_reason("file", f"{info.st_size:,} bytes", max_bytes))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise input_error(name, error) from None
    if len(data) > max_bytes:
        raise InputError(name, _too_large_reason("file", f"more than {max_bytes:,} bytes", max_bytes))
    if not data:
        raise InputError(name, "empty file")
    metadata: dict[str, Any] = {"path": os.fspath(path.resolve()), "size": len(data)}
    return RawInput(name, data, detect_media_type(name, data), metadata=metadata)


def _read_stream(name: str, stream: BinaryIO, max_bytes: int) -> RawInput:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputError(name, f"cannot read standard input: {_describe_os_error(error)}") from None
    if len(data) > max_bytes:
        raise InputError(name, _too_large_reason("input", f"more than {max_bytes:,} bytes", max_bytes))
    if not data:
        raise InputError(name, "empty input")
    return RawInput(name, data, detect_media_type(name, data), metadata={"size": len(data)})


def _too_large_reason(what: str, size: str, max_bytes: int) -> str:
    return f"{what} too large: {size}, the limit is {max_bytes:,} bytes (raise it with --max-bytes)"


def open_binary(name: str) -> BinaryIO:
    """Open a file for reading bytes, or raise an InputError naming it and saying why not."""
    try:
        return open(name, "rb")  # noqa: SIM115 - the caller closes it (readers that yield cannot use `with`)
    except OSError as error:
        raise input_error(name, error) from None


def input_error(name: str, error: OSError) -> InputError:
    """The one-line InputError for an operating-system error on the input `name`."""
    if isinstance(error, FileNotFoundError):
        return InputError(name, "no such file")
    if isinstance(error, IsADirectoryError):
        return InputError(name, "is a directory, not a file")
    if isinstance(error, PermissionError):
        return InputError(name, "permission denied")
    return InputError(name, f"cannot read: {_describe_os_error(error)}")


def _describe_os_error(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()
