"""Machine-readable outputs: page metadata, JSON-LD, sitemap, feed, robots, redirects, headers."""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .model import INSIGHTS_URL, Article, Author, Category, Image, Reviewer, Site, tag_url
from .urls import decoded_path, under

SCHEMA = "https://schema.org"
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
# Every page's scripts and styles come from the site's own files, so nothing inline may run. Images may
# come from any https:// address (an article's image may be one); the built-in favicon is a data: URL.
# Pagefind's search compiles WebAssembly, which script-src must allow by name; that allows no eval().
CONTENT_SECURITY_POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
SECURITY_HEADERS = (
    ("Content-Security-Policy", "; ".join(CONTENT_SECURITY_POLICY)),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),  # other sites learn the host, not which page
    ("X-Frame-Options", "DENY"),  # frame-ancestors, for browsers that predate it
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What goes into a page's <head>."""

    title: str
    heading: str
    description: str
    canonical: str
    path: str
    noindex: bool
    image: str
    image_alt: str
    jsonld: tuple[Markup, ...]
    image_width: int = 0  # of the social image, when known (not for an image given by its https:// address)
    image_height: int = 0
    lang: str = "en"  # the page's language (BCP 47)
    # The page in every language it has, (language, site path), the default's first; () when only one.
    alternates: tuple[tuple[str, str], ...] = ()
    indexed: tuple[tuple[str, str], ...] | None = None  # the versions search engines are told of; None: all

    @property
    def hreflang(self) -> tuple[tuple[str, str], ...]:
        """The versions the page's <link rel="alternate"> name, as the sitemap does (outputs.alternates_of)."""
        return self.alternates if self.indexed is None else self.indexed

    @property
    def og_locale(self) -> str:
        """The page's language as Open Graph writes it: fr_FR style."""
        return og_locale(self.lang)

    @property
    def other_versions(self) -> tuple[tuple[str, str, str], ...]:
        """The page in the other languages it has: (language, its name in itself, site path)."""
        from .langtags import language_name

        return tuple((tag, language_name(tag), path) for tag, path in self.alternates if tag != self.lang)


@functools.cache  # asked by every page of a language: Babel parses the tag again each time
def og_locale(tag: str) -> str:
    """A BCP 47 tag as og:locale takes it: 'pt-BR' -> 'pt_BR', 'fr' -> 'fr_FR' (the language's main country)."""
    if tag == "en":
        return "en_US"  # the Open Graph protocol's own default; an English site never loads Babel for it
    from babel import Locale

    locale = Locale.parse(tag, sep="-")
    territory = locale.territory or _likely_territory(locale.language)
    return f"{locale.language}_{territory}" if territory else locale.language


def _likely_territory(language: str) -> str:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language, "")
    parts = likely.split("_")
    return parts[-1] if len(parts) > 1 and parts[-1].isupper() else ""


def meta(site: Site, heading: str, description: str, path: str, *, noindex: bool = False,
         image: Image | None = None, jsonld: list[dict[str, Any]] | None = None,
         alternates: tuple[tuple[str, str], ...] = (),
         indexed: tuple[tuple[str, str], ...] | None = None) -> PageMeta:
    """Describe a page for its <head>: '<heading> – <site>' title, canonical URL, card image, other languages."""
    config = site.config
    path = config.local(path)
    title = f"{heading} – {config.title}" if heading else config.title
    image_url, width, height = "", 0, 0
    if image is not None and image.src.startswith("https://"):
        image_url = image.src
    elif image is not None:
        # Social platforms refuse SVG: an SVG is given as the PNG made from it.
        info = site.images.get(image.src)
        social = info.social if info is not None and info.social else image.src
        image_url = f"{config.base_url}/assets/{quote(social)}"
        if info is not None and info.social:
            width, height = info.social_width, info.social_height
    return PageMeta(title, heading, description, config.base_url + path, path, noindex, image_url,
                    image.alt if image else "", tuple(to_script_json(block) for block in jsonld or ()),
                    width, height, config.language, alternates, indexed)


DESCRIPTION_CHARS = 160  # about what search engines show of a description
# A sentence ends at . ! or ? before a capital, but for a title or a common abbreviation ("Dr. Silva").
SENTENCE_END = re.compile(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bNo\.)(?<!Mrs\.)(?<!Prof\.)"
                          r"(?<!\b[A-Z]\.)(?<!\bvs\.)(?<!etc\.)(?<=[.!?])\s+(?=[^\W\d_a-z])")


