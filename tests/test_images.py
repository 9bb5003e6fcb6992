"""Images: sizes from the file, resized copies in a srcset, social PNGs of SVGs, and every bad image refused."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import quote, unquote

import html5lib
import pytest
from conftest import SITE_YAML, TODAY, TODAY_ARG, article
from PIL import Image
from prerequisites import require

from medpress.images import MAX_BYTES, ImageJob, inspect
from medpress.pipeline import BuildOptions, build

K = "content/articles/klonopin-addiction.md"
W = "content/articles/what-are-benzodiazepines.md"
SVG = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 32'><rect width='64' height='32' fill='#066'/></svg>"


def png(width: int = 1000, height: int = 500, colour: tuple[int, int, int] = (0, 96, 110)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 120)).save(out, "JPEG")
    return out.getvalue()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".medpress-output"}


def run_build(run, site: Path):  # type: ignore[no-untyped-def]
    return run("build", "--site", site, "--no-search", *TODAY_ARG)


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if not line.startswith("Build failed:")]


def test_body_images_get_size_srcset_and_lazy_loading_below_the_first_one(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("![A room](images/room.png)\n\n## Overview\n\n" + "Text. " * 300
            + "\n\n![The room again](/assets/images/room.png)\n\n![A logo](images/logo.svg)\n")
    site = make_site({K: article(body=body), "assets/images/room.png": png(), "assets/images/logo.svg": SVG})
    assert run_build(run, site).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    first, second, logo = page.findall(".//div[@class='prose']//img") or page.findall(".//main//img")[:3]
    assert (first.get("width"), first.get("height"), first.get("loading")) == ("1000", "500", None)
    assert second.get("loading") == "lazy" and second.get("decoding") == "async"
    assert (logo.get("width"), logo.get("height"), logo.get("loading")) == ("64", "32", "lazy")
    source = page.find(".//picture/source")
    assert source.get("type") == "image/webp"
    widths = [entry.split()[1] for entry in source.get("srcset").split(", ")]
    assert widths == ["320w", "640w", "960w", "1000w"]
    assert first.get("srcset").endswith("/assets/images/room.png 1000w") and first.get("sizes")
    for entry in source.get("srcset").split(", ") + first.get("srcset").split(", "):
        copy = site / "output" / entry.split()[0].lstrip("/")
        with Image.open(copy) as image:
            assert f"{image.width}w" == entry.split()[1]


def test_card_images_have_their_file_size_and_load_lazily(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(image="\n  src: images/room.png\n  alt: A quiet room"),
                      "assets/images/room.png": png(800, 600)})
    assert run_build(run, site).exit_code == 0
    card = parse(site / "output/what-are-benzodiazepines/index.html").find(".//article[@class='card']//img")
    assert (card.get("width"), card.get("height"), card.get("loading"), card.get("decoding")) == (
        "800", "600", "lazy", "async")


def test_an_svg_article_image_gets_a_png_for_og_image_and_json_ld(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(image="\n  src: images/pill.svg\n  alt: A tablet"), "assets/images/pill.svg": SVG})
    assert run_build(run, site).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    og = page.find(".//meta[@property='og:image']").get("content")
    assert og.startswith("https://clinic.example/assets/images/pill.") and og.endswith(".1200.png")
    with Image.open(site / "output" / og.removeprefix("https://clinic.example/")) as social:
        assert (social.format, social.width, social.height) == ("PNG", 1200, 600)
    blocks = [json.loads(s.text) for s in page.findall(".//script[@type='application/ld+json']")]
    assert blocks[0]["image"] == og


def test_a_raster_article_image_is_its_own_og_image(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(image="\n  src: images/room.png\n  alt: A room"), "assets/images/room.png": png()})
    assert run_build(run, site).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    assert page.find(".//meta[@property='og:image']").get("content") == \
        "https://clinic.example/assets/images/room.png"


@pytest.mark.parametrize(("files", "expected"), [
    ({"assets/images/room.png": b"not an image"},
     "assets/images/room.png cannot be read as an image"),
    ({"assets/images/room.png": png(8000, 6000)},
     "assets/images/room.png is 8000x6000 pixels (48 megapixels); the limit is 40"),
    ({"assets/images/room.jpg": jpeg(1200, 800)[:6000]},  # an upload cut short: its header reads
     "assets/images/room.jpg cannot be read as an image: image file is truncated (1 bytes not processed)"),
])
def test_bad_body_images_are_errors_with_file_line_and_key(files, expected, make_site, run) -> None:  # type: ignore[no-untyped-def]
    src = next(iter(files)).removeprefix("assets/")
    site = make_site({K: article(body=f"## Overview\n\nText.\n\n![A room]({src})\n"), **files})
    result = run_build(run, site)
    assert result.exit_code == 1
    hint = "use a PNG, JPEG, WebP or GIF under 20 MB and 40 megapixels, or an SVG without scripts"
    assert errors(result) == [f"{K}:15: image: {expected} ({hint})"]
    checked = run("check", "--site", site, *TODAY_ARG)  # check finds what the build would, and only that
    assert checked.exit_code == 1
    assert [line for line in checked.output.splitlines() if K in line] == [f"{K}:15: image: {expected} ({hint})"]


def test_an_svg_with_a_script_is_refused_wherever_it_is_published(make_site, run) -> None:  # type: ignore[no-untyped-def]
    scripted = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><script>alert(1)</script></svg>"
    handler = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10' onload='x()'/>"
    site = make_site({"assets/images/logo.svg": scripted, "assets/images/room.svg": handler,
                      "static/files/chart.svg": scripted,
                      K: article(body="## Overview\n\n![A room](images/room.svg)\n"),
                      "site.yaml": SITE_YAML + "brand:\n  logo: images/logo.svg\n"})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert [line.split(" (")[0] for line in errors(result)] == [
        "assets/images/logo.svg: holds a script or event handler, which an image must not",
        "assets/images/room.svg: holds a script or event handler, which an image must not",
        "static/files/chart.svg: holds a script or event handler, which an image must not"]
    assert not (site / "output").exists()


SCRIPTED = "holds a script or event handler, which an image must not"


@pytest.mark.parametrize("svg, message", [
    ('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>', SCRIPTED),  # any prefix
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script>'
     '</svg>', SCRIPTED),  # XHTML's script
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="&#106;avascript:'
     'alert(1)"><rect width="5" height="5"/></a></svg>', SCRIPTED),  # an escaped letter
    ('<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#9;script:alert(1)"><rect/></a></svg>', SCRIPTED),
    ('<!DOCTYPE svg [<!ENTITY j "javascript:alert(1)">]><svg xmlns="http://www.w3.org/2000/svg"><a href="&j;">'
     '<rect/></a></svg>', SCRIPTED),  # an entity
    ('<?xml-stylesheet type="text/xsl" href="page.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>', SCRIPTED),
    ('<?xml-stylesheet type="text/xml" href="page.xml"?><svg xmlns="http://www.w3.org/2000/svg"/>', SCRIPTED),
    # What Chromium reads and Python's expat does not: a script before a mistake (Chromium runs it, then stops),
    # an entity made by a parameter entity, an encoding expat cannot read.
    ('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg><',
     "is not well-formed XML (line 1: unclosed token)"),
    ('<!DOCTYPE svg [<!ENTITY % p "<!ENTITY j \'&#38;#106;avascript:alert(1)\'>"> %p;]>'
     '<svg xmlns="http://www.w3.org/2000/svg"><a href="&j;"><rect/></a></svg>',
     "declares an entity that a browser may expand and medpress cannot read"),
    ('<?xml version="1.0" encoding="Shift_JIS"?><s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)'
     '</s:script></s:svg>', "cannot be read as XML: multi-byte encodings are not supported"),
])
def test_a_script_is_found_however_the_svg_writes_it(svg: str, message: str, make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"static/files/chart.svg": svg})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert [line.split(" (save it")[0].split(" (remove the")[0] for line in errors(result)] == [
        f"static/files/chart.svg: {message}"]


def test_an_svg_from_a_drawing_program_is_no_script(make_site, run) -> None:  # type: ignore[no-untyped-def]
    drawn = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
             '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY ns_svg "http://www.w3.org/2000/svg">]>\n'
             '<svg xmlns="&ns_svg;" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="10" '
             'height="10"><!-- <script> was here --><rect inkscape:label="one" width="5" height="5"/></svg>')
    site = make_site({"static/files/chart.svg": drawn, "assets/images/room.svg": drawn,
                      K: article(body="## Overview\n\n![A room](images/room.svg)\n")})
    assert run_build(run, site).exit_code == 0


def test_a_bad_card_image_names_the_image_key(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(image="\n  src: images/room.png\n  alt: A room"),
                      "assets/images/room.png": b"GIF89a broken"})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert errors(result)[0].startswith(f"{K}:10: image.src: assets/images/room.png cannot be read as an image")


TALL_CARD = "crop it, or use an image of a card's shape (1200x630 is the usual one)"


@pytest.mark.parametrize(("size", "expected"), [
    ('width="100" height="20000"', "assets/images/bar.svg is 100x20000 pixels: its PNG for social cards, 1200 pixels "
     "wide, would be 1200x240000 (288 megapixels); the limit is 40"),
    ('width="1" height="100000"', "assets/images/bar.svg is 1x100000 pixels: its PNG for social cards, 1200 pixels "
     "wide, would be 1200x120000000 (144000 megapixels); the limit is 40"),
    ('viewBox="0 0 30 1000"', "assets/images/bar.svg is 30x1000 pixels: its PNG for social cards, 1200 pixels "
     "wide, would be 1200x40000 (48 megapixels); the limit is 40"),
])
def test_a_tall_svg_card_image_is_refused_before_its_png_is_made(size: str, expected: str, make_site, run) -> None:  # type: ignore[no-untyped-def]
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' {size}><rect width='1' height='1'/></svg>"
    site = make_site({K: article(image="\n  src: images/bar.svg\n  alt: A bar chart"), "assets/images/bar.svg": svg})
    checked = run("check", "--site", site, *TODAY_ARG)
    assert checked.exit_code == 1
    assert [line for line in checked.stderr.splitlines() if K in line] == [
        f"{K}:10: image.src: {expected} ({TALL_CARD})"]
    if size.startswith('width="100"'):  # the old code rasterized this one (the others: gigabytes, or a crash)
        result = run_build(run, site)
        assert result.exit_code == 1
        assert errors(result) == [f"{K}:10: image.src: {expected} ({TALL_CARD})"]
        assert not (site / "output").exists()


def test_the_tallest_svg_card_image_within_the_limit_is_published(make_site, run) -> None:  # type: ignore[no-untyped-def]
    svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 37 1000'><rect width='1' height='1'/></svg>"
    site = make_site({K: article(image="\n  src: images/bar.svg\n  alt: A bar chart"), "assets/images/bar.svg": svg})
    assert run_build(run, site).exit_code == 0
    [social] = (site / "output/assets/images").glob("bar.*.1200.png")
    with Image.open(social) as image:
        assert image.size == (1200, 32433)


@pytest.mark.parametrize("root", ["width='1.2.3' height='10'", f"viewBox='0 0 {'9' * 400} 10'"])
def test_an_svg_size_that_is_no_number_is_a_browser_s_300x150(root: str, tmp_path: Path) -> None:
    (tmp_path / "odd.svg").write_text(f"<svg xmlns='http://www.w3.org/2000/svg' {root}/>")
    info = inspect(ImageJob(tmp_path / "odd.svg", "odd.svg", True, None))
    assert (info.problem, info.width, info.height, info.social_size) == ("", 300, 150, (1200, 600))


def test_an_image_path_leaving_assets_is_refused(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\nText.\n\n![Secrets](../../site.yaml.png)\n")})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert errors(result) == [f"{K}:15: image: image path '../../site.yaml.png' leaves assets/ (give a path "
                              "inside assets/, e.g. images/room.png or /assets/images/room.png)"]


def test_a_missing_body_image_is_named_as_an_image_with_a_suggestion(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\nText.\n\n![A room](images/rooms.png)\n\n<img src='/assets/images/hall.png' alt='A hall'>\n"
    site = make_site({K: article(body=body), "assets/images/room.png": png()})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert errors(result) == [
        f"{K}:15: image: shows the image 'images/rooms.png', which is not a file of the site (did you mean "
        "'images/room.png'?)",
        f"{K}:17: image: shows the image '/assets/images/hall.png', which is not a file of the site (put the image "
        "under assets/ and give its path from there, e.g. images/room.png; or fix the path)"]


def test_a_missing_image_is_named_as_one_however_it_is_written(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\n"                                          # lines 15-16, after the FAQ's three
            "![A quiet room with two chairs\nand a window](images/wrapped.png)\n\n"  # 17-18
            "<img alt='A hall'\n  src='images/hall.png'>\n\n"            # 20-21
            "![A caf\u00e9](images/caf\u00e9.png)\n\n"                  # 23
            "![A plan][plan]\n\n"                                        # 25
            "[plan]: images/plan.png\n\n"                                # 27
            "![A chart](/contact.png)\n")                                 # 29: no page is suggested for it
    faq = "\n  - q: What does it look like?\n    a: Like this ![A pill](images/pill.png).\n"  # the answer on 12
    site = make_site({K: article(body=body, faq=faq)})
    result = run_build(run, site)
    assert result.exit_code == 1
    fix = ("which is not a file of the site (put the image under assets/ and give its path from there, e.g. "
           "images/room.png; or fix the path)")
    at = "which is not a file of the site (put the image at assets/{}; or fix the path)".format
    assert errors(result) == [
        f"{K}:12: image: shows the image 'images/pill.png', {at('images/pill.png')}",
        f"{K}:18: image: shows the image 'images/wrapped.png', {at('images/wrapped.png')}",
        f"{K}:21: image: shows the image 'images/hall.png', {at('images/hall.png')}",
        f"{K}:23: image: shows the image 'images/caf\u00e9.png', {at('images/café.png')}",
        f"{K}:27: image: shows the image 'images/plan.png', {at('images/plan.png')}",
        f"{K}:29: image: shows the image '/contact.png', {fix}"]


def test_an_image_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    with big.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    assert inspect(ImageJob(big, "big.png", False, None)).problem == "assets/big.png is 20.0 MB; the limit is 20 MB"


def test_copies_are_the_same_bytes_every_time(tmp_path: Path) -> None:
    source = tmp_path / "room.png"
    source.write_bytes(png(700, 400, (200, 120, 40)))
    made = []
    for name in ("a", "b"):
        info = inspect(ImageJob(source, "room.png", False, tmp_path / name))
        made.append({p.name: p.read_bytes() for p in (tmp_path / name / info.digest).iterdir()})
    assert made[0] == made[1] and sorted(made[0]) == ["320.png", "320.webp", "640.png", "640.webp", "700.webp"]


def test_replacing_an_image_gives_what_a_cold_build_gives(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\n![A room](images/room.png)\n",
                                 image="\n  src: images/room.png\n  alt: A room"),
                      "assets/images/room.png": png(1000, 500)})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    (site / "assets/images/room.png").write_bytes(png(700, 700, (10, 10, 10)))
    again = build(site, options)
    assert again.rendered < again.pages
    cold = tmp_path / "cold"
    build(site, BuildOptions(out=cold, today=TODAY, search=False, jobs=1, use_cache=False))
    assert tree(out) == tree(cold)
    assert 'width="700" height="700"' in (out / "klonopin-addiction/index.html").read_text(encoding="utf-8")
    assert 'width="700" height="700"' in (out / "what-are-benzodiazepines/index.html").read_text(encoding="utf-8")


def test_image_copies_are_linked_under_a_base_path(make_site, run) -> None:  # type: ignore[no-untyped-def]

    site = make_site({"site.yaml": SITE_YAML.replace("https://clinic.example", "https://clinic.example/resources/"),
                      K: article(body="## Overview\n\n![A room](images/room.png)\n"),
                      "assets/images/room.png": png(700, 400)})
    assert run_build(run, site).exit_code == 0
    assert run("check", "--site", site, *TODAY_ARG).exit_code == 0
    picture = parse(site / "output/klonopin-addiction/index.html").find(".//picture")
    urls = [entry.split()[0] for entry in picture.find("source").get("srcset").split(", ")]
    assert urls and all(url.startswith("/resources/assets/images/room.") for url in urls)
    assert picture.find("img").get("src") == "/resources/assets/images/room.png"


# A file's name as written in Markdown, percent-encoded where the name holds what would end or split the address.
ODD_NAMES = {"a b.png": "a%20b.png", "a,b 2x.png": "a,b%202x.png", "café.png": "caf%C3%A9.png",
             "a#b.png": "a%23b.png", "a?b.png": "a%3Fb.png"}


def test_an_image_named_with_spaces_commas_accents_or_url_marks_is_linked_encoded(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = "## Overview\n\n" + "".join(f"![A room](images/{written})\n\n" for written in ODD_NAMES.values())
    site = make_site({K: article(body=body), **{f"assets/images/{name}": png(700, 400) for name in ODD_NAMES}})
    result = run_build(run, site)
    assert result.exit_code == 0, result.output
    out = site / "output"
    pictures = parse(out / "klonopin-addiction/index.html").findall(".//picture")
    assert len(pictures) == len(ODD_NAMES)
    for picture, name in zip(pictures, ODD_NAMES, strict=True):
        img = picture.find("img")
        srcsets = [picture.find("source").get("srcset"), img.get("srcset")]
        urls = [img.get("src")] + [entry.split()[0] for srcset in srcsets for entry in srcset.split(", ")]
        assert img.get("src") == "/assets/images/" + quote(name)
        assert len(urls) == 7  # the image, its three WebP copies and two in its own type
        for url in urls:
            assert not set(url) & set(" ,#?") and url.isascii()
            assert (out / unquote(url).lstrip("/")).is_file()
            assert unquote(url).startswith(f"/assets/images/{name.removesuffix('.png')}.")


def test_an_article_image_named_with_a_space_is_its_card_and_social_image(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A name check_asset refused for a card image, while the same file worked in the body and as a logo.
    site = make_site({K: article(image='\n  src: "images/clinic room, 2.jpg"\n  alt: A quiet room'),
                      W: article(title="What are benzodiazepines?", related="[klonopin-addiction]"),
                      "assets/images/clinic room, 2.jpg": jpeg(1600, 900)})
    result = run_build(run, site)
    assert result.exit_code == 0, result.output
    encoded = "/assets/images/" + quote("clinic room, 2.jpg")
    page = parse(site / "output/klonopin-addiction/index.html")
    assert og(page, "og:image") == f"https://clinic.example{encoded}"
    data = [json.loads(script.text) for script in page.iter("script") if script.get("type") == "application/ld+json"]
    assert any(block.get("image") == f"https://clinic.example{encoded}" for block in data), data
    card = parse(site / "output/what-are-benzodiazepines/index.html").find(".//img[@alt='A quiet room']")
    assert card is not None and card.get("src") == encoded
    for entry in card.get("srcset").split(", "):
        assert (site / "output" / unquote(entry.split()[0]).lstrip("/")).is_file()


def copies_in(out: Path) -> list[str]:
    """The resized copies in the output: images/room.1a2b3c4d5e.640.webp and the like."""
    return sorted(p.name for p in (out / "assets/images").iterdir() if p.name.count(".") == 3)


def test_only_the_images_pages_show_get_copies(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\n![A room](images/room.png)\n"),
                      "assets/images/room.png": png(700, 400), "assets/images/unused.png": png(900, 600)})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    assert (out / "assets/images/unused.png").is_file()  # published as it is, like any asset
    assert [name.split(".")[0] for name in copies_in(out)] == ["room"] * 5
    # A body edit that shows it for the first time makes its copies (the quick rebuild hands over to a full one).
    (site / K).write_text(article(body="## Overview\n\n![A room](images/room.png)\n\n![More](images/unused.png)\n"),
                          encoding="utf-8")
    build(site, options)
    assert [name.split(".")[0] for name in copies_in(out)] == ["room"] * 5 + ["unused"] * 5
    cold = tmp_path / "cold"
    build(site, BuildOptions(out=cold, today=TODAY, search=False, jobs=1, use_cache=False))
    assert tree(out) == tree(cold)
    # Shown nowhere again: its copies go.
    (site / K).write_text(article(body="## Overview\n\nNo pictures.\n"), encoding="utf-8")
    build(site, options)
    assert copies_in(out) == []


def test_copies_are_made_in_worker_processes_once_per_content(make_site, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from medpress import images

    names = ["a", "b", "c", "d", "e", "f"]
    body = "## Overview\n\n" + "\n\n".join(f"![Room {n}](images/{n}.png)" for n in names) + "\n"
    site = make_site({K: article(body=body),
                      **{f"assets/images/{n}.png": png(700, 400, (i * 40, 90, 120)) for i, n in enumerate(names)}})
    log = tmp_path / "encoded.log"
    encoded = images._encoded

    def logged(image, mime: str) -> bytes:  # type: ignore[no-untyped-def]
        with log.open("a") as file:  # each process appends whole lines
            file.write(f"{os.getpid()} {image.width} {mime}\n")
        return encoded(image, mime)

    monkeypatch.setattr(images, "_encoded", logged)
    cache = tmp_path / "cache"
    build(site, BuildOptions(out=tmp_path / "out", today=TODAY, search=False, jobs=2, cache=cache))
    lines = log.read_text().splitlines()
    assert len(lines) == 6 * 5  # five copies of each of six 700-pixel images
    pids = {line.split()[0] for line in lines}
    assert str(os.getpid()) not in pids and len(pids) == 2
    # Another output folder with the same cache: every copy is there, none is made again.
    log.unlink()
    build(site, BuildOptions(out=tmp_path / "other", today=TODAY, search=False, jobs=2, cache=cache))
    assert not log.exists()
    assert copies_in(tmp_path / "other") == copies_in(tmp_path / "out")
    # One image replaced: its copies alone are made.
    (site / "assets/images/c.png").write_bytes(png(640, 480))
    build(site, BuildOptions(out=tmp_path / "other", today=TODAY, search=False, jobs=2, cache=cache))
    assert sorted(line.split(" ", 1)[1] for line in log.read_text().splitlines()) == [
        "320 image/png", "320 image/webp", "640 image/webp"]


def gif(frames: int = 3, kind: str = "GIF") -> bytes:
    out = io.BytesIO()
    images = [Image.new("RGB", (600, 300), (index * 80, 40, 200 - index * 60)) for index in range(frames)]
    images[0].save(out, kind, save_all=True, append_images=images[1:], duration=200, loop=0)
    return out.getvalue()


@pytest.mark.parametrize(("name", "kind"), [("steps.gif", "GIF"), ("steps.webp", "WEBP"), ("steps.png", "PNG")])
def test_an_animated_image_is_published_whole_with_its_size(make_site, run, name: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    # A copy would keep one frame: a moving WebP or PNG (APNG) is published as it is, as a GIF is.
    site = make_site({K: article(body=f"## Overview\n\nText.\n\n![Steps of a taper](images/{name})\n"),
                      f"assets/images/{name}": gif(kind=kind)})
    assert run_build(run, site).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    image = page.find(".//main//img[@alt='Steps of a taper']")
    assert (image.get("src"), image.get("width"), image.get("height")) == (f"/assets/images/{name}", "600", "300")
    assert image.get("srcset") is None and page.find(".//picture") is None  # no still WebP in its place
    assert sorted(p.name for p in (site / "output/assets/images").iterdir()) == [name]
    with Image.open(site / f"output/assets/images/{name}") as published:
        assert published.n_frames == 3


def copies_of(make_site, run, name: str, data: bytes, alt: str) -> list[Path]:  # type: ignore[no-untyped-def]
    """The copies a build makes of assets/images/<name> (data), shown in an article's body with this alt text."""
    site = make_site({K: article(body=f"## Overview\n\n![{alt}](images/{name})\n"), f"assets/images/{name}": data})
    assert run_build(run, site).exit_code == 0
    copies = sorted((site / "output/assets/images").glob(f"{name.rsplit('.', 1)[0]}.*.*"))
    assert copies
    return copies


