"""HTML inputs: main text and metadata through trafilatura/htmldate, and boilerplate from text and markup.

What trafilatura 2.x does with the edge cases, measured on the fixtures in tests/data/html and pinned here:
with the default options a navigation-only page yields its menu items as text (and a date made from the
copyright year) and a script-only page yields its <noscript> message; with ``favor_precision=True``, which
claimgraph uses, both yield nothing. A tiny page with one sentence in a <p> is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import trafilatura
from lxml import html as lxml_html

from claimgraph.clean import clean_html, clean_input
from claimgraph.clean.html import find_markup_boilerplate, find_page_date
from claimgraph.errors import InputError
from claimgraph.ingest import RawInput, read_input
from claimgraph.records import Document

HTML_DIR = Path(__file__).parents[1] / "data" / "html"
SEED = Path(__file__).parents[2] / "examples" / "moscow-times-musk-putin.txt"
EARLY = dt.date(2000, 1, 1)


def clean_fixture(file_name: str, published: dt.date | None = None) -> Document:
    return clean_input(read_input(str(HTML_DIR / file_name)), published=published)


def boilerplate_text(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.text[b.start : b.end]) for b in document.boilerplate]


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>".encode()


ARTICLE_PARAGRAPHS = (
    "<p>The regional parliament voted on Wednesday to close the last coal-fired power station by 2030, "
    "two years earlier than the national plan.</p>"
    "<p>The energy minister said the decision would cost about 400 jobs, most of them in the valley towns "
    "around the plant.</p>"
    "<p>Environmental groups welcomed the vote but said the region still lacked a plan for the workers.</p>"
)


def test_article_with_donation_box_and_cookie_banner() -> None:
    document = clean_fixture("news-with-donation-box.html", published=EARLY)
    assert document.extracted is True
    assert (document.title, document.outlet, document.url, document.language) == (
        "Port strike halts grain exports",
        "The Harbour Herald",
        "https://harbourherald.example/news/port-strike-grain",
        "en",
    )
    assert document.published == dt.date(2024, 3, 14)  # the page's date wins over the argument
    paragraphs = document.text.split("\n")
    assert paragraphs[1].startswith("Dock workers at the port of Eastmouth")
    assert paragraphs[-1].startswith("Traders said the stoppage")
    for script_or_banner in ("dataLayer", "loadAds", "cookie", "Accept all", "Related articles", "©"):
        assert script_or_banner not in document.text
    assert boilerplate_text(document) == [
        (
            "appeal",
            "Support independent journalism\nDear readers, the Harbour Herald is funded by people like you. "
            "If you value our reporting, please support us with a monthly donation.",
        )
    ]


def test_appeal_in_article_body_found_by_phrases() -> None:
    document = clean_fixture("moscow-times-musk-putin.html")
    assert (document.title, document.outlet, document.published) == (
        "Musk Held Secret Talks With Putin, WSJ Reports",
        "The Moscow Times",
        dt.date(2024, 10, 25),
    )
    seed = SEED.read_text(encoding="utf-8")
    news, appeal_start = seed[:2189], document.text.index("A Message from The Moscow Times:")
    assert document.text.startswith("Musk Held Secret Talks With Putin, WSJ Reports\n" + news)
    [block] = document.boilerplate
    assert (block.kind, block.start) == ("appeal", appeal_start)
    assert document.text[block.start : block.end].endswith("Not ready to support today?")
    assert document.text[block.end :].strip() == ""  # trafilatura dropped the final <button>


def test_box_found_by_markup_only() -> None:
    # "The Morning Brief: ..." matches no phrase rule; its <div class="signup-inline"> gives it away. The
    # <div class="page-wrapper share-enabled"> around the whole article looks like a share bar, but holds
    # most of the text and so is not taken for one.
    document = clean_fixture("news-with-newsletter-box.html")
    assert boilerplate_text(document) == [
        ("newsletter", "The Morning Brief: the five stories you need, every weekday at 7am.")
    ]
    assert "markup" in document.boilerplate[0].reason
    assert document.language == "en"  # lang="en-GB"


@pytest.mark.parametrize(
    ("box", "kind"),
    [
        ('<div class="donation-box"><p>Our journalism is free, thanks to members.</p></div>', "appeal"),
        ('<div class="donate-inline"><p>Twelve thousand members keep this site free.</p></div>', "appeal"),
        ('<div id="subscribe-box"><p>Get the full picture from our staff.</p></div>', "subscription"),
        ('<div class="paywall-prompt"><p>Get the full picture, daily.</p></div>', "subscription"),
        (
            '<section aria-label="Newsletter signup"><p>The Morning Brief, every weekday.</p></section>',
            "newsletter",
        ),
        ('<div class="email-signup-box"><p>The Morning Brief, every weekday.</p></div>', "newsletter"),
        # trafilatura itself drops these boxes: nothing is left to mark.
        ('<div class="cookie-consent"><p>The Morning Brief, every weekday at seven.</p></div>', None),
        ('<div class="share-bar"><p>Post it to your friends.</p></div>', None),
        ('<div class="related-links"><p>Grain prices climb on export worries</p></div>', None),
        ('<div class="ad-slot"><p>Grain prices climb on export worries</p></div>', None),
        ('<aside id="subscribe-box"><p>Get the full picture from our correspondents.</p></aside>', None),
    ],
)
def test_markup_kinds(box: str, kind: str | None) -> None:
    body = f"<article><h1>Coal plant to close</h1>{ARTICLE_PARAGRAPHS}{box}</article>"
    raw = RawInput("box.html", page(body), "html")
    document = clean_html(raw)
    box_text = lxml_html.fromstring(box).text_content().strip()
    if kind is None:
        assert box_text not in document.text
        assert document.boilerplate == ()
    else:
        assert boilerplate_text(document) == [(kind, box_text)]


def test_find_markup_boilerplate_ignores_text_also_outside_boxes() -> None:
    tree = lxml_html.fromstring(
        "<html><body><p>Donate now</p><p>The vote was close.</p>"
        "<div class='donation-box'><p>Donate now</p><p>Keep us independent.</p></div></body></html>"
    )
    text = "The vote was close.\nDonate now\nKeep us independent.\n" + "More reporting follows here. " * 4
    blocks = find_markup_boilerplate(text, tree)
    assert [(b.kind, text[b.start : b.end]) for b in blocks] == [("appeal", "Keep us independent.")]


@pytest.mark.parametrize(
    "file_name",
    ["navigation-only.html", "scripts-only.html"],
)
def test_page_without_article_is_refused(file_name: str) -> None:
    path = str(HTML_DIR / file_name)
    with pytest.raises(InputError) as caught:
        clean_input(read_input(path))
    assert str(caught.value) == f"{path}: no article text found in the HTML"


@pytest.mark.parametrize(
    ("file_name", "default_text"),
    [
        ("navigation-only.html", "Home\nNews\nSport\nBusiness\nOpinion\nContact us"),
        ("scripts-only.html", "You need to enable JavaScript to run this app."),
    ],
)
def test_why_precision_is_favoured(file_name: str, default_text: str) -> None:
    """Pins what trafilatura's default options would have produced for these pages."""
    data = (HTML_DIR / file_name).read_bytes()
    default = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    assert default is not None and getattr(default, "text", None) == default_text


