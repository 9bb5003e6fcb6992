"""How a build is asked for (BuildOptions) and what one run of it has settled before it starts (Run)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .search import Pagefind

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How to build: output, drafts, the day reviews are judged on, search, workers and cache."""

    out: Path | None = None
    drafts: bool = False
    today: date | None = None
    search: bool = True
    jobs: int | None = None  # worker processes for rendering; default: one per core
    cache: Path | None = None  # build cache folder; default: .<out>.cache beside the output
    use_cache: bool = True
    save_cache: bool = True  # False keeps the new state only in Report.state (the dev server)
    progress: Progress | None = None
    base_url: str | None = None  # replaces site.yaml's base_url (build --base-url)


@dataclass(frozen=True, slots=True)
class Run:
    """One build's settled facts: its folders, the code's version, the day, and the keys of its inputs."""

    site_dir: Path
    out: Path
    cache_dir: Path
    version: str
    today: date
    options_key: str  # drafts, search, the day and the base_url given
    inputs_key: str  # every input file's stamp, and options_key
    options: BuildOptions
    pagefind: Pagefind | None = None  # the indexer, found once before anything is read; None without search
