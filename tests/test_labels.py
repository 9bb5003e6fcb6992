"""Interface text: labels, plurals and dates in each language, a site's override file, and right to left."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import html5lib
import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from test_incremental import assert_as_a_cold_build, tree

from medpress.labels import (
    BUILTIN_LOCALES,
    ENGLISH_CLOSES,
    ENGLISH_OPENS,
    TEMPLATE,
    Interface,
    Override,
    english_long_date,
    english_marked,
    format_problems,
    read_catalogue,
    text_direction,
)
from medpress.pipeline import BuildOptions, build

LANGUAGES = ["en", "fr", "de", "es", "pt"]
CATALOGUES = sorted(path.stem for path in BUILTIN_LOCALES.glob("*.po"))  # a language added there is tested here
# What an article reviewed on 1 March 2026 says, in each language: trust line, badge, reading time, next review.
ARTICLE_TEXT = {
    "en": ("Edited & clinically reviewed by Dr Ada Test, MD, psychiatrist on 1 March 2026", "✓ Fact checked",
           "1 min read", "Next review due: 1 March 2027", "Skip to main content", "Frequently asked questions"),
    "fr": ("Édité et révisé sur le plan clinique par Dr Ada Test, MD, psychiatrist le 1er mars 2026",
           "✓ Faits vérifiés", "1 min de lecture", "Prochaine révision prévue : 1er mars 2027",
           "Aller au contenu principal", "Questions fréquentes"),
    "de": ("Redigiert und klinisch geprüft von Dr Ada Test, MD, psychiatrist am 1. März 2026", "✓ Fakten geprüft",
           "1 Min. Lesezeit", "Nächste Prüfung fällig: 1. März 2027", "Zum Hauptinhalt springen", "Häufige Fragen"),
    "es": ("Editado y revisado clínicamente por Dr Ada Test, MD, psychiatrist el 1 de marzo de 2026",
           "✓ Datos verificados", "1 min de lectura", "Próxima revisión prevista: 1 de marzo de 2027",
           "Saltar al contenido principal", "Preguntas frecuentes"),
    "pt": ("Editado e revisto clinicamente por Dr Ada Test, MD, psychiatrist em 1 de março de 2026",
           "✓ Informação verificada", "1 min de leitura", "Próxima revisão prevista: 1 de março de 2027",
           "Ir para o conteúdo principal", "Perguntas frequentes"),
}
# The home page's counts: two articles on benzodiazepines, none on opioids (0 is singular in French and Portuguese).
HOME_COUNTS = {"en": ["(2 insights)", "(0 insights)"], "fr": ["(2 articles)", "(0 article)"],
               "de": ["(2 Beiträge)", "(0 Beiträge)"], "es": ["(2 artículos)", "(0 artículos)"],
               "pt": ["(2 artigos)", "(0 artigo)"]}
FAQ = "\nfaq:\n  - {q: Is it safe?, a: Ask your doctor.}"


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def text(element) -> str:  # type: ignore[no-untyped-def]
    return " ".join("".join(element.itertext()).split())


def in_language(lang: str) -> str:
    return SITE_YAML.replace("tagline:", f"language: {lang}\ntagline:")


def site_files(lang: str, **more: str | None) -> dict[str, str | None]:
    files: dict[str, str | None] = {
        "site.yaml": in_language(lang),
        "content/articles/klonopin-addiction.md": article(faq=FAQ.removeprefix("\nfaq:")),
    }
    files.update(more)
    return files


def build_site(make_site, run, files: dict[str, str | None]) -> Path:  # type: ignore[no-untyped-def]
    site = make_site(files)
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    return site / "output"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_article_s_labels_and_dates_are_in_the_site_s_language(make_site, run, lang: str) -> None:  # type: ignore[no-untyped-def]
    out = build_site(make_site, run, site_files(lang))
    page = parse(out / "klonopin-addiction/index.html")
    assert page.get("lang") == lang and page.get("dir") == "ltr"
    trust, badge, minutes, due, skip, faq = ARTICLE_TEXT[lang]
    assert text(page.find(".//li[@class='reviewed-by']")) == trust
    assert text(page.find(".//li[@class='fact-checked']")) == badge
    assert text(page.find(".//li[@class='reading-time']")) == minutes
    assert due in text(page.find(".//footer[@class='review-dates']"))
    assert text(page.find(".//a[@class='skip-link']")) == skip
    assert text(page.find(".//h2[@id='faq-title']")) == faq
    # Machine dates stay ISO whatever the language.
    assert [t.get("datetime") for t in page.iterfind(".//footer[@class='review-dates']//time")] == [
        "2026-03-01", "2027-03-01"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_counts_on_the_home_page_take_the_language_s_plural_forms(make_site, run, lang: str) -> None:  # type: ignore[no-untyped-def]
    files = site_files(lang)
    files["content/articles/what-are-benzodiazepines.md"] = article("What are benzodiazepines")
    out = build_site(make_site, run, files)
    home = parse(out / "index.html")
    assert [text(span) for span in home.iterfind(".//ul[@class='category-list']//span[@class='count']")] == \
        HOME_COUNTS[lang]


def test_titles_made_in_python_and_paged_listings_are_translated(make_site, run) -> None:  # type: ignore[no-untyped-def]
    files = site_files("fr", **{f"content/articles/a{n}.md": article(f"Article {n}", tags="[Sevrage]")
                                for n in range(13)})
    files["site.yaml"] = in_language("fr") + "per_page: 12\n"
    out = build_site(make_site, run, files)
    assert text(parse(out / "404.html").find(".//title")) == "Page introuvable – Test Clinic"
    assert text(parse(out / "reviewers/index.html").find(".//title")) == "Comité de révision clinique – Test Clinic"
    second = parse(out / "tags/sevrage/page/2/index.html")
    assert text(second.find(".//title")) == "Articles sur le thème « Sevrage », page 2 sur 2 – Test Clinic"
    assert text(second.find(".//nav[@class='pager']//li[@aria-current='page']")) == "Page 2 sur 2"
    assert text(parse(out / "tags/index.html").find(".//ul[@class='tag-index']//span")) == "(13 articles)"


A_TO_Z_NOTES = {"en": ("brand of clonazepam", "generic name"),
                "fr": ("marque, nom générique : clonazepam", "nom générique"),
                "de": ("Marke von clonazepam", "Wirkstoffname"), "es": ("marca de clonazepam", "nombre genérico"),
                "pt": ("marca de clonazepam", "nome genérico")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_a_to_z_notes_brand_and_generic_names_in_the_page_s_language(make_site, run, lang: str) -> None:  # type: ignore[no-untyped-def]
    drug = "{name: Klonopin, generic: clonazepam, brand_names: [Rivotril]}"
    files = site_files(lang, **{"content/articles/klonopin-addiction.md": article(drug=drug)})
    page = parse(build_site(make_site, run, files) / "drugs/index.html")
    notes = {text(li.find("a")): text(li.find("span")) for li in page.iterfind(".//ul[@class='az-list']/li")
             if li.find("span") is not None}
    brand, generic = A_TO_Z_NOTES[lang]
    assert (notes["Rivotril"], notes["clonazepam"]) == (f"({brand})", f"({generic})")


def test_french_notes_need_no_contraction_whatever_the_name_begins_with(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # "à propos de Les ..." and "marque de alprazolam" are not French: the notes quote the name instead.
    drug = "{name: Xanax, generic: alprazolam, brand_names: [Xanor]}"
    files = site_files("fr", **{"content/articles/klonopin-addiction.md": article("Les benzodiazépines", drug=drug),
                                "content/articles/xanax.md": article("Le Xanax", related="[klonopin-addiction]")})
    out = build_site(make_site, run, files)
    hidden = parse(out / "xanax/index.html").findall(".//p[@class='card-more']//span[@class='visually-hidden']")
    assert " à propos de «\u00a0Les benzodiazépines\u00a0»" in ["".join(span.itertext()) for span in hidden]
    az = parse(out / "drugs/index.html").iterfind(".//ul[@class='az-list']/li/span")
    notes = ["".join(span.itertext()) for span in az]
    assert "(marque, nom générique\u00a0: alprazolam)" in notes
    reviewers = "".join(parse(out / "reviewers/index.html").find(".//main").itertext())
    assert "Chaque page du site Test Clinic" in reviewers and "page de Test" not in reviewers


BODY_LABELS = {  # a table's label, the footnotes', a footnote's way back, a callout's kind
    "en": ("Table", "Footnotes", "Back to reference 1", "Warning"),
    "fr": ("Tableau", "Notes", "Retour à l\u2019appel de note 1", "Avertissement"),
    "de": ("Tabelle", "Fußnoten", "Zurück zum Verweis 1", "Warnung"),
    "es": ("Tabla", "Notas", "Volver a la referencia 1", "Advertencia"),
    "pt": ("Tabela", "Notas", "Voltar à referência 1", "Aviso"),
}


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_labels_rendering_writes_into_a_body_are_in_the_page_s_language(make_site, run, lang: str,  # type: ignore[no-untyped-def]
                                                                          engine: str) -> None:
    body = ("| Dose | When |\n|---|---|\n| 1 | Night |\n\n## Doses\n\nAsk first.[^1]\n\n"  # no heading above it
            '!!! warning "Do not stop at once"\n    Taper with your doctor.\n\n[^1]: A source, 2024.\n')
    files = site_files(lang, **{"content/articles/klonopin-addiction.md": article(body=body)})
    if engine != "gfm":
        files["site.yaml"] = in_language(lang) + "markdown: {engine: python-markdown, extensions: [footnotes, tables]}"
    page = parse(build_site(make_site, run, files) / "klonopin-addiction/index.html")
    table, footnotes, back, warning = BODY_LABELS[lang]
    assert page.find(".//div[@class='table-wrap']").get("aria-label") == table
    assert page.find(".//section[@class='footnotes']").get("aria-label") == footnotes
    link = page.find(".//a[@class='footnote-backref']")
    assert (link.get("aria-label") or link.get("title")) == (back if engine == "gfm" or lang != "en" else
                                                             "Jump back to footnote 1 in the text")
    colon = " :" if lang == "fr" else ":"  # French typography: a (no-break) space before the colon
    assert text(page.find(".//*[@class='callout-title']")) == f"{warning}{colon} Do not stop at once"


@pytest.mark.parametrize(("lang", "written"), [
    ("en", "2 June 2026"), ("en-GB", "2 June 2026"), ("en-US", "June 2, 2026"), ("fr", "2 juin 2026"),
    ("fr-CA", "2 juin 2026"), ("de", "2. Juni 2026"), ("es", "2 de junio de 2026"), ("pt", "2 de junho de 2026"),
])
def test_long_dates_follow_cldr_in_each_language(lang: str, written: str) -> None:
    assert Interface(lang).labels(lang).long_date(date(2026, 6, 2)) == written


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    for lang in ("fr", "fr-CA"):
        assert Interface(lang).labels(lang).long_date(date(2026, 12, 1)) == "1er décembre 2026"
        assert Interface(lang).labels(lang).long_date(date(2026, 12, 11)) == "11 décembre 2026"


def test_english_dates_written_without_babel_are_cldr_s_british_english() -> None:
    british = Interface("en-GB").labels("en-GB")
    for offset in range(0, 400, 7):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert english_long_date(day) == british.long_date(day)


@pytest.mark.parametrize(("lang", "counts"), [
    ("en", {0: "0 articles", 1: "1 article", 2: "2 articles"}),
    ("fr", {0: "0 article", 1: "1 article", 2: "2 articles", 1_000_000: "1000000 d\u2019articles"}),
    ("de", {0: "0 Artikel", 1: "1 Artikel", 2: "2 Artikel"}),
    ("es", {0: "0 artículos", 1: "1 artículo", 2: "2 artículos", 1_000_000: "1000000 de artículos"}),
    ("pt", {0: "0 artigo", 1: "1 artigo", 2: "2 artigos"}),
    ("pt-PT", {0: "0 artigos", 1: "1 artigo", 2: "2 artigos", 1_000_000: "1000000 de artigos"}),  # pt.po's forms
    ("fr-CA", {0: "0 article", 1: "1 article", 2: "2 articles"}),
])
def test_plural_forms_follow_each_language_s_rules(lang: str, counts: dict[int, str]) -> None:
    labels = Interface(lang).labels(lang)
    for n, expected in counts.items():
        assert labels.ngettext("%(num)d article", "%(num)d articles", n) % {"num": n} == expected


def test_a_catalogue_line_is_what_babel_takes_for_one_not_what_str_splitlines_does() -> None:
    catalog = read_catalogue('msgid "Fact checked"\nmsgstr "Vérifié\u2028par nous"\n', "fr", "translations/fr.po")
    assert catalog.get("Fact checked").string == "Vérifié\u2028par nous"


def test_a_catalogue_that_orders_its_forms_its_own_way_keeps_its_own_rule() -> None:
    # GNU gettext's Latvian: one, other, zero; CLDR's: zero, one, other. Its forms follow its own rule.
    latvian = ('msgid ""\nmsgstr ""\n'
               '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\\n"\n\n'
               'msgid "%(num)d article"\nmsgid_plural "%(num)d articles"\nmsgstr[0] "%(num)d raksts"\n'
               'msgstr[1] "%(num)d raksti"\nmsgstr[2] "%(num)d rakstu"\n')
    labels = Interface("lv", [Override("translations/lv.po", "lv", latvian)]).labels("lv")
    assert [labels.ngettext("%(num)d article", "%(num)d articles", n) % {"num": n} for n in (1, 5, 0, 21)] == [
        "1 raksts", "5 raksti", "0 rakstu", "21 raksts"]


@pytest.mark.parametrize(("lang", "direction"), [
    ("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur-PK", "rtl"),
    ("ps", "rtl"), ("yi", "rtl"), ("ckb", "rtl"), ("dv", "rtl"), ("sd", "rtl"), ("ug", "rtl"),  # CLDR knows them
    ("ku-Arab", "rtl"), ("ff-Adlm", "rtl"), ("ar-Latn", "ltr"),  # a script named in the tag decides
    ("en", "ltr"), ("fr", "ltr"), ("pt-BR", "ltr"), ("arn", "ltr"), ("zh-Hant-TW", "ltr"), ("ku", "ltr"),
    ("tlh", "ltr"),  # a language CLDR does not describe
])
def test_right_to_left_languages_are_known_by_their_script_or_cldr(lang: str, direction: str) -> None:
    assert text_direction(lang) == direction


@pytest.mark.parametrize("lang", ["ar", "ps"])
def test_a_right_to_left_site_s_pages_say_so(make_site, run, lang: str) -> None:  # type: ignore[no-untyped-def]
    out = build_site(make_site, run, site_files(lang))
    for rel in ("index.html", "klonopin-addiction/index.html", "404.html", "search/index.html"):
        root = parse(out / rel)
        assert (root.get("lang"), root.get("dir")) == (lang, "rtl"), rel
    if lang != "ar":
        return
    page = parse(out / "klonopin-addiction/index.html")
    assert "2026" in text(page.find(".//li[@class='reviewed-by']"))  # dates from CLDR's Arabic data


def test_an_english_label_on_a_right_to_left_page_keeps_its_own_order(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # With no Arabic interface text the labels are English: isolated, "1 min read" does not show as "min read 1".
    out = build_site(make_site, run, site_files("ar"))
    page = (out / "klonopin-addiction/index.html").read_text()
    assert '\u20681 <span lang="en">min read</span>\u2069' in page
    assert '\u2068<span lang="en">Fact checked</span>\u2069' in page
    assert 'aria-label="\u2068Breadcrumb\u2069"' in page  # in an attribute too: plain characters, no markup
    # Not a search filter's name, which Pagefind keys its filters by: "tag" on every page, as in its API's calls.
    assert 'data-pagefind-filter="category"' in page and 'data-pagefind-filter="\u2068' not in page
    french = build_site(make_site, run, site_files("fr"))
    assert "\u2068" not in (french / "klonopin-addiction/index.html").read_text()
    worded = 'msgid "Fact checked"\nmsgstr "\u062a\u0645 \u0627\u0644\u062a\u062d\u0642\u0642"\n'
    out = build_site(make_site, run, site_files("ar", **{"translations/ar.po": worded}))
    page = (out / "klonopin-addiction/index.html").read_text()
    assert "\u062a\u0645 \u0627\u0644\u062a\u062d\u0642\u0642" in page and "\u2068\u062a\u0645" not in page


def test_english_text_on_a_right_to_left_page_runs_left_to_right(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # An English source on an Arabic page: its text isolated (<bdi>), so that its full stop stays at its end,
    # while the item keeps the page's direction, so that its number stays on the right.
    sources = '\n  - {title: "Opioid overdose", publisher: WHO, url: "https://who.example/o", lang: en}'
    out = build_site(make_site, run, site_files("ar", **{
        "content/articles/klonopin-addiction.md": article(faq=FAQ.removeprefix("\nfaq:"), sources=sources)}))
    source = parse(out / "klonopin-addiction/index.html").find(".//section[@class='sources']//li")
    assert (source.get("lang"), source.get("dir")) == ("en", None)
    assert "".join(source.find("bdi").itertext()).startswith("Opioid overdose. WHO")
    out = build_site(make_site, run, site_files("fr", **{
        "content/articles/klonopin-addiction.md": article(faq=FAQ.removeprefix("\nfaq:"), sources=sources)}))
    source = parse(out / "klonopin-addiction/index.html").find(".//section[@class='sources']//li")
    assert (source.get("lang"), source.get("dir")) == ("en", None)  # both left to right: lang alone


def test_the_tests_of_each_language_cover_every_catalogue() -> None:
    # A catalogue added to medpress/locales/ needs its expected texts here (ARTICLE_TEXT and the like).
    assert sorted(LANGUAGES[1:]) == CATALOGUES


def test_every_catalogue_translates_every_label_keeping_its_placeholders() -> None:
    from babel.messages.pofile import read_po

    with open(BUILTIN_LOCALES / TEMPLATE, encoding="utf-8") as template:
        wanted = {message.id for message in read_po(template) if message.id}
    for lang in CATALOGUES:
        with open(BUILTIN_LOCALES / f"{lang}.po", encoding="utf-8") as po:
            catalog = read_po(po, locale=lang)
        found = {message.id: message for message in catalog if message.id}
        assert set(found) == wanted, lang
        untranslated = [m.id for m in found.values() if m.fuzzy or not all(
            m.string if isinstance(m.string, tuple) else (m.string,))]
        assert not untranslated, (lang, untranslated)
        assert [(m.id, errors) for m, errors in catalog.check()] == [], lang
        path = f"locales/{lang}.po"
        assert format_problems(read_catalogue((BUILTIN_LOCALES / f"{lang}.po").read_text("utf-8"), lang, path),
                               path) == [], lang


def test_the_template_lists_exactly_the_labels_the_layouts_and_pages_print() -> None:
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.pofile import read_po

    root = Path(__file__).parent.parent
    with open(BUILTIN_LOCALES / "babel.cfg", encoding="utf-8") as cfg:
        methods, options = parse_mapping_cfg(cfg)
    inside = root / "medpress"
    extracted = {message for _, _, message, _, _ in extract_from_dir(
        root, methods, options, directory_filter=lambda folder: Path(folder).is_relative_to(inside))}
    with open(BUILTIN_LOCALES / TEMPLATE, encoding="utf-8") as template:
        listed = {message.id for message in read_po(template) if message.id}
    assert extracted == listed, "run the pybabel extract command in medpress/locales/babel.cfg"


def test_an_english_site_without_an_override_imports_no_babel(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    script = ("import sys, datetime\nfrom pathlib import Path\nfrom medpress.pipeline import BuildOptions, build\n"
              f"build(Path({str(site)!r}), BuildOptions(out=Path({str(tmp_path / 'out')!r}), "
              "today=datetime.date(2026, 6, 1), search=False, jobs=1))\n"
              "print(sorted(name for name in sys.modules if name.split('.')[0] == 'babel'))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "out/klonopin-addiction/index.html").is_file()


OVERRIDE_EN = """\
msgid "Fact checked"
msgstr "Checked by our editors"
"""

OVERRIDE_FR = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Fact checked"
msgstr "Vérifié par la rédaction"

msgid "%(num)d min read"
msgid_plural "%(num)d min read"
msgstr[0] "%(num)d minute de lecture"
msgstr[1] "%(num)d minutes de lecture"
msgstr[2] "%(num)d minutes de lecture"
"""


