"""The site's images: their sizes, resized WebP and fallback copies, and PNG social images of SVGs.

Each image under assets/ is read in the worker pool at a full build: its size
from the file and its content hash, which name its resized copies. The copies
of the images the rendered pages use are then made, also in the worker pool,
once per content hash: they are kept in the build cache, and written without
metadata, so the same image always gives the same files.
"""

from __future__ import annotations

import functools
import hashlib
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .errors import Problem

MAX_BYTES = 20_000_000
MAX_PIXELS = 40_000_000
ORIENTATION = 0x0112  # the EXIF tag a camera or phone writes for how it was held: 1 is upright
TURNED = frozenset({5, 6, 7, 8})  # a quarter turn, so width and height trade places
WIDTHS = (320, 640, 960, 1280, 1920)
SOCIAL_WIDTH = 1200
RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
IMAGE_SUFFIXES = (*RASTER, ".svg")
MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
KIND = {mime: kind for kind, mime in MIME.items()}
XHTML = "http://www.w3.org/1999/xhtml"
# Elements that run code or embed a document that may: in any namespace, under any prefix.
SCRIPTING_ELEMENTS = frozenset({"script", "foreignobject", "handler", "listener"})
CSS_TYPE = re.compile(r"""type\s*=\s*["']text/css["']""")  # the one kind of stylesheet an SVG may name
URL_NOISE = dict.fromkeys(range(33))  # what a browser skips in "java\tscript:": spaces and control characters
SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")
BODY_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
CARD_SIZES = "(min-width: 62rem) 19rem, (min-width: 36rem) 45vw, calc(100vw - 2rem)"


@dataclass(frozen=True, slots=True)
class Variant:
    """A resized copy of an image: its path under assets/, width and type."""

    src: str
    width: int
    mime: str


