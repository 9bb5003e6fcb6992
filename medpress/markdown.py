"""The one configured Markdown renderer: GitHub Flavored Markdown, callouts, heading ids, sanitising.

Bodies are CommonMark with GitHub's tables, footnotes, strikethrough and autolinks,
rendered by cmark-gfm (GitHub's own C parser: about forty times faster than a
pure-Python parser, which would otherwise be nearly all of a cold build). On top:
`!!! kind "title"` callouts and an id on every heading, made from its text as a
URL name is made from a title. Raw HTML in an article is allowed only from an
allow-list (nh3), so a script, an event handler or a javascript: URL never
reaches a page.
"""

from __future__ import annotations

import functools
import html
import math
import re
import unicodedata
import urllib.parse
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from .urls import scheme_of

if TYPE_CHECKING:
    import nh3

CALLOUT_LABELS = {
    "warning": "Warning", "danger": "Danger", "caution": "Caution", "important": "Important",
    "note": "Note", "tip": "Tip", "info": "Information",
}
CALLOUT = re.compile(r'!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
ABBREVIATION = re.compile(r" {0,3}\*\[[^\]]+\]:")
HEADING_START = re.compile(r"<h[1-6]")
HEADING_ID = re.compile(r'(?:^|\s)id="([^"]*)"')
SOURCE_LINE = re.compile(r'data-sourcepos="(\d+):')
TAG = re.compile(r"<[^>]*>")
NOT_SLUG = re.compile(r"[^a-z0-9]+")
VULGAR_FRACTION = re.compile("[\u00bc-\u00be\u2150-\u215f\u2189]")  # whose NFKD is digits around FRACTION SLASH
# Letters that NFKD does not split into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
                          "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "ð": "d"})
ALLOWED_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul",
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
# An attribute's value that may hold a scheme: a colon, or an entity that may be one ("=" first, which re finds
# fast: a name first is five times slower).
MAY_HAVE_SCHEME = re.compile(r"""=\s*(?:"(?P<double>[^"]*[:&][^"]*)"|'(?P<single>[^']*[:&][^']*)'"""
                             r"""|(?P<bare>[^\s"'>]*[:&][^\s>]*))""")
ADDRESS_NAME = re.compile(r"\s(?:href|src)\s*$", re.IGNORECASE)
# An <img>'s src in sanitised HTML, which writes every value in double quotes with its < > " escaped.
IMAGE_SOURCE = re.compile(r'<img\b[^<>]*?\ssrc="([^"]*)"')
TABLE_WRAP = '<div class="table-wrap" role="region" aria-label="Table" tabindex="0">'
TABLE_OR_HEADING = re.compile(r'<h[1-6]\b[^>]*?\bid="([^"]+)"[^>]*>|<table\b')
FOOTNOTES = '<section class="footnotes">'
# cmark-gfm's footnotes section has no heading; a label names it for screen readers (and the Nu checker).
LABELLED_FOOTNOTES = '<section class="footnotes" aria-label="Footnotes">'
# Quotes, lists and HTML elements inside one another, at most. nh3's HTML parser takes time that grows with the
# square of the nesting (a body of 50,000 '>' took 5 s, 200,000 six minutes), and Python-Markdown recurses into
# each list (RecursionError). cmark-gfm stops nesting lists at 100 on a line; prose needs a handful.
MAX_NESTING = 100
# What a line may start with that nests it: indentation, '>' and list markers.
LINE_MARKS = " \t>-+*.)0123456789"
MARK = re.compile(r">|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)")
TAG_START = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)")  # not an autolink: <https://...>
# Elements that hold no others (void), or that the next of their kind closes (an unclosed <p>, <li>, <h2> or <a>).
UNNESTED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "rt", "rp",
                      "h1", "h2", "h3", "h4", "h5", "h6", "a", "button"})


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of an article's body, for its table of contents and its anchor."""

    level: int
    id: str
    text: str
    line: int = 0  # in the Markdown text, from 1, when rendered with positions; else (or raw HTML) 0


class StrayFootnote(NamedTuple):
    """A footnote definition a page cannot show as written: its label is defined again, or nothing cites it."""

    line: int  # in the Markdown text, from 1
    label: str
    again: bool  # True: a second definition of the label; False: a definition nothing cites
    hidden: int = 0  # for one nothing cites, the first line (from 1) that references it in code or a comment


