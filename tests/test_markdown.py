"""The article dialect: GitHub Flavored Markdown plus `!!!` callouts and heading ids."""

from __future__ import annotations

from urllib.parse import unquote

import html5lib
import pytest
from conftest import SITE_YAML, TODAY_ARG, article

from medpress.markdown import Heading, MarkdownRenderer


def render(text: str):  # type: ignore[no-untyped-def]
    return MarkdownRenderer().render(text)


def fragment(text: str):  # type: ignore[no-untyped-def]
    return html5lib.parseFragment(str(render(text).html), namespaceHTMLElements=False)


def test_callout_is_a_labelled_note_holding_markdown() -> None:
    tree = fragment('Before.\n\n!!! warning "Do not stop suddenly"\n    Taper **slowly**.\n\n    - with a plan\n'
                    "    - with support\n\nAfter.\n")
    aside = tree.find("aside")
    assert aside.get("class") == "callout callout-warning" and aside.get("role") == "note"
    title = aside.find("h2[@class='callout-title']")  # a heading: a screen reader moving by headings meets it
    assert title.find("strong").text == "Warning: " and title.find("strong").tail == "Do not stop suddenly"
    assert "".join(aside.find("p").itertext()) == "Taper slowly."
    assert [li.text for li in aside.iterfind("ul/li")] == ["with a plan", "with support"]
    assert [p.text for p in tree.findall("p")] == ["Before.", "After."]


def test_a_callouts_heading_is_one_level_below_the_heading_before_it_and_not_in_the_contents() -> None:
    rendered = render('!!! warning "First"\n    A.\n\n## Dose\n\n!!! note "Second"\n    B.\n\n'
                      '### Missed doses\n\n!!! danger "Third"\n    C.\n\n## Help\n\n!!! tip\n    D.\n')
    tree = html5lib.parseFragment(str(rendered.html), namespaceHTMLElements=False)
    assert [(h.tag, h.get("class")) for h in tree.iter() if h.tag in ("h2", "h3", "h4")] == [
        ("h2", "callout-title"), ("h2", None), ("h3", "callout-title"), ("h3", None), ("h4", "callout-title"),
        ("h2", None), ("h3", "callout-title")]
    assert [h.text for h in rendered.headings] == ["Dose", "Missed doses", "Help"]


def test_a_tables_scrollable_region_is_named_by_the_heading_above_it() -> None:
    rendered = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n## Withdrawal symptoms\n\nText.\n\n"
                      "| Symptom | Days |\n|---|---|\n| Sweats | 1-3 |\n")
    tree = html5lib.parseFragment(str(rendered.html), namespaceHTMLElements=False)
    first, second = tree.findall(".//div[@class='table-wrap']")
    assert (first.get("aria-label"), first.get("aria-labelledby")) == ("Table", None)  # before any heading
    assert (second.get("aria-label"), second.get("aria-labelledby")) == (None, "withdrawal-symptoms")
    assert tree.find(".//h2[@id='withdrawal-symptoms']") is not None


def test_callout_without_title_or_known_kind_says_what_it_is() -> None:
    assert "<strong>Danger</strong>" in render("!!! danger\n    Call 999.\n").html
    assert 'class="callout callout-note"' in render("!!! aside-thing\n    Text.\n").html