def short_description(text: str) -> str:
    """A long text as a page's description: its first sentence, cut at a word if still too long."""
    first = SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= DESCRIPTION_CHARS:
        return first
    return first[:DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def quoteattr(value: str) -> str:
    """An XML attribute value, quoted and escaped."""
    return f'"{escape(value)}"'


def to_script_json(data: dict[str, Any]) -> Markup:
    """Serialise JSON for a <script> element: no editor text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # no indent: the C encoder
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def organization_jsonld(site: Site) -> dict[str, Any]:
    """The clinic as a schema.org MedicalClinic."""
    config = site.config
    org = config.organization
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "MedicalClinic",
        "@id": f"{config.base_url}/#organization",
        "name": org.name,
        "url": f"{config.base_url}/",
    }
    if org.description:
        data["description"] = org.description
    if org.phone:
        data["telephone"] = org.phone
    if org.locations:
        data["location"] = [{"@type": "Place", "name": place} for place in org.locations]
    if config.accreditations:
        data["hasCredential"] = [
            {"@type": "EducationalOccupationalCredential", "name": badge.name} for badge in config.accreditations
        ]
    return data


def person_jsonld(site: Site, person: Reviewer | Author) -> dict[str, Any]:
    """A reviewer or an author as a schema.org Person."""
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Person",
        "@id": f"{site.config.base_url}{person.url}#person",
        "name": person.name,
    }
    if person.role or person.credentials:
        data["jobTitle"] = person.role or person.credentials
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    data["url"] = site.config.base_url + site.config.local(person.url)  # the page in this page's language
    data["worksFor"] = {"@id": f"{site.config.base_url}/#organization"}
    if person.bio:
        data["description"] = person.bio
    if person.same_as:
        data["sameAs"] = list(person.same_as)
    return data


def drug_jsonld(article: Article, url: str) -> dict[str, Any] | None:
    """The article's drug as a schema.org Drug, where the frontmatter names one."""
    drug = article.drug
    if drug is None:
        return None
    data: dict[str, Any] = {"@type": "Drug", "@id": f"{url}#drug", "name": drug.name}
    if drug.generic:
        data["nonProprietaryName"] = drug.generic
    if drug.brand_names:
        data["alternateName"] = list(drug.brand_names)
    if drug.drug_class:
        data["drugClass"] = {"@type": "DrugClass", "name": drug.drug_class}
    if drug.schedule:
        data["legalStatus"] = {"@type": "DrugLegalStatus", "name": f"Schedule {drug.schedule}"}
    return data


def article_jsonld(site: Site, article: Article, reviewer: Reviewer | None, author: Reviewer | Author | None,
                   category: Category | None, faq_answers: tuple[str, ...] = (), *, home: str) -> list[dict[str, Any]]:
    """MedicalWebPage, FAQPage and BreadcrumbList for one article (home: the first crumb, as the page words it)."""
    config = site.config
    url = config.base_url + article.url
    page: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "@id": url,
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "inLanguage": config.language,
        "publisher": _nested(organization_jsonld(site)),
    }
    if article.reviewed:
        page["lastReviewed"] = article.reviewed.isoformat()
    if article.updated:  # the date the page shows as "Last updated" (a review has lastReviewed)
        page["dateModified"] = article.updated.isoformat()
    if reviewer is not None:
        page["reviewedBy"] = _nested(person_jsonld(site, reviewer))
    page["author"] = _author(site, article, author)
    drug = drug_jsonld(article, url)
    if drug is not None:
        page["about"] = drug
        page["mainEntity"] = {"@id": drug["@id"]}
    if article.image is not None:
        page["image"] = meta(site, "", "", "", image=article.image).image
    if drug is None:  # the article itself, with what Google asks of an Article: by reference where it can
        writer: dict[str, Any] = page["author"]
        page["mainEntity"] = {
            "@type": "Article", "@id": f"{url}#article", "headline": article.title, "description": article.summary,
            "inLanguage": config.language, "author": {"@id": writer["@id"]} if "@id" in writer else writer,
            **{key: page[key] for key in ("dateModified", "image") if key in page}}
    if article.sources:
        page["citation"] = [_citation(s) for s in article.sources]
    trail = [(category.title, category.url)] if category else []
    blocks = [page, breadcrumbs_jsonld(site, [*trail, (article.title, article.url)], home=home)]
    if article.faq:
        blocks.append(faq_jsonld(article, faq_answers, config.language))
    return blocks


