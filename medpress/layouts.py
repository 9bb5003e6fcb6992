"""The Jinja environment of a site, and what goes wrong in a layout as a site error.

A name such as "article.html" finds the site's own layout first, then the built-in
one; "medpress/article.html" always finds the built-in one, so a site layout can
extend or include the very layout it replaces and change a single block.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .errors import Problem, SiteError, TemplateError, closest, did_you_mean
from .images import CARD_SIZES, asset_url, image_tag
from .labels import Interface, Labels, base_language, english_marked, formatted, text_direction
from .langtags import is_language_tag
from .model import Author, Reviewer, SiteConfig
from .outputs import og_locale
from .reads import unwatched
from .urls import language_folders, localized_url

BUILTIN_LAYOUTS = Path(__file__).parent / "layouts"
BUILTIN_PREFIX = "medpress"
UNKNOWN_FILTER = re.compile(r"No filter named '([^']+)'")
NOT_FOUND_HINT = f"a site's layout goes in layouts/; a built-in one is named '{BUILTIN_PREFIX}/<name>'"


class Layout(jinja2.Template):
    """A compiled layout that reports an error while rendering as a TemplateError at its file and line."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return super().render(*args, **kwargs)
        except SiteError:
            raise  # already says where it is
        except Exception as exc:
            error = layout_error(exc, self.environment)
            if error is None:
                raise  # not in a layout of this site: a fault of medpress itself
            raise error from None


class SiteLayoutLoader(jinja2.FileSystemLoader):
    """The site's layouts/: UTF-8 text files inside the site folder, anything else refused with its name."""

    def __init__(self, folder: Path, site_dir: Path) -> None:
        super().__init__(folder)
        self.folder = folder
        self.site = site_dir.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        rel = f"layouts/{template}"
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            line = (self.folder / template).read_bytes()[:exc.start].count(b"\n") + 1
            raise TemplateError(f"is not UTF-8 text (byte {exc.start})", rel, line,
                                hint="save it as UTF-8 in your editor") from None
        if not Path(filename).resolve().is_relative_to(self.site):
            raise TemplateError("is a link to a file outside the site; refused", rel,
                                hint="copy the file into the site instead of linking it")
        return source, filename, uptodate


class SuggestingUndefined(jinja2.StrictUndefined):
    """A missing value that fails when used, suggesting the attribute meant when one is close."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        owner, name = unwatched(self._undefined_obj), self._undefined_name
        if owner is not self._undefined_obj:
            return type(self)(hint=self._undefined_hint, obj=owner, name=name)._undefined_message
        message: str = super()._undefined_message
        if owner is jinja2.utils.missing or not isinstance(name, str) or self._undefined_hint:
            return message
        known = owner.keys() if isinstance(owner, Mapping) else dir(owner)
        suggestion = closest(name, [str(key) for key in known if not str(key).startswith("_")])
        settings = getattr(owner, "config", None) if not isinstance(owner, Mapping) else None
        if settings is not None:  # site.title: what site.yaml says is the layouts' config (site.config)
            names = [key for key in dir(settings) if not key.startswith("_")]
            close = name if name in names else closest(name, names)
            if close is not None and (name in names or suggestion is None):
                return f"{message}; did you mean 'config.{close}'?"
        return f"{message}; did you mean '{suggestion}'?" if suggestion is not None else message


class LayoutEnvironment(jinja2.Environment):
    """A Jinja environment that knows the site's layouts folder, to name a broken layout."""

    template_class = Layout
    site_layouts: Path | None = None
    interface: Interface = Interface("en")


