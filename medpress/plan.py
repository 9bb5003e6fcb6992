"""The rebuild after an editor changed a few articles: re-render only the pages that read them.

Every page the last build made is saved with the facts its rendering read
(reads.py). An edit changes some facts of each edited article: its frontmatter
("front"), its body ("body"), and the site-wide facts made from every article
(reads.AGGREGATES). The pages to render again are exactly those that read a
changed fact; nothing lists which pages show what.

This takes the quick way only while the edit leaves each article where it stands
(reads.placed: same slug, category, reviewer, dates, related list...): then the
site's listings, related insights and page list are the last build's. The site is the last build's with the
edited articles in place: the dev server's, held in memory, or the one the saved
state describes, whose articles are read from its shards only as the pages to
render ask for them.

Anything else - a problem in the new text, a broken link, an id that other pages
may link to gone - is left to the full build, which reports it the usual way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

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
from .layouts import make_env
from .links import PageLinks, check_pages, scan
from .model import Article, Output, ReviewPolicy, ReviewStatus, Site
from .options import Run
from .pages import Listed, PageJob
from .reads import AGGREGATES, JOIN, fact, placed
from .render import MarkdownSource, Renderer, Rendering
from .review import check_review, review_status, review_statuses
from .search import index_site
from .sources import Inputs, front_digest, read_body, read_text, split_frontmatter, text_digest
from .write import OutputWriter, read_build_id

MAX_EDITED = 16  # more changed files than this is not an editor typing
MAX_PAGES = 256  # more pages than this render sooner in the full build's worker processes


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

    def changed_facts(self) -> set[str]:
        """The facts of the site this edit changes: the article's own, and the site-wide ones it is part of."""
        slug = self.after.slug
        changed = {name for name, projection in AGGREGATES.items()
                   if projection(self.before) != projection(self.after)}
        if self.front_changed:
            changed.add(fact("front", slug))
        if self.before.body_digest != self.after.body_digest:
            changed.add(fact("body", slug))
        return changed


def rebuild_edited(run: Run, inputs: Inputs, previous: BuildState | None) -> QuickEdit | None:
    """Re-render the pages that read what the edited articles changed; None when the change needs a full build.

    previous is the state held in memory (by the dev server); without it the
    state is read from the cache, only the parts needed.
    """
    core = _saved_state(run, inputs, previous)
    changed = _changed_files(core, inputs)
    if core is None or core.facts is None or not changed:
        return None
    in_memory = previous is not None
    parsed: _Entries = _InMemory(core.parsed) if in_memory else Shards(run.cache_dir, "parsed")
    links: _Entries = _InMemory(core.links) if in_memory else Shards(run.cache_dir, "links")
    edits = _read_edits(run.site_dir, changed, parsed)
    if not edits or any(core.facts.files.get(edit.before.slug) != edit.rel for edit in edits):
        return None  # not an article of this site (a draft left out of the build)
    if any(edit.front_changed for edit in edits) and not _all_in_place(core, edits, run.today):
        return None
    jobs = _jobs(core.outputs, set().union(*(edit.changed_facts() for edit in edits)))
    site = _edited_site(core, edits, parsed, run.today, in_memory) if jobs is not None else None
    if jobs is None or site is None:
        return None
    try:
        pages = _render(_renderer(run, site, core.facts, edits), jobs, links, set(core.files))
    except _Unreadable:
        return None
    if pages is None:
        return None
    state, written = _write(run, core, pages, links)
    if state is None:
        return None
    for edit in edits:
        parsed.put(edit.rel, (inputs.stamps[edit.rel], edit.after))
    state = replace(state, stamps=inputs.stamps, site=site if in_memory else None)
    _save(run, state, parsed, links)
    # A state read in shards is not whole: the next build reads it from the cache instead.
    return QuickEdit(state if in_memory else None, len(pages), written, state.pages, state.warnings)


def _saved_state(run: Run, inputs: Inputs, previous: BuildState | None) -> BuildState | None:
    """The last build's state if it describes the live output and was made with these options."""
    core = previous
    if core is None and run.options.use_cache:
        core = load_core(run.cache_dir, run.version)
    if core is None or core.version != run.version or core.options_key != run.options_key:
        return None
    if core.stamps.keys() != inputs.stamps.keys() or read_build_id(run.out) != core.build_id:
        return None
    return core


def _changed_files(core: BuildState | None, inputs: Inputs) -> list[str]:
    """The input files changed since the state's build; [] when there are none, or too many to be an edit."""
    if core is None:
        return []
    changed = [rel for rel, stamp in inputs.stamps.items() if core.stamps[rel] != stamp]
    return changed if len(changed) <= MAX_EDITED else []


def _edited_site(core: BuildState, edits: list[_Edit], parsed: _Entries, today: date, in_memory: bool) -> Site | None:
    """The last build's site with the edited articles in place: whole in memory, or read from shards as asked."""
    assert core.facts is not None
    if not in_memory:
        return _saved_site(core.facts, edits, parsed, today)
    whole = core.site or site_of_state(core, today)  # the dev server's, from its last build or put together now
    return _site_with(whole, edits) if whole is not None else None


