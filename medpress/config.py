"""Read and validate site.yaml into a SiteConfig."""

from __future__ import annotations

import copy
import ipaddress
import re
import shlex
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

import idna

from .brand import colour_problem
from .content import SITE_SHOWN, site_text_findings
from .errors import BuildFailed, ConfigError, Problem, SiteError, did_you_mean
from .languages import language_configs, read_languages
from .model import (
    MAX_POLICY_DAYS,
    Badge,
    Brand,
    Category,
    NavItem,
    Organization,
    ReviewPolicy,
    SiteConfig,
    TimelineStep,
    UrgentHelp,
)
from .quality import policy_of
from .schema import ID, PHONE, Checker, Int, Key, ListOf, ListOrMapping, Mapping, Number, SlugOrUrl, Text, Url
from .urls import MAX_NAME
from .yamlfile import KeyPath, Span, parse_yaml

CONFIG_FILE = "site.yaml"
QUALITY = re.compile("standard|strict")
MAX_CONFIG_BYTES = 1_000_000
# base_url's path is written into every internal link, so it holds only characters no URL or
# attribute needs to escape.
BASE_PATH = re.compile(r"(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?")
BASE_PATH_CHARACTERS = "letters, digits, '-', '_', '.' and '~' between single slashes"


HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _address_problem(parts: SplitResult) -> str:
    """What makes a base URL's host part unfit to publish in every page, or ''."""
    if "@" in parts.netloc:
        return "carries a user name or password, which every page, the sitemap and the feed would publish"
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 and ":" in parts.netloc.rsplit("]", 1)[-1]:
        return "has a port that is not a number from 1 to 65535"
    host = parts.hostname or ""
    host = host[:-1] if host.endswith(".") else host  # one final dot: the DNS root ("clinic.example.")
    try:
        ipaddress.ip_address(host)
        return ""
    except ValueError:
        pass
    # IDNA 2008 for a name beyond ASCII only: it refuses ASCII labels DNS takes ("r3---sn-abc", "ab--c").
    labels = (host if host.isascii() else ascii_host(host) or "").split(".")
    if not all(HOST_LABEL.fullmatch(label) for label in labels):
        return f"has a host name '{parts.hostname}' that is not valid"
    return ""


def ascii_host(host: str) -> str | None:
    """A host name as DNS and every URL we publish write it (IDNA 2008: 'straße.de' is xn--strae-oqa.de, not the
    stdlib codec's strasse.de, another domain); None if it is no valid host name."""
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


@dataclass(frozen=True)
class BaseUrl(Url):
    """The site's public address: an http(s) URL, whose path (if any) the site is served under."""

    whitespace_hint: str = (f"write the address on one line with no space in it, its path in {BASE_PATH_CHARACTERS}, "
                            "e.g. https://clinic.example/my-resources/")

    def check(self, value: Any, at: KeyPath, checker: Checker) -> Any:
        text = super().check(value, at, checker)
        if text is None:
            return None
        parts = urlsplit(text)
        fixed = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))
        if "?" in text or "#" in text:
            query = "?" in text.split("#", 1)[0]
            part = f"a query ('?{parts.query}')" if query else f"a fragment ('#{parts.fragment}')"
            checker.error(at, f"'{text}' has {part}; the address a site is served at cannot carry one",
                          f"write it as {fixed}")
            return None
        wrong = _address_problem(parts)
        if wrong:
            checker.error(at, f"'{text}' {wrong}", "write it as https://<host>/ or https://<host>/<path>/, "
                          "e.g. https://clinic.example/resources/")
            return None
        if not BASE_PATH.fullmatch(parts.path):
            checker.error(at, f"the path '{parts.path}' of '{text}' cannot be written into the site's links",
                          f"use {BASE_PATH_CHARACTERS}, e.g. https://clinic.example/resources/")
            return None
        if not parts.netloc.isascii():  # the sitemap, the feed and robots.txt take ASCII addresses only
            netloc = f"{ascii_host(parts.hostname or '')}{f':{parts.port}' if parts.port else ''}"
            return urlunsplit((parts.scheme.lower(), netloc, parts.path, "", ""))
        # A host is one whatever its case, and written in lower case in every address published.
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, "", ""))


