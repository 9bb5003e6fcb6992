"""Browser fixtures: the sample site built with search, served on 127.0.0.1, and Debian's Chromium.

Fixtures live as long as this package's tests (scope "package"): Playwright's sync API
allows one instance per thread, so ours must stop before other tests start their own.

Nothing is downloaded at test time. Without /usr/bin/chromium or axe-core the tests
skip and say how to install them; under CI (CI=true) that is a failure instead, so
the browser tests can never silently stop running.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hosting import serving
from prerequisites import require

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
NARROWEST = {"width": 320, "height": 640}
WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


@pytest.fixture(scope="package")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the sample site with its Pagefind index and serve it on a free port of 127.0.0.1."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "medpress", "build", "--site", str(ROOT), "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(out) as origin:
        yield origin


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium once for these tests (never a downloaded browser)."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: install it with `apt-get install chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, 'Playwright for Python is missing: pip install -e ".[dev]"')
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package")
def axe_source() -> str:
    """Return axe-core's script, installed from the npm registry by package-lock.json."""
    require(AXE.is_file(), f"axe-core is missing ({AXE}): install it with `npm ci --prefix tests/browser`")
    return AXE.read_text(encoding="utf-8")


@dataclass
class Visit:
    """A page opened in a new tab, with everything that went wrong while loading and using it."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list, repr=False)

    def assert_clean(self) -> None:
        assert not self.failed, f"failed requests: {self.failed}"
        assert not self.console_errors, f"console errors: {self.console_errors}"

    def screenshot(self, path: Path) -> None:
        """Scroll through the page so lazy images load, then take a full-page screenshot."""
        self.page.evaluate("""async () => {
            for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(r));
            }
            await Promise.all([...document.images].map(i => i.complete || new Promise(r => i.onload = i.onerror = r)));
            window.scrollTo(0, 0);
        }""")
        self.page.screenshot(path=path, full_page=True)

    def horizontal_overflow(self) -> int:
        """Return how many pixels the page is wider than the viewport (0 when it fits)."""
        return int(self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.fixture(scope="package")
def contexts(browser: Any) -> Iterator[dict[tuple[int, int], Any]]:
    """One browser context per viewport size, shared (a new page per visit is cheaper than a context)."""
    made: dict[tuple[int, int], Any] = {}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def visit(contexts: dict[tuple[int, int], Any], browser: Any, site_url: str) -> Iterator[Callable[..., Visit]]:
    """Open a path of the served site at a viewport size and record errors and requests."""
    pages: list[Any] = []

    def open_page(path: str, viewport: dict[str, int] = DESKTOP, media: str | None = None) -> Visit:
        key = (viewport["width"], viewport["height"])
        if key not in contexts:
            contexts[key] = browser.new_context(viewport=viewport, reduced_motion="reduce")
        page = contexts[key].new_page()
        pages.append(page)
        seen = Visit(page)
        page.on("console", lambda msg: console(seen, msg))
        page.on("pageerror", lambda exc: seen.console_errors.append(str(exc)))
        page.on("requestfailed", lambda req: seen.failed.append(f"{req.url} ({req.failure})"))
        page.on("response", lambda res: record(seen, res))
        if media:
            page.emulate_media(media=media)
        page.goto(site_url + path, wait_until="load")
        return seen

    yield open_page
    for page in pages:
        page.close()


def console(seen: Visit, message: Any) -> None:
    if message.type == "error":
        seen.console_errors.append(f"{message.text} at {message.location.get('url')}")


def record(seen: Visit, response: Any) -> None:
    seen.responses.append(response)
    if response.status >= 400:
        seen.failed.append(f"{response.url} (HTTP {response.status})")


@pytest.fixture(scope="package")
def artifacts() -> Path:
    """Return the git-ignored folder for screenshots, created on demand."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
