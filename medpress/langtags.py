"""Language tags (BCP 47) and the names of languages, from CLDR through Babel."""

from __future__ import annotations


def translation_of(stem: str) -> tuple[str, str]:
    """A file stem as (source stem, language): 'klonopin.fr' -> ('klonopin', 'fr'); ('klonopin', '') for a source."""
    base, dot, lang = stem.rpartition(".")
    return (base, lang) if dot and base and lang else (stem, "")


def canonical_tag(text: str) -> str | None:
    """The BCP 47 tag as it is usually written (pt-BR, sr-Latn), or None if CLDR knows no such language."""
    from babel import Locale, UnknownLocaleError  # here: a one-language site never needs it

    try:
        locale = Locale.parse(text.strip(), sep="-")
    except (ValueError, UnknownLocaleError, TypeError):
        return None
    parts = [locale.language, locale.script or "", locale.territory or "", locale.variant or ""]
    return "-".join(part for part in parts if part)


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


def url_prefix(tag: str) -> str:
    """The folder of a language's pages: '/fr', '/pt-br'."""
    return "/" + tag.lower()
