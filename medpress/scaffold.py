"""The `new` command's writer: a draft article with every frontmatter key stubbed and explained.

The comments come from schema.ARTICLE, the definition the validator uses, so the
stub can never list a key the build would reject or miss one it accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .content import files_in
from .errors import SiteError, did_you_mean
from .graph import RESERVED_SLUGS, alias_target, reserved_slugs
from .labels import ENGLISH
from .langtags import english_name, translation_of
from .markdown import slugify
from .model import SiteConfig
from .schema import ARTICLE, Key, ListOf, Mapping, Spec, Text
from .sources import Inputs, read_text, scan_inputs, site_interface, split_frontmatter
from .yamlfile import FloatAsWritten, IntAsWritten, as_written, parse_yaml

# Filled in by the reviewer, not the writer: left empty (or false) in a new draft.
REVIEW_KEYS = ("reviewer", "reviewed", "fact_checked")
# The longest slug new makes from a title: file systems refuse a file name over 255 bytes,
# and an address much longer than a title's first words helps no reader.
MAX_SLUG = 80


class ScaffoldError(SiteError):
    """The new article cannot be written (its file exists, its title makes no slug...)."""


def choose_category(config: SiteConfig, wanted: str | None) -> str:
    """Return the category id to use; raise ValueError naming the known ones when it is unknown."""
    known = [c.id for c in config.categories]
    if wanted is None:
        return known[0]
    if wanted not in known:
        hint = did_you_mean(wanted, known)
        listed = f"known: {', '.join(sorted(known))}"
        hint = listed if hint.startswith("known:") else f"{hint} {listed}"
        raise ValueError(f"no category '{wanted}' in site.yaml; {hint}")
    return wanted


# A word processor's apostrophes (U+2019 and its kin): a title pasted from one names the same file as one typed.
TYPED_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def slug_of_title(title: str) -> str:
    """The slug of a title (lower-case ASCII words and hyphens), cut between words to at most MAX_SLUG characters."""
    slug = slugify(title.translate(TYPED_APOSTROPHES))
    if len(slug) <= MAX_SLUG:
        return slug
    words = slug[:MAX_SLUG + 1].rsplit("-", 1)[0]  # the +1 keeps a word that ends right at the limit
    return words if len(words) <= MAX_SLUG else slug[:MAX_SLUG]  # one word longer than that is cut in it


def write_article(config: SiteConfig, title: str, category: str, drug: str | None = None) -> Path:
    """Write content/articles/<slug>.md as a new draft; never overwrite an existing file."""
    slug = slug_of_title(title)
    if not slug:
        raise ScaffoldError(f"the title '{title}' has no Latin letters or digits to make the file name and the "
                            "page's address from", "content/articles",
                            hint="give a title with some, such as the drug's name (\"Xanax\"), then write the "
                            "title you want on the file's title: line")
    if slug in reserved_slugs(config):  # the site's sections, and the folder of each other language (/fr/)
        raise ScaffoldError(f"'{slug}' is reserved for the site's own pages", "content/articles",
                            hint="choose another title")
    folder = config.content_dir / "articles"
    rel = f"content/articles/{slug}.md"
    inputs = scan_inputs(config.site_dir)
    files = content_files(config, inputs, "articles")
    clash = [path for path in files if path.stem == slug]
    if clash:
        where = clash[0].relative_to(config.site_dir).as_posix()
        raise ScaffoldError("an article with this name already exists; it was left as it was", where,
                            hint="edit that file, or choose a different title")
    page = page_addresses(config, inputs, config.language).get(slug)
    if page is not None:
        raise ScaffoldError(f"the page at /{slug}/ is {page.relative_to(config.site_dir).as_posix()} already",
                            "content/articles", hint="choose another title")
    named = _article_at(config, files, slug)
    if named is not None:
        path, key = named
        where = path.relative_to(config.site_dir).as_posix()
        raise ScaffoldError(f"the article at /{slug}/ is {where} already (its slug: line)" if key == "slug" else
                            f"/{slug}/ redirects to {where} (its aliases: line)", "content/articles",
                            hint="choose another title")
    folder.mkdir(parents=True, exist_ok=True)
    text = article_stub(title, category, drug, site_interface(config).labels(config.language).gettext)
    try:
        with open(folder / f"{slug}.md", "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:  # created between the check and now
        raise ScaffoldError("an article with this name already exists; it was left as it was", rel,
                            hint="edit that file, or choose a different title") from None
    return folder / f"{slug}.md"


TRANSLATED_KEYS = ("category", "drug", "related", "author")  # what a translation starts with from its source


def write_translation(config: SiteConfig, title: str, source: str, lang: str) -> tuple[Path, Path]:
    """Write <source>.<lang>.md beside the source article as a new draft; return it and the source's path."""
    tag = _translation_language(config, lang)
    if not title.strip():
        raise ScaffoldError("a translation needs a title", "content/articles", hint="give the title in the language")
    inputs = scan_inputs(config.site_dir)
    files = content_files(config, inputs, "articles")
    stem = source.removesuffix(".md")
    sources = {path.stem: path for path in files if not translation_of(path.stem)[1]}
    found = sources.get(stem)
    if found is None:
        raise ScaffoldError(f"no article {stem}.md to translate", "content/articles",
                            hint=did_you_mean(stem, sources, "name the source by its file name, without .md "
                                              "(e.g. klonopin-addiction)"))
    taken = {**page_addresses(config, inputs, tag), **_addresses_taken(config, files, stem, tag)}
    data = _front_of(found, config)
    copied = {key: data[key] for key in TRANSLATED_KEYS if data.get(key) is not None}
    slug = slug_of_title(title)
    beside = found.parent.relative_to(config.site_dir).as_posix()  # where the translation would be written
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(f"'{slug}' is reserved for the site's own pages", beside, hint="choose another title")
    default = str(data.get("slug") or stem)  # a translation with no slug of its own has its source's address
    address = slug or default
    if address in taken:
        raise ScaffoldError(f"the {english_name(tag)} page at /{tag.lower()}/{address}/ is "
                            f"{taken[address].relative_to(config.site_dir).as_posix()} already", beside,
                            hint="choose another title, or write the slug: line yourself")
    if address != default:
        copied["slug"] = address
    text = article_stub(title, str(data.get("category") or ""), None, site_interface(config).labels(tag).gettext,
                        copied)
    path = found.with_name(f"{stem}.{tag}.md")
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError("this translation exists already; it was left as it was",
                            path.relative_to(config.site_dir).as_posix(), hint="edit that file") from None
    return path, found


