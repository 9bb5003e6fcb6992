"""Paths that try to leave the output folder, links out of the site, two pages on one
file, and output folders that are not medpress's to replace: each refused with a
clear message and exit 1, the previous output/ intact, nothing written elsewhere.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SITE_YAML, article
from robust_helpers import (
    assert_clean_failure,
    build_in_process,
    build_subprocess,
    build_template,
    listing,
    write_site,
)
from robust_helpers import break_site as copy_and_break

from medpress.graph import alias_target, is_safe_relative

ART = "content/articles/klonopin-addiction.md"
SECRET = "TOP-SECRET-outside-the-site"
SLUG_HINT = "(use lower-case letters, digits and single hyphens, e.g. klonopin-addiction)"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("built"))


ESCAPES = ["../evil", "../../etc/passwd", "/etc/passwd", "%2e%2e/evil", "%2E%2E%2Fevil", "..\\\\evil",
           "a\\\\..\\\\..\\\\evil", "..", ".", "~/evil", "evil\\u0000"]


@pytest.mark.parametrize("slug", [*ESCAPES, "a/b", "C:\\\\evil"])
def test_a_slug_cannot_leave_the_output(built: Path, tmp_path: Path, slug: str) -> None:
    shown = slug.encode().decode("unicode_escape")
    copy_and_break(built, tmp_path, {ART: article(slug=f'"{slug}"')},
                   f"{ART}:10: slug: '{shown}' is not valid {SLUG_HINT}"
                   if "\\u0000" not in slug else f"{ART}:10: contains the control character U+0000")


@pytest.mark.parametrize("alias", [f"/{e}/" for e in ESCAPES if e != "~/evil"]  # /~/evil/ is a fine path
                         + ["../evil/", "evil/", "//evil.example/x/", "https://evil.example/", "/a//b/", "/a/./b/"])
def test_an_alias_cannot_leave_the_output(built: Path, tmp_path: Path, alias: str) -> None:
    shown = alias.encode().decode("unicode_escape")
    expected = (f"{ART}:10: aliases[0]: '{shown}' is not a safe site path "
                "(write an absolute path of letters, digits, '-', '_', '.' and '~' between slashes, such as "
                "/old/klonopin-guide/)")
    if "\\u0000" in alias:
        expected = f"{ART}:10: contains the control character U+0000"
    copy_and_break(built, tmp_path, {ART: article(aliases=f'["{alias}"]')}, expected)


@pytest.mark.parametrize("alias, problem", [
    ("/index.html", "would replace the site's own /index.html"),
    ("/404.html", "would replace the site's own /404.html"),
    ("/feed.xml/", "would replace the site's own /feed.xml"),
    ("/sitemap.xml", "would replace the site's own /sitemap.xml"),
    ("/robots.txt/", "would replace the site's own /robots.txt"),
    ("/_headers", "would replace the site's own /_headers"),
    ("/insights/opioids/", "is inside /insights/, which the site's own pages use"),
    ("/reviewers/dr-ada/", "is inside /reviewers/, which the site's own pages use"),
    ("/drugs/", "is inside /drugs/, which the site's own pages use"),
    ("/search/", "is inside /search/, which the site's own pages use"),
    ("/assets/css/medpress.css", "is inside /assets/, which the site's own pages use"),
    ("/pagefind/pagefind.js", "is inside /pagefind/, which the site's own pages use"),
])
def test_an_alias_cannot_replace_the_sites_own_pages(built: Path, tmp_path: Path, alias: str, problem: str) -> None:
    copy_and_break(built, tmp_path, {ART: article(aliases=f'["{alias}"]')},
                   f"{ART}:10: aliases[0]: '{alias}' {problem} "
                   "(remove the alias: the site's own pages cannot be redirected)")


@pytest.mark.parametrize("src", ["../../etc/passwd", "/etc/passwd", "%2e%2e/%2e%2e/etc/passwd",
                                 "images\\\\..\\\\..\\\\secret.svg", "images/../../secret.svg", "./images/x.svg",
                                 "file:///etc/passwd", "javascript:alert(1)"])
def test_an_image_src_cannot_leave_assets(built: Path, tmp_path: Path, src: str) -> None:
    shown = src.replace("\\\\", "\\")
    copy_and_break(built, tmp_path, {ART: article(image=f'{{src: "{src}", alt: "Pills"}}')},
                   f"{ART}:10: image.src: '{shown}' must be a plain path inside assets/ "
                   "(put the file under assets/ and give its path, e.g. images/pills.svg)")


def test_an_image_src_cannot_be_an_http_address(built: Path, tmp_path: Path) -> None:
    copy_and_break(built, tmp_path, {ART: article(image='{src: "http://insecure.example/x.png", alt: "Pills"}')},
                   f"{ART}:10: image.src: 'http://insecure.example/x.png' is an image at an http:// address, which "
                   "browsers block on an https page")


def test_a_reviewer_image_cannot_leave_assets(built: Path, tmp_path: Path) -> None:
    rel = "content/reviewers/dr-ada.yaml"
    copy_and_break(built, tmp_path, {rel: "name: Dr Ada\ncredentials: MD\nimage: {src: ../../etc/passwd, alt: Ada}\n"},
                   f"{rel}:3: image.src: '../../etc/passwd' must be a plain path inside assets/")


@pytest.mark.parametrize("logo", ["../site.yaml", "/etc/passwd", "%2e%2e/x.svg", "images\\\\..\\\\x.svg"])
def test_a_logo_cannot_leave_assets(built: Path, tmp_path: Path, logo: str) -> None:
    shown = logo.replace("\\\\", "\\")
    config = SITE_YAML.replace("  - {name: Test Accreditor}", f'  - {{name: Test Accreditor, logo: "{logo}"}}')
    line = SITE_YAML.split("\n").index("  - {name: Test Accreditor}") + 1
    copy_and_break(built, tmp_path, {"site.yaml": config},
                   f"site.yaml:{line}: accreditations[0].logo: '{shown}' is not a path inside assets/ "
                   "(put the file under assets/ and give its path there, e.g. images/accreditor.svg)")


# Links out of the site -------------------------------------------------------------------

def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_text(article("Secret", body=f"## {SECRET}\n\n{SECRET}\n"))
    (outside / "secret.svg").write_text(f"<svg><title>{SECRET}</title></svg>")
    (outside / "folder" / "inner.md").write_text(article("Inner", body=f"## {SECRET}\n"))
    (outside / "folder" / "inner.svg").write_text(f"<svg><title>{SECRET}</title></svg>")
    return outside


@pytest.mark.parametrize("link, target, expected", [
    ("content/articles/secret.md", "secret.md", "is a link to a file outside the site; refused"),
    ("content/articles/folder", "folder", "is a link to a folder outside the site; refused"),
    ("content/reviewers/dr-eve.yaml", "secret.md", "is a link to a file outside the site; refused"),
    ("content/pages/secret.md", "secret.md", "is a link to a file outside the site; refused"),
    ("assets/images/secret.svg", "secret.svg", "is a link to a file outside the site; refused"),
    ("assets/images/folder", "folder", "is a link to a folder outside the site; refused"),
    ("assets/images/etc", "/etc", "is a link to a folder outside the site; refused"),
    ("static/secret.txt", "secret.md", "is a link to a file outside the site; refused"),
    ("static/.well-known/security.txt", "secret.md", "is a link to a file outside the site; refused"),
    ("static/folder", "folder", "is a link to a folder outside the site; refused"),
])
def test_a_link_out_of_the_site_is_refused_and_never_copied(built: Path, tmp_path: Path, link: str, target: str,
                                                           expected: str) -> None:
    outside = _outside(tmp_path)
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    before = listing(tmp_path)
    (site / link).symlink_to(outside / target if not target.startswith("/") else target)
    code, output = build_in_process(site)
    assert_clean_failure(code, output, f"{link}: {expected}")
    assert listing(tmp_path) == {**before, f"site/{link}": listing_link(site / link)}
    assert not any(SECRET in p.read_text(errors="replace") for p in (site / "output").rglob("*") if p.is_file())


@pytest.mark.parametrize("link, target", [
    ("assets/images/env.txt", ".env"),
    ("assets/images/config.txt", ".git/config"),
    ("static/token.txt", ".git/config"),
    ("content/articles/env.md", ".env"),
])
def test_a_link_to_a_hidden_file_of_the_site_is_refused_and_never_copied(built: Path, tmp_path: Path, link: str,
                                                                        target: str) -> None:
    """The walk leaves .env and .git out; a link must not publish them under another name."""
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / ".git").mkdir(exist_ok=True)
    (site / target).write_text(f"TOKEN={SECRET}\n")
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    before = listing(tmp_path)
    (site / link).symlink_to(os.path.relpath(site / target, (site / link).parent))
    code, output = build_in_process(site)
    assert_clean_failure(code, output, f"{link}: is a link to a hidden file of the site (a name starting with '.', "
                                       "such as .env or .git/config); refused (copy the file here instead of linking "
                                       "it, if it is meant to be published)")
    assert listing(tmp_path) == {**before, f"site/{link}": listing_link(site / link)}
    assert not any(SECRET in p.read_text(errors="replace") for p in (site / "output").rglob("*") if p.is_file())


def test_a_link_to_a_file_of_static_well_known_is_no_hidden_file(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / "static/.well-known").mkdir(parents=True, exist_ok=True)
    (site / "static/.well-known/security.txt").write_text("Contact: mailto:security@clinic.example\n")
    (site / "static/security.txt").symlink_to(".well-known/security.txt")
    code, output = build_in_process(site)
    assert code == 0, output
    assert (site / "output/security.txt").read_text() == "Contact: mailto:security@clinic.example\n"


@pytest.mark.parametrize("name", ["chart.html", "chart.XHTML", "data/chart.xml", "leaflet.htm"])
def test_a_page_in_assets_is_refused(built: Path, tmp_path: Path, name: str) -> None:
    """With a script of the site (assets/ holds them), a page there would run it on the site's origin."""
    page = '<html><script src="/assets/images/chart.js"></script></html>\n'
    copy_and_break(built, tmp_path, {"assets/images/chart.js": "alert(document.domain)\n", f"assets/{name}": page},
                   f"assets/{name}: is a page, not an asset: assets/ holds images, styles, scripts and fonts, and a "
                   "page there, opened on its own, could run any script of the site (write a page as Markdown in "
                   "content/pages/; a file to publish exactly as it is, such as a search engine's verification page, "
                   "goes in static/ outside static/assets/)")


