"""Planning a build: which pages to render, what to keep of the last build, and the site to render them from.

Every page the last build made is saved with the facts its rendering read
(reads.py) and the key made from them.

A full plan (plan_full) reads and assembles the whole site and renders every page
that is new or whose key, worked out again from the facts it read last time,
differs.

A quick plan (plan_edit) is for a few edited articles that each stay where they
stand (reads.placed: same slug, category, reviewer, dates, related list...): the
site's listings, related insights and page list are then the last build's. An edit
changes some facts of each edited article - its frontmatter ("front"), its body
("body"), and the site-wide facts made from every article (reads.AGGREGATES) - and
the pages to render are exactly those whose saved reads hold a changed fact. The
site is the last build's with the edited articles in place: the dev server's, held
in memory, or the one the saved state describes, whose articles are read from its
shards only as the pages ask for them.

Both plans go to the same pipeline.publish. A quick plan's doubts - a problem in the
new text, a broken link, an id other pages may link to gone - make publish hand the
build to a full plan, which reports them the usual way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from .brand import brand_css
from .cache import BuildState, LanguageFacts, MarkdownStore, Shards, SiteFacts, code_folder, load_core
from .errors import BuildFailed, Problem, SiteError, only_errors, raise_if_errors
from .graph import assemble, left_out_targets
from .images import ImageInfo, ImageJob, copies, inspect, is_image, resized, scripted_svgs, social_copy
from .layouts import layout_problems, make_env, site_messages
from .links import PageLinks
from .model import Article, Content, Output, ParsedFiles, ReviewPolicy, ReviewStatus, Site, SiteConfig
from .options import BuildOptions, Run
from .pages import Listed, PageJob
from .parallel import fork_map
from .quality import RULES, QualityPolicy, article_problems, policy_of, with_body, with_policy
from .reads import AGGREGATES, JOIN, digest_of, fact, lang_prefix, placed
from .render import MarkdownSource, Renderer
from .review import POLICY_KEYS, check_review, review_status, review_statuses
from .sources import (
    Inputs,
    front_digest,
    layout_digests,
    read_body,
    read_text,
    site_interface,
    split_frontmatter,
    text_digest,
)
from .static import plan_static
from .translations import link_paths
from .write import Asset, plan_assets, read_build_id

BUILTIN_ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "css/medpress.css"  # the one every page links, built-in or the site's own

MAX_EDITED = 16  # more changed files than this is not an editor typing
MAX_PAGES = 256  # more pages than this render sooner in the full build's worker processes


class Entries(Protocol):
    """A part of the build state read and changed an entry at a time: in memory, or shards on disk."""

    def get(self, key: str) -> Any: ...
    def put(self, key: str, value: Any) -> None: ...


class InMemory:
    """A part of a state held in memory, changed in a copy."""

    def __init__(self, entries: dict[str, Any]) -> None:
        self.entries = dict(entries)

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build will do: the site, the pages to render, and what it keeps of the last build."""

    site: Site
    renderer: Renderer
    pages: int  # how many pages the site has
    render: list[PageJob]  # the pages to render
    kept: dict[str, Output]  # the last build's pages that stay as they are
    kept_files: dict[str, str]  # the live files that stay as they are (path -> digest)
    assets: list[Asset]  # files to copy (none in a quick plan: its assets are the last build's)
    problems: list[Problem]  # found before rendering (warnings only)
    facts: SiteFacts  # what a quick rebuild after this build needs to know of the site
    parsed: Entries  # the parsed articles, the edited ones in place
    links: Entries  # the last build's page links
    start: BuildState | None  # the state of the live copy the plan starts from
    quick: bool = False  # True: anything it cannot judge alone hands the build to a full plan
    image_folder: Path | None = None  # where the images' resized copies are made (a full plan's)
    remake_images: bool = False  # make them again, even those the cache has

    @property
    def existing(self) -> set[str]:
        """Every file of the site this plan builds."""
        return set(self.kept_files) | {job.path for job in self.render} | {asset.target for asset in self.assets}


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
        slug, prefix = self.after.slug, lang_prefix(self.after.lang)  # a translation's are its language's
        changed = {prefix + name for name, projection in AGGREGATES.items()
                   if projection(self.before) != projection(self.after)}
        if self.front_changed:
            changed.add(prefix + fact("front", slug))
        if self.before.body_digest != self.after.body_digest:
            changed.add(prefix + fact("body", slug))
        return changed


