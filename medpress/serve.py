"""Dev server: build into a preview folder, serve it on 127.0.0.1, rebuild on change, reload the browser.

Three kinds of thread: the main one waits for changes and rebuilds (calling the same
pipeline.build as `build`, which re-reads site.yaml every time); the HTTP server
answers requests; two watchers report changes. A failed rebuild writes nothing, so
the last good pages stay served while every page shows the problems on top.
The live-reload script and the overlay are added to HTML responses here, never
to the files on disk, so a preview folder can never leak them into a real build.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import json
import os
import queue
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles

# Imported now, though a build imports it only when some frontmatter changed: the server's first
# frontmatter edit should not wait for YAML and the schema.
from . import content  # noqa: F401
from .cache import save_state
from .errors import BuildFailed, Problem, SiteError, only_errors
from .langtags import TAG_SHAPE
from .livereload import inject, placeholder
from .model import Author, Reviewer, Site
from .pipeline import BuildOptions, Report, build, held
from .sources import is_editor_leftover
from .write import check_out_dir, open_lock

HOST = "127.0.0.1"  # never 0.0.0.0: a preview may show drafts that are not yet clinically reviewed
EVENTS_PATH = "/__medpress/events"
STATUS_PATH = "/__medpress/status"
PREVIEW_DIR = ".medpress-serve"
WATCHED = ("content", "layouts", "assets", "static", "translations")
CONFIG_FILE = "site.yaml"
KEEPALIVE_SECONDS = 15.0

Log = Callable[..., None]


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How to serve the preview: port, folder, drafts, search and the day reviews are judged on."""

    port: int = 8000
    out: Path | None = None
    drafts: bool = False
    search: bool = False
    today: date | None = None
    base_url: str | None = None  # the preview's own address, set by serve(): replaces site.yaml's


@dataclass
class PreviewState:
    """What the browser needs to know: the last good build's number and what the last build found.

    problems are the errors of a failed build (ok is False), or the warnings and notes of a good one.
    """

    generation: int = 0
    problems: list[Problem] = field(default_factory=list)
    ok: bool = True
    last_build: Report | None = None
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)  # by page of the last good build (status)
    version: int = 0
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def succeeded(self, warnings: list[Problem] | None = None,
                  files: dict[str, tuple[str, ...]] | None = None) -> None:
        with self.changed:
            self.generation += 1
            self.problems, self.ok = list(warnings or []), True
            if files is not None:
                self.files = files
            self._bump()

    def failed(self, problems: list[Problem]) -> None:
        with self.changed:
            self.problems, self.ok = list(problems), False
            self._bump()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self._bump()

    def _bump(self) -> None:
        self.version += 1
        self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Block until the version differs from seen (or timeout); return the version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version

    def status(self, page: str = "") -> dict[str, Any]:
        """What the browser is told; given the address of the page it shows, the problems of the files that page is
        made from first."""
        with self.changed:
            problems = [p.as_dict() for p in self.problems]
            own = self.files.get(page_address(page), ())
            problems.sort(key=lambda problem: problem["path"] not in own)  # stable: by line within each file still
            return {"generation": self.generation, "ok": self.ok, "problems": problems, "page_files": list(own)}


PAGE_OF_A_LIST = re.compile(r"page/\d+/$")  # /reviewers/dr-ada/page/2/: the person's page, continued


def page_address(path: str) -> str:
    """The address of the page a request path asks for: '/slug/' for '/slug/index.html?x', '/a/' for '/a/page/2/'."""
    path = unquote(path.split("?", 1)[0].split("#", 1)[0])
    path = path[:-len("index.html")] if path.endswith("/index.html") else path
    return PAGE_OF_A_LIST.sub("", path)


