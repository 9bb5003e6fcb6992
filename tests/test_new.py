"""`new`: a draft article with every frontmatter key stubbed, accepted as a draft, never published."""

from __future__ import annotations

import re

import pytest
from conftest import SITE_YAML, TODAY_ARG, article

from medpress.scaffold import slugify
from medpress.schema import ARTICLE
from medpress.sources import split_frontmatter
from medpress.yamlfile import parse_yaml


def front(text: str) -> dict:  # type: ignore[type-arg]
    yaml_text, _, _ = split_frontmatter(text, "new.md")
    return parse_yaml(yaml_text, "new.md")[0]


@pytest.mark.parametrize(("title", "slug"), [
    ("Xanax & alcohol: what to know", "xanax-alcohol-what-to-know"),
    ("Crème brûlée über Straße", "creme-brulee-uber-strasse"),
    ("  Łódź -- Øresund!  ", "lodz-oresund"),
    ("Is 2 mg of Klonopin a lot?", "is-2-mg-of-klonopin-a-lot"),
    ("Taking 1\u00bd tablets", "taking-1-1-2-tablets"),  # NFKD writes "1\u00bd" as 1, 1, FRACTION SLASH, 2: not 112
    ("Dose of 2\u00bc mg", "dose-of-2-1-4-mg"),
    ("\u00bd dose, 3\u20444 cup", "1-2-dose-3-4-cup"),
])
def test_slug_is_lower_case_ascii_with_single_hyphens(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_writes_a_draft_that_check_accepts_and_a_build_leaves_out(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    result = run("new", "Xanax and alcohol", "--site", site, "--category", "opioids", "--drug", "Xanax")
    assert result.exit_code == 0, result.output
    assert "content/articles/xanax-and-alcohol.md" in result.output
    path = site / "content/articles/xanax-and-alcohol.md"
    data = front(path.read_text(encoding="utf-8"))
    assert data["title"] == "Xanax and alcohol"
    assert data["category"] == "opioids"
    assert data["drug"]["name"] == "Xanax"
    assert data["draft"] is True and data["fact_checked"] is False
    assert data["reviewer"] is None and data["reviewed"] is None

    drafts = run("check", "--site", site, "--drafts", *TODAY_ARG)
    assert drafts.exit_code == 0, drafts.output
    assert "0 error(s)" in drafts.output
    assert "xanax-and-alcohol.md" in drafts.output  # listed: not yet fact checked, no sources

    assert run("check", "--site", site, *TODAY_ARG).exit_code == 0
    built = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert built.exit_code == 0, built.output
    assert not (site / "output/xanax-and-alcohol").exists()
    preview = run("build", "--site", site, "--drafts", "--no-search", "--out", site / "preview", *TODAY_ARG)
    assert preview.exit_code == 0, preview.output
    page = (site / "preview/xanax-and-alcohol/index.html").read_text(encoding="utf-8")
    assert "Not yet clinically reviewed" in page


def test_every_schema_key_is_stubbed_with_a_comment_above_it(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("new", "Valium tapering", "--site", site).exit_code == 0
    text = (site / "content/articles/valium-tapering.md").read_text(encoding="utf-8")
    lines = text.split("---\n")[1].splitlines()
    keys = [line.split(":")[0] for line in lines if re.match(r"^[a-z_]+:", line)]
    assert keys == list(ARTICLE.keys)
    for name, key in ARTICLE.keys.items():
        above = lines[lines.index(next(line for line in lines if line.startswith(f"{name}:"))) - 1]
        assert above.startswith("# ") and (key.spec.description or name) in above, name
    assert front(text)["category"] == "benzodiazepines"  # the first category in site.yaml
    assert "\n## " in text.split("---\n", 2)[2]


@pytest.mark.parametrize(("lang", "headings"), [
    ("en", ["What is Méthadone?", "Signs of dependence", "Withdrawal and treatment", "Getting help"]),
    ("fr", ["Méthadone\u00a0: de quoi s\u2019agit-il\u00a0?", "Les signes de dépendance",
            "Le sevrage et son traitement", "Trouver de l\u2019aide"]),
    ("de", ["Was ist Méthadone?", "Anzeichen einer Abhängigkeit", "Entzug und Behandlung", "Wo Sie Hilfe finden"]),
])
def test_the_stub_s_headings_are_in_the_site_s_language(make_site, run, lang: str, headings: list[str]) -> None:  # type: ignore[no-untyped-def]
    # An editor who replaces the TODO lines keeps the headings: on a French site they must be French.
    site = make_site({"site.yaml": SITE_YAML.replace("tagline:", f"language: {lang}\ntagline:")})
    assert run("new", "Méthadone", "--site", site, "--drug", "Méthadone").exit_code == 0
    body = (site / "content/articles/methadone.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert re.findall(r"^## (.+)$", body, re.MULTILINE) == headings


def test_the_stub_s_headings_follow_the_site_s_own_wording(make_site, run) -> None:  # type: ignore[no-untyped-def]
    override = 'msgid "Getting help"\nmsgstr "Obtenir de l\u2019aide"\n'
    site = make_site({"site.yaml": SITE_YAML.replace("tagline:", "language: fr\ntagline:"),
                      "translations/fr.po": override})
    assert run("new", "Méthadone", "--site", site).exit_code == 0
    body = (site / "content/articles/methadone.md").read_text(encoding="utf-8")
    assert "\n## Obtenir de l\u2019aide\n" in body and "\n## Les signes de dépendance\n" in body


def test_new_refuses_to_overwrite(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    before = (site / "content/articles/klonopin-addiction.md").read_bytes()
    result = run("new", "Klonopin addiction", "--site", site)
    assert result.exit_code == 1
    assert "content/articles/klonopin-addiction.md: an article with this name already exists" in result.output
    assert (site / "content/articles/klonopin-addiction.md").read_bytes() == before


def test_new_refuses_a_name_taken_in_a_sub_folder(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/opioids/fentanyl.md": "---\ntitle: old\n---\n"})
    result = run("new", "Fentanyl", "--site", site)
    assert result.exit_code == 1
    assert "content/articles/opioids/fentanyl.md" in result.output
    assert not (site / "content/articles/fentanyl.md").exists()


@pytest.mark.parametrize(("name", "keys", "refusal"), [
    ("benzo/valium.md", {"slug": "diazepam-valium"},
     "the article at /diazepam-valium/ is content/articles/benzo/valium.md already (its slug: line)"),
    ("benzo/valium.MD", {"slug": "diazepam-valium"},  # read by the build as an article too
     "the article at /diazepam-valium/ is content/articles/benzo/valium.MD already (its slug: line)"),
    ("valium.md", {"aliases": "[/Diazepam-Valium/]"},  # an old address the build redirects, in any case
     "/diazepam-valium/ redirects to content/articles/valium.md (its aliases: line)"),
])
def test_new_refuses_the_address_another_article_s_slug_or_alias_gives_it(make_site, run, name: str,  # type: ignore[no-untyped-def]
                                                                          keys: dict[str, str], refusal: str) -> None:
    site = make_site({f"content/articles/{name}": article("Valium", **keys)})
    result = run("new", "Diazepam Valium", "--site", site)
    assert result.exit_code == 1
    assert refusal in " ".join(result.output.split()), result.output
    assert not (site / "content/articles/diazepam-valium.md").exists()
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0


def test_new_takes_an_address_only_a_hidden_file_the_build_leaves_out_names(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/.old/valium.md": article("Valium", slug="diazepam-valium"),
                      "content/articles/.diazepam-valium.md": article("Valium")})
    assert run("new", "Diazepam Valium", "--site", site).exit_code == 0
    assert (site / "content/articles/diazepam-valium.md").exists()
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0


def test_unknown_category_is_an_error_listing_the_known_ones(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    result = run("new", "Oxycodone", "--site", site, "--category", "opiods")
    assert result.exit_code == 2
    assert "no category 'opiods'" in result.output
    assert "did you mean 'opioids'?" in result.output
    assert "known: benzodiazepines, opioids" in result.output
    assert not (site / "content/articles/oxycodone.md").exists()


def test_a_title_without_letters_or_a_reserved_name_is_refused(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("new", "!!!", "--site", site).exit_code == 1
    result = run("new", "Search", "--site", site)
    assert result.exit_code == 1
    assert "reserved" in result.output


LANGUAGES = SITE_YAML + "languages: [en, fr, pt-BR]\n"
GUIDE = "content/articles/guides/klonopin-addiction.md"


@pytest.mark.parametrize("title", ["Fr", "PT-BR"])
def test_another_language_s_folder_is_no_article_s_address(make_site, run, title: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": LANGUAGES})
    result = run("new", title, "--site", site)
    assert result.exit_code == 1
    assert f"'{title.lower()}' is reserved for the site's own pages" in result.output
    assert not list((site / "content/articles").glob(f"{title.lower()}*"))


def test_a_typed_apostrophe_names_the_same_file_as_a_plain_one(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("new", "Xanax's effects", "--site", site).exit_code == 0
    assert (site / "content/articles/xanax-s-effects.md").is_file()
    again = run("new", "Xanax\u2019s effects", "--site", site)
    assert again.exit_code == 1, again.output
    assert "already exists" in again.output


def page(title: str, slug: str = "") -> str:
    return f"---\ntitle: {title}\nsummary: About the clinic.\n" + (f"slug: {slug}\n" if slug else "") + "---\nText.\n"


@pytest.mark.parametrize(("args", "refusal", "unwritten"), [
    (["About"], "the page at /about/ is content/pages/about.md already", "content/articles/about.md"),
    (["Who we are"], "the page at /who-we-are/ is content/pages/team/team.md already",
     "content/articles/who-we-are.md"),
    (["A propos", "--translation-of", "klonopin-addiction", "--lang", "fr"],
     "the French page at /fr/a-propos/ is content/pages/about.fr.md already", ""),
    (["Who we are", "--translation-of", "klonopin-addiction", "--lang", "fr"],  # a translated page at its source's
     "the French page at /fr/who-we-are/ is content/pages/team/team.fr.md already", ""),
])
def test_new_refuses_the_address_of_a_plain_page_in_its_language(make_site, run, args: list[str], refusal: str,  # type: ignore[no-untyped-def]
                                                                 unwritten: str) -> None:
    site = make_site({"site.yaml": LANGUAGES, "content/pages/about.md": page("About us"),
                      "content/pages/about.fr.md": page("À propos", "a-propos"),
                      "content/pages/team/team.md": page("Who we are", "who-we-are"),
                      "content/pages/team/team.fr.md": page("L'équipe")})
    result = run("new", *args, "--site", site)
    assert result.exit_code == 1
    assert refusal in " ".join(result.output.split()), result.output
    assert not (site / (unwritten or "content/articles/klonopin-addiction.fr.md")).exists()
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0


@pytest.mark.parametrize(("args", "refusal"), [
    (["Search"], "Not written: content/articles: 'search' is reserved for the site's own pages"),
    (["Search", "--translation-of", "klonopin-addiction", "--lang", "fr"],
     "Not written: content/articles/guides: 'search' is reserved for the site's own pages"),
    (["Le Valium", "--translation-of", "klonopin-addiction", "--lang", "fr"],
     "Not written: content/articles/guides: the French page at /fr/le-valium/ is content/articles/valium.fr.md"),
])
def test_a_refusal_names_the_folder_new_would_have_written_in(make_site, run, args: list[str], refusal: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": LANGUAGES, "content/articles/klonopin-addiction.md": None, GUIDE: article(),
                      "content/articles/valium.md": article("Valium"),
                      "content/articles/valium.fr.md": article("Le Valium", slug="le-valium")})
    result = run("new", *args, "--site", site)
    assert result.exit_code == 1
    assert refusal in result.stderr and "<site>" not in result.output, result.output


LONG_TITLE = "Klonopin, Xanax and Valium: what a long-term prescription does to sleep, memory, mood and driving"
LONG_SLUG = "klonopin-xanax-and-valium-what-a-long-term-prescription-does-to-sleep-memory"  # cut between words


@pytest.mark.parametrize(("title", "slug"), [
    (LONG_TITLE, LONG_SLUG),
    ("x" * 300, "x" * 80),  # one word longer than the limit is cut in it
    ("a" * 80 + " b", "a" * 80),
    ("Short title", "short-title"),
])
def test_slug_of_a_title_is_cut_between_words_to_at_most_80_characters(title: str, slug: str) -> None:
    from medpress.scaffold import slug_of_title

    assert slug_of_title(title) == slug


def test_new_with_a_long_title_writes_a_file_named_by_its_first_80_characters(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    result = run("new", "x" * 300, "--site", site)
    assert result.exit_code == 0, result.output
    assert (site / f"content/articles/{'x' * 80}.md").is_file()
    run("new", LONG_TITLE, "--site", site)
    path = site / f"content/articles/{LONG_SLUG}.md"
    assert front(path.read_text(encoding="utf-8"))["title"] == LONG_TITLE  # the title as given
    (site / f"content/articles/{'x' * 80}.md").unlink()  # its 300-character title is check's error
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0
    assert run("build", "--site", site, "--drafts", "--no-search", *TODAY_ARG).exit_code == 0
    assert (site / f"output/{LONG_SLUG}/index.html").is_file()




def test_new_starts_a_translation_beside_its_source_with_what_they_share(make_site, run) -> None:  # type: ignore[no-untyped-def]
    drug = "\n  name: Klonopin\n  generic: clonazepam\n  brand_names: [Rivotril]"
    site = make_site({"site.yaml": LANGUAGES, "content/articles/klonopin-addiction.md": None,
                      GUIDE: article(drug=drug, related="[what-are-benzodiazepines]")})
    result = run("new", "Dépendance au Klonopin", "--site", site, "--translation-of", "klonopin-addiction",
                 "--lang", "FR")
    assert result.exit_code == 0, result.output
    assert "Wrote content/articles/guides/klonopin-addiction.fr.md (a draft French translation of " \
           f"{GUIDE})." in result.output
    text = (site / "content/articles/guides/klonopin-addiction.fr.md").read_text(encoding="utf-8")
    data = front(text)
    assert (data["title"], data["slug"], data["category"]) == ("Dépendance au Klonopin", "dependance-au-klonopin",
                                                                "benzodiazepines")
    shared = {key: value for key, value in data["drug"].items() if value is not None}  # the others left to fill in
    assert shared == {"name": "Klonopin", "generic": "clonazepam", "brand_names": ["Rivotril"]}
    assert data["related"] == ["what-are-benzodiazepines"]
    assert data["draft"] is True and data["reviewer"] is None and data["fact_checked"] is False
    assert "\n## Vue d\u2019ensemble\n" in text
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0
    assert run("build", "--site", site, "--drafts", "--no-search", *TODAY_ARG).exit_code == 0
    assert (site / "output/fr/dependance-au-klonopin/index.html").is_file()
    again = run("new", "Autre", "--site", site, "--translation-of", "klonopin-addiction", "--lang", "fr")
    assert again.exit_code == 1
    assert "klonopin-addiction.fr.md: this article has a translation in that language already" in again.output


@pytest.mark.parametrize(("args", "message"), [
    (["--translation-of", "klonopin-addicton", "--lang", "fr"],
     "no article klonopin-addicton.md to translate (did you mean 'klonopin-addiction'?)"),
    (["--translation-of", "klonopin-addiction", "--lang", "de"],
     "the site has no language 'de'; its other languages: fr, pt-BR"),
    (["--translation-of", "klonopin-addiction", "--lang", "en"], "en is the site's default language"),
    (["--lang", "fr"], "name the article it translates with --translation-of"),
    (["--translation-of", "klonopin-addiction"], "name the translation's language with --lang (this site's others: "
                                                 "fr, pt-BR)"),
    (["--translation-of", "klonopin-addiction", "--lang", "fr", "--category", "opioids"],
     "a translation takes its category and drug from its source"),
])
def test_a_translation_new_cannot_start_is_refused_with_why(make_site, run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": LANGUAGES})
    result = run("new", "Titre", "--site", site, *args)
    assert result.exit_code in (1, 2)
    assert message in " ".join(result.output.split()), result.output
    assert not list((site / "content/articles").glob("*.*.md"))


@pytest.mark.parametrize(("title", "message"), [
    ("Search", "'search' is reserved for the site's own pages (choose another title)"),
    ("Le Valium", "the French page at /fr/le-valium/ is content/articles/valium.fr.md already (choose another title, "
                  "or write the slug: line yourself)"),
    ("  ", "a translation needs a title"),
    ("Κλονοπίνη", "the French page at /fr/klonopin-addiction/ is content/articles/xanax.fr.md already"),
])
def test_a_translation_s_address_must_be_free(make_site, run, title: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": LANGUAGES, "content/articles/valium.md": article("Valium"),
                      "content/articles/valium.fr.md": article("Le Valium", slug="le-valium"),
                      "content/articles/xanax.md": article("Xanax"),  # its French page at the source's address:
                      "content/articles/xanax.fr.md": article("Le Xanax", slug="klonopin-addiction")})
    result = run("new", title, "--site", site, "--translation-of", "klonopin-addiction", "--lang", "fr")
    assert result.exit_code == 1
    assert message in " ".join(result.output.split()), result.output
    assert not (site / "content/articles/klonopin-addiction.fr.md").exists()


def test_a_translation_with_a_long_title_takes_a_slug_of_at_most_80_characters(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": LANGUAGES})
    result = run("new", "x" * 300, "--site", site, "--translation-of", "klonopin-addiction", "--lang", "fr")
    assert result.exit_code == 0, result.output
    text = (site / "content/articles/klonopin-addiction.fr.md").read_text(encoding="utf-8")
    assert front(text)["slug"] == "x" * 80


def test_a_translation_copies_its_source_s_text_as_written_though_yaml_reads_a_number(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": LANGUAGES,
                      "content/articles/klonopin-addiction.md": article(drug="{name: 0x1A, drug_class: 1.50}")})
    result = run("new", "Klonopine", "--site", site, "--translation-of", "klonopin-addiction", "--lang", "fr")
    assert result.exit_code == 0, result.output
    text = (site / "content/articles/klonopin-addiction.fr.md").read_text(encoding="utf-8")
    assert "\n  name: 0x1A    #" in text and "\n  drug_class: 1.50    #" in text
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0


def test_a_translation_elsewhere_in_the_folders_is_found(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # The build pairs a translation with its source by name, wherever each is.
    site = make_site({"site.yaml": LANGUAGES, "content/articles/klonopin-addiction.md": None, GUIDE: article(),
                      "content/articles/klonopin-addiction.fr.md": article("Klonopin")})
    result = run("new", "Autre", "--site", site, "--translation-of", "klonopin-addiction", "--lang", "fr")
    assert result.exit_code == 1
    assert "content/articles/klonopin-addiction.fr.md: this article has a translation in that language already" \
        in result.output


def test_a_translation_titled_as_its_source_s_address_takes_that_address(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # With no slug of its own (slug: left empty) a translation has its source's address.
    site = make_site({"site.yaml": LANGUAGES, "content/articles/codeine.md": article("Codeine", slug="codeine-guide")})
    for title, lang in (("Codeine guide", "fr"), ("Codeine", "pt-BR")):
        assert run("new", title, "--site", site, "--translation-of", "codeine", "--lang", lang).exit_code == 0
    french = (site / "content/articles/codeine.fr.md").read_text(encoding="utf-8")
    assert front(french)["slug"] is None
    assert front((site / "content/articles/codeine.pt-BR.md").read_text(encoding="utf-8"))["slug"] == "codeine"
    for lang in ("fr", "pt-BR"):
        edit = site / f"content/articles/codeine.{lang}.md"
        edit.write_text(edit.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    assert run("build", "--site", site, "--drafts", "--no-search", *TODAY_ARG).exit_code == 0
    assert (site / "output/fr/codeine-guide/index.html").is_file()
    assert (site / "output/pt-br/codeine/index.html").is_file()


def test_new_says_at_once_when_the_title_is_longer_than_check_allows(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    title = "Benzodiazepine " * 12  # 180 characters
    result = run("new", title, "--site", site)
    assert result.exit_code == 0  # the draft is written: the editor shortens the title in it
    [rel] = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("Wrote ")]
    assert result.stderr.splitlines() == [
        f"warning: {rel}: title: is 179 characters long; at most 120 allowed (shorten it on its title: line before "
        "the article is published)"]
    short = run("new", "Benzodiazepines", "--site", site)
    assert (short.exit_code, short.stderr) == (0, "")
