"""The Jinja environment and the context of every page; returns output path -> bytes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import outputs
from .errors import Problem, TemplateError
from .graph import alias_target
from .links import SourceOf
from .markdown import MarkdownRenderer, Rendered, reading_minutes
from .model import Article, Category, Page, Reviewer, Site, SiteConfig

BUILTIN_LAYOUTS = Path(__file__).parent / "layouts"
CONTENTS_MIN_SECTIONS = 3


@dataclass(frozen=True, slots=True)
class RenderedArticle:
    """An article's Markdown output: its body, FAQ answers and headings."""

    body: Rendered
    faq_answers: tuple[Markup, ...]
    reading_time: int


def make_env(config: SiteConfig, asset_urls: dict[str, str]) -> jinja2.Environment:
    """Build the Jinja environment: the site's layouts first, then the built-in ones."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(config.layouts_dir),
            jinja2.FileSystemLoader(BUILTIN_LAYOUTS),
        ]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.globals["asset"] = lambda path: asset_urls.get(path, "/assets/" + path)
    env.globals["absolute"] = lambda url: config.base_url + url
    return env


def long_date(value: date | None) -> str:
    """Format a date as '14 September 2026'."""
    return f"{value.day} {value:%B %Y}" if value else ""


def render_article_markdown(article: Article, renderer: MarkdownRenderer, words_per_minute: int) -> RenderedArticle:
    """Render an article's body and FAQ answers."""
    body = renderer.render(article.body)
    answers = tuple(renderer.render(faq.answer).html for faq in article.faq)
    minutes = article.reading_time or reading_minutes(article.body, words_per_minute)
    return RenderedArticle(body, answers, minutes)


def check_headings(article: Article | Page, rendered: Rendered) -> list[Problem]:
    """The title is the page's only H1 and headings never skip a level."""
    problems = []
    previous = 1
    for heading in rendered.headings:
        if heading.level == 1:
            problems.append(Problem(f"heading '{heading.text}' is a level-1 heading", article.origin.path,
                                    article.origin.body_line, "body",
                                    "the title is the page's only H1: start sections with ##"))
        elif heading.level > previous + 1:
            problems.append(Problem(f"heading '{heading.text}' skips from H{previous} to H{heading.level}",
                                    article.origin.path, article.origin.body_line, "body",
                                    f"use {'#' * (previous + 1)} for it"))
        previous = max(heading.level, 1)
    return problems


