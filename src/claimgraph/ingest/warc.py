"""WARC and WARC.gz files (Common Crawl CC-NEWS style): each HTTP response record is one raw input.

fastwarc reads the records (about four times warcio's speed on CC-NEWS-style files, measured when it was
chosen); the HTTP message inside a record is split here, so a record cut short is noticed (fewer bytes than
its Content-Length) and a chunked body is de-chunked. The URL is the record's ``WARC-Target-URI``; the
input's name is ``FILE#OFFSET`` (the record's byte offset in the file, as Common Crawl's indexes give it).

Only ``response`` records with a 2xx HTTP status and an HTML or plain-text Content-Type become inputs;
other responses are passed over silently (a CC-NEWS file holds redirects and images too). A record that is
truncated, too large or unparseable is an :class:`InputError` for that record, and reading goes on; a gzip
member that is corrupt ends the file with an error (what follows it cannot be found again reliably).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from claimgraph.errors import InputError
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, MediaType, RawInput, open_binary

WARC_SUFFIXES = (".warc", ".warc.gz")
_ACCEPTED: dict[str, MediaType] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | InputError]:
    """The HTML and text responses of a WARC file, in file order, or why one could not be read."""
    try:
        handle = open_binary(name)
    except InputError as err:
        yield err
        return
    size = os.fstat(handle.fileno()).st_size
    if size == 0:
        handle.close()
        yield InputError(name, "empty file")
        return
    with handle:
        found = 0
        records = ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=False)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except OSError as err:  # fastwarc raises OSError for a corrupt gzip member
                yield InputError(f"{name}#{handle.tell()}", f"corrupt file, the rest is unreadable: {err}")
                return
            found += 1
            item = _read_record(name, record, max_bytes)
            if item is not None:
                yield item
        if found == 0:
            yield InputError(name, "no WARC response records found (is it a WARC file?)")


def _read_record(name: str, record: Any, max_bytes: int) -> RawInput | InputError | None:
    where = f"{name}#{record.stream_pos}"
    url = record.headers.get("WARC-Target-URI") or None
    length = int(record.content_length)
    if length > max_bytes + 64 * 1024:  # the HTTP headers come on top of the payload
        return InputError(where, f"record too large: {length:,} bytes, the limit is {max_bytes:,} bytes "
                                 "(raise it with --max-bytes)")
    try:
        block = record.reader.read()
    except OSError as err:
        return InputError(where, f"cannot read the record: {err}")
    if len(block) < length:
        return InputError(where, f"truncated record: {len(block):,} of {length:,} bytes")
    head, separator, payload = block.partition(b"\r\n\r\n")
    if not separator:
        return InputError(where, "not an HTTP response (no header end)")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = status_line.split(" ", 2)
    if len(fields) < 2 or not fields[0].startswith("HTTP/") or not fields[1].isdigit():
        return InputError(where, f"not an HTTP response: {status_line[:80]!r}")
    if not fields[1].startswith("2"):
        return None  # redirects, not-found pages: not articles
    headers = {}
    for line in header_lines:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    media_type = _ACCEPTED.get(headers.get("content-type", "").split(";", 1)[0].strip().lower())
    if media_type is None:
        return None  # images, scripts, PDFs: not articles
    if headers.get("transfer-encoding", "").lower() == "chunked":
        try:
            payload = _dechunk(payload)
        except ValueError:
            return InputError(where, "malformed chunked body")
    if len(payload) > max_bytes:
        return InputError(where, f"page too large: {len(payload):,} bytes, the limit is {max_bytes:,} bytes "
                                 "(raise it with --max-bytes)")
    if not payload.strip():
        return InputError(where, "empty response body")
    metadata: dict[str, Any] = {"warc": name, "offset": record.stream_pos, "size": len(payload)}
    date = record.headers.get("WARC-Date")
    if date:
        metadata["fetched"] = date
    return RawInput(where, payload, media_type, url=url, metadata=metadata)


def _dechunk(body: bytes) -> bytes:
    out: list[bytes] = []
    position = 0
    while True:
        end = body.index(b"\r\n", position)
        size = int(body[position:end].split(b";", 1)[0], 16)
        if size == 0:
            return b"".join(out)
        out.append(body[end + 2:end + 2 + size])
        position = end + 2 + size + 2
