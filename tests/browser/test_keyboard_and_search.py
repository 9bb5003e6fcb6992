"""Keyboard use (skip link, contents list, FAQ) and search by drug name, at phone and desktop width."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hosting import build_for, copy_site, serving

from .conftest import WIDTHS, Visit

ARTICLE = "/klonopin-addiction/"


def tab_to(page: Any, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches selector; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is never reached with Tab")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_tab_reaches_the_skip_link_first_and_it_shows(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    page = visit(ARTICLE, viewport).page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 50, "skip link is off screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("viewport", WIDTHS)
def test_tab_meets_the_reviewer_and_the_author_in_the_order_they_show(visit: Callable[..., Visit],
                                                                      viewport: dict[str, int]) -> None:
    page = visit("/ativan-lorazepam/", viewport).page  # an article with an author and a reviewer of their own
    links = page.locator(".trust-line a")
    assert links.count() == 2
    tab_to(page, ".trust-line a")
    focused = [page.evaluate("document.activeElement.textContent")]
    page.keyboard.press("Tab")
    focused.append(page.evaluate("document.activeElement.textContent"))
    boxes = [links.nth(index).bounding_box() for index in range(2)]
    shown = [text for _, text in sorted(((box["y"], box["x"]), links.nth(index).inner_text())
                                        for index, box in enumerate(boxes) if box)]
    assert focused == shown


@pytest.mark.parametrize("viewport", WIDTHS)
def test_contents_links_move_to_their_section(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    page = visit(ARTICLE, viewport).page
    tab_to(page, "nav.contents a")
    page.keyboard.press("Tab")  # the second entry: its section is well below the first screen
    target = page.evaluate("document.activeElement.hash")
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=target)
    page.wait_for_function("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                      return r.top > -2 && r.top < window.innerHeight / 2; }""", arg=target[1:])
    # The next Tab continues from the section, not from the contents list.
    page.keyboard.press("Tab")
    after = page.evaluate("""id => !!(document.getElementById(id).compareDocumentPosition(document.activeElement)
                                      & Node.DOCUMENT_POSITION_FOLLOWING)""", target[1:])
    assert after, "focus did not move on to the section"


