"""cmark-gfm, GitHub's C Markdown parser, called so that it frees what it allocates.

Imported on the first Markdown render only: loading it takes a few milliseconds that
a rebuild finding every body in the cache would otherwise spend for nothing.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES  # raw HTML is nh3's to clean
# data-sourcepos="line:column-..." on each block (nh3 removes it): how a heading learns its line.
WITH_POSITIONS = OPTIONS | Options.CMARK_OPT_SOURCEPOS
EXTENSIONS = ("table", "strikethrough", "autolink")
_LIBRARY = ctypes.CDLL(_cmark.__file__)  # the library cffi loaded: dlopen gives the same one
_LIBRARY.cmark_node_free.argtypes = [ctypes.c_void_p]
_LIBC = ctypes.CDLL(None)  # cmark allocates with the C library's malloc
_LIBC.free.argtypes = [ctypes.c_void_p]


def cmark_html(text: str, positions: bool = False) -> str:
    """GitHub Flavored Markdown to HTML, freeing what cmark allocates; with positions, blocks carry their lines.

    cmarkgfm's own markdown_to_html_with_extensions never frees the parsed
    document nor the HTML string (about 90 kB per article: over a gigabyte for a
    10,000-article build), and its cffi binding leaves out the two functions that
    would, so they are called from the same shared library through ctypes.
    """
    lib, ffi = _cmark.lib, _cmark.ffi
    options = WITH_POSITIONS if positions else OPTIONS
    parser = lib.cmark_parser_new(options)
    try:
        for extension in _extensions():
            lib.cmark_parser_attach_syntax_extension(parser, extension)
        encoded = text.encode("utf-8")
        lib.cmark_parser_feed(parser, encoded, len(encoded))
        document = lib.cmark_parser_finish(parser)
        try:
            html_bytes = lib.cmark_render_html(document, options, lib.cmark_parser_get_syntax_extensions(parser))
            try:
                html: bytes = ffi.string(html_bytes)
                return html.decode("utf-8")
            finally:
                _LIBC.free(int(ffi.cast("uintptr_t", html_bytes)))
        finally:
            _LIBRARY.cmark_node_free(int(ffi.cast("uintptr_t", document)))
    finally:
        lib.cmark_parser_free(parser)


@functools.cache
def _extensions() -> tuple[Any, ...]:
    _cmark.lib.cmark_gfm_core_extensions_ensure_registered()
    return tuple(_cmark.lib.cmark_find_syntax_extension(name.encode()) for name in EXTENSIONS)