BADGE = Mapping(
    {
        "name": Key(Text("Name shown and used as the logo's alt text"), required=True),
        "logo": Key(Text("Logo path under assets/")),
        "url": Key(Url("Link to the organisation")),
    }
)
CATEGORY = Mapping(
    {
        "title": Key(Text("Category name, e.g. Benzodiazepines"), required=True),
        "help": Key(Text("How we can help: a short paragraph")),
        "method": Key(ListOf(Text(), "The treatment method's pillars")),
        "timeline": Key(
            ListOf(
                Mapping({"when": Key(Text(), required=True), "step": Key(Text(), required=True)}),
                "Treatment timeline",
            )
        ),
    }
)
SITE = Mapping(
    {
        "title": Key(Text("Site name"), required=True),
        "tagline": Key(Text("Header line, e.g. the clinic's locations")),
        "base_url": Key(BaseUrl("Public address of the site, e.g. https://clinic.example or "
                                 "https://clinic.example/resources/"), required=True),
        "language": Key(Text("Language code of a one-language site, e.g. en")),
        "languages": Key(ListOf(Text(), "Language codes (BCP 47), the default first, e.g. [en, fr]")),
        "site_text": Key(Mapping({}, open=True)),  # languages.py checks each language's block
        "organization": Key(
            Mapping(
                {
                    "name": Key(Text(), required=True),
                    "description": Key(Text()),
                    "phone": Key(PHONE),
                    "admission_url": Key(Url(relative_ok=True)),
                    "locations": Key(ListOf(Text())),
                }
            ),
            required=True,
        ),
        "review_policy": Key(
            Mapping(
                {
                    "max_age_days": Key(Int(minimum=1, maximum=MAX_POLICY_DAYS)),
                    "warn_within_days": Key(Int(minimum=0, maximum=MAX_POLICY_DAYS)),
                    "min_sources": Key(Int(minimum=0)),
                    "translation_grace_days": Key(Int(minimum=0, maximum=MAX_POLICY_DAYS)),
                    "max_reading_grade": Key(Number(minimum=1, maximum=20)),
                    # A list adds phrases to medpress's; {only: [...]} replaces medpress's list.
                    "claims": Key(ListOrMapping(ListOf(Text()), Mapping({"only": Key(ListOf(Text()), required=True)}),
                                                "Risky claim phrases")),
                    "quality": Key(Text("standard, or strict: every quality rule an error", pattern=QUALITY,
                                        pattern_hint="write standard or strict")),
                }
            )
        ),
        "categories": Key(Mapping({}, open=True), required=True),
        "accreditations": Key(ListOf(BADGE)),
        "media": Key(ListOf(BADGE)),
        "nav": Key(ListOf(Mapping({"title": Key(Text(), required=True),
                                   "url": Key(Url(relative_ok=True), required=True)}))),
        "urgent_help": Key(
            Mapping({"title": Key(Text(), required=True), "text": Key(Text(), required=True),
                     "phone": Key(PHONE)})
        ),
        "disclaimer": Key(Text()),
        "editorial_policy": Key(SlugOrUrl("The footer's link: a page's slug, a path of this site or an https:// "
                                          "address")),
        "words_per_minute": Key(Int(minimum=50, maximum=1000)),
        "feed_entries": Key(Int(minimum=1)),
        "per_page": Key(Int(minimum=1)),
        "markdown": Key(Mapping({"engine": Key(Text("gfm (the default) or python-markdown")),
                                 "extensions": Key(ListOf(Text(), "Python-Markdown extension names"))})),
        "brand": Key(
            Mapping(
                {
                    "logo": Key(Text("Header logo: a path under assets/")),
                    "favicon": Key(Text("Browser icon: a path under assets/")),
                    "colour": Key(Text("Brand colour, #rrggbb")),
                }
            )
        ),
    }
)
ENGINES = ("gfm", "python-markdown")


