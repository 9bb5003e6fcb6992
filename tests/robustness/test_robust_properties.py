"""Property-based tests: for any text at all, the frontmatter loader and the path and URL
functions give either a valid value or a typed medpress error, never another exception;
and no path they accept can leave its root. The scanners that find Markdown's and HTML's
parts in linear time find what the regular expressions they replace found.
"""

from __future__ import annotations

import html
import os
import re
import string
import unicodedata
from datetime import date
from pathlib import Path
from unittest.mock import patch
from urllib.parse import unquote

import html5lib
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from medpress import yamlfile
from medpress.errors import OutputError, SiteError
from medpress.graph import SAFE_ALIAS, alias_target, check_asset, is_safe_relative, tag_slug
from medpress.links import _shown_as_image, line_of, resolve, resolve_url
from medpress.markdown import CodeSpans, MarkdownRenderer, headings_in
from medpress.quality import cites, hidden_spans, markers_in, without_images
from medpress.schema import ARTICLE, Checker
from medpress.sources import split_frontmatter
from medpress.urls import overlong
from medpress.write import safe_target
from medpress.yamlfile import parse_yaml

ROOT = Path("/srv/site/output")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces hostile YAML is made of, so that examples reach the parser's odd corners quickly.
YAML_BITS = st.sampled_from([
    "title", "summary", "slug", "reviewer", "reviewed", "fact_checked", "faq", "sources", "related", "aliases",
    "image", "drug", "draft", "tags", ":", ": ", "- ", "-", "  ", "\t", "\n", "\r\n", "'", '"', "\\", "[", "]",
    "{", "}", ",", "#", "&a ", "*a", "<<: ", "!!python/object:os.system ", "!!timestamp ", "!!binary ",
    "!!set ", "!foo ", "? ", "|", ">", "%YAML 1.2\n", "---", "...", "2026-02-30", "2026-03-01", "true", "yes",
    "null", "~", "0x1F", "1e400", ".nan", "\\x00", "\\ud800", "\\u2028", "\u2028", "\ufeff", "é", "😀",
    "<script>", "../", "%2e%2e", "/etc/passwd", "q: ", "a: ", "src: ", "alt: ", "name: ",
])
hostile_yaml = st.lists(YAML_BITS | st.text(max_size=5), max_size=40).map("".join)


def load_article(text: str) -> tuple[dict | None, list]:  # type: ignore[type-arg]
    """The frontmatter path of the loader, through its public pieces; SiteError passes through."""
    yaml_text, _body, _line = split_frontmatter(text, "content/articles/x.md")
    data, lines = parse_yaml(yaml_text, "content/articles/x.md", first_line=2)
    checker = Checker("content/articles/x.md", lines, fallback_line=1)
    return ARTICLE.check(data, (), checker), checker.problems


def assert_loads_or_refuses(text: str) -> None:
    try:
        clean, problems = load_article(text)
    except SiteError as exc:
        assert exc.problem.path == "content/articles/x.md"
        assert exc.problem.line is None or 1 <= exc.problem.line <= text.count("\n") + 2
        str(exc)
        return
    lines = text.count("\n") + 2
    for problem in problems:
        assert problem.path == "content/articles/x.md" and problem.message
        assert problem.line is None or 1 <= problem.line <= lines, (problem, text)
        str(problem)
    if clean is not None and not problems:
        assert isinstance(clean["title"], str) and clean["title"].strip()
        assert isinstance(clean["reviewed"], date)
        assert clean["fact_checked"] in (True, False)


@FAST
@given(st.text())
def test_any_text_loads_or_gives_a_typed_error(text: str) -> None:
    assert_loads_or_refuses(text)


@FAST
@given(hostile_yaml, st.text(max_size=20))
def test_any_fenced_yaml_loads_or_gives_a_typed_error(front: str, body: str) -> None:
    assert_loads_or_refuses(f"---\n{front}\n---\n{body}")


@FAST
@given(st.lists(st.tuples(YAML_BITS, hostile_yaml), max_size=8))
def test_any_key_value_lines_load_or_give_a_typed_error(pairs: list[tuple[str, str]]) -> None:
    assert_loads_or_refuses("---\n" + "".join(f"{key}: {value}\n" for key, value in pairs) + "---\n")


