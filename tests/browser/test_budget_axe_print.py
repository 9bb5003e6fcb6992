"""Accessibility (axe-core), the performance budget of an article, and the printed article."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import DESKTOP, WIDTHS, Visit

ARTICLE = "/klonopin-addiction/"
AXE_PAGES = ["/", ARTICLE, "/insights/", "/insights/benzodiazepines/", "/insights/benzodiazepines/page/2/",
             "/reviewers/dr-isla-fernandes/", "/reviewers/", "/authors/nadia-oyelaran/", "/tags/",
             "/tags/benzodiazepines/", "/drugs/", "/404.html", "/search/?q=clonazepam", "/fr/dependance-au-clonazepam/"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BUDGET_BYTES = 150 * 1024
CSS_BYTES = 16 * 1024


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violations(axe_source: str, visit: Callable[..., Visit],
                                                     path: str, viewport: dict[str, int]) -> None:
    page = visit(path, viewport).page
    page.add_script_tag(content=axe_source)
    if "?q=" in path:
        page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
    results = page.evaluate("""tags => axe.run(document,
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""", WCAG_21_AA)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
           for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {path} at {viewport['width']}px:\n" + "\n".join(bad)


def test_article_stays_within_the_performance_budget(visit: Callable[..., Visit]) -> None:
    seen = visit(ARTICLE, DESKTOP)
    page = seen.page
    page.wait_for_load_state("networkidle")
    # Body sizes as served (the test server does not compress, so this is what a phone downloads at most).
    sizes = {r.url: len(r.body()) for r in seen.responses if r.request.resource_type != "image"}
    total = sum(sizes.values())
    print(f"\narticle transfer without images: {total} bytes over {len(sizes)} responses")  # shown with -s
    assert total < BUDGET_BYTES, f"{total} bytes: {sizes}"
    blocking = page.evaluate("""[...document.head.querySelectorAll('script[src]')]
        .filter(s => !s.defer && !s.async && s.type !== 'module').map(s => s.src)""")
    assert not blocking, f"render-blocking scripts: {blocking}"
    assert page.locator("script[src]").count() == 0, "an article needs no script at all"
    css = [url for url in sizes if url.endswith(".css")]
    assert len(css) == 1 and sizes[css[0]] < CSS_BYTES, f"one small stylesheet, not {css}"
    images = page.evaluate("""[...document.images].map(i => ({src: i.getAttribute('src'),
        width: i.getAttribute('width'), height: i.getAttribute('height'), loading: i.getAttribute('loading'),
        below: i.getBoundingClientRect().top > window.innerHeight}))""")
    assert images, "the article should show images (cards, logos)"
    unsized = [i["src"] for i in images if not (i["width"] and i["height"])]
    eager = [i["src"] for i in images if i["below"] and i["loading"] != "lazy"]
    assert not unsized, f"images without width and height: {unsized}"
    assert not eager, f"images below the fold without loading=lazy: {eager}"
    seen.assert_clean()


def test_printed_article_keeps_the_text_and_sources_and_drops_the_rest(visit: Callable[..., Visit]) -> None:
    page = visit(ARTICLE, DESKTOP, media="print").page

    def shown(selector: str) -> bool:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).display !== 'none'")

    for selector in ["h1", ".trust-line", ".reviewed-by", ".prose", ".review-dates", ".sources", ".source-url"]:
        assert shown(selector), f"{selector} is missing from the printout"
    for selector in [".skip-link", ".site-nav", ".header-search", ".breadcrumbs", ".strip", ".cards",
                     ".clinic-help", ".footer-links", ".button"]:
        assert not shown(selector), f"{selector} is printed"
    urls = page.locator(".sources .source-url").all_inner_texts()
    assert urls and all(url.startswith("https://") for url in urls)
    assert page.locator(".source-url").first.is_visible()


def test_source_urls_are_hidden_on_screen(visit: Callable[..., Visit]) -> None:
    page = visit(ARTICLE, DESKTOP).page
    assert page.locator(".sources li a").first.is_visible()
    assert not page.locator(".source-url").first.is_visible()
