"""Parse files and render page jobs across worker processes when there are many.

Workers are forked, so each inherits the assembled site, the Jinja environment and
the output writer from the parent without pickling them; each makes its own
Markdown renderer on first use. Results come back in input order, so the output
does not depend on which worker finished first.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import Problem, SiteError
from .links import PageLinks, scan
from .model import Output
from .pages import PageJob
from .render import Renderer
from .search import search_facts
from .write import OutputWriter, content_digest

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

MIN_JOBS_PER_WORKER = 32
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
CHUNK = 16
Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class JobResult:
    """What rendering one page gave: its path, cache key, digest, links and problems."""

    job: PageJob
    key: str
    reads: str
    digest: str
    links: PageLinks | None
    problems: tuple[Problem, ...]
    data: bytes | None = None  # the page itself, when asked to keep it (rendered before anything is written)
    search: tuple[str, str] = ("", "")  # an HTML page's language when it is searchable, and its filters (search.py)

    @property
    def path(self) -> str:
        return self.job.path

    def output(self) -> Output:
        """The page as the build state keeps it."""
        return (self.key, self.digest, self.reads, *self.job.as_tuple())


@dataclass(frozen=True, slots=True)
class _Work:
    """What a worker renders with, handed to it once when the pool starts."""

    renderer: Renderer
    jobs: list[PageJob]
    writer: OutputWriter | None
    keep: bool = False
    search: bool = False  # the build indexes its pages: each result says what the index needs of its page


# The one piece of per-process state: what a forked worker was handed at start.
_work: _Work | None = None


def worker_count(items: int, workers: int | None, per_worker: int = MIN_JOBS_PER_WORKER) -> int:
    """How many processes to use: one per core, but never fewer than per_worker items each."""
    count = min(workers or os.cpu_count() or 1, max(1, items // per_worker))
    if count <= 1:
        return 1
    import multiprocessing  # here, as in _pool: a rebuild after an edit uses no pool and starts sooner

    return count if "fork" in multiprocessing.get_all_start_methods() else 1


def _pool(count: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()) \
        -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"), initializer=_worker_starts,
                               initargs=(os.getpid(), initializer, initargs))


def _worker_starts(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Tie the worker's life to the build's process, then run the pool's own initializer.

    A build killed alone (the OOM killer, `kill <pid>`) would leave its workers waiting on
    their pipes for ever, holding the output's lock they inherited: every later build would
    wait for it. On Linux the kernel kills a worker whose parent dies.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl: as before
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before it was asked
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def fork_map(function: Callable[[Item], Result], items: list[Item], workers: int | None = None,
             per_worker: int = MIN_JOBS_PER_WORKER) -> list[Result]:
    """function applied to each item, in forked worker processes when there are per_worker or more each.

    Results come in order. Slow items (an image to resize) want a small per_worker,
    and go to the workers one at a time, so that both stay busy to the end.
    """
    count = worker_count(len(items), workers, per_worker)
    if count <= 1:
        return [function(item) for item in items]
    with _pool(count) as pool:
        return list(pool.map(function, items, chunksize=min(CHUNK, per_worker)))


def render_jobs(renderer: Renderer, jobs: list[PageJob], writer: OutputWriter | None,
                workers: int | None = None, progress: Callable[[int, int], None] | None = None,
                keep: bool = False, search: bool = False) -> list[JobResult]:
    """Render (and, given a writer, write) every job; return the results in job order, with the pages if keep
    and, if search, what the search index needs of each page."""
    work = _Work(renderer, jobs, writer, keep, search)
    count = worker_count(len(jobs), workers)
    if count <= 1:
        results = []
        for index in range(len(jobs)):
            results.append(_run(work, index))
            if progress and (index % CHUNK == CHUNK - 1 or index == len(jobs) - 1):
                progress(index + 1, len(jobs))
        return results
    chunks = [range(start, min(start + CHUNK, len(jobs))) for start in range(0, len(jobs), CHUNK)]
    done: list[JobResult] = []
    with _pool(count, initializer=_start, initargs=(work,)) as pool:
        for batch in pool.map(_run_chunk, chunks):
            done.extend(batch)
            if progress:
                progress(len(done), len(jobs))
    return done


def _start(work: _Work) -> None:
    global _work
    _work = work


def _run_chunk(indices: range) -> list[JobResult]:
    assert _work is not None, "worker started without its work"
    return [_run(_work, index) for index in indices]


def _run(work: _Work, index: int) -> JobResult:
    job = work.jobs[index]
    try:
        page = work.renderer.render(job)
    except SiteError as exc:  # a layout error: report it like any other problem
        return JobResult(job, "", "", "", None, (exc.problem,))
    html = job.path.endswith(".html")
    config = work.renderer.site.config
    links = scan(job.path, page.data, config.base_path, config.host) if html else None
    searched = search_facts(page.data) if html and work.search else ("", "")
    if work.writer is None:
        return JobResult(job, page.key, page.reads, content_digest(page.data), links, tuple(page.problems),
                         page.data if work.keep else None, searched)
    digest, _ = work.writer.put(job.path, page.data)
    return JobResult(job, page.key, page.reads, digest, links, tuple(page.problems), search=searched)
