"""site.yaml's brand: the header logo, the browser icon, and a colour that keeps WCAG AA contrast."""

from __future__ import annotations

import re
import shutil
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG
from hypothesis import given
from hypothesis import strategies as st
from test_incremental import assert_as_a_cold_build, tree

from medpress.brand import (
    AA,
    DARK_SHARE,
    PALE_SHARE,
    WHITE,
    colour_problem,
    contrast,
    darker_that_passes,
    on_white,
    scaled,
    shown,
)
from medpress.pipeline import BuildOptions, build

BUILTIN_CSS = Path(__file__).resolve().parents[1] / "medpress/assets/css/medpress.css"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 48"><rect width="200" height="48"/></svg>\n'
ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16"/></svg>\n'
BRAND_CSS = ("/* site.yaml's brand */\n:root { --brand: #7a1f5c; --brand-dark: #591743; --brand-pale: #f2e9ef; }\n"
             ".brand-logo { display: block; height: 3rem; width: auto; max-width: 100%; object-fit: contain; }\n")
# Text colours the stylesheet sets on the pale shade: ink, muted, link, visited.
ON_PALE = ("#212b32", "#4c6272", "#005ea5", "#330072")
COLOURS = st.tuples(*[st.integers(0, 255)] * 3).map(lambda rgb: "#{:02x}{:02x}{:02x}".format(*rgb))


def with_brand(brand: str) -> str:
    """SITE_YAML with a brand mapping at its end: its first key is on line FIRST."""
    return SITE_YAML + "brand:\n" + brand


FIRST = SITE_YAML.count("\n") + 2


BRANDED = {"site.yaml": with_brand('  logo: images/logo.svg\n  favicon: images/icon.svg\n  colour: "#7A1F5C"\n'),
           "assets/images/logo.svg": LOGO, "assets/images/icon.svg": ICON}


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def stylesheet(out: Path) -> tuple[str, str]:
    """The URL of the page's one stylesheet, and its text."""
    links = parse(out / "index.html").findall(".//link[@rel='stylesheet']")
    assert len(links) == 1
    href = links[0].get("href")
    return href, (out / href.lstrip("/")).read_text(encoding="utf-8")


# --- the colour's arithmetic ----------------------------------------------------------------------


def test_contrast_follows_wcag() -> None:
    assert contrast("#000000", WHITE) == 21
    assert contrast(WHITE, WHITE) == 1
    assert shown(contrast("#767676", WHITE)) == "4.54:1"  # the lightest grey that passes on white
    assert shown(contrast("#777777", WHITE)) == "4.47:1"
    assert contrast("#00606e", WHITE) == contrast(WHITE, "#00606e")


def test_a_ratio_just_below_the_line_never_shows_as_passing() -> None:
    assert shown(4.4999) == "4.49:1"


@given(COLOURS)
def test_the_suggested_shade_passes_and_is_the_lightest_of_its_hue_that_does(colour: str) -> None:
    darker = darker_that_passes(colour)
    assert contrast(darker, WHITE) >= AA
    shades = [scaled(colour, percent / 100) for percent in range(99, 0, -1)]  # lightest first
    if darker != "#000000":
        assert all(contrast(shade, WHITE) < AA for shade in shades[:shades.index(darker)])


@given(COLOURS)
def test_every_colour_that_passes_keeps_every_text_on_its_shades_readable(colour: str) -> None:
    if contrast(colour, WHITE) < AA:
        return
    assert contrast(scaled(colour, DARK_SHARE), WHITE) >= AA  # the tagline bar, the search button
    for text in ON_PALE:  # callouts, pillars, the home page's hero
        assert contrast(on_white(colour, PALE_SHARE), text) >= AA, text


def test_the_built_in_teal_passes_and_its_shades_are_the_built_in_ones_within_a_step() -> None:
    assert colour_problem("#00606e") is None
    assert scaled("#00606e", DARK_SHARE) == "#004650"  # the stylesheet's --brand-dark is #004652
    assert on_white("#00606e", PALE_SHARE) == "#e6eff0"  # and its --brand-pale #e6f2f3


