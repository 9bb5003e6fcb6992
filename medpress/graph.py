"""assemble(): resolve slugs, categories, related insights, reviewers and aliases.

Pure: takes the config and the content read from disk, returns the Site and every
problem found. Nothing here reads or writes files.
"""

from __future__ import annotations

import heapq
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from operator import attrgetter

from .errors import Problem, closest, did_you_mean
from .images import ImageInfo
from .langtags import translation_of
from .markdown import name_of
from .model import Article, Author, Content, Listings, Page, PersonText, Reviewer, Site, SiteConfig
from .quality import article_problems, check_page, policy_of, with_policy
from .review import POLICY_KEYS, check_review, review_statuses
from .translations import language_sites, person_texts, versions
from .urls import MAX_NAME, decoded_path, overlong

RESERVED_SLUGS = frozenset({"insights", "reviewers", "authors", "tags", "drugs", "search", "assets", "pagefind"})
# Files the site writes at its root: an alias may neither replace one nor turn it into a folder.
ROOT_FILES = frozenset({"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "_redirects",
                        "_headers"})
RELATED_FALLBACK = 3
SAFE_PATH = re.compile(r"^[A-Za-z0-9._~/-]+$")
SAFE_ALIAS = re.compile(r"[\w.~/-]+")  # letters and digits of any script: an old address may be a French one
ID_SHAPED = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # schema.ID, which imports this module


def assemble(config: SiteConfig, content: Content, today: date, drafts: bool = False,
             images: Mapping[str, ImageInfo] | None = None) -> tuple[Site, list[Problem]]:
    """Check the content against itself and the config; return the site and its problems.

    images are those under assets/ (images.inspect), for the problems of the ones articles show.
    """
    images = images or {}
    problems: list[Problem] = [*config.notes, *with_policy(config.findings, config.review_policy.strict, drafts)]
    everything, every_page = content.articles, content.pages
    content = replace(content, articles=tuple(a for a in everything if not a.lang),
                      pages=tuple(p for p in every_page if not p.lang))
    reviewers = {r.id: r for r in content.reviewers}
    articles = tuple(sorted((a for a in content.articles if drafts or not a.draft), key=lambda a: a.slug))
    reserved = reserved_slugs(config)
    problems += _check_slugs(articles, content, reserved)
    problems += _check_people(content)
    problems += _person_problems(content, config, drafts)
    problems += _check_unloaded(content, reviewers, config, today)
    people = set(reviewers) | {a.id for a in content.authors}
    by_slug = {a.slug: a for a in articles}
    # An article that failed to load is known by its file name and by its slug: line, when that could be read
    # (a translation's is its own language's, which related: never names).
    failed = content.unparsed | {unloaded.slug for unloaded in content.unloaded
                                 if unloaded.slug and not _named(unloaded.article.origin.path)[1]}
    # Drafts are known slugs even when left out, so a link to one says so instead of 'no article'.
    known = set(by_slug) | failed | {a.slug for a in content.articles if a.draft}
    unpublished: set[str] = {a.slug for a in articles if a.draft}

    def check(article: Article) -> tuple[list[Problem], bool]:
        """The article's own problems, and whether a preview shows it as not yet reviewed."""
        found = [*_check_links(article, config, by_slug, known, failed, content, drafts),
                 *_check_author(article, people, content), *_check_image(article, images)]
        preview = False
        for problem in check_review(article, reviewers, config.review_policy, today, content.unparsed_reviewers):
            if drafts and problem.key in POLICY_KEYS and problem.severity == "error":
                preview = True
                problem = _as_warning(problem)
            found.append(problem)
        found += article_problems(article, config.review_policy.strict, drafts)
        if article.lang and article.aliases:
            found.append(Problem("a translation cannot have aliases: old addresses redirect to the source",
                                 article.origin.path, article.origin.line("aliases"), "aliases",
                                 "move the aliases to the source article"))
        return [*found, *_reserved_in_language(article)], preview

    for article in articles:
        found, preview = check(article)
        problems += found
        if preview:
            unpublished.add(article.slug)
    problems += _check_aliases(articles, content, reserved)
    problems += _check_config_assets(config, content)
    problems += _check_brand(config, content)
    pages = tuple(sorted((p for p in content.pages if drafts or not p.draft), key=lambda p: p.slug))
    problems += [p for page in pages for p in _page_problems(page, config, drafts)]
    listings = listings_of(articles, unpublished, config.feed_entries)
    problems += _check_tag_spellings(articles, listings)
    site = Site(config, articles, tuple(sorted(content.reviewers, key=lambda r: r.id)), pages,
                today, review_statuses(articles, config.review_policy, today),
                _resolve_related(articles, by_slug, listings), by_slug, listings, frozenset(unpublished),
                tuple(sorted(content.authors, key=lambda a: a.id)), images,
                {a.origin.path: a.slug for a in articles},
                {} if drafts else _draft_paths([*everything, *every_page]))
    translations = [a for a in everything if a.lang]
    page_translations = [p for p in every_page if p.lang]
    people_texts, people_problems = person_texts(content, config.languages)
    problems += people_problems
    if translations or page_translations or len(config.languages) > 1:
        languages, found = language_sites(site, list(content.articles), translations, drafts, check,
                                          content.pages, page_translations,
                                          lambda page: [*_page_problems(page, config, drafts),
                                                        *_reserved_in_language(page)], content.unparsed,
                                          content.unparsed_pages, people_texts)
        problems += found
        every = versions(site, languages)
        site = replace(site, languages={tag: replace(other, versions=every) for tag, other in languages.items()},
                       versions=every)
    return site, problems


