"""The Jinja environment, rendered Markdown, and the renderer that notes what each page reads."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup

from .content import answers_as_written
from .errors import ContentError, Problem
from .labels import text_direction
from .layouts import LayoutEnvironment, render_layout
from .links import line_in_texts, line_of
from .markdown import (
    MAX_NESTING,
    MarkdownRenderer,
    NestedTooDeep,
    Rendered,
    footnote_definition,
    footnote_slips,
    prose_lines,
    reading_minutes,
)
from .model import Article, Page, Site, SiteConfig
from .pages import KINDS, PageJob, View, every_job, kind_of
from .reads import DatedSite, Facts, Watched, digest_of, encode, fact, lang_prefix, watched_site
from .sources import text_digest
from .urls import HTTP_IMAGE, HTTP_IMAGE_FIX, language_folders, localize_page, rebase_page, scheme_of

# Bump when the Markdown configuration changes, so cached bodies are rendered again.
MARKDOWN_VERSION = "md-3"


@dataclass(frozen=True, slots=True)
class RenderedArticle:
    """An article's Markdown output: its body, FAQ answers and headings."""

    body: Rendered
    faq: tuple[Rendered, ...]  # each answer's
    reading_time: int

    @property
    def faq_answers(self) -> tuple[Markup, ...]:
        return tuple(answer.html for answer in self.faq)


def render_article_markdown(article: Article, body: str, renderer: MarkdownRenderer,
                            words_per_minute: int) -> RenderedArticle:
    """Render an article's body and FAQ answers."""
    rendered = rendered_or_refused(renderer, body, article, "body")
    answers = tuple(rendered_or_refused(renderer, faq.answer, article, f"faq[{index}].a")
                    for index, faq in enumerate(article.faq))
    minutes = article.reading_time or reading_minutes(body, words_per_minute)
    return RenderedArticle(rendered, answers, minutes)


def rendered_or_refused(renderer: MarkdownRenderer, text: str, item: Article | Page, key: str) -> Rendered:
    """The text rendered, or a ContentError at its key when it is nested too deep to render."""
    try:
        return renderer.render(text)
    except NestedTooDeep as deep:
        origin = item.origin
        line = origin.body_line + deep.line - 1 if key == "body" else origin.line(key) or origin.line("faq")
        raise ContentError(f"a quote, list or HTML element nested {deep.levels} levels deep: at most {MAX_NESTING}",
                           origin.path, line, key,
                           "close the HTML tags left open, and take out the '>' or list markers a line does not "
                           "need") from None


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
    problems += [_dropped(address, where.path, line_of(address, text(), where.body_line) or where.body_line, "body")
                 for address in rendered.dropped]
    return problems + _footnote_problems(article, rendered, text) + _stray_footnote_problems(article, rendered)


def _stray_footnote_problems(article: Article | Page, rendered: Rendered) -> list[Problem]:
    """A label defined twice shows one of its sources only (cmark-gfm the first, Python-Markdown the last); a
    definition nothing cites is left out (cmark-gfm) or listed with no number leading to it (Python-Markdown)."""
    where = article.origin
    problems = []
    for stray in rendered.stray_footnotes:
        marker = f"[^{stray.label}]"
        if stray.again:
            problems.append(Problem(f"footnote {marker} is defined a second time here: the page shows only one "
                                    "of the two sources", where.path,
                                    where.body_line + stray.line - 1, "body",
                                    f"give this source a label of its own, such as [^{stray.label}b], and cite it "
                                    "where the text relies on it; or remove the definition it repeats"))
        elif stray.hidden:
            problems.append(Problem(f"footnote {marker} is cited only inside code or an HTML comment (line "
                                    f"{where.body_line + stray.hidden - 1}), which the page does not show: no "
                                    "number in the text leads to its source", where.path,
                                    where.body_line + stray.line - 1, "body",
                                    f"cite it in the text itself ('...as a study found.{marker}'), or remove the "
                                    "definition", severity="warning"))
        else:
            problems.append(Problem(f"footnote {marker} is defined but nothing in the text cites it: no number "
                                    "in the text leads to its source", where.path,
                                    where.body_line + stray.line - 1, "body",
                                    f"cite it where the text relies on it ('...as a study found.{marker}'), "
                                    "or remove the definition", severity="warning"))
    return problems