def test_an_override_changes_a_label_and_leaves_the_others(make_site, run) -> None:  # type: ignore[no-untyped-def]
    out = build_site(make_site, run, site_files("en", **{"translations/en.po": OVERRIDE_EN}))
    page = parse(out / "klonopin-addiction/index.html")
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ Checked by our editors"
    assert text(page.find(".//li[@class='reading-time']")) == "1 min read"


def test_an_override_goes_over_the_built_in_catalogue(make_site, run) -> None:  # type: ignore[no-untyped-def]
    out = build_site(make_site, run, site_files("fr", **{"translations/fr.po": OVERRIDE_FR}))
    page = parse(out / "klonopin-addiction/index.html")
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ Vérifié par la rédaction"
    assert text(page.find(".//li[@class='reading-time']")) == "1 minute de lecture"
    assert text(page.find(".//a[@class='skip-link']")) == "Aller au contenu principal"  # built in


def test_an_override_may_translate_the_labels_of_the_site_s_own_layouts(make_site, run) -> None:  # type: ignore[no-untyped-def]
    layout = '{% extends "medpress/article.html" %}{% block og_type %}{{ _("Clinic news") }}{% endblock %}\n'
    override = 'msgid "Clinic news"\nmsgstr "article"\n'
    out = build_site(make_site, run, site_files("fr", **{"layouts/article.html": layout,
                                                         "translations/fr.po": override}))
    assert '<meta property="og:type" content="article">' in (out / "klonopin-addiction/index.html").read_text()