@dataclass(frozen=True, slots=True)
class Rendered:
    """An article body as sanitised HTML, with the headings it has."""

    html: Markup
    headings: tuple[Heading, ...]
    abbreviation_lines: tuple[int, ...] = ()  # 1-based lines of `*[X]: ...` definitions, which do nothing
    # Link and image addresses the allow-list took out (dropped_addresses), and images the page's policy blocks
    # (insecure_images).
    dropped: tuple[str, ...] = ()
    stray_footnotes: tuple[StrayFootnote, ...] = ()  # definitions repeated or cited by nothing


class NestedTooDeep(ValueError):
    """A text nests quotes, lists or HTML elements deeper than MAX_NESTING."""

    def __init__(self, levels: int, line: int) -> None:
        super().__init__(f"nested {levels} levels deep from line {line}")
        self.levels = levels
        self.line = line  # the first (from 1) nested deeper than MAX_NESTING


class MarkdownRenderer:
    """Render article Markdown to sanitised HTML with heading ids; holds no state between documents.

    engine is site.yaml's markdown.engine: "gfm" (cmark-gfm) or "python-markdown",
    with its extensions.
    """

    def __init__(self, engine: str = "gfm", extensions: tuple[str, ...] = ()) -> None:
        self.engine = engine
        self.extensions = extensions
        self._python_markdown: Any = None

    def render(self, text: str, positions: bool = False) -> Rendered:
        """Convert Markdown to safe HTML and list its headings (with their lines, given positions).

        Raises NestedTooDeep for a text nested deeper than MAX_NESTING.
        """
        levels, line = nesting(text, self.engine == "python-markdown")
        if line:
            raise NestedTooDeep(levels, line)
        if self.engine == "python-markdown":
            raw, origins = self._python_markdown_html(text), list[int]()
        else:
            from .cmark import cmark_html  # here: a rebuild that renders no Markdown skips loading cmark and nh3

            source, origins = expand_callouts(text)
            raw = cmark_html(source, positions)
        headings: list[Heading] = []
        used: set[str] = set()
        raw = callout_headings(raw) if CALLOUT_TITLE in raw else raw
        with_ids = _with_ids(raw, headings, used, origins)
        safe = wrap_tables(sanitise(with_ids)).replace(FOOTNOTES, LABELLED_FOOTNOTES)
        defined = () if "abbr" in self.extensions or "extra" in self.extensions else abbreviation_lines(text)
        return Rendered(Markup(safe), tuple(headings), defined, dropped_addresses(with_ids) + insecure_images(safe),
                        stray_footnotes(text, any_case=self.engine != "python-markdown"))

    def _python_markdown_html(self, text: str) -> str:
        if self._python_markdown is None:
            from .pymd import PythonMarkdown  # only the sites that choose it load Python-Markdown

            self._python_markdown = PythonMarkdown(self.extensions, CALLOUT_LABELS)
        html: str = self._python_markdown.html(text)
        return html


def nesting(text: str, by_lines: bool = False) -> tuple[int, int]:
    """How deep a Markdown text nests quotes, lists and HTML elements, and the first line (from 1) nested deeper
    than MAX_NESTING (0 for none); (0, 0) when the text cannot be that deep.

    Each '>' and list marker a line starts with, each four columns of its indentation and each HTML element
    open is a level. Only a text with more '>' than MAX_NESTING is measured, as every quote and HTML tag needs
    one (a 15 KB body is looked at in 0.4 us, counted in 3.6 us when it holds a '>'); by_lines (for
    Python-Markdown, which nests lists on one line as deep as they are written) measures a text with a line
    whose marks and indentation are longer too.
    """
    if not (">" in text and text.count(">") > MAX_NESTING) and not (by_lines and any(
            len(line) - len(line.lstrip(LINE_MARKS)) > MAX_NESTING for line in text.split("\n"))):
        return 0, 0
    deepest, first = 0, 0
    open_tags: dict[str, int] = {}
    elements = 0  # HTML elements open
    for number, line in enumerate(prose_lines(text), 1):
        levels = _line_levels(line)
        widest = elements
        for tag in TAG_START.finditer(line):
            name = tag.group(2).lower()
            if tag.group(1):
                if open_tags.get(name):
                    open_tags[name] -= 1
                    elements -= 1
            elif name not in UNNESTED:
                open_tags[name] = open_tags.get(name, 0) + 1
                elements += 1
                widest = max(widest, elements)
        levels += widest
        if levels > MAX_NESTING and not first:
            first = number
        deepest = max(deepest, levels)
    return deepest, first