def plan_edit(run: Run, inputs: Inputs, previous: BuildState | None) -> Plan | None:
    """A quick plan: the pages that read what a few edited articles changed; None when a full plan is needed.

    previous is the state held in memory (by the dev server); without it the
    state is read from the cache, only the parts needed.
    """
    core = _saved_state(run, inputs, previous)
    changed = _changed_files(core, inputs)
    if core is None or core.facts is None or not changed:
        return None
    in_memory = previous is not None
    parsed: Entries = InMemory(core.parsed) if in_memory else Shards(run.cache_dir, "parsed")
    links: Entries = InMemory(core.links) if in_memory else Shards(run.cache_dir, "links")
    edits = _as_published(core.facts, _read_edits(run.site_dir, changed, parsed, policy_of(core.facts.config)))
    if not edits:
        return None  # not an article of this site (a draft left out of the build)
    warnings = _warnings_after(core, edits, run.options.drafts)
    if warnings is None:
        return None
    if any(edit.front_changed for edit in edits) and not _all_in_place(core, edits, run.today):
        return None
    jobs = _jobs(core.outputs, set().union(*(edit.changed_facts() for edit in edits)))
    site = _edited_site(core, edits, parsed, run.today, in_memory) if jobs is not None else None
    if jobs is None or site is None:
        return None
    for edit in edits:
        parsed.put(edit.rel, (inputs.stamps[edit.rel], edit.after))
    rendered = {job.path for job in jobs}
    return Plan(site, _renderer(run, site, core.facts, edits), core.pages, jobs,
                {path: made for path, made in core.outputs.items() if path not in rendered},
                {path: digest for path, digest in core.files.items() if path not in rendered}, [],
                warnings, core.facts, parsed, links, core, quick=True)


def plan_full(run: Run, inputs: Inputs, state: BuildState | None) -> Plan:
    """A full plan: the whole site read and assembled, and every page whose reads changed; raise BuildFailed on errors.

    state is the last build's (with every shard), or None for a cold build.
    """
    compiled = code_folder(run.cache_dir, run.version)
    prepared = prepare(run.site_dir, run.options, state, compiled if run.options.use_cache else None, inputs,
                       compiled / "images")
    live = state is not None and read_build_id(run.out) == state.build_id
    made = state.outputs if state is not None and live else {}
    render = [job for job in prepared.jobs if not _is_fresh(prepared.renderer, job, made.get(job.path))]
    rendered = {job.path for job in render}
    kept = {job.path: made[job.path] for job in prepared.jobs if job.path in made and job.path not in rendered}
    site = prepared.site
    facts = SiteFacts(site.config, site.reviewers, site.pages, site.related,
                      {a.slug: a.origin.path for a in site.articles}, site.unpublished,
                      prepared.renderer.base_key, prepared.asset_urls, site.listings, site.authors,
                      site.images, {tag: LanguageFacts(other.related, {a.slug: a.origin.path for a in other.articles},
                                                       other.unpublished, other.listings, other.sources,
                                                       tuple(other.pages), other.reviewers, other.authors)
                                    for tag, other in site.languages.items()}, site.versions)
    links = {path: scanned for path, scanned in (state.links if state else {}).items() if path in kept}
    return Plan(site, prepared.renderer, len(prepared.jobs), render, kept,
                {path: output[1] for path, output in kept.items()}, prepared.assets, prepared.problems, facts,
                InMemory(prepared.parsed), InMemory(links), state, image_folder=compiled / "images",
                remake_images=not run.options.use_cache)


