"""The rebuild after only article bodies changed: re-render just those articles' pages.

A change to an article's body, not its frontmatter, shows on that article's page
and nowhere else: listings, related cards, the sitemap and the feed are made from
frontmatter only (their keys say so). So when every changed input is an article
whose frontmatter is as before, its page is rendered against the few articles it
shows, read from the build state's shards, and every other file is kept. Anything
else - a problem in the new body, a broken link, ids that other pages may link to
changing - is left to the full build, which reports it the usual way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .cache import BuildState, MarkdownStore, Shards, code_folder, forget_state, load_core, save_core, save_state
from .errors import Problem, SiteError
from .links import PageLinks, check_pages, scan
from .model import Article, Site
from .render import MarkdownSource, PageJob, SiteRenderer, make_env
from .review import review_status
from .search import index_site
from .sources import Inputs, front_digest, read_body, read_text, split_frontmatter, whole_digest
from .write import OutputWriter, read_build_id

if TYPE_CHECKING:
    from .pipeline import BuildOptions

MAX_EDITED = 16  # more changed files than this is not an editor typing


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
class BodyEdit:
    state: BuildState | None
    rendered: int
    written: int
    pages: int
    warnings: list[Problem]


def rebuild_bodies(site_dir: Path, out: Path, inputs: Inputs, options: BuildOptions, *, today: date,
                   cache_dir: Path, version: str, options_key: str, inputs_key: str,
                   previous: BuildState | None) -> BodyEdit | None:
    """Re-render the pages of articles whose body alone changed; None when the change is anything else.

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
    edited = _edited_articles(site_dir, changed, parsed, inputs)
    site = _site_around(core, edited, parsed, today) if edited else None
    if site is None:
        return None
    facts = core.facts
    compiled = code_folder(cache_dir, version) if options.use_cache else None
    env = make_env(site.config, facts.asset_urls, compiled / "layouts" if compiled else None)
    markdown = MarkdownSource(site.config, MarkdownStore(compiled / "markdown") if compiled else None,
                              lambda article: read_body(site.config, article))
    renderer = SiteRenderer(site, env, markdown, facts.base_key)
    pages = _render(renderer, [article for _, article in edited], links, set(core.files))
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
            links.put(path, scanned)
            written += wrote
        build_id = writer.commit(index_site if options.search else None)
    for rel, article in edited:
        parsed.put(rel, (inputs.stamps[rel], article))
    state = replace(core, inputs_key=inputs_key, build_id=build_id, outputs=outputs, files=dict(writer.manifest),
                    spare_id=core.build_id, spare=core.files, stamps=inputs.stamps)
    if isinstance(parsed, _InMemory) and isinstance(links, _InMemory):
        state.parsed, state.links = parsed.entries, links.entries
        if options.save_cache:
            save_state(cache_dir, state)
    elif isinstance(parsed, Shards) and isinstance(links, Shards) and options.save_cache:
        parsed.save()
        links.save()
        save_core(cache_dir, state)
    # A state read in shards is not whole: the next build reads it from the cache instead.
    return BodyEdit(state if previous is not None else None, len(pages), written, state.pages, state.warnings)


def _edited_articles(site_dir: Path, changed: list[str], parsed: _Entries,
                     inputs: Inputs) -> list[tuple[str, Article]]:
    """The changed files as articles with their new digest, if each is an article whose frontmatter is unchanged."""
    edited = []
    for rel in changed:
        entry = parsed.get(rel)
        if entry is None:  # not an article, or one the last build could not read
            return []
        article: Article = entry[1]
        try:
            text = read_text(site_dir / rel, rel)
            body = split_frontmatter(text, rel)[1]
        except SiteError:
            return []
        if front_digest(rel, text, body) != article.front_digest:
            return []
        edited.append((rel, replace(article, digest=whole_digest(rel, text))))
    return edited


def _site_around(core: BuildState, edited: list[tuple[str, Article]], parsed: _Entries, today: date) -> Site | None:
    """The site as the edited articles' pages see it: themselves, the articles they show, the reviewers."""
    facts = core.facts
    assert facts is not None
    shown = {article.slug: article for _, article in edited}
    if any(slug not in facts.related for slug in shown):  # a draft left out of this build
        return None
    for slug in [s for article in list(shown.values()) for s in facts.related[article.slug]]:
        if slug not in shown:
            entry = parsed.get(facts.files.get(slug, ""))
            if entry is None:
                return None
            shown[slug] = entry[1]
    policy = facts.config.review_policy
    review = {slug: status for slug, article in shown.items() if (status := review_status(article, policy, today))}
    return Site(facts.config, tuple(sorted(shown.values(), key=lambda a: a.slug)), facts.reviewers, facts.pages,
                today, review, {slug: facts.related[slug] for slug in shown}, shown, facts.unpublished)


def _render(renderer: SiteRenderer, articles: list[Article], links: _Entries,
            existing: set[str]) -> dict[str, tuple[PageJob, bytes, PageLinks]] | None:
    """Render the articles' pages; None if any has a problem, a broken link, or ids that changed."""
    pages: dict[str, tuple[PageJob, bytes, PageLinks]] = {}
    for article in articles:
        job = renderer.article_job(article)
        try:
            data, problems = renderer.render(job)
        except SiteError:
            return None
        scanned = scan(job.path, data)
        before: PageLinks | None = links.get(job.path)
        if problems or before is None or before.ids != scanned.ids:
            return None
        pages[job.path] = (job, data, scanned)
    known: dict[str, PageLinks] = {path: scanned for path, (_, _, scanned) in pages.items()}
    for _, _, scanned in pages.values():
        for _, target, fragment in scanned.links:
            if fragment and target and target not in known and (target_links := links.get(target)) is not None:
                known[target] = target_links
    if check_pages(known, pages, existing):
        return None
    return pages
