"""The brand colour: its contrast with white, a darker shade that passes, and the stylesheet rules of a brand.

Pages set white text on the brand colour (the header, numbered steps) and the
brand colour as text on white, so one contrast ratio, the colour's with white,
decides both ways. Ratios and luminance follow WCAG 2's definitions.
"""

from __future__ import annotations

import math
import re

from .model import Brand

AA = 4.5  # WCAG AA, text of any size
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
SHORT = re.compile(r"#[0-9a-fA-F]{3}")
WHITE = "#ffffff"
DARK_SHARE = 0.73  # the darker shade (tagline bar, search button): the colour at 73%, as the built-in teal's
PALE_SHARE = 0.1  # the pale shade (callouts, pillars, the home page's hero): the colour at 10% on white
# The header logo's box: 3rem high, as wide as the logo's own shape, never wider than the screen.
LOGO_RULE = ".brand-logo { display: block; height: 3rem; width: auto; max-width: 100%; object-fit: contain; }"


def luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour."""
    channels = [int(colour[start:start + 2], 16) / 255 for start in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown(ratio: float) -> str:
    """A ratio as people read it, cut (not rounded) to two decimals, so a failing one never shows as 4.50."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"


def scaled(colour: str, share: float) -> str:
    """The colour with each channel at share of its value: darker, the same hue."""
    return "#" + "".join(f"{round(int(colour[start:start + 2], 16) * share):02x}" for start in (1, 3, 5))


def on_white(colour: str, share: float) -> str:
    """The colour laid at share of its strength over white: paler, the same hue."""
    return "#" + "".join(f"{round(255 - (255 - int(colour[start:start + 2], 16)) * share):02x}"
                         for start in (1, 3, 5))


def darker_that_passes(colour: str) -> str:
    """The lightest shade of colour, darkened a percent at a time, with white at AA contrast (black at worst)."""
    for percent in range(99, 0, -1):
        shade = scaled(colour, percent / 100)
        if contrast(shade, WHITE) >= AA:
            return shade
    return "#000000"


def colour_problem(value: str) -> tuple[str, str] | None:
    """Say what is wrong with a brand colour and how to fix it (message, hint); None when it will do."""
    if SHORT.fullmatch(value):
        full = "#" + "".join(digit * 2 for digit in value[1:]).lower()
        return f"'{value}' is not written #rrggbb", f"write all six digits, in quotes: \"{full}\""
    if not COLOUR.fullmatch(value):
        return (f"'{value}' is not a colour written #rrggbb",
                "write # and six hexadecimal digits, in quotes, e.g. \"#00606e\"")
    ratio = contrast(value, WHITE)
    if ratio >= AA:
        return None
    darker = darker_that_passes(value)
    return (f"'{value}' has a contrast of {shown(ratio)} with white, below the {AA}:1 WCAG AA asks for: "
            "pages set white text on the brand colour and the brand colour as text on white",
            f"use a darker shade that passes, such as \"{darker}\", at {shown(contrast(darker, WHITE))}")


def brand_css(brand: Brand) -> bytes:
    """The rules a brand adds to the stylesheet: the colour and its shades, the logo's box; b'' for neither.

    Made here rather than written into the built-in stylesheet, so that a site
    without them pays nothing for them in its one stylesheet's budget.
    """
    rules = []
    if brand.colour:
        dark, pale = scaled(brand.colour, DARK_SHARE), on_white(brand.colour, PALE_SHARE)
        rules.append(f":root {{ --brand: {brand.colour}; --brand-dark: {dark}; --brand-pale: {pale}; }}")
    if brand.logo:
        rules.append(LOGO_RULE)
    return "".join(f"{rule}\n" for rule in ("/* site.yaml's brand */", *rules)).encode() if rules else b""
