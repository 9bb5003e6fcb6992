"""The search index in bundles: it answers as a cold build's would after every kind of edit, and ranks well.

Queries run Pagefind's own JS under Node over the merged bundles (tests/pagefind_query.py).
Small sites are split into bundles of a few pages here, so that every edit meets several.
With Pagefind 1.6+ an edited site's /pagefind/ must also be byte-identical to a cold build's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from big_site import ARTICLES, drug_names
from conftest import TODAY_ARG, article
from pagefind_query import Query, bundles_of, node_or_skip, search
from robustness.robust_helpers import tree_hashes

import medpress.search
from medpress.search import filter_names, plan_bundles

DRUGS = ["oxazepam", "zolpidem", "diazepam", "lorazepam", "temazepam", "buprenorphine", "methadone", "naloxone"]
QUERIES: list[Query] = [(name, {}) for name in [*DRUGS, "clonazepam", "taper", "contact"]] + [
    (None, {"category": "Benzodiazepines"}), ("withdrawal", {"tag": "tapering"})]


@pytest.fixture(scope="module")
def node() -> str:
    return node_or_skip()


@pytest.fixture
def small_bundles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Bundles of 3 pages; returns the keys of the bundles each build indexes (the others it reuses)."""
    monkeypatch.setattr(medpress.search, "PAGES_PER_BUNDLE", 3)
    indexed: list[str] = []
    original = medpress.search.SearchIndex._index_one

    def recording(self: medpress.search.SearchIndex, spare: Path, staging: Path,
                  bundle: medpress.search.Bundle, *rest: Any) -> str:
        indexed.append(bundle.key)
        return original(self, spare, staging, bundle, *rest)

    monkeypatch.setattr(medpress.search.SearchIndex, "_index_one", recording)
    return indexed


def drug_article(name: str, body: str = "", tags: str = "[tapering]") -> str:
    return article(f"About {name}", body=f"## Overview\n\n{body or f'Notes on {name} and withdrawal.'}\n",
                   tags=tags, drug=f"\n  name: {name.title()}\n  generic: {name}\n  brand_names: [{name.title()}ex]")


def files() -> dict[str, str | bytes | None]:
    return {f"content/articles/{name}.md": drug_article(name, tags="[tapering]" if i % 2 else "[support]")
            for i, name in enumerate(DRUGS)}


EDITS: dict[str, dict[str, str | None]] = {
    "body": {"content/articles/oxazepam.md": drug_article("oxazepam", "Oxazepam now says taper slowly.")},
    "title": {"content/articles/zolpidem.md": drug_article("zolpidem").replace("About zolpidem", "Zolpidem facts")},
    "delete": {"content/articles/diazepam.md": None},
    "rename": {"content/articles/lorazepam.md": None, "content/articles/lorazepam-guide.md": drug_article("lorazepam")},
    "new article": {"content/articles/midazolam.md": drug_article("midazolam", "Midazolam and taper plans.")},
}


def cold_copy(site: Path, where: Path, run: Callable[..., Any]) -> Path:
    """Build a copy of the site's inputs from nothing; return its output."""
    copy = where / "cold"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("output", ".output*"))
    assert run("build", "--site", copy, *TODAY_ARG).exit_code == 0
    return copy / "output"


@pytest.mark.parametrize("edit", list(EDITS))
def test_after_each_kind_of_edit_the_index_answers_as_a_cold_builds(  # type: ignore[no-untyped-def]
        edit, make_site, run, node, small_bundles, tmp_path) -> None:
    site = make_site(files())
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    bundles = bundles_of(site / "output")["en"]
    assert len(bundles) >= 3
    small_bundles.clear()
    make_site({**files(), **EDITS[edit]})
    for rel in [rel for rel, text in EDITS[edit].items() if text is None]:
        (site / rel).unlink()
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    assert small_bundles, "the edit changed a searchable page, so a bundle was indexed"
    if edit == "body":  # one article's text only: its bundle alone
        assert len(small_bundles) == 1
    cold = cold_copy(site, tmp_path, run)
    queries = [*QUERIES, ("midazolam", {})]
    assert search(node, site / "output", queries) == search(node, cold, queries)
    if medpress.search.require_pagefind().deterministic:
        edited = {rel: h for rel, h in tree_hashes(site / "output").items() if rel.startswith("pagefind/")}
        assert edited == {rel: h for rel, h in tree_hashes(cold).items() if rel.startswith("pagefind/")}


def test_an_unchanged_site_indexes_nothing_and_its_bundles_answer(make_site, run, node, small_bundles) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files())
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    first = search(node, site / "output", QUERIES)
    assert first["results"][DRUGS.index("zolpidem")] == ["/zolpidem/"]
    assert first["filters"]["tag"] == {"support": 4, "tapering": 4}
    small_bundles.clear()
    (site / "content/articles/oxazepam.md").touch()  # a new stamp, the same bytes
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    assert small_bundles == []
    assert search(node, site / "output", QUERIES) == first


