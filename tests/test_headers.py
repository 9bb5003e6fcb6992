"""_headers: the security headers Netlify and Cloudflare Pages send with every file of the site."""

from __future__ import annotations

import re

from conftest import TODAY_ARG

HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=")  # an inline event handler, onclick="..."

HEADERS = """\
/*
  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data: https:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  X-Frame-Options: DENY
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
"""


def test_a_build_writes_the_security_headers_for_every_file(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    assert (site / "output/_headers").read_text(encoding="utf-8") == HEADERS


def test_no_built_in_layout_holds_an_inline_script_or_style(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    for page in (site / "output").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        scripts = text.count("<script")
        assert scripts == text.count('<script type="application/ld+json">') + text.count("<script src="), page
        assert "<style" not in text and " style=" not in text and not HANDLER.search(text), page