def _addresses_taken(config: SiteConfig, files: list[Path], stem: str, tag: str) -> dict[str, Path]:
    """The addresses of the language's translations (their slug, or their file's name), wherever they are: a
    translation is paired with its source by name. ScaffoldError if one of them is stem's."""
    taken: dict[str, Path] = {}
    for other in files:
        of, other_lang = translation_of(other.stem)
        if other_lang.lower() != tag.lower():
            continue
        if of == stem:
            raise ScaffoldError("this article has a translation in that language already; it was left as it was",
                                other.relative_to(config.site_dir).as_posix(), hint="edit that file")
        try:
            taken[str(_front_of(other, config).get("slug") or of)] = other
        except SiteError:  # check reports that file's own mistake; its address is then its name's
            taken[of] = other
    return taken


def content_files(config: SiteConfig, inputs: Inputs, folder: str) -> list[Path]:
    """The Markdown files of content/<folder> that a build reads (not hidden ones; .MD as well as .md)."""
    return [config.site_dir / rel for rel in files_in(config, inputs, folder, ".md")]


def _article_at(config: SiteConfig, files: list[Path], address: str) -> tuple[Path, str] | None:
    """The article (not a translation) that its slug: line puts at this address, or whose aliases: redirect
    from it, and which of the two. Only a file that holds the address or aliases is read as YAML: on a large
    site, most hold nothing like it."""
    target = f"{address}/index.html"
    for path in files:
        if translation_of(path.stem)[1]:
            continue
        try:
            text = path.read_bytes().lower()
        except OSError:
            continue  # check reports a file that cannot be read
        if address.encode() not in text and b"aliases" not in text:
            continue
        try:
            front = _front_of(path, config)
        except SiteError:
            continue  # check reports its mistake
        if str(front.get("slug") or path.stem) == address:
            return path, "slug"
        aliases = front.get("aliases")
        if isinstance(aliases, list) and any(isinstance(alias, str) and (alias_target(alias) or "").lower() == target
                                             for alias in aliases):
            return path, "aliases"
    return None