@pytest.mark.parametrize("edit", ["body", "more bundles"])
def test_the_scripts_a_browser_may_keep_do_not_change_with_the_index(  # type: ignore[no-untyped-def]
        edit, make_site, run, node, small_bundles) -> None:
    # A host may let browsers keep pagefind/<lang>/*.js for minutes: what names the index's files now
    # (startup.json, fetched fresh) must not be in them, or a kept module or worker asks for files that are
    # gone, or leaves out a bundle the site has grown.
    site = make_site(files())
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    folder = site / "output/pagefind/en"
    before = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    count = len(bundles_of(site / "output")["en"])
    more = {f"content/articles/{name}.md": drug_article(name) for name in ("midazolam", "temazepam", "nitrazepam",
                                                                          "flurazepam", "estazolam", "triazolam")}
    make_site({**files(), **(EDITS["body"] if edit == "body" else more)})
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    after = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    assert after["startup.json"] != before["startup.json"]
    assert {name: after[name] for name in ("pagefind.js", "pagefind-worker.js")} == {
        name: before[name] for name in ("pagefind.js", "pagefind-worker.js")}
    packs = [name for name in after if name.endswith(".pf_pack")]
    assert packs == [json.loads(after["startup.json"])["pack"]]  # the last build's pack is gone
    if edit == "more bundles":
        assert len(bundles_of(site / "output")["en"]) > count
        found = search(node, site / "output", [(name, {}) for name in ("triazolam", "midazolam", "zolpidem")])
        assert found["results"] == [["/triazolam/"], ["/midazolam/"], ["/zolpidem/"]]


