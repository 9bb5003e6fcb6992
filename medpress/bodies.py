"""Bodies after Markdown: links to articles' Markdown files become their pages, images get their sizes.

Rendered Markdown is cached by exactly the text it was made from; what it points
at (another article's address, an image's size and copies) is looked up here, in
the watched site, so a page's key reads it and a renamed article or a replaced
image renders the page again.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from markupsafe import Markup

from .images import asset_url, image_tag
from .labels import Labels
from .model import Site

IMG = re.compile(r"<img\b([^>]*)>")
LINK = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
ATTRIBUTE = re.compile(r'\s([\w-]+)="([^"]*)"')
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
KEPT = ("id", "class", "title", "lang", "dir")  # an editor's attributes an image keeps
FIRST_SCREEN = 1200  # characters of HTML before an image that still shows on the first screen
OUTSIDE = "image path leaves assets/"
# The words rendering writes into a body, in English (rendered Markdown is cached by its text alone), after what
# rendering writes before each: a table's and the footnotes' labels, a footnote's way back (cmark-gfm's,
# Python-Markdown's) and a callout's kind. Each pattern starts with its lead, which re finds as fast as str.find.
WRITTEN_LABELS = tuple((lead, re.compile(f"(?P<lead>{re.escape(lead)})" + label)) for lead, label in (
    ('aria-label="', r'(?:(?P<word>Table|Footnotes)|Back to reference (?P<back>[\d-]+))(?=")'),
    ('title="', r'Jump back to footnote (?P<jump>\d+) in the text(?=")'),
    ('class="callout-title"><strong>',
     r'(?P<kind>Warning|Danger|Caution|Important|Note|Tip|Information)(?P<colon>:)?(?=[ <])'),
))


@dataclass(frozen=True, slots=True)
class Finished:
    """A body ready for its page, and what is wrong with its images: (src as written, message, hint)."""

    html: Markup
    issues: tuple[tuple[str, str, str], ...] = ()


def finish(body: Markup, origin: str, site: Site, labels: Labels, lazy_from_start: bool = False) -> Finished:
    """Point links to articles' Markdown files at their pages, give each image its size and copies, and word
    the labels rendering wrote in the page's language.

    origin is the content file the body was written in (relative links are relative
    to it); the first image near the top loads at once unless lazy_from_start.
    """
    text = str(body)
    if labels.messages or labels.foreign:
        for lead, written in WRITTEN_LABELS:
            if lead in text:
                text = written.sub(lambda match: match.group("lead") + html.escape(_label(match, labels)), text)
    if ".md" in text:
        text = LINK.sub(lambda match: match.group(1) + _article_link(match.group(2), origin, site)
                        + match.group(3), text)
    if "<img" not in text:
        return Finished(Markup(text))
    issues: list[tuple[str, str, str]] = []
    first = [not lazy_from_start]

    def image(match: re.Match[str]) -> str:
        eager = first[0] and match.start() < FIRST_SCREEN
        first[0] = False
        return _image(match, origin, site, not eager, issues)

    return Finished(Markup(IMG.sub(image, text)), tuple(issues))


def _label(match: re.Match[str], labels: Labels) -> str:
    """One label rendering wrote, in the labels' language (each message written out, for pybabel to find)."""
    gettext = labels.shown
    found = match.groupdict()  # each pattern has some of the groups
    number = found.get("back") or found.get("jump")
    if number:
        return gettext("Back to reference %(number)s", number=number)
    label = {"Table": gettext("Table"), "Footnotes": gettext("Footnotes"), "Warning": gettext("Warning"),
             "Danger": gettext("Danger"), "Caution": gettext("Caution"), "Important": gettext("Important"),
             "Note": gettext("Note"), "Tip": gettext("Tip"), "Information": gettext("Information")
             }[found.get("kind") or found["word"]]
    # A callout's kind before its title: "Warning:", in French "Avertissement :".
    return gettext("%(label)s:", label=label) if found.get("colon") else label


def _article_link(href: str, origin: str, site: Site) -> str:
    """The page of the article whose Markdown file href names (relative to origin), or href as it was."""
    written = html.unescape(href)
    path, hash_, fragment = written.partition("#")
    if EXTERNAL.match(path) or path.startswith("/") or not path.endswith(".md"):
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(origin), unquote(path)))
    slug = site.paths.get(target)
    if slug is None:
        return href  # the link check reports it, with the pages it might have meant
    return html.escape(f"/{slug}/{hash_}{fragment}")


def asset_path(src: str, origin: str) -> str | None:
    """The path under assets/ an image's src names: /assets/x, x (as in frontmatter) or ../../assets/x.

    None when it names no file of the site's (an address elsewhere, or a page path);
    OUTSIDE when it climbs out of assets/.
    """
    if EXTERNAL.match(src) or (src.startswith("/") and not src.startswith("/assets/")):
        return None
    if src.startswith("/assets/"):
        return posixpath.normpath(unquote(src[len("/assets/"):]))
    beside = posixpath.normpath(posixpath.join(posixpath.dirname(origin), unquote(src)))
    if beside.startswith("assets/"):
        return beside[len("assets/"):]
    inside = posixpath.normpath(unquote(src))
    return OUTSIDE if inside == ".." or inside.startswith("../") else inside


def _image(match: re.Match[str], origin: str, site: Site, lazy: bool, issues: list[tuple[str, str, str]]) -> str:
    attributes = {name: html.unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))}
    src = attributes.get("src", "")
    rel = asset_path(src, origin)
    if rel is None:
        return match.group(0)
    if rel == OUTSIDE:
        issues.append((src, f"image path '{src}' leaves assets/",
                       "give a path inside assets/, e.g. images/room.png or /assets/images/room.png"))
        return match.group(0)
    info = site.images.get(rel)
    if info is None:  # not an image under assets/: the link check reports it with the others
        return match.group(0)
    if info.problem:
        issues.append((src, info.problem, info.hint))
        # Its file's address, which the link check finds: the problem above is the one to report.
        return f'<img src="{html.escape(asset_url(rel))}" alt="{html.escape(attributes.get("alt", ""))}">'

    extra = "".join(f' {name}="{html.escape(attributes[name])}"' for name in KEPT if name in attributes)
    return str(image_tag(info, attributes.get("alt", ""), lazy, extra=extra))
