"""End to end: build a small site and read the produced HTML."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from conftest import TODAY_ARG, article

NS = {"h": "http://www.w3.org/1999/xhtml"}


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def texts(tree, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return ["".join(el.itertext()).strip() for el in tree.iterfind(selector)]


@pytest.fixture
def built(make_site, run):  # type: ignore[no-untyped-def]
    site = make_site()
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    return site / "output"


def test_build_writes_every_page_of_the_url_table(built: Path) -> None:
    for rel in ["index.html", "klonopin-addiction/index.html", "insights/benzodiazepines/index.html",
                "insights/opioids/index.html", "reviewers/dr-ada/index.html", "drugs/index.html",
                "sitemap.xml", "feed.xml", "robots.txt", "404.html", "search/index.html"]:
        assert (built / rel).is_file(), rel


def test_article_page_has_the_trust_line_and_sections(built: Path) -> None:
    tree = parse(built / "klonopin-addiction/index.html")
    assert texts(tree, ".//title") == ["Klonopin addiction – Test Clinic"]
    assert texts(tree, ".//h1") == ["Klonopin addiction"]
    assert texts(tree, ".//p[@class='tagline']") == ["Care in Lisbon and Leeds"]
    reviewed = tree.find(".//li[@class='reviewed-by']")
    assert "Edited & clinically reviewed by Dr Ada Test, MD, psychiatrist on 1 March 2026" == " ".join(
        "".join(reviewed.itertext()).split())
    assert reviewed.find("a").get("href") == "/reviewers/dr-ada/"
    assert texts(tree, ".//li[@class='fact-checked']") == ["✓ Fact checked"]
    assert texts(tree, ".//li[@class='reading-time']") == ["1 min read"]
    assert "How we can help with benzodiazepines" in texts(tree, ".//h2")
    assert texts(tree, ".//ul[@class='pillars']/li") == ["One client at a time", "Medical detox"]
    assert texts(tree, ".//ol[@class='timeline']/li") == ["Week 1 Assessment", "Weeks 2-4 Therapy"]
    assert "Page last reviewed: 1 March 2026" in texts(tree, ".//footer[@class='review-dates']/p")[0]
    assert "Next review due: 1 March 2027" in texts(tree, ".//footer[@class='review-dates']/p")[0]
    assert texts(tree, ".//section[@class='sources']//li/a") == ["A source"]


def test_related_falls_back_to_the_same_category(built: Path) -> None:
    tree = parse(built / "klonopin-addiction/index.html")
    assert texts(tree, ".//section[@class='insights']//h3") == ["What are benzodiazepines"]


def test_removing_a_required_key_fails_and_keeps_output(make_site, run, built: Path) -> None:  # type: ignore[no-untyped-def]
    before = (built / "klonopin-addiction/index.html").read_bytes()
    site = make_site({"content/articles/klonopin-addiction.md": article(summary="<drop>")})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert "content/articles/klonopin-addiction.md:1: summary: is required but missing" in result.output
    assert (built / "klonopin-addiction/index.html").read_bytes() == before


def test_broken_related_slug_fails_naming_file_line_and_key(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/klonopin-addiction.md": article(related="[no-such-page]")})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert "content/articles/klonopin-addiction.md:10: related[0]: no article with slug 'no-such-page'" in result.output
    assert not (site / "output").exists()
