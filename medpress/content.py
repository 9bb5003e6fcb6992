"""Parse content/ into the model: articles, reviewers and pages, with every problem.

Every file is read and checked even after an earlier one failed, so that one run
reports every problem.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from .errors import ContentError, Problem, SiteError
from .langtags import canonical_tag, translation_of
from .model import (
    Article,
    Author,
    Content,
    Drug,
    Faq,
    Image,
    Origin,
    Page,
    ParsedFiles,
    PersonText,
    Quality,
    Reviewer,
    SiteConfig,
    Source,
    Unloaded,
)
from .quality import QualityPolicy, Value, check_body, check_page_body, check_values, policy_of
from .schema import ARTICLE_DRAFT, AUTHOR, ID, PAGE, PERSON_TEXT, REVIEWER, SLUG, SLUG_HINT, Checker, Mapping
from .sources import (
    FENCE,
    PAGE_HINT,
    Inputs,
    front_digest,
    is_page_file,
    read_text,
    scan_inputs,
    site_files,
    split_frontmatter,
    text_digest,
    unreadable_folders,
)
from .urls import MAX_NAME, overlong
from .yamlfile import KeyPath, Span, dotted, parse_yaml

PersonT = TypeVar("PersonT", Reviewer, Author)
# What the review policy reads of an article (review.check_review), and its category: an article that fails to
# load is judged on them all the same.
STAND_IN_KEYS = ("reviewer", "reviewed", "fact_checked", "sources", "updated", "category")


def load_content(config: SiteConfig, inputs: Inputs | None = None, previous: ParsedFiles | None = None,
                 jobs: int | None = None) -> tuple[Content, list[Problem]]:
    """Read every article, reviewer and page; return them with all problems found.

    inputs is this build's walk of the site (walked now when not given). An article
    whose size and modification time match an entry of previous (what the last good
    build parsed) is taken from there without being read; the others are parsed in
    jobs worker processes when there are many.
    """
    inputs = inputs or scan_inputs(config.site_dir)
    problems = unreadable_folders(inputs)
    files = files_in(config, inputs, "articles", ".md", problems)
    unloaded: list[Unloaded] = []
    policy = policy_of(config)
    parsed = _parse_articles(config, inputs, files, previous or {}, jobs, problems, policy, unloaded)
    articles = [parsed[rel][1] for rel in files if rel in parsed]
    # Each folder's files are listed once: to load them, to name those that failed, and to know what is read.
    reviewer_files, reviewer_texts = _own_and_translated(files_in(config, inputs, "reviewers", ".yaml", problems))
    reviewers = [r for r in _load_all(config, reviewer_files, partial(_reviewer, language=config.language),
                                      problems) if r]
    author_files, author_texts = _own_and_translated(files_in(config, inputs, "authors", ".yaml", problems))
    authors = [a for a in _load_all(config, author_files, partial(_author, language=config.language), problems) if a]
    person_texts = [text for folder, texts in (("reviewers", reviewer_texts), ("authors", author_texts))
                    for text in _load_all(config, texts, partial(_person_text, folder), problems) if text]
    page_files = files_in(config, inputs, "pages", ".md", problems)
    pages = [p for p in _load_all(config, page_files, partial(_page, policy=policy), problems) if p]
    if not (config.content_dir / "articles").is_dir():
        problems.append(Problem("no content/articles/ folder", "content/articles",
                                hint="create it and add an article with `medpress new \"Title\"`"))
    assets_rel = _folder_rel(config, config.assets_dir)
    assets = frozenset(rel[len(assets_rel) + 1:] for rel in site_files(inputs, assets_rel, problems))
    problems += _overlong_asset_names(assets_rel, assets) + _pages_in_assets(assets_rel, assets)
    left_articles = [rel for rel in files if rel not in parsed]
    left_reviewers = _not_loaded(reviewer_files, {r.id for r in reviewers})
    left_authors = _not_loaded(author_files, {a.id for a in authors})
    left_pages = _not_loaded(page_files, {_stem(p.origin.path) for p in pages})
    left_texts = sorted({*reviewer_texts, *author_texts} - {text.origin.path for text in person_texts})
    static = tuple(site_files(inputs, _folder_rel(config, config.static_dir), problems))
    problems += _not_read(config, inputs, {*files, *reviewer_files, *author_files, *page_files, *reviewer_texts,
                                           *author_texts})
    content = Content(tuple(articles), tuple(reviewers), tuple(pages), assets, _stems(left_articles),
                      _stems(left_reviewers), parsed=parsed, authors=tuple(authors),
                      unparsed_authors=_stems(left_authors), static=static, unparsed_pages=_stems(left_pages),
                      person_texts=tuple(person_texts), unloaded=tuple(unloaded),
                      left_out=frozenset(left_articles + left_reviewers + left_authors + left_pages + left_texts))
    return content, problems


MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".txt")


def _not_read(config: SiteConfig, inputs: Inputs, read: set[str]) -> list[Problem]:
    """A warning for each file under content/ that no part of the site reads: it would silently stay unpublished."""
    prefix = _folder_rel(config, config.content_dir) + "/"
    problems = []
    for rel, kind, refusal in inputs.entries:
        if not rel.startswith(prefix) or kind != "file" or refusal or rel in read:
            continue
        stem, suffix = os.path.splitext(rel)
        markdown = rel[len(prefix):].split("/")[0] in ("articles", "pages") and suffix.lower() in MARKDOWN_SUFFIXES
        hint = (f"rename it to {stem.rsplit('/', 1)[-1]}.md" if markdown else
                "articles are .md files in content/articles/, plain pages .md files in content/pages/, reviewers "
                "and authors .yaml files in content/reviewers/ and content/authors/; move it out of content/ if it "
                "is not content")
        problems.append(Problem("is not read, so nothing of it is published", rel, hint=hint, severity="warning"))
    return problems


def _overlong_asset_names(folder: str, assets: Iterable[str]) -> list[Problem]:
    """An error for each file under assets/ whose name leaves no room for what the build adds to it: a fingerprint
    (css/site.1a2b3c4d5e.css), or a copy's hash and width (images/room.1a2b3c4d5e.640.webp)."""
    problems = []
    for rel in sorted(assets):
        length = overlong(rel.rpartition("/")[2])
        if length:
            problems.append(Problem(f"the file's name is {length} long; at most {MAX_NAME} allowed, to leave room "
                                    "for the fingerprint or width the build adds to it", f"{folder}/{rel}",
                                    hint=f"rename the file to at most {MAX_NAME} characters"))
    return problems


