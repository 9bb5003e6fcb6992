"""Internal link check over the rendered site: every href and src must resolve."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .errors import Problem

LINK_ATTRIBUTES = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"), ("source", "src")}
# Written after the link check (by the search indexer), so links into it are trusted.
GENERATED_PREFIXES = ("/pagefind/",)


@dataclass(frozen=True, slots=True)
class SourceOf:
    """Where an output page came from: the file an editor would open, and its body."""

    path: str
    body: str = ""
    body_line: int = 1


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES:
                self.links.append(value)


def scan(html: bytes) -> tuple[set[str], list[str]]:
    """Return the ids a page defines and the links it makes."""
    collector = _Collector()
    collector.feed(html.decode("utf-8", "replace"))
    collector.close()
    return collector.ids, collector.links


def check_links(files: dict[str, bytes], assets: set[str], sources: dict[str, SourceOf]) -> list[Problem]:
    """Report every internal link or anchor that points at nothing.

    A broken link written in an article is reported against that article, with its
    line; one that comes from a layout or site.yaml is reported once for all pages.
    """
    pages = {path: scan(data) for path, data in files.items() if path.endswith(".html")}
    existing = set(files) | assets
    problems = []
    from_layouts: dict[tuple[str, str], list[str]] = {}
    for page, (ids, links) in sorted(pages.items()):
        for link in sorted(set(links)):
            reason = _broken(page, link, existing, pages, ids)
            if not reason:
                continue
            source = sources.get(page)
            line = _line_of(link, source) if source else None
            if source and line:
                problems.append(Problem(f"links to '{link}', {reason}", source.path, line, "link",
                                        "fix or remove the link"))
            else:
                from_layouts.setdefault((link, reason), []).append(page)
    for (link, reason), on_pages in sorted(from_layouts.items()):
        problems.append(Problem(f"links to '{link}', {reason} (on {len(on_pages)} page(s), e.g. {on_pages[0]})",
                                "site.yaml or layouts", None, "link",
                                "fix the link in site.yaml or the layout, or add the page it points at"))
    return problems


def _line_of(link: str, source: SourceOf) -> int | None:
    for number, text in enumerate(source.body.split("\n")):
        if link in text:
            return source.body_line + number
    return None


def _broken(page: str, link: str, existing: set[str], pages: dict[str, tuple[set[str], list[str]]],
            own_ids: set[str]) -> str:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return ""  # external: http(s), mailto, tel
    if not parts.path:
        return "" if not parts.fragment or unquote(parts.fragment) in own_ids else f"no element with id '{parts.fragment}' on this page"
    if parts.path.startswith(GENERATED_PREFIXES):
        return ""
    target = _target_file(page, unquote(parts.path))
    if target is None or target not in existing:
        return "which is not a page or file of the site"
    if parts.fragment and target in pages and unquote(parts.fragment) not in pages[target][0]:
        return f"which has no element with id '{parts.fragment}'"
    return ""


def _target_file(page: str, path: str) -> str | None:
    if path.startswith("/"):
        base: list[str] = []
    else:
        base = page.split("/")[:-1]
    for part in path.split("/"):
        if part == "..":
            if not base:
                return None
            base.pop()
        elif part not in ("", "."):
            base.append(part)
    joined = "/".join(base)
    if path.endswith("/") or not base:
        return f"{joined}/index.html".lstrip("/")
    if "." not in base[-1]:
        return f"{joined}/index.html"
    return joined