def left_out_targets(content: Content, config: SiteConfig) -> tuple[frozenset[str], frozenset[str]]:
    """What links may name of the files that failed to load, and of the translations left out with their sources:
    the pages (output paths) they would make, and the articles' files (which links may name).

    A file that failed to load is known by its slug: line when that could be read (an article's), else by its
    name: its page is at its stem, or at its source's slug when it is a translation whose source loaded. A
    reviewer's or author's page is in every language.
    """
    folders = ["", *(f"{tag.lower()}/" for tag in config.languages[1:])]
    content_dir = config.content_dir.relative_to(config.site_dir).as_posix()
    slugs = {_named(item.origin.path)[0]: item.slug for items in (content.articles, content.pages) for item in items
             if not item.lang}
    own = {unloaded.article.origin.path: unloaded.slug for unloaded in content.unloaded if unloaded.slug}
    pages: set[str] = set()
    files: set[str] = set()
    for rel in content.left_out:
        kind = rel.removeprefix(f"{content_dir}/").split("/", 1)[0]
        stem, lang = _named(rel)
        if kind in ("reviewers", "authors") and not lang:  # a text in another language leaves the page there
            pages.update(f"{folder}{kind}/{stem}/index.html" for folder in folders)
        elif kind in ("articles", "pages"):
            slug = own.get(rel) or (slugs.get(stem, stem) if lang else stem)
            pages.add(f"{lang.lower()}/{slug}/index.html" if lang else f"{slug}/index.html")
            if kind == "articles":
                files.add(rel)
    for article in content.articles:  # a translation whose source failed to load is left out with it
        if article.lang and _named(article.origin.path)[0] in content.unparsed:
            pages.add(article.url.removeprefix("/") + "index.html")
            files.add(article.origin.path)
    for page in content.pages:
        if page.lang and _named(page.origin.path)[0] in content.unparsed_pages:
            pages.add(page.url.removeprefix("/") + "index.html")
    return frozenset(pages), frozenset(files)


def _named(rel: str) -> tuple[str, str]:
    """The stem of a content file and its language: ('klonopin', 'fr') of content/articles/klonopin.fr.md."""
    return translation_of(posixpath.splitext(posixpath.basename(rel))[0])


