"""The kinds of page a site has: for each, which pages there are and how one is made.

Each kind reads the site only through the View it is given, so what it reads is
recorded and makes its key (reads.py). A kind never says what it depends on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, ClassVar

from . import outputs
from .bodies import finish
from .errors import Problem
from .graph import alias_target, tag_slug
from .labels import Labels
from .markdown import Rendered
from .model import INSIGHTS_URL, Article, Author, Category, Page, Reviewer, Site, tag_url

CONTENTS_MIN_SECTIONS = 3
LATEST_ON_HOME = 6


@dataclass(frozen=True, slots=True)
class PageJob:
    """One output page: where it goes, its kind, and which one of that kind."""

    path: str
    kind: str
    name: str = ""
    number: int = 1  # which page of a listing

    def as_tuple(self) -> tuple[str, str, int]:
        return self.kind, self.name, self.number


class View:
    """What one page's rendering may read: the watched site and the renderer's tools."""

    def __init__(self, site: Site, reviewers: Mapping[str, Reviewer], plain: Mapping[str, Page],
                 every: Callable[..., Sequence[Article]], html: Callable[..., bytes], detached: Callable[[str], str],
                 markdown: Callable[[Article], Any], page_markdown: Callable[[Page], Rendered],
                 check: Callable[..., list[Problem]], authors: Mapping[str, Author], labels: Labels,
                 default: Site | None = None) -> None:
        self.site = site
        self.default = default or site  # the default language's site (a translation's page links to it)
        self.reviewers = reviewers
        self.authors = authors
        self.plain = plain
        self.every = every  # every article, for a whole-site fact: the caller reads only that fact's part
        self.html = html
        self.detached = detached  # a piece of HTML as structured data carries it: links as on the page, absolute
        self.markdown = markdown
        self.page_markdown = page_markdown
        self.check = check
        self.labels = labels  # the interface text in the page's language


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
    """A listing's articles, each looked up by slug only when a page shows it."""

    __slots__ = ("by_slug", "slugs")

    def __init__(self, slugs: Sequence[str], by_slug: Mapping[str, Article]) -> None:
        self.slugs = slugs
        self.by_slug = by_slug

    def __len__(self) -> int:
        return len(self.slugs)

    def __iter__(self) -> Any:
        return (self.by_slug[slug] for slug in self.slugs)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.by_slug[slug] for slug in self.slugs[index]]
        return self.by_slug[self.slugs[index]]


