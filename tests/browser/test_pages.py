"""What a visitor sees: every part of an article at phone and desktop width, no errors, no sideways scroll."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hosting import build_for, copy_site, serving

from .conftest import NARROWEST, WIDTHS, Visit

ARTICLE = "/klonopin-addiction/"
# The reference page's shape, top to bottom: (what, selector, text it must contain).
SHAPE = [
    ("tagline", ".site-header .tagline", "Porto"),
    ("language switcher", "nav.langs a[hreflang='fr'][lang='fr'][href='/fr/dependance-au-clonazepam/']",
     "Français"),
    ("title", "main h1", "Klonopin (clonazepam) addiction"),
    ("reading time", ".trust-line .reading-time", "min read"),
    ("written by", ".trust-line .written-by a[href='/authors/nadia-oyelaran/']", "Nadia Oyelaran"),
    ("reviewed by", ".trust-line .reviewed-by a[href='/reviewers/dr-isla-fernandes/']", "Dr Isla Fernandes"),
    ("fact checked", ".trust-line .fact-checked", "Fact checked"),
    ("contents list", "nav.contents li a", "Why clonazepam"),
    ("article text", ".prose p", "Clonazepam"),
    ("urgent help", ".urgent-help", "999"),
    ("FAQ", ".faq details summary", "clonazepam"),
    ("how we can help", ".clinic-help h2", "How we can help"),
    ("method pillars", ".clinic-help .pillars li", "One person"),
    ("timeline", ".clinic-help .timeline li", "Before admission"),
    ("insight cards", ".insights .card h3", "benzodiazepines"),
    ("review dates", ".review-dates", "Next review due"),
    ("topics", ".review-dates .topics a[data-pagefind-filter='tag']", "benzodiazepines"),
    ("sources", ".sources ol li a", "Clonazepam"),
    ("accreditations", ".strip h2", "Accreditations"),
    ("media", ".strip >> nth=1", "As featured in"),
    ("footer disclaimer", ".site-footer .disclaimer", "Medical disclaimer"),
]
PAGES = ["/", ARTICLE, "/insights/benzodiazepines/", "/reviewers/dr-isla-fernandes/", "/reviewers/",
         "/authors/nadia-oyelaran/", "/tags/", "/tags/benzodiazepines/", "/drugs/",
         "/search/?q=clonazepam", "/about/", "/valium-diazepam/", "/404.html", "/fr/", "/fr/dependance-au-clonazepam/",
         "/pt-pt/o-que-sao-as-benzodiazepinas/"]


@pytest.mark.parametrize("viewport", WIDTHS)
def test_article_shows_every_part_of_the_reference_shape(visit: Callable[..., Visit], viewport: dict[str, int],
                                                         artifacts: Path) -> None:
    seen = visit(ARTICLE, viewport)
    missing = []
    for name, selector, text in SHAPE:
        element = seen.page.locator(selector).first
        if not element.is_visible() or text.lower() not in element.inner_text().lower():
            missing.append(f"{name} ({selector!r} showing {text!r})")
    assert not missing, f"at {viewport['width']}px the article lacks: {missing}"
    assert seen.page.title() == "Klonopin (clonazepam) addiction – Kestrel Bay Recovery"
    assert seen.horizontal_overflow() <= 0
    seen.screenshot(artifacts / f"article-{viewport['width']}.png")
    seen.assert_clean()


@pytest.mark.parametrize("viewport", WIDTHS)
def test_home_page_loads_cleanly(visit: Callable[..., Visit], viewport: dict[str, int], artifacts: Path) -> None:
    seen = visit("/", viewport)
    assert seen.page.locator("main h1").inner_text() == "Kestrel Bay Recovery"
    assert seen.page.locator(".urgent-help").is_visible()
    assert seen.page.locator("main .card").count() >= 3
    assert seen.horizontal_overflow() <= 0
    seen.screenshot(artifacts / f"home-{viewport['width']}.png")
    seen.assert_clean()


def test_no_page_scrolls_sideways_at_320px(visit: Callable[..., Visit]) -> None:
    wide = {}
    for path in PAGES:
        seen = visit(path, NARROWEST)
        if "?q=" in path:
            seen.page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
        if (extra := seen.horizontal_overflow()) > 0:
            culprits = seen.page.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
                " > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)")
            wide[path] = f"{extra}px too wide: {culprits}"
        seen.assert_clean()
    assert not wide, wide


@pytest.mark.parametrize("viewport", WIDTHS)
def test_wide_tables_scroll_inside_their_wrapper(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    seen = visit("/valium-diazepam/", viewport)
    wrapper = seen.page.locator(".prose .table-wrap").first
    assert wrapper.get_attribute("tabindex") == "0"  # reachable by keyboard when it scrolls
    assert wrapper.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert seen.horizontal_overflow() <= 0


def test_a_code_block_wraps_rather_than_widening_the_page(browser: Any, tmp_path: Path) -> None:
    """A paragraph indented by four spaces by mistake is a code block: at 320px it must not scroll sideways."""
    site = copy_site(tmp_path / "site", "https://clinic.example/")
    article = site / "content/articles/klonopin-addiction.md"
    long_line = "    " + "Your first dose is small and the team raises it slowly over a few weeks. " * 3
    heading = "## Why clonazepam can be habit-forming\n"
    article.write_text(article.read_text(encoding="utf-8").replace(
        heading, f"{long_line}\n\n```\n{'x' * 300}\n```\n\n{heading}"), encoding="utf-8")
    build_for(site, tmp_path / "www", "https://clinic.example/", "--no-search")
    with serving(tmp_path / "www") as origin:
        context = browser.new_context(viewport=NARROWEST)
        try:
            page = context.new_page()
            page.goto(f"{origin}/klonopin-addiction/", wait_until="load")
            assert page.locator(".prose pre").count() == 2
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        finally:
            context.close()
