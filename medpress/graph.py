"""assemble(): resolve slugs, categories, related insights, reviewers and aliases.

Pure: takes the config and the content read from disk, returns the Site and every
problem found. Nothing here reads or writes files.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from operator import attrgetter

from .errors import Problem, did_you_mean
from .model import Article, Content, Listings, Page, Site, SiteConfig
from .review import POLICY_KEYS, check_review, review_statuses

RESERVED_SLUGS = frozenset({"insights", "reviewers", "drugs", "search", "assets", "pagefind"})
# Files the site writes at its root: an alias may neither replace one nor turn it into a folder.
ROOT_FILES = frozenset({"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "_redirects",
                        "_headers"})
RELATED_FALLBACK = 3
SAFE_PATH = re.compile(r"^[A-Za-z0-9._~/-]+$")


def assemble(config: SiteConfig, content: Content, today: date, drafts: bool = False) -> tuple[Site, list[Problem]]:
    """Check the content against itself and the config; return the site and its problems."""
    problems: list[Problem] = []
    reviewers = {r.id: r for r in content.reviewers}
    articles = tuple(sorted((a for a in content.articles if drafts or not a.draft), key=lambda a: a.slug))
    problems += _check_slugs(articles, content)
    problems += _check_reviewers(content)
    by_slug = {a.slug: a for a in articles}
    # Drafts are known slugs even when left out, so a link to one says so instead of 'no article'.
    known = set(by_slug) | content.unparsed | {a.slug for a in content.articles if a.draft}
    unpublished: set[str] = {a.slug for a in articles if a.draft}
    for article in articles:
        problems += _check_links(article, config, by_slug, known, content, drafts)
        for problem in check_review(article, reviewers, config.review_policy, today, content.unparsed_reviewers):
            if drafts and problem.key in POLICY_KEYS and problem.severity == "error":
                unpublished.add(article.slug)
                problem = _as_warning(problem)
            problems.append(problem)
    problems += _check_aliases(articles, content)
    problems += _check_config_assets(config, content)
    pages = tuple(sorted((p for p in content.pages if drafts or not p.draft), key=lambda p: p.slug))
    listings = listings_of(articles, unpublished, config.feed_entries)
    site = Site(config, articles, tuple(sorted(content.reviewers, key=lambda r: r.id)), pages,
                today, review_statuses(articles, config.review_policy, today),
                _resolve_related(articles, by_slug, listings), by_slug, listings, frozenset(unpublished))
    return site, problems


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
    for article in newest:
        by_category[article.category].append(article.slug)
        by_reviewer[article.reviewer].append(article.slug)
    published = [a for a in newest if a.slug not in unpublished]
    feed = heapq.nlargest(feed_entries, published, key=lambda a: (a.last_changed or date.min, a.slug))
    return Listings(tuple(a.slug for a in newest), {c: tuple(slugs) for c, slugs in by_category.items()},
                    {r: tuple(slugs) for r, slugs in by_reviewer.items()}, tuple(a.slug for a in feed))


def _as_warning(problem: Problem) -> Problem:
    return Problem(problem.message + " (previewed as not yet clinically reviewed)", problem.path,
                   problem.line, problem.key, problem.hint, "warning")


def _check_slugs(articles: tuple[Article, ...], content: Content) -> list[Problem]:
    problems = []
    owners: dict[str, str] = {}
    items: tuple[Article | Page, ...] = (*articles, *content.pages)
    for item in items:
        where = item.origin
        if item.slug in RESERVED_SLUGS:
            problems.append(Problem(f"'{item.slug}' is reserved for the site's own pages", where.path,
                                    where.line("slug") or 1, "slug", "choose another slug"))
        elif item.slug in owners:
            problems.append(Problem(f"slug '{item.slug}' is already used by {owners[item.slug]}",
                                    where.path, where.line("slug") or 1, "slug",
                                    "give one of them a different slug: line"))
        else:
            owners[item.slug] = where.path
    return problems


def _check_links(article: Article, config: SiteConfig, by_slug: dict[str, Article], known: set[str],
                 content: Content, drafts: bool) -> list[Problem]:
    origin = article.origin
    problems = []
    if config.category(article.category) is None:
        problems.append(Problem(f"no category '{article.category}' in site.yaml", origin.path,
                                origin.line("category"), "category",
                                did_you_mean(article.category, [c.id for c in config.categories])))
    for index, slug in enumerate(article.related):
        if slug == article.slug:
            problems.append(Problem("an article cannot be related to itself", origin.path,
                                    origin.line("related"), f"related[{index}]", f"remove '{slug}'"))
        elif slug not in known:
            problems.append(Problem(f"no article with slug '{slug}'", origin.path, origin.line("related"),
                                    f"related[{index}]", did_you_mean(slug, known)))
        elif slug not in by_slug and slug not in content.unparsed and not drafts:
            problems.append(Problem(f"'{slug}' is a draft and will not be published", origin.path,
                                    origin.line("related"), f"related[{index}]", "remove it until it is published"))
    if article.image is not None:
        problem = check_asset(article.image.src, content.assets)
        if problem:
            problems.append(Problem(problem, origin.path, origin.line("image"), "image.src",
                                    "put the file under assets/ and give its path, e.g. images/pills.svg"))
    return problems


def check_asset(src: str, assets: frozenset[str]) -> str:
    """Say what is wrong with an asset path, or return '' when it is a file under assets/."""
    if src.startswith("https://"):
        return ""
    if not is_safe_relative(src):
        return f"'{src}' must be a plain path inside assets/"
    if src not in assets:
        return f"no file assets/{src}"
    return ""


def is_safe_relative(path: str) -> bool:
    """True for a relative path that cannot leave its folder."""
    parts = set(path.split("/"))
    return bool(SAFE_PATH.fullmatch(path)) and not path.startswith("/") and not parts & {"", ".", ".."}


def _check_aliases(articles: tuple[Article, ...], content: Content) -> list[Problem]:
    problems = []
    items: tuple[Article | Page, ...] = (*articles, *content.pages)
    taken = {f"{item.slug}/index.html": item.origin.path for item in items}
    for article in articles:
        for index, alias in enumerate(article.aliases):
            where = (article.origin.path, article.origin.line("aliases"), f"aliases[{index}]")
            target = alias_target(alias)
            clash, hint = _alias_clash(target, taken) if target else ("", "")
            if target is None:
                problems.append(Problem(f"'{alias}' is not a safe site path", *where,
                                        "write an absolute path such as /old/klonopin-guide/"))
            elif clash:
                problems.append(Problem(f"'{alias}' {clash}", *where, hint))
            else:
                taken[target] = article.origin.path
    return problems


def _alias_clash(target: str, taken: dict[str, str]) -> tuple[str, str]:
    """Say why an alias may not write the output file target, and what to do; ('', '') when it may."""
    first = target.split("/")[0]
    own = "remove the alias: the site's own pages cannot be redirected"
    if first in ROOT_FILES:
        return f"would replace the site's own /{first}", own
    if first in RESERVED_SLUGS:
        return f"is inside /{first}/, which the site's own pages use", own
    if target in taken:
        return f"is already the address of {taken[target]}", "remove the alias or rename the other page"
    for other, owner in taken.items():  # one path a file, the other a folder: both cannot be written
        if other.startswith(target + "/") or target.startswith(other + "/"):
            return f"clashes with the address of {owner} ({other})", "remove the alias or change one of the paths"
    return "", ""


def _check_reviewers(content: Content) -> list[Problem]:
    """One file per reviewer id (dr-ada.yaml and dr-ada.yml would share a page); images under assets/."""
    problems = []
    owners: dict[str, str] = {}
    for reviewer in sorted(content.reviewers, key=lambda r: r.origin.path):
        image_problem = check_asset(reviewer.image.src, content.assets) if reviewer.image else ""
        if image_problem:
            problems.append(Problem(image_problem, reviewer.origin.path, reviewer.origin.line("image"), "image.src",
                                    "put the file under assets/ and give its path, e.g. images/dr-ada.jpg"))
        if reviewer.id in owners:
            problems.append(Problem(f"reviewer id '{reviewer.id}' is already used by {owners[reviewer.id]}",
                                    reviewer.origin.path, 1, "", "keep one file per reviewer; its name is the id"))
        else:
            owners[reviewer.id] = reviewer.origin.path
    return problems


def alias_target(alias: str) -> str | None:
    """Return the output file an alias path writes, or None if the path is unsafe."""
    if not alias.startswith("/") or alias.startswith("//"):
        return None
    inner = alias.strip("/")
    if not inner or not is_safe_relative(inner):
        return None
    return inner if inner.endswith(".html") else f"{inner}/index.html"


def _check_config_assets(config: SiteConfig, content: Content) -> list[Problem]:
    problems = []
    for group in ("accreditations", "media"):
        for index, badge in enumerate(getattr(config, group)):
            if badge.logo:
                problem = check_asset(badge.logo, content.assets)
                if problem:
                    problems.append(Problem(problem, "site.yaml", None, f"{group}[{index}].logo",
                                            "put the logo under assets/ or remove logo:"))
    return problems


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