def with_image_copies(plan: Plan, rendered: Mapping[str, PageLinks], workers: int | None) -> Plan:
    """The full plan with the resized copies of the images its pages use, made in worker processes.

    An image is used when a page (rendered now, or kept) links one of its copies:
    an image under assets/ that no page shows gets none. Copies the cache holds
    (by the image's content hash) are not made again.
    """
    folder = plan.image_folder
    assert folder is not None and isinstance(plan.links, InMemory), "a full plan's"
    of_copy = {f"assets/{variant.src}": info for info in plan.site.images.values() for variant in info.variants}
    if not of_copy:
        return plan
    used: dict[str, ImageInfo] = {}
    kept = (plan.links.entries[path] for path in plan.kept if path in plan.links.entries)
    for scanned in [*rendered.values(), *kept]:
        for _, target, _ in scanned.links:
            info = of_copy.get(target)
            if info is not None:
                used[info.src] = info
    assets_dir = plan.site.config.assets_dir
    missing = [ImageJob(assets_dir / src, src, False, folder, plan.remake_images)
               for src, info in sorted(used.items())
               if plan.remake_images or not all(file.is_file() for _, file in resized(info, folder))]
    problems = [Problem(made.problem, f"assets/{made.src}", hint="save the image again, or replace it")
                for made in fork_map(inspect, missing, workers, per_worker=2) if made.problem]
    raise_if_errors(problems)
    made = [Asset(file, f"assets/{name}") for src in sorted(used) for name, file in resized(used[src], folder)]
    return replace(plan, assets=plan.assets + made)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A site read, assembled and checked against itself, with its page jobs."""

    site: Site
    renderer: Renderer
    jobs: list[PageJob]
    assets: list[Asset]
    problems: list[Problem]
    parsed: ParsedFiles
    asset_urls: dict[str, str]
    copies: list[str]  # the output paths of every image's copies (those a build would make, if used)
    # What links may name of the content files that failed to load (graph.left_out_targets): not judged by check.
    left_out: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def prepare(site_dir: Path, options: BuildOptions, state: BuildState | None = None,
            cache: Path | None = None, inputs: Inputs | None = None, images: Path | None = None,
            read: Callable[[Content, SiteConfig], None] | None = None, list_everything: bool = False) -> Prepared:
    """Read and assemble the site; raise BuildFailed if anything is wrong before rendering.

    cache is the versioned folder for rendered Markdown and compiled layouts; images
    the folder of resized images (None: no copies are made, as in check); read, when
    given, is shown the content as read, even when the site then fails. With
    list_everything (check), errors that leave the site whole do not stop it: they are
    in the Prepared's problems, to be raised once the pages and their links are checked too.
    """
    # Parsing (YAML, the schema) and the worker pool are imported where they are first
    # needed: a rebuild after a body edit uses none of them and starts sooner without.
    from .config import load_config
    from .content import load_content

    config = load_config(site_dir, options.base_url, typos_noted=True)  # listed with the content's problems
    content, problems = load_content(config, inputs, state.parsed if state else None, options.jobs)
    problems = with_policy(problems, config.review_policy.strict, options.drafts)  # of articles that did not parse
    if read is not None:
        read(content, config)
    known = _unchanged_images(state, inputs) if options.use_cache else {}
    infos = read_images(config, content, images, not options.use_cache, options.jobs, known)
    site, graph_problems = assemble(config, content, options.today or date.today(), options.drafts, infos)
    static, static_problems = plan_static(site, content.static)
    svgs = [(rel, config.site_dir / rel) for rel in content.static if rel.lower().endswith(".svg")]
    problems += graph_problems + static_problems + scripted_svgs(infos, svgs)
    assets, asset_urls = plan_assets([BUILTIN_ASSETS, config.assets_dir], {STYLESHEET: brand_css(config.brand)})
    try:
        interface = site_interface(config)
    except SiteError as error:  # an override that cannot be read: listed with the content's problems
        raise BuildFailed([*problems, error.problem]) from None
    env = make_env(config, asset_urls, cache / "layouts" if cache else None, interface, options.search)
    problems += (interface.problems(config.languages, site_messages(env, config), config.language_lines)
                 + layout_problems(env, config))
    # An article with a stale review or a placeholder leaves the site whole, and a file that failed to load is
    # left out of it: check goes on to render the rest.
    whole = {p for p in graph_problems if leaves_site_whole(p)} if list_everything else set()
    left_out = content.left_out if list_everything else frozenset()
    if any(p not in whole and p.path not in left_out for p in only_errors(problems)):
        raise BuildFailed(problems)
    if images is not None:  # the social PNGs; the resized copies are made once the pages show which are used
        assets += [Asset(file, f"assets/{src}") for info in infos.values() for src, file in social_copy(info, images)]
    store = MarkdownStore(cache / "markdown", filling=state is not None) if cache else None
    markdown = MarkdownSource(config, store, lambda article: read_body(config, article))
    # Only fingerprinted (CSS, JS) URLs can change a page; an added image cannot.
    fingerprinted = sorted((path, url) for path, url in asset_urls.items() if not url.endswith("/" + path))
    base_key = digest_of(config, fingerprinted, options.drafts, options.search, layout_digests(config))
    renderer = Renderer(site, env, markdown, base_key)
    return Prepared(site, renderer, renderer.jobs(), assets + static, problems, content.parsed, asset_urls,
                    [f"assets/{src}" for info in infos.values() for src, _ in copies(info, Path())],
                    left_out_targets(content, config) if left_out else (frozenset(), frozenset()))


def leaves_site_whole(problem: Problem) -> bool:
    """True for an error of the review gate or the editorial checks about an article or page that parsed.

    Such a site renders as a --drafts preview of it would, so its links can still be checked.
    """
    return bool(problem.rule) or problem.key in POLICY_KEYS


def read_images(config: SiteConfig, content: Content, folder: Path | None, remake: bool,
                workers: int | None, known: Mapping[str, ImageInfo] | None = None) -> dict[str, ImageInfo]:
    """Every image under assets/, read in worker processes, with the social PNG of each SVG article image.

    known holds images read by the last build whose files have not changed since:
    they are taken as they are, unless their social PNG is wanted and missing.
    """
    social = {article.image.src for article in content.articles if article.image is not None}
    infos: dict[str, ImageInfo] = {}
    jobs = []
    for src in sorted(content.assets):
        if not is_image(src):
            continue
        before = (known or {}).get(src)
        if before is not None and not before.problem and _same_social(before, src in social, folder):
            infos[src] = before
        else:
            jobs.append(ImageJob(config.assets_dir / src, src, src in social, folder, remake, resize=False))
    infos.update((info.src, info) for info in fork_map(inspect, jobs, workers))
    return dict(sorted(infos.items()))


def _unchanged_images(state: BuildState | None, inputs: Inputs | None) -> dict[str, ImageInfo]:
    """The last build's images whose files have the same size and time now."""
    if state is None or state.facts is None or inputs is None:
        return {}
    return {src: info for src, info in state.facts.images.items()
            if (stamp := inputs.stamps.get(f"assets/{src}")) is not None and state.stamps.get(f"assets/{src}") == stamp}


