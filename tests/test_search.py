"""Site search: the build runs Pagefind, and its index finds each drug's article.

The index is queried with Pagefind's own pagefind.js under Node (the same code a
visitor's browser runs), reading the built files from disk. Without Node the search
tests skip; under CI (CI=true) that is a failure, so they can never silently stop.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import html5lib
import pytest
import yaml
from click.testing import CliRunner
from conftest import SITE_YAML, TODAY_ARG, article
from pagefind_query import bundles_of, node_or_skip, search

import medpress.search
from medpress.cli import main

REPO = Path(__file__).resolve().parents[1]
SAMPLE_LANG = "en-gb"  # the sample's default language, en-GB: its index is pagefind/en-gb/


def build(site: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(main, ["build", "--site", str(site), *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built with its search index."""
    out = tmp_path_factory.mktemp("search") / "output"
    result = build(REPO, "--out", out, "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def node() -> str:
    return node_or_skip()


def sample_articles() -> list[tuple[str, dict[str, Any]]]:
    """The sample's English articles (the search script searches the English index; translations have their own)."""
    found = []
    for path in sorted(p for p in (REPO / "content/articles").glob("*.md") if "." not in p.stem):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if not front.get("draft"):
            found.append((front.get("slug") or path.stem, front))
    return found


def test_the_build_writes_a_pagefind_index_of_every_searchable_page(sample: Path) -> None:
    # A small site: one bundle for each of its languages (the sample's French and Portuguese are under /fr/, /pt-pt/).
    assert bundles_of(sample) == {
        "en-gb": ["en-gb/0/"], "fr": ["fr/0/"], "pt-pt": ["pt-pt/0/"]}
    entry = json.loads((sample / "pagefind/en-gb/0/pagefind-entry.json").read_text())
    searchable = [p for p in sample.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")
                  and p.relative_to(sample).parts[0] not in ("fr", "pt-pt")]
    assert len(searchable) >= len(sample_articles())
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(searchable)
    for part in ("pagefind-ui.js", "pagefind-ui.css", "en-gb/0/pagefind.js", "en-gb/0/pagefind-ui.js"):
        assert (sample / "pagefind" / part).is_file(), part
    assert list((sample / "pagefind/en-gb/0/filter").iterdir())
    assert list((sample / "pagefind/en-gb/0/index").iterdir())


def test_a_search_for_a_drug_name_finds_its_article(sample: Path, node: str) -> None:
    with_drugs = [(slug, front["drug"]) for slug, front in sample_articles() if front.get("drug")]
    assert len(with_drugs) >= 5
    queries: list[tuple[str | None, dict[str, str]]] = []
    for _, drug in with_drugs:
        queries.append((drug["generic"], {}))
        queries.append((None, {"drug": drug["brand_names"][0]}))
    results = search(node, sample, queries, SAMPLE_LANG)["results"]
    for index, (slug, drug) in enumerate(with_drugs):
        assert f"/{slug}/" in results[2 * index], (drug["generic"], results[2 * index])
        assert results[2 * index + 1] == [f"/{slug}/"], (drug["brand_names"][0], results[2 * index + 1])


def test_every_brand_and_generic_name_typed_in_finds_its_article_first(sample: Path, node: str) -> None:
    # A visitor types the name on the box of their medicine, which the article may name only in its facts.
    names = [(name, slug) for slug, front in sample_articles() if front.get("drug")
             for name in (front["drug"]["generic"], *front["drug"].get("brand_names", ()))]
    results = search(node, sample, [(name, {}) for name, _ in names], SAMPLE_LANG)["results"]
    missed = [(name, found[:3]) for (name, slug), found in zip(names, results, strict=True)
              if found[:1] != [f"/{slug}/"]]
    assert missed == []


def test_a_drug_s_name_that_is_neither_its_generic_nor_a_brand_name_is_searched(make_site, run, node) -> None:  # type: ignore[no-untyped-def]
    # The A to Z lists the article under drug.name: a visitor who searches for it there finds the page.
    drugs = {"klonopin-addiction.md": "{name: Hydrocodone, drug_class: Opioid}",
             # A brand written in lower case, its accent pasted as a combining mark: the same name.
             "what-are-benzodiazepines.md": '{name: "Cod\\u00e9ine", brand_names: ["code\\u0301ine"]}'}
    site = make_site({f"content/articles/{name}": article(
        title="Painkillers at home" if "klonopin" in name else "What are benzodiazepines", drug=drug)
        for name, drug in drugs.items()})
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    out = site / "output"
    facts = html5lib.parse((out / "klonopin-addiction/index.html").read_text(), namespaceHTMLElements=False)
    assert ["".join(div.itertext()) for div in facts.iterfind(".//dl[@class='drug-facts']/div")] == [
        "NameHydrocodone", "Drug classOpioid"]
    listed = html5lib.parse((out / "what-are-benzodiazepines/index.html").read_text(), namespaceHTMLElements=False)
    assert "Name" not in ["".join(dt.itertext()) for dt in listed.iterfind(".//dl[@class='drug-facts']/div/dt")]
    found = search(node, out, [("Hydrocodone", {}), (None, {"drug": "Hydrocodone"})])["results"]
    assert found == [["/klonopin-addiction/"], ["/klonopin-addiction/"]]


def test_the_index_has_drug_and_category_filters(sample: Path, node: str) -> None:
    filters = search(node, sample, [], SAMPLE_LANG)["filters"]
    articles = sample_articles()
    names = set()
    for _, front in articles:
        drug = front.get("drug") or {}
        names |= {drug["generic"], *drug.get("brand_names", ())} if drug else set()
    # Each with a capital, generic names too, so that Pagefind, which orders them by character, lists them by
    # their first letters in the alphabet's order ('OxyContin' still comes before 'Oxycodone').
    assert set(filters["drug"]) == {name[:1].upper() + name[1:] for name in names}
    initials = [name[:1] for name in filters["drug"]]
    assert initials == sorted(initials) and initials[0] == "A"
    titles = yaml.safe_load((REPO / "site.yaml").read_text())["categories"]
    assert filters["category"] == {
        titles[category]["title"]: sum(1 for _, front in articles if front["category"] == category)
        for category in titles}
    # Tags as their pages name them: one filter value per tag, whatever the spelling in each article.
    tags = Counter(tag.casefold() for _, front in articles for tag in front.get("tags", ()))
    assert tags and {name.casefold(): count for name, count in filters["tag"].items()} == tags


def test_the_filters_of_another_language_are_named_in_it(sample: Path, node: str) -> None:
    # The search page shows a filter's name as the index has it.
    assert set(search(node, sample, [], lang="fr")["filters"]) == {"médicament", "catégorie", "thème"}
    assert set(search(node, sample, [], lang="pt-pt")["filters"]) == {"categoria", "tema"}  # its one article: no drug


def test_the_urgent_help_box_every_article_shows_is_not_what_search_finds(sample: Path, node: str) -> None:
    # "collapsed" is only in the box (site.yaml's urgent_help): it used to find every article.
    urgent = yaml.safe_load((REPO / "site.yaml").read_text())["urgent_help"]["text"]
    assert "collapsed" in urgent
    found = search(node, sample, [("collapsed", {})], SAMPLE_LANG)["results"][0]
    assert not [url for url in found if url.strip("/") in {slug for slug, _ in sample_articles()}]


def test_the_line_every_article_opens_with_is_not_what_search_finds(sample: Path, node: str) -> None:
    # "Edited & clinically reviewed by" opens every article, and "edited" is in the text of none.
    found = search(node, sample, [("edited", {})], SAMPLE_LANG)["results"][0]
    assert not [url for url in found if url.strip("/") in {slug for slug, _ in sample_articles()}]


def test_what_a_page_shows_of_other_pages_and_its_hidden_category_are_not_its_words(make_site, run, node) -> None:  # type: ignore[no-untyped-def]
    # Pagefind takes the first image after the h1 as the page's and searches its address and alt text: a related
    # card's picture made "lilac" (or "svg") find the article beside it. The category name is a filter only.
    svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 2'><rect width='4' height='2'/></svg>"
    site = make_site({
        "site.yaml": SITE_YAML.replace("title: Benzodiazepines", "title: Zebrafish").replace(
            "{name: Test Accreditor}", "{name: Test Accreditor, logo: images/badge.svg}"),
        "content/articles/klonopin-addiction.md": article(image="{src: images/naloxone-kit.svg, alt: A lilac cabinet}"),
        "content/articles/tapering.md": article(title="Tapering", related="[klonopin-addiction]"),
        "assets/images/naloxone-kit.svg": svg,
        "assets/images/badge.svg": svg,
    })
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    out = site / "output"
    assert 'alt="A lilac cabinet"' in (out / "tapering/index.html").read_text()
    assert 'alt="Test Accreditor"' in (out / "tapering/index.html").read_text()
    words = ("lilac", "cabinet", "naloxone", "svg", "badge", "zebrafish")
    found = search(node, out, [(word, {}) for word in words] + [(None, {"category": "Zebrafish"})])
    assert found["results"][:-1] == [[] for _ in words]
    assert sorted(found["results"][-1]) == ["/klonopin-addiction/", "/tapering/", "/what-are-benzodiazepines/"]


def test_a_search_for_nonsense_finds_nothing(sample: Path, node: str) -> None:
    assert search(node, sample, [("xyzzyplugh", {})], SAMPLE_LANG)["results"] == [[]]


def test_every_page_has_a_search_box_and_the_search_page_loads_pagefind(sample: Path) -> None:
    article = html5lib.parse((sample / "klonopin-addiction/index.html").read_bytes(), namespaceHTMLElements=False)
    form = article.find(".//form[@role='search']")
    assert form.get("action") == "/search/"
    assert form.find(".//input[@type='search']").get("name") == "q"
    page = html5lib.parse((sample / "search/index.html").read_bytes(), namespaceHTMLElements=False)
    sources = [s.get("src") for s in page.iterfind(".//script[@src]")]
    assert "/pagefind/pagefind-ui.js" in sources
    assert all((sample / src.lstrip("/")).is_file() for src in sources)
    assert page.find(".//*[@id='search']") is not None


def test_a_language_searches_its_own_index_once_it_has_pages_of_its_own(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + "languages: [en, fr, de]\n",
                      "content/articles/klonopin-addiction.fr.md": article("Addiction au Klonopin")})

    def search_root(lang: str) -> dict[str, str]:
        page = html5lib.parse((site / f"output/{lang}/search/index.html").read_bytes(), namespaceHTMLElements=False)
        return {k: v for k, v in page.find(".//*[@id='search']").attrib.items() if k.endswith("index")}

    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    assert sorted(p.name for p in (site / "output/pagefind").iterdir() if p.is_dir()) == ["en", "fr"]
    assert search_root("fr") == {"data-default-index": "en"}  # its own index first
    assert search_root("de") == {"data-default-index": "en", "data-index": "en"}  # none of its own yet
    (site / "content/articles/klonopin-addiction.de.md").write_text(article("Klonopin-Abh\u00e4ngigkeit"),
                                                                     encoding="utf-8")
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0  # the next build, incremental
    assert (site / "output/pagefind/de").is_dir()
    assert search_root("de") == {"data-default-index": "en"}


