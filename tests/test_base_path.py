"""A site served under a path: every internal URL on every page carries the path and answers 200."""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from hosting import build_for, copy_site, serving

from medpress.pipeline import BuildOptions, build
from medpress.urls import srcset_urls

BASE_URL = "https://clinic.example/resources/"
BASE = "/resources/"
LOC = re.compile(r"<loc>([^<]*)</loc>")
ATOM_LINK = re.compile(r'<link[^>]*href="([^"]*)"')
REFRESH_URL = re.compile(r"url=(.*)$", re.IGNORECASE)
NOT_FETCHED = ("mailto:", "tel:", "data:", "javascript:")


class References(HTMLParser):
    """Every URL a page links to or loads: href, src, srcset, form action and a refresh's target."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("href", "src", "action"):
            if name in values:
                self.urls.append(values[name].strip())
        if "srcset" in values:
            self.urls += srcset_urls(values["srcset"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = REFRESH_URL.search(values.get("content", ""))
            if target:
                self.urls.append(target.group(1).strip("'\" "))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sample site, base_url with a path, built with search into www/resources/ and served from www/."""
    folder = tmp_path_factory.mktemp("base-path")
    out = build_for(copy_site(folder / "site", BASE_URL), folder / "www", BASE_URL)
    with serving(folder / "www") as origin:
        yield origin, out


