"""Static search: run Pagefind over the staged site so search works on any host."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import OutputError


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


def index_site(site_root: Path) -> None:
    """Write the Pagefind index into site_root/pagefind/."""
    binary = pagefind_binary()
    if binary is None:
        raise OutputError("the search indexer (pagefind) is not installed", "pagefind",
                          hint="pip install pagefind-bin, or build with --no-search")
    result = subprocess.run(
        [str(binary), "--site", str(site_root), "--quiet"],
        capture_output=True, text=True, check=False, timeout=600,
    )
    if result.returncode != 0:
        raise OutputError(f"pagefind failed: {(result.stderr or result.stdout).strip()[-500:]}", "pagefind")