def _answer_problems(article: Article, answers: Sequence[Rendered],
                     written: Callable[[], Sequence[tuple[str, int]]]) -> list[Problem]:
    """The addresses an article's FAQ answers lost, and their footnote references that show as text, each at the
    line where it is written (written: each answer as its file has it, and its first line)."""
    problems = []
    path = article.origin.path
    for index, answer in enumerate(answers):
        key = f"faq[{index}].a"
        if answer.dropped:
            text, first = written()[index]
            problems += [_dropped(address, path, line_of(address, text, first) or first, key)
                         for address in answer.dropped]
        undefined = footnote_slips(answer.html)[0]
        if not undefined:
            continue
        shown = "\n".join(prose_lines(article.faq[index].answer))
        text, first = written()[index]
        prose = prose_lines(text)
        problems += [Problem(UNDEFINED_FOOTNOTE.format(reference), path,
                             next((first + n for n, line in enumerate(prose) if reference in line), first), key,
                             "an answer has no footnotes: give the source as a link in the answer, or in the body")
                     for label in undefined if (reference := f"[^{label}]") in shown]  # not an escaped one
    return problems


def _dropped(address: str, path: str, line: int, key: str) -> Problem:
    """The error for a link or image address the page cannot keep (its scheme is not the web's)."""
    scheme = scheme_of(html.unescape(address))
    if scheme == "file" or len(scheme) == 1:  # file:///C:/... or C:\Users\...: a file on the editor's computer
        return Problem(f"'{address}' is a file on a computer, which no visitor can open: the page would show the "
                       "link's text or the image's alt text alone", path, line, key,
                       "put the file under assets/ and give its path from there, e.g. /assets/leaflet.pdf or "
                       "images/chart.png")
    if scheme == "http":
        return Problem(f"'{address}' {HTTP_IMAGE}: the page would show its alt text alone", path, line, key,
                       HTTP_IMAGE_FIX)
    return Problem(f"'{address}' is an address medpress does not publish ({scheme}:): the page would show the "
                   "link's text or the image's alt text alone", path, line, key,
                   "link to a web address (https://...), an e-mail address (mailto:) or a phone number (tel:)")


def _footnote_problems(article: Article | Page, rendered: Rendered, text: Callable[[], str]) -> list[Problem]:
    """A footnote reference no definition gives a number shows as '[^1]'; an empty footnote cites nothing.

    Each is named at its line; a '[^1]' that is only in code or escaped ('\\[^1]') shows as the editor meant.
    """
    undefined, empty = footnote_slips(rendered.html)
    if not undefined and not empty:
        return []
    lines, where = prose_lines(text()), article.origin
    problems = []
    for label in undefined:
        marker = f"[^{label}]"
        number = next((n for n, written in enumerate(lines) if marker in _unless_defining(written, marker)), None)
        if number is not None:
            problems.append(Problem(UNDEFINED_FOOTNOTE.format(marker), where.path, where.body_line + number, "body",
                                    f"add a line '{marker}: <the source>' below the paragraph, or remove the "
                                    "reference"))
    for label in empty:
        marker = f"[^{label}]"
        number = next((n for n, written in enumerate(lines) if _defines(written, marker)), 0)
        problems.append(Problem(f"footnote {marker} is empty: its number leads to nothing", where.path,
                                where.body_line + number, "body",
                                f"write the source after '{marker}:', or remove the footnote and its reference"))
    return problems


UNDEFINED_FOOTNOTE = "footnote reference {} has no definition, so it shows as text"


def _defines(line: str, marker: str) -> bool:
    """True when the line is the footnote's definition ('[^9]: ...'), in a quote or a list item too."""
    definition = footnote_definition(line)
    return definition is not None and definition.group() == marker + ":"


