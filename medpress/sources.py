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
import pickle
import re
import stat as stat_module
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem
from .labels import OVERRIDES, Interface, Override
from .model import Article, SiteConfig, Stamp

MAX_FILE_BYTES = 2_000_000
FENCE = "---"


@dataclass(frozen=True, slots=True)
class Inputs:
    """Every file a build reads, from one walk of the site.

    stamps (size and modification time by path) tell a build what changed; entries
    are the files of content/, assets/ and static/ that are not hidden (static/.well-known/
    aside), sorted, each with its kind ("file" or "folder", a linked one) and why it is
    refused, if it is.
    """

    site_dir: Path
    stamps: dict[str, Stamp]
    entries: tuple[tuple[str, str, str], ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # folders the walk could not list, and why


INPUT_TOPS = ("site.yaml", "content", "layouts", "assets", "static", "translations")
LISTED_TOPS = ("content", "assets", "static")
# Hidden names that are listed all the same: the folder of well-known URIs (RFC 8615),
# which a site publishes at its root for security.txt, app links and domain checks.
LISTED_HIDDEN = frozenset({os.path.join("static", ".well-known")})
# Files an editor keeps beside the one it edits, as Hugo and Jekyll skip them: a backup (name~), an Emacs
# autosave (#name#), the file Vim writes and deletes while saving, to test that it may (4913), and the
# temporary file `sed -i` edits in before it renames it over the original (sedXXXXXX).
VIM_PROBE = "4913"
SED_TEMPORARY = re.compile(r"sed[A-Za-z0-9]{6}")  # a file: a folder so named is a name ("sedatives")
OUTSIDE_FILE = "is a link to a file outside the site; refused"
OUTSIDE_FOLDER = "is a link to a folder outside the site; refused"
# Within the site a linked folder's files are elsewhere (or twice) in the site: read through the link, they
# would be two pages, or pages whose files the walk does not watch.
LINKED_FOLDER = "is a link to a folder, which medpress does not follow; refused"
NOT_A_FILE = "is not an ordinary file (a broken link, a pipe or a device); refused"
# What the walk leaves out itself (.env, .git/config) is no more published through a link to it.
HIDDEN_FILE = "is a link to a hidden file of the site (a name starting with '.', such as .env or .git/config); refused"
REFUSAL_HINTS = {
    OUTSIDE_FILE: "copy the file into the site instead of linking it",
    HIDDEN_FILE: "copy the file here instead of linking it, if it is meant to be published",
    OUTSIDE_FOLDER: "copy the files into the site instead of linking them",
    LINKED_FOLDER: "move the files into this folder instead of linking it",
    NOT_A_FILE: "replace it with a file",
}


def scan_inputs(site_dir: Path, out: Path | None = None) -> Inputs:
    """Walk site.yaml, content/, layouts/, assets/ and static/ once (never into out).

    Links are stamped too, linked folders and broken links included: adding one must
    make the next build look (and refuse it) rather than report "nothing changed".
    """
    walk = _Walk(str(site_dir), os.path.realpath(site_dir), os.path.realpath(out) if out is not None else None)
    for top in INPUT_TOPS:
        start = os.path.join(walk.base, top)
        if os.path.isfile(start):
            stat = os.stat(start)
            walk.stamps[top] = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)
            continue
        if os.path.islink(start):
            link = os.lstat(start)
            walk.stamps[f"{top} (link)"] = (link.st_mtime_ns, link.st_size, link.st_ctime_ns)
        if os.path.isdir(start):
            walk.folder(start, listed=top in LISTED_TOPS)
    return Inputs(site_dir, walk.stamps, tuple(walk.entries), tuple(walk.unreadable))


