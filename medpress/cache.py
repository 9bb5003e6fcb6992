"""The build cache beside the output: what the last good build read and wrote.

Safe to delete (the next build is then a cold one) and versioned by a hash of
medpress's own code, so that an upgrade never serves pages rendered by older code.
Everything here is an optimisation: a cache that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem
from .links import PageLinks
from .model import ParsedFiles

PACKAGE_DIR = Path(__file__).parent
STATE_FILE = "state.pickle"
SUMMARY_FILE = "summary.pickle"


def code_version() -> str:
    """A hash of medpress's code, layouts and assets: any change makes a new cache."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".xml", ".txt"):
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(slots=True)
class BuildState:
    """What the last successful build knew; saved after the output was swapped in."""

    version: str
    inputs_key: str = ""
    build_id: str = ""
    parsed: ParsedFiles = field(default_factory=dict)
    outputs: dict[str, tuple[str, str]] = field(default_factory=dict)  # page path -> (key, digest of bytes)
    files: dict[str, str] = field(default_factory=dict)  # every file of the live copy -> digest
    links: dict[str, PageLinks] = field(default_factory=dict)
    spare_id: str = ""
    spare: dict[str, str] = field(default_factory=dict)  # path -> digest in the spare copy
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """The little a no-change rebuild needs, kept apart from the (large) state."""

    version: str
    inputs_key: str
    build_id: str
    warnings: list[Problem]
    pages: int


def load_state(cache_dir: Path, version: str) -> BuildState | None:
    """Return the saved state, or None when there is none or it is from other code."""
    state = _load(cache_dir / STATE_FILE)
    return state if isinstance(state, BuildState) and state.version == version else None


def load_summary(cache_dir: Path, version: str) -> Summary | None:
    """Return the last good build's summary, or None."""
    summary = _load(cache_dir / SUMMARY_FILE)
    return summary if isinstance(summary, Summary) and summary.version == version else None


def save_state(cache_dir: Path, state: BuildState) -> None:
    """Write the state and its summary, each atomically."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary(state.version, state.inputs_key, state.build_id, state.warnings, state.pages)
    for name, value in ((STATE_FILE, state), (SUMMARY_FILE, summary)):
        temporary = cache_dir / f"{name}.{os.getpid()}"
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache_dir / name)


def forget_state(cache_dir: Path) -> None:
    """Drop the saved state (before the outputs it describes are changed); the summary goes first."""
    for name in (SUMMARY_FILE, STATE_FILE):
        try:
            (cache_dir / name).unlink()
        except FileNotFoundError:
            pass


def _load(path: Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def code_folder(cache_dir: Path, version: str) -> Path:
    """The cache folder for this version of medpress; older versions' folders are removed."""
    for old in cache_dir.glob("code-*"):
        if old.name != f"code-{version}":
            shutil.rmtree(old, ignore_errors=True)
    return cache_dir / f"code-{version}"


class MarkdownStore:
    """Rendered Markdown bodies on disk, one file per content hash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any:
        return _load(self._path(key))

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}")
            temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only costs speed
