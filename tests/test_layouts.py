"""Site layouts: extending the built-in ones by the medpress/ prefix, and errors in them as content errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import SITE_YAML, TODAY_ARG, article

from medpress.config import load_config
from medpress.errors import BuildFailed, Problem, TemplateError
from medpress.layouts import BUILTIN_LAYOUTS, layout_file, make_env, render_layout

Run = Callable[..., Result]
MakeSite = Callable[..., Path]
BRAND = "layouts/partials/brand.html"
NOT_FOUND_HINT = "a site's layout goes in layouts/; a built-in one is named 'medpress/<name>'"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(run: Run, site: Path) -> Result:
    return run("build", "--site", site, "--no-search", *TODAY_ARG)


def test_a_site_base_extends_the_built_in_base_of_the_same_name(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "layouts/base.html": '{% extends "medpress/base.html" %}\n'
                             '{% block head %}<meta name="theme-color" content="#123456">{% endblock %}\n',
    })
    assert build(run, site).exit_code == 0
    page = (site / "output/klonopin-addiction/index.html").read_text(encoding="utf-8")
    assert '<meta name="theme-color" content="#123456">' in page
    assert "<h1" in page  # article.html, extending base.html, still fills the main block
    assert page.count("<html") == 1 and 'class="site-footer"' in page


def test_a_site_partial_includes_the_built_in_one_it_replaces(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "layouts/partials/header.html": '<p class="notice">Open every day</p>\n'
                                        '{% include "medpress/partials/header.html" %}\n',
        BRAND: '<span class="brand-name">{{ config.title }} (site)</span>\n',
    })
    assert build(run, site).exit_code == 0
    page = (site / "output/index.html").read_text(encoding="utf-8")
    assert page.index('<p class="notice">Open every day</p>') < page.index('<header class="site-header">')
    # The built-in header's include of partials/brand.html still finds the site's brand.
    assert '<span class="brand-name">Test Clinic (site)</span>' in page


def test_the_prefix_always_means_the_built_in_layout(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "layouts/medpress/partials/brand.html": "<span>shadow</span>\n",
        "layouts/medpress/own.html": '<span class="own">own</span>\n',
        BRAND: '{% include "medpress/partials/brand.html" %}{% include "medpress/own.html" %}\n',
    })
    assert build(run, site).exit_code == 0
    page = (site / "output/index.html").read_text(encoding="utf-8")
    assert '<span class="brand-name">Test Clinic</span>' in page and "shadow" not in page
    assert '<span class="own">own</span>' in page  # not a built-in name: the site's own file


def test_lang_attributes_takes_bcp_47_s_tags_for_no_language_too(make_site: MakeSite, run: Run) -> None:
    site = make_site({BRAND: '<span{{ lang_attributes("zxx") }}>*</span><span{{ lang_attributes("fr") }}>Oui</span>'
                             '<span{{ lang_attributes("en") }}>Yes</span>\n'})
    assert build(run, site).exit_code == 0
    page = (site / "output/index.html").read_text(encoding="utf-8")
    assert '<span lang="zxx">*</span><span lang="fr">Oui</span><span>Yes</span>' in page


BROKEN = [
    pytest.param("{{ config.title }\n", f"{BRAND}:1: syntax error: unexpected '}}' (check that each {{{{ is closed "
                 "by }} and each {% by %} on this line)", id="syntax"),
    pytest.param("<span>\n{% if config.title %}\n{{ config.title }}</span>\n",
                 f"{BRAND}:3: syntax error: Unexpected end of template. Jinja was looking for the following tags: "
                 "'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. (a {% if %} "
                 "above this line is not closed: end it with {% endif %})", id="unclosed-block"),
    pytest.param("<span>\n{{ config.titel }}</span>\n",
                 f"{BRAND}:2: undefined value: 'medpress.model.SiteConfig object' has no attribute 'titel'; "
                 "did you mean 'title'?", id="misspelt-attribute"),
    pytest.param("<span>\n{{ site.title }}</span>\n",
                 f"{BRAND}:2: undefined value: 'medpress.model.Site object' has no attribute 'title'; "
                 "did you mean 'config.title'?", id="a-setting-asked-of-the-site"),
    pytest.param("<span>\n\n{{ clinic }}</span>\n",
                 f"{BRAND}:3: undefined value: 'clinic' is undefined "
                 "(check the spelling against the built-in layouts in medpress/layouts/)", id="unknown-name"),
    pytest.param('<link rel="stylesheet" href="{{ asset(\'css/medpres.css\') }}">\n',
                 f"{BRAND}:1: asset('css/medpres.css'): there is no file assets/css/medpres.css (did you mean "
                 "'css/medpress.css'?)", id="misspelt-asset"),
    pytest.param('<img src="{{ asset(\'../site.yaml\') }}" alt="">\n',
                 f"{BRAND}:1: asset('../site.yaml'): there is no file assets/../site.yaml (put the file under "
                 "assets/, or fix the name)", id="asset-outside"),
    pytest.param('<a href="{{ absolute(\'about/\') }}">About</a>\n',
                 f"{BRAND}:1: absolute('about/'): not a path of this site (give it a path that starts with /, e.g. "
                 "absolute(article.url) or absolute('/drugs/'))", id="absolute-of-a-relative-path"),
    pytest.param('<span{{ lang_attributes("english") }}>Help</span>\n',
                 f"{BRAND}:1: 'english' is not a language tag (give a BCP 47 tag such as 'en' or 'pt-BR', or a page's "
                 "own, e.g. article.lang)", id="lang-attributes-of-a-language-name"),
    pytest.param('<span{{ lang_attributes("en ") }}>Help</span>\n',
                 f"{BRAND}:1: 'en ' is not a language tag (give a BCP 47 tag such as 'en' or 'pt-BR', or a page's "
                 "own, e.g. article.lang)", id="lang-attributes-of-a-tag-with-a-space"),
    pytest.param('<span{{ lang_attributes("zxx-a b") }}>Help</span>\n',
                 f"{BRAND}:1: 'zxx-a b' is not a language tag (give a BCP 47 tag such as 'en' or 'pt-BR', or a "
                 "page's own, e.g. article.lang)", id="lang-attributes-of-no-language-with-a-space"),
    pytest.param('<span>{{ "" | written_in("english") }}</span>\n',
                 f"{BRAND}:1: 'english' is not a language tag (give a BCP 47 tag such as 'en' or 'pt-BR', or a page's "
                 "own, e.g. article.lang)", id="written-in-a-language-name-of-empty-text"),
    pytest.param('<span>{{ "Help" | written_in(false) }}</span>\n',
                 f"{BRAND}:1: False is not a language tag (give a BCP 47 tag such as 'en' or 'pt-BR', or a page's "
                 "own, e.g. article.lang)", id="written-in-false"),
    pytest.param('<span>{{ "Help" | written_in(2) }}</span>\n',
                 f"{BRAND}:1: 2 is not a language tag (give a BCP 47 tag such as 'en' or 'pt-BR', or a page's own, "
                 "e.g. article.lang)", id="written-in-a-number"),
    pytest.param("{{ config.title | uper }}\n", f"{BRAND}:1: no filter named 'uper' (did you mean 'upper'?)",
                 id="unknown-filter"),
    pytest.param("<span>\n{% include 'partials/logo.html' %}</span>\n",
                 f"{BRAND}:2: layout not found: partials/logo.html ({NOT_FOUND_HINT})", id="missing-include"),
    pytest.param("<span>\n{{ config.title // 2 }}</span>\n",
                 f"{BRAND}:2: layout error: TypeError: unsupported operand type(s) for //: 'str' and 'int'",
                 id="python-error"),
    pytest.param("<span>\n{{ config.title | long_date }}</span>\n",
                 f"{BRAND}:2: layout error: TypeError: long_date writes out a date, such as article.reviewed, not str "
                 "'Test Clinic'", id="long-date-of-a-text"),
]


def test_a_layout_error_on_some_pages_names_one_of_them(make_site: MakeSite, run: Run) -> None:
    site = make_site()
    (site / "layouts").mkdir()
    (site / "layouts/article.html").write_text(
        '{% extends "medpress/article.html" %}\n{% block main %}{% if article.slug == "klonopin-addiction" %}'
        "{{ nope.x }}{% endif %}{{ super() }}{% endblock %}\n", encoding="utf-8")
    for result in (build(run, site), run("check", "--site", site, *TODAY_ARG)):
        assert result.exit_code == 1
        assert "layouts/article.html:2: undefined value: 'nope' is undefined (on /klonopin-addiction/) (" \
            in result.output, result.output


@pytest.mark.parametrize("written", ["", "\n  \n", "{% if false %}<p>Kept for later</p>{% endif %}\n"])
def test_a_page_layout_that_gives_an_empty_page_is_an_error(make_site: MakeSite, run: Run, written: str) -> None:
    # An emptied file would otherwise publish blank pages: no review line, no urgent help, no disclaimer.
    site = make_site()
    assert build(run, site).exit_code == 0
    before = snapshot(site / "output")
    (site / "layouts").mkdir()
    (site / "layouts/article.html").write_text(written, encoding="utf-8")
    for result in (build(run, site), run("check", "--site", site, *TODAY_ARG)):
        assert result.exit_code == 1
        assert "layouts/article.html: renders an empty page (on 2 pages, e.g. /klonopin-addiction/) (give it " \
               "content, or delete it to use the built-in article.html)" in result.output, result.output
    assert snapshot(site / "output") == before


@pytest.mark.parametrize(("layout", "expected"), BROKEN)
def test_a_broken_layout_is_one_error_at_its_file_and_line(make_site: MakeSite, run: Run, layout: str,
                                                            expected: str) -> None:
    site = make_site()
    assert build(run, site).exit_code == 0
    before = snapshot(site / "output")
    (site / "layouts/partials").mkdir(parents=True)
    (site / BRAND).write_text(layout, encoding="utf-8")
    for result in (build(run, site), run("check", "--site", site, *TODAY_ARG)):
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert lines.count(expected) == 1, result.output
        assert "1 error" in result.output and "Traceback" not in result.output
    assert snapshot(site / "output") == before


@pytest.mark.parametrize(("write", "expected"), [
    pytest.param(lambda path: path.write_bytes(b"<span>\n\xff\xfe caf\xe9</span>\n"),
                 f"{BRAND}:2: is not UTF-8 text (byte 7) (save it as UTF-8 in your editor)", id="not-utf8"),
    pytest.param(lambda path: path.symlink_to("/etc/hostname"),
                 f"{BRAND}: is a link to a file outside the site; refused (copy the file into the site instead of "
                 "linking it)", id="link-out"),
    pytest.param(lambda path: path.write_text('{% include "partials/brand.html" %}\n'),
                 f"{BRAND}:1: this layout extends or includes itself, directly or through another (to build on the "
                 'built-in layout of the same name, write {% include "medpress/partials/brand.html" %}; or '
                 "break the loop of includes)", id="includes-itself"),
])
def test_a_layout_file_that_cannot_be_used_is_refused_by_name(make_site: MakeSite, run: Run,
                                                             write: Callable[[Path], object], expected: str) -> None:
    site = make_site()
    assert build(run, site).exit_code == 0
    before = snapshot(site / "output")
    (site / "layouts/partials").mkdir(parents=True)
    write(site / BRAND)
    result = build(run, site)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert expected in result.output.splitlines(), result.output
    assert snapshot(site / "output") == before


def test_a_layout_that_extends_itself_is_told_the_built_in_layout_of_its_name(make_site: MakeSite, run: Run) -> None:
    head = '{% block head %}<meta name="k">{% endblock %}'
    site = make_site({"layouts/article.html": '{% extends "article.html" %}' + head})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert ('to build on the built-in layout of the same name, write {% extends "medpress/article.html" %}; or '
            "break the loop of includes") in result.output
    (site / "layouts/article.html").write_text('{% extends "medpress/article.html" %}' + head)
    assert build(run, site).exit_code == 0
    assert "Text about clonazepam." in (site / "output/klonopin-addiction/index.html").read_text()


@pytest.mark.parametrize("read", ["{{ review.next_due | long_date }}", '{{ reviewer | text_of("bio") }}'])
def test_a_filter_of_an_empty_value_is_said_as_the_value_is(make_site: MakeSite, run: Run, read: str) -> None:
    # A draft previewed before its review has no review or reviewer: the filter is told as {{ review.next_due }} is.
    layout = ('{% extends "medpress/article.html" %}\n'
              '{% block head %}<meta name="x" content="' + read + '">{% endblock %}\n')
    site = make_site({"content/articles/klonopin-addiction.md": article(reviewed="<drop>", reviewer="<drop>",
                                                                        draft="true"),
                      "layouts/article.html": layout})
    result = run("check", "--site", site, "--drafts", *TODAY_ARG)
    assert result.exit_code == 1
    field = "next_due" if "review." in read else "bio"
    assert (f"layouts/article.html:2: undefined value: 'None' has no attribute '{field}' (on /klonopin-addiction/) "
            "(what comes before the dot is empty on some pages (an article not yet reviewed has no review or "
            "reviewer): test it first, as in {% if review %}...{% endif %})") in result.output, result.output


def test_a_block_the_extended_layout_does_not_have_is_an_error(make_site: MakeSite, run: Run) -> None:
    layout = ('{% extends "medpress/article.html" %}\n{% block head %}{{ super() }}{% endblock %}\n'
              "{% block title %}Mine{% endblock %}\n")
    site = make_site({"layouts/article.html": layout})
    result = build(run, site)
    assert result.exit_code == 1
    assert ("layouts/article.html:3: block 'title' is not in medpress/article.html, so it would never show "
            "(its blocks: favicon, head, main, og_type)") in result.output.splitlines()


def test_a_block_declared_inside_a_replaced_block_is_a_new_one_for_layouts_that_extend_it(make_site: MakeSite,
                                                                                          run: Run) -> None:
    base = ('{% extends "medpress/base.html" %}\n'
            '{% block main %}<div class="wrap">{% block inner %}{% endblock %}</div>{{ super() }}{% endblock %}\n')
    page = '{% extends "base.html" %}\n{% block inner %}<p class="mine">{{ plain.title }}</p>{% endblock %}\n'
    site = make_site({"layouts/base.html": base, "layouts/page.html": page})
    result = build(run, site)
    assert result.exit_code == 0, result.output
    assert '<div class="wrap"><p class="mine">Contact us</p></div>' in (site / "output/contact/index.html").read_text()


def test_inline_code_in_a_site_layout_is_a_warning_as_the_site_s_policy_blocks_it(make_site: MakeSite,
                                                                                  run: Run) -> None:
    layout = ('{% extends "medpress/base.html" %}\n{# <script>a comment</script> #}\n'
              '{% block head %}<script>window.x = 1</script><style>body { color: red }</style>\n'
              '<script type="application/ld+json">{"a": 1}</script><script src="{{ asset(\'js/search.js\') }}">'
              '</script><script type="module" src="{{ asset(\'js/search.js\') }}"></script>{% endblock %}\n'
              '{% block main %}<div style="color: red" onClick="go()">{{ super() }}</div>{% endblock %}\n')
    site = make_site({"layouts/base.html": layout})
    result = build(run, site)
    assert result.exit_code == 0, result.output
    warned = sorted(line.split(", which")[0] for line in result.output.splitlines() if line.startswith("warning:"))
    assert warned == ["warning: layouts/base.html:3: a <style> element",
                      "warning: layouts/base.html:3: an inline <script>",
                      'warning: layouts/base.html:5: an inline onclick="..."',
                      'warning: layouts/base.html:5: an inline style="..."']
    assert ("which the site's Content-Security-Policy (_headers) blocks: on a host that applies it, it does nothing "
            "(move it into a file under assets/js/ or assets/css/ and link that with asset())") in result.output


def test_a_syntax_error_in_a_layout_named_by_a_page_is_reported(make_site: MakeSite, run: Run) -> None:
    site = make_site({"layouts/page.html": '{% extends "base.html" %}\n{% block main %}{% endblok %}\n'})
    result = build(run, site)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("layouts/page.html:2: syntax error: ")
    assert not (site / "output").exists()


def test_many_pages_on_a_broken_base_in_worker_processes_give_one_error(make_site: MakeSite, run: Run) -> None:
    from conftest import article

    many = {f"content/articles/a{n:03}.md": article(f"Article {n}") for n in range(80)}
    site = make_site({**many, "layouts/base.html": '{% extends "medpress/base.html" %}\n'
                                                   '{% block head %}{{ page.titel }}{% endblock %}\n'})
    result = run("build", "--site", site, "--no-search", "--jobs", "2", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.output.count("layouts/base.html:2: undefined value: ") == 1, result.output


def test_an_error_in_a_built_in_layout_names_it_as_built_in(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    env = make_env(load_config(tmp_path), {})
    with pytest.raises(TemplateError) as caught:
        render_layout(env, "medpress/partials/footer.html")
    assert str(caught.value.problem) == (
        "(built-in) layouts/partials/footer.html:4: undefined value: 'config' is undefined "
        "(check the spelling against the built-in layouts in medpress/layouts/)")


def test_layout_files_are_named_as_the_site_sees_them(tmp_path: Path) -> None:
    site_layouts = tmp_path / "layouts"
    assert layout_file(str(site_layouts / "partials/brand.html"), site_layouts) == BRAND
    assert layout_file(str(BUILTIN_LAYOUTS / "partials/header.html"), site_layouts) == (
        "(built-in) layouts/partials/header.html")
    assert layout_file(str(tmp_path / "medpress/render.py"), site_layouts) is None
    assert layout_file(None, site_layouts) is None


def test_a_medpress_fault_outside_any_layout_is_not_blamed_on_one(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    env = make_env(load_config(tmp_path), {})

    def broken() -> str:
        raise KeyError("medpress's own bug")

    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts/calls.html").write_text("{{ broken() }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="layout error: KeyError"):  # called from the site's layout
        render_layout(env, "calls.html", broken=broken)
    with pytest.raises(KeyError):  # called from a built-in layout: a fault of medpress, not of the site
        env.from_string("{{ broken() }}").render(broken=broken)


def test_the_same_problem_is_reported_once() -> None:
    twice = [Problem("undefined value: x", BRAND, 2), Problem("undefined value: x", BRAND, 2)]
    assert BuildFailed(twice).problems == twice[:1]
