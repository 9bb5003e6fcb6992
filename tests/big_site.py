"""A generated site of 1,000 drug articles, built once per session with its search index in bundles.

Each article's title names its drug; its body names its drug and three others, so a
query for a drug finds several pages and only ranking puts the right one first.
The bundles are made as small as those of a 10,000-article site are many (16), so
that merging, ranking and the first query's requests are tested as they are there.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_FILES, TODAY_ARG, article

import medpress.search
from medpress.cli import main

ARTICLES = 1000
PAGES_PER_BUNDLE = 63  # 1,000 articles (and the site's other searchable pages): 16 bundles
SYLLABLES = ("ba", "cor", "da", "fen", "gli", "ka", "lo", "mir", "nex", "pra", "quo", "ri", "sul", "tor",
             "vu", "xa", "zel", "mo", "pen", "tri")
ENDINGS = ("pam", "zine", "done", "lol", "mab", "tide", "vir", "xil")


def drug_names(count: int, seed: int = 7) -> list[str]:
    """count different made-up drug names, the same ones every time."""
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(3)) + rng.choice(ENDINGS)
        if name not in names:
            names.append(name)
    return names


def big_site_files() -> dict[str, str]:
    rng = random.Random(11)
    names = drug_names(ARTICLES)
    files = dict(BASE_FILES)
    for index, name in enumerate(names):
        others = rng.sample(names, 3)
        body = (f"## Overview\n\n{name.title()} is a made-up medicine for this test. People who take it with "
                f"{others[0]} or {others[1]} should say so. It is not {others[2]}.\n\n"
                f"## Stopping\n\nStop {name} slowly, with a doctor.\n")
        files[f"content/articles/drug-{index:04d}.md"] = article(
            f"{name.title()}, its uses and stopping it", body=body,
            category="benzodiazepines" if index % 2 else "opioids", tags=f"[group{index % 7}]",
            drug=f"\n  name: {name.title()}\n  generic: {name}\n  brand_names: [{name.title()}ex]")
    return files


def write_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build_big_site(root: Path, pages_per_bundle: int | None = PAGES_PER_BUNDLE) -> Path:
    """Write and build the site (search included) into root/output; return the output.

    pages_per_bundle None builds with medpress's own bundle size.
    """
    site = write_site(root, big_site_files())
    with pytest.MonkeyPatch.context() as patched:
        if pages_per_bundle is not None:
            patched.setattr(medpress.search, "PAGES_PER_BUNDLE", pages_per_bundle)
        result = CliRunner().invoke(main, ["build", "--site", str(site), *TODAY_ARG], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return site / "output"