def test_no_search_builds_without_an_index(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert not (site / "output/pagefind").exists()
    # The search page loads nothing that is not there, and says what to do instead.
    page = html5lib.parse((site / "output/search/index.html").read_bytes(), namespaceHTMLElements=False)
    addresses = [e.get("src") or e.get("href") for e in page.iter() if e.tag in ("script", "link")]
    assert not [address for address in addresses if address and "pagefind" in address]
    assert "Search is not part of this build." in "".join(page.find(".//main").itertext())


def test_a_missing_pagefind_fails_the_build_clearly(make_site, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    monkeypatch.setattr(medpress.search, "find_pagefind", lambda *_: None)
    result = run("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "pagefind: the search indexer (pagefind) is not installed, so the site's search cannot be built "
        f"({medpress.search.INSTALL_HINT})",
        "Build failed: 1 error; output left as it was."]
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0



@pytest.mark.parametrize(("given", "why"), [("missing", "there is no such file"),
                                            ("not-executable", "it is not executable"),
                                            ("not-pagefind", "its --version gives no version"),
                                            ("folder", "it is a folder")])
def test_a_pagefind_binary_path_that_names_no_pagefind_fails_the_build(make_site, run, monkeypatch, tmp_path,  # type: ignore[no-untyped-def]
                                                                        given: str, why: str) -> None:
    # Not a quiet fall back to another Pagefind: a CI job sets it for 1.6, whose index is the same every time.
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    binary = tmp_path / given
    if given == "folder":
        binary.mkdir()
    elif given != "missing":
        binary.write_text("#!/bin/sh\nexit 1\n")
        binary.chmod(0o755 if given == "not-pagefind" else 0o644)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    result = run("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"PAGEFIND_BINARY_PATH: $PAGEFIND_BINARY_PATH names {binary}, which is not a Pagefind that runs: {why} "
        "(point it at a Pagefind executable, or unset it to use the one medpress finds (the site's node_modules, "
        "then pagefind-bin))",
        "Build failed: 1 error; output left as it was."]
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before


def test_a_pagefind_binary_path_may_name_a_command_on_path_as_npm_s_launcher_takes_it(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    installed = medpress.search.find_pagefind()
    assert installed is not None
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin/pagefind").symlink_to(installed.path)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "pagefind")
    assert medpress.search.find_pagefind() == medpress.search.Pagefind(tmp_path / "bin/pagefind", installed.version)
    # The dev server, which previews without search rather than fail, says why.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "gone"))
    assert medpress.search.why_no_pagefind() == (f"$PAGEFIND_BINARY_PATH names {tmp_path / 'gone'}, which is not a "
                                                 "Pagefind that runs: there is no such file")


def test_a_build_with_another_pagefind_indexes_again_though_no_page_changed(make_site, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A site that installs Pagefind 1.6 from npm after building with pagefind-bin 1.5: not "nothing changed".
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    versions = {}
    for name in ("pagefind_extended", "pagefind"):
        for binary in Path(__file__).parent.glob(f"browser/node_modules/@pagefind/*/bin/{name}"):
            monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
            versions[medpress.search.find_pagefind().version] = str(binary)
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    versions[medpress.search.find_pagefind().version] = ""
    if len(versions) < 2:
        pytest.skip("needs two Pagefind versions: npm ci --prefix tests/browser, and pagefind-bin")
    site = make_site()
    for version, binary in sorted(versions.items()):
        if binary:
            monkeypatch.setenv("PAGEFIND_BINARY_PATH", binary)
        else:
            monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
        result = run("build", "--site", site, *TODAY_ARG)
        assert result.exit_code == 0, result.output
        assert "Nothing changed" not in result.output
        entry = json.loads((site / "output/pagefind/en/0/pagefind-entry.json").read_text())
        assert entry["version"] == ".".join(map(str, version))


@pytest.mark.parametrize("script, said", [
    ("echo 'Error: no pages found' >&2\nexit 3", "pagefind: pagefind failed: Error: no pages found"),
    # not 'could not write the site ... free some space', as when the missing entry was read
    ("exit 0", "pagefind: pagefind failed: it exited without error but wrote no index (pagefind-entry.json) for "),
])
def test_a_pagefind_that_fails_or_writes_no_index_fails_the_build_and_keeps_the_output(  # type: ignore[no-untyped-def]
        make_site, run, monkeypatch, tmp_path, script: str, said: str) -> None:
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setattr(medpress.search, "find_pagefind", lambda *_: medpress.search.Pagefind(fake, (1, 6, 0)))
    make_site({"content/pages/contact.md": "---\ntitle: Contact\nsummary: Call us.\n---\nNew text.\n"})
    result = run("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    first, *rest = result.stderr.splitlines()
    assert first.startswith(said) and rest == ["Build failed: 1 error; output left as it was."], result.stderr
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before


def test_after_an_edit_the_index_finds_the_article_by_its_new_words_only(make_site, run, node, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import medpress.plan

    site = make_site({"content/articles/klonopin-addiction.md": article(body="## Overview\n\nText about oxazepam.\n")})
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    out = site / "output"
    assert search(node, out, [("oxazepam", {})])["results"] == [["/klonopin-addiction/"]]
    edited = site / "content/articles/klonopin-addiction.md"
    for old, new in [("Text about oxazepam.", "Text about zolpidem."),  # the body
                     ("title: Klonopin addiction", "title: Klonopin and lorazepam")]:  # the frontmatter, in place
        edited.write_text(edited.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        with monkeypatch.context() as patched:  # the quick rebuild: the full one would prepare the whole site
            patched.setattr(medpress.plan, "prepare", lambda *a, **k: pytest.fail("took the full build"))
            assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    assert search(node, out, [("oxazepam", {}), ("zolpidem", {}), ("lorazepam", {})])["results"] == [
        [], ["/klonopin-addiction/"], ["/klonopin-addiction/"]]


def test_an_edit_reports_the_files_it_changed_search_index_included(make_site) -> None:  # type: ignore[no-untyped-def]
    from medpress.write import MARKER

    site = make_site({"content/articles/klonopin-addiction.md": article(body="## Overview\n\nText about oxazepam.\n")})
    out = site / "output"

    def files() -> dict[str, bytes]:
        return {str(path.relative_to(out)): path.read_bytes() for path in out.rglob("*")
                if path.is_file() and path.name != MARKER}

    assert build(site, *TODAY_ARG).exit_code == 0
    before = files()
    edited = site / "content/articles/klonopin-addiction.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("oxazepam", "zolpidem"), encoding="utf-8")
    result = build(site, *TODAY_ARG)
    assert result.exit_code == 0, result.output
    after = files()
    written = sum(1 for rel, data in after.items() if before.get(rel) != data)
    removed = len(before.keys() - after.keys())
    assert any(rel.startswith("pagefind/") and before.get(rel) != data for rel, data in after.items())
    assert f"1 rendered, {written} files written, {removed} removed" in result.output
