"""The build recipe, shared by build, check and serve.

read (config, content) -> assemble (pure checks) -> render each page whose inputs
changed -> link check -> write the spare copy -> swap it in. Nothing reaches the
live output until every check has passed.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .cache import (
    BuildState,
    MarkdownStore,
    SiteFacts,
    code_folder,
    code_version,
    forget_state,
    load_state,
    load_summary,
    save_core,
    save_state,
)
from .errors import BuildFailed, Problem, raise_if_errors
from .graph import assemble
from .layouts import make_env
from .links import PageLinks, Source, check_pages, link_problems, pages_to_recheck
from .model import Output, ParsedFiles, Site
from .options import BuildOptions, Run
from .pages import PageJob
from .plan import rebuild_edited, site_of_state
from .reads import digest_of
from .render import MarkdownSource, Renderer
from .search import index_site, require_pagefind
from .sources import Inputs, layout_digests, read_body, scan_inputs, stamps_key
from .write import Asset, OutputWriter, check_out_dir, plan_assets, read_build_id

BUILTIN_ASSETS = Path(__file__).parent / "assets"


@dataclass(frozen=True, slots=True)
class Report:
    """What a build did, for the command line and the dev server."""

    pages: int
    written: int
    rendered: int
    warnings: list[Problem]
    seconds: float
    out: Path
    unchanged: bool = False
    state: BuildState | None = None  # what the next build may start from, without reading the cache
    cache_dir: Path | None = None


@dataclass(slots=True)
class Prepared:
    """A site read, assembled and checked against itself, with its page jobs."""

    site: Site
    renderer: Renderer
    jobs: list[PageJob]
    assets: list[Asset]
    problems: list[Problem]
    parsed: ParsedFiles = field(default_factory=dict)
    asset_urls: dict[str, str] = field(default_factory=dict)


def prepare(site_dir: Path, options: BuildOptions, state: BuildState | None = None,
            cache: Path | None = None, inputs: Inputs | None = None) -> Prepared:
    """Read and assemble the site; raise BuildFailed if anything is wrong before rendering.

    cache is the versioned folder for rendered Markdown and compiled layouts.
    """
    # Parsing (YAML, the schema) and the worker pool are imported where they are first
    # needed: a rebuild after a body edit uses none of them and starts sooner without.
    from .config import load_config
    from .content import load_content

    config = load_config(site_dir, options.base_url)
    content, problems = load_content(config, inputs, state.parsed if state else None, options.jobs)
    site, graph_problems = assemble(config, content, options.today or date.today(), options.drafts)
    problems += graph_problems
    raise_if_errors(problems)
    assets, asset_urls = plan_assets([BUILTIN_ASSETS, config.assets_dir])
    env = make_env(config, asset_urls, cache / "layouts" if cache else None)
    store = MarkdownStore(cache / "markdown") if cache else None
    markdown = MarkdownSource(config, store, lambda article: read_body(config, article))
    # Only fingerprinted (CSS, JS) URLs can change a page; an added image cannot.
    fingerprinted = sorted((path, url) for path, url in asset_urls.items() if not url.endswith("/" + path))
    base_key = digest_of(config, fingerprinted, options.drafts, layout_digests(config))
    renderer = Renderer(site, env, markdown, base_key)
    return Prepared(site, renderer, renderer.jobs(), assets, problems, content.parsed, asset_urls)


def check(site_dir: Path, options: BuildOptions) -> list[Problem]:
    """Validate everything a build would, in memory; return warnings or raise BuildFailed."""
    prepared = prepare(site_dir, options)
    from .parallel import render_jobs

    results = render_jobs(prepared.renderer, prepared.jobs, None, options.jobs, options.progress)
    problems = prepared.problems + [p for result in results for p in result.problems]
    raise_if_errors(problems)
    pages = {r.path: r.links for r in results if r.links is not None}
    existing = {j.path for j in prepared.jobs} | {a.target for a in prepared.assets}
    broken = check_pages(pages, pages, existing)
    problems += link_problems(broken, _sources(prepared, set(broken)))
    raise_if_errors(problems)
    return sorted(problems, key=Problem.sort_key)


def build(site_dir: Path, options: BuildOptions, previous: BuildState | None = None) -> Report:
    """Build every page whose inputs changed, check the whole site, then swap it into place.

    previous, the state a Report of this process returned, saves reading the cache.
    """
    with _cyclic_gc_paused():
        return _build(site_dir, options, previous)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Hold off the cycle collector while a build runs.

    A build holds every article of the site (about half a million objects at 10,000
    articles), and the collector would walk them all again and again while the build
    allocates: a third of a one-article rebuild's time. The build's own garbage is freed
    by reference counting; any cycles are collected once the build is over.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(site_dir: Path, options: BuildOptions, previous: BuildState | None) -> Report:
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    out = (options.out or site_dir / "output").resolve()
    check_out_dir(out, site_dir)
    if options.search:
        require_pagefind()  # say so before rendering anything
    inputs = scan_inputs(site_dir, out)
    today = options.today or date.today()
    options_key = digest_of(options.drafts, options.search, today.isoformat(), options.base_url)
    run = Run(site_dir, out, options.cache or out.parent / f".{out.name}.cache", code_version(), today,
              options_key, stamps_key(inputs.stamps, options_key), options)
    cache_dir, version, inputs_key = run.cache_dir, run.version, run.inputs_key
    if previous is not None and previous.version != version:
        previous = None
    summary = previous or (load_summary(cache_dir, version) if options.use_cache else None)
    if summary and summary.inputs_key == inputs_key and _output_is(out, summary.build_id):
        return Report(summary.pages, 0, 0, summary.warnings, time.perf_counter() - started, out,
                      unchanged=True, state=previous, cache_dir=cache_dir)
    edit = rebuild_edited(run, inputs, previous)
    if edit is not None:
        return Report(edit.pages, edit.written, edit.rendered, edit.warnings, time.perf_counter() - started, out,
                      state=edit.state, cache_dir=cache_dir)
    state = previous or (load_state(cache_dir, version) if options.use_cache else None)
    prepared = prepare(site_dir, options, state, code_folder(cache_dir, version) if options.use_cache else None,
                       inputs)
    try:
        new_state, rendered, written = _build_all(prepared, out, cache_dir, state, options)
    except BuildFailed:
        if state is not None and previous is None and options.save_cache:
            save_core(cache_dir, state)  # it still describes the live site: the next build starts from it
        raise
    new_state.version, new_state.inputs_key = version, inputs_key
    new_state.stamps, new_state.options_key = inputs.stamps, options_key
    if options.save_cache:
        save_state(cache_dir, new_state, saved=state if previous is None else None)
    return Report(len(prepared.jobs), written, rendered, new_state.warnings, time.perf_counter() - started, out,
                  state=new_state, cache_dir=cache_dir)


def _build_all(prepared: Prepared, out: Path, cache_dir: Path, state: BuildState | None,
               options: BuildOptions) -> tuple[BuildState, int, int]:
    """Render what changed into the spare copy, keep the rest, swap it in; return the new state."""
    with OutputWriter(out, state.build_id if state else "", state.spare_id if state else "",
                      state.spare if state else None) as writer:
        known = state if state and writer.live_is_known else None
        forget_state(cache_dir)  # the spare copy is about to change
        new_state, rendered, written = _write_pages(prepared, writer, known, options)
        build_id = writer.commit(index_site if options.search else None, mirror=known is None)
    new_state.build_id, new_state.files = build_id, dict(writer.manifest)
    # After a cold build the spare copy is a hard-linked twin of the new site.
    new_state.spare_id = known.build_id if known else build_id
    new_state.spare = known.files if known else new_state.files
    site = new_state.site = prepared.site
    new_state.facts = SiteFacts(site.config, site.reviewers, site.pages, site.related,
                                {a.slug: a.origin.path for a in site.articles}, site.unpublished,
                                prepared.renderer.base_key, prepared.asset_urls, site.listings)
    return new_state, rendered, written


def _write_pages(prepared: Prepared, writer: OutputWriter, known: BuildState | None,
                 options: BuildOptions) -> tuple[BuildState, int, int]:
    """Render what changed into the spare copy, keep the rest, check every link; return the new state."""
    previous = known.outputs if known else {}
    stale = [job for job in prepared.jobs if not _is_fresh(prepared.renderer, job, previous.get(job.path))]
    from .parallel import render_jobs

    results = render_jobs(prepared.renderer, stale, writer, options.jobs, options.progress)
    problems = prepared.problems + [p for result in results for p in result.problems]
    raise_if_errors(problems)
    outputs = {job.path: previous[job.path] for job in prepared.jobs if job.path in previous}
    links = {path: scanned for path, scanned in (known.links if known else {}).items() if path in outputs}
    rendered = {result.path for result in results}
    for job in prepared.jobs:
        if job.path in outputs and job.path not in rendered:
            writer.keep(job.path, outputs[job.path][1])
    for result in results:
        outputs[result.path] = result.output()
        writer.record(result.path, result.digest)
        if result.links is not None:
            links[result.path] = result.links
    written = sum(result.written for result in results)
    for asset in prepared.assets:
        digest, wrote = writer.put(asset.target, asset.source.read_bytes())
        writer.record(asset.target, digest)
        written += wrote
    existing = set(writer.manifest)
    gone = set(known.files) - existing if known else set()
    changed_targets = gone | _changed_ids(known, links, rendered)
    to_check = pages_to_recheck(links, {r.path for r in results if r.links is not None}, changed_targets)
    broken = check_pages(links, to_check, existing)
    problems += link_problems(broken, _sources(prepared, set(broken)))
    raise_if_errors(problems)
    state = BuildState(version="", parsed=prepared.parsed, outputs=outputs, links=links,
                       warnings=sorted(problems, key=Problem.sort_key), pages=len(prepared.jobs))
    return state, len(results), written


def _is_fresh(renderer: Renderer, job: PageJob, made: Output | None) -> bool:
    """True when the last build made this page and nothing it read has changed since."""
    return made is not None and made[3:] == job.as_tuple() and renderer.is_fresh(job.path, made[0], made[2])


def _changed_ids(known: BuildState | None, links: dict[str, PageLinks], rendered: set[str]) -> set[str]:
    """Re-rendered pages whose element ids changed: links to their anchors need checking again."""
    if known is None:
        return set()
    return {path for path in rendered if path in known.links and path in links
            and known.links[path].ids != links[path].ids}


def _sources(prepared: Prepared, pages: set[str]) -> dict[str, Source]:
    """Where each page with a broken link came from: file, Markdown body, its first line, FAQ answers."""
    found: dict[str, Source] = {}
    for job in prepared.jobs:
        source = prepared.renderer.source(job) if job.path in pages else ""
        if source:
            body = prepared.renderer.body_text(job)
            origin_line = _body_line(prepared.site, job)
            article = prepared.site.by_slug.get(job.name) if job.kind == "article" else None
            answers = tuple((faq.answer, article.origin.line("faq") or 1) for faq in article.faq) if article else ()
            found[job.path] = (source, body, origin_line, answers)
    return found


def _body_line(site: Site, job: PageJob) -> int:
    if job.kind == "article":
        return site.by_slug[job.name].origin.body_line
    page = next((p for p in site.pages if p.slug == job.name), None)
    return page.origin.body_line if page else 1


def held(report: Report, today: date | None) -> Report:
    """The report with the whole state in memory, for the next build of a long-running process.

    A build that found nothing changed, or few articles edited, read only what it needed from
    the cache: the state is read whole now, and its site put together, not at the next edit.
    """
    if report.state is not None or report.cache_dir is None:
        return report
    loaded = load_state(report.cache_dir, code_version())
    if loaded is not None:
        loaded.site = site_of_state(loaded, today or date.today())
    return replace(report, state=loaded)


def _output_is(out: Path, build_id: str) -> bool:
    return bool(build_id) and read_build_id(out) == build_id


__all__ = ["BuildFailed", "BuildOptions", "Report", "build", "check"]
