"""Reading a corpus: files, directories (recursively), JSONL, WARC, feeds and URL lists, one input at a time.

What an argument is, in order: an ``http(s)://`` URL is an article to fetch (:class:`RemoteInput`: the
worker that analyzes it fetches it); a directory is searched recursively for the suffixes of
:data:`CORPUS_SUFFIXES` (hidden files and folders left alone); ``.jsonl`` is one article a line;
``.warc``/``.warc.gz`` holds HTTP responses (:mod:`claimgraph.ingest.warc`); ``.rss``/``.atom``/``.xml`` is a
feed (:mod:`claimgraph.ingest.feeds`); ``.urls``, or a ``.txt`` whose every line is an http(s) URL (blank
lines and ``#`` comments aside), is a URL list; anything else is one article (text or HTML). Everything is
streamed: a directory walk, a JSONL or WARC file and a URL list are read as they are consumed, never
gathered into a list first.

A JSONL line is an object with the article as ``text`` (plain text) or ``html``, and optionally ``url``,
``outlet``, ``published`` (``YYYY-MM-DD``, or an ISO timestamp whose date is taken) and ``title``; unknown
keys are ignored. The metadata travels in :attr:`RawInput.metadata` (``title``, ``outlet``, ``published``
as a :class:`datetime.date`) and :attr:`RawInput.url`. A bad line is an :class:`InputError` named
``FILE:LINE``, and the next line is read: one broken line never costs the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import RemoteInput, is_feed_file, read_feed
from claimgraph.ingest.fetch import Fetcher, is_url
from claimgraph.ingest.readers import DEFAULT_MAX_BYTES, RawInput, open_binary, read_input
from claimgraph.ingest.warc import is_warc, read_warc

#: What a directory is searched for (recursively); other files in it are left alone.
CORPUS_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz", ".rss", ".atom", ".urls")
JSONL_SUFFIX = ".jsonl"
URL_LIST_SUFFIX = ".urls"
_METADATA_KEYS = ("url", "outlet", "published", "title")
_URL_LIST_SNIFF_BYTES = 64 * 1024

CorpusItem = RawInput | RemoteInput | InputError


def read_corpus(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, url_lists: Iterable[str] = (),
                feeds: Iterable[str] = (), fetcher: Fetcher | None = None) -> Iterator[CorpusItem]:
    """Every input under ``paths``, then in ``url_lists`` and ``feeds`` (files or URLs), or why it failed.

    A directory's files come sorted by path (``os.walk`` order, each folder sorted: one folder's listing
    at a time is held, not the tree's). ``fetcher`` fetches feeds given as URLs.
    """
    for name in paths:
        if is_url(name):
            yield RemoteInput(name, name)
        elif Path(name).is_dir():
            found = False
            for file in walk_corpus(Path(name)):
                found = True
                yield from _read_file(str(file), max_bytes)
            if not found:
                yield InputError(name, "no " + ", ".join(CORPUS_SUFFIXES) + " files in this directory")
        else:
            yield from _read_file(name, max_bytes)
    for name in url_lists:
        yield from read_url_list(name)
    for name in feeds:
        yield from _read_feed_argument(name, max_bytes, fetcher)


def walk_corpus(root: Path) -> Iterator[Path]:
    """The corpus files under ``root``, recursively, sorted, hidden files and folders left out."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith(".") and file.lower().endswith(CORPUS_SUFFIXES):
                yield Path(folder) / file


def is_url_list(name: str) -> bool:
    """A ``.urls`` file, or a ``.txt`` file whose every line (blank lines and # comments aside) is a URL."""
    lowered = name.lower()
    if lowered.endswith(URL_LIST_SUFFIX):
        return True
    if not lowered.endswith(".txt"):
        return False
    try:
        with open(name, "rb") as handle:
            head = handle.read(_URL_LIST_SNIFF_BYTES)
    except OSError:
        return False
    lines = [line.strip() for line in head.splitlines()[:-1 if len(head) == _URL_LIST_SNIFF_BYTES else None]]
    lines = [line for line in lines if line and not line.startswith(b"#")]
    return bool(lines) and all(line.startswith((b"http://", b"https://")) and b" " not in line
                               for line in lines)


def read_url_list(name: str) -> Iterator[RemoteInput | InputError]:
    """The URLs of a URL list, one a line (blank lines and # comments skipped), as articles to fetch."""
    try:
        handle = open(name, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below (generator)
    except OSError as err:
        yield InputError(name, f"cannot read: {(err.strerror or type(err).__name__).lower()}")
        return
    with handle:
        for number, line in enumerate(handle, start=1):
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            if is_url(url):
                yield RemoteInput(url, url, {"list": f"{name}:{number}"})
            else:
                yield InputError(f"{name}:{number}", f"not an http(s) URL: {url[:80]!r}")


def _read_feed_argument(name: str, max_bytes: int, fetcher: Fetcher | None) -> Iterator[CorpusItem]:
    if is_url(name):
        fetcher = fetcher or Fetcher()
        try:
            page = fetcher.fetch(name)
        except InputError as err:
            yield err
            return
        yield from read_feed(name, page.data)
        return
    try:
        raw = read_input(name, max_bytes=max_bytes)
    except InputError as err:
        yield err
        return
    yield from read_feed(name, raw.data)


def fetch_article(fetcher: Fetcher, item: RemoteInput) -> RawInput:
    """The article at a :class:`RemoteInput`'s URL, with what the list or feed knew of it.

    Raises:
        InputError: the fetch failed, or the URL is a feed, not an article.
    """
    page = fetcher.fetch(item.url, name=item.name)
    if page.kind == "feed":
        raise InputError(item.name, "this URL is a feed, not an article: give it with --feed")
    return RawInput(
        item.name,
        page.data,
        "html" if page.kind == "html" else "text",
        url=page.url,
        metadata=dict(item.metadata),
    )


def _read_file(name: str, max_bytes: int) -> Iterator[CorpusItem]:
    if name.lower().endswith(JSONL_SUFFIX):
        yield from read_jsonl(name, max_bytes=max_bytes)
        return
    if is_warc(name):
        yield from read_warc(name, max_bytes=max_bytes)
        return
    if is_feed_file(name):
        yield from _read_feed_argument(name, max_bytes, None)
        return
    if is_url_list(name):
        yield from read_url_list(name)
        return
    try:
        yield read_input(name, max_bytes=max_bytes)
    except InputError as err:
        yield err


def read_jsonl(name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | InputError]:
    """The articles of a JSONL file, one per non-blank line; a bad line gives an error named ``FILE:LINE``."""
    try:
        handle = open_binary(name)
    except InputError as err:
        yield err
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