def _pages_in_assets(folder: str, assets: Iterable[str]) -> list[Problem]:
    """An error for each file under assets/ that a browser opens as a page: an editor adding images adds none."""
    return [Problem("is a page, not an asset: assets/ holds images, styles, scripts and fonts, and a page there, "
                    "opened on its own, could run any script of the site", f"{folder}/{rel}", hint=PAGE_HINT)
            for rel in sorted(assets) if is_page_file(rel)]


def _not_loaded(files: list[str], loaded: set[str]) -> list[str]:
    """The files (of one folder) that failed to load: those whose stems are not among the loaded ones' ids."""
    return [rel for rel in files if _stem(rel) not in loaded]


def _stems(files: list[str]) -> frozenset[str]:
    return frozenset(map(_stem, files))


def _parse_articles(config: SiteConfig, inputs: Inputs, files: list[str], previous: ParsedFiles,
                    jobs: int | None, problems: list[Problem], policy: QualityPolicy,
                    unloaded: list[Unloaded]) -> ParsedFiles:
    """Every article file that parses: unchanged ones from previous, the rest parsed (across processes when many).
    Those that do not go into unloaded, as far as their review goes.

    An article checked under another quality policy (site.yaml's changed) is parsed and checked again.
    """
    from .parallel import fork_map  # here: a rebuild after an edit parses in-process and starts sooner

    parsed: ParsedFiles = {}
    to_parse = []
    for rel in files:
        cached = previous.get(rel)
        if (cached is not None and cached[0] == inputs.stamps.get(rel) and cached[1].quality is not None
                and cached[1].quality.policy == policy.for_file(rel).key):
            parsed[rel] = cached  # the same object, so the cache knows this entry is unchanged
        else:
            to_parse.append((str(config.site_dir / rel), rel))
    for rel, article, found_problems, named in fork_map(partial(_parse_article, policy=policy), to_parse, jobs):
        if article is not None:
            parsed[rel] = (inputs.stamps[rel], article)  # listed by the walk that stamped it
        problems.extend(found_problems)
        unloaded.extend(named)
    return parsed


