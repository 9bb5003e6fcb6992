"""Search on a generated 1,000-article site, in Chromium, as a visitor meets it.

The site's index is in as many bundles (16, tests/big_site.py) as a 10,000-article
site's, so that what each bundle costs a first query shows here.
The search page opened with a drug's name in its address lists that drug's article
first. Its requests are counted by kind: a fixed set (the page, its CSS and scripts,
pagefind/<lang>/pagefind.js and pagefind-worker.js, the bundles' entries in startup.json
and their metadata packed in one file, Pagefind's module, worker and WebAssembly), one
fragment per result shown, and, for each bundle, one index chunk per word of the query:
no bundle's entry or metadata of its own. No filter file is loaded until the visitor
opens a filter (each bundle has one per filter); then the filters' counts are those of
the results. At 10,000 articles, with medpress's own bundle
size, a two-word query adds up to at most 50.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from big_site import ARTICLES, drug_names
from hosting import serving
from pagefind_query import bundles_of

import medpress.search

FIRST_QUERY_REQUESTS = 50  # issue 21: at 10,000 articles, the page and everything it loads
FIXED = 12  # the page, its CSS, search.js, pagefind-ui.css and .js, pagefind/en/pagefind.js, pagefind-worker.js,
# startup.json and the bundles' metadata packed, Pagefind's module, worker and WebAssembly
PAGE_SIZE = 5  # PagefindUI's results per page: a fragment file each
WORDS = 2  # the query's words: each costs every bundle one index chunk
BUNDLE_FILE = re.compile(r"/pagefind/[a-z-]+/(\d+)/(.*)$")


def kind(path: str) -> tuple[str, str]:
    """(bundle number or '', what it is) of a request's path."""
    found = BUNDLE_FILE.search(path)
    if not found:
        return "", path
    name = found.group(2)
    return found.group(1), name.split("/")[0] if "/" in name else name.split("?")[0].split(".")[-1]


@pytest.fixture(scope="module")
def big_url(big_site: Path) -> Any:
    with serving(big_site) as origin:
        yield origin


def test_at_10000_articles_a_first_two_word_query_fits_in_50_requests() -> None:
    bundles = medpress.search.bundle_count(10_000)
    assert FIXED + PAGE_SIZE + WORDS * bundles <= FIRST_QUERY_REQUESTS, bundles


@pytest.mark.parametrize(("index", "words"), [(0, ""), (333, " stopping"), (998, "")])
def test_a_first_query_finds_the_drugs_article_first_and_costs_each_bundle_a_chunk_a_word(
        browser: Any, big_url: str, big_site: Path, index: int, words: str) -> None:
    name = drug_names(ARTICLES)[index]
    query = name + words
    bundles = bundles_of(big_site)["en"]
    assert len(bundles) >= 10  # as many as a 10,000-article site's
    context = browser.new_context()  # nothing cached
    requests: list[str] = []
    failed: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url.removeprefix(big_url)))
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(f"{big_url}/search/?q={query}")
        first = page.locator(".pagefind-ui__result-link").first
        first.wait_for(state="visible", timeout=20_000)
        page.wait_for_load_state("networkidle")
        assert first.get_attribute("href") == f"/drug-{index:04d}/"
        first_query = list(requests)
        # The filters are there to open, and load (with counts) when the visitor opens one.
        category = page.locator("summary.pagefind-ui__filter-name", has_text="Category")
        assert category.count() == 1
        message = page.locator(".pagefind-ui__message").inner_text()
        found = int(message.split()[0])
        category.click()
        labels = page.locator(".pagefind-ui__filter-label", has_text="Opioids (")
        labels.first.wait_for(state="visible", timeout=20_000)
        page.wait_for_load_state("networkidle")
        counts = page.locator(".pagefind-ui__filter-block[open] .pagefind-ui__filter-label").all_inner_texts()
        after_opening = requests[len(first_query):]
    finally:
        context.close()
    assert not failed
    by_bundle: dict[str, list[str]] = {}
    fixed, fragments = [], []
    for path in first_query:
        bundle, what = kind(path)
        if what == "fragment":
            fragments.append(path)
        elif bundle and what in ("json", "pf_meta", "index"):  # an entry, metadata, an index chunk
            by_bundle.setdefault(bundle, []).append(what)
        else:
            fixed.append(path)
    print(f"{len(bundles)} bundles: {len(first_query)} requests, {len(fixed)} fixed, {len(fragments)} fragments, "
          f"{max(map(len, by_bundle.values()))} at most per bundle; opening a filter: {len(after_opening)} more")
    assert not [path for path in first_query if kind(path)[1] == "filter"]
    assert len(fixed) <= FIXED, fixed
    assert [path.split("=")[0] for path in fixed if "startup.json" in path] == ["/pagefind/en/startup.json?ts"]
    assert len(fragments) <= PAGE_SIZE
    assert len(by_bundle) == len(bundles)  # results from every bundle
    per_bundle = len(query.split())
    assert all(files == ["index"] * len(files) and len(files) <= per_bundle for files in by_bundle.values()), by_bundle
    assert len(first_query) <= FIXED + PAGE_SIZE + per_bundle * len(bundles)
    # Opened: each bundle's filter files, and the category counts of this query's results.
    assert {kind(path)[0] for path in after_opening if kind(path)[1] == "filter"} == set(by_bundle)
    values = dict(re.fullmatch(r"(.+) \((\d+)\)", text).groups() for text in counts)  # type: ignore[union-attr]
    assert set(values) == {"Benzodiazepines", "Opioids"}
    assert sum(map(int, values.values())) == found
