"""Python-Markdown, for sites whose content was written for MkDocs or Pelican (site.yaml markdown.engine).

Imported only when a site chooses it. Its admonitions become medpress's callouts
and its footnotes medpress's footnotes section, so pages, styles and the checks
that read them are the same whichever engine rendered the text.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# What every site's text relies on, whatever else it lists: callouts, footnotes, tables, fences.
BASE_EXTENSIONS = ("admonition", "footnotes", "tables", "fenced_code")
BUILTIN_EXTENSIONS = (
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc",
    "wikilinks",
)
FOOTNOTE_OPEN = re.compile(r'<div class="footnote">\s*<hr ?/?>\s*')
# A footnote's way back to a reference, with the space before it; group 1 is the reference's id.
BACK_LINK = re.compile(r'(?:&#160;)?<a class="footnote-backref" href="#([^"]+)"[^>]*>[^<]*</a>')
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def known_extensions() -> tuple[str, ...]:
    """The extension names this installation can load: Python-Markdown's own and pymdownx.* if installed."""
    return BUILTIN_EXTENSIONS + _pymdownx()


@functools.cache
def _pymdownx() -> tuple[str, ...]:
    try:
        package = importlib.import_module("pymdownx")
    except ImportError:
        return ()
    return tuple(sorted(f"pymdownx.{module.name}" for module in pkgutil.iter_modules(package.__path__)
                        if not module.name.startswith("_")))


def loads(name: str) -> bool:
    """True when Python-Markdown can load the extension of this name."""
    if name not in known_extensions():
        return False
    try:
        markdown.Markdown(extensions=[name])
    except (ImportError, AttributeError, TypeError, ValueError):
        return False
    return True


class _Callouts(Treeprocessor):  # type: ignore[misc]
    """Turn admonitions (`div.admonition`) into medpress callouts (`aside.callout`)."""

    def __init__(self, md: markdown.Markdown, labels: dict[str, str]) -> None:
        super().__init__(md)
        self.labels = labels

    def run(self, root: etree.Element) -> None:
        for element in root.iter("div"):
            classes = (element.get("class") or "").split()
            if "admonition" in classes:
                self._to_callout(element, classes)

    def _to_callout(self, element: etree.Element, classes: list[str]) -> None:
        kind = next((name for name in classes if name in self.labels), "note")
        label = self.labels[kind]
        element.tag = "aside"
        element.set("class", f"callout callout-{kind}")
        element.set("role", "note")
        first = element[0] if len(element) else None
        title = ""
        if first is not None and first.tag == "p" and first.get("class") == "admonition-title":
            title = "".join(first.itertext())
            element.remove(first)
        if title.strip().lower() == next((c for c in classes if c != "admonition"), "").lower():
            title = ""  # the title Python-Markdown makes from the kind when none is written
        heading = etree.Element("p", {"class": "callout-title"})
        strong = etree.SubElement(heading, "strong")
        strong.text = f"{label}: " if title else label
        strong.tail = title or None
        element.insert(0, heading)


class _CalloutExtension(Extension):  # type: ignore[misc]
    def __init__(self, labels: dict[str, str]) -> None:
        super().__init__()
        self.labels = labels

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Callouts(md, self.labels), "medpress-callouts", 1)


class PythonMarkdown:
    """One Python-Markdown converter with the site's extensions, reset between documents."""

    def __init__(self, extensions: tuple[str, ...], labels: dict[str, str]) -> None:
        names = list(dict.fromkeys((*BASE_EXTENSIONS, *extensions)))
        chosen: list[Any] = [*names, _CalloutExtension(labels)]
        self.converter = markdown.Markdown(extensions=chosen, output_format="html")

    def html(self, text: str) -> str:
        """Markdown to HTML, with the footnotes in the section cmark-gfm would make."""
        self.converter.reset()
        out: str = self.converter.convert(text)
        found = FOOTNOTE_OPEN.search(out)
        if found is None:
            return out
        closing = out.rindex("</div>")
        notes = _without_dangling_back_links(out[found.end():closing], out[:found.start()])
        return (out[:found.start()] + '<section class="footnotes">' + notes + "</section>"
                + out[closing + len("</div>"):])


def _without_dangling_back_links(notes: str, text: str) -> str:
    """The footnotes without the way back of one nothing in the text cites: Python-Markdown lists it with a link
    to a reference that is not there, or only in a comment, which the page drops (check warns of the footnote)."""
    if "<!--" in text:
        text = COMMENT.sub("", text)
    return BACK_LINK.sub(lambda link: link.group() if f'id="{link.group(1)}"' in text else "", notes)