# How to fix an image's problem, unless the problem says better (ImageInfo.hint).
IMAGE_HINT = "use a PNG, JPEG, WebP or GIF under 20 MB and 40 megapixels, or an SVG without scripts"


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What a page needs of an image under assets/: its size, its copies, or what is wrong with it."""

    src: str  # under assets/
    width: int = 0
    height: int = 0
    mime: str = ""
    digest: str = ""
    social: str = ""  # the og:image, under assets/: the image itself, or a PNG made from an SVG
    problem: str = ""
    social_size: tuple[int, int] = (0, 0)  # the PNG made from an SVG: its width and height
    scripted: bool = False  # an SVG refused (a script in it, or unreadable): it must not be published at all
    hint: str = IMAGE_HINT  # how to fix its problem, if it has one
    animated: bool = False  # frames of its own (a GIF, WebP or PNG): published whole, as a copy would keep one

    @property
    def variants(self) -> tuple[Variant, ...]:
        """The resized copies of a PNG, JPEG or WebP image that does not move (GIFs may: kept whole).

        Worked out from its path, hash, width and type each time, not stored: the
        build state holds every image of the site, and a quick rebuild reads it back.
        """
        kind = KIND.get(self.mime, "")
        if kind in ("", "GIF") or self.problem or self.animated:
            return ()
        return _variants(self.src, self.digest, self.width, kind)

    @property
    def social_width(self) -> int:
        return self.social_size[0] if self.social != self.src else self.width

    @property
    def social_height(self) -> int:
        return self.social_size[1] if self.social != self.src else self.height


@dataclass(frozen=True, slots=True)
class ImageJob:
    """One image to read: its file, its path under assets/, whether it needs a social PNG, where copies go."""

    path: Path
    src: str
    social: bool
    folder: Path | None  # the image cache; None: work out the copies' names only
    remake: bool = False  # make the copies again even when the cache has them
    resize: bool = True  # make the resized copies (given a folder); False: the social PNG only


def is_image(src: str) -> bool:
    return src.lower().endswith(IMAGE_SUFFIXES)


def inspect(job: ImageJob) -> ImageInfo:
    """Read one image: its size and copies (made into the cache when missing), or its problem."""
    try:
        size = job.path.stat().st_size
        if size > MAX_BYTES:
            return ImageInfo(job.src, problem=f"assets/{job.src} is {size / 1e6:.1f} MB; the limit is "
                             f"{MAX_BYTES / 1e6:.0f} MB")
        data = job.path.read_bytes()
    except OSError as exc:
        return ImageInfo(job.src, problem=f"assets/{job.src} cannot be read: {exc.strerror or exc}")
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()[:12]
    if job.src.lower().endswith(".svg"):
        return _svg(job, data, digest)
    return _raster(job, data, digest)


SCRIPTED = "holds a script or event handler, which an image must not"
SCRIPTED_HINT = ("remove the <script>, the on...= attributes and javascript: links (save it again as a plain SVG): "
                 "published, the file would run its script when opened on its own")
UNREAD_HINT = ("save it again as a plain SVG in UTF-8: a browser may run what it holds before it stops at the "
               "error, and medpress cannot tell what that would be")


def scripted_svgs(infos: Mapping[str, ImageInfo], static: Iterable[tuple[str, Path]]) -> list[Problem]:
    """An error for each SVG the site would publish with a script in it, or that cannot be read to tell.

    infos are the images of assets/; static the SVGs of static/ (each path in the site and file).
    """
    problems = []
    for src, info in infos.items():
        if info.scripted:
            message = info.problem.removeprefix(f"assets/{src} ")
            problems.append(Problem(message, f"assets/{src}", hint=_svg_hint(message)))
    for rel, path in static:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # copying it reports that
        refusal = svg_refusal(data)
        if refusal:
            problems.append(Problem(refusal, rel, hint=_svg_hint(refusal)))
    return problems


def _svg_hint(message: str) -> str:
    return SCRIPTED_HINT if message == SCRIPTED else UNREAD_HINT


def svg_refusal(data: bytes) -> str:
    """Why an SVG must not be published ('' when it may): it holds what could run a script once the file is
    opened on its own, or it cannot be read well enough to tell.

    Read with expat, as XML is read: "<s:script>" in SVG's namespace, "<h:script>" in XHTML's and
    "&#106;avascript:" are what they are, whatever the prefix or the escape. What a browser would read
    differently is refused: a file that is not well-formed (Chromium runs a script it meets before the
    error), an encoding expat cannot read, an entity declared outside the document or as a parameter
    entity (which a browser may expand and expat does not), and a stylesheet other than CSS (XSLT makes a
    page of its own).
    """
    from xml.parsers import expat

    reader = _SvgReader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.element
    parser.ProcessingInstructionHandler = reader.instruction
    parser.EntityDeclHandler = reader.entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return f"is not well-formed XML (line {exc.lineno}: {expat.ErrorString(exc.code)})"
    except (ValueError, LookupError) as exc:  # an encoding expat cannot read, such as Shift_JIS
        return f"cannot be read as XML: {exc}"
    return reader.found[0] if reader.found else ""


class _SvgReader:
    """expat's handlers for svg_refusal: what they find that must not be published."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def element(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if local.lower() in SCRIPTING_ELEMENTS or namespace == XHTML:
            self.found.append(SCRIPTED)
        for key, value in attributes.items():
            plain = value.translate(URL_NOISE).lower()
            if key.rpartition(" ")[2].lower().startswith("on") or "javascript:" in plain or "vbscript:" in plain:
                self.found.append(SCRIPTED)

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet" and not CSS_TYPE.search(data):
            self.found.append(SCRIPTED)

    def entity(self, name: str, parameter: int, value: str | None, base: str | None, system: str | None,
               public: str | None, notation: str | None) -> None:
        if parameter or system or public or notation:
            self.found.append("declares an entity that a browser may expand and medpress cannot read")