def _same_social(info: ImageInfo, wanted: bool, folder: Path | None) -> bool:
    """True when an image read before has the social PNG it needs now (made, in folder), and no other."""
    if info.social == info.src:  # a raster image is its own
        return True
    if not wanted:
        return not info.social
    return bool(info.social) and folder is not None and all(file.is_file() for _, file in social_copy(info, folder))


def _is_fresh(renderer: Renderer, job: PageJob, made: Output | None) -> bool:
    """True when the last build made this page and nothing it read has changed since."""
    return made is not None and made[3:] == job.as_tuple() and renderer.is_fresh(job.path, made[0], made[2])


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


def _edited_site(core: BuildState, edits: list[_Edit], parsed: Entries, today: date, in_memory: bool) -> Site | None:
    """The last build's site with the edited articles in place: whole in memory, or read from shards as asked."""
    assert core.facts is not None
    if not in_memory:
        return _saved_site(core.facts, edits, parsed, today)
    whole = core.site or site_of_state(core, today)  # the dev server's, from its last build or put together now
    return _site_with(whole, edits) if whole is not None else None


def _renderer(run: Run, site: Site, facts: SiteFacts, edits: list[_Edit]) -> Renderer:
    """A renderer for the edited site, with the bodies of the edited articles as they were read."""
    compiled = code_folder(run.cache_dir, run.version) if run.options.use_cache else None
    env = make_env(site.config, facts.asset_urls, compiled / "layouts" if compiled else None,
                   site_interface(site.config), run.options.search)
    bodies = {edit.rel: edit.body for edit in edits}  # by file: a translation may share its source's slug
    markdown = MarkdownSource(site.config, MarkdownStore(compiled / "markdown") if compiled else None,
                              lambda article: bodies[article.origin.path] if article.origin.path in bodies
                              else read_body(site.config, article))
    return Renderer(site, env, markdown, facts.base_key)


