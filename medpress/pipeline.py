"""The build recipe, shared by build, check and serve.

scan the inputs -> nothing changed? done -> plan (plan.py: a quick plan for a few
edited articles, else a full one) -> publish: render the planned pages, check them
and the links they touch, write the spare copy, swap it in, save the state. One
publish serves every kind of change; nothing reaches the live output until every
check has passed.
"""

from __future__ import annotations

import gc
import os
import posixpath
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from .cache import (
    BuildState,
    Shards,
    code_version,
    forget_state,
    load_state,
    load_summary,
    require_writable,
    save_core,
    save_state,
)
from .content import answers_as_written
from .errors import BuildFailed, Problem, raise_if_errors
from .images import is_copy
from .layouts import site_layout_sources
from .links import Link, PageLinks, Source, Suggestions, check_pages, link_problems, pages_to_recheck
from .model import Content, Site, SiteConfig
from .options import BuildOptions, Run
from .pages import PageJob, kind_of
from .parallel import JobResult, render_jobs
from .plan import InMemory, Plan, Unreadable, plan_edit, plan_full, prepare, site_of_state, with_image_copies
from .reads import digest_of
from .render import Renderer
from .search import STATE_FILE, SearchIndex, require_pagefind
from .sources import Inputs, scan_inputs, stamps_key
from .write import Asset, Changes, OutputWriter, check_cache_dir, check_out_dir, read_build_id


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
    removed: int = 0  # files the previous output had and this one has not

    def tally(self) -> str:
        """Say what the build did to the output: pages rendered, files written (new or changed) and removed."""
        files = "file" if self.written == 1 else "files"
        return f"{self.rendered} rendered, {self.written} {files} written, {self.removed} removed"


@dataclass(frozen=True, slots=True)
class Published:
    """What publishing a plan did: the new state, how many pages it rendered, and how the output changed."""

    state: BuildState
    rendered: int
    changes: Changes
    whole: bool  # the state holds every parsed article and page link (not read in shards)


def check(site_dir: Path, options: BuildOptions,
          read: Callable[[Content, SiteConfig], None] | None = None) -> list[Problem]:
    """Validate everything a build would, in memory; return warnings or raise BuildFailed.

    read, when given, is shown the content as read (check's reading grades come from there).
    """
    prepared = prepare(site_dir, options, read=read, list_everything=True)
    results = render_jobs(prepared.renderer, prepared.jobs, None, options.jobs, options.progress)
    # A page that did not render has no links to check, and links to it are taken as sound: the others'
    # links are checked all the same, so that one run lists everything.
    problems = prepared.problems + _rendering_problems(results)
    pages = {r.path: r.links for r in results if r.links is not None}
    existing = {j.path for j in prepared.jobs} | {a.target for a in prepared.assets} | set(prepared.copies)
    broken = check_pages(pages, pages, existing)
    # What says where a broken link was written (site.yaml read again among it) is made only when there is one.
    sources = _sources(prepared.renderer, prepared.jobs, set(broken)) if broken else {}
    broken = _judged(broken, sources, prepared.left_out) if any(prepared.left_out) else broken
    if broken:
        problems += link_problems(broken, sources, _suggestions(prepared.site, existing, pages),
                                  _folders(prepared.site), _config_text(prepared.site), _layout_texts(prepared.site))
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
    allocates. The build's own garbage is freed by reference counting; any cycles are
    collected once the build is over.
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
    run, inputs = _start(site_dir, options)
    if previous is not None and previous.version != run.version:
        previous = None
    summary = previous or (load_summary(run.cache_dir, run.version) if options.use_cache else None)
    if summary and summary.inputs_key == run.inputs_key and _output_is(run.out, summary.build_id):
        return Report(summary.pages, 0, 0, summary.warnings, time.perf_counter() - started, run.out,
                      unchanged=True, state=previous, cache_dir=run.cache_dir)
    quick = plan_edit(run, inputs, previous)
    done = publish(run, inputs, quick) if quick is not None else None
    if done is None:
        done = _publish_full(run, inputs, previous)
    return Report(done.state.pages, done.changes.written, done.rendered, done.state.warnings,
                  time.perf_counter() - started, run.out, state=done.state if done.whole else None,
                  cache_dir=run.cache_dir, removed=done.changes.removed)