def _reserved_in_language(item: Article | Page) -> list[Problem]:
    """A translation's slug that is the address of one of its language's own pages (/fr/search/...)."""
    if not item.lang or item.slug not in RESERVED_SLUGS:
        return []
    return [Problem(f"'{item.slug}' is reserved for the site's own pages", item.origin.path,
                    item.origin.line("slug") or 1, "slug", "choose another slug")]


def _draft_paths(items: Iterable[Article | Page]) -> dict[str, str]:
    """Each draft article's or page's file, and the address it would have (a link to it says it is a draft)."""
    return {item.origin.path: f"/{item.lang.lower()}/{item.slug}/" if item.lang else f"/{item.slug}/"
            for item in items if item.draft}


def _page_problems(page: Page, config: SiteConfig, drafts: bool) -> list[Problem]:
    """What the checks find in a plain page, with the severity the site and the build give."""
    return with_policy(check_page(page, policy_of(config)), config.review_policy.strict, drafts)


def _person_problems(content: Content, config: SiteConfig, drafts: bool) -> list[Problem]:
    """What the checks found in reviewers' and authors' files, in every language, with the site's and build's
    severity."""
    people: list[Reviewer | Author | PersonText] = [*content.reviewers, *content.authors, *content.person_texts]
    return with_policy([problem for person in people for problem in person.problems],
                       config.review_policy.strict, drafts)


def _check_image(article: Article, images: Mapping[str, ImageInfo]) -> list[Problem]:
    """The article's card image, when it is a file under assets/, can be shown."""
    info = images.get(article.image.src) if article.image is not None else None
    if info is None or not info.problem:
        return []
    return [Problem(info.problem, article.origin.path, article.origin.line("image"), "image.src",
                    info.hint)]


def listings_of(articles: Iterable[Article], unpublished: set[str] | frozenset[str], feed_entries: int) -> Listings:
    """Where each article is listed: newest review first, and the feed's latest changes.

    Feed readers poll a feed and keep what they have seen, so the feed carries the
    feed_entries latest changes, not the archive (the sitemap lists every page).
    """
    # Two sorts on plain keys take half the time of one on (date, slug) pairs; sorting is
    # stable, so the order is the same: by review date, then by slug, both backwards.
    by_slug = sorted(articles, key=attrgetter("slug"), reverse=True)
    newest = sorted(by_slug, key=lambda a: (a.reviewed or date.min).toordinal(), reverse=True)
    by_category: dict[str, list[str]] = defaultdict(list)
    by_reviewer: dict[str, list[str]] = defaultdict(list)
    by_author: dict[str, list[str]] = defaultdict(list)
    for article in newest:
        by_category[article.category].append(article.slug)
        by_reviewer[article.reviewer].append(article.slug)
        if article.author:
            by_author[article.author].append(article.slug)
    published = [a for a in newest if a.slug not in unpublished]
    feed = heapq.nlargest(feed_entries, published, key=lambda a: (a.last_changed or date.min, a.slug))
    by_tag, tag_names = _tag_listings(newest)
    return Listings(tuple(a.slug for a in newest), _frozen(by_category), _frozen(by_reviewer),
                    tuple(a.slug for a in feed), _frozen(by_author), by_tag, tag_names)


def _frozen(lists: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(slugs) for key, slugs in lists.items()}


def tag_slug(tag: str) -> str:
    """The URL name of a tag: lower-case words joined by hyphens, in ASCII for a Latin script ('' when it has none)."""
    return name_of(tag)


