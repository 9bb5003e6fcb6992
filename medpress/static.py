"""static/: files published as they are at the site's root, never in place of the site's own."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import Problem
from .model import Site
from .pages import PageJob, every_job
from .sources import PAGE_HINT, is_page_file
from .write import SEARCH_FOLDER, Asset

STATIC = "static"
# The site's own files, in words, by the kind of page that makes them.
WHAT = {
    "home": "the home page", "404": "the page-not-found page", "search": "the search page",
    "drugs": "the drugs A to Z", "sitemap": "the sitemap", "feed": "the feed", "robots": "robots.txt",
    "redirects": "the list of redirects", "headers": "the list of security headers",
    "redirect": "the redirect to {name}", "article": "the article '{name}'",
    "category": "the listing of category '{name}'", "reviewer": "the page of reviewer '{name}'",
    "reviewers": "the review board", "author": "the page of author '{name}'", "tags": "the list of topics",
    "tag": "the listing of topic '{name}'", "page": "the page '{name}'",
}
# Folders of the output that are medpress's as a whole, whatever files it makes in them.
OWN_FOLDERS = {
    "assets": ("where medpress publishes the site's assets/ folder", "move the file into assets/"),
    SEARCH_FOLDER: ("where medpress writes the search index", "rename the folder in static/"),
}
HINT = "remove it from static/ or rename it"


def plan_static(site: Site, files: Iterable[str]) -> tuple[list[Asset], list[Problem]]:
    """The files of static/ (paths in the site folder) to copy, and a problem for each that clashes."""
    files = list(files)
    if not files:
        return [], []  # listing the site's pages is only worth it when there is something to compare
    root = site.config.base_path
    own = {job.path: describe(job, root) for job in every_job(site)}
    folders = _folders(own)
    copies, problems = [], []
    for rel in files:
        target = rel[len(STATIC) + 1:]
        clash = _clash(target, own, folders, root)
        if clash is None:
            copies.append(Asset(site.config.site_dir / rel, target))
        else:
            problems.append(Problem(clash[0], rel, hint=clash[1]))
    return copies, problems


def describe(job: PageJob, root: str = "/") -> str:
    """Say in words which of the site's own files a page is (a redirect's target under root, the site's path)."""
    name = root.rstrip("/") + job.name if job.kind == "redirect" else job.name
    return WHAT.get(job.kind, "one of the site's pages").format(name=name)


def _folders(paths: Iterable[str]) -> dict[str, str]:
    """Every folder the site's own files are in, each with the first of those files."""
    folders: dict[str, str] = {}
    for path in sorted(paths):
        parts = path.split("/")
        for end in range(1, len(parts)):
            folders.setdefault("/".join(parts[:end]), path)
    return folders


def _clash(target: str, own: dict[str, str], folders: dict[str, str], root: str = "/") -> tuple[str, str] | None:
    """Say why a static file may not be published at target, and what to do; None when it may.

    Addresses are given as visitors see them, under root (the path of a site served under one: /resources/).
    """
    parts = target.split("/")
    if parts[0] in OWN_FOLDERS:
        where, hint = OWN_FOLDERS[parts[0]]
        if parts[0] == "assets" and is_page_file(target):
            hint = PAGE_HINT  # not "move the file into assets/", where a page is refused
        return f"is inside {root}{parts[0]}/, {where}", hint
    if target in own:
        return f"would replace {root}{target}, {own[target]}, which medpress writes", HINT
    if target in folders:
        inner = folders[target]
        return f"is a file where medpress writes the folder {root}{target}/ (for {own[inner]}, {root}{inner})", HINT
    for end in range(1, len(parts)):
        parent = "/".join(parts[:end])
        if parent in own:
            return f"is inside {root}{parent}, {own[parent]}, which medpress writes as a file", HINT
    return None