def _author(site: Site, article: Article, person: Reviewer | Author | None) -> dict[str, Any]:
    """The article's author: an author or reviewer named by id as that Person, other text as an organisation."""
    if not article.author:
        return {"@id": f"{site.config.base_url}/#organization"}
    if person is not None:
        return _nested(person_jsonld(site, person))
    return {"@type": "Organization", "name": article.author}


def _nested(block: dict[str, Any]) -> dict[str, Any]:
    """A top-level block used inside another: the same data without its own @context."""
    return {key: value for key, value in block.items() if key != "@context"}


def _citation(source: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        data["url"] = source.url
    if source.year:
        data["datePublished"] = str(source.year)
    if source.lang:
        data["inLanguage"] = source.lang
    return data


def faq_jsonld(article: Article, answers: tuple[str, ...], language: str) -> dict[str, Any]:
    """The article's questions and answers as a schema.org FAQPage."""
    texts = answers or tuple(faq.answer for faq in article.faq)
    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "inLanguage": language,
        "mainEntity": [
            {"@type": "Question", "name": faq.question,
             "acceptedAnswer": {"@type": "Answer", "text": str(text).strip()}}
            for faq, text in zip(article.faq, texts, strict=True)
        ],
    }


def breadcrumbs_jsonld(site: Site, trail: list[tuple[str, str]], *, home: str) -> dict[str, Any]:
    """Home > ... as a schema.org BreadcrumbList, home worded in the page's language as its visible trail is."""
    items = [(home, "/"), *trail]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": site.config.base_url + site.config.local(path)}
            for n, (name, path) in enumerate(items, start=1)
        ],
    }


@dataclass(frozen=True, slots=True)
class DrugEntry:
    """One name on the A to Z page: a brand or generic name and the article about it."""

    name: str
    note: str
    url: str  # the article's: the page shows no more of it, so a new title leaves it as it is


def drug_index(articles: Iterable[Article], gettext: Callable[..., str]) -> list[tuple[str, list[DrugEntry]]]:
    """Every drug name (brand and generic) grouped by first letter, for the A-Z page, noted in its language."""
    entries: dict[str, DrugEntry] = {}
    for article in articles:
        drug = article.drug
        if drug is None:
            continue
        # The generic name first: a drug named by it ("Fentanyl", generic "fentanyl") is listed as the generic name.
        names = [(drug.generic, gettext("generic name"))] if drug.generic else []
        names.append((drug.name, drug.generic))
        brand_of = gettext("brand of %(generic)s", generic=drug.generic) if drug.generic else ""
        names += [(brand, brand_of) for brand in drug.brand_names]
        for name, note in names:
            key = name.casefold()
            if key not in entries:
                entries[key] = DrugEntry(name, note if note.casefold() != key else "", article.url)
    letters: dict[str, list[DrugEntry]] = defaultdict(list)
    for place, key in sorted((alphabetical(key), key) for key in entries):
        first = place[0][:1].upper()
        letters[first if first.isalpha() else "#"].append(entries[key])
    return sorted(letters.items())


def alphabetical(name: str) -> tuple[str, str, str]:
    """A name's place in an alphabetical list: by its letters without their marks first, so that
    "Éthanol" files under E and "éducation" comes before "opioïdes" (and Arabic's alef with hamza
    with alef), then case-folded, then as written, so that the order of different names is always
    the same.

    Unicode's decomposition rather than a collation library: ICU's (PyICU) must be compiled,
    and the marks are what an A to Z page's letters and a list of topics must set aside.
    """
    folded = name.casefold()
    if folded.isascii():
        return folded, folded, name
    # Composed again once the marks are out: a Hangul syllable, taken apart into its letters, is one again.
    bare = unicodedata.normalize("NFC", "".join(char for char in unicodedata.normalize("NFKD", folded)
                                                if not unicodedata.combining(char)))
    return bare, folded, name


