"""Command-line behaviour for editors: progress output on and off a terminal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

from conftest import TODAY_ARG

from medpress.progress import ProgressReport

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # anything but tab and newline


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def drive(tty: bool, seconds_per_step: float, steps: int = 10) -> str:
    stream, clock = io.StringIO(), Clock()
    progress = ProgressReport("Rendering pages", stream, tty=tty, clock=clock)
    for done in range(1, steps + 1):
        clock.now += seconds_per_step
        progress(done * 100, steps * 100)
    progress.close()
    return stream.getvalue()


def test_plain_lines_without_control_codes_when_not_a_terminal() -> None:
    text = drive(tty=False, seconds_per_step=3.0)
    assert not CONTROL.search(text)
    lines = text.splitlines()
    assert lines[0] == "Rendering pages: 100/1000"
    assert lines[-1] == "Rendering pages: 1000/1000"
    assert len(lines) < 10  # at most one line every few seconds, plus the last


def test_a_bar_redrawn_in_place_on_a_terminal_and_erased_at_the_end() -> None:
    text = drive(tty=True, seconds_per_step=0.2)
    assert text.startswith("\r")
    assert "Rendering pages [" in text and "] 1000/1000" in text
    assert "\n" not in text
    assert text.endswith("\r\x1b[2K")  # the summary line then starts on a clean line


def test_a_quick_build_shows_no_progress() -> None:
    assert drive(tty=True, seconds_per_step=0.01) == ""
    assert drive(tty=False, seconds_per_step=0.1) == ""


def test_build_output_has_no_control_codes_when_not_a_terminal(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(result.output)
    assert result.output.splitlines()[-1].startswith("Built ")


def test_every_command_is_listed(run) -> None:  # type: ignore[no-untyped-def]
    listed = run("--help").output
    for command in ("build", "check", "serve", "new", "schema", "review-due"):
        assert re.search(rf"^\s+{command}\s", listed, re.M), command


def test_the_command_line_exits_with_each_outcome_s_code_and_all_its_output(make_site) -> None:  # type: ignore[no-untyped-def]
    """`python -m medpress` leaves without Python's teardown (cli.run): nothing printed may be lost on the way."""
    def medpress(*args: str | object) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "medpress", *map(str, args)], capture_output=True, text=True,
                              timeout=120, check=False)

    site = make_site()
    built = medpress("build", "--site", site, "--no-search", *TODAY_ARG)
    assert built.returncode == 0, built.stderr
    assert re.fullmatch(r"Built \d+ pages .* in [\d.]+s\.\n", built.stdout), built.stdout
    assert (site / "output" / "index.html").is_file()

    (site / "content" / "articles" / "broken.md").write_text("---\ntitle: [\n---\nText.\n", encoding="utf-8")
    failed = medpress("build", "--site", site, "--no-search", *TODAY_ARG)
    assert failed.returncode == 1
    assert "content/articles/broken.md:3: invalid YAML" in failed.stderr
    assert failed.stderr.endswith("output left as it was.\n")

    assert medpress("build", "--no-such-option").returncode == 2

    (site / "content" / "articles" / "broken.md").unlink()
    quiet = subprocess.run([sys.executable, "-m", "medpress", "build", "--site", str(site), "--no-search", *TODAY_ARG],
                           preexec_fn=lambda: os.close(1), capture_output=False, timeout=120, check=False)
    assert quiet.returncode == 0  # with no stdout at all (as under some job runners), a good build is still good
