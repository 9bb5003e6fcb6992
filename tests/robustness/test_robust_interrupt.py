"""Interruption: a build killed at any moment, two builds at once, a full disk.

Each time the live output/ must be either the complete previous site or the complete
new one - compared file by file against hash snapshots - and the next build must
succeed and clear what the interrupted one left behind.

How medpress makes this true (medpress/write.py): the new site is written into a
spare copy beside output/ and exchanged with it in one rename (renameat2
RENAME_EXCHANGE); the write phase holds an flock on .<out>.lock, so builds of one
output never interleave and the last to finish wins.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY_ARG, article
from robust_helpers import (
    REPO,
    build_in_process,
    build_subprocess,
    clean_env,
    differences,
    tree_hashes,
    write_site,
)

ARTICLES = 300
MEDPRESS_NAMES = {".output.spare", ".output.cache", ".output.lock"}


def generated(version: str, count: int = ARTICLES) -> dict[str, str]:
    """Tiny articles whose text (not size) depends on version."""
    return {f"content/articles/a{i:03d}.md": article(f"Article {i} {version}", body=f"## Part\n\nText {i} {version}.\n",
                                                     related=f"[a{(i + 1) % count:03d}]")
            for i in range(count)}


def start_build(site: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--no-search", *TODAY_ARG]
    # A session of its own, so that the kill takes the render workers too, as a CI timeout does.
    return subprocess.Popen(command, cwd=site, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


def spare_marker(site: Path) -> int | None:
    """When the spare copy's marker was last written: a build rewrites it as it starts writing."""
    try:
        return (site / ".output.spare" / ".medpress-output").stat().st_mtime_ns
    except OSError:
        return None


def leftovers(site: Path) -> set[str]:
    return {p.name for p in site.iterdir() if p.name.startswith(".")} - MEDPRESS_NAMES


def test_a_build_killed_at_any_moment_leaves_a_complete_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", generated("old"))
    snapshots: dict[str, dict[str, str]] = {}
    durations = []
    for version in ("old", "new"):
        write_site(site, generated(version), base=False)
        started = time.monotonic()
        code, output = build_subprocess(site)
        durations.append(time.monotonic() - started)
        assert code == 0, output
        snapshots[version] = tree_hashes(site / "output")
    assert snapshots["old"] != snapshots["new"]
    full = max(durations)
    live = "new"
    # Kills at fixed points of a whole build (reading, rendering, writing, swapping), and
    # right after the write phase begins, when files are landing in the spare copy.
    moments: list[tuple[str, float]] = [("after", f * full) for f in (0.5, 0.9, 1.0)]
    moments += [("writing", delay) for delay in (0.0, 0.03, 0.2)]
    seen = []
    for kind, delay in moments:
        target = "old" if live == "new" else "new"
        write_site(site, generated(target), base=False)
        marker = spare_marker(site)
        process = start_build(site)
        started = time.monotonic()
        if kind == "writing":  # wait for the write phase to begin: the spare copy's marker is rewritten
            while spare_marker(site) == marker and process.poll() is None and time.monotonic() - started < full * 3:
                time.sleep(0.001)
        time.sleep(delay)
        kill(process)
        now = tree_hashes(site / "output")
        assert now in (snapshots["old"], snapshots["new"]), f"output/ is neither site ({kind} {delay:.2f}s)"
        live = "old" if now == snapshots["old"] else "new"
        seen.append((kind, round(delay, 3), process.returncode, live))
    # The next build finishes the job and clears what the killed ones left.
    target = "old" if live == "new" else "new"
    write_site(site, generated(target), base=False)
    code, output = build_subprocess(site)
    assert code == 0, output
    assert tree_hashes(site / "output") == snapshots[target], seen
    assert leftovers(site) == set(), seen
    assert "build: " in (site / ".output.spare" / ".medpress-output").read_text()  # the spare copy is whole
    assert any(returncode == -signal.SIGKILL for _, _, returncode, _ in seen), f"no build was killed: {seen}"



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads a process's children from /proc")
@pytest.mark.parametrize("phase", ["parse", "render"])
def test_a_build_killed_alone_leaves_no_worker_behind(tmp_path: Path, phase: str) -> None:
    # The OOM killer or `kill <pid>` stops the build's own process, not its workers: they must not live on, waiting
    # on their pipes for ever (and, rendering, holding the output's lock they inherited, so the next build waits).
    site = write_site(tmp_path / "site", generated("old"))
    code, output = build_subprocess(site)
    assert code == 0, output
    write_site(site, generated("new"), base=False)
    marker = spare_marker(site)
    process = start_build(site)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    try:
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 120 and not (
                children.read_text().split() and (phase == "parse" or spare_marker(site) != marker)):
            time.sleep(0.001)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)  # not communicate(): a worker left behind would hold its pipes open
        assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)  # any process of the build's session left?
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the build's workers outlived it")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
    code, output = build_subprocess(site, timeout=120)
    assert code == 0, output
    code, output = build_subprocess(site, "--out", tmp_path / "reference")
    assert code == 0, output
    assert tree_hashes(site / "output") == tree_hashes(tmp_path / "reference")

