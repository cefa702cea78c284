"""schema.org ClaimReview skeletons (JSON-LD), one ``<claim id>.jsonld`` per claim, for a fact-checker to
complete.

Filled in from the graph: ``claimReviewed`` (the claim's summary) and ``itemReviewed``, a ``Claim`` with its
``author`` (the sources asserting it: people, organizations, unnamed sources described as such),
``datePublished`` (first seen), ``appearance`` (the news articles reporting it: url, headline, date,
publisher) and ``firstAppearance``. Left to the fact-checker, and so ``null``: ``reviewRating`` (the
verdict), ``author`` (the fact-checking organization), ``datePublished`` and ``url`` of the review itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from claimgraph.link.model import UNNAMED_REPORTS
from claimgraph.store import schema
from claimgraph.store.queries import list_claims

CONTEXT = "https://schema.org"


def _author(source: dict[str, Any]) -> dict[str, Any]:
    if source.get("repeats") == UNNAMED_REPORTS:  # "according to media reports": outlets no one names
        return {"@type": "Organization", "name": source["entity"], "description": UNNAMED_REPORTS}
    if source["kind"] == "organization":
        return {"@type": "Organization", "name": source["entity"]}
    author = {"@type": "Person", "name": source["entity"]}
    if source["kind"] != "person":
        author["description"] = f"{source['kind']} source"
    return author


def _article(document: dict[str, Any]) -> dict[str, Any]:
    article: dict[str, Any] = {"@type": "NewsArticle"}
    for key, field in (("url", "url"), ("headline", "title"), ("datePublished", "published")):
        if document.get(field):
            article[key] = document[field]
    if document.get("outlet"):
        article["publisher"] = {"@type": "Organization", "name": document["outlet"]}
    return article


def claim_review(claim: dict[str, Any], documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The ClaimReview skeleton of one claim (a dict of :func:`list_claims`)."""
    asserting = [s for s in claim["sources"] if s["stance"] == "asserts"]
    authors: list[dict[str, Any]] = []
    for source in asserting:
        author = _author(source)
        if author not in authors:
            authors.append(author)
    appearing = list(dict.fromkeys(s["document"] for s in asserting)) or claim["documents"]
    appearances = sorted((_article(documents.get(doc, {})) for doc in appearing),
                         key=lambda x: x.get("datePublished") or "9999")
    item: dict[str, Any] = {"@type": "Claim", "identifier": claim["id"], "author": authors,
                            "datePublished": claim["first_seen"], "appearance": appearances}
    if appearances:
        item["firstAppearance"] = appearances[0]
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim["summary"],
        "itemReviewed": item,
        "reviewRating": None,   # the verdict: for the fact-checker (a Rating with ratingValue, alternateName)
        "author": None,         # the fact-checking organization
        "datePublished": None,
        "url": None,
    }


def export_claimreview(engine: sa.Engine, out: Path) -> list[Path]:
    d = schema.documents
    with engine.connect() as connection:
        documents = {row.id: {"url": row.url, "title": row.title, "published": row.published,
                              "outlet": row.outlet}
                     for row in connection.execute(sa.select(d.c.id, d.c.url, d.c.title, d.c.published,
                                                             d.c.outlet))}
    written = []
    for claim in list_claims(engine):
        path = out / f"{claim['id']}.jsonld"
        path.write_text(json.dumps(claim_review(claim, documents), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
