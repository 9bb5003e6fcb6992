"""Internal link check over the rendered site: every href and src must resolve.

Each page is scanned once into its ids and the files its links resolve to; an
incremental build keeps the scans of unchanged pages and re-checks only the
pages that changed or that link to something that changed.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from itertools import accumulate
from urllib.parse import quote, unquote, urlunsplit

from .errors import Problem, SiteError, closest
from .urls import ATTRIBUTE, site_relative, split_url, srcset_urls

# Written after the link check (by the search indexer), so links into it are trusted.
GENERATED_PREFIXES = ("/pagefind/",)
OUTSIDE = "\0outside "  # the target of a root-relative link that leaves the base path, before that path
NOT_AN_ADDRESS = "\0not an address"  # the target of an href no URL parser reads (https://[www.nhs.uk]/)
# Found in a page's bytes in lower case, whose offsets are the page's: the tags that link or load.
_TAG = re.compile(rb"<(a|img|link|script|source|form|use|image|video|object)\b([^>]*)>")  # use, image: SVG's
_LINK_NAMES = frozenset({"href", "src", "action", "srcset", "xlink:href", "poster", "data"})
# An attribute and its value, found by its name, then checked to be in a tag: a search for a
# name is far sooner than one for every tag that might hold it.
_ID = re.compile(rb"""id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")  # case-sensitive, in the page as written
_NAME = re.compile(rb"""name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")  # in the page in lower case
_SPACE = frozenset(b" \t\n\r\f\v")  # byte values
_LETTER = frozenset(bytes([c]) for c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_WORD = _LETTER | frozenset(bytes([c]) for c in b"0123456789_")
# A folder path of the site with nothing to decode or normalise ("/drug-a/"): most links.
_PLAIN_FOLDER = re.compile(r"/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*")
_SCRIPT_OR_STYLE = re.compile(rb"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL)  # in lower case


# A link as written, the output file it needs ("" for an external or generated
# link) and the element id it names. A plain tuple: the build cache keeps
# hundreds of thousands of them, and tuples pickle at C speed.
Link = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class PageLinks:
    """The ids a page defines and the links it makes: what checks its links and anchors against the site."""

    ids: frozenset[str]
    links: tuple[Link, ...]

    @property
    def targets(self) -> frozenset[str]:
        """The files its links need, each link to a folder's page with the file of the same name it may name."""
        targets = {target for _, target, _ in self.links if target}
        return frozenset(targets | {t[:-len(FOLDER_PAGE)] for t in targets if t.endswith(FOLDER_PAGE)})


def scan(page: str, data: bytes, base_path: str = "/", host: str = "") -> PageLinks:
    """Find the ids a page defines and resolve the links it makes, on a site served at base_path on host (a
    link to the site's own full address, https://host/base_path/..., is one of its links too)."""
    lower = data.lower()  # ASCII letters only: every offset stays the page's
    ids = _attribute_values(_ID, data, data, _in_any_tag) | _attribute_values(_NAME, data, lower, _in_anchor)
    if b"<script" in lower or b"<style" in lower:  # their contents are not links: keep only their opening tags
        kept, done = [], 0
        for match in _SCRIPT_OR_STYLE.finditer(lower):
            kept.append((done, lower.index(b">", match.start()) + 1))
            done = match.end()
        kept.append((done, len(lower)))
        lower, data = b"".join(lower[s:e] for s, e in kept), b"".join(data[s:e] for s, e in kept)
    hrefs = set()
    for match in _TAG.finditer(lower):
        attributes = data[match.start(2):match.end(2)].decode("utf-8", "replace")
        for _, name, _, written in ATTRIBUTE.findall(attributes):  # quoted or not (href=/a/)
            name = name.lower()
            if name in _LINK_NAMES:
                value = html.unescape(written[1:-1] if written[0] in "\"'" else written)
                hrefs.update(srcset_urls(value) if name == "srcset" else [value.strip()])
    return PageLinks(frozenset(ids), tuple(resolve(page, href, base_path, host) for href in sorted(hrefs)))


def _attribute_values(pattern: re.Pattern[bytes], data: bytes, searched: bytes,
                      in_tag: Callable[[bytes, int], bool]) -> set[str]:
    """The values of an attribute that pattern finds in searched (data, or data in lower case), each taken
    from data: only in a tag that in_tag accepts, and only the first in each tag, as a browser reads it."""
    values: set[str] = set()
    tags = set()
    opening = closing = -1  # the last < and the last > before a match, each looked for after the one before
    looked = 0
    for match in pattern.finditer(searched):
        start = match.start()
        if not start or searched[start - 1] not in _SPACE:
            continue
        opening = max(opening, searched.rfind(b"<", looked, start))
        closing = max(closing, searched.rfind(b">", looked, start))
        looked = start
        if opening < 0 or opening in tags or closing > opening or not in_tag(searched, opening):
            continue
        tags.add(opening)
        value = next(group for group in (1, 2, 3) if match.start(group) >= 0)
        values.add(html.unescape(data[match.start(value):match.end(value)].decode("utf-8", "replace")))
    return values


def _in_any_tag(page: bytes, opening: int) -> bool:
    return page[opening + 1:opening + 2] in _LETTER


def _in_anchor(page: bytes, opening: int) -> bool:
    return page[opening + 1:opening + 2] == b"a" and page[opening + 2:opening + 3] not in _WORD


def resolve(page: str, href: str, base_path: str = "/", host: str = "") -> Link:
    """Resolve href, written on the output page `page` of a site served at base_path, to the file it needs.

    The link keeps href as the site knows it (base_path taken off), as an editor wrote it. Given the
    site's host, a full address on it under base_path is resolved as its path is: an editor pastes a
    page's address from the browser. One elsewhere on the host is another site's.
    """
    if host and href[:8].lower().startswith(("http://", "https://")):
        parts = split_url(href)
        if parts is None or parts.netloc.lower() != host:
            return resolve_url(page, href)  # another site's, or no address (NOT_AN_ADDRESS)
        path = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        if site_relative(path, base_path) is None:
            return (href, "", "")
        _, target, fragment = resolve(page, path, base_path)
        return (href, target, fragment)
    if base_path != "/":
        local = site_relative(href, base_path)
        if local is None:
            return (href, OUTSIDE + base_path, "")
        href = local
    if _PLAIN_FOLDER.fullmatch(href) and not href.startswith(GENERATED_PREFIXES):
        return (href, f"{href[1:]}index.html", "")  # what resolve_url gives, in a third of the time
    return resolve_url(page, href)


def resolve_url(page: str, href: str) -> Link:
    """resolve() for any href: split, decoded and normalised as a URL."""
    parts = split_url(href)
    if parts is None:  # a host in brackets that is no IPv6 address: Markdown's are cleaned away, a layout's are not
        return (href, NOT_AN_ADDRESS, "")
    if parts.scheme or parts.netloc or parts.path.startswith(GENERATED_PREFIXES):
        return (href, "", "")
    fragment = unquote(parts.fragment)
    if not parts.path:
        return (href, page, fragment)
    return (href, _target_file(page, unquote(parts.path)) or "\0outside", fragment)


def check_pages(pages: dict[str, PageLinks], to_check: Iterable[str],
                existing: set[str]) -> dict[str, list[tuple[Link, str]]]:
    """Return, for each page checked, its broken links and why each is broken."""
    broken: dict[str, list[tuple[Link, str]]] = {}
    for page in sorted(to_check):
        for link in pages[page].links:
            reason = _reason(link, pages, existing)
            if reason:
                broken.setdefault(page, []).append((link, reason))
    return broken


def pages_to_recheck(pages: dict[str, PageLinks], changed: set[str], changed_targets: set[str]) -> set[str]:
    """Pages rendered now, plus unchanged pages that link to a file that changed or went away."""
    if not changed_targets:
        return set(changed)
    return set(changed) | {path for path, scanned in pages.items() if scanned.targets & changed_targets}


MISSING = "which is not a page or file of the site"
NO_ONE_FILE = "site.yaml or layouts"  # where a link made on many pages by a layout or site.yaml was written


def _reason(link: Link, pages: dict[str, PageLinks], existing: set[str]) -> str:
    href, target, fragment = link
    if not target:
        return ""
    if target == NOT_AN_ADDRESS:
        return "which is not a web address: square brackets in a host are only for a whole IPv6 address"
    if target.startswith(OUTSIDE):
        return f"which is outside {target[len(OUTSIDE):]}, the path in base_url that the site is served under"
    if target not in existing and not _a_file_without_extension(href, target, existing):
        return MISSING
    if fragment and target in pages and not _finds_id(href, fragment, pages[target].ids):
        if href.startswith("#"):
            return f"but there is no element with id '{fragment}' on this page"
        return f"which has no element with id '{fragment}'"
    return ""


FOLDER_PAGE = "/index.html"  # what a link to a path without a "." in its last part is taken to need first


def _a_file_without_extension(href: str, target: str, existing: set[str]) -> bool:
    """True when a link taken to a folder's page ("/CNAME" -> CNAME/index.html) names a file of the site that has
    no extension, such as static/CNAME or static/LICENSE: a server sends that file."""
    if not target.endswith(FOLDER_PAGE) or target[:-len(FOLDER_PAGE)] not in existing:
        return False
    last = unquote(href.partition("#")[0].partition("?")[0]).rsplit("/", 1)[-1]
    return last not in ("", ".")  # "/CNAME/", "/CNAME/." and "/CNAME%2F" ask for a folder


def _finds_id(href: str, fragment: str, ids: frozenset[str]) -> bool:
    """True when a page with these ids has the element a link's fragment names.

    A browser looks for the fragment as its URL parser leaves it (what is not ASCII percent-encoded), then
    percent-decoded: cmark-gfm writes a footnote [^étude] as id="fn-%C3%A9tude", which its own links
    (#fn-%C3%A9tude) and a hand-written <a href="#fn-étude"> both find.
    """
    written = href.partition("#")[2]
    return fragment in ids or written in ids or _url_encoded(written) in ids


def _url_encoded(fragment: str) -> str:
    """A fragment as a URL parser percent-encodes it: what is not ASCII, and space, quote, < > and `."""
    return "".join(c if c.isascii() and c not in ' "<>`' else quote(c, safe="") for c in fragment)


def _target_file(page: str, path: str) -> str | None:
    base: list[str] = [] if path.startswith("/") else page.split("/")[:-1]
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


Source = tuple[str, str, int] | tuple[str, str, int, tuple[tuple[str, int], ...]]


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What a broken link may have meant: the site's files, each page's ids, each article's Markdown file."""

    existing: Set[str]
    pages: Mapping[str, PageLinks]
    # Each article's file, a translation's too, -> the address its links are written to: its original's slug.
    markdown_files: Mapping[str, str] = field(default_factory=dict)
    base_path: str = "/"  # the path the site is served under ('/resources/')
    drafts: Mapping[str, str] = field(default_factory=dict)  # each draft's file -> the address it would have
    plain_pages: Mapping[str, str] = field(default_factory=dict)  # each plain page's file -> its address

    def written(self, href: str) -> list[str]:
        """How an editor may have written a link to an article's page: its Markdown file's name, with the anchor."""
        path, hash_, fragment = href.partition("#")
        slug = path.strip("/")
        names = [posixpath.basename(file) for file, of in self.markdown_files.items() if of == slug and
                 path == f"/{slug}/"]
        return [prefix + spelt + hash_ + fragment for name in names for spelt in dict.fromkeys((name, quote(name)))
                for prefix in ("", "./")]

    def hint(self, source: str, link: Link, written: str = "") -> str:
        """'did you mean ...?' from the site's own pages and anchors, or how to fix it.

        written is the link as the editor wrote it (an article's Markdown file), when
        that differs from the page's address in link: a suggested anchor keeps it.
        """
        href, target, fragment = link
        path = href.partition("#")[0]
        if fragment and target in self.existing:
            scanned = self.pages.get(target)
            return _close(fragment, scanned.ids if scanned else (), f"{(written or href).partition('#')[0]}#") or FIX
        if path.endswith(".md"):
            folder = posixpath.dirname(source)
            file = posixpath.normpath(posixpath.join(folder, path))
            if file in self.drafts:
                return DRAFT
            if file in self.plain_pages:
                return (f"did you mean '{self.plain_pages[file]}{href[len(path):]}'? a page is linked to by its "
                        "address: only articles' files become theirs")
            own = _language_of(source)  # a page links to the articles' own files and its language's, no other's
            return _close(path, [posixpath.relpath(file, folder) for file in self.markdown_files
                                 if _language_of(file) in ("", own)]) or FIX
        if path.startswith("/") and f"/{path.strip('/')}/" in self.drafts.values():
            return DRAFT
        urls = [_url_of(file) for file in self.existing]
        if not path.startswith("/"):
            urls += [file[len("assets/"):] for file in self.existing if file.startswith("assets/")]
        if self.base_path != "/" and path.startswith(self.base_path) and f"/{path[len(self.base_path):]}" in urls:
            # /resources/valium/ under /resources/: a link names the page's path in the site
            return f"did you mean '/{path[len(self.base_path):]}'? (links name a page by its path in the site, " \
                   f"without {self.base_path}, the path it is served under)"
        return _close(path, urls) or FIX


FIX = "fix or remove the link"


def _language_of(file: str) -> str:
    """The language of a translation's file ('fr' of x.fr.md); '' of an article's own (x.md), whose name has no dot."""
    parts = posixpath.basename(file).split(".")
    return parts[1].lower() if len(parts) == 3 else ""
DRAFT = "it is a draft, and drafts are not published: link to it once it is, or remove the link"


def _close(written: str, known: Iterable[str], prefix: str = "") -> str:
    """'did you mean ...?' when a known name other than the written one is close to it, else ''.

    For a path the file's own name must be close too: 'images/taper.png' is not 'images/calendar.png',
    however much of the path they share.
    """
    meant = closest(written, (name for name in known if name != written))
    if meant is None or ("/" in written.strip("/") and closest(_name(written), [_name(meant)]) is None):
        return ""
    return f"did you mean '{prefix}{meant}'?"


def _name(path: str) -> str:
    """A path's file name without its extension ('calendar' of 'images/calendar.png')."""
    return posixpath.splitext(posixpath.basename(path.rstrip("/")))[0]


def _url_of(file: str) -> str:
    return "/" + file.removesuffix("index.html")


def link_problems(broken: dict[str, list[tuple[Link, str]]], sources: dict[str, Source],
                  suggestions: Suggestions | None = None,
                  folders: Mapping[str, Mapping[str, str]] | None = None, config_text: str = "",
                  layouts: Mapping[str, str] | None = None) -> list[Problem]:
    """Turn broken links into problems, each with a 'did you mean' from the site's pages and anchors.

    A link written in an article or page is reported against that file, with its
    line; one that comes from a layout or site.yaml is reported once for all pages, at
    each line of site.yaml (config_text) or of the site's layouts (layouts: each file's
    text by its path in the site) that writes it. folders are
    the languages' folders, whose pages' links were moved into them (urls.localize_page), each
    with its translations' own slugs and their sources' slugs, which the links were written to.
    sources maps an output page to (content file, Markdown body, first body line) and,
    optionally, Markdown kept in the frontmatter (FAQ answers) with the line of its key.
    """
    problems = []
    from_layouts: dict[tuple[str, str], list[str]] = {}
    layout_links: dict[tuple[str, str], Link] = {}
    for page, links in sorted(broken.items()):
        source = sources.get(page)
        for link, reason in links:
            folder = page.split("/", 1)[0]
            to_original = link[0]
            translated = folders.get(folder) if folders and link[0].startswith(f"/{folder}/") else None
            if translated is not None:  # the page moved what it links to into its language's folder
                to_original = _as_written(link[0][len(folder) + 1:], translated)
            forms = (link[0],) if translated is None else (link[0], to_original)
            lines, written = _link_as_written(source, forms, suggestions) if source else ([], link[0])
            if source and lines:
                hint = suggestions.hint(source[0], link, written) if suggestions else FIX
                moved = _in_the_pages_language(link[0], written) if translated is not None else ""
                problems += [_image_problem(written, reason, hint, source, line)
                             or Problem(f"links to '{written}'{moved}, {reason}", source[0], line, "link", hint)
                             for line in lines]
            else:
                original = to_original if translated is not None else link[0]
                from_layouts.setdefault((original, reason), []).append(page)
                if translated is None or (original, reason) not in layout_links:  # as written, if a page has it
                    layout_links[original, reason] = link
    for (href, reason), on_pages in sorted(from_layouts.items()):
        link = layout_links[href, reason]
        in_layouts = _layout_places((href, html.escape(href, quote=False), link[0]), layouts or {})
        places = [("site.yaml", line, key) for line, key in _config_places(href, config_text, exact=bool(in_layouts))]
        asked: tuple[str, Link, str] = ("site.yaml", (href, href, ""), "") if places else ("layouts", link, href)
        places = places or [(layout, line, "link") for layout, line in in_layouts]
        if places:
            hint = suggestions.hint(*asked) if suggestions else FIX
            hint = "fix it, or add the page it points at" if hint == FIX else hint
            problems += [Problem(f"links to '{href}', {reason} (on {len(on_pages)} page(s))", file, line, key, hint)
                         for file, line, key in places]
            continue
        problems.append(Problem(f"links to '{href}', {reason} (on {len(on_pages)} page(s), e.g. {on_pages[0]})",
                                NO_ONE_FILE, None, "link",
                                "fix the link in site.yaml or the layout, or add the page it points at"))
    return problems


def _link_as_written(source: Source, forms: tuple[str, ...], suggestions: Suggestions | None) -> tuple[list[int], str]:
    """Each line where a broken link is written as a link, and how: one of its addresses (the page's own first),
    or the Markdown file of the article it names; else the first line that holds one. A link target written
    exactly as one comes before a line that only holds one ('/fr/guide/#a' is in '/fr/guide/#a2'; 'other.md#a'
    and a mention of '/other/#a')."""
    files: tuple[str, ...] | None = None
    for exact in (True, False):
        for form in forms:
            lines = _source_lines(form, source, exact)
            if lines:
                return lines, _encoded_as_written(form, source)
        if files is None:  # asked only of a link not written as an address
            files = tuple(suggestions.written(forms[-1])) if suggestions else ()
        for form in files:
            lines = _source_lines(form, source, exact)
            if lines:
                return lines, _encoded_as_written(form, source)
    return [], _encoded_as_written(forms[0], source)


def _in_the_pages_language(href: str, written: str) -> str:
    """Where a link written to an original (its address, or its Markdown file) goes on a translation's page, when
    that is not as written; decoded as the link is written."""
    shown = unquote(href) if unquote(written) == written else href
    return "" if unquote(written) == unquote(href) else f" (in this page's language, '{shown}')"


def _markdown_of(source: Source) -> tuple[str, ...]:
    """The Markdown a page was made from: its body, and its FAQ answers as written."""
    return (source[1], *(text for text, _ in source[3])) if len(source) == 4 else (source[1],)


def _encoded_as_written(href: str, source: Source) -> str:
    """A link as its Markdown writes it: cmark-gfm percent-encodes what is not ASCII in an address
    ('#cr%C3%A8me'), which an editor wrote as it reads ('#crème'); a link written encoded stays so."""
    decoded = unquote(href)
    if decoded == href or not decoded.isprintable() or any(href in text for text in _markdown_of(source)):
        return href  # a tab or a line break written as an entity is named encoded, as it was
    return decoded if any(decoded in text for text in _markdown_of(source)) else href


def _image_problem(written: str, reason: str, hint: str, source: Source, line: int) -> Problem | None:
    """The problem of a broken link that the page's Markdown shows as an image, if it is one."""
    shown = next((form for text in _markdown_of(source) if (form := _shown_as_image(text, written))), None)
    if shown is None:
        return None
    if hint == FIX or hint.endswith("/'?"):  # a page is no image: "did you mean '/editorial-policy/'?" helps none
        hint = "put the image under assets/ and give its path from there, e.g. images/room.png; or fix the path"
        if re.fullmatch(r"[\w-]+(?:/[\w.-]+)*\.\w+", shown):  # written from assets/: only the file is missing
            hint = f"put the image at assets/{shown}; or fix the path"
    said = "which is not a file of the site" if reason == MISSING else reason
    return Problem(f"shows the image '{shown}', {said}", source[0], line, "image", hint)


# An image's alt text and the inside of an <img> tag, read on only to the next image: whether a text shows an
# address as an image is the same, but each part of the text is read once, not once for every image before it.
_ALT = r"!\[(?:[^\]!]|!(?!\[))*\]"
_IMG_TAG = r"<img\b(?:[^<>]|<(?!img\b))*"


def _shown_as_image(text: str, href: str) -> str | None:
    """The address as written when Markdown text shows href as an image (![alt](href), <img src="href">, or
    ![alt][label] with [label]: href below); None when it does not."""
    written = _written_images(text)
    if not written.any:
        return None
    for form in dict.fromkeys((href, unquote(href), html.escape(unquote(href), quote=False))):
        target = re.escape(form)
        if written.shows(form, target):
            return html.unescape(form)
        if not written.may_define(form, target):
            continue
        # A line that is no reference to it takes in the text up to its ] and gives "" for a label: a later line's
        # [ before that ] would end there too.
        for label in re.findall(rf"^ {{0,3}}\[(?:([^\]]+)\]:[ \t]*<?{target}>?(?:\s|$)|[^\]]+)", text, re.MULTILINE):
            named = re.escape(label)
            if label and re.search(rf"!\[{named}\](?:\[\])?(?![\[(])|{_ALT}\[{named}\]", text, re.IGNORECASE):
                return html.unescape(form)
    return None


# Each matches an opening only, and reads the address in a lookahead: an address may hold another opening.
_ALT_ADDRESS = re.compile(r"!\[(?=(?:[^\]!]|!(?!\[))*\]\(\s*<?([^\s)>]*)(?=[\s)>]))", re.IGNORECASE)
_IMG_TAG_EXTENT = re.compile(_IMG_TAG, re.IGNORECASE)
_SRC_ADDRESS = re.compile(r"\bsrc(?=\s*=\s*[\"']?([^\"'\s>]*)(?=[\"'\s>]))", re.IGNORECASE)
_DEFINED_ADDRESS = re.compile(r"\]:(?=[ \t]*<?([^\s>]*))")
_NOT_PLAIN = re.compile(r"[\s)>\"'<]")  # an address with one of these may be read in more ways than one
_CASE_BLIND = b"IKSiks"  # the ASCII letters re.IGNORECASE also matches with letters outside ASCII
_LOOSE = bytes.maketrans(string.ascii_uppercase.encode() + _CASE_BLIND,
                         string.ascii_lowercase.encode() + b"?" * len(_CASE_BLIND))


def _loose(address: str) -> bytes:
    """An address as case-blind matching may take it: letters in lower case, and any letter that matches one
    outside ASCII (i, k, s) and any character outside ASCII as '?'. Addresses re.IGNORECASE finds equal are
    equal so; the converse need not hold."""
    return address.encode("ascii", "replace").translate(_LOOSE)


@dataclass(frozen=True, slots=True)
class _WrittenImages:
    """Where a Markdown text gives images' addresses, read once: a text with thousands of broken links is
    not read again for each of them."""

    text: str
    any: bool  # whether it has an image's opening at all (![ or <img)
    openings: dict[bytes, list[int]]  # an image's address, made _loose, and where each image giving it opens
    defined: frozenset[str]  # the addresses reference definitions ([label]: address) start with

    def shows(self, form: str, target: str) -> bool:
        """Whether the text gives form as an image's address: ![alt](form) or <img src="form">."""
        plain = form and not _NOT_PLAIN.search(form)
        openings = self.openings.get(_loose(form), ()) if plain else ()
        if plain and not openings:
            return False
        pattern = re.compile(rf"{_ALT}\(\s*<?{target}[\s)>]|{_IMG_TAG}\bsrc\s*=\s*[\"']?{target}[\"'\s>]",
                             re.IGNORECASE)
        if not plain:
            return pattern.search(self.text) is not None
        return any(pattern.match(self.text, at) for at in openings)

    def may_define(self, form: str, target: str) -> bool:
        """False when no reference definition can give form."""
        if not form or _NOT_PLAIN.search(form):
            return re.search(rf"\]:[ \t]*<?{target}", self.text) is not None
        return form in self.defined


@functools.lru_cache(maxsize=4)
def _written_images(text: str) -> _WrittenImages:
    if "![" not in text and "<img" not in text.lower():
        return _WrittenImages(text, False, {}, frozenset())
    openings: dict[bytes, list[int]] = {}
    for match in _ALT_ADDRESS.finditer(text):
        openings.setdefault(_loose(match.group(1)), []).append(match.start())
    for tag in _IMG_TAG_EXTENT.finditer(text):
        for source in _SRC_ADDRESS.finditer(text, tag.start()):
            if source.start() >= tag.end():
                break
            openings.setdefault(_loose(source.group(1)), []).append(tag.start())
    return _WrittenImages(text, True, openings,
                          frozenset(match.group(1) for match in _DEFINED_ADDRESS.finditer(text)))


def _config_places(href: str, config_text: str, exact: bool = False) -> list[tuple[int, str]]:
    """Each line and key of site.yaml where a link is written ('url: /nope/', 'editorial_policy: nope'), as the
    first of its forms written there is (only as written whole, when exact)."""
    path = href.partition("#")[0]
    for written in dict.fromkeys((href,) if exact else (href, path, path.strip("/"))):
        if not written:
            continue
        pattern = re.compile(r"([\w-]+):[ \t]*[\"']?" + re.escape(written) + r"[\"']?[ \t]*(?:[,}\]#]|$)")
        places = [(number, _key_path(config_text, number, found.group(1), written))
                  for number, line in enumerate(config_text.split("\n"), 1)
                  if written in line and not line.lstrip().startswith("#") and (found := pattern.search(line))]
        if places:
            return places
    return []


def _layout_places(forms: tuple[str, ...], layouts: Mapping[str, str]) -> list[tuple[str, int]]:
    """Each layout and line that writes a link whole, in quotes (href="/nope/", {{ linked('/nope/') }}) or as an
    attribute's value (href=/nope/), as the first of its forms written there is (as the page has it, with &amp;
    for &, or in the page's own language); none when a layout makes it from parts ("/{{ slug }}/"), which only
    the page shows."""
    for form in dict.fromkeys(forms):
        pattern = re.compile(rf"""(["']){re.escape(form)}\1|=[ \t]*{re.escape(form)}(?=[\s>]|$)""")
        places = []
        for layout, text in sorted(layouts.items()):
            if form not in text:
                continue
            if "{#" in text:  # a Jinja comment writes nothing: blank it, keeping its line ends
                text = JINJA_COMMENT.sub(lambda comment: re.sub(r"[^\n]", " ", comment.group()), text)
            places += [(layout, number) for number, line in enumerate(text.split("\n"), 1)
                       if form in line and pattern.search(line)]
        if places:
            return places
    return []


JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def _key_path(config_text: str, line: int, key: str, written: str) -> str:
    """The whole path of the key written on a line of site.yaml ('nav[5].url', 'organization.admission_url'): of
    the one holding what was written, when a line holds several ('nav: [{url: /a/}, {url: /b/}]')."""
    from .yamlfile import dotted, parse_yaml  # here: only a broken link in site.yaml needs it

    try:
        data, lines = parse_yaml(config_text, "site.yaml")
    except SiteError:
        return key
    paths = [path for path, at in lines.items() if at == line and path and path[-1] == key]
    holding = [path for path in paths if str(_value_at(data, path)).strip("/") == written.strip("/")]
    return dotted((holding or paths)[0]) if paths else key


def _value_at(data: object, path: tuple[str | int, ...]) -> object:
    """The value at a key path of parsed YAML (None when it is not there)."""
    for part in path:
        found = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data))
        if not found:
            return None
        data = data[part]  # type: ignore[index]
    return data


