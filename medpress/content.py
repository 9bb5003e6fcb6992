"""The only reader of content/: walks it, splits frontmatter, builds the model.

Every file is read and checked even after an earlier one failed, so that one run
reports every problem. Frontmatter is split here rather than with
python-frontmatter because the editor needs the exact line of each key and an
unclosed fence must be an error, not silently part of the body.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, SiteError
from .model import Article, Content, Drug, Faq, Image, Origin, Page, ParsedFiles, Reviewer, SiteConfig, Source, Stamp
from .schema import ARTICLE, ARTICLE_DRAFT, ID, PAGE, REVIEWER, SLUG, SLUG_HINT, Checker, Mapping
from .yamlfile import KeyPath, parse_yaml

MAX_FILE_BYTES = 2_000_000
FENCE = "---"


def load_content(config: SiteConfig, previous: ParsedFiles | None = None,
                 stamps: dict[str, Stamp] | None = None) -> tuple[Content, list[Problem]]:
    """Read every article, reviewer and page; return them with all problems found.

    An article file whose size and modification time match an entry of previous
    (what the last good build parsed) is taken from there without being read.
    """
    problems: list[Problem] = []
    reader = _ArticleReader(previous or {}, stamps or {})
    articles = [a for a in _load_all(config, "articles", ".md", reader.read, problems) if a]
    reviewers = [r for r in _load_all(config, "reviewers", ".yaml", _reviewer, problems) if r]
    pages = [p for p in _load_all(config, "pages", ".md", _page, problems) if p]
    if not (config.content_dir / "articles").is_dir():
        problems.append(Problem("no content/articles/ folder", "content/articles",
                                hint="create it and add an article (python build.py new \"Title\")"))
    assets = frozenset(
        path.relative_to(config.assets_dir).as_posix()
        for path in site_files(config.site_dir, config.assets_dir, problems)
    )
    loaded = {a.origin.path for a in articles}
    unparsed = frozenset(Path(rel).stem for rel in reader.seen if rel not in loaded)
    loaded_reviewers = {r.id for r in reviewers}
    unparsed_reviewers = frozenset(
        path.stem for path in site_files(config.site_dir, config.content_dir / "reviewers", [])
        if path.suffix.lower() in (".yaml", ".yml") and path.stem not in loaded_reviewers
    )
    content = Content(tuple(articles), tuple(reviewers), tuple(pages), assets, unparsed, unparsed_reviewers,
                      bodies=reader.bodies, parsed=reader.parsed)
    return content, problems


class _ArticleReader:
    """Parses article files, reusing the previous parse of files that did not change."""

    def __init__(self, previous: ParsedFiles, stamps: dict[str, Stamp]) -> None:
        self.previous = previous
        self.stamps = stamps  # taken by input_stamps() for this build, so files are not stat'ed twice
        self.seen: list[str] = []
        self.bodies: dict[str, str] = {}
        self.parsed: dict[str, tuple[Stamp, Article]] = {}

    def read(self, path: Path, rel: str, problems: list[Problem]) -> Article | None:
        self.seen.append(rel)
        stamp = self.stamps.get(rel)
        if stamp is None:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self.previous.get(rel)
        if cached is not None and cached[0] == stamp:
            self.parsed[rel] = cached
            return cached[1]
        text = read_text(path, rel)
        article, body = _article(path, rel, text, problems)
        if article is not None:
            self.bodies[rel] = body
            self.parsed[rel] = (stamp, article)
        return article


def _load_all(config: SiteConfig, folder: str, suffix: str, make: Any, problems: list[Problem]) -> Iterator[Any]:
    for path in site_files(config.site_dir, config.content_dir / folder, problems):
        if path.suffix.lower() not in (suffix, ".yml" if suffix == ".yaml" else suffix):
            continue
        rel = path.relative_to(config.site_dir).as_posix()
        try:
            yield make(path, rel, problems)
        except SiteError as exc:
            problems.append(exc.problem)


def input_stamps(site_dir: Path, out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file a build reads (the output excepted)."""
    stamps: dict[str, tuple[int, int]] = {}
    for top in ("site.yaml", "content", "layouts", "assets"):
        start = site_dir / top
        if start.is_file():
            stat = start.stat()
            stamps[top] = (stat.st_mtime_ns, stat.st_size)
            continue
        if os.path.islink(start):
            link = os.lstat(start)
            stamps[f"{top} (link)"] = (link.st_mtime_ns, link.st_size)
        for here, dirs, files in os.walk(start):
            if Path(here).resolve().is_relative_to(out):
                dirs[:] = []
                continue
            # Links are stamped too, linked folders and broken links included: adding one must
            # make the next build look (and refuse it) rather than report "nothing changed".
            for name in files + [d for d in dirs if os.path.islink(os.path.join(here, d))]:
                path = os.path.join(here, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    stat = os.lstat(path)
                stamps[os.path.relpath(path, site_dir)] = (stat.st_mtime_ns, stat.st_size)
                if os.path.islink(path):
                    link = os.lstat(path)
                    stamps[os.path.relpath(path, site_dir) + " (link)"] = (link.st_mtime_ns, link.st_size)
    return stamps


def layout_digests(config: SiteConfig) -> list[tuple[str, str]]:
    """The site's own layouts by content, so that editing one re-renders the pages using it."""
    folder = config.layouts_dir
    if not folder.is_dir():
        return []
    return sorted((path.relative_to(folder).as_posix(), text_digest(path.read_bytes().decode("utf-8", "replace")))
                  for path in folder.rglob("*") if path.is_file())


def site_files(site_dir: Path, folder: Path, problems: list[Problem]) -> list[Path]:
    """List the files under folder, sorted; refuse links that leave the site."""
    if not folder.is_dir():
        return []
    root = site_dir.resolve()
    if not folder.resolve().is_relative_to(root):  # assets/ (or content/) itself links out of the site
        problems.append(Problem("is a link to a folder outside the site; refused",
                                folder.relative_to(site_dir).as_posix(),
                                hint="copy the files into the site instead of linking them"))
        return []
    found: list[Path] = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(here) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Problem("is a link to a file outside the site; refused",
                                        path.relative_to(site_dir).as_posix(),
                                        hint="copy the file into the site instead of linking it"))
                continue
            if not path.is_file():  # a broken link, a pipe (reading it would hang) or a device
                problems.append(Problem("is not an ordinary file (a broken link, a pipe or a device); refused",
                                        path.relative_to(site_dir).as_posix(), hint="replace it with a file"))
                continue
            found.append(path)
        for name in dirs:  # walk() does not enter linked folders; one that leaves the site is an error
            path = Path(here) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Problem("is a link to a folder outside the site; refused",
                                        path.relative_to(site_dir).as_posix(),
                                        hint="copy the files into the site instead of linking them"))
    return sorted(found)


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


