"""The Jinja environment, the context of every page and the key of what each page shows."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import islice
from typing import Any, overload

import jinja2
from markupsafe import Markup

from . import outputs
from .errors import Problem
from .graph import alias_target
from .layouts import load_layout, render_layout
from .layouts import make_env as make_env  # pipeline and quickedit import it from here
from .markdown import MarkdownRenderer, Rendered, reading_minutes
from .model import Article, Category, Page, Reviewer, Site, SiteConfig
from .sources import text_digest

CONTENTS_MIN_SECTIONS = 3
LATEST_ON_HOME = 6
# Bump when the Markdown configuration changes, so cached bodies are rendered again.
MARKDOWN_VERSION = "md-2"


@dataclass(frozen=True, slots=True)
class RenderedArticle:
    """An article's Markdown output: its body, FAQ answers and headings."""

    body: Rendered
    faq_answers: tuple[Markup, ...]
    reading_time: int


def render_article_markdown(article: Article, body: str, renderer: MarkdownRenderer,
                            words_per_minute: int) -> RenderedArticle:
    """Render an article's body and FAQ answers."""
    rendered = renderer.render(body)
    answers = tuple(renderer.render(faq.answer).html for faq in article.faq)
    minutes = article.reading_time or reading_minutes(body, words_per_minute)
    return RenderedArticle(rendered, answers, minutes)


def check_body(article: Article | Page, rendered: Rendered, text: Callable[[], str],
               renderer: MarkdownRenderer) -> list[Problem]:
    """The title is the page's only H1, headings never skip a level, nothing shows as stray syntax.

    text gives the Markdown rendered: only when a heading is wrong is it read and
    rendered again with source positions (a third slower), to name the heading's line.
    """
    where = article.origin
    problems = [Problem("an abbreviation definition (*[...]: ...) would show as text", where.path,
                        where.body_line + line - 1, "body",
                        "spell the term out where it is first used, e.g. 'methadone maintenance treatment "
                        "(MMT)', or write <abbr title=\"methadone maintenance treatment\">MMT</abbr>")
                for line in rendered.abbreviation_lines]
    wrong: list[tuple[int, str, str]] = []  # (which heading, what is wrong, how to fix it)
    previous = 1
    for index, heading in enumerate(rendered.headings):
        if heading.level == 1:
            wrong.append((index, f"heading '{heading.text}' is a level-1 heading",
                          "the title is the page's only H1: start sections with ##"))
        elif heading.level > previous + 1:
            wrong.append((index, f"heading '{heading.text}' skips from H{previous} to H{heading.level}",
                          f"use {'#' * (previous + 1)} for it"))
        previous = max(heading.level, 1)
    if wrong:
        placed = renderer.render(text(), positions=True).headings
        problems += [Problem(message, where.path, where.body_line + max(placed[index].line - 1, 0), "body", hint)
                     for index, message, hint in wrong]
    return problems


