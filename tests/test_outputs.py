"""Machine-readable outputs: JSON-LD, <head> tags, sitemap, feed, robots, 404, aliases and _redirects."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import html5lib
import pytest
import yaml
from click.testing import CliRunner
from conftest import BASE_FILES, REVIEWER, SITE_YAML, TODAY_ARG, article

from medpress.cli import main

REPO = Path(__file__).resolve().parents[1]
BASE = "https://clinic.example"
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
K = "content/articles/klonopin-addiction.md"
SVG = "<svg xmlns='http://www.w3.org/2000/svg'/>"
# The PNG made from pill.svg for og:image: named by the SVG's content hash.
SOCIAL_PNG = f"pill.{hashlib.blake2b(SVG.encode(), digest_size=16).hexdigest()[:10]}.1200.png"
EVIL = "</script><script>alert(1)</script>"

FULL_ARTICLE = article(
    body="## Overview\n\nClonazepam text.\n",
    drug="\n  name: Klonopin\n  generic: clonazepam\n  brand_names: [Klonopin, Rivotril]\n"
         "  drug_class: Benzodiazepine\n  schedule: IV",
    author="Clinic editorial team",
    updated="2026-02-20",
    aliases="[/old/klonopin-guide/, /klonopin.html]",
    image="\n  src: images/pill.svg\n  alt: A round white tablet",
    faq="\n  - q: Is it addictive?\n    a: It **can** be.\n  - q: How long does it last?\n    a: Up to 50 hours.",
)
FILES: dict[str, str] = {
    "site.yaml": SITE_YAML.replace("tagline:", "language: en-GB\ntagline:"),
    "content/reviewers/dr-ada.yaml": REVIEWER + "role: Consultant psychiatrist\n"
                                                "same_as: [https://profiles.example/ada]\n",
    "content/reviewers/dr-bo.yaml": "name: Dr Bo Two\ncredentials: MBChB\n",
    "assets/images/pill.svg": SVG,
    K: FULL_ARTICLE,
    "content/articles/fentanyl.md": article("Fentanyl", category="opioids", reviewer="dr-bo", reviewed="2026-04-02",
                                            author="dr-ada"),
    "content/articles/draft-page.md": article("Draft page", draft="true"),
    "content/articles/escape.md": article(f'"{EVIL}"', summary=f'"Summary {EVIL}"',
                                          faq=f'\n  - q: "{EVIL}"\n    a: "Answer & more"'),
}


def write_site(root: Path, files: dict[str, str | None]) -> Path:
    for rel, text in {**BASE_FILES, **files}.items():
        if text is not None:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
    return root


def build(site: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(main, ["build", "--site", str(site), *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("outputs") / "site", FILES)
    result = build(site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    return site / "output"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site (the repository root), built without search."""
    target = tmp_path_factory.mktemp("sample") / "output"
    result = build(REPO, "--out", target, "--no-search", "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    return target


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def jsonld(path: Path) -> list[dict[str, Any]]:
    return [json.loads(s.text) for s in parse(path).iterfind(".//script[@type='application/ld+json']")]


def by_type(path: Path) -> dict[str, dict[str, Any]]:
    blocks = jsonld(path)
    types = [b["@type"] for b in blocks]
    assert len(set(types)) == len(types), types
    return {b["@type"]: b for b in blocks}


def meta_tags(tree) -> dict[str, str]:  # type: ignore[no-untyped-def]
    tags = {}
    for el in tree.iterfind(".//head/meta"):
        name = el.get("property") or el.get("name")
        if name:
            assert name not in tags, f"duplicate meta {name}"
            tags[name] = el.get("content")
    return tags


def frontmatter(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])  # type: ignore[no-any-return]


# --- JSON-LD ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, description", [
    ("We keep you safe. Then we talk.", "We keep you safe."),
    ("Our team is led by Dr. Ana Silva and Prof. Li. We talk.", "Our team is led by Dr. Ana Silva and Prof. Li."),
    ("We treat sedatives, e.g. benzodiazepines. Next.", "We treat sedatives, e.g. benzodiazepines."),
    ("Take 2.5 mg. Then stop.", "Take 2.5 mg."),
    ("Le sevrage est lent. \u00c9coutez.", "Le sevrage est lent."),
    ("word " * 40, "word " * 30 + "word\u2026"),  # cut at a word, within 160 characters
])
def test_a_long_text_describes_a_page_by_its_first_sentence(text: str, description: str) -> None:
    from medpress.outputs import short_description

    assert short_description(text) == description


