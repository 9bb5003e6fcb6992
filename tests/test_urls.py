"""A site under a path: how a page's URLs are put under base_url's path and read back."""

from __future__ import annotations

import pytest
from conftest import SITE_YAML, TODAY_ARG

from medpress.links import resolve, scan
from medpress.urls import localize_page, rebase_page, site_relative, srcset_urls

BASE = "/resources/"


def rebased(html: str) -> str:
    return rebase_page(html.encode(), BASE).decode()


@pytest.mark.parametrize(("written", "expected"), [
    ('<a href="/about/">', '<a href="/resources/about/">'),
    ("<a class=x HREF='/about/#team'>", "<a class=x HREF='/resources/about/#team'>"),
    ("<a href=/about/>", "<a href=/resources/about/>"),
    ('<img src="/assets/a.png" alt="/x/" title="/y/">', '<img src="/resources/assets/a.png" alt="/x/" title="/y/">'),
    ('<img srcset="/a.png 1x, /b,c.png 2x, https://cdn.example/d.png 3x">',
     '<img srcset="/resources/a.png 1x, /resources/b,c.png 2x, https://cdn.example/d.png 3x">'),
    ('<form action="/search/" method="get">', '<form action="/resources/search/" method="get">'),
    ('<script src="/pagefind/pagefind-ui.js" defer></script>',
     '<script src="/resources/pagefind/pagefind-ui.js" defer></script>'),
    ('<meta http-equiv="refresh" content="0; url=/new/">',
     '<meta http-equiv="refresh" content="0; url=/resources/new/">'),
    ('<meta name="description" content="/not/a/link/">', '<meta name="description" content="/not/a/link/">'),
    ('<a href="//cdn.example/x">', '<a href="//cdn.example/x">'),
    ('<a href="https://clinic.example/x">', '<a href="https://clinic.example/x">'),
    ('<a href="../x/"><a href="#top"><a href="tel:999">', '<a href="../x/"><a href="#top"><a href="tel:999">'),
    ('<span hidden data-url="/x/">/about/</span>', '<span hidden data-url="/x/">/about/</span>'),
    ('<pre>&lt;a href="/x/"&gt;</pre>', '<pre>&lt;a href="/x/"&gt;</pre>'),
    # an older SVG's link, an object's data, a quotation's source
    ('<use xlink:href="/assets/icons.svg#dot"></use>', '<use xlink:href="/resources/assets/icons.svg#dot"></use>'),
    ('<object data="/assets/chart.svg"></object>', '<object data="/resources/assets/chart.svg"></object>'),
    ('<blockquote cite="/about/">', '<blockquote cite="/resources/about/">'),
])
def test_every_root_relative_url_a_tag_links_to_or_loads_goes_under_the_base_path(written: str,
                                                                                  expected: str) -> None:
    assert rebased(written) == expected


def test_a_site_at_the_root_of_its_host_is_left_byte_for_byte() -> None:
    page = b'<a href="/about/">'
    assert rebase_page(page, "/") is page


def test_srcset_urls_are_its_candidates_urls() -> None:
    assert srcset_urls("/a.png 1x, /b,c.png 2x,/d.png") == ["/a.png", "/b,c.png", "/d.png"]
    assert srcset_urls("/a.png") == ["/a.png"]


def test_links_found_on_a_page_are_read_back_as_the_site_knows_them() -> None:
    assert site_relative("/resources/about/", BASE) == "/about/"
    assert site_relative("/resources/", BASE) == "/"
    assert site_relative("/elsewhere/", BASE) is None
    assert site_relative("https://x.example/elsewhere/", BASE) == "https://x.example/elsewhere/"
    assert site_relative("/elsewhere/", "/") == "/elsewhere/"
    assert resolve("a/index.html", "/resources/b/#top", BASE) == ("/b/#top", "b/index.html", "top")
    assert resolve("a/index.html", "/resources/pagefind/pagefind-ui.js", BASE)[1] == ""


def test_a_link_that_leaves_the_base_path_is_broken() -> None:
    from medpress.links import check_pages

    page = scan("a/index.html", b'<a href="/other-site/">x</a><img srcset="/resources/a.png 1x, /b.png 2x">', BASE)
    broken = check_pages({"a/index.html": page}, ["a/index.html"], {"a/index.html", "a.png"})
    assert [(href, reason) for (href, _, _), reason in broken["a/index.html"]] == [
        ("/b.png", "which is outside /resources/, the path in base_url that the site is served under"),
        ("/other-site/", "which is outside /resources/, the path in base_url that the site is served under"),
    ]