def _renderer(run: Run, site: Site, facts: SiteFacts, edits: list[_Edit]) -> Renderer:
    """A renderer for the edited site, with the bodies of the edited articles as they were read."""
    compiled = code_folder(run.cache_dir, run.version) if run.options.use_cache else None
    env = make_env(site.config, facts.asset_urls, compiled / "layouts" if compiled else None)
    bodies = {edit.after.slug: edit.body for edit in edits}
    markdown = MarkdownSource(site.config, MarkdownStore(compiled / "markdown") if compiled else None,
                              lambda article: bodies[article.slug] if article.slug in bodies
                              else read_body(site.config, article))
    return Renderer(site, env, markdown, facts.base_key)


def _write(run: Run, core: BuildState, pages: dict[str, tuple[PageJob, Rendering, PageLinks | None]],
           links: _Entries) -> tuple[BuildState | None, int]:
    """Write the pages into the spare copy, keep every other file, swap it in; the new state and files written."""
    with OutputWriter(run.out, core.build_id, core.spare_id, core.spare) as writer:
        if not writer.live_is_known:
            return None, 0
        forget_state(run.cache_dir)  # the spare copy is about to change
        outputs = dict(core.outputs)
        written = 0
        writer.keep_all({path: digest for path, digest in core.files.items() if path not in pages})
        for path, (job, page, scanned) in pages.items():
            digest, wrote = writer.put(path, page.data)
            writer.record(path, digest)
            outputs[path] = (page.key, digest, page.reads, *job.as_tuple())
            if scanned is not None:
                links.put(path, scanned)
            written += wrote
        build_id = writer.commit(index_site if run.options.search else None)
    return replace(core, inputs_key=run.inputs_key, build_id=build_id, outputs=outputs, files=dict(writer.manifest),
                   spare_id=core.build_id, spare=core.files), written


def _save(run: Run, state: BuildState, parsed: _Entries, links: _Entries) -> None:
    """Save the state: whole when it was held in memory, else the shards it changed and the rest."""
    if isinstance(parsed, _InMemory) and isinstance(links, _InMemory):
        state.parsed, state.links = parsed.entries, links.entries
        if run.options.save_cache:
            save_state(run.cache_dir, state)
    elif isinstance(parsed, Shards) and isinstance(links, Shards) and run.options.save_cache:
        parsed.save()
        links.save()
        save_core(run.cache_dir, state)


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
            after: Article | None = replace(before, body_digest=text_digest(body))
        else:
            from .content import parse_article  # YAML and the schema: a body edit starts sooner without

            after = parse_article(rel, text)
        if after is None:
            return []
        edits.append(_Edit(rel, before, after, body))
    return edits


def _all_in_place(core: BuildState, edits: list[_Edit], today: date) -> bool:
    """Every edit leaves its article where it stands, and neither the old nor the new article has a problem.

    Problems are what assemble() would find: with what it reads of an article
    unchanged (reads.placed), only the review policy can find something new, and
    it is asked here.
    """
    facts = core.facts
    assert facts is not None
    reviewers = {r.id: r for r in facts.reviewers}
    for edit in edits:
        before, after = edit.before, edit.after
        if placed(before) != placed(after):
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


def _jobs(outputs: Mapping[str, Output], changed: set[str]) -> list[PageJob] | None:
    """The pages that read a changed fact; None when there are more than one process renders quickly."""
    needles = [JOIN + name + JOIN for name in changed]
    jobs = [PageJob(path, kind, name, number) for path, (_, _, reads, kind, name, number) in outputs.items()
            if any(needle in reads for needle in needles)]
    return sorted(jobs, key=lambda job: job.path) if len(jobs) <= MAX_PAGES else None


def _render(renderer: Renderer, jobs: list[PageJob], links: _Entries,
            existing: set[str]) -> dict[str, tuple[PageJob, Rendering, PageLinks | None]] | None:
    """Render the pages; None if any has a problem, a broken link, or lost an id."""
    pages: dict[str, tuple[PageJob, Rendering, PageLinks | None]] = {}
    known: dict[str, PageLinks] = {}
    for job in jobs:
        try:
            page = renderer.render(job)
        except SiteError:
            return None
        if page.problems:
            return None
        scanned = scan(job.path, page.data) if job.path.endswith(".html") else None
        if scanned is not None:
            before: PageLinks | None = links.get(job.path)
            if before is None or not before.ids <= scanned.ids:  # a link elsewhere may point at a lost id
                return None
            known[job.path] = scanned
        pages[job.path] = (job, page, scanned)
    return pages if _links_hold(known, links, existing) else None


def _links_hold(rendered: dict[str, PageLinks], links: _Entries, existing: set[str]) -> bool:
    """True when every link of the rendered pages, anchors included, finds its target."""
    known = dict(rendered)
    for scanned in rendered.values():
        for _, target, fragment in scanned.links:
            if fragment and target and target not in known:
                target_links = links.get(target)
                if target_links is not None:
                    known[target] = target_links
                elif target.endswith(".html") and target in existing:
                    return False  # every page's links were saved: this entry cannot be read
    return not check_pages(known, set(rendered), existing)
