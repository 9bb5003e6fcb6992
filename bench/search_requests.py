"""Count what a first query on a built site's search page loads, in Chromium, by kind.

    python bench/search_requests.py OUTPUT QUERY [QUERY...]

Each query opens /search/?q=QUERY in a new context (nothing cached), waits for the
first result and for the network to go quiet, prints the first result's address and
the requests by kind, then opens the Category filter and counts what that loads.
Uses Debian's Chromium and Playwright, as tests/browser does.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hosting import serving

BUNDLE_FILE = re.compile(r"/pagefind/[a-z-]+/\d+/([^?]+)")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def kind(path: str) -> str:
    """What a request is: a page or asset by its path, a bundle's file by its folder or name."""
    found = BUNDLE_FILE.search(path)
    if not found:
        return path.split("?")[0]
    name = found.group(1)
    if "/" in name:
        return f"bundle's {name.split('/')[0]}"
    return "bundle's metadata" if name.endswith(".pf_meta") else f"bundle's {name}"


def first_query(browser: Any, origin: str, query: str) -> None:
    """Open the search page with query, print what it loaded, then open the Category filter."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url.removeprefix(origin)))
    page.goto(f"{origin}/search/?q={query}")
    first = page.locator(".pagefind-ui__result-link").first
    first.wait_for(state="visible", timeout=60_000)
    page.wait_for_load_state("networkidle")
    print(f"{query!r}: {len(requests)} requests, first result {first.get_attribute('href')}, "
          f"{page.locator('.pagefind-ui__message').inner_text()}")
    for what, count in sorted(Counter(map(kind, requests)).items()):
        print(f"  {count:3d} {what}")
    before = len(requests)
    page.locator("summary.pagefind-ui__filter-name", has_text="Category").click()
    opened_label = "!!document.querySelector('.pagefind-ui__filter-block[open] .pagefind-ui__filter-label')"
    for _ in range(600):  # polled with evaluate: Playwright's own waits never saw the label on this page
        if page.evaluate(opened_label):
            break
        page.wait_for_timeout(100)
    else:
        raise TimeoutError(f"{query!r}: the Category filter showed no value within a minute")
    page.wait_for_load_state("networkidle")
    labels = page.locator(".pagefind-ui__filter-block[open] .pagefind-ui__filter-label").all_inner_texts()
    print(f"  opening Category: {len(requests) - before} more requests; {', '.join(labels)}")
    context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    site, queries = Path(sys.argv[1]), sys.argv[2:]
    with serving(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for query in queries:
            first_query(browser, origin, query)
        browser.close()


if __name__ == "__main__":
    main()
