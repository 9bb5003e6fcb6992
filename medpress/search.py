"""Static search: Pagefind indexes the new site in bundles, and only the bundles that changed.

The searchable pages (those marked data-pagefind-body) of each language (the page's
<html lang>) are split by a stable hash of their path into a number of
bundles that depends on their count alone, each a Pagefind index of its own under pagefind/<lang>/<n>/. A bundle is
named by a manifest of its pages' digests: a build indexes again only the bundles
whose manifest changed, each into a fresh folder of the new site, and links the
others from the live site. pagefind/<lang>/startup.json lists the language's bundles, and
pagefind/<lang>/pagefind.js is the module the search page loads in place of Pagefind's
own: it merges the language's bundles and loads their filters only when asked (issue 21).
That module and its worker are the same files at every build, so that a browser that keeps
them keeps nothing about the index: what names its files is startup.json, fetched fresh.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OutputError
from .write import content_digest, link_or_copy

NOT_INSTALLED = "the search indexer (pagefind) is not installed, so the site's search cannot be built"
INSTALL_HINT = ("npm install pagefind in the site's folder (1.6 or later writes the same index every time), "
                "or pip install pagefind-bin; or build with --no-search to leave search out")

BINARY_ENV = "PAGEFIND_BINARY_PATH"  # the name Pagefind's own npm launcher reads
STATE_FILE = "search.json"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
STARTUP_FILE = "startup.json"  # each language's bundles, filters' names and pack of entries and metadata
ENTRY = "pagefind-entry.json"  # a bundle's entry: its digest names the whole of the bundle's index
# Bundle size trades an edit's indexing time and memory against the requests of a first
# query (each merged bundle adds its own files); the measurements are in bench/README.md.
PAGES_PER_BUNDLE = 650
INDEXER_BYTES_PER_HTML_BYTE = 9.5  # a Pagefind's peak memory grows with the HTML it reads: ~9.5 bytes a byte
MB_PER_INDEXER = 6  # the indexer's own memory, whatever the bundle
MEMORY_CEILING_MB = 600  # the whole build's, indexers included
DETERMINISTIC_FROM = (1, 6)  # Pagefind 1.5 writes its filter files in hash-map order

LANGUAGE_MODULE = Path(__file__).with_name("search_language.js")
LANGUAGE_WORKER = Path(__file__).with_name("search_worker.js")
# Found in the page in lower case (an attribute's name is, in any case), where a literal search is fast; its
# value is then read at the same place of the page as written (ASCII lower-casing keeps every offset).
FILTER_ATTRIBUTE = re.compile(rb"""data-pagefind-filter\s*=\s*(?:"([^"]*)"|'([^']*)')""")  # a literal first: fast
HTML_LANG = re.compile(rb"<html\b[^>]*?\blang=[\"']?([A-Za-z0-9-]+)", re.IGNORECASE)
SEARCHABLE = b"data-pagefind-body"


@dataclass(frozen=True, slots=True)
class Pagefind:
    """An installed Pagefind executable and its version."""

    path: Path
    version: tuple[int, ...]

    @property
    def deterministic(self) -> bool:
        """True when this Pagefind writes the same index for the same pages every time."""
        return self.version >= DETERMINISTIC_FROM


def _version_of(binary: Path) -> tuple[int, ...] | None:
    try:
        done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(r"(\d+)\.(\d+)\.(\d+)", done.stdout)
    return tuple(int(part) for part in found.groups()) if done.returncode == 0 and found else None


def _candidates(site_dir: Path | None) -> list[Path]:
    """Where a Pagefind may be, $PAGEFIND_BINARY_PATH apart: the site's node_modules (npm), pagefind-bin (PyPI)."""
    found = []
    if site_dir is not None:
        for package in sorted((site_dir / "node_modules/@pagefind").glob("*/bin")):
            found += [package / "pagefind_extended", package / "pagefind"]
    try:
        import pagefind_bin

        found.append(Path(pagefind_bin.get_executable()))
    except (ImportError, FileNotFoundError):
        pass
    return [path for path in found if path.is_file() and os.access(path, os.X_OK)]


def find_pagefind(site_dir: Path | None = None) -> Pagefind | None:
    """The newest Pagefind installed where medpress looks, or None.

    $PAGEFIND_BINARY_PATH, when set, is used whatever its version; naming no Pagefind that
    runs, it is an OutputError: a build that falls back to another (1.5, whose index differs
    from run to run) would lose what it was set for without a word.
    """
    given = os.environ.get(BINARY_ENV)
    if given:
        return _given_pagefind(given)
    best: Pagefind | None = None
    for path in _candidates(site_dir):
        version = _version_of(path)
        if version is None:
            continue
        if best is None or version > best.version:
            best = Pagefind(path, version)
    return best


