"""Translations: each found its source, checked like any article, held to its source's clinical date.

`<name>.<lang>.md` beside `<name>.md` is that article's translation. Each language
after the default gets a Site of its own, made of its translations (its listings,
related insights and review statuses as the default site's are made), so every
page kind renders a language's pages as it renders the default's. Pure: no I/O.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from .errors import Problem, closest
from .langtags import english_name, file_stem
from .model import Article, Author, Content, Page, PersonText, Reviewer, Site
from .review import days_after

Item = TypeVar("Item", Article, Page)  # what may be translated: an article or a plain page


@dataclass(frozen=True, slots=True)
class Behind:
    """A translation reviewed before its source last changed."""

    translation: Article
    source: Article
    since: date  # the source's review or update that the translation has not caught up with
    deadline: date  # the last day it may stay live

    def problem(self, today: date) -> Problem:
        what = "reviewed" if self.source.last_changed == self.source.reviewed else "updated"
        where = (self.translation.origin.path, self.translation.origin.line("reviewed") or 1, "reviewed")
        base = (f"this {english_name(self.translation.lang)} translation, reviewed {self.translation.reviewed}, "
                f"is behind its source {self.source.origin.path}, {what} {self.since}")
        hint = "have the translation reviewed against the source and set reviewed: to that date"
        if today > self.deadline:
            return Problem(f"{base}; its {(self.deadline - self.since).days} days of grace "
                           f"(review_policy.translation_grace_days) ended on {self.deadline}", *where, hint)
        return Problem(f"{base}; it must be brought up to date by {self.deadline}", *where, hint, "warning")


def is_behind(translation: Article, source: Article, grace_days: int) -> Behind | None:
    """The translation's lag behind its source, if its review is older than the source's last change."""
    changed = source.last_changed
    if changed is None or translation.reviewed is None or translation.reviewed >= changed:
        return None
    return Behind(translation, source, changed, days_after(changed, grace_days))


def behind_sources(articles: Sequence[Article], languages: tuple[str, ...], grace_days: int) -> list[Behind]:
    """Every translation (drafts aside) behind its source, the first due first."""
    sources = [a for a in articles if not a.lang]
    found, _ = find_sources([a for a in articles if a.lang and not a.draft], sources, languages)
    by_slug = {a.slug: a for a in sources}
    lags = [lag for t in found if (lag := is_behind(t, by_slug[t.source], grace_days)) is not None]
    return sorted(lags, key=lambda lag: (lag.deadline, lag.translation.origin.path))


def behind_table(behind: list[Behind], today: date) -> list[str]:
    """Translations behind their source as an aligned table: when due, both dates, language, file."""
    rows = [("Due", "Translation reviewed", "Source changed", "Language", "Translation")]
    for lag in behind:
        note = " (overdue)" if lag.deadline < today else ""
        rows.append((f"{lag.deadline}{note}", str(lag.translation.reviewed), str(lag.since), lag.translation.lang,
                     lag.translation.origin.path))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


def find_sources(translations: list[Item], sources: list[Item], languages: tuple[str, ...],
                 unparsed: Collection[str] = (), orphans: list[Item] | None = None) -> tuple[list[Item], list[Problem]]:
    """Each translation with its canonical language and its source's slug; problems for those that have neither.

    sources are every default-language article (or plain page) read, drafts included. A
    translation's source is `<name>.md` in its folder, else the one of that file name anywhere.
    unparsed are the file names of articles (or pages) that failed to load: a translation of one is left
    out, its source's own problems said, and put in orphans (its source named by the file name) to be checked.
    """
    by_path = {a.origin.path: a for a in sources}
    by_stem: dict[str, list[Item]] = defaultdict(list)
    for article in sources:
        by_stem[file_stem(article.origin.path)].append(article)
    tags = {tag.lower(): tag for tag in languages[1:]}
    found, problems = [], []
    for article in sorted(translations, key=lambda a: a.origin.path):
        path = article.origin.path
        folder, name = os.path.split(path)
        stem, _, lang = name[:-len(".md")].rpartition(".")
        tag = tags.get(lang.lower())
        if tag is None:
            problems.append(_not_a_language(lang, languages, path, f"its article is {stem}.md",
                                            f"rename the file to {stem}.md"))
            continue
        source = by_path.get(f"{folder}/{stem}.md")
        if source is None and len(by_stem.get(stem, ())) == 1:
            source = by_stem[stem][0]
        own_slug = article.origin.line("slug") is not None
        if source is None and stem in unparsed:  # its source failed to load: that file's problems say why
            if orphans is not None:
                orphans.append(replace(article, lang=tag, source=stem, slug=article.slug if own_slug else stem))
            continue
        if source is None:
            what = "article" if isinstance(article, Article) else "page"
            problems.append(Problem(f"no {what} {stem}.md for this {english_name(tag)} translation", path, 1,
                                    "source", _source_hint(stem, list(by_stem), f"a translation is named after its "
                                                           f"source: <source>.{lang}.md beside <source>.md")))
            continue
        found.append(replace(article, lang=tag, source=source.slug, slug=article.slug if own_slug else source.slug))
    return found, problems


def _not_a_language(lang: str, languages: tuple[str, ...], path: str, default_is: str, default_fix: str) -> Problem:
    """The error of a file named for a language that is not one of the site's after its default (default_is
    and default_fix say where the default's text is and what to do, when it is the default)."""
    if lang.lower() == languages[0].lower():
        return Problem(f"the file name's language '{lang}' is the default language: {default_is}", path, 1,
                       "language", default_fix)
    return Problem(f"the file name's language '{lang}' is not one of the site's languages ({', '.join(languages)})",
                   path, 1, "language", f"add {lang} to languages in site.yaml, or rename the file")