def files_of_pages(site: Site | None) -> dict[str, tuple[str, ...]]:
    """The files each page made from one source is made from (an article, a page, a reviewer, an author), by address:
    in another language, a person's page is made from their file and its translation (dr-ada.fr.yaml)."""
    if site is None:
        return {}
    files: dict[str, tuple[str, ...]] = {}
    for each in (site, *site.languages.values()):
        files.update((article.url, (article.origin.path,)) for article in each.articles)
        files.update((page.url, (page.origin.path,)) for page in each.pages)
        people: list[Reviewer | Author] = [*each.reviewers, *each.authors]
        prefix = each.config.prefix
        for person in people:
            own = PurePosixPath(person.origin.path)
            translated = (str(own.with_name(f"{own.stem}.{prefix[1:]}{own.suffix}")),) if prefix else ()
            files[prefix + person.url] = (*translated, person.origin.path)
    return files


class PreviewBusy(SiteError):
    """The preview folder asked for (--out) is another running server's."""


@contextlib.contextmanager
def claimed_preview(site_dir: Path, asked: Path | None) -> Iterator[Path]:
    """Hold the preview folder for as long as the block runs: asked (--out), else the first of
    SITE/.medpress-serve/site, site-2, site-3... that no running server holds.

    Two servers building into one folder would each serve the other's build (drafts or
    not, with search or not). The hold is an OS file lock, which ends with its process:
    a server that crashed or was killed leaves nothing that blocks the next one.
    """
    out, lock = (asked, _lock(asked, site_dir)) if asked is not None else _free_preview(site_dir)
    if lock is None:
        raise PreviewBusy("another medpress serve is serving this folder", out,
                          hint="stop that server, or give this one another --out; without --out each "
                          "server of a site takes a folder of its own")
    try:
        yield out
    finally:
        lock.close()  # closing the file ends its lock


def _free_preview(site_dir: Path) -> tuple[Path, BinaryIO]:
    """The first of the site's preview folders that no running server holds, locked."""
    # A folder of its own: the build keeps a spare copy, a cache and a lock beside its output.
    number = 1
    while True:
        out = (site_dir / PREVIEW_DIR / ("site" if number == 1 else f"site-{number}")).resolve()
        lock = _lock(out, site_dir)
        if lock is not None:
            return out, lock
        number += 1