def page_addresses(config: SiteConfig, inputs: Inputs, tag: str) -> dict[str, Path]:
    """The addresses of the plain pages in one of the site's languages (tag), each with its file: its slug, else
    its file's name; a translated page without a slug of its own has its source page's address."""
    files = content_files(config, inputs, "pages")
    sources = {path.stem: path for path in files if not translation_of(path.stem)[1]}
    addresses = {stem: _slug_or(path, stem, config) for stem, path in sources.items()}
    if tag == config.languages[0]:
        return {addresses[stem]: path for stem, path in sources.items()}
    taken: dict[str, Path] = {}
    for path in files:
        of, lang = translation_of(path.stem)
        if lang.lower() == tag.lower():
            taken[_slug_or(path, addresses.get(of, of), config)] = path
    return taken


def _slug_or(path: Path, default: str, config: SiteConfig) -> str:
    """The slug: line of a page or article file, else default (also when the file cannot be read: check says why)."""
    try:
        return str(_front_of(path, config).get("slug") or default)
    except SiteError:
        return default


def _front_of(path: Path, config: SiteConfig) -> dict[str, Any]:
    """An article file's frontmatter, as data."""
    rel = path.relative_to(config.site_dir).as_posix()
    data = parse_yaml(split_frontmatter(read_text(path, rel), rel)[0], rel, 2)[0]
    return data if isinstance(data, dict) else {}


def _translation_language(config: SiteConfig, lang: str) -> str:
    """The site's own spelling of lang, one of its languages after the default; ValueError naming them if not."""
    others = {tag.lower(): tag for tag in config.languages[1:]}
    if lang.lower() in others:
        return others[lang.lower()]
    if lang.lower() == config.language.lower():
        raise ValueError(f"{lang} is the site's default language: its articles are the sources, written with "
                         "new alone")
    listed = ", ".join(others.values()) or "none: add them to languages in site.yaml, the default first"
    raise ValueError(f"the site has no language '{lang}'; its other languages: {listed}")


def article_stub(title: str, category: str, drug: str | None = None,
                 gettext: Callable[..., str] = ENGLISH.gettext, copied: dict[str, Any] | None = None) -> str:
    """Return the text of a new draft: frontmatter with every key commented, then a body skeleton whose headings
    are in the site's language (gettext's). copied gives keys a translation takes from its source."""
    values: dict[str, Any] = {
        "title": title,
        "summary": "TODO: one or two sentences on what the reader will learn.",
        "category": category,
        "fact_checked": False,
        "draft": True,
        **(copied or {}),
    }
    lines = ["---"]
    for name, key in ARTICLE.keys.items():
        lines.append(f"# {_explain(name, key)}")
        if isinstance(key.spec, Mapping):
            given = values.get(name) if isinstance(values.get(name), dict) else None
            given = {"name": drug} if name == "drug" and drug else given
            lines += _mapping_lines(name, key.spec, given)
        else:
            lines.append(_key_line(name, values.get(name)))
            lines += _example_lines(key)
    lines.append("---")
    return "\n".join(lines) + "\n" + _body(drug, gettext)


