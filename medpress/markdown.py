"""The one configured Markdown renderer: extensions, heading ids and sanitising.

Raw HTML in an article is allowed only from an allow-list (nh3), so a script,
an event handler or a javascript: URL never reaches a page.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

ALWAYS = ("toc", "sane_lists")
# Each optional extension with the text that must appear for it to do anything.
# A document is converted with only the extensions its text can use: same HTML,
# less work (most of Python-Markdown's time goes into trying inline patterns).
OPTIONAL = (
    ("tables", re.compile(r"\|")),
    ("admonition", re.compile(r"^!!!", re.MULTILINE)),
    ("footnotes", re.compile(r"\[\^")),
    ("abbr", re.compile(r"\*\[")),
    ("attr_list", re.compile(r"\{")),
    ("def_list", re.compile(r"^:[ \t]", re.MULTILINE)),
    ("fenced_code", re.compile(r"```|~~~")),
    ("md_in_html", re.compile(r"markdown=")),
)
CALLOUT_LABELS = {
    "warning": "Warning", "danger": "Danger", "caution": "Caution", "important": "Important",
    "note": "Note", "tip": "Tip", "info": "Information",
}
ALLOWED_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
WORD = re.compile(r"\w+")
TABLE_WRAP = '<div class="table-wrap" role="region" aria-label="Table" tabindex="0">'


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Rendered:
    html: Markup
    headings: tuple[Heading, ...]


class _Callouts(Treeprocessor):
    """Turn admonitions into labelled callouts, so meaning never rests on colour."""

    def run(self, root: etree.Element) -> None:
        for div in root.iter("div"):
            classes = (div.get("class") or "").split()
            if "admonition" not in classes:
                continue
            kind = next((c for c in classes if c in CALLOUT_LABELS), "note")
            div.tag = "aside"
            div.set("class", f"callout callout-{kind}")
            div.set("role", "note")
            title = next((p for p in div if p.get("class") == "admonition-title"), None)
            label = CALLOUT_LABELS[kind]
            if title is None:
                title = etree.Element("p")
                div.insert(0, title)
                title.text = ""
            title.set("class", "callout-title")
            strong = etree.Element("strong")
            strong.text = f"{label}: " if (title.text or len(title)) else label
            strong.tail = title.text
            title.text = None
            title.insert(0, strong)


class _CalloutExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_Callouts(md), "medpress_callouts", 5)


class MarkdownRenderer:
    """Render article Markdown to sanitised HTML; one per process, reused (and reset) per document."""

    def __init__(self) -> None:
        self._converters: dict[tuple[str, ...], markdown.Markdown] = {}

    def _converter(self, text: str) -> markdown.Markdown:
        needed = ALWAYS + tuple(name for name, trigger in OPTIONAL if trigger.search(text))
        converter = self._converters.get(needed)
        if converter is None:
            converter = markdown.Markdown(
                extensions=[*needed, _CalloutExtension()],
                extension_configs={"toc": {"toc_depth": "1-6"}},
                output_format="html",
            )
            self._converters[needed] = converter
        return converter

    def render(self, text: str) -> Rendered:
        """Convert Markdown to safe HTML and list its headings."""
        converter = self._converter(text)
        converter.reset()
        html = converter.convert(text)
        headings = tuple(_flatten(getattr(converter, "toc_tokens", [])))
        return Rendered(Markup(wrap_tables(sanitise(html))), headings)


def sanitise(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def wrap_tables(html: str) -> str:
    """Put each table in a keyboard-scrollable region, so a wide table never widens the page."""
    # After sanitising: the wrapper's tabindex is ours, and authors cannot add one.
    return html.replace("<table", TABLE_WRAP + "<table").replace("</table>", "</table></div>")


def _flatten(tokens: list[dict[str, Any]]) -> list[Heading]:
    found: list[Heading] = []
    for token in tokens:
        found.append(Heading(token["level"], token["id"], token["name"]))
        found.extend(_flatten(token.get("children", [])))
    return found


def reading_minutes(text: str, words_per_minute: int) -> int:
    """Estimate reading time in whole minutes (at least one)."""
    return max(1, math.ceil(len(WORD.findall(text)) / words_per_minute))