# --- site.yaml --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, message", [
    ('"#7fb3d5"', "brand.colour: '#7fb3d5' has a contrast of 2.25:1 with white, below the 4.5:1 WCAG AA asks "
                  "for: pages set white text on the brand colour and the brand colour as text on white (use a "
                  'darker shade that passes, such as "#567a91", at 4.57:1)'),
    ('"#FFD700"', "brand.colour: '#FFD700' has a contrast of 1.40:1 with white, below the 4.5:1 WCAG AA asks "
                  "for: pages set white text on the brand colour and the brand colour as text on white (use a "
                  'darker shade that passes, such as "#8a7400", at 4.58:1)'),
    ('"#06e"', "brand.colour: '#06e' is not written #rrggbb (write all six digits, in quotes: \"#0066ee\")"),
    ("teal", "brand.colour: 'teal' is not a colour written #rrggbb (write # and six hexadecimal digits, in "
             'quotes, e.g. "#00606e")'),
    ('"#00606e80"', "brand.colour: '#00606e80' is not a colour written #rrggbb (write # and six hexadecimal "
                    'digits, in quotes, e.g. "#00606e")'),
    ("#00606e", 'brand.colour: is empty (a # starts a comment in YAML: put the colour in quotes, e.g. "#00606e")'),
])
def test_a_colour_that_is_not_rrggbb_or_fails_aa_is_refused(make_site, run, value: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = tree(site / "output")
    (site / "site.yaml").write_text(with_brand(f"  colour: {value}\n"))
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"site.yaml:{FIRST}: {message}",
                                          "Build failed: 1 error; output left as it was."]
    assert tree(site / "output") == before


def test_the_suggested_shade_is_accepted(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_brand('  colour: "#567a91"\n')})
    assert run("check", "--site", site, *TODAY_ARG).exit_code == 0


def test_an_unknown_brand_key_suggests_the_known_one(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_brand('  color: "#00606e"\n')})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"site.yaml:{FIRST}: brand.color: unknown key (did you mean 'colour'?)"


@pytest.mark.parametrize("brand, message", [
    ("  logo: images/logo.png\n", f"site.yaml:{FIRST}: brand.logo: no file assets/images/logo.png (did you mean "
                                  "'images/logo.svg'?)"),
    ("  favicon: images/icon.svg\n", f"site.yaml:{FIRST}: brand.favicon: no file assets/images/icon.svg (put the file "
                                    "under assets/ and give its path there, e.g. images/icon.svg)"),
    ("  logo: img/logo.svg\n", f"site.yaml:{FIRST}: brand.logo: no file assets/img/logo.svg (did you mean "
                              "'images/logo.svg'?)"),
    ("  favicon: brand/favicon.svg\n", f"site.yaml:{FIRST}: brand.favicon: no file assets/brand/favicon.svg (did you "
                                      "mean 'brand/favicon.ico'?)"),
    ("  favicon: favicon.ico\n", f"site.yaml:{FIRST}: brand.favicon: no file assets/favicon.ico (did you mean "
                                "'brand/favicon.ico'?)"),
    ("  logo: assets/images/logo.svg\n", f"site.yaml:{FIRST}: brand.logo: no file assets/assets/images/logo.svg (the "
                                         "path starts inside assets/: write 'images/logo.svg')"),
    ("  colour: \"#00606e\"\n  favicon: ../icon.svg\n",
     f"site.yaml:{FIRST + 1}: brand.favicon: '../icon.svg' is not a path inside assets/ (put the file under "
     "assets/ and give its path there, e.g. images/icon.svg)"),
    ("  favicon: /etc/icon.svg\n", f"site.yaml:{FIRST}: brand.favicon: '/etc/icon.svg' is not a path inside assets/ "
                                   "(put the file under assets/ and give its path there, e.g. images/icon.svg)"),
    ("  logo: https://cdn.example/logo.svg\n",
     f"site.yaml:{FIRST}: brand.logo: 'https://cdn.example/logo.svg' is not a path inside assets/ (put the file under "
     "assets/ and give its path there, e.g. images/logo.svg)"),
    ("  favicon: .hidden/icon.svg\n", f"site.yaml:{FIRST}: brand.favicon: no file assets/.hidden/icon.svg (put the "
                                      "file under assets/ and give its path there, e.g. images/icon.svg)"),
])
def test_a_logo_or_icon_that_is_not_a_file_of_assets_is_refused(make_site, run, brand: str, message: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_brand(brand), "assets/images/logo.svg": LOGO,
                      "assets/.hidden/icon.svg": ICON, "assets/brand/favicon.ico": b"\0\0\1\0",
                      "assets/brand/wordmark.svg": LOGO})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert result.output.splitlines() == [message, "Build failed: 1 error; output left as it was."]
    assert not (site / "output").exists()