def _parse_article(file: tuple[str, str], policy: QualityPolicy) -> tuple[str, Article | None, list[Problem],
                                                                          list[Unloaded]]:
    """Parse and check one article file (in a worker process when there are many)."""
    path, rel = file
    problems: list[Problem] = []
    unloaded: list[Unloaded] = []
    try:
        return rel, _article(rel, read_text(Path(path), rel), problems, policy, unloaded), problems, unloaded
    except SiteError as exc:
        return rel, None, [*problems, exc.problem], unloaded


def parse_article(rel: str, text: str, policy: QualityPolicy | None = None) -> Article | None:
    """One article from its file's text, or None when its frontmatter has any problem (a full build reports it).

    policy is the site's quality policy (default: medpress's defaults).
    """
    problems: list[Problem] = []
    try:
        article = _article(rel, text, problems, policy or QualityPolicy())
    except SiteError:
        return None
    return None if problems else article


def _load_all(config: SiteConfig, files: list[str], make: Any, problems: list[Problem]) -> Iterator[Any]:
    for rel in files:
        try:
            yield make(config.site_dir / rel, rel, problems)
        except SiteError as exc:
            problems.append(exc.problem)


def files_in(config: SiteConfig, inputs: Inputs, folder: str, suffix: str,
             problems: list[Problem] | None = None) -> list[str]:
    """The files of content/<folder> with the suffix (.yml too for .yaml), as paths relative to the site."""
    suffixes = (suffix, ".yml") if suffix == ".yaml" else (suffix,)
    rels = site_files(inputs, _folder_rel(config, config.content_dir / folder), [] if problems is None else problems)
    return [rel for rel in rels if os.path.splitext(rel)[1].lower() in suffixes]


def _folder_rel(config: SiteConfig, folder: Path) -> str:
    return folder.relative_to(config.site_dir).as_posix()


def _stem(rel: str) -> str:
    return os.path.splitext(os.path.basename(rel))[0]


def _front(text: str, rel: str, spec: Mapping) -> tuple[dict[str, Any] | None, Checker, str, int,
                                                          dict[KeyPath, Span]]:
    """The frontmatter checked, its checker, the body and its first line, and where each value is written."""
    yaml_text, body, body_line = split_frontmatter(text, rel)
    spans: dict[KeyPath, Span] = {}
    data, lines = parse_yaml(yaml_text, rel, first_line=2, spans=spans, spanned=CHECKED_TEXT)
    if not isinstance(data, dict):
        written = ("nothing" if data is None else "a list" if isinstance(data, list)
                   else "a line of text" if isinstance(data, str) else "a value")
        raise ContentError(f"frontmatter must be 'key: value' lines, not {written}", rel, 2,
                           hint="start each line with its key and a colon, as in 'title: ...'")
    checker = Checker(rel, lines, fallback_line=1)
    return spec.check(data, (), checker), checker, body, body_line, spans


def _origin(rel: str, checker: Checker, body_line: int = 1, values: Iterable[Value] = (),
            clean: dict[str, Any] | None = None) -> Origin:
    """Where the file's top-level keys are, and where each FAQ answer's text starts (a broken link there names
    its own line). Given clean, an empty slug: line is left out, as if not written: a translation's address is
    then its source's."""
    empty_slug = clean is not None and not clean.get("slug")
    top = [(str(k[0]), line) for k, line in checker.lines.items() if len(k) == 1
           and not (empty_slug and k[0] == "slug")]
    answers = [(value.key, value.line) for value in values if value.key.startswith("faq[") and value.markdown]
    return Origin(rel, tuple(sorted(top + answers)), body_line)