def make_env(config: SiteConfig, asset_urls: dict[str, str], compiled: Path | None = None,
             interface: Interface | None = None, search_index: bool = True) -> jinja2.Environment:
    """Build the Jinja environment: the site's layouts first, then the built-in ones.

    With compiled, layouts compiled by an earlier build are loaded from that folder.
    Labels are gettext messages (Jinja's i18n extension), each looked up in the
    language of the page being rendered (its context's `lang`) in interface.
    """
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
    builtin = jinja2.FileSystemLoader(BUILTIN_LAYOUTS)
    env = LayoutEnvironment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
        # The prefix comes first: "medpress/..." is the built-in layout even if a site has a medpress/ folder.
        loader=jinja2.ChoiceLoader([
            jinja2.PrefixLoader({BUILTIN_PREFIX: builtin}),
            SiteLayoutLoader(config.layouts_dir, config.site_dir),
            builtin,
        ]),
        autoescape=True,
        undefined=SuggestingUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Every build makes its own environment, so layouts cannot change under it; with
        # auto_reload Jinja stats the layout file again at every include, once per card.
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.site_layouts = config.layouts_dir
    env.interface = interface or Interface(config.language)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)  # the wrappers above, called directly
    env.filters["long_date"] = long_date
    env.filters["in_sentence"] = in_sentence
    env.filters["written_in"] = written_in
    env.globals["lang_attributes"] = lang_attributes  # <li{{ lang_attributes(source.lang) }}>
    env.filters["site_text"] = site_text  # config.tagline | site_text("tagline"): marked when not translated
    env.filters["text_of"] = text_of  # reviewer | text_of("bio"): in the page's language where it is given in it

    def asset(path: str) -> str:
        """The address of a file under assets/ (a stylesheet's or script's fingerprinted copy), percent-encoded as
        an article's images are: a '#' or '?' in a logo's name would end its path, a space is no URL's."""
        published = asset_urls.get(path)  # css/medpress.css: /assets/css/medpress.1a2b3c4d5e.css
        if published is None:  # a misspelt name would publish pages that load nothing
            raise MisusedFunction(f"asset('{path}'): there is no file assets/{path}",
                                  did_you_mean(path, asset_urls, "put the file under assets/, or fix the name"))
        return asset_url(published.removeprefix("/assets/"))

    env.globals["asset"] = asset

    def absolute(url: str) -> str:
        """A path of this site as a full address, base_url in front: '/drugs/' -> 'https://clinic.example/drugs/'."""
        if not isinstance(url, str) or not url.startswith("/"):
            raise MisusedFunction(f"absolute({url!r}): not a path of this site", "give it a path that starts with /, "
                                  "e.g. absolute(article.url) or absolute('/drugs/')")
        return config.base_url + url

    env.globals["absolute"] = absolute
    env.globals["image_tag"] = image_tag  # image_tag(site.images[src], alt, sizes=CARD_SIZES): size and srcset
    env.globals["CARD_SIZES"] = CARD_SIZES
    env.globals["og_locale"] = og_locale  # a language tag as og:locale writes it (fr_FR)
    env.globals["search_index"] = search_index  # False in a build without search (--no-search, serve)
    env.globals["linked"] = linked
    return env


@jinja2.pass_context
def linked(context: jinja2.runtime.Context, url: str) -> str:
    """Where a link to url goes from a page in the page's language, as the build points it (urls.localize_page),
    before the base path: '/fr/search/'; '/about/' for a plain page that language does not have."""
    config: SiteConfig = context["config"]
    if not config.prefix:
        return url
    return localized_url(url, config.prefix, language_folders(config.languages), context["site"].sources.get)[0]


def labels_of(context: jinja2.runtime.Context) -> Labels:
    """The interface text in the language of the page being rendered."""
    interface: Interface = getattr(context.environment, "interface", LayoutEnvironment.interface)
    lang = context.get("lang") or interface.default
    return interface.made.get(lang) or interface.labels(lang)


# Jinja's own newstyle wrappers call a pass_context gettext through two more Context.call
# each: with about fifty labels a page, they cost a tenth of a cold build. These keep the
# newstyle rules (a translation is markup, always a %-format of the keyword arguments).
@jinja2.pass_context
def gettext(context: jinja2.runtime.Context, message: str, **variables: Any) -> Markup:
    return formatted(labels_of(context).markup(message), variables)


@jinja2.pass_context
def ngettext(context: jinja2.runtime.Context, singular: str, plural: str, n: int, **variables: Any) -> Markup:
    variables.setdefault("num", n)
    return labels_of(context).plural_markup(singular, plural, n) % variables


@jinja2.pass_context
def long_date(context: jinja2.runtime.Context, value: date | None) -> str:
    """Write a date out in the page's language: '14 September 2026', '14 septembre 2026'."""
    if isinstance(value, jinja2.Undefined):  # review.next_due on a draft without a review: said as {{ }} says it
        value._fail_with_undefined_error()
    if value is not None and not isinstance(value, date):
        raise TypeError(f"long_date writes out a date, such as article.reviewed, not {type(value).__name__} "
                        f"{value!r}")
    return labels_of(context).long_date(value)


@jinja2.pass_context
def in_sentence(context: jinja2.runtime.Context, text: str) -> str:
    """A title as a word inside a sentence: lower case, but for German, whose nouns keep their capital."""
    return text if base_language(context.get("lang") or "") == "de" else text.lower()