def _tag_listings(newest: list[Article]) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Each tag's articles (newest first, by slug) and its name: the spelling most uses have, then the first in order.

    Tags are one when their slugs are: 'Withdrawal' and 'withdrawal' share /tags/withdrawal/.
    """
    by_tag: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    slugs: dict[str, str] = {}  # tags repeat across thousands of articles: make each slug once
    for article in newest:
        for tag in article.tags:
            slug = slugs.get(tag)
            if slug is None:
                slug = slugs[tag] = tag_slug(tag)
            spellings[slug][tag] += 1
            listed = by_tag[slug]
            if not listed or listed[-1] != article.slug:
                listed.append(article.slug)
    names = {slug: min(counts, key=lambda spelling: (-counts[spelling], spelling))
             for slug, counts in spellings.items()}
    return _frozen(by_tag), names


def _check_tag_spellings(articles: Iterable[Article], listings: Listings) -> list[Problem]:
    """Warn where an article spells a tag otherwise than the name it is shown under."""
    problems = []
    for article in articles:
        for index, tag in enumerate(article.tags):
            name = listings.tag_names.get(tag_slug(tag), tag)
            if tag != name:
                problems.append(Problem(f"tag '{tag}' is shown as '{name}', the spelling written most often, "
                                        "or first in order on a tie",
                                        article.origin.path, article.origin.line("tags"), f"tags[{index}]",
                                        f"write '{name}' so every page names the tag the same way", "warning"))
    return problems


def _check_author(article: Article, people: set[str], content: Content) -> list[Problem]:
    """An author that looks like an id must be one; a team's name in words is shown as written."""
    name = article.author
    if not name or name in people or name in content.unparsed_authors or not ID_SHAPED.fullmatch(name):
        return []
    close = closest(name, people)
    where = (article.origin.path, article.origin.line("author"), "author")
    if close is not None:
        return [Problem(f"no author '{name}' in content/authors/ or content/reviewers/", *where,
                        f"did you mean '{close}'? A team's name can be written in words, e.g. Editorial team")]
    return [Problem(f"'{name}' looks like an author id, but there is no content/authors/{name}.yaml; "
                    "it is shown as written", *where,
                    f"add content/authors/{name}.yaml, or write the name in words, e.g. Editorial team",
                    "warning")]


def _as_warning(problem: Problem) -> Problem:
    return Problem(problem.message + " (previewed as not yet clinically reviewed)", problem.path,
                   problem.line, problem.key, problem.hint, "warning")


def reserved_slugs(config: SiteConfig) -> frozenset[str]:
    """The first path segments the site's own pages use: its sections and the folder of each other language."""
    return RESERVED_SLUGS | {tag.lower() for tag in config.languages[1:]}


def _check_slugs(articles: tuple[Article, ...], content: Content, reserved: frozenset[str]) -> list[Problem]:
    problems = []
    owners: dict[str, Article | Page] = {}
    items: tuple[Article | Page, ...] = (*articles, *content.pages)
    for item in items:
        where = item.origin
        if item.slug in reserved:
            problems.append(Problem(f"'{item.slug}' is reserved for the site's own pages", where.path,
                                    where.line("slug") or 1, "slug", "choose another slug"))
        elif item.slug in owners:
            # The file whose slug: line takes the address is the one to change; the other's comes from its name.
            first = owners[item.slug]
            blamed, other = (first, item) if first.origin.line("slug") and not where.line("slug") else (item, first)
            problems.append(Problem(f"slug '{item.slug}' is already used by {other.origin.path}",
                                    blamed.origin.path, blamed.origin.line("slug") or 1, "slug",
                                    "give one of them a different slug: line"))
        else:
            owners[item.slug] = item
    return problems


def _check_unloaded(content: Content, reviewers: dict[str, Reviewer], config: SiteConfig,
                    today: date) -> list[Problem]:
    """The review and category of articles that failed to load, judged all the same: an error of theirs is
    listed with the file's others, not after they are fixed."""
    problems = []
    for unloaded in content.unloaded:
        article = unloaded.article
        found = check_review(article, reviewers, config.review_policy, today, content.unparsed_reviewers)
        if article.category and config.category(article.category) is None:
            found.append(_unknown_category(article.origin.path, article.origin.line("category"), article.category,
                                           config))
        problems += [problem for problem in found if problem.key not in unloaded.reported]
    return problems


