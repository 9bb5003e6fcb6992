"""End to end: build a small site and read the produced HTML."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from conftest import SITE_YAML, TODAY_ARG, article

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
    trust_line = " ".join("".join(reviewed.itertext()).split())
    assert trust_line == "Edited & clinically reviewed by Dr Ada Test, MD, psychiatrist on 1 March 2026"
    assert reviewed.find("a").get("href") == "/reviewers/dr-ada/"
    assert texts(tree, ".//li[@class='fact-checked']") == ["✓ Fact checked"]
    assert texts(tree, ".//li[@class='reading-time']") == ["1 min read"]
    assert "How we can help with benzodiazepines" in texts(tree, ".//h2")
    assert texts(tree, ".//ul[@class='pillars']/li") == ["One client at a time", "Medical detox"]
    assert texts(tree, ".//ol[@class='timeline']/li") == ["Week 1 Assessment", "Weeks 2-4 Therapy"]
    assert "Page last reviewed: 1 March 2026" in texts(tree, ".//footer[@class='review-dates']/p")[0]
    assert "Next review due: 1 March 2027" in texts(tree, ".//footer[@class='review-dates']/p")[0]
    assert texts(tree, ".//section[@class='sources']//li/a") == ["A source"]


def test_the_insights_page_lists_every_category_and_each_category_leads_back_to_it(built: Path) -> None:
    import json

    hub = parse(built / "insights/index.html")
    assert texts(hub, ".//h1") == ["Insights"]
    assert [a.get("href") for a in hub.iterfind(".//ul[@class='category-list']/li/a")] == [
        "/insights/benzodiazepines/", "/insights/opioids/"]
    assert texts(hub, ".//ul[@class='category-list']/li") == ["Benzodiazepines (2 insights)", "Opioids (0 insights)"]
    category = parse(built / "insights/opioids/index.html")
    assert [a.get("href") for a in category.iterfind(".//nav[@class='breadcrumbs']//a")] == ["/", "/insights/"]
    trail = next(data for data in (json.loads(script.text) for script in
                                   category.iterfind(".//script[@type='application/ld+json']"))
                 if data["@type"] == "BreadcrumbList")
    assert [item["item"] for item in trail["itemListElement"]] == [
        "https://clinic.example/", "https://clinic.example/insights/", "https://clinic.example/insights/opioids/"]
    assert "<loc>https://clinic.example/insights/</loc>" in (built / "sitemap.xml").read_text()


def test_a_menu_item_marks_its_page_and_the_pages_below_it(make_site, run) -> None:  # type: ignore[no-untyped-def]
    nav = "nav:\n  - {title: Home, url: /}\n  - {title: Insights, url: /insights/}\n  - {title: Drugs, url: /drugs/}\n"
    site = make_site({"site.yaml": SITE_YAML + nav})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0

    def current(page: str) -> list[tuple[str, str]]:
        links = parse(site / "output" / page).iterfind(".//nav[@class='site-nav']//a")
        return [(a.get("href"), a.get("aria-current")) for a in links if a.get("aria-current")]

    assert current("index.html") == [("/", "page")]
    assert current("insights/index.html") == [("/insights/", "page")]
    assert current("insights/opioids/index.html") == [("/insights/", "true")]  # not Home, above every page
    assert current("drugs/index.html") == [("/drugs/", "page")]
    assert current("klonopin-addiction/index.html") == []


def test_the_insights_page_counts_an_article_added_in_a_later_build(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    (site / "content/articles/naloxone.md").write_text(article("Naloxone", category="opioids"), encoding="utf-8")
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    counts = texts(parse(site / "output/insights/index.html"), ".//ul[@class='category-list']/li")
    assert counts == ["Benzodiazepines (2 insights)", "Opioids (1 insight)"]


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


def test_long_listings_are_paged_newest_review_first(make_site, run) -> None:  # type: ignore[no-untyped-def]
    from conftest import SITE_YAML

    files = {f"content/articles/opioid-{n}.md": article(f"Opioid {n}", category="opioids",
                                                         reviewed=f"2026-03-{n + 10:02d}") for n in range(5)}
    help_line = "    help: We keep you safe. Then we talk.\n"
    helped = SITE_YAML.replace("    title: Opioids\n", "    title: Opioids\n" + help_line)
    site = make_site({"site.yaml": helped + "per_page: 2\n", **files})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    out = site / "output"
    listed = {number: parse(out / f"insights/opioids/{path}index.html")
              for number, path in [(1, ""), (2, "page/2/"), (3, "page/3/")]}
    assert [texts(tree, ".//div[@class='cards']//h2") for tree in listed.values()] == [
        ["Opioid 4", "Opioid 3"], ["Opioid 2", "Opioid 1"], ["Opioid 0"]]
    assert not (out / "insights/opioids/page/1").exists() and not (out / "insights/opioids/page/4").exists()
    middle = listed[2].find(".//nav[@class='pager']")
    assert [(a.get("rel"), a.get("href")) for a in middle.iterfind(".//a")] == [
        ("prev", "/insights/opioids/"), ("next", "/insights/opioids/page/3/")]
    assert texts(middle, ".//li[@aria-current='page']") == ["Page 2 of 3"]
    assert texts(listed[2], ".//title") == ["Opioids insights, page 2 of 3 – Test Clinic"]
    assert listed[2].find(".//link[@rel='canonical']").get("href").endswith("/insights/opioids/page/2/")
    # Each page's description is its own: the category's help, its first sentence, numbered after page 1.
    descriptions = [tree.find(".//meta[@name='description']").get("content") for tree in listed.values()]
    assert descriptions == ["We keep you safe.", "We keep you safe. Page 2 of 3", "We keep you safe. Page 3 of 3"]
    assert listed[1].find(".//nav[@class='pager']//a").get("rel") == "next"
    # A listing that fits on one page has no pager; the reviewer's review trail is paged the same way.
    assert parse(out / "insights/benzodiazepines/index.html").find(".//nav[@class='pager']") is None
    trail = [texts(parse(out / f"reviewers/dr-ada/{path}index.html"), ".//table//td/a")
             for path in ("", "page/2/", "page/3/", "page/4/")]
    assert [title for page in trail for title in page] == ["Opioid 4", "Opioid 3", "Opioid 2", "Opioid 1", "Opioid 0",
                              "What are benzodiazepines", "Klonopin addiction"]

    for n in range(2, 5):  # fewer articles: the pages no longer needed are gone
        (site / f"content/articles/opioid-{n}.md").unlink()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert texts(parse(out / "insights/opioids/index.html"), ".//div[@class='cards']//h2") == ["Opioid 1", "Opioid 0"]
    assert not (out / "insights/opioids/page").exists()


def test_a_build_gives_the_cycle_collector_back_even_when_it_fails(make_site, run) -> None:  # type: ignore[no-untyped-def]
    import gc

    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert gc.isenabled()
    (site / "content/articles/klonopin-addiction.md").write_text(article(summary="<drop>"))
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 1
    assert gc.isenabled()


def test_a_stylesheet_or_script_importing_another_names_its_fingerprinted_copy(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Published under content-hash names, an @import "typography.css" would find nothing.
    site = make_site({
        "assets/css/fonts.css": '@import url("typography.css");\n@import "sub/more.css";\nbody { margin: 0 }\n',
        "assets/css/typography.css": "h1 { letter-spacing: -.01em }\n",
        "assets/css/sub/more.css": '@import "../typography.css";\np { margin: 0 }\n',
        "assets/js/app.js": 'import { x } from "./util.js";\nconst later = import("./lazy/late.js");\n',
        "assets/js/util.js": "export const x = 1;\n",
        "assets/js/lazy/late.js": "export default 2;\n",
        "assets/js/lazy/again.js": 'export * from "../lazy/late.js";\n',  # back into its own folder: "./late..."
        "assets/css/extra.css~": "an editor's backup\n", "assets/#notes.txt#": "an autosave\n",
    })
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assets = site / "output/assets"
    for pattern, written in (("css/fonts.*.css", ('url("', '")')), ("css/sub/more.*.css", ('@import "', '"')),
                             ("js/app.*.js", ('from "', '"')), ("js/app.*.js", ('import("', '")')),
                             ("js/lazy/again.*.js", ('from "', '"'))):
        [published] = assets.glob(pattern)
        text = published.read_text(encoding="utf-8")
        for imported in text.split(written[0])[1:]:
            address = imported.split(written[1])[0]
            assert (published.parent / address).is_file(), (published.name, address)
    assert "typography.css" not in next(assets.glob("css/fonts.*.css")).read_text(encoding="utf-8")
    assert next(assets.glob("js/lazy/again.*.js")).read_text(encoding="utf-8").startswith('export * from "./late.')
    assert not list(assets.rglob("*~")) and not list(assets.rglob("#*"))  # editors' leftovers are never published


def test_an_import_written_in_a_comment_is_no_import(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"assets/js/a.js": 'const trim = (s) => s.replace(/\\/*$/, "");\nimport { x } from "./b.js";\n'
                                        "/* end */\n",  # a slash escaped in a regular expression starts no comment
                      "assets/js/b.js": '// helpers split out of "./a.js"\nexport const x = "https://x.example";\n',
                      "assets/css/a.css": '@import "b.css";\n', "assets/css/b.css": '/* never @import "a.css" */\n'})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    [script] = (site / "output/assets/js").glob("b.*.js")
    assert 'split out of "./a.js"' in script.read_text(encoding="utf-8")  # a comment is left as written
    [importer] = (site / "output/assets/js").glob("a.*.js")
    assert f'from "./{script.name}"' in importer.read_text(encoding="utf-8")


def test_stylesheets_importing_each_other_fail_the_build_naming_the_import(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Each fingerprint would be made from the other's: the import closing the cycle would be a 404.
    site = make_site({"assets/css/a.css": '@import "b.css";\n', "assets/css/b.css": "p { margin: 0 }\n"})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    (site / "assets/css/b.css").write_text('@import "c.css";\n')
    (site / "assets/css/c.css").write_text('p { margin: 0 }\n@import url("./a.css");\n')
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert "assets/css/c.css:2: './a.css' imports a file that imports this one back" in result.output, result.output
    assert "third file" in result.output
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before



def test_text_that_yaml_reads_as_a_number_is_published_as_written(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({
        "site.yaml": SITE_YAML.replace('phone: "+44 1 2345"', "phone: 01234567"),  # YAML 1.1: octal 342391
        "content/articles/klonopin-addiction.md": article("0x1A", summary="1.50", tags="[1.50]",
                                                          drug="{name: Klonopin, generic: 1_000, schedule: 1:30}"),
    })
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    page = parse(site / "output/klonopin-addiction/index.html")
    assert texts(page, ".//h1") == ["0x1A"]
    assert page.find(".//meta[@name='description']").get("content") == "1.50"
    assert texts(page, ".//dl[@class='drug-facts']//dd") == ["Klonopin", "1_000", "1:30"]  # Name: no brand
    assert page.find(".//a[@href='tel:01234567']") is not None
    assert (site / "output/tags/1-50/index.html").is_file()


def test_a_number_refused_as_text_is_named_as_written(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/klonopin-addiction.md": article(slug="0x1A")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert ("content/articles/klonopin-addiction.md:10: slug: '0x1A' is not valid (use lower-case letters, digits "
            "and single hyphens, e.g. klonopin-addiction)") in result.stderr
