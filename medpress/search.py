"""Static search: run Pagefind over the staged site so search works on any host."""

from __future__ import annotations

from pathlib import Path

from .errors import OutputError

NOT_INSTALLED = "the search indexer (pagefind) is not installed, so the site's search cannot be built"
INSTALL_HINT = "pip install pagefind-bin, or build with --no-search to leave search out"


def pagefind_binary() -> Path | None:
    """Return the Pagefind executable shipped by the pagefind-bin package, if installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError:
        return None


def require_pagefind() -> Path:
    """Return the Pagefind executable, or raise saying how to install it (checked before rendering)."""
    binary = pagefind_binary()
    if binary is None:
        raise OutputError(NOT_INSTALLED, "pagefind", hint=INSTALL_HINT)
    return binary


def index_site(site_root: Path) -> None:
    """Write the Pagefind index into site_root/pagefind/."""
    binary = require_pagefind()
    import subprocess  # here: a rebuild without search starts sooner without it

    try:
        result = subprocess.run(
            [str(binary), "--site", str(site_root), "--quiet"],
            capture_output=True, text=True, check=False, timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputError(f"pagefind could not run: {exc}", "pagefind", hint=INSTALL_HINT) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-500:] or f"exit status {result.returncode}"
        raise OutputError(f"pagefind failed: {detail}", "pagefind")
