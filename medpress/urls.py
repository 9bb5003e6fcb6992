"""The site's internal URLs under the path it is served at: written into every page, read back by the link check.

The model, the layouts and the editors speak in site-relative URLs ("/about/").
A site whose base_url holds a path (https://clinic.example/resources/) must link
to "/resources/about/" instead. Rather than ask every layout and every editor
to remember that, each page is rewritten once as it is rendered: every
root-relative URL in an attribute that loads or links something gets the base
path in front. A site's own layouts and the links in articles need no change.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import SplitResult, unquote, urlsplit

# Attributes whose value is one URL (data: an <object>'s; xlink:href: an older SVG's); srcset (a list of them) and
# a refresh's content are handled apart.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "xlink:href", "data", "cite"})
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)>")
# Where an attribute's value may start with a root-relative address: the only tags a language's page changes.
# Bytes, as pages are: the page need not be decoded and encoded again (HTML's spaces are ASCII ones).
_ROOT_VALUE = re.compile(rb"""=[ \t\n\r\f]*["']?[ \t\n\r\f]*/""")
# Each attribute of a tag that has a value, in turn: a value that holds " src=x" (an escaped title) is never
# taken for an attribute. Rewriting a page (rebase_page, localize_page) and checking its links read them alike.
ATTRIBUTE = re.compile(r"""(\s)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""")
_REFRESH = re.compile(r"""\shttp-equiv\s*=\s*["']?refresh""", re.IGNORECASE)
_REFRESH_URL = re.compile(r"^(\s*\d+\s*[;,]\s*url\s*=\s*['\"]?)(.*)$", re.IGNORECASE | re.DOTALL)
# A candidate's URL: after the start or a comma, up to a space; commas inside it are its own, at its end not.
_SRCSET_URL = re.compile(r"(^|,)(\s*)([^\s,](?:\S*[^\s,])?)")


# Bytes of one name in an output path (a slug, a part of an alias, a tag's address, an asset's file name): file
# systems allow 255, and the build adds up to 21 to an asset's name (a fingerprint, or a copy's hash and width).
MAX_NAME = 200


def overlong(name: str) -> str:
    """How long name is as a file system counts it (bytes of UTF-8), when that is over MAX_NAME; '' when it fits."""
    size = len(name.encode())
    if size <= MAX_NAME:
        return ""
    return f"{size} characters" if size == len(name) else f"{size} bytes in UTF-8 ({len(name)} characters)"


# What a browser's URL parser takes out of an address before reading it (WHATWG URL): C0 controls and spaces at
# either end, and ASCII tabs and newlines anywhere, so that "java\tscript:" is a javascript: link.
_C0_CONTROL_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


# Why an image at an http:// address is refused, wherever it is written, and what to do instead.
HTTP_IMAGE = ("is an image at an http:// address, which browsers block on an https page, as the site's "
              "Content-Security-Policy does everywhere")
HTTP_IMAGE_FIX = ("use the image's https:// address, or put the file under assets/ and give its path from there, "
                  "e.g. images/chart.png")


def scheme_of(url: str) -> str:
    """The scheme a browser finds in a URL (its entities decoded), in lower case; '' for a relative URL."""
    found = _SCHEME.match(url.strip(_C0_CONTROL_OR_SPACE).translate(_TAB_OR_NEWLINE))
    return found.group(1).lower() if found else ""