def fetch(origin: str, path: str) -> tuple[int, str, bytes]:
    """GET path from the server without following redirects: status, content type, body."""
    host = urlsplit(origin)
    connection = http.client.HTTPConnection(host.hostname or "", host.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def local_path(origin: str, page: str, url: str) -> str | None:
    """The path and query on this server of a URL found on page; None for another site or no fetch at all."""
    if url.startswith(NOT_FETCHED) or url.startswith("#") or not url:
        return None
    absolute = urljoin(origin + page, url)
    if absolute.startswith(BASE_URL):  # the public address (canonical links): the same file here
        absolute = origin + BASE + absolute[len(BASE_URL):]
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(origin: str, starts: list[str]) -> tuple[dict[str, str], list[str]]:
    """Fetch every internal URL reachable from starts; return {path: where it was found} and the problems."""
    found = {start: "(start)" for start in starts}
    queue, problems = list(starts), []
    while queue:
        path = queue.pop()
        if not path.startswith(BASE):
            problems.append(f"{path} (on {found[path]}) leaves {BASE}")
            continue
        status, kind, body = fetch(origin, path)
        if status != 200:
            problems.append(f"{path} (on {found[path]}): HTTP {status}")
            continue
        if not kind.startswith("text/html"):
            continue
        parser = References()
        parser.feed(body.decode("utf-8"))
        for url in parser.urls:
            target = local_path(origin, path, url)
            if target is not None and target.split("#")[0] not in found:
                found[target.split("#")[0]] = path
                queue.append(target.split("#")[0])
    return found, problems


def test_every_internal_url_of_every_page_answers_under_the_path(served: tuple[str, Path]) -> None:
    origin, out = served
    redirects = [line.split()[0] for line in (out / "_redirects").read_text(encoding="utf-8").splitlines()
                 if line.endswith(" 301")]
    sitemap = LOC.findall((out / "sitemap.xml").read_text(encoding="utf-8"))
    assert sitemap and all(loc.startswith(BASE_URL) for loc in sitemap)
    starts = [BASE, BASE + "404.html", *redirects, *(BASE + loc[len(BASE_URL):] for loc in sitemap)]
    found, problems = crawl(origin, starts)
    assert not problems
    pages = {BASE + p.relative_to(out).as_posix().removesuffix("index.html") for p in out.rglob("*.html")
             if not p.is_relative_to(out / "pagefind")}
    assert pages <= set(found), f"never reached: {sorted(pages - set(found))}"
    assert {BASE + "search/", BASE + "pagefind/pagefind-ui.js", BASE + "feed.xml"} <= set(found)


def test_redirects_feed_and_robots_name_addresses_under_the_path(served: tuple[str, Path]) -> None:
    _, out = served
    # Netlify answers a missing page under /fr/ with the French 404 page (Cloudflare Pages finds it unasked).
    assert (out / "_redirects").read_text() == ("/resources/old/klonopin-guide/ /resources/klonopin-addiction/ 301\n"
                                                "/resources/fr/* /resources/fr/404.html 404\n"
                                                "/resources/pt-pt/* /resources/pt-pt/404.html 404\n")
    assert (out / "fr/404.html").is_file() and (out / "pt-pt/404.html").is_file()
    assert (out / "_headers").read_text().startswith("/resources/*\n  Content-Security-Policy: default-src 'self';")
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert ATOM_LINK.findall(feed) and all(href.startswith(BASE_URL) for href in ATOM_LINK.findall(feed))
    assert "Sitemap: https://clinic.example/resources/sitemap.xml\n" in (out / "robots.txt").read_text()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://clinic.example/resources/">' in home
    assert '<form class="header-search" role="search" action="/resources/search/" method="get">' in home
    moved = (out / "old/klonopin-guide/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/resources/klonopin-addiction/">' in moved


def sub_site(make_site, base_url: str = BASE_URL, **files: str):  # type: ignore[no-untyped-def]
    """The test site with base_url (a path in it) and files."""
    return make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", base_url.rstrip("/")), **files})


def test_links_in_articles_are_written_under_the_path_and_checked_as_the_editor_wrote_them(
        make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\nSee [what they are](/what-are-benzodiazepines/), [contact](/contact/#phone),\n"
            "[a relative one](../contact/) and ![the clinic's logo](/assets/logo.svg).\n")
    site = sub_site(make_site, **{"content/articles/klonopin-addiction.md": article(body=body),
                                  "assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    page = (site / "output/klonopin-addiction/index.html").read_text(encoding="utf-8")
    for written in ('href="/resources/what-are-benzodiazepines/"', 'href="/resources/contact/#phone"',
                    'href="../contact/"', 'src="/resources/assets/logo.svg"', 'href="/resources/contact/"'):
        assert written in page
    make_site({"content/articles/klonopin-addiction.md": article(body="## Overview\n\n[gone](/no-such-page/)\n")})
    broken = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert broken.exit_code == 1
    assert ("content/articles/klonopin-addiction.md:13: link: links to '/no-such-page/', which is not a page or "
            "file of the site") in broken.stderr
    # Written with the path the site is served under, a link finds no page: the hint says which it meant.
    site = sub_site(make_site, **{"content/articles/klonopin-addiction.md": article(
        body="## Overview\n\n[x](/resources/contact/) and [y](/fr/contact/)\n")})
    doubled = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert "links to '/resources/contact/', which is not a page or file of the site (did you mean '/contact/'? " \
        "(links name a page by its path in the site, without /resources/, the path it is served under))" \
        in doubled.stderr
    assert "links to '/fr/contact/', which is not a page or file of the site (did you mean '/contact/'?)\n" \
        in doubled.stderr  # another folder than the site's path: no word of it


def test_a_quick_rebuild_of_a_site_under_a_path_checks_links_under_it(
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import medpress.pipeline

    site = sub_site(make_site)
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    page = site / "content/articles/klonopin-addiction.md"
    page.write_text(article(body="## Overview\n\nSee [what they are](/what-are-benzodiazepines/#overview).\n"))
    monkeypatch.setattr(medpress.pipeline, "prepare", lambda *a, **k: pytest.fail("not a quick rebuild"))
    assert build(site, options).rendered == 1
    assert 'href="/resources/what-are-benzodiazepines/#overview"' in (
        tmp_path / "out/klonopin-addiction/index.html").read_text(encoding="utf-8")


def test_check_passes_for_a_site_under_a_path(make_site, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--site", sub_site(make_site), *TODAY_ARG)
    assert result.exit_code == 0, result.output