def test_two_builds_at_once_both_finish_and_the_last_wins(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", generated("old", 40))
    for version in ("old", "new"):  # first into an empty place, then over the existing site
        write_site(site, generated(version, 40), base=False)
        processes = [start_build(site) for _ in range(2)]
        results = [p.communicate(timeout=300) for p in processes]
        for process, (out, err) in zip(processes, results, strict=True):
            assert process.returncode == 0, (out + err).decode()
            assert b"Traceback" not in err
        reference = tmp_path / f"reference-{version}"
        code, output = build_subprocess(site, "--out", reference)
        assert code == 0, output
        assert tree_hashes(site / "output") == tree_hashes(reference), differences(reference, site / "output")
        assert leftovers(site) == set()


# A full disk, simulated in-process: every write under the test's folder fails with ENOSPC
# once a byte budget is spent, as a real disk does part-way through a build.

class _Limited:
    """A file opened for writing whose writes fail with ENOSPC when the shared budget runs out."""

    def __init__(self, handle: Any, budget: list[int]) -> None:
        self._handle = handle
        self._budget = budget

    def write(self, data: Any) -> int:
        size = len(data)
        if size > self._budget[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._budget[0] -= size
        return int(self._handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _Limited:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def fill_disk(monkeypatch: pytest.MonkeyPatch, root: Path, budget: int) -> None:
    real_open = builtins.open
    left = [budget]

    def limited_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if isinstance(file, (str, Path)) and set(mode) & set("wax+") and Path(file).is_relative_to(root):
            return _Limited(handle, left)
        return handle

    monkeypatch.setattr(builtins, "open", limited_open)
    monkeypatch.setattr(io, "open", limited_open)
    monkeypatch.setattr(shutil, "_USE_CP_SENDFILE", False)  # so that copies write through open() too
    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))


@pytest.mark.parametrize("budget", [0, 2_000, 30_000], ids=["full from the start", "full after a page",
                                                            "full part-way"])
def test_a_full_disk_fails_cleanly_and_keeps_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          budget: int) -> None:
    site = write_site(tmp_path / "site")
    code, output = build_in_process(site)
    assert code == 0, output
    before = tree_hashes(site / "output")
    changed = {"content/articles/klonopin-addiction.md": article(body="## Overview\n\nRevised text.\n"),
               "content/articles/new-page.md": article("A new page")}
    write_site(site, changed, base=False)
    with monkeypatch.context() as patch:
        fill_disk(patch, tmp_path, budget)
        code, output = build_in_process(site)
    assert "Traceback" not in output, output
    assert code == 1, output
    assert f"{site / 'output'}: could not write the site: No space left on device " \
           "(free some space or fix the folder's permissions, then build again)" in output
    assert tree_hashes(site / "output") == before
    # Space freed: the next build succeeds and the new page is live.
    code, output = build_in_process(site)
    assert code == 0, output
    assert (site / "output/new-page/index.html").is_file()
    assert leftovers(site) == set()