def _line_levels(line: str) -> int:
    """The levels a line's start nests it: its '>' and list markers, and each four columns of indentation."""
    marks = line[:len(line) - len(line.lstrip(LINE_MARKS))]
    if not marks:
        return 0
    indent = marks[:len(marks) - len(marks.lstrip(" \t"))]
    return len(MARK.findall(marks)) + len(indent.expandtabs(4)) // 4


def expand_callouts(text: str) -> tuple[str, list[int]]:
    """Turn each `!!! kind "title"` block (content indented four spaces) into a labelled callout.

    The callout is an HTML block around Markdown: CommonMark parses the indented
    content, dedented, as ordinary Markdown between the opening and closing tags.
    Returns the new text and, for each of its lines, the line of text it comes from
    (an empty list when nothing changed).
    """
    if "!!!" not in text:
        return text, []
    lines = text.split("\n")
    expanded = _expand(lines, list(range(1, len(lines) + 1)))
    return "\n".join(line for line, _ in expanded), [origin for _, origin in expanded]


def _expand(lines: list[str], origins: list[int]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    fence = ""
    index = 0
    while index < len(lines):
        line, origin = lines[index], origins[index]
        index += 1
        opening = FENCE.match(line)
        if fence:
            if closes_fence(opening, fence):
                fence = ""
            out.append((line, origin))
            continue
        if opening:
            fence = opening.group(1)
        callout = None if fence else CALLOUT.match(line)
        if callout is None:
            out.append((line, origin))
            continue
        start = index
        while index < len(lines) and (not lines[index].strip() or lines[index][:1] == "\t"
                                      or lines[index].startswith("    ")):
            index += 1
        while index > start and not lines[index - 1].strip():
            index -= 1
        inner = _expand([_dedent(line) for line in lines[start:index]], origins[start:index])
        opening_tag = _callout_open(callout.group(1).split(), callout.group(2))
        out += [("", origin), (opening_tag, origin), ("", origin), *inner, ("", origin), ("</aside>", origin),
                ("", origin)]
    return out


def closes_fence(opening: re.Match[str] | None, fence: str) -> bool:
    """True when a fence line (FENCE's match) closes the open fence: its character, as many times or more."""
    return opening is not None and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence)


BACKTICKS = re.compile(r"`+")