@jinja2.pass_context
def written_in(context: jinja2.runtime.Context, text: str, language: str) -> Markup:
    """Text written in language, marked as such on a page in another one (WCAG 3.1.2): a reviewer's bio on a
    French page, say. Unmarked on a page in that language."""
    escaped = escape(text)
    attributes = lang_attributes(context, language)  # asked of empty text too: a wrong tag fails on every site
    return Markup(f"<span{attributes}>{escaped}</span>") if attributes and text else escaped  # both escaped


@jinja2.pass_context
def lang_attributes(context: jinja2.runtime.Context, language: str, direction: bool = True) -> Markup:
    """' lang="en"' for an element in another language than the page's, with ' dir="ltr"' where that one is
    written the other way round (an English phrase on an Arabic page: isolated, its full stop stays at its
    end); without dir for a block whose own direction must stay the page's, a list item say (its text goes
    in a <bdi>). Nothing for the page's own language."""
    if language is None or language == "":  # a source's lang when it is the article's own
        return Markup("")
    if not isinstance(language, str):
        raise MisusedFunction(f"{language!r} is not a language tag", LANGUAGE_TAG_HINT)
    return _lang_attributes(context.get("lang") or context["config"].language, language, bool(direction))


LANGUAGE_TAG_HINT = "give a BCP 47 tag such as 'en' or 'pt-BR', or a page's own, e.g. article.lang"


@functools.lru_cache(maxsize=1024)  # a page asks a dozen times or more, of one or two languages: each tag checked once
def _lang_attributes(page: str, language: str, direction: bool) -> Markup:
    if page.lower() == language.lower():
        return Markup("")
    if not is_language_tag(language):  # lang="english" names no language
        raise MisusedFunction(f"{language!r} is not a language tag", LANGUAGE_TAG_HINT)
    other = text_direction(language)
    # Markup(f"...") of escaped values: Markup.format goes through string.Formatter, slow for a dozen times a page.
    if not direction or other == text_direction(page):
        return Markup(f' lang="{escape(language)}"')
    return Markup(f' lang="{escape(language)}" dir="{other}"')


@jinja2.pass_context
def site_text(context: jinja2.runtime.Context, text: str, key: str) -> Markup:
    """Text of site.yaml that site_text.<lang>.<key> translates: marked as written in the default language
    when the page's language leaves it out (that is the text shown)."""
    config = context["config"]
    return written_in(context, text, config.languages[0] if key in config.untranslated else config.language)


@jinja2.pass_context
def text_of(context: jinja2.runtime.Context, person: Reviewer | Author, field: str) -> Markup:
    """A reviewer's or author's credentials, role or bio: as given in the page's language (<id>.fr.yaml),
    else the person's own file's, marked as written in the site's first language."""
    config = context["site"].config
    if person is None or isinstance(person, jinja2.Undefined):  # the reviewer of a draft that has none yet
        raise jinja2.UndefinedError(f"'None' has no attribute '{field}'")
    return written_in(context, getattr(person, field), config.language if field in person.translated
                      else config.languages[0])


def site_messages(env: jinja2.Environment, config: SiteConfig) -> set[str]:
    """The labels the site's own layouts print with _(...), which its overrides may translate too."""
    if not isinstance(env, LayoutEnvironment) or not env.interface.overrides:
        return set()
    found: set[str] = set()
    for _, source in site_layout_sources(config):
        try:
            found.update(message if isinstance(message, str) else message[0]
                         for _, _, message in env.extract_translations(source)  # type: ignore[attr-defined]
                         if message)
        except jinja2.TemplateSyntaxError:
            continue  # reported as the layout's own problem when a page uses it
    return found


def layout_problems(env: jinja2.Environment, config: SiteConfig) -> list[Problem]:
    """What the site's own layouts hold that no page's rendering would report: blocks the layout they extend does
    not have, and inline code the site's Content-Security-Policy blocks. Each file is read once."""
    problems = []
    for path, source in site_layout_sources(config):
        rel = f"layouts/{path.relative_to(config.layouts_dir).as_posix()}"
        problems += _block_problems(env, rel, source) + _inline_code_problems(rel, source)
    return problems


def _block_problems(env: jinja2.Environment, rel: str, source: str) -> list[Problem]:
    """A block in a site's layout that the layout it extends does not have: Jinja would drop it unseen."""
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return []  # reported as the layout's own problem when a page uses it
    parent = _parent_of(tree)
    known = _blocks_of(env, parent, set()) if parent else None
    if known is None:
        return []  # extends nothing, or a layout reported as missing when a page uses it
    return [Problem(f"block '{block.name}' is not in {parent}, so it would never show", rel, block.lineno, "",
                    f"its blocks: {', '.join(sorted(known))}")
            for block in _outermost_blocks(tree)  # one inside another is new: the layout declares it where it shows
            if block.name not in known]


