"""A page's key is made from what its rendering read: whatever a layout shows, an edit reaches it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_FILES, REVIEWER, SITE_YAML, TODAY, article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_incremental import assert_as_a_cold_build, edit, many_articles

import medpress.graph
from medpress.graph import assemble
from medpress.model import Content, Origin
from medpress.pipeline import BuildOptions, build
from medpress.reads import placed

COUNT_FOOTER = """\
<footer class="site-footer"><p class="count">{{ site.articles | length }} reviewed articles</p>
<p class="board">{% for r in site.reviewers %}{{ r.name }} ({{ r.credentials }}) {% endfor %}</p></footer>
"""


def footers(out: Path) -> set[str]:
    """What the footer says on every HTML page that has one."""
    found = set()
    for page in out.rglob("*.html"):
        match = re.search(r'<p class="count">(.*?)</p>', page.read_text(encoding="utf-8"))
        if match:
            found.add(match.group(1))
    return found


def test_a_footer_that_counts_the_articles_is_right_on_every_page_after_one_is_added(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path) -> None:
    site = make_site({"layouts/partials/footer.html": COUNT_FOOTER, **many_articles(10)})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    assert footers(tmp_path / "out") == {"12 reviewed articles"}  # ten and the two of the base site
    (site / "content/articles/added.md").write_text(article("Added"), encoding="utf-8")
    build(site, options)
    assert footers(tmp_path / "out") == {"13 reviewed articles"}
    assert_as_a_cold_build(site, tmp_path / "out")


def test_a_reviewer_board_in_the_footer_follows_a_credentials_edit(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"layouts/partials/footer.html": COUNT_FOOTER, **many_articles(6)})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    edit(site, "content/reviewers/dr-ada.yaml", lambda t: t.replace("MD, psychiatrist", "MD, FRCPsych"))
    report = build(site, options)
    assert report.rendered == report.pages - 4  # every page shows the board: all but feed, robots, _redirects, _headers
    assert "Dr Ada Test (MD, FRCPsych)" in (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert_as_a_cold_build(site, tmp_path / "out")


def test_a_title_edit_reaches_a_layout_that_lists_every_title(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    titles = '<footer class="site-footer">{% for a in site.articles %}<span>{{ a.title }}</span>{% endfor %}</footer>\n'
    site = make_site({"layouts/partials/footer.html": titles, **many_articles(6)})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1)
    build(site, options)
    edit(site, "content/articles/drug-02.md", lambda t: t.replace("title: Drug 02", "title: Drug two"))
    report = build(site, options)
    assert report.rendered == report.pages - 4  # all but the sitemap, robots.txt, _redirects and _headers
    assert "<span>Drug two</span>" in (tmp_path / "out/404.html").read_text(encoding="utf-8")
    assert_as_a_cold_build(site, tmp_path / "out")


class _Recording:
    """An article that notes each field read of it."""

    def __init__(self, article: Any, seen: set[str]) -> None:
        self._article = article
        self._seen = seen

    def __getattr__(self, name: str) -> Any:
        self._seen.add(name)
        return getattr(self._article, name)


def test_placed_holds_everything_assemble_reads_of_an_article(make_site, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The quick rebuild keeps the last build's listings while placed() is unchanged: that is
    # only sound if assemble() reads nothing else (the review policy and the quality checks are asked separately).
    from medpress.config import load_config
    from medpress.content import load_content

    site = make_site({**many_articles(6), "content/articles/drug-01.md": article(
        "Drug 01", related="[drug-02]", aliases="[/old/drug-one/]", image="{src: images/x.svg, alt: X}",
        updated="2026-04-01", draft="true")})
    (site / "assets/images").mkdir(parents=True)
    (site / "assets/images/x.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    config = load_config(site)
    content, _ = load_content(config)
    seen: set[str] = set()
    recording = Content(tuple(_Recording(a, seen) for a in content.articles), content.reviewers,  # type: ignore[misc]
                        content.pages, content.assets)
    monkeypatch.setattr(medpress.graph, "check_review", lambda *args, **kwargs: [])
    monkeypatch.setattr(medpress.graph, "article_problems", lambda *args, **kwargs: [])
    monkeypatch.setattr(medpress.graph, "review_statuses", lambda *args, **kwargs: {})
    for drafts in (False, True):
        assemble(config, recording, TODAY, drafts)
    probe = _Recording(content.articles[0], set())
    fields_placed: set[str] = set()
    probe._seen = fields_placed
    placed(probe)  # type: ignore[arg-type]
    assert seen <= fields_placed | {"origin"}, seen - fields_placed
    assert isinstance(content.articles[0].origin, Origin)


# --- any sequence of edits, incremental against cold --------------------------------------------

LAYOUTS = {
    "count": "{{ site.articles | length }} articles",
    "newest titles": "{% for a in site.articles[:2] %}{{ a.title }};{% endfor %}",
    "board": "{% for r in site.reviewers %}{{ r.credentials }};{% endfor %}",
    "review dates": "{% for slug, s in site.review.items() %}{{ slug }}={{ s.next_due }};{% endfor %}",
    "writers": "{% for a in site.authors %}{{ a.name }} ({{ a.role }});{% endfor %}",
    "topics": "{% for slug, name in site.listings.tag_names | dictsort %}{{ name }};{% endfor %}",
}


def _footer(text: str) -> str:
    return f'<footer class="site-footer">{text}</footer>\n'


def _change(site: Path, step: tuple[str, int, int]) -> None:
    kind, number, n = step
    rel = f"content/articles/drug-{number:02d}.md"
    path = site / rel
    exists = path.exists()
    if kind == "add":
        if not exists:
            path.write_text(article(f"Drug {number:02d}", category="opioids"), encoding="utf-8")
    elif not exists:
        return
    elif kind == "delete":
        path.unlink()
    elif kind == "rename":
        path.rename(site / f"content/articles/drug-{number:02d}-{n}.md")
    elif kind in ARTICLE_EDITS:
        edit(site, rel, lambda t: ARTICLE_EDITS[kind](t, n))
    _change_site(site, kind, n)


def _change_site(site: Path, kind: str, n: int) -> None:
    if kind == "credentials":
        edit(site, "content/reviewers/dr-ada.yaml", lambda t: re.sub(r"credentials: .*", f"credentials: MD {n}", t))
    elif kind == "author file":
        edit(site, "content/authors/nadia.yaml", lambda t: re.sub(r"role: .*", f"role: Writer {n}", t))
    elif kind == "category title":
        edit(site, "site.yaml", lambda t: re.sub(r"title: Opioids.*", f"title: Opioids {n}", t))
    elif kind == "layout":
        layout = site / "layouts/partials/footer.html"
        names = list(LAYOUTS)
        if n % (len(names) + 1) == len(names):
            layout.unlink(missing_ok=True)
        else:
            layout.parent.mkdir(parents=True, exist_ok=True)
            layout.write_text(_footer(LAYOUTS[names[n % (len(names) + 1)]]), encoding="utf-8")


def _set_key(text: str, key: str, value: str) -> str:
    """The article with its frontmatter key set to value, or removed when value is ''."""
    text = re.sub(rf"(?m)^{key}: .*\n", "", text, count=1)
    return text.replace("\n---\n", f"\n{key}: {value}\n---\n", 1) if value else text


ARTICLE_EDITS = {
    "body": lambda t, n: t + f"\nParagraph {n}.\n",
    "title": lambda t, n: re.sub(r"title: .*", f"title: Title {n}", t, count=1),
    "summary": lambda t, n: re.sub(r"summary: .*", f"summary: Summary {n}.", t, count=1),
    "date": lambda t, n: re.sub(r"reviewed: .*", f"reviewed: 2026-0{1 + n % 5}-1{n % 9}", t, count=1),
    "category": lambda t, n: re.sub(r"category: .*", f"category: {('opioids', 'benzodiazepines')[n % 2]}", t,
                                    count=1),
    "related": lambda t, n: re.sub(r"related: .*", "related: []" if n % 3 == 0 else
                                   f"related: [drug-{n % 3:02d}]", t, count=1),
    "tags": lambda t, n: _set_key(t, "tags", ("", "[Withdrawal, detox]", "[withdrawal]", "[detox, Detox]")[n % 4]),
    "author": lambda t, n: _set_key(t, "author", ("", "nadia", "Editorial team")[n % 3]),
}
KINDS = [*ARTICLE_EDITS, "add", "delete", "rename", "credentials", "author file", "category title", "layout"]



@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 11), st.integers(0, 40)),
                      min_size=1, max_size=6),
       in_memory=st.booleans())
def test_any_sequence_of_site_edits_gives_what_a_cold_build_gives(  # type: ignore[no-untyped-def]
        steps: list[tuple[str, int, int]], in_memory: bool, make_site, tmp_path_factory) -> None:
    root = tmp_path_factory.mktemp("edits")
    site = root / "site"
    site.mkdir()
    # Articles 0-2 are related to by others and never deleted, so every related list stays valid.
    files = {"site.yaml": SITE_YAML + "feed_entries: 4\nper_page: 3\n", "content/reviewers/dr-ada.yaml": REVIEWER,
             "content/authors/nadia.yaml": "name: Nadia Writer\nrole: Writer\n",
             "content/pages/contact.md": BASE_FILES["content/pages/contact.md"],
             **{f"content/articles/drug-{n:02d}.md": article(
                 f"Drug {n:02d}", related=f"[drug-{n % 3:02d}]" if n >= 3 else None,
                 drug=f"{{name: Drug{n:02d}, generic: generic{n:02d}}}") for n in range(9)}}
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text or "", encoding="utf-8")
    options = BuildOptions(out=root / "out", today=TODAY, search=False, jobs=1, save_cache=not in_memory,
                           cache=root / "cache")
    state = build(site, options).state
    for step in steps:
        kind, number, _ = step
        if kind in ("delete", "rename", "related") and number < 3:
            continue
        _change(site, step)
        report = build(site, options, previous=state if in_memory else None)
        state = report.state
        assert_as_a_cold_build(site, root / "out")


def test_nothing_a_page_reads_holds_a_set_whose_repr_would_change_from_process_to_process() -> None:
    # Pages' keys digest what they read by its repr (reads.digest_of): a set prints in each process's own hash
    # order, so a set field would render every page again at every build (SiteConfig.untranslated did). Only
    # the containers, which are digested table by table (their sets sorted), may hold one.
    import dataclasses
    import typing

    import medpress.model as model

    containers = {"Content", "Site"}
    found = [f"{name}.{field.name}" for name, kind in vars(model).items()
             if isinstance(kind, type) and dataclasses.is_dataclass(kind) and kind.__module__ == model.__name__
             and name not in containers
             for field in dataclasses.fields(kind)
             if field.repr and "set" in str(typing.get_type_hints(kind)[field.name]).lower()]
    assert found == []
