"""Broken and hostile input files: each gives one clear error naming the file (and the
line where YAML knows it), exit status 1, no traceback, and the previous output/ and
everything else on disk exactly as they were. Files that are merely unusual (a BOM,
Windows line endings) build, and build the same site as their plain twins.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import SITE_YAML, article
from robust_helpers import (
    assert_clean_failure,
    build_in_process,
    build_subprocess,
    build_template,
    tree_hashes,
    write_site,
)
from robust_helpers import break_site as copy_and_break

ART = "content/articles/klonopin-addiction.md"
REV = "content/reviewers/dr-ada.yaml"
PAGE = "content/pages/contact.md"
FENCED = "---\n{}---\nBody.\n"
BOMB = (  # "billion laughs": nine levels of nine aliases would expand to 9**9 strings
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{x}: &{x} [{', '.join(['*' + p] * 9)}]\n" for p, x in zip("abcdefgh", "bcdefghi", strict=True))
)
MAX_SECONDS = 20  # generous: the point is that a bomb is refused, not expanded


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small valid site, built once; each test breaks a copy of it."""
    return build_template(tmp_path_factory.mktemp("built"))


def break_site(tmp_path: Path, files: dict[str, str | bytes | None], *expected: str, built: Path) -> str:
    return copy_and_break(built, tmp_path, files, *expected)


