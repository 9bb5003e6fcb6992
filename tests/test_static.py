"""static/: files copied as they are to the root of the output, never over one of the site's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from test_incremental import assert_as_a_cold_build, tree
from test_write import summary

from medpress.pipeline import BuildOptions, build

PUBLISHED: dict[str, str | bytes | None] = {
    "static/CNAME": "clinic.example\n",
    "static/.well-known/security.txt": "Contact: mailto:security@clinic.example\n",
    "static/favicon.ico": b"\x00\x00\x01\x00\x01\x00\x10\x10",
    "static/google0123456789abcdef.html": "google-site-verification: google0123456789abcdef.html",
    "static/files/leaflet.pdf": b"%PDF-1.4 a leaflet",
}
HIDDEN: dict[str, str | bytes | None] = {
    "static/.DS_Store": b"\x00\x00\x00\x01Bud1",
    "static/.gitkeep": "",
    "static/.git/config": "[core]\n",
    "static/.htaccess": "Options -Indexes\n",
    "static/.well-known/.DS_Store": b"Bud1",
    "static/files/.leaflet.pdf.swp": b"swap",
}


def build_site(run, site: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("build", "--site", site, "--no-search", *TODAY_ARG, *args)


def test_static_files_are_copied_as_they_are_to_the_root(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**PUBLISHED, **HIDDEN})
    result = build_site(run, site)
    assert result.exit_code == 0, result.output
    out = site / "output"
    for rel, data in PUBLISHED.items():
        assert data is not None
        copy = out / rel.removeprefix("static/")
        assert copy.read_bytes() == (data if isinstance(data, bytes) else data.encode()), rel


def test_hidden_files_are_left_out_but_well_known_is_published(make_site, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**PUBLISHED, **HIDDEN})
    assert build_site(run, site).exit_code == 0
    shutil.rmtree(site / "static")
    assert build_site(run, site, "--out", tmp_path / "without").exit_code == 0
    added = tree(site / "output").keys() - tree(tmp_path / "without").keys()
    assert added == {rel.removeprefix("static/") for rel in PUBLISHED}


def test_links_to_static_files_resolve(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\nRead [the leaflet](/files/leaflet.pdf) or [our policy](/.well-known/security.txt).\n"
    site = make_site({**PUBLISHED, "content/articles/klonopin-addiction.md": article(body=body)})
    assert build_site(run, site).exit_code == 0
    (site / "static/files/leaflet.pdf").unlink()
    result = build_site(run, site)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/articles/klonopin-addiction.md:13: link: links to '/files/leaflet.pdf', which is not a page or "
        "file of the site (fix or remove the link)")


def test_a_link_to_a_static_file_without_an_extension_resolves(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # "/CNAME" is the file a server sends, not a folder's page; "/CNAME/" is a folder the site does not have.
    folders = "[a folder](/CNAME/), [another](/CNAME/.) or [a third](/CNAME%2F)"  # as browsers and servers read them
    body = f"## Overview\n\nOur [domain](/CNAME) and [its file](../CNAME#top), not {folders}.\n"
    site = make_site({**PUBLISHED, "content/articles/klonopin-addiction.md": article(body=body)})
    result = build_site(run, site)
    assert result.exit_code == 1
    assert [line.split(", which")[0] for line in result.output.splitlines()[:-1]] == [
        f"content/articles/klonopin-addiction.md:13: link: links to '{href}'" for href in ("/CNAME%2F", "/CNAME/",
                                                                                          "/CNAME/.")]
    assert "links to '/CNAME/', which is not a page or file of the site (did you mean '/CNAME'?)" in result.output
    page = site / "content/articles/klonopin-addiction.md"
    page.write_text(page.read_text().replace(f", not {folders}", ""))
    assert build_site(run, site).exit_code == 0
    (site / "static/CNAME").unlink()  # the page that links to it is checked again
    result = build_site(run, site)
    assert result.exit_code == 1
    assert "links to '/CNAME', which is not a page or file of the site" in result.output


def test_a_static_file_s_clash_names_its_address_under_the_site_s_path(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", "https://clinic.example/resources/"),
                      "static/robots.txt": "mine\n", "static/assets/x.txt": "mine\n",
                      "content/articles/klonopin-addiction.md": article(aliases='["/old/klonopin/"]'),
                      "static/old/klonopin/index.html": "mine\n"})
    result = build_site(run, site)
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        "static/assets/x.txt: is inside /resources/assets/, where medpress publishes the site's assets/ folder "
        "(move the file into assets/)",
        "static/old/klonopin/index.html: would replace /resources/old/klonopin/index.html, the redirect to "
        "/resources/klonopin-addiction/, which medpress writes (remove it from static/ or rename it)",
        "static/robots.txt: would replace /resources/robots.txt, robots.txt, which medpress writes "
        "(remove it from static/ or rename it)"]


@pytest.mark.parametrize("rel, message", [
    ("static/index.html", "would replace /index.html, the home page, which medpress writes"),
    ("static/404.html", "would replace /404.html, the page-not-found page, which medpress writes"),
    ("static/sitemap.xml", "would replace /sitemap.xml, the sitemap, which medpress writes"),
    ("static/robots.txt", "would replace /robots.txt, robots.txt, which medpress writes"),
    ("static/_redirects", "would replace /_redirects, the list of redirects, which medpress writes"),
    ("static/_headers", "would replace /_headers, the list of security headers, which medpress writes"),
    ("static/klonopin-addiction/index.html",
     "would replace /klonopin-addiction/index.html, the article 'klonopin-addiction', which medpress writes"),
    ("static/insights/opioids/index.html",
     "would replace /insights/opioids/index.html, the listing of category 'opioids', which medpress writes"),
    ("static/old/klonopin/index.html",
     "would replace /old/klonopin/index.html, the redirect to /klonopin-addiction/, which medpress writes"),
    ("static/contact", "is a file where medpress writes the folder /contact/ (for the page 'contact', "
                       "/contact/index.html)"),
    ("static/reviewers", "is a file where medpress writes the folder /reviewers/ (for the page of reviewer "
                         "'dr-ada', /reviewers/dr-ada/index.html)"),
    ("static/reviewers/index.html", "would replace /reviewers/index.html, the review board, which medpress writes"),
    ("static/feed.xml/old.xml", "is inside /feed.xml, the feed, which medpress writes as a file"),
])
def test_a_static_file_on_one_of_the_site_s_own_is_an_error_naming_both(make_site, run, rel: str,
                                                                         message: str) -> None:  # type: ignore[no-untyped-def]
    aliased = article(aliases='["/old/klonopin/"]')
    site = make_site({"content/articles/klonopin-addiction.md": aliased})
    assert build_site(run, site).exit_code == 0
    before = tree(site / "output")
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    (site / rel).write_text("mine\n")
    result = build_site(run, site)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{rel}: {message} (remove it from static/ or rename it)",
                                          "Build failed: 1 error; output left as it was."]
    assert tree(site / "output") == before


@pytest.mark.parametrize("rel, message", [
    ("static/assets/css/medpress.css", "is inside /assets/, where medpress publishes the site's assets/ folder "
                                       "(move the file into assets/)"),
    ("static/assets/images/new.png", "is inside /assets/, where medpress publishes the site's assets/ folder "
                                     "(move the file into assets/)"),
    ("static/pagefind/pagefind.js", "is inside /pagefind/, where medpress writes the search index "
                                    "(rename the folder in static/)"),
    ("static/pagefind/verify.html", "is inside /pagefind/, where medpress writes the search index "
                                    "(rename the folder in static/)"),
    ("static/assets/evil.xml", "is inside /assets/, where medpress publishes the site's assets/ folder (write a page "
                               "as Markdown in content/pages/; a file to publish exactly as it is, such as a search "
                               "engine's verification page, goes in static/ outside static/assets/)"),
])
def test_static_files_stay_out_of_medpress_s_own_folders(make_site, run, rel: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({rel: "mine\n"})
    result = build_site(run, site)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{rel}: {message}", "Build failed: 1 error; output left as it was."]
    assert not (site / "output").exists()


def test_check_lists_every_clash_with_the_content_s_own_problems(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"static/index.html": "mine\n", "static/sitemap.xml": "mine\n",
                      "content/articles/klonopin-addiction.md": article(reviewed="2020-01-01")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    paths = [line.split(":")[0] for line in result.output.splitlines()[:-1]]
    assert paths == ["content/articles/klonopin-addiction.md", "static/index.html", "static/sitemap.xml"]


def test_adding_editing_and_removing_a_static_file_rebuild_as_a_cold_build(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    steps = [
        lambda: (site / "static/.well-known").mkdir(parents=True) or (
            site / "static/.well-known/security.txt").write_text("Contact: mailto:a@clinic.example\n"),
        lambda: (site / "static/.well-known/security.txt").write_text("Contact: mailto:b@clinic.example\n"),
        lambda: (site / "static/.well-known/security.txt").unlink(),
    ]
    for step, (written, removed) in zip(steps, [(1, 0), (1, 0), (0, 1)], strict=True):
        step()
        report = build(site, options)
        assert (report.unchanged, report.rendered, report.written, report.removed) == (False, 0, written, removed)
        assert_as_a_cold_build(site, out)
    assert not (out / ".well-known").exists()


def test_the_summary_counts_a_static_file_added_then_removed(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert build_site(run, site).exit_code == 0
    (site / "static").mkdir()
    (site / "static/CNAME").write_text("clinic.example\n")
    assert summary(build_site(run, site).output)[1:] == (0, 1, 0)
    (site / "static/CNAME").unlink()
    assert summary(build_site(run, site).output)[1:] == (0, 0, 1)