def parse_outcome(text: str) -> str:
    try:
        data, lines = parse_yaml(text, "x.yaml", first_line=2)
    except SiteError as exc:
        return f"refused: {exc}"
    return repr((data, lines))  # repr: a .nan value is not equal to itself


NESTED_KEYS = "".join(f"{'  ' * n}k{n}:\n" for n in range(25)) + "  " * 25 + "x\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("- " * 25 + "x").via("a sequence nested too deep on one line")
@example("? " * 25 + "x").via("complex keys nested too deep")
@example("[" * 25 + "]" * 25).via("flow sequences nested too deep")
@example("a: 1\n" + NESTED_KEYS).via("mappings nested too deep after a good key")
@example("a: 1\na: 2\n").via("a duplicate key")
@given(hostile_yaml)
def test_the_c_composer_gives_what_the_python_composer_gives(text: str) -> None:
    assume(yamlfile._c_may_compose(text))
    quick = parse_outcome(text)
    with patch.object(yamlfile, "_c_may_compose", lambda _text: False):
        assert parse_outcome(text) == quick


printable = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1,
                    max_size=100).filter(lambda s: s.strip())


# A tag is at most 60 characters and must make an address (/tags/<name>/) of some letter or digit, at most
# MAX_NAME bytes long.
tag_text = printable.filter(lambda s: len(s.strip()) <= 60 and tag_slug(s.strip())
                            and not overlong(tag_slug(s.strip())))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(title="T", summary="S", reviewer="dr-ada", day=date(2026, 1, 1), tags=["cafe\u0301"])  # read as café
@given(title=printable, summary=printable, reviewer=st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z"),
       day=st.dates(date(1990, 1, 1), date(2100, 12, 31)), tags=st.lists(tag_text, max_size=4))
def test_any_valid_frontmatter_gives_the_model_back(title: str, summary: str, reviewer: str, day: date,
                                                    tags: list[str]) -> None:
    front = {"title": title, "summary": summary, "category": "opioids", "reviewer": reviewer,
             "reviewed": day.isoformat(), "fact_checked": True, "tags": tags}
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\nBody.\n"
    clean, problems = load_article(text)
    assert problems == []
    assert clean is not None
    assert (clean["title"], clean["summary"], clean["reviewer"]) == (title.strip(), summary.strip(), reviewer)
    assert clean["reviewed"] == day and clean["tags"] == tuple(unicodedata.normalize("NFC", t.strip()) for t in tags)


# Paths and URLs ------------------------------------------------------------------------------

path_text = st.lists(st.sampled_from([*string.ascii_letters[:6], *string.digits[:3],
                                      "/", ".", "..", "\\", "%2e", "%2f", "~", "-", "_", ":", " ", "\x00", "é",
                                      "index.html", "https://", "assets", "insights"]),
                     max_size=20).map("".join) | st.text(max_size=30)


def inside(root: Path, path: Path) -> bool:
    return os.path.normpath(path).startswith(str(root) + os.sep)


@settings(max_examples=400, deadline=None)
@given(path_text)
def test_safe_target_never_returns_a_path_outside_the_root(rel: str) -> None:
    try:
        target = safe_target(ROOT, rel)
    except OutputError as exc:
        assert "unsafe output path" in str(exc)
        return
    assert inside(ROOT, target), (rel, target)
    assert target.relative_to(ROOT).as_posix() == rel


@settings(max_examples=400, deadline=None)
@given(path_text)
def test_a_safe_relative_path_stays_in_its_folder(rel: str) -> None:
    if is_safe_relative(rel):
        assert inside(ROOT, ROOT / rel), rel
        assert safe_target(ROOT, rel) == ROOT / rel
    problem = check_asset(rel, frozenset({"images/pills.svg"}))
    assert problem == "" or problem.startswith(("'", "no file assets/"))
    if problem == "" and not rel.startswith("https://"):
        assert rel == "images/pills.svg"


@settings(max_examples=400, deadline=None)
@given(path_text.map(lambda s: "/" + s))
def test_an_alias_writes_inside_the_output_or_is_refused(alias: str) -> None:
    target = alias_target(alias)
    if target is None:
        return
    # Letters of any script may name an old address (/médicaments/): never a separator, a dot folder or a root.
    assert SAFE_ALIAS.fullmatch(target) and not target.startswith("/")
    assert not set(target.split("/")) & {"", ".", ".."}
    assert target.endswith(".html")
    written = safe_target(ROOT, target)  # the writer's own guard accepts every alias target
    assert inside(ROOT, written)