@dataclass(frozen=True, slots=True)
class PageJob:
    """One output page: where it goes, the hash of everything it shows, how to make it."""

    path: str
    key: str
    kind: str
    name: str = ""
    source: str = ""  # the content file an editor would open for this page
    number: int = 1  # which page of a listing


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of a paged listing stands: its number, how many pages, their addresses."""

    number: int
    count: int
    first_url: str  # the listing's first page, e.g. /insights/opioids/

    def url(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.count else None

    @property
    def path(self) -> str:
        """The output file of this page."""
        return self.url(self.number)[1:] + "index.html"


class Listed(Sequence[Article]):
    """A listing's articles (Listings), each looked up by slug only when a page shows it."""

    __slots__ = ("slugs", "by_slug")

    def __init__(self, slugs: tuple[str, ...], by_slug: Mapping[str, Article]) -> None:
        self.slugs = slugs
        self.by_slug = by_slug

    def __len__(self) -> int:
        return len(self.slugs)

    def __iter__(self) -> Iterator[Article]:
        return (self.by_slug[slug] for slug in self.slugs)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> list[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | list[Article]:
        if isinstance(index, slice):
            return [self.by_slug[slug] for slug in self.slugs[index]]
        return self.by_slug[self.slugs[index]]


def page_count(items: int, per_page: int) -> int:
    """How many pages a listing of this many items takes (an empty one takes one)."""
    return max(1, -(-items // per_page))


def listing_page(items: Sequence[Article], per_page: int, number: int) -> tuple[Sequence[Article], int]:
    """The articles on page number of a listing, and how many pages it has."""
    return items[(number - 1) * per_page:number * per_page], page_count(len(items), per_page)


class MarkdownSource:
    """Rendered Markdown for the renderer: from the build cache, or rendered now."""

    def __init__(self, config: SiteConfig, store: Any = None,
                 read_body: Callable[[Article], str] | None = None) -> None:
        self.config = config
        self.store = store
        self.read_body = read_body
        self.renderer = MarkdownRenderer()

    def body_text(self, article: Article) -> str:
        return self.read_body(article) if self.read_body is not None else ""

    def article(self, article: Article) -> RenderedArticle:
        # What render_article_markdown reads, and no more: a frontmatter edit finds the body rendered.
        key = digest_of(article.body_digest, tuple(faq.answer for faq in article.faq), article.reading_time,
                        MARKDOWN_VERSION, self.config.words_per_minute)
        cached = self.store.get(key) if self.store is not None else None
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        body = self.body_text(article)
        rendered = render_article_markdown(article, body, self.renderer, self.config.words_per_minute)
        # The file may have been saved again since it was parsed: that body is not the one the
        # key names, and caching it would show it again after an undo back to the parsed one.
        if self.store is not None and text_digest(body) == article.body_digest:
            self.store.put(key, rendered)
        return rendered

    def page(self, page: Page) -> Rendered:
        return self.renderer.render(page.body)


def digest_of(*parts: object) -> str:
    """Hash the repr of values (frozen dataclasses, tuples, strings) into a short key."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


class SiteRenderer:
    """Render the pages of an assembled site, each keyed by a hash of what it shows."""

    def __init__(self, site: Site, env: jinja2.Environment, markdown: MarkdownSource, base_key: str) -> None:
        self.site = site
        self.env = env
        self.markdown = markdown
        self.base_key = base_key
        self.reviewers = {r.id: r for r in site.reviewers}
        self.pages_by_slug = {p.slug: p for p in site.pages}
        self.reviewer_keys = {r.id: digest_of(r) for r in site.reviewers}  # hashed once, not once per article

    def category_listing(self, category_id: str) -> Listed:
        return Listed(self.site.listings.by_category.get(category_id, ()), self.site.by_slug)

    def reviewer_listing(self, reviewer_id: str) -> Listed:
        return Listed(self.site.listings.by_reviewer.get(reviewer_id, ()), self.site.by_slug)

    @cached_property
    def sitemap_paths(self) -> list[tuple[str, date | None]]:
        return outputs.sitemap_paths(self.site)

    def _stamp(self, article: Article) -> tuple[str, bool]:
        """What pages that list an article depend on: its frontmatter (layouts get no body there)."""
        return article.front_digest, article.slug in self.site.unpublished

    def _key(self, *parts: object) -> str:
        return digest_of(self.base_key, *parts)

    def jobs(self) -> list[PageJob]:
        """Every page of the site, with the key of its inputs."""
        site = self.site
        jobs = [
            self.home_job(),
            PageJob("404.html", self._key("404"), "404"),
            PageJob("search/index.html", self._key("search"), "search"),
            self.drugs_job(),
            self.sitemap_job(),
            self.feed_job(),
            PageJob("robots.txt", self._key("robots"), "robots"),
            PageJob("_redirects", self._key("redirects", outputs.redirects(site)), "redirects"),
        ]
        jobs += [self.article_job(article) for article in site.articles]
        for category in site.config.categories:
            jobs += [self.category_job(category, n) for n in self._page_numbers(self.category_listing(category.id))]
        for reviewer in site.reviewers:
            jobs += [self.reviewer_job(reviewer, n) for n in self._page_numbers(self.reviewer_listing(reviewer.id))]
        for page in site.pages:
            jobs.append(PageJob(f"{page.slug}/index.html", self._key("page", page), "page", page.slug,
                                page.origin.path))
        for old, new in outputs.redirects(site):
            target = alias_target(old)
            if target:
                jobs.append(PageJob(target, self._key("redirect", new), "redirect", new))
        return jobs

    def jobs_showing(self, article: Article, before: Article) -> list[PageJob]:
        """The pages that show anything of an article's frontmatter, as long as the article stays
        where it is in the site (what that means: quickedit.IN_PLACE; its last change is the same,
        so the sitemap is too).

        before is the article as the last build saw it: the A to Z page, which takes every
        article, is left out when what it shows of this one is the same. The home page and the
        feed are left out when the article is not among theirs: keying them reads their articles.
        """
        site = self.site
        jobs = [self.article_job(article)]
        if article.slug in self._latest_slugs():
            jobs.append(self.home_job())
        if article.slug in site.listings.feed:
            jobs.append(self.feed_job())
        if drug_entry(article) != drug_entry(before):
            jobs.append(self.drugs_job())
        jobs += [self.article_job(site.by_slug[other]) for other, shown in site.related.items()
                 if article.slug in shown]
        # Only the page of each listing that holds the article: in place, it keeps its position there.
        category = site.config.category(article.category)
        if category is not None:
            jobs.append(self.category_job(category, self._page_holding(article, self.category_listing(category.id))))
        if article.reviewer in self.reviewers:
            reviewer = self.reviewers[article.reviewer]
            jobs.append(self.reviewer_job(reviewer, self._page_holding(article, self.reviewer_listing(reviewer.id))))
        return jobs

    def _page_holding(self, article: Article, listed: Listed) -> int:
        """The number of the page of a listing that shows article."""
        return listed.slugs.index(article.slug) // self.site.config.per_page + 1

    def _page_numbers(self, listed: Listed) -> range:
        return range(1, page_count(len(listed), self.site.config.per_page) + 1)

    def home_job(self) -> PageJob:
        counts = sorted((c, len(slugs)) for c, slugs in self.site.listings.by_category.items())
        return PageJob("index.html", self._key("home", [self._stamp(a) for a in self.latest()], counts), "home")

    def drugs_job(self) -> PageJob:
        # The A to Z page and the sitemap are keyed by what they show, so a new title re-renders neither.
        return PageJob("drugs/index.html", self._key("drugs", [entry for a in self.site.articles
                                                               if (entry := drug_entry(a))]), "drugs")

    def sitemap_job(self) -> PageJob:
        return PageJob("sitemap.xml", self._key("sitemap", self.sitemap_paths), "sitemap")

    @cached_property
    def feed_entries(self) -> list[tuple[date | None, Article]]:
        return [(article.last_changed, article) for article in Listed(self.site.listings.feed, self.site.by_slug)]

    def feed_job(self) -> PageJob:
        return PageJob("feed.xml", self._key("feed", [self._stamp(a) for _, a in self.feed_entries]), "feed")

    def category_job(self, category: Category, number: int) -> PageJob:
        members, count = listing_page(self.category_listing(category.id), self.site.config.per_page, number)
        return PageJob(Pager(number, count, category.url).path,
                       self._key("category", category.id, number, count, [self._stamp(a) for a in members]),
                       "category", category.id, number=number)

    def reviewer_job(self, reviewer: Reviewer, number: int) -> PageJob:
        members, count = listing_page(self.reviewer_listing(reviewer.id), self.site.config.per_page, number)
        reviewed = [(self._stamp(a), self.site.review.get(a.slug)) for a in members]
        return PageJob(Pager(number, count, reviewer.url).path,
                       self._key("reviewer", reviewer, number, count, reviewed),
                       "reviewer", reviewer.id, reviewer.origin.path, number)

    def article_job(self, article: Article) -> PageJob:
        """An article's page: its whole file, what its related cards and reviewer show, its review status."""
        site = self.site
        related = [self._stamp(site.by_slug[s]) for s in site.related[article.slug]]
        return PageJob(f"{article.slug}/index.html",
                       self._key("article", article.digest, self._stamp(article), related,
                                 self.reviewer_keys.get(article.reviewer), site.review.get(article.slug),
                                 self.reviewer_keys.get(article.author)),  # an author may be a reviewer id
                       "article", article.slug, article.origin.path)

    def render(self, job: PageJob) -> tuple[bytes, list[Problem]]:
        """Render one page; return its bytes and any problem found in its Markdown."""
        site = self.site
        if job.kind == "article":
            return self.article(site.by_slug[job.name])
        if job.kind == "page":
            page = self.pages_by_slug[job.name]
            rendered = self.markdown.page(page)
            html = self.html("page.html", plain=page, body=rendered.html,
                             page=outputs.meta(site, page.title, page.summary, page.url))
            return html, check_body(page, rendered, lambda: page.body, self.markdown.renderer)
        simple: dict[str, Callable[[], bytes]] = {
            "home": self.home, "404": self.not_found, "search": self.search, "drugs": self.drugs,
            "sitemap": lambda: outputs.sitemap_xml(site, self.sitemap_paths),
            "feed": lambda: outputs.feed_xml(site, self.feed_entries),
            "robots": lambda: outputs.robots_txt(site),
            "redirects": lambda: outputs.redirects_file(outputs.redirects(site)),
            "category": lambda: self.category(site.config.category(job.name), job.number),  # type: ignore[arg-type]
            "reviewer": lambda: self.reviewer(self.reviewers[job.name], job.number),
            "redirect": lambda: self.template("redirect.html").render(
                config=site.config, target=job.name).encode("utf-8"),
        }
        return simple[job.kind](), []

    def body_text(self, job: PageJob) -> str:
        """The Markdown a page was made from, for pointing at the line of a broken link."""
        if job.kind == "article":
            return self.markdown.body_text(self.site.by_slug[job.name])
        if job.kind == "page":
            return self.pages_by_slug[job.name].body
        return ""

    def template(self, name: str) -> jinja2.Template:
        return load_layout(self.env, name)

    def html(self, name: str, **context: Any) -> bytes:
        return render_layout(self.env, name, site=self.site, config=self.site.config, **context)

    def latest(self) -> list[Article]:
        return [self.site.by_slug[slug] for slug in self._latest_slugs()]

    def _latest_slugs(self) -> list[str]:
        published = (slug for slug in self.site.listings.newest if slug not in self.site.unpublished)
        return list(islice(published, LATEST_ON_HOME))

    def article(self, article: Article) -> tuple[bytes, list[Problem]]:
        site = self.site
        rendered = self.markdown.article(article)
        category = site.config.category(article.category)
        reviewer = self.reviewers.get(article.reviewer)
        sections = [h for h in rendered.body.headings if h.level == 2]
        html = self.html(
            "article.html",
            article=article,
            body=rendered.body.html,
            contents=sections if len(sections) >= CONTENTS_MIN_SECTIONS else [],
            faq=list(zip(article.faq, rendered.faq_answers, strict=True)),
            reading_time=rendered.reading_time,
            reviewer=reviewer,
            review=site.review.get(article.slug),
            category=category,
            related=[site.by_slug[s] for s in site.related[article.slug]],
            unpublished=article.slug in site.unpublished,
            page=outputs.meta(site, article.title, article.summary, article.url,
                              noindex=article.slug in site.unpublished, image=article.image,
                              jsonld=outputs.article_jsonld(site, article, reviewer, category,
                                                            tuple(str(a) for a in rendered.faq_answers))),
        )
        return html, check_body(article, rendered.body, lambda: self.markdown.body_text(article),
                                self.markdown.renderer)

    def home(self) -> bytes:
        site = self.site
        by_category = {category.id: self.category_listing(category.id) for category in site.config.categories}
        return self.html("home.html", latest=self.latest(), by_category=by_category,
                         page=outputs.meta(site, "", site.config.organization.description or site.config.tagline,
                                           "/", jsonld=[outputs.organization_jsonld(site)]))

    def category(self, category: Category, number: int) -> bytes:
        site = self.site
        members, count = listing_page(self.category_listing(category.id), site.config.per_page, number)
        pager = Pager(number, count, category.url)
        return self.html("category.html", category=category, articles=members, pager=pager,
                         page=outputs.meta(site, _numbered(f"{category.title} insights", pager), category.help,
                                           pager.url(number), jsonld=[outputs.breadcrumbs_jsonld(
                                               site, [(category.title, category.url)])]))

    def reviewer(self, reviewer: Reviewer, number: int) -> bytes:
        site = self.site
        members, count = listing_page(self.reviewer_listing(reviewer.id), site.config.per_page, number)
        pager = Pager(number, count, reviewer.url)
        return self.html("reviewer.html", reviewer=reviewer, articles=members, pager=pager,
                         page=outputs.meta(site, _numbered(reviewer.name, pager),
                                           f"{reviewer.name}, {reviewer.credentials}", pager.url(number),
                                           jsonld=[outputs.person_jsonld(site, reviewer)]))

    def drugs(self) -> bytes:
        site = self.site
        return self.html("drugs.html", letters=outputs.drug_index(site.articles),
                         page=outputs.meta(site, "Drugs A to Z", f"Every drug covered on {site.config.title}",
                                           "/drugs/"))

    def search(self) -> bytes:
        return self.html("search.html", page=outputs.meta(self.site, "Search", "", "/search/", noindex=True))

    def not_found(self) -> bytes:
        return self.html("404.html", page=outputs.meta(self.site, "Page not found", "", "/404.html", noindex=True))


def drug_entry(article: Article) -> tuple[str, str, str, tuple[str, ...]] | None:
    """What the A to Z page shows of an article."""
    drug = article.drug
    return (article.slug, drug.name, drug.generic, drug.brand_names) if drug else None


def _numbered(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title}, page {pager.number} of {pager.count}"

