"""Reading a corpus: files, directories (recursively) and JSONL files of articles, one raw input at a time.

A JSONL line is an object with the article as ``text`` (plain text) or ``html``, and optionally ``url``,
``outlet``, ``published`` (``YYYY-MM-DD``, or an ISO timestamp whose date is taken) and ``title``; unknown
keys are ignored. The metadata travels in :attr:`RawInput.metadata` (``title``, ``outlet``, ``published``
as a :class:`datetime.date`) and :attr:`RawInput.url`. A bad line is an :class:`InputError` named
``FILE:LINE``, and the next line is read: one broken line never costs the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, RawInput, read_input

#: What a directory is searched for (recursively); other files in it are left alone.
CORPUS_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl"})
JSONL_SUFFIX = ".jsonl"
_METADATA_KEYS = ("url", "outlet", "published", "title")


def read_corpus(paths: Iterable[str], *,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | InputError]:
    """Every input under ``paths``, in order (a directory's files sorted by path), or why it failed."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield InputError(name, "no .txt, .html, .htm or .jsonl files in this directory")
            for file in found:
                yield from _read_file(str(file), max_bytes)
        else:
            yield from _read_file(name, max_bytes)


def _read_file(name: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    if name.lower().endswith(JSONL_SUFFIX):
        yield from read_jsonl(name, max_bytes=max_bytes)
        return
    try:
        yield read_input(name, max_bytes=max_bytes)
    except InputError as err:
        yield err


def read_jsonl(name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | InputError]:
    """The articles of a JSONL file, one per non-blank line; a bad line gives an error named ``FILE:LINE``."""
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed below; a generator cannot use `with` around yields
    except FileNotFoundError:
        yield InputError(name, "no such file")
        return
    except IsADirectoryError:
        yield InputError(name, "is a directory, not a file")
        return
    except OSError as err:
        yield InputError(name, f"cannot read: {(err.strerror or type(err).__name__).lower()}")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                yield parse_jsonl_line(where, line, max_bytes=max_bytes)
            except InputError as err:
                yield err


def parse_jsonl_line(name: str, line: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawInput:
    """The raw input of one JSONL line.

    Raises:
        InputError: the line is not UTF-8, not a JSON object, has no (or both) ``text`` and ``html``, a field
            of the wrong type, a malformed date, or is larger than ``max_bytes``.
    """
    if len(line) > max_bytes:
        raise InputError(name, f"line too large: {len(line):,} bytes, the limit is {max_bytes:,} bytes "
                               "(raise it with --max-bytes)")
    try:
        item = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError(name, f"not valid UTF-8 at byte {err.start}") from None
    except json.JSONDecodeError as err:
        raise InputError(name, f"not valid JSON: {err.msg} at column {err.colno}") from None
    if not isinstance(item, dict):
        raise InputError(name, f"expected a JSON object, got {type(item).__name__}")
    has_text, has_html = item.get("text") is not None, item.get("html") is not None
    if has_text == has_html:
        raise InputError(name, "give the article as either \"text\" or \"html\"" if not has_text
                         else "both \"text\" and \"html\": give one")
    body_key = "text" if has_text else "html"
    body = item[body_key]
    for key in (body_key, *_METADATA_KEYS):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise InputError(name, f"\"{key}\" must be a string, not {type(item[key]).__name__}")
    metadata: dict[str, Any] = {"line": name, **{k: item[k] for k in ("outlet", "title") if item.get(k)}}
    if item.get("published"):
        metadata["published"] = _parse_published(name, item["published"])
    return RawInput(name, body.encode("utf-8"), "text" if has_text else "html", url=item.get("url") or None,
                    metadata=metadata)


def _parse_published(name: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(name, f"\"published\": {value!r} is not a date (use YYYY-MM-DD)") from None
