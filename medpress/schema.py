"""The frontmatter schema: one definition that both validates and exports JSON Schema.

Each key's spec checks type and format and returns the clean value, recording a
Problem (with file, line and key) instead of raising, so that one pass reports
everything wrong in a file.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import SplitResult

from .errors import Problem, did_you_mean
from .graph import tag_slug
from .model import Drug, Faq, Image, Source
from .urls import HTTP_IMAGE, HTTP_IMAGE_FIX, MAX_NAME, is_root_relative, overlong, scheme_of, split_url
from .yamlfile import CURLY_QUOTES, KeyPath, as_written, dotted

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID = SLUG


@dataclass
class Checker:
    """Collects problems for one file, knowing the line of every key."""

    path: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fallback_line: int | None = None
    unknown: list[KeyPath] = field(default_factory=list)  # where each unknown key is, as the data has it

    def line(self, at: KeyPath) -> int | None:
        while at:
            if at in self.lines:
                return self.lines[at]
            at = at[:-1]
        return self.fallback_line

    def error(self, at: KeyPath, message: str, hint: str = "") -> None:
        self.problems.append(Problem(message, self.path, self.line(at), dotted(at), hint))

    def warn(self, at: KeyPath, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(message, self.path, self.line(at), dotted(at), hint, severity="warning")
        )


MISSING: Any = object()


class Spec:
    """A value's type and format; subclasses validate one kind of value."""

    description = ""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


def _why_no_day(text: str) -> str:
    """Why a day written YYYY-MM-DD is none: its month, or how many days its month has."""
    year, month, day = (int(part) for part in text.split("-"))
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "a month has no day 0"
    return f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"


@dataclass(frozen=True)
class Text(Spec):
    """A string, optionally bounded in length and matched against a pattern."""

    description: str = ""
    max_len: int | None = None
    pattern: re.Pattern[str] | None = None
    pattern_hint: str = ""
    length_hint: str = "shorten it"

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = as_written(value)  # a title 1.50 is shown 1.50, not 1.5
        if not isinstance(value, str):
            checker.error(at, f"must be text, not {_kind(value)}", "put the value in quotes")
            return None
        value = value.strip()
        if not value:
            checker.error(at, "must not be empty", "write its text")
            return None
        if self.max_len and len(value) > self.max_len:
            checker.error(at, f"is {len(value)} characters long; at most {self.max_len} allowed", self.length_hint)
        if self.pattern and not self.pattern.fullmatch(value):  # "$" alone lets a trailing newline through
            checker.error(at, f"'{value}' is not valid", self.pattern_hint)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_len:
            schema["maxLength"] = self.max_len
        if self.pattern:
            schema["pattern"] = self.pattern.pattern
        return _described(schema, self.description)


MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(\s*([^()\s]+)\s*\)")  # [text](address), pasted where an address goes


def _not_a_url(text: str, parts: SplitResult | None, relative_ok: bool) -> tuple[str, str]:
    """What is wrong with an address Url refuses, and how to fix it."""
    pasted = MARKDOWN_LINK.search(text)
    if pasted:
        inner = split_url(pasted.group(1))
        fix = (f"write the address alone: {pasted.group(1)}" if inner is not None and inner.scheme in ("http", "https")
               else "write the address alone, without the [text](...) around it")
        return f"'{text}' holds a Markdown link, [text](address), where a plain address belongs", fix
    why = "" if parts is not None else (": square brackets in a host are only for a whole IPv6 address, as in "
                                        "https://[2001:db8::1]/" if "[" in text or "]" in text else
                                        ": its host has characters no host name may hold")
    fix = ("write a full https://... address, or a path of this site such as /contact/" if relative_ok else
           "write a full https://... address")
    return f"'{text}' is not a valid URL{why}", fix


# Python's URL parser, like a browser's, drops tabs and line breaks from an address: what it checks is then not what
# the page, the sitemap or robots.txt would carry (a line break there starts a line of its own).
WHITESPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
CHARACTER_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a line break", " ": "a space"}