def load_config(site_dir: Path, base_url: str | None = None, typos_noted: bool = False) -> SiteConfig:
    """Read site.yaml in site_dir; raise BuildFailed listing every problem.

    base_url, when given (already checked with check_base_url), replaces site.yaml's. With
    typos_noted, a site.yaml whose only errors are unknown keys is read without them, and the
    errors are in its notes: a build (or check) then lists them with the content's problems.
    """
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        raise BuildFailed([not_a_site(site_dir)])
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ConfigError(f"file is {size / 1e6:.1f} MB; the limit is {MAX_CONFIG_BYTES / 1e6:.0f} MB",
                              CONFIG_FILE, hint="site.yaml holds settings; long text belongs in content/pages/")
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        spans: dict[KeyPath, Span] = {}
        data, lines = parse_yaml(text, CONFIG_FILE, spans=spans, spanned=SITE_SHOWN)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BuildFailed([Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})", CONFIG_FILE, line,
                                   hint="save the file as UTF-8")]) from None
    except OSError as exc:
        raise BuildFailed([Problem(f"cannot be read: {exc.strerror or exc}", CONFIG_FILE,
                                   hint="check that the file is readable")]) from None
    except SiteError as exc:
        raise BuildFailed([exc.problem]) from None
    checker, clean, categories, brand, (languages, language_lines) = _checked(data, lines)
    typos: list[Problem] = []
    if typos_noted and checker.problems and len(checker.problems) == len(checker.unknown):
        typos = checker.problems
        checker, clean, categories, brand, (languages, language_lines) = _checked(
            _without(data, checker.unknown), lines)
    if checker.problems or clean is None:
        raise BuildFailed(typos + checker.problems)
    if base_url is not None:
        clean["base_url"] = base_url
    config = _config(site_dir.resolve(), clean, categories, brand, languages, checker)
    config = replace(config, language_lines=language_lines)
    config = language_configs(config, clean.get("site_text"), checker)
    if any(problem.severity == "error" for problem in checker.problems):
        raise BuildFailed(typos + checker.problems)
    findings = site_text_findings(clean, checker, (text, spans), policy_of(config), CONFIG_FILE)
    return replace(config, notes=tuple(typos + checker.problems), findings=findings)


def _checked(data: Any, lines: dict[KeyPath, int]) -> tuple[Checker, dict[str, Any] | None, tuple[Category, ...],
                                                           Brand, tuple[tuple[str, ...], dict[str, int]]]:
    """site.yaml's data checked: its checker, clean values, categories, brand and languages (and their lines)."""
    checker = Checker(CONFIG_FILE, lines, fallback_line=1)
    clean = SITE.check(data, (), checker)
    categories = _categories(clean.get("categories") if clean else None, checker)
    _check_markdown(clean.get("markdown") if clean else None, checker)
    brand = _brand(data.get("brand") if isinstance(data, dict) else None, clean, checker)
    return checker, clean, categories, brand, read_languages(clean or {}, checker)


def _without(data: Any, paths: list[KeyPath]) -> Any:
    """A copy of YAML data without the keys at paths."""
    data = copy.deepcopy(data)
    for path in paths:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    return data


def not_a_site(site_dir: Path) -> Problem:
    """Return the problem of a folder that has no site.yaml."""
    # init starts a site in the current folder unless told another: the hint names the folder meant.
    folder = "" if site_dir.resolve() == Path.cwd().resolve() else f" {shlex.quote(str(site_dir))}"
    return Problem(f"no {CONFIG_FILE} in {site_dir}: this is not a medpress site folder", CONFIG_FILE,
                   hint=f"start one with `medpress init{folder}`")


def check_base_url(value: str) -> str:
    """Return value if it is a base_url site.yaml would accept; raise ValueError saying why not."""
    checker = Checker("--base-url")
    clean = SITE.keys["base_url"].spec.check(value, ("base_url",), checker)
    if clean is None:
        problem = checker.problems[0]
        raise ValueError(f"{problem.message} ({problem.hint})")
    return str(clean)


def _categories(raw: dict[str, Any] | None, checker: Checker) -> tuple[Category, ...]:
    if raw is None:
        return ()
    if not raw:
        checker.error(("categories",), "needs at least one category", "add e.g. 'opioids: {title: Opioids}'")
    found = []
    for cat_id, value in raw.items():
        at = ("categories", cat_id)
        if not ID.fullmatch(str(cat_id)):  # fullmatch: "$" would let a trailing newline through
            checker.error(at, f"category id '{cat_id}' is not valid",
                          "use lower-case letters, digits and hyphens")
            continue
        if len(cat_id) > MAX_NAME:  # the name of its folder, /insights/<id>/
            checker.error(at, f"category id is {len(cat_id)} characters long; at most {MAX_NAME} allowed",
                          f"shorten the id to at most {MAX_NAME} characters")
            continue
        clean = CATEGORY.check(value, at, checker)
        if clean:
            steps = tuple(TimelineStep(s["when"], s["step"]) for s in clean.get("timeline") or ()
                          if s and "when" in s and "step" in s)  # a step missing either is reported
            found.append(Category(cat_id, clean.get("title") or cat_id, clean.get("help") or "",
                                  tuple(clean.get("method") or ()), steps))
    return tuple(found)


