"""The site's internal URLs under the path it is served at: written into every page, read back by the link check.

The model, the layouts and the editors speak in site-relative URLs ("/about/").
A site whose base_url holds a path (https://clinic.example/resources/) must link
to "/resources/about/" instead. Rather than ask every layout and every editor
to remember that, each page is rewritten once as it is rendered: every
root-relative URL in an attribute that loads or links something gets the base
path in front. A site's own layouts and the links in articles need no change.
"""

from __future__ import annotations

import re

# Attributes whose value is one URL; srcset (a list of them) and a refresh's content are handled apart.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster"})
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)>")
_ATTRIBUTE = re.compile(r"""(\s)([^\s"'>/=]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""")
_REFRESH = re.compile(r"""\shttp-equiv\s*=\s*["']?refresh""", re.IGNORECASE)
_REFRESH_URL = re.compile(r"^(\s*\d+\s*[;,]\s*url\s*=\s*['\"]?)(.*)$", re.IGNORECASE | re.DOTALL)
# A candidate's URL: after the start or a comma, up to a space; commas inside it are its own, at its end not.
_SRCSET_URL = re.compile(r"(^|,)(\s*)([^\s,](?:\S*[^\s,])?)")


def is_root_relative(url: str) -> bool:
    """True for a URL from the root of the host ('/about/'), not one of another host ('//cdn...', '/\\cdn...')."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


def under(url: str, base_path: str) -> str:
    """A site-relative URL as written on the site served at base_path: '/about/' -> '/resources/about/'."""
    return base_path + url[1:] if is_root_relative(url) else url


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

    return f"<{tag.group(1)}{_ATTRIBUTE.sub(rebase, attributes)}>"


def _rebase_url(value: str, base_path: str) -> str:
    """under() for an attribute's value, which a browser reads with the spaces around it trimmed."""
    stripped = value.strip()
    if not is_root_relative(stripped):
        return value
    start = value.index(stripped)
    return value[:start] + under(stripped, base_path) + value[start + len(stripped):]
