"""Unclosed markup: a body of thousands of openings that nothing closes is checked in seconds.

The quality checks and rendering look for parts of Markdown and HTML that run from one mark to another:
"<" to ">", "](" to ")", "`" to as many backticks again. Read naively, from every opening that nothing
closes to the end of the text, a pasted log of 400 KB of "<a " took two minutes to check, and articles up
to 2 MB are accepted. Each article here is 600 KB of one such opening, after a claim and a figure so that
every rule reads it: alone, each of the first nine took that code past TIMEOUT; all of them now take seconds.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import TODAY_ARG, article
from robust_helpers import REPO, TIMEOUT, clean_env, write_site

UNCLOSED = {
    "tags": "<a ",
    "images": "![A pill](",
    "links": "](",
    "backticks": "`",
    "footnotes": "[^",
    "comments": "<!-- claim-ok ",
    "headings": "<h2>",  # at the start of its line: raw HTML, rendered as it is
    "alts": "![",
    "img-tags": "<img ",
    "references": "\n[a",
    "autolinks": "<http://x) ",
    "placeholders": "[insert ",
}
SIZE = 600_000
LEAD = "About 50% of people who stop at once relapse.\n\n"  # line 11 of the file
CLAIM = "Our treatment is 100% effective. "  # before the openings, on line 13


def test_a_body_of_unclosed_openings_is_checked_in_seconds(tmp_path: Path) -> None:
    files = {}
    for name, opening in UNCLOSED.items():
        claim = "" if name == "headings" else CLAIM
        files[f"content/articles/unclosed-{name}.md"] = article(
            f"Unclosed {name}", LEAD + claim + opening * (SIZE // len(opening)) + "\n")
    site = write_site(tmp_path / "site", files)
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--site", str(site), *TODAY_ARG],
                            capture_output=True, text=True, timeout=TIMEOUT, cwd=site, env=clean_env(), check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "0 error(s)" in output, output
    for name in UNCLOSED:
        assert f'unclosed-{name}.md:11: body: "50%" in a paragraph that cites no source' in output, output
        if name != "headings":
            assert f'unclosed-{name}.md:13: body: "100% effective" is an absolute claim' in output, output