class Ahead:
    """Where a mark is next in a text from a place on, found once for all the places before it."""

    __slots__ = ("found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, tuple[int, int]] = {}  # mark: (looked from, found at; -1 for nowhere)

    def find(self, mark: str, start: int) -> int:
        """Where mark is first from start on; -1 for nowhere."""
        known = self.found.get(mark)
        if known is not None and known[0] <= start and (start <= known[1] or known[1] < 0):
            return known[1]
        at = self.text.find(mark, start)
        self.found[mark] = (start, at)
        return at


class CodeSpans:
    r"""Where the pattern (`+).+?\1 matches in a text (.*? with gap 0), as re finds them, in linear time.

    re tries every shorter opening run before it settles on one, and each try reads the rest of the text: a run
    of thousands of backticks took it minutes. The answer follows from the runs of backticks after the opening:
    the longest opening that one of them (or the rest of its own run) can close.
    """

    def __init__(self, text: str, gap: int = 1) -> None:
        self.text = text
        self.gap = gap  # the fewest characters between the opening and the closing
        runs = [match.span() for match in BACKTICKS.finditer(text)]
        self.starts = [start for start, _ in runs]
        self.ends = [end for _, end in runs]
        self.longest_from = [0] * (len(runs) + 1)  # the longest run from the i-th on
        for index in range(len(runs) - 1, -1, -1):
            self.longest_from[index] = max(self.longest_from[index + 1], self.ends[index] - self.starts[index])

    def run_end(self, at: int) -> int:
        """The end of the run of backticks that at is in."""
        return self.ends[bisect_right(self.starts, at) - 1]

    def end(self, at: int) -> int | None:
        """The end of the span that starts at the backtick at, or None when none does."""
        index = bisect_right(self.starts, at) - 1
        run_end = self.ends[index]
        length = run_end - at
        closed_by_own_run = (length - self.gap) // 2
        ticks = max(min(length, self.longest_from[index + 1]), closed_by_own_run)
        if ticks <= 0:
            return None
        if ticks <= closed_by_own_run:
            return at + 2 * ticks + self.gap
        return self.text.index("`" * ticks, run_end) + ticks

    def spans(self) -> Iterator[tuple[int, int]]:
        """Every span, from the first."""
        at = self.text.find("`")
        while at >= 0:
            end = self.end(at)
            if end is None:  # nor does any later backtick of its run start one
                at = self.text.find("`", self.run_end(at))
                continue
            yield at, end
            at = self.text.find("`", end)


def prose_lines(text: str) -> list[str]:
    """The lines of a Markdown text as they may hold a footnote reference: code (fenced, in a quote or a list item
    too, or in backticks), HTML comments and escaped brackets blanked, so that the lines keep their numbers. A
    fenced line keeps the quotes' '>' and list markers before it, which nest it."""
    lines: list[str] = []
    fence, marks = "", tuple[str, ...]()  # the open fence, and the quotes and list items it is in
    comment = False  # an HTML comment left open on a line before
    offset = 0  # where the next line starts in text
    last_close = text.rfind("-->")
    for line in text.split("\n"):
        offset += len(line) + 1
        if fence:
            inside = _inside(line, marks)
            if inside is not None:
                fence = "" if closes_fence(FENCE.match(line, inside), fence) else fence
                lines.append(line[:inside])
                continue
            fence = ""  # its quote or list item has ended, and the fence with it
        if comment:
            close = line.find("-->")
            if close < 0:
                lines.append("")
                continue
            comment, line = False, line[close + 3:]
        else:
            marks, at = opening_marks(line)
            opening = FENCE.match(line, at)
            if opening:
                fence = opening.group(1)
                lines.append(line[:at])
                continue
        line = line.replace("\\[", "")
        code = CodeSpans(line, gap=0).spans() if "`" in line else None
        line = spliced(line, ((start, end, "") for start, end in code)) if code else line
        if "<!--" in line:
            line, comment = _without_comments(line, last_close >= offset)
        lines.append(line)
    return lines


# A quote's '>', or a list item's marker with the spaces after it (a nested list may be indented any amount).
CONTAINER_MARK = re.compile(r" {0,3}> ?| *(?:[-+*]|\d{1,9}[.)])(?: +|$)")
QUOTE_MARK = re.compile(r" {0,3}> ?")


def opening_marks(line: str) -> tuple[tuple[str, ...], int]:
    """The quotes' '>' and list items' markers a line opens with, in turn, and where its text starts."""
    marks, at = [], 0
    while (mark := CONTAINER_MARK.match(line, at)) and mark.end() > at:
        marks.append(mark.group())
        at = mark.end()
    return tuple(marks), at


def _inside(line: str, marks: tuple[str, ...]) -> int | None:
    """Where a line's text starts when it goes on inside the quotes and list items marks opened, in turn (each
    quote needs its '>', each list item its indentation; a blank line stays in a list item); None when it is past
    one of their ends."""
    at = 0
    for mark in marks:
        if ">" in mark:
            quote = QUOTE_MARK.match(line, at)
            if quote is None:
                return None
            at = quote.end()
        elif not line[at:].strip():
            return len(line)
        elif line.startswith(" " * len(mark), at):
            at += len(mark)
        else:
            return None
    return at


def _without_comments(line: str, closed_later: bool) -> tuple[str, bool]:
    """A line without its HTML comments, and whether the last one goes on to the next lines. One never closed is
    a comment to the end of the text when it opens the line (an HTML block, which the page drops whole), else
    text (closed_later: a '-->' is on a line after this one)."""
    at = line.find("<!--")
    while at >= 0:
        close = line.find("-->", at + 4)
        if close >= 0:
            line = line[:at] + line[close + 3:]
        elif closed_later or not line[:at].strip():
            return line[:at], True
        else:
            return line, False
        at = line.find("<!--", at)
    return line, False


def spliced(text: str, pieces: Iterable[tuple[int, int, str]]) -> str:
    """text with each span (start, end), in order and apart, replaced by the text given with it."""
    kept: list[str] = []
    done = 0
    for start, end, replacement in pieces:
        kept += (text[done:start], replacement)
        done = end
    kept.append(text[done:])
    return "".join(kept)


def _dedent(line: str) -> str:
    return line[1:] if line[:1] == "\t" else line[4:]


def _callout_open(classes: list[str], title: str | None) -> str:
    """The opening of a callout: its kind in words, so meaning never rests on colour."""
    kind = next((name for name in classes if name in CALLOUT_LABELS), "note")
    label = CALLOUT_LABELS[kind]
    heading = f"<strong>{label}: </strong>{html.escape(title)}" if title else f"<strong>{label}</strong>"
    return f'<aside class="callout callout-{kind}" role="note"><p class="callout-title">{heading}</p>'


CALLOUT_TITLE = '<p class="callout-title">'
HEADING_LEVEL = re.compile(r"<h([1-6])\b")
HEADING_OR_CALLOUT = re.compile(HEADING_LEVEL.pattern + r'|<p class="callout-title">(.*?)</p>', re.DOTALL)


def callout_headings(html_text: str) -> str:
    """Make each callout's title a heading one level below the heading before it (the page's h1 first), so
    that a screen reader moving by headings meets every warning, and no level is skipped."""
    level = 1

    def heading(match: re.Match[str]) -> str:
        nonlocal level
        if match.group(1):
            level = int(match.group(1))
            return match.group()
        below = min(level + 1, 6)
        return f'<h{below} class="callout-title">{match.group(2)}</h{below}>'

    # No title after the last </p> has an end: re is not let read on to the end of the text from each of them.
    cut = html_text.rfind("</p>") + 4 if "</p>" in html_text else 0
    return HEADING_OR_CALLOUT.sub(heading, html_text[:cut]) + HEADING_LEVEL.sub(heading, html_text[cut:])


def headings_in(html_text: str) -> Iterator[tuple[int, int, int, str, str]]:
    r"""Each heading of HTML (start, end, level, attributes, inner HTML) as the pattern
    <h([1-6])([^>]*)>(.*?)</h\1> (DOTALL) finds them, but with each end looked up once for all the headings
    before it: re reads on to the end of the text from every heading that no </h1> (say) closes."""
    ahead = Ahead(html_text)
    opening = HEADING_START.search(html_text)
    while opening:
        start = opening.start()
        tag_end = ahead.find(">", start + 3)
        if tag_end < 0:
            return  # nor has any heading after it an end
        level = html_text[start + 2]
        close = ahead.find(f"</h{level}>", tag_end + 1)
        if close < 0:
            opening = HEADING_START.search(html_text, start + 1)
            continue
        yield start, close + 5, int(level), html_text[start + 3:tag_end], html_text[tag_end + 1:close]
        opening = HEADING_START.search(html_text, close + 5)


def _with_ids(raw: str, headings: list[Heading], used: set[str], origins: list[int]) -> str:
    """The HTML with an id on each heading (see _identify)."""
    return spliced(raw, ((start, end, _identify(raw[start:end], level, attributes, inner, headings, used, origins))
                         for start, end, level, attributes, inner in headings_in(raw)))


def _identify(whole: str, level: int, attributes: str, inner: str, headings: list[Heading], used: set[str],
              origins: list[int]) -> str:
    """Give a heading an id made from its text (unless it has one) and record it with its line; a callout's
    title is left out of the table of contents."""
    if 'class="callout-title"' in attributes:
        return whole
    cut = inner.rfind(">") + 1  # no tag starts after the last >: re is not let read on to the end from each <
    text = html.unescape(TAG.sub("", inner[:cut]) + inner[cut:]).strip()
    position = SOURCE_LINE.search(attributes)  # cmark's, on the headings it makes; raw HTML ones have none
    line = int(position.group(1)) if position else 0
    if line and origins:
        line = origins[line - 1]
    given = HEADING_ID.search(attributes)
    if given:
        used.add(html.unescape(given.group(1)))
        headings.append(Heading(level, html.unescape(given.group(1)), text, line))
        return whole
    anchor = _unique(name_of(text) or "section", used)
    headings.append(Heading(level, anchor, text, line))
    return f'<h{level}{attributes} id="{anchor}">{inner}</h{level}>'


def slugify(title: str) -> str:
    """Make a URL name (or a heading's id) from a title: lower-case ASCII words joined by single hyphens."""
    if not title.isascii():  # NFKD writes a fraction with FRACTION SLASH, which is no ASCII: 1\u00bd would be 112
        title = VULGAR_FRACTION.sub(r" \g<0> ", title)
    text = unicodedata.normalize("NFKD", title.translate(_LETTERS)).replace("\u2044", " ")
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return NOT_SLUG.sub("-", text).strip("-")


def name_of(text: str) -> str:
    """slugify(text), or for a text in another script (Arabic, Greek, Chinese) its own words, lower-case,
    joined by hyphens: a heading's id or a tag's address that a reader of that script can read."""
    return slugify(text) or "-".join(WORDS.findall(text.lower()))


WORDS = re.compile(r"[^\W_]+")


def _unique(anchor: str, used: set[str]) -> str:
    """anchor, or anchor_1, anchor_2... if it is taken."""
    candidate, number = anchor, 0
    while candidate in used:
        number += 1
        candidate = f"{anchor}_{number}"
    used.add(candidate)
    return candidate


CODE = re.compile(r"<(code|pre)\b.*?</\1>", re.DOTALL)
# One left open takes in the rest of its word, where no other could close either.
FOOTNOTE_AS_TEXT = re.compile(r"\[\^(?:([^\]\s]+)\]|[^\]\s]*)")
# An empty footnote holds only its back-links: one for each reference to it.
EMPTY_FOOTNOTE = re.compile(r'<li id="fn[-:]([^"]+)">\s*(?:<a\b[^>]*\bfootnote-backref\b[^>]*>.*?</a>\s*)*</li>',
                            re.DOTALL)


def footnote_slips(markup: str) -> tuple[list[str], list[str]]:
    """The labels of footnote references shown as text (none defined them), and of footnotes left empty."""
    if "[^" not in markup and "<li id=\"fn" not in markup:
        return [], []
    shown = CODE.sub("", markup) if "[^" in markup else ""
    return (list(dict.fromkeys(html.unescape(label) for label in FOOTNOTE_AS_TEXT.findall(shown) if label)),
            [html.unescape(urllib.parse.unquote(label)) for label in EMPTY_FOOTNOTE.findall(markup)])


FOOTNOTE_DEFINITION = re.compile(r"\[\^([^\]\s]+)\]:")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")


def footnote_definition(line: str) -> re.Match[str] | None:
    """The footnote definition ('[^1]:') a line opens with, after any quote's '>' and list item's marker (both
    engines read '- [^1]: ...' and '> [^1]: ...' as a definition, and leave an empty item or quote behind); None
    for a line indented four spaces or more past them (code, or a footnote's next paragraph)."""
    if "]:" not in line:
        return None
    at = opening_marks(line)[1]
    text = line[at:].lstrip(" ")
    return FOOTNOTE_DEFINITION.match(line, len(line) - len(text)) if len(line) - len(text) - at < 4 else None


def stray_footnotes(text: str, any_case: bool = True) -> tuple[StrayFootnote, ...]:
    """The footnote definitions a page cannot show as written: a label defined a second time, and a definition
    nothing in the text cites. Labels match whatever their case (any_case) in CommonMark, not in Python-Markdown.
    Code, an HTML comment and escaped brackets neither define nor cite; a reference only there is noted, as the
    page shows none."""
    if "]:" not in text or "[^" not in text:
        return ()
    first: dict[str, tuple[int, str]] = {}
    cited: set[str] = set()
    hidden: dict[str, int] = {}  # the first line where a reference to a label is in code or a comment
    stray = []

    def key(label: str) -> str:
        return label.casefold() if any_case else label

    for number, (line, written) in enumerate(zip(prose_lines(text), text.split("\n"), strict=True), 1):
        definition = footnote_definition(line)
        if definition:
            label = definition.group(1)
            if key(label) in first:
                stray.append(StrayFootnote(number, label, again=True))
            else:
                first[key(label)] = (number, label)
        shown = FOOTNOTE_REFERENCE.findall(line)
        cited.update(key(label) for label in shown[1 if definition else 0:])
        if "[^" in written and len(shown) < written.count("[^"):
            for label in _hidden_references(written, shown):
                hidden.setdefault(key(label), number)
    stray += [StrayFootnote(number, label, again=False, hidden=hidden.get(folded, 0))
              for folded, (number, label) in first.items() if folded not in cited]
    return tuple(sorted(stray))


def _hidden_references(written: str, shown: list[str]) -> list[str]:
    """The labels a line as written references that the page does not show (see prose_lines)."""
    left = FOOTNOTE_REFERENCE.findall(written.replace("\\[", ""))
    for label in shown:
        if label in left:
            left.remove(label)
    return left


def abbreviation_lines(text: str) -> tuple[int, ...]:
    """Lines defining `*[ABBR]: ...` abbreviations, which GitHub Flavored Markdown would show as text."""
    if "*[" not in text:
        return ()
    return tuple(number for number, line in enumerate(text.split("\n"), 1) if ABBREVIATION.match(line))


def dropped_addresses(markup: str) -> tuple[str, ...]:
    """The addresses of links and images in markup whose scheme the allow-list drops, leaving a link that goes
    nowhere or an image without a picture: file:///C:/..., C:\\Users\\... (a scheme of one letter), javascript:."""
    found = []
    for value in MAY_HAVE_SCHEME.finditer(markup):
        address = value.group("double") or value.group("single") or value.group("bare")
        scheme = scheme_of(html.unescape(address))  # as the browser, and the allow-list, read it
        if scheme and scheme not in URL_SCHEMES and ADDRESS_NAME.search(markup, max(0, value.start() - 20),
                                                                        value.start()):
            found.append(_as_written(address))
    return tuple(dict.fromkeys(found))


def insecure_images(safe: str) -> tuple[str, ...]:
    """The addresses of images in sanitised HTML at http:// addresses, which the site's Content-Security-Policy
    (img-src https:) blocks, as browsers block them on an https page: kept, they show no picture."""
    found = IMAGE_SOURCE.findall(safe)  # sooner than a test for "<img" first, on the long texts without one
    return tuple(dict.fromkeys(_as_written(src) for src in found if scheme_of(html.unescape(src)) == "http"))


def _as_written(address: str) -> str:
    """An address as an editor wrote it: entities and percent-escapes read (cmark-gfm writes them), unless that
    shows a character that does not print, a tab or a line break written as an entity ('java&#9;script:')."""
    read = urllib.parse.unquote(html.unescape(address))
    return read if read.isprintable() else address


def sanitise(markup: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes."""
    return _cleaner().clean(markup)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The allow-list, made once: nh3.clean builds it on every call, 16 us, more than a short answer's cleaning."""
    import nh3

    return nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                       strip_comments=True)


def wrap_tables(markup: str) -> str:
    """Put each table in a keyboard-scrollable region, so a wide table never widens the page.

    The region is named by the heading above the table, so that a screen reader says what it is about
    ("Withdrawal symptoms, region"); a table before any heading is a "Table".
    """
    # After sanitising: the wrapper's tabindex is ours, and authors cannot add one.
    if "<table" not in markup:
        return markup
    heading = ""

    def wrap(match: re.Match[str]) -> str:
        nonlocal heading
        if match.group(1) is not None:
            heading = match.group(1)
            return match.group()
        if not heading:
            return TABLE_WRAP + "<table"
        return TABLE_WRAP.replace('aria-label="Table"', f'aria-labelledby="{heading}"') + "<table"

    return TABLE_OR_HEADING.sub(wrap, markup).replace("</table>", "</table></div>")


def reading_minutes(text: str, words_per_minute: int) -> int:
    """Estimate reading time in whole minutes (at least one)."""
    return max(1, math.ceil(len(text.split()) / words_per_minute))