def _lock(out: Path, site_dir: Path) -> BinaryIO | None:
    """Lock the serve lock of the preview folder out, beside it; None if a running server holds it.

    A folder build would refuse (one of other files, say) is refused first, before a lock is made beside it:
    the server would serve it as it is.
    """
    check_out_dir(out, site_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle = open_lock(out.parent / f".{out.name}.serve.lock")  # held until the server stops
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def serve(site_dir: Path, options: ServeOptions, log: Log) -> None:
    """Build, serve and rebuild on every change until interrupted (Ctrl-C)."""
    with claimed_preview(site_dir, options.out) as out:
        _serve_into(site_dir, out, options, log)


def _serve_into(site_dir: Path, out: Path, options: ServeOptions, log: Log) -> None:
    state = PreviewState()
    server = make_server(out, state, options.port)  # first, so a busy port fails before any work or word
    if options.out is None and out.name != "site":
        log(f"Another server is previewing this site in {PREVIEW_DIR}/site: this one builds into "
            f"{PREVIEW_DIR}/{out.name}.")
    # Built for its own address, the preview works at the root of the port whatever path base_url holds.
    options = replace(options, base_url=f"http://{HOST}:{server.server_address[1]}")
    stop = threading.Event()
    changes: queue.Queue[set[str]] = queue.Queue()
    try:
        # Watch before the first build: an edit made while it runs then leads to a rebuild.
        SiteWatcher(site_dir, changes, stop).start()
        rebuild(site_dir, out, options, state, log)
        threading.Thread(target=server.serve_forever, args=(0.1,), name="medpress-http", daemon=True).start()
        log(f"Serving {site_dir} at http://{HOST}:{server.server_address[1]}/"
            + (" (drafts shown)" if options.drafts else "") + " - press Ctrl-C to stop.")
        while True:
            batch = next_batch(changes)
            log("Changed: " + ", ".join(_rel(site_dir, p) for p in sorted(batch)[:3])
                + (f" and {len(batch) - 3} more" if len(batch) > 3 else ""))
            rebuild(site_dir, out, options, state, log)
    finally:
        stop.set()
        state.close()
        server.shutdown()
        server.server_close()
        last = state.last_build
        if last is not None and last.state is not None and last.cache_dir is not None:
            save_state(last.cache_dir, last.state)


def rebuild(site_dir: Path, out: Path, options: ServeOptions, state: PreviewState, log: Log) -> None:
    """Build once; on failure keep the last good output and show the problems."""
    # The build state stays in memory between rebuilds (reading and writing it
    # costs about a second at 10,000 articles); it is saved when the server stops.
    previous = state.last_build.state if state.last_build else None
    build_options = BuildOptions(out=out, drafts=options.drafts, today=options.today, search=options.search,
                                 save_cache=previous is None, base_url=options.base_url)
    try:
        # A build that read only part of the saved state is held whole from now on,
        # so later rebuilds neither read nor write the cache.
        report = state.last_build = held(build(site_dir, build_options, previous), options.today)
    except BuildFailed as exc:
        return _failed(exc.problems, state, log)
    except SiteError as exc:
        return _failed([exc.problem], state, log)
    except Exception as exc:  # a bug must not stop the preview; show it instead
        log(traceback.format_exc().rstrip(), err=True)
        return _failed([Problem(f"internal error: {type(exc).__name__}: {exc}",
                                hint="this is a bug in medpress; please report it")], state, log)
    for warning in report.warnings:
        log(str(warning), err=True)
    if report.unchanged:
        log("Nothing changed.")
        if state.ok:
            return
    state.succeeded(report.warnings, files_of_pages(report.state.site if report.state else None))
    log(f"Built {report.pages} pages ({report.tally()}) "
        f"in {report.seconds:.2f}s.")


def _failed(problems: list[Problem], state: PreviewState, log: Log) -> None:
    for problem in problems:
        log(str(problem), err=True)
    errors = len(only_errors(problems)) or len(problems)
    serving = "still serving the last good build" if state.generation else "nothing to serve until it passes"
    log(f"Build failed: {errors} error{'s' if errors != 1 else ''}; {serving}. Fix and save to rebuild.", err=True)
    state.failed(problems)


def next_batch(changes: queue.Queue[set[str]], settle: float = 0.01) -> set[str]:
    """Wait for a change, then gather what the other watcher reports of the same save.

    Each watcher already waits for 50 ms of quiet before it reports, so an editor's save
    arrives whole; after the same burst the two report within milliseconds of each other.
    A batch that comes later still gets its own rebuild.
    """
    batch = set(changes.get())
    deadline = time.monotonic() + settle
    while (left := deadline - time.monotonic()) > 0:
        try:
            batch |= changes.get(timeout=left)
        except queue.Empty:
            break
    return batch


def _rel(site_dir: Path, path: str) -> str:
    try:
        return Path(path).relative_to(site_dir).as_posix()
    except ValueError:
        return path


# --- watching ---------------------------------------------------------------------------------------


class _Either:
    """An event that is set when either of two events is."""

    def __init__(self, a: threading.Event, b: threading.Event) -> None:
        self.a, self.b = a, b

    def is_set(self) -> bool:
        return self.a.is_set() or self.b.is_set()


class SiteWatcher:
    """Report changes to site.yaml and under content/, layouts/, assets/ and static/ as sets of paths.

    site.yaml is watched through its folder (not recursively): editors that save by
    replacing the file would otherwise end a watch on the file itself. The folders are
    watched recursively, restarted when one of them is created or removed.
    """

    def __init__(self, site_dir: Path, changes: queue.Queue[set[str]], stop: threading.Event) -> None:
        self.site_dir = site_dir
        self.changes = changes
        self.stop = stop
        self._restart = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._watch_top, name="medpress-watch-site", daemon=True).start()
        threading.Thread(target=self._watch_folders, name="medpress-watch-folders", daemon=True).start()

    def _watch_top(self) -> None:
        names = (CONFIG_FILE, *WATCHED)
        for batch in watchfiles.watch(self.site_dir, recursive=False, stop_event=self.stop, step=50,
                                      watch_filter=lambda _change, path: Path(path).name in names):
            if any(Path(path).name in WATCHED for _, path in batch):
                self._restart.set()
            self.changes.put({path for _, path in batch})

    def _watch_folders(self) -> None:
        while not self.stop.is_set():
            self._restart.clear()
            folders = [self.site_dir / name for name in WATCHED if (self.site_dir / name).is_dir()]
            if not folders:
                self._restart.wait(0.5)
                continue
            for batch in watchfiles.watch(*folders, stop_event=_Either(self.stop, self._restart), step=50,
                                          watch_filter=_not_leftover):
                self.changes.put({path for _, path in batch})