def _start(site_dir: Path, options: BuildOptions) -> tuple[Run, Inputs]:
    """Settle what this build is: its folders, the code's version, the day, and its inputs."""
    site_dir = site_dir.resolve()
    out = (options.out or site_dir / "output").resolve()
    check_out_dir(out, site_dir)
    if options.cache:
        check_cache_dir(options.cache, out, site_dir)
    pagefind = require_pagefind(site_dir) if options.search else None  # said before rendering anything
    inputs = scan_inputs(site_dir, out)
    today = options.today or date.today()
    # Another Pagefind writes another index: a build after a switch is not one where nothing changed.
    options_key = digest_of(options.drafts, options.search, today.isoformat(), options.base_url,
                            pagefind.version if pagefind else None)
    run = Run(site_dir, out, options.cache or out.parent / f".{out.name}.cache", code_version(), today,
              options_key, stamps_key(inputs.stamps, options_key), options, pagefind)
    if options.use_cache:
        require_writable(run.cache_dir, run.version)
    return run, inputs


def _publish_full(run: Run, inputs: Inputs, previous: BuildState | None) -> Published:
    """Plan the whole site and publish it; the state it started from stays saved if it fails."""
    state = previous or (load_state(run.cache_dir, run.version) if run.options.use_cache else None)
    saved = state if previous is None else None
    plan = plan_full(run, inputs, state)
    try:
        done = publish(run, inputs, plan, saved)
        if done is None:  # the live copy changed under the plan (another build finished first): plan afresh
            done = publish(run, inputs, plan_full(run, inputs, None))
        assert done is not None, "a plan that keeps nothing of the live copy always publishes"
        return done
    except BuildFailed:
        if state is not None and previous is None and run.options.save_cache:
            save_core(run.cache_dir, state)  # it still describes the live site: the next build starts from it
        raise


def publish(run: Run, inputs: Inputs, plan: Plan, saved: BuildState | None = None) -> Published | None:
    """Render the plan's pages, check them and the links they touch, write them, swap the site in, save the state.

    A quick plan's pages are rendered and checked before anything is written, and
    anything it cannot judge alone (a problem, a lost anchor, a broken link) gives
    None: a full plan then builds and reports it. saved is the state as it is on
    disk, so that only what changed is saved again.
    """
    early = _render_first(run, plan) if plan.quick else None
    if plan.quick and early is None:
        return None
    start = plan.start
    with OutputWriter(run.out, start.build_id if start else "", start.spare_id if start else "",
                      start.spare if start else None, start.files if start else None) as writer:
        known = writer.live_is_known
        if not known and (plan.quick or plan.kept_files):
            return None  # the plan kept files of a live copy that is no longer there
        forget_state(run.cache_dir)  # the spare copy is about to change
        results = early if early is not None else render_jobs(plan.renderer, plan.render, writer, run.options.jobs,
                                                              run.options.progress, search=run.options.search)
        problems = plan.problems + _rendering_problems(results)
        raise_if_errors(problems)
        if plan.image_folder is not None:
            plan = with_image_copies(plan, {r.path: r.links for r in results if r.links is not None},
                                     run.options.jobs)
        _put(writer, results, plan.kept_files, plan.assets)
        if not plan.quick:  # a quick plan checked its links before writing
            problems += _link_problems(plan, results, start if known else None)
            raise_if_errors(problems)
        indexer = SearchIndex(run.pagefind, run.out, run.cache_dir / STATE_FILE,
                              rendered={r.path: (r.digest, *r.search) for r in results if r.path.endswith(".html")}) \
            if run.pagefind else None
        build_id = writer.commit(indexer)
        state = _new_state(run, inputs, plan, results, build_id, dict(writer.manifest), known, problems)
        try:
            with _saving(run, plan, state, saved, aside=not known):
                if not known:  # after a cold build, the spare copy is made the new site's twin
                    writer.mirror(build_id)
        except OSError as exc:  # the new site is live: what failed only spares the next build work
            state = replace(state, warnings=[*state.warnings, _not_kept(exc, run)])
    whole = isinstance(plan.parsed, InMemory)
    return Published(replace(state, site=plan.site) if whole else state, len(results), writer.changes, whole)


