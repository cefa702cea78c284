"""RSS and Atom feeds (feedparser): each entry is an article to read.

An entry whose feed carries the full text (``content:encoded``, Atom ``content``) of at least
:data:`FULL_TEXT_CHARS` characters becomes a raw HTML input at once; otherwise its link is fetched later, like
any URL (:class:`RemoteInput`). feedparser is only given bytes: it never fetches anything itself, so every
request goes through the guarded :class:`~claimgraph.ingest.fetch.Fetcher`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import feedparser

from claimgraph.errors import InputError
from claimgraph.ingest.readers import RawInput

#: Feed content shorter than this (tags stripped) is a summary, not the article: the link is fetched.
FULL_TEXT_CHARS = 500
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class RemoteInput:
    """An article known by its URL, fetched by whoever analyzes it (a worker)."""

    url: str
    name: str
    metadata: dict[str, Any] = field(default_factory=dict)


def is_feed_file(name: str) -> bool:
    return name.lower().endswith(FEED_SUFFIXES)


def read_feed(name: str, data: bytes) -> Iterator[RawInput | RemoteInput | InputError]:
    """The entries of a feed given as bytes; ``name`` is the feed's path or URL."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f"not a feed: {parsed.bozo_exception}" if parsed.get("bozo") else "the feed has no entries"
        yield InputError(name, reason)
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        where = link or f"{name}#{number}"
        metadata: dict[str, Any] = {"feed": name}
        if entry.get("title"):
            metadata["title"] = entry["title"]
        if outlet:
            metadata["outlet"] = outlet
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        if published:
            metadata["published"] = dt.date(published.tm_year, published.tm_mon, published.tm_mday)
        content = _full_text(entry)
        if content is not None:
            yield RawInput(where, content.encode("utf-8"), "html", url=link, metadata=metadata)
        elif link and link.startswith(("http://", "https://")):
            yield RemoteInput(link, link, metadata)
        else:
            yield InputError(where, "feed entry has neither full text nor an http(s) link")


def _full_text(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(_TAG.sub("", value).strip()) >= FULL_TEXT_CHARS:
            return f"<html><body><article>{value}</article></body></html>"
    return None