def _svg(job: ImageJob, data: bytes, digest: str) -> ImageInfo:
    text = data.decode("utf-8", "replace")
    refusal = svg_refusal(data)
    if refusal:
        return ImageInfo(job.src, problem=f"assets/{job.src} {refusal}", scripted=True)
    width, height = _svg_size(text)
    social, size = "", (0, 0)
    if job.social:
        social = _named(job.src, digest, SOCIAL_WIDTH, "png")
        # resvg rounds the height up; the PNG's own header says it exactly, once the PNG is made.
        size = (SOCIAL_WIDTH, max(1, math.ceil(SOCIAL_WIDTH * height / max(width, 1))))
        if size[0] * size[1] > MAX_PIXELS:  # said before resvg is asked to allocate it
            return ImageInfo(job.src, problem=f"assets/{job.src} is {width}x{height} pixels: its PNG for social "
                             f"cards, {SOCIAL_WIDTH} pixels wide, would be {size[0]}x{size[1]} "
                             f"({size[0] * size[1] / 1e6:.0f} megapixels); the limit is {MAX_PIXELS // 1_000_000}",
                             hint="crop it, or use an image of a card's shape (1200x630 is the usual one)")
        if job.folder is not None:
            problem = _make(job, digest, _cache_name(social), functools.partial(_svg_png, text))
            if problem:
                return ImageInfo(job.src, problem=problem)
            size = _png_size(job.folder / digest / _cache_name(social)) or size
    return ImageInfo(job.src, width, height, "image/svg+xml", digest, social, social_size=size)