# --- the pages ----------------------------------------------------------------------------------------


def test_the_logo_replaces_the_title_with_the_organisation_s_name_as_its_text(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(BRANDED)
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    brand = page.find(".//header//a[@class='brand']")
    assert brand is not None and brand.get("href") == "/"
    assert brand.find("span") is None and "".join(brand.itertext()).strip() == ""
    logo = brand.find("img")
    assert logo is not None
    assert (logo.get("src"), logo.get("alt"), logo.get("width"), logo.get("height")) == (
        "/assets/images/logo.svg", "Test Clinic Ltd", "200", "48")
    assert (site / "output/assets/images/logo.svg").read_text() == LOGO


def test_the_logo_keeps_its_own_size_so_the_header_does_not_shift(make_site, run) -> None:  # type: ignore[no-untyped-def]
    wide = '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="60"><rect width="360" height="60"/></svg>\n'
    site = make_site({**BRANDED, "assets/images/logo.svg": wide})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    logo = parse(site / "output/index.html").find(".//img[@class='brand-logo']")
    assert (logo.get("width"), logo.get("height")) == ("360", "60")
def test_an_accreditation_s_logo_keeps_its_own_size_so_the_strip_does_not_shift(make_site, run) -> None:  # type: ignore[no-untyped-def]
    square = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100"/></svg>\n'
    site = make_site({"site.yaml": SITE_YAML.replace("{name: Test Accreditor}",
                                                     "{name: Test Accreditor, logo: images/seal.svg}"),
                      "assets/images/seal.svg": square})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    seal = parse(site / "output/index.html").find(".//ul[@class='badges']//img")
    assert (seal.get("alt"), seal.get("width"), seal.get("height")) == ("Test Accreditor", "100", "100")


def test_under_a_path_the_logo_and_icon_are_addressed_under_it(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**BRANDED, "site.yaml": BRANDED["site.yaml"].replace("https://clinic.example",
                                                                           "https://clinic.example/resources/")})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    page = parse(site / "output/index.html")
    assert page.find(".//img[@class='brand-logo']").get("src") == "/resources/assets/images/logo.svg"
    assert [icon.get("href") for icon in page.findall(".//link[@rel='icon']")] == ["/resources/assets/images/icon.svg"]


# Names whose characters end a URL's path ('#', '?'), are no URL's (' ') or start an escape ('%').
ODD_NAMES = {"site.yaml": SITE_YAML
             .replace("- {name: Test Accreditor}", '- {name: Test Accreditor, logo: "images/50%.svg"}')
             .replace("- {name: Test Gazette}", '- {name: Test Gazette, logo: "images/on air.svg"}')
             + 'brand:\n  logo: "images/logo#2.svg"\n  favicon: "images/icon?.svg"\n',
             "assets/images/logo#2.svg": LOGO, "assets/images/icon?.svg": ICON, "assets/images/50%.svg": LOGO,
             "assets/images/on air.svg": LOGO}


@pytest.mark.parametrize("base_url, base_path", [("https://clinic.example", "/"),
                                                 ("https://clinic.example/resources/", "/resources/")])
def test_logos_and_the_icon_are_addressed_percent_encoded_as_article_images_are(make_site, run, base_url: str,
                                                                                base_path: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**ODD_NAMES, "site.yaml": ODD_NAMES["site.yaml"].replace("https://clinic.example", base_url)})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)  # the link check finds every file
    assert result.exit_code == 0, result.output
    page = parse(site / "output/klonopin-addiction/index.html")
    assert page.find(".//img[@class='brand-logo']").get("src") == f"{base_path}assets/images/logo%232.svg"
    assert [icon.get("href") for icon in page.findall(".//link[@rel='icon']")] == [
        f"{base_path}assets/images/icon%3F.svg"]
    assert [img.get("src") for img in page.findall(".//ul//li/img")] == [
        f"{base_path}assets/images/50%25.svg", f"{base_path}assets/images/on%20air.svg"]
    stylesheet = page.find(".//link[@rel='stylesheet']").get("href")  # the fingerprinted copy, from the asset map
    assert re.fullmatch(rf"{base_path}assets/css/medpress\.[0-9a-f]{{10}}\.css", stylesheet), stylesheet
    for address in (page.find(".//img[@class='brand-logo']").get("src"), stylesheet):
        assert (site / "output" / urllib.parse.unquote(address.removeprefix(base_path))).is_file()


