"""An incremental build must give exactly what a cold build of the same input gives."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import REVIEWER, SITE_YAML, TODAY, article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medpress.pipeline import BuildOptions, build


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def assert_as_a_cold_build(site: Path, out: Path) -> None:
    """out must hold exactly what a cold build of the same input gives (made beside it, in cold/)."""
    cold = out.parent / "cold"
    build(site, BuildOptions(out=cold, today=TODAY, search=False, jobs=1, use_cache=False))
    assert tree(out) == tree(cold)


def many_articles(count: int = 12) -> dict[str, str | None]:
    files: dict[str, str | None] = {}
    for n in range(count):
        related = f"[drug-{(n + 1) % count:02d}, drug-{(n + 2) % count:02d}]"
        body = f"## Overview\n\nAbout drug {n}. See [the next one](/drug-{(n + 1) % count:02d}/#overview).\n"
        files[f"content/articles/drug-{n:02d}.md"] = article(
            f"Drug {n:02d}", body=body, related=related,
            category="opioids" if n % 3 == 0 else "benzodiazepines",
            drug=f"{{name: Drug{n:02d}, generic: generic{n:02d}}}")
    return files


def edit(site: Path, rel: str, change: Callable[[str], str]) -> None:
    path = site / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def rename_article(site: Path, old: str, new: str, linked_from: tuple[str, ...]) -> None:
    """Rename an article's file (its slug comes from the file name) and the links to it."""
    (site / f"content/articles/{old}.md").rename(site / f"content/articles/{new}.md")
    for other in linked_from:
        edit(site, f"content/articles/{other}.md", lambda text: text.replace(old, new))


def delete_article(site: Path) -> None:
    (site / "content/articles/drug-11.md").unlink()
    edit(site, "content/articles/drug-10.md", lambda t: t.replace("drug-11", "drug-01"))
    edit(site, "content/articles/drug-09.md", lambda t: t.replace("drug-11", "drug-02"))


def rename_slug(site: Path) -> None:
    edit(site, "content/articles/drug-05.md", lambda t: t.replace("title: Drug 05", "slug: drug-five\ntitle: Drug 05"))
    edit(site, "content/articles/drug-04.md", lambda t: t.replace("drug-05", "drug-five"))
    edit(site, "content/articles/drug-03.md", lambda t: t.replace("drug-05", "drug-five"))


EDITS: dict[str, Callable[[Path], None]] = {
    "article body": lambda site: edit(site, "content/articles/drug-03.md",
                                      lambda t: t + "\n## More\n\nA new section.\n"),
    "article body, same headings": lambda site: edit(site, "content/articles/drug-03.md",
                                                     lambda t: t.replace("About drug 3.", "About drug three.")),
    "article title": lambda site: edit(site, "content/articles/drug-04.md",
                                       lambda t: t.replace("title: Drug 04", "title: Drug four, renamed")),
    "drug name": lambda site: edit(site, "content/articles/drug-05.md",
                                   lambda t: t.replace("name: Drug05", "name: Fivedrug")),
    "review date": lambda site: edit(site, "content/articles/drug-02.md",
                                     lambda t: t.replace("reviewed: 2026-03-01", "reviewed: 2026-05-20")),
    "reviewer file": lambda site: edit(site, "content/reviewers/dr-ada.yaml",
                                       lambda t: t.replace("Dr Ada Test", "Dr Ada Test-Smith")),
    "layout": lambda site: (site / "layouts/partials").mkdir(parents=True, exist_ok=True) or (
        site / "layouts/partials/brand.html").write_text("<span class=\"brand-name\">Re-skinned</span>\n"),
    "site.yaml": lambda site: edit(site, "site.yaml", lambda t: t.replace("Test Clinic Ltd", "Test Clinic Group")),
    "deleted article": lambda site: delete_article(site),
    "renamed slug": lambda site: rename_slug(site),
    "renamed file": lambda site: rename_article(site, "drug-07", "drug-seven", linked_from=("drug-05", "drug-06")),
    "added image": lambda site: (site / "assets/images").mkdir(parents=True, exist_ok=True) or (
        site / "assets/images/new.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n"),
    "stylesheet": lambda site: (site / "assets/css").mkdir(parents=True, exist_ok=True) or (
        site / "assets/css/medpress.css").write_text("p { color: #111; }\n"),
}