def _png_size(path: Path) -> tuple[int, int] | None:
    """A PNG file's width and height, from its header."""
    try:
        with path.open("rb") as file:
            head = file.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(b"\x89PNG"):
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _svg_size(text: str) -> tuple[int, int]:
    """The size an SVG declares (width and height, else its viewBox); a browser's 300x150 when none."""
    root = SVG_ROOT.search(text)
    attributes = dict(re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', root.group(0))) if root else {}
    width, height = (SVG_LENGTH.match(attributes.get(name, "")) for name in ("width", "height"))
    box = attributes.get("viewBox", "").replace(",", " ").split()
    try:
        if width and height:
            return round(float(width.group(1))), round(float(height.group(1)))
        if len(box) == 4:
            return round(float(box[2])), round(float(box[3]))
    except (ValueError, OverflowError):  # '1.2.3', or a number too long for a float ('inf')
        pass
    return 300, 150


def _svg_png(text: str) -> bytes:
    import resvg_py  # here: only a site with an SVG article image needs it

    # No system fonts: the PNG must not depend on the machine that made it. The height bounds what resvg
    # allocates should it read the size otherwise than _svg_size (in mm, say): it then fits the image inside.
    return bytes(resvg_py.svg_to_bytes(svg_string=text, width=SOCIAL_WIDTH, height=MAX_PIXELS // SOCIAL_WIDTH,
                                       skip_system_fonts=True))


def _raster(job: ImageJob, data: bytes, digest: str) -> ImageInfo:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height, kind = image.width, image.height, image.format or ""
            animated = getattr(image, "n_frames", 1) > 1
            orientation = image.getexif().get(ORIENTATION, 1)
            if (job.folder is None or not job.resize) and width * height <= MAX_PIXELS:
                broken = _undecodable(image)  # the copies are made later: check says now what they would meet
                if broken:
                    return ImageInfo(job.src, problem=f"assets/{job.src} cannot be read as an image: {broken}")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return ImageInfo(job.src, problem=f"assets/{job.src} cannot be read as an image")
    if width * height > MAX_PIXELS:
        return ImageInfo(job.src, problem=f"assets/{job.src} is {width}x{height} pixels "
                         f"({width * height / 1e6:.0f} megapixels); the limit is {MAX_PIXELS // 1_000_000}")
    if kind not in MIME:
        return ImageInfo(job.src, problem=f"assets/{job.src} is a {kind or 'unknown'} image, not PNG, JPEG, "
                         "WebP or GIF")
    if orientation in range(2, 9):  # browsers show the file turned as the camera says: so are its copies
        width, height = (height, width) if orientation in TURNED else (width, height)
        digest = hashlib.blake2b(f"{digest} upright".encode(), digest_size=16).hexdigest()[:12]  # new names
    info = ImageInfo(job.src, width, height, MIME[kind], digest, job.src, animated=animated)
    variants = info.variants
    if job.folder is not None and job.resize and variants:
        problem = _make_variants(job, data, digest, variants)
        if problem:
            return ImageInfo(job.src, problem=problem)
    return info


def _undecodable(image: Any) -> str:
    """Why an opened image's pixels cannot be decoded (a file cut short, say), or ''.

    A JPEG is decoded at an eighth of its size, which reads the whole file at a fraction of the work.
    """
    if image.format == "JPEG":
        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
    try:
        image.load()
    except (OSError, ValueError, SyntaxError) as exc:
        return str(exc)
    return ""


def _variants(src: str, digest: str, width: int, kind: str) -> tuple[Variant, ...]:
    """WebP copies at each width up to the image's own, and copies in its own type below it."""
    widths = [w for w in WIDTHS if w < width] + [width]
    webp = tuple(Variant(_named(src, digest, w, "webp"), w, "image/webp") for w in widths)
    if kind == "WEBP":
        return webp
    own = _suffix(kind)
    return webp + tuple(Variant(_named(src, digest, w, own), w, MIME[kind]) for w in widths[:-1])


def _suffix(kind: str) -> str:
    return {"JPEG": "jpg"}.get(kind, kind.lower())


COPY_NAME = re.compile(r"\.[0-9a-f]{10}\.[0-9]+\.(?:webp|png|jpg|gif)$")  # what _named gives


def is_copy(path: str) -> bool:
    """True when path is named as a copy of an image is (the image's hash and a width before the suffix)."""
    return COPY_NAME.search(path) is not None


def _named(src: str, digest: str, width: int, suffix: str) -> str:
    """The path of a copy: beside the image, named by its content hash and width."""
    stem = src.rpartition(".")[0]
    return f"{stem}.{digest[:10]}.{width}.{suffix}"


def _make_variants(job: ImageJob, data: bytes, digest: str, variants: tuple[Variant, ...]) -> str:
    # The image decoded once, and resized once to each width (the WebP and fallback copies
    # share it), and only when a copy is missing from the cache.
    scaled: dict[int, Any] = {}

    def resize(variant: Variant) -> bytes:
        if variant.width not in scaled:
            from PIL import Image, ImageOps

            if not scaled:
                image = Image.open(io.BytesIO(data))
                ImageOps.exif_transpose(image, in_place=True)
                image = _normalised(_in_srgb(image))
                scaled[image.width] = image
            full = scaled[max(scaled)]
            height = max(1, round(full.height * variant.width / full.width))
            scaled[variant.width] = full.resize((variant.width, height), Image.Resampling.LANCZOS)
        return _encoded(scaled[variant.width], variant.mime)

    for variant in variants:
        problem = _make(job, digest, _cache_name(variant.src), functools.partial(resize, variant))
        if problem:
            return problem
    return ""


def _cache_name(src: str) -> str:
    """A copy's file name in the cache folder of its image's hash: images/a.1a2b.640.webp -> 640.webp."""
    width, suffix = src.rsplit(".", 2)[-2:]
    return f"{width}.{suffix}"


def _in_srgb(image: Any) -> Any:
    """The image's colours in sRGB, which browsers assume for a copy with no colour profile.

    A phone's photo in Display P3 or a print's Adobe RGB would otherwise look dull.
    A profile that cannot be read, or that does not fit the image, is ignored, as
    browsers ignore it; either way the copies carry no profile.
    """
    from PIL import ImageCms

    profile = image.info.pop("icc_profile", None)
    if not profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        space = source.profile.xcolor_space.strip()
        transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        if space == "RGB" and (image.mode in ("P", "PA") or (image.mode == "RGB" and transparent)):
            image = image.convert("RGBA" if transparent else "RGB")  # a colour marked transparent, as alpha
        modes = {"RGB": ("RGB", "RGBA"), "CMYK": ("CMYK",), "GRAY": () if transparent else ("L",)}.get(space, ())
        if image.mode not in modes:
            return image
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                              outputMode="RGBA" if image.mode == "RGBA" else "RGB")
    except (OSError, ValueError, ImageCms.PyCMSError):
        return image
    assert converted is not None, "a new image unless asked to convert in place"
    converted.info.pop("icc_profile", None)  # the sRGB profile LittleCMS made, stamped with the time it made it
    return converted