def listing_link(path: Path) -> str:
    return "link:" + os.readlink(path)


@pytest.mark.parametrize("folder", ["assets", "content", "static"])
def test_a_whole_folder_linked_out_of_the_site_is_refused(built: Path, tmp_path: Path, folder: str) -> None:
    outside = _outside(tmp_path)
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    if (site / folder).exists():
        shutil.copytree(site / folder, outside / folder)  # the same files, moved out of the site
        shutil.rmtree(site / folder)
    (outside / folder / "images").mkdir(parents=True, exist_ok=True)
    shutil.copy(outside / "secret.svg", outside / folder / "images/secret.svg")
    (site / folder).symlink_to(outside / folder)
    code, output = build_in_process(site)
    expected = "content/articles: is a link" if folder == "content" else f"{folder}: is a link"
    assert_clean_failure(code, output, f"{expected} to a folder outside the site; refused")
    assert not any(SECRET in p.read_text(errors="replace") for p in (site / "output").rglob("*") if p.is_file())


def test_a_link_to_a_folder_inside_the_site_is_refused_not_skipped(built: Path, tmp_path: Path) -> None:
    # Its articles would otherwise be left out without a word.
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / "shared").mkdir()
    (site / "shared/inner.md").write_text(article("Inner"))
    (site / "content/articles/shared").symlink_to(site / "shared")
    code, output = build_in_process(site)
    assert_clean_failure(code, output, "content/articles/shared: is a link to a folder, which medpress does not "
                         "follow; refused (move the files into this folder instead of linking it)")