def _not_kept(exc: OSError, run: Run) -> Problem:
    """The warning for a site published whose build cache or spare copy could not be written."""
    return Problem("the site was published, but the build cache and spare copy that speed up the next build "
                   f"could not be written: {exc.strerror or exc}", str(exc.filename or run.out.parent),
                   hint="free some space or fix the folders' permissions; the next build then rebuilds them",
                   severity="warning")


def _render_first(run: Run, plan: Plan) -> list[JobResult] | None:
    """Render a quick plan's pages, keeping them; None if one has a problem, lost an id or has a broken link."""
    try:
        results = render_jobs(plan.renderer, plan.render, None, run.options.jobs, keep=True,
                              search=run.options.search)
    except Unreadable:
        return None  # a saved article a page needs cannot be read
    if any(result.problems for result in results):
        return None
    rendered = {r.path: r.links for r in results if r.links is not None}
    for path, scanned in rendered.items():
        before: PageLinks | None = plan.links.get(path)
        if before is None or not before.ids <= scanned.ids:  # a link elsewhere may point at a lost id
            return None
        if any(is_copy(target) for target in before.targets - scanned.targets):
            return None  # an image the page no longer shows may be shown nowhere: its copies would go
    return results if _links_hold(rendered, plan, plan.existing) else None


def _links_hold(rendered: dict[str, PageLinks], plan: Plan, existing: set[str]) -> bool:
    """True when every link of the rendered pages, anchors included, finds its target."""
    known = dict(rendered)
    for scanned in rendered.values():
        for _, target, fragment in scanned.links:
            if fragment and target and target not in known:
                target_links = plan.links.get(target)
                if target_links is not None:
                    known[target] = target_links
                elif target.endswith(".html") and target in existing:
                    return False  # every page's links were saved: this entry cannot be read
    return not check_pages(known, set(rendered), existing)


def _put(writer: OutputWriter, results: list[JobResult], kept: dict[str, str], assets: list[Asset]) -> None:
    """Make the spare copy hold the rendered pages, the kept files and the assets."""
    for result in results:
        # A page rendered before the writer was open is written now; the others were, by their worker.
        digest = writer.put(result.path, result.data)[0] if result.data is not None else result.digest
        writer.record(result.path, digest)
    writer.keep_all(kept)
    for asset in assets:
        digest, _ = writer.put(asset.target, asset.read())
        writer.record(asset.target, digest)


def _rendering_problems(results: list[JobResult]) -> list[Problem]:
    """What rendering found: a layout's error (a page it could not make) once, with the pages it stopped when
    it did not stop them all (an error on one article's page, say: a layout's syntax error stops every page)."""
    problems: list[Problem] = []
    stopped: dict[Problem, list[str]] = {}
    for result in results:
        for problem in result.problems:
            if result.digest:
                problems.append(problem)
            else:
                stopped.setdefault(problem, []).append("/" + result.path.removesuffix("index.html"))
    every_page = sum(1 for result in results if result.path.endswith(".html")) if stopped else 0
    for problem, pages in stopped.items():
        if len(pages) >= every_page:
            problems.append(problem)
            continue
        where = f"on {pages[0]}" if len(pages) == 1 else f"on {len(pages)} pages, e.g. {pages[0]}"
        problems.append(replace(problem, message=f"{problem.message} ({where})"))
    return problems