def test_a_sixteen_bit_grey_image_s_copies_keep_its_shades(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A scan or an X-ray export: converted as it was, every shade past 255 of 65,535 came out white.
    out = io.BytesIO()
    Image.linear_gradient("L").resize((1000, 500)).convert("I").point(lambda value: value * 256).convert(
        "I;16").save(out, "PNG")
    for copy in copies_of(make_site, run, "scan.png", out.getvalue(), "A scan"):
        with Image.open(copy) as made:
            grey = made.convert("L")
            top, bottom = grey.getpixel((made.width // 2, 0)), grey.getpixel((made.width // 2, made.height - 1))
            assert top < 10 and bottom > 245, copy.name  # black at the top to white at the bottom, as the scan


def og(page, name: str) -> str | None:  # type: ignore[no-untyped-def]
    found = page.find(f".//meta[@property='{name}']")
    if found is None:
        found = page.find(f".//meta[@name='{name}']")
    return None if found is None else found.get("content")


def test_the_social_image_has_its_size_alt_and_a_large_card(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(image="\n  src: images/room.jpg\n  alt: A quiet room"),
                      W: article(title="What are benzodiazepines?", image="\n  src: images/pill.svg\n  alt: A tablet"),
                      "assets/images/room.jpg": jpeg(1600, 900),
                      "assets/images/pill.svg": SVG})
    assert run_build(run, site).exit_code == 0
    raster = parse(site / "output/klonopin-addiction/index.html")
    assert og(raster, "og:image") == "https://clinic.example/assets/images/room.jpg"
    assert (og(raster, "og:image:width"), og(raster, "og:image:height")) == ("1600", "900")
    assert og(raster, "og:image:alt") == "A quiet room" and og(raster, "twitter:card") == "summary_large_image"
    vector = parse(site / "output/what-are-benzodiazepines/index.html")
    social = og(vector, "og:image")
    assert social is not None and social.endswith(".1200.png")
    with Image.open(site / "output" / social.removeprefix("https://clinic.example/")) as png_file:
        assert (og(vector, "og:image:width"), og(vector, "og:image:height")) == (
            str(png_file.width), str(png_file.height)) == ("1200", "600")
    assert og(vector, "og:image:alt") == "A tablet"
    plain = parse(site / "output/contact/index.html")
    assert og(plain, "og:image") is None and og(plain, "og:image:width") is None
    assert og(plain, "twitter:card") == "summary"


def test_a_full_build_reads_again_only_the_images_that_changed(make_site, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from medpress import plan

    body = ("## Overview\n\n![A quiet waiting room](images/a.png)\n\n"
            "![A nurse at the front desk](images/b.png)\n\n![The clinic's sign](images/logo.svg)\n")
    site = make_site({K: article(body=body, image="\n  src: images/logo.svg\n  alt: A logo"),
                      "assets/images/a.png": png(700, 400), "assets/images/b.png": png(500, 300),
                      "assets/images/logo.svg": SVG})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    read: list[tuple[str, bool]] = []
    real = plan.inspect

    def logged(job: ImageJob):  # type: ignore[no-untyped-def]
        read.append((job.src, job.resize))
        return real(job)

    monkeypatch.setattr(plan, "inspect", logged)
    (site / "site.yaml").write_text((site / "site.yaml").read_text(encoding="utf-8") + "\n# a comment\n",
                                    encoding="utf-8")
    build(site, options)  # a full build: every page planned again, no image read again
    assert read == []
    (site / "assets/images/b.png").write_bytes(png(640, 480, (1, 2, 3)))
    (site / "assets/images/logo.svg").write_text(SVG.replace("#066", "#600"), encoding="utf-8")
    build(site, options)
    # Read (size and hash), then resized: the one raster image that changed.
    assert read == [("images/b.png", False), ("images/logo.svg", False), ("images/b.png", True)]
    cold = tmp_path / "cold"
    build(site, BuildOptions(out=cold, today=TODAY, search=False, jobs=1, use_cache=False))
    assert tree(out) == tree(cold)


def test_a_photo_taken_sideways_is_shown_and_copied_upright(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A phone held upright saves a landscape JPEG and an EXIF orientation (6: turn it a quarter clockwise).
    photo = Image.new("RGB", (1400, 700), (200, 0, 0))
    photo.paste((0, 0, 200), (700, 0, 1400, 700))  # right half blue: after the turn, the bottom half
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif.tobytes())
    site = make_site({K: article(body="## Overview\n\n![The clinic's front door](images/door.jpg)\n"),
                      "assets/images/door.jpg": out.getvalue()})
    assert run_build(run, site).exit_code == 0
    page = parse(site / "output/klonopin-addiction/index.html")
    image = page.find(".//main//img[@alt=\"The clinic's front door\"]")
    assert (image.get("width"), image.get("height")) == ("700", "1400")
    for entry in page.find(".//picture/source").get("srcset").split(", ") + image.get("srcset").split(", ")[:-1]:
        with Image.open(site / "output" / entry.split()[0].lstrip("/")) as copy:
            assert copy.height == 2 * copy.width and f"{copy.width}w" == entry.split()[1]
            red, _, blue = copy.convert("RGB").getpixel((copy.width // 2, copy.height - 5))
            assert blue > 150 > red


SWAPPED = Path("/usr/share/color/icc/colord/SwappedRedAndGreen.icc")  # Debian's colord-data


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_copies_show_a_tagged_image_s_colours_in_srgb(kind: str, make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A profile that swaps red and green makes the difference plain: what the file stores as
    # red, a browser shows green. Copies carry no profile, so theirs must be green already.
    require(SWAPPED.is_file(), f"{SWAPPED} is missing: install it with `apt-get install colord-data`")
    out = io.BytesIO()
    Image.new("RGB", (1200, 600), (230, 20, 20)).save(out, kind, icc_profile=SWAPPED.read_bytes())
    copies = copies_of(make_site, run, f"tagged.{kind.lower()}", out.getvalue(), "A green wall")
    assert len(copies) >= 2
    for copy in copies:
        with Image.open(copy) as made:
            assert "icc_profile" not in made.info, copy.name
            red, green, _ = made.convert("RGB").getpixel((10, 10))
            assert green > 200 > 60 > red, (copy.name, red, green)


def test_a_transparent_colour_stays_transparent_in_a_tagged_image_s_copies(make_site, run) -> None:  # type: ignore[no-untyped-def]
    require(SWAPPED.is_file(), f"{SWAPPED} is missing: install it with `apt-get install colord-data`")
    out = io.BytesIO()
    picture = Image.new("RGB", (1200, 600), (255, 255, 255))
    picture.paste((230, 20, 20), (0, 300, 1200, 600))
    picture.save(out, "PNG", transparency=(255, 255, 255), icc_profile=SWAPPED.read_bytes())
    for copy in copies_of(make_site, run, "band.png", out.getvalue(), "A green band"):
        with Image.open(copy) as made:
            rgba = made.convert("RGBA")
            assert rgba.getpixel((10, 10))[3] == 0, copy.name  # the white top half, transparent
            red, green, _, alpha = rgba.getpixel((10, made.height - 10))
            assert alpha == 255 and green > 200 > 60 > red, copy.name


def test_a_broken_colour_profile_is_ignored_as_browsers_ignore_it(make_site, run) -> None:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    Image.new("RGB", (1200, 600), (230, 20, 20)).save(out, "JPEG", icc_profile=b"not a profile")
    for copy in copies_of(make_site, run, "red.jpg", out.getvalue(), "A red wall"):
        with Image.open(copy) as made:
            red, green, _ = made.convert("RGB").getpixel((10, 10))
            assert red > 200 > 60 > green, copy.name
