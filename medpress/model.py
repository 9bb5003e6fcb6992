"""The site's data: frozen dataclasses, built once, never filled in stages."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .errors import Problem
from .images import ImageInfo


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One step of a category's treatment timeline: when, and what happens."""

    when: str
    step: str


INSIGHTS_URL = "/insights/"  # every category, each of which has its own page below it


@dataclass(frozen=True, slots=True)
class Category:
    """A group of articles, with its help text, method pillars and treatment timeline."""

    id: str
    title: str
    help: str = ""
    method: tuple[str, ...] = ()
    timeline: tuple[TimelineStep, ...] = ()

    @property
    def url(self) -> str:
        return f"{INSIGHTS_URL}{self.id}/"


@dataclass(frozen=True, slots=True)
class Badge:
    """An accreditation or a media mention, with an optional logo."""

    name: str
    logo: str | None = None
    url: str | None = None
    logo_line: int | None = field(default=None, compare=False)  # in site.yaml, for a problem with the logo


@dataclass(frozen=True, slots=True)
class Brand:
    """The organisation's own look (site.yaml's brand): header logo, browser icon, colour."""

    logo: str = ""  # a path under assets/; the header shows it in place of the title
    favicon: str = ""  # a path under assets/; without it, the built-in icon
    colour: str = ""  # #rrggbb, lower-case; without it, the built-in teal
    # The line of each key in site.yaml, for problems found once the assets are known; no part of the look.
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class NavItem:
    """A link in the site's navigation."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Organization:
    """The clinic or publisher behind the site, as pages and structured data name it."""

    name: str
    description: str = ""
    phone: str = ""
    admission_url: str = ""
    locations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UrgentHelp:
    """The crisis notice (site.yaml's urgent_help) on the home page and every article."""

    title: str
    text: str
    phone: str = ""


# The most days review_policy's windows and review-due --within may span: ten years. A review good for
# longer is no review, and dates past 9999-12-31 cannot be written.
MAX_POLICY_DAYS = 3650


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """How old a clinical review may be, when to warn it is due, how many sources a page needs, and the
    editorial quality rules (see quality.py)."""

    max_age_days: int = 365
    warn_within_days: int = 30
    min_sources: int = 1
    translation_grace_days: int = 30  # how long a translation may stay behind its source's review or update
    max_reading_grade: float = 10
    claims: tuple[str, ...] = ()  # the site's own risky-claim phrases
    builtin_claims: bool = True  # False when the site's phrases replace medpress's
    strict: bool = False  # every quality rule an error, not only placeholder and image-alt


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Everything site.yaml says, with defaults filled in and paths resolved."""

    site_dir: Path
    title: str
    base_url: str  # without a trailing slash: base_url + "/about/" is the page's address
    organization: Organization
    categories: tuple[Category, ...]
    tagline: str = ""
    language: str = "en"
    review_policy: ReviewPolicy = field(default_factory=ReviewPolicy)
    accreditations: tuple[Badge, ...] = ()
    media: tuple[Badge, ...] = ()
    nav: tuple[NavItem, ...] = ()
    urgent_help: UrgentHelp | None = None
    disclaimer: str = ""
    editorial_policy: str = ""
    words_per_minute: int = 200
    feed_entries: int = 100
    per_page: int = 24
    markdown_engine: str = "gfm"  # or "python-markdown"
    markdown_extensions: tuple[str, ...] = ()  # Python-Markdown extension names
    brand: Brand = field(default_factory=Brand)
    languages: tuple[str, ...] = ("en",)  # BCP 47 tags, the default first; language is the one of this config
    # The line in site.yaml that names each language, for problems found once its interface text is known.
    language_lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    localized: tuple[tuple[str, SiteConfig], ...] = ()  # the config of each other language (languages.py)
    # In another language's config, the site_text keys it leaves out ('tagline', 'categories.opioids.help'):
    # their text is the default language's, which pages mark as written in it.
    untranslated: tuple[str, ...] = ()
    # Warnings found reading site.yaml (site text missing in a language); no part of the site's text.
    notes: tuple[Problem, ...] = field(default=(), compare=False, repr=False)
    # What the editorial quality checks found in the text site.yaml has pages show, in every language: judged
    # with the site's policy and the build's (graph.assemble), as an article's findings are.
    findings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)

    @property
    def prefix(self) -> str:
        """The folder of this config's language: '' for the default language, else '/fr', '/pt-br'."""
        return self.prefix_of(self.language)

    def prefix_of(self, tag: str) -> str:
        """The folder of one of the site's languages: '' for the default language, else '/fr', '/pt-br'."""
        return "" if tag == self.languages[0] else "/" + tag.lower()

    def local(self, path: str, tag: str = "") -> str:
        """A site path ('/search/') as this language's page, or another's (tag): '/fr/search/'."""
        prefix = self.prefix_of(tag or self.language)
        return path if not prefix or path.startswith(prefix + "/") else prefix + path

    def in_language(self, tag: str) -> SiteConfig:
        """The config of one of the site's languages (itself for its own)."""
        return dict(self.localized).get(tag, self)

    @property
    def host(self) -> str:
        """The host (and port) the site is served on, in lower case: 'clinic.example'."""
        return urlsplit(self.base_url).netloc.lower()

    @property
    def base_path(self) -> str:
        """The path the site is served under, between slashes: '/', or '/resources/'."""
        return urlsplit(self.base_url).path.rstrip("/") + "/"

    @property
    def content_dir(self) -> Path:
        return self.site_dir / "content"

    @property
    def layouts_dir(self) -> Path:
        return self.site_dir / "layouts"

    @property
    def assets_dir(self) -> Path:
        return self.site_dir / "assets"

    @property
    def static_dir(self) -> Path:
        return self.site_dir / "static"

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


@dataclass(frozen=True, slots=True)
class Source:
    """A reference an article cites."""

    title: str
    publisher: str = ""
    url: str = ""
    year: int | None = None
    lang: str = ""  # the language it is written in, when not the article's


@dataclass(frozen=True, slots=True)
class Faq:
    """A question and answer of an article's FAQ."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Drug:
    """The drug an article is about: names, class and schedule."""

    name: str
    generic: str = ""
    brand_names: tuple[str, ...] = ()
    drug_class: str = ""
    schedule: str = ""

    @property
    def unlisted_name(self) -> str:
        """The name, when it is neither the generic name nor a brand name: the facts then list it apart, so that
        a visitor who searches for the name the A to Z gives finds the page."""
        def folded(name: str) -> str:
            return unicodedata.normalize("NFC", name).casefold()  # "é" pasted as e + U+0301 is the same name

        listed = {folded(self.generic), *map(folded, self.brand_names)}
        return "" if folded(self.name) in listed else self.name


@dataclass(frozen=True, slots=True)
class Image:
    """A picture and its text alternative."""

    src: str
    alt: str


@dataclass(frozen=True, slots=True)
class Quality:
    """What the editorial quality checks found in an article, kept with its parse in the build cache."""

    policy: str  # the key of the QualityPolicy it was checked with: another policy checks it again
    front: tuple[Problem, ...] = ()  # in the title, summary and FAQ
    body: tuple[Problem, ...] = ()
    grade: float | None = None  # the body's reading grade; None when too short to grade
    answer_grades: tuple[float | None, ...] = ()  # each FAQ answer's
    # The body's words CMUdict lacks, with the syllables pyphen gave them: a quick rebuild after an edit
    # grades the new body without loading pyphen's dictionary (0.1 s) for words it had already.
    hyphenated: tuple[tuple[str, int], ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.front + self.body

    def __reduce__(self) -> tuple[type[Quality], tuple[object, ...]]:
        return Quality, (self.policy, self.front, self.body, self.grade, self.answer_grades, self.hyphenated)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a model object came from: its file (relative to the site) and key lines."""

    path: str
    lines: tuple[tuple[str, int], ...] = ()
    body_line: int = 1

    def line(self, key: str) -> int | None:
        return dict(self.lines).get(key)


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A clinical reviewer, from content/reviewers/<id>.yaml."""

    id: str
    name: str
    credentials: str
    origin: Origin
    role: str = ""
    bio: str = ""
    image: Image | None = None
    same_as: tuple[str, ...] = ()
    translated: tuple[str, ...] = ()  # its fields given in its site's language (PersonText), sorted
    problems: tuple[Problem, ...] = field(default=(), compare=False, repr=False)  # what the checks found in its text

    @property
    def url(self) -> str:
        return f"/reviewers/{self.id}/"


@dataclass(frozen=True, slots=True)
class Author:
    """A writer, from content/authors/<id>.yaml: the keys of a reviewer file, credentials optional."""

    id: str
    name: str
    origin: Origin
    credentials: str = ""
    role: str = ""
    bio: str = ""
    image: Image | None = None
    same_as: tuple[str, ...] = ()
    translated: tuple[str, ...] = ()  # its fields given in its site's language (PersonText), sorted
    problems: tuple[Problem, ...] = field(default=(), compare=False, repr=False)  # what the checks found in its text

    @property
    def url(self) -> str:
        return f"/authors/{self.id}/"


PERSON_TEXT_KEYS = ("credentials", "role", "bio")


@dataclass(frozen=True, slots=True)
class PersonText:
    """A reviewer's or author's text in another language, from content/<folder>/<id>.<lang>.yaml."""

    folder: str  # reviewers or authors
    id: str
    lang: str
    origin: Origin
    credentials: str = ""
    role: str = ""
    bio: str = ""
    problems: tuple[Problem, ...] = field(default=(), compare=False, repr=False)  # what the checks found in its text

    def given(self) -> dict[str, str]:
        """The text it gives, by field."""
        return {key: value for key in PERSON_TEXT_KEYS if (value := getattr(self, key))}


@dataclass(frozen=True, slots=True)
class Article:
    """A validated article: where it came from, digests of its source, and its frontmatter.

    Every field after origin is the frontmatter key of the same name (schema.ARTICLE),
    passed as it is: a new key is a schema entry and a field here.
    """

    slug: str
    front_digest: str  # hash of its frontmatter and path: the value of the fact "front" of this article
    body_digest: str  # hash of its body alone: the fact "body", and with the FAQ answers the key of its Markdown
    origin: Origin
    title: str
    summary: str
    category: str
    reviewer: str = ""  # empty in a draft, or left out (the review policy then says so)
    reviewed: date | None = None
    fact_checked: bool = False
    drug: Drug | None = None
    author: str = ""
    reading_time: int | None = None
    related: tuple[str, ...] = ()
    faq: tuple[Faq, ...] = ()
    sources: tuple[Source, ...] = ()
    image: Image | None = None
    updated: date | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    draft: bool = False
    quality: Quality | None = None
    # Not frontmatter: a translation's language (from its file name, x.fr.md) and its source's slug.
    lang: str = ""
    source: str = ""

    @property
    def url(self) -> str:
        return f"/{self.lang.lower()}/{self.slug}/" if self.lang else f"/{self.slug}/"

    @property
    def last_changed(self) -> date | None:
        """The last review or update, whichever is later."""
        if self.updated is None or (self.reviewed is not None and self.reviewed >= self.updated):
            return self.reviewed
        return self.updated


@dataclass(frozen=True, slots=True)
class Page:
    """A plain page such as 'about' or 'editorial policy'."""

    slug: str
    title: str
    summary: str
    body: str
    origin: Origin
    draft: bool = False
    # Not frontmatter: a translation's language (from its file name, about.fr.md) and its source's slug.
    lang: str = ""
    source: str = ""

    @property
    def url(self) -> str:
        return f"/{self.lang.lower()}/{self.slug}/" if self.lang else f"/{self.slug}/"


# A file's modification time (ns), size and change time (ns): the last changes with every write and cannot
# be set back, so an edit that keeps the size and the modification time (cp -p, rsync -a) is still seen.
Stamp = tuple[int, int, int]
# A page the last build made: its key, the digest of its bytes, the facts it read (reads.encode),
# and its job (kind, name, number).
Output = tuple[str, str, str, str, str, int]
ParsedFiles = dict[str, tuple[Stamp, Article]]


@dataclass(frozen=True, slots=True)
class Unloaded:
    """An article that failed to load, as far as its review and category go: the review policy judges what it
    says all the same, so that one run lists every problem of the file."""

    article: Article  # a stand-in with the review keys and the category as written, and nothing else
    reported: tuple[str, ...] = ()  # the keys whose values were wrong, reported as such already (sorted)
    slug: str = ""  # the slug its own slug: line gives, when that could be read


@dataclass(frozen=True, slots=True)
class Content:
    """Everything read from content/, before it is checked against each other."""

    articles: tuple[Article, ...]
    reviewers: tuple[Reviewer, ...]
    pages: tuple[Page, ...]
    assets: frozenset[str] = frozenset()
    unparsed: frozenset[str] = frozenset()  # file stems of articles that failed to load
    unparsed_reviewers: frozenset[str] = frozenset()  # ids of reviewer files that failed to load
    parsed: ParsedFiles = field(default_factory=dict)  # what the next build may reuse
    authors: tuple[Author, ...] = ()
    unparsed_authors: frozenset[str] = frozenset()  # ids of author files that failed to load
    static: tuple[str, ...] = ()  # the files of static/, as paths in the site folder, sorted
    unparsed_pages: frozenset[str] = frozenset()  # file stems of plain pages that failed to load
    person_texts: tuple[PersonText, ...] = ()  # reviewers' and authors' text in the other languages
    unloaded: tuple[Unloaded, ...] = ()  # the articles that failed to load, as far as their review goes
    left_out: frozenset[str] = frozenset()  # the files of articles, pages, people and their texts that failed to load


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """What the review policy says about one article on a given day."""

    last_reviewed: date
    next_due: date
    passes: bool
    due_soon: bool


@dataclass(frozen=True, slots=True)
class Listings:
    """Where the site lists its articles, by slug. Which page of a listing shows an article
    depends on these alone, so a rebuild that keeps them can re-render one page of each."""

    newest: Sequence[str]  # newest review first, then by slug backwards: the home page and listings
    by_category: Mapping[str, tuple[str, ...]]  # each in newest order; only categories with articles
    by_reviewer: Mapping[str, tuple[str, ...]]
    feed: Sequence[str]  # the feed's articles, latest change first
    by_author: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by the frontmatter's author text
    by_tag: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by tag slug, in newest order
    tag_names: Mapping[str, str] = field(default_factory=dict)  # tag slug -> the spelling most articles use


def tag_url(slug: str) -> str:
    """The address of a tag's listing."""
    return f"/tags/{slug}/"


@dataclass(frozen=True, slots=True)
class Site:
    """The assembled, checked site: what rendering takes.

    Its tables are read-only sequences, mappings and sets: a page reads them through
    watching wrappers (reads.py), and a rebuild after an edit reads the saved articles
    only as pages ask for them (plan.py).
    """

    config: SiteConfig
    articles: Sequence[Article]  # in slug order
    reviewers: Sequence[Reviewer]
    pages: Sequence[Page]
    today: date
    review: Mapping[str, ReviewStatus]
    related: Mapping[str, tuple[str, ...]]
    by_slug: Mapping[str, Article]
    listings: Listings
    unpublished: AbstractSet[str] = frozenset()
    authors: Sequence[Author] = ()
    images: Mapping[str, ImageInfo] = field(default_factory=dict)  # every image under assets/, by path there
    # Each article's file (from the site) -> its slug; in a language's site, its original's (link_paths).
    paths: Mapping[str, str] = field(default_factory=dict)
    draft_paths: Mapping[str, str] = field(default_factory=dict)  # each draft article or page: its file -> its address
    # The site of each language after the default (translations.py), by language tag.
    languages: Mapping[str, Site] = field(default_factory=dict)
    # Each article with a translation: ((language, address), ...) of every version, the default's first.
    versions: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # In a language's site: each translated source's slug -> the slug of its translation.
    sources: Mapping[str, str] = field(default_factory=dict)


def _rebuild_from_fields(self: object) -> tuple[type, tuple[object, ...]]:
    return type(self), tuple(getattr(self, name) for name in self.__slots__)  # type: ignore[attr-defined]


# The build cache pickles the parse of every article. A slotted dataclass's own
# pickling looks its fields up for every object; rebuilding through the
# constructor from a tuple is about twice as fast.
for _cached in (Article, Origin, Drug, Faq, Source, Image, Reviewer, Author, Quality):
    _cached.__reduce__ = _rebuild_from_fields  # type: ignore[method-assign]
