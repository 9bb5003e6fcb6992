"""Interface text: the labels the layouts print, their plural forms and long dates, in a page's language.

The labels are gettext messages, English in the layouts (the source language). Each
other language's text comes from a catalogue in medpress/locales/ (`<lang>.po`), over
which a site's own `translations/<lang>.po` (an override, read as it is: nothing to
compile) wins message by message. Catalogues are parsed with Babel only when a page
in that language first asks for a label, so an English site without an override
parses none and imports no Babel; plural forms and dates come from Babel's CLDR data.
"""

from __future__ import annotations

import functools
import html
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup, escape

from .errors import Problem, SiteError, did_you_mean

BUILTIN_LOCALES = Path(__file__).parent / "locales"
TEMPLATE = "messages.pot"  # every message of the built-in layouts, as extracted
SOURCE_LANGUAGE = "en"
OVERRIDES = "translations"  # the site's folder of overrides, translations/<lang>.po
# The scripts in use today that are written right to left, by their ISO 15924 code: a tag that names its script
# ("ku-Arab", "ar-Latn") is written in that script's direction.
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa", "yezi"})

Forms = tuple[str, ...]
Plural = Callable[[int], int]
Label = TypeVar("Label", str, Markup)


def base_language(lang: str) -> str:
    """The language subtag of a BCP 47 tag: 'pt' for 'pt-BR'."""
    return lang.split("-", 1)[0].lower()


@functools.cache
def text_direction(lang: str) -> str:
    """'rtl' for a language written right to left (and its regional variants), else 'ltr': by the script the tag
    names, else by CLDR's character order for the language (ar, he, fa, ur, ps, yi, ckb, dv...)."""
    script = next((part for part in lang.split("-")[1:] if len(part) == 4 and part.isalpha()), "")
    if script:
        return "rtl" if script.lower() in RTL_SCRIPTS else "ltr"
    if base_language(lang) == SOURCE_LANGUAGE:
        return "ltr"  # known without Babel, which an English site never needs to import
    from babel import Locale, UnknownLocaleError

    try:
        order = Locale.parse(lang, sep="-").character_order
    except (UnknownLocaleError, ValueError):  # a language CLDR does not describe
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def formatted(label: Label, variables: Mapping[str, Any]) -> Label:
    """A label as it is printed: %-formatted with its placeholders' values, as Jinja's newstyle gettext does, so
    that "%%" is a percent sign in every label, whether it has placeholders or not."""
    return label % variables if variables or "%" in label else label


def english_plural(n: int) -> int:
    return 0 if n == 1 else 1


def english_long_date(value: date) -> str:
    """'2 June 2026': the form English pages have always had, as CLDR's en-GB writes it, without Babel."""
    return f"{value.day} {value:%B %Y}"


@dataclass(frozen=True, slots=True)
class Override:
    """A site's override of the interface text of one language, as read from its file."""

    path: str  # as the site names it: translations/fr.po
    lang: str
    text: str


