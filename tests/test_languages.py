"""Many languages: site.yaml languages and site_text, translations, their review gate and drift, their pages."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import html5lib
import pytest
from click.testing import CliRunner
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagefind_query import bundles_of
from test_incremental import SEQUENCE_EDITS, assert_as_a_cold_build, edit, many_articles, set_key

from medpress.cli import main
from medpress.pipeline import BuildOptions, build

K = "content/articles/klonopin-addiction.md"
KFR = "content/articles/klonopin-addiction.fr.md"
W = "content/articles/what-are-benzodiazepines.md"
BASE = "https://clinic.example"
LANGS = SITE_YAML + """\
languages: [en, fr, pt-BR]
site_text:
  fr:
    title: Clinique Test
    tagline: Des soins à Lisbonne et à Leeds
    organization: {description: Une clinique indépendante., locations: [Lisbonne, Leeds]}
    urgent_help: {title: Besoin d'aide maintenant ?, text: "En cas de danger, appelez les secours.", phone: "112"}
    disclaimer: Ce site ne remplace pas un avis médical.
    nav: [{title: Médicaments, url: /drugs/}]
    categories:
      benzodiazepines:
        {title: Benzodiazépines, help: Nous aidons à réduire les doses., method: [Un plan],
         timeline: [{when: Semaine 1, step: Bilan}]}
      opioids: {title: Opioïdes}
"""
FR_BODY = "## Vue d'ensemble\n\nLe clonazépam. Voir [les benzodiazépines](/what-are-benzodiazepines/#overview).\n"
FILES = {
    "site.yaml": LANGS,
    KFR: article("Dépendance au Klonopin", body=FR_BODY, slug="klonopine", reviewed="2026-03-05",
                 related="[what-are-benzodiazepines]"),
}


def parse(path: Path) -> Any:
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def cli(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def errors(result: Any) -> list[str]:
    return result.stderr.splitlines()


@pytest.fixture
def out(make_site) -> Path:  # type: ignore[no-untyped-def]
    site = make_site(FILES)
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    return site / "output"


# --- site.yaml -------------------------------------------------------------------------------------

def test_the_old_language_key_is_a_one_language_site(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + "language: pt-br\n"})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    assert page.get("lang") == "pt-BR"
    assert not (site / "output/pt-br").exists()
    assert page.find(".//link[@hreflang]") is None and page.find(".//nav[@class='langs az-letters wrap']") is None


@pytest.mark.parametrize(("yaml", "expected"), [
    ("languages: [en, klingon]\n", "site.yaml:32: languages[1]: 'klingon' is not a language code (BCP 47) that CLDR "
     "knows (write a code such as en, fr, pt-BR or es-419)"),
    ("language: xx-yy\n", "site.yaml:32: language: 'xx-yy' is not a language code (BCP 47) that CLDR knows "
     "(write a code such as en, fr, pt-BR or es-419)"),
    ("languages: [en, fr, FR]\n", "site.yaml:32: languages[2]: 'FR' is listed twice (list each language once)"),
    ("languages: [en, und]\n", "site.yaml:32: languages[1]: 'und' is not a language code (BCP 47) that CLDR knows "
     "(write a code such as en, fr, pt-BR or es-419)"),  # "undetermined", which Babel would take for en-US
    ("language: fr\nlanguages: [en, fr]\n", "site.yaml:32: language: 'fr' is not the first of languages (en), the "
     "default language (remove language: (languages says it), or put it first in languages)"),
    ("languages: [en, fr]\nsite_text:\n  de: {title: Testklinik}\n", "site.yaml:34: site_text.de: 'de' is not one of "
     "the site's languages (en, fr) (add de to languages, or remove site_text.de; known: fr)"),
    ("languages: [en, fr]\nsite_text:\n  en: {title: Test}\n", "site.yaml:34: site_text.en: en is the default "
     "language: its text is site.yaml's own keys (move these keys to the top of site.yaml and remove site_text.en)"),
    ("languages: [en, fr]\nsite_text:\n  fr: {titel: Test}\n", "site.yaml:34: site_text.fr.titel: unknown key "
     "(did you mean 'title'?)"),
    ("languages: [en, fr]\nsite_text:\n  fr:\n    categories: {opiods: {title: Opioïdes}}\n",
     "site.yaml:35: site_text.fr.categories.opiods: no category 'opiods' in categories (did you mean 'opioids'?)"),
    ("languages: []\n", "site.yaml:32: languages: lists no language (list the site's languages, the default first, "
     "e.g. [en, fr], or remove languages: (a site in one language may name it with language:))"),
    ("languages: [en, fr]\nsite_text:\n  fr: {title: Un}\n  FR: {title: Deux}\n", "site.yaml:35: site_text.FR: a "
     "second block for French: site_text.fr gives its text already (merge the two blocks into site_text.fr)"),
    # A block whose values are checked but wrong: an error, not a traceback from reading it.
    ("languages: [en, fr]\nsite_text:\n  fr:\n    urgent_help: {title: Besoin}\n",
     "site.yaml:35: site_text.fr.urgent_help.text: is required but missing (add 'text:')"),
    ("languages: [en, fr]\nsite_text:\n  fr:\n    nav:\n      - {title: Analyses}\n",
     "site.yaml:36: site_text.fr.nav[0].url: is required but missing (add 'url:')"),
    ("languages: [en, fr]\nsite_text:\n  fr:\n    categories: {opioids: {title: Opioïdes, method: Soins}}\n",
     "site.yaml:35: site_text.fr.categories.opioids.method: must be a list, not the text 'Soins' (start each item "
     "on its own line with '- ')"),
])
def test_bad_languages_are_errors_with_line_key_and_fix(make_site, yaml: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + yaml})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert expected in errors(result), result.stderr


def test_missing_site_text_falls_back_to_the_default_with_a_warning_naming_the_key(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site(FILES)
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    assert ("warning: site.yaml:32: languages: no Portuguese (Brazil) text for the site; the English is shown "
            "(add site_text: {pt-BR: {title: ..., tagline: ...}} to site.yaml)") in errors(result)
    assert ("warning: site.yaml:63: site_text.fr.categories.opioids.help: no French text for "
            "categories.opioids.help; the English is shown (add site_text.fr.categories.opioids.help to site.yaml)"
            ) not in errors(result)  # the default has no help for opioids: nothing is missing
    site = make_site({"site.yaml": LANGS.replace("    disclaimer: Ce site ne remplace pas un avis médical.\n", "")})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert ("warning: site.yaml:34: site_text.fr.disclaimer: no French text for disclaimer; the English is shown "
            "(add site_text.fr.disclaimer to site.yaml)") in errors(result)
    assert not any("locations" in line for line in errors(result))  # place names need no translation


def test_each_language_shows_its_own_site_text(out: Path) -> None:
    page = parse(out / "fr/klonopine/index.html")
    assert page.get("lang") == "fr"
    assert page.find(".//title").text == "Dépendance au Klonopin – Clinique Test"
    assert "".join(page.find(".//p[@class='tagline']").itertext()) == "Des soins à Lisbonne et à Leeds"
    body = html5lib.serialize(page)
    assert "Ce site ne remplace pas un avis médical." in body and "En cas de danger" in body
    assert "Nous aidons à réduire les doses." in body and "Semaine 1" in body
    pt = parse(out / "pt-br/index.html")
    assert pt.get("lang") == "pt-BR"
    assert pt.find(".//title").text == "Test Clinic"  # no Portuguese text: the English
    assert "<p>Lisbonne · Leeds</p>" in body and "<p>Lisbon · Leeds</p>" in html5lib.serialize(pt)


def test_site_text_a_language_leaves_out_is_marked_as_the_default_language_s(out: Path) -> None:
    # WCAG 3.1.2: Portuguese pages show the English tagline, disclaimer, urgent help and category text.
    def marked(tree: Any, path: str) -> list[str]:
        return ["".join(span.itertext()) for element in tree.iterfind(path) for span in element.iter("span")
                if span.get("lang") == "en"]

    pt = parse(out / "pt-br/insights/benzodiazepines/index.html")
    assert marked(pt, ".//p[@class='tagline']") == ["Care in Lisbon and Leeds"]
    assert marked(pt, ".//div[@class='disclaimer']/p") == ["This site does not replace medical advice."]
    assert marked(pt, ".//section[@class='clinic-help']//p[@class='lead']") == ["We help people taper safely."]
    assert marked(pt, ".//ul[@class='pillars']/li") == ["One client at a time", "Medical detox"]
    assert marked(pt, ".//ol[@class='timeline']/li")[:2] == ["Week 1", "Assessment"]
    assert marked(pt, ".//h1") == ["Benzodiazepines"]
    assert marked(parse(out / "pt-br/index.html"), ".//aside[@class='urgent-help']/*") == [
        "Need help now?", "If you are in danger, call the emergency services."]
    fr = parse(out / "fr/insights/benzodiazepines/index.html")  # French gives them all
    assert not [span for span in fr.iter("span") if span.get("lang") == "en"]
    english = html5lib.serialize(parse(out / "insights/benzodiazepines/index.html"))
    assert 'lang="en"' not in english.replace('<html lang="en"', "")


# --- translations: the review gate and bad input ---------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), [
    ({"content/articles/klonopin-addiction.de.md": article()},
     "content/articles/klonopin-addiction.de.md:1: language: the file name's language 'de' is not one of the "
     "site's languages (en, fr, pt-BR) (add de to languages in site.yaml, or rename the file)"),
    ({"content/articles/klonopn-addiction.fr.md": article()},
     "content/articles/klonopn-addiction.fr.md:1: source: no article klonopn-addiction.md for this French "
     "translation (did you mean 'klonopin-addiction'? A translation is named after its source: <source>.fr.md "
     "beside <source>.md)"),
    ({"content/articles/sub/klonopin-addiction.fr.md": article(slug="autre")},
     "content/articles/sub/klonopin-addiction.fr.md:1: source: a second French translation of 'klonopin-addiction', "
     "after content/articles/klonopin-addiction.fr.md (keep one translation per language: remove or merge this file)"),
    ({"content/articles/what-are-benzodiazepines.fr.md": article(slug="klonopine")},
     "content/articles/what-are-benzodiazepines.fr.md:10: slug: slug 'klonopine' is already used in French by "
     "content/articles/klonopin-addiction.fr.md (give one of them a different slug: line)"),
    ({KFR: article(reviewer="dr-ada", fact_checked="false")},
     f"{KFR}:7: fact_checked: the page has not been fact checked (set fact_checked: true once an editor has "
     "checked every fact)"),
    ({KFR: article(reviewer="dr-eve")},
     f"{KFR}:5: reviewer: no reviewer 'dr-eve' in content/reviewers/ (known: dr-ada)"),
    ({KFR: article(sources="[]")},
     f"{KFR}:8: sources: has 0 source(s); the review policy needs at least 1 (add sources: entries with title, "
     "publisher, url and year)"),
    ({KFR: article(related="[what-are-benzodiazepine]")},
     f"{KFR}:10: related[0]: no article with slug 'what-are-benzodiazepine' (did you mean "
     "'what-are-benzodiazepines'?)"),
    ({KFR: article(slug="insights")},
     f"{KFR}:10: slug: 'insights' is reserved for the site's own pages (choose another slug)"),
    ({"content/pages/contact.fr.md": "---\ntitle: Contact\nsummary: Nous joindre.\nslug: search\n---\n\nTexte.\n"},
     "content/pages/contact.fr.md:4: slug: 'search' is reserved for the site's own pages (choose another slug)"),
    ({KFR: article(slug="klonopine", related="[klonopin-addiction]")},  # its source, in the default language
     f"{KFR}:11: related[0]: an article cannot be related to itself (remove 'klonopin-addiction')"),
])
def test_bad_translations_are_errors_with_file_line_key_and_fix(  # type: ignore[no-untyped-def]
        make_site, files: dict[str, str], expected: str) -> None:
    site = make_site({**FILES, **files})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert expected in errors(result), result.stderr
    assert not (site / "output").exists()  # nothing published


def test_related_names_the_default_languages_slugs_whatever_a_translations_own_slug(make_site) -> None:  # type: ignore[no-untyped-def]
    # The French translation of klonopin-addiction is addressed as what-are-benzodiazepines in French: its related
    # what-are-benzodiazepines is still the English article of that slug, which has no French translation.
    site = make_site({**FILES, KFR: article("Dépendance au Klonopin", body=FR_BODY, slug="what-are-benzodiazepines",
                                            related="[what-are-benzodiazepines]")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    page = (site / "output/fr/what-are-benzodiazepines/index.html").read_text()
    assert 'href="/what-are-benzodiazepines/" hreflang="en"' in page


def test_a_translation_of_the_default_language_is_refused(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, "content/articles/klonopin-addiction.en.md": article()})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert ("content/articles/klonopin-addiction.en.md:1: language: the file name's language 'en' is the default "
            "language: its article is klonopin-addiction.md (rename the file to klonopin-addiction.md)"
            ) in errors(result)


# --- drift -----------------------------------------------------------------------------------------

def test_a_translation_behind_its_source_is_a_warning_within_the_grace_then_an_error(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, K: article(reviewed="2026-05-20")})  # TODAY is 2026-06-01: 12 days after
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    warning = (f"warning: {KFR}:6: reviewed: this French translation, reviewed 2026-03-05, is behind its source {K}, "
               "reviewed 2026-05-20; it must be brought up to date by 2026-06-19 (have the translation reviewed "
               "against the source and set reviewed: to that date)")
    assert warning in errors(result)
    result = cli("check", "--site", site, "--today", "2026-06-20")
    assert result.exit_code == 1
    assert (f"{KFR}:6: reviewed: this French translation, reviewed 2026-03-05, is behind its source {K}, reviewed "
            "2026-05-20; its 30 days of grace (review_policy.translation_grace_days) ended on 2026-06-19 (have the "
            "translation reviewed against the source and set reviewed: to that date)") in errors(result)


def test_a_source_reviewed_at_the_end_of_the_calendar_leaves_its_translation_a_grace_to_9999_12_31(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, K: article(reviewed="9999-12-20")})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert f"{K}:6: reviewed: 9999-12-20 is in the future (use the date the review actually happened)" in errors(result)
    assert any(line.startswith(f"warning: {KFR}:6: reviewed: ") and "by 9999-12-31" in line for line in errors(result))


def test_an_update_of_the_source_counts_and_the_grace_is_the_policys(make_site) -> None:  # type: ignore[no-untyped-def]
    yaml = LANGS.replace("  min_sources: 1\n", "  min_sources: 1\n  translation_grace_days: 5\n")
    site = make_site({**FILES, "site.yaml": yaml, K: article(reviewed="2026-05-25", updated="2026-05-20")})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert any("is behind its source" in line and "reviewed 2026-05-25" in line and "its 5 days of grace" in line
               for line in errors(result)), result.stderr


def test_drafts_preview_a_translation_too_far_behind_with_the_banner(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, K: article(reviewed="2026-04-01")})
    result = cli("build", "--site", site, "--no-search", "--drafts", *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    assert any("(previewed as not yet clinically reviewed)" in line for line in errors(result))
    page = parse(site / "output/fr/klonopine/index.html")
    assert page.find(".//div[@class='not-reviewed']") is not None  # the banner, in French
    assert page.find(".//meta[@name='robots']").get("content").startswith("noindex")
    # The preview's versions link to each other, as the published site's will, for a reviewer to compare them.
    source = parse(site / "output/klonopin-addiction/index.html")
    for shown, other in ((page, "/klonopin-addiction/"), (source, "/fr/klonopine/")):
        assert other in {a.get("href") for a in shown.iter("a") if a.get("hreflang")}
        assert other in {link.get("href").removeprefix("https://clinic.example") for link in shown.iter("link")
                         if link.get("rel") == "alternate" and link.get("hreflang")}


def test_review_due_and_check_due_list_translations_behind_with_both_dates(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, K: article(reviewed="2026-05-20")})
    for args in (("review-due",), ("check", "--due")):
        result = cli(*args, "--site", site, *TODAY_ARG)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        header = lines.index("Translations behind their source:")
        assert lines[header + 1].split() == ["Due", "Translation", "reviewed", "Source", "changed", "Language",
                                             "Translation"]
        assert lines[header + 2].split() == ["2026-06-19", "2026-03-05", "2026-05-20", "fr", KFR]


# --- pages and URLs ---------------------------------------------------------------------------------

def test_each_language_has_its_pages_under_its_folder(out: Path) -> None:
    for path in ("fr/index.html", "fr/klonopine/index.html", "fr/insights/benzodiazepines/index.html",
                 "fr/reviewers/dr-ada/index.html", "fr/reviewers/index.html", "fr/drugs/index.html",
                 "fr/search/index.html", "fr/404.html", "fr/feed.xml", "pt-br/index.html", "pt-br/feed.xml"):
        assert (out / path).is_file(), path
    assert not (out / "fr/contact").exists()  # a plain page without a French translation has no French page
    english_cards = [card for card in parse(out / "fr/klonopine/index.html").iter("article") if card.get("lang")]
    assert english_cards and all(card.get("lang") == "en" for card in english_cards)  # no French translation
    listing = html5lib.serialize(parse(out / "fr/insights/benzodiazepines/index.html"))
    assert "/fr/klonopine/" in listing and "/klonopin-addiction/" not in listing  # its own language's articles
    feed = (out / "fr/feed.xml").read_text(encoding="utf-8")
    assert '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">' in feed
    assert f"<id>{BASE}/fr/</id>" in feed and f"{BASE}/fr/klonopine/" in feed and "what-are" not in feed
    assert '<category term="benzodiazepines" label="Benzodiazépines" />' in feed  # a reader shows the label



def test_text_in_the_other_direction_runs_its_own_way_on_cards_and_the_language_switcher(make_site) -> None:  # type: ignore[no-untyped-def]
    # An English card on an Arabic page is set left to right (its full stop stays at its end), and its link back
    # in the page's language right to left; each language in the switcher is set in its own direction.
    site = make_site({"site.yaml": SITE_YAML + "languages: [en, ar]\n",
                      "content/articles/klonopin-addiction.ar.md": article(
                          "\u0625\u062f\u0645\u0627\u0646 \u0627\u0644\u0643\u0644\u0648\u0646\u0648\u0628\u064a\u0646",
                          body="\u0646\u0635.\n", slug="klonopin-ar", related="[what-are-benzodiazepines]")})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    page = parse(site / "output/ar/klonopin-ar/index.html")
    card = next(card for card in page.iter("article") if card.get("class") == "card")
    assert (card.get("lang"), card.get("dir")) == ("en", "ltr")
    back = card.find(".//p[@class='card-more']")
    assert (back.get("lang"), back.get("dir")) == ("ar", "rtl")
    switch = page.find(".//nav[@class='langs az-letters wrap']//a")
    assert (switch.get("lang"), switch.get("dir")) == ("en", "ltr")
    switch = parse(site / "output/klonopin-addiction/index.html").find(".//nav[@class='langs az-letters wrap']//a")
    assert (switch.get("lang"), switch.get("dir")) == ("ar", "rtl")


def test_a_card_in_a_language_written_the_same_way_gets_lang_alone(out: Path) -> None:
    page = parse(out / "fr/klonopine/index.html")
    card = next(card for card in page.iter("article") if card.get("lang"))
    assert (card.get("lang"), card.get("dir")) == ("en", None)
    back = card.find(".//p[@class='card-more']")
    assert (back.get("lang"), back.get("dir")) == ("fr", None)
    switch = page.find(".//nav[@class='langs az-letters wrap']//a")
    assert (switch.get("lang"), switch.get("dir")) == ("en", None)

def test_links_in_a_translation_go_to_its_language_else_to_the_original_marked(out: Path) -> None:
    page = parse(out / "fr/klonopine/index.html")
    links = {a.get("href"): a for a in page.iter("a")}
    assert "/fr/" in links and "/fr/drugs/" in links and "/fr/reviewers/dr-ada/" in links
    assert "/fr/insights/benzodiazepines/" in links
    original = links["/what-are-benzodiazepines/#overview"]  # no French version: the English, saying so
    assert original.get("hreflang") == "en"
    assert links["/contact/"].get("hreflang") == "en"  # a plain page only the default language has
    english = parse(out / "what-are-benzodiazepines/index.html")
    assert "/klonopin-addiction/" in {a.get("href") for a in english.iter("a")}


def test_a_link_to_a_translated_article_goes_to_the_translation(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, "content/articles/what-are-benzodiazepines.fr.md": article(
        "Les benzodiazépines", body="## Aperçu\n\nVoir [le Klonopin](/klonopin-addiction/).\n")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    # The French heading has its own id: the anchor the English one gave is not there.
    assert (f"{KFR}:15: link: links to '/what-are-benzodiazepines/#overview' (in this page's language, "
            "'/fr/what-are-benzodiazepines/#overview'), which has no element with id 'overview' (fix or remove the "
            "link)") in errors(result), result.stderr
    edit(site, KFR, lambda t: t.replace("/#overview", "/#apercu"))
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    page = parse(site / "output/fr/what-are-benzodiazepines/index.html")
    hrefs = {a.get("href"): a.get("hreflang") for a in page.iter("a")}
    assert "/fr/klonopine/" in hrefs and hrefs["/fr/klonopine/"] is None


def test_a_broken_link_to_a_translation_with_its_own_slug_names_the_line_it_was_written_on(  # type: ignore[no-untyped-def]
        make_site) -> None:
    site = make_site({**FILES, "content/articles/what-are-benzodiazepines.fr.md": article(
        "Les benzodiazépines", body="## Aperçu\n\nDes médicaments.\n", slug="les-benzodiazepines")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert (f"{KFR}:15: link: links to '/what-are-benzodiazepines/#overview' (in this page's language, "
            "'/fr/les-benzodiazepines/#overview'), which has no element with id 'overview' (fix or remove the "
            "link)") in errors(result), result.stderr


def test_a_broken_anchor_written_with_accents_is_named_with_them_in_both_addresses(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, "content/articles/what-are-benzodiazepines.fr.md": article(
        "Les benzodiazépines", body="## Aperçu\n\nDes médicaments.\n", slug="les-benzodiazepines")})
    edit(site, KFR, lambda t: t.replace("/what-are-benzodiazepines/#overview", "/what-are-benzodiazepines/#aperçu-x"))
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert (f"{KFR}:15: link: links to '/what-are-benzodiazepines/#aperçu-x' (in this page's language, "
            "'/fr/les-benzodiazepines/#aperçu-x'), which has no element with id 'aperçu-x' (did you mean "
            "'/what-are-benzodiazepines/#apercu'?)") in errors(result), result.stderr


def test_broken_links_in_a_translation_are_named_as_each_is_written_on_its_own_line(make_site) -> None:  # type: ignore[no-untyped-def]
    body = ("## Vue d'ensemble\n\nVoir [a](/what-are-benzodiazepines/#absent).\n\n"
            "Voir [b](/fr/les-benzodiazepines/#absent2).\n\nVoir [c](./what-are-benzodiazepines.md#aperçu-x).\n")
    site = make_site({**FILES, KFR: article("Dépendance au Klonopin", body=body, slug="klonopine",
                                            reviewed="2026-03-05"),
                      "content/articles/what-are-benzodiazepines.fr.md": article(
                          "Les benzodiazépines", body="## Aperçu\n\nDes médicaments.\n", slug="les-benzodiazepines")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert [line.split(" (fix", 1)[0].split(" (did you", 1)[0] for line in errors(result)[:3]] == [
        f"{KFR}:14: link: links to '/what-are-benzodiazepines/#absent' (in this page's language, "
        "'/fr/les-benzodiazepines/#absent'), which has no element with id 'absent'",
        f"{KFR}:16: link: links to '/fr/les-benzodiazepines/#absent2', which has no element with id 'absent2'",
        f"{KFR}:18: link: links to './what-are-benzodiazepines.md#aperçu-x' (in this page's language, "
        "'/fr/les-benzodiazepines/#aperçu-x'), which has no element with id 'aperçu-x'"], result.stderr


def test_a_link_to_a_markdown_file_in_a_translation_goes_to_its_language_else_to_the_original(  # type: ignore[no-untyped-def]
        make_site) -> None:
    # As a link to the original's address does: the file named is the original's, or the translation's own.
    body = ("## Vue d'ensemble\n\nVoir [anglais](what-are-benzodiazepines.md#overview), "
            "[source](klonopin-addiction.md) et [traduction](klonopin-addiction.fr.md).\n")
    answer = "\n  - q: Et encore ?\n    a: Voir [réponse](what-are-benzodiazepines.md)."
    french = article("Dépendance au Klonopin", body=body, slug="klonopine", reviewed="2026-03-05", faq=answer)
    site = make_site({**FILES, KFR: french})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    links = {a.text: (a.get("href"), a.get("hreflang")) for a in parse(site / "output/fr/klonopine/index.html")
             .iter("a")}
    assert links["anglais"] == ("/what-are-benzodiazepines/#overview", "en")
    assert links["réponse"] == ("/what-are-benzodiazepines/", "en")
    assert links["source"] == links["traduction"] == ("/fr/klonopine/", None)

    (site / "content/articles/what-are-benzodiazepines.fr.md").write_text(article(
        "Les benzodiazépines", body="## Aperçu\n\nDes médicaments.\n", slug="les-benzodiazepines"), encoding="utf-8")
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    # Now the French page: its French heading has its own id, and the error names the link as it was written.
    assert errors(result)[0] == (
        f"{KFR}:17: link: links to 'what-are-benzodiazepines.md#overview' (in this page's language, "
        "'/fr/les-benzodiazepines/#overview'), which has no element with id 'overview' (fix or remove the link)")
    edit(site, KFR, lambda t: t.replace("#overview", "#aprecu"))
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert errors(result)[0] == (
        f"{KFR}:17: link: links to 'what-are-benzodiazepines.md#aprecu' (in this page's language, "
        "'/fr/les-benzodiazepines/#aprecu'), which has no element with id 'aprecu' (did you mean "
        "'what-are-benzodiazepines.md#apercu'?)")
    edit(site, KFR, lambda t: t.replace("#aprecu", "#apercu"))
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    links = {a.text: (a.get("href"), a.get("hreflang")) for a in parse(site / "output/fr/klonopine/index.html")
             .iter("a")}
    assert links["anglais"] == ("/fr/les-benzodiazepines/#apercu", None)
    assert links["réponse"] == ("/fr/les-benzodiazepines/", None)


def test_text_in_the_default_language_is_marked_so_on_another_language_s_pages(out: Path) -> None:
    # WCAG 3.1.2: a reviewer file is written in English; a French page says where English text is.
    def marked(page: Any) -> list[tuple[str | None, str]]:
        return [(span.get("lang"), span.text or "") for span in page.iter("span") if span.get("lang")]

    french = parse(out / "fr/klonopine/index.html")
    assert ("en", "MD, psychiatrist") in marked(french)  # the reviewer's credentials in the byline
    assert ("en", "What are benzodiazepines") in marked(french)  # an English card's title in "à propos de ..."
    assert marked(parse(out / "fr/reviewers/dr-ada/index.html"))[:2] == [("en", "MD, psychiatrist"),
                                                                         ("en", "Reviews pages.")]
    for english in ("klonopin-addiction/index.html", "reviewers/dr-ada/index.html"):
        assert marked(parse(out / english)) == []


def test_alternates_switcher_locale_and_jsonld_both_ways(out: Path) -> None:
    english, french = parse(out / "klonopin-addiction/index.html"), parse(out / "fr/klonopine/index.html")
    expected = {("en", f"{BASE}/klonopin-addiction/"), ("fr", f"{BASE}/fr/klonopine/"),
                ("x-default", f"{BASE}/klonopin-addiction/")}
    for page in (english, french):
        assert {(link.get("hreflang"), link.get("href")) for link in page.iter("link")
                if link.get("rel") == "alternate" and link.get("hreflang")} == expected
    switch = english.find(".//nav[@class='langs az-letters wrap']")
    assert [(a.get("href"), a.get("hreflang"), a.get("lang"), a.text) for a in switch.iter("a")] == [
        ("/fr/klonopine/", "fr", "fr", "Français")]
    switch = french.find(".//nav[@class='langs az-letters wrap']")
    assert [(a.get("href"), a.text) for a in switch.iter("a")] == [("/klonopin-addiction/", "English")]
    assert parse(out / "what-are-benzodiazepines/index.html").find(".//nav[@class='langs az-letters wrap']") is None
    metas = {(m.get("property"), m.get("content")) for m in french.iter("meta") if m.get("property")}
    assert ("og:locale", "fr_FR") in metas and ("og:locale:alternate", "en_US") in metas
    blocks = [json.loads(s.text) for s in french.iterfind(".//script[@type='application/ld+json']")]
    page = next(b for b in blocks if b["@type"] == "MedicalWebPage")
    assert page["inLanguage"] == "fr" and page["url"] == f"{BASE}/fr/klonopine/"
    # As the page shows them: the trail from "Accueil", and people at their French pages.
    trail = next(b for b in blocks if b["@type"] == "BreadcrumbList")["itemListElement"]
    assert (trail[0]["name"], trail[0]["item"]) == ("Accueil", f"{BASE}/fr/")
    assert page["reviewedBy"]["url"] == f"{BASE}/fr/reviewers/dr-ada/"
    assert page["reviewedBy"]["@id"] == f"{BASE}/reviewers/dr-ada/#person"  # one person in every language
    faq = next((b for b in blocks if b["@type"] == "FAQPage"), None)
    assert faq is None or faq["inLanguage"] == "fr"
    for folder in ("", "fr/", "pt-br/"):  # a page every language has links to each language's own
        for path in ("index.html", "insights/benzodiazepines/index.html", "search/index.html", "reviewers/index.html"):
            # The search page is kept from search engines: it names no version to them (its switcher still does).
            page = parse(out / folder / path)
            alternates = {link.get("hreflang"): link.get("href") for link in page.iter("link") if link.get("hreflang")}
            neutral = "/" + path.removesuffix("index.html")
            versions = {"en": BASE + neutral, "fr": BASE + "/fr" + neutral, "pt-BR": BASE + "/pt-br" + neutral}
            switcher = {a.get("hreflang"): a.get("href") for a in page.iter("a") if a.get("lang") and a.get("hreflang")}
            own = {"": "en", "fr/": "fr", "pt-br/": "pt-BR"}[folder]
            assert switcher == {tag: href.removeprefix(BASE) for tag, href in versions.items() if tag != own}
            og = {m.get("content") for m in page.iter("meta") if m.get("property") == "og:locale:alternate"}
            if (path.startswith("insights/") and folder == "pt-br/") or path.startswith("search/"):  # not indexed
                assert alternates == {} and og == set(), folder + path
            elif path.startswith("insights/"):  # search engines are told only of the versions that list something
                assert alternates == {"en": versions["en"], "fr": versions["fr"], "x-default": versions["en"]}
                assert og == {"fr_FR", "en_US"} - {{"": "en_US", "fr/": "fr_FR"}[folder]}
            else:
                assert alternates == {**versions, "x-default": BASE + neutral}, folder + path


def test_the_sitemap_lists_every_language_with_xhtml_alternates(out: Path) -> None:
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    entry = next(line for line in sitemap.splitlines() if f"<loc>{BASE}/fr/klonopine/</loc>" in line)
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{BASE}/klonopin-addiction/"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{BASE}/klonopin-addiction/"/>' in entry
    entry = next(line for line in sitemap.splitlines() if f"<loc>{BASE}/klonopin-addiction/</loc>" in line)
    assert f'hreflang="fr" href="{BASE}/fr/klonopine/"' in entry
    assert f"<loc>{BASE}/pt-br/</loc>" in sitemap  # a language with no article yet has its home...
    assert f"<loc>{BASE}/pt-br/insights/opioids/</loc>" not in sitemap  # ...but not its empty listings
    assert f"<loc>{BASE}/pt-br/insights/</loc>" not in sitemap


def test_a_translation_of_an_article_that_fails_to_load_adds_no_error_of_its_own(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, K: article(tags="[unclosed")})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning")][:-1]
    assert len(errors) == 1 and errors[0].startswith(f"{K}:") and "invalid YAML" in errors[0], result.stderr


def test_a_translation_of_a_source_that_fails_to_load_is_checked_in_the_same_run(make_site) -> None:  # type: ignore[no-untyped-def]
    page = "---\ntitle: Contact\nsummary: Write to us.\ncolour: red\n---\nText.\n"
    site = make_site({**FILES, K: article(colour="red"), KFR: article(reviewer="dr-eve", related="[nope]"),
                      "content/pages/contact.md": page,
                      "content/pages/contact.fr.md": "---\ntitle: Contact\nsummary: TODO\n---\nTexte.\n"})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    listed = errors(result)
    for expected in (f"{K}:", "content/pages/contact.md:", f"{KFR}:5: reviewer: no reviewer 'dr-eve'",
                     f"{KFR}:10: related[0]: no article with slug 'nope'",
                     'content/pages/contact.fr.md:3: summary: "TODO" is a placeholder'):
        assert any(line.startswith(expected) for line in listed), (expected, result.stderr)


def test_every_page_names_the_same_versions_as_the_sitemap(make_site) -> None:  # type: ignore[no-untyped-def]
    tagged = {K: article(tags="[anxiety]"), KFR: FILES[KFR].replace("---\n", "---\ntags: [anxiety]\n", 1)}
    site = make_site({**FILES, **tagged})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    sitemap = ElementTree.parse(site / "output/sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for url in sitemap.iterfind("s:url", ns):
        loc = url.find("s:loc", ns).text
        listed = {(link.get("hreflang"), link.get("href")) for link in url.iterfind("x:link", ns)}
        page = parse(site / "output" / loc.removeprefix(BASE + "/") / "index.html")
        shown = {(link.get("hreflang"), link.get("href")) for link in page.iter("link") if link.get("hreflang")}
        assert shown == listed, loc
    assert (site / "output/fr/tags/anxiety/index.html").is_file()  # a topic of each language, not a version


# --- incremental ------------------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    pytest.param(lambda site: edit(site, KFR, lambda t: t.replace("Le clonazépam.", "Le clonazépam, ou Rivotril.")),
                 id="translation-body"),
    pytest.param(lambda site: edit(site, KFR, lambda t: t.replace("Dépendance au Klonopin", "Le Klonopin")),
                 id="translation-title"),
    pytest.param(lambda site: (site / KFR).unlink(), id="delete-translation"),  # and its category empties
    pytest.param(lambda site: (site / "content/articles/what-are-benzodiazepines.pt-BR.md").write_text(article(
        "O que são benzodiazepínicos", body="## Visão geral\n\nTexto.\n", slug="benzodiazepinicos",
        reviewed="2026-03-05"), encoding="utf-8"), id="first-article-of-a-language"),  # its category is then listed
    pytest.param(lambda site: edit(site, KFR, lambda t: t.replace("slug: klonopine", "slug: le-klonopin")),
                 id="translation-slug"),  # its page moves, and the links and alternates to it follow
    pytest.param(lambda site: edit(site, W, lambda t: t.replace("What are benzodiazepines", "Benzodiazepines")),
                 id="source-title"),
    pytest.param(lambda site: edit(site, "site.yaml", lambda t: t.replace("Clinique Test", "Clinique")),
                 id="site-text"),
    pytest.param(lambda site: edit(site, "site.yaml", lambda t: t.replace("[en, fr, pt-BR]", "[en, fr]")),
                 id="drop-a-language"),  # its pages go, and those of the others stop naming it
    pytest.param(lambda site: ((site / KFR).unlink(), edit(site, "site.yaml", lambda t: t.replace(
        "[en, fr, pt-BR]", "[en, pt-BR]").split("site_text:")[0])), id="drop-a-translated-language"),
])
def test_language_edits_build_as_a_cold_build(make_site, tmp_path: Path, change: Any) -> None:  # type: ignore[no-untyped-def]
    site = make_site(FILES)
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    build(site, options)
    change(site)
    build(site, options)
    assert_as_a_cold_build(site, tmp_path / "out")


@pytest.mark.parametrize("held", [False, True], ids=["from-the-cache", "held-in-memory"])
def test_a_translation_edit_is_a_quick_rebuild_of_the_pages_that_show_it(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: bool) -> None:
    from medpress import pipeline

    site = make_site(FILES)
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    report = pipeline.build(site, options)
    state = pipeline.held(report, TODAY).state if held else None
    monkeypatch.setattr(pipeline, "plan_full", lambda *args: pytest.fail("the quick plan handed over"))
    edit(site, KFR, lambda t: t.replace("Le clonazépam.", "Le clonazépam, ou Rivotril."))
    report = pipeline.build(site, options, state)
    assert report.rendered == 1
    assert "ou Rivotril" in (tmp_path / "out/fr/klonopine/index.html").read_text(encoding="utf-8")
    edit(site, KFR, lambda t: t.replace("Dépendance au Klonopin", "Le Klonopin"))
    report = pipeline.build(site, options, pipeline.held(report, TODAY).state if held else None)
    # Its page, and the French pages that list it (home, listing, reviewer, feed, A to Z...), not the English ones.
    assert 1 < report.rendered < 12, report.rendered
    monkeypatch.undo()
    assert_as_a_cold_build(site, tmp_path / "out")


def test_each_language_has_its_own_search_index(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site(FILES)
    result = cli("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    # Bundles by language (<html lang>): a French visitor's search page loads the French index.
    bundles = bundles_of(site / "output")
    assert bundles == {"en": ["en/0/"], "fr": ["fr/0/"]}
    counts = {lang: sum(json.loads((site / "output/pagefind" / folder / "pagefind-entry.json").read_text())[
        "languages"][lang]["page_count"] for folder in folders) for lang, folders in bundles.items()}
    assert counts == {"en": 3, "fr": 1}
    search = parse(site / "output/fr/search/index.html")
    assert search.get("lang") == "fr"
    assert "/pagefind/pagefind-ui.js" in {s.get("src") for s in search.iter("script")}


# A translation's own slug, another or none (back to its source's); unique, as no two files are the same text.
TRANSLATION_EDITS = {**SEQUENCE_EDITS, "translation slug": lambda t, n: set_key(
    t, "slug", f"moved-{hashlib.sha256(t.encode()).hexdigest()[:8]}" if n % 3 else None)}


@given(edits=st.lists(st.tuples(st.sampled_from(list(TRANSLATION_EDITS)), st.integers(0, 11), st.integers(0, 99),
                                st.booleans()), min_size=1, max_size=4),
       in_memory=st.booleans())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_sequence_of_source_and_translation_edits_gives_what_a_cold_build_gives(  # type: ignore[no-untyped-def]
        edits: list[tuple[str, int, int, bool]], in_memory: bool, make_site, tmp_path_factory) -> None:
    root = tmp_path_factory.mktemp("languages")
    sources = many_articles()
    # French translations of the even ones; a long grace, so moving a source's review date only warns.
    french = {rel.replace(".md", ".fr.md"): text for rel, text in sources.items() if int(rel[-5:-3]) % 2 == 0}
    yaml = SITE_YAML.replace("  min_sources: 1\n", "  min_sources: 1\n  translation_grace_days: 999\n")
    site = make_site({"site.yaml": yaml + "feed_entries: 4\nper_page: 3\nlanguages: [en, fr]\n", **sources, **french})
    options = BuildOptions(out=root / "out", today=TODAY, search=False, jobs=1, save_cache=not in_memory,
                           cache=root / "cache")
    state = build(site, options).state
    for kind, number, n, translation in edits:
        if kind == "translation slug":
            number, translation = number - number % 2, True
        rel = f"content/articles/drug-{number:02d}{'.fr' if translation and number % 2 == 0 else ''}.md"
        edit(site, rel, lambda t, kind=kind, n=n: TRANSLATION_EDITS[kind](t, n))
        report = build(site, options, previous=state if in_memory else None)
        state = report.state
        assert_as_a_cold_build(site, root / "out")


# --- names and folders that are not translations -------------------------------------------------

def test_a_dot_in_a_file_name_that_is_no_language_tag_leaves_an_article_of_its_own(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/covid.2024-update.md": article("An update", slug="covid-update")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert (site / "output/covid-update/index.html").is_file()


def test_a_slug_or_an_alias_in_a_language_folder_is_refused(make_site) -> None:  # type: ignore[no-untyped-def]
    other = "content/articles/valium.md"
    site = make_site({**FILES, other: article("Valium", slug="fr", aliases="[/pt-br/old/]")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert f"{other}:" in result.stderr and "'fr' is reserved for the site's own pages" in result.stderr
    assert "'/pt-br/old/' is inside /pt-br/, which the site's own pages use" in result.stderr
    assert not (site / "output").exists()


def test_an_override_file_names_its_language_in_any_case(make_site) -> None:  # type: ignore[no-untyped-def]
    po = 'msgid ""\nmsgstr ""\n\nmsgid "Skip to main content"\nmsgstr "Ir direto ao texto"\n'
    site = make_site({**FILES, "translations/pt-br.po": po})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert "Ir direto ao texto" in (site / "output/pt-br/index.html").read_text(encoding="utf-8")


def test_author_pages_and_the_topics_index_name_their_other_languages(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, "content/authors/sam-lee.yaml": "name: Sam Lee\n",
                      K: article(author="sam-lee", tags="[anxiety]"),
                      KFR: FILES[KFR].replace("---\n", "---\ntags: [anxiété]\nauthor: sam-lee\n", 1)})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    for path in ("authors/sam-lee/index.html", "tags/index.html"):
        links = {link.get("hreflang"): link.get("href")
                 for link in parse(site / "output" / path).iter("link") if link.get("hreflang")}
        folder = path.removesuffix("index.html")
        versions = {"en": f"{BASE}/{folder}", "fr": f"{BASE}/fr/{folder}", "x-default": f"{BASE}/{folder}"}
        assert links == versions, path  # only where an article of theirs, or a topic, is listed: not in Portuguese
    empty = (site / "output/pt-br/tags/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in empty and '<link rel="alternate" hreflang' not in empty
    assert f"<loc>{BASE}/pt-br/tags/</loc>" not in (site / "output/sitemap.xml").read_text(encoding="utf-8")


def test_a_person_s_page_is_indexed_where_it_lists_an_article_or_has_their_bio(make_site) -> None:  # type: ignore[no-untyped-def]
    # Dr Ada reviews the one French translation; Dr Bo reviews nothing in French but has a French bio; nothing of
    # Dr Cy's is in French: their French page is their English bio over "no articles yet", a soft 404.
    site = make_site({**FILES,
                      "content/reviewers/dr-bo.yaml": "name: Dr Bo Two\ncredentials: MD\nbio: Reviews pages.\n",
                      "content/reviewers/dr-bo.fr.yaml": "bio: Relit les pages.\n",
                      "content/reviewers/dr-cy.yaml": "name: Dr Cy Three\ncredentials: MD\nbio: Reviews pages.\n",
                      W: article("What are benzodiazepines?", reviewer="dr-cy")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    sitemap = (site / "output/sitemap.xml").read_text(encoding="utf-8")
    for person, french in (("dr-ada", True), ("dr-bo", True), ("dr-cy", False)):
        page = (site / f"output/fr/reviewers/{person}/index.html").read_text(encoding="utf-8")
        assert ('name="robots"' not in page) is french, person
        assert (f"<loc>{BASE}/fr/reviewers/{person}/</loc>" in sitemap) is french, person
        assert f"<loc>{BASE}/reviewers/{person}/</loc>" in sitemap  # the default language's page is theirs
        links = {link.get("hreflang") for link in parse(site / f"output/reviewers/{person}/index.html").iter("link")
                 if link.get("hreflang")}
        assert ("fr" in links) is french, person


def test_an_insights_index_of_a_language_with_nothing_published_is_not_indexed(make_site) -> None:  # type: ignore[no-untyped-def]
    # Every category "0 insights": a page search engines take for a missing one. Portuguese has no article yet.
    site = make_site(FILES)
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    empty = (site / "output/pt-br/insights/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in empty and '<link rel="alternate" hreflang' not in empty
    links = {link.get("hreflang"): link.get("href")
             for link in parse(site / "output/insights/index.html").iter("link") if link.get("hreflang")}
    assert links == {"en": f"{BASE}/insights/", "fr": f"{BASE}/fr/insights/", "x-default": f"{BASE}/insights/"}
    sitemap = (site / "output/sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}/fr/insights/</loc>" in sitemap and f"<loc>{BASE}/pt-br/insights/</loc>" not in sitemap
    # Its first article: every version names the Portuguese one, as a build from nothing does.
    make_site({**FILES, K.replace(".md", ".pt-br.md"): article("Dependência de Klonopin", slug="klonopin-pt")})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    links = {link.get("hreflang") for link in parse(site / "output/insights/index.html").iter("link")}
    assert "pt-BR" in links
    assert_as_a_cold_build(site, site / "output")


def test_check_judges_no_link_to_what_files_that_failed_to_load_would_make(make_site) -> None:  # type: ignore[no-untyped-def]
    # klonopin-addiction.md fails, and its French translation (own slug klonopine) is left out with it; the French
    # version of an article in a sub-folder fails, whose source has a slug of its own; so does an article of that
    # sub-folder, and the reviewer's French text. Links to what they would make are not judged; a link to a plain
    # page's file never works, loaded or not, and /fr/nowhere/ is broken: both are listed in the same run.
    wfr = W.replace(".md", ".fr.md")
    guide = "content/articles/more/tapering.md"
    site = make_site({**FILES, K: article(tagz="[a]"), guide: article("Tapering", slug="tapering-guide"),
                      guide.replace(".md", ".fr.md"): article("Réduire", fact_checked="maybe"),
                      "content/articles/more/methadone.md": "no frontmatter here\n",
                      "content/reviewers/dr-ada.fr.yaml": "bio: Relit les pages.\nbiographie: x\n",
                      "content/pages/about.md": "---\ntitle: About\nsumary: x\n---\n\nUs.\n",
                      wfr: article("Les benzodiazépines", body=(
                          "## Vue\n\nVoir [k](/fr/klonopine/#overview), [fichier](klonopin-addiction.fr.md), "
                          "[réduire](/fr/tapering-guide/), [méthadone](more/methadone.md), [Ada](/fr/reviewers/dr-ada/)"
                          ", [nous](../pages/about.md) et [rien](/fr/nowhere/).\n")),
                      W: article("What are benzodiazepines", body="## Overview\n\nSee [methadone](/methadone/).\n")})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    links = [line.split(" (")[0] for line in errors(result) if ": link: " in line]
    assert links == [f"{wfr}:13: link: links to '../pages/about.md', which is not a page or file of the site",
                     f"{wfr}:13: link: links to '/fr/nowhere/', which is not a page or file of the site"], links
    assert {line.split(": ")[0].rsplit(":", 1)[0] for line in errors(result) if not line.startswith(("warning", "1"))
            and ": link: " not in line} >= {K, guide.replace(".md", ".fr.md"), "content/articles/more/methadone.md",
                                            "content/reviewers/dr-ada.fr.yaml", "content/pages/about.md"}


def test_pages_kept_from_search_engines_name_no_other_versions_to_them(make_site) -> None:  # type: ignore[no-untyped-def]
    # hreflang tells a search engine which page to show in which language: a page it is told not to index
    # (search, the 404 page) has nothing to tell it, and an hreflang beside a noindex is a mixed signal.
    site = make_site(FILES)
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    for path in ("search/index.html", "fr/search/index.html", "404.html", "fr/404.html"):
        page = (site / "output" / path).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in page, path
        assert '<link rel="alternate" hreflang' not in page and "og:locale:alternate" not in page, path
    assert '<link rel="alternate" hreflang="fr"' in (site / "output/index.html").read_text(encoding="utf-8")


def test_a_layout_that_lists_another_languages_articles_follows_their_edits(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path) -> None:
    footer = ('<footer class="site-footer"><p class="other">{% for tag, other in site.languages.items() %}'
              '{% for a in other.articles %}{{ tag }}: {{ a.title }}; {% endfor %}{% endfor %}</p></footer>\n')
    site = make_site({**FILES, "layouts/partials/footer.html": footer})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    build(site, options)
    assert "fr: Dépendance au Klonopin;" in (tmp_path / "out/index.html").read_text(encoding="utf-8")
    edit(site, KFR, lambda t: t.replace("Dépendance au Klonopin", "Le Klonopin"))
    build(site, options)
    assert "fr: Le Klonopin;" in (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert_as_a_cold_build(site, tmp_path / "out")


# --- plain pages ----------------------------------------------------------------------------------

CONTACT_FR = "content/pages/contact.fr.md"
PAGE_FR = ("---\ntitle: Nous contacter\nsummary: Joindre notre équipe d'admission.\nslug: nous-contacter\n---\n"
           "## Par téléphone\n\nNotre équipe répond en semaine. Retour à [l'accueil](/).\n")


def test_a_broken_link_in_a_translated_page_names_its_own_line(make_site) -> None:  # type: ignore[no-untyped-def]
    # Its frontmatter is longer than its source's (a slug of its own): the line is counted in its own file.
    site = make_site({**FILES, CONTACT_FR: PAGE_FR + "\nVoir [rien](/rien/).\n"})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert f"{CONTACT_FR}:10: link: links to '/rien/'" in result.stderr, result.stderr


def test_a_plain_page_translated_is_a_page_of_its_language_linked_both_ways(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, CONTACT_FR: PAGE_FR})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    out = site / "output"
    french, english = parse(out / "fr/nous-contacter/index.html"), parse(out / "contact/index.html")
    assert french.find(".//h1").text == "Nous contacter"
    assert french.get("lang") == "fr"
    assert "/fr/" in {a.get("href") for a in french.iter("a")}  # its links stay in its language
    expected = {("en", f"{BASE}/contact/"), ("fr", f"{BASE}/fr/nous-contacter/"), ("x-default", f"{BASE}/contact/")}
    for page in (english, french):
        assert {(link.get("hreflang"), link.get("href")) for link in page.iter("link")
                if link.get("rel") == "alternate" and link.get("hreflang")} == expected
    switch = english.find(".//nav[@class='langs az-letters wrap']")
    assert [(a.get("href"), a.text) for a in switch.iter("a")] == [("/fr/nous-contacter/", "Français")]
    # A French article's link to the contact page now goes to the French one, unmarked.
    links = {a.get("href"): a.get("hreflang") for a in parse(out / "fr/klonopine/index.html").iter("a")}
    assert "/fr/nous-contacter/" in links and links["/fr/nous-contacter/"] is None and "/contact/" not in links
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    entry = next(line for line in sitemap.splitlines() if f"<loc>{BASE}/fr/nous-contacter/</loc>" in line)
    assert f'hreflang="en" href="{BASE}/contact/"' in entry
    assert not (out / "pt-br/contact").exists()  # Portuguese has no translation of it: none is made up


@pytest.mark.parametrize(("files", "expected"), [
    ({"content/pages/contact.de.md": PAGE_FR},
     "content/pages/contact.de.md:1: language: the file name's language 'de' is not one of the site's languages"),
    ({"content/pages/contcat.fr.md": PAGE_FR},
     "content/pages/contcat.fr.md:1: source: no page contcat.md for this French translation (did you mean 'contact'?"),
    ({CONTACT_FR: PAGE_FR.replace("nous-contacter", "klonopine")},
     f"{CONTACT_FR}:4: slug: slug 'klonopine' is already used in French by {KFR}"),
    ({CONTACT_FR: PAGE_FR, "content/pages/contact.FR.md": PAGE_FR.replace("nous-contacter", "contact")},
     f"{CONTACT_FR}:1: source: a second French translation of 'contact', after content/pages/contact.FR.md"),
    ({CONTACT_FR: PAGE_FR + "\nTODO: les horaires.\n"}, f"{CONTACT_FR}:"),
], ids=["language", "no-source", "slug-clash", "two-translations", "placeholder"])
def test_bad_page_translations_are_errors_and_publish_nothing(  # type: ignore[no-untyped-def]
        make_site, files: dict[str, str], expected: str) -> None:
    site = make_site({**FILES, **files})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert any(line.startswith(expected) for line in errors(result)), result.stderr
    assert not (site / "output").exists()


def test_a_source_in_another_language_is_marked_as_written_in_it(make_site) -> None:  # type: ignore[no-untyped-def]
    sources = ('\n  - {title: "Opioid overdose", publisher: WHO, url: "https://who.example/o", lang: EN}'
               '\n  - {title: "Le sevrage", publisher: HAS, url: "https://has.example/s", lang: fr}')
    site = make_site({**FILES, KFR: article("Dépendance au Klonopin", body=FR_BODY, slug="klonopine",
                                            reviewed="2026-03-05", sources=sources)})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    page = parse(site / "output/fr/klonopine/index.html")
    english, french = page.find(".//section[@class='sources']").iter("li")
    assert english.get("lang") == "en" and english.find("bdi/a").get("hreflang") == "en"
    assert french.get("lang") is None  # the page's own language
    [block] = [b for s in page.iterfind(".//script[@type='application/ld+json']")
               if (b := json.loads(s.text))["@type"] == "MedicalWebPage"]
    assert [c.get("inLanguage") for c in block["citation"]] == ["en", "fr"]
    make_site({KFR: article("Dépendance au Klonopin", body=FR_BODY, slug="klonopine", reviewed="2026-03-05",
                            sources=sources.replace("lang: EN", "lang: english"))})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert "sources[0].lang: 'english' is not a language code (BCP 47) that CLDR knows" in result.stderr


ADA_FR = "content/reviewers/dr-ada.fr.yaml"


def test_a_reviewers_text_may_be_given_in_each_language(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, ADA_FR: "credentials: docteure en médecine, psychiatre\nbio: Relit les pages.\n"})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    french = parse(site / "output/fr/reviewers/dr-ada/index.html")
    credentials = french.find(".//p[@class='credentials']")
    assert "".join(credentials.itertext()) == "docteure en médecine, psychiatre" and not credentials.findall("span")
    assert french.find(".//meta[@name='description']").get("content") == "Dr Ada Test, docteure en médecine, psychiatre"
    [person] = [b for s in french.iterfind(".//script[@type='application/ld+json']")
                if (b := json.loads(s.text))["@type"] == "Person"]
    assert (person["jobTitle"], person["description"]) == ("docteure en médecine, psychiatre", "Relit les pages.")
    byline = html5lib.serialize(parse(site / "output/fr/klonopine/index.html"))
    assert "Dr Ada Test, docteure en médecine, psychiatre</a>" in byline
    english = html5lib.serialize(parse(site / "output/reviewers/dr-ada/index.html"))
    assert "MD, psychiatrist" in english and "docteure" not in english


def test_a_reviewers_text_left_in_the_default_language_is_marked_as_such(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, ADA_FR: "bio: Relit les pages.\n"})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    french = parse(site / "output/fr/reviewers/dr-ada/index.html")
    [marked] = french.find(".//p[@class='credentials']").findall("span")
    assert (marked.get("lang"), marked.text) == ("en", "MD, psychiatrist")  # not given in French (WCAG 3.1.2)
    assert "Relit les pages." in html5lib.serialize(french)


@pytest.mark.parametrize(("files", "expected"), [
    ({"content/reviewers/dr-adda.fr.yaml": "bio: Relit.\n"},
     "content/reviewers/dr-adda.fr.yaml:1: source: no reviewer dr-adda.yaml for this French text (did you mean "
     "'dr-ada'? A reviewer's text in another language is named after the reviewer's file: <id>.fr.yaml beside "
     "<id>.yaml)"),
    ({"content/authors/sam.fr.yaml": "bio: Écrit.\n"}, "content/authors/sam.fr.yaml:1: source: no author sam.yaml for "
     "this French text (an author's text in another language is named after the author's file: <id>.fr.yaml beside "
     "<id>.yaml)"),
    ({"content/reviewers/dr-ada.de.yaml": "bio: Prüft.\n"}, "content/reviewers/dr-ada.de.yaml:1: language: the "
     "file name's language 'de' is not one of the site's languages (en, fr, pt-BR) (add de to languages in "
     "site.yaml, or rename the file)"),
    ({"content/reviewers/dr-ada.en.yaml": "bio: Reviews.\n"}, "content/reviewers/dr-ada.en.yaml:1: language: the "
     "file name's language 'en' is the default language: its text is in dr-ada.yaml (move its text to dr-ada.yaml "
     "and remove this file)"),
    ({ADA_FR: "name: Dre Ada\nbio: Relit.\n"}, f"{ADA_FR}:1: name: name is the same in every language: it is "
     "given in dr-ada.yaml (remove it here; this file gives credentials, role and bio in fr)"),
    ({ADA_FR: "credential: docteure\n"}, f"{ADA_FR}:1: credential: unknown key (did you mean 'credentials'?)"),
])
def test_bad_reviewer_texts_are_errors_with_file_line_and_fix(make_site, files: dict[str, str], expected: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, **files})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert expected in errors(result), errors(result)


def test_reviewer_text_edits_build_as_a_cold_build(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(FILES)
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    state = build(site, options).state
    for change in ("bio: Relit les pages.\n", "bio: Relit chaque page.\ncredentials: docteure\n", None):
        if change is None:
            (site / ADA_FR).unlink()
        else:
            (site / ADA_FR).write_text(change, encoding="utf-8")
        state = build(site, options, previous=state).state  # as the dev server does
        assert_as_a_cold_build(site, tmp_path / "out")
    assert "Reviews pages." in (tmp_path / "out/fr/reviewers/dr-ada/index.html").read_text(encoding="utf-8")


def test_a_page_translation_whose_source_fails_is_not_told_it_has_none(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, CONTACT_FR: PAGE_FR})
    edit(site, "content/pages/contact.md", lambda t: t.replace("title:", "titel:", 1))
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in errors(result) if line.startswith("content/")] == [
        "content/pages/contact.md:1", "content/pages/contact.md:2"]


@pytest.mark.parametrize("change", [
    pytest.param(lambda site: edit(site, CONTACT_FR, lambda t: t.replace("Nous contacter", "Contact")), id="title"),
    pytest.param(lambda site: (site / CONTACT_FR).unlink(), id="delete"),
    pytest.param(lambda site: edit(site, "content/pages/contact.md", lambda t: t.replace("Contact", "Reach us")),
                 id="source"),
])
def test_plain_page_translation_edits_build_as_a_cold_build(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path, change: Any) -> None:
    site = make_site({**FILES, CONTACT_FR: PAGE_FR})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    build(site, options)
    change(site)
    build(site, options)
    assert_as_a_cold_build(site, tmp_path / "out")


def test_an_empty_slug_line_in_a_translation_is_no_slug_of_its_own(make_site) -> None:  # type: ignore[no-untyped-def]
    # Written empty, as new's stub writes every key, slug: gives the translation its source's address.
    site = make_site({**FILES, "content/articles/valium.md": article("Valium", slug="valium-diazepam"),
                      "content/articles/valium.fr.md": article("Le Valium", slug="")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.stderr
    assert (site / "output/fr/valium-diazepam/index.html").is_file()
    assert not (site / "output/fr/valium").exists()


def test_an_edit_built_in_another_process_renders_only_its_pages_whatever_its_hash_seed(  # type: ignore[no-untyped-def]
        make_site) -> None:
    # What a page read is digested from its repr: a set in it would print in each process's own order
    # (site text a language leaves out, the fields a reviewer's French text gives), and every page
    # would render again at every build.
    site = make_site({**FILES, ADA_FR: "credentials: docteure en médecine\nbio: Relit les pages.\n"})
    rendered = []
    for seed in ("1", "2", "3"):
        with (site / "content/pages/contact.md").open("a", encoding="utf-8") as body:
            body.write(f"\nOne more line, {seed}.\n")
        done = subprocess.run([sys.executable, "-m", "medpress", "build", "--site", str(site), "--no-search",
                               *TODAY_ARG], env={**os.environ, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        rendered.append(int(re.search(r"\((\d+) rendered", done.stdout + done.stderr).group(1)))
    assert rendered[0] > 20 and max(rendered[1:]) <= 2, rendered  # the edited page (and its copy in French)


def test_links_in_faq_answers_are_absolute_in_structured_data_in_each_language(make_site) -> None:  # type: ignore[no-untyped-def]
    # Structured data is read away from the page (by search engines): a root-relative link there would
    # leave the path the site is served under, and a French answer's would skip the French page.
    answer = ("\n  - q: Where can I read more?"
              "\n    a: See [Klonopin](/klonopin-addiction/) and ![a chart](/assets/c.svg).")
    site = make_site({**FILES, "site.yaml": LANGS.replace(f"base_url: {BASE}", f"base_url: {BASE}/resources"),
                      W: article("What are benzodiazepines", faq=answer),
                      "content/articles/what-are-benzodiazepines.fr.md": article(
                          "Les benzodiazépines", slug="benzodiazepines", reviewed="2026-03-05", faq=answer),
                      "assets/c.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>"})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    for path, page in (("what-are-benzodiazepines", "klonopin-addiction"), ("fr/benzodiazepines", "fr/klonopine")):
        blocks = [json.loads(script.text) for script in parse(site / "output" / path / "index.html").iter("script")
                  if script.get("type") == "application/ld+json"]
        text = next(b for b in blocks if b["@type"] == "FAQPage")["mainEntity"][0]["acceptedAnswer"]["text"]
        assert f'href="{BASE}/resources/{page}/"' in text, text
        assert f'src="{BASE}/resources/assets/c.svg"' in text, text


def test_the_menu_marks_as_current_the_link_that_leads_to_the_page_in_its_language(make_site) -> None:  # type: ignore[no-untyped-def]
    # /fr/contact/ is a French article here, while the menu's Contact stays on the English page (French has
    # none); the menu's Klonopin leads to the French translation at its own address, /fr/klonopine/.
    nav = "    nav: [{title: Klonopin, url: /klonopin-addiction/}, {title: Contact, url: /contact/}]\n"
    site = make_site({**FILES, "site.yaml": LANGS.replace("    nav: [{title: Médicaments, url: /drugs/}]\n", nav),
                      "content/articles/what-are-benzodiazepines.fr.md": article(
                          "Les benzodiazépines", slug="contact", reviewed="2026-03-05")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output

    def current(path: str) -> list[str]:
        menu = parse(site / "output" / path).find(".//nav[@class='site-nav']")
        return [a.get("href") for a in menu.iter("a") if a.get("aria-current") == "page"]

    assert current("fr/contact/index.html") == []
    assert current("fr/klonopine/index.html") == ["/fr/klonopine/"]


def test_each_home_page_is_headed_with_the_site_s_title_in_its_language(make_site) -> None:  # type: ignore[no-untyped-def]
    # The French home page's h1 was organization.name, which no language translates, under a French <title>.
    site = make_site(FILES)
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    for home, title, marked in (("index.html", "Test Clinic", None), ("fr/index.html", "Clinique Test", None),
                                ("pt-br/index.html", "Test Clinic", "en")):
        page = parse(site / "output" / home)
        heading = page.find(".//h1")
        assert "".join(heading.itertext()) == title == page.find(".//title").text, home
        shown = heading.find("span")  # Portuguese has no site_text: the English title, marked as English
        assert (shown.get("lang") if shown is not None else None) == marked, home