# Link resolution -------------------------------------------------------------------------------

URL_BITS = st.sampled_from(["/", "//", "a", "B9", "-", "_", "~", ".", "..", "%2e", "%20", "#", "#x", "?q=1", ":", "\\",
                            " ", "\t", "\n", "é", "pagefind/", "index.html", "drug-a/"])


@settings(max_examples=600, deadline=None)
@example("/pagefind/", "index.html").via("a generated folder")
@example("/a//b/", "index.html").via("an empty segment")
@example("/a/../", "drug-a/index.html").via("a dot segment")
@given(st.lists(URL_BITS, max_size=12).map(lambda bits: "/" + "".join(bits)),
       st.sampled_from(["index.html", "drug-a/index.html", "insights/opioids/index.html"]))
def test_the_quick_path_of_link_resolution_agrees_with_the_url_parser(href: str, page: str) -> None:
    assert resolve(page, href) == resolve_url(page, href)


# The Markdown sanitiser ----------------------------------------------------------------------

HTML_BITS = st.sampled_from([
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>", "</a>", "<svg>",
    "<math>", "<style>", "<iframe>", "<!--", "-->", "<![CDATA[", "]]>", "<details>", "<table>", "<td>", "`",
    "```", "\n", "\n\n", "    ", "[x](", ")", "javascript:", "java\tscript:", "&#106;", "&lt;", "<", ">", "\"",
    "'", "=", " on", "click", "error", "load", "<p ", "<div markdown=\"1\">", "</div>", "!!! warning\n    ",
    "*", "_", "#", "## ", "|", "---", "<noscript>", "<template>", "<textarea>", "<title>", "<xmp>",
])
markdown_text = st.lists(HTML_BITS | st.text(max_size=4), max_size=40).map("".join)
RENDERER = MarkdownRenderer()
FORBIDDEN = {"script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "textarea",
             "template", "noscript", "xmp", "title", "base", "link", "meta"}


@settings(max_examples=200, deadline=None)
@given(markdown_text)
def test_any_markdown_renders_to_html_without_anything_executable(text: str) -> None:
    assume(text.strip())
    html = str(RENDERER.render(text).html)
    fragment = html5lib.parseFragment(html, namespaceHTMLElements=False)
    for element in fragment.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in FORBIDDEN, html
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), html
            if name in ("href", "src"):
                scheme = "".join(value.split()).lower().split(":", 1)[0]
                assert scheme not in ("javascript", "vbscript", "data"), html


# Finding Markdown's parts ----------------------------------------------------------------------
# The regular expressions that once did the work: re read on to the end of the text from every opening that
# nothing closed, and a body of thousands took minutes. On short texts it is quick, and they are the spec.

HIDDEN = re.compile(r"<!--.*?-->|(?P<ticks>`+).+?(?P=ticks)|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\]\[[^\]]*\]|\[\^[^\]]+\]"
                    r"|<[^>\n]*>|https?://\S+", re.DOTALL)
CODE = re.compile(r"(`+).+?\1", re.DOTALL)
CODE_OR_NONE = re.compile(r"(`+).*?\1", re.DOTALL)
HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.DOTALL)
IMAGE = re.compile(r"!\[(?!\^)[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?")
# A link to the page itself cites nothing: to a heading of it, or an address that is the page ("", "./", "?x").
CITATION = re.compile(r"\[\^[^\]\s]+\]|\[[^\]]*\]\((?!\s*+<?(?:(?:\.|\./)?(?:[#?>)]|\s|$)|(?i:tel|mailto|sms):))"
                      r"|https?://")
MARKER = re.compile(r"<!--\s*claim[-_ ]?ok\s*:?(.*?)-->", re.IGNORECASE | re.DOTALL)
MARKS = ["<", ">", "<!--", "-->", "<!-- claim-ok: a", "-", "!", "`", "``", "[", "]", "(", ")", "^", "\n", " ", "a", "x",
         "http://", "https://a", "](", "![", "[^", "][", "<a>", "<h1>", "</h1>", "<h2 ", "</h2>", "tel:", "#"]