def _article(rel: str, text: str, problems: list[Problem], policy: QualityPolicy,
             unloaded: list[Unloaded] | None = None) -> Article | None:
    # The review keys are checked by the review policy (review.py), with the fact check and the sources:
    # an article missing them still parses, so that one run lists all four.
    policy = policy.for_file(rel)
    try:
        clean, checker, body, body_line, spans = _front(text, rel, ARTICLE_DRAFT)
    except SiteError:  # the frontmatter does not parse (invalid YAML, a duplicate key): its body still can
        problems.extend(_body_problems_unparsed(
            text, rel, lambda body, body_line: check_body(body, body_line, rel, policy).problems))
        raise
    stem, lang = translation_of(_stem(rel))
    slug = _slug_of(stem, lang, clean, checker)
    if lang and clean is not None:
        clean["lang"] = lang
    problems.extend(checker.problems)
    if checker.problems or clean is None or slug is None:
        if not (clean or {}).get("draft"):  # what the review policy and the checks would say of what did parse
            problems.extend(check_values(_values(clean or {}, checker, text, body_line, spans), rel, policy)[0])
            problems.extend(check_body(body, body_line, rel, policy).problems)
            if unloaded is not None:  # judged once every reviewer is read (graph.py)
                unloaded.append(_stand_in(rel, clean or {}, checker, body_line))
        return None
    findings = check_body(body, body_line, rel, policy)
    values = _values(clean, checker, text, body_line, spans)
    front, answer_grades = check_values(values, rel, policy)
    quality = Quality(policy.key, front, findings.problems, findings.grade, answer_grades, findings.hyphenated)
    # The path is hashed too: a slug may come from the file name.
    return Article(slug=slug, front_digest=front_digest(rel, text, body), body_digest=text_digest(body),
                   origin=_origin(rel, checker, body_line, values, clean), quality=quality,
                   **{k: v for k, v in clean.items() if k != "slug"})


DRAFT_LINE = re.compile(r"^(?:draft|\"draft\"|'draft')[ \t]*:[ \t]*(?:!!bool[ \t]+)?(?:true|True|TRUE)[ \t]*(?:#.*)?$",
                        re.MULTILINE)


def _body_problems_unparsed(text: str, rel: str,
                            check: Callable[[str, int], Sequence[Problem]]) -> Sequence[Problem]:
    """What check finds in the body (and its first line) of an article or page whose frontmatter does not parse,
    so that one run lists them with its error: the whole file when it has no frontmatter block; nothing for a
    file with no body, one whose block is never closed, or one whose line draft: true says it is a draft."""
    try:
        yaml_text, body, body_line = split_frontmatter(text, rel)
    except SiteError:
        no_block = text.strip() and text.split("\n", 1)[0].rstrip() != FENCE
        return check(text, 1) if no_block and not DRAFT_LINE.search(text) else []
    return [] if DRAFT_LINE.search(yaml_text) else check(body, body_line)


def _stand_in(rel: str, clean: dict[str, Any], checker: Checker, body_line: int) -> Unloaded:
    """What an article that failed to load says of its review and category, for graph.py to judge, and of its
    address."""
    # A translation names no category (it has its source's), nor does a file that left it out: "" is judged as none.
    said = {"category": "", **{key: clean[key] for key in STAND_IN_KEYS if clean.get(key) is not None}}
    article = Article(slug="", front_digest="", body_digest="", origin=_origin(rel, checker, body_line), title="",
                      summary="", **said)
    return Unloaded(article, tuple(sorted(key for key, value in clean.items() if value is None)),
                    str(clean.get("slug") or ""))  # a slug the schema refused is None

CHECKED_TEXT = frozenset({"title", "summary", "faq"})  # the frontmatter's text whose lines _values keeps


def _values(clean: dict[str, Any], checker: Checker, text: str, body_line: int,
            spans: dict[KeyPath, Span]) -> list[Value]:
    """The frontmatter text the quality checks read: title, summary, and each FAQ question and answer, then the
    rest of the text the page shows (_labels), which only placeholders and alt text are looked for in.

    A title, summary or FAQ value written on several lines is read as written, on its own lines, so that a
    finding names its line.
    """
    lines = text.split("\n", body_line - 1)[:body_line - 1]  # the frontmatter's, not the body's
    found: list[tuple[KeyPath, str, bool]] = [((key,), clean[key], False) for key in ("title", "summary")
                                              if isinstance(clean.get(key), str)]
    for index, faq in enumerate(clean.get("faq") or ()):
        if isinstance(faq, Faq):  # not a mapping left as it was written, when it failed its check
            found.append((("faq", index, "q"), faq.question, False))
            found.append((("faq", index, "a"), faq.answer, True))
    return _read_as_written(found, lines, checker, spans) + _shown_labels(clean, checker)