def _shown(text: str) -> str:
    """text with each character that does not print written as its escape ('\\n'): a message stays on one line."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def _zone_id(parts: SplitResult) -> str:
    """The zone id of an IPv6 host ('%eth0' in https://[fe80::1%eth0]/), or ''."""
    host = parts.netloc.partition("[")[2].partition("]")[0]
    _, percent, zone = host.partition("%")
    return percent + zone


@dataclass(frozen=True)
class Url(Spec):
    """A web address (absolute, or site-relative where allowed)."""

    description: str = ""
    relative_ok: bool = False
    whitespace_hint: str = "write the address on one line with no space in it; a space in a path is written %20"

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        text = Text().check(value, at, checker)
        if text is None:
            return None
        stray = WHITESPACE_OR_CONTROL.search(text)
        if stray:
            name = CHARACTER_NAMES.get(stray.group(), f"the character U+{ord(stray.group()):04X}")
            what = "a path of this site" if self.relative_ok and text.startswith("/") else "a valid URL"
            checker.error(at, f"'{_shown(text)}' is not {what}: it holds {name}", self.whitespace_hint)
            return None
        parts = split_url(text)
        if parts is not None and parts.scheme in ("http", "https") and parts.netloc:
            zone = _zone_id(parts)
            if not zone:
                return text
            checker.error(at, f"'{text}' is not a valid URL: its host has a zone id ('{zone}'), which "
                          "names a network interface of one computer, not a place on the web",
                          "write a full https://... address")
            return None
        if self.relative_ok and text.startswith("/"):
            if is_root_relative(text):
                return text
            checker.error(at, f"'{text}' is not a path of this site: a browser reads an address that starts with "
                          f"'{text[:2]}' as one on another host", "write a path of this site with a single '/' at its "
                          "start, such as /contact/, or a full https://... address")
            return None
        checker.error(at, *_not_a_url(text, parts, self.relative_ok))
        return None

    def json_schema(self) -> dict[str, Any]:
        schema = {"type": "string", "format": "uri-reference" if self.relative_ok else "uri"}
        return _described(schema, self.description)


@dataclass(frozen=True)
class SlugOrUrl(Url):
    """A page's slug (editorial-policy), or an address as Url takes it: a path of this site or an http(s) URL."""

    relative_ok: bool = True

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        text = Text().check(value, at, checker)
        if text is None or SLUG.fullmatch(text):
            return text
        if "/" not in text:  # meant as a slug, which the link writes between slashes: "\\host" would be "/\\host/"
            checker.error(at, f"'{_shown(text)}' is not a page's slug", f"{SLUG_HINT}, or write a path such as "
                          "/about/ or a full https://... address")
            return None
        return super().check(text, at, checker)


@dataclass(frozen=True)
class ImageSource(Text):
    """An image: a path under assets/ (graph.py checks the file is there), or an https:// address."""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        text = super().check(value, at, checker)
        scheme = scheme_of(text) if text is not None else ""
        if scheme == "http":
            checker.error(at, f"'{text}' {HTTP_IMAGE}", HTTP_IMAGE_FIX)
            return None
        if scheme != "https":
            return text
        checked = Url().check(text, at, checker)  # a message quotes it as written
        # Written HTTPS://, as browsers take it: kept as https://, which the rest of medpress looks for.
        return "https" + checked[5:] if checked is not None and checked[:6].lower() == "https:" else checked


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Date(Spec):
    """A calendar date written YYYY-MM-DD."""

    description: str = ""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        if isinstance(value, date) and not isinstance(value, datetime):  # !!timestamp gives a datetime
            return value
        if isinstance(value, (list, dict)):
            checker.error(at, f"must be a date, not {_kind(value)}",
                          "write one date as YYYY-MM-DD, without brackets or braces, e.g. 2026-03-31")
            return None
        text = value.strip() if isinstance(value, str) else as_written(value)
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None and ISO_DAY.fullmatch(text):
            return day
        if day is None and ISO_DAY.fullmatch(text):  # written right, but 2026-11-31 or 2026-13-01
            checker.error(at, f"'{text}' is no day of the calendar: {_why_no_day(text)}",
                          "correct the day, written YYYY-MM-DD")
            return None
        if text.startswith(tuple(CURLY_QUOTES)):
            checker.error(at, f"'{text}' is not a date: its quotes are curly ones, which YAML keeps as text",
                          "write the date without quotes, or with straight ones: 2026-03-31 or \"2026-03-31\"")
            return None
        # fromisoformat also reads 2026-W49 and 20261206, which no reader of the page would take for a day
        checker.error(at, f"'{text}' is not a date" if day is None else f"'{text}' is not written YYYY-MM-DD",
                      "write it as YYYY-MM-DD, e.g. 2026-03-31")
        return None

    def json_schema(self) -> dict[str, Any]:
        return _described({"type": "string", "format": "date"}, self.description)


@dataclass(frozen=True)
class Bool(Spec):
    """true or false."""

    description: str = ""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        if isinstance(value, bool):
            return value
        checker.error(at, f"must be true or false, not {_kind(value)}", "write true or false without quotes")
        return None

    def json_schema(self) -> dict[str, Any]:
        return _described({"type": "boolean"}, self.description)


@dataclass(frozen=True)
class Number(Spec):
    """A number within bounds; whole, for a count."""

    description: str = ""
    minimum: int = 0
    maximum: int | None = None
    whole: bool = False

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        kinds = int if self.whole else (int, float)
        if not isinstance(value, kinds) or isinstance(value, bool) or not math.isfinite(value):
            checker.error(at, f"must be a {'whole number' if self.whole else 'number'}, not {_kind(value)}",
                          "write it in digits, without quotes or words around it")
            return None
        if value < self.minimum or (self.maximum is not None and value > self.maximum):
            hint = (f"use a number between {self.minimum} and {self.maximum}" if self.maximum is not None
                    else f"use a number of at least {self.minimum}")
            checker.error(at, f"{as_written(value)} is out of range", hint)
            return None
        return int(value) if isinstance(value, int) else float(value)  # a plain number, not YAML's as-written one

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.whole else "number", "minimum": self.minimum}
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return _described(schema, self.description)