@pytest.mark.parametrize(("override", "expected"), [
    ('msgid "Fact checkd"\nmsgstr "Vérifié"\n',
     "translations/fr.po:1: Fact checkd: no layout prints this label (did you mean 'Fact checked'?)"),
    ('\nmsgid "Zebra crossings ahead"\nmsgstr "Passages piétons"\n',
     "translations/fr.po:2: Zebra crossings ahead: no layout prints this label (copy the msgid exactly from "
     "medpress/locales/messages.pot or from a layout's _(...))"),
    ('msgid "Page %(number)d of %(count)d"\nmsgstr "Page %(numero)d sur %(count)d"\n',
     "translations/fr.po:1: Page %(number)d of %(count)d: the translation does not fit the message: "),
    ('msgid "Page %(number)d of %(count)d"\nmsgstr "Une page"\n',
     "translations/fr.po:1: Page %(number)d of %(count)d: the translation leaves out %(count)d, %(number)d (keep "
     "every %(name)s of the msgid, as it is, in the msgstr)"),
    ('msgid "Fact checked"\nmsgstr "Vérifié\nmsgid "Sources"\n',
     "translations/fr.po:2: not a gettext catalogue: "),
    # Babel takes the first and last characters of such lines for quotes: published, they would read "érifi".
    ('msgid "Fact checked"\nmsgstr Vérifié\n', "translations/fr.po:2: not a gettext catalogue: "),
    ('msgid "Fact checked"\nmsgstr "Vérifié par nos pharmaciens\n', "translations/fr.po:2: not a gettext catalogue: "),
    ('msgid "Fact checked\nmsgstr "Vérifié"\n', "translations/fr.po:1: not a gettext catalogue: "),
    ('msgid "Sources"\nmsgstr ""\n"Nos sources\n', "translations/fr.po:3: not a gettext catalogue: "),
])
def test_a_bad_override_fails_naming_its_file_line_and_label(make_site, run, override: str,  # type: ignore[no-untyped-def]
                                                             expected: str) -> None:
    site = make_site(site_files("fr", **{"translations/fr.po": override}))
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert expected in result.output
    assert not (site / "output").exists()


