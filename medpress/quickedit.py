"""The rebuild after an editor changed a few articles: re-render only the pages that show them.

A change to an article's body shows on that article's page and nowhere else:
listings, related cards, the sitemap and the feed are made from frontmatter only
(their keys say so).

A frontmatter change that leaves the article where it is in the site (same slug,
category, reviewer, author, related list, review date, last change, image, aliases
and draft flag) changes what some pages show but not which pages exist or what they
list: the saved Listings still hold. Only the pages that show the article and whose
keys changed are rendered.

Either way the site is the last build's, with the edited articles in place: the dev
server's, held in memory, or the one the saved state describes, whose articles are
read from its shards only as the pages to render ask for them (for a new title, 36
of the benchmark's 10,000).

Anything else - a problem in the new text, a broken link, an id that other pages
may link to gone - is left to the full build, which reports it the usual way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
from .model import Article, ReviewPolicy, ReviewStatus, Site
from .render import Listed, MarkdownSource, PageJob, SiteRenderer, make_env
from .review import check_review, review_status, review_statuses
from .search import index_site
from .sources import Inputs, front_digest, read_body, read_text, split_frontmatter, text_digest, whole_digest
from .write import OutputWriter, read_build_id

if TYPE_CHECKING:
    from .pipeline import BuildOptions

MAX_EDITED = 16  # more changed files than this is not an editor typing
# What an article's frontmatter may change and keep the quick rebuild: what pages show, not where.
IN_PLACE = frozenset({"title", "summary", "reading_time", "faq", "sources", "drug", "updated", "tags",
                      "fact_checked", "digest", "front_digest", "body_digest", "origin"})


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
    """What a rebuild of the edited articles' pages did."""

    state: BuildState | None
    rendered: int
    written: int
    pages: int
    warnings: list[Problem]


@dataclass(frozen=True, slots=True)
class _Edit:
    """One edited article: as the last build saw it and as it is now."""

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
    facts = core.facts
    if previous is not None:  # the dev server's whole site, from its last build or put together now
        whole = core.site or site_of_state(core, today)
        if whole is None:
            return None
        site = _site_with(whole, edits)
    else:
        site = _saved_site(facts, edits, parsed, today)
    compiled = code_folder(cache_dir, version) if options.use_cache else None
    env = make_env(site.config, facts.asset_urls, compiled / "layouts" if compiled else None)
    bodies = {edit.after.slug: edit.body for edit in edits}
    markdown = MarkdownSource(site.config, MarkdownStore(compiled / "markdown") if compiled else None,
                              lambda article: bodies[article.slug] if article.slug in bodies
                              else read_body(site.config, article))
    renderer = SiteRenderer(site, env, markdown, facts.base_key)
    try:
        jobs = _jobs(renderer, edits, core)
        pages = _render(renderer, jobs, links, set(core.files)) if jobs is not None else None
    except _Unreadable:
        return None
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
                    site=site if previous is not None else None)
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
            after: Article | None = replace(before, digest=whole_digest(rel, text), body_digest=text_digest(body))
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
        if before.last_changed != after.last_changed:  # the feed's order and the sitemap
            return False
        if any(problem.path == edit.rel for problem in core.warnings):
            return False
        if check_review(after, reviewers, facts.config.review_policy, today):
            return False
    return True


def site_of_state(state: BuildState, today: date) -> Site | None:
    """The whole site as the state's last build assembled it (state read with all its shards)."""
    facts = state.facts
    if facts is None:
        return None
    articles = []
    for rel in facts.files.values():  # in slug order, as assemble() sorts them
        entry = state.parsed.get(rel)
        if entry is None:
            return None
        articles.append(entry[1])
    return Site(facts.config, tuple(articles), facts.reviewers, facts.pages, today,
                review_statuses(articles, facts.config.review_policy, today), facts.related,
                {a.slug: a for a in articles}, facts.listings, facts.unpublished)


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


def _saved_site(facts: SiteFacts, edits: list[_Edit], parsed: _Entries, today: date) -> Site:
    """The site the saved state describes, with the edited articles in place, read as pages ask."""
    by_slug = _SavedArticles(facts.files, parsed, {edit.after.slug: edit.after for edit in edits})
    return Site(facts.config, Listed(tuple(facts.files), by_slug), facts.reviewers, facts.pages, today,
                _ReviewOnDemand(by_slug, facts.config.review_policy, today), facts.related, by_slug,
                facts.listings, facts.unpublished)


class _Unreadable(Exception):
    """A saved article a page needs cannot be read: the full build takes over.

    Not a LookupError, which a layout would take for a missing value."""


class _SavedArticles(Mapping[str, Article]):
    """The last build's articles by slug, with the edited ones in place, each read when first asked for."""

    def __init__(self, files: dict[str, str], parsed: _Entries, edited: dict[str, Article]) -> None:
        self.files = files
        self.parsed = parsed
        self.edited = edited

    def __getitem__(self, slug: str) -> Article:
        if slug in self.edited:
            return self.edited[slug]
        entry = self.parsed.get(self.files[slug])
        if entry is None:
            raise _Unreadable(slug)
        return entry[1]  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


class _ReviewOnDemand(Mapping[str, ReviewStatus]):
    """The review status of each article that has a review date, worked out when a page asks."""

    def __init__(self, articles: Mapping[str, Article], policy: ReviewPolicy, today: date) -> None:
        self.articles = articles
        self.policy = policy
        self.today = today

    def __getitem__(self, slug: str) -> ReviewStatus:
        status = review_status(self.articles[slug], self.policy, self.today)
        if status is None:
            raise KeyError(slug)
        return status

    def __iter__(self) -> Iterator[str]:
        return (slug for slug in self.articles if slug in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
            if fragment and target and target not in known:
                target_links = links.get(target)
                if target_links is not None:
                    known[target] = target_links
                elif target.endswith(".html") and target in existing:
                    return None  # every page's links were saved: this entry cannot be read
    if check_pages(known, checked, existing):
        return None
    return pages