@dataclass(frozen=True)
class Int(Number):
    """A whole number within bounds."""

    whole: bool = True


def language_tag(text: str, at: KeyPath, checker: Checker) -> str | None:
    """The language code as it is usually written (pt-BR); an error, and None, when CLDR knows no such language."""
    from .langtags import canonical_tag  # here: Babel is loaded only for a site that names a language

    tag = canonical_tag(text)
    if tag is None:
        checker.error(at, f"'{text}' is not a language code (BCP 47) that CLDR knows",
                      "write a code such as en, fr, pt-BR or es-419")
    return tag


@dataclass(frozen=True)
class LanguageTag(Spec):
    """A language code (BCP 47) that CLDR knows, as it is usually written (pt-BR)."""

    description: str = ""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        text = Text().check(value, at, checker)
        return None if text is None else language_tag(text, at, checker)

    def json_schema(self) -> dict[str, Any]:
        from .langtags import TAG_SHAPE

        return _described({"type": "string", "pattern": f"^{TAG_SHAPE.pattern}$"}, self.description)


@dataclass(frozen=True)
class ListOf(Spec):
    """A list whose every item meets one spec."""

    item: Spec
    description: str = ""
    min_items: int = 0

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        if not isinstance(value, list):
            checker.error(at, f"must be a list, not {_kind(value)}", "start each item on its own line with '- '")
            return None
        if len(value) < self.min_items:
            checker.error(at, f"needs at least {self.min_items} item(s)")
        items = [self.item.check(v, (*at, i), checker) for i, v in enumerate(value)]
        return tuple(items)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return _described(schema, self.description)


MAX_TAG = 60
TAG_EXAMPLE = "e.g. withdrawal or opioid use"


@dataclass(frozen=True)
class Tag(Spec):
    """A tag: words that make a safe URL name for its listing."""

    description: str = ""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            checker.error(at, "is an empty tag", f"remove the empty item or write the tag, {TAG_EXAMPLE}")
            return None
        if isinstance(value, str):  # tags are compared: 'café' typed with a combining accent is the one with é
            value = unicodedata.normalize("NFC", value)
        text = Text(max_len=MAX_TAG).check(value, at, checker)
        if text is None:
            return None
        address = tag_slug(text)
        if not address:
            checker.error(at, f"tag '{text}' has no letters or digits to make its address (/tags/<name>/) from",
                          f"write the tag in words, {TAG_EXAMPLE}")
            return None
        length = overlong(address)  # a letter such as '㎯' is written 'rads2' in an address
        if length:
            checker.error(at, f"tag '{text}' makes an address (/tags/<name>/) of {length}; at most {MAX_NAME} "
                          "allowed", f"write the tag in fewer words, {TAG_EXAMPLE}")
            return None
        return text

    def json_schema(self) -> dict[str, Any]:
        return _described({"type": "string", "minLength": 1, "maxLength": MAX_TAG}, self.description)