def test_a_broken_link_or_a_pipe_is_refused_not_read(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / "content/articles/gone.md").symlink_to(site / "content/articles/missing.md")
    os.mkfifo(site / "content/articles/pipe.md")  # reading it would hang the build for ever
    code, output = build_in_process(site)
    assert_clean_failure(code, output,
                         "content/articles/gone.md: is not an ordinary file (a broken link, a pipe or a device); "
                         "refused (replace it with a file)",
                         "content/articles/pipe.md: is not an ordinary file")


@pytest.mark.parametrize(("cache", "problem"), [
    ("/", "refusing to use / as the cache folder"),
    ("site", "the cache folder would replace the site folder itself"),
    ("site/static/cache", "the cache folder is inside the site's static/ folder"),
    ("site/output", "the cache folder and the output folder overlap: the cache would be published"),
    ("site/output/cache", "the cache folder and the output folder overlap"),
    ("site/content", "the cache folder is inside the site's content/ folder"),
    ("site/assets", "the cache folder is inside the site's assets/ folder"),
])
def test_a_cache_folder_that_would_be_published_or_clear_the_site_is_refused(built: Path, tmp_path: Path,
                                                                            cache: str, problem: str) -> None:
    where = cache if cache.startswith("/") else tmp_path / cache
    copy_and_break(built, tmp_path, {}, problem, args=("--cache", where))