@pytest.mark.parametrize("cold", [True, False], ids=["first build", "rebuild"])
def test_a_disk_full_once_the_site_is_swapped_in_publishes_it_and_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       cold: bool) -> None:
    # The swap is the moment of publishing: what fails after it (the spare copy's links, the cache) must not
    # report a failed build whose output was "left as it was" when it was not.
    from medpress import write

    site = write_site(tmp_path / "site")
    if not cold:
        assert build_in_process(site)[0] == 0
    write_site(site, {"content/articles/new-page.md": article("A new page")}, base=False)
    real_swap = write._swap

    def swap_then_fill(spare: Path, out: Path) -> None:
        real_swap(spare, out)
        fill_disk(monkeypatch, tmp_path, 0)

    with monkeypatch.context() as patch:
        patch.setattr(write, "_swap", swap_then_fill)
        code, output = build_in_process(site)
        monkeypatch.undo()  # fill_disk patched through the outer monkeypatch
    assert "Traceback" not in output, output
    assert code == 0, output
    assert "the site was published, but the build cache and spare copy that speed up the next build could " \
           "not be written: No space left on device" in output
    assert (site / "output/new-page/index.html").is_file()
    # Space freed: the next build gives what a cold build gives, and keeps its cache again.
    code, output = build_in_process(site)
    assert code == 0 and "published, but" not in output, output
    assert build_in_process(site, "--no-cache", "--out", tmp_path / "cold")[0] == 0
    assert tree_hashes(site / "output") == tree_hashes(tmp_path / "cold")
    assert "Nothing changed" in build_in_process(site)[1]


# The states a kill can leave, made directly: each is put right by the next build.

@pytest.mark.parametrize("state", ["spare half written", "spare half deleted", "killed before the swap's 2nd rename",
                                   "killed before the swap's 3rd rename", "staging folder of an old version"])
def test_the_next_build_repairs_what_a_kill_left(tmp_path: Path, state: str) -> None:
    site = write_site(tmp_path / "site")
    code, output = build_in_process(site)
    assert code == 0, output
    expected = tree_hashes(site / "output")
    spare, out = site / ".output.spare", site / "output"
    if state == "spare half written":
        (spare / ".medpress-output").write_text("This folder is generated by medpress\n")  # no build id yet
        (spare / "half.html").write_text("<p>half")
    elif state == "spare half deleted":
        trash = site / ".output.spare.trash-4242"  # rmtree had taken the marker, not yet the pages
        shutil.copytree(out, trash)
        (trash / ".medpress-output").unlink()
    elif state == "killed before the swap's 2nd rename":  # fallback swap: out renamed away, spare not yet in
        out.rename(site / ".output.old")
    elif state == "killed before the swap's 3rd rename":  # the new site is live; old not yet the spare
        shutil.copytree(out, site / ".output.old")
        shutil.rmtree(spare)
    else:  # an early version wrote its marker first
        (site / ".output.staging-4242").mkdir()
        (site / ".output.staging-4242/.medpress-output").write_text("This folder is generated by medpress\n")
        (site / ".output.staging-4242/index.html").write_text("<p>half")
    (site / "content/articles/klonopin-addiction.md").write_text(article(body="## Overview\n\nRevised.\n"))
    code, output = build_in_process(site)
    assert code == 0, output
    assert "Revised." in (out / "klonopin-addiction/index.html").read_text()
    assert set(tree_hashes(out)) == set(expected)
    assert leftovers(site) == set()