@dataclass(slots=True)
class _Walk:
    """One walk's results. Folders are visited in name order, depth first, so the
    entries come out sorted as paths sort (by part), with no sort afterwards."""

    base: str
    root: str
    out: str | None
    stamps: dict[str, Stamp] = field(default_factory=dict)
    entries: list[tuple[str, str, str]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def folder(self, here: str, listed: bool) -> None:
        """Stamp everything under here; list what is not hidden when listed."""
        if self.out is not None and _within(os.path.realpath(here), self.out):
            return
        skip = len(self.base) + 1
        try:
            with os.scandir(here) as listing:
                found = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:  # its files would silently be left out, and their pages unpublished
            self.unreadable.append((here[skip:], exc.strerror or str(exc)))
            self.stamps[here[skip:] + " (unreadable)"] = (0, 0, 0)
            return
        for entry in found:
            if is_editor_leftover(entry.name, entry.is_dir(follow_symlinks=False)):
                continue
            is_link = entry.is_symlink()
            rel = entry.path[skip:]
            shown = listed and (not entry.name.startswith(".") or rel in LISTED_HIDDEN)
            if not is_link and entry.is_dir(follow_symlinks=False):
                self.folder(entry.path, shown)
                continue
            try:
                stat = entry.stat()
            except OSError:  # a broken link
                stat = entry.stat(follow_symlinks=False)
            self.stamps[rel] = (stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)
            if is_link:
                link = entry.stat(follow_symlinks=False)
                self.stamps[rel + " (link)"] = (link.st_mtime_ns, link.st_size, link.st_ctime_ns)
            if shown:
                self.entries.append(_entry(entry.path, rel, is_link, stat, self.root))


def stamps_key(stamps: dict[str, Stamp], *more: str) -> str:
    """A hash of every input's stamp (in the walk's order, which is sorted) and more."""
    digest = hashlib.blake2b(pickle.dumps(stamps, protocol=5), digest_size=16)  # pickle: the C way to serialise
    for part in more:
        digest.update(part.encode())
    return digest.hexdigest()


def _entry(path: str, rel: str, is_link: bool, stat: os.stat_result, root: str) -> tuple[str, str, str]:
    if not is_link and stat_module.S_ISREG(stat.st_mode):
        return rel, "file", ""
    if is_link and stat_module.S_ISDIR(stat.st_mode):
        return rel, "folder", LINKED_FOLDER if _within(os.path.realpath(path), root) else OUTSIDE_FOLDER
    if is_link:
        target = os.path.realpath(path)
        if not _within(target, root):
            return rel, "file", OUTSIDE_FILE
        if _is_hidden(target[len(root) + 1:]):
            return rel, "file", HIDDEN_FILE
    if not stat_module.S_ISREG(stat.st_mode):  # a broken link, a pipe (reading it would hang) or a device
        return rel, "file", NOT_A_FILE
    return rel, "file", ""


def _is_hidden(rel: str) -> bool:
    """True for a path of the site (relative to it) that the walk does not list: a part of it starts with '.'."""
    parts = rel.split(os.sep)
    shown = next((len(hidden.split(os.sep)) for hidden in LISTED_HIDDEN if _within(rel, hidden)), 0)
    return any(part.startswith(".") for part in parts[shown:])


# What a browser opens as a page of the site's own origin, which may run the site's scripts (the policy lets any
# of them run): an image, stylesheet, script or font is none of these.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".mht", ".mhtml")
PAGE_HINT = ("write a page as Markdown in content/pages/; a file to publish exactly as it is, such as a search "
             "engine's verification page, goes in static/ outside static/assets/")


def is_page_file(path: str) -> bool:
    """True for a file a browser opens as a page (see PAGE_SUFFIXES)."""
    return path.lower().endswith(PAGE_SUFFIXES)


def is_editor_leftover(name: str, folder: bool = False) -> bool:
    """True for an editor's backup, autosave or probe file: never content, and no reason to build again."""
    return (name.endswith("~") or name.startswith("#") or name == VIM_PROBE
            or (not folder and bool(SED_TEMPORARY.fullmatch(name))))


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def unreadable_folders(inputs: Inputs) -> list[Problem]:
    """An error for each folder of the site that could not be listed."""
    return [Problem(f"cannot be read: {reason}", rel, hint="check that the folder can be read (its permissions)")
            for rel, reason in inputs.unreadable]


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


def read_overrides(config: SiteConfig) -> list[Override]:
    """The site's overrides of the interface text, translations/<lang>.po, sorted by language."""
    folder = config.site_dir / OVERRIDES
    if not folder.is_dir():
        return []
    files = sorted(path for path in folder.iterdir() if not path.name.startswith("."))
    site = config.site_dir.resolve()
    for path in files:
        if not path.resolve().is_relative_to(site):
            raise ContentError(OUTSIDE_FILE, f"{OVERRIDES}/{path.name}", hint=REFUSAL_HINTS[OUTSIDE_FILE])
    return [Override(f"{OVERRIDES}/{path.name}", path.name.removesuffix(".po"),
                     read_text(path, f"{OVERRIDES}/{path.name}") if path.is_file() else "") for path in files]


def site_interface(config: SiteConfig) -> Interface:
    """The site's interface text: medpress's catalogues under its own translations/<lang>.po."""
    return Interface(config.language, read_overrides(config))


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