def _check_markdown(raw: dict[str, Any] | None, checker: Checker) -> None:
    """The engine is one medpress knows, and each extension one Python-Markdown can load."""
    if not raw:
        return
    engine = raw.get("engine") or "gfm"
    if engine not in ENGINES:
        checker.error(("markdown", "engine"), f"unknown Markdown engine '{engine}'", did_you_mean(engine, ENGINES))
        return
    extensions = raw.get("extensions") or ()
    if extensions and engine != "python-markdown":
        checker.error(("markdown", "extensions"), f"extensions are for the python-markdown engine, not {engine}",
                      "add 'engine: python-markdown' or remove extensions")
        return
    if not extensions:
        return
    from .pymd import known_extensions, loads  # only a site that lists extensions loads Python-Markdown

    for index, name in enumerate(extensions):
        if name and not loads(name):
            checker.error(("markdown", "extensions", index), f"unknown Markdown extension '{name}'",
                          did_you_mean(name, known_extensions()))


def _brand(raw: Any, clean: dict[str, Any] | None, checker: Checker) -> Brand:
    """The brand, its colour checked for its format and its contrast with white."""
    at = ("brand", "colour")
    if isinstance(raw, dict) and "colour" in raw and raw["colour"] is None:
        # In YAML '#' starts a comment: 'colour: #00606e' is an empty colour, not a teal one.
        checker.error(at, "is empty", 'a # starts a comment in YAML: put the colour in quotes, e.g. "#00606e"')
    brand = (clean or {}).get("brand") or {}
    colour = brand.get("colour") or ""
    problem = colour_problem(colour) if colour else None
    if problem is not None:
        checker.error(at, *problem)
    lines = {key: line for key in ("logo", "favicon") if (line := checker.line(("brand", key))) is not None}
    return Brand(brand.get("logo") or "", brand.get("favicon") or "", colour.lower(), lines)


def _config(site_dir: Path, clean: dict[str, Any], categories: tuple[Category, ...], brand: Brand,
            languages: tuple[str, ...], checker: Checker) -> SiteConfig:
    org = clean["organization"]
    policy = clean.get("review_policy") or {}
    urgent = clean.get("urgent_help")
    return SiteConfig(
        site_dir=site_dir,
        title=clean["title"],
        tagline=clean.get("tagline") or "",
        base_url=clean["base_url"].rstrip("/"),  # with a path or without, and a slash or not: one form
        language=languages[0],
        languages=languages,
        organization=Organization(
            org["name"], org.get("description") or "", org.get("phone") or "",
            org.get("admission_url") or "", tuple(org.get("locations") or ()),
        ),
        review_policy=_review_policy(policy),
        categories=categories,
        accreditations=_badges(clean.get("accreditations"), "accreditations", checker),
        media=_badges(clean.get("media"), "media", checker),
        nav=tuple(NavItem(n["title"], n["url"]) for n in clean.get("nav") or () if n),
        urgent_help=UrgentHelp(urgent["title"], urgent["text"], urgent.get("phone") or "")
        if urgent else None,
        disclaimer=clean.get("disclaimer") or "",
        editorial_policy=clean.get("editorial_policy") or "",
        words_per_minute=clean.get("words_per_minute") or 200,
        feed_entries=clean.get("feed_entries") or 100,
        per_page=clean.get("per_page") or 24,
        markdown_engine=(clean.get("markdown") or {}).get("engine") or "gfm",
        markdown_extensions=tuple(name for name in (clean.get("markdown") or {}).get("extensions") or () if name),
        brand=brand,
    )


def _review_policy(policy: dict[str, Any]) -> ReviewPolicy:
    numbers = {k: v for k, v in policy.items() if k not in ("claims", "quality") and v is not None}
    claims = policy.get("claims")
    only = isinstance(claims, dict)
    phrases = (claims.get("only") if isinstance(claims, dict) else claims) or ()
    return ReviewPolicy(**numbers, claims=tuple(p for p in phrases if p), builtin_claims=not only,
                        strict=policy.get("quality") == "strict")


def _badges(raw: tuple[dict[str, Any], ...] | None, key: str, checker: Checker) -> tuple[Badge, ...]:
    return tuple(Badge(b["name"], b.get("logo"), b.get("url"), checker.line((key, index, "logo")))
                 for index, b in enumerate(raw or ()) if b)