def test_folders_beside_the_output_that_medpress_did_not_make_are_left_alone(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    assert build_in_process(site)[0] == 0
    theirs = [site / ".output.old", site / ".output.staging-mine", site / ".output.staging-2024"]
    for folder in theirs:
        folder.mkdir()
        (folder / "keep.txt").write_text("mine")
    code, output = build_in_process(site, "--no-cache")
    assert code == 0, output
    assert all((folder / "keep.txt").read_text() == "mine" for folder in theirs)


def test_a_lock_file_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    assert build_in_process(site)[0] == 0
    before = tree_hashes(site / "output")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / ".output.lock").unlink()
    (site / ".output.lock").symlink_to(elsewhere / "created")
    (site / "content/articles/klonopin-addiction.md").write_text(article(body="## Overview\n\nRevised.\n"))
    code, output = build_in_process(site)
    assert code == 1, output
    assert ".output.lock is a symbolic link; medpress keeps its lock file there (delete the link " in output
    assert not (elsewhere / "created").exists()
    assert tree_hashes(site / "output") == before


# A build stopped dead at each step of its write phase, in-process and deterministic: the
# steps are counted and the build is stopped at the first, the second, ... as a kill would.

class _Stopped(BaseException):
    """Raised in place of a kill: nothing in medpress catches it."""


STEPS = ["put", "keep", "commit", "_link", "_remove", "_write_marker", "_swap", "_discard", "_recover"]


def stop_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[str]:
    from medpress import write

    calls: list[str] = []

    def counted(name: str, real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if len(calls) == step:
                raise _Stopped(name)
            return real(*args, **kwargs)
        return wrapper

    for name in STEPS:
        owner: Any = write.OutputWriter if hasattr(write.OutputWriter, name) else write
        if hasattr(owner, name):
            monkeypatch.setattr(owner, name, counted(name, getattr(owner, name)))
    return calls


def steps_worth_stopping_at(calls: list[str]) -> list[int]:
    """1-based steps to stop at: in each run of one step (say 14 puts), its first, second and last."""
    chosen = []
    for index, name in enumerate(calls):
        first_of_run = index == 0 or calls[index - 1] != name
        second_of_run = index >= 1 and calls[index - 1] == name and (index == 1 or calls[index - 2] != name)
        last_of_run = index == len(calls) - 1 or calls[index + 1] != name
        if first_of_run or second_of_run or last_of_run:
            chosen.append(index + 1)
    return chosen


@pytest.mark.parametrize("cold", [True, False], ids=["first build", "rebuild"])
def test_a_build_stopped_at_any_write_step_leaves_a_complete_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  cold: bool) -> None:
    # A small site: fewer files, fewer steps, faster builds.
    small = {"content/articles/what-are-benzodiazepines.md": None}
    revised = {"content/articles/klonopin-addiction.md": article(body="## Overview\n\nRevised.\n"),
               "content/articles/new-page.md": article("A new page")}
    template = write_site(tmp_path / "template", small)
    if not cold:
        assert build_in_process(template)[0] == 0
    old = tree_hashes(template / "output") if not cold else {}

    def prepared(name: str) -> Path:
        site = tmp_path / name
        shutil.copytree(template, site, symlinks=True)
        write_site(site, revised, base=False)
        return site

    reference = prepared("reference")  # a build left alone: the steps it takes, and the new site
    with monkeypatch.context() as patch:
        calls = stop_at(patch, 0)
        assert build_in_process(reference)[0] == 0
    new = tree_hashes(reference / "output")
    steps = steps_worth_stopping_at(calls)
    assert len(calls) > 10 and {"put", "_swap", "_write_marker"} <= set(calls)
    for step in steps:
        site = prepared(f"stop-{step}")
        with monkeypatch.context() as patch:
            stop_at(patch, step)
            with pytest.raises(_Stopped):
                build_in_process(site)
        now = tree_hashes(site / "output") if (site / "output").exists() else {}
        where = f"stopped at step {step} ({calls[step - 1]})"
        assert now in (old, new), f"{where}: output/ is neither site"
        code, output = build_in_process(site)
        assert code == 0, f"{where}: {output}"
        assert tree_hashes(site / "output") == new, where
        assert leftovers(site) == set(), where
        shutil.rmtree(site)