def _article(path: Path, rel: str, text: str, problems: list[Problem]) -> tuple[Article | None, str]:
    clean, checker, body, body_line = _front(text, rel, ARTICLE, draft_spec=ARTICLE_DRAFT)
    slug = _slug(path, clean, checker)
    problems.extend(checker.problems)
    if checker.problems or clean is None or slug is None:
        return None, body
    return Article(
        slug=slug, title=clean["title"], summary=clean["summary"], category=clean["category"],
        reviewer=clean.get("reviewer") or "", reviewed=clean.get("reviewed"),
        fact_checked=bool(clean.get("fact_checked")),
        # The path is hashed too: a slug may come from the file name.
        digest=text_digest(f"{rel}\n{text}"), front_digest=text_digest(f"{rel}\n{text.removesuffix(body)}"),
        origin=_origin(rel, checker, body_line),
        drug=_drug(clean.get("drug")), author=clean.get("author") or "",
        reading_time=clean.get("reading_time"), related=_items(clean.get("related")),
        faq=tuple(Faq(f["q"], f["a"]) for f in clean.get("faq") or ()),
        sources=tuple(Source(s["title"], s.get("publisher") or "", s.get("url") or "", s.get("year"))
                      for s in clean.get("sources") or ()),
        image=_image(clean.get("image")), updated=clean.get("updated"),
        tags=_items(clean.get("tags")), aliases=_items(clean.get("aliases")),
        draft=bool(clean.get("draft")),
    ), body


def text_digest(text: str) -> str:
    """A short content hash: what the build cache keys a source file by."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def read_body(config: SiteConfig, article: Article) -> str:
    """Read an article's Markdown body again (for one parsed by an earlier build)."""
    text = read_text(config.site_dir / article.origin.path, article.origin.path)
    return split_frontmatter(text, article.origin.path)[1]


def _page(path: Path, rel: str, problems: list[Problem]) -> Page | None:
    clean, checker, body, body_line = _front(read_text(path, rel), rel, PAGE)
    slug = _slug(path, clean, checker)
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


def _slug(path: Path, clean: dict[str, Any] | None, checker: Checker) -> str | None:
    if clean and clean.get("slug"):
        return str(clean["slug"])
    if clean is not None and "slug" in clean:
        return None  # an invalid slug was already reported
    if SLUG.fullmatch(path.stem):
        return path.stem
    at: KeyPath = ("slug",)
    checker.error(at, f"the file name '{path.stem}' cannot be used as a URL",
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