ARTICLE_CASES = {
    "bad indentation": (
        "---\ntitle: X\n  summary: y\ncategory: z\n---\nBody.\n",
        f"{ART}:3: summary: invalid YAML: mapping values are not allowed in this context "
        "(this line is indented more than the line above it: line the keys up)"),
    "colon in a value": (
        article(title="Klonopin: what it is"),
        f"{ART}:2: title: invalid YAML: mapping values are not allowed in this context "
        "(put quotes around a value that contains ': ')"),
    "tab indentation": (
        "---\ntitle: X\nsummary:\n\t- y\n---\nBody.\n",
        f"{ART}:4: summary: invalid YAML: while scanning for the next token found character that cannot start any "
        "token (indent with spaces, not tabs)"),
    "unclosed double quote": (
        '---\ntitle: "Klonopin\nsummary: y\n---\nBody.\n',
        f"{ART}:2: title: invalid YAML: while scanning a quoted scalar found unexpected end of stream "
        "(close the quotes)"),
    "unclosed single quote": (
        "---\ntitle: X\nsummary: 'y\ncategory: z\n---\nBody.\n",
        f"{ART}:3: summary: invalid YAML: while scanning a quoted scalar found unexpected end of stream "
        "(close the quotes)"),
    "unclosed quote closed by a later one": (  # YAML gives up where the next quote closes it, lines below
        '---\ntitle: "Klonopin\nsummary: y\nsources:\n  - {title: "NIDA", url: "https://nida.example/"}\n---\nBody.\n',
        f"{ART}:2: title: invalid YAML: the quoted value that starts on this line is not closed on it, so it runs on "
        "to line 5, where the next quote closes it (close the quotes)"),
    "a quoted value meant to wrap, with more after its quote": (  # named where the error is, not where it opens
        '---\ntitle: X\nsummary: "A long summary that\n  wraps onto two lines" (reviewed)\n---\nBody.\n',
        f"{ART}:4: summary: invalid YAML: while parsing a block mapping did not find expected key "
        "(check the indentation and quoting on this line)"),
    "unclosed list": (
        "---\ntitle: X\ncategory: [opioids\nsummary: y\n---\nBody.\n",
        f"{ART}:3: category: invalid YAML: while parsing a flow sequence did not find expected ',' or ']' "
        "(close the list with ']', or put the value in quotes if it is text that starts with '[')"),
    "a closed list with a bad item": (  # named where the item is, not where the list opens
        '---\ntitle: X\nrelated: [\n  a,\n  "b" c,\n]\n---\nBody.\n',
        f"{ART}:5: related: invalid YAML: while parsing a flow sequence did not find expected ',' or ']' "
        "(check the indentation and quoting on this line)"),
    "a value that starts with a bracket": (
        "---\ntitle: [Draft] Xanax addiction\nsummary: y\n---\nBody.\n",
        f"{ART}:2: title: invalid YAML: while parsing a block mapping did not find expected key "
        "(put the value in quotes: text that starts with '[' is read as a list)"),
    "an answer that starts with a brace": (
        "---\ntitle: X\nfaq:\n  - q: Is it safe?\n    a: {Short answer} No.\n---\nBody.\n",
        f"{ART}:5: faq: invalid YAML: while parsing a block mapping did not find expected key "
        "(put the value in quotes: text that starts with '{' is read as a mapping)"),
    "a colon in a nested value": (
        "---\ntitle: X\nsources:\n  - NIDA: a guide: 2024\n---\nBody.\n",
        f"{ART}:4: sources: invalid YAML: mapping values are not allowed in this context "
        "(put quotes around a value that contains ': ')"),
    "unclosed quote after a quoted key": (
        "---\ntitle: X\n\"summary\": 'y\n---\nBody.\n",
        f"{ART}:3: summary: invalid YAML: while scanning a quoted scalar found unexpected end of stream "
        "(close the quotes)"),
    "fence never closed": (
        "---\ntitle: X\nsummary: y\n\n## Body\n",
        f"{ART}:1: the frontmatter block opened on line 1 is never closed "
        "(add a line with just --- after the last key)"),
    "no fence at all": (
        "title: X\n\nBody.\n",
        f"{ART}:1: does not start with a '---' frontmatter block (the first line must be exactly ---)"),
    "document is a list": (
        FENCED.format("- title\n- summary\n"),
        f"{ART}:2: frontmatter must be 'key: value' lines, not a list "
        "(start each line with its key and a colon, as in 'title: ...')"),
    "document is a scalar": (
        FENCED.format("Klonopin addiction\n"),
        f"{ART}:2: frontmatter must be 'key: value' lines, not a line of text"),
    "document is empty": (
        FENCED.format(""),
        f"{ART}:2: frontmatter must be 'key: value' lines, not nothing"),
    "duplicate key": (
        article(reviewer="dr-ada\nreviewer: dr-bob"),
        f"{ART}:6: reviewer: duplicate key 'reviewer' (each key may appear once; delete one of them)"),
    "empty file": (
        "",
        f"{ART}:1: file is empty (start it with a '---' frontmatter block)"),
    "only blank lines": (
        "\n \n\t\n",
        f"{ART}:1: file is empty (start it with a '---' frontmatter block)"),
    "not UTF-8 (Latin-1)": (
        article(body="## Overview\n\nClonaz\xe9pam.\n").encode("latin-1"),
        f"{ART}:13: is not UTF-8 text (byte "),
    "UTF-16": (
        article().encode("utf-16"),
        f"{ART}:1: is not UTF-8 text (byte 0) (save the file with UTF-8 encoding)"),
    "NUL bytes": (
        article().encode() + b"\x00\x00",
        f"{ART}: contains NUL bytes; it is not a text file"),
    "merge key": (
        FENCED.format("base: {title: X}\n<<: {summary: y}\n"),
        f"{ART}:3: YAML merge keys (<<) are not allowed"),
    "control character escape": (
        article(title='"Klonopin\\x1b[31m"'),
        f"{ART}:2: contains the control character U+001B (remove it: it cannot appear in a web page or feed)"),
    "raw control character": (
        article(title="Keeping \x1b opioids"),
        f"{ART}:2: title: invalid YAML: the control character U+001B is not allowed (remove it: it came with text "
        "pasted from a terminal or another program)"),
    "line separator": (
        article(summary='"How to take,\u2028 store"', reviewer="dr-ada\nxsummary: How"),
        f"{ART}:3: summary: invalid YAML: an invisible line separator (U+2028) is not allowed (remove it: it came "
        "with text pasted from a word processor or a web page)"),
    "key indented with a tab": (
        article(reviewer="dr-ada").replace("\nreviewer:", "\n\treviewer:"),
        f"{ART}:5: reviewer: invalid YAML: while scanning a plain scalar found a tab character that violates "
        "indentation (indent with spaces, not tabs)"),
    "explicit timestamp tag": (
        article(reviewed="!!timestamp 2026-03-01T10:00:00"),
        f"{ART}:6: reviewed: '2026-03-01 10:00:00' is not a date (write it as YYYY-MM-DD, e.g. 2026-03-31)"),
    "unknown local tag": (
        article(title="!include secrets.yaml"),
        f"{ART}:2: title: invalid YAML: could not determine a constructor for the tag '!include' "
        "(YAML tags such as !!python/... are not allowed; write plain values)"),
}