class SiteRenderer:
    """Render every page of an assembled site."""

    def __init__(self, site: Site, env: jinja2.Environment,
                 bodies: dict[str, RenderedArticle], pages: dict[str, Rendered]) -> None:
        self.site = site
        self.env = env
        self.bodies = bodies
        self.page_bodies = pages
        self.reviewers = {r.id: r for r in site.reviewers}
        self.by_category: dict[str, list[Article]] = defaultdict(list)
        self.by_reviewer: dict[str, list[Article]] = defaultdict(list)
        for article in self.newest_first(site.articles):
            self.by_category[article.category].append(article)
            self.by_reviewer[article.reviewer].append(article)

    def newest_first(self, articles: Any) -> list[Article]:
        return sorted(articles, key=lambda a: (a.reviewed or date.min, a.slug), reverse=True)

    def template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template syntax error: {exc.message}", _layout_path(exc.filename),
                                exc.lineno) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"layout not found: {exc.name}", "layouts") from None

    def render(self, name: str, **context: Any) -> bytes:
        try:
            html = self.template(name).render(site=self.site, config=self.site.config, **context)
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"undefined value in layout {name}: {exc.message}", f"layouts/{name}") from None
        return html.encode("utf-8")

    def pages(self) -> Iterator[tuple[str, Callable[[], bytes]]]:
        """Yield (output path, function that renders it) for every page."""
        site = self.site
        yield "index.html", self.home
        yield "404.html", lambda: self.render("404.html", page=outputs.meta(site, "Page not found", "", "/404.html", noindex=True))
        yield "search/index.html", self.search
        yield "drugs/index.html", self.drugs
        for article in site.articles:
            yield f"{article.slug}/index.html", lambda a=article: self.article(a)
        for category in site.config.categories:
            yield f"insights/{category.id}/index.html", lambda c=category: self.category(c)
        for reviewer in site.reviewers:
            yield f"reviewers/{reviewer.id}/index.html", lambda r=reviewer: self.reviewer(r)
        for page in site.pages:
            yield f"{page.slug}/index.html", lambda p=page: self.page(p)

    def article(self, article: Article) -> bytes:
        site = self.site
        rendered = self.bodies[article.slug]
        category = site.config.category(article.category)
        reviewer = self.reviewers.get(article.reviewer)
        sections = [h for h in rendered.body.headings if h.level == 2]
        return self.render(
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

    def home(self) -> bytes:
        site = self.site
        latest = [a for a in self.newest_first(site.articles) if a.slug not in site.unpublished][:6]
        return self.render("home.html", latest=latest, by_category=self.by_category,
                           page=outputs.meta(site, "", site.config.organization.description or site.config.tagline,
                                             "/", jsonld=[outputs.organization_jsonld(site)]))

    def category(self, category: Category) -> bytes:
        site = self.site
        return self.render("category.html", category=category, articles=self.by_category[category.id],
                           page=outputs.meta(site, f"{category.title} insights", category.help,
                                             f"/insights/{category.id}/",
                                             jsonld=[outputs.breadcrumbs_jsonld(site, [(category.title, f"/insights/{category.id}/")])]))

    def reviewer(self, reviewer: Reviewer) -> bytes:
        site = self.site
        return self.render("reviewer.html", reviewer=reviewer, articles=self.by_reviewer[reviewer.id],
                           page=outputs.meta(site, reviewer.name, f"{reviewer.name}, {reviewer.credentials}",
                                             reviewer.url, jsonld=[outputs.person_jsonld(site, reviewer)]))

    def drugs(self) -> bytes:
        site = self.site
        return self.render("drugs.html", letters=outputs.drug_index(site.articles),
                           page=outputs.meta(site, "Drugs A to Z", f"Every drug covered on {site.config.title}",
                                             "/drugs/"))

    def search(self) -> bytes:
        return self.render("search.html", page=outputs.meta(self.site, "Search", "", "/search/", noindex=True))

    def page(self, page: Page) -> bytes:
        return self.render("page.html", plain=page, body=self.page_bodies[page.slug].html,
                           page=outputs.meta(self.site, page.title, page.summary, page.url))


def _layout_path(filename: str | None) -> str:
    if not filename:
        return "layouts"
    path = Path(filename)
    if path.is_relative_to(BUILTIN_LAYOUTS):
        return f"(built-in) layouts/{path.relative_to(BUILTIN_LAYOUTS).as_posix()}"
    return f"layouts/{path.name}"


def render_markdown(site: Site, renderer: MarkdownRenderer) -> tuple[dict[str, RenderedArticle], dict[str, Rendered], list[Problem]]:
    """Render every article's and page's Markdown and check its headings."""
    bodies: dict[str, RenderedArticle] = {}
    problems: list[Problem] = []
    for article in site.articles:
        bodies[article.slug] = render_article_markdown(article, renderer, site.config.words_per_minute)
        problems += check_headings(article, bodies[article.slug].body)
    pages = {}
    for page in site.pages:
        pages[page.slug] = renderer.render(page.body)
        problems += check_headings(page, pages[page.slug])
    return bodies, pages, problems


def render_site(site: Site, env: jinja2.Environment, bodies: dict[str, RenderedArticle],
                page_bodies: dict[str, Rendered]) -> tuple[dict[str, bytes], dict[str, SourceOf]]:
    """Render every page and feed of the site: output path -> bytes, and where each page came from."""
    renderer = SiteRenderer(site, env, bodies, page_bodies)
    files = {path: make() for path, make in renderer.pages()}
    redirect = renderer.template("redirect.html")
    for old, new in outputs.redirects(site):
        target = alias_target(old)
        if target:
            files[target] = redirect.render(config=site.config, target=new).encode("utf-8")
    files["sitemap.xml"] = outputs.sitemap_xml(site, outputs.sitemap_paths(site))
    files["feed.xml"] = outputs.feed_xml(site)
    files["robots.txt"] = outputs.robots_txt(site)
    files["_redirects"] = outputs.redirects_file(outputs.redirects(site))
    sources = {f"{a.slug}/index.html": SourceOf(a.origin.path, a.body, a.origin.body_line) for a in site.articles}
    sources |= {f"{p.slug}/index.html": SourceOf(p.origin.path, p.body, p.origin.body_line) for p in site.pages}
    return files, sources
