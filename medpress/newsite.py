"""The `init` command's writer: a new site folder from the skeleton shipped inside medpress.

The skeleton stores dotfiles under names without the dot (dot-gitignore, dot-github/),
because package-data globs skip hidden files; they get their dot back here. A new
folder is written beside its final place and renamed into it, so a failure leaves
nothing; an existing empty folder is filled, and emptied again on failure.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

from . import __version__

SKELETON = Path(__file__).parent / "skeleton"
DOT_PREFIX = "dot-"
TODAY_MARK = b"__TODAY__"  # the example article's review date, set when the site is written
REQUIREMENT_MARK = b"__MEDPRESS_REQUIREMENT__"  # the workflow installs the medpress that wrote the site
PINNED = f"medpress=={__version__}"  # that release, from a package index
IGNORED = frozenset({".git"})  # a freshly cloned, still empty repository counts as empty


class InitRefused(Exception):
    """The new site cannot be written where asked; nothing was written."""


def installed_from() -> tuple[str, str]:
    """What a site's workflow installs to get the medpress that wrote it, and why CI may not find it ('' if it will).

    pip records where a package came from (PEP 610, direct_url.json): nothing for a package index, a Git
    repository and commit, or a local folder or file, which CI cannot reach.
    """
    from importlib import metadata

    try:
        origin = json.loads(metadata.distribution("medpress").read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        return PINNED, ""
    if not isinstance(origin, dict):
        return PINNED, ""  # from a package index, where CI finds the same release
    url, vcs = str(origin.get("url", "")), origin.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and not url.startswith("file:") and vcs.get("commit_id"):
        return f"medpress @ git+{url}@{vcs['commit_id']}", ""
    return PINNED, (f"medpress was installed from {url or 'a local file'}, not from a package index, so the "
                    f"workflow's '{PINNED}' may not be found: change its install line in "
                    ".github/workflows/medpress.yml to where your CI can install medpress from")


def skeleton_files(today: date, requirement: str = PINNED) -> dict[str, bytes]:
    """Return the new site's files by path, with the example review dated today and the workflow installing
    requirement."""
    files = {}
    for path in sorted(SKELETON.rglob("*")):
        if path.is_file():
            rel = "/".join(_undot(part) for part in path.relative_to(SKELETON).parts)
            files[rel] = (path.read_bytes().replace(TODAY_MARK, today.isoformat().encode())
                          .replace(REQUIREMENT_MARK, requirement.encode()))
    return files


def _undot(name: str) -> str:
    return "." + name.removeprefix(DOT_PREFIX) if name.startswith(DOT_PREFIX) else name


def create_site(target: Path, today: date, requirement: str = PINNED) -> list[str]:
    """Write a new site into target, which must be absent or empty; return the paths written."""
    files = skeleton_files(today, requirement)
    if target.exists() or target.is_symlink():
        _require_empty(target)
        _fill_empty(target, files)
    else:
        _write_beside(target, files)
    return sorted(files)


def _require_empty(target: Path) -> None:
    if not target.is_dir():
        raise InitRefused(f"{target} exists and is not a folder, so nothing was written")
    found = sorted(entry.name for entry in target.iterdir() if entry.name not in IGNORED)
    if found:
        shown = ", ".join(f"'{name}'" for name in found[:3]) + (" ..." if len(found) > 3 else "")
        raise InitRefused(f"{target} is not empty (it holds {shown}), so nothing was written")


def _write_beside(target: Path, files: dict[str, bytes]) -> None:
    """Write into a hidden sibling folder, then rename it to target in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.init-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)  # left by a killed run of this process id
    staging.mkdir()
    try:
        _write_files(staging, files)
        os.rename(staging, target)  # fails, rather than merging, if target was filled meanwhile
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _fill_empty(target: Path, files: dict[str, bytes]) -> None:
    """Write into an empty folder in place (it may be the current one); on failure, empty it again."""
    tops = sorted({rel.split("/")[0] for rel in files})
    try:
        _write_files(target, files)
    except BaseException:
        for top in tops:
            path = target / top
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            elif path.exists() or path.is_symlink():
                path.unlink()
        raise


def _write_files(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:  # "x": never overwrite what someone else just wrote
            handle.write(data)


def next_steps(command: str, site_option: str) -> list[str]:
    """Return the lines that tell the new site's owner what to do next."""
    rows = [
        (f"{command} serve{site_option}", "preview the site at http://127.0.0.1:8000/"),
        (f"{command} new \"Title\"{site_option}", "start an article"),
        (f"{command} check{site_option}", "list every problem before you publish"),
        (f"{command} build{site_option}", "build the site into output/"),
    ]
    width = max(len(run) for run, _ in rows)
    return ["Next:"] + [f"  {run.ljust(width)}   {what}" for run, what in rows]