@pytest.mark.parametrize("kind", list(EDITS))
def test_incremental_build_equals_cold_build(kind: str, make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML, "content/reviewers/dr-ada.yaml": REVIEWER, **many_articles()})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    first = build(site, options)
    assert first.rendered == first.pages
    EDITS[kind](site)
    again = build(site, options)
    assert not again.unchanged
    if kind not in ("layout", "site.yaml", "stylesheet"):  # those can change every page
        assert again.rendered < again.pages
    assert_as_a_cold_build(site, out)


def test_unchanged_input_renders_nothing_and_writes_nothing(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False)
    build(site, options)
    before = tree(tmp_path / "out")
    report = build(site, options)
    assert report.unchanged and report.rendered == 0 and report.written == 0
    assert tree(tmp_path / "out") == before


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False)
    build(site, options)
    path = site / "content/articles/drug-06.md"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "About drug 6." in text
    path.write_text(text.replace("About drug 6.", "About drug 9."), encoding="utf-8")  # cp -p, rsync -a keep times
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    report = build(site, options)
    assert not report.unchanged and "About drug 9." in (tmp_path / "out/drug-06/index.html").read_text()


def test_a_body_edit_renders_only_the_article_itself(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    edit(site, "content/articles/drug-06.md", lambda t: t + "\nOne more sentence.\n")
    report = build(site, options)
    # Listings, cards and feeds show frontmatter only, so they are kept as they were.
    assert report.rendered == 1
    assert "One more sentence." in (tmp_path / "out/drug-06/index.html").read_text()


def test_body_edits_rebuild_only_their_pages_from_the_saved_state(make_site, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import medpress.plan

    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    pages = build(site, options).pages
    for round_ in range(3):  # each quick rebuild must leave a state the next one can start from
        edit(site, "content/articles/drug-06.md", lambda t, n=round_: t.replace("About drug", f"Round {n}. About drug"))
        edit(site, "content/articles/drug-08.md", lambda t, n=round_: t + f"\nRound {n}.\n")
        with monkeypatch.context() as patched:
            patched.setattr(medpress.plan, "prepare", lambda *a, **k: pytest.fail("read the whole site"))
            report = build(site, options)
        assert (report.rendered, report.pages) == (2, pages)
        assert_as_a_cold_build(site, tmp_path / "out")
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("title: Drug 06", "title: Drug six"))
    assert build(site, options).rendered == 6  # the pages that show its title
    assert_as_a_cold_build(site, tmp_path / "out")


def test_undoing_a_body_edit_gives_the_page_back(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The spare copy then already holds the page as it is about to be again.
    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    original = (site / "content/articles/drug-06.md").read_text()
    for text in (original + "\nAn edit.\n", original, original + "\nAn edit.\n"):
        (site / "content/articles/drug-06.md").write_text(text)
        assert build(site, options).rendered == 1
        assert_as_a_cold_build(site, tmp_path / "out")


def test_body_edits_in_memory_as_the_dev_server_makes_them(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, save_cache=False)
    state = build(site, options).state
    for round_ in range(3):
        edit(site, "content/articles/drug-06.md", lambda t, n=round_: t + f"\nRound {n}.\n")
        report = build(site, options, previous=state)
        assert report.rendered == 1 and report.state is not None
        state = report.state
        assert_as_a_cold_build(site, tmp_path / "out")


def test_a_body_edit_with_a_broken_link_fails_and_keeps_the_site(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from medpress.errors import BuildFailed

    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    before = tree(tmp_path / "out")
    edit(site, "content/articles/drug-06.md", lambda t: t + "\nSee [gone](/no-such-page/).\n")
    with pytest.raises(BuildFailed) as failed:
        build(site, options)
    assert any("content/articles/drug-06.md" in str(p) and "/no-such-page/" in str(p) for p in failed.value.problems)
    assert tree(tmp_path / "out") == before
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("/no-such-page/", "/drug-07/"))
    assert build(site, options).rendered == 1


def test_a_title_edit_renders_every_page_that_shows_the_article(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + "per_page: 3\n", **many_articles()})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("title: Drug 06", "title: Drug six"))
    report = build(site, options)
    # Its page, the two that list it as related, the page of its category's listing and of
    # its reviewer's that show it, and the feed (it is not among the home page's latest
    # six): six outputs. The A-Z page and the sitemap show no titles.
    assert report.rendered == 6
    for page in ("drug-04", "drug-05"):
        assert "Drug six" in (tmp_path / f"out/{page}/index.html").read_text(), page
    for listing in ("insights/opioids", "reviewers/dr-ada"):
        pages = [tmp_path / f"out/{listing}/index.html", *(tmp_path / f"out/{listing}/page").glob("*/index.html")]
        assert len(pages) > 1 and sum("Drug six" in page.read_text() for page in pages) == 1, listing