def _read_as_written(found: Iterable[tuple[KeyPath, str, bool]], lines: list[str], checker: Checker,
                     spans: dict[KeyPath, Span], label: bool = False) -> list[Value]:
    """Values (key path, text, whether Markdown) as the checks read them: each on the lines it is written on."""
    values = []
    for at, value, markdown in found:
        written = as_written(lines, spans.get(at), value)
        values.append(Value(dotted(at), written[0], written[1][0], markdown, written[1], label) if written else
                      Value(dotted(at), value, checker.line(at) or 1, markdown, label=label))
    return values


def _shown_labels(clean: dict[str, Any], checker: Checker) -> list[Value]:
    """The _labels of a file's checked data, each at its line."""
    return [replace(label, line=checker.line(at) or 1) for at, label in _labels(clean) if label.text]


def _labels(clean: dict[str, Any]) -> Iterator[tuple[KeyPath, Value]]:
    """The text a page shows beside an article's or a person's own prose, each at its key path: the drug's names,
    the sources' titles and publishers, the tags, the author, the image's alt text (with the image's address)."""
    def label(at: KeyPath, text: str, image: str | None = None, cited: bool = False) -> tuple[KeyPath, Value]:
        return at, Value(dotted(at), text, 1, label=True, image=image, cited=cited)

    drug = clean.get("drug")
    if isinstance(drug, Drug):
        yield from (label(("drug", key), getattr(drug, key)) for key in ("name", "generic", "drug_class", "schedule"))
        yield from (label(("drug", "brand_names", index), name) for index, name in enumerate(drug.brand_names))
    for index, source in enumerate(clean.get("sources") or ()):
        if isinstance(source, Source):
            yield from (label(("sources", index, key), getattr(source, key), cited=True)
                        for key in ("title", "publisher"))
    tags = enumerate(clean.get("tags") or ())  # numbered as written: a tag the schema refused keeps its place
    yield from (label(("tags", index), tag) for index, tag in tags if isinstance(tag, str))
    if isinstance(clean.get("author"), str):
        yield label(("author",), clean["author"])
    image = clean.get("image")
    if isinstance(image, Image):
        yield label(("image", "alt"), image.alt, image.src)


def answers_as_written(site_dir: Path, article: Article) -> tuple[tuple[str, int], ...]:
    """Each FAQ answer of an article as its file has it, and its first line: a link in it is on a line of its own.

    The file is read again: what the article keeps of it is its answers' text alone, not their line breaks.
    """
    origin = article.origin
    answers = [(faq.answer, origin.line(f"faq[{index}].a") or origin.line("faq") or 1)
               for index, faq in enumerate(article.faq)]
    spans: dict[KeyPath, Span] = {}
    try:
        text = read_text(site_dir / origin.path, origin.path)
        parse_yaml(split_frontmatter(text, origin.path)[0], origin.path, first_line=2, spans=spans,
                   spanned=("faq",))
    except SiteError:  # gone or broken since it was parsed: its answers as they were read
        return tuple(answers)
    front = text.split("\n", origin.body_line - 1)[:origin.body_line - 1]
    for index, (answer, _) in enumerate(answers):
        written = as_written(front, spans.get(("faq", index, "a")), answer)
        if written:
            answers[index] = (written[0], written[1][0])
    return tuple(answers)


def as_written(front_lines: list[str], span: Span | None, value: str) -> tuple[str, tuple[int, ...]] | None:
    """A value of the frontmatter, written at span, as its lines (from 1) have it, and those lines (one after the
    other); None when its lines do not read as the value (an escape other than a quote's, say)."""
    if span is None or not 0 < span.line <= span.end_line <= len(front_lines):
        return None
    if span.style in ("|", ">"):
        return _block_as_written(front_lines, span.line, value)
    return _folded_as_written(front_lines, span, value)


BLOCK_SCALAR = re.compile(r"(?::|^[ \t]*-)[ \t]*[|>][+-]?[1-9]?[ \t]*(?:#.*)?$")  # "key: |", or a list's "- >-"