@pytest.mark.parametrize("text, expected", ARTICLE_CASES.values(), ids=ARTICLE_CASES.keys())
def test_broken_article_is_refused_with_its_place(tmp_path: Path, built: Path, text: str | bytes,
                                                   expected: str) -> None:
    output = break_site(tmp_path, {ART: text}, expected, built=built)
    assert output.count(ART) == 1, output  # one clear error, not a cascade


def test_a_twenty_megabyte_article_is_refused(tmp_path: Path, built: Path) -> None:
    huge = article(body="## Overview\n\n" + "Clonazepam tapering.\n" * 1_000_000)  # 21 bytes a line
    assert 21_000_000 < len(huge.encode()) < 21_050_000
    break_site(tmp_path, {ART: huge}, f"{ART}: file is 21.0 MB; the limit is 2 MB (split it into several files)",
               built=built)


@pytest.mark.parametrize("where", [ART, REV, "site.yaml"])
def test_python_tags_are_never_executed(tmp_path: Path, built: Path, where: str) -> None:
    marker = tmp_path / "pwned"
    payloads = [f"!!python/object/apply:os.system ['touch {marker}']",
                f"!!python/object/apply:builtins.open ['{marker}', 'w']",
                f"!!python/object/new:subprocess.Popen [['touch', '{marker}']]"]
    for payload in payloads:
        if where == ART:
            files = {ART: article(title=payload)}
        elif where == REV:
            files = {REV: f"name: {payload}\ncredentials: MD\n"}
        else:
            files = {"site.yaml": SITE_YAML.replace("title: Test Clinic\n", f"title: {payload}\n")}
        tag = payload.split(" ")[0].removeprefix("!!")
        line, key = {ART: (2, "title"), REV: (1, "name"), "site.yaml": (1, "title")}[where]
        shutil.rmtree(tmp_path / "site", ignore_errors=True)
        break_site(tmp_path, files,
                   f"{where}:{line}: {key}: invalid YAML: could not determine a constructor for the tag "
                   f"'tag:yaml.org,2002:{tag}' (YAML tags such as !!python/... are not allowed; write plain values)",
                   built=built)
        assert not marker.exists(), f"{payload} was executed"


@pytest.mark.parametrize("where, text, expected", [
    (ART, FENCED.format(BOMB), f"{ART}:3: YAML anchors and aliases (&name / *name) are not allowed "
                               "(write the value out in full)"),
    (REV, BOMB, f"{REV}:2: YAML anchors and aliases (&name / *name) are not allowed (write the value out in full)"),
    ("site.yaml", SITE_YAML + BOMB, "site.yaml:33: YAML anchors and aliases (&name / *name) are not allowed"),
    (ART, FENCED.format("title: " + "[" * 100_000 + "]" * 100_000 + "\n"),
     f"{ART}:2: YAML is nested more than 20 levels deep "
     "(write plain 'key: value' lines; nesting this deep is never needed)"),
    (ART, FENCED.format("tags:\n" + "- " * 100_000 + "x\n"),
     f"{ART}:3: YAML is nested more than 20 levels deep"),
], ids=["bomb-article", "bomb-reviewer", "bomb-site.yaml", "deep-flow-nesting", "deep-block-nesting"])
def test_yaml_bombs_are_refused_quickly_in_a_real_process(tmp_path: Path, where: str, text: str,
                                                         expected: str) -> None:
    """Run in a subprocess: PyYAML's C composer used to crash the interpreter (SIGSEGV) on the
    deeply nested documents, which an in-process test would not survive to report."""
    site = write_site(tmp_path / "site", {where: text})
    started = time.monotonic()
    code, output = build_subprocess(site, timeout=MAX_SECONDS)
    assert time.monotonic() - started < MAX_SECONDS
    assert_clean_failure(code, output, expected)
    assert not (site / "output").exists()