PersonT = TypeVar("PersonT", Reviewer, Author)


def person_texts(content: Content, languages: tuple[str, ...]) -> tuple[dict[str, list[PersonText]], list[Problem]]:
    """The reviewers' and authors' text in each language after the default, by language; problems with the rest."""
    ids = {"reviewers": {r.id for r in content.reviewers}, "authors": {a.id for a in content.authors}}
    failed = {"reviewers": content.unparsed_reviewers, "authors": content.unparsed_authors}
    tags = {tag.lower(): tag for tag in languages[1:]}
    texts: dict[str, list[PersonText]] = defaultdict(list)
    problems = []
    for text in sorted(content.person_texts, key=lambda t: t.origin.path):
        tag, path, what = tags.get(text.lang.lower()), text.origin.path, text.folder.removesuffix("s")
        if tag is None:
            problems.append(_not_a_language(text.lang, languages, path, f"its text is in {text.id}.yaml",
                                            f"move its text to {text.id}.yaml and remove this file"))
        elif text.id not in ids[text.folder]:
            if text.id not in failed[text.folder]:  # else that file's own problems say why
                problems.append(Problem(f"no {what} {text.id}.yaml for this {english_name(tag)} text", path, 1,
                                        "source", _source_hint(text.id, sorted(ids[text.folder]),
                                                               f"{'an' if what == 'author' else 'a'} {what}'s text in "
                                                               "another language is named after "
                                                               f"the {what}'s file: <id>.{text.lang}.yaml beside "
                                                               "<id>.yaml")))
        else:
            texts[tag].append(replace(text, lang=tag))
    return dict(texts), problems


def in_language(people: Sequence[PersonT], texts: Sequence[PersonText], folder: str) -> tuple[PersonT, ...]:
    """The reviewers or authors (folder names which) with what texts gives of them in the language in place."""
    given = {text.id: text for text in texts if text.folder == folder}
    return tuple(replace(person, credentials=text.credentials or person.credentials, role=text.role or person.role,
                         bio=text.bio or person.bio, translated=tuple(sorted(text.given())))
                 if (text := given.get(person.id)) else person for person in people)


def _source_hint(stem: str, stems: list[str], named: str) -> str:
    """How to name a file after its source (named), with the closest source's name when there is one."""
    close = closest(stem, stems)
    return f"did you mean '{close}'? {named[:1].upper()}{named[1:]}" if close is not None else named


def check_one_per_source(translations: Sequence[Article | Page]) -> tuple[list[Article | Page], list[Problem]]:
    """One translation of a source per language, and no two pages of a language at one address.

    Articles and plain pages go together: they share each language's addresses.
    """
    by_source: dict[tuple[str, str], Article | Page] = {}
    by_slug: dict[tuple[str, str], Article | Page] = {}
    kept, problems = [], []
    for article in translations:
        where = article.origin
        first = by_source.get((article.lang, article.source))
        clash = by_slug.get((article.lang, article.slug))
        if first is not None:
            problems.append(Problem(f"a second {english_name(article.lang)} translation of '{article.source}', "
                                    f"after {first.origin.path}", where.path, 1, "source",
                                    "keep one translation per language: remove or merge this file"))
        elif clash is not None:
            problems.append(Problem(f"slug '{article.slug}' is already used in {english_name(article.lang)} by "
                                    f"{clash.origin.path}", where.path, where.line("slug") or 1, "slug",
                                    "give one of them a different slug: line"))
        else:
            by_source[(article.lang, article.source)] = article
            by_slug[(article.lang, article.slug)] = article
            kept.append(article)
    return kept, problems


