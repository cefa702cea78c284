"""Plain-text inputs: strict UTF-8 decoding, and the checks that tell a user why a file is not text.

Offsets of every later stage index the file's exact decoded text, so the text is never normalized or
stripped: it is ``data.decode("utf-8")``, a leading byte-order mark included (as U+FEFF).
"""

from __future__ import annotations

import datetime as dt

from claimgraph.clean.boilerplate import find_boilerplate
from claimgraph.errors import InputError
from claimgraph.ingest import RawInput
from claimgraph.records import Document

# Bytes that do not occur in text files: C0 controls other than tab, newline, vertical tab, form feed,
# carriage return, backspace and escape (which show up in logs and terminal captures), and DEL.
_CONTROL_BYTES = frozenset((set(range(0x20)) - {0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}) | {0x7F})
# Share of control bytes in the sample above which a file is taken as binary.
_MAX_CONTROL_SHARE = 0.05
_SAMPLE_BYTES = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def clean_text(raw: RawInput, *, published: dt.date | None = None) -> Document:
    """The document of a plain-text input; ``published`` is its publication date, when known.

    Raises:
        InputError: the data is binary, not valid UTF-8, or holds no text.
    """
    text = decode_text(raw.name, raw.data)
    return Document(text=text, name=raw.name, published=published, url=raw.url,
                    boilerplate=find_boilerplate(text))


def decode_text(name: str, data: bytes) -> str:
    """``data`` decoded as UTF-8, exactly; ``name`` is for the error messages.

    Raises:
        InputError: the data is binary, not valid UTF-8, or holds no text.
    """
    check_not_binary(name, data, what="text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(name, f"not valid UTF-8 at byte {error.start} (save the file as UTF-8)") from None
    if not text.replace("\ufeff", "").strip():
        raise InputError(name, "no text (only whitespace)")
    return text


def check_not_binary(name: str, data: bytes, *, what: str) -> None:
    """Raise :class:`InputError` when ``data`` looks binary rather than ``what`` ("text", "HTML")."""
    if data.startswith(_UTF16_BOMS):
        raise InputError(name, f"UTF-16 encoded, not UTF-8 {what} (save the file as UTF-8)")
    if b"\x00" in data:
        raise InputError(name, f"binary file, not {what}")
    sample = data[:_SAMPLE_BYTES]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(name, f"binary file, not {what}")
