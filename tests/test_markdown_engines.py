"""site.yaml markdown.engine: GitHub Flavored Markdown by default, or Python-Markdown with its extensions."""

from __future__ import annotations

from pathlib import Path

import html5lib
from conftest import SITE_YAML, TODAY_ARG, article

from medpress.markdown import MarkdownRenderer

K = "content/articles/klonopin-addiction.md"
BODY = """\
## Overview

!!! danger "Call 999"
    Do not mix it with *alcohol*.

Numbers need a source.[^1]

Term
:   Its definition.

## Later {: #later-on }

See [the start](#overview).

[^1]: The source.
"""


def with_markdown(block: str) -> str:
    return SITE_YAML + block


def build(run, site: Path):  # type: ignore[no-untyped-def]
    return run("build", "--site", site, "--no-search", *TODAY_ARG)


def page(site: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse((site / "output/klonopin-addiction/index.html").read_bytes(), namespaceHTMLElements=False)


def test_python_markdown_renders_callouts_footnotes_and_listed_extensions(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({
        "site.yaml": with_markdown("markdown:\n  engine: python-markdown\n  extensions: [def_list, attr_list]\n"),
        K: article(body=BODY),
    })
    result = build(run, site)
    assert result.exit_code == 0, result.output
    tree = page(site)
    aside = tree.find(".//aside[@class='callout callout-danger']")
    assert aside is not None and aside.get("role") == "note"
    assert "".join(aside.find("*[@class='callout-title']").itertext()) == "Danger: Call 999"
    assert tree.find(".//section[@class='footnotes']").get("aria-label") == "Footnotes"
    assert tree.find(".//dl/dt").text == "Term"
    assert tree.find(".//h2[@id='later-on']") is not None and tree.find(".//h2[@id='overview']") is not None


def test_pymdown_extensions_render_as_they_do_in_mkdocs(make_site, run) -> None:  # type: ignore[no-untyped-def]
    extensions = "[abbr, attr_list, pymdownx.details, pymdownx.mark, pymdownx.tilde, pymdownx.superfences]"
    body = """\
## Overview

??? note "Side effects"
    Headache is the most common.

The WHO says ==never double a dose== and ~~old advice~~ changes.

A lead paragraph.
{: .lead }

```python
dose = 2
```

*[WHO]: World Health Organization
"""
    site = make_site({"site.yaml": with_markdown(f"markdown:\n  engine: python-markdown\n  extensions: {extensions}\n"),
                      K: article(body=body)})
    result = build(run, site)
    assert result.exit_code == 0, result.output
    tree = page(site)
    details = tree.find(".//details[@class='note']")
    assert details.find("summary").text == "Side effects" and details.find("p").text == "Headache is the most common."
    assert tree.find(".//mark").text == "never double a dose" and tree.find(".//del").text == "old advice"
    assert tree.find(".//abbr[@title='World Health Organization']").text == "WHO"
    assert tree.find(".//p[@class='lead']").text == "A lead paragraph."
    assert "".join(tree.find(".//pre/code").itertext()).strip() == "dose = 2"


def test_gfm_stays_the_default_and_shows_a_definition_list_as_text(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body=BODY.replace(" {: #later-on }", ""))})
    assert build(run, site).exit_code == 0
    tree = page(site)
    assert tree.find(".//dl") is None
    assert tree.find(".//aside[@class='callout callout-danger']") is not None


def test_both_engines_sanitise_the_same_way() -> None:
    text = 'Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src="a.png" onerror="x()">\n'
    for engine in ("gfm", "python-markdown"):
        html = str(MarkdownRenderer(engine).render(text).html)
        assert "<script" not in html and "javascript:" not in html and "onerror" not in html, engine


def test_abbreviations_are_refused_unless_the_abbr_extension_shows_them() -> None:
    text = "The OST works.\n\n*[OST]: opioid substitution therapy\n"
    assert MarkdownRenderer().render(text).abbreviation_lines == (3,)
    assert MarkdownRenderer("python-markdown").render(text).abbreviation_lines == (3,)
    rendered = MarkdownRenderer("python-markdown", ("abbr",)).render(text)
    assert rendered.abbreviation_lines == () and '<abbr title="opioid substitution therapy">OST</abbr>' in rendered.html


def test_an_unknown_engine_names_site_yaml_line_key_and_the_engines(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_markdown("markdown:\n  engine: commonmark\n")})
    result = build(run, site)
    assert result.exit_code == 1
    line = SITE_YAML.count("\n") + 2
    assert (f"site.yaml:{line}: markdown.engine: unknown Markdown engine 'commonmark' "
            "(known: gfm, python-markdown)") in result.stderr


def test_an_unknown_extension_names_its_line_key_and_a_suggestion(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_markdown(
        "markdown:\n  engine: python-markdown\n  extensions:\n    - admonition\n    - def_lists\n")})
    result = build(run, site)
    assert result.exit_code == 1
    line = SITE_YAML.count("\n") + 5
    assert (f"site.yaml:{line}: markdown.extensions[1]: unknown Markdown extension 'def_lists' "
            "(did you mean 'def_list'?)") in result.stderr


def test_extensions_need_the_python_markdown_engine(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_markdown("markdown:\n  extensions: [toc]\n")})
    result = build(run, site)
    assert result.exit_code == 1
    assert "markdown.extensions: extensions are for the python-markdown engine, not gfm" in result.stderr


def test_changing_the_engine_renders_the_body_again(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\nTerm\n:   Meaning.\n")})
    assert build(run, site).exit_code == 0
    assert page(site).find(".//dl") is None
    (site / "site.yaml").write_text(with_markdown("markdown:\n  engine: python-markdown\n  extensions: [def_list]\n"),
                                    encoding="utf-8")
    assert build(run, site).exit_code == 0
    assert page(site).find(".//dl/dd/p") is not None or page(site).find(".//dl/dd") is not None