def _unless_defining(line: str, marker: str) -> str:
    """The line without the marker that starts it when it is that footnote's definition."""
    definition = footnote_definition(line)
    return line[definition.end():] if definition is not None and definition.group() == marker + ":" else line


class MarkdownSource:
    """Rendered Markdown for the renderer: from the build cache, or rendered now."""

    def __init__(self, config: SiteConfig, store: Any = None,
                 read_body: Callable[[Article], str] | None = None) -> None:
        self.config = config
        self.store = store
        self.read_body = read_body
        self.renderer = MarkdownRenderer(config.markdown_engine, config.markdown_extensions)

    def body_text(self, article: Article) -> str:
        return self.read_body(article) if self.read_body is not None else ""

    def article(self, article: Article) -> RenderedArticle:
        # What render_article_markdown reads, and no more: a frontmatter edit finds the body rendered.
        key = digest_of(article.body_digest, tuple(faq.answer for faq in article.faq), article.reading_time,
                        MARKDOWN_VERSION, self.config.words_per_minute, self.config.markdown_engine,
                        self.config.markdown_extensions)
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
        return rendered_or_refused(self.renderer, page.body, page, "body")


class Rendering(NamedTuple):
    """One page made: its bytes, problems in its Markdown, the facts it read and its key."""

    data: bytes
    problems: list[Problem]
    reads: str
    key: str


