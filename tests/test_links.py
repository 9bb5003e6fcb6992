"""Internal link check: every href/src inside the site resolves, or the build names where it was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SITE_YAML, TODAY_ARG, article

K = "content/articles/klonopin-addiction.md"
SVG = "<svg xmlns='http://www.w3.org/2000/svg'/>"
NOT_A_PAGE = "which is not a page or file of the site (fix or remove the link)"
NOT_A_FILE = ("which is not a file of the site (put the image under assets/ and give its path from there, "
              "e.g. images/room.png; or fix the path)")


def build(run, site: Path):  # type: ignore[no-untyped-def]
    return run("build", "--site", site, "--no-search", *TODAY_ARG)


def problem_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if not line.startswith("Build failed:")]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_broken_link_in_markdown_fails_the_build_naming_file_and_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert build(run, site).exit_code == 0
    before = snapshot(site / "output")
    body = "## Overview\n\nText.\n\nSee [the guide](/no-such-page/) for more.\n"
    make_site({K: article(body=body)})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [f"{K}:15: link: links to '/no-such-page/', {NOT_A_PAGE}"]
    assert result.stderr.splitlines()[-1] == "Build failed: 1 error; output left as it was."
    assert snapshot(site / "output") == before


def test_a_broken_link_written_on_several_lines_is_reported_on_each(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\n"                                 # lines 11-12
            "See [the team](/abuot/).\n\n"                    # 13
            "Text.\n\n"                                       # 15
            "More: [about us](/abuot/) and <a href=\"/abuot/\">us</a>.\n\n"  # 17
            "[ref]: /abuot/\n")                                 # 19
    site = make_site({K: article(body=body + "\nAs the [ref] says.\n")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert [line.split(": link:")[0] for line in problem_lines(result) if ": link:" in line] == [
        f"{K}:13", f"{K}:17", f"{K}:19"]


def test_an_unquoted_attribute_is_reported_on_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\n"                                 # lines 11-12
            "One tablet can harm a child.\n\n"                # 13: 'tablet', but no link to it
            "<img src=tablet alt=\"a tablet\">\n\n"            # 15
            "<a href=tablet>the tablet</a>\n")                 # 17
    site = make_site({K: article(body=body)})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in problem_lines(result) if "'tablet'" in line] == [f"{K}:15", f"{K}:17"]


def test_check_reports_broken_links_too(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\n[x](/nowhere/)\n")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert f"{K}:13: link: links to '/nowhere/', {NOT_A_PAGE}" in result.stderr
    assert not (site / "output").exists()


def test_broken_anchors_relative_links_and_images(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\n"                                            # lines 11-12
            "[a](/what-are-benzodiazepines/#no-such-heading)\n\n"      # 13
            "[b](#no-such-section)\n\n"                                 # 15
            "[c](../nowhere/)\n\n"                                      # 17
            "![A tablet](/assets/images/missing.svg)\n\n"               # 19
            "[e](/contact/#no-such-id)\n")                              # 21
    site = make_site({K: article(body=body)})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"{K}:13: link: links to '/what-are-benzodiazepines/#no-such-heading', which has no element with id "
        "'no-such-heading' (fix or remove the link)",
        f"{K}:15: link: links to '#no-such-section', but there is no element with id 'no-such-section' on this "
        "page (fix or remove the link)",
        f"{K}:17: link: links to '../nowhere/', {NOT_A_PAGE}",
        f"{K}:19: image: shows the image '/assets/images/missing.svg', {NOT_A_FILE}",
        f"{K}:21: link: links to '/contact/#no-such-id', which has no element with id 'no-such-id' "
        "(fix or remove the link)",
    ]


def test_links_that_resolve_pass(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\nText.\n\n## Second part\n\n"
            "[own heading](#overview) [other page](/what-are-benzodiazepines/) "
            "[relative](../what-are-benzodiazepines/) [heading elsewhere](/contact/#phone) "
            "[reviewer](/reviewers/dr-ada/) [category](/insights/opioids/) [drugs](/drugs/) "
            "[feed](/feed.xml) [file](/what-are-benzodiazepines/index.html) "
            "[external](https://example.org/x) [mail](mailto:care@clinic.example) [phone](tel:+441234) "
            "![A round white tablet](/assets/images/pill.svg) [search](/search/?q=clonazepam)\n")
    site = make_site({K: article(body=body), "assets/images/pill.svg": SVG})
    result = build(run, site)
    assert result.exit_code == 0, result.output


def test_a_broken_link_in_an_faq_answer_names_the_answers_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(faq="\n  - q: Where can I read more?\n    a: In [our guide](/old-guide/).")})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [f"{K}:12: link: links to '/old-guide/', {NOT_A_PAGE}"]  # faq: is on line 10


def test_a_broken_link_in_an_answer_over_several_lines_names_its_own_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    faq = ("\n  - q: Where can I read more?\n    a: In our guide, which\n      has [the steps](/old-guide/)."
           "\n  - q: And then?\n    a: |\n      First, rest.\n\n      Then read [the next part](/next-part/).")
    site = make_site({K: article(faq=faq)})
    result = build(run, site)
    assert result.exit_code == 1
    lines = (site / K).read_text().split("\n")
    at = {href: next(n for n, line in enumerate(lines, 1) if href in line) for href in ("/old-guide/", "/next-part/")}
    assert [line.split(", which")[0] for line in problem_lines(result)] == [
        f"{K}:{at['/old-guide/']}: link: links to '/old-guide/'",
        f"{K}:{at['/next-part/']}: link: links to '/next-part/'"]


@pytest.mark.parametrize("style", ["folded", "folded-kept", "literal", "double-quoted", "single-quoted", "plain"])
def test_a_broken_link_or_image_in_an_answer_over_several_lines_names_the_line_it_is_on(  # type: ignore[no-untyped-def]
        make_site, run, style: str) -> None:
    opening = {"folded": " >-", "folded-kept": " >", "literal": " |", "double-quoted": ' "If you',
               "single-quoted": " 'If you", "plain": " If you"}[style]
    closing = {"double-quoted": '"', "single-quoted": "'"}.get(style, "")
    written = ["have taken it daily,", "stopping suddenly can", "bring on withdrawal, as",
               f"[our guide](/withdrawl/) and ![a chart](/assets/images/taper.svg) show.{closing}"]
    if "quoted" not in style and style != "plain":
        written.insert(0, "If you")
    faq = "\n  - q: Can I stop at once?\n    a:" + opening + "".join(f"\n      {line}" for line in written)
    site = make_site({K: article(faq=faq)})
    lines = (site / K).read_text().split("\n")
    at = next(n for n, line in enumerate(lines, 1) if "/withdrawl/" in line)
    assert problem_lines(run("check", "--site", site, *TODAY_ARG)) == [  # the answer's key is on line 12
        f"{K}:{at}: image: shows the image '/assets/images/taper.svg', {NOT_A_FILE}",
        f"{K}:{at}: link: links to '/withdrawl/', {NOT_A_PAGE}", "2 error(s), 0 warning(s)."]


def test_a_broken_link_in_an_answer_written_as_a_flow_mapping_names_its_own_line(  # type: ignore[no-untyped-def]
        make_site, run) -> None:
    faq = ('\n  - {q: "Can I stop at once?", a: "Stopping suddenly\n      can bring on [withdrawal](/withdrawl/)."}'
           "\n  - {q: And then?,\n     a: 'Ask your doctor\n       about [the next step](/next-step/)'}")
    site = make_site({K: article(faq=faq)})
    # faq: is on line 10; the first answer opens on 11 and its link is on 12, the second's key is on 14
    assert problem_lines(run("check", "--site", site, *TODAY_ARG)) == [
        f"{K}:12: link: links to '/withdrawl/', {NOT_A_PAGE}", f"{K}:15: link: links to '/next-step/', {NOT_A_PAGE}",
        "2 error(s), 0 warning(s)."]


@pytest.mark.parametrize("engine", ["gfm", "python-markdown"])
def test_a_broken_link_with_letters_outside_ascii_is_named_as_written(make_site, run, engine: str) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\n[x](#crème-brûlée--co)\n\n[y](/crème-brûlée/)\n\n[z](/contact/#é) [w](/a%C3%A9/)\n"
    site = make_site({"site.yaml": SITE_YAML + f"markdown:\n  engine: {engine}\n", K: article(body=body)})
    assert problem_lines(run("check", "--site", site, *TODAY_ARG)) == [
        f"{K}:13: link: links to '#crème-brûlée--co', but there is no element with id 'crème-brûlée--co' on this "
        "page (fix or remove the link)",
        f"{K}:15: link: links to '/crème-brûlée/', {NOT_A_PAGE}",
        f"{K}:17: link: links to '/a%C3%A9/', {NOT_A_PAGE}",  # written encoded, named so
        f"{K}:17: link: links to '/contact/#é', which has no element with id 'é' (fix or remove the link)",
        "4 error(s), 0 warning(s)."]


def test_a_broken_link_in_a_plain_page_names_the_page(make_site, run) -> None:  # type: ignore[no-untyped-def]
    page = "---\ntitle: Contact us\nsummary: How to reach us.\n---\n## Phone\n\nCall [the desk](/desk/).\n"
    site = make_site({"content/pages/contact.md": page})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == ["content/pages/contact.md:7: link: links to '/desk/', which is not a page or "
                                     "file of the site (did you mean '/drugs/'?)"]


def test_a_file_is_suggested_only_when_its_own_name_is_close(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\n![A taper plan](images/taper.svg)\n\n![A round pill](images/pil.svg)\n"
    site = make_site({K: article(body=body), "assets/images/pill.svg": SVG})
    result = build(run, site)
    assert problem_lines(result) == [
        f"{K}:13: image: shows the image 'images/taper.svg', which is not a file of the site (put the image at "
        "assets/images/taper.svg; or fix the path)",
        f"{K}:15: image: shows the image 'images/pil.svg', which is not a file of the site (did you mean "
        "'images/pill.svg'?)"]


def test_the_line_is_where_the_link_is_written_not_where_its_text_appears(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\nThe old address /gone/ is mentioned here.\n\nNow [follow it](/gone/).\n"
    site = make_site({K: article(body=body)})
    assert problem_lines(build(run, site)) == [f"{K}:15: link: links to '/gone/', {NOT_A_PAGE}"]


def test_a_link_to_a_draft_is_broken_in_a_normal_build(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/coming-soon.md": article("Coming soon", draft="true"),
                      K: article(body="## Overview\n\nSee [soon](/coming-soon/).\n")})
    assert problem_lines(build(run, site)) == [f"{K}:13: link: links to '/coming-soon/', {NOT_A_PAGE.split(' (')[0]} "
                                               f"(it is a draft, and drafts are not published: link to it once it is, "
                                               f"or remove the link)"]
    make_site({K: article(body="## Overview\n\nSee [soon](coming-soon.md).\n")})  # as GitHub's preview links it
    assert problem_lines(build(run, site))[0].endswith("(it is a draft, and drafts are not published: link to it "
                                                       "once it is, or remove the link)")
    assert run("build", "--site", site, "--drafts", "--no-search", *TODAY_ARG).exit_code == 0
    site = make_site({"site.yaml": SITE_YAML + "languages: [en, fr]\n",
                      "content/articles/coming-soon.md": article("Coming soon"),
                      "content/articles/coming-soon.fr.md": article("Bientôt", draft="true"),
                      "content/articles/klonopin-addiction.fr.md": article(
                          "Klonopin", body="## Vue\n\nVoir [a](coming-soon.fr.md) et [b](/fr/coming-soon/).\n")})
    lines = [line for line in problem_lines(build(run, site)) if "coming-soon" in line]
    assert len(lines) == 2 and all(line.endswith("(it is a draft, and drafts are not published: link to it once it "
                                                 "is, or remove the link)") for line in lines), lines
    make_site({"site.yaml": SITE_YAML + "languages: [en, fr]\n", "content/pages/contact.fr.md":
               "---\ntitle: Contact\nsummary: Nous joindre.\nslug: nous-contacter\ndraft: true\n---\nIci.\n",
               "content/articles/klonopin-addiction.fr.md": article(
                   "Klonopin", body="## Vue\n\nVoir [la page](/fr/nous-contacter/).\n")})
    [line] = [line for line in problem_lines(build(run, site)) if "nous-contacter" in line]
    assert line.endswith("(it is a draft, and drafts are not published: link to it once it is, or remove the link)")


def test_a_broken_link_in_a_nested_key_of_site_yaml_names_its_whole_key(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML.replace("admission_url: /contact/", "admission_url: /admissions/")})
    [problem] = problem_lines(build(run, site))
    line = SITE_YAML.split("admission_url:")[0].count("\n") + 1
    assert problem.startswith(f"site.yaml:{line}: organization.admission_url: links to '/admissions/', ")


def test_a_broken_link_in_a_menu_written_on_one_line_names_its_item(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + "nav: [{title: About, url: /about/}, {title: Fees, url: /fees/}]\n"})
    lines = problem_lines(build(run, site))
    assert next(line for line in lines if "/fees/" in line).startswith(
        f"site.yaml:{SITE_YAML.count(chr(10)) + 1}: nav[1].url: links to '/fees/', "), lines


def test_a_broken_link_from_site_yaml_is_reported_once(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + "nav:\n  - {title: Fees, url: /fees/}\n"})
    result = build(run, site)
    assert result.exit_code == 1
    [problem] = problem_lines(result)
    line = SITE_YAML.count("\n") + 2  # the nav's item, after the file as conftest writes it
    assert problem.startswith(f"site.yaml:{line}: nav[0].url: links to '/fees/', which is not a page or file of "
                              "the site (on ")
    assert problem.endswith(" (fix it, or add the page it points at)")
    pages = int(problem.split("(on ")[1].split(" ")[0])
    assert pages >= 8  # every page with the menu, in one problem


def test_a_broken_link_written_in_two_keys_of_site_yaml_is_reported_at_each(make_site, run) -> None:  # type: ignore[no-untyped-def]
    yaml = (SITE_YAML.replace("admission_url: /contact/", "admission_url: /fees/")
            + "nav:\n  - {title: Fees, url: /fees/}\n")
    site = make_site({"site.yaml": yaml})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    admission = SITE_YAML.split("admission_url:")[0].count("\n") + 1
    assert [line.split(" links to")[0] for line in problem_lines(result) if " links to" in line] == [
        f"site.yaml:{admission}: organization.admission_url:", f"site.yaml:{SITE_YAML.count(chr(10)) + 2}: nav[0].url:"]


LAST_LINE = SITE_YAML.count("\n") + 1  # a key added at the end of site.yaml
ONE_LINE = "write the address on one line with no space in it; a space in a path is written %20"
OTHER_HOST = ("as one on another host (write a path of this site with a single '/' at its start, such as /contact/, or "
              "a full https://... address)")


@pytest.mark.parametrize(("files", "expected"), [
    ({"site.yaml": SITE_YAML + 'nav:\n  - {title: Fees, url: "/\\t/evil2.example/"}\n'},
     f"site.yaml:{LAST_LINE + 1}: nav[0].url: '/\\t/evil2.example/' is not a path of this site: it holds a tab "
     f"({ONE_LINE})"),
    ({"site.yaml": SITE_YAML.replace("admission_url: /contact/", 'admission_url: "/\\n/evil3.example/"')},
     f"site.yaml:7: organization.admission_url: '/\\n/evil3.example/' is not a path of this site: it holds a line "
     f"break ({ONE_LINE})"),
    ({"site.yaml": SITE_YAML + 'editorial_policy: "/\\t/evil4.example/"\n'},
     f"site.yaml:{LAST_LINE}: editorial_policy: '/\\t/evil4.example/' is not a path of this site: it holds a tab "
     f"({ONE_LINE})"),
    ({"site.yaml": SITE_YAML + 'editorial_policy: "//evil.example/"\n'},
     f"site.yaml:{LAST_LINE}: editorial_policy: '//evil.example/' is not a path of this site: a browser reads an "
     f"address that starts with '//' {OTHER_HOST}"),
    ({"site.yaml": SITE_YAML + 'nav:\n  - {title: Fees, url: "/\\\\evil.example/"}\n'},
     f"site.yaml:{LAST_LINE + 1}: nav[0].url: '/\\evil.example/' is not a path of this site: a browser reads an "
     f"address that starts with '/\\' {OTHER_HOST}"),
    ({"site.yaml": SITE_YAML + 'editorial_policy: "\\\\evil.example"\n'},
     f"site.yaml:{LAST_LINE}: editorial_policy: '\\evil.example' is not a page's slug (use lower-case letters, "
     "digits and single hyphens, e.g. klonopin-addiction, or write a path such as /about/ or a full https://... "
     "address)"),
], ids=["nav tab", "admission_url line break", "editorial_policy tab", "editorial_policy //", "nav backslash",
        "editorial_policy backslash slug"])
def test_a_link_of_site_yaml_that_would_leave_the_site_is_not_a_path_of_it(make_site, run, files, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    result = build(run, site)
    assert (result.exit_code, problem_lines(result)) == (1, [expected])
    assert not (site / "output").exists()


@pytest.mark.parametrize(("policy", "href"), [
    ("contact", "/contact/"), ("/contact/", "/contact/"), ("https://group.example/policy/", "https://group.example/policy/"),
    ("http://policy.example/", "http://policy.example/"), ("HTTPS://policy.example/p", "HTTPS://policy.example/p"),
])
def test_the_editorial_policy_is_a_page_s_slug_a_path_or_an_address(make_site, run, policy, href) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML + f'editorial_policy: "{policy}"\n'})
    assert build(run, site).exit_code == 0
    assert f'<a href="{href}">Editorial policy</a>' in (site / "output/index.html").read_text("utf-8")


def test_a_broken_link_from_a_site_layout_is_reported_once_at_its_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    partial = ('<aside>\n  <a href="/crisis-line/">Crisis line</a>\n'
               '  <a href="{{ linked(\'/helpline/\') }}">Call</a>\n</aside>\n')
    site = make_site({"layouts/partials/urgent_help.html": partial})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "layouts/partials/urgent_help.html:2: link: links to '/crisis-line/', which is not a page or file of the site "
        "(on 3 page(s)) (fix it, or add the page it points at)",
        "layouts/partials/urgent_help.html:3: link: links to '/helpline/', which is not a page or file of the site "
        "(on 3 page(s)) (fix it, or add the page it points at)"]
    annotations = run("check", "--site", site, "--format", "github", *TODAY_ARG).stdout.splitlines()
    assert annotations[0].startswith("::error file=layouts/partials/urgent_help.html,line=2,title=link::links to "
                                     "'/crisis-line/'"), annotations


def test_a_broken_link_a_layout_makes_from_parts_is_reported_once_for_the_site(make_site, run) -> None:  # type: ignore[no-untyped-def]
    partial = '<aside><a href="/{{ "crisis" }}-line/">Crisis line</a></aside>\n'
    site = make_site({"layouts/partials/urgent_help.html": partial})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "site.yaml or layouts: link: links to '/crisis-line/', which is not a page or file of the site (on 3 page(s), "
        "e.g. index.html) (fix the link in site.yaml or the layout, or add the page it points at)"]
    # In GitHub's annotations it names no file, since it is not one file's.
    annotations = run("check", "--site", site, "--format", "github", *TODAY_ARG).stdout.splitlines()
    assert annotations[0].startswith("::error title=link::links to '/crisis-line/'"), annotations


@pytest.mark.parametrize("files", [
    {"layouts/partials/urgent_help.html": '{# <a href="/crisis-line/">old</a> #}\n'
                                          '<a href="/{{ "crisis" }}-line/">C</a>\n'},
    {"layouts/partials/urgent_help.html": '<a href="/{{ "crisis" }}-line/">C</a>\n',
     "layouts/partials/urgent_help.html.bak": '<a href="/crisis-line/">C</a>\n',
     "layouts/README.txt": 'Write links such as href="/crisis-line/".\n'},
], ids=["a Jinja comment", "a backup and a README"])
def test_a_layout_file_or_comment_that_makes_no_page_is_not_named(make_site, run, files) -> None:  # type: ignore[no-untyped-def]
    assert [line.split(": link")[0] for line in problem_lines(build(run, make_site(files)))] == ["site.yaml or layouts"]


def test_a_layout_link_is_found_as_written_with_its_hint_and_once_for_every_language(make_site, run) -> None:  # type: ignore[no-untyped-def]
    partial = ('<aside>\n<a href="/klonopin-addiction/#overvie">A</a>\n<a href=/crisis-line/>B</a>\n'
               '<a href="/contact/#form">C</a>\n<a href="/help/?a=1&amp;b=2">D</a>\n</aside>\n')
    site = make_site({"site.yaml": SITE_YAML + "languages: [en, fr]\n",
                      "content/articles/klonopin-addiction.fr.md": article("Klonopin", body="## Vue\n\nTexte.\n"),
                      "layouts/partials/urgent_help.html": partial})
    problems = [line for line in problem_lines(build(run, site)) if ": link: " in line]
    assert [line.split(", which")[0] + line[line.index(") ("):] for line in problems] == [
        "layouts/partials/urgent_help.html:2: link: links to '/klonopin-addiction/#overvie') "
        "(did you mean '/klonopin-addiction/#overview'?)",
        "layouts/partials/urgent_help.html:3: link: links to '/crisis-line/') (fix it, or add the page it points at)",
        # site.yaml's admission_url: /contact/ is not this link, which it holds only in part
        "layouts/partials/urgent_help.html:4: link: links to '/contact/#form') (fix it, or add the page it points at)",
        "layouts/partials/urgent_help.html:5: link: links to '/help/?a=1&b=2') (fix it, or add the page it points at)"]


def test_a_layout_s_svg_sprite_and_video_poster_are_checked_too(make_site, run) -> None:  # type: ignore[no-untyped-def]
    partial = ('<aside><svg><use xlink:href="/assets/icons.svg#dot"></use><use href="/assets/sprite.svg#x"></use>'
               '</svg><video poster="/assets/still.png"></video></aside>\n')
    site = make_site({"layouts/partials/urgent_help.html": partial})
    broken = [line.split(", which")[0] for line in problem_lines(build(run, site))]
    assert broken == [f"layouts/partials/urgent_help.html:1: link: links to '/assets/{name}'"
                      for name in ("icons.svg#dot", "sprite.svg#x", "still.png")]


def test_a_layout_link_whose_host_is_in_brackets_is_a_broken_link_not_a_crash(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"layouts/partials/urgent_help.html": '<aside><a href="https://[www.nhs.uk]/">NHS</a></aside>\n'})
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "layouts/partials/urgent_help.html:1: link: links to 'https://[www.nhs.uk]/', which is not a web address: "
        "square brackets in a host are only for a whole IPv6 address (on 3 page(s)) (fix it, or add the page it "
        "points at)"]


def test_a_full_address_of_the_site_is_checked_as_its_path_is(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Pasted from the browser's address bar: on the site's host under its path, a link of the site.
    body = ("## Overview\n\nSee [a](https://clinic.example/resources/nothere/), "
            "[b](HTTP://Clinic.Example/resources/klonopin-addiction/#nope), [c](https://clinic.example/shop/), "
            "[d](https://clinic.example/resources/klonopin-addiction/#overview) "
            "and [e](https://other.example/resources/nothere/).\n")
    site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", "https://clinic.example/resources/"),
                      "content/articles/what-are-benzodiazepines.md": article("What are benzodiazepines", body=body)})
    result = build(run, site)
    assert result.exit_code == 1
    assert [line.split(" (")[0] for line in problem_lines(result)] == [
        "content/articles/what-are-benzodiazepines.md:13: link: links to "
        "'HTTP://Clinic.Example/resources/klonopin-addiction/#nope', which has no element with id 'nope'",
        "content/articles/what-are-benzodiazepines.md:13: link: links to 'https://clinic.example/resources/nothere/', "
        "which is not a page or file of the site"]


def test_removing_a_linked_article_fails_the_next_build_naming_the_linking_file(make_site, run) -> None:  # type: ignore[no-untyped-def]
    linking = article("What are benzodiazepines", body="## Overview\n\nRead [Klonopin](/klonopin-addiction/).\n",
                      related="[klonopin-addiction]")
    site = make_site({"content/articles/what-are-benzodiazepines.md": linking})
    assert build(run, site).exit_code == 0
    before = snapshot(site / "output")
    (site / K).unlink()
    lines = linking.replace("related: [klonopin-addiction]\n", "")
    (site / "content/articles/what-are-benzodiazepines.md").write_text(lines)
    result = build(run, site)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"content/articles/what-are-benzodiazepines.md:13: link: links to '/klonopin-addiction/', {NOT_A_PAGE}"]
    assert snapshot(site / "output") == before


def test_renaming_a_heading_breaks_the_anchor_links_to_it_on_the_next_build(make_site, run) -> None:  # type: ignore[no-untyped-def]
    files = {"content/articles/what-are-benzodiazepines.md": article(
        "What are benzodiazepines", body="## Overview\n\nSee [risks](/klonopin-addiction/#risks).\n")}
    site = make_site({**files, K: article(body="## Risks\n\nText.\n")})
    assert build(run, site).exit_code == 0
    make_site({**files, K: article(body="## Dangers\n\nText.\n")})
    result = build(run, site)
    assert problem_lines(result) == [
        "content/articles/what-are-benzodiazepines.md:13: link: links to '/klonopin-addiction/#risks', which has "
        "no element with id 'risks' (fix or remove the link)"]
