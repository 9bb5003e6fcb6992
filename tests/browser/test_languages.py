"""The sample site in French and in Arabic (right to left): it fits both widths, axe finds nothing, and
the Arabic page's layout is the French one mirrored, from the same stylesheet."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hosting import build_for, copy_site, serving

from .conftest import WIDTHS

LANGUAGE_LINE = re.compile(r"^languages?:.*$", re.MULTILINE)
# The sample is a site in several languages: the copy is one in a single language, without the others' text.
SITE_TEXT = re.compile(r"^site_text:\n(?:[ #].*\n|\n)*", re.MULTILINE)
PAGES = ["/klonopin-addiction/", "/", "/insights/benzodiazepines/", "/reviewers/"]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module", params=["fr", "ar"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A copy of the sample site whose language is fr or ar, built and served: (language, origin)."""
    lang: str = request.param
    folder = tmp_path_factory.mktemp(f"site-{lang}")
    site = copy_site(folder / "site", "https://clinic.example/")
    config = site / "site.yaml"
    text, count = LANGUAGE_LINE.subn(f"language: {lang}", SITE_TEXT.sub("", config.read_text(encoding="utf-8")))
    config.write_text(text if count else f"language: {lang}\n{text}", encoding="utf-8")
    for folder_name, suffix in (("articles", "md"), ("pages", "md"), ("reviewers", "yaml"), ("authors", "yaml")):
        for translation in (site / "content" / folder_name).glob(f"*.*.{suffix}"):
            translation.unlink()
    build_for(site, folder / "www", "https://clinic.example/", "--no-search")
    with serving(folder / "www") as origin:
        yield lang, origin


@pytest.fixture
def open_page(browser: Any, served: tuple[str, str]) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_path(path: str, viewport: dict[str, int]) -> tuple[Any, list[str]]:
        context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda res: errors.append(f"{res.url}: HTTP {res.status}") if res.status >= 400 else None)
        page.goto(served[1] + path, wait_until="load")
        return page, errors

    yield open_path
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_pages_fit_the_screen_and_pass_axe_in_either_direction(open_page: Any, served: tuple[str, str],
                                                               axe_source: str, path: str,
                                                               viewport: dict[str, int], artifacts: Path) -> None:
    lang = served[0]
    page, errors = open_page(path, viewport)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        lang, "rtl" if lang == "ar" else "ltr"]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} in {lang} scrolls {overflow}px sideways at {viewport['width']}px"
    page.add_script_tag(content=axe_source)
    results = page.evaluate("""tags => axe.run(document,
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""", WCAG_21_AA)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
           for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {path} in {lang} at {viewport['width']}px:\n" + "\n".join(bad)
    assert not errors, errors
    if path == PAGES[0]:
        page.screenshot(path=artifacts / f"article-{lang}-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_a_right_to_left_article_is_laid_out_from_the_right(open_page: Any, served: tuple[str, str],
                                                            viewport: dict[str, int]) -> None:
    lang = served[0]
    page, _ = open_page(PAGES[0], viewport)
    sides = page.evaluate("""() => {
        const box = e => e.getBoundingClientRect();
        const main = box(document.querySelector('.article h1'));
        const pillar = getComputedStyle(document.querySelector('.pillars li'));
        const item = document.querySelector('.contents li');
        const dash = box(item), mark = getComputedStyle(item, '::before');
        return {titleLeft: main.left, titleRight: window.innerWidth - main.right,
                pillarBorder: [pillar.borderLeftWidth, pillar.borderRightWidth],
                itemPadding: [getComputedStyle(item).paddingLeft, getComputedStyle(item).paddingRight],
                markSide: [mark.left, mark.right], itemWidth: dash.width};
    }""")
    if lang == "ar":
        assert sides["pillarBorder"] == ["0px", "4px"]
        assert sides["itemPadding"][0] == "0px" and sides["itemPadding"][1] != "0px"
        assert sides["markSide"][1] == "0px"
        assert sides["titleRight"] <= sides["titleLeft"] + 1  # the title starts at the right
    else:
        assert sides["pillarBorder"] == ["4px", "0px"]
        assert sides["itemPadding"][1] == "0px" and sides["itemPadding"][0] != "0px"
        assert sides["markSide"][0] == "0px"
        assert sides["titleLeft"] <= sides["titleRight"] + 1