def _link_problems(plan: Plan, results: list[JobResult], known: BuildState | None) -> list[Problem]:
    """Broken links of the pages rendered, and of kept pages linking to a file that went or changed its ids."""
    assert isinstance(plan.links, InMemory), "a full plan holds every kept page's links"
    links: dict[str, PageLinks] = dict(plan.links.entries)
    rendered = {r.path: r.links for r in results if r.links is not None}
    links.update(rendered)
    existing = plan.existing
    changed_targets: set[str] = set()
    if known is not None:
        changed_targets = set(known.files) - existing
        changed_targets |= {path for path, scanned in rendered.items()
                            if path in known.links and known.links[path].ids != scanned.ids}
    broken = check_pages(links, pages_to_recheck(links, set(rendered), changed_targets), existing)
    if not broken:
        return []
    jobs = [*plan.render, *(PageJob(path, *made[3:]) for path, made in plan.kept.items())]
    return link_problems(broken, _sources(plan.renderer, jobs, set(broken)),
                         _suggestions(plan.site, existing, links), _folders(plan.site),
                         _config_text(plan.site), _layout_texts(plan.site))


def _config_text(site: Site) -> str:
    """site.yaml as written, where a broken link that no page's source holds may be found."""
    try:
        return (site.config.site_dir / "site.yaml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def _layout_texts(site: Site) -> dict[str, str]:
    """The site's own layouts as written (site_layout_sources: those a page can be made with), by their paths in
    the site (layouts/partials/footer.html): where a broken link that no page's source holds may be found too."""
    folder = site.config.site_dir
    return {path.relative_to(folder).as_posix(): text for path, text in site_layout_sources(site.config)}


def _new_state(run: Run, inputs: Inputs, plan: Plan, results: list[JobResult], build_id: str,
               files: dict[str, str], known: bool, problems: list[Problem]) -> BuildState:
    """The state of the site just published: made here, and only here."""
    for result in results:
        if result.links is not None:
            plan.links.put(result.path, result.links)
    start = plan.start if known else None
    return BuildState(
        version=run.version, inputs_key=run.inputs_key, build_id=build_id,
        parsed=plan.parsed.entries if isinstance(plan.parsed, InMemory) else {},
        outputs={**plan.kept, **{result.path: result.output() for result in results}},
        files=files, links=plan.links.entries if isinstance(plan.links, InMemory) else {},
        # After a cold build the spare copy is a hard-linked twin of the new site.
        spare_id=start.build_id if start else build_id, spare=start.files if start else files,
        warnings=sorted(problems, key=Problem.sort_key), pages=plan.pages, stamps=inputs.stamps,
        options_key=run.options_key, facts=plan.facts,
        read_facts=start.read_facts if start is not None else None,  # saved as read while facts is that object
    )


@contextmanager
def _saving(run: Run, plan: Plan, state: BuildState, saved: BuildState | None, aside: bool) -> Iterator[None]:
    """Save the state (if the build saves it) while the block runs; aside, in a forked process.

    After a cold build the state is written (pickling every article, ~2.5 s at 10,000)
    while this process links the spare copy (~2 s): the two cores each do one. A
    process that failed to save is followed by saving here, which raises its error.
    """
    if not run.options.save_cache:
        yield
        return
    child = _fork_save(run, plan, state, saved) if aside else None
    try:
        yield
    finally:  # stopped or not, nothing of this build writes once it has returned
        saved_aside = child is not None and os.waitpid(child, 0)[1] == 0
    if not saved_aside:
        _save(run, plan, state, saved)


def _fork_save(run: Run, plan: Plan, state: BuildState, saved: BuildState | None) -> int | None:
    """Save the state in a forked process; its id, or None where there is no fork()."""
    if not hasattr(os, "fork"):
        return None
    child = os.fork()
    if child:
        return child
    status = 1
    try:
        _save(run, plan, state, saved)
        status = 0
    finally:
        os._exit(status)  # no cleanup of the parent's: its files and buffers are its own


def _save(run: Run, plan: Plan, state: BuildState, saved: BuildState | None) -> None:
    """Save the state: the shards a quick plan changed and the rest, or the whole with only what changed."""
    if isinstance(plan.parsed, Shards) and isinstance(plan.links, Shards):
        plan.parsed.save()
        plan.links.save()
        save_core(run.cache_dir, state)
    else:
        save_state(run.cache_dir, state, saved=saved)


def _sources(renderer: Renderer, jobs: Iterable[PageJob], pages: set[str]) -> dict[str, Source]:
    """Where each page with a broken link came from: file, Markdown body, its first line, FAQ answers."""
    found: dict[str, Source] = {}
    for job in jobs:
        source = renderer.source(job) if job.path in pages else ""
        if source:
            body = renderer.body_text(job)
            lang, kind = kind_of(job.kind)
            article = renderer.site_of(lang).by_slug.get(job.name) if kind == "article" else None
            answers = answers_as_written(renderer.site.config.site_dir, article) if article else ()
            page = renderer.plain_of(lang).get(job.name) if kind == "page" else None
            body_line = article.origin.body_line if article else page.origin.body_line if page else 1
            found[job.path] = (source, body, body_line, answers)
    return found


def _judged(broken: dict[str, list[tuple[Link, str]]], sources: dict[str, Source],
            left_out: tuple[frozenset[str], frozenset[str]]) -> dict[str, list[tuple[Link, str]]]:
    """The broken links but those to what was left out of the site (graph.left_out_targets): to the page a file
    that failed to load would make, or to an article's file left out. Once it loads, they may well be sound."""
    pages, files = left_out
    judged = {}
    for page, links in broken.items():
        folder = posixpath.dirname(sources[page][0] if page in sources else "")
        kept = [(link, reason) for link, reason in links if link[1] not in pages and posixpath.normpath(
            posixpath.join(folder, unquote(link[0].partition("#")[0]))) not in files]
        if kept:
            judged[page] = kept
    return judged


def _suggestions(site: Site, existing: set[str], pages: dict[str, PageLinks]) -> Suggestions:
    """What a broken link in this site may have meant."""
    markdown_files = dict(site.paths)
    plain_pages = {page.origin.path: page.url for page in site.pages}
    for other in site.languages.values():  # its translations' files, x.fr.md
        markdown_files.update(other.paths)
        plain_pages.update((page.origin.path, page.url) for page in other.pages)
    return Suggestions(existing, pages, markdown_files, site.config.base_path, site.draft_paths, plain_pages)


def _folders(site: Site) -> dict[str, dict[str, str]]:
    """The folders of the languages after the default ('fr', 'pt-br'), each with its pages' own slugs and
    the slugs of their sources, which links on its pages were written to."""
    return {tag.lower(): {own: source for source, own in language.sources.items()}
            for tag, language in site.languages.items()}


def held(report: Report, today: date | None) -> Report:
    """The report with the whole state in memory, for the next build of a long-running process.

    A build that found nothing changed, or few articles edited, read only what it needed from
    the cache: the state is read whole now, and its site put together, not at the next edit.
    """
    if report.state is not None or report.cache_dir is None:
        return report
    loaded = load_state(report.cache_dir, code_version())
    if loaded is not None:
        loaded = replace(loaded, site=site_of_state(loaded, today or date.today()))
    return replace(report, state=loaded)


def _output_is(out: Path, build_id: str) -> bool:
    return bool(build_id) and read_build_id(out) == build_id


__all__ = ["BuildFailed", "BuildOptions", "Report", "build", "check"]