class Labels:
    """The interface text of one language: its labels, their plural forms, and its long dates."""

    def __init__(self, lang: str, messages: Mapping[str, tuple[Forms, Plural]],
                 date_format: Callable[[date], str]) -> None:
        self.lang = lang
        self.messages = messages
        self.date_format = date_format
        self.dates: dict[date, str] = {}
        self.marked: dict[str, Markup] = {}  # by message
        self.marked_forms: dict[str, Markup] = {}  # by plural form
        # On a right-to-left page an English label (one this language does not word) is isolated, so that it
        # keeps its own order: "1 min read", not "min read 1".
        self.isolated = text_direction(lang) == "rtl"
        self.foreign = base_language(lang) != SOURCE_LANGUAGE  # an English label is marked as such (english_marked)

    def gettext(self, message: str, **variables: Any) -> str:
        """The label in this language (the English message when none is given), formatted with variables."""
        return formatted(self._worded(message) or message, variables)

    def shown(self, message: str, **variables: Any) -> str:
        """gettext's label as a page shows it: an English message's words marked as such (see english_marked)."""
        return formatted(self._worded(message) or self._english(message), variables)

    def _worded(self, message: str) -> str:
        """The message's (first) form in this language, or '' where it has none."""
        found = self.messages.get(message)
        return found[0][0] if found and found[0][0] else ""

    def markup(self, message: str) -> Markup:
        """The label as layouts print it, markup: the English message as the layouts write it, or the
        translation as text (as_markup)."""
        marked = self.marked.get(message)
        if marked is None:
            text = self._worded(message)
            marked = self.marked[message] = as_markup(text, message) if text else Markup(self._english(message))
        return marked

    def plural_markup(self, singular: str, plural: str, n: int) -> Markup:
        """The label's form for n as layouts print it (see markup)."""
        text, worded = self._form(singular, plural, n)
        if not worded:
            return Markup(self._english(text))
        marked = self.marked_forms.get(text)
        if marked is None:
            marked = self.marked_forms[text] = as_markup(text, singular)
        return marked

    def _english(self, text: str) -> str:
        if self.foreign:  # its words, not what is put into it (a date, a tag in the page's language) nor its tags
            text = "".join(f"{ENGLISH_OPENS}{part}{ENGLISH_CLOSES}" if i % 2 == 0 and any(map(str.isalpha, part))
                           else part for i, part in enumerate(NOT_WORDS.split(text)))
        return f"\u2068{text}\u2069" if self.isolated else text  # first strong isolate ... pop directional isolate

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The label's form for n in this language (CLDR plural rules); English's when none is given."""
        return self._form(singular, plural, n)[0]

    def _form(self, singular: str, plural: str, n: int) -> tuple[str, bool]:
        """The label's form for n, and whether this language words it (else it is English's)."""
        found = self.messages.get(singular)
        if found:
            forms, rule = found
            try:
                index = rule(n)
            except ArithmeticError:  # a site's rule, tried on SAMPLE_COUNTS only, may fail at another count
                index = -1
            if 0 <= index < len(forms) and forms[index]:
                return forms[index], True
        return (singular if n == 1 else plural), False

    def long_date(self, value: date | None) -> str:
        """A date written out as this language writes it: '2 June 2026', '2 juin 2026', '2. Juni 2026'."""
        if value is None:
            return ""
        written = self.dates.get(value)
        if written is None:
            written = self.dates[value] = self.date_format(value)
        return written


ENGLISH = Labels(SOURCE_LANGUAGE, {}, english_long_date)

# An English label on a page in another language is written between these two until the page is whole: then
# english_marked knows whether it is text, which it marks lang="en" (WCAG 3.1.2), or in a tag or an element
# that holds only text (<title>, <script>...), where nothing can mark it. Noncharacters: no valid page has them.
ENGLISH_OPENS, ENGLISH_CLOSES = "\ufdd0", "\ufdd1"
ENGLISH_LABEL = re.compile(f"{ENGLISH_OPENS}([^{ENGLISH_OPENS}{ENGLISH_CLOSES}]*){ENGLISH_CLOSES}")
TEXT_ONLY = re.compile(r"<(script|style|title|textarea|option)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def english_marked(page: str) -> str:
    """A page with its English labels (see ENGLISH_OPENS) marked lang="en" where they are text, and plain where
    nothing can mark them; what is left of one cut short (a layout's |truncate) taken out."""
    if ENGLISH_OPENS not in page and ENGLISH_CLOSES not in page:
        return page
    text_only = [match.span() for match in TEXT_ONLY.finditer(page)]

    def marked(label: re.Match[str]) -> str:
        at = label.start()
        in_a_tag = page.rfind("<", 0, at) > page.rfind(">", 0, at)
        if in_a_tag or any(start < at < end for start, end in text_only):
            return label.group(1)
        return f'<span lang="{SOURCE_LANGUAGE}">{label.group(1)}</span>'

    return ENGLISH_LABEL.sub(marked, page).replace(ENGLISH_OPENS, "").replace(ENGLISH_CLOSES, "")


# A tag, as a message and a translation may hold one: <a href="%(url)s">, </a>.
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
TAGS_AND_TEXT = re.compile(f"({TAG.pattern})")
NOT_WORDS = re.compile(rf"(\s*(?:{TAG.pattern}|%\(\w+\)[a-zA-Z])\s*)")  # in a label: its tags and placeholders


def as_markup(text: str, message: str) -> Markup:
    """A translation as pages print it: text, escaped (a catalogue's &amp; is read as &), but for the tags of its
    message copied as they are, so that a label with a link keeps it and a translation cannot add markup."""
    if "<" not in message:
        return escape(text)
    tags = set(TAG.findall(message))
    return Markup("").join(Markup(part) if part in tags else part for part in TAGS_AND_TEXT.split(text))


class Interface:
    """A site's interface text in each language its pages use, made as pages first ask for a language."""

    def __init__(self, default: str, overrides: Sequence[Override] = ()) -> None:
        self.default = default
        self.overrides = {override.lang.lower(): override for override in overrides}  # tags match in any case
        self.made: dict[str, Labels] = {}
        self.digests = LabelDigests(self)

    def labels(self, lang: str) -> Labels:
        made = self.made.get(lang)
        if made is None:
            made = self.made[lang] = self._make(lang)
        return made

    def layers(self, lang: str) -> list[Override]:
        """The site's overrides that apply to lang, the most general first ('fr', then 'fr-CA')."""
        tags = dict.fromkeys((base_language(lang), lang.lower()))
        return [self.overrides[tag] for tag in tags if tag in self.overrides]

    def problems(self, languages: Sequence[str], known: set[str],
                 lines: Mapping[str, int] | None = None) -> list[Problem]:
        """What is wrong in the site's overrides: a file for no language of the site, bad syntax,
        a translation that drops a placeholder, a message no layout prints (known: the site's own layouts';
        lines: the line in site.yaml that names each language)."""
        key = "languages" if len(languages) > 1 else "language"
        lines = lines or {}
        problems = [untranslated(lang, key, lines.get(lang)) for lang in languages
                    if base_language(lang) != SOURCE_LANGUAGE and not builtin_catalogues(lang)
                    and not self.layers(lang)]
        if not self.overrides:
            return problems
        wanted = template_messages()
        messages = wanted | known
        tags = {tag for lang in languages for tag in (lang.lower(), base_language(lang))}
        read: dict[str, Any] = {}  # each override's catalogue, by its path, once parsed
        for override in self.overrides.values():
            if not override.path.endswith(".po") or override.lang.lower() not in tags:
                problems.append(Problem(f"not an override of a language of this site ({', '.join(languages)})",
                                        override.path, hint=f"name it {OVERRIDES}/<language>.po, e.g. "
                                        f"{OVERRIDES}/{languages[0]}.po, for site.yaml's language"))
                continue
            try:
                catalog = read[override.path] = read_catalogue(override.text, override.lang, override.path)
            except SiteError as error:
                problems.append(error.problem)
                continue
            problems += (unknown_messages(catalog, override.path, messages) + format_problems(catalog, override.path)
                         + repeated_problems(catalog, override.path) + fuzzy_problems(catalog, override.path))
        return problems + [problem for lang in languages
                           if base_language(lang) != SOURCE_LANGUAGE and not builtin_catalogues(lang)
                           and (problem := self._partly_translated(lang, read, wanted))]

    def _partly_translated(self, lang: str, read: dict[str, Any], wanted: set[str]) -> Problem | None:
        """A warning when the only interface text of a language is a site's override that leaves labels out
        (read: the overrides' catalogues as parsed; one that failed has its own error)."""
        layers = self.layers(lang)
        if not layers or any(layer.path not in read for layer in layers):
            return None
        given: dict[str, tuple[Forms, Plural]] = {}
        for layer in layers:
            merge(given, read[layer.path])
        missing = sorted(wanted - set(given))
        if not missing:
            return None
        return Problem(f"medpress has no interface text in '{lang}', and this file words {len(wanted) - len(missing)}"
                       f" of its {len(wanted)} labels: the others show in English", layers[-1].path,
                       hint=f"add the others, e.g. msgid \"{missing[0]}\"; medpress/locales/messages.pot lists them"
                       " all, and medpress/locales/fr.po is a complete example", severity="warning")

    def _make(self, lang: str) -> Labels:
        layers = self.layers(lang)
        if base_language(lang) == SOURCE_LANGUAGE and not layers and lang == SOURCE_LANGUAGE:
            return ENGLISH
        messages: dict[str, tuple[Forms, Plural]] = {}
        for path, text in builtin_catalogues(lang) + [(layer.path, layer.text) for layer in layers]:
            merge(messages, read_catalogue(text, lang, path), lang)
        return Labels(lang, messages, english_long_date if lang == SOURCE_LANGUAGE else cldr_date_format(lang))


class LabelDigests(Mapping[str, str]):
    """For each language, a digest of the site's overrides that apply to it: a fact pages read (reads.py)."""

    def __init__(self, interface: Interface) -> None:
        self.interface = interface

    def __getitem__(self, lang: str) -> str:
        return "|".join(f"{layer.path}:{hash_text(layer.text)}" for layer in self.interface.layers(lang))

    def __iter__(self) -> Iterator[str]:
        return iter(self.interface.overrides)

    def __len__(self) -> int:
        return len(self.interface.overrides)


def untranslated(lang: str, key: str = "language", line: int | None = None) -> Problem:
    return Problem(f"medpress has no interface text in '{lang}': its labels show in English", "site.yaml", line,
                   key, f"word them in {OVERRIDES}/{lang}.po; medpress/locales/fr.po is a complete example",
                   severity="warning")


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def builtin_catalogues(lang: str) -> list[tuple[str, str]]:
    """The built-in catalogues for lang, the most general first: fr.po for fr-CA, then fr-CA.po if there is one."""
    found = []
    for tag in dict.fromkeys((base_language(lang), lang)):
        path = BUILTIN_LOCALES / f"{tag}.po"
        if tag != SOURCE_LANGUAGE and path.is_file():
            found.append((f"(built-in) locales/{tag}.po", path.read_text("utf-8")))
    return found


# A line of a catalogue: blank, a comment, a keyword and its text, or more of the text; each text in double quotes.
PO_LINE = re.compile(r'\s*(?:#.*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*")?\s*')


def read_catalogue(text: str, lang: str, path: str) -> Any:
    """Parse a gettext catalogue (Babel's Catalog), raising SiteError with the line of a syntax error, or of a
    header Babel cannot read or a plural rule that does not count."""
    from babel.core import Locale, UnknownLocaleError
    from babel.messages.pofile import PoFileError, PoFileParser

    # Babel takes a line's first and last characters for its quotes, whatever they are: msgstr Vérifié
    # would be published as "érifi".
    for number, line in enumerate(text.split("\n"), 1):  # Babel's lines: not at U+2028 or a form feed
        if not PO_LINE.fullmatch(line):
            raise SiteError("not a gettext catalogue: this line is not a keyword and a text in double quotes", path,
                            number, hint='write each label as msgid "English text" then msgstr "translation", each '
                            'text in double quotes; a quote inside one is written \\"')
    text = UNUSED_DATES.sub('""', text)  # a line kept, empty: the messages' lines stay where they were
    try:
        locale: Locale | None = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = None
    catalog = noting_catalogue()(locale=locale)
    try:
        PoFileParser(catalog, abort_invalid=True).parse(io.StringIO(text))  # as read_po, into that catalogue
    except PoFileError as error:
        reason = re.sub(r" on \d+$", "", str(error))  # Babel's line, counted from 0: the 1-based one is given
        raise SiteError(f"not a gettext catalogue: {reason}", path, error.lineno + 1,
                        hint='write each label as msgid "English text" then msgstr "translation"') from None
    except ValueError as error:  # a header field Babel reads as a number or a date: nplurals=abc
        raise SiteError(f"the header cannot be read: {error}", path,
                        header_line(text, "Plural-Forms") or header_line(text), "msgid \"\"",
                        "write it as medpress/locales/fr.po does, a Plural-Forms header with a number of forms: "
                        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"; or leave it out') from None
    wrong = plural_forms_problem(catalog)
    if wrong:
        raise SiteError(wrong, path, header_line(text, "Plural-Forms"), "Plural-Forms", PLURAL_FORMS_HINT)
    return catalog


@functools.cache
def noting_catalogue() -> type:
    """Babel's Catalog, noting each message whose msgid it holds already: Babel keeps the first one's text (and
    gives it the second one's flags) without a word, where msgfmt refuses the file."""
    from babel.messages.catalog import Catalog

    class NotingCatalogue(Catalog):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.repeated: list[tuple[Any, int | None]] = []  # each message met again, and the line of the first

        def __setitem__(self, id: Any, message: Any) -> None:
            first = self.get(id, message.context) if id else None
            if first is not None:
                self.repeated.append((message, first.lineno))
            super().__setitem__(id, message)

    return NotingCatalogue


def repeated_problems(catalog: Any, path: str) -> list[Problem]:
    """A label a catalogue (read_catalogue's) words twice: editing the second changes nothing."""
    return [Problem(f"this label is worded a second time here (first at line {first}), and only the first is used",
                    path, message.lineno, ids_of(message)[0], "keep one of the two; msgfmt refuses a file with both")
            for message, first in catalog.repeated]


def fuzzy_problems(catalog: Any, path: str) -> list[Problem]:
    """Labels marked fuzzy, which pages leave in English: a guess that msgmerge or an editor marked to check."""
    return [Problem("this label is marked fuzzy, so pages show it in English", path, message.lineno,
                    ids_of(message)[0], "check the translation, then delete the '#, fuzzy' line above it",
                    severity="warning")
            for message in catalog if message.id and message.fuzzy]


# The header's dates, which no page shows: Babel reads them, and refuses a form it does not know (seconds, a "T").
UNUSED_DATES = re.compile(r'^[ \t]*"(?:POT-Creation-Date|PO-Revision-Date):[^"\n]*"[ \t]*$',
                          re.MULTILINE | re.IGNORECASE)


PLURAL_FORMS_HINT = ('write a Plural-Forms header as in medpress/locales/fr.po, e.g. '
                     '"Plural-Forms: nplurals=2; plural=(n != 1);\\n", or leave it out for CLDR\'s')


def header_line(text: str, field: str = "") -> int | None:
    """The line of a header field ('Plural-Forms'), or of the header (its msgid "") without one."""
    start = f'"{field.lower()}:' if field else 'msgid ""'
    return next((number for number, line in enumerate(text.split("\n"), 1)
                 if line.strip().lower().startswith(start)), None)


def plural_forms_problem(catalog: Any) -> str | None:
    """What is wrong with a catalogue's plural rule, if anything: it fails, or gives a form the catalogue does not
    count, for one of SAMPLE_COUNTS."""
    import gettext

    try:
        rule = gettext.c2py(catalog.plural_expr)
        for n in SAMPLE_COUNTS:
            if not 0 <= rule(n) < catalog.num_plurals:
                return f"the plural rule gives form {rule(n)} for {n}, of {catalog.num_plurals} forms (0 to " \
                       f"{catalog.num_plurals - 1})"
    except (ValueError, ArithmeticError) as error:  # c2py's words for what it cannot read; n/0
        return f"the plural rule cannot be used: {error}"
    return None


# The counts on which two plural rules are compared: enough for every rule of CLDR to show its forms.
SAMPLE_COUNTS = (*range(0, 202), 1_000, 1_000_000, 2_000_000)


def plural_rule(catalog: Any, lang: str) -> Plural:
    """The catalogue's plural rule, or the page language's own where the catalogue counts its forms as CLDR
    does for their language: pt.po's forms serve pt-PT, where 0 takes the plural ("0 artigos"), unlike in
    CLDR's pt, which is Brazil's. A catalogue in another order (GNU's Latvian) keeps its own rule."""
    import gettext

    written: Plural = gettext.c2py(catalog.plural_expr)
    own, base = (cldr_plural(lang), cldr_plural(base_language(lang))) if lang else (None, None)
    if own is None or base is None or own[0] != catalog.num_plurals or base[0] != catalog.num_plurals:
        return written
    return own[1] if all(written(n) == base[1](n) for n in SAMPLE_COUNTS) else written


def cldr_plural(lang: str) -> tuple[int, Plural] | None:
    """A language's plural rule as CLDR gives it, and its number of forms, in the order gettext counts them."""
    from babel.core import Locale, UnknownLocaleError

    try:
        rule = Locale.parse(lang.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):
        return None
    tags: list[str] = [tag for tag in ("zero", "one", "two", "few", "many", "other")
                       if tag in rule.tags or tag == "other"]
    return len(tags), lambda n: tags.index(rule(n))


def ids_of(message: Any) -> tuple[str, ...]:
    """A catalogue message's msgid, and its msgid_plural if it has one, as the layouts write them: the first is the
    label's key. An & written as the page shows it is the layouts' &amp;."""
    ids = tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)
    return tuple(BARE_AMPERSAND.sub("&amp;", written) for written in ids) if any("&" in i for i in ids) else ids


BARE_AMPERSAND = re.compile(r"&(?!#?\w+;)")  # one that starts no character reference (&amp; &#233;)


def forms_of(message: Any) -> Forms:
    """A catalogue message's translation: its one msgstr, or each plural form's."""
    return tuple(message.string) if isinstance(message.string, tuple | list) else (message.string,)


def merge(messages: dict[str, tuple[Forms, Plural]], catalog: Any, lang: str = "") -> None:
    """Put the translated messages of a catalogue over those already there (fuzzy ones are not translations)."""
    rule = plural_rule(catalog, lang)
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        forms = tuple(map(html.unescape, forms_of(message)))
        if any(forms):
            key = ids_of(message)[0]
            messages[key] = (forms, rule)


def unknown_messages(catalog: Any, path: str, known: set[str]) -> list[Problem]:
    """An override's messages that no layout prints: a typo would otherwise change nothing, silently."""
    problems = []
    for message in catalog:
        key = ids_of(message)[0]
        if not key or key in known:
            continue
        hint = did_you_mean(key, known, "copy the msgid exactly from medpress/locales/messages.pot or from a "
                            "layout's _(...)")
        problems.append(Problem("no layout prints this label", path, message.lineno, key, hint))
    return problems


def format_problems(catalog: Any, path: str) -> list[Problem]:
    """Translations that pages could not print as their message: placeholders (%(name)s) not the message's, or
    dropped; markup; a search filter's name with Pagefind's syntax in it."""
    problems = []
    for message, errors in catalog.check():
        if message.fuzzy:  # not a translation (merge leaves it out): msgmerge leaves such guesses behind
            continue
        key = ids_of(message)[0]
        problems += [Problem(f"the translation does not fit the message: {error}", path, message.lineno, key,
                             "keep every %(name)s of the msgid, as it is, in the msgstr") for error in errors]
    for message in catalog:
        key = ids_of(message)[0]
        wrong = translation_problem(message) if key and not message.fuzzy else None
        wrong = wrong or (missing_forms_problem(message, catalog) if key and not message.fuzzy else None)
        if wrong and not any(p.line == message.lineno for p in problems):
            problems.append(Problem(wrong[0], path, message.lineno, key, wrong[1]))
    return problems


def missing_forms_problem(message: Any, catalog: Any) -> tuple[str, str] | None:
    """A label that words some of its plural forms but not all the file's rule counts (Babel gives the missing
    ones as empty): on the counts that take them, a page would show it in English. Most often a file written
    for two forms without a Plural-Forms header, where CLDR's rule counts three."""
    import gettext

    forms = forms_of(message)
    if not message.pluralizable or all(forms) or not any(forms):
        return None
    rule = gettext.c2py(catalog.plural_expr)
    missing = [index for index, form in enumerate(forms) if not form]
    counts = [str(n) for n in SAMPLE_COUNTS if rule(n) in missing][:3]
    return (f"msgstr[{missing[0]}] is missing: this file's plural rule counts {catalog.num_plurals} forms, and "
            f"counts such as {', '.join(counts)} would show this label in English",
            f"add {', '.join(f'msgstr[{index}]' for index in missing)}; or, if the file counts its forms "
            f'another way, give it that Plural-Forms header, such as "Plural-Forms: nplurals=2; plural='
            f'{TWO_FORMS.get(getattr(catalog.locale, "language", ""), "(n != 1)")};\\n" for two forms')


TWO_FORMS = {"fr": "(n > 1)", "pt": "(n > 1)"}  # gettext's rule of two forms where 0 takes the singular; else n != 1


# A % in a translation: %% (a percent sign), a placeholder (%(date)s), or one Python's % would read otherwise.
PERCENT = re.compile(r"%(?:%|\(\w+\)[a-zA-Z])?")
FORMAT_SPEC = re.compile(r"%(?:\([^)]*\)?)?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?[a-zA-Z%]?")
# The labels article.html gives Pagefind as filter names: in data-pagefind-filter, Pagefind reads a comma, a colon
# or brackets in them as its own syntax (more names, a value, an attribute).
FILTER_LABELS = frozenset({"drug", "category", "tag"})
FILTER_SYNTAX = re.compile(r"[,:\[\]]")


def translation_problem(message: Any) -> tuple[str, str] | None:
    """What is wrong with a message's translation, and the hint; None when nothing is."""
    ids, forms = ids_of(message), forms_of(message)
    placeholders = {found for text in ids for found in PERCENT.findall(text)} - {"%%"}
    for form in filter(None, forms):
        wrong = placeholder_problem(form, placeholders) or markup_problem(form, ids)
        if wrong:
            return wrong
        if ids[0] in FILTER_LABELS and FILTER_SYNTAX.search(form):
            return ("a search filter's name cannot hold a comma, a colon or brackets",
                    "Pagefind would read them as more filters, or a value: word the name without them")
    dropped = sorted(placeholders - set(PERCENT.findall(forms[0]))) if len(ids) == 1 and forms[0] else []
    if dropped:  # a plural form may leave out the number ("one minute"); a message has one form
        return (f"the translation leaves out {', '.join(dropped)}",
                "keep every %(name)s of the msgid, as it is, in the msgstr")
    return None


def placeholder_problem(form: str, placeholders: set[str]) -> tuple[str, str] | None:
    """A % of a translation that is neither %% nor one of its message's placeholders, written as the message
    writes it: a width or a flag (%(num)020000000d) would make the page as long as it asks."""
    for found in PERCENT.finditer(form):
        if found.group() != "%%" and found.group() not in placeholders:
            spec = FORMAT_SPEC.match(form, found.start())
            shown = spec.group() if spec else "%"
            hint = (f"use only the placeholders of the msgid, as it writes them: {', '.join(sorted(placeholders))}; "
                    if placeholders else "the msgid has no placeholders: ")
            return (f"the translation has {shown!r}, which is not a placeholder of the msgid",
                    hint + "write %% for a literal percent sign")
    return None


def markup_problem(form: str, ids: Sequence[str]) -> tuple[str, str] | None:
    """A tag in a translation that its message does not have: pages print a translation as text (as_markup), so a
    translator's <b> would show as it is written."""
    tags = list(dict.fromkeys(tag for text in ids for tag in TAG.findall(text)))
    added = [tag for tag in TAG.findall(form) if tag not in tags]
    if not added:
        return None
    kept = f"; the msgid's own tags may be kept as it writes them: {' '.join(tags)}" if tags else ""
    return (f"the translation holds markup, {added[0]}, which pages show as text",
            f"a label is text: write it without tags{kept}")


def template_messages() -> set[str]:
    """Every message the built-in layouts and pages print."""
    from babel.messages.pofile import read_po

    with open(BUILTIN_LOCALES / TEMPLATE, encoding="utf-8") as template:
        catalog = read_po(template)
    return {ids_of(message)[0] for message in catalog if message.id}


def cldr_date_format(lang: str) -> Callable[[date], str]:
    """Long dates as CLDR writes them in lang (Babel's data, shipped in its wheel)."""
    from babel.core import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        locale = Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            locale = Locale.parse(base_language(lang))
        except (UnknownLocaleError, ValueError):
            return english_long_date

    def long_date(value: date) -> str:
        written: str = format_date(value, "long", locale=locale)
        if locale.language == "fr" and value.day == 1 and written.startswith("1 "):
            return "1er" + written[1:]  # French writes the first of the month as an ordinal: "1er décembre 2026"
        return written

    return long_date