def _explain(name: str, key: Key) -> str:
    spec = key.spec
    text = spec.description or name
    notes = []
    if name == "draft":
        notes.append("set it to false, or delete the line, once the page has passed review")
    elif name in REVIEW_KEYS:
        notes.append("the clinical reviewer fills this in")
    elif key.required:
        notes.append("required")
    else:
        notes.append("optional, leave empty to skip")
    if isinstance(spec, Text) and spec.max_len:
        notes.append(f"at most {spec.max_len} characters")
    if key.example is not None and name != "draft" and not isinstance(spec, (Mapping, ListOf)):
        notes.append(f"e.g. {_flow(key.example)}")
    return f"{text} - {', '.join(notes)}"


def _key_line(name: str, value: Any) -> str:
    if value is None:
        return f"{name}:"
    return f"{name}: {_flow(value)}"


def _example_lines(key: Key) -> list[str]:
    """Show a list or mapping key's shape as a commented example, since its line is left empty."""
    if not isinstance(key.spec, (Mapping, ListOf)) or key.example is None:
        return []
    if isinstance(key.spec, ListOf) and _is_mapping(key.spec.item):
        return _commented_items(key.spec.item, key.example)
    return [f"#   e.g. {_flow(key.example)}"]


def _commented_items(item: Spec, example: list[Any]) -> list[str]:
    assert isinstance(item, Mapping)
    first = {name: k.example for name, k in item.keys.items() if k.example is not None}
    return [f"#   - {_flow(first or example[0])}"]


def _mapping_lines(name: str, spec: Mapping, values: dict[str, Any] | None) -> list[str]:
    """Write a nested key: its sub-keys filled from values, or all commented out when there are none."""
    lines = [f"{name}:"]
    for sub, key in spec.keys.items():
        about = key.spec.description or sub
        if values is None:
            lines.append(f"#   {sub}: {_flow(key.example)}    # {about}")
        else:
            value = f" {_flow(values[sub])}" if values.get(sub) is not None else ""
            lines.append(f"  {sub}:{value}    # {about}")
    return lines


def _is_mapping(spec: Spec) -> bool:
    return isinstance(spec, Mapping)


class _StubDumper(yaml.SafeDumper):
    """YAML's safe writer, writing a number copied from a source article as its file writes it (0x1A, 1.50)."""


def _number_as_written(tag: str) -> Callable[[yaml.SafeDumper, Any], yaml.ScalarNode]:
    return lambda dumper, number: dumper.represent_scalar(tag, as_written(number))


_StubDumper.add_representer(IntAsWritten, _number_as_written("tag:yaml.org,2002:int"))
_StubDumper.add_representer(FloatAsWritten, _number_as_written("tag:yaml.org,2002:float"))


def _flow(value: Any) -> str:
    """Write a value as one line of YAML, quoted only where YAML needs it."""
    text = yaml.dump(value, Dumper=_StubDumper, default_flow_style=True, allow_unicode=True, width=10_000,
                     sort_keys=False)
    return text.removesuffix("...\n").strip()


def _body(drug: str | None, gettext: Callable[..., str]) -> str:
    """The body's skeleton: what to write as TODO lines (English, which the placeholder check finds in any
    language), under headings in the site's language that the article may keep."""
    subject = drug or "the medicine"
    heading = gettext("What is %(drug)s?", drug=drug) if drug else gettext("Overview")
    signs, treatment = gettext("Signs of dependence"), gettext("Withdrawal and treatment")
    help_ = gettext("Getting help")
    return f"""
TODO: introduce {subject} in two or three sentences: what it is, what it is used for and why
dependence can develop. Write for a worried reader, in plain words.

## {heading}

TODO: how it works, its brand and generic names, and how it is prescribed.

## {signs}

TODO: what dependence looks like, as a list the reader can check against.

## {treatment}

TODO: what withdrawal feels like, why it needs medical supervision, and how it is treated.

## {help_}

TODO: how to talk to a doctor, and how to contact us.
"""
