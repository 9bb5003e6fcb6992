"""What a page reads of the site, recorded while it renders; its cache key is made from that.

A page is rendered against a watched copy of the Site: each mapping, sequence and
set in it notes the facts a lookup touches ("front" of one article, "category"
listing of one category, "reviewers" as a whole...). The page's key is a hash of
those facts' current values, so a layout that shows `site.articles | length`
depends on every article by construction, and nothing lists by hand what a page
shows. A later build recomputes the key from the facts the page read last time:
same values, same page.

Facts about every article at once (aggregates) are hashed from one projection of
each article; a quick rebuild uses the same projections to tell which of them an
edit changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import replace
from typing import Any, TypeVar, overload

from .model import Article, Listings, Site

SEP = "\x1f"  # between a fact's name and its key
JOIN = "\x1e"  # between the facts of one page
TODAY = "today"  # the fact of the build's day, which a site's layout may show (site.today)
K = TypeVar("K")
V = TypeVar("V")


def digest_of(*parts: object) -> str:
    """Hash the repr of values (frozen dataclasses, tuples, strings) into a short key."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def fact(name: str, key: str = "") -> str:
    """The name of one fact: a whole table (name) or one entry of it (name and key)."""
    return f"{name}{SEP}{key}" if key else name


def drug_entry(article: Article) -> tuple[str, str, str, tuple[str, ...]] | None:
    """What the A to Z page shows of an article."""
    drug = article.drug
    return (article.slug, drug.name, drug.generic, drug.brand_names) if drug else None


def placed(article: Article) -> tuple[object, ...]:
    """Where an article stands in the site: every field assemble() reads to list, relate and check it.

    tests/test_reads.py proves the list by recording what assemble() reads.
    """
    return (article.slug, article.category, article.reviewer, article.reviewed, article.last_changed,
            article.related, article.aliases, article.image, article.draft, article.origin.path,
            article.author, article.tags, article.lang, article.source)


# Facts about every article at once, each hashed from one projection of every article.
AGGREGATES: dict[str, Callable[[Article], object]] = {
    "articles": lambda article: article.front_digest,  # site.articles: everything of every frontmatter
    "drugs": drug_entry,  # the A to Z page
    "placements": placed,  # the sitemap, redirects: where each article stands
}


class _Watching:
    """What the watching wrappers share: the data, the fact names, and a walk noting the whole."""

    __slots__ = ("data", "name", "reads", "whole")

    def __init__(self, data: Any, name: str, reads: set[str], whole: str = "") -> None:
        self.data = data
        self.name = name
        self.reads = reads
        self.whole = whole or name  # the fact a walk reads

    def __iter__(self) -> Iterator[Any]:
        self.reads.add(self.whole)
        return iter(self.data)

    def __len__(self) -> int:
        self.reads.add(self.whole)
        return len(self.data)

    def __contains__(self, key: object) -> bool:
        self.reads.add(fact(self.name, str(key)))
        return key in self.data


class Watched(_Watching, Mapping[K, V]):
    """A mapping that notes each key looked up (name:key), or the whole (name) when walked."""

    __slots__ = ()

    def __getitem__(self, key: K) -> V:
        self.reads.add(fact(self.name, str(key)))
        return self.data[key]  # type: ignore[no-any-return]


class WatchedSequence(_Watching, Sequence[V]):
    """A sequence that notes its name whenever it is used."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> V: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[V]: ...
    def __getitem__(self, index: int | slice) -> V | Sequence[V]:
        self.reads.add(self.whole)
        return self.data[index]  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        self.reads.add(self.whole)
        return key in self.data


class WatchedSet(_Watching, Set[str]):
    """A set of slugs that notes each one asked about, or the whole when walked."""

    __slots__ = ()


def tables(site: Site, reviewers: Mapping[str, Any], pages: Mapping[str, Any],
           authors: Mapping[str, Any], labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every table of the site a page may read, by fact name (labels: the overrides' digest by language)."""
    listings = site.listings
    return {
        "articles": site.articles, "front": site.by_slug, "reviewers": site.reviewers, "reviewer": reviewers,
        "authors": site.authors, "author": authors,
        "pages": site.pages, "page": pages, "review": site.review, "related": site.related,
        "newest": listings.newest, "category": listings.by_category, "by-reviewer": listings.by_reviewer,
        "feed": listings.feed, "by-author": listings.by_author, "tag": listings.by_tag,
        "tag-name": listings.tag_names, "unpublished": site.unpublished,
        "image": site.images, "images": site.images, "file": site.paths, "files": site.paths,
        "labels": labels if labels is not None else {},
        "versions": site.versions, "source": site.sources, "sources": site.sources,
        TODAY: (site.today.isoformat(),),
    }


class WatchedLanguages(Mapping[str, Site]):
    """The site's other languages, each site watched under its language's facts as a page reads it."""

    __slots__ = ("data", "made", "reads")

    def __init__(self, data: Mapping[str, Site], reads: set[str]) -> None:
        self.data = data
        self.reads = reads
        self.made: dict[str, Site] = {}

    def __getitem__(self, lang: str) -> Site:
        made = self.made.get(lang)
        if made is None:
            made = self.made[lang] = watched_site(self.data[lang], self.reads, lang)
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)  # which languages the site has is its config's: in every page's key

    def __len__(self) -> int:
        return len(self.data)