def test_a_breadcrumb_list_is_given_exactly_where_a_page_shows_its_trail(out: Path) -> None:
    # Structured data describes what the page shows: the same crumbs, in the same words.
    checked = 0
    for path in sorted(out.rglob("*.html")):
        tree = parse(path)
        shown = [" ".join("".join(li.itertext()).split()) for li in tree.iterfind(".//nav[@class='breadcrumbs']//li")]
        blocks = [b for b in jsonld(path) if b["@type"] == "BreadcrumbList"]
        assert [[item["name"] for item in b["itemListElement"]] for b in blocks] == ([shown] if shown else []), path
        checked += bool(shown)
    assert checked >= 3  # articles and a category page at least


def test_article_jsonld_is_a_medical_web_page_with_every_property(out: Path) -> None:
    blocks = jsonld(out / "klonopin-addiction/index.html")
    assert [b["@type"] for b in blocks] == ["MedicalWebPage", "BreadcrumbList", "FAQPage"]
    page = blocks[0]
    url = f"{BASE}/klonopin-addiction/"
    assert page["@context"] == "https://schema.org"
    assert (page["name"], page["description"], page["url"], page["inLanguage"]) == (
        "Klonopin addiction", "Summary of Klonopin addiction.", url, "en-GB")
    # As the page shows them: "Last updated" is the content's last change, the review has its own date.
    assert (page["lastReviewed"], page["dateModified"]) == ("2026-03-01", "2026-02-20")
    shown = {t.get("datetime") for t in parse(out / "klonopin-addiction/index.html").iterfind(
        ".//footer[@class='review-dates']//time")}
    assert {page["lastReviewed"], page["dateModified"]} <= shown
    assert page["reviewedBy"] == {
        "@type": "Person", "@id": f"{BASE}/reviewers/dr-ada/#person", "name": "Dr Ada Test",
        "jobTitle": "Consultant psychiatrist", "honorificSuffix": "MD, psychiatrist",
        "url": f"{BASE}/reviewers/dr-ada/", "worksFor": {"@id": f"{BASE}/#organization"},
        "description": "Reviews pages.", "sameAs": ["https://profiles.example/ada"],
    }
    assert page["author"] == {"@type": "Organization", "name": "Clinic editorial team"}
    publisher = page["publisher"]
    assert (publisher["@type"], publisher["name"], publisher["url"]) == ("MedicalClinic", "Test Clinic Ltd", f"{BASE}/")
    assert [p["name"] for p in publisher["location"]] == ["Lisbon", "Leeds"]
    assert publisher["hasCredential"] == [{"@type": "EducationalOccupationalCredential", "name": "Test Accreditor"}]
    assert page["about"] == {
        "@type": "Drug", "@id": f"{url}#drug", "name": "Klonopin", "nonProprietaryName": "clonazepam",
        "alternateName": ["Klonopin", "Rivotril"], "drugClass": {"@type": "DrugClass", "name": "Benzodiazepine"},
        "legalStatus": {"@type": "DrugLegalStatus", "name": "Schedule IV"},
    }
    assert page["mainEntity"] == {"@id": f"{url}#drug"}
    assert page["image"] == f"{BASE}/assets/images/{SOCIAL_PNG}"  # social platforms refuse SVG
    assert page["citation"] == [{"@type": "CreativeWork", "name": "A source",
                                 "publisher": {"@type": "Organization", "name": "NIDA"},
                                 "url": "https://nida.example/x", "datePublished": "2024"}]


def test_article_jsonld_breadcrumbs_are_home_category_article(out: Path) -> None:
    crumbs = by_type(out / "klonopin-addiction/index.html")["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", f"{BASE}/"),
        (2, "Benzodiazepines", f"{BASE}/insights/benzodiazepines/"),
        (3, "Klonopin addiction", f"{BASE}/klonopin-addiction/"),
    ]
    assert all(c["@type"] == "ListItem" for c in crumbs)