def test_a_base_url_with_or_without_its_trailing_slash_builds_the_same_site(make_site, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    built = []
    for written in ("https://clinic.example/resources", "https://clinic.example/resources/"):
        site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", written)})
        out = tmp_path / f"out-{len(built)}"
        assert run("build", "--site", site, "--out", out, "--no-search", *TODAY_ARG).exit_code == 0
        built.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert built[0] == built[1]
    home = built[0][next(p for p in built[0] if str(p) == "index.html")].decode()
    assert '<link rel="canonical" href="https://clinic.example/resources/">' in home
    assert '<a class="brand" href="/resources/">' in home


@pytest.mark.parametrize(("written", "expected"), [
    ('<a href="/">', '<a href="/fr/">'),
    ('<form action="/search/" method="get">', '<form action="/fr/search/" method="get">'),
    ('<a href="/fr/klonopin/">', '<a href="/fr/klonopin/">'),
    ('<link rel="stylesheet" href="/assets/css/site.css">', '<link rel="stylesheet" href="/assets/css/site.css">'),
    ('<a href="/klonopin/">', '<a href="/fr/klonopine/">'),
    ('<a href="/about/">', '<a href="/about/" hreflang="en">'),
    ('<a href="/about/" hreflang="en" lang="en">', '<a href="/about/" hreflang="en" lang="en">'),
    # The first address is in the language's folder, the second is not: the tag is still rewritten.
    ('<video src="/fr/intro.mp4" poster="/insights/intro.jpg">',
     '<video src="/fr/intro.mp4" poster="/fr/insights/intro.jpg">'),
    ('<a href="/fr/x/"><img src="/insights/a.png" alt="Café">',
     '<a href="/fr/x/"><img src="/fr/insights/a.png" alt="Café">'),
    ('<a title="é" href=/tags/>', '<a title="é" href=/fr/tags/>'),
    ('<p>x = "/not-in-a-tag/"</p>', '<p>x = "/not-in-a-tag/"</p>'),
])
def test_a_languages_page_links_to_its_own_languages_pages(written: str, expected: str) -> None:
    translations = {"klonopin": "klonopine"}
    memo: dict[bytes, bytes] = {}
    for _ in range(2):  # the second page finds the first page's tags already rewritten
        page = localize_page(written.encode(), "/fr", frozenset({"en", "fr"}), translations.get, "en", memo)
        assert page.decode() == expected


@pytest.mark.parametrize(("written", "ids", "hrefs"), [
    (b'<A HREF="/x/" ID="up">', set(), ["/x/"]),  # "id" is case-sensitive, as it always was here
    (b'<a name="top"></a><A NAME=\'Bottom\'><abbr name="not-an-anchor">', {"top", "Bottom"}, []),
    (b'<div\nid="on-a-new-line"><b\tid=\'tabbed\'>text id="not-in-a-tag"', {"on-a-new-line", "tabbed"}, []),
    (b'<a id="first" id="second">', {"first"}, []),  # a browser reads an attribute's first value
    (b'<SCRIPT src="/s.js">var a = "<a href=\\"/in-a-script/\\">";</SCRIPT><a href="/after/">', set(),
     ["/after/", "/s.js"]),
    (b'<style>a[id="z"] {}</style><p id="real">', {"real"}, []),
    (b'<img srcset="/a.png 1x, /b.png 2x" src="/c.png"><a href = \'/quoted/\' >', set(),
     ["/a.png", "/b.png", "/c.png", "/quoted/"]),
    (b'<a href="/caf\xc3\xa9/" id="caf&eacute;">', {"caf\u00e9"}, ["/caf\u00e9/"]),
    (b'<h2 id=top>T</h2><a href=/a/#top name=x>a</a><img src=/b.png alt=b>', {"top", "x"}, ["/a/#top", "/b.png"]),
    # An escaped title that holds " src=x" is no attribute; an href with no value is no link.
    (b'<link title="&lt;img src=x onerror=a()&gt;" href="/feed.xml"><a href>x</a>', set(), ["/feed.xml"]),
])
def test_a_scan_finds_the_ids_a_browser_would_and_the_links_outside_scripts(written: bytes, ids: set[str],
                                                                            hrefs: list[str]) -> None:
    scanned = scan("p/index.html", written)
    assert scanned.ids == ids
    assert [href for href, _, _ in scanned.links] == hrefs
