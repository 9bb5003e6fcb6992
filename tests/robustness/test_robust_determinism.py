"""Determinism: the same input gives byte-identical output, wherever and however it is built.

Two copies of one site are written with their files created in opposite orders and
different modification times, then built from different working directories, with
different hash seeds, worker counts and cache states; every output file is hashed.

The Pagefind search index (output/pagefind/) is compared too when the Pagefind the
builds use is 1.6 or later. Pagefind 1.5 writes its filter and metadata chunks in
hash-map order, so its bytes (and the content-hashed file names that follow from
them) differ between two runs on identical input; with it, everything outside
/pagefind/ is compared. The pages never name those chunks (they load
/pagefind/pagefind-ui.js, a fixed name).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import BASE_FILES, TODAY_ARG, article
from robust_helpers import REPO, clean_env, differences, tree_hashes

from medpress.search import find_pagefind

PAGEFIND = "pagefind/"


def index_is_deterministic() -> bool:
    """True when the builds index with a Pagefind that writes the same bytes every time (1.6+)."""
    found = find_pagefind()
    return found is not None and found.deterministic


def site_files() -> dict[str, str]:
    """The small test site, plus articles that use every feature that sorts or groups things."""
    files = dict(BASE_FILES)
    files["assets/images/pills.svg"] = "<svg xmlns='http://www.w3.org/2000/svg'/>"
    for i in range(24):
        drug = f"\n  name: Drug{i:02d}\n  generic: generic{23 - i:02d}\n  brand_names: [Brand{i % 5}, Other{i}]"
        files[f"content/articles/group{i % 3}/drug-{i:02d}.md"] = article(
            f"Drug {i:02d}", category="benzodiazepines" if i % 2 else "opioids", drug=drug,
            reviewed=f"2026-0{1 + i % 5}-1{i % 9}", tags=f"[tag{i % 4}, shared]",
            faq=f'\n  - q: "Question {i}?"\n    a: "Answer {i}."', aliases=f'["/old/drug-{i:02d}/"]',
            image='{src: images/pills.svg, alt: "Pills"}' if i % 4 == 0 else "<drop>",
            body=f"## One\n\nText {i}.\n\n## Two\n\nMore.\n\n## Three\n\nEnd.\n")
    return files


def write_in_order(root: Path, files: dict[str, str], reverse: bool, mtime: int) -> Path:
    """Create the files in sorted or reverse order (directory listing order follows on most
    file systems), all with the given modification time."""
    for rel in sorted(files, reverse=reverse):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[rel], encoding="utf-8")
        os.utime(path, (mtime, mtime))
    return root


def build(site: Path, cwd: Path, *args: str, seed: str) -> None:
    command = [sys.executable, str(REPO / "build.py"), "build", *TODAY_ARG, *args]
    env = {**clean_env(), "PYTHONHASHSEED": seed}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    files = site_files()
    first = write_in_order(tmp_path / "first", files, reverse=False, mtime=1_700_000_000)
    second = write_in_order(tmp_path / "somewhere" / "else" / "second", files, reverse=True, mtime=1_800_000_000)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    # The first from inside the site with no --site and one worker; the second from another
    # folder, by absolute path, with several workers and another hash seed.
    build(first, first, "--jobs", "1", seed="1")
    build(second, elsewhere, "--site", str(second), "--jobs", "4", seed="2")
    compared: tuple[str, ...] = () if index_is_deterministic() else (PAGEFIND,)
    ours = {rel: h for rel, h in tree_hashes(first / "output").items() if not rel.startswith(compared)}
    theirs = {rel: h for rel, h in tree_hashes(second / "output").items() if not rel.startswith(compared)}
    assert len(ours) > 60
    assert ours == theirs, differences(first / "output", second / "output")
    assert (first / "output/pagefind/en/0/pagefind-entry.json").is_file()  # search was built
    assert any(rel.startswith(PAGEFIND) for rel in ours) == index_is_deterministic()
    ours = {rel: h for rel, h in ours.items() if not rel.startswith(PAGEFIND)}
    # An incremental rebuild after touching every file changes nothing either.
    for path in (second / "content").rglob("*.md"):
        os.utime(path)
    build(second, elsewhere, "--site", str(second), seed="3")
    rebuilt = {rel: h for rel, h in tree_hashes(second / "output").items() if not rel.startswith(PAGEFIND)}
    assert rebuilt == ours, differences(first / "output", second / "output")