def _unknown_category(path: str, line: int | None, category: str, config: SiteConfig) -> Problem:
    return Problem(f"no category '{category}' in site.yaml", path, line, "category",
                   did_you_mean(category, [c.id for c in config.categories]))


def _renamed_hint(slug: str, by_slug: dict[str, Article]) -> str:
    """When the article whose file is named slug was given another slug (slug: in its frontmatter), say so: the
    spelling closest to the old slug would name some other article."""
    moved = next((other for other in by_slug.values() if posixpath.basename(other.origin.path) == f"{slug}.md"), None)
    return f"{moved.origin.path} has the slug '{moved.slug}' now: name that" if moved else ""


# A slug cut shorter than this is too short to name one article ("add", "are").
SHORTEST_CUT = 4


def _slug_hint(slug: str, known: set[str]) -> str:
    """'did you mean ...?' for a related slug no article has: the one slug it is the start of, or the start of one
    of its words ('klonopin' of klonopin-addiction, 'benzodiazepine' of what-are-benzodiazepines), which difflib
    rates too far from a long slug; else the closest slug, or the known ones."""
    cut = _cut_from(slug, known)
    return f"did you mean '{cut}'?" if cut is not None else did_you_mean(slug, known)


def _cut_from(slug: str, known: set[str]) -> str | None:
    """The one known slug of which slug is the start, or else the start of one of its words; None when none or
    several are (a slug that starts with it is taken before one with a word that does)."""
    if len(slug) < SHORTEST_CUT:
        return None
    words = [name for name in known if f"-{slug}" in f"-{name}"]
    starts = [name for name in words if name.startswith(slug)]
    found = starts or words
    return found[0] if len(found) == 1 else None


def _check_links(article: Article, config: SiteConfig, by_slug: dict[str, Article], known: set[str],
                 failed: frozenset[str], content: Content, drafts: bool) -> list[Problem]:
    """The article's category, related articles and card image (failed: the slugs of articles that failed to
    load, which are neither missing nor drafts)."""
    origin = article.origin
    problems = []
    if config.category(article.category) is None:
        problems.append(_unknown_category(origin.path, origin.line("category"), article.category, config))
    itself = article.source if article.lang else article.slug  # related names the default language's slugs
    for index, slug in enumerate(article.related):
        if slug == itself:
            problems.append(Problem("an article cannot be related to itself", origin.path,
                                    origin.line("related"), f"related[{index}]", f"remove '{slug}'"))
        elif slug not in known:
            problems.append(Problem(f"no article with slug '{slug}'", origin.path, origin.line("related"),
                                    f"related[{index}]", _renamed_hint(slug, by_slug)
                                    or _slug_hint(slug, known - {itself})))
        elif slug not in by_slug and slug not in failed and not drafts:
            problems.append(Problem(f"'{slug}' is a draft and will not be published", origin.path,
                                    origin.line("related"), f"related[{index}]", "remove it until it is published"))
    if article.image is not None:
        problem = check_asset(article.image.src, content.assets)
        if problem:
            problems.append(Problem(problem, origin.path, origin.line("image"), "image.src",
                                    asset_hint(article.image.src, content.assets, "images/pills.svg")))
    return problems


def check_asset(src: str, assets: frozenset[str]) -> str:
    """Say what is wrong with an asset path, or return '' when it is a file under assets/."""
    if src.startswith("https://") or src in assets:  # a file found under assets/ (a space in its name is fine)
        return ""
    if not is_safe_relative(src):
        return f"'{src}' must be a plain path inside assets/"
    if src not in assets:
        return f"no file assets/{src}"
    return ""


def asset_hint(src: str, assets: frozenset[str], example: str) -> str:
    """How to fix an image path that names no file of assets/: the closest one's, else where to put it."""
    return did_you_mean(src, assets, f"put the file under assets/ and give its path, e.g. {example}")


