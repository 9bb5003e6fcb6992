"""The sample site under a path, and under the Content-Security-Policy its _headers file sets.

Each site is a copy of the sample site built with its search index for an address,
at the root of a host or under /resources/, and served by a static host that
sends the headers the site's own _headers names (as Netlify and Cloudflare Pages
do) and answers a missing path with its 404.html.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hosting import build_for, copy_site, read_headers, serving

ADDRESSES = ["https://clinic.example/", "https://clinic.example/resources/"]
# Notes every Content-Security-Policy violation of the page, before any of its own scripts run.
VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
                          e => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`));"""


@dataclass(frozen=True)
class Hosted:
    """A built site on the test host: the address its pages start at, its output and its policy."""

    start: str  # e.g. http://127.0.0.1:PORT/resources/
    out: Path
    policy: str


@dataclass
class Seen:
    """What went wrong on one page: console errors, failed requests, policy violations."""

    page: Any
    errors: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))


@pytest.fixture(scope="module", params=ADDRESSES, ids=["root", "path"])
def hosted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosted]:
    """The sample site built with search for an address, served with its _headers and 404.html."""
    base_url: str = request.param
    folder = tmp_path_factory.mktemp("hosted")
    out = build_for(copy_site(folder / "site", base_url), folder / "www", base_url)
    rules = read_headers(out / "_headers")
    policy = dict(rules[0][1])["Content-Security-Policy"]
    with serving(folder / "www", rules, not_found=out / "404.html") as origin:
        yield Hosted(origin + urlsplit(base_url).path, out, policy)


@pytest.fixture
def open_page(browser: Any, hosted: Hosted) -> Iterator[Any]:
    """Open a path under the hosted site's address in a fresh context that reports policy violations."""
    context = browser.new_context()
    context.add_init_script(VIOLATIONS)

    def open_path(path: str, status: int = 200) -> Seen:
        page = context.new_page()
        seen = Seen(page)
        page.on("console", lambda message: seen.errors.append(f"{message.text} at {message.location.get('url')}")
                if message.type == "error" or "Content Security Policy" in message.text else None)
        page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
        page.on("requestfailed", lambda req: seen.errors.append(f"{req.url} failed ({req.failure})"))
        page.on("response", lambda res: seen.errors.append(f"{res.url}: HTTP {res.status}") if res.status >= 400
                else None)
        response = page.goto(hosted.start + path, wait_until="load")
        assert response is not None and response.status == status
        assert response.headers.get("content-security-policy") == hosted.policy
        return seen

    yield open_path
    context.close()


def assert_clean(seen: Seen, expected: tuple[str, ...] = ()) -> None:
    assert not seen.violations()
    assert [error for error in seen.errors if error not in expected] == []


def test_the_policy_allows_only_the_site_itself_and_webassembly(hosted: Hosted) -> None:
    directives = dict(part.split(" ", 1) for part in hosted.policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in hosted.policy and "unsafe-eval'" not in hosted.policy.replace("wasm-unsafe-eval'", "")
    names = {name for _, headers in read_headers(hosted.out / "_headers") for name, _ in headers}
    assert {"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy"} <= names


@pytest.mark.parametrize("path", ["", "klonopin-addiction/", "insights/benzodiazepines/", "drugs/"])
def test_pages_run_under_the_policy_with_no_violation(open_page: Any, path: str) -> None:
    seen = open_page(path)
    assert seen.page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline", \
        "the stylesheet did not load"
    if path == "klonopin-addiction/":
        # JSON-LD is data, not script: script-src leaves it alone and it parses.
        kinds = seen.page.evaluate("""[...document.querySelectorAll('script[type="application/ld+json"]')]
                                      .map(s => JSON.parse(s.textContent)['@type'])""")
        assert "MedicalWebPage" in kinds
    assert_clean(seen)


def test_search_typed_on_the_search_page_finds_an_article_under_the_policy(open_page: Any, hosted: Hosted) -> None:
    seen = open_page("search/")
    requests: list[str] = []
    seen.page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    seen.page.fill(".pagefind-ui__search-input", "clonazepam")
    link = seen.page.locator(".pagefind-ui__result-link[href*='/klonopin-addiction/']").first
    link.wait_for(state="visible", timeout=10_000)
    assert link.get_attribute("href") == urlsplit(hosted.start).path + "klonopin-addiction/"
    assert_clean(seen)
    # Pagefind searched in medpress's worker, which answered the bundles' entries and metadata from its pack.
    assert urlsplit(hosted.start).path + "pagefind/en-gb/pagefind-worker.js" in requests
    assert not [path for path in requests if path.endswith(("pagefind-entry.json", ".pf_meta"))]


def test_the_404_page_runs_under_the_policy(open_page: Any, hosted: Hosted) -> None:
    seen = open_page("no/such/page/", status=404)
    assert seen.page.locator("h1").inner_text() == "Page not found"
    assert seen.page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline"
    # The page's own 404 status, which Chromium also reports as a console error; nothing else may go wrong.
    missing = hosted.start + "no/such/page/"
    assert_clean(seen, expected=(f"{missing}: HTTP 404",
                                 f"Failed to load resource: the server responded with a status of 404 (Not Found) "
                                 f"at {missing}"))
    home = seen.page.locator("main a").first
    home.click()
    seen.page.wait_for_url(hosted.start)


def test_the_header_search_box_finds_an_article_and_its_page_opens(open_page: Any, hosted: Hosted) -> None:
    seen = open_page("")
    # Leaving while the home page's lazy card images still load would cancel them, and a cancelled request reads
    # as a failure (it did, once in a few runs): the page is left once they are in.
    seen.page.wait_for_load_state("networkidle")
    seen.page.fill("#header-q", "Rivotril")
    seen.page.keyboard.press("Enter")
    seen.page.wait_for_url(hosted.start + "search/?q=Rivotril")
    link = seen.page.locator(".pagefind-ui__result-link[href*='/klonopin-addiction/']").first
    link.wait_for(state="visible", timeout=10_000)
    seen.page.wait_for_load_state("networkidle")  # as above, for the results page's
    link.click()
    seen.page.wait_for_url(hosted.start + "klonopin-addiction/")
    assert "Klonopin" in seen.page.locator("h1").inner_text()
    assert_clean(seen)