# A tag as a layout writes it, and the parts of a tag the site's Content-Security-Policy keeps from running
# (outputs.CONTENT_SECURITY_POLICY: scripts and styles from the site's own files only).
LAYOUT_TAG = re.compile(r"<([a-zA-Z][\w-]*)\b([^<>]*)>")
INLINE_ATTRIBUTE = re.compile(r"\s(style|on[a-z]+)\s*=", re.IGNORECASE)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
RUNNING_TYPES = frozenset({"", "module", "text/javascript", "application/javascript"})  # what a browser runs
JINJA_COMMENT = re.compile(r"\{#.*?(?:#\}|\Z)", re.DOTALL)  # one left open runs to the end, as in Jinja


def _inline_code_problems(rel: str, source: str) -> list[Problem]:
    """A warning for each inline script, <style>, style="" or on...="" in a site's layout: the policy the build
    writes in _headers blocks them, so on a host that applies it they silently do nothing."""
    problems = []
    text = JINJA_COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), source)
    for tag in LAYOUT_TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2)
        found = [f"an inline {attribute.group(1).lower()}=\"...\"" for attribute in
                 INLINE_ATTRIBUTE.finditer(attributes)]
        kind = SCRIPT_TYPE.search(attributes)
        if name == "script" and " src" not in attributes.lower() and \
                (kind.group(1).lower() if kind else "") in RUNNING_TYPES:
            found.append("an inline <script>")
        elif name == "style":
            found.append("a <style> element")
        problems += [Problem(f"{what}, which the site's Content-Security-Policy (_headers) blocks: on a host that "
                             "applies it, it does nothing", rel, text.count("\n", 0, tag.start()) + 1,
                             hint="move it into a file under assets/js/ or assets/css/ and link that with asset()",
                             severity="warning") for what in found]
    return problems


def _outermost_blocks(node: jinja2.nodes.Node) -> Iterator[jinja2.nodes.Block]:
    """The blocks of a parsed layout that are inside no other block: those that replace the extended layout's."""
    for child in node.iter_child_nodes():
        if isinstance(child, jinja2.nodes.Block):
            yield child
        else:
            yield from _outermost_blocks(child)


def site_layout_sources(config: SiteConfig) -> Iterator[tuple[Path, str]]:
    """Each of the site's own layouts and its text: ordinary files inside the site folder that can be read.

    Any other is left out here: a page that uses it reports it (SiteLayoutLoader); and a pipe, read, would
    wait for ever.
    """
    folder = config.layouts_dir
    if not folder.is_dir():
        return
    site = config.site_dir.resolve()
    for path in sorted(folder.rglob("*.html")):
        if not path.is_file() or not path.resolve().is_relative_to(site):
            continue
        try:
            yield path, path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue


def _parent_of(tree: jinja2.nodes.Template) -> str | None:
    """The name of the layout a parsed layout extends, when it names one."""
    extends = tree.find(jinja2.nodes.Extends)
    return str(extends.template.value) if extends and isinstance(extends.template, jinja2.nodes.Const) else None


def _blocks_of(env: jinja2.Environment, name: str, seen: set[str]) -> set[str] | None:
    """Every block a layout and the layouts it extends define; None when one cannot be read."""
    if name in seen:
        return set()
    seen.add(name)
    try:
        source = env.loader.get_source(env, name)[0] if env.loader else ""
        tree = env.parse(source)
    except (jinja2.TemplateError, SiteError, OSError):
        return None
    blocks = {block.name for block in tree.find_all(jinja2.nodes.Block)}
    parent = _parent_of(tree)
    above = _blocks_of(env, parent, seen) if parent else set()
    return None if above is None else blocks | above


def load_layout(env: jinja2.Environment, name: str) -> jinja2.Template:
    """Load a layout by name, raising TemplateError for a syntax error or a missing file."""
    try:
        return env.get_template(name)
    except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound) as exc:
        error = layout_error(exc, env)
        raise (error or TemplateError(f"layout not found: {name}", "layouts", hint=NOT_FOUND_HINT)) from None


def render_layout(env: jinja2.Environment, name: str, **context: Any) -> bytes:
    """Render a layout with context into UTF-8 bytes, raising TemplateError for any error in it."""
    layout = load_layout(env, name)
    page = english_marked(layout.render(**context))
    if not page.strip():  # an emptied file, or blocks that all came out empty: a blank page is never meant
        raise TemplateError("renders an empty page", layout_file(layout.filename, _site_layouts(env)) or name,
                            hint=f"give it content, or delete it to use the built-in {name}")
    return page.encode("utf-8")