def test_the_favicon_replaces_the_built_in_icon(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(BRANDED)
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    icons = parse(site / "output/index.html").findall(".//link[@rel='icon']")
    assert [icon.get("href") for icon in icons] == ["/assets/images/icon.svg"]


@pytest.mark.parametrize("colour, fill", [(None, "#00606e"), ('"#7A1F5C"', "#7a1f5c")])
def test_without_a_favicon_the_built_in_icon_is_a_valid_svg_in_the_brand_colour(make_site, run, colour: str | None,
                                                                                 fill: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": with_brand(f"  colour: {colour}\n") if colour else SITE_YAML})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    icons = parse(site / "output/index.html").findall(".//link[@rel='icon']")
    assert len(icons) == 1
    href = icons[0].get("href")
    assert href.startswith("data:image/svg+xml,") and not re.search(r"[\s\"<>#]", href)  # a valid URL: all escaped
    svg = ET.fromstring(urllib.parse.unquote(href.removeprefix("data:image/svg+xml,")))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.find("{http://www.w3.org/2000/svg}rect").get("fill") == fill


def test_the_colour_reaches_the_stylesheet_and_no_page_carries_a_style(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(BRANDED)
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    out = site / "output"
    href, css = stylesheet(out)
    assert re.fullmatch(r"/assets/css/medpress\.[0-9a-f]{10}\.css", href)
    builtin = BUILTIN_CSS.read_text(encoding="utf-8")
    assert css == builtin + BRAND_CSS
    for page in out.rglob("*.html"):
        tree_ = parse(page)
        assert tree_.find(".//style") is None, page
        assert not [el for el in tree_.iter() if isinstance(el.tag, str) and el.get("style") is not None], page


@pytest.mark.parametrize("brand, added", [
    ("", ""),
    ('  favicon: images/icon.svg\n', ""),
    ('  colour: "#7A1F5C"\n', BRAND_CSS.splitlines(keepends=True)[0] + BRAND_CSS.splitlines(keepends=True)[1]),
    ("  logo: images/logo.svg\n", BRAND_CSS.splitlines(keepends=True)[0] + BRAND_CSS.splitlines(keepends=True)[2]),
])
def test_the_stylesheet_gains_only_the_rules_the_brand_needs(make_site, run, brand: str, added: str) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**BRANDED, "site.yaml": with_brand(brand) if brand else SITE_YAML})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert stylesheet(site / "output")[1] == BUILTIN_CSS.read_text(encoding="utf-8") + added


def test_a_site_stylesheet_gets_the_brand_rules_too(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**BRANDED, "assets/css/medpress.css": "header { background: var(--brand); }\n"})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert stylesheet(site / "output")[1] == "header { background: var(--brand); }\n" + BRAND_CSS


def test_a_new_colour_renders_every_page_again_as_a_cold_build_would(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site(BRANDED)
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    old = stylesheet(out)[0]
    (site / "site.yaml").write_text(with_brand('  logo: images/logo.svg\n  colour: "#1d4f91"\n'))
    report = build(site, options)
    assert report.rendered == report.pages and report.removed == 1  # the old stylesheet
    assert stylesheet(out)[0] != old
    assert_as_a_cold_build(site, out)


# --- the W3C checker, on a page with a logo --------------------------------------------------------------


def test_a_branded_page_passes_the_nu_checker(make_site, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from prerequisites import require
    from test_nu_checker import is_error, run_checker, vnu_jar

    require(shutil.which("java") is not None, "no `java` on PATH for the Nu HTML checker")
    jar = vnu_jar()
    require(jar is not None, "vnu.jar is missing: install the dev extras with `pip install -e '.[dev]'`")
    assert jar is not None
    branded = make_site(BRANDED).rename(tmp_path / "branded")
    odd = make_site(ODD_NAMES)  # logos whose names a URL must escape
    pages = []
    for site in (branded, odd):
        assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
        pages += [site / "output/index.html", site / "output/klonopin-addiction/index.html"]
    errors = [m for m in run_checker(jar, pages) if is_error(m)]
    assert not errors, errors