SITE_CASES = {
    "bad indentation": (
        SITE_YAML.replace("  name: Test Clinic Ltd", "  name: Test Clinic Ltd\n   description: x"),
        "site.yaml:6: organization: invalid YAML: mapping values are not allowed in this context "
        "(this line is indented more than the line above it: line the keys up)"),
    "indentation falls back": (
        SITE_YAML.replace("  name: Test Clinic Ltd", "    name: Test Clinic Ltd\n  phone: 1"),
        "site.yaml:6: organization: invalid YAML: while parsing a block mapping did not find expected key "
        "(check the indentation and quoting on this line)"),
    "tab indentation": (
        SITE_YAML.replace("  name: Test Clinic Ltd", "\tname: Test Clinic Ltd"),
        "site.yaml:5: organization: invalid YAML: while scanning for the next token found character that cannot start "
        "any token (indent with spaces, not tabs)"),
    "unclosed quote": (
        SITE_YAML.replace("disclaimer: This site", 'disclaimer: "This site'),
        "site.yaml:31: disclaimer: invalid YAML: while scanning a quoted scalar found unexpected end of stream "
        "(close the quotes)"),
    "unclosed quote closed by a later one": (
        SITE_YAML.replace("title: Test Clinic", 'title: "Test Clinic', 1),
        "site.yaml:1: title: invalid YAML: the quoted value that starts on this line is not closed on it, so it runs "
        "on to line 6, where the next quote closes it (close the quotes)"),
    "list": ("- title\n- base_url\n", "site.yaml:1: must be a set of 'key: value' lines, not a list"),
    "scalar": ("Test Clinic\n", "site.yaml:1: must be a set of 'key: value' lines, not the text 'Test Clinic'"),
    "empty": ("", "site.yaml:1: must be a set of 'key: value' lines, not empty"),
    "duplicate key": (SITE_YAML + "title: Another Clinic\n",
                      "site.yaml:32: title: duplicate key 'title' (each key may appear once; delete one of them)"),
    "not UTF-8": (SITE_YAML.replace("Leeds]", "Le\xe9ds]").encode("latin-1"),
                  "site.yaml:8: not UTF-8 text (invalid continuation byte at byte "),
    "twenty megabytes": (SITE_YAML + "# " + "x" * 20_000_000 + "\n",
                         "site.yaml: file is 20.0 MB; the limit is 1 MB "
                         "(site.yaml holds settings; long text belongs in content/pages/)"),
}


@pytest.mark.parametrize("text, expected", SITE_CASES.values(), ids=SITE_CASES.keys())
def test_broken_site_yaml_is_refused_with_its_place(tmp_path: Path, built: Path, text: str | bytes,
                                                    expected: str) -> None:
    break_site(tmp_path, {"site.yaml": text}, expected, built=built)