def _normalised(image: Any) -> Any:
    """The image in RGB, or RGBA when it has transparency, which every copy's type can hold."""
    if image.mode.startswith("I"):  # 16-bit grey (a scan, an X-ray): converted as it is, every value past 255 is white
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    return image.convert(mode)


def _encoded(image: Any, mime: str) -> bytes:
    copy = image.convert("RGB") if mime == "image/jpeg" and image.mode != "RGB" else image
    out = io.BytesIO()
    kind = {"image/webp": "WEBP", "image/png": "PNG", "image/jpeg": "JPEG"}[mime]
    options = {"WEBP": {"quality": 80, "method": 4}, "JPEG": {"quality": 85}, "PNG": {}}[kind]
    copy.save(out, kind, **options)  # no exif, no icc: the same image gives the same bytes
    return out.getvalue()


def _make(job: ImageJob, digest: str, name: str, make: Callable[[], bytes]) -> str:
    """Write one copy into the cache unless it is there; '' or what went wrong."""
    assert job.folder is not None
    target = job.folder / digest / name
    if target.is_file() and not job.remake:
        return ""
    try:
        data = make()
    except (OSError, ValueError) as exc:
        return f"assets/{job.src} cannot be converted: {exc}"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, target)  # a build killed mid-write leaves no half copy under the real name
    return ""


def copies(info: ImageInfo, folder: Path) -> list[tuple[str, Path]]:
    """Every copy of an image: its path under assets/ and its file in the cache."""
    return resized(info, folder) + social_copy(info, folder)


def resized(info: ImageInfo, folder: Path) -> list[tuple[str, Path]]:
    """The resized copies of an image (those of its srcset): each one's path under assets/ and file in the cache."""
    return [(variant.src, folder / info.digest / _cache_name(variant.src)) for variant in info.variants]


def social_copy(info: ImageInfo, folder: Path) -> list[tuple[str, Path]]:
    """The PNG made from an SVG for social platforms, when there is one: its path under assets/ and file."""
    if not info.social or info.social == info.src:
        return []
    return [(info.social, folder / info.digest / _cache_name(info.social))]


def image_tag(info: ImageInfo, alt: str, lazy: bool = True, sizes: str = BODY_SIZES, extra: str = "") -> Markup:
    """An <img> with its size, lazy loading below the first screen, and a WebP srcset in a <picture>."""
    attributes = (f' width="{info.width}" height="{info.height}" alt="{escape(alt)}"'
                  + (' loading="lazy"' if lazy else "") + ' decoding="async"' + extra)
    src = asset_url(info.src)
    variants = info.variants
    if not variants:
        return Markup(f'<img src="{src}"{attributes}>')
    webp = [v for v in variants if v.mime == "image/webp"]
    own = [v for v in variants if v.mime != "image/webp"]
    fallback = ", ".join([*(f"{asset_url(v.src)} {v.width}w" for v in own), f"{src} {info.width}w"])
    sources = ", ".join(f"{asset_url(v.src)} {v.width}w" for v in webp)
    return Markup(f'<picture><source type="image/webp" srcset="{sources}" sizes="{sizes}">'
                  f'<img src="{src}" srcset="{fallback}" sizes="{sizes}"{attributes}></picture>')


def asset_url(src: str) -> str:
    """The address of a file under assets/, percent-encoded: a space or comma in a file's name would split a srcset
    candidate, a '#' or '?' end its path."""
    return quote(f"/assets/{src}")