def versions(site: Site, languages: Mapping[str, Site]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each article or plain page that has a translation: the language and address of every version, the default's
    first (an article's and a page's slugs never meet: they share the site's addresses). In a --drafts preview an
    unpublished version is one too, so that a reviewer can go from a draft to its translation."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    originals = {**{page.slug: page.url for page in site.pages}, **{slug: a.url for slug, a in site.by_slug.items()}}
    for tag, other in languages.items():
        for article in other.articles:
            if article.source in site.by_slug:
                found[article.source].append((tag, article.url))
        for page in other.pages:
            found[page.source].append((tag, page.url))
    default = site.config.languages[0]
    return {slug: ((default, originals[slug]), *found[slug]) for slug in sorted(found)}


def relate(translation: Article, site: Site) -> tuple[str, ...]:
    """A translation's related insights as default-language slugs: its own list, else its source's."""
    chosen = tuple(dict.fromkeys(s for s in translation.related if s in site.by_slug and s != translation.source))
    return chosen or site.related.get(translation.source, ())


# An article's own checks (links, author, image, review policy): its problems, and whether a
# preview (--drafts) shows it as not yet reviewed.
ArticleCheck = Callable[[Article], tuple[list[Problem], bool]]


def language_sites(site: Site, sources: list[Article], translations: list[Article], drafts: bool,
                   check: ArticleCheck, page_sources: Sequence[Page], page_translations: Sequence[Page],
                   check_page: Callable[[Page], list[Problem]],
                   unparsed: frozenset[str] = frozenset(), unparsed_pages: frozenset[str] = frozenset(),
                   people: Mapping[str, Sequence[PersonText]] | None = None) -> tuple[dict[str, Site], list[Problem]]:
    """The site of each language after the default, made of its translations, and their problems.

    sources are every default-language article read (drafts included), for finding each
    translation's source; page_sources the same of plain pages, whose translations
    (about.fr.md) are checked by check_page as the default's pages are; people the reviewers' and
    authors' text in each language (person_texts).
    """
    config = site.config
    orphans: list[Article] = []
    orphan_pages: list[Page] = []
    found, problems = find_sources(translations, sources, config.languages, unparsed, orphans)
    found_pages, page_problems = find_sources(list(page_translations), list(page_sources), config.languages,
                                              unparsed_pages, orphan_pages)
    # A translation whose source failed to load is left out, but its own problems are listed with the source's.
    problems += [problem for orphan in orphans if drafts or not orphan.draft for problem in check(orphan)[0]]
    problems += [problem for page in orphan_pages if drafts or not page.draft for problem in check_page(page)]
    candidates: list[Article | Page] = [*found, *found_pages]
    kept, clashes = check_one_per_source([item for item in candidates if drafts or not item.draft])
    problems += page_problems + clashes
    published_pages = {page.slug for page in site.pages}
    sites = {}
    for tag in config.languages[1:]:
        articles, unpublished = [], set()
        for article in sorted((a for a in kept if a.lang == tag and isinstance(a, Article)), key=lambda a: a.slug):
            source = site.by_slug.get(article.source)
            if source is None:
                problems.append(_draft_source(article))
                continue
            found_problems, preview = check(article)
            problems += found_problems
            behind = is_behind(article, source, config.review_policy.translation_grace_days)
            if behind is not None:
                problem = behind.problem(site.today)
                if drafts and problem.severity == "error":
                    preview = True
                    problem = replace(problem, message=problem.message + " (previewed as not yet clinically reviewed)",
                                      severity="warning")
                problems.append(problem)
            if preview or article.draft:
                unpublished.add(article.slug)
            articles.append(article)
        pages = []
        for page in sorted((p for p in kept if p.lang == tag and isinstance(p, Page)), key=lambda p: p.slug):
            if page.source not in published_pages:
                problems.append(_draft_source(page))
                continue
            problems += check_page(page)
            pages.append(page)
        sites[tag] = language_site(site, tag, articles, unpublished, pages, (people or {}).get(tag, ()))
    return sites, problems


def link_paths(default: Mapping[str, str], translations: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The address an article's Markdown file names on a language's pages: its original's slug, for the
    default language's files and for the language's own translations (file, source slug). Links in a
    translation are written to the originals, and moved to the language's pages with them (urls.localize_page).
    """
    return {**default, **dict(translations)}


def _draft_source(translation: Article | Page) -> Problem:
    return Problem(f"its source '{translation.source}' is a draft: it is left out too", translation.origin.path, 1,
                   "source", "publish the source first, or mark this translation draft: true", "warning")


def language_site(site: Site, tag: str, articles: list[Article], unpublished: set[str],
                  pages: Sequence[Page] = (), people: Sequence[PersonText] = ()) -> Site:
    """The Site of one language: its translations listed, related and reviewed as the default's articles are."""
    from .graph import listings_of  # graph builds the default site and calls this module
    from .review import review_statuses

    config = site.config.in_language(tag)
    return replace(
        site, config=config, articles=tuple(articles), pages=tuple(pages),
        review=review_statuses(articles, config.review_policy, site.today),
        related={a.slug: relate(a, site) for a in articles}, by_slug={a.slug: a for a in articles},
        listings=listings_of(articles, unpublished, config.feed_entries), unpublished=frozenset(unpublished),
        paths=link_paths(site.paths, ((a.origin.path, a.source) for a in articles)), languages={}, versions={},
        sources={**{a.source: a.slug for a in articles}, **{p.source: p.slug for p in pages}},
        reviewers=in_language(site.reviewers, people, "reviewers"),
        authors=in_language(site.authors, people, "authors"),
    )