def _as_written(href: str, sources_of: Mapping[str, str]) -> str:
    """A translation's link moved to its language ('/<own slug>/...'), as written: to its source's slug."""
    own, slash, rest = href[1:].partition("/")
    return f"/{sources_of.get(own, own)}{slash}{rest}"


def _source_lines(href: str, source: Source, exact: bool) -> list[int]:
    """The lines of the content file where href is written as a link (exact), in the body and the frontmatter's
    Markdown; else (not exact) the first that holds it, in the body before the frontmatter."""
    texts = [(source[1], source[2]), *(source[3] if len(source) == 4 else ())]
    if exact:
        return sorted({line for text, first in texts for line in link_lines(href, text, first)})
    line = line_in_texts(href, texts)
    return [line] if line is not None else []


def line_in_texts(href: str, texts: Iterable[tuple[str, int]]) -> int | None:
    """The line where href is written in the first of several texts (each with its first line) that holds it:
    an article's FAQ answers, say."""
    return next((line for text, first in texts if (line := line_of(href, text, first)) is not None), None)


def line_of(href: str, body: str, body_line: int) -> int | None:
    """The first line where href is a link target ('](href', '<href>', 'href="...'), else any line holding it
    (link_lines gives every line where it is a link target).

    The Markdown renderer percent-encodes link targets, and editors may write
    entities, so the decoded forms are looked for too.
    """
    for target, decoded in ((href, False), (unquote(href), True)):
        for candidates in (_as_link(target), (target,)):
            found = next(_lines_holding(candidates, body, decoded), None)
            if found is not None:
                return body_line + found
    return None