def test_article_jsonld_faq_page(out: Path) -> None:
    faq = by_type(out / "klonopin-addiction/index.html")["FAQPage"]
    assert [(q["@type"], q["name"], q["acceptedAnswer"]["@type"], q["acceptedAnswer"]["text"])
            for q in faq["mainEntity"]] == [
        ("Question", "Is it addictive?", "Answer", "<p>It <strong>can</strong> be.</p>"),
        ("Question", "How long does it last?", "Answer", "<p>Up to 50 hours.</p>"),
    ]


def test_article_without_drug_faq_or_author(out: Path) -> None:
    blocks = jsonld(out / "what-are-benzodiazepines/index.html")
    assert [b["@type"] for b in blocks] == ["MedicalWebPage", "BreadcrumbList"]
    page = blocks[0]
    assert "about" not in page and "image" not in page
    assert page["mainEntity"] == {"@type": "Article", "@id": f"{BASE}/what-are-benzodiazepines/#article",
                                  "headline": "What are benzodiazepines", "description": page["description"],
                                  "inLanguage": page["inLanguage"], "author": {"@id": f"{BASE}/#organization"}}
    assert page["author"] == {"@id": f"{BASE}/#organization"}


def test_author_given_as_a_reviewer_id_is_that_person(out: Path) -> None:
    page = by_type(out / "fentanyl/index.html")["MedicalWebPage"]
    assert page["author"]["@type"] == "Person"
    assert (page["author"]["name"], page["author"]["url"]) == ("Dr Ada Test", f"{BASE}/reviewers/dr-ada/")
    assert page["reviewedBy"]["name"] == "Dr Bo Two"
    assert page["reviewedBy"]["jobTitle"] == "MBChB"  # no role: the credentials are the job title
    assert "sameAs" not in page["reviewedBy"]


def test_reviewer_page_is_a_person_and_home_the_organisation(out: Path) -> None:
    person = jsonld(out / "reviewers/dr-ada/index.html")
    assert person == [{
        "@context": "https://schema.org", "@type": "Person", "@id": f"{BASE}/reviewers/dr-ada/#person",
        "name": "Dr Ada Test", "jobTitle": "Consultant psychiatrist", "honorificSuffix": "MD, psychiatrist",
        "url": f"{BASE}/reviewers/dr-ada/", "worksFor": {"@id": f"{BASE}/#organization"},
        "description": "Reviews pages.", "sameAs": ["https://profiles.example/ada"],
    }]
    home = jsonld(out / "index.html")
    assert [b["@type"] for b in home] == ["MedicalClinic"]
    assert home[0]["@id"] == f"{BASE}/#organization"
    assert home[0]["telephone"] == "+44 1 2345"
    assert [p["name"] for p in home[0]["location"]] == ["Lisbon", "Leeds"]


def test_editor_text_cannot_break_out_of_the_jsonld_script(out: Path) -> None:
    path = out / "escape/index.html"
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    tree = parse(path)
    scripts = tree.findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"] * 3
    blocks = [json.loads(s.text) for s in scripts]
    assert blocks[0]["name"] == EVIL
    assert blocks[0]["description"] == f"Summary {EVIL}"
    assert blocks[1]["itemListElement"][-1]["name"] == EVIL
    assert blocks[2]["mainEntity"][0]["name"] == EVIL
    assert blocks[2]["mainEntity"][0]["acceptedAnswer"]["text"] == "<p>Answer &amp; more</p>"
    assert "".join(tree.find(".//title").itertext()) == f"{EVIL} – Test Clinic"
    assert "".join(tree.find(".//h1").itertext()) == EVIL
    assert meta_tags(tree)["og:title"] == EVIL


