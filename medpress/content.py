"""The only reader of content/: walks it, splits frontmatter, builds the model.

Every file is read and checked even after an earlier one failed, so that one run
reports every problem. Frontmatter is split here rather than with
python-frontmatter because the editor needs the exact line of each key and an
unclosed fence must be an error, not silently part of the body.
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_module
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, SiteError
from .model import Article, Content, Drug, Faq, Image, Origin, Page, ParsedFiles, Reviewer, SiteConfig, Source, Stamp
from .parallel import fork_map
from .schema import ARTICLE, ARTICLE_DRAFT, ID, PAGE, REVIEWER, SLUG, SLUG_HINT, Checker, Mapping
from .yamlfile import KeyPath, parse_yaml

MAX_FILE_BYTES = 2_000_000
FENCE = "---"


def load_content(config: SiteConfig, inputs: Inputs | None = None, previous: ParsedFiles | None = None,
                 jobs: int | None = None) -> tuple[Content, list[Problem]]:
    """Read every article, reviewer and page; return them with all problems found.

    inputs is this build's walk of the site (walked now when not given). An article
    whose size and modification time match an entry of previous (what the last good
    build parsed) is taken from there without being read; the others are parsed in
    jobs worker processes when there are many.
    """
    inputs = inputs or scan_inputs(config.site_dir)
    problems: list[Problem] = []
    articles, parsed = _articles(config, inputs, previous or {}, jobs, problems)
    reviewers = [r for r in _load_all(config, inputs, "reviewers", ".yaml", _reviewer, problems) if r]
    pages = [p for p in _load_all(config, inputs, "pages", ".md", _page, problems) if p]
    if not (config.content_dir / "articles").is_dir():
        problems.append(Problem("no content/articles/ folder", "content/articles",
                                hint="create it and add an article (python build.py new \"Title\")"))
    assets_rel = _folder_rel(config, config.assets_dir)
    assets = frozenset(rel[len(assets_rel) + 1:] for rel in site_files(inputs, assets_rel, problems))
    loaded = {a.origin.path for a in articles}
    unparsed = frozenset(_stem(rel) for rel in _files_in(config, inputs, "articles", ".md") if rel not in loaded)
    loaded_reviewers = {r.id for r in reviewers}
    unparsed_reviewers = frozenset(
        _stem(rel) for rel in _files_in(config, inputs, "reviewers", ".yaml") if _stem(rel) not in loaded_reviewers
    )
    content = Content(tuple(articles), tuple(reviewers), tuple(pages), assets, unparsed, unparsed_reviewers,
                      parsed=parsed)
    return content, problems


def _articles(config: SiteConfig, inputs: Inputs, previous: ParsedFiles, jobs: int | None,
              problems: list[Problem]) -> tuple[list[Article], ParsedFiles]:
    """Every article: unchanged ones from previous, the rest parsed (across processes when many)."""
    files = _files_in(config, inputs, "articles", ".md", problems)
    parsed: ParsedFiles = {}
    to_parse = []
    for rel in files:
        cached = previous.get(rel)
        if cached is not None and cached[0] == inputs.stamps.get(rel):
            parsed[rel] = cached  # the same object, so the cache knows this entry is unchanged
        else:
            to_parse.append((str(config.site_dir / rel), rel))
    for rel, article, found_problems in fork_map(_parse_article, to_parse, jobs):
        if article is not None:
            parsed[rel] = (inputs.stamps[rel], article)  # listed by the walk that stamped it
        problems.extend(found_problems)
    return [parsed[rel][1] for rel in files if rel in parsed], parsed


def _parse_article(file: tuple[str, str]) -> tuple[str, Article | None, list[Problem]]:
    """Parse one article file (in a worker process when there are many)."""
    path, rel = file
    problems: list[Problem] = []
    try:
        return rel, _article(rel, read_text(Path(path), rel), problems), problems
    except SiteError as exc:
        return rel, None, [*problems, exc.problem]


def _load_all(config: SiteConfig, inputs: Inputs, folder: str, suffix: str, make: Any,
              problems: list[Problem]) -> Iterator[Any]:
    for rel in _files_in(config, inputs, folder, suffix, problems):
        try:
            yield make(config.site_dir / rel, rel, problems)
        except SiteError as exc:
            problems.append(exc.problem)


def _files_in(config: SiteConfig, inputs: Inputs, folder: str, suffix: str,
              problems: list[Problem] | None = None) -> list[str]:
    """The files of content/<folder> with the suffix (.yml too for .yaml), as paths relative to the site."""
    suffixes = (suffix, ".yml") if suffix == ".yaml" else (suffix,)
    rels = site_files(inputs, _folder_rel(config, config.content_dir / folder), [] if problems is None else problems)
    return [rel for rel in rels if os.path.splitext(rel)[1].lower() in suffixes]


def _folder_rel(config: SiteConfig, folder: Path) -> str:
    return folder.relative_to(config.site_dir).as_posix()


def _stem(rel: str) -> str:
    return os.path.splitext(os.path.basename(rel))[0]


@dataclass(frozen=True, slots=True)
class Inputs:
    """Every file a build reads, from one walk of the site.

    stamps (size and modification time by path) tell a build what changed; entries
    are the files of content/ and assets/ that are not hidden, sorted, each with
    its kind ("file" or "folder", a linked one) and why it is refused, if it is.
    """

    site_dir: Path
    stamps: dict[str, Stamp]
    entries: tuple[tuple[str, str, str], ...]


INPUT_TOPS = ("site.yaml", "content", "layouts", "assets")
LISTED_TOPS = ("content", "assets")
OUTSIDE_FILE = "is a link to a file outside the site; refused"
OUTSIDE_FOLDER = "is a link to a folder outside the site; refused"
NOT_A_FILE = "is not an ordinary file (a broken link, a pipe or a device); refused"
REFUSAL_HINTS = {
    OUTSIDE_FILE: "copy the file into the site instead of linking it",
    OUTSIDE_FOLDER: "copy the files into the site instead of linking them",
    NOT_A_FILE: "replace it with a file",
}


def scan_inputs(site_dir: Path, out: Path | None = None) -> Inputs:
    """Walk site.yaml, content/, layouts/ and assets/ once (never into out).

    Links are stamped too, linked folders and broken links included: adding one must
    make the next build look (and refuse it) rather than report "nothing changed".
    """
    base = str(site_dir)
    root = os.path.realpath(site_dir)
    out_real = os.path.realpath(out) if out is not None else None
    stamps: dict[str, Stamp] = {}
    entries: list[tuple[str, str, str]] = []
    for top in INPUT_TOPS:
        start = os.path.join(base, top)
        if os.path.isfile(start):
            stat = os.stat(start)
            stamps[top] = (stat.st_mtime_ns, stat.st_size)
            continue
        if os.path.islink(start):
            link = os.lstat(start)
            stamps[f"{top} (link)"] = (link.st_mtime_ns, link.st_size)
        listed = top in LISTED_TOPS
        folders = [start] if os.path.isdir(start) else []
        while folders:
            here = folders.pop()
            if out_real is not None and _within(os.path.realpath(here), out_real):
                continue
            try:
                with os.scandir(here) as listing:
                    found = list(listing)
            except OSError:
                continue
            for entry in found:
                rel = entry.path[len(base) + 1:]
                is_link = entry.is_symlink()
                if not is_link and entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    continue
                try:
                    stat = entry.stat()
                except OSError:  # a broken link
                    stat = entry.stat(follow_symlinks=False)
                stamps[rel] = (stat.st_mtime_ns, stat.st_size)
                if is_link:
                    link = entry.stat(follow_symlinks=False)
                    stamps[rel + " (link)"] = (link.st_mtime_ns, link.st_size)
                if listed and not any(part.startswith(".") for part in rel.split("/")[1:]):
                    entries.append(_entry(entry.path, rel, is_link, stat, root))
    entries.sort(key=lambda item: item[0].split("/"))
    return Inputs(site_dir, stamps, tuple(entries))


def _entry(path: str, rel: str, is_link: bool, stat: os.stat_result, root: str) -> tuple[str, str, str]:
    if is_link and stat_module.S_ISDIR(stat.st_mode):
        return rel, "folder", "" if _within(os.path.realpath(path), root) else OUTSIDE_FOLDER
    if is_link and not _within(os.path.realpath(path), root):
        return rel, "file", OUTSIDE_FILE
    if not stat_module.S_ISREG(stat.st_mode):  # a broken link, a pipe (reading it would hang) or a device
        return rel, "file", NOT_A_FILE
    return rel, "file", ""


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def site_files(inputs: Inputs, folder: str, problems: list[Problem]) -> list[str]:
    """The usable files under folder (relative to the site), sorted; report links that leave the site."""
    path = inputs.site_dir / folder
    if not path.is_dir():
        return []
    if not path.resolve().is_relative_to(inputs.site_dir.resolve()):  # the folder itself links out of the site
        problems.append(Problem(OUTSIDE_FOLDER, folder, hint=REFUSAL_HINTS[OUTSIDE_FOLDER]))
        return []
    prefix = folder + "/"
    found = []
    for rel, kind, refusal in inputs.entries:
        if not rel.startswith(prefix):
            continue
        if refusal:
            problems.append(Problem(refusal, rel, hint=REFUSAL_HINTS[refusal]))
        elif kind == "file":
            found.append(rel)
    return found


def layout_digests(config: SiteConfig) -> list[tuple[str, str]]:
    """The site's own layouts by content, so that editing one re-renders the pages using it."""
    folder = config.layouts_dir
    if not folder.is_dir():
        return []
    return sorted((path.relative_to(folder).as_posix(), text_digest(path.read_bytes().decode("utf-8", "replace")))
                  for path in folder.rglob("*") if path.is_file())