def is_safe_relative(path: str) -> bool:
    """True for a relative path that cannot leave its folder."""
    parts = set(path.split("/"))
    return bool(SAFE_PATH.fullmatch(path)) and not path.startswith("/") and not parts & {"", ".", ".."}


def _check_aliases(articles: tuple[Article, ...], content: Content, reserved: frozenset[str]) -> list[Problem]:
    problems = []
    items: tuple[Article | Page, ...] = (*articles, *content.pages)
    # By file name in lower case: where case is ignored (macOS, Windows) /OLD/ and /old/ are one file.
    taken = {f"{item.slug}/index.html": (item.origin.path, f"{item.slug}/index.html") for item in items}
    for article in articles:
        for index, alias in enumerate(article.aliases):
            where = (article.origin.path, article.origin.line("aliases"), f"aliases[{index}]")
            target = alias_target(alias)
            clash, hint = _alias_clash(target, taken, reserved) if target else ("", "")
            if target is None:
                problems.append(Problem(f"'{alias}' is not a safe site path", *where,
                                        "write an absolute path of letters, digits, '-', '_', '.' and '~' between "
                                        "slashes, such as /old/klonopin-guide/"))
            elif clash:
                problems.append(Problem(f"'{alias}' {clash}", *where, hint))
            else:
                taken[target.lower()] = (article.origin.path, target)
    return problems


def _alias_clash(target: str, taken: dict[str, tuple[str, str]], reserved: frozenset[str]) -> tuple[str, str]:
    """Say why an alias may not write the output file target, and what to do; ('', '') when it may.

    Compared in lower case: a build on a file system that ignores case would write both into one file.
    """
    low = target.lower()
    first = low.split("/")[0]
    own = "remove the alias: the site's own pages cannot be redirected"
    long_part = next((part for part in target.split("/") if overlong(part)), "")
    if long_part:
        return (f"has a part of {overlong(long_part)} between two slashes; at most {MAX_NAME} allowed",
                f"shorten each part of the path to at most {MAX_NAME} characters")
    if first in ROOT_FILES:
        return f"would replace the site's own /{first}", own
    if first in reserved:
        return f"is inside /{first}/, which the site's own pages use", own
    if low in taken:
        path, written = taken[low]
        case = "" if written == target else f" (as /{written}: one file where case is ignored, as on macOS and Windows)"
        return f"is already the address of {path}{case}", "remove the alias or rename the other page"
    for other, (owner, written) in taken.items():  # one path a file, the other a folder: both cannot be written
        if other.startswith(low + "/") or low.startswith(other + "/"):
            return f"clashes with the address of {owner} ({written})", "remove the alias or change one of the paths"
    return "", ""


def _check_people(content: Content) -> list[Problem]:
    """One file per reviewer or author id (dr-ada.yaml and dr-ada.yml would share a page); images under assets/."""
    problems = []
    owners: dict[str, str] = {}
    people: list[Reviewer | Author] = [*sorted(content.reviewers, key=lambda r: r.origin.path),
                                       *sorted(content.authors, key=lambda a: a.origin.path)]
    for person in people:
        what = "reviewer" if isinstance(person, Reviewer) else "author"
        image_problem = check_asset(person.image.src, content.assets) if person.image else ""
        if person.image and image_problem:
            problems.append(Problem(image_problem, person.origin.path, person.origin.line("image"), "image.src",
                                    asset_hint(person.image.src, content.assets, "images/dr-ada.jpg")))
        if person.id in owners:
            hint = (f"keep one file per {what}; its name is the id" if owners[person.id].startswith(
                person.origin.path.rsplit("/", 1)[0]) else
                "a reviewer who writes is named by their reviewer id: remove the author file")
            problems.append(Problem(f"{what} id '{person.id}' is already used by {owners[person.id]}",
                                    person.origin.path, 1, "", hint))
        else:
            owners[person.id] = person.origin.path
    return problems