def link_lines(href: str, body: str, body_line: int) -> list[int]:
    """Every line where href is written as a link target (as line_of finds the first)."""
    return sorted({body_line + number for target, decoded in ((href, False), (unquote(href), True))
                   for number in _lines_holding(_as_link(target), body, decoded)})


def _as_link(target: str) -> tuple[str, ...]:
    """How a link target is written in Markdown or HTML: in a link, an autolink, an attribute (quoted or not),
    a link reference definition."""
    return (f"]({target})", f"]({target} ", f"<{target}>", f'="{target}"', f"='{target}'", f"]: {target}",
            f"={target} ", f"={target}>", f"={target}/>")


def _lines_holding(candidates: tuple[str, ...], body: str, decoded: bool) -> Iterator[int]:
    """The numbers (from 0) of the body's lines (entities decoded, if decoded) that hold one of the candidates."""
    text, lines, starts = _lines_of(body, decoded)
    first = min((at for c in candidates if (at := text.find(c)) >= 0), default=-1)
    if first < 0:  # no line before the first that holds one holds one
        return
    skipped = 0 if any("\n" in c for c in candidates) else bisect_right(starts, first) - 1
    for number in range(skipped, len(lines)):
        if any(c in lines[number] for c in candidates):
            yield number


@functools.lru_cache(maxsize=4)
def _lines_of(body: str, decoded: bool) -> tuple[str, list[str], list[int]]:
    """A body's lines (their entities decoded, if decoded), joined, and where each starts in the joined text.

    A body with many broken links is read once, not once for every link.
    """
    lines = [html.unescape(line) for line in body.split("\n")] if decoded else body.split("\n")
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return "\n".join(lines), lines, starts