@dataclass(frozen=True)
class ListOrMapping(Spec):
    """A list, or a mapping with known keys: which one the value is says which spec checks it."""

    items: ListOf
    mapping: Mapping
    description: str = ""

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        spec: Spec = self.mapping if isinstance(value, dict) else self.items
        return spec.check(value, at, checker)

    def json_schema(self) -> dict[str, Any]:
        return _described({"anyOf": [self.items.json_schema(), self.mapping.json_schema()]}, self.description)


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its spec and whether it must be present."""

    spec: Spec
    required: bool = False
    example: Any = None


@dataclass(frozen=True)
class Mapping(Spec):
    """A mapping with known keys, each with its own spec; other keys only when open.

    With a model (a frozen dataclass of model.py), a valid mapping is returned as that
    model, each key passed as the field of the same name (or as names renames it):
    a new key is the schema entry and the model's field, nothing in between.
    """

    keys: dict[str, Key]
    description: str = ""
    open: bool = False
    model: type | None = None
    names: dict[str, str] = field(default_factory=dict)  # key -> model field, where they differ

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        if not isinstance(value, dict):
            # Within a file (a source, a FAQ item): show the shape; a whole file's own message says enough.
            shape = ", ".join(f"{name}: ..." for name in list(self.keys)[:3])
            checker.error(at, f"must be a set of 'key: value' lines, not {_kind(value)}",
                          (f"write it as {{{shape}}}" if shape else "write a 'name: ...' line for each, indented "
                           "under it") if at else "")
            return None
        problems_before = len(checker.problems)
        clean: dict[str, Any] = {}
        for name, raw in value.items():
            name_text = as_written(name)
            if name_text not in self.keys:
                if self.open:
                    clean[name_text] = raw  # checked by whoever owns the open mapping
                else:
                    checker.error((*at, name_text), "unknown key", did_you_mean(name_text, self.keys))
                    checker.unknown.append((*at, name))
                continue
            if raw is not None:  # an empty 'key:' counts as absent
                clean[name_text] = self.keys[name_text].spec.check(raw, (*at, name_text), checker)
        for name, key in self.keys.items():
            if key.required and name not in value:
                # keyed by the missing name (for CI annotations), placed on its parent's line
                checker.error((*at, name), "is required but missing", f"add '{name}:'")
            elif key.required and value[name] is None:
                checker.error((*at, name), "is required but empty", f"write its value after '{name}:'")
        return self.modelled(clean, len(checker.problems) == problems_before)

    def modelled(self, clean: dict[str, Any], valid: bool) -> Any:
        """The clean values as the model when they are valid, else as they are (the file is refused anyway)."""
        if self.model is None or not valid:
            return clean
        return self.model(**{self.names.get(name, name): value for name, value in clean.items()})

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {name: k.spec.json_schema() if k.required else _nullable(k.spec.json_schema())
                           for name, k in self.keys.items()},
            "additionalProperties": self.open,
        }
        required = [name for name, k in self.keys.items() if k.required]
        if required:
            schema["required"] = required
        return _described(schema, self.description)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """Let an optional key be null: the validator reads an empty 'key:' as absent."""
    kind = schema.get("type")
    return {**schema, "type": [kind, "null"]} if isinstance(kind, str) else schema


def _described(schema: dict[str, Any], description: str) -> dict[str, Any]:
    if description:
        schema["description"] = description
    return schema


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    kinds = {bool: "true/false", int: "a number", float: as_written(value), str: f"the text '{value}'",
             list: "a list", dict: "a mapping"}
    return next((kind for base, kind in kinds.items() if isinstance(value, base)), type(value).__name__)


SLUG_HINT = "use lower-case letters, digits and single hyphens, e.g. klonopin-addiction"

DRUG = Mapping(
    {
        "name": Key(Text("Name the page is about, e.g. Klonopin"), required=True, example="Klonopin"),
        "generic": Key(Text("Generic (non-proprietary) name"), example="clonazepam"),
        "brand_names": Key(ListOf(Text(), "Brand names"), example=["Klonopin", "Rivotril"]),
        "drug_class": Key(Text("Drug class"), example="Benzodiazepine"),
        "schedule": Key(Text("Controlled-substance schedule, e.g. IV"), example="IV"),
    },
    "The drug this page is about",
    model=Drug,
)
IMAGE = Mapping(
    {
        "src": Key(ImageSource("Path under assets/, or an https:// URL"), required=True,
                   example="images/pills.svg"),
        "alt": Key(Text("Text that describes the image for screen readers"), required=True,
                   example="A pharmacist counting tablets"),
    },
    "Card and social image",
    model=Image,
)
FAQ = Mapping(
    {
        "q": Key(Text("The question"), required=True, example="How long does withdrawal last?"),
        "a": Key(Text("The answer, in Markdown"), required=True, example="Usually ..."),
    },
    model=Faq,
    names={"q": "question", "a": "answer"},
)
SOURCE = Mapping(
    {
        "title": Key(Text("Title of the cited work"), required=True, example="Benzodiazepines and opioids"),
        "publisher": Key(Text("Who published it"), example="National Institute on Drug Abuse"),
        "url": Key(Url("Where to read it"), example="https://nida.nih.gov/"),
        "year": Key(Int("Year of publication", minimum=1800, maximum=2100), example=2024),
        "lang": Key(LanguageTag("Language it is written in, when not the article's (BCP 47)"), example="en"),
    },
    model=Source,
)

ARTICLE = Mapping(
    {
        "title": Key(Text("Page title", max_len=120), required=True, example="Klonopin addiction"),
        "summary": Key(Text("One or two sentences for cards and search results", max_len=300),
                       required=True, example="What clonazepam dependence looks like and how it is treated."),
        "slug": Key(Text("URL name; default: the file name", max_len=MAX_NAME, pattern=SLUG, pattern_hint=SLUG_HINT,
                         length_hint=f"shorten the slug to at most {MAX_NAME} characters"),
                    example="klonopin-addiction"),
        "category": Key(Text("Category id from site.yaml"), required=True, example="benzodiazepines"),
        "drug": Key(DRUG, example={"name": "Klonopin", "generic": "clonazepam"}),
        "author": Key(Text("Author id (a file name in content/authors/ or content/reviewers/) or a team's name"),
                      example="Editorial team"),
        "reviewer": Key(Text("Reviewer id: a file name in content/reviewers/"), required=True,
                        example="dr-jane-doe"),
        "reviewed": Key(Date("Date of the last clinical review (YYYY-MM-DD)"), required=True,
                        example="2026-01-31"),
        "fact_checked": Key(Bool("The editor's fact-check flag; must be true to publish"), required=True,
                            example=True),
        "reading_time": Key(Int("Minutes; computed from the text when absent", minimum=1, maximum=240),
                            example=8),
        "related": Key(ListOf(Text(pattern=SLUG, pattern_hint=SLUG_HINT), "Slugs of related articles"),
                       example=["what-are-benzodiazepines"]),
        "faq": Key(ListOf(FAQ, "Questions and answers"), example=[{"q": "...", "a": "..."}]),
        "sources": Key(ListOf(SOURCE, "Numbered references"), example=[{"title": "...", "url": "https://..."}]),
        "image": Key(IMAGE, example={"src": "images/pills.svg", "alt": "..."}),
        "updated": Key(Date("Date of the last editorial change (YYYY-MM-DD)"), example="2026-01-20"),
        "tags": Key(ListOf(Tag(), "Topics; each has a page at /tags/<tag>/"), example=["withdrawal"]),
        "aliases": Key(ListOf(Text(), "Old URL paths that redirect here"), example=["/old/klonopin/"]),
        "draft": Key(Bool("true keeps it out of a normal build"), example=False),
    },
    "Frontmatter of a medpress article",
)

ARTICLE_DRAFT = Mapping(
    {name: Key(key.spec, required=key.required and name not in ("reviewer", "reviewed", "fact_checked"),
                example=key.example)
     for name, key in ARTICLE.keys.items()},
    ARTICLE.description,
)

PAGE = Mapping(
    {
        "title": ARTICLE.keys["title"],
        "summary": ARTICLE.keys["summary"],
        "slug": ARTICLE.keys["slug"],
        "draft": ARTICLE.keys["draft"],
    },
    "Frontmatter of a plain page",
)

REVIEWER = Mapping(
    {
        "name": Key(Text("Full name"), required=True, example="Dr Jane Doe"),
        "credentials": Key(Text("Qualifications, e.g. MD, psychiatrist"), required=True, example="MD"),
        "role": Key(Text("Role at the organisation")),
        "bio": Key(Text("A short biography")),
        "image": Key(IMAGE),
        "same_as": Key(ListOf(Url(), "Profile URLs")),
    },
    "A clinical reviewer",
)

AUTHOR = Mapping(
    {**REVIEWER.keys, "credentials": Key(Text("Qualifications, if any, e.g. MSc, pharmacist"), example="MSc")},
    "An author",
)

PERSON_TEXT = Mapping(
    {
        "credentials": Key(Text("Qualifications, in this language")),
        "role": Key(Text("Role at the organisation, in this language")),
        "bio": Key(Text("A short biography, in this language")),
    },
    "A reviewer's or author's text in another language",
)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of article frontmatter."""
    schema = ARTICLE.json_schema()
    # Draft-07, not 2020-12: Ajv's default class (used by remark-lint-frontmatter-schema, the one
    # tool that validates Markdown frontmatter in an editor) rejects a 2020-12 schema outright.
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "medpress article frontmatter"
    return schema


# A telephone number as a tel: link takes it: digits and the marks people write between them.
PHONE = Text("A telephone number, e.g. +44 20 7946 0000", max_len=40,
             pattern=re.compile(r"\+?[0-9][0-9 ().\-/]*[0-9]"),
             pattern_hint="write digits, spaces and + - ( ) only, e.g. +44 20 7946 0000")
