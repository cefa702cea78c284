"""In a real browser (Debian's Chromium through Playwright) against a uvicorn server on a free localhost port:
open the seed article, see the highlights, hover a source, follow a claim to its matrix, paste an article.

scripts/services/browser.sh installs Chromium (`make test` runs it first). A missing browser fails these
tests: they never skip. ``CLAIMGRAPH_SCREENSHOT=docs/img/article-view.png`` also saves the README's picture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_fixtures import copy_store, running_server, seed_document_id, shared_analyzer

pytestmark = [pytest.mark.browser, pytest.mark.model]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from claimgraph.link import link_corpus
    from claimgraph.web import create_app

    engine = copy_store(tmp_path_factory.mktemp("browser"))
    app = create_app(engine, analyze=shared_analyzer().analyze_documents, link=link_corpus)
    with running_server(app) as url:
        yield url
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/services/browser.sh (make test does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"the browser's console reported errors: {errors}"  # e.g. a CSP violation


def test_article_highlights_hover_and_claim_matrix(site: str, page: Any) -> None:
    page.goto(f"{site}/documents/{seed_document_id()}")
    assert page.locator("mark.source").count() >= 10
    assert page.locator("mark.cue.stance-deny").count() >= 1
    assert page.locator(".boilerplate").first.get_attribute("data-label") == "boilerplate: appeal"
    source = page.locator("mark.source[data-attribution=a1]")
    source.hover()
    assert "resolved entity: Wall Street Journal" in (source.get_attribute("title") or "")
    tooltip = source.evaluate("el => getComputedStyle(el, '::after').content")
    assert "resolved entity: Wall Street Journal" in tooltip  # the CSS tooltip is showing
    officials = page.locator("mark.source[data-attribution=a2]")
    officials.hover()
    assert "source chain: a1" in (officials.get_attribute("title") or "")
    if os.environ.get("CLAIMGRAPH_SCREENSHOT"):
        page.screenshot(path=os.environ["CLAIMGRAPH_SCREENSHOT"])

    page.locator(".claims-side a.claim-link").first.click()
    page.wait_for_url("**/claims/C*")
    matrix = page.locator("table.matrix")
    assert matrix.is_visible()
    headers = [h.strip() for h in matrix.locator("thead th").all_inner_texts()]
    assert headers == ["Source", "asserts", "denies", "contradicts", "no comment"]
    assert page.locator(".badge-independent").count() >= 1
    page.locator("table.matrix a.statement").first.click()
    page.wait_for_url(f"**/documents/{seed_document_id()}#a*")
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()


def test_paste_an_article_and_see_it_analyzed(site: str, page: Any) -> None:
    page.goto(f"{site}/analyze")
    page.fill(
        "textarea[name=text]",
        "The mayor said on Monday that the new bridge will open in June. "
        "Two city officials, speaking on condition of anonymity, said the cost "
        "had doubled. The contractor denied that the project was late.",
    )
    page.fill("input[name=title]", "Bridge to open in June")
    page.fill("input[name=outlet]", "Town Crier")
    page.fill("input[name=published]", "2025-05-05")
    page.click("button[type=submit]")
    page.wait_for_url("**/documents/*", timeout=60_000)
    assert page.locator("h1").inner_text() == "Bridge to open in June"
    assert page.locator("mark.source").count() >= 2
    assert page.locator("mark.stance-deny").count() >= 1
    page.goto(f"{site}/documents?outlet=Town+Crier")
    assert page.locator("a.doc-link").all_inner_texts() == ["Bridge to open in June"]