def read_text(path: Path, rel: str) -> str:
    """Read a UTF-8 text file (BOM and Windows line endings allowed)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError(f"file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB",
                               rel, hint="split it into several files")
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror or exc}", rel,
                           hint="check that the file is readable") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(f"is not UTF-8 text (byte {exc.start})", rel, line,
                           hint="save the file with UTF-8 encoding") from None
    if "\x00" in text:
        raise ContentError("contains NUL bytes; it is not a text file", rel)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_frontmatter(text: str, rel: str) -> tuple[str, str, int]:
    """Split '---' fenced YAML from the body; return (yaml, body, first line of body)."""
    lines = text.split("\n")
    if not text.strip():
        raise ContentError("file is empty", rel, 1, hint="start it with a '---' frontmatter block")
    if lines[0].rstrip() != FENCE:
        raise ContentError("does not start with a '---' frontmatter block", rel, 1,
                           hint="the first line must be exactly ---")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise ContentError("the frontmatter block opened on line 1 is never closed", rel, 1,
                       hint="add a line with just --- after the last key")


def _front(
    text: str, rel: str, spec: Mapping, draft_spec: Mapping | None = None
) -> tuple[dict[str, Any] | None, Checker, str, int]:
    yaml_text, body, body_line = split_frontmatter(text, rel)
    data, lines = parse_yaml(yaml_text, rel, first_line=2)
    if not isinstance(data, dict):
        raise ContentError("frontmatter must be 'key: value' lines, not "
                           + ("nothing" if data is None else type(data).__name__), rel, 2)
    if draft_spec is not None and data.get("draft") is True:
        spec = draft_spec  # a draft may leave the review keys for the reviewer to fill in
    checker = Checker(rel, lines, fallback_line=1)
    return spec.check(data, (), checker), checker, body, body_line


def _origin(rel: str, checker: Checker, body_line: int = 1) -> Origin:
    top = tuple(sorted((str(k[0]), line) for k, line in checker.lines.items() if len(k) == 1))
    return Origin(rel, top, body_line)


def _article(rel: str, text: str, problems: list[Problem]) -> Article | None:
    clean, checker, body, body_line = _front(text, rel, ARTICLE, draft_spec=ARTICLE_DRAFT)
    slug = _slug(_stem(rel), clean, checker)
    problems.extend(checker.problems)
    if checker.problems or clean is None or slug is None:
        return None
    return Article(
        slug=slug, title=clean["title"], summary=clean["summary"], category=clean["category"],
        reviewer=clean.get("reviewer") or "", reviewed=clean.get("reviewed"),
        fact_checked=bool(clean.get("fact_checked")),
        # The path is hashed too: a slug may come from the file name.
        digest=whole_digest(rel, text), front_digest=front_digest(rel, text, body),
        origin=_origin(rel, checker, body_line),
        drug=_drug(clean.get("drug")), author=clean.get("author") or "",
        reading_time=clean.get("reading_time"), related=_items(clean.get("related")),
        faq=tuple(Faq(f["q"], f["a"]) for f in clean.get("faq") or ()),
        sources=tuple(Source(s["title"], s.get("publisher") or "", s.get("url") or "", s.get("year"))
                      for s in clean.get("sources") or ()),
        image=_image(clean.get("image")), updated=clean.get("updated"),
        tags=_items(clean.get("tags")), aliases=_items(clean.get("aliases")),
        draft=bool(clean.get("draft")),
    )


def whole_digest(rel: str, text: str) -> str:
    """What an article's own page is keyed by: its whole file (the path too: a slug may come from it)."""
    return text_digest(f"{rel}\n{text}")


