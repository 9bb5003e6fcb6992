"""The rebuild after an editor changed a few articles: re-render only the pages that show them.

A change to an article's body shows on that article's page and nowhere else:
listings, related cards, the sitemap and the feed are made from frontmatter only
(their keys say so). Its page is rendered against the few articles it shows, read
from the build state's shards, and every other file is kept.

A frontmatter change that leaves the article where it is in the site (same slug,
category, reviewer, author, related list, review date, image, aliases and draft
flag) changes what some pages show but not which pages exist or what they list.
The whole site is then put together from the saved articles (or taken from the
dev server's memory) with the new one in place, and only the pages that show the
article and whose keys changed are rendered.

Anything else - a problem in the new text, a broken link, an id that other pages
may link to gone - is left to the full build, which reports it the usual way.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .cache import (
    BuildState,
    MarkdownStore,
    Shards,
    SiteFacts,
    code_folder,
    forget_state,
    load_core,
    save_core,
    save_state,
)
from .errors import Problem, SiteError
from .links import PageLinks, check_pages, scan
from .model import Article, Site
from .render import MarkdownSource, PageJob, SiteRenderer, make_env
from .review import check_review, review_status, review_statuses
from .search import index_site
from .sources import Inputs, front_digest, read_body, read_text, split_frontmatter, whole_digest
from .write import OutputWriter, read_build_id

if TYPE_CHECKING:
    from .pipeline import BuildOptions

MAX_EDITED = 16  # more changed files than this is not an editor typing
# What an article's frontmatter may change and keep the quick rebuild: what pages show, not where.
IN_PLACE = frozenset({"title", "summary", "reading_time", "faq", "sources", "drug", "updated", "tags",
                      "fact_checked", "digest", "front_digest", "origin"})


class _Entries(Protocol):
    def get(self, key: str) -> Any: ...
    def put(self, key: str, value: Any) -> None: ...


class _InMemory:
    """A part of a state held in memory (the dev server's), changed in a copy."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self.entries = dict(entries)

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value


@dataclass(frozen=True, slots=True)
class QuickEdit:
    state: BuildState | None
    rendered: int
    written: int
    pages: int
    warnings: list[Problem]


@dataclass(frozen=True, slots=True)
class _Edit:
    rel: str
    before: Article
    after: Article
    body: str  # the new Markdown, read once

    @property
    def front_changed(self) -> bool:
        return self.before.front_digest != self.after.front_digest


def rebuild_edited(site_dir: Path, out: Path, inputs: Inputs, options: BuildOptions, *, today: date,
                   cache_dir: Path, version: str, options_key: str, inputs_key: str,
                   previous: BuildState | None) -> QuickEdit | None:
    """Re-render the pages that show the edited articles; None when the change needs a full build.

    previous is the state held in memory (by the dev server); without it the
    state is read from cache_dir, only the parts needed.
    """
    core = previous if previous is not None else (load_core(cache_dir, version) if options.use_cache else None)
    if core is None or core.facts is None or core.version != version or core.options_key != options_key:
        return None
    if core.stamps.keys() != inputs.stamps.keys() or read_build_id(out) != core.build_id:
        return None
    changed = [rel for rel, stamp in inputs.stamps.items() if core.stamps[rel] != stamp]
    if not changed or len(changed) > MAX_EDITED:
        return None
    parsed: _Entries = _InMemory(core.parsed) if previous is not None else Shards(cache_dir, "parsed")
    links: _Entries = _InMemory(core.links) if previous is not None else Shards(cache_dir, "links")
    edits = _read_edits(site_dir, changed, parsed)
    if not edits or any(core.facts.files.get(edit.before.slug) != edit.rel for edit in edits):
        return None  # not an article of this site (a draft left out of the build)
    front_changed = any(edit.front_changed for edit in edits)
    if front_changed and not _all_in_place(core, edits, today):
        return None
    if core.site is not None:  # the dev server's, from its last build
        site: Site | None = _site_with(core.site, edits)
    elif front_changed:
        site = _whole_site(core, edits, parsed, today)
    else:
        site = _site_around(core, [edit.after for edit in edits], parsed, today)
    if site is None:
        return None
    whole = core.site is not None or front_changed
    facts = core.facts
    compiled = code_folder(cache_dir, version) if options.use_cache else None
    env = make_env(site.config, facts.asset_urls, compiled / "layouts" if compiled else None)
    bodies = {edit.after.slug: edit.body for edit in edits}
    markdown = MarkdownSource(site.config, MarkdownStore(compiled / "markdown") if compiled else None,
                              lambda article: bodies[article.slug] if article.slug in bodies
                              else read_body(site.config, article))
    renderer = SiteRenderer(site, env, markdown, facts.base_key)
    jobs = _jobs(renderer, edits, core)
    pages = _render(renderer, jobs, links, set(core.files)) if jobs is not None else None
    if pages is None:
        return None
    with OutputWriter(out, core.build_id, core.spare_id, core.spare) as writer:
        if not writer.live_is_known:
            return None
        forget_state(cache_dir)  # the spare copy is about to change
        outputs = dict(core.outputs)
        written = 0
        writer.keep_all({path: digest for path, digest in core.files.items() if path not in pages})
        for path, (job, data, scanned) in pages.items():
            digest, wrote = writer.put(path, data)
            writer.record(path, digest)
            outputs[path] = (job.key, digest)
            if scanned is not None:
                links.put(path, scanned)
            written += wrote
        build_id = writer.commit(index_site if options.search else None)
    for edit in edits:
        parsed.put(edit.rel, (inputs.stamps[edit.rel], edit.after))
    state = replace(core, inputs_key=inputs_key, build_id=build_id, outputs=outputs, files=dict(writer.manifest),
                    spare_id=core.build_id, spare=core.files, stamps=inputs.stamps,
                    site=site if whole and previous is not None else None)
    if isinstance(parsed, _InMemory) and isinstance(links, _InMemory):
        state.parsed, state.links = parsed.entries, links.entries
        if options.save_cache:
            save_state(cache_dir, state)
    elif isinstance(parsed, Shards) and isinstance(links, Shards) and options.save_cache:
        parsed.save()
        links.save()
        save_core(cache_dir, state)
    # A state read in shards is not whole: the next build reads it from the cache instead.
    return QuickEdit(state if previous is not None else None, len(pages), written, state.pages, state.warnings)


def _read_edits(site_dir: Path, changed: list[str], parsed: _Entries) -> list[_Edit]:
    """The changed files as edited articles; [] unless each is an article the last build used and this one parses."""
    edits = []
    for rel in changed:
        entry = parsed.get(rel)
        if entry is None:  # not an article, or one the last build could not read
            return []
        before: Article = entry[1]
        try:
            text = read_text(site_dir / rel, rel)
            body = split_frontmatter(text, rel)[1]
        except SiteError:
            return []
        if front_digest(rel, text, body) == before.front_digest:
            after: Article | None = replace(before, digest=whole_digest(rel, text))
        else:
            from .content import parse_article  # YAML and the schema: a body edit starts sooner without

            after = parse_article(rel, text)
        if after is None:
            return []
        edits.append(_Edit(rel, before, after, body))
    return edits


def _all_in_place(core: BuildState, edits: list[_Edit], today: date) -> bool:
    """Every edit changes only what pages show, and neither the old nor the new article has a problem.

    Problems are what assemble() would find: with the fields it compares unchanged,
    only the review policy can find something new, and it is asked here.
    """
    facts = core.facts
    assert facts is not None
    reviewers = {r.id: r for r in facts.reviewers}
    for edit in edits:
        before, after = edit.before, edit.after
        if any(getattr(before, f.name) != getattr(after, f.name) for f in fields(Article) if f.name not in IN_PLACE):
            return False
        if any(problem.path == edit.rel for problem in core.warnings):
            return False
        if check_review(after, reviewers, facts.config.review_policy, today):
            return False
    return True


def _whole_site(core: BuildState, edits: list[_Edit], parsed: _Entries, today: date) -> Site | None:
    """The site as the last build assembled it, from the saved articles, with the edited ones in place."""
    facts = core.facts
    assert facts is not None
    edited = {edit.after.slug: edit.after for edit in edits}
    articles = []
    for slug, rel in facts.files.items():  # in slug order, as assemble() sorts them
        article = edited.get(slug)
        if article is None:
            entry = parsed.get(rel)
            if entry is None:
                return None
            article = entry[1]
        articles.append(article)
    return _site_of(facts, articles, today, facts.related)


def site_of_state(state: BuildState, today: date) -> Site | None:
    """The whole site as the state's last build assembled it (state read with all its shards)."""
    return _whole_site(state, [], _InMemory(state.parsed), today) if state.facts is not None else None


def _site_with(site: Site, edits: list[_Edit]) -> Site:
    """The whole site held in memory, with the edited articles in place."""
    edited = {edit.after.slug: edit.after for edit in edits}
    review = dict(site.review)
    for slug, article in edited.items():
        status = review_status(article, site.config.review_policy, site.today)
        if status is None:
            review.pop(slug, None)
        else:
            review[slug] = status
    return replace(site, articles=tuple(edited.get(a.slug, a) for a in site.articles),
                   by_slug={**site.by_slug, **edited}, review=review)


def _site_around(core: BuildState, edited: list[Article], parsed: _Entries, today: date) -> Site | None:
    """The site as the edited articles' pages see it: themselves, the articles they show, the reviewers."""
    facts = core.facts
    assert facts is not None
    shown = {article.slug: article for article in edited}
    for slug in [s for article in list(shown.values()) for s in facts.related[article.slug]]:
        if slug not in shown:
            entry = parsed.get(facts.files.get(slug, ""))
            if entry is None:
                return None
            shown[slug] = entry[1]
    return _site_of(facts, sorted(shown.values(), key=lambda a: a.slug), today,
                    {slug: facts.related[slug] for slug in shown})


def _site_of(facts: SiteFacts, articles: list[Article], today: date, related: dict[str, tuple[str, ...]]) -> Site:
    """A Site of these articles (in slug order) and of what the last build saved about the rest."""
    return Site(facts.config, tuple(articles), facts.reviewers, facts.pages, today,
                review_statuses(articles, facts.config.review_policy, today), related,
                {a.slug: a for a in articles}, facts.unpublished)


def _jobs(renderer: SiteRenderer, edits: list[_Edit], core: BuildState) -> list[PageJob] | None:
    """The pages to render: each edited article's, and the pages showing a changed frontmatter whose key changed."""
    site = renderer.site
    jobs: dict[str, PageJob] = {}
    for edit in edits:
        article = site.by_slug[edit.after.slug]
        shown = renderer.jobs_showing(article, edit.before) if edit.front_changed else [renderer.article_job(article)]
        jobs.update((job.path, job) for job in shown)
    if any(path not in core.outputs for path in jobs):
        return None
    return [job for path, job in sorted(jobs.items()) if core.outputs[path][0] != job.key]


def _render(renderer: SiteRenderer, jobs: list[PageJob], links: _Entries,
            existing: set[str]) -> dict[str, tuple[PageJob, bytes, PageLinks | None]] | None:
    """Render the pages; None if any has a problem, a broken link, or lost an id."""
    pages: dict[str, tuple[PageJob, bytes, PageLinks | None]] = {}
    known: dict[str, PageLinks] = {}
    for job in jobs:
        try:
            data, problems = renderer.render(job)
        except SiteError:
            return None
        if problems:
            return None
        scanned = scan(job.path, data) if job.path.endswith(".html") else None
        if scanned is not None:
            before: PageLinks | None = links.get(job.path)
            if before is None or not before.ids <= scanned.ids:  # a link elsewhere may point at a lost id
                return None
            known[job.path] = scanned
        pages[job.path] = (job, data, scanned)
    checked = set(known)
    for scanned in list(known.values()):
        for _, target, fragment in scanned.links:
            if fragment and target and target not in known and (target_links := links.get(target)) is not None:
                known[target] = target_links
    if check_pages(known, checked, existing):
        return None
    return pages
