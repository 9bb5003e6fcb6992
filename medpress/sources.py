"""Finding and reading the site's files: one walk, stamps, UTF-8 text, frontmatter, digests.

The walk stamps every input (size and modification time) so a build can tell
what changed, and lists the usable files of content/ and assets/, refusing links
that leave the site. Frontmatter is split here rather than with
python-frontmatter because the editor needs the exact line of each key and an
unclosed fence must be an error, not silently part of the body.
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_module
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .model import Article, SiteConfig, Stamp

MAX_FILE_BYTES = 2_000_000
FENCE = "---"


@dataclass(frozen=True, slots=True)
class Inputs:
    """Every file a build reads, from one walk of the site.

    stamps (size and modification time by path) tell a build what changed; entries
    are the files of content/ and assets/ that are not hidden, sorted, each with
    its kind ("file" or "folder", a linked one) and why it is refused, if it is.
    """

    site_dir: Path
    stamps: dict[str, Stamp]
    entries: tuple[tuple[str, str, str], ...]


INPUT_TOPS = ("site.yaml", "content", "layouts", "assets")
LISTED_TOPS = ("content", "assets")
OUTSIDE_FILE = "is a link to a file outside the site; refused"
OUTSIDE_FOLDER = "is a link to a folder outside the site; refused"
NOT_A_FILE = "is not an ordinary file (a broken link, a pipe or a device); refused"
REFUSAL_HINTS = {
    OUTSIDE_FILE: "copy the file into the site instead of linking it",
    OUTSIDE_FOLDER: "copy the files into the site instead of linking them",
    NOT_A_FILE: "replace it with a file",
}


def scan_inputs(site_dir: Path, out: Path | None = None) -> Inputs:
    """Walk site.yaml, content/, layouts/ and assets/ once (never into out).

    Links are stamped too, linked folders and broken links included: adding one must
    make the next build look (and refuse it) rather than report "nothing changed".
    """
    base = str(site_dir)
    root = os.path.realpath(site_dir)
    out_real = os.path.realpath(out) if out is not None else None
    stamps: dict[str, Stamp] = {}
    entries: list[tuple[str, str, str]] = []
    for top in INPUT_TOPS:
        start = os.path.join(base, top)
        if os.path.isfile(start):
            stat = os.stat(start)
            stamps[top] = (stat.st_mtime_ns, stat.st_size)
            continue
        if os.path.islink(start):
            link = os.lstat(start)
            stamps[f"{top} (link)"] = (link.st_mtime_ns, link.st_size)
        listed = top in LISTED_TOPS
        folders = [start] if os.path.isdir(start) else []
        while folders:
            here = folders.pop()
            if out_real is not None and _within(os.path.realpath(here), out_real):
                continue
            try:
                with os.scandir(here) as listing:
                    found = list(listing)
            except OSError:
                continue
            for entry in found:
                rel = entry.path[len(base) + 1:]
                is_link = entry.is_symlink()
                if not is_link and entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                try:
                    stat = entry.stat()
                except OSError:  # a broken link
                    stat = entry.stat(follow_symlinks=False)
                stamps[rel] = (stat.st_mtime_ns, stat.st_size)
                if is_link:
                    link = entry.stat(follow_symlinks=False)
                    stamps[rel + " (link)"] = (link.st_mtime_ns, link.st_size)
                if listed and not any(part.startswith(".") for part in rel.split("/")[1:]):
                    entries.append(_entry(entry.path, rel, is_link, stat, root))
    entries.sort(key=lambda item: item[0].split("/"))
    return Inputs(site_dir, stamps, tuple(entries))


def _entry(path: str, rel: str, is_link: bool, stat: os.stat_result, root: str) -> tuple[str, str, str]:
    if is_link and stat_module.S_ISDIR(stat.st_mode):
        return rel, "folder", "" if _within(os.path.realpath(path), root) else OUTSIDE_FOLDER
    if is_link and not _within(os.path.realpath(path), root):
        return rel, "file", OUTSIDE_FILE
    if not stat_module.S_ISREG(stat.st_mode):  # a broken link, a pipe (reading it would hang) or a device
        return rel, "file", NOT_A_FILE
    return rel, "file", ""


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def site_files(inputs: Inputs, folder: str, problems: list[Problem]) -> list[str]:
    """The usable files under folder (relative to the site), sorted; report links that leave the site."""
    path = inputs.site_dir / folder
    if not path.is_dir():
        return []
    if not path.resolve().is_relative_to(inputs.site_dir.resolve()):  # the folder itself links out of the site
        problems.append(Problem(OUTSIDE_FOLDER, folder, hint=REFUSAL_HINTS[OUTSIDE_FOLDER]))
        return []
    prefix = folder + "/"
    found = []
    for rel, kind, refusal in inputs.entries:
        if not rel.startswith(prefix):
            continue
        if refusal:
            problems.append(Problem(refusal, rel, hint=REFUSAL_HINTS[refusal]))
        elif kind == "file":
            found.append(rel)
    return found


def layout_digests(config: SiteConfig) -> list[tuple[str, str]]:
    """The site's own layouts by content, so that editing one re-renders the pages using it."""
    folder = config.layouts_dir
    if not folder.is_dir():
        return []
    return sorted((path.relative_to(folder).as_posix(), text_digest(path.read_bytes().decode("utf-8", "replace")))
                  for path in folder.rglob("*") if path.is_file())


def read_text(path: Path, rel: str) -> str:
    """Read a UTF-8 text file (BOM and Windows line endings allowed)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(f"file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB",
                               rel, hint="split it into several files")
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror or exc}", rel,
                           hint="check that the file is readable") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(f"is not UTF-8 text (byte {exc.start})", rel, line,
                           hint="save the file with UTF-8 encoding") from None
    if "\x00" in text:
        raise ContentError("contains NUL bytes; it is not a text file", rel)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_frontmatter(text: str, rel: str) -> tuple[str, str, int]:
    """Split '---' fenced YAML from the body; return (yaml, body, first line of body)."""
    lines = text.split("\n")
    if not text.strip():
        raise ContentError("file is empty", rel, 1, hint="start it with a '---' frontmatter block")
    if lines[0].rstrip() != FENCE:
        raise ContentError("does not start with a '---' frontmatter block", rel, 1,
                           hint="the first line must be exactly ---")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise ContentError("the frontmatter block opened on line 1 is never closed", rel, 1,
                       hint="add a line with just --- after the last key")


def whole_digest(rel: str, text: str) -> str:
    """What an article's own page is keyed by: its whole file (the path too: a slug may come from it)."""
    return text_digest(f"{rel}\n{text}")


def front_digest(rel: str, text: str, body: str) -> str:
    """What pages listing an article are keyed by: its file without the body."""
    return text_digest(f"{rel}\n{text.removesuffix(body)}")


def text_digest(text: str) -> str:
    """A short content hash: what the build cache keys a source file by."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def read_body(config: SiteConfig, article: Article) -> str:
    """Read an article's Markdown body again (for one parsed by an earlier build)."""
    text = read_text(config.site_dir / article.origin.path, article.origin.path)
    return split_frontmatter(text, article.origin.path)[1]