@pytest.mark.parametrize("viewport", WIDTHS)
def test_faq_answers_open_with_enter_and_space(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    page = visit(ARTICLE, viewport).page
    items = page.locator(".faq details")
    page.focus(".urgent-help a")  # start just before the FAQ; Tab must still lead into it
    tab_to(page, ".faq summary")
    page.keyboard.press("Enter")
    assert items.nth(0).evaluate("d => d.open")
    assert items.nth(0).locator(".faq-answer").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert items.nth(1).evaluate("d => d.open")
    page.keyboard.press("Space")
    assert not items.nth(1).evaluate("d => d.open")


def result_links(page: Any) -> Any:
    return page.locator(".pagefind-ui__result-link[href*='/klonopin-addiction/']")


@pytest.mark.parametrize("viewport", WIDTHS)
def test_search_page_runs_the_query_from_the_url(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    seen = visit("/search/?q=clonazepam", viewport)
    result_links(seen.page).first.wait_for(state="visible", timeout=10_000)
    search_input = seen.page.locator(".pagefind-ui__search-input")
    assert search_input.input_value() == "clonazepam"
    assert search_input.get_attribute("aria-label") == "Search drugs and insights"  # a label, not a title alone
    # The count Pagefind shows is repeated in a live region, which a screen reader announces (WCAG 4.1.3).
    status = seen.page.locator("[role='status'][data-search-status]")
    seen.page.wait_for_function("document.querySelector('[data-search-status]').textContent.includes('clonazepam')")
    assert status.text_content() == seen.page.locator(".pagefind-ui__message").text_content().strip()
    assert seen.horizontal_overflow() <= 0
    seen.assert_clean()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_header_search_box_finds_an_article_by_drug_name(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    seen = visit("/", viewport)
    seen.page.wait_for_load_state("networkidle")  # leaving sooner would cancel the cards' lazy images
    seen.page.fill("#header-q", "Rivotril")
    seen.page.keyboard.press("Enter")
    seen.page.wait_for_url("**/search/?q=Rivotril")
    result_links(seen.page).first.wait_for(state="visible", timeout=10_000)
    seen.assert_clean()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_search_offers_a_tag_filter_that_narrows_the_results(visit: Callable[..., Visit],
                                                            viewport: dict[str, int]) -> None:
    seen = visit("/search/?q=withdrawal", viewport)
    page = seen.page
    message = page.locator(".pagefind-ui__message")
    page.locator(".pagefind-ui__result").first.wait_for(state="visible", timeout=10_000)
    before = message.inner_text()
    tag = page.locator("summary.pagefind-ui__filter-name", has_text="Tag")
    tag.wait_for(state="visible", timeout=10_000)
    tag.click()
    page.get_by_label("tapering").check()
    page.wait_for_function("text => document.querySelector('.pagefind-ui__message').textContent !== text", arg=before)
    assert message.inner_text().startswith("2 results")
    titles = page.locator(".pagefind-ui__result-title .pagefind-ui__result-link").all_inner_texts()
    assert any("Benzodiazepine withdrawal" in title for title in titles)
    seen.assert_clean()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_words_typed_go_into_the_address_and_come_back_with_it(visit: Callable[..., Visit],
                                                                  viewport: dict[str, int]) -> None:
    seen = visit("/search/", viewport)
    page = seen.page
    search_input = page.locator(".pagefind-ui__search-input")
    search_input.wait_for(state="visible", timeout=10_000)
    search_input.fill("clonazepam")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'clonazepam'")
    result_links(page).first.wait_for(state="visible", timeout=10_000)
    # Leaving while the other results' fragments still load aborts them: a failed request the test would blame.
    page.wait_for_load_state("networkidle")
    result_links(page).first.click()
    page.wait_for_url(f"**{ARTICLE}")
    page.go_back()
    page.wait_for_url("**/search/?q=clonazepam")
    result_links(page).first.wait_for(state="visible", timeout=10_000)  # a reload or the way back: the same search
    assert page.locator(".pagefind-ui__search-input").input_value() == "clonazepam"
    page.locator(".pagefind-ui__search-clear").click()  # Pagefind's Clear button: no input event
    page.wait_for_function("!new URLSearchParams(location.search).has('q')")
    page.locator(".pagefind-ui__search-input").fill("valium")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'valium'")
    page.locator(".pagefind-ui__search-input").fill("")
    page.wait_for_function("!new URLSearchParams(location.search).has('q')")
    seen.assert_clean()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_search_box_shows_the_site_s_focus_ring(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    # Pagefind's UI resets its elements to the browser's 1px ring; the site's is 3px, yellow on dark.
    page = visit("/search/", viewport).page
    search_input = page.locator(".pagefind-ui__search-input")
    search_input.wait_for(state="visible", timeout=10_000)
    tab_to(page, ".pagefind-ui__search-input")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineWidth") == "3px"


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_empty_search_box_has_no_hidden_stop_and_a_readable_placeholder(visit: Callable[..., Visit],
                                                                             viewport: dict[str, int]) -> None:
    # Pagefind hides its Clear button with opacity alone while the box is empty, so Tab stopped on something no
    # one could see; and its placeholder, the only text in the box, is its text colour at 20%.
    page = visit("/search/", viewport).page
    search_input = page.locator(".pagefind-ui__search-input")
    search_input.wait_for(state="visible", timeout=10_000)
    tab_to(page, ".pagefind-ui__search-input")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.matches('.pagefind-ui__search-clear')")
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    placeholder = page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector('.pagefind-ui__search-input'), '::placeholder');
        return [style.color, style.opacity];
    }""")
    assert placeholder == ["rgb(76, 98, 114)", "1"], placeholder  # --muted: 6.4:1 on white
    search_input.fill("valium")
    clear = page.locator(".pagefind-ui__search-clear")
    clear.wait_for(state="visible", timeout=10_000)  # shown again once there is something to clear
    clear.click()
    assert search_input.input_value() == ""


@pytest.mark.parametrize("blocked", ["**/pagefind/en-gb/startup.json*", "**/pagefind/pagefind-ui.js"])
def test_a_search_that_cannot_load_says_so_and_offers_the_a_to_z(browser: Any, site_url: str, blocked: str) -> None:
    # A failed request for what names the index (or for Pagefind's UI) must not leave an empty page.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(blocked, lambda route: route.abort())
        page.goto(f"{site_url}/search/?q=clonazepam")
        failed = page.locator("[data-search-failed]")
        failed.wait_for(state="visible", timeout=10_000)
        assert failed.inner_text().startswith("Search could not be loaded.")
        assert failed.locator("a").get_attribute("href") == "/drugs/"
        assert page.locator(".pagefind-ui__result-link").count() == 0
    finally:
        context.close()


def test_a_search_that_loads_hides_the_failure_text(visit: Callable[..., Visit]) -> None:
    seen = visit("/search/?q=clonazepam")
    result_links(seen.page).first.wait_for(state="visible", timeout=10_000)
    assert not seen.page.locator("[data-search-failed]").is_visible()
    seen.assert_clean()


@pytest.fixture(scope="module")
def with_german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site with German added to its languages, no German article or page written yet, built with its
    search index and served: its origin."""
    folder = tmp_path_factory.mktemp("german")
    site = copy_site(folder / "site", "https://clinic.example/")
    config = site / "site.yaml"
    text = config.read_text(encoding="utf-8")
    assert "languages: [en-GB, fr, pt-PT]\n" in text
    config.write_text(text.replace("languages: [en-GB, fr, pt-PT]\n", "languages: [en-GB, fr, pt-PT, de]\n"),
                      encoding="utf-8")
    out = build_for(site, folder / "www", "https://clinic.example/")
    assert not (out / "pagefind" / "de").exists()  # nothing of its own to index
    with serving(folder / "www") as origin:
        yield origin


@pytest.mark.parametrize("viewport", WIDTHS)
def test_a_language_with_no_pages_of_its_own_searches_the_default_language_s(browser: Any, with_german: str,
                                                                             viewport: dict[str, int]) -> None:
    # Its home, A to Z and categories list the English articles, and so does its search.
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        failed_requests: list[str] = []
        page.on("response", lambda res: failed_requests.append(res.url) if res.status >= 400 else None)
        page.goto(f"{with_german}/de/search/?q=clonazepam")
        result_links(page).first.wait_for(state="visible", timeout=10_000)
        assert page.locator("html").get_attribute("lang") == "de"
        assert page.locator(".pagefind-ui__search-input").input_value() == "clonazepam"
        assert not page.locator("[data-search-failed]").is_visible()
        assert result_links(page).first.get_attribute("href") == "/klonopin-addiction/"
        assert failed_requests == []  # the page says it has no index of its own: nothing is asked in vain
    finally:
        context.close()