def _read_edits(site_dir: Path, changed: list[str], parsed: Entries, policy: QualityPolicy) -> list[_Edit]:
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
            own = policy.for_file(rel)
            after: Article | None = with_body(replace(before, body_digest=text_digest(body)), body, own)
        else:
            from .content import parse_article  # YAML and the schema: a body edit starts sooner without

            after = parse_article(rel, text, policy)
        if after is None:
            return []
        edits.append(_Edit(rel, before, after, body))
    return edits


def _as_published(facts: SiteFacts, edits: list[_Edit]) -> list[_Edit]:
    """The edits with each article as the last build published it (a translation with its language,
    source and slug); [] when one is not an article the last build published."""
    published = []
    for edit in edits:
        if not edit.before.lang:
            if facts.files.get(edit.before.slug) != edit.rel:
                return []
            published.append(edit)
            continue
        found = _translation_at(facts, edit.rel)
        if found is None or edit.before.slug != edit.after.slug:
            return []  # not published, or a slug: line that changed: the full plan works out its address
        tag, slug, source = found
        published.append(replace(edit, before=replace(edit.before, lang=tag, slug=slug, source=source),
                                 after=replace(edit.after, lang=tag, slug=slug, source=source)))
    return published


def _translation_at(facts: SiteFacts, rel: str) -> tuple[str, str, str] | None:
    """The language, slug and source of the translation the last build published from file rel."""
    for tag, language in facts.languages.items():
        for slug, path in language.files.items():
            if path == rel:
                source = next(src for src, own in language.sources.items() if own == slug)
                return tag, slug, source
    return None


def _warnings_after(core: BuildState, edits: list[_Edit], drafts: bool) -> list[Problem] | None:
    """The last build's warnings, with what the quality checks find in the edited articles now in place of
    what they found before; None when the full build must judge (a quality error, or another warning there).
    """
    assert core.facts is not None
    edited = {edit.rel for edit in edits}
    if any(p.path in edited and p.rule not in RULES for p in core.warnings):
        return None  # a review or link warning of the edited file: the full build says whether it still holds
    warnings = [p for p in core.warnings if p.path not in edited]
    for edit in edits:
        found = article_problems(edit.after, core.facts.config.review_policy.strict, drafts)
        if edit.after.quality is None or any(p.severity == "error" for p in found):
            return None  # the full build refuses it, with every problem listed
        warnings += found
    return sorted(warnings, key=Problem.sort_key)


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
        if check_review(after, reviewers, facts.config.review_policy, today):
            return False
        if after.lang and after.origin.line("slug") != before.origin.line("slug"):
            return False  # a slug line added or removed (a changed one never comes here: _as_published)
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
    site = Site(facts.config, tuple(articles), facts.reviewers, facts.pages, today,
                review_statuses(articles, facts.config.review_policy, today), facts.related,
                {a.slug: a for a in articles}, facts.listings, facts.unpublished, facts.authors, facts.images,
                {path: slug for slug, path in facts.files.items()})
    return _with_languages(site, facts, InMemory(state.parsed), {})


