"""The build cache beside the output: what the last good build read and wrote.

Safe to delete (the next build is then a cold one) and versioned by a hash of
medpress's own code, so that an upgrade never serves pages rendered by older code.
Everything here is an optimisation: a cache that cannot be read is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import shutil
import zlib
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import OutputError, Problem
from .images import ImageInfo
from .links import PageLinks
from .model import Author, Listings, Output, Page, ParsedFiles, Reviewer, Site, SiteConfig, Stamp

PACKAGE_DIR = Path(__file__).parent
STATE_FILE = "state.pickle"
SUMMARY_FILE = "summary.pickle"
# The parsed articles and the scanned links are saved in this many files each, every entry
# pickled on its own: a rebuild after an edit unpickles only the entries it asks for.
SHARDS = 256
SHARDED = ("parsed", "links")


def code_version() -> str:
    """A hash of medpress's code, layouts and assets: any change makes a new cache."""
    # os.walk and plain strings: every build starts here, and Path.rglob was most of its time.
    skip = len(str(PACKAGE_DIR)) + 1
    files = []
    for folder, _, names in os.walk(PACKAGE_DIR):
        for name in names:
            path = os.path.join(folder, name)
            # isfile: not a dangling link, such as the lock file Emacs makes beside a file being edited
            if name.endswith((".py", ".html", ".css", ".js", ".xml", ".txt", ".po", ".pot")) and os.path.isfile(path):
                files.append(path[skip:])
    digest = hashlib.blake2b(digest_size=8)
    for rel in sorted(files):
        digest.update(rel.replace(os.sep, "/").encode())
        with open(os.path.join(PACKAGE_DIR, rel), "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SiteFacts:
    """What re-rendering one article's page needs to know about the rest of the site."""

    config: SiteConfig
    reviewers: Sequence[Reviewer]
    pages: Sequence[Page]
    related: Mapping[str, tuple[str, ...]]
    files: dict[str, str]  # article slug -> its file, in slug order
    unpublished: AbstractSet[str]
    base_key: str
    asset_urls: dict[str, str]
    listings: Listings
    authors: Sequence[Author] = ()
    images: Mapping[str, ImageInfo] = field(default_factory=dict)
    languages: Mapping[str, LanguageFacts] = field(default_factory=dict)  # each language after the default's
    versions: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # Site.versions


@dataclass(frozen=True, slots=True)
class LanguageFacts:
    """What SiteFacts says of the default site, for the site of one language's translations."""

    related: Mapping[str, tuple[str, ...]]
    files: dict[str, str]  # translation slug -> its file, in slug order
    unpublished: AbstractSet[str]
    listings: Listings
    sources: Mapping[str, str]  # source slug -> translation slug
    pages: tuple[Page, ...] = ()  # the plain pages translated into the language
    reviewers: Sequence[Reviewer] = ()  # the reviewers, their text in the language where it is given
    authors: Sequence[Author] = ()


@dataclass(frozen=True, slots=True)
class BuildState:
    """What the last successful build knew; made once when it published, saved after the output was swapped in."""

    version: str
    inputs_key: str = ""
    build_id: str = ""
    parsed: ParsedFiles = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)  # every page the build made
    files: dict[str, str] = field(default_factory=dict)  # every file of the live copy -> digest
    links: dict[str, PageLinks] = field(default_factory=dict)
    spare_id: str = ""
    spare: dict[str, str] = field(default_factory=dict)  # path -> digest in the spare copy
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    stamps: dict[str, Stamp] = field(default_factory=dict)  # every input file, to tell which changed
    options_key: str = ""  # drafts, search and the day
    facts: SiteFacts | None = None
    site: Site | None = None  # the whole site, kept in memory by the dev server; never saved
    # The facts as read from the cache, with their pickle: saved again as read while facts is that object.
    read_facts: tuple[SiteFacts, bytes] | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """The little a no-change rebuild needs, kept apart from the (large) state."""

    version: str
    inputs_key: str
    build_id: str
    warnings: list[Problem]
    pages: int