def alias_target(alias: str) -> str | None:
    """Return the output file an alias path writes, or None if the path is unsafe.

    An old address may hold letters of any language, as written or percent-encoded (/médicaments/,
    /m%C3%A9dicaments/): its file is named with the letters, which a host finds for either form.
    """
    decoded = decoded_path(alias)
    if not decoded.startswith("/") or decoded.startswith("//"):
        return None
    inner = decoded.strip("/")
    parts = set(inner.split("/"))
    if not inner or not SAFE_ALIAS.fullmatch(inner) or parts & {"", ".", ".."}:
        return None
    return inner if inner.endswith(".html") else f"{inner}/index.html"


def _check_config_assets(config: SiteConfig, content: Content) -> list[Problem]:
    problems = []
    for group in ("accreditations", "media"):
        for index, badge in enumerate(getattr(config, group)):
            wrong = _site_file_problem(badge.logo, content.assets, "images/accreditor.svg") if badge.logo else None
            if wrong is not None:
                problems.append(Problem(wrong[0], "site.yaml", badge.logo_line, f"{group}[{index}].logo", wrong[1]))
    return problems


def _check_brand(config: SiteConfig, content: Content) -> list[Problem]:
    """The brand's logo and icon are files of assets/ (never an address elsewhere)."""
    problems = []
    brand = config.brand
    for key, example in (("logo", "images/logo.svg"), ("favicon", "images/icon.svg")):
        src = getattr(brand, key)
        wrong = _site_file_problem(src, content.assets, example) if src else None
        if wrong is not None:
            problems.append(Problem(wrong[0], "site.yaml", brand.lines.get(key), f"brand.{key}", wrong[1]))
    return problems


def _site_file_problem(src: str, assets: frozenset[str], example: str) -> tuple[str, str] | None:
    """Say what is wrong with the path of a logo or icon site.yaml names, and how to fix it; None when it is a
    file of assets/."""
    if src in assets:
        return None
    inside = src.removeprefix("assets/")
    if inside != src and inside in assets:
        return f"no file assets/{src}", f"the path starts inside assets/: write '{inside}'"
    hint = f"put the file under assets/ and give its path there, e.g. {example}"
    if not is_safe_relative(src):  # ../, /etc/..., https://...: the logo must be the site's own file
        return f"'{src}' is not a path inside assets/", hint
    near = _near_asset(src, assets)
    return f"no file assets/{src}", f"did you mean '{near}'?" if near else hint


def _near_asset(src: str, assets: frozenset[str]) -> str | None:
    """The file of assets/ a path that names none was likely meant to name: one of a close name in its folder
    (images/logo.svg for images/logo.png), else one of its name in another folder (brand/logo.svg)."""
    folder, name = posixpath.split(src)
    beside = {posixpath.basename(path): path for path in assets if posixpath.dirname(path) == folder}
    close = closest(name, beside)
    # Names alike in their extension only are not close: icon.svg is no misspelt logo.svg.
    if close is not None and closest(posixpath.splitext(name)[0], [posixpath.splitext(close)[0]]) is not None:
        return beside[close]
    elsewhere = sorted(path for path in assets if posixpath.basename(path).lower() == name.lower())
    return elsewhere[0] if elsewhere else None


def _resolve_related(articles: tuple[Article, ...], by_slug: dict[str, Article],
                     listings: Listings) -> dict[str, tuple[str, ...]]:
    """Each article's related insights: its own list, else the newest of its category."""
    related = {}
    for article in articles:
        chosen = tuple(dict.fromkeys(s for s in article.related if s in by_slug and s != article.slug))  # once each
        if not chosen:
            newest = listings.by_category[article.category]
            chosen = tuple(s for s in newest[:RELATED_FALLBACK + 1] if s != article.slug)[:RELATED_FALLBACK]
        related[article.slug] = chosen
    return related