def test_a_title_edit_reads_only_the_saved_articles_its_pages_show(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from medpress.cache import Shards

    site = make_site({"site.yaml": SITE_YAML + "per_page: 3\nfeed_entries: 2\n", **many_articles(60)})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    read: set[str] = set()
    get = Shards.get

    def reading(shards: Shards, key: str) -> object:
        if shards.name == "parsed":
            read.add(key)
        return get(shards, key)

    monkeypatch.setattr(Shards, "get", reading)
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("title: Drug 06", "title: Drug six"))
    assert build(site, options).rendered == 5  # not in the feed: its page, two related, two listings
    # drug-06 and what its pages show: its related (07, 08), the two that list it (04, 05) and
    # theirs, a page of three of each listing; not the home page's latest or the feed's articles.
    assert "content/articles/drug-06.md" in read and len(read) <= 5 + 3 + 3
    monkeypatch.undo()
    assert_as_a_cold_build(site, out)


def markdown_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown texts rendered from now on (until monkeypatch undoes it), in order."""
    from medpress.markdown import MarkdownRenderer

    rendered: list[str] = []
    render = MarkdownRenderer.render

    def counting(renderer: MarkdownRenderer, text: str, positions: bool = False) -> object:
        rendered.append(text)
        return render(renderer, text, positions)

    monkeypatch.setattr(MarkdownRenderer, "render", counting)
    return rendered


def test_the_rendered_markdown_is_kept_through_frontmatter_edits_that_leave_body_and_answers_alone(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    faq = '\n  - {q: "Is it safe to stop?", a: "Not **alone**."}'
    site = make_site({**many_articles(), "content/articles/drug-06.md": article(
        "Drug 06", body="## Overview\n\nAbout drug six.\n", faq=faq, related="[drug-07, drug-08]",
        category="opioids", drug="{name: Drug06, generic: generic06}")})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    # A cold build leaves the store empty: the first edit renders the bodies of the pages it changes, and stores them.
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("title: Drug 06", "title: Drug 6"))
    build(site, options)
    rendered = markdown_rendered(monkeypatch)
    for change, renders in [(lambda t: t.replace("title: Drug 6", "title: Drug six"), []),
                            (lambda t: t.replace("Summary of", "All about"), []),
                            (lambda t: t.replace("Not **alone**.", "Not *alone*."),
                             ["## Overview\n\nAbout drug six.\n", "Not *alone*."]),
                            (lambda t: t.replace("About drug six.", "About drug 6."),
                             ["## Overview\n\nAbout drug 6.\n", "Not *alone*."])]:
        rendered.clear()
        edit(site, "content/articles/drug-06.md", change)
        assert build(site, options).rendered >= 1
        assert rendered == renders
    monkeypatch.undo()
    assert_as_a_cold_build(site, out)


def test_a_cold_build_leaves_the_markdown_store_to_the_first_build_that_renders_again(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"site.yaml": SITE_YAML, **many_articles()})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    cache = build(site, options).cache_dir
    assert cache is not None

    def stored() -> int:
        return sum(1 for _ in cache.glob("code-*/markdown/*/*.pickle"))

    rendered = markdown_rendered(monkeypatch)
    assert stored() == 0  # a cold build, as CI's are, whose cache is thrown away
    counts = []
    for name in ("Test Clinic Group", "Test Clinic Trust"):
        rendered.clear()
        edit(site, "site.yaml", lambda t, name=name: t.replace("Test Clinic Ltd", name).replace(
            "Test Clinic Group", name))  # every page rendered again
        assert build(site, options).rendered > 12
        counts.append((stored(), len(rendered)))
    (first_stored, first_renders), (second_stored, second_renders) = counts
    assert first_stored == second_stored >= 12  # each article's body (with its answers), once
    assert first_renders - second_renders == first_stored  # then only plain pages' bodies, which are not stored


def test_a_body_saved_again_after_the_article_was_parsed_is_rendered_but_not_cached() -> None:
    from types import SimpleNamespace

    from medpress.content import parse_article
    from medpress.render import MarkdownSource

    parsed = parse_article("content/articles/drug-01.md", article("Drug 01", body="## Overview\n\nAs parsed.\n"))
    assert parsed is not None
    for body, cached in [("## Overview\n\nSaved since.\n", False), ("## Overview\n\nAs parsed.\n", True)]:
        store: dict[str, object] = {}
        cache = SimpleNamespace(get=store.get, put=store.__setitem__)
        config = SimpleNamespace(words_per_minute=200, markdown_engine="gfm", markdown_extensions=())
        source = MarkdownSource(config, cache, lambda _, body=body: body)  # type: ignore[arg-type]
        assert body.split("\n")[2] in source.article(parsed).body.html  # the page shows what the file holds
        assert bool(store) == cached


def test_a_title_edit_whose_pages_need_an_unreadable_saved_article_takes_the_full_build(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path) -> None:
    from medpress.cache import shard_of

    site = make_site(many_articles())
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    first = build(site, options)
    assert first.cache_dir is not None
    # drug-07 is on drug-06's page, as related; its entry in the saved state is garbage now.
    shard = first.cache_dir / f"parsed-{shard_of('content/articles/drug-07.md'):03d}.pickle"
    saved = pickle.loads(shard.read_bytes())
    saved["content/articles/drug-07.md"] = b"not a pickle"
    shard.write_bytes(pickle.dumps(saved))
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("title: Drug 06", "title: Drug six"))
    report = build(site, options)
    assert report.rendered == report.pages  # the full build, which could not trust the state either
    assert_as_a_cold_build(site, out)


def test_a_link_to_a_page_whose_saved_links_cannot_be_read_is_checked_by_the_full_build(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path) -> None:
    from medpress.cache import shard_of
    from medpress.errors import BuildFailed

    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    first = build(site, options)
    assert first.cache_dir is not None
    shard = first.cache_dir / f"links-{shard_of('drug-07/index.html'):03d}.pickle"
    saved = pickle.loads(shard.read_bytes())
    saved["drug-07/index.html"] = b"not a pickle"  # its ids are unknown now
    shard.write_bytes(pickle.dumps(saved))
    edit(site, "content/articles/drug-06.md", lambda t: t + "\nSee [the missing part](/drug-07/#no-such-id).\n")
    with pytest.raises(BuildFailed) as failed:
        build(site, options)
    assert any("no-such-id" in problem.message for problem in failed.value.problems)

IN_PLACE_EDITS: dict[str, tuple[str, Callable[[str], str]]] = {  # article, change to its file
    "title": ("drug-06", lambda t: t.replace("title: Drug 06", "title: Drug six")),
    "summary": ("drug-06", lambda t: t.replace("summary: Summary of Drug 06.", "summary: What drug six does.")),
    "drug name": ("drug-05", lambda t: t.replace("name: Drug05", "name: Fivedrug")),
    "updated date": ("drug-06", lambda t: t.replace("reviewed: 2026-03-01",
                                                    "reviewed: 2026-03-01\nupdated: 2026-02-01")),
    "FAQ": ("drug-03", lambda t: t.replace("title: Drug 03",
                                           "title: Drug 03\nfaq:\n  - {q: Is it safe?, a: 'See [it](/drug-04/).'}")),
    "reading time": ("drug-07", lambda t: t.replace("title: Drug 07", "title: Drug 07\nreading_time: 9")),
    "title and body": ("drug-09", lambda t: t.replace("Drug 09", "Drug nine") + "\nMore text.\n"),
}


@pytest.mark.parametrize("in_memory", [False, True], ids=["from the cache", "in memory"])
@pytest.mark.parametrize("kind", list(IN_PLACE_EDITS))
def test_frontmatter_edits_in_place_rebuild_without_reading_the_whole_site(  # type: ignore[no-untyped-def]
        kind: str, in_memory: bool, make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medpress.plan

    site = make_site({"site.yaml": SITE_YAML + "per_page: 3\n", **many_articles()})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1, save_cache=not in_memory)
    first = build(site, options)
    slug, change = IN_PLACE_EDITS[kind]
    edit(site, f"content/articles/{slug}.md", change)
    monkeypatch.setattr(medpress.plan, "prepare", lambda *a, **k: pytest.fail("read the whole site"))
    again = build(site, options, previous=first.state if in_memory else None)
    assert 0 < again.rendered < again.pages
    monkeypatch.undo()
    assert_as_a_cold_build(site, out)


@pytest.mark.parametrize("assembled", [False, True], ids=["site left to the first edit", "site put together"])
def test_repeated_frontmatter_edits_in_memory_as_the_dev_server_makes_them(  # type: ignore[no-untyped-def]
        assembled: bool, make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medpress.plan
    from medpress.cache import code_version, load_state
    from medpress.plan import site_of_state

    site = make_site(many_articles())
    out = tmp_path / "out"
    first = build(site, BuildOptions(out=out, today=TODAY, search=False, jobs=1))
    assert first.cache_dir is not None and first.state is not None
    state = load_state(first.cache_dir, code_version())  # as the dev server reads it, without the site
    assert state is not None
    if assembled:  # as the dev server then puts it together
        state = replace(state, site=site_of_state(state, TODAY))
        assert state.site == first.state.site  # as the full build assembled it
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1, save_cache=False)
    for round_, slug in enumerate(["drug-06", "drug-07", "drug-06", "drug-03"]):
        edit(site, f"content/articles/{slug}.md", lambda t, n=round_: t.replace("title: Drug", f"title: Take {n},"))
        with monkeypatch.context() as patched:
            patched.setattr(medpress.plan, "prepare", lambda *a, **k: pytest.fail("read the whole site"))
            report = build(site, options, previous=state)
        assert report.state is not None and report.state.site is not None  # the next edit starts from it
        state = report.state
        assert_as_a_cold_build(site, out)


MOVING_EDITS: dict[str, Callable[[str], str]] = {  # changes to drug-06 that change which pages list it
    "category": lambda t: t.replace("category: opioids", "category: benzodiazepines"),
    "related": lambda t: t.replace("related: [drug-07, drug-08]", "related: [drug-07]"),
    "review date": lambda t: t.replace("reviewed: 2026-03-01", "reviewed: 2026-04-01"),
    "aliases": lambda t: t.replace("title: Drug 06", "title: Drug 06\naliases: [/old/drug-six/]"),
    "draft": lambda t: t.replace("title: Drug 06", "title: Drug 06\ndraft: true"),
}


@pytest.mark.parametrize("kind", list(MOVING_EDITS))
def test_frontmatter_edits_that_move_an_article_take_the_full_build(  # type: ignore[no-untyped-def]
        kind: str, make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medpress.plan

    site = make_site(many_articles())
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    if kind == "draft":  # nothing may list a draft
        for other in ("drug-04", "drug-05"):
            edit(site, f"content/articles/{other}.md", lambda t: t.replace("drug-06", "drug-01"))
    edit(site, "content/articles/drug-06.md", MOVING_EDITS[kind])
    prepared = []
    full = medpress.plan.prepare
    monkeypatch.setattr(medpress.plan, "prepare", lambda *a, **k: prepared.append(1) or full(*a, **k))
    build(site, options)
    assert prepared
    assert_as_a_cold_build(site, out)


def test_a_frontmatter_edit_that_breaks_the_review_policy_fails_and_keeps_the_site(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path) -> None:
    from medpress.errors import BuildFailed

    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    before = tree(tmp_path / "out")
    edit(site, "content/articles/drug-06.md", lambda t: t.replace("fact_checked: true", "fact_checked: false"))
    with pytest.raises(BuildFailed) as failed:
        build(site, options)
    assert [(p.path, p.key) for p in failed.value.problems] == [("content/articles/drug-06.md", "fact_checked")]
    assert tree(tmp_path / "out") == before


def test_parallel_and_serial_builds_are_identical(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(many_articles(80))
    build(site, BuildOptions(out=tmp_path / "serial", today=TODAY, search=False, jobs=1, use_cache=False))
    build(site, BuildOptions(out=tmp_path / "parallel", today=TODAY, search=False, jobs=2, use_cache=False))
    assert tree(tmp_path / "serial") == tree(tmp_path / "parallel")


def test_problems_found_by_parallel_parsing_are_the_serial_ones_in_order(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from medpress.errors import BuildFailed
    from medpress.pipeline import check

    files = many_articles(80)
    files["content/articles/drug-07.md"] = files["content/articles/drug-07.md"].replace("title:", "titel:")  # type: ignore[union-attr]
    files["content/articles/drug-41.md"] = "---\ntitle: [unclosed\n---\nBody.\n"
    files["content/articles/drug-66.md"] = files["content/articles/drug-66.md"].replace(  # type: ignore[union-attr]
        "reviewed: ", "reviewed: 2026-13-40 #")
    site = make_site(files)
    found = {}
    for jobs in (1, 2):
        with pytest.raises(BuildFailed) as failed:
            check(site, BuildOptions(today=TODAY, search=False, jobs=jobs))
        found[jobs] = [str(problem) for problem in failed.value.problems]
    assert found[1] == found[2]
    assert sorted({line.split(":")[0] for line in found[2]}) == [
        "content/articles/drug-07.md", "content/articles/drug-41.md", "content/articles/drug-66.md"]


def test_a_deleted_cache_gives_a_cold_build_with_the_same_output(make_site, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import subprocess

    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False)
    build(site, options)
    before = tree(tmp_path / "out")
    shutil.rmtree(tmp_path / ".out.cache")
    edit(site, "content/articles/drug-01.md", lambda t: t)  # touch
    # The unknown copies are deleted by rm processes while the build goes on; slow them
    # down so that returning before they finish could not go unnoticed.
    popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kwargs: popen(
        ["sh", "-c", 'sleep 0.3 && exec "$@"', "sh", *args], **kwargs))
    report = build(site, options)
    assert report.rendered == report.pages
    assert tree(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir() if ".trash-" in p.name) == []
    assert tree(tmp_path / ".out.spare") == tree(tmp_path / "out")  # the next build starts from a twin


def test_a_failed_build_keeps_the_cache_usable(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from medpress.errors import BuildFailed

    site = make_site(many_articles())
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    good = (site / "content/articles/drug-02.md").read_text()
    edit(site, "content/articles/drug-02.md", lambda t: t + "\n[broken](/nowhere/)\n")
    with pytest.raises(BuildFailed):
        build(site, options)
    (site / "content/articles/drug-02.md").write_text(good + "\nFixed.\n")
    build(site, options)
    assert_as_a_cold_build(site, tmp_path / "out")


def set_key(text: str, key: str, value: str | None) -> str:
    """The article with one frontmatter key set to value (added after the title if missing), or removed."""
    front, _, body = text.removeprefix("---\n").partition("\n---\n")
    lines = [line for line in front.split("\n") if not line.startswith(f"{key}:")]
    if value is not None:
        lines.insert(1, f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body


# Each valid for any n: kinds the quick rebuild takes, and kinds that need the full build.
SEQUENCE_EDITS: dict[str, Callable[[str, int], str]] = {
    "title": lambda t, n: set_key(t, "title", f"Drug retitled {n}"),
    "summary": lambda t, n: set_key(t, "summary", f"Summary number {n}."),
    "body": lambda t, n: t + f"\nSentence {n}.\n",
    "updated": lambda t, n: set_key(t, "updated", f"2026-02-{n % 28 + 1:02d}"),
    "drug": lambda t, n: set_key(t, "drug", f"{{name: {'AB'[n % 2]}drug{n}, generic: generic{n}}}"),
    "reading time": lambda t, n: set_key(t, "reading_time", str(n % 20 + 1)),
    "review date": lambda t, n: set_key(t, "reviewed", f"2026-03-{n % 28 + 1:02d}"),
    "category": lambda t, n: set_key(t, "category", ("opioids", "benzodiazepines")[n % 2]),
}


@given(edits=st.lists(st.tuples(st.sampled_from(list(SEQUENCE_EDITS)), st.integers(0, 11), st.integers(0, 99)),
                      min_size=1, max_size=4),
       in_memory=st.booleans())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_sequence_of_article_edits_gives_what_a_cold_build_gives(  # type: ignore[no-untyped-def]
        edits: list[tuple[str, int, int]], in_memory: bool, make_site, tmp_path_factory) -> None:
    # Quick rebuilds and full builds in any order, each starting from the state the last one left.
    root = tmp_path_factory.mktemp("sequence")
    # The same files again for each example. A feed of 4 of the 12 and listings of 3 a page, so review
    # dates move articles in and out of the feed and from one listing page to another.
    site = make_site({"site.yaml": SITE_YAML + "feed_entries: 4\nper_page: 3\n", **many_articles()})
    options = BuildOptions(out=root / "out", today=TODAY, search=False, jobs=1, save_cache=not in_memory,
                           cache=root / "cache")
    state = build(site, options).state
    for kind, number, n in edits:
        edit(site, f"content/articles/drug-{number:02d}.md", lambda t, kind=kind, n=n: SEQUENCE_EDITS[kind](t, n))
        report = build(site, options, previous=state if in_memory else None)
        state = report.state
        assert_as_a_cold_build(site, root / "out")


def test_the_cache_version_follows_medpress_s_code_layouts_and_assets(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import medpress.cache
    from medpress.cache import code_version

    package = tmp_path / "medpress"
    for rel, text in {"render.py": "x = 1\n", "layouts/base.html": "<p>", "assets/site.css": "p{}",
                      "__pycache__/render.cpython-311.pyc": "compiled"}.items():
        (package / rel).parent.mkdir(parents=True, exist_ok=True)
        (package / rel).write_text(text, encoding="utf-8")
    monkeypatch.setattr(medpress.cache, "PACKAGE_DIR", package)
    versions = [code_version()]
    (package / "__pycache__/render.cpython-311.pyc").write_text("compiled again", encoding="utf-8")
    assert code_version() == versions[0]  # compiled files follow the code
    (package / ".#render.py").symlink_to("editor@host.4242:1700000000")  # Emacs's lock on a file being edited
    assert code_version() == versions[0]
    for change in (lambda: (package / "layouts/base.html").write_text("<p>.", encoding="utf-8"),
                   lambda: (package / "assets/site.css").rename(package / "assets/page.css"),
                   lambda: (package / "search.py").write_text("", encoding="utf-8")):
        change()
        versions.append(code_version())
    assert len(set(versions)) == len(versions)


def test_a_page_whose_layout_shows_the_day_is_made_again_on_another_day(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # site.today is the site's day, not a file's: a page that shows it (an "as of" date, a copyright year)
    # reads it, and only such pages are made again when the day changes.
    layout = '{% extends "medpress/article.html" %}{% block head %}<meta name="day" content="{{ site.today }}">' \
             '{% endblock %}'
    site = make_site({"content/reviewers/dr-ada.yaml": REVIEWER, **many_articles(), "layouts/article.html": layout})
    out = tmp_path / "out"
    build(site, BuildOptions(out=out, today=TODAY, search=False, jobs=1))
    next_day = TODAY + timedelta(days=1)
    again = build(site, BuildOptions(out=out, today=next_day, search=False, jobs=1))
    assert again.rendered == 12 + 2  # the articles, and the two of the base site's files
    assert f'<meta name="day" content="{next_day}">' in (out / "drug-00/index.html").read_text()
    cold = tmp_path / "cold"
    build(site, BuildOptions(out=cold, today=next_day, search=False, jobs=1, use_cache=False))
    assert tree(out) == tree(cold)
