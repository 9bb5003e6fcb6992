"""Language tags (BCP 47) and the names of languages, from CLDR through Babel."""

from __future__ import annotations

import functools
import os
import re

# The shape of a language tag (en, fr, pt-BR, zh-Hant): what after a file name's last dot makes the file a
# translation. Whether the tag names a language the site has is checked later, with a clear error; the shape
# only keeps names such as covid.2024-update.md or guide.v2.md articles of their own.
TAG_SHAPE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def file_stem(path: str) -> str:
    """A content file's name without its folder and extension: 'content/articles/klonopin.fr.md' -> 'klonopin.fr'."""
    return os.path.splitext(os.path.basename(path))[0]


def translation_of(stem: str) -> tuple[str, str]:
    """A file stem as (source stem, language): 'klonopin.fr' -> ('klonopin', 'fr'); ('klonopin', '') for a source."""
    base, dot, lang = stem.rpartition(".")
    return (base, lang) if dot and base and TAG_SHAPE.fullmatch(lang) else (stem, "")


NO_LANGUAGE = ("und", "mul", "mis", "zxx")  # undetermined, several, uncoded, no language: which Babel takes for en
REGION = re.compile(r"[A-Za-z]{2}|\d{3}")


@functools.cache  # a layout's lang_attributes() asks of the same few tags on every page
def canonical_tag(text: str) -> str | None:
    """The BCP 47 tag as it is usually written (pt-BR, sr-Latn), or None if CLDR knows no such language."""
    from babel import Locale, UnknownLocaleError  # here: a one-language site never needs it

    subtags = text.strip().split("-")
    if subtags[0].lower() in NO_LANGUAGE:
        return None
    try:
        locale = Locale.parse(text.strip(), sep="-")
    except (ValueError, UnknownLocaleError, TypeError):
        return None
    # An old code's alias brings a country ('iw' is he_IL): a tag that named none gets none.
    region = locale.territory if any(REGION.fullmatch(subtag) for subtag in subtags[1:]) else ""
    parts = [locale.language, locale.script or "", region or "", locale.variant or ""]
    return "-".join(part for part in parts if part)


def is_language_tag(text: str) -> bool:
    """True for what a lang attribute may hold: a language CLDR knows (pt-BR), or one of BCP 47's for none (zxx)."""
    return bool(TAG_SHAPE.fullmatch(text)) and (
        text.split("-")[0].lower() in NO_LANGUAGE or canonical_tag(text) is not None)


@functools.cache  # every page with a language switcher names each language, and Babel parses the tag each time
def language_name(tag: str) -> str:
    """The language's name in itself ('français', 'português'), as a language switcher shows it."""
    from babel import Locale

    locale = Locale.parse(tag, sep="-")
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]


def english_name(tag: str) -> str:
    """The language's name in English, for messages."""
    from babel import Locale

    return Locale.parse(tag, sep="-").get_display_name("en") or tag