def _block_as_written(lines: list[str], line: int, value: str) -> tuple[str, tuple[int, ...]] | None:
    """The text of the block value whose key (or list item) is on line (from 1), dedented, and its lines; None
    for another value.

    The value ends before a line indented less than its first (a comment there is no part of it), unless its
    header gives its indentation (|2), when its first line may be indented more than the rest. Its words must
    be the value's, so that what is checked is what is published.
    """
    header = BLOCK_SCALAR.search(lines[line - 1])
    if not header:
        return None
    taken = _lines_under(lines, line)
    indented = [len(written) - len(written.lstrip()) for _, written in taken if written.strip()]
    if not indented:
        return None
    margin = min(indented) if any(c.isdigit() for c in header.group()) else indented[0]
    kept = list(itertools.takewhile(lambda item: not item[1].strip() or item[1][:margin].isspace(), taken))
    while kept and not kept[-1][1].strip():
        kept.pop()
    text = "\n".join(written[margin:] for _, written in kept)
    return (text, tuple(number for number, _ in kept)) if text.split() == value.split() else None


def _lines_under(lines: list[str], line: int) -> list[tuple[int, str]]:
    """The lines below the key (or list item) on line (from 1) that are indented more than it, or blank, with
    their numbers."""
    key = lines[line - 1]
    after_dash = key.lstrip(" -")
    indent = len(key) - len(after_dash if not after_dash.startswith(("|", ">")) else key.lstrip(" "))
    taken: list[tuple[int, str]] = []
    for number in range(line + 1, len(lines) + 1):
        written = lines[number - 1]
        if written.strip() and len(written) - len(written.lstrip()) <= indent:
            break
        taken.append((number, written))
    return taken


def _folded_as_written(lines: list[str], span: Span, value: str) -> tuple[str, tuple[int, ...]] | None:
    """A plain or quoted value, on one line or on several, as written, and its lines; None when YAML's reading
    differs from it.

    YAML folds such a value's lines into one, each line break a space and each blank line a line break: the
    lines are taken as written when they fold into the value exactly, a quote's escapes ('' and \\") read, so
    that what is checked is what is published. In a flow mapping ({q: ..., a: ...}) the value starts after its
    key, on the same line.
    """
    written = lines[span.line - 1:span.end_line]
    written[-1] = written[-1][:span.end_column]
    written[0] = written[0][span.column:]  # after the last line's end is cut: they may be one line
    parts = [part.strip() for part in written]
    if span.style:  # its quotes, cut one after the other: on one line, both from the same part
        parts[0] = parts[0][1:]
        parts[-1] = parts[-1][:-1]
        unquoted = [_unquoted(part, span.style) for part in parts]
        if None in unquoted:
            return None
        parts = [part for part in unquoted if part is not None]
    if _yaml_folded(parts) != value:
        return None
    return "\n".join(parts), tuple(range(span.line, span.end_line + 1))


def _unquoted(text: str, quote: str) -> str | None:
    """A line of a quoted value with its quote's escapes read; None for another escape (\\n, \\u00e9...)."""
    if quote == "'":
        return text.replace("''", "'")
    if "\\" not in text:
        return text
    plain = text.replace("\\\\", "\0").replace('\\"', '"')
    return None if "\\" in plain else plain.replace("\0", "\\")


def _yaml_folded(parts: list[str]) -> str:
    """The lines of a plain or quoted value as YAML reads them: a line break is a space, a blank line a break."""
    text, breaks = "", 0
    for part in parts:
        if not part:
            breaks += 1
            continue
        text = text + ("\n" * breaks or " ") + part if text else part
        breaks = 0
    return text


def _page(path: Path, rel: str, problems: list[Problem], policy: QualityPolicy) -> Page | None:
    """A plain page (policy: the site's), or None when it has problems: those of its body too, all at once."""
    text = read_text(path, rel)
    stem, lang = translation_of(path.stem)  # about.fr.md: the French about page; its source is found later

    def body_problems(body: str, body_line: int) -> list[Problem]:
        return check_page_body(body, body_line, rel, policy.for_file(rel))

    try:
        clean, checker, body, body_line, _ = _front(text, rel, PAGE)
    except SiteError:  # the frontmatter does not parse: its body still can
        problems.extend(_body_problems_unparsed(text, rel, body_problems))
        raise
    slug = _slug_of(stem, lang, clean, checker)
    problems.extend(checker.problems)
    if checker.problems or clean is None or slug is None:
        problems.extend([] if (clean or {}).get("draft") else body_problems(body, body_line))
        return None
    return Page(slug=slug, body=body, origin=_origin(rel, checker, body_line, clean=clean), lang=lang,
                **{k: v for k, v in clean.items() if k != "slug"})