def front_digest(rel: str, text: str, body: str) -> str:
    """What pages listing an article are keyed by: its file without the body."""
    return text_digest(f"{rel}\n{text.removesuffix(body)}")


def text_digest(text: str) -> str:
    """A short content hash: what the build cache keys a source file by."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def read_body(config: SiteConfig, article: Article) -> str:
    """Read an article's Markdown body again (for one parsed by an earlier build)."""
    text = read_text(config.site_dir / article.origin.path, article.origin.path)
    return split_frontmatter(text, article.origin.path)[1]


def _page(path: Path, rel: str, problems: list[Problem]) -> Page | None:
    clean, checker, body, body_line = _front(read_text(path, rel), rel, PAGE)
    slug = _slug(path.stem, clean, checker)
    problems.extend(checker.problems)
    if checker.problems or clean is None or slug is None:
        return None
    return Page(slug, clean["title"], clean["summary"], body, _origin(rel, checker, body_line),
                draft=bool(clean.get("draft")))


def _reviewer(path: Path, rel: str, problems: list[Problem]) -> Reviewer | None:
    data, lines = parse_yaml(read_text(path, rel), rel)
    if not isinstance(data, dict):
        raise ContentError("a reviewer file must be 'key: value' lines", rel, 1)
    checker = Checker(rel, lines, fallback_line=1)
    clean = REVIEWER.check(data, (), checker)
    if not ID.fullmatch(path.stem):
        checker.error((), f"file name '{path.stem}' is not a valid reviewer id", SLUG_HINT)
    problems.extend(checker.problems)
    if checker.problems or clean is None:
        return None
    return Reviewer(path.stem, clean["name"], clean["credentials"], _origin(rel, checker),
                    clean.get("role") or "", clean.get("bio") or "", _image(clean.get("image")),
                    _items(clean.get("same_as")))


def _slug(stem: str, clean: dict[str, Any] | None, checker: Checker) -> str | None:
    if clean and clean.get("slug"):
        return str(clean["slug"])
    if clean is not None and "slug" in clean:
        return None  # an invalid slug was already reported
    if SLUG.fullmatch(stem):
        return stem
    at: KeyPath = ("slug",)
    checker.error(at, f"the file name '{stem}' cannot be used as a URL",
                  f"rename the file or add a slug: line; {SLUG_HINT}")
    return None


def _items(value: Any) -> tuple[Any, ...]:
    return tuple(v for v in value or () if v is not None)


def _drug(value: dict[str, Any] | None) -> Drug | None:
    if not value:
        return None
    return Drug(value["name"], value.get("generic") or "", _items(value.get("brand_names")),
                value.get("drug_class") or "", value.get("schedule") or "")


def _image(value: dict[str, Any] | None) -> Image | None:
    return Image(value["src"], value["alt"]) if value else None