_DEFAULT_FILTER = watchfiles.DefaultFilter()


def _not_leftover(change: watchfiles.Change, path: str) -> bool:
    """watchfiles' own filter (caches, swap files), and no editor leftover the build skips either."""
    return _DEFAULT_FILTER(change, path) and not is_editor_leftover(Path(path).name, Path(path).is_dir())


# --- HTTP -------------------------------------------------------------------------------------------


def make_server(out: Path, state: PreviewState, port: int) -> ThreadingHTTPServer:
    """Bind the preview server to 127.0.0.1:port (0 picks a free port)."""
    handler = functools.partial(PreviewHandler, directory=str(out), state=state)
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    return server


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serve the preview folder; add the live-reload script (and any error overlay) to HTML."""

    def __init__(self, *args: Any, state: PreviewState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # the name http.server calls
        path = self.path.split("?", 1)[0]
        if path == EVENTS_PATH:
            self._send_events()
        elif path == STATUS_PATH:
            self._send_bytes(HTTPStatus.OK, json.dumps(self.state.status(self._page_asked())).encode(),
                             "application/json")
        else:
            super().do_GET()

    def send_head(self) -> io.BufferedIOBase | None:  # type: ignore[override]
        try:
            return self._open_page()
        except ValueError:  # a NUL or a lone surrogate (%ED%A0%80) in the address: no file can have that name
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed address")
        except OSError:  # a name longer than the file system allows, say
            self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def _open_page(self) -> io.BufferedIOBase | None:
        target = Path(self.translate_path(self.path))
        if target.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            return self._html(HTTPStatus.OK, target.read_bytes())
        return super().send_head()  # type: ignore[return-value]

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != HTTPStatus.NOT_FOUND or self.command != "GET":
            super().send_error(code, message, explain)
            return
        page = self._not_found_page()
        body = page.read_bytes() if page.is_file() else placeholder(self.state.generation)
        stream = self._html(HTTPStatus.NOT_FOUND, body)
        self.wfile.write(stream.read())

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)  # a host lists no folder, so neither does the preview

    def _not_found_page(self) -> Path:
        """The page-not-found page of the language whose folder the address is in (/fr/...), as hosts are told
        to answer (_redirects); else the site's."""
        root = Path(str(self.directory))
        folder = self.path.split("?", 1)[0].lstrip("/").split("/", 1)[0]
        own = root / folder / "404.html"
        return own if TAG_SHAPE.fullmatch(folder) and own.is_file() else root / "404.html"

    def _html(self, status: HTTPStatus, body: bytes) -> io.BytesIO:
        data = inject(body, self.state.status(self.path))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(data)

    def _send_bytes(self, status: HTTPStatus, data: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _page_asked(self) -> str:
        """The page the status or events are asked for (?page=, as the page's script sends its own address)."""
        return parse_qs(urlsplit(self.path).query).get("page", [""])[0]

    def _send_events(self) -> None:
        """Stream Server-Sent Events: 'build' after each good build, 'problems' after a failed one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        page = self._page_asked()
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not self.state.closed:
                version = self.state.wait(seen, KEEPALIVE_SECONDS)
                if version == seen:
                    self.wfile.write(b": keep-alive\n\n")
                elif not self.state.closed:
                    status = self.state.status(page)
                    name = "build" if status["ok"] else "problems"
                    self.wfile.write(f"event: {name}\ndata: {json.dumps(status)}\n\n".encode())
                seen = version
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed or reloaded

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature
        pass  # one line per request would drown the build messages