def test_callout_title_is_text_and_nests() -> None:
    html = str(render('!!! tip "<script>x</script>"\n    Outer.\n\n    !!! danger\n        Inner.\n').html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('<aside class="callout') == 2 and html.index("callout-tip") < html.index("callout-danger")


def test_callout_syntax_inside_code_stays_code() -> None:
    html = str(render("```\n!!! warning\n    not a callout\n```\n\n    !!! note indented code\n").html)
    assert "<aside" not in html and html.count("!!! ") == 2


def test_every_heading_gets_a_unique_id_and_is_listed() -> None:
    text = "## Risks & *benefits*\n\ntext\n\n### Risks & benefits\n\n## Dose\n\n## Dose\n"
    rendered = render(text)
    assert rendered.headings == (Heading(2, "risks-benefits", "Risks & benefits"),
                                 Heading(3, "risks-benefits_1", "Risks & benefits"),
                                 Heading(2, "dose", "Dose"), Heading(2, "dose_1", "Dose"))
    assert [h.line for h in MarkdownRenderer().render(text, positions=True).headings] == [1, 5, 7, 9]
    assert '<h2 id="risks-benefits">Risks &amp; <em>benefits</em></h2>' in rendered.html


def test_a_heading_in_another_script_keeps_its_letters_in_its_id() -> None:
    arabic = "\u0627\u0644\u062a\u062e\u0632\u064a\u0646 \u0627\u0644\u0622\u0645\u0646"  # safe storage
    rendered = render(f"## {arabic}\n\n## \u6982\u8981\n\n## ---\n")
    assert [h.id for h in rendered.headings] == [arabic.replace(" ", "-"), "\u6982\u8981", "section"]


def test_headings_know_their_line_inside_callouts_too() -> None:
    rendered = MarkdownRenderer().render("Intro.\n\n!!! note\n    Text.\n\n    ## Inside\n\n#### Deep\n",
                                         positions=True)
    assert [(h.text, h.line) for h in rendered.headings] == [("Inside", 6), ("Deep", 8)]
    assert "data-sourcepos" not in rendered.html


def test_a_raw_heading_keeps_its_own_id() -> None:
    rendered = render('<h2 id="own">Own</h2>\n\n## Own\n')
    assert [h.id for h in rendered.headings] == ["own", "own_1"]


def test_tables_footnotes_and_strikethrough() -> None:
    html = str(render("Text.[^1] ~~old~~\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note.\n").html)
    assert '<div class="table-wrap" role="region" aria-label="Table" tabindex="0"><table>' in html
    assert '<a href="#fn-1" id="fnref-1">1</a>' in html and '<li id="fn-1">' in html
    assert '<section class="footnotes" aria-label="Footnotes">' in html and "<del>old</del>" in html


def test_abbreviation_definitions_are_reported_with_their_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\nThe CNS slows.\n\n*[CNS]: central nervous system\n"
    site = make_site({"content/articles/klonopin-addiction.md": article(body=body)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    path = "content/articles/klonopin-addiction.md"
    line = (site / path).read_text().split("\n").index("*[CNS]: central nervous system") + 1
    assert f"{path}:{line}: body: an abbreviation definition" in result.output
    assert "<abbr title=" in result.output


def with_engine(engine: str, body: str) -> dict[str, str]:
    """A site's files whose one article has this body, rendered by this Markdown engine with footnotes."""
    config = SITE_YAML + "markdown:\n  engine: python-markdown\n  extensions: [footnotes]\n" \
        if engine != "gfm" else SITE_YAML
    return {"site.yaml": config, "content/articles/klonopin-addiction.md": article(body=body)}


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_a_footnote_with_no_definition_or_an_empty_one_is_an_error(make_site, run, engine) -> None:  # type: ignore[no-untyped-def]
    # cmark-gfm and Python-Markdown both print an undefined [^9] as text, and an empty footnote as a number
    # leading to nothing; neither cites a source.
    body = ("## Overview\n\nAbout 1 in 5 develop tolerance.[^9] Code such as `[^c]` is code.\n\n"
            "About 20% relapse.[^x] Others stay well.[^1]\n\n[^x]: \n[^1]: A real source.\n")
    site = make_site(with_engine(engine, body))
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    path = "content/articles/klonopin-addiction.md"
    lines = (site / path).read_text().split("\n")
    reference = next(n for n, line in enumerate(lines, 1) if "[^9]" in line)
    definition = lines.index("[^x]: ") + 1
    assert f"{path}:{reference}: body: footnote reference [^9] has no definition, so it shows as text" \
        in result.output, result.output
    assert f"{path}:{definition}: body: footnote [^x] is empty" in result.output
    assert "[^c]" not in result.output and "[^1]" not in result.output


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_a_footnote_label_with_an_accent_links_both_ways(make_site, run, engine) -> None:  # type: ignore[no-untyped-def]
    # cmark-gfm writes [^étude] as id="fn-%C3%A9tude" and href="#fn-%C3%A9tude": a browser finds the
    # element by the fragment as written before it tries it percent-decoded, and so must the link check.
    by_hand = ' See <a href="#fn-étude">the study</a>.' if engine == "gfm" else ""  # as a browser encodes it
    body = (f"## Overview\n\nAbout 1 in 5 develop tolerance.[^étude]{by_hand}\n\n"
            "[^étude]: A French study of tolerance.\n")
    site = make_site(with_engine(engine, body))
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    tree = html5lib.parse((site / "output/klonopin-addiction/index.html").read_bytes(), namespaceHTMLElements=False)
    by_id = {element.get("id"): element for element in tree.iter() if element.get("id")}

    def target(href: str):  # type: ignore[no-untyped-def]
        fragment = href.removeprefix("#")  # as written first, then percent-decoded: HTML's "indicated part"
        return by_id.get(fragment, by_id.get(unquote(fragment)))

    mark = tree.find(".//sup[a]")
    note = tree.find(".//section[@class='footnotes']//li")
    assert target(mark.find("a").get("href")) is note
    assert target(note.find(".//a[@href]").get("href")) in (mark, mark.find("a"))  # Python-Markdown's id is the sup's


def test_footnote_slips_are_named_where_an_editor_wrote_them(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\nWrite `[^9]` to cite, or \\[^2] to show the brackets.\n\n```\n[^9]\n```\n\n"
            "Later text.[^9] And[^a&b].\n\nCited twice.[^1] Again.[^1] Quoted.[^q]\n\n> [^q]:\n\n[^1]:\n\n"
            "Two things matter most[^7]: the dose and how long.\n")
    faq = ('\n  - q: Is it safe?\n    a: "Usually, 10 mg a day.[^3]"'
           '\n  - q: How do I cite?\n    a: "Write \\\\[^4] after the sentence."')
    site = make_site({"content/articles/klonopin-addiction.md": article(body=body, faq=faq)})
    result = run("check", "--site", site, *TODAY_ARG)
    path = "content/articles/klonopin-addiction.md"
    lines = (site / path).read_text().split("\n")
    found = [line for line in result.output.split("\n") if "footnote" in line]
    later = lines.index("Later text.[^9] And[^a&b].") + 1
    assert found == [
        f"{path}:{lines.index('  - q: Is it safe?') + 2}: faq[0].a: footnote reference [^3] has no definition, so "
        "it shows as text (an answer has no footnotes: give the source as a link in the answer, or in the body)",
        f"{path}:{later}: body: footnote reference [^9] has no definition, so it shows as text (add a line "
        "'[^9]: <the source>' below the paragraph, or remove the reference)",
        f"{path}:{later}: body: footnote reference [^a&b] has no definition, so it shows as text (add a line "
        "'[^a&b]: <the source>' below the paragraph, or remove the reference)",
        f"{path}:{lines.index('> [^q]:') + 1}: body: footnote [^q] is empty: its number leads to nothing "
        "(write the source after '[^q]:', or remove the footnote and its reference)",
        f"{path}:{lines.index('[^1]:') + 1}: body: footnote [^1] is empty: its number leads to nothing "
        "(write the source after '[^1]:', or remove the footnote and its reference)",
        f"{path}:{lines.index('Two things matter most[^7]: the dose and how long.') + 1}: body: footnote reference "
        "[^7] has no definition, so it shows as text (add a line '[^7]: <the source>' below the paragraph, or "
        "remove the reference)",
    ], result.output  # not the escaped \\[^2] or \\[^4], nor [^9] in code


def test_what_a_folded_answer_loses_is_named_on_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = ("\n  - q: Can I stop at once?\n    a: >-\n      If you have taken it daily,\n      stopping suddenly"
           " brings on withdrawal.[^3]\n      See ![a chart](../../../chart.png)\n      or [the leaflet](file:///C:/leaflet.pdf).")
    site = make_site({"content/articles/klonopin-addiction.md": article(faq=faq)})
    result = run("check", "--site", site, *TODAY_ARG)
    path = "content/articles/klonopin-addiction.md"  # the answer's key is on line 12, its text on lines 13 to 16
    assert result.output.split("\n")[:4] == [
        f"{path}:14: faq[0].a: footnote reference [^3] has no definition, so it shows as text (an answer has no "
        "footnotes: give the source as a link in the answer, or in the body)",
        f"{path}:15: image: image path '../../../chart.png' leaves assets/ (give a path inside assets/, e.g. "
        "images/room.png or /assets/images/room.png)",
        f"{path}:15: image: shows the image '../../../chart.png', which is not a file of the site (put the image "
        "under assets/ and give its path from there, e.g. images/room.png; or fix the path)",
        f"{path}:16: faq[0].a: 'file:///C:/leaflet.pdf' is a file on a computer, which no visitor can open: the page "
        "would show the link's text or the image's alt text alone (put the file under assets/ and give its path "
        "from there, e.g. /assets/leaflet.pdf or images/chart.png)"]


def test_rendering_frees_what_cmark_allocates() -> None:
    # cmarkgfm's own wrapper leaks the document and the HTML (about 90 kB for a text like this).
    import resource

    paragraph = "A sentence about *tapering* with a [link](/x/) and a table.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    text = "## Dose\n\n" + paragraph * 40
    renderer = MarkdownRenderer()
    renderer.render(text)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(1500):
        renderer.render(text)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 30, f"memory grew {grown_mb:.0f} MB over 1,500 renders"


def test_an_address_the_page_cannot_keep_is_an_error_at_its_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # The allow-list takes such an address out: the page would show a link going nowhere or an image of nothing.
    lines = ["## Overview", "", "See the [leaflet](file:///C:/Users/nadia/leaflet.pdf).", "",
             "![Dosing chart](C:\\Users\\nadia\\chart.png)", "", "[Run](javascript:alert(1)) it.", ""]
    answer = "\n  - q: Where is the chart?\n    a: |-\n      Here:\n      ![chart](file:///chart.png)"
    site = make_site({"content/articles/klonopin-addiction.md": article(body="\n".join(lines), faq=answer)})
    before = run("build", "--site", site, "--no-search", *TODAY_ARG)
    result = run("check", "--site", site, *TODAY_ARG)
    assert before.exit_code == 1 and result.exit_code == 1
    path = "content/articles/klonopin-addiction.md"
    text = (site / path).read_text().split("\n")
    at = {written: text.index(written) + 1 for written in (lines[2], lines[4], lines[6], "      ![chart](file:///chart.png)")}
    assert (f"{path}:{at[lines[2]]}: body: 'file:///C:/Users/nadia/leaflet.pdf' is a file on a computer"
            in result.output)
    assert f"{path}:{at[lines[4]]}: body: 'C:\\Users\\nadia\\chart.png' is a file on a computer" in result.output
    assert f"{path}:{at[lines[6]]}: body: 'javascript:alert(1)' is an address medpress does not" in result.output
    assert f"{path}:{at['      ![chart](file:///chart.png)']}: faq[0].a: 'file:///chart.png'" in result.output
    assert "put the file under assets/" in result.output and not (site / "output").exists()


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_an_image_at_an_http_address_is_one_the_page_cannot_keep_and_a_link_to_one_is_not(engine: str) -> None:
    # The site's Content-Security-Policy allows images from https: only, as browsers do on an https page.
    rendered = MarkdownRenderer(engine).render(
        '![A tablet](http://example.org/tablet.png) on [a page](http://example.org/), <img alt="B" '
        'src="HTTP://example.org/b.png"> and ![C](https://example.org/c.png).\n\n<a href="http://x.example/">x</a>\n'
        # Quoted values may hold < and > before the src.
        '\n<img alt="Pupils > 3 mm" src="http://example.org/p.png"> <img alt="a<b" title=\'<b>\' '
        'src="http://example.org/ab.png">\n')
    assert rendered.dropped == ("http://example.org/tablet.png", "HTTP://example.org/b.png",
                                "http://example.org/p.png", "http://example.org/ab.png")


def test_an_image_at_an_http_address_is_an_error_at_its_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\nA [page](http://example.org/) is fine.\n\n![A tablet](http://example.org/tablet.png)\n"
    site = make_site({"content/articles/klonopin-addiction.md": article(body=body)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "content/articles/klonopin-addiction.md:15: body: 'http://example.org/tablet.png' is an image at an http:// "
        "address, which browsers block on an https page, as the site's Content-Security-Policy does everywhere: the "
        "page would show its alt text alone (use the image's https:// address, or put the file under assets/ and give "
        "its path from there, e.g. images/chart.png)"]


@pytest.mark.parametrize(("written", "said"), [
    ("jav&#x09;ascript:alert(3)", "jav&#x09;ascript:alert(3)"),  # a tab or a line break: browsers take it out
    ("java&#10;script:alert(3)", "java&#10;script:alert(3)"),
    ("&#x0c; javascript:alert(3)", "&#x0c; javascript:alert(3)"),  # controls and spaces in front, too
    ("&#106;avascript:alert(3)", "javascript:alert(3)"),  # entities are read before the address is
    ("javascript&colon;alert(3)", "javascript:alert(3)"),
])
def test_a_disguised_javascript_link_is_an_address_the_page_cannot_keep(written: str, said: str) -> None:
    # The allow-list reads it as a browser does and drops it: it is said, not left as a link going nowhere.
    rendered = render(f'See <a href="{written}">this</a>.\n')
    assert "<a>this</a>" in str(rendered.html) and rendered.dropped == (said,)


def test_a_disguised_javascript_link_is_an_error_at_its_line_in_the_body_and_in_an_answer(make_site, run) -> None:  # type: ignore[no-untyped-def]
    lines = ["## Overview", "", 'A <a href="jav&#x09;ascript:alert(3)">tab</a>.', "",
             '<a href="java&#10;script:alert(3)">A line break</a>.', "",
             "[Percent-encoded](jav%09ascript:alert(3)) is a relative link, which browsers do not decode.", ""]
    answer = '\n  - q: Where?\n    a: <a href="&#x20;java&#x0d;script:alert(3)">Here</a>.'
    site = make_site({"content/articles/klonopin-addiction.md": article(body="\n".join(lines), faq=answer)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    path = "content/articles/klonopin-addiction.md"
    at = {line: number for number, line in enumerate((site / path).read_text().split("\n"), 1)}
    unpublished = ("is an address medpress does not publish (javascript:): the page would show the link's text or "
                   "the image's alt text alone")
    assert f"{path}:{at[lines[2]]}: body: 'jav&#x09;ascript:alert(3)' {unpublished}" in result.stderr
    assert f"{path}:{at[lines[4]]}: body: 'java&#10;script:alert(3)' {unpublished}" in result.stderr
    assert f"{path}:{at[lines[6]]}: link: links to 'jav%09ascript:alert(3)', which is not a page" in result.stderr
    answer_line = at['    a: <a href="&#x20;java&#x0d;script:alert(3)">Here</a>.']
    assert f"{path}:{answer_line}: faq[0].a: '&#x20;java&#x0d;script:alert(3)' {unpublished}" in result.stderr


def test_nesting_counts_quotes_list_markers_and_open_html_elements_from_their_line() -> None:
    from medpress.markdown import MAX_NESTING, nesting

    assert nesting(">" * MAX_NESTING + " kept") == (0, 0)  # too few '>' to be measured
    assert nesting("Intro\n\n" + "> - " * 50 + "<div>\n" + "<section>\n" * 70) == (101, 3)
    assert nesting("Intro\n\n" + "<section>\n" * 120) == (120, 103)
    # An autolink, an address, a comparison, an unclosed <p> or <li> and a closed element nest nothing.
    flat = "<https://nida.example> <me@clinic.example> dose > 5 mg <p>a <li>b <div>c</div>\n"
    assert nesting(flat * 200) == (1, 0)
    assert nesting("<h2>Taper\n" * 150 + "<a href='/x/'>x\n" * 150) == (0, 0)  # the next heading or link closes one
    assert nesting("- " * 150 + "x") == (0, 0)  # cmark-gfm nests lists at most 100 deep itself
    assert nesting("- " * 150 + "x", by_lines=True) == (150, 1)


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_a_footnote_defined_twice_is_an_error_and_one_nothing_cites_a_warning(make_site, run, engine) -> None:  # type: ignore[no-untyped-def]
    # cmark-gfm shows a label's first definition and drops what nothing cites; Python-Markdown shows the last
    # one, and lists an uncited one with no number leading to it. Either way a source the editor wrote is lost.
    body = ("## Overview\n\nAbout 10% relapse.[^a] About 20% drop out.[^b]\n\n"
            "[^a]: Study one, 2020.\n[^b]: Study two, 2021.\n[^a]: Study three, 2022.\n[^spare]: Never cited.\n\n"
            "```\n[^a]: code, not a definition\n```\n\nA definition is written so:\n\n    [^a]: code too\n")
    site = make_site(with_engine(engine, body))
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    path = "content/articles/klonopin-addiction.md"
    lines = (site / path).read_text().split("\n")
    again, spare = lines.index("[^a]: Study three, 2022.") + 1, lines.index("[^spare]: Never cited.") + 1
    assert f"{path}:{again}: body: footnote [^a] is defined a second time here" in result.output, result.output
    assert f"warning: {path}:{spare}: body: footnote [^spare] is defined but nothing in the text cites it" \
        in result.output
    assert result.output.count("footnote [^") == 2  # the fenced and the indented one define nothing


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_a_footnote_defined_in_a_list_item_or_a_quote_is_a_definition(make_site, run, engine) -> None:  # type: ignore[no-untyped-def]
    # Both engines take "- [^1]: ..." and "> - [^1]: ..." for definitions (leaving an empty item behind): its own
    # label cites nothing, and a second one repeats it.
    body = ("## Overview\n\nAbout 10% relapse.[^a]\n\n- [^a]: Study one, 2020.\n- [^uncited]: Never cited.\n"
            "- [^a]: Study two, 2021.\n\n> - [^quoted]: Quoted, never cited.\n")
    site = make_site(with_engine(engine, body))
    html = MarkdownRenderer(engine, ("footnotes",)).render(body).html
    assert 'id="fn-a"' in html or 'id="fn:a"' in html  # what the check takes it for, the engine renders
    result = run("check", "--site", site, *TODAY_ARG)
    path = "content/articles/klonopin-addiction.md"
    lines = (site / path).read_text().split("\n")
    uncited, again = lines.index("- [^uncited]: Never cited.") + 1, lines.index("- [^a]: Study two, 2021.") + 1
    quoted = lines.index("> - [^quoted]: Quoted, never cited.") + 1
    assert f"{path}:{again}: body: footnote [^a] is defined a second time here" in result.output, result.output
    for line, label in ((uncited, "uncited"), (quoted, "quoted")):
        assert f"warning: {path}:{line}: body: footnote [^{label}] is defined but nothing in the text cites it" \
            in result.output, result.output
    assert result.output.count("footnote [^") == 3


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_a_footnote_cited_only_in_a_comment_or_code_is_a_warning_that_says_so(make_site, run, engine) -> None:  # type: ignore[no-untyped-def]
    # Neither engine shows a comment, and code shows "[^1]" as code: no number leads to the source.
    body = ("## Overview\n\nAbout 10% relapse.<!-- [^a] -->\n\n<!--\nTo cite: [^b]\n-->\n\n"
            "Written `[^c]` so.\n\n> ```\n> [^d]\n> ```\n\n- Step one.\n  ```\n  [^e]\n  ```\n\n"
            "Shown.[^f] <!-- a comment --> Shown too.[^g]\n\n"
            "[^a]: A.\n[^b]: B.\n[^c]: C.\n[^d]: D.\n[^e]: E.\n[^f]: F.\n[^g]: G.\n")
    site = make_site(with_engine(engine, body))
    html = str(MarkdownRenderer(engine, ("footnotes",)).render(body).html)
    assert [label for label in "abcdefg" if f'href="#fn-{label}"' in html or f'href="#fn:{label}"' in html] \
        == ["f", "g"]  # the only numbers the page shows
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0, result.output  # warnings: nothing points at a reference that is not there
    path = "content/articles/klonopin-addiction.md"
    lines = (site / path).read_text().split("\n")
    for label, reference in (("a", "About 10% relapse.<!-- [^a] -->"), ("b", "To cite: [^b]"),
                             ("c", "Written `[^c]` so."), ("d", "> [^d]"), ("e", "  [^e]")):
        defined = lines.index(f"[^{label}]: {label.upper()}.") + 1
        assert (f"warning: {path}:{defined}: body: footnote [^{label}] is cited only inside code or an HTML comment "
                f"(line {lines.index(reference) + 1}), which the page does not show") in result.output, result.output
    assert result.output.count("footnote [^") == 5


def test_python_markdown_lists_a_footnote_nothing_cites_with_no_way_back_to_a_reference_not_there(  # type: ignore[no-untyped-def]
        make_site, run) -> None:
    # Python-Markdown links each footnote back to "#fnref:<label>": for one cited nowhere (or in a comment) no
    # element has that id. The editor is told of the footnote, not of a broken link in "site.yaml or layouts".
    body = "## Overview\n\nShown.[^a] Hidden.<!-- [^b] -->\n\n[^a]: A.\n[^b]: B.\n[^c]: C.\n"
    site = make_site(with_engine("python-markdown", body))
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert "fnref" not in result.output and result.output.count("footnote [^") == 2, result.output
    page = html5lib.parse((site / "output/klonopin-addiction/index.html").read_bytes(), namespaceHTMLElements=False)
    notes = page.find(".//section[@class='footnotes']/ol")
    assert [[link.get("href") for link in note.iter("a")] for note in notes] == [["#fnref:a"], [], []]


def test_a_comment_left_open_hides_what_follows_only_when_it_opens_its_line() -> None:
    from medpress.markdown import StrayFootnote, stray_footnotes

    # In a paragraph an unclosed "<!--" is text (both engines show it, and the reference after it); at the start
    # of a line it is an HTML block running to the end, which the page drops, the definition with it.
    assert stray_footnotes("Text <!-- oops [^1] open.\n\n[^1]: Source.\n") == ()
    assert stray_footnotes("Text.\n\n<!-- open\n\n[^1]: Source.\n") == ()
    assert stray_footnotes("Text <!-- a\n[^1] --> shown.[^2]\n\n[^1]: A.\n[^2]: B.\n") == (
        StrayFootnote(4, "1", again=False, hidden=2),)


@pytest.mark.parametrize("engine, again", [("gfm", True), ("python-markdown", False)])
def test_footnote_labels_differing_in_case_are_one_in_commonmark_two_in_python_markdown(  # type: ignore[no-untyped-def]
        make_site, run, engine, again) -> None:
    body = "## Overview\n\nOne.[^A] Two.[^a]\n\n[^A]: First source.\n[^a]: Second source.\n"
    site = make_site(with_engine(engine, body))
    result = run("check", "--site", site, *TODAY_ARG)
    assert ("footnote [^a] is defined a second time here" in result.output) is again, result.output
    assert result.exit_code == (1 if again else 0)