def watched_site(site: Site, reads: set[str], lang: str = "") -> Site:
    """The site as a page sees it: every table notes what the page reads of it.

    lang names the language of a translations' site (site.languages): its own tables'
    facts are then that language's ("fr@front:<slug>", "fr@reviewer:<id>": a reviewer's text
    may be given in the language); those every language shares (images, versions) keep their names.
    """
    listings = site.listings
    p = lang_prefix(lang)
    return replace(
        site,
        articles=WatchedSequence(site.articles, p + "articles", reads),
        by_slug=Watched(site.by_slug, p + "front", reads, whole=p + "articles"),
        reviewers=WatchedSequence(site.reviewers, p + "reviewers", reads),
        authors=WatchedSequence(site.authors, p + "authors", reads),
        pages=WatchedSequence(site.pages, p + "pages", reads),
        review=Watched(site.review, p + "review", reads),
        related=Watched(site.related, p + "related", reads),
        listings=Listings(WatchedSequence(listings.newest, p + "newest", reads),
                          Watched(listings.by_category, p + "category", reads),
                          Watched(listings.by_reviewer, p + "by-reviewer", reads),
                          WatchedSequence(listings.feed, p + "feed", reads),
                          Watched(listings.by_author, p + "by-author", reads),
                          Watched(listings.by_tag, p + "tag", reads),
                          Watched(listings.tag_names, p + "tag-name", reads)),
        unpublished=WatchedSet(site.unpublished, p + "unpublished", reads),
        images=Watched(site.images, "image", reads, whole="images"),
        paths=Watched(site.paths, p + "file", reads, whole=p + "files"),
        versions=Watched(site.versions, "versions", reads),
        sources=Watched(site.sources, p + "source", reads, whole=p + "sources"),
        languages=WatchedLanguages(site.languages, reads) if site.languages else site.languages,
    )


class DatedSite:
    """The watched site as a layout reads it: site.today, when a layout shows it, is noted as a fact too.

    Site is a frozen dataclass and its day a plain date, which cannot note its own reads.
    """

    __slots__ = ("_reads", "_site")

    def __init__(self, site: Site, reads: set[str]) -> None:
        self._site = site
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        if name == TODAY:
            self._reads.add(TODAY)
        return getattr(self._site, name)

    def __dir__(self) -> list[str]:
        return dir(self._site)  # what a misspelt name in a layout is matched against


def unwatched(value: Any) -> Any:
    """The site a DatedSite shows (any other value as it is): what a layout's error names."""
    return value._site if isinstance(value, DatedSite) else value


def lang_prefix(lang: str) -> str:
    """What a language's facts start with: '' for the default language, else 'fr@'."""
    return f"{lang}@" if lang else ""


class Facts:
    """The current value (as a digest) of each fact, worked out once per build and process."""

    def __init__(self, site: Site, reviewers: Mapping[str, Any], pages: Mapping[str, Any],
                 authors: Mapping[str, Any], base_key: str, labels: Mapping[str, str] | None = None,
                 pages_in: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.site = site
        self.tables = tables(site, reviewers, pages, authors, labels)
        self.sites = {lang_prefix(lang): other for lang, other in site.languages.items()}
        for lang, other in site.languages.items():
            own = tables(other, {r.id: r for r in other.reviewers}, (pages_in or {}).get(lang, {}),
                         {a.id: a for a in other.authors})
            prefix = lang_prefix(lang)
            self.tables.update({prefix + name: table for name, table in own.items()})
        self.base_key = base_key
        self.memo: dict[str, str] = {}

    def digest(self, name: str) -> str:
        known = self.memo.get(name)
        if known is None:
            known = self.memo[name] = self._digest(name)
        return known

    def _digest(self, name: str) -> str:
        table, _, key = name.partition(SEP)
        prefix, at, plain = table.rpartition("@")
        if at and prefix + at not in self.sites:
            return "-"  # a fact of a language the site no longer has: the page that read it is not fresh
        site = self.sites.get(prefix + at, self.site)
        if plain == "body":
            article = site.by_slug.get(key)
            return article.body_digest if article is not None else "-"
        if key:
            data = self.tables[table]
            if plain == "front":
                article = data.get(key)
                return article.front_digest if article is not None else "-"
            if isinstance(data, Mapping):
                return digest_of(data.get(key))
            return digest_of(key in data)
        if plain in AGGREGATES:
            projection = AGGREGATES[plain]
            return digest_of([projection(article) for article in site.articles])
        data = self.tables[table]
        return digest_of(sorted(data.items()) if isinstance(data, Mapping) else
                         sorted(data) if isinstance(data, Set) else tuple(data))

    def key(self, path: str, reads: str) -> str:
        """The key of the page at path that read these facts (encoded as by encode())."""
        return digest_of(self.base_key, path, [(name, self.digest(name)) for name in reads.split(JOIN) if name])


def encode(reads: set[str]) -> str:
    """The facts a page read, as one string: sorted, each between two JOINs, so a fact is found with `in`."""
    return JOIN + JOIN.join(sorted(reads)) + JOIN