marked = st.lists(st.sampled_from(MARKS), max_size=16).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marked)
@example("[a]() [b]( ) [c](> [d](#x")  # links to the page itself
@example("[a]() [e]( x")  # and one elsewhere
def test_the_scanners_find_what_the_regular_expressions_found(text: str) -> None:
    assert list(hidden_spans(text)) == [match.span() for match in HIDDEN.finditer(text)]
    assert list(CodeSpans(text).spans()) == [match.span() for match in CODE.finditer(text)]
    assert list(CodeSpans(text, gap=0).spans()) == [match.span() for match in CODE_OR_NONE.finditer(text)]
    assert list(headings_in(text)) == [(match.start(), match.end(), int(match.group(1)), match.group(2),
                                        match.group(3)) for match in HEADING.finditer(text)]
    assert without_images(text) == IMAGE.sub("", text)
    assert cites(text) == (CITATION.search(text) is not None)
    assert [match.span() for match in markers_in(text)] == [match.span() for match in MARKER.finditer(text)]


# Where a broken link is written ------------------------------------------------------------------
# What once read the whole body again for every broken link: thousands of them in one body took seconds each
# thousand. The faster readings must name the same line and the same image.


def line_of_as_it_was(href: str, body: str, body_line: int) -> int | None:
    lines = body.split("\n")
    for target, text_of in ((href, str), (unquote(href), html.unescape)):
        written = (f"]({target})", f"]({target} ", f"<{target}>", f'="{target}"', f"='{target}'", f"]: {target}",
                   f"={target} ", f"={target}>", f"={target}/>")  # an attribute's value unquoted too
        for candidates in (written, (target,)):
            for number, text in enumerate(lines):
                if any(c in text_of(text) for c in candidates):
                    return body_line + number
    return None


ALT = r"!\[(?:[^\]!]|!(?!\[))*\]"
IMG_TAG = r"<img\b(?:[^<>]|<(?!img\b))*"


def shown_as_image_as_it_was(text: str, href: str) -> str | None:
    if "![" not in text and "<img" not in text.lower():
        return None
    for form in dict.fromkeys((href, unquote(href), html.escape(unquote(href), quote=False))):
        target = re.escape(form)
        if re.search(rf"{ALT}\(\s*<?{target}[\s)>]|{IMG_TAG}\bsrc\s*=\s*[\"']?{target}[\"'\s>]", text, re.IGNORECASE):
            return html.unescape(form)
        for label in re.findall(rf"^ {{0,3}}\[(?:([^\]]+)\]:[ \t]*<?{target}>?(?:\s|$)|[^\]]+)", text, re.MULTILINE):
            named = re.escape(label)
            if label and re.search(rf"!\[{named}\](?:\[\])?(?![\[(])|{ALT}\[{named}\]", text, re.IGNORECASE):
                return html.unescape(form)
    return None


LINK_MARKS = ["![", "<img ", "<IMG src=", 'src="', "src='", "src=", "](", ")", "[", "]", "]: ", "<", ">", "!", " ",
              "\n", "\t", "a", "A", "/a/", "/A/", "/a%20b/", "/a b/", "&amp;", "&#10;", "&", "é", "x.png", "/x.png",
              "/S.png", "/\u017f.png", "\u212a", "\u0130", "[i]: ", "![i]", "\n[i]: /x.png\n", "![a](", "![a][i]",
              '<img alt="a" src="', "<img src=src=", "\n[i]: <"]
link_text = st.lists(st.sampled_from(LINK_MARKS), max_size=24).map("".join)
HREFS = st.sampled_from(["/a/", "/A/", "/a%20b/", "/x.png", "x.png", "a", "/a&b/", "/a%0Ab/", "", "é", "/s.png", "k",
                         "/a(1).png", "%C3%A9"])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("![x](a\n/a/)\n[a](/a/)", "/a/").via("a bare form before the link")
@example("<img alt=![ src=/x.png>", "/x.png").via("an image opening inside an image tag")
@example("![<img ](/x.png)", "/x.png").via("a tag's opening inside alt text")
@example("![a](/S.png)", "/s.png").via("an address in other capitals")
@example("<IMG src=src=/x.png>", "/x.png").via("an attribute inside another's value")
@example("![a][I]\n\n[I]: /X.png", "/X.png").via("a reference to an image")
@given(link_text, HREFS)
def test_a_broken_link_is_found_where_it_was_found(text: str, href: str) -> None:
    assert line_of(href, text, 5) == line_of_as_it_was(href, text, 5)
    assert _shown_as_image(text, href) == shown_as_image_as_it_was(text, href)