def test_a_failing_indexer_leaves_the_live_index_as_it_was(make_site, run, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files())
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    before = tree_hashes(site / "output")
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 3\n")
    fake.chmod(0o755)
    version = medpress.search.require_pagefind().version
    monkeypatch.setattr(medpress.search, "find_pagefind", lambda *_: medpress.search.Pagefind(fake, version))
    make_site({**files(), **EDITS["body"]})
    result = run("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert "pagefind failed: Error: out of memory" in result.stderr
    assert tree_hashes(site / "output") == before
    assert not list(site.glob(".output.staging-*"))


def test_one_languages_pages_never_share_a_bundle_with_anothers() -> None:
    pages = {f"{lang}/page-{n}/index.html" if lang != "en" else f"page-{n}/index.html": (f"d{n}", lang)
             for lang in ("en", "fr", "pt-br") for n in range(2500)}
    pages["contact/index.html"] = ("x", "")  # not searchable
    bundles = plan_bundles(pages, "1.6.0")
    for bundle in bundles:
        assert {pages[rel][1] for rel in bundle.pages} == {bundle.key.split("/")[0]}
    assert sorted(rel for bundle in bundles for rel in bundle.pages) == sorted(r for r, f in pages.items() if f[1])
    assert sum(1 for b in bundles if b.key.startswith("fr/")) == medpress.search.bundle_count(2500)
    # A stable split: the same pages, listed in another order, make the same bundles.
    assert plan_bundles(dict(reversed(pages.items())), "1.6.0") == bundles


def test_at_1000_articles_a_drug_names_own_article_ranks_first(big_site: Path, node: str) -> None:
    names = drug_names(ARTICLES)
    chosen = list(range(0, ARTICLES, 4))
    found = search(node, big_site, [(names[i], {}) for i in chosen] + [(None, {})])
    assert len(found["bundles"]) >= 10  # merged, as a 10,000-article site's are
    for i, results in zip(chosen, found["results"], strict=False):
        assert results[:1] == [f"/drug-{i:04d}/"], (names[i], results[:3])
    assert found["filters"]["category"] == {"Benzodiazepines": ARTICLES // 2 + 2, "Opioids": ARTICLES // 2}
    assert sum(found["filters"]["tag"].values()) == ARTICLES


FRENCH_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><main><article data-pagefind-body><h1>{{ plain.title }}</h1>{{ body }}</article></main></body>
</html>
"""


def test_a_new_language_gets_bundles_of_its_own(make_site, run, node, small_bundles) -> None:  # type: ignore[no-untyped-def]
    # Plain pages laid out in French (as issue #20's /<lang>/ pages will be): a language new to the site.
    contact = {"content/pages/contact.md": "---\ntitle: Contact\nsummary: Call us.\n---\n"
                                           "## Telefone\n\nLigue-nous au sujet du sevrage.\n"}
    site = make_site({**files(), **contact})
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    english = bundles_of(site / "output")["en"]
    small_bundles.clear()
    make_site({**files(), **contact, "layouts/page.html": FRENCH_PAGE})
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    listing = bundles_of(site / "output")
    assert listing["fr"] == ["fr/0/"]
    assert all(key.startswith("fr/") or key in {b.rstrip("/") for b in english} for key in small_bundles)
    assert search(node, site / "output", [("ligue", {}), ("zolpidem", {})], lang="fr")["results"] == [
        ["/contact/"], []]
    assert search(node, site / "output", [("ligue", {}), ("zolpidem", {})], lang="en")["results"] == [
        [], ["/zolpidem/"]]


def test_filter_names_are_read_as_pagefind_reads_them() -> None:
    # The search page names these filters before it loads any of their files (issue 21).
    page = (b'<dd data-pagefind-filter="drug">x</dd><span hidden data-pagefind-filter="category">Opioids</span>'
            b"<a data-pagefind-filter='tag'>t</a><i data-pagefind-filter=\"year, author[data-author]:Ann, Bo\"></i>"
            b'<b data-pagefind-filter="caf&eacute;">y</b><p data-pagefind-filter="">z</p>')
    assert filter_names(page) == ["author", "café", "category", "drug", "tag", "year"]


def test_the_indexer_reads_no_page_a_build_rendered_or_a_last_build_saw(  # type: ignore[no-untyped-def]
        make_site, run, node, monkeypatch) -> None:
    read: list[int] = []
    original = medpress.search.search_facts
    monkeypatch.setattr(medpress.search, "search_facts", lambda page: read.append(len(page)) or original(page))
    site = make_site(files())
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0  # the workers gave every page's facts
    edit = {"content/articles/oxazepam.md": drug_article("oxazepam", "Oxazepam now says taper slowly.")}
    make_site({**files(), **edit})
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0  # the others' facts are the last build's
    assert read == []
    assert "/oxazepam/" in search(node, site / "output", [("slowly", {})])["results"][0]


def test_no_more_pagefinds_run_at_once_than_memory_allows_and_the_next_bundle_waits_staged(  # type: ignore[no-untyped-def]
        monkeypatch, tmp_path) -> None:
    spare = tmp_path / "spare"
    bundles = [medpress.search.Bundle(f"en/{n}", (f"page-{n}/index.html",), f"m{n}") for n in range(4)]
    for bundle in bundles:
        (spare / bundle.pages[0]).parent.mkdir(parents=True)
        (spare / bundle.pages[0]).write_text("<html></html>")
    running: list[str] = []
    seen: list[tuple[int, int]] = []  # for each run: Pagefinds running, bundles staged and waiting

    def pagefind(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        staging = Path(command[command.index("--site") + 1])
        running.append(staging.name)
        staged: list[Path] = []
        deadline = time.monotonic() + 5
        while len(seen) < len(bundles) - 1 and not staged and time.monotonic() < deadline:
            staged = [folder for folder in staging.parent.iterdir() if folder.name not in running]
            time.sleep(0.01)  # the next bundle is being linked into place meanwhile, or never is
        seen.append((len(running), len(staged)))
        running.remove(staging.name)
        output = Path(command[command.index("--output-path") + 1])
        output.mkdir(parents=True)
        (output / medpress.search.ENTRY).write_text("{}")  # what a Pagefind that indexed writes, at least
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(medpress.search, "at_once", lambda sizes, cpus: 1)
    monkeypatch.setattr(medpress.search.subprocess, "run", pagefind)
    index = medpress.search.SearchIndex(medpress.search.Pagefind(tmp_path / "pagefind", (1, 6, 0)),
                                        tmp_path / "out", None)
    index._index(spare, bundles)
    assert [count for count, _ in seen] == [1, 1, 1, 1]
    assert [staged for _, staged in seen[:-1]] == [1, 1, 1]  # the next bundle was ready as each one ran
    assert not (tmp_path / ".out.staging-search").exists()


def test_two_bundles_index_at_once_when_both_fit_under_the_memory_ceiling_beside_the_build(  # type: ignore[no-untyped-def]
        monkeypatch) -> None:
    monkeypatch.setattr(medpress.search, "_resident_mb", lambda: 200.0)  # the build's own, at 10,000 articles
    megabytes = 2**20
    assert medpress.search.at_once([19 * megabytes] * 16, cpus=2) == 2  # ~650 pages of ~30 KB: ~190 MB each
    assert medpress.search.at_once([27 * megabytes] * 12, cpus=2) == 1  # ~900 such pages: ~260 MB each
    assert medpress.search.at_once([19 * megabytes], cpus=2) == 1  # one bundle to index
    assert medpress.search.at_once([megabytes] * 8, cpus=4) == 4  # never more than one per core