class Renderer:
    """Render the pages of an assembled site, each keyed by what its rendering read."""

    def __init__(self, site: Site, env: jinja2.Environment, markdown: MarkdownSource, base_key: str) -> None:
        self.site = site
        self.env = env
        self.markdown = markdown
        self.base_key = base_key
        self.reviewers = {r.id: r for r in site.reviewers}
        self.plain = {p.slug: p for p in site.pages}
        self.plain_in = {tag: {p.slug: p for p in other.pages} for tag, other in site.languages.items()}
        self.authors = {a.id: a for a in site.authors}
        self.localized: dict[str, dict[bytes, bytes]] = {}  # each language's tags as localize_page rewrote them
        self.interface = env.interface if isinstance(env, LayoutEnvironment) else LayoutEnvironment.interface
        self.facts = Facts(site, self.reviewers, self.plain, self.authors, base_key, self.interface.digests,
                           self.plain_in)

    def jobs(self) -> list[PageJob]:
        """Every page of the site."""
        return every_job(self.site)

    def is_fresh(self, path: str, key: str, reads: str) -> bool:
        """True when the page at path, made with key after reading reads, would be made the same now."""
        return self.facts.key(path, reads) == key

    def language(self, job: PageJob) -> str:
        """The language of a page (a BCP 47 tag): every page's context takes its `lang` from here."""
        return kind_of(job.kind)[0] or self.site.config.language

    def render(self, job: PageJob) -> Rendering:
        """Render one page, noting what it reads of the site."""
        reads: set[str] = set()
        tag, kind = kind_of(job.kind)  # tag: '' for the default language's pages
        lang, prefix = self.language(job), lang_prefix(tag)

        def every(aggregate: str, other: str | None = None) -> Sequence[Article]:
            """Every article of the page's language, or of another ('' for the default), noted as one fact."""
            lang = tag if other is None else other
            reads.add(lang_prefix(lang) + aggregate)
            return self.site_of(lang).articles

        def markdown(article: Article) -> RenderedArticle:
            reads.add(prefix + fact("body", article.slug))
            return self.markdown.article(article)

        def html(name: str, **context: Any) -> bytes:
            reads.add(fact("labels", lang))  # the site's overrides of this language's interface text
            return self.html(name, site=site, lang=lang, dir=text_direction(lang), reads=reads, **context)

        def detached(fragment: str) -> str:
            return self.detached(fragment, site)

        default = watched_site(self.site, reads)
        site = default.languages[tag] if tag else default  # the language's site, watched under its own facts
        people = self.facts.tables  # each language's reviewers and authors by id, as its facts read them
        view = View(site, Watched(people[prefix + "reviewer"], prefix + "reviewer", reads, whole=prefix + "reviewers"),
                    Watched(self.plain_of(tag), prefix + "page", reads, whole=prefix + "pages"), every, html,
                    detached, markdown, self.markdown.page, self.check,
                    Watched(people[prefix + "author"], prefix + "author", reads, whole=prefix + "authors"),
                    self.interface.labels(lang), default)
        data, problems = KINDS[kind].render(view, job)
        encoded = encode(reads)
        return Rendering(data, problems, encoded, self.facts.key(job.path, encoded))

    def site_of(self, lang: str) -> Site:
        """The site of one language: the default's for ''."""
        return self.site.languages[lang] if lang else self.site

    def plain_of(self, lang: str) -> dict[str, Page]:
        """The plain pages of one language, by slug: the default's for ''."""
        return self.plain_in[lang] if lang else self.plain

    def check(self, item: Article | Page, rendered: Rendered,
              issues: Sequence[tuple[str, str, str]] = (), answers: Sequence[Rendered] = ()) -> list[Problem]:
        """The body's problems, those of its images (src as written, message, hint) at their lines, and the
        footnote references of its FAQ answers that show as text, and the addresses they lost."""
        def text() -> str:
            return item.body if isinstance(item, Page) else self.markdown.body_text(item)

        @functools.cache  # the file is read again only for a problem that may be in an answer
        def written() -> tuple[tuple[str, int], ...]:
            return answers_as_written(self.site.config.site_dir, item) if isinstance(item, Article) else ()

        problems = check_body(item, rendered, text, self.markdown.renderer)
        if issues:
            body, origin = text(), item.origin
            fallback = origin.line("faq") if isinstance(item, Article) and item.faq else None
            problems += [Problem(message, origin.path, line_of(src, body, origin.body_line)
                                 or line_in_texts(src, written()) or fallback or origin.body_line, "image", hint)
                         for src, message, hint in issues]
        if isinstance(item, Article):
            problems += _answer_problems(item, answers, written)
        return problems

    def body_text(self, job: PageJob) -> str:
        """The Markdown a page was made from, for pointing at the line of a broken link."""
        lang, kind = kind_of(job.kind)
        if kind == "article":
            return self.markdown.body_text(self.site_of(lang).by_slug[job.name])
        if kind == "page":
            return self.plain_of(lang)[job.name].body
        return ""

    def source(self, job: PageJob) -> str:
        """The content file an editor would open for this page; '' for the site's own pages."""
        lang, kind = kind_of(job.kind)
        if kind == "article":
            return self.site_of(lang).by_slug[job.name].origin.path
        job = PageJob(job.path, kind, job.name, job.number)
        if job.kind == "page":
            return self.plain_of(lang)[job.name].origin.path
        if job.kind == "reviewer":
            return self.reviewers[job.name].origin.path
        if job.kind == "author":
            return self.authors[job.name].origin.path
        return ""

    def html(self, name: str, site: Site, reads: set[str] | None = None, **context: Any) -> bytes:
        """Render a layout into a page in the site's language, its internal links under the site's base path
        (reads, given, notes what the layout reads of the site that its tables do not: the day)."""
        shown = DatedSite(site, reads) if reads is not None else site
        page = self._localized(render_layout(self.env, name, config=site.config, site=shown, **context), site)
        return rebase_page(page, site.config.base_path)

    def detached(self, fragment: str, site: Site) -> str:
        """A piece of a page's HTML read apart from the page (in its structured data): its links go where the
        page's own do, written as absolute URLs."""
        return rebase_page(self._localized(fragment.encode(), site), site.config.base_url + "/").decode()

    def _localized(self, page: bytes, site: Site) -> bytes:
        """A page of a translations' site with its links to its own language's pages."""
        config = site.config
        if not config.prefix:
            return page
        return localize_page(page, config.prefix, language_folders(config.languages), site.sources.get,
                             config.languages[0], self.localized.setdefault(config.prefix, {}))