def sitemap_xml(site: Site, paths: list[tuple[str, date | None]],
                alternates: dict[str, tuple[tuple[str, str], ...]] | None = None) -> bytes:
    """The sitemap: every published page with its last change and, in a site of several languages, the others."""
    # Written as text: ElementTree's serialiser took seconds for 10,000 pages.
    alternates = alternates or {}
    xhtml = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if alternates else ""
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP}"{xhtml}>']
    base = site.config.base_url
    for path, changed in sorted(paths):
        lastmod = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{tag}" href={quoteattr(base + uri_path(other))}/>'
                        for tag, other in alternates.get(path, ()))
        lines.append(f"  <url><loc>{escape(base + uri_path(path))}</loc>{lastmod}{links}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def uri_path(path: str) -> str:
    """A site path as a URI has it: a tag in another script (/tags/أفيونيات/) percent-encoded, as sitemaps ask."""
    return path if path.isascii() else quote(path, safe="/%")


def alternates_of(site: Site, paths: list[tuple[str, date | None]]) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each listed page that has versions in other languages: every version, then x-default (the default's)."""
    listed = {path for path, _ in paths}
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    default = site.config.languages[0]
    translated_pages = {page.url: page for other in site.languages.values() for page in other.pages}
    for path in sorted(listed):
        tag, original = default, path
        for other_tag, other in site.languages.items():
            prefix = other.config.prefix
            if path.startswith(prefix + "/"):
                tag, original = other_tag, path[len(prefix):]
                article = other.by_slug.get(original.strip("/")) if original.count("/") == 2 else None
                if article is not None:  # a translation: a version of its source's page
                    original = site.by_slug[article.source].url
                page = translated_pages.get(path)
                if page is not None:  # a plain page's translation: a version of its source
                    original = f"/{page.source}/"
        if original.startswith("/tags/") and original != "/tags/":
            continue  # each language has its own topics: a tag page of one is no version of another's
        groups[original].append((tag, path))
    found = {}
    for original, members in groups.items():
        if len(members) > 1:
            versions = (*members, ("x-default", original)) if (default, original) in members else tuple(members)
            for _, path in members:
                found[path] = versions
    return found


# A listing with nothing published (a person's too) is a page that says so, which search engines take for a
# missing page (a "soft 404"): it is marked noindex and left out of the sitemap, and the versions of it that list
# something name only each other. These say whether a language's site lists anything.

def publishes(site: Site, category: str) -> bool:
    """True when the category lists a published article."""
    return lists_published(site, site.listings.by_category.get(category, ()))


def lists_published(site: Site, slugs: Iterable[str]) -> bool:
    """True when a listing of these articles shows a published one."""
    return any(slug not in site.unpublished for slug in slugs)


def introduces(site: Site, person: Reviewer | Author, listing: Mapping[str, Sequence[str]]) -> bool:
    """True when a person's page has something of its own in its language: it is the default language's (their
    page as written), their bio is written in it, or it lists an article published there (listing: the site's
    listings by reviewer or by author). Otherwise it is their English page with nothing listed."""
    return (site.config.language == site.config.languages[0] or "bio" in person.translated
            or lists_published(site, listing.get(person.id, ())))


def publishes_any(site: Site) -> bool:
    """True when a category lists a published article: the insights index leads to something."""
    return any(publishes(site, category.id) for category in site.config.categories)


def lists_drugs(articles: Iterable[Article], unpublished: Container[str]) -> bool:
    """True when the drugs A to Z lists a published article (articles: as reads.drug_entry sees them)."""
    return any(a.drug is not None and a.slug not in unpublished for a in articles)


def has_topics(site: Site) -> bool:
    """True when the topics page lists a tag of a published article."""
    return any(slug not in site.unpublished for slugs in site.listings.by_tag.values() for slug in slugs)


def sitemap_paths(site: Site, articles: Iterable[Article], unpublished: frozenset[str],
                  drugs: bool) -> list[tuple[str, date | None]]:
    """(path, last change) of every page a search engine should index (drugs: whether the A to Z lists any).

    Of articles it reads only where each stands (reads.placed): slug, category, dates.
    """
    published = [(a, a.last_changed) for a in articles if a.slug not in unpublished]
    newest = max((changed for _, changed in published if changed), default=None)
    paths: list[tuple[str, date | None]] = [("/", newest), *([("/drugs/", newest)] if drugs else [])]
    paths += [(a.url, changed) for a, changed in published]
    by_category: dict[str, list[date]] = defaultdict(list)
    for article, changed in published:
        if changed is not None:
            by_category[article.category].append(changed)
    paths += [(c.url, max(by_category[c.id], default=None)) for c in site.config.categories if publishes(site, c.id)]
    paths += [(INSIGHTS_URL, newest)] if publishes_any(site) else []
    paths += [("/reviewers/", None), *((r.url, None) for r in site.reviewers
                                        if introduces(site, r, site.listings.by_reviewer))]
    paths += [(a.url, None) for a in site.authors if introduces(site, a, site.listings.by_author)]
    paths += _tag_paths(site, {a.slug: changed for a, changed in published})
    paths += [(p.url, None) for p in site.pages if not p.draft]
    return sorted(paths)


def _tag_paths(site: Site, changed: dict[str, date | None]) -> list[tuple[str, date | None]]:
    """The first page of each tag that lists a published article, with its last change, and the topics page if
    there is one."""
    paths: list[tuple[str, date | None]] = []
    for slug, members in site.listings.by_tag.items():
        dates = [changed[member] for member in members if member in changed]
        if dates:
            paths.append((tag_url(slug), max((d for d in dates if d), default=None)))
    return [("/tags/", None), *paths] if paths else []


def feed_xml(site: Site, published: list[tuple[date | None, Article]]) -> bytes:
    """An Atom feed of these articles (Listings.feed), with their last change."""
    config = site.config
    lines = [
        XML_DECLARATION,
        f'<feed xmlns="{ATOM}" xml:lang={quoteattr(config.language)}>',
        f"  <title>{escape(config.title)}</title>",
        f"  <id>{escape(config.base_url + config.local('/'))}</id>",
        f"  <link href={quoteattr(config.base_url + config.local('/'))} />",
        f"  <link rel=\"self\" href={quoteattr(config.base_url + config.local('/feed.xml'))} />",
        f"  <updated>{_atom_date(published[0][0] if published else None)}</updated>",
        f"  <author><name>{escape(config.organization.name)}</name></author>",
    ]
    # One string per entry, escaped by html.escape (no Markup objects): with the articles
    # already in memory, as in the dev server, that halves the time for 10,000 entries.
    base_url = config.base_url
    titles = {category.id: html.escape(category.title) for category in config.categories}
    for changed, article in published:
        url = html.escape(base_url + article.url)
        lines.append(
            f"  <entry>\n    <title>{html.escape(article.title)}</title>\n    <id>{url}</id>\n"
            f"    <link href=\"{url}\" />\n    <updated>{_atom_date(changed)}</updated>\n"
            f"    <summary>{html.escape(article.summary)}</summary>\n"
            f"    <category term=\"{html.escape(article.category)}\" label=\"{titles[article.category]}\" />\n"
            "  </entry>")
    lines.append("</feed>\n")
    return "\n".join(lines).encode("utf-8")


def _atom_date(value: date | None) -> str:
    return f"{(value or date(1970, 1, 1)).isoformat()}T00:00:00Z"


def robots_txt(site: Site) -> bytes:
    """robots.txt pointing at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.base_url}/sitemap.xml\n".encode()


def redirects(articles: Iterable[Article]) -> list[tuple[str, str]]:
    """(old path, new path) for every alias."""
    return sorted((alias, article.url) for article in articles for alias in article.aliases)


def redirects_file(pairs: list[tuple[str, str]], base_path: str = "/",
                   not_found: Iterable[tuple[str, str]] = ()) -> bytes:
    """A _redirects file as Netlify and Cloudflare Pages read it, its paths under base_path.

    not_found pairs each other language's folder with its 404 page: a host answers a missing page there with
    that one, in the visitor's language, rather than the root's. A rule applies only where no file is.
    """
    # An old address as it comes over the wire: /m%C3%A9dicaments/ for /médicaments/.
    lines = [f"{under(quote(decoded_path(old), safe='/~'), base_path)} {under(new, base_path)} 301"
             for old, new in pairs]
    lines += [f"{under(folder, base_path)}* {under(page, base_path)} 404" for folder, page in not_found]
    return "".join(line + "\n" for line in lines).encode()


def headers_file(base_path: str = "/") -> bytes:
    """A _headers file as Netlify and Cloudflare Pages read it: the security headers on every file of the site."""
    lines = [f"{base_path}*", *(f"  {name}: {value}" for name, value in SECURITY_HEADERS)]
    return ("\n".join(lines) + "\n").encode()