REVIEWER_CASES = {
    "tab indentation": ("name: Dr Ada\ncredentials:\n\t- MD\n",
                        f"{REV}:3: credentials: invalid YAML: while scanning for the next token found character that "
                        "cannot start any token (indent with spaces, not tabs)"),
    "unclosed quote": ('name: "Dr Ada\ncredentials: MD\n',
                       f"{REV}:1: name: invalid YAML: while scanning a quoted scalar found unexpected end of stream"),
    "list": ("- Dr Ada\n- MD\n", f"{REV}:1: a reviewer file must be 'key: value' lines"),
    "scalar": ("Dr Ada, MD\n", f"{REV}:1: a reviewer file must be 'key: value' lines"),
    "empty": ("", f"{REV}:1: a reviewer file must be 'key: value' lines"),
    "duplicate key": ("name: Dr Ada\nname: Dr Bob\ncredentials: MD\n",
                      f"{REV}:2: name: duplicate key 'name' (each key may appear once; delete one of them)"),
    "not UTF-8": (b"name: Dr Ad\xe1\ncredentials: MD\n",
                  f"{REV}:1: is not UTF-8 text (byte 11) (save the file with UTF-8 encoding)"),
    "twenty megabytes": ("name: Dr Ada\ncredentials: MD\nbio: " + "x" * 20_000_000 + "\n",
                         f"{REV}: file is 20.0 MB; the limit is 2 MB"),
}


@pytest.mark.parametrize("text, expected", REVIEWER_CASES.values(), ids=REVIEWER_CASES.keys())
def test_broken_reviewer_file_is_refused_with_its_place(tmp_path: Path, built: Path, text: str | bytes,
                                                        expected: str) -> None:
    # The articles this reviewer signs are reported too, pointing at the broken file.
    break_site(tmp_path, {REV: text}, expected,
               f"{ART}:5: reviewer: the reviewer file of 'dr-ada' has errors", built=built)


def test_broken_page_is_refused_with_its_place(tmp_path: Path, built: Path) -> None:
    break_site(tmp_path, {PAGE: "---\ntitle: Contact us\nsummary: How to reach us.\n## Phone\n"},
               f"{PAGE}:1: the frontmatter block opened on line 1 is never closed", built=built)


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


@pytest.mark.parametrize("transform", [
    pytest.param(lambda t: "\ufeff" + t, id="byte-order mark"),
    pytest.param(_crlf, id="Windows line endings"),
    pytest.param(lambda t: "\ufeff" + _crlf(t), id="BOM and Windows line endings"),
    pytest.param(lambda t: t.replace("\n", "\r"), id="old Mac line endings"),
])
def test_unusual_but_valid_encodings_build_the_same_site(tmp_path: Path, transform) -> None:  # type: ignore[no-untyped-def]
    plain = write_site(tmp_path / "plain")
    body = "## Overview\n\nLine one\nline two.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    files = {ART: article(body=body, faq='\n  - q: "Is it safe?"\n    a: "Ask your doctor."'),
             "site.yaml": SITE_YAML, REV: "name: Dr Ada Test\ncredentials: MD, psychiatrist\nbio: Reviews pages.\n"}
    write_site(plain, files, base=False)
    odd = write_site(tmp_path / "odd")
    write_site(odd, {rel: transform(text) for rel, text in files.items()}, base=False)
    for site in (plain, odd):
        code, output = build_in_process(site)
        assert code == 0 and "Traceback" not in output, output
    page = "klonopin-addiction/index.html"
    assert (odd / "output" / page).read_bytes() == (plain / "output" / page).read_bytes()
    assert tree_hashes(odd / "output") == tree_hashes(plain / "output")


@pytest.mark.parametrize("text, hint", [
    ("title: \u201cNaloxone: a guide\u201d\n", "the value is in curly quotes, which YAML keeps as text"),
    ("bio:\n  Dr Ada reviews our pages\n  and she says this:\n", "put quotes around a value that contains ': '"),
])
def test_a_colon_in_a_value_is_told_from_curly_quotes_around_it(text: str, hint: str) -> None:
    from medpress.errors import SiteError
    from medpress.yamlfile import parse_yaml

    with pytest.raises(SiteError) as raised:
        parse_yaml(text, "a.yaml")
    assert raised.value.problem.hint.startswith(hint), raised.value