def layout_error(exc: Exception, env: jinja2.Environment) -> TemplateError | None:
    """Turn an error raised in a layout into a TemplateError naming the layout and line.

    None when no layout can be blamed: a Jinja error with no layout frame, or any
    other exception that did not come from one of the site's own layouts.
    """
    site_layouts = _site_layouts(env)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        place: tuple[str, int | None] | None = (layout_file(exc.filename, site_layouts) or "layouts", exc.lineno)
    else:
        place = innermost_layout_line(exc.__traceback__, site_layouts)
    if place is None or not (isinstance(exc, jinja2.TemplateError) or place[0].startswith("layouts/")):
        return None
    message, hint = describe(exc, env, place[0])
    return TemplateError(message, *place, hint=hint)


class MisusedFunction(jinja2.TemplateRuntimeError):
    """A layout's call of one of medpress's functions with a value it cannot use: asset() of a file that is not
    under assets/, absolute() of an address that is not a path of the site."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


UNCLOSED_BLOCK = re.compile(r"The innermost block that needs to be closed is '(\w+)'")


def describe(exc: Exception, env: jinja2.Environment, layout: str = "layouts/base.html") -> tuple[str, str]:
    """What went wrong in a layout (its file, as the site names it), and how to fix it."""
    if isinstance(exc, MisusedFunction):
        return exc.message or "", exc.hint
    if isinstance(exc, RecursionError):
        name = layout.removeprefix("layouts/")
        builtin = f'{{% include "{BUILTIN_PREFIX}/{name}" %}}' if name.startswith("partials/") else \
            f'{{% extends "{BUILTIN_PREFIX}/{name}" %}}'
        return "this layout extends or includes itself, directly or through another", (
            f"to build on the built-in layout of the same name, write {builtin}; or break the loop of includes")
    if not isinstance(exc, jinja2.TemplateError):
        return f"layout error: {type(exc).__name__}: {exc}", ""
    text = exc.message or ""
    if isinstance(exc, jinja2.TemplateNotFound):  # also TemplatesNotFound, from an include of several names
        return f"layout not found: {exc.name}", NOT_FOUND_HINT
    unknown = UNKNOWN_FILTER.search(text)
    if unknown is not None:
        known = "Jinja's built-in filters, long_date, in_sentence, written_in, text_of and site_text are known"
        return f"no filter named '{unknown.group(1)}'", did_you_mean(unknown.group(1), env.filters, known)
    if isinstance(exc, jinja2.UndefinedError):
        if text.startswith("'None' has no attribute"):
            return f"undefined value: {text}", ("what comes before the dot is empty on some pages (an article not yet "
                                                "reviewed has no review or reviewer): test it first, as in "
                                                "{% if review %}...{% endif %}")
        return f"undefined value: {text}", ("" if "did you mean" in text
                                            else "check the spelling against the built-in layouts in medpress/layouts/")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        unclosed = UNCLOSED_BLOCK.search(text)
        if unclosed is not None:  # Jinja names the line where it gave up, not the one that opened the block
            tag = unclosed.group(1)
            return f"syntax error: {text}", (f"a {{% {tag} %}} above this line is not closed: "
                                             f"end it with {{% end{tag} %}}")
        return f"syntax error: {text}", "check that each {{ is closed by }} and each {% by %} on this line"
    return f"layout error: {text}", ""


def innermost_layout_line(tb: TracebackType | None, site_layouts: Path | None) -> tuple[str, int] | None:
    """The layout file and line of the innermost traceback frame that is a layout.

    Jinja rewrites a layout's traceback so that each frame of compiled layout code
    carries the layout's file name and line.
    """
    found = None
    while tb is not None:
        where = layout_file(tb.tb_frame.f_code.co_filename, site_layouts)
        if where is not None:
            found = (where, tb.tb_lineno)
        tb = tb.tb_next
    return found


def layout_file(filename: str | None, site_layouts: Path | None) -> str | None:
    """A layout's path as the site sees it ('layouts/...', '(built-in) layouts/...'), or None."""
    if not filename:
        return None
    path = Path(filename)
    if path.is_relative_to(BUILTIN_LAYOUTS):
        return f"(built-in) layouts/{path.relative_to(BUILTIN_LAYOUTS).as_posix()}"
    if site_layouts is not None and path.is_relative_to(site_layouts):
        return f"layouts/{path.relative_to(site_layouts).as_posix()}"
    return None


def _site_layouts(env: jinja2.Environment) -> Path | None:
    """The site's layouts folder, known to environments that make_env built."""
    return env.site_layouts if isinstance(env, LayoutEnvironment) else None