def _site_with(site: Site, edits: list[_Edit]) -> Site:
    """The whole site held in memory, with the edited articles (and translations) in place."""
    languages = {tag: _replaced(other, [edit.after for edit in edits if edit.after.lang == tag])
                 for tag, other in site.languages.items()}
    return replace(_replaced(site, [edit.after for edit in edits if not edit.after.lang]), languages=languages)


def _replaced(site: Site, articles: list[Article]) -> Site:
    """One language's site with these of its articles in place."""
    edited = {article.slug: article for article in articles}
    if not edited:
        return site
    review = dict(site.review)
    for slug, article in edited.items():
        status = review_status(article, site.config.review_policy, site.today)
        if status is None:
            review.pop(slug, None)
        else:
            review[slug] = status
    return replace(site, articles=tuple(edited.get(a.slug, a) for a in site.articles),
                   by_slug={**site.by_slug, **edited}, review=review)


def _saved_site(facts: SiteFacts, edits: list[_Edit], parsed: Entries, today: date) -> Site:
    """The site the saved state describes, with the edited articles in place, read as pages ask."""
    by_slug = _SavedArticles(facts.files, parsed, {edit.after.slug: edit.after for edit in edits
                                                   if not edit.after.lang})
    site = Site(facts.config, Listed(tuple(facts.files), by_slug), facts.reviewers, facts.pages, today,
                _ReviewOnDemand(by_slug, facts.config.review_policy, today), facts.related, by_slug,
                facts.listings, facts.unpublished, facts.authors, facts.images,
                {path: slug for slug, path in facts.files.items()})
    return _with_languages(site, facts, parsed, {edit.after.origin.path: edit.after for edit in edits})


def _with_languages(site: Site, facts: SiteFacts, parsed: Entries, edited: dict[str, Article]) -> Site:
    """The site with the site of each of its languages, their translations read as pages ask (edited ones in place)."""
    if not facts.languages:
        return site
    languages = {}
    for tag, language in facts.languages.items():
        origin = {slug: source for source, slug in language.sources.items()}

        def publish(slug: str, article: Article, tag: str = tag, origin: dict[str, str] = origin) -> Article:
            return replace(article, lang=tag, slug=slug, source=origin[slug])

        own = {article.slug: article for path, article in edited.items() if path in language.files.values()}
        by_slug = _SavedArticles(language.files, parsed, own, publish)
        config = site.config.in_language(tag)
        languages[tag] = replace(
            site, config=config, articles=Listed(tuple(language.files), by_slug), pages=language.pages,
            review=_ReviewOnDemand(by_slug, config.review_policy, site.today), related=language.related,
            by_slug=by_slug, listings=language.listings, unpublished=language.unpublished,
            paths=link_paths(site.paths, ((path, origin[slug]) for slug, path in language.files.items())),
            versions=facts.versions,
            sources=language.sources, reviewers=language.reviewers, authors=language.authors)
    return replace(site, languages=languages, versions=facts.versions)


class Unreadable(Exception):
    """A saved article a page needs cannot be read: the full build takes over.

    Not a LookupError, which a layout would take for a missing value."""


class _SavedArticles(Mapping[str, Article]):
    """The last build's articles by slug, with the edited ones in place, each read when first asked for."""

    def __init__(self, files: dict[str, str], parsed: Entries, edited: dict[str, Article],
                 publish: Callable[[str, Article], Article] | None = None) -> None:
        self.files = files
        self.parsed = parsed
        self.edited = edited
        self.publish = publish  # a translation as parsed -> as published (its language, source and slug)

    def __getitem__(self, slug: str) -> Article:
        if slug in self.edited:
            return self.edited[slug]
        entry = self.parsed.get(self.files[slug])
        if entry is None:
            raise Unreadable(slug)
        return entry[1] if self.publish is None else self.publish(slug, entry[1])

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