def _person(model: type[PersonT], spec: Mapping, what: str, path: Path, rel: str,
            problems: list[Problem], language: str = "en") -> PersonT | None:
    """A reviewer's or author's file, checked against its spec, as its model; None when it has problems.
    language is the site's: the person's text is checked in it."""
    data, checker, written = _key_value_file(path, rel, f"{what} file")
    clean = spec.check(data, (), checker)
    if not ID.fullmatch(path.stem):
        checker.error((), f"file name '{path.stem}' is not a valid {what.split()[-1]} id", SLUG_HINT)
    problems.extend(checker.problems)
    if checker.problems or clean is None:
        return None
    return model(id=path.stem, origin=_origin(rel, checker), **clean,
                 problems=_person_findings(clean, checker, written, rel, language))


def _person_findings(clean: dict[str, Any], checker: Checker, written: tuple[str, dict[KeyPath, Span]], rel: str,
                     language: str) -> tuple[Problem, ...]:
    """The placeholders in the text a person's page shows (name, credentials, role, bio), each at its own line,
    and a photo's alt text that names a file."""
    text, spans = written
    found = [((key,), clean[key], False) for key in PERSON_SHOWN if isinstance(clean.get(key), str) and clean[key]]
    values = _read_as_written(found, text.split("\n"), checker, spans, label=True) + _shown_labels(clean, checker)
    return check_values(values, rel, QualityPolicy(language))[0]


# The text of site.yaml, and of each language's site_text block, that pages show, by key path ("*": each item
# of a list or mapping), and whether it is the site's own prose, where claims are looked for too, or a name or a
# title, where only placeholders are.
SITE_TEXT = (
    (("title",), False), (("tagline",), False), (("organization", "name"), False),
    (("organization", "description"), True), (("organization", "locations", "*"), False),
    (("categories", "*", "title"), False), (("categories", "*", "help"), True),
    (("categories", "*", "method", "*"), True), (("categories", "*", "timeline", "*", "when"), False),
    (("categories", "*", "timeline", "*", "step"), True), (("accreditations", "*", "name"), False),
    (("media", "*", "name"), False), (("nav", "*", "title"), False), (("urgent_help", "title"), True),
    (("urgent_help", "text"), True), (("disclaimer",), True),
)
SITE_SHOWN = (*dict.fromkeys(pattern[0] for pattern, _ in SITE_TEXT), "site_text")  # where parse_yaml keeps spans


def site_text_findings(clean: dict[str, Any], checker: Checker, written: tuple[str, dict[KeyPath, Span]],
                       policy: QualityPolicy, path: str) -> tuple[Problem, ...]:
    """The placeholders in the text site.yaml has pages show, and the claims in its own prose, in every language,
    each at its own line: the same text is on many pages, and a placeholder goes live on all of them."""
    text, spans = written
    lines = text.split("\n")
    blocks: list[tuple[KeyPath, Any, str]] = [((), clean, policy.language)]
    for key, block in (clean.get("site_text") or {}).items():
        blocks.append((("site_text", str(key)), block, canonical_tag(str(key)) or str(key)))
    problems: list[Problem] = []
    for at, block, language in blocks:
        found = [(kind, (where, value, False)) for pattern, kind in SITE_TEXT
                 for where, value in _values_at(block, pattern, at) if isinstance(value, str) and value]
        values = (_read_as_written([value for prose, value in found if prose], lines, checker, spans)
                  + _read_as_written([value for prose, value in found if not prose], lines, checker, spans,
                                     label=True))
        if at and at[1] != language:  # a block written FR: or pt-br: is named as the site's languages are
            values = [replace(value, key=f"site_text.{language}{value.key[len(dotted(at)):]}") for value in values]
        problems += check_values(values, path, replace(policy, language=language))[0]
    return tuple(problems)