def page_count(items: int, per_page: int) -> int:
    """How many pages a listing of this many items takes (an empty one takes one)."""
    return max(1, -(-items // per_page))


def _numbered(labels: Labels, title: str, pager: Pager) -> str:
    if pager.number == 1:
        return title
    return labels.gettext("%(title)s, page %(number)d of %(count)d", title=title, number=pager.number,
                          count=pager.count)


def _described(labels: Labels, description: str, pager: Pager) -> str:
    """A listing's description, its page named after the first as the pager names it ("Page 2 of 3")."""
    if pager.number == 1 or not description:
        return description
    return f"{description} " + labels.gettext("Page %(number)d of %(count)d", number=pager.number, count=pager.count)


def latest(site: Site) -> list[Article]:
    """The newest published articles, for the home page."""
    published = (slug for slug in site.listings.newest if slug not in site.unpublished)
    return [site.by_slug[slug] for slug in islice(published, LATEST_ON_HOME)]


class Kind:
    """A kind of page: its jobs in a site, and how to render one."""

    name: ClassVar[str]

    def jobs(self, site: Site) -> list[PageJob]:
        raise NotImplementedError

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        raise NotImplementedError


    def paged(self, site: Site, listings: list[tuple[str, str, Sequence[str]]]) -> list[PageJob]:
        """The pages of paged listings, each given as (name, first page's URL, the slugs it lists)."""
        per_page = site.config.per_page
        return [PageJob(Pager(n, count, url).path, self.name, name, n)
                for name, url, slugs in listings
                for count in [page_count(len(slugs), per_page)]
                for n in range(1, count + 1)]


class Single(Kind):
    """A kind with exactly one page at a fixed path."""

    path: ClassVar[str]

    def jobs(self, site: Site) -> list[PageJob]:
        return [PageJob(self.path, self.name)]


class Home(Single):
    name, path = "home", "index.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        by_category = {c.id: Listed(site.listings.by_category.get(c.id, ()), site.by_slug)
                       for c in site.config.categories}
        return view.html("home.html", latest=latest(site), by_category=by_category,
                         page=outputs.meta(site, "", site.config.organization.description or site.config.tagline,
                                           "/", jsonld=[outputs.organization_jsonld(site)],
                                           alternates=everywhere(site, "/"))), []


class NotFound(Single):
    name, path = "404", "404.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        # Its switcher leads to each language's own (which Cloudflare Pages serves for a missing page under /<lang>/);
        # search engines, told not to index it, are told of no version (nor is the search page's).
        return view.html("404.html", page=outputs.meta(view.site, view.labels.gettext("Page not found"), "",
                                                       "/404.html", noindex=True, indexed=(),
                                                       alternates=everywhere(view.site, "/404.html"))), []


class Search(Single):
    name, path = "search", "search/index.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        # A language with no article or page of its own has no index yet: its search page goes to the default's.
        # (Asked only of the other languages: the default's page would otherwise depend on every frontmatter.)
        config = view.site.config
        own_pages = config.language == config.languages[0] or bool(view.site.articles) or bool(view.site.pages)
        return view.html("search.html", own_pages=own_pages, page=outputs.meta(
            view.site, view.labels.gettext("Search"), "", "/search/", noindex=True, indexed=(),
            alternates=everywhere(view.site, "/search/"))), []


class Drugs(Single):
    name, path = "drugs", "drugs/index.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site, gettext = view.site, view.labels.gettext
        articles = view.every("drugs")
        empty = not outputs.lists_drugs(articles, site.unpublished)
        indexed = () if empty else _indexed_versions(view, "/drugs/", lambda tag: outputs.lists_drugs(
            view.every("drugs", tag), _site_in(view, tag).unpublished))
        return view.html("drugs.html", letters=outputs.drug_index(articles, view.labels.shown),
                         page=outputs.meta(site, gettext("Drugs A to Z"),
                                           gettext("Every drug covered on %(site)s", site=site.config.title),
                                           "/drugs/", noindex=empty, alternates=everywhere(site, "/drugs/"),
                                           indexed=indexed)), []


class Sitemap(Single):
    name, path = "sitemap", "sitemap.xml"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        unpublished = frozenset(site.unpublished)
        paths = outputs.sitemap_paths(site, view.every("placements"), unpublished,
                                      outputs.lists_drugs(view.every("drugs"), unpublished))
        for tag, other in site.languages.items():  # a site with translations: their pages too, with alternates
            paths += [(other.config.local(path), changed) for path, changed in outputs.sitemap_paths(
                other, view.every("placements", tag), frozenset(other.unpublished),
                outputs.lists_drugs(view.every("drugs", tag), other.unpublished))]
        return outputs.sitemap_xml(site, paths, outputs.alternates_of(site, paths)), []


class Feed(Single):
    name, path = "feed", "feed.xml"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        entries = [(article.last_changed, article) for article in Listed(site.listings.feed, site.by_slug)]
        return outputs.feed_xml(site, entries), []


class Robots(Single):
    name, path = "robots", "robots.txt"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        return outputs.robots_txt(view.site), []


class Redirects(Single):
    name, path = "redirects", "_redirects"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        config = view.site.config
        not_found = [(config.local("/", tag), config.local("/404.html", tag)) for tag in config.languages[1:]]
        return outputs.redirects_file(outputs.redirects(view.every("placements")), config.base_path, not_found), []


class Headers(Single):
    name, path = "headers", "_headers"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        return outputs.headers_file(view.site.config.base_path), []


class Redirect(Kind):
    """A page at an old address (an alias) that sends the reader to the article."""

    name = "redirect"

    def jobs(self, site: Site) -> list[PageJob]:
        return [PageJob(target, self.name, new) for old, new in outputs.redirects(site.articles)
                if (target := alias_target(old))]

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        return view.html("redirect.html", target=job.name), []


class ArticlePage(Kind):
    name = "article"

    def jobs(self, site: Site) -> list[PageJob]:
        return [PageJob(f"{article.slug}/index.html", self.name, article.slug) for article in site.articles]

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        article = site.by_slug[job.name]
        rendered = view.markdown(article)
        body = finish(rendered.body.html, article.origin.path, site, view.labels)
        answers = [finish(answer, article.origin.path, site, view.labels, lazy_from_start=True)
                   for answer in rendered.faq_answers]
        category = site.config.category(article.category)
        reviewer = view.reviewers.get(article.reviewer)
        author = _author_of(view, article)
        sections = [h for h in rendered.body.headings if h.level == 2]
        unpublished = article.slug in site.unpublished
        jsonld = outputs.article_jsonld(site, article, reviewer, author, category,
                                        tuple(view.detached(a.html) for a in answers), home=view.labels.gettext("Home"))
        related = [translated(view, s) for s in site.related[article.slug]]
        html = view.html(
            "article.html", article=article, body=body.html,
            contents=sections if len(sections) >= CONTENTS_MIN_SECTIONS else [],
            faq=list(zip(article.faq, [a.html for a in answers], strict=True)), reading_time=rendered.reading_time,
            reviewer=reviewer, author=author, review=site.review.get(article.slug), category=category,
            related=related, related_heading=related_heading(view.labels, category, related),
            unpublished=unpublished,
            tags=_tags_of(site, article), filters=search_filters(view.labels),
            page=outputs.meta(site, article.title, article.summary, article.url, noindex=unpublished,
                              image=article.image, jsonld=jsonld,
                              alternates=site.versions.get(article.source or article.slug, ())),
        )
        issues = [issue for finished in (body, *answers) for issue in finished.issues]
        return html, view.check(article, rendered.body, issues, rendered.faq)


def search_filters(labels: Labels) -> dict[str, str]:
    """The names of an article's search filters in its language, as text: Pagefind keys a filter by its name, which
    must not carry the marks a layout's _() isolates an English label in on a right-to-left page."""
    return {"drug": labels.gettext("drug"), "category": labels.gettext("category"), "tag": labels.gettext("tag")}


def translated(view: View, slug: str) -> Article:
    """The article of a default-language slug as a page in the view's language shows it: its translation, else it."""
    site = view.site
    if site is view.default:
        return site.by_slug[slug]
    own = site.sources.get(slug)
    return site.by_slug[own] if own is not None else view.default.by_slug[slug]


def everywhere(site: Site, path: str) -> tuple[tuple[str, str], ...]:
    """A page every language has (home, search, a category...): its address in each, when there are several."""
    config = site.config
    if len(config.languages) < 2:
        return ()
    return tuple((tag, config.local(path, tag)) for tag in config.languages)


def _author_of(view: View, article: Article) -> Author | Reviewer | None:
    """The person the author line names: an author file, else a reviewer who wrote it; None for a team's name."""
    if not article.author:
        return None
    return view.authors.get(article.author) or view.reviewers.get(article.author)


def _tags_of(site: Site, article: Article) -> list[tuple[str, str]]:
    """The article's tags as (name, address), each once, named as the site names them."""
    return [(site.listings.tag_names[slug], tag_url(slug)) for slug in dict.fromkeys(map(tag_slug, article.tags))]


def related_heading(labels: Labels, category: Category | None, related: Sequence[Article]) -> str:
    """The heading over the related cards: the category's insights, or 'Related insights' when they cross it."""
    gettext = labels.shown  # the name pybabel extracts the messages by
    if category is not None and all(item.category == category.id for item in related):
        return gettext("%(category)s insights", category=category.title)
    return gettext("Related insights")


class CategoryPage(Kind):
    name = "category"

    def jobs(self, site: Site) -> list[PageJob]:
        listings = site.listings.by_category
        return self.paged(site, [(c.id, c.url, listings.get(c.id, ())) for c in site.config.categories])

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        category = site.config.category(job.name)
        assert category is not None
        listed = Listed(site.listings.by_category.get(category.id, ()), site.by_slug)
        pager, members = _page_of(listed, site.config.per_page, job.number, category.url)
        empty = not outputs.publishes(site, category.id)
        indexed = () if empty or job.number > 1 else _indexed_versions(
            view, category.url, lambda tag: outputs.publishes(_site_in(view, tag), category.id))
        return view.html("category.html", category=category, articles=members, pager=pager,
                         page=outputs.meta(site, _numbered(view.labels, view.labels.gettext("%(category)s insights",
                                                                                     category=category.title), pager),
                                           _described(view.labels, outputs.short_description(category.help), pager),
                                           pager.url(job.number), noindex=empty, jsonld=[outputs.breadcrumbs_jsonld(
                                               site, [(view.labels.gettext("Insights"), INSIGHTS_URL),
                                                      (category.title, category.url)],
                                               home=view.labels.gettext("Home"))],
                                           alternates=everywhere(site, category.url) if job.number == 1 else (),
                                           indexed=indexed)), []


def _site_in(view: View, tag: str) -> Site:
    """The site of one language, as the page sees it: the default's for ''."""
    return view.default.languages[tag] if tag else view.default


def _indexed_versions(view: View, path: str, lists: Callable[[str], bool]) -> tuple[tuple[str, str], ...]:
    """A page every language has, in each language where it lists something (lists is given the language's tag,
    '' for the default), as the sitemap names its versions (outputs.alternates_of); () when that is one only."""
    default = view.default.config.languages[0]
    versions = tuple((tag, local) for tag, local in everywhere(view.default, path)
                     if lists("" if tag == default else tag))
    return versions if len(versions) > 1 else ()


class InsightsIndex(Single):
    """Every category, each with its count of insights: what the categories' own pages lead up to."""

    name, path = "insights", "insights/index.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site, gettext = view.site, view.labels.gettext
        categories = [(c, len(site.listings.by_category.get(c.id, ()))) for c in site.config.categories]
        empty = not outputs.publishes_any(site)
        indexed = () if empty else _indexed_versions(
            view, INSIGHTS_URL, lambda tag: outputs.publishes_any(_site_in(view, tag)))
        return view.html("insights.html", categories=categories, page=outputs.meta(
            site, gettext("Insights"), gettext("Clinically reviewed information on everything we treat, by topic."),
            INSIGHTS_URL, noindex=empty, jsonld=[outputs.breadcrumbs_jsonld(site, [(gettext("Insights"), INSIGHTS_URL)],
                                                                            home=gettext("Home"))],
            alternates=everywhere(site, INSIGHTS_URL), indexed=indexed)), []


class ReviewerPage(Kind):
    name = "reviewer"

    def jobs(self, site: Site) -> list[PageJob]:
        return self.paged(site, [(r.id, r.url, site.listings.by_reviewer.get(r.id, ())) for r in site.reviewers])

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        reviewer = view.reviewers[job.name]
        listed = Listed(site.listings.by_reviewer.get(reviewer.id, ()), site.by_slug)
        pager, members = _page_of(listed, site.config.per_page, job.number, reviewer.url)
        empty, indexed = _person_listed(view, job, reviewer, lambda here: here.listings.by_reviewer)
        return view.html("reviewer.html", reviewer=reviewer, articles=members, pager=pager,
                         page=outputs.meta(site, _numbered(view.labels, reviewer.name, pager),
                                           f"{reviewer.name}, {reviewer.credentials}", pager.url(job.number),
                                           noindex=empty, jsonld=[outputs.person_jsonld(site, reviewer)],
                                           alternates=everywhere(site, reviewer.url) if job.number == 1 else (),
                                           indexed=indexed)), []


def _person_listed(view: View, job: PageJob, person: Reviewer | Author,
                   listing: Callable[[Site], Mapping[str, Sequence[str]]]) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """Whether a person's page is empty in its language (outputs.introduces), and the versions of it that are not
    (as _indexed_versions): a page of their English bio and no article, in a language nothing is translated into."""
    def introduced(here: Site) -> bool:
        people: Sequence[Reviewer | Author] = here.reviewers if isinstance(person, Reviewer) else here.authors
        known = next((other for other in people if other.id == person.id), person)
        return outputs.introduces(here, known, listing(here))

    empty = not introduced(view.site)
    indexed = () if empty or job.number > 1 else _indexed_versions(
        view, person.url, lambda tag: introduced(_site_in(view, tag)))
    return empty, indexed


class AuthorPage(Kind):
    name = "author"

    def jobs(self, site: Site) -> list[PageJob]:
        return self.paged(site, [(a.id, a.url, site.listings.by_author.get(a.id, ())) for a in site.authors])

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site = view.site
        author = view.authors[job.name]
        listed = Listed(site.listings.by_author.get(author.id, ()), site.by_slug)
        pager, members = _page_of(listed, site.config.per_page, job.number, author.url)
        about = ", ".join(part for part in (author.name, author.credentials, author.role) if part)
        empty, indexed = _person_listed(view, job, author, lambda here: here.listings.by_author)
        return view.html("author.html", author=author, articles=members, pager=pager,
                         page=outputs.meta(site, _numbered(view.labels, author.name, pager), about,
                                           pager.url(job.number), noindex=empty,
                                           jsonld=[outputs.person_jsonld(site, author)],
                                           alternates=everywhere(site, author.url) if job.number == 1 else (),
                                           indexed=indexed)), []


class ReviewBoard(Single):
    name, path = "reviewers", "reviewers/index.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site, gettext = view.site, view.labels.gettext
        board = [(r, len(site.listings.by_reviewer.get(r.id, ()))) for r in site.reviewers]
        title = gettext("Clinical review board")
        return view.html("reviewers.html", board=board, page=outputs.meta(
            site, title, gettext("The clinicians who review every page of %(site)s", site=site.config.title),
            "/reviewers/", alternates=everywhere(site, "/reviewers/"))), []


class TagIndex(Single):
    name, path = "tags", "tags/index.html"

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site, gettext = view.site, view.labels.gettext
        names = site.listings.tag_names
        tags = sorted(((names[slug], tag_url(slug), len(slugs)) for slug, slugs in site.listings.by_tag.items()),
                      key=lambda tag: (outputs.alphabetical(tag[0]), tag[1]))
        empty = not outputs.has_topics(site)
        indexed = () if empty else _indexed_versions(view, "/tags/",
                                                     lambda tag: outputs.has_topics(_site_in(view, tag)))
        return view.html("tags.html", tags=tags, page=outputs.meta(
            site, gettext("Topics"), gettext("Every topic covered on %(site)s", site=site.config.title),
            "/tags/", noindex=empty, alternates=everywhere(site, "/tags/"), indexed=indexed)), []


class TagPage(Kind):
    name = "tag"

    def jobs(self, site: Site) -> list[PageJob]:
        return self.paged(site, [(slug, tag_url(slug), slugs) for slug, slugs in sorted(site.listings.by_tag.items())])

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        site, gettext = view.site, view.labels.gettext
        name, url = site.listings.tag_names[job.name], tag_url(job.name)
        listed = Listed(site.listings.by_tag[job.name], site.by_slug)
        pager, members = _page_of(listed, site.config.per_page, job.number, url)
        return view.html("tag.html", tag=name, articles=members, pager=pager, page=outputs.meta(
            site, _numbered(view.labels, gettext("Articles tagged %(tag)s", tag=name), pager),
            gettext("Clinically reviewed articles about %(tag)s", tag=name), pager.url(job.number),
            jsonld=[outputs.breadcrumbs_jsonld(site, [(gettext("Topics"), "/tags/"), (name, url)],
                                                home=gettext("Home"))])), []


class PlainPage(Kind):
    name = "page"

    def jobs(self, site: Site) -> list[PageJob]:
        return [PageJob(f"{page.slug}/index.html", self.name, page.slug) for page in site.pages]

    def render(self, view: View, job: PageJob) -> tuple[bytes, list[Problem]]:
        page = view.plain[job.name]
        rendered = view.page_markdown(page)
        body = finish(rendered.html, page.origin.path, view.site, view.labels)
        html = view.html("page.html", plain=page, body=body.html,
                         page=outputs.meta(view.site, page.title, page.summary, page.url,
                                           alternates=view.site.versions.get(page.source or page.slug, ())))
        return html, view.check(page, rendered, body.issues)


def _page_of(listed: Listed, per_page: int, number: int, first_url: str) -> tuple[Pager, list[Article]]:
    members = listed[(number - 1) * per_page:number * per_page]
    return Pager(number, page_count(len(listed), per_page), first_url), members


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Home(), NotFound(), Search(), Drugs(), Sitemap(), Feed(), Robots(), Redirects(), Headers(),
    ArticlePage(), CategoryPage(), InsightsIndex(), ReviewerPage(), ReviewBoard(), AuthorPage(), TagIndex(), TagPage(),
    PlainPage(), Redirect(),
)}


# The kinds of page each language after the default has too, under /<lang>/ (its plain pages those it
# translates); the rest (sitemap, robots, redirects, headers) the site has once.
IN_EVERY_LANGUAGE = ("home", "404", "search", "drugs", "feed", "article", "category", "insights", "reviewer",
                     "reviewers", "author", "tags", "tag", "page")


def every_job(site: Site) -> list[PageJob]:
    """Every page of the site, those of each language after the default included."""
    jobs = [job for kind in KINDS.values() for job in kind.jobs(site)]
    for tag, other in site.languages.items():
        folder = tag.lower() + "/"
        jobs += [PageJob(folder + job.path, f"{tag}@{name}", job.name, job.number)
                 for name in IN_EVERY_LANGUAGE for job in KINDS[name].jobs(other)]
    return jobs


def kind_of(job_kind: str) -> tuple[str, str]:
    """A job's language ('' for the default) and page kind: 'fr@article' -> ('fr', 'article')."""
    lang, _, kind = job_kind.rpartition("@")
    return lang, kind
