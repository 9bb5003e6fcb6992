"""check: strict frontmatter, exact messages with file:line and key, text and JSON output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SITE_YAML, TODAY_ARG, article
from test_images import png

from medpress.errors import Problem

K = "content/articles/klonopin-addiction.md"
SVG = "<svg xmlns='http://www.w3.org/2000/svg'/>"
ONE_LINE = "write the address on one line with no space in it; a space in a path is written %20"


def problem_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    """The problems check printed (stderr), without its summary line."""
    return [line for line in result.stderr.splitlines() if line and not line.endswith("warning(s).")]


STRICT_CASES = {
    "unknown key with did-you-mean": (
        {K: article(sumary="Oops.")},
        [f"{K}:10: sumary: unknown key (did you mean 'summary'?)"]),
    "reviwer typo never publishes an unreviewed page": (
        {K: article(reviewer="<drop>", reviwer="dr-ada")},
        [f"{K}:1: reviewer: is required but missing (add 'reviewer:')",
         f"{K}:9: reviwer: unknown key (did you mean 'reviewer'?)"]),
    "unknown nested key": (
        {K: article(drug="\n  name: Klonopin\n  generics: clonazepam")},
        [f"{K}:12: drug.generics: unknown key (did you mean 'generic'?)"]),
    "unknown key in a reviewer file": (
        {"content/reviewers/dr-ada.yaml": "name: Dr Ada Test\ncredentials: MD\nbiography: Long.\n"},
        ["content/reviewers/dr-ada.yaml:3: biography: unknown key "
         "(known: bio, credentials, image, name, role, same_as)",  # first: it explains the two below
         f"{K}:5: reviewer: the reviewer file of 'dr-ada' has errors "
         "(fix that file first: its errors are listed with it)",
         "content/articles/what-are-benzodiazepines.md:5: reviewer: the reviewer file of 'dr-ada' has errors "
         "(fix that file first: its errors are listed with it)"]),
    "a timeline step without its step": (
        {"site.yaml": SITE_YAML.replace("{when: Weeks 2-4, step: Therapy}", "{when: Weeks 2-4}")},
        ["site.yaml:20: categories.benzodiazepines.timeline[1].step: is required but missing (add 'step:')"]),
    "a phone number a tel: link cannot dial": (
        {"site.yaml": SITE_YAML.replace('phone: "+44 1 2345"', 'phone: "call us <b>"')},
        ["site.yaml:6: organization.phone: 'call us <b>' is not valid (write digits, spaces and + - ( ) only, "
         "e.g. +44 20 7946 0000)"]),
    "categories written as a list": (
        {"site.yaml": SITE_YAML.split("categories:")[0] + "categories: [opioids]\n"
                      + "accreditations:" + SITE_YAML.split("accreditations:")[1]},
        ["site.yaml:13: categories: must be a set of 'key: value' lines, not a list (write a 'name: ...' line for "
         "each, indented under it)"]),
    "unknown key in site.yaml": (
        {"site.yaml": SITE_YAML + "tagle: Typo\n"},
        ["site.yaml:32: tagle: unknown key (did you mean 'tagline'?)"]),
    "a string where the tags list is expected": (
        {K: article(tags="benzodiazepines")},
        [f"{K}:10: tags: must be a list, not the text 'benzodiazepines' (start each item on its own line with '- ')"]),
    "a string where the related list is expected": (
        {K: article(related="what-are-benzodiazepines")},
        [f"{K}:10: related: must be a list, not the text 'what-are-benzodiazepines' "
         "(start each item on its own line with '- ')"]),
    "a string where the sources list is expected": (
        {K: article(sources="https://nida.example/x")},
        [f"{K}:8: sources: must be a list, not the text 'https://nida.example/x' "
         "(start each item on its own line with '- ')"]),
    "a string where the aliases list is expected": (
        {K: article(aliases="/old/")},
        [f"{K}:10: aliases: must be a list, not the text '/old/' (start each item on its own line with '- ')"]),
    "a string where brand_names is expected": (
        {K: article(drug="\n  name: Klonopin\n  brand_names: Rivotril")},
        [f"{K}:12: drug.brand_names: must be a list, not the text 'Rivotril' "
         "(start each item on its own line with '- ')"]),
    "a list where text is expected": (
        {K: article(title="[Klonopin, addiction]")},
        [f"{K}:2: title: must be text, not a list (put the value in quotes)"]),
    "fact_checked as the text yes": (
        {K: article(fact_checked='"yes"')},
        [f"{K}:7: fact_checked: must be true or false, not the text 'yes' (write true or false without quotes)"]),
    "empty title in quotes": (
        {K: article(title='""')},
        [f"{K}:2: title: must not be empty (write its text)"]),
    "empty title": (
        {K: article(title="")},
        [f"{K}:2: title: is required but empty (write its value after 'title:')"]),
    "summary too long": (
        {K: article(summary="x" * 301)},
        [f"{K}:3: summary: is 301 characters long; at most 300 allowed (shorten it)"]),
    "duplicate slug between two articles": (
        {"content/articles/klonopin-copy.md": article("Copy", slug="klonopin-addiction")},
        ["content/articles/klonopin-copy.md:10: slug: slug 'klonopin-addiction' is already used by "
         f"{K} (give one of them a different slug: line)"]),
    "duplicate slug between a page and an article": (
        {"content/pages/klonopin-addiction.md": "---\ntitle: Page\nsummary: A page.\n---\nText.\n"},
        ["content/pages/klonopin-addiction.md:1: slug: slug 'klonopin-addiction' is already used by "
         f"{K} (give one of them a different slug: line)"]),
    "slug that takes the address of an article named by its file": (  # the file with the slug: line is named
        {"content/articles/a-copy.md": article("Copy", slug="klonopin-addiction")},
        ["content/articles/a-copy.md:10: slug: slug 'klonopin-addiction' is already used by "
         f"{K} (give one of them a different slug: line)"]),
    "slug that takes the address of a page named by its file": (
        {"content/articles/a-copy.md": article("Copy", slug="contact")},
        ["content/articles/a-copy.md:10: slug: slug 'contact' is already used by content/pages/contact.md "
         "(give one of them a different slug: line)"]),
    "slug that is not URL-safe": (
        {K: article(slug="Klonopin_Addiction")},
        [f"{K}:10: slug: 'Klonopin_Addiction' is not valid "
         "(use lower-case letters, digits and single hyphens, e.g. klonopin-addiction)"]),
    "file name that is not URL-safe and no slug": (
        {"content/articles/Klonopin Guide.md": article("Guide")},
        ["content/articles/Klonopin Guide.md:1: slug: the file name 'Klonopin Guide' cannot be used as a URL "
         "(rename the file or add a slug: line; use lower-case letters, digits and single hyphens, "
         "e.g. klonopin-addiction)"]),
    "slug reserved for the site's own pages": (
        {"content/articles/search-tips.md": article("Search tips", slug="search")},
        ["content/articles/search-tips.md:10: slug: 'search' is reserved for the site's own pages "
         "(choose another slug)"]),
    "related slug that points nowhere": (
        {K: article(related="[what-are-benzos]")},
        [f"{K}:10: related[0]: no article with slug 'what-are-benzos' (did you mean 'what-are-benzodiazepines'?)"]),
    "related names the file of an article given a slug of its own": (
        {K: article(related="[what-are-benzodiazepines]"),
         "content/articles/what-are-benzodiazepines.md": article("What are benzodiazepines", slug="benzos")},
        [f"{K}:10: related[0]: no article with slug 'what-are-benzodiazepines' "
         "(content/articles/what-are-benzodiazepines.md has the slug 'benzos' now: name that)"]),
    "related slug that points at the page itself": (
        {K: article(related="[what-are-benzodiazepines, klonopin-addiction]")},
        [f"{K}:10: related[1]: an article cannot be related to itself (remove 'klonopin-addiction')"]),
    "related entry that is not a slug": (
        {K: article(related="[What Are Benzodiazepines]")},
        [f"{K}:10: related[0]: 'What Are Benzodiazepines' is not valid "
         "(use lower-case letters, digits and single hyphens, e.g. klonopin-addiction)"]),
    "FAQ item without an answer": (
        {K: article(faq="\n  - q: Is it safe to stop suddenly?")},
        [f"{K}:11: faq[0].a: is required but missing (add 'a:')"]),
    "FAQ item with an empty answer": (
        {K: article(faq="\n  - q: Is it safe to stop suddenly?\n    a:")},
        [f"{K}:12: faq[0].a: is required but empty (write its value after 'a:')"]),
    "FAQ item without a question": (
        {K: article(faq="\n  - a: No.")},
        [f"{K}:11: faq[0].q: is required but missing (add 'q:')"]),
    "image without alt text": (
        {K: article(image="\n  src: images/pill.svg"), "assets/images/pill.svg": SVG},
        [f"{K}:10: image.alt: is required but missing (add 'alt:')"]),
    "image with empty alt text": (
        {K: article(image='\n  src: images/pill.svg\n  alt: ""'), "assets/images/pill.svg": SVG},
        [f"{K}:12: image.alt: must not be empty (write its text)"]),
    "image that is not in assets": (
        {K: article(image="\n  src: images/pill.svg\n  alt: A pill")},
        [f"{K}:10: image.src: no file assets/images/pill.svg "
         "(put the file under assets/ and give its path, e.g. images/pills.svg)"]),
    "image misspelt": (
        {K: article(image="\n  src: images/pil.svg\n  alt: A pill"), "assets/images/pill.svg": SVG},
        [f"{K}:10: image.src: no file assets/images/pil.svg (did you mean 'images/pill.svg'?)"]),
    "source without a title": (
        {K: article(sources='\n  - {publisher: NIDA, url: "https://nida.example/x"}')},
        [f"{K}:9: sources[0].title: is required but missing (add 'title:')"]),
    "source with an empty title": (
        {K: article(sources='\n  - {title: "", url: "https://nida.example/x"}')},
        [f"{K}:9: sources[0].title: must not be empty (write its text)"]),
    "source written as text": (
        {K: article(sources="\n  - NHS alprazolam page")},
        [f"{K}:9: sources[0]: must be a set of 'key: value' lines, not the text 'NHS alprazolam page' "
         "(write it as {title: ..., publisher: ..., url: ...})"]),
    "source URL without a scheme": (
        {K: article(sources='\n  - {title: A source, url: "nida.example/x"}')},
        [f"{K}:9: sources[0].url: 'nida.example/x' is not a valid URL (write a full https://... address)"]),
    "source URL with a bad scheme": (
        {K: article(sources='\n  - {title: A source, url: "htp:/nida.example"}')},
        [f"{K}:9: sources[0].url: 'htp:/nida.example' is not a valid URL (write a full https://... address)"]),
    "source URL with a space": (
        {K: article(sources='\n  - {title: A source, url: "https://nida.example/a b"}')},
        [f"{K}:9: sources[0].url: 'https://nida.example/a b' is not a valid URL: it holds a space ({ONE_LINE})"]),
    "source URL that is a Markdown link": (
        {K: article(sources='\n  - {title: A source, url: "https://[www.nhs.uk](https://www.nhs.uk/medicines/)"}')},
        [f"{K}:9: sources[0].url: 'https://[www.nhs.uk](https://www.nhs.uk/medicines/)' holds a Markdown link, "
         "[text](address), where a plain address belongs (write the address alone: https://www.nhs.uk/medicines/)"]),
    "source URL with a host in brackets": (
        {K: article(sources='\n  - {title: A source, url: "https://[www.nhs.uk]/medicines/"}')},
        [f"{K}:9: sources[0].url: 'https://[www.nhs.uk]/medicines/' is not a valid URL: square brackets in a host "
         "are only for a whole IPv6 address, as in https://[2001:db8::1]/ (write a full https://... address)"]),
    "image address with a host in brackets": (
        {K: article(image='\n  src: "https://[cdn.example]/pill.png"\n  alt: A pill')},
        [f"{K}:11: image.src: 'https://[cdn.example]/pill.png' is not a valid URL: square brackets in a host are "
         "only for a whole IPv6 address, as in https://[2001:db8::1]/ (write a full https://... address)"]),
    "image at an http:// address": (
        {K: article(image='\n  src: "http://cdn.example/pill.png"\n  alt: A pill')},
        [f"{K}:11: image.src: 'http://cdn.example/pill.png' is an image at an http:// address, which browsers "
         "block on an https page, as the site's Content-Security-Policy does everywhere (use the image's https:// "
         "address, or put the file under assets/ and give its path from there, e.g. images/chart.png)"]),
    "image at an https: address in capitals with one slash, quoted as written": (
        {K: article(image='\n  src: "HTTPS:/cdn.example/pill.png"\n  alt: A pill')},
        [f"{K}:11: image.src: 'HTTPS:/cdn.example/pill.png' is not a valid URL (write a full https://... address)"]),
    "image at an http: address with one slash, which browsers read as http://": (
        {K: article(image='\n  src: "HTTP:/cdn.example/pill.png"\n  alt: A pill')},
        [f"{K}:11: image.src: 'HTTP:/cdn.example/pill.png' is an image at an http:// address, which browsers "
         "block on an https page, as the site's Content-Security-Policy does everywhere (use the image's https:// "
         "address, or put the file under assets/ and give its path from there, e.g. images/chart.png)"]),
    "reviewed as an ISO week": (
        {K: article(reviewed="2026-W09")},
        [f"{K}:6: reviewed: '2026-W09' is not written YYYY-MM-DD (write it as YYYY-MM-DD, e.g. 2026-03-31)"]),
    "reviewed in ISO's basic form, quoted": (
        {K: article(reviewed='"20260301"')},
        [f"{K}:6: reviewed: '20260301' is not written YYYY-MM-DD (write it as YYYY-MM-DD, e.g. 2026-03-31)"]),
    "reviewed in brackets, a list": (
        {K: article(reviewed="[2026-03-01]")},
        [f"{K}:6: reviewed: must be a date, not a list (write one date as YYYY-MM-DD, without brackets or braces, "
         "e.g. 2026-03-31)"]),
    "updated as digits YAML reads as a number": (
        {K: article(updated="2026_03_01")},
        [f"{K}:10: updated: '2026_03_01' is not a date (write it as YYYY-MM-DD, e.g. 2026-03-31)"]),
    "unknown category": (
        {K: article(category="benzos")},
        [f"{K}:4: category: no category 'benzos' in site.yaml (known: benzodiazepines, opioids)"]),
    "a level-1 heading in the body": (
        {K: article(body="# Big heading\n\nText.\n")},
        [f"{K}:11: body: heading 'Big heading' is a level-1 heading "
         "(the title is the page's only H1: start sections with ##)"]),
    "a heading that skips a level": (
        {K: article(body="## Overview\n\n#### Detail\n")},  # the body starts on line 11
        [f"{K}:13: body: heading 'Detail' skips from H2 to H4 (use ### for it)"]),
    "an accreditation logo that is not in assets": (
        {"site.yaml": SITE_YAML.replace("- {name: Test Accreditor}", "- {name: Test Accreditor, logo: images/a.svg}")},
        [f"site.yaml:{SITE_YAML.split(chr(10)).index('  - {name: Test Accreditor}') + 1}: accreditations[0].logo: "
         "no file assets/images/a.svg (put the file under assets/ and give its path there, e.g. "
         "images/accreditor.svg)"]),
    "a review_policy value of the wrong type": (
        {"site.yaml": SITE_YAML.replace("max_age_days: 365", "max_age_days: soon")},
        ["site.yaml:10: review_policy.max_age_days: must be a whole number, not the text 'soon' (write it in digits, "
         "without quotes or words around it)"]),
    "a review_policy key with a typo": (
        {"site.yaml": SITE_YAML.replace("min_sources: 1", "min_source: 1")},
        ["site.yaml:12: review_policy.min_source: unknown key (did you mean 'min_sources'?)"]),
    "no articles folder": (
        {K: None, "content/articles/what-are-benzodiazepines.md": None},
        ['content/articles: no content/articles/ folder (create it and add an article with `medpress new "Title"`)']),
    "invalid YAML": (
        {K: article(summary="Dose: 2 mg: daily")},
        [f"{K}:3: summary: invalid YAML: mapping values are not allowed in this context "
         "(put quotes around a value that contains ': ')"]),
    "a key indented more than the key above it": (
        {K: article().replace("\nsummary:", "\n  summary:", 1)},
        [f"{K}:3: summary: invalid YAML: mapping values are not allowed in this context "
         "(this line is indented more than the line above it: line the keys up)"]),
    "a value in a word processor's curly quotes": (
        {K: article(summary="\u201cDose: 2 mg daily\u201d")},
        [f"{K}:3: summary: invalid YAML: mapping values are not allowed in this context (the value is in curly "
         "quotes, which YAML keeps as text: write the quotes straight, \" or ', e.g. title: \"Naloxone: a guide\")"]),
}


@pytest.mark.parametrize("files, expected", STRICT_CASES.values(), ids=STRICT_CASES.keys())
def test_strictness_error(make_site, run, files, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    result = run("check", "--site", site, *TODAY_ARG)
    assert problem_lines(result) == expected
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"{len(expected)} error(s), 0 warning(s)."


@pytest.mark.parametrize("related, hint", [
    # The start of a slug, or of one of its words, too short for difflib's cutoff.
    ("xanax", "did you mean 'xanax-addiction-treatment'?"),
    ("valium", "did you mean 'valium-diazepam'?"),
    ("benzodiazepine", "did you mean 'what-are-benzodiazepines-and-z-drugs'?"),
    ("klonopin", "did you mean 'klonopin-addiction-and-tapering'?"),  # not the article's own slug
    ("klonopin-add", "did you mean 'klonopin-addiction-and-tapering'?"),
    ("opioid", "did you mean 'opioid-withdrawal'?"),  # one that starts with it, before one with a word that does
    # Nothing alike, too short to be a cut, or the start of several words: no article is named.
    ("aspirin", "known: "),
    ("zopiclone", "known: "),
    ("xan", "known: "),
    ("treat", "known: "),
])
def test_a_related_slug_cut_short_suggests_the_article_it_was_cut_from(make_site, run, related, hint) -> None:  # type: ignore[no-untyped-def]
    slugs = ("xanax-addiction-treatment", "valium-diazepam", "what-are-benzodiazepines-and-z-drugs",
             "klonopin-addiction-and-tapering", "opioid-withdrawal", "treating-opioid-use", "stopping-opioids",
             "treatment-options")
    others = {f"content/articles/{slug}.md": article(slug.replace("-", " ").capitalize()) for slug in slugs}
    site = make_site({K: article(related=f"[{related}]"), "content/articles/what-are-benzodiazepines.md": None,
                      **others})
    result = run("check", "--site", site, *TODAY_ARG)
    listed = ", ".join(sorted(slugs))  # not the article's own
    said = hint + listed if hint == "known: " else hint
    assert problem_lines(result) == [f"{K}:10: related[0]: no article with slug '{related}' ({said})"]


LONG_CSS = "assets/css/" + "b" * 241 + ".css"  # 245 characters: 256 with the fingerprint the build adds
LONG_PNG = "assets/images/" + "b" * 241 + ".png"  # its copies' names are longer still
ASSET_NAME_TOO_LONG = ("the file's name is 245 characters long; at most 200 allowed, to leave room for the fingerprint "
                       "or width the build adds to it (rename the file to at most 200 characters)")
NAME_CASES = {
    "a slug too long for a folder name": (
        {K: article(slug="a" * 300)},
        [f"{K}:10: slug: is 300 characters long; at most 200 allowed (shorten the slug to at most 200 characters)"]),
    "a file name too long for a slug": (
        {"content/articles/" + "a" * 201 + ".md": article("Guide")},
        ["content/articles/" + "a" * 201 + ".md:1: slug: the file name is 201 characters long; a slug may have at "
         "most 200 (rename the file, or add a slug: line of at most 200 characters)"]),
    "a category id too long for a folder name": (
        {"site.yaml": SITE_YAML.replace("  opioids:\n", f"  opioids:\n    title: Opioids\n  {'o' * 201}:\n")},
        [f"site.yaml:23: categories.{'o' * 201}: category id is 201 characters long; at most 200 allowed "
         "(shorten the id to at most 200 characters)"]),
    "a stylesheet whose fingerprinted name is too long": (
        {LONG_CSS: "body { color: #222; }\n"},
        [f"{LONG_CSS}: {ASSET_NAME_TOO_LONG}"]),
    "an image whose copies' names are too long": (
        {LONG_PNG: png(), K: article(body=f"## Overview\n\n![A room]({LONG_PNG.removeprefix('assets/')})\n")},
        [f"{LONG_PNG}: {ASSET_NAME_TOO_LONG}"]),
}


@pytest.mark.parametrize("files, expected", NAME_CASES.values(), ids=NAME_CASES.keys())
def test_a_name_too_long_for_a_file_is_an_error_of_check_and_build(make_site, run, files, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    checked = run("check", "--site", site, *TODAY_ARG)
    assert (checked.exit_code, problem_lines(checked)) == (1, expected)
    built = run("build", "--site", site, "--no-search", *TODAY_ARG)
    failed = "Build failed: 1 error; output left as it was."
    assert (built.exit_code, built.stderr.splitlines()) == (1, [*expected, failed])


PASTED = "https://[www.nhs.uk](https://www.nhs.uk/)"
PASTED_PROBLEM = (f"'{PASTED}' holds a Markdown link, [text](address), where a plain address belongs (write the "
                  "address alone: https://www.nhs.uk/)")


@pytest.mark.parametrize("files, expected", [
    ({"site.yaml": SITE_YAML + f'nav:\n  - {{title: NHS, url: "{PASTED}"}}\n'},
     f"site.yaml:{SITE_YAML.count(chr(10)) + 2}: nav[0].url: {PASTED_PROBLEM}"),
    ({"site.yaml": SITE_YAML.replace("admission_url: /contact/", f'admission_url: "{PASTED}"')},
     f"site.yaml:7: organization.admission_url: {PASTED_PROBLEM}"),
    ({"site.yaml": SITE_YAML.replace("- {name: Test Gazette}", f'- {{name: Test Gazette, url: "{PASTED}"}}')},
     f"site.yaml:{SITE_YAML.split(chr(10)).index('  - {name: Test Gazette}') + 1}: media[0].url: {PASTED_PROBLEM}"),
    ({"content/reviewers/dr-ada.yaml": f'name: Dr Ada\ncredentials: MD\nsame_as: ["{PASTED}"]\n'},
     f"content/reviewers/dr-ada.yaml:3: same_as[0]: {PASTED_PROBLEM}"),
    ({"content/reviewers/dr-ada.yaml":
          'name: Dr Ada\ncredentials: MD\nimage: {src: "https://[a]/ada.png", alt: Ada}\n'},
     "content/reviewers/dr-ada.yaml:3: image.src: 'https://[a]/ada.png' is not a valid URL: square brackets in a "
     "host are only for a whole IPv6 address, as in https://[2001:db8::1]/ (write a full https://... address)"),
], ids=["nav", "admission_url", "media", "same_as", "reviewer image"])
def test_an_address_python_cannot_split_is_an_error_with_its_line_and_key(make_site, run, files, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    for command in ("check", "build"):
        result = run(command, "--site", site, *TODAY_ARG)
        assert result.exit_code == 1
        assert expected in problem_lines(result)
    assert not (site / "output").exists()


@pytest.mark.parametrize("files, expected", [
    ({"content/reviewers/dr-ada.yaml": 'name: Dr Ada\ncredentials: MD\nsame_as: ["https://register\\t.example/x"]\n'},
     f"content/reviewers/dr-ada.yaml:3: same_as[0]: 'https://register\\t.example/x' is not a valid URL: it holds a "
     f"tab ({ONE_LINE})"),
    ({K: article(sources='\n  - {title: A source, url: "https://nida.example/x\\ny"}')},
     f"{K}:9: sources[0].url: 'https://nida.example/x\\ny' is not a valid URL: it holds a line break ({ONE_LINE})"),
    ({K: article(image='\n  src: "https://cdn.example/pill\\u00a0.png"\n  alt: A pill')},
     f"{K}:11: image.src: 'https://cdn.example/pill\\xa0.png' is not a valid URL: it holds the character U+00A0 "
     f"({ONE_LINE})"),
    ({"site.yaml": SITE_YAML + 'nav:\n  - {title: Fees, url: "/fe\\res/"}\n'},
     f"site.yaml:{SITE_YAML.count(chr(10)) + 2}: nav[0].url: '/fe\\res/' is not a path of this site: it holds a line "
     f"break ({ONE_LINE})"),
    ({"site.yaml": SITE_YAML.replace("- {name: Test Gazette}",
                                     '- {name: Test Gazette, url: "https://[fe80::1%eth0]/"}')},
     f"site.yaml:{SITE_YAML.split(chr(10)).index('  - {name: Test Gazette}') + 1}: media[0].url: "
     "'https://[fe80::1%eth0]/' is not a valid URL: its host has a zone id ('%eth0'), which names a network interface "
     "of one computer, not a place on the web (write a full https://... address)"),
], ids=["same_as", "source", "image", "nav", "zone id"])
def test_an_address_holding_whitespace_a_control_character_or_a_zone_id_is_an_error_at_its_line_and_key(
        make_site, run, files, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    result = run("build", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert expected in problem_lines(result)
    assert not (site / "output").exists()


def test_check_lists_every_problem_in_one_run_sorted_by_file_and_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({
        K: article(title='""', fact_checked='"yes"', tags="one", sumary="x"),
        "content/articles/zz-last.md": article("Last", image="\n  src: images/a.svg"),
    })
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"{K}:2: title: must not be empty (write its text)",
        f"{K}:7: fact_checked: must be true or false, not the text 'yes' (write true or false without quotes)",
        f"{K}:10: tags: must be a list, not the text 'one' (start each item on its own line with '- ')",
        f"{K}:11: sumary: unknown key (did you mean 'summary'?)",
        "content/articles/zz-last.md:10: image.alt: is required but missing (add 'alt:')",
    ]
    # an article that failed to load is still a known slug: no second, misleading error about it
    assert "what-are-benzodiazepines.md" not in result.stderr


def test_unknown_keys_in_site_yaml_are_listed_with_the_contents_problems(make_site, run) -> None:  # type: ignore[no-untyped-def]
    typos = SITE_YAML.replace("title: Test Clinic", "title: Test Clinic\ntitel: x").replace(
        "  max_age_days: 365", "  max_age_days: 365\n  max_agedays: 3")
    site = make_site({"site.yaml": typos, K: article(title="TODO")})
    line = {text: n for n, text in enumerate(typos.split("\n"), 1)}
    expected = [f"site.yaml:{line['titel: x']}: titel: unknown key (did you mean 'title'?)",
                f"site.yaml:{line['  max_agedays: 3']}: review_policy.max_agedays: unknown key (did you mean "
                "'max_age_days'?)"]
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = problem_lines(result)
    assert [line for line in lines if line.startswith("site.yaml")] == expected
    assert f'{K}:2: title: "TODO" is a placeholder' in "\n".join(lines)
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1 and not (site / "output").exists()
    assert all(line in result.stderr for line in expected) and f"{K}:2: title:" in result.stderr
    # Another kind of error in site.yaml leaves the settings unknown: the content is not read, as before.
    make_site({"site.yaml": typos.replace("  max_age_days: 365", "  max_age_days: soon")})
    lines = problem_lines(run("check", "--site", site, *TODAY_ARG))
    assert lines and all(line.startswith("site.yaml") for line in lines)


def test_an_article_that_fails_to_load_is_still_judged_by_the_review_policy(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A misspelt key must not hide a stale review, a missing fact check, too few sources or an unknown category.
    site = make_site({K: article(reviewed="2020-01-01", fact_checked="false", sources="[]", category="benzos",
                                 tagz="[a]")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    written = (site / K).read_text().split("\n")
    line = {key: next(n for n, text in enumerate(written, 1) if text.startswith(f"{key}:"))
            for key in ("reviewed", "fact_checked", "sources", "category", "tagz")}
    assert [text.split(" (")[0] for text in problem_lines(result)] == [
        f"{K}:{line['category']}: category: no category 'benzos' in site.yaml",
        f"{K}:{line['reviewed']}: reviewed: the review of 2020-01-01 is 2343 days old; the policy allows 365",
        f"{K}:{line['fact_checked']}: fact_checked: the page has not been fact checked",
        f"{K}:{line['sources']}: sources: has 0 source(s); the review policy needs at least 1",
        f"{K}:{line['tagz']}: tagz: unknown key",
    ]


def test_check_lists_broken_links_beside_review_and_editorial_errors(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A placeholder or a stale review leaves the site whole: its links are checked in the same run,
    # so that an editor does not fix one list of problems only to be shown the next.
    site = make_site({
        K: article(reviewed="2024-01-01", reviewer="dr-nobody", body="## Overview\n\nTODO: the doses.\n"),
        "content/articles/what-are-benzodiazepines.md": article(
            "What are benzodiazepines", body="## Overview\n\nSee [tapering](/tapering-guide/) and ![](chart.png).\n"),
    })
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = problem_lines(result)
    keys = [line.split(": ")[1] for line in lines]
    assert keys.count("reviewer") == 1 and keys.count("reviewed") == 1, lines
    assert f'{K}:13: body: "TODO" is a placeholder' in "\n".join(lines)
    assert any("image 'chart.png' has empty alt text" in line for line in lines), lines
    assert ("content/articles/what-are-benzodiazepines.md:13: link: links to '/tapering-guide/', which is not a page "
            "or file of the site (fix or remove the link)") in lines
    assert result.stderr.splitlines()[-1] == f"{len(lines)} error(s), 0 warning(s)."


def test_check_lists_broken_links_beside_errors_found_while_rendering(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A level-1 heading is found as a page renders; a layout that reads a review an unreviewed article lacks fails
    # on that page only. The other pages' links are checked all the same, and none is reported for the page that
    # failed.
    layout = ('{% extends "medpress/article.html" %}\n'
              '{% block head %}<meta name="review-due" content="{{ review.next_due }}">{% endblock %}\n')
    site = make_site({
        K: article(reviewed="<drop>", body="# A heading\n\nText.\n"),
        "content/articles/what-are-benzodiazepines.md": article(
            "What are benzodiazepines",
            body="## Overview\n\nSee [klonopin](/klonopin-addiction/) and [x](/nowhere/).\n"),
        "layouts/article.html": layout,
    })
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = problem_lines(result)
    assert lines == [
        f"{K}:1: reviewed: is required but missing (add 'reviewed:')",
        "content/articles/what-are-benzodiazepines.md:13: link: links to '/nowhere/', which is not a page or file of "
        "the site (fix or remove the link)",
        "layouts/article.html:2: undefined value: 'None' has no attribute 'next_due' (on /klonopin-addiction/) "
        "(what comes before the dot is empty on some pages (an article not yet reviewed has no review or "
        "reviewer): test it first, as in {% if review %}...{% endif %})",
    ], lines
    site = make_site({K: article(body="# A heading\n\nText.\n"), "layouts/article.html": None,
                      "content/articles/what-are-benzodiazepines.md": article(
                          "What are benzodiazepines", body="## Overview\n\nSee [x](/nowhere/).\n")})
    lines = problem_lines(run("check", "--site", site, *TODAY_ARG))
    assert [line.split(": ")[1] for line in lines] == ["body", "link"], lines


def test_check_lists_broken_links_beside_files_that_failed_to_load(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A misspelt key leaves its file out of the site, not the rest of it: the other pages are rendered and their
    # links checked in the same run. Links to what the files left out would make are not judged: they are sound
    # once those files load.
    benzos = "content/articles/what-are-benzodiazepines.md"
    site = make_site({
        K: article(tagz="[a]"),
        "content/pages/about.md": "---\ntitle: About us\nsumary: Who we are.\n---\n\nWe are a clinic.\n",
        "content/reviewers/dr-bo.yaml": "name: Dr Bo\ncredentials: MD\nbiography: x\n",
        benzos: article("What are benzodiazepines", body=(
            "## Overview\n\nSee [klonopin](/klonopin-addiction/#overview), [its file](klonopin-addiction.md), "
            "[about](/about/), [Dr Bo](/reviewers/dr-bo/) and [x](/nowhere/).\n")),
    })
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = problem_lines(result)
    assert [line.split(" (")[0] for line in lines] == [
        "content/reviewers/dr-bo.yaml:3: biography: unknown key",  # people's files first: they explain others'
        f"{K}:{article(tagz='[a]').split(chr(10)).index('tagz: [a]') + 1}: tagz: unknown key",
        f"{benzos}:13: link: links to '/nowhere/', which is not a page or file of the site",
        "content/pages/about.md:1: summary: is required but missing",
        "content/pages/about.md:3: sumary: unknown key",
    ], lines
    # build stops at the files' errors, as before: it publishes nothing.
    built = run("build", "--site", site, *TODAY_ARG)
    assert built.exit_code == 1 and not (site / "output").exists()
    assert [line.split(": ")[1] for line in problem_lines(built)[:-1]] == ["biography", "tagz", "summary", "sumary"]


def test_a_file_that_failed_to_load_is_known_by_its_own_slug(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Its frontmatter parsed but for a misspelt key: its slug: line is read, so a link or a related entry naming it
    # is not taken for a broken one.
    benzos = "content/articles/what-are-benzodiazepines.md"
    site = make_site({K: article(slug="klonopin", tagz="[a]"),
                      benzos: article("What are benzodiazepines", related="[klonopin]",
                                      body="## Overview\n\nSee [klonopin](/klonopin/#overview).\n")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in problem_lines(result)] == ["tagz"], problem_lines(result)


def test_check_writes_nothing(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0
    assert result.stdout == "0 error(s), 0 warning(s).\n"
    assert result.stderr == ""
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_check_json_lists_problems_for_ci(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(reviewed="2025-06-20"),
                      "content/articles/what-are-benzodiazepines.md": article("What are benzodiazepines",
                                                                              reviwer="dr-ada")})
    result = run("check", "--site", site, "--format", "json", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert json.loads(result.stdout) == {
        "errors": 1,
        "warnings": 1,
        "notes": 0,
        "problems": [
            {"severity": "warning", "path": K, "line": 6, "key": "reviewed",
             "message": "review due 2026-06-20 (in 19 days)", "hint": "plan the next clinical review", "rule": ""},
            {"severity": "error", "path": "content/articles/what-are-benzodiazepines.md", "line": 10,
             "key": "reviwer", "message": "unknown key", "hint": "did you mean 'reviewer'?", "rule": ""},
        ],
        # An article that fails to parse has no grade to give.
        "articles": [{"path": K, "slug": "klonopin-addiction", "language": "en", "grade": None, "faq_grades": []}],
    }


def test_check_json_with_warnings_only_exits_0(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(reviewed="2025-06-20")})
    result = run("check", "--site", site, "--format", "json", *TODAY_ARG)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["errors"], data["warnings"]) == (0, 1)
    assert [p["severity"] for p in data["problems"]] == ["warning"]


def test_a_file_under_content_that_nothing_reads_is_named(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Hugo reads .markdown as well as .md; medpress reads .md, and says so rather than skip the file unseen.
    site = make_site({"content/articles/tapering.markdown": article("Tapering"), "content/authors.yaml": "name: X\n",
                      "content/reviewers/notes.txt": "to do\n"})
    result = run("check", "--site", site, "--format", "json", *TODAY_ARG)
    assert result.exit_code == 0
    assert [(p["severity"], p["path"], p["message"], p["hint"].split(";")[0])
            for p in json.loads(result.stdout)["problems"]] == [
        ("warning", "content/reviewers/notes.txt", "is not read, so nothing of it is published",  # people's first
         "articles are .md files in content/articles/, plain pages .md files in content/pages/, reviewers and "
         "authors .yaml files in content/reviewers/ and content/authors/"),
        ("warning", "content/articles/tapering.markdown", "is not read, so nothing of it is published",
         "rename it to tapering.md"),
        ("warning", "content/authors.yaml", "is not read, so nothing of it is published",
         "articles are .md files in content/articles/, plain pages .md files in content/pages/, reviewers and "
         "authors .yaml files in content/reviewers/ and content/authors/"),
    ]


def test_an_article_that_fails_to_load_is_checked_against_reviewers_and_categories_all_the_same(
        make_site, run) -> None:  # type: ignore[no-untyped-def]
    # One run lists the empty answer and the unknown reviewer and category, not one round after another.
    broken = article(reviewer="dr-adda", category="benzos", faq="\n  - q: Is it safe?\n    a:")
    site = make_site({K: broken})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = broken.split("\n")
    assert [line for line in result.output.splitlines() if line.startswith(K)] == [
        f"{K}:{lines.index('category: benzos') + 1}: category: no category 'benzos' in site.yaml "
        "(known: benzodiazepines, opioids)",
        f"{K}:{lines.index('reviewer: dr-adda') + 1}: reviewer: no reviewer 'dr-adda' in content/reviewers/ "
        "(did you mean 'dr-ada'?)",
        f"{K}:{lines.index('    a:') + 1}: faq[0].a: is required but empty (write its value after 'a:')"]
    # A reviewer file with errors of its own is named by them.
    site = make_site({K: broken, "content/reviewers/dr-adda.yaml": "name: Dr Adda\ncredentials:\n"})
    assert "no reviewer 'dr-adda'" not in run("check", "--site", site, *TODAY_ARG).output


def test_an_editors_backup_and_autosave_files_are_not_content(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Emacs keeps name~ and #name#, Vim writes 4913 while it saves, sed -i edits in sedXXXXXX: as Hugo and
    # Jekyll do, skipped unseen.
    site = make_site({f"content/articles/{name}": article("Leftover") for name in (
        "what-are-benzodiazepines.md~", "#what-are-benzodiazepines.md#", "4913", "sedAMOQy3")})
    result = run("check", "--site", site, "--format", "json", *TODAY_ARG)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["problems"] == []
    # A folder so named is a name (sed makes files): static/sedatives/ is published.
    (site / "static/sedatives").mkdir(parents=True)
    (site / "static/sedatives/leaflet.txt").write_text("A leaflet.\n")
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert (site / "output/sedatives/leaflet.txt").is_file()


def test_check_json_on_a_clean_site(make_site, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--site", make_site(), "--format", "json", *TODAY_ARG)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"errors": 0, "warnings": 0, "notes": 0, "problems": [], "articles": [
        {"path": K, "slug": "klonopin-addiction", "language": "en", "grade": None,  # too short to grade
         "faq_grades": []},
        {"path": "content/articles/what-are-benzodiazepines.md", "slug": "what-are-benzodiazepines", "language": "en",
         "grade": None, "faq_grades": []}]}


def test_check_json_reports_a_missing_site_yaml(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--site", tmp_path, "--format", "json", *TODAY_ARG)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"] == [
        {"severity": "error", "path": "site.yaml", "line": None, "key": "",
         "message": f"no site.yaml in {tmp_path}: this is not a medpress site folder",
         "hint": f"start one with `medpress init {tmp_path}`", "rule": ""}]


def test_check_text_exit_codes(make_site, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run("check", "--site", tmp_path, *TODAY_ARG)
    assert missing.exit_code == 1
    assert missing.stderr.splitlines() == [
        f"Error: no site.yaml in {tmp_path}: this is not a medpress site folder; start one with "
        f"`medpress init {tmp_path}`."]
    site = make_site()
    bad_today = run("check", "--site", site, "--today", "01/06/2026")
    assert bad_today.exit_code == 2
    assert "Invalid value for '--today': '01/06/2026' does not match the format '%Y-%m-%d'." in bad_today.stderr
    bad_format = run("check", "--site", site, "--format", "xml", *TODAY_ARG)
    assert bad_format.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'." in bad_format.stderr


def test_build_exit_codes(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    ok = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert ok.exit_code == 0
    assert ok.stdout.startswith("Built 18 pages (")
    assert f" into {site / 'output'} with 0 warnings in " in ok.stdout
    usage = run("build", "--site", site, "--no-such-option")
    assert usage.exit_code == 2
    assert "No such option '--no-such-option'." in usage.stderr
    make_site({K: article(category="benzos")})
    failed = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert failed.exit_code == 1
    assert failed.stderr.splitlines() == [
        f"{K}:4: category: no category 'benzos' in site.yaml (known: benzodiazepines, opioids)",
        "Build failed: 1 error; output left as it was."]


def test_check_json_names_a_missing_key(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(faq="\n  - q: Is it safe?")})
    result = run("check", "--site", site, "--format", "json", *TODAY_ARG)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"] == [
        {"severity": "error", "path": K, "line": 11, "key": "faq[0].a", "message": "is required but missing",
         "hint": "add 'a:'", "rule": ""}]


def test_check_github_prints_one_workflow_command_per_problem(make_site, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({K: article(reviewed="2025-06-20"),
                      "content/articles/what-are-benzodiazepines.md": article("What are benzodiazepines",
                                                                              reviwer="dr-ada")})
    monkeypatch.chdir(tmp_path)  # GitHub resolves file= from the checkout, here the site's parent folder
    result = run("check", "--site", site, "--format", "github", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::warning file=site/{K},line=6,title=reviewed::review due 2026-06-20 (in 19 days) "
        "(plan the next clinical review)",
        "::error file=site/content/articles/what-are-benzodiazepines.md,line=10,title=reviwer::unknown key "
        "(did you mean 'reviewer'?)",
    ]
    assert result.stderr == "1 error(s), 1 warning(s).\n"
    (site / "content/articles/what-are-benzodiazepines.md").write_text(article("What are benzodiazepines"))
    warned = run("check", "--site", site, "--format", "github", *TODAY_ARG)
    assert (warned.exit_code, len(warned.stdout.splitlines())) == (0, 1)  # warnings only: as for text
    (site / K).write_text(article())
    clean = run("check", "--site", site, "--format", "github", *TODAY_ARG)
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_an_article_without_a_category_is_an_error_not_a_crash(make_site, run) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(line for line in article().split("\n") if not line.startswith("category:"))
    site = make_site({K: text})
    for command in ("check", "build"):
        result = run(command, "--site", site, *TODAY_ARG)
        assert result.exit_code == 1
        assert f"{K}:1: category: is required but missing (add 'category:')" in result.output, result.output


def test_each_problem_is_one_line_of_text_though_a_value_holds_a_line_break(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(reviewer='"dr-sam\\nexample"', **{'"bad\\rkey"': "1", '"odd\\Lkey"': "2"})})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    lines = result.output.splitlines()  # as Python splits them: at U+2028 (YAML's \\L) too
    assert [line.split(": ", 2)[:2] for line in lines[:-1]] == [
        [f"{K}:5", "reviewer"], [f"{K}:10", "bad\\rkey"], [f"{K}:11", "odd\\u2028key"]]
    assert "no reviewer 'dr-sam\\nexample' in content/reviewers/" in lines[0]


def test_a_reviewer_file_s_error_comes_before_the_articles_it_holds_up(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # GitHub shows a step's first ten error annotations: sorted by path alone, twelve articles' "the reviewer
    # file has errors" came first and the cause, in content/reviewers/, was never shown.
    copies = {f"content/articles/copy-{n:02}.md": article(f"Copy {n}") for n in range(12)}
    site = make_site({**copies, "content/reviewers/dr-ada.yaml": "name: Dr Ada One\ncredentials: MD\nrol: x\n"})
    result = run("check", "--site", site, "--format", "github", *TODAY_ARG)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=") and "content/reviewers/dr-ada.yaml,line=3,title=rol::" in lines[0]
    assert sum("the reviewer file of 'dr-ada' has errors" in line for line in lines[1:]) >= 12
    text = run("check", "--site", site, *TODAY_ARG)
    assert text.output.index("content/reviewers/dr-ada.yaml:3") < text.output.index("content/articles/copy-00.md")


def test_github_annotations_escape_data_and_properties() -> None:
    problem = Problem("100% sure,\r\nreally: yes", "content/a,b:c.md", 3, "faq[0].a", "fix it: 50%")
    assert problem.as_github() == (
        "::error file=content/a%2Cb%3Ac.md,line=3,title=faq[0].a::100%25 sure,%0D%0Areally: yes (fix it: 50%25)")
    keyed = Problem("x", "a.md", key="drug: name, generic")
    assert keyed.as_github() == "::error file=a.md,title=drug%3A name%2C generic::x"
    ruled = Problem("too hard to read", "a.md", 4, "summary", severity="warning", rule="readability")
    assert ruled.as_github() == "::warning file=a.md,line=4,title=summary (readability)::too hard to read"
    assert Problem("no place", rule="claim").as_github() == "::error title=claim::no place"
    assert Problem("nowhere").as_github() == "::error::nowhere"


def test_check_github_of_a_folder_without_site_yaml(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "github", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.stdout == (f"::error file=site.yaml::no site.yaml in {tmp_path}: this is not a medpress site "
                             "folder (start one with `medpress init`)\n")
