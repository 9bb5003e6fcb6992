"""The site's languages: their codes, and the site text in each (site.yaml languages and site_text).

The first language is the default: its text is site.yaml's own keys, and its pages
sit at the root. Every other language has a SiteConfig of its own, made here once,
with the keys site_text gives in that language and the default language's text for
the rest (each such key a warning, so a translator sees what is still English).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .errors import did_you_mean
from .langtags import canonical_tag, english_name
from .model import Category, NavItem, SiteConfig, TimelineStep, UrgentHelp
from .schema import PHONE, Checker, Key, ListOf, Mapping, Text, Url, language_tag

# What site_text.<lang> may give: the text a visitor reads, nothing that is not text.
CATEGORY_TEXT = Mapping(
    {
        "title": Key(Text("Category name in this language")),
        "help": Key(Text("How we can help, in this language")),
        "method": Key(ListOf(Text(), "The treatment method's pillars, in this language")),
        "timeline": Key(ListOf(Mapping({"when": Key(Text(), required=True), "step": Key(Text(), required=True)}),
                               "Treatment timeline, in this language")),
    }
)
LANGUAGE_TEXT = Mapping(
    {
        "title": Key(Text("Site name in this language")),
        "tagline": Key(Text("Header line in this language")),
        # Place names are mostly written alike in every language: a language without them is not warned.
        "organization": Key(Mapping({"description": Key(Text()), "locations": Key(ListOf(Text()))})),
        "urgent_help": Key(Mapping({"title": Key(Text(), required=True), "text": Key(Text(), required=True),
                                    "phone": Key(PHONE)})),
        "disclaimer": Key(Text()),
        "nav": Key(ListOf(Mapping({"title": Key(Text(), required=True),
                                   "url": Key(Url(relative_ok=True), required=True)}))),
        "categories": Key(Mapping({}, open=True)),
    }
)
def read_languages(clean: dict[str, Any], checker: Checker) -> tuple[tuple[str, ...], dict[str, int]]:
    """The site's language codes, default first: languages, else language, else English; and the line of
    site.yaml that names each."""
    listed = clean.get("languages")
    single = clean.get("language")
    if listed is not None and not listed:
        checker.error(("languages",), "lists no language", "list the site's languages, the default first, e.g. "
                      "[en, fr], or remove languages: (a site in one language may name it with language:)")
    lines: dict[str, int] = {}
    if not listed:
        tag = language_tag(str(single), ("language",), checker) if single else "en"
        line = checker.line(("language",)) if tag and single else None
        return (tag or "en",), ({tag: line} if tag and line is not None else {})
    tags: list[str] = []
    for index, raw in enumerate(listed):
        tag = language_tag(str(raw), ("languages", index), checker) if raw else None
        if tag is None:
            continue
        if tag.lower() in (t.lower() for t in tags):
            checker.error(("languages", index), f"'{raw}' is listed twice", "list each language once")
            continue
        tags.append(tag)
        line = checker.line(("languages", index))
        if line is not None:
            lines[tag] = line
    if single and tags and language_tag(str(single), ("language",), Checker(checker.path)) != tags[0]:
        checker.error(("language",), f"'{single}' is not the first of languages ({tags[0]}), the default language",
                      "remove language: (languages says it), or put it first in languages")
    return tuple(tags) or ("en",), lines


def language_configs(config: SiteConfig, raw: Any, checker: Checker) -> SiteConfig:
    """The config with one config of its own for each language after the first (site_text, or the default's)."""
    errors = sum(1 for problem in checker.problems if problem.severity == "error")
    texts = _texts(raw, config, checker)
    if sum(1 for problem in checker.problems if problem.severity == "error") > errors:
        return config  # a block with an error cannot be read; load_config reports the errors
    localized = tuple((tag, _localized(config, tag, texts.get(tag, {}), checker)) for tag in config.languages[1:])
    return replace(config, localized=localized)


def _texts(raw: Any, config: SiteConfig, checker: Checker) -> dict[str, dict[str, Any]]:
    """site_text checked: one block per language the site has (not the default), each key known."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        checker.error(("site_text",), "must be a set of 'language: text' blocks", "e.g. 'fr: {title: ...}'")
        return {}
    others = {tag.lower(): tag for tag in config.languages[1:]}
    texts = {}
    given: dict[str, str] = {}  # the key each language's block was given under
    for key, block in raw.items():
        at = ("site_text", str(key))
        tag = canonical_tag(str(key))
        if tag is not None and tag == config.languages[0]:
            checker.error(at, f"{tag} is the default language: its text is site.yaml's own keys",
                          f"move these keys to the top of site.yaml and remove site_text.{key}")
        elif tag is None or tag.lower() not in others:
            checker.error(at, f"'{key}' is not one of the site's languages ({', '.join(config.languages)})",
                          f"add {key} to languages, or remove site_text.{key}"
                          + (f"; {did_you_mean(str(key), others.values())}" if others else ""))
        elif others[tag.lower()] in given:
            checker.error(at, f"a second block for {english_name(tag)}: site_text.{given[others[tag.lower()]]} "
                          "gives its text already", f"merge the two blocks into site_text.{others[tag.lower()]}")
        else:
            given[others[tag.lower()]] = str(key)
            clean = LANGUAGE_TEXT.check(block, at, checker)
            if isinstance(clean, dict):
                texts[others[tag.lower()]] = clean
                _check_category_ids(clean.get("categories") or {}, at, config, checker)
    return texts


def _check_category_ids(raw: dict[str, Any], at: tuple[str, ...], config: SiteConfig, checker: Checker) -> None:
    known = [c.id for c in config.categories]
    for cat_id, block in raw.items():
        if cat_id not in known:
            checker.error((*at, "categories", str(cat_id)), f"no category '{cat_id}' in categories",
                          did_you_mean(str(cat_id), known))
        else:
            raw[cat_id] = CATEGORY_TEXT.check(block, (*at, "categories", str(cat_id)), checker) or {}


def _localized(config: SiteConfig, tag: str, text: dict[str, Any], checker: Checker) -> SiteConfig:
    """The config of one language: its own text where given, the default's (with a warning) elsewhere."""
    warned: set[str] = set()
    untranslated: set[str] = set()
    language, default = english_name(tag), english_name(config.languages[0])

    def given(key: str, default_present: bool) -> bool:
        if _dig(text, key) is not None:
            return True
        if not default_present:
            return False
        untranslated.add(key)
        # One warning for a language or a category left out whole, one per key otherwise.
        at: tuple[str, ...]
        if not text:
            key, at = "", ("languages",)
        else:
            if key.startswith("categories.") and _dig(text, key.rsplit(".", 1)[0]) is None:
                key = key.rsplit(".", 1)[0]
            at = ("site_text", tag, *key.split("."))
        if key not in warned:
            warned.add(key)
            checker.warn(at, f"no {language} text for {key or 'the site'}; the {default} is shown",
                         f"add site_text.{tag}.{key} to site.yaml" if key else
                         f"add site_text: {{{tag}: {{title: ..., tagline: ...}}}} to site.yaml")
        return False

    org = config.organization
    org = replace(org, locations=tuple(place for place in _dig(text, "organization.locations") or org.locations
                                       if place))
    urgent = text.get("urgent_help")
    fields: dict[str, Any] = {
        "language": tag, "localized": (),
        "title": text["title"] if given("title", True) else config.title,
        "tagline": text["tagline"] if given("tagline", bool(config.tagline)) else config.tagline,
        "organization": replace(org, description=_dig(text, "organization.description"))
        if given("organization.description", bool(org.description)) else org,
        "urgent_help": UrgentHelp(urgent["title"], urgent["text"], urgent.get("phone") or "")
        if given("urgent_help", config.urgent_help is not None) and urgent else config.urgent_help,
        "disclaimer": text["disclaimer"] if given("disclaimer", bool(config.disclaimer)) else config.disclaimer,
        "nav": tuple(NavItem(n["title"], n["url"]) for n in text["nav"] if n)
        if given("nav", bool(config.nav)) else config.nav,
        "categories": tuple(_category(c, tag, (text.get("categories") or {}).get(c.id) or {}, given)
                            for c in config.categories),
    }
    return replace(config, **fields, untranslated=tuple(sorted(untranslated)))  # sorted: digested by its repr


def _category(category: Category, tag: str, text: dict[str, Any], given: Any) -> Category:
    def own(key: str, present: bool) -> bool:
        return bool(given(f"categories.{category.id}.{key}", present)) if key not in text else True

    steps = tuple(TimelineStep(s["when"], s["step"]) for s in text.get("timeline") or ()
                  if s and "when" in s and "step" in s)  # a step missing either is reported
    return Category(
        category.id,
        text["title"] if own("title", True) else category.title,
        text["help"] if own("help", bool(category.help)) else category.help,
        tuple(text["method"]) if own("method", bool(category.method)) else category.method,
        steps if own("timeline", bool(category.timeline)) else category.timeline,
    )


def _dig(data: dict[str, Any], dotted_key: str) -> Any:
    value: Any = data
    for part in dotted_key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value