def test_every_jsonld_block_of_the_sample_site_parses_and_articles_carry_the_properties(sample: Path) -> None:
    articles = sorted((REPO / "content/articles").glob("*.md"))
    assert len(articles) >= 10
    for page in sample.rglob("*.html"):
        jsonld(page)  # every block of every page is valid JSON
    for source in articles:
        front = frontmatter(source)
        stem, _, lang = source.stem.partition(".")  # a translation, <name>.<lang>.md, is under /<lang>/, lower case
        folder = f"{lang.lower()}/" if lang else ""
        slug = front.get("slug") or frontmatter(source.with_name(f"{stem}.md")).get("slug") or stem
        blocks = by_type(sample / folder / slug / "index.html")
        assert set(blocks) == {"MedicalWebPage", "BreadcrumbList"} | ({"FAQPage"} if front.get("faq") else set())
        page = blocks["MedicalWebPage"]
        for key in ("name", "description", "url", "inLanguage", "lastReviewed", "reviewedBy", "author",
                    "publisher", "mainEntity"):
            assert page.get(key), (slug, key)
        assert page["name"] == front["title"]
        assert page["lastReviewed"] == str(front["reviewed"])
        assert page["reviewedBy"]["@type"] == "Person"
        assert page["reviewedBy"]["url"].endswith(f"/reviewers/{front['reviewer']}/")
        assert page["reviewedBy"]["sameAs"]
        assert page["publisher"]["hasCredential"]
        if front.get("drug"):
            drug = front["drug"]
            assert page["about"]["name"] == drug["name"]
            assert page["about"].get("nonProprietaryName") == drug.get("generic")
            assert page["mainEntity"] == {"@id": page["about"]["@id"]}
        else:  # the article itself, as Google's Article asks: its author and dates as the page's
            article = page["mainEntity"]
            assert article["@type"] == "Article" and article["headline"] == page["headline"]
            assert article["author"] == ({"@id": page["author"]["@id"]} if "@id" in page["author"] else page["author"])
            assert article.get("dateModified") == page.get("dateModified")
        crumbs = blocks["BreadcrumbList"]["itemListElement"]
        assert [c["item"].split("/", 3)[3] for c in crumbs] == [
            folder, f"{folder}insights/{front['category']}/", f"{folder}{slug}/"]
        assert page["inLanguage"] == (lang or "en-GB")
    for reviewer in (REPO / "content/reviewers").glob("*.yaml"):
        if "." in reviewer.stem:
            continue  # a reviewer's text in another language (dr-isla-fernandes.fr.yaml)
        assert [b["@type"] for b in jsonld(sample / "reviewers" / reviewer.stem / "index.html")] == ["Person"]
    assert [b["@type"] for b in jsonld(sample / "index.html")] == ["MedicalClinic"]


# --- <head> -------------------------------------------------------------------------------------

def test_article_head_title_description_canonical_open_graph_and_twitter(out: Path) -> None:
    tree = parse(out / "klonopin-addiction/index.html")
    assert tree.get("lang") == "en-GB"
    assert "".join(tree.find(".//head/title").itertext()) == "Klonopin addiction – Test Clinic"
    assert [link.get("href") for link in tree.iterfind(".//head/link[@rel='canonical']")] == [
        f"{BASE}/klonopin-addiction/"]
    tags = meta_tags(tree)
    assert tags["description"] == "Summary of Klonopin addiction."
    assert "robots" not in tags
    assert {k: v for k, v in tags.items() if k.startswith(("og:", "twitter:"))} == {
        "og:type": "article", "og:site_name": "Test Clinic", "og:title": "Klonopin addiction",
        "og:url": f"{BASE}/klonopin-addiction/", "og:description": "Summary of Klonopin addiction.",
        "og:locale": "en_GB", "og:image": f"{BASE}/assets/images/{SOCIAL_PNG}", "og:image:alt": "A round white tablet",
            "og:image:width": "1200", "og:image:height": "1200",
        "twitter:card": "summary_large_image", "twitter:image": f"{BASE}/assets/images/{SOCIAL_PNG}",
        "twitter:image:alt": "A round white tablet", "twitter:title": "Klonopin addiction",
        "twitter:description": "Summary of Klonopin addiction.",
    }


def test_a_card_image_at_an_address_written_in_capitals_is_the_https_one(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(image='\n  src: "HTTPS://cdn.example/pill.png"\n  alt: A round white tablet')})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    tags = meta_tags(parse(site / "output/klonopin-addiction/index.html"))
    assert tags["og:image"] == tags["twitter:image"] == "https://cdn.example/pill.png"


def test_head_without_an_image_has_a_summary_card(out: Path) -> None:
    tags = meta_tags(parse(out / "what-are-benzodiazepines/index.html"))
    assert tags["twitter:card"] == "summary"
    assert not {"og:image", "twitter:image", "og:image:alt"} & set(tags)