def load_state(cache_dir: Path, version: str) -> BuildState | None:
    """Return the saved state with every shard, or None when there is none or it is from other code."""
    state = load_core(cache_dir, version)
    if state is None:
        return None
    tables: dict[str, dict[str, Any]] = {}
    for name in SHARDED:
        whole: dict[str, Any] = {}
        tables[name] = whole
        for index in range(SHARDS):
            shard = _load(_shard_path(cache_dir, name, index))
            if not isinstance(shard, dict):
                return None
            for key, blob in shard.items():
                value = _loads(blob)
                if value is None:
                    return None
                whole[key] = value
    return replace(state, parsed=tables["parsed"], links=tables["links"])


def load_core(cache_dir: Path, version: str) -> BuildState | None:
    """The saved state without its shards (parsed and links are empty): see Shards."""
    saved = _load(cache_dir / STATE_FILE)
    if not (isinstance(saved, tuple) and len(saved) == 3 and isinstance(saved[0], BuildState)):
        return None
    state: BuildState = saved[0]
    tables, facts = saved[1], saved[2]
    if state.version != version:
        return None
    try:
        outputs, files, spare, stamps = marshal.loads(tables)
    except (EOFError, ValueError, TypeError):
        return None
    read = _loads(facts)  # None, unreadable or not, means no quick rebuild
    return replace(state, outputs=outputs, files=files, spare=spare, stamps=stamps, facts=read,
                   read_facts=(read, facts) if read is not None else None)


def load_summary(cache_dir: Path, version: str) -> Summary | None:
    """Return the last good build's summary, or None."""
    summary = _load(cache_dir / SUMMARY_FILE)
    return summary if isinstance(summary, Summary) and summary.version == version else None


