"""Every built page of the sample site is valid HTML5 with a sound outline.

Runs everywhere (no browser): html5lib in strict mode stops at the first parse
error, which the test reports with the file, line and column.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from html5lib.constants import E

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"h([1-6])")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, bytes]]:
    """Build the sample site (no search index) and return every HTML file in it."""
    out = tmp_path_factory.mktemp("valid") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "medpress", "build", "--site", str(ROOT), "--out", str(out), "--no-search"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found = sorted((p.relative_to(out).as_posix(), p.read_bytes()) for p in out.rglob("*.html"))
    assert len(found) > 20, "the sample site should have more than 20 pages"
    return found


def strict_errors(data: bytes) -> str | None:
    """Return the first HTML5 parse error as 'line:col: message', or None when the page is valid."""
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(data)
    except html5lib.html5parser.ParseError:
        (line, col), code, datavars = parser.errors[-1]
        return f"{line}:{col}: {E.get(code, code) % (datavars or {})}"
    return None


def outline(data: bytes) -> list[int]:
    """Return the heading levels of a page in document order."""
    tree = html5lib.parse(data, namespaceHTMLElements=False)
    return [int(m.group(1)) for el in tree.iter() if isinstance(el.tag, str) and (m := HEADING.fullmatch(el.tag))]


def test_every_page_parses_in_strict_html5(pages: list[tuple[str, bytes]]) -> None:
    problems = [f"{name}:{err}" for name, data in pages if (err := strict_errors(data))]
    assert not problems, "invalid HTML:\n" + "\n".join(problems)


def test_every_page_has_lang_main_and_one_h1(pages: list[tuple[str, bytes]]) -> None:
    problems = []
    for name, data in pages:
        tree = html5lib.parse(data, namespaceHTMLElements=False)
        if not tree.get("lang"):
            problems.append(f"{name}: <html> has no lang")
        if len(tree.findall(".//main")) != 1:
            problems.append(f"{name}: expected one <main>, found {len(tree.findall('.//main'))}")
        if len(tree.findall(".//h1")) != 1:
            problems.append(f"{name}: expected one <h1>, found {len(tree.findall('.//h1'))}")
    assert not problems, "\n".join(problems)


def test_heading_levels_never_skip(pages: list[tuple[str, bytes]]) -> None:
    problems = []
    for name, data in pages:
        levels = outline(data)
        if levels and levels[0] != 1:
            problems.append(f"{name}: the first heading is h{levels[0]}, not the h1")
        for before, after in itertools.pairwise(levels):
            if after > before + 1:
                problems.append(f"{name}: h{before} is followed by h{after} (levels {levels})")
                break
    assert not problems, "\n".join(problems)


def test_outline_check_catches_a_skipped_level() -> None:
    assert outline(b"<!DOCTYPE html><title>x</title><h1>a</h1><h3>b</h3>") == [1, 3]
    assert strict_errors(b"<!DOCTYPE html><title>x</title><p><div></p>") is not None
    assert strict_errors(b"<!DOCTYPE html><html lang=en><title>x</title><p>ok</p>") is None
