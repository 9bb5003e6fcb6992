"""Images have their size before they load, so the page does not move as they arrive."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import WIDTHS, Visit

ARTICLE = "/benzodiazepine-withdrawal/"  # the sample's raster image, in the body, below the first screen
LAYOUT_SHIFTS = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => done(total), 500);
})"""
# The body's own elements (the contents list beside it is sticky, so it moves with scrolling by design).
POSITIONS = """() => [...document.querySelectorAll('.prose h2, .prose h3, .prose p, .prose img, .faq, footer')]
    .map(el => Math.round(el.getBoundingClientRect().top + window.scrollY))"""


@pytest.mark.parametrize("viewport", WIDTHS)
def test_images_keep_their_place_as_they_load(visit: Callable[..., Visit], viewport: dict[str, int]) -> None:
    seen = visit(ARTICLE, viewport)
    page = seen.page
    images = page.locator("main img")
    assert images.count() >= 1
    for index in range(images.count()):
        image = images.nth(index)
        assert image.get_attribute("width") and image.get_attribute("height"), image.evaluate("e => e.outerHTML")
    body_image = page.locator(".prose picture img").first
    assert body_image.get_attribute("loading") == "lazy"
    assert body_image.evaluate("e => e.complete && e.naturalWidth > 0") is False  # lazy: not loaded yet
    before = page.evaluate(POSITIONS)
    body_image.scroll_into_view_if_needed()
    page.wait_for_function("""() => [...document.querySelectorAll('main img')]
        .every(e => e.getBoundingClientRect().top > innerHeight * 3 || (e.complete && e.naturalWidth > 0))""")
    assert page.evaluate(POSITIONS) == before
    box = body_image.bounding_box()
    assert box is not None and abs(box["width"] / box["height"] - 1600 / 900) < 0.02
    assert page.evaluate(LAYOUT_SHIFTS) < 0.01
    seen.assert_clean()
