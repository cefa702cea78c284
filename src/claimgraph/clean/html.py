"""HTML inputs: main text and metadata through trafilatura and htmldate, boilerplate from text and markup.

The libraries do the extraction. What is hand-written, and why:

- The options, chosen by measuring (see tests/clean/test_html.py): ``favor_precision=True`` keeps the same
  text as the default on article pages, but returns nothing for a page that is only navigation (the
  default returns the menu items as text) or a script-only page (the default returns its ``<noscript>``
  message), so those raise "no article text found" instead of becoming documents.
- The date: trafilatura is asked for the original publication date from the markup only
  (``extensive_search=False``); when it finds none, htmldate searches the whole page, but a bare
  "YYYY-01-01" that comes from a copyright line ("(c) 2024 The Herald") is not a publication date and is
  dropped. The ``published`` argument is used only when the page has no date.
- The outlet: trafilatura takes a site's name from the page's metadata, or from its title only when the
  suffix looks like a domain ("| example.com"); a title that is the headline, a separator and a short
  capitalized name ("City council approves bike lanes | Riverside Courier") names the outlet too.
- Boilerplate: trafilatura drops many boxes, but keeps some (a donation box inside the article body is
  ordinary paragraphs to it). Besides the phrase rules of :mod:`claimgraph.clean.boilerplate`, an extracted
  paragraph whose text sits inside an element whose class/id/aria-label/role looks like an appeal,
  newsletter, cookie, subscribe, share or related box (the "markup" rules of ``boilerplate.json``), and
  nowhere outside such elements, is marked as boilerplate of that kind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import htmldate
import trafilatura
from lxml import html as lxml_html
from trafilatura.utils import load_html

from claimgraph.clean.boilerplate import (
    RULES,
    BoilerplateRules,
    PhraseRule,
    find_boilerplate,
    merge_boilerplate,
    split_paragraphs,
)
from claimgraph.clean.text import check_not_binary
from claimgraph.errors import InputError
from claimgraph.ingest import RawInput
from claimgraph.records import Boilerplate, Document

_MARKUP_ATTRIBUTES = ("class", "id", "aria-label", "role")
# Elements never taken as a box, whatever their class: they wrap the whole page or article.
_WRAPPER_TAGS = frozenset({"html", "body", "main", "article"})
_INVISIBLE_TAGS = ("script", "style", "noscript", "template")
_BLOCK_TAGS = ("p", "div", "section", "aside", "article", "header", "footer", "nav", "main", "li", "ul", "ol",
               "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption",
               "table", "tr", "td", "th", "br", "hr", "button", "form", "label", "pre")
# A flagged element holding more than this share of the extracted text is a wrapper, not a box.
_MAX_BOX_SHARE = 0.5
_COPYRIGHT_YEAR = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.IGNORECASE)
_LIST_BULLET = re.compile(r"^[-*•]\s+")


def clean_html(raw: RawInput, *, published: dt.date | None = None) -> Document:
    """The document of an HTML input: its main text, title, outlet, date and boilerplate.

    ``published`` is used only when the page states no date.

    Raises:
        InputError: the data is binary, or the page holds no article text.
    """
    check_not_binary(raw.name, raw.data, what="HTML")
    extracted = trafilatura.bare_extraction(
        raw.data,
        url=raw.url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not isinstance(text, str) or not _has_prose(text):
        raise InputError(raw.name, "no article text found in the HTML")
    tree = load_html(raw.data)
    blocks = find_boilerplate(text)
    if tree is not None:
        blocks = merge_boilerplate(text, blocks + find_markup_boilerplate(text, tree))
    date = _parse_date(getattr(extracted, "date", None)) or find_page_date(raw.data)
    title = _clean_field(getattr(extracted, "title", None))
    return Document(
        text=text,
        name=raw.name,
        title=title,
        outlet=_clean_field(getattr(extracted, "sitename", None)) or _outlet_in_title(tree, title),
        published=date or published,
        url=raw.url or _clean_field(getattr(extracted, "url", None)),
        language=_find_language(tree) or "en",
        extracted=True,
        boilerplate=blocks,
    )


# "Headline | Riverside Courier", "Headline - The Harbour Herald": a page title's suffix after a separator
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+([^|–—]{2,60})$")


def _outlet_in_title(tree: lxml_html.HtmlElement | None, title: str | None) -> str | None:
    """The site's name a page's ``<title>`` adds after the headline ("City council approves bike lanes |
    Riverside Courier"), when the page names no site in its metadata: the title is exactly the headline
    trafilatura found, a separator, and a short capitalized name."""
    if tree is None or not title:
        return None
    page_title = " ".join((tree.findtext(".//title") or "").split())
    match = _TITLE_SUFFIX.search(page_title)
    if match is None or page_title[: match.start()].strip() != title:
        return None
    name = match.group(1).strip()
    words = name.split()
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return None  # ("Headline - part two", a sentence: no name)
    return name


_SENTENCE_END = re.compile(r"[.!?…:;”\"')]\s*$")


def _has_prose(text: str) -> bool:
    """Whether extracted text holds at least one sentence: menus ("Home About") do not.

    A line counts when it has 6 words or more, or 3 or more and ends like a sentence.
    """
    for line in text.splitlines():
        words = len(line.split())
        if words >= 6 or (words >= 3 and _SENTENCE_END.search(line)):
            return True
    return False


def find_page_date(data: bytes) -> dt.date | None:
    """The publication date htmldate finds anywhere in the page, unless it is only a copyright year."""
    found = _parse_date(htmldate.find_date(data, original_date=True, extensive_search=True))
    if found is None or (found.month, found.day) != (1, 1):
        return found
    page = data.decode("utf-8", errors="replace")
    copyright_years = {match.group(1) for match in _COPYRIGHT_YEAR.finditer(page)}
    return None if str(found.year) in copyright_years else found


@dataclass(frozen=True, slots=True)
class _Box:
    """An element the markup rules flag: its kind, why, and its visible text (whitespace collapsed)."""

    kind: str
    why: str
    text: str


def find_markup_boilerplate(text: str, tree: lxml_html.HtmlElement, *,
                            rules: BoilerplateRules = RULES) -> tuple[Boilerplate, ...]:
    """Paragraphs of the extracted ``text`` that come from boxes the markup flags (donation, cookie, ...)."""
    tree = _copy_visible(tree)
    boxes = _find_boxes(tree, rules, len(text))
    if not boxes:
        return ()
    for element in boxes:
        element.drop_tree()  # what is left is the page outside the boxes
    outside = _collapse(tree.text_content())
    blocks = []
    for paragraph in split_paragraphs(text):
        needle = _LIST_BULLET.sub("", _collapse(paragraph.text))
        if not needle or _contains_phrase(outside, needle):
            continue
        for box in boxes.values():
            if _contains_phrase(box.text, needle):
                blocks.append(Boilerplate(paragraph.start, paragraph.end, box.kind, f"markup: {box.why}"))
                break
    return merge_boilerplate(text, blocks)


def _find_boxes(tree: lxml_html.HtmlElement, rules: BoilerplateRules,
                text_length: int) -> dict[lxml_html.HtmlElement, _Box]:
    boxes: dict[lxml_html.HtmlElement, _Box] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _WRAPPER_TAGS:
            continue
        if any(ancestor in boxes for ancestor in element.iterancestors()):
            continue
        match = _match_markup(element, rules)
        if match is None:
            continue
        rule, attribute = match
        box_text = _collapse(element.text_content())
        if box_text and len(box_text) <= _MAX_BOX_SHARE * text_length:
            boxes[element] = _Box(rule.kind, f"{rule.why} (<{element.tag} {attribute}>)", box_text)
    return boxes


def _match_markup(element: lxml_html.HtmlElement, rules: BoilerplateRules) -> tuple[PhraseRule, str] | None:
    """The first markup rule matching one of the element's attributes, and that attribute as name="value"."""
    for name in _MARKUP_ATTRIBUTES:
        value = element.get(name)
        if not value:
            continue
        for rule in rules.markup:
            if rule.pattern.search(str(value)):
                return rule, f'{name}="{value}"'
    return None


def _copy_visible(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A copy of the page without invisible elements, with a newline around each block element.

    The newlines keep ``text_content()`` of ``<p>Donate now</p><p>Keep us ...</p>`` from running the two
    paragraphs together, while inline markup (``<a>Moscow</a>'s``) stays joined, as in trafilatura's text.
    """
    copy = lxml_html.fromstring(lxml_html.tostring(tree))
    for element in copy.xpath("|".join(f"//{tag}" for tag in _INVISIBLE_TAGS)):
        element.drop_tree()
    for element in copy.iter(*_BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return copy


def _contains_phrase(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` on word boundaries."""
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (haystack[start - 1].isalnum() and needle[0].isalnum())
        after_ok = end == len(haystack) or not (haystack[end].isalnum() and needle[-1].isalnum())
        if before_ok and after_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    collapsed = _collapse(value)
    return collapsed or None


def _find_language(tree: lxml_html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        return None
    primary = str(declared).split("-")[0].split("_")[0].strip().lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
