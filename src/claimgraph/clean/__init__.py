"""Clean: from a raw input to a :class:`~claimgraph.records.Document`.

Plain text is decoded exactly (offsets index the file's text); HTML goes through trafilatura and htmldate
for its main text and metadata. Both then get their boilerplate blocks (publisher appeals, paywall and
newsletter prompts, ...) from :mod:`claimgraph.clean.boilerplate`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from claimgraph.clean.boilerplate import find_boilerplate
from claimgraph.clean.html import clean_html
from claimgraph.clean.text import clean_text
from claimgraph.errors import InputError
from claimgraph.ingest import RawInput
from claimgraph.records import Document

__all__ = ["clean_html", "clean_input", "clean_text", "find_boilerplate"]


def clean_input(raw: RawInput, *, published: dt.date | None = None) -> Document:
    """The document of a raw input, by its media type, with the metadata the corpus gave (a JSONL line's
    ``title``, ``outlet``, ``published`` and ``url``; a feed entry's) over what the text says.

    ``published`` is the publication date given by the user: the date of a text input, and the fallback
    of an HTML page that states none.

    Raises:
        InputError: the input is not text or HTML, or holds no article text.
    """
    given = raw.metadata
    published = given.get("published") or published
    if raw.media_type == "text":
        document = clean_text(raw, published=published)
    elif raw.media_type == "html":
        document = clean_html(raw, published=published)
    else:
        raise InputError(raw.name, f"unsupported media type {raw.media_type!r} (expected text or HTML)")
    if not given and raw.url is None:
        return document
    return replace(
        document,
        url=raw.url or document.url,
        title=given.get("title") or document.title,
        outlet=given.get("outlet") or document.outlet,
        published=given.get("published") or document.published,
    )
