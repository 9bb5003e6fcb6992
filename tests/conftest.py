"""Shared fixtures: a small valid site written into tmp_path from a dict of files."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from medpress.cli import main

TODAY = date(2026, 6, 1)
TODAY_ARG = ["--today", TODAY.isoformat()]

SITE_YAML = """\
title: Test Clinic
tagline: Care in Lisbon and Leeds
base_url: https://clinic.example
organization:
  name: Test Clinic Ltd
  phone: "+44 1 2345"
  admission_url: /contact/
  locations: [Lisbon, Leeds]
review_policy:
  max_age_days: 365
  warn_within_days: 30
  min_sources: 1
categories:
  benzodiazepines:
    title: Benzodiazepines
    help: We help people taper safely.
    method: [One client at a time, Medical detox]
    timeline:
      - {when: Week 1, step: Assessment}
      - {when: Weeks 2-4, step: Therapy}
  opioids:
    title: Opioids
accreditations:
  - {name: Test Accreditor}
media:
  - {name: Test Gazette}
urgent_help:
  title: Need help now?
  text: If you are in danger, call the emergency services.
  phone: "999"
disclaimer: This site does not replace medical advice.
"""

REVIEWER = "name: Dr Ada Test\ncredentials: MD, psychiatrist\nbio: Reviews pages.\n"


def article(title: str = "Klonopin addiction", body: str = "## Overview\n\nText about clonazepam.\n",
            **keys: str) -> str:
    """Return an article file: valid frontmatter (override or drop keys with keys=...) and body."""
    fields = {
        "title": title,
        "summary": f"Summary of {title}.",
        "category": "benzodiazepines",
        "reviewer": "dr-ada",
        "reviewed": "2026-03-01",
        "fact_checked": "true",
        "sources": '\n  - {title: "A source", publisher: NIDA, url: "https://nida.example/x", year: 2024}',
    }
    fields.update(keys)
    front = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None and v != "<drop>")
    return f"---\n{front}---\n{body}"


BASE_FILES = {
    "site.yaml": SITE_YAML,
    "content/reviewers/dr-ada.yaml": REVIEWER,
    "content/articles/klonopin-addiction.md": article(),
    "content/articles/what-are-benzodiazepines.md": article(
        "What are benzodiazepines", related="[klonopin-addiction]"
    ),
    "content/pages/contact.md":
        "---\ntitle: Contact us\nsummary: How to reach the clinic.\n---\n## Phone\n\nCall us.\n",
}


def pytest_configure(config: pytest.Config) -> None:
    """Index with the Pagefind that `npm ci --prefix tests/browser` installs (1.6: the same index every time).

    Without it, builds use pagefind-bin (1.5) as a site without node_modules would.
    """
    for name in ("pagefind_extended", "pagefind"):
        for binary in sorted(Path(__file__).parent.glob(f"browser/node_modules/@pagefind/*/bin/{name}")):
            os.environ.setdefault("PAGEFIND_BINARY_PATH", str(binary))


@pytest.fixture(autouse=True)
def _no_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep a MEDPRESS_BASE_URL set in the developer's shell out of every test's builds."""
    monkeypatch.delenv("MEDPRESS_BASE_URL", raising=False)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a site from BASE_FILES updated with files (None leaves one of them unwritten; a file written before
    stays)."""

    def make(files: dict[str, str | bytes | None] | None = None, base: bool = True) -> Path:
        site = tmp_path / "site"
        merged: dict[str, str | bytes | None] = {**(BASE_FILES if base else {}), **(files or {})}
        for rel, text in merged.items():
            path = site / rel
            if text is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return site

    return make


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the medpress CLI in-process and return click's Result."""

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of a generated 1,000-article site with its search index in 16 bundles (tests/big_site.py)."""
    from big_site import build_big_site

    return build_big_site(tmp_path_factory.mktemp("big") / "site")
