"""Shared helpers of the robustness suite: write a site, run the CLI, hash a tree.

Plain functions rather than fixtures, so that the subprocess-driven tests (kill,
concurrency, determinism) and the in-process ones share one way of doing things.
The site is the small valid site of tests/conftest.py (BASE_FILES).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from click.testing import CliRunner
from conftest import BASE_FILES, TODAY_ARG

from medpress.cli import main

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # a generous ceiling for one subprocess; the point is "it finishes", not speed


def write_site(root: Path, files: Mapping[str, str | bytes | None] | None = None, base: bool = True) -> Path:
    """Write BASE_FILES updated with files (None leaves a file out) into root; return root."""
    merged: dict[str, str | bytes | None] = {**(BASE_FILES if base else {}), **(files or {})}
    for rel, text in merged.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def build_in_process(site: Path, *args: str | Path) -> tuple[int, str]:
    """Run `medpress build` in this process; return (exit code, stdout + stderr).

    Exceptions are not caught: an escaped exception fails the test with its traceback.
    """
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--no-search", *TODAY_ARG,
                                       *[str(a) for a in args]], catch_exceptions=False)
    return result.exit_code, result.output  # click >= 8.2: stdout and stderr as a terminal shows them


def build_subprocess(site: Path, *args: str | Path, cwd: Path | None = None, search: bool = False,
                     timeout: float = TIMEOUT) -> tuple[int, str]:
    """Run `python build.py build` in a fresh interpreter; return (exit code, stdout + stderr)."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), *TODAY_ARG,
               *([] if search else ["--no-search"]), *[str(a) for a in args]]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd or site,
                            env=clean_env(), check=False)
    return result.returncode, result.stdout + result.stderr


def clean_env() -> dict[str, str]:
    """The environment for a child build: ours, without variables that would change its output."""
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("MEDPRESS_BASE_URL", None)
    env["PYTHONHASHSEED"] = "random"
    return env


def tree_hashes(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Map every file under root (relative POSIX path) to the SHA-256 of its bytes."""
    hashes = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.startswith(skip):
            hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def listing(root: Path, skip: str | None = None) -> dict[str, str]:
    """Every path under root (except under skip) with the hash of files and links' targets.

    Used to prove that nothing outside the output folder was created, changed or deleted.
    """
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if skip is not None and (rel == skip or rel.startswith(skip + "/")):
            continue
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "dir"
    return found


def assert_clean_failure(code: int, output: str, *expected: str) -> None:
    """A refused build: exit 1, every expected line in the output, the summary line, no traceback."""
    assert "Traceback" not in output, output
    assert code == 1, output
    for line in expected:
        assert line in output, f"expected {line!r} in:\n{output}"
    assert "Build failed:" in output and "output left as it was" in output, output


def build_template(root: Path) -> Path:
    """Write and build the small valid site under root; tests copy it rather than rebuild it."""
    site = write_site(root / "site")
    code, output = build_in_process(site)
    assert code == 0, output
    return site


def break_site(template: Path, tmp_path: Path, files: Mapping[str, str | bytes | None], *expected: str,
               args: tuple[str | Path, ...] = ()) -> str:
    """Copy the built template, replace files, build again: assert a clean refusal and that nothing
    anywhere under tmp_path changed (the previous output/ included) but the files replaced."""
    site = tmp_path / "site"
    shutil.copytree(template, site, symlinks=True)
    before = listing(tmp_path)
    changed = {f"site/{rel}" for rel in files} | {f"site/{parent.as_posix()}" for rel in files
                                                   for parent in Path(rel).parents if not (site / parent).exists()}
    write_site(site, files, base=False)
    code, output = build_in_process(site, *args)
    assert_clean_failure(code, output, *expected)
    after = listing(tmp_path)
    assert {k: v for k, v in after.items() if k not in changed} == {
        k: v for k, v in before.items() if k not in changed}, "a refused build changed files on disk"
    return output


def differences(expected: Path, actual: Path, limit: int = 30) -> str:
    """Describe how two output trees differ: missing and extra files, and the first changed file's diff."""
    want, got = tree_hashes(expected), tree_hashes(actual)
    changed = sorted(rel for rel in want if rel in got and want[rel] != got[rel])
    text = f"missing: {sorted(set(want) - set(got))[:10]}\nextra: {sorted(set(got) - set(want))[:10]}\n"
    text += f"changed ({len(changed)}): {changed[:10]}\n"
    if changed:
        old = (expected / changed[0]).read_text(errors="replace").splitlines()
        new = (actual / changed[0]).read_text(errors="replace").splitlines()
        text += "\n".join(list(difflib.unified_diff(old, new, "expected", "actual", lineterm=""))[:limit])
    return text