def test_other_pages_have_title_canonical_and_lang(out: Path) -> None:
    expected = {
        "index.html": ("Test Clinic", f"{BASE}/"),
        "reviewers/dr-ada/index.html": ("Dr Ada Test – Test Clinic", f"{BASE}/reviewers/dr-ada/"),
        "insights/opioids/index.html": ("Opioids insights – Test Clinic", f"{BASE}/insights/opioids/"),
        "contact/index.html": ("Contact us – Test Clinic", f"{BASE}/contact/"),
        "drugs/index.html": ("Drugs A to Z – Test Clinic", f"{BASE}/drugs/"),
    }
    for rel, (title, canonical) in expected.items():
        tree = parse(out / rel)
        assert tree.get("lang") == "en-GB", rel
        assert "".join(tree.find(".//head/title").itertext()) == title, rel
        assert tree.find(".//head/link[@rel='canonical']").get("href") == canonical, rel
        assert meta_tags(tree)["og:url"] == canonical, rel


# --- sitemap, feed, robots, 404 -----------------------------------------------------------------

PUBLISHED = ["escape", "fentanyl", "klonopin-addiction", "what-are-benzodiazepines"]


def test_sitemap_lists_every_published_page_with_lastmod(out: Path) -> None:
    root = ET.fromstring((out / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    entries = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iterfind(f"{SM}url")}
    assert entries == {
        f"{BASE}/": "2026-04-02",
        f"{BASE}/drugs/": "2026-04-02",
        f"{BASE}/escape/": "2026-03-01",
        f"{BASE}/fentanyl/": "2026-04-02",
        f"{BASE}/klonopin-addiction/": "2026-03-01",  # reviewed after its last update
        f"{BASE}/what-are-benzodiazepines/": "2026-03-01",
        f"{BASE}/insights/benzodiazepines/": "2026-03-01",
        f"{BASE}/insights/opioids/": "2026-04-02",
        f"{BASE}/insights/": "2026-04-02",
        f"{BASE}/reviewers/": None,
        f"{BASE}/reviewers/dr-ada/": None,
        f"{BASE}/reviewers/dr-bo/": None,
        f"{BASE}/contact/": None,
    }


def test_a_site_without_topics_or_drugs_keeps_those_empty_pages_from_search_engines(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()  # no article has a tag or a drug
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    for path in ("tags/index.html", "drugs/index.html"):
        page = (site / "output" / path).read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in page and 'rel="canonical"' not in page, path
    sitemap = (site / "output/sitemap.xml").read_text()
    assert f"{BASE}/tags/" not in sitemap and f"{BASE}/drugs/" not in sitemap
    make_site({K: article(tags="[anxiety]", drug="\n  name: Klonopin")})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    sitemap = (site / "output/sitemap.xml").read_text()
    assert f"<loc>{BASE}/tags/</loc>" in sitemap and f"<loc>{BASE}/drugs/</loc>" in sitemap
    for path in ("tags/index.html", "drugs/index.html"):
        assert 'name="robots"' not in (site / "output" / path).read_text(), path


def test_feed_is_atom_newest_review_first_with_required_elements(out: Path) -> None:
    root = ET.fromstring((out / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Test Clinic"
    assert root.findtext(f"{ATOM}id") == f"{BASE}/"
    assert root.findtext(f"{ATOM}updated") == "2026-04-02T00:00:00Z"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Test Clinic Ltd"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}/feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        f"{BASE}/fentanyl/", f"{BASE}/what-are-benzodiazepines/", f"{BASE}/klonopin-addiction/", f"{BASE}/escape/"]
    for entry in entries:
        for child in ("title", "id", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{child}"), child
        assert entry.find(f"{ATOM}link").get("href") == entry.findtext(f"{ATOM}id")
    assert entries[0].findtext(f"{ATOM}updated") == "2026-04-02T00:00:00Z"
    assert entries[0].find(f"{ATOM}category").attrib == {"term": "opioids", "label": "Opioids"}
    assert entries[-1].findtext(f"{ATOM}title") == EVIL


def test_feed_keeps_the_newest_feed_entries_and_the_sitemap_keeps_every_page(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**FILES, "site.yaml": SITE_YAML + "feed_entries: 2\n"})
    assert build(site, "--no-search", *TODAY_ARG).exit_code == 0
    entries = ET.fromstring((site / "output/feed.xml").read_bytes()).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f"{BASE}/fentanyl/", f"{BASE}/what-are-benzodiazepines/"]
    locs = (site / "output/sitemap.xml").read_text()
    assert f"{BASE}/escape/" in locs and f"{BASE}/klonopin-addiction/" in locs

    (site / "site.yaml").write_text(SITE_YAML + "feed_entries: 0\n")
    result = build(site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert "site.yaml" in result.output and "feed_entries" in result.output and "at least 1" in result.output
    assert len(ET.fromstring((site / "output/feed.xml").read_bytes()).findall(f"{ATOM}entry")) == 2


def test_robots_points_at_the_sitemap_and_404_exists(out: Path) -> None:
    assert (out / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"
    tree = parse(out / "404.html")
    assert "".join(tree.find(".//h1").itertext()) == "Page not found"
    assert meta_tags(tree)["robots"].startswith("noindex")
    assert tree.find(".//link[@rel='canonical']") is None  # a page search engines are told not to index has none
    # served for any missing path, so its links and assets must be absolute
    for el in [*tree.iterfind(".//*[@href]"), *tree.iterfind(".//*[@src]")]:
        link = el.get("href") or el.get("src")
        assert urlsplit(link).scheme or link.startswith(("/", "#")), link


def test_sample_sitemap_and_feed_parse_and_list_every_published_page(sample: Path) -> None:
    base = yaml.safe_load((REPO / "site.yaml").read_text())["base_url"].rstrip("/")
    articles = [p for p in (REPO / "content/articles").glob("*.md") if not frontmatter(p).get("draft")]
    slugs = sorted(frontmatter(p).get("slug") or p.stem for p in articles if "." not in p.stem)
    plain = list((REPO / "content/pages").glob("*.md"))
    pages = sorted(p.stem for p in plain if "." not in p.stem)
    locs = {u.findtext(f"{SM}loc") for u in ET.fromstring((sample / "sitemap.xml").read_bytes()).iter(f"{SM}url")}
    assert {f"{base}/{slug}/" for slug in slugs + pages} <= locs
    translated = {f"{base}/{p.stem.split('.')[1].lower()}/{frontmatter(p).get('slug') or p.stem.split('.')[0]}/"
                  for p in articles + plain if "." in p.stem}
    assert len(translated) >= 5 and translated <= locs  # the default's slug, unless a translation sets its own
    assert f"{base}/search/" not in locs and f"{base}/404.html" not in locs
    feed = ET.fromstring((sample / "feed.xml").read_bytes())
    ids = [e.findtext(f"{ATOM}id") for e in feed.iterfind(f"{ATOM}entry")]
    assert sorted(ids) == sorted(f"{base}/{slug}/" for slug in slugs)
    updated = [e.findtext(f"{ATOM}updated") for e in feed.iterfind(f"{ATOM}entry")]
    assert updated == sorted(updated, reverse=True)


# --- aliases ------------------------------------------------------------------------------------

def test_alias_gets_a_redirect_page_and_a_redirects_line(out: Path) -> None:
    for rel in ("old/klonopin-guide/index.html", "klonopin.html"):
        tree = parse(out / rel)
        assert tree.find(".//meta[@http-equiv='refresh']").get("content") == "0; url=/klonopin-addiction/"
        assert tree.find(".//link[@rel='canonical']").get("href") == f"{BASE}/klonopin-addiction/"
        assert tree.find(".//main//a").get("href") == "/klonopin-addiction/"
        # or a browser asks the host for /favicon.ico, outside a site served under a path
        assert tree.find(".//link[@rel='icon']").get("href").startswith("data:image/svg+xml,")
    assert (out / "_redirects").read_text() == (
        "/klonopin.html /klonopin-addiction/ 301\n/old/klonopin-guide/ /klonopin-addiction/ 301\n")


def test_redirect_pages_are_not_in_the_sitemap(out: Path) -> None:
    assert "/old/" not in (out / "sitemap.xml").read_text()
    assert "klonopin.html" not in (out / "sitemap.xml").read_text()


SAFE_HINT = ("write an absolute path of letters, digits, '-', '_', '.' and '~' between slashes, such as "
             "/old/klonopin-guide/")
ALIAS_ERRORS = {
    "an alias that is another article's address": (
        {K: article(aliases="[/what-are-benzodiazepines/]")},
        f"{K}:10: aliases[0]: '/what-are-benzodiazepines/' is already the address of "
        "content/articles/what-are-benzodiazepines.md (remove the alias or rename the other page)"),
    "an alias that is a plain page's address": (
        {K: article(aliases="[/contact/index.html]")},
        f"{K}:10: aliases[0]: '/contact/index.html' is already the address of content/pages/contact.md "
        "(remove the alias or rename the other page)"),
    "the same alias on two articles": (
        {K: article(aliases="[/old/benzos/]"),
         "content/articles/what-are-benzodiazepines.md": article("What are benzodiazepines", aliases="[/old/benzos]")},
        "content/articles/what-are-benzodiazepines.md:10: aliases[0]: '/old/benzos' is already the address of "
        f"{K} (remove the alias or rename the other page)"),
    "a relative alias": (
        {K: article(aliases="[old/klonopin/]")},
        f"{K}:10: aliases[0]: 'old/klonopin/' is not a safe site path "
        f"({SAFE_HINT})"),
    "an alias that leaves the site": (
        {K: article(aliases="['//evil.example/x']")},
        f"{K}:10: aliases[0]: '//evil.example/x' is not a safe site path "
        f"({SAFE_HINT})"),
    "an alias with a space": (
        {K: article(aliases="['/old page/']")},
        f"{K}:10: aliases[0]: '/old page/' is not a safe site path ({SAFE_HINT})"),
    "an alias with an encoded ..": (
        {K: article(aliases="[/old/%2e%2e/%2e%2e/x/]")},
        f"{K}:10: aliases[0]: '/old/%2e%2e/%2e%2e/x/' is not a safe site path ({SAFE_HINT})"),
    "an alias that is another host once decoded": (
        {K: article(aliases="['/%2Fevil.example/x/']")},
        f"{K}:10: aliases[0]: '/%2Fevil.example/x/' is not a safe site path ({SAFE_HINT})"),
    "an alias with a part too long for a folder name": (
        {K: article(aliases=f"[/old/{'a' * 300}/]")},
        f"{K}:10: aliases[0]: '/old/{'a' * 300}/' has a part of 300 characters between two slashes; at most 200 "
        "allowed (shorten each part of the path to at most 200 characters)"),
    "an alias with a part too long for a file name in UTF-8": (
        {K: article(aliases=f"[/old/{'é' * 101}.html]")},
        f"{K}:10: aliases[0]: '/old/{'é' * 101}.html' has a part of 207 bytes in UTF-8 (106 characters) between two "
        "slashes; at most 200 allowed (shorten each part of the path to at most 200 characters)"),
    "an alias with ..": (
        {K: article(aliases="[/old/../../x/]")},
        f"{K}:10: aliases[0]: '/old/../../x/' is not a safe site path "
        f"({SAFE_HINT})"),
}


@pytest.mark.parametrize("files, expected", ALIAS_ERRORS.values(), ids=ALIAS_ERRORS.keys())
def test_alias_clash_is_an_error(make_site, run, files, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [expected, "Build failed: 1 error; output left as it was."]


def test_an_old_address_with_accents_is_redirected_as_written_or_encoded(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A French clinic moving its site keeps its old addresses: /médicaments/..., or their encoded form.
    site = make_site({K: article(aliases="[/me\u0301dicaments/klonopin/, /m%C3%A9dicaments/clonaz%C3%A9pam/]")})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    for folder in ("médicaments/klonopin", "médicaments/clonazépam"):
        page = parse(site / "output" / folder / "index.html")
        assert page.find(".//meta[@http-equiv='refresh']").get("content") == "0; url=/klonopin-addiction/"
    assert (site / "output/_redirects").read_text(encoding="utf-8") == (
        "/m%C3%A9dicaments/clonaz%C3%A9pam/ /klonopin-addiction/ 301\n"
        "/m%C3%A9dicaments/klonopin/ /klonopin-addiction/ 301\n")


@pytest.mark.parametrize("alias", ["/drugs/", "/index.html", "/404.html", "/reviewers/dr-ada/", "/search/",
                                   "/insights/opioids/", "/sitemap.xml", "/feed.xml/", "/assets/css/x.html"])
def test_alias_may_not_replace_one_of_the_sites_own_pages(make_site, run, alias: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(aliases=f"['{alias}']")})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1, result.output
    [problem, summary] = result.stderr.splitlines()
    assert problem.startswith(f"{K}:10: aliases[0]: '{alias}' ")
    assert summary == "Build failed: 1 error; output left as it was."


# --- rebuilds: an output changes whenever something it shows changes ------------------------------

def test_a_rebuild_lists_a_new_reviewer_in_the_sitemap(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    make_site({"content/reviewers/dr-cy.yaml": "name: Dr Cy Three\ncredentials: MD\n"})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert f"<loc>{BASE}/reviewers/dr-cy/</loc>" in (site / "output/sitemap.xml").read_text()


def test_a_category_with_nothing_published_is_kept_from_search_engines_until_it_has(make_site, run) -> None:  # type: ignore[no-untyped-def]
    """Its page says it has no insights yet: a search engine would take it for an empty page (a "soft 404")."""
    site = make_site({"content/articles/fentanyl.md": article("Fentanyl", category="opioids", draft="true")})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    empty = (site / "output/insights/opioids/index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in empty and 'rel="canonical"' not in empty
    assert "/insights/opioids/" not in (site / "output/sitemap.xml").read_text()
    listed = (site / "output/insights/benzodiazepines/index.html").read_text()
    assert 'name="robots"' not in listed and f'<link rel="canonical" href="{BASE}/insights/benzodiazepines/">' in listed
    assert run("build", "--site", site, "--no-search", "--drafts", *TODAY_ARG).exit_code == 0
    assert "/insights/opioids/" not in (site / "output/sitemap.xml").read_text()  # a draft is not published
    assert 'name="robots"' in (site / "output/insights/opioids/index.html").read_text()

    make_site({"content/articles/fentanyl.md": article("Fentanyl", category="opioids")})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert 'name="robots"' not in (site / "output/insights/opioids/index.html").read_text()
    assert f"<loc>{BASE}/insights/opioids/</loc>" in (site / "output/sitemap.xml").read_text()


def test_a_rebuild_updates_the_author_when_the_authors_reviewer_file_changes(make_site, run) -> None:  # type: ignore[no-untyped-def]
    files = {"content/reviewers/dr-bo.yaml": "name: Dr Bo Two\ncredentials: MBChB\n",
             K: article(reviewer="dr-bo", author="dr-ada")}
    site = make_site(files)
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    make_site({**files, "content/reviewers/dr-ada.yaml": REVIEWER.replace("Dr Ada Test", "Dr Ada Renamed")})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    page = by_type(site / "output/klonopin-addiction/index.html")["MedicalWebPage"]
    assert page["author"]["name"] == "Dr Ada Renamed"


def test_an_author_given_as_a_reviewer_id_is_shown_by_name_with_a_link(out: Path) -> None:
    byline = parse(out / "fentanyl/index.html").find(".//li[@class='written-by']")
    assert "".join(byline.itertext()) == "Written by Dr Ada Test, MD, psychiatrist"
    assert byline.find("a").get("href") == "/reviewers/dr-ada/"
    free_text = parse(out / "klonopin-addiction/index.html").find(".//li[@class='written-by']")
    assert "".join(free_text.itertext()) == "Written by Clinic editorial team"


def test_the_sample_site_shows_authors_tags_a_raster_image_and_cross_category_related_cards(sample: Path) -> None:
    articles = [frontmatter(source) for source in sorted((REPO / "content/articles").glob("*.md"))]
    authors = {path.stem for path in (REPO / "content/authors").glob("*.yaml") if "." not in path.stem}
    assert authors & {front.get("author") for front in articles}
    assert all((sample / f"authors/{author}/index.html").is_file() for author in authors)
    assert any(front.get("tags") for front in articles) and (sample / "tags/index.html").is_file()
    pictures = [page for page in sample.glob("*/index.html") if "<picture>" in page.read_text(encoding="utf-8")]
    assert pictures, "no article shows a raster image with its resized copies"
    related = [page for page in sample.glob("*/index.html")
               if '<h2 id="insights-title">Related insights</h2>' in page.read_text(encoding="utf-8")]
    assert related, "no article relates one from another category"


def test_a_drug_named_by_its_generic_name_is_listed_as_the_generic_name(sample: Path) -> None:
    entries = {"".join(item.itertext()) for item in parse(sample / "drugs/index.html").iterfind(".//main//li")}
    assert {"fentanyl (generic name)", "Duragesic (brand of fentanyl)", "Klonopin (clonazepam)",
            "clonazepam (generic name)"} <= entries, entries
    assert "Fentanyl" not in entries  # the article's drug name is its generic name, written with a capital