@pytest.mark.parametrize(
    "data",
    [
        page(""),
        page("<script>var article = 'The minister resigned.';</script><style>p { color: red }</style>"),
        b"<html></html>",
    ],
)
def test_empty_pages_are_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="no article text found in the HTML"):
        clean_html(RawInput("page.html", data, "html"))


def test_tiny_page_is_kept() -> None:
    document = clean_fixture("tiny.html", published=EARLY)
    assert document.text == "Council approves budget."
    assert (document.title, document.outlet, document.published) == (None, None, EARLY)


def test_scripts_inside_article_are_not_text() -> None:
    body = (
        "<article><h1>Coal plant to close</h1><script>trackView('coal');</script>"
        f'{ARTICLE_PARAGRAPHS}<script type=\'application/ld+json\'>{{"@type": "NewsArticle"}}</script>'
        "</article>"
    )
    document = clean_html(RawInput("page.html", page(body), "html"))
    assert "trackView" not in document.text and "NewsArticle" not in document.text
    assert document.text.split("\n")[1].startswith("The regional parliament voted")


@pytest.mark.parametrize(
    ("head_and_footer", "published", "expected"),
    [
        pytest.param(
            ("<meta property='article:published_time' content='2024-05-02T08:00:00Z'>", ""),
            EARLY,
            dt.date(2024, 5, 2),
            id="page-date-wins",
        ),
        pytest.param(("", ""), EARLY, EARLY, id="argument-when-no-date"),
        pytest.param(("", ""), None, None, id="no-date-at-all"),
        pytest.param(
            ("", "<footer><p>© 2024 The Valley Post</p></footer>"),
            EARLY,
            EARLY,
            id="copyright-year-is-not-a-date",
        ),
    ],
)
def test_publication_date(
    head_and_footer: tuple[str, str], published: dt.date | None, expected: dt.date | None
) -> None:
    head, footer = head_and_footer
    data = page(f"<article><h1>Coal plant to close</h1>{ARTICLE_PARAGRAPHS}</article>{footer}", head=head)
    assert clean_html(RawInput("page.html", data, "html"), published=published).published == expected


def test_find_page_date_keeps_a_real_new_year_date() -> None:
    data = page(
        f"<article><p>Published 1 January 2023</p>{ARTICLE_PARAGRAPHS}</article>"
        "<footer>© 2024 The Valley Post</footer>"
    )
    assert find_page_date(data) == dt.date(2023, 1, 1)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not HTML"),
        ("<html><body><p>x</p></body></html>".encode("utf-16"), "UTF-16 encoded"),
    ],
)
def test_binary_html_is_refused(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        clean_input(read_input(str(path)))
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    assert reason in caught.value.reason


def test_non_utf8_page_is_decoded_by_its_charset() -> None:
    body = "<article><h1>Café owners protest</h1>" + ARTICLE_PARAGRAPHS.replace("coal", "café") + "</article>"
    data = page(body, head="<meta charset='iso-8859-1'>").decode().encode("latin-1")
    document = clean_html(RawInput("page.html", data, "html"))
    assert "café" in document.text


def _titled_page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>Coal plant to close early</h1>"
            f"{ARTICLE_PARAGRAPHS}</article></body></html>").encode()


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        # the page's title is the headline, a separator and the site's name
        ("Coal plant to close early | Riverside Courier", "Riverside Courier"),
        ("Coal plant to close early - The Valley Times", "The Valley Times"),
        # no name after the headline: a part number, a sentence, or nothing
        ("Coal plant to close early - part two", None),
        ("Coal plant to close early", None),
    ],
)
def test_the_outlet_named_after_the_headline_in_the_title(title: str, outlet: str | None) -> None:
    document = clean_html(RawInput("page.html", _titled_page(title), "html"))
    assert (document.title, document.outlet) == ("Coal plant to close early", outlet)