def save_state(cache_dir: Path, state: BuildState, saved: BuildState | None = None) -> None:
    """Write the state, each file atomically: the shards, then the rest, then the summary.

    saved is the state as it is on disk (loaded from there by this build): only
    the shards whose entries changed since are written again.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in SHARDED:
        now: dict[str, Any] = getattr(state, name)
        before: dict[str, Any] | None = getattr(saved, name) if saved is not None else None
        for index, shard in _changed_shards(now, before).items():
            _dump(_shard_path(cache_dir, name, index), {key: _dumps(value) for key, value in shard.items()})
    save_core(cache_dir, state)


def save_core(cache_dir: Path, state: BuildState) -> None:
    """Write the state but its shards (saved already), then the summary.

    The four tables of 10,000-odd paths go through marshal, which writes plain
    dicts of strings in half the time pickle takes (a body edit saves them every
    time). Its format may change with Python's version: the load then fails, and
    the next build is a cold one, as with any unreadable cache.

    The facts are pickled on their own. An edit in place keeps them, and saving
    the pickle it read spares pickling them again.
    """
    tables = marshal.dumps((state.outputs, state.files, state.spare, state.stamps))
    read = state.read_facts
    facts = read[1] if read is not None and read[0] is state.facts else _dumps(state.facts)
    core = replace(state, parsed={}, links={}, outputs={}, files={}, spare={}, stamps={}, facts=None, site=None,
                   read_facts=None)
    _dump(cache_dir / STATE_FILE, (core, tables, facts))
    _dump(cache_dir / SUMMARY_FILE, Summary(state.version, state.inputs_key, state.build_id, state.warnings,
                                            state.pages))


class Shards:
    """One sharded part of the saved state (parsed or links), read a shard and unpickled an entry at a time."""

    def __init__(self, cache_dir: Path, name: str) -> None:
        self.cache_dir = cache_dir
        self.name = name
        self.loaded: dict[int, dict[str, bytes]] = {}
        self.values: dict[str, Any] = {}
        self.dirty: set[int] = set()

    def _shard(self, key: str) -> dict[str, bytes] | None:
        index = shard_of(key)
        if index not in self.loaded:
            shard = _load(_shard_path(self.cache_dir, self.name, index))
            if not isinstance(shard, dict):
                return None
            self.loaded[index] = shard
        return self.loaded[index]

    def get(self, key: str) -> Any:
        """The entry saved under key; None if there is none or it cannot be read."""
        if key not in self.values:
            shard = self._shard(key)
            blob = shard.get(key) if shard is not None else None
            self.values[key] = _loads(blob) if blob is not None else None
        return self.values[key]

    def put(self, key: str, value: Any) -> None:
        shard = self._shard(key)
        if shard is None:
            raise KeyError(key)
        shard[key] = _dumps(value)
        self.values[key] = value
        self.dirty.add(shard_of(key))

    def save(self) -> None:
        for index in sorted(self.dirty):
            _dump(_shard_path(self.cache_dir, self.name, index), self.loaded[index])
        self.dirty.clear()


def shard_of(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % SHARDS


def _changed_shards(now: dict[str, Any], before: dict[str, Any] | None) -> dict[int, dict[str, Any]]:
    shards: list[dict[str, Any]] = [{} for _ in range(SHARDS)]
    for key, value in now.items():
        shards[shard_of(key)][key] = value
    if before is None:
        return dict(enumerate(shards))
    changed = {shard_of(key) for key, value in now.items() if before.get(key) is not value}
    changed |= {shard_of(key) for key in before.keys() - now.keys()}
    return {index: shards[index] for index in changed}


def _shard_path(cache_dir: Path, name: str, index: int) -> Path:
    return cache_dir / f"{name}-{index:03d}.pickle"


def _dump(path: Path, value: Any) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(blob: Any) -> Any:
    """What blob unpickles to; None if it cannot be read (damaged, or pickled by other code)."""
    try:
        return pickle.loads(blob)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError, IndexError):
        return None


def forget_state(cache_dir: Path) -> None:
    """Drop the saved state (before the outputs it describes are changed); the summary goes first."""
    for name in (SUMMARY_FILE, STATE_FILE):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):  # none there, or no folder to hold one
            (cache_dir / name).unlink()


def _load(path: Path) -> Any:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    return _loads(blob)


def require_writable(cache_dir: Path, version: str) -> None:
    """Make this version's cache folder and write in it, or raise OutputError saying why it cannot be.

    Asked first, before anything is read: a folder that cannot be made or written would
    otherwise fail the build part-way, named as the output folder or in a traceback.
    """
    folder = version_folder(cache_dir, version)
    probe = folder / f".written-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"the build cache folder cannot be written: {exc.strerror or exc}",
                          os.fsdecode(exc.filename) if exc.filename else str(cache_dir),
                          hint="make it writable, give --cache a folder that is (outside the site, e.g. "
                          "/tmp/medpress-cache), or build with --no-cache") from None


def version_folder(cache_dir: Path, version: str) -> Path:
    """Where this version of medpress keeps its cache under cache_dir."""
    return cache_dir / f"code-{version}"


def code_folder(cache_dir: Path, version: str) -> Path:
    """The cache folder for this version of medpress; older versions' folders are removed."""
    folder = version_folder(cache_dir, version)
    for old in cache_dir.glob("code-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder


class MarkdownStore:
    """Rendered Markdown bodies on disk, one file per content hash.

    A build with no state to start from (a cold one) reads the store but adds nothing to it
    (filling=False): where the cache is not kept, as in most CI runs, filling it would be
    work thrown away. The next build that starts from a state (a layout edit, a CI run
    with a kept cache) fills it.
    """

    def __init__(self, folder: Path, filling: bool = True) -> None:
        self.folder = folder
        self.filling = filling

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any:
        return _load(self._path(key))

    def put(self, key: str, value: Any) -> None:
        if not self.filling:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}")
            temporary.write_bytes(_dumps(value))
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs speed