def is_root_relative(url: str) -> bool:
    """True for a URL from the root of the host ('/about/'), not one of another host ('//cdn...', '/\\cdn...')."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def split_url(text: str) -> SplitResult | None:
    """text split into a URL's parts; None when Python's parser refuses it (a host in brackets that is no
    IPv6 address, as in https://[www.nhs.uk](https://www.nhs.uk/))."""
    try:
        return urlsplit(text)
    except ValueError:
        return None


def under(url: str, base_path: str) -> str:
    """A site-relative URL as written on the site served at base_path: '/about/' -> '/resources/about/'."""
    return base_path + url[1:] if is_root_relative(url) else url


def decoded_path(path: str) -> str:
    """A path with its percent-escapes read and its letters in one Unicode form (NFC): /m%C3%A9dicaments/ and a
    /médicaments/ typed with a combining accent are both /médicaments/."""
    return unicodedata.normalize("NFC", unquote(path))


def site_relative(url: str, base_path: str) -> str | None:
    """A URL found on a page, as the site knows it: without base_path in front; None if it leaves base_path.

    A URL that is not root-relative (another site's, a relative one, '#top') is returned as it is.
    """
    if base_path == "/" or not is_root_relative(url):
        return url
    return "/" + url[len(base_path):] if url.startswith(base_path) else None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset attribute's candidates ('/a.jpg 1x, /b.jpg 2x' -> ['/a.jpg', '/b.jpg'])."""
    return [match.group(3) for match in _SRCSET_URL.finditer(value)]


def rebase_page(page: bytes, base_path: str) -> bytes:
    """Put base_path in front of every root-relative URL the page's tags link to or load."""
    if base_path == "/":
        return page
    text = page.decode("utf-8")
    return _TAG.sub(lambda tag: _rebase_tag(tag, base_path), text).encode("utf-8")


def _rebase_tag(tag: re.Match[str], base_path: str) -> str:
    name, attributes = tag.group(1).lower(), tag.group(2)
    refresh = name == "meta" and _REFRESH.search(attributes) is not None

    def rebase(attribute: re.Match[str]) -> str:
        space, key, equals, quoted = attribute.groups()
        key_name = key.lower()
        quote = quoted[0] if quoted[0] in "\"'" else ""
        value = quoted[1:-1] if quote else quoted
        if key_name in URL_ATTRIBUTES:
            value = _rebase_url(value, base_path)
        elif key_name in ("srcset", "imagesrcset"):
            value = _SRCSET_URL.sub(lambda m: m.group(1) + m.group(2) + under(m.group(3), base_path), value)
        elif key_name == "content" and refresh:
            value = _REFRESH_URL.sub(lambda m: m.group(1) + _rebase_url(m.group(2), base_path), value)
        else:
            return attribute.group(0)
        return f"{space}{key}{equals}{quote}{value}{quote}"

    return f"<{tag.group(1)}{ATTRIBUTE.sub(rebase, attributes)}>"


def _rebase_url(value: str, base_path: str) -> str:
    """under() for an attribute's value, which a browser reads with the spaces around it trimmed."""
    stripped = value.strip()
    if not is_root_relative(stripped):
        return value
    start = value.index(stripped)
    return value[:start] + under(stripped, base_path) + value[start + len(stripped):]


# The first segments of the site's own pages that every language has under its folder.
SECTIONS = frozenset({"", "insights", "reviewers", "authors", "tags", "drugs", "search", "feed.xml", "404.html"})
# The first segments of files every language shares at the root.
SHARED = frozenset({"assets", "pagefind"})
_HREFLANG = re.compile(r"""\shreflang\s*=""", re.IGNORECASE)
MEMO_TAGS = 4096


def localize_page(page: bytes, prefix: str, folders: frozenset[str], translation: Callable[[str], str | None],
                  original_lang: str, done_before: dict[bytes, bytes] | None = None) -> bytes:
    """Point a language's page (under prefix, '/fr') at its own language's pages.

    The site's own pages (home, listings, search...) move under prefix; a link to an
    article goes to its translation (translation(slug) gives its slug) or, when there
    is none, stays on the original and says its language (hreflang). Assets, links
    into a language's folder (folders) and links that already say their language are
    left as they are. done_before, given, keeps the rewriting of each tag that links to no
    article for the language's other pages (their header, menu and footer are the same
    tags), up to MEMO_TAGS of them.
    """
    localizer = _Localizer(prefix, folders, translation, original_lang, {} if done_before is None else done_before)
    # A tag whose one address is in a language's folder or shared stays as it is: most such tags link
    # to one article, and keeping them would push the shared ones out of done_before.
    kept = tuple(f"{first}/".encode() for first in folders | SHARED)
    parts, done = [], 0
    for value in _ROOT_VALUE.finditer(page):  # a page has far fewer of these than tags: each is found in its tag
        start = page.rfind(b"<", done, value.start())
        end = page.find(b">", start) if start >= 0 else -1
        if start < 0 or end < value.end():
            continue
        if page.startswith(kept, value.end()) and not _ROOT_VALUE.search(page, value.end(), end):
            continue
        rewritten = localizer.tag(page[start:end + 1])
        if rewritten is not None:
            parts += [page[done:start], rewritten]
            done = end + 1
    return b"".join(parts) + page[done:] if parts else page


class _Localizer:
    """localize_page's rewriting of one tag, kept for the next pages unless it asked translation().

    A tag that asks which articles have a translation is rewritten on every page, so that
    the page's reads record the question.
    """

    def __init__(self, prefix: str, folders: frozenset[str], translation: Callable[[str], str | None],
                 original_lang: str, memo: dict[bytes, bytes]) -> None:
        self.prefix, self.folders, self.translation = prefix, folders, translation
        self.original_lang, self.memo = original_lang, memo
        self.asked = False

    def tag(self, found: bytes) -> bytes | None:
        """The tag as the language's page writes it; None when found is not a tag after all."""
        rewritten = self.memo.get(found)  # only tags that matched _TAG are kept
        if rewritten is None:
            match = _TAG.fullmatch(found.decode("utf-8"))
            if match is None:
                return None
            self.asked = False
            rewritten = self._rewrite(match).encode("utf-8")
            if not self.asked:
                if len(self.memo) >= MEMO_TAGS:
                    self.memo.clear()
                self.memo[found] = rewritten
        return rewritten

    def _rewrite(self, match: re.Match[str]) -> str:
        name, attributes = match.group(1).lower(), match.group(2)
        if _HREFLANG.search(attributes):
            return match.group(0)
        marked = False

        def rewrite(attribute: re.Match[str]) -> str:
            nonlocal marked
            space, key, equals, quoted = attribute.groups()
            if key.lower() not in URL_ATTRIBUTES:
                return attribute.group(0)
            quote = quoted[0] if quoted[0] in "\"'" else ""
            value = quoted[1:-1] if quote else quoted
            new, original = localized_url(value, self.prefix, self.folders, self._translation)
            marked = marked or original
            return f"{space}{key}{equals}{quote}{new}{quote}"

        attributes = ATTRIBUTE.sub(rewrite, attributes)
        if marked and name == "a":
            attributes += f' hreflang="{self.original_lang}"'
        return f"<{match.group(1)}{attributes}>"

    def _translation(self, slug: str) -> str | None:
        self.asked = True
        return self.translation(slug)


@functools.cache  # asked for each page, and by its menu's links
def language_folders(languages: tuple[str, ...]) -> frozenset[str]:
    """The folders of a site's languages at its root ('fr', 'pt-br'), which a language's links leave as they are."""
    return frozenset(tag.lower() for tag in languages)


def localized_url(url: str, prefix: str, folders: frozenset[str],
                  translation: Callable[[str], str | None]) -> tuple[str, bool]:
    """The URL a language's page links to, and whether it is a page of the original language."""
    if not is_root_relative(url):
        return url, False
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    parts = path.split("/")
    first = parts[1] if len(parts) > 1 else ""
    if first in SHARED or first in folders:
        return url, False
    if first in SECTIONS:
        return prefix + url, False
    if len(parts) == 3 and parts[2] == "":  # /<slug>/: an article, or a plain page only the original has
        own = translation(first)
        if own is not None:
            return f"{prefix}/{own}/{rest}", False
    return url, True