def _given_pagefind(given: str) -> Pagefind:
    """The Pagefind $PAGEFIND_BINARY_PATH names (a path, or a command on PATH as npm's launcher takes it), or an
    OutputError saying why it is none."""
    on_path = shutil.which(given) if os.sep not in given else None
    path = Path(on_path or given)
    why = ("it is a folder" if path.is_dir() else "there is no such file" if not path.is_file()
           else "it is not executable" if not os.access(path, os.X_OK) else "")
    version = _version_of(path) if not why else None
    if version is None:
        raise OutputError(f"${BINARY_ENV} names {path}, which is not a Pagefind that runs: "
                          f"{why or 'its --version gives no version'}", BINARY_ENV,
                          hint="point it at a Pagefind executable, or unset it to use the one medpress finds "
                          "(the site's node_modules, then pagefind-bin)")
    return Pagefind(path, version)


def why_no_pagefind(site_dir: Path | None = None) -> str | None:
    """Why a build of the site could not index its search: none installed, or the one named unusable; None if it can."""
    try:
        found = find_pagefind(site_dir)
    except OutputError as exc:
        return exc.problem.message
    return None if found else "pagefind is not installed"


def require_pagefind(site_dir: Path | None = None) -> Pagefind:
    """Return the Pagefind to index with, or raise saying how to install it (checked before rendering)."""
    found = find_pagefind(site_dir)
    if found is None:
        raise OutputError(NOT_INSTALLED, "pagefind", hint=INSTALL_HINT)
    return found


@dataclass(frozen=True, slots=True)
class Bundle:
    """A part of one language's index: its folder under pagefind/, its pages and the manifest naming them."""

    key: str  # "<lang>/<n>"
    pages: tuple[str, ...]
    manifest: str


class SearchIndex:
    """Index a new site's searchable pages in bundles, reusing the live site's unchanged ones.

    Called by the writer on the spare copy, after every page is in it and before the
    swap, so that a failure leaves the live site and its index as they were.
    """

    def __init__(self, pagefind: Pagefind, out: Path, state_file: Path | None, cpus: int | None = None,
                 rendered: Mapping[str, tuple[str, str, str]] | None = None) -> None:
        self.pagefind = pagefind
        self.out = out
        self.state_file = state_file
        self.cpus = cpus or os.cpu_count() or 1
        self.rendered = rendered or {}  # the search facts of the pages this build made: (digest, language, filters)
        self.indexed: list[str] = []  # the bundles the last run indexed (the others it linked)

    def __call__(self, spare: Path, files: Mapping[str, str]) -> None:
        state = self._load()
        known: dict[str, Sequence[str]] = {**state.get("pages", {}), **self.rendered}
        pages = _page_facts(spare, files, known)
        bundles = plan_bundles(pages, str(self.pagefind.version))
        live = self.out / "pagefind"
        old_entries: dict[str, str] = state.get("entries", {})
        folder = spare / "pagefind"
        _keep_only(folder, {bundle.key for bundle in bundles})
        stale = []
        for bundle in bundles:
            expected = old_entries.get(bundle.manifest)
            if expected and _digest_of(folder / bundle.key / ENTRY) == expected:
                continue  # the spare copy (the site before last) has this very index already
            shutil.rmtree(folder / bundle.key, ignore_errors=True)
            if expected and _digest_of(live / bundle.key / ENTRY) == expected:
                _link_tree(live / bundle.key, folder / bundle.key)
            else:
                stale.append(bundle)
        self.indexed = [bundle.key for bundle in stale]
        self._index(spare, stale)
        _publish_list(folder, bundles, pages)
        self._save({
            "pages": {rel: list(fact) for rel, fact in pages.items()},
            "entries": {b.manifest: _digest_of(folder / b.key / ENTRY) for b in bundles},
        })

    def _index(self, spare: Path, bundles: list[Bundle]) -> None:
        """Index each bundle into its fresh folder, as many at once as memory allows."""
        if not bundles:
            return
        staging = self.out.parent / f".{self.out.name}.staging-search"  # _recover deletes one left by a kill
        shutil.rmtree(staging, ignore_errors=True)
        indexers = at_once([sum(os.stat(spare / rel).st_size for rel in bundle.pages) for bundle in bundles],
                           self.cpus)
        running = threading.BoundedSemaphore(indexers)
        try:
            # A thread more than the Pagefinds that may run: while they index, it links the next bundle's
            # pages into place, or deletes the last one's.
            with ThreadPoolExecutor(max_workers=indexers + 1) as pool:
                for failure in pool.map(lambda b: self._index_one(spare, staging, b, running), bundles):
                    if failure:
                        raise OutputError(f"pagefind failed: {failure}", "pagefind")
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _index_one(self, spare: Path, staging: Path, bundle: Bundle, running: threading.BoundedSemaphore) -> str:
        """Run Pagefind over a bundle's pages (hard-linked into a folder of their own) once running lets it;
        '' or what failed."""
        pages = staging / bundle.key
        for rel in bundle.pages:
            target = pages / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(spare / rel, target)
        command = [str(self.pagefind.path), "--site", str(pages),
                   "--output-path", str(spare / "pagefind" / bundle.key), "--quiet"]
        try:
            with running:
                done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"it could not run: {exc}"
        finally:  # here, while other bundles are indexed, rather than all at the end
            shutil.rmtree(pages, ignore_errors=True)
        if done.returncode != 0:
            return (done.stderr or done.stdout).strip()[-500:] or f"exit status {done.returncode}"
        if not (spare / "pagefind" / bundle.key / ENTRY).is_file():
            return f"it exited without error but wrote no index ({ENTRY}) for {len(bundle.pages)} page(s)"
        return ""

    def _load(self) -> dict[str, Any]:
        if self.state_file is None:
            return {}
        try:
            loaded = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) and loaded.get("pagefind") == str(self.pagefind.version) else {}

    def _save(self, state: dict[str, Any]) -> None:
        """Save what the next build checks its bundles against (checked against the live index, so never stale)."""
        if self.state_file is None:
            return
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_suffix(".tmp")
        temporary.write_text(json.dumps({"pagefind": str(self.pagefind.version), **state}), encoding="utf-8")
        os.replace(temporary, self.state_file)


