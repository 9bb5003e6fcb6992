"""Authors, the review board and tags: their pages, JSON-LD, sitemap, search filter and bad input."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import html5lib
import pytest
from click.testing import CliRunner
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from test_incremental import assert_as_a_cold_build, edit

from medpress.cli import main
from medpress.pipeline import BuildOptions, build

K = "content/articles/klonopin-addiction.md"
W = "content/articles/what-are-benzodiazepines.md"
BASE = "https://clinic.example"
NADIA = """\
name: Nadia Writer
credentials: MSc health communication
role: Senior medical writer
bio: Writes our benzodiazepine pages.
same_as: [https://profiles.example/nadia]
"""
FILES: dict[str, str | None] = {
    "content/authors/nadia-writer.yaml": NADIA,
    "content/authors/cal-brisk.yaml": "name: Cal Brisk\n",
    "content/reviewers/dr-bo.yaml": "name: Dr Bo Two\ncredentials: MBChB\nrole: GP with a special interest\n",
    K: article(author="nadia-writer", tags="[Withdrawal, benzodiazepines, anxiety medication]"),
    W: article("What are benzodiazepines", author="nadia-writer", tags="[withdrawal, benzodiazepines]"),
    "content/articles/tapering.md": article("Tapering", author="cal-brisk", tags="[withdrawal]"),
    "content/articles/fentanyl.md": article("Fentanyl", category="opioids", reviewer="dr-bo",
                                            related="[klonopin-addiction]", tags="[opioids]"),
}


def parse(path: Path) -> Any:
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def jsonld(path: Path) -> dict[str, dict[str, Any]]:
    blocks = [json.loads(s.text) for s in parse(path).iterfind(".//script[@type='application/ld+json']")]
    return {block["@type"]: block for block in blocks}


def cli(*args: str | Path) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def out(make_site) -> Path:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, "site.yaml": SITE_YAML + "per_page: 2\n"})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    return site / "output"


# --- authors -------------------------------------------------------------------------------------

def test_the_byline_links_to_the_author_with_credentials(out: Path) -> None:
    byline = parse(out / "klonopin-addiction/index.html").find(".//li[@class='written-by']")
    assert text(byline) == "Written by Nadia Writer, MSc health communication"
    assert byline.find("a").get("href") == "/authors/nadia-writer/"


def test_the_article_jsonld_names_author_and_reviewer_as_persons(out: Path) -> None:
    page = jsonld(out / "klonopin-addiction/index.html")["MedicalWebPage"]
    assert page["author"] == {
        "@type": "Person", "@id": f"{BASE}/authors/nadia-writer/#person", "name": "Nadia Writer",
        "jobTitle": "Senior medical writer", "honorificSuffix": "MSc health communication",
        "url": f"{BASE}/authors/nadia-writer/", "worksFor": {"@id": f"{BASE}/#organization"},
        "description": "Writes our benzodiazepine pages.", "sameAs": ["https://profiles.example/nadia"]}
    assert page["reviewedBy"]["@type"] == "Person"
    assert page["reviewedBy"]["url"] == f"{BASE}/reviewers/dr-ada/"
    assert page["reviewedBy"]["jobTitle"] == "MD, psychiatrist"


def test_an_author_without_credentials_or_role_has_no_empty_job_title(out: Path) -> None:
    author = jsonld(out / "tapering/index.html")["MedicalWebPage"]["author"]
    assert author["name"] == "Cal Brisk" and "jobTitle" not in author and "honorificSuffix" not in author
    person = jsonld(out / "authors/cal-brisk/index.html")["Person"]
    assert person["url"] == f"{BASE}/authors/cal-brisk/"


def test_an_author_page_lists_what_they_wrote_paged(out: Path) -> None:
    first = parse(out / "authors/nadia-writer/index.html")
    assert text(first.find(".//h1")) == "Nadia Writer"
    assert text(first.find(".//p[@class='credentials']")) == "MSc health communication · Senior medical writer"
    links = [a.get("href") for a in first.iterfind(".//ul[@class='written']/li/a")]
    assert sorted(links) == ["/klonopin-addiction/", "/what-are-benzodiazepines/"]
    assert first.find(".//a[@href='https://profiles.example/nadia']") is not None
    assert not (out / "authors/nadia-writer/page/2").exists()  # two articles, two to a page


def test_a_free_text_author_is_an_organisation_with_no_link(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(author="Clinic editorial team")})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    page = jsonld(site / "output/klonopin-addiction/index.html")["MedicalWebPage"]
    assert page["author"] == {"@type": "Organization", "name": "Clinic editorial team"}


# --- the review board ----------------------------------------------------------------------------

def test_the_review_board_lists_every_reviewer_with_credentials_role_and_count(out: Path) -> None:
    rows = parse(out / "reviewers/index.html").findall(".//table[@class='review-board']/tbody/tr")
    assert [[text(cell) for cell in row] for row in rows] == [
        ["Dr Ada Test", "MD, psychiatrist", "", "3"],
        ["Dr Bo Two", "MBChB", "GP with a special interest", "1"],
    ]
    assert rows[0].find(".//a").get("href") == "/reviewers/dr-ada/"


def test_every_page_links_to_the_review_board_from_its_footer(out: Path) -> None:
    for page in ("index.html", "klonopin-addiction/index.html", "tags/index.html", "404.html"):
        links = parse(out / page).findall(".//footer//a[@href='/reviewers/']")
        assert [text(link) for link in links] == ["Clinical review board"], page


# --- tags ----------------------------------------------------------------------------------------

def test_the_topics_page_lists_every_tag_with_its_count(out: Path) -> None:
    items = parse(out / "tags/index.html").findall(".//ul[@class='tag-index']/li")
    assert [text(li) for li in items] == ["anxiety medication (1 article)", "benzodiazepines (2 articles)",
                                         "opioids (1 article)", "withdrawal (3 articles)"]
    assert [li.find("a").get("href") for li in items] == [
        "/tags/anxiety-medication/", "/tags/benzodiazepines/", "/tags/opioids/", "/tags/withdrawal/"]


OXYCODONE_AR = "\u0623\u0648\u0643\u0633\u064a\u0643\u0648\u062f\u0648\u0646"  # starts with alef with hamza
ALCOHOL_AR = "\u0627\u0644\u0643\u062d\u0648\u0644"  # starts with alef
MORPHINE_KO = "\ubaa8\ub974\ud540"


def test_topics_and_the_a_to_z_file_a_letter_with_a_mark_under_its_letter(make_site) -> None:  # type: ignore[no-untyped-def]
    # "Éthanol" under E, not after Z; the Arabic alef with hamza with alef: sorted by code point, neither was.
    site = make_site({
        K: article(tags="[éducation, zoo, Alcool, opioïdes]", drug="{name: Éthanol}"),
        W: article("What are benzodiazepines", drug="{name: Oxycodone}"),
        "content/articles/a.md": article("A", drug=f"{{name: {OXYCODONE_AR}}}"),
        "content/articles/b.md": article("B", drug=f"{{name: {ALCOHOL_AR}}}"),
        "content/articles/c.md": article("C", drug=f"{{name: {MORPHINE_KO}}}"),
    })
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    items = parse(site / "output/tags/index.html").findall(".//ul[@class='tag-index']/li/a")
    assert [text(a) for a in items] == ["Alcool", "éducation", "opioïdes", "zoo"]
    drugs = parse(site / "output/drugs/index.html")
    # A Hangul syllable stays one: not the lone leading consonant its decomposition starts with.
    assert [text(a) for a in drugs.findall(".//nav[@class='az-letters']//a")] == ["E", "O", "\u0627", "\ubaa8"]
    assert [[text(a) for a in section.findall(".//a")] for section in drugs.findall(".//section")] == [
        ["Éthanol"], ["Oxycodone"], [ALCOHOL_AR, OXYCODONE_AR], [MORPHINE_KO]]


def test_names_that_start_with_no_letter_have_a_section_a_link_can_reach(make_site) -> None:  # type: ignore[no-untyped-def]
    # "#letter-#": a URL's fragment cannot hold a "#" (the W3C checker's "Illegal character in fragment").
    site = make_site({K: article(drug="{name: 5-MeO-DMT}"), W: article("What are benzodiazepines",
                                                                       drug="{name: Oxycodone}")})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    drugs = parse(site / "output/drugs/index.html")
    links = [(text(a), a.get("href")) for a in drugs.findall(".//nav[@class='az-letters']//a")]
    assert links == [("#", "#letter-other"), ("O", "#letter-O")]
    sections = {heading.get("id"): text(heading) for heading in drugs.iterfind(".//section/h2")}
    assert sections == {"letter-other": "#", "letter-O": "O"}


def test_a_tag_page_is_paged_like_a_category(out: Path) -> None:
    first = parse(out / "tags/withdrawal/index.html")
    assert text(first.find(".//h1")) == "Articles tagged withdrawal"
    second = parse(out / "tags/withdrawal/page/2/index.html")
    cards = [*first.iterfind(".//div[@class='cards']/article"), *second.iterfind(".//div[@class='cards']/article")]
    assert len(cards) == 3
    assert second.find(".//a[@rel='prev']").get("href") == "/tags/withdrawal/"
    assert "page 2 of 2" in text(second.find(".//title"))


def test_an_article_links_its_tags_each_a_search_filter(out: Path) -> None:
    links = parse(out / "klonopin-addiction/index.html").findall(".//p[@class='topics']/a")
    assert [(text(a), a.get("href"), a.get("data-pagefind-filter")) for a in links] == [
        ("withdrawal", "/tags/withdrawal/", "tag"), ("benzodiazepines", "/tags/benzodiazepines/", "tag"),
        ("anxiety medication", "/tags/anxiety-medication/", "tag")]


def test_the_sitemap_has_the_board_authors_and_tags(out: Path) -> None:
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("/reviewers/", "/authors/nadia-writer/", "/authors/cal-brisk/", "/tags/", "/tags/withdrawal/",
                 "/tags/opioids/"):
        assert f"<loc>{BASE}{path}</loc>" in sitemap
    assert "/tags/withdrawal/page/2/" not in sitemap


def test_a_tag_in_another_script_has_its_own_letters_in_its_address(make_site) -> None:  # type: ignore[no-untyped-def]
    tag = "\u0623\u0641\u064a\u0648\u0646\u064a\u0627\u062a"  # Arabic: opioids
    site = make_site({**FILES, K: article(tags=f"[{tag}]")})
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert (site / f"output/tags/{tag}/index.html").is_file()
    assert f'href="/tags/{tag}/"' in (site / "output/klonopin-addiction/index.html").read_text(encoding="utf-8")
    sitemap = (site / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "/tags/%D8%A3%D9%81%D9%8A%D9%88%D9%86%D9%8A%D8%A7%D8%AA/</loc>" in sitemap and tag not in sitemap


def test_two_spellings_of_a_tag_are_one_tag_with_a_warning(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site(FILES)
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0
    assert (f"warning: {K}:11: tags[0]: tag 'Withdrawal' is shown as 'withdrawal', the spelling written most "
            "often, or first in order on a tie (write 'withdrawal' so every page names the tag the same way)"
            ) in result.stderr.splitlines()


def test_a_tag_typed_with_combining_accents_is_the_same_tag_without_a_warning(make_site) -> None:  # type: ignore[no-untyped-def]
    # 'é' typed as one letter (NFC) or as e and an accent (NFD, as macOS may save it) looks the same: one tag.
    korean = "\uc544\ud3b8"  # opioids: in NFD its syllables are letters of their own, and so its address
    nfc, nfd = (f"[café, {korean}]", unicodedata.normalize("NFD", f"[café, {korean}]"))
    site = make_site({**FILES, K: article(tags=nfc), W: article("What are benzodiazepines", tags=nfd)})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0 and "tags[" not in result.stderr, result.stderr
    assert cli("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    out = site / "output"
    assert {p.name for p in (out / "tags").iterdir() if p.is_dir()} == {"cafe", korean, "opioids", "withdrawal"}
    for tag in ("cafe", korean):
        listed = parse(out / "tags" / tag / "index.html")
        assert {a.get("href") for a in listed.iter("a")} >= {"/klonopin-addiction/", "/what-are-benzodiazepines/"}
    assert '>café</a>' in (out / "what-are-benzodiazepines/index.html").read_text(encoding="utf-8")


# --- related cards -------------------------------------------------------------------------------

def test_related_cards_from_another_category_are_related_insights(out: Path) -> None:
    heading = parse(out / "fentanyl/index.html").find(".//h2[@id='insights-title']")
    assert text(heading) == "Related insights"
    same = parse(out / "klonopin-addiction/index.html").find(".//h2[@id='insights-title']")
    assert text(same) == "Benzodiazepines insights"


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), [
    pytest.param({K: article(author="nadia-writr")},
                 f"{K}:10: author: no author 'nadia-writr' in content/authors/ or content/reviewers/ (did you mean "
                 "'nadia-writer'? A team's name can be written in words, e.g. Editorial team)", id="unknown-author"),
    pytest.param({"content/authors/cal-brisk.yaml": "name: Cal Brisk\nbio: Writes.\nsameas: [https://x.example]\n"},
                 "content/authors/cal-brisk.yaml:3: sameas: unknown key (did you mean 'same_as'?)",
                 id="author-unknown-key"),
    pytest.param({K: article(tags='[withdrawal, ""]')},
                 f"{K}:10: tags[1]: is an empty tag (remove the empty item or write the tag, "
                 "e.g. withdrawal or opioid use)", id="empty-tag"),
    pytest.param({K: article(tags="\n  - withdrawal\n  -\n")},
                 f"{K}:12: tags[1]: is an empty tag (remove the empty item or write the tag, "
                 "e.g. withdrawal or opioid use)", id="empty-tag-item"),
    pytest.param({K: article(tags='["../..", withdrawal]')},
                 f"{K}:10: tags[0]: tag '../..' has no letters or digits to make its address (/tags/<name>/) from "
                 "(write the tag in words, e.g. withdrawal or opioid use)", id="unsafe-tag"),
    pytest.param({K: article(tags=f"[withdrawal, {'㎯' * 60}]")},  # each '㎯' is 'rads2' in an address
                 f"{K}:10: tags[1]: tag '{'㎯' * 60}' makes an address (/tags/<name>/) of 300 characters; at most "
                 "200 allowed (write the tag in fewer words, e.g. withdrawal or opioid use)",
                 id="tag-address-too-long"),
    pytest.param({"content/authors/dr-ada.yaml": "name: Ada the writer\n"},
                 "content/authors/dr-ada.yaml:1: author id 'dr-ada' is already used by content/reviewers/dr-ada.yaml "
                 "(a reviewer who writes is named by their reviewer id: remove the author file)",
                 id="author-is-reviewer"),
])
def test_bad_people_and_tags_are_errors_with_file_line_key_and_fix(  # type: ignore[no-untyped-def]
        make_site, files: dict[str, str], expected: str) -> None:
    site = make_site({**FILES, **files})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert expected in result.stderr.splitlines(), result.stderr


def test_an_id_shaped_author_close_to_no_one_is_a_warning_and_shown_as_written(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(author="pharmacy")})
    result = cli("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0
    assert (f"warning: {K}:10: author: 'pharmacy' looks like an author id, but there is no "
            "content/authors/pharmacy.yaml; it is shown as written (add content/authors/pharmacy.yaml, "
            "or write the name in words, e.g. Editorial team)") in result.stderr.splitlines()
    byline = parse(site / "output/klonopin-addiction/index.html").find(".//li[@class='written-by']")
    assert text(byline) == "Written by pharmacy"


def test_authors_and_tags_are_reserved_slugs(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/tags.md": article("Tags")})
    result = cli("check", "--site", site, *TODAY_ARG)
    assert "content/articles/tags.md:1: slug: 'tags' is reserved for the site's own pages (choose another slug)" \
        in result.stderr.splitlines()


# --- incremental == cold -------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    pytest.param(lambda site: edit(site, K, lambda t: t.replace("anxiety medication]", "anxiety medication, sleep]")),
                 id="add-tag"),
    pytest.param(lambda site: edit(site, W, lambda t: t.replace("[withdrawal, benzodiazepines]", "[benzodiazepines]")),
                 id="remove-tag"),
    pytest.param(lambda site: edit(site, "content/articles/tapering.md",
                                   lambda t: t.replace("[withdrawal]", "[Withdrawal]")), id="respell-tag"),
    pytest.param(lambda site: edit(site, "content/authors/nadia-writer.yaml",
                                   lambda t: t.replace("Senior medical writer", "Editor")), id="change-author-file"),
    pytest.param(lambda site: _rename_author(site), id="rename-author"),
    pytest.param(lambda site: edit(site, "content/articles/tapering.md",
                                   lambda t: t.replace("author: cal-brisk", "author: nadia-writer")),
                 id="change-article-author"),
])
def test_people_and_tag_edits_build_as_a_cold_build(make_site, tmp_path: Path, change: Any) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**FILES, "site.yaml": SITE_YAML + "per_page: 2\n"})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    build(site, options)
    change(site)
    build(site, options)
    assert_as_a_cold_build(site, tmp_path / "out")


def _rename_author(site: Path) -> None:
    """Rename an author's file (their id) and the articles that name them."""
    (site / "content/authors/nadia-writer.yaml").rename(site / "content/authors/nadia-o.yaml")
    for rel in (K, W):
        edit(site, rel, lambda t: t.replace("nadia-writer", "nadia-o"))


def test_a_new_author_file_turns_a_warned_byline_into_a_link(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(author="pharmacy")})
    options = BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=1, cache=tmp_path / "cache")
    build(site, options)
    (site / "content/authors").mkdir()
    (site / "content/authors/pharmacy.yaml").write_text("name: The pharmacy team\n", encoding="utf-8")
    build(site, options)
    byline = parse(tmp_path / "out/klonopin-addiction/index.html").find(".//li[@class='written-by']")
    assert byline.find("a").get("href") == "/authors/pharmacy/"
    assert_as_a_cold_build(site, tmp_path / "out")