def test_a_cache_folder_with_files_not_medpresss_is_refused(built: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/code-notes.txt").write_text("my notes")
    copy_and_break(built, tmp_path, {}, "the cache folder is not empty and was not made by medpress",
               args=("--cache", tmp_path / "mine"))


def test_a_cache_folder_that_cannot_be_made_is_a_clear_error(built: Path, tmp_path: Path) -> None:
    # A file where its parent should be (chmod does not stop root, who runs CI; a read-only checkout is the same).
    (tmp_path / "a-file").write_text("not a folder")
    copy_and_break(built, tmp_path, {}, "the build cache folder cannot be written: Not a directory",
                   args=("--cache", tmp_path / "a-file/cache"))
    code, output = build_in_process(tmp_path / "site", "--cache", tmp_path / "a-file/cache", "--no-cache")
    assert code == 0, output  # as its hint says: published, with a warning that no cache was kept
    assert "could not be written: Not a directory" in output


def test_a_cache_folder_that_cannot_be_written_is_a_clear_error(built: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    real, cache = Path.write_bytes, tmp_path / "site/.output.cache"

    def refusing(path: Path, data: bytes) -> int:  # as a read-only cache folder refuses a file
        if cache in path.parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", refusing)
    output = copy_and_break(built, tmp_path, {}, "the build cache folder cannot be written: Permission denied")
    assert ".output.cache/code-" in output and "--no-cache" in output

@pytest.mark.parametrize("folder", ["content/articles", "layouts", "assets"])
def test_a_folder_that_cannot_be_read_fails_the_build_rather_than_unpublishing_its_pages(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / folder).mkdir(exist_ok=True)
    before = listing(site / "output")
    # chmod 000 does not stop root, who runs CI: the refusal a reader would get is made here instead.
    scandir = os.scandir

    def refusing(path):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(site / folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    code, output = build_in_process(site)
    assert_clean_failure(code, output, f"{folder}: cannot be read: Permission denied (check that the folder can "
                                       "be read (its permissions))")
    assert listing(site / "output") == before


def test_a_pipe_among_the_layouts_is_never_read(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / "layouts").mkdir(exist_ok=True)
    os.mkfifo(site / "layouts/pipe.html")  # no page uses it; reading it to look for blocks would hang
    code, output = build_subprocess(site, timeout=60)
    assert code == 0, output


def test_a_link_inside_the_site_is_allowed(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    (site / "shared").mkdir()
    (site / "shared/extra.md").write_text(article("Extra page", image="{src: images/pills.svg, alt: Pills}"))
    (site / "shared/pills.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (site / "content/articles/extra.md").symlink_to(site / "shared/extra.md")
    (site / "assets/images").mkdir(parents=True)
    (site / "assets/images/pills.svg").symlink_to(site / "shared/pills.svg")
    code, output = build_in_process(site)
    assert code == 0, output
    assert (site / "output/extra/index.html").is_file()
    # The asset check and the copy agree: a link inside the site is published as a file.
    assert (site / "output/assets/images/pills.svg").read_text().startswith("<svg")
    assert not (site / "output/assets/images/pills.svg").is_symlink()


def test_hidden_files_and_folders_in_assets_are_never_published(built: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site, symlinks=True)
    write_site(site, {"assets/.git/config": "[remote] url = secret", "assets/images/.env": "API_KEY=secret",
                      "assets/.private/key.pem": "SECRET", "assets/images/ok.svg": "<svg/>"}, base=False)
    code, output = build_in_process(site)
    assert code == 0, output
    published = {p.relative_to(site / "output").as_posix() for p in (site / "output/assets").rglob("*")}
    assert "assets/images/ok.svg" in published
    assert not [p for p in published if "/." in p], published


# Two pages on one output file -----------------------------------------------------------

@pytest.mark.parametrize("files, expected", [
    ({"content/articles/other.md": article("Other", slug="klonopin-addiction")},
     "content/articles/other.md:10: slug: slug 'klonopin-addiction' is already used by "
     f"{ART} (give one of them a different slug: line)"),
    ({"content/articles/nested/klonopin-addiction.md": article("Same stem in a sub-folder")},
     "content/articles/nested/klonopin-addiction.md:1: slug: slug 'klonopin-addiction' is already used by "
     f"{ART}"),
    ({ART: article(slug="contact")},
     f"{ART}:10: slug: slug 'contact' is already used by content/pages/contact.md"),  # the slug: line takes it
    ({ART: article(aliases='["/contact/"]')},
     f"{ART}:10: aliases[0]: '/contact/' is already the address of content/pages/contact.md "
     "(remove the alias or rename the other page)"),
    ({ART: article(aliases='["/what-are-benzodiazepines/index.html"]')},
     f"{ART}:10: aliases[0]: '/what-are-benzodiazepines/index.html' is already the address of "
     "content/articles/what-are-benzodiazepines.md"),
    ({ART: article(aliases='["/old/"]'), "content/articles/what-are-benzodiazepines.md":
      article("What are benzodiazepines", aliases='["/old"]')},
     "content/articles/what-are-benzodiazepines.md:10: aliases[0]: '/old' is already the address of " + ART),
    ({ART: article(aliases='["/old/"]'), "content/articles/what-are-benzodiazepines.md":
      article("What are benzodiazepines", aliases='["/OLD/"]')},  # one folder on macOS and Windows
     "content/articles/what-are-benzodiazepines.md:10: aliases[0]: '/OLD/' is already the address of " + ART
     + " (as /old/index.html: one file where case is ignored, as on macOS and Windows)"),
    ({ART: article(aliases='["/Search/"]')},
     f"{ART}:10: aliases[0]: '/Search/' is inside /search/, which the site's own pages use"),
    ({ART: article(aliases='["/old.html", "/old.html/more/"]')},
     f"{ART}:10: aliases[1]: '/old.html/more/' clashes with the address of {ART} (old.html) "
     "(remove the alias or change one of the paths)"),
    ({ART: article(aliases='["/what-are-benzodiazepines/index.html/x/"]')},
     f"{ART}:10: aliases[0]: '/what-are-benzodiazepines/index.html/x/' clashes with the address of "
     "content/articles/what-are-benzodiazepines.md (what-are-benzodiazepines/index.html)"),
    ({"content/articles/search.md": article("Search")},
     "content/articles/search.md:1: slug: 'search' is reserved for the site's own pages (choose another slug)"),
    ({"content/reviewers/dr-ada.yml": "name: Dr Ada Again\ncredentials: MD\n"},
     "content/reviewers/dr-ada.yml:1: reviewer id 'dr-ada' is already used by content/reviewers/dr-ada.yaml "
     "(keep one file per reviewer; its name is the id)"),
], ids=["duplicate slug", "same file stem", "slug of a page", "alias of a page", "alias of an article",
        "two aliases", "two aliases but for case", "alias of the site's own folder but for case",
        "alias file and folder", "alias inside a page file", "reserved slug", "reviewer id"])
def test_two_pages_never_write_one_file(built: Path, tmp_path: Path, files: dict[str, str], expected: str) -> None:
    copy_and_break(built, tmp_path, files, expected)


# Output folders that are not ours ----------------------------------------------------------

def _refuse_out(site: Path, out: Path, expected: str, watch: Path) -> None:
    before = listing(watch) if watch != Path("/") else sorted(os.listdir("/"))
    code, output = build_in_process(site, "--out", out)
    assert_clean_failure(code, output, expected)
    after = listing(watch) if watch != Path("/") else sorted(os.listdir("/"))
    assert after == before, "a refused --out changed files"


def test_out_may_not_be_the_site_folder(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    _refuse_out(site, site, f"{site}: the output folder would replace the site folder itself "
                            "(use a sub-folder such as output/)", tmp_path)


def test_out_may_not_be_a_folder_holding_the_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    _refuse_out(site, tmp_path, f"{tmp_path}: the output folder would replace the site folder itself", tmp_path)


def test_out_may_not_be_a_link_to_the_site_folder(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (tmp_path / "link").symlink_to(site)
    _refuse_out(site, tmp_path / "link", f"{site}: the output folder would replace the site folder itself", tmp_path)


@pytest.mark.parametrize("part", ["content", "assets", "layouts", "static", "content/articles/out"])
def test_out_may_not_be_inside_the_sites_sources(tmp_path: Path, part: str) -> None:
    site = write_site(tmp_path / "site")
    top = part.split("/")[0]
    _refuse_out(site, site / part, f"{site / part}: the output folder is inside the site's {top}/ folder "
                                   "(use output/ or a folder outside the site)", tmp_path)


def test_out_may_not_be_the_filesystem_root(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    _refuse_out(site, Path("/"), "/: refusing to use / as the output folder "
                                 "(give --out a folder of its own, e.g. output/)", Path("/"))


def test_out_may_not_be_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/thesis.txt").write_text("years of work")
    monkeypatch.setenv("HOME", str(home))
    site = write_site(tmp_path / "site")
    _refuse_out(site, home, f"{home}: refusing to use {home} as the output folder", tmp_path)


def test_out_may_not_be_a_full_folder_medpress_did_not_make(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8 precious")
    _refuse_out(site, other, f"{other}: the output folder is not empty and was not made by medpress "
                             "(empty it, delete it, or choose another --out)", tmp_path)


def test_out_may_be_an_empty_folder_or_a_medpress_output(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "empty", tmp_path / "new"):  # twice: the second time it is ours
        code, output = build_in_process(site, "--out", out)
        assert code == 0, output
        assert (out / "index.html").is_file()


# The guards themselves, without a build ------------------------------------------------------

@pytest.mark.parametrize("path", ["../x", "a/../../x", "a/./b", "/abs", "a//b", "a\\b", "", ".", "%2e%2e/x"])
def test_path_guards_refuse_every_escape(path: str) -> None:
    assert not is_safe_relative(path)
    assert alias_target("/" + path + "/") is None


@pytest.mark.parametrize("files, expected", [
    ({"content/articles/evil\n.md": article("Evil")}, "slug: the file name 'evil\\n' cannot be used as a URL"),
    ({"content/reviewers/dr-eve\n.yaml": "name: Eve\ncredentials: MD\n"},
     "file name 'dr-eve\\n' is not a valid reviewer id"),
    ({"site.yaml": SITE_YAML.replace("  opioids:\n", '  "opioids\\n":\n')},
     "category id 'opioids\\n' is not valid"),
], ids=["article file", "reviewer file", "category id"])
def test_a_trailing_newline_does_not_pass_for_a_valid_name(built: Path, tmp_path: Path, files: dict[str, str],
                                                          expected: str) -> None:
    """re.match with '$' accepts 'evil\\n'; such a name would have become a folder in output/."""
    copy_and_break(built, tmp_path, files, expected)
