"""The sample site built for another address and served as a static host would serve it.

A copy of the repository's site folder gets a site.yaml whose base_url is the given
address; its build goes into a web root at base_url's path (www/resources/ for
https://clinic.example/resources/), and a threaded http.server on 127.0.0.1 serves
that web root. Like Netlify and Cloudflare Pages, the server can answer a missing
path with the site's 404.html and send the headers the site's _headers file names.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ("content", "layouts", "assets", "static", "translations")
BASE_URL_LINE = re.compile(r"^base_url:.*$", re.MULTILINE)

Rules = list[tuple[str, list[tuple[str, str]]]]


def copy_site(dest: Path, base_url: str) -> Path:
    """Copy the sample site into dest with base_url in its site.yaml; return dest."""
    dest.mkdir(parents=True)
    for part in SITE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, dest / part)
    text, count = BASE_URL_LINE.subn(f"base_url: {base_url}", (ROOT / "site.yaml").read_text(encoding="utf-8"))
    assert count == 1, "the sample site.yaml has no single base_url line"
    (dest / "site.yaml").write_text(text, encoding="utf-8")
    return dest


def build_for(site: Path, www: Path, base_url: str, *options: str) -> Path:
    """Build site into the web root www at base_url's path; return that folder."""
    out = www / urlsplit(base_url).path.strip("/")
    result = subprocess.run([sys.executable, "-m", "medpress", "build", "--site", str(site), "--out", str(out),
                             *options], capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def read_headers(path: Path) -> Rules:
    """The rules of a _headers file: (path pattern, [(header, value)]) in the file's order."""
    rules: Rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            rules.append((line.strip(), []))
    return rules


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serve a web root; a missing path gets not_found (the site's 404.html) and every answer the rules' headers."""

    def __init__(self, *args: Any, rules: Rules, not_found: Path | None, **kwargs: Any) -> None:
        self.rules = rules
        self.not_found = not_found
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        for pattern, headers in self.rules:
            if fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found is None or self.command != "GET":
            super().send_error(code, message, explain)
            return
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser moved on: nothing to report
            super().copyfile(source, outputfile)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(www: Path, rules: Rules | None = None, not_found: Path | None = None) -> Iterator[str]:
    """Serve www on a free port of 127.0.0.1 for the block; yield its origin (http://127.0.0.1:PORT)."""
    handler = functools.partial(StaticHost, directory=str(www), rules=rules or [], not_found=not_found)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