Facts = dict[str, tuple[str, str, str]]  # each HTML file's digest, language and filter names


def _page_facts(spare: Path, files: Mapping[str, str], known: Mapping[str, Sequence[str]]) -> Facts:
    """Each HTML file's (digest, language, filter names joined by commas), language '' if it is not searchable.

    A file whose digest the last build saw is not read again.
    """
    facts = {}
    for rel, digest in files.items():
        if not rel.endswith(".html"):
            continue
        before = known.get(rel)
        if before is not None and len(before) == 3 and before[0] == digest:
            facts[rel] = (digest, before[1], before[2])
            continue
        facts[rel] = (digest, *search_facts((spare / rel).read_bytes()))
    return facts


def search_facts(page: bytes) -> tuple[str, str]:
    """What the index needs of an HTML page: its language ('' when it is not searchable) and its filter names.

    Worked out by the render workers for the pages they make, so that the indexer need not read them again.
    """
    if SEARCHABLE not in page:
        return "", ""
    found = HTML_LANG.search(page[:4096])
    return found.group(1).decode("ascii").lower() if found else "unknown", ",".join(filter_names(page))


def filter_names(data: bytes) -> list[str]:
    """The names of the filters a page gives Pagefind, read as Pagefind reads data-pagefind-filter.

    The attribute holds names (or name[attribute]) separated by commas, the last one
    optionally followed by ':' and a literal value: "drug", "tag:opioids", "a, b[data-b]".
    """
    names = set()
    low = data.lower()
    for found in FILTER_ATTRIBUTE.finditer(low):
        if found.start() and low[found.start() - 1] not in b" \t\n\r\f/":  # not an attribute of its own
            continue
        group = 1 if found.group(1) is not None else 2
        value = html.unescape(data[found.start(group):found.end(group)].decode("utf-8", "replace"))
        for chunk in value.split(":", 1)[0].split(","):
            name = chunk.split("[", 1)[0].strip()
            if name:
                names.add(name)
    return sorted(names)


