"""Search on a generated 1,000-article site, in Chromium, as a visitor meets it.

The search page opened with a drug's name in its address lists that drug's article
first, and everything it took, the page itself included, is at most 50 requests.
Each merged bundle costs a first query 6 requests (its entry, metadata, one index
chunk and, loaded by Pagefind's UI for its filter counts, one file per filter):
the site is built with medpress's own bundle size, and the count printed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from big_site import ARTICLES, build_big_site, drug_names
from hosting import serving

FIRST_QUERY_REQUESTS = 50


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_big_site(tmp_path_factory.mktemp("big-default") / "site", pages_per_bundle=None)


@pytest.fixture(scope="module")
def big_url(big_site: Path) -> Iterator[str]:
    with serving(big_site) as origin:
        yield origin


@pytest.mark.parametrize("index", [0, 333, 998])
def test_a_first_query_finds_the_drugs_article_first_in_at_most_50_requests(
        browser: Any, big_url: str, big_site: Path, index: int) -> None:
    name = drug_names(ARTICLES)[index]
    context = browser.new_context()  # nothing cached
    requests: list[str] = []
    failed: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(f"{big_url}/search/?q={name}")
        first = page.locator(".pagefind-ui__result-link").first
        first.wait_for(state="visible", timeout=20_000)
        page.wait_for_load_state("networkidle")
        assert first.get_attribute("href") == f"/drug-{index:04d}/"
        assert page.locator(".pagefind-ui__filter-name", has_text="Category").count() == 1
    finally:
        context.close()
    assert not failed
    bundles = json.loads((big_site / "pagefind/bundles.json").read_text())["en"]
    print(f"{len(bundles)} bundles: {len(requests)} requests")
    assert len(requests) <= FIRST_QUERY_REQUESTS, (len(bundles), len(requests), requests)