def _values_at(data: Any, pattern: tuple[str, ...], at: KeyPath) -> Iterator[tuple[KeyPath, Any]]:
    """The values of data at a key path pattern ("*": each item of a list or mapping), each with its key path."""
    if not pattern:
        yield at, data
        return
    first, rest = pattern[0], pattern[1:]
    if first != "*":
        if isinstance(data, dict) and first in data:
            yield from _values_at(data[first], rest, (*at, first))
        return
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, (list, tuple)) else ()
    for key, value in items:
        yield from _values_at(value, rest, (*at, key if isinstance(key, int) else str(key)))


def _own_and_translated(files: list[str]) -> tuple[list[str], list[str]]:
    """A people folder's files: each person's own (dr-ada.yaml), and their text in other languages (dr-ada.fr.yaml)."""
    own = [rel for rel in files if not translation_of(_stem(rel))[1]]
    return own, [rel for rel in files if rel not in own]


# The same in every language (name, image, same_as): in the person's own file only.
PERSON_OWN_KEYS = tuple(key for key in REVIEWER.keys if key not in PERSON_TEXT.keys)
PERSON_SHOWN = ("name", "credentials", "role", "bio")  # the text a person's page shows, read by the checks


def _key_value_file(path: Path, rel: str, what: str) -> tuple[dict[Any, Any], Checker,
                                                               tuple[str, dict[KeyPath, Span]]]:
    """A YAML file of 'key: value' lines, the checker that reports its problems by line, and its text with where
    each value a person's page shows is written in it."""
    text = read_text(path, rel)
    spans: dict[KeyPath, Span] = {}
    data, lines = parse_yaml(text, rel, spans=spans, spanned=PERSON_SHOWN)
    if not isinstance(data, dict):
        raise ContentError(f"{what} must be 'key: value' lines", rel, 1)
    return data, Checker(rel, lines, fallback_line=1), (text, spans)


def _person_text(folder: str, path: Path, rel: str, problems: list[Problem]) -> PersonText | None:
    """A reviewer's or author's text in another language, checked; None when it has problems."""
    data, checker, written = _key_value_file(path, rel, "a reviewer's or author's text in another language")
    stem, lang = translation_of(_stem(rel))
    for key in PERSON_OWN_KEYS:
        if key in data:
            checker.error((key,), f"{key} is the same in every language: it is given in {stem}.yaml",
                          f"remove it here; this file gives credentials, role and bio in {lang}")
    clean = PERSON_TEXT.check({k: v for k, v in data.items() if k not in PERSON_OWN_KEYS}, (), checker)
    if not checker.problems and clean is not None and not any(clean.values()):
        checker.error((), "gives no text", f"give the credentials, role or bio in {lang}, or remove the file")
    problems.extend(checker.problems)
    if checker.problems or clean is None:
        return None
    return PersonText(folder, stem, lang, _origin(rel, checker), **clean,
                      problems=_person_findings(clean, checker, written, rel, lang))


_reviewer = partial(_person, Reviewer, REVIEWER, "a reviewer")
_author = partial(_person, Author, AUTHOR, "an author")


def _slug_of(stem: str, lang: str, clean: dict[str, Any] | None, checker: Checker) -> str | None:
    """The slug of an article or plain page file; a translation with no slug: line of its own has its source's,
    known once assemble() has found the source (stem is the source's file name until then)."""
    if lang and clean is not None and "slug" not in clean:
        return stem
    return _slug(stem, clean, checker)


def _slug(stem: str, clean: dict[str, Any] | None, checker: Checker) -> str | None:
    if clean and clean.get("slug"):
        return str(clean["slug"])
    if clean is not None and "slug" in clean:
        return None  # an invalid slug was already reported
    at: KeyPath = ("slug",)
    if not SLUG.fullmatch(stem):
        checker.error(at, f"the file name '{stem}' cannot be used as a URL",
                      f"rename the file or add a slug: line; {SLUG_HINT}")
        return None
    if len(stem) > MAX_NAME:
        checker.error(at, f"the file name is {len(stem)} characters long; a slug may have at most {MAX_NAME}",
                      f"rename the file, or add a slug: line of at most {MAX_NAME} characters")
        return None
    return stem