def bundle_count(pages: int) -> int:
    """How many bundles a language with this many searchable pages has.

    A function of the count alone, so that a site's index is the same however it was
    built up; it changes once every PAGES_PER_BUNDLE pages, re-indexing that language.
    """
    return max(1, -(-pages // PAGES_PER_BUNDLE))


def plan_bundles(pages: Mapping[str, tuple[str, ...]], version: str) -> list[Bundle]:
    """Split the searchable pages (digest, language...) into bundles by (language, a stable hash of their path)."""
    by_lang: dict[str, list[str]] = {}
    for rel, fact in pages.items():
        lang = fact[1]
        if lang:
            by_lang.setdefault(lang, []).append(rel)
    bundles = []
    for lang, rels in sorted(by_lang.items()):
        count = bundle_count(len(rels))
        parts: list[list[str]] = [[] for _ in range(count)]
        for rel in rels:
            parts[int(content_digest(rel.encode())[:8], 16) % count].append(rel)
        for number, part in enumerate(part for part in parts if part):  # the first is 0/, the modules' own
            key = f"{lang}/{number}"
            listing = "\n".join(f"{rel} {pages[rel][0]}" for rel in sorted(part))
            bundles.append(Bundle(key, tuple(sorted(part)), content_digest(f"{version}\n{key}\n{listing}".encode())))
    return bundles


def at_once(sizes: Sequence[int], cpus: int) -> int:
    """How many bundles (of these sizes in bytes of HTML) may be indexed at once: one per core, while the build
    stays under its memory ceiling."""
    own = _resident_mb()
    each = max(sizes) * INDEXER_BYTES_PER_HTML_BYTE / 2**20 + MB_PER_INDEXER
    return max(1, min(cpus, len(sizes), int((MEMORY_CEILING_MB - own) // each)))


def _resident_mb() -> float:
    """This process's resident memory, in MB (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def _publish_list(folder: Path, bundles: list[Bundle], pages: Mapping[str, tuple[str, ...]]) -> None:
    """Write each language's startup.json and pack, its module and worker, and the UI."""
    listing: dict[str, list[str]] = {}
    for bundle in bundles:
        lang, number = bundle.key.split("/")
        listing.setdefault(lang, []).append(f"{number}/")
    filters: dict[str, set[str]] = {}
    for fact in pages.values():
        if fact[1]:
            filters.setdefault(fact[1], set()).update(name for name in fact[2].split(",") if name)
    for lang, names in listing.items():
        pack = _startup_pack(folder / lang, names)
        pack_name = f"startup.{content_digest(pack)[:12]}.pf_pack"
        (folder / lang / pack_name).write_bytes(pack)
        shutil.copyfile(LANGUAGE_MODULE, folder / lang / "pagefind.js")
        shutil.copyfile(LANGUAGE_WORKER, folder / lang / "pagefind-worker.js")
        startup = {"bundles": names, "filters": sorted(filters.get(lang, ())), "pack": pack_name}
        (folder / lang / STARTUP_FILE).write_text(json.dumps(startup, sort_keys=True) + "\n", encoding="utf-8")
    if bundles:
        for name in UI_FILES:
            shutil.copyfile(folder / bundles[0].key / name, folder / name)


def _startup_pack(folder: Path, names: list[str]) -> bytes:
    """What a first query fetches from each of a language's bundles (names, "0/"...) before its index chunks,
    in one file: a line of JSON with each entry's text and each metadata file's span after that line, then
    the metadata files (names relative to the language's folder)."""
    entries: dict[str, str] = {}
    metadata = bytearray()
    parts: dict[str, list[int]] = {}
    for bundle in names:
        entries[bundle + ENTRY] = (folder / bundle / ENTRY).read_text(encoding="utf-8")
        for meta in sorted((folder / bundle).glob("*.pf_meta")):
            data = meta.read_bytes()
            parts[bundle + meta.name] = [len(metadata), len(metadata) + len(data)]
            metadata += data
    index = json.dumps({"entries": entries, "parts": parts}, sort_keys=True, separators=(",", ":"))
    return index.encode("utf-8") + b"\n" + bytes(metadata)


def _keep_only(folder: Path, keys: set[str]) -> None:
    """Remove from the spare copy's index folder every file and bundle folder but the bundles named by keys.

    What is kept is replaced or checked bundle by bundle; the files beside the bundles
    (the UI, each language's startup.json, module and worker) are written afresh, never into a file
    that may be a hard link to the live copy's.
    """
    if not folder.is_dir():
        folder.mkdir(parents=True)
        return
    for lang in os.scandir(folder):
        if not lang.is_dir(follow_symlinks=False):
            os.unlink(lang.path)
            continue
        for entry in os.scandir(lang.path):
            if f"{lang.name}/{entry.name}" in keys and entry.is_dir(follow_symlinks=False):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        if not any(os.scandir(lang.path)):
            os.rmdir(lang.path)  # a language the site no longer has


def _link_tree(source: Path, target: Path) -> None:
    """Make target a copy of source's tree whose files are hard links to source's."""
    for root, _, names in os.walk(source):
        into = target / os.path.relpath(root, source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            link_or_copy(os.path.join(root, name), into / name)


def _digest_of(path: Path) -> str:
    try:
        return content_digest(path.read_bytes())
    except OSError:
        return ""