def test_a_translation_is_text_on_the_page(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Labels are markup (a layout prints them as they are), so a translation is escaped: a quote cannot end the
    # attribute it is in, and &amp; or & both print as &amp;.
    override = ('msgid "Search drugs and insights"\nmsgstr "S\\" autofocus onfocus=\\"alert(2)"\n\n'
                'msgid "Fact checked"\nmsgstr "Checked &amp; approved"\n\n'
                'msgid "Frequently asked questions"\nmsgstr "Q & A"\n\n'
                'msgid "Search is not part of this build. Browse the <a href=\\"%(url)s\\">drugs A to Z</a> instead."\n'
                'msgstr "No search without JavaScript: see the <a href=\\"%(url)s\\">A to Z</a>."\n')
    out = build_site(make_site, run, site_files("en", **{"translations/en.po": override}))
    source = (out / "klonopin-addiction/index.html").read_text()
    page = parse(out / "klonopin-addiction/index.html")
    search = page.find(".//input[@id='header-q']")
    assert search.get("placeholder") == 'S" autofocus onfocus="alert(2)' and search.get("onfocus") is None
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ Checked & approved"
    assert "Checked &amp; approved" in source and "Q &amp; A</h2>" in source
    # The msgid's own tags stay markup, as a translation copies them.
    assert 'No search without JavaScript: see the <a href="/drugs/">A to Z</a>.' in (
        out / "search/index.html").read_text()


HEADER = 'msgid ""\nmsgstr ""\n"Plural-Forms: {}\\n"\n\n'
MIN_READ = 'msgid "%(num)d min read"\nmsgid_plural "%(num)d min read"\nmsgstr[0] "%(num)d minute"\n'


@pytest.mark.parametrize(("override", "expected"), [
    # Pages print a translation as text: markup would show as it is written, and is an error.
    ('msgid "Fact checked"\nmsgstr "<script>alert(\'XSS\')</script>"\n',
     "translations/en.po:1: Fact checked: the translation holds markup, <script>, which pages show as text (a "
     "label is text: write it without tags)"),
    ('msgid "Search is not part of this build. Browse the <a href=\\"%(url)s\\">drugs A to Z</a> instead."\n'
     'msgstr "<b>No search</b>: see the <a href=\\"%(url)s\\">A to Z</a>."\n',
     "translations/en.po:1: Search is not part of this build. Browse the <a href=\"%(url)s\">drugs A to Z</a> "
     "instead.: the translation holds markup, <b>, which pages show as text (a label is text: write it without "
     "tags; the msgid's own tags may be kept as it writes them: <a href=\"%(url)s\"> </a>)"),
    ('msgid "tag"\nmsgstr "tag:x, category"\n',
     "translations/en.po:1: tag: a search filter's name cannot hold a comma, a colon or brackets (Pagefind would "
     "read them as more filters, or a value: word the name without them)"),
    # A % that Python's % would read as something else than the msgid's placeholders.
    ('msgid "Fact checked"\nmsgstr "100% fact checked"\n',
     "translations/en.po:1: Fact checked: the translation has '% f', which is not a placeholder of the msgid (the "
     "msgid has no placeholders: write %% for a literal percent sign)"),
    ('msgid "Next review due: %(date)s"\nmsgstr "Next review: %(date)s %(date"\n',
     "translations/en.po:1: Next review due: %(date)s: the translation has '%(date', which is not a placeholder "
     "of the msgid (use only the placeholders of the msgid, as it writes them: %(date)s; write %% for a literal "
     "percent sign)"),
    ('msgid "Fact checked"\nmsgstr "%(x)s"\n',
     "translations/en.po:1: Fact checked: the translation has '%(x)s', which is not a placeholder of the msgid"),
    (HEADER.format("nplurals=2; plural=__import__('os');") + MIN_READ,
     "translations/en.po:3: Plural-Forms: the plural rule cannot be used: invalid token in plural form: "
     "__import__ (write a Plural-Forms header as in medpress/locales/fr.po, e.g. \"Plural-Forms: nplurals=2; "
     "plural=(n != 1);\\n\", or leave it out for CLDR's)"),
    (HEADER.format("nplurals=abc; plural=n;") + MIN_READ,
     "translations/en.po:3: msgid \"\": the header cannot be read: invalid literal for int() with base 10: 'abc' "
     "(write it as medpress/locales/fr.po does, a Plural-Forms header with a number of forms: "),
    (HEADER.format("nplurals=2; plural=(n/0);") + MIN_READ,
     "translations/en.po:3: Plural-Forms: the plural rule cannot be used: integer division or modulo by zero"),
    (HEADER.format("nplurals=2; plural=n;") + MIN_READ,
     "translations/en.po:3: Plural-Forms: the plural rule gives form 2 for 2, of 2 forms (0 to 1)"),
    # A plural message's forms too, and with exactly the msgid's placeholders: no width, flag or precision.
    (MIN_READ + 'msgstr[1] "%(num)020000000d minutes"\n',
     "translations/en.po:1: %(num)d min read: the translation has '%(num)020000000d', which is not a placeholder "
     "of the msgid (use only the placeholders of the msgid, as it writes them: %(num)d; write %% for a literal "
     "percent sign)"),
    (MIN_READ + 'msgstr[1] "%(num).3d minutes"\n', "translations/en.po:1: %(num)d min read: the translation has "
     "'%(num).3d', which is not a placeholder of the msgid"),
    ('msgid "Page %(number)d of %(count)d"\nmsgstr "Page %(number) 5d of %(count)d"\n',
     "translations/en.po:1: Page %(number)d of %(count)d: the translation has '%(number) 5d', which is not a "
     "placeholder of the msgid"),
])
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_translation_pages_could_not_print_as_text_fails_naming_its_line(  # type: ignore[no-untyped-def]
        make_site, run, command: str, override: str, expected: str) -> None:
    site = make_site(site_files("en", **{"translations/en.po": override}))
    result = run(command, "--site", site, *(["--no-search"] if command == "build" else []), *TODAY_ARG)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert not (site / "output").exists()


def test_a_translation_may_write_a_percent_sign_as_two(make_site, run) -> None:  # type: ignore[no-untyped-def]
    override = ('msgid "Fact checked"\nmsgstr "100%% checked"\n\n' + MIN_READ
                + 'msgstr[1] "%(num)d minutes, 100%% read"\n')
    page = parse(build_site(make_site, run, site_files("en", **{"translations/en.po": override}))
                 / "klonopin-addiction/index.html")
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ 100% checked"
    assert text(page.find(".//li[@class='reading-time']")) == "1 minute"


def test_a_percent_sign_written_as_two_is_one_in_titles_too(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # The titles the build words itself follow the layouts' rule: every label is %-formatted, placeholders or not.
    override = 'msgid "Search"\nmsgstr "Search 100%% of pages"\n\nmsgid "Drugs A to Z"\nmsgstr "Drugs, 100%% A to Z"\n'
    out = build_site(make_site, run, site_files("en", **{"translations/en.po": override}))
    search, drugs = parse(out / "search/index.html"), parse(out / "drugs/index.html")
    assert text(search.find(".//h1")) == "Search 100% of pages"
    assert text(search.find(".//title")).startswith("Search 100% of pages")
    assert text(drugs.find(".//h1")) == "Drugs, 100% A to Z"
    assert text(drugs.find(".//title")).startswith("Drugs, 100% A to Z")
    assert "%%" not in (out / "search/index.html").read_text() + (out / "drugs/index.html").read_text()


def test_a_fuzzy_entry_is_not_used_but_named_and_the_header_s_dates_are_not_checked(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # msgmerge leaves its guesses marked fuzzy, which no page shows; the dates Babel cannot read no page shows either.
    override = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"POT-Creation-Date: 2024-01-15T10:00:00Z\\n"\n'
                '"PO-Revision-Date: 2024-01-15 10:00:00+0100\\n"\n\n'
                '#, fuzzy\nmsgid "Fact checked"\nmsgstr "Checked <em>twice</em>, 100 %"\n\n'
                'msgid "Frequently asked questions"\nmsgstr "Questions people ask"\n')
    out = build_site(make_site, run, site_files("en", **{"translations/en.po": override}))
    page = parse(out / "klonopin-addiction/index.html")
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ Fact checked"
    assert text(page.find(".//h2[@id='faq-title']")) == "Questions people ask"
    result = run("check", "--site", out.parent, *TODAY_ARG)
    assert result.exit_code == 0  # but check says why the label shows in English
    assert "warning: translations/en.po:8: Fact checked: this label is marked fuzzy, so pages show it in English " \
           "(check the translation, then delete the '#, fuzzy' line above it)" in result.output


def test_a_label_worded_twice_is_an_error_at_its_second_entry(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Babel keeps the first and drops the second without a word: an editor changing the second saw nothing happen.
    override = ('msgid "Fact checked"\nmsgstr "Vérifié une fois"\n\n'
                'msgid "Sources"\nmsgstr "Sources"\n\n'
                'msgid "Fact checked"\nmsgstr "Vérifié deux fois"\n')
    result = run("check", "--site", make_site(site_files("fr", **{"translations/fr.po": override})), *TODAY_ARG)
    assert result.exit_code == 1
    assert "translations/fr.po:7: Fact checked: this label is worded a second time here (first at line 1), and " \
           "only the first is used (keep one of the two; msgfmt refuses a file with both)" in result.output


def test_a_bad_override_is_listed_with_the_content_s_problems(make_site, run) -> None:  # type: ignore[no-untyped-def]
    broken = "---\ntitle: \"Unclosed\nsummary: x\n---\nBody.\n"
    site = make_site(site_files("fr", **{"translations/fr.po": 'msgid "Fact checked"\nmsgstr Vérifié\n',
                                         "content/articles/unclosed.md": broken}))
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert "content/articles/unclosed.md:2: title: invalid YAML" in result.output
    assert "translations/fr.po:2: not a gettext catalogue: " in result.output


def test_an_override_for_a_language_the_site_does_not_use_is_an_error(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(site_files("en", **{"translations/it.po": OVERRIDE_EN}))
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert "translations/it.po: not an override of a language of this site (en) (name it " \
           "translations/<language>.po, e.g. translations/en.po, for site.yaml's language)" in result.output


def test_editing_an_override_renders_the_pages_of_its_language_as_a_cold_build_would(  # type: ignore[no-untyped-def]
        make_site, tmp_path: Path) -> None:
    files = site_files("fr", **{"translations/fr.po": OVERRIDE_FR})
    site = make_site(files)
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    first = build(site, options)
    assert build(site, options).rendered == 0
    before = tree(out)
    override = site / "translations/fr.po"
    override.write_text(OVERRIDE_FR.replace("Vérifié par la rédaction", "Contrôlé"), encoding="utf-8")
    again = build(site, options)
    # Every page printing labels, and none of the files without them (sitemap, feed, robots, _headers...).
    html = {path for path in before if path.endswith(".html") and not path.startswith("assets/")}
    assert again.rendered == len(html) < first.rendered
    assert "✓ Contrôlé" in text(parse(out / "klonopin-addiction/index.html").find(".//li[@class='fact-checked']"))
    assert_as_a_cold_build(site, out)
    override.unlink()
    build(site, options)
    assert_as_a_cold_build(site, out)


def test_a_plural_rule_that_fails_at_a_count_it_was_not_tried_on_gives_english_there() -> None:
    # Plural-Forms is tried on SAMPLE_COUNTS when the catalogue is read; 500 is not one of them. The rule is not
    # English's (0 takes the singular, as in French), so it is the one used.
    rule = HEADER.format("nplurals=2; plural=(n == 500 ? 1/0 : n > 1);")
    forms = MIN_READ + 'msgstr[1] "%(num)d minutes"\n'
    labels = Interface("en", [Override("translations/en.po", "en", rule + forms)]).labels("en")
    assert labels.ngettext("%(num)d min read", "%(num)d min read", 0) == "%(num)d minute"
    assert labels.ngettext("%(num)d min read", "%(num)d min read", 499) == "%(num)d minutes"
    assert labels.ngettext("%(num)d min read", "%(num)d min read", 500) == "%(num)d min read"


def test_the_labels_fact_of_a_language_follows_only_its_own_overrides() -> None:
    interface = Interface("en", [Override("translations/fr.po", "fr", OVERRIDE_FR)])
    assert interface.digests["en"] == interface.digests["de"] == ""
    assert interface.digests["fr"] == interface.digests["fr-CA"] != ""
    assert interface.labels("fr-CA").gettext("Fact checked") == "Vérifié par la rédaction"


def test_a_language_without_interface_text_is_built_in_english_with_a_warning(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(site_files("it"))
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert "warning: site.yaml:2: language: medpress has no interface text in 'it': its labels show in English " \
           "(word them in translations/it.po; medpress/locales/fr.po is a complete example)" in result.output
    result = run("check", "--site", make_site(site_files("it", **{"translations/it.po": OVERRIDE_EN})), *TODAY_ARG)
    assert result.exit_code == 0
    # A file that words some labels: the others show in English, and check says so.
    assert "warning: translations/it.po: medpress has no interface text in 'it', and this file words 1 of its " \
        in result.output and "labels: the others show in English (add the others, e.g. msgid " in result.output
    complete = (BUILTIN_LOCALES / "fr.po").read_text(encoding="utf-8")  # every label, in a language medpress lacks
    result = run("check", "--site", make_site(site_files("it", **{"translations/it.po": complete})), *TODAY_ARG)
    assert result.exit_code == 0 and "no interface text" not in result.output
    out = build_site(make_site, run, site_files("it", **{"translations/it.po": OVERRIDE_EN}))
    page = parse(out / "klonopin-addiction/index.html")
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ Checked by our editors"
    assert "1 marzo 2026" in text(page.find(".//li[@class='reviewed-by']"))


def test_an_english_label_on_a_page_in_another_language_is_marked_english_where_it_is_text(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # WCAG 3.1.2: a screen reader reads "Fact checked" with English sounds, not Italian ones. In an attribute or
    # the <title> nothing can mark it: it is plain there, as on an English page.
    out = build_site(make_site, run, site_files("it", **{"translations/it.po": OVERRIDE_EN}))
    html = (out / "klonopin-addiction/index.html").read_text()
    page = parse(out / "klonopin-addiction/index.html")
    assert page.get("lang") == "it"
    skip = page.find(".//a[@class='skip-link']")
    assert [(span.get("lang"), span.text) for span in skip] == [("en", "Skip to main content")]
    assert 'aria-label="Breadcrumb"' in html and "\ufdd0" not in html and "\ufdd1" not in html
    # Only the label's own words: not the Italian date put into it.
    dates = page.find(".//footer[@class='review-dates']/p")
    assert [(span.get("lang"), span.text) for span in dates.iter("span")] == [
        ("en", "Page last reviewed:"), ("en", "Next review due:")]
    assert [time.text for time in dates.iter("time")] == ["1 marzo 2026", "1 marzo 2027"]
    # A label the site words in Italian (here, in English words of its own) is not marked.
    assert text(page.find(".//li[@class='fact-checked']")) == "✓ Checked by our editors"
    assert page.find(".//li[@class='fact-checked']//span[@lang]") is None
    (out.parent / "translations/it.po").unlink()
    french = (build_site(make_site, run, site_files("fr")) / "klonopin-addiction/index.html").read_text()
    assert 'lang="en">Skip' not in french and "\ufdd0" not in french


def test_labels_worded_in_python_are_marked_english_too(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Worded in Python, not in a layout: a callout's kind, the footnotes' labels, the related cards' heading and the
    # A-Z page's notes.
    body = "## Overview\n\n!!! warning \"Non mescolare\"\n    Testo.\n\nUna nota.[^1]\n\n[^1]: Fonte.\n"
    out = build_site(make_site, run, site_files("it", **{"content/articles/klonopin-addiction.md": article(
        body=body, drug="\n  name: Klonopin\n  generic: clonazepam\n  brand_names: [Rivotril]")}))
    page = parse(out / "klonopin-addiction/index.html")
    title = page.find(".//*[@class='callout-title']/strong")
    assert [(span.get("lang"), span.text, span.tail) for span in title] == [("en", "Warning", ": ")]
    heading = page.find(".//h2[@id='insights-title']")
    assert text(heading) == "Benzodiazepines insights"
    assert [(span.get("lang"), span.text) for span in heading] == [("en", "insights")]
    html = (out / "klonopin-addiction/index.html").read_text()
    assert 'aria-label="Footnotes"' in html and 'aria-label="Back to reference 1"' in html  # attributes: plain
    notes = [text(note) for note in parse(out / "drugs/index.html").iter("span") if note.get("class") == "note"]
    marked = [[(span.get("lang"), span.text) for span in note.iter("span") if span.get("lang")]
              for note in parse(out / "drugs/index.html").iter("span") if note.get("class") == "note"]
    assert "(generic name)" in notes and "(brand of clonazepam)" in notes
    assert [("en", "generic name")] in marked and [("en", "brand of")] in marked
    leaked = [path for path in out.rglob("*") if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt")
              and any(mark in path.read_text(encoding="utf-8") for mark in ("\ufdd0", "\ufdd1"))]
    assert leaked == []


def test_english_marked_marks_text_and_leaves_tags_and_text_only_elements_plain() -> None:
    label = f"{ENGLISH_OPENS}Search{ENGLISH_CLOSES}"
    page = (f'<title>{label} - Clinica</title><script>var s = "{label}";</script>'
            f'<input placeholder="{label}"><p>{label} <b>{label}</b></p><p>{ENGLISH_OPENS}Sea</p>')
    assert english_marked(page) == ('<title>Search - Clinica</title><script>var s = "Search";</script>'
                                    '<input placeholder="Search"><p><span lang="en">Search</span> '
                                    '<b><span lang="en">Search</span></b></p><p>Sea</p>')
    assert english_marked("<p>Cerca</p>") == "<p>Cerca</p>"


def test_a_label_missing_a_plural_form_of_the_file_s_rule_is_an_error_at_its_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Written for two forms, the usual French file, but without the header that says so: CLDR's rule counts three
    # (one, many, other), and "2 min de lecture" would have shown in English.
    two = ('msgid "%(num)d min read"\nmsgid_plural "%(num)d min read"\n'
           'msgstr[0] "%(num)d minute de lecture"\nmsgstr[1] "%(num)d minutes de lecture"\n')
    site = make_site(site_files("fr", **{"translations/fr.po": two}))
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert "translations/fr.po:1: %(num)d min read: msgstr[2] is missing: this file's plural rule counts 3 forms, " \
           "and counts such as 2, 3, 4 would show this label in English (add msgstr[2]; or, if the file counts its " \
           'forms another way, give it that Plural-Forms header, such as "Plural-Forms: nplurals=2; plural=(n > 1);' \
           '\\n" for two forms)' in result.output
    header = 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
    out = build_site(make_site, run, site_files("fr", **{"translations/fr.po": header + two}))
    page = parse(out / "klonopin-addiction/index.html")
    assert text(page.find(".//li[@class='reading-time']")) == "1 minute de lecture"  # not medpress's "1 min de lecture"


def test_a_msgid_may_write_an_ampersand_as_the_page_shows_it(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # The layouts write "Edited &amp; clinically reviewed by": a msgid copied from the page has "&".
    worded = ('msgid "Edited & clinically reviewed by %(reviewer)s on %(date)s"\n'
              'msgstr "Relu par %(reviewer)s le %(date)s"\n')
    site = make_site(site_files("fr", **{"translations/fr.po": worded}))
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert text(parse(site / "output/klonopin-addiction/index.html").find(".//li[@class='reviewed-by']")).startswith(
        "Relu par ")


@pytest.mark.parametrize(("languages", "warning"), [
    ("language: it\n", "site.yaml:2: language: medpress has no interface text in 'it'"),
    ("languages: [en, it]\n", "site.yaml:2: languages: medpress has no interface text in 'it'"),
    ("languages:\n  - en\n  - fr\n  - it\n", "site.yaml:5: languages: medpress has no interface text in 'it'"),
])
def test_a_language_without_interface_text_is_warned_of_on_its_line(make_site, run, languages: str,  # type: ignore[no-untyped-def]
                                                                     warning: str) -> None:
    site = make_site({"site.yaml": SITE_YAML.replace("tagline:", languages + "tagline:", 1)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert f"warning: {warning}: its labels show in English" in result.output


@pytest.mark.parametrize(("lang", "heading"), [
    ("en", "How we can help with benzodiazepines"),
    ("fr", "Comment nous pouvons vous aider : benzodiazepines"),
    ("de", "Wie wir Ihnen helfen können: Benzodiazepines"),  # German nouns keep their capital in a sentence
])
def test_a_category_title_inside_a_sentence_is_written_as_the_language_writes_nouns(  # type: ignore[no-untyped-def]
        make_site, run, lang: str, heading: str) -> None:
    out = build_site(make_site, run, site_files(lang))
    assert text(parse(out / "klonopin-addiction/index.html").find(".//h2[@id='help-title']")) == heading
