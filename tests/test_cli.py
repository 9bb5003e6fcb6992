"""Command-line behaviour for editors: progress output on and off a terminal."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TODAY_ARG

from medpress.cli import invoked_as, main
from medpress.progress import ProgressReport

REPO = Path(__file__).resolve().parents[1]

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
    for command in ("init", "build", "check", "serve", "new", "schema", "review-due"):
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


@pytest.mark.parametrize(("argv0", "command"), [
    ("build.py", "python build.py"),
    ("./build.py", "python ./build.py"),
    ("/srv/my site/build.py", "python '/srv/my site/build.py'"),
    ("/venv/bin/medpress", "medpress"),
    ("/venv/lib/python3.11/site-packages/medpress/__main__.py", "python -m medpress"),
])
def test_hints_name_the_command_as_it_was_run(argv0: str, command: str) -> None:
    assert invoked_as(argv0) == command


def test_new_and_a_missing_site_yaml_name_the_command_the_user_typed(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site()

    def invoke(prog: str, *args: str | Path) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], prog_name=prog, catch_exceptions=False)

    wrote = invoke("python build.py", "new", "Xanax and alcohol", "--site", site)
    assert wrote.stdout.splitlines()[-1] == (
        f"Next: write the body, then preview it with `python build.py serve --drafts --site {site}`.")
    empty = tmp_path / "empty"
    empty.mkdir()
    for prog in ("python build.py", "medpress"):
        for args in (["new", "Title"], ["build"], ["check"], ["serve"], ["review-due"]):
            result = invoke(prog, *args, "--site", empty)
            assert result.exit_code == 1
            assert result.stderr == (f"Error: no site.yaml in {empty}: this is not a medpress site folder; "
                                     f"start one with `{prog} init {empty}`.\n"), args
            assert "Build failed" not in result.output


def test_new_with_a_broken_site_yaml_does_not_say_build_failed(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": "title: [\n"})
    result = run("new", "Title", "--site", site)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "site.yaml has 1 error; no article was written."


def test_build_py_in_a_site_folder_names_itself_in_hints(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    shutil.copy(REPO / "build.py", site / "build.py")
    result = subprocess.run([sys.executable, "build.py", "new", "Valium"], cwd=site, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("preview it with `python build.py serve --drafts`.\n")


def test_base_url_replaces_site_yaml_s_for_one_build(make_site, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    args = ["build", "--site", site, "--no-search", *TODAY_ARG]
    assert run(*args, "--base-url", "https://owner.github.io/clinic/").exit_code == 0
    sitemap = (site / "output/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://owner.github.io/clinic/klonopin-addiction/</loc>" in sitemap
    monkeypatch.setenv("MEDPRESS_BASE_URL", "https://other.example")
    rebuilt = run(*args)
    assert rebuilt.exit_code == 0 and not rebuilt.stdout.startswith("Nothing changed")
    assert "<loc>https://other.example/klonopin-addiction/</loc>" in (site / "output/sitemap.xml").read_text()
    monkeypatch.setenv("MEDPRESS_BASE_URL", "")  # empty, as in a workflow step with no Pages address: site.yaml's
    assert run(*args).exit_code == 0
    assert "<loc>https://clinic.example/klonopin-addiction/</loc>" in (site / "output/sitemap.xml").read_text()
    for command in ("build", "check"):
        bad = run(command, "--site", site, "--base-url", "clinic.example", *TODAY_ARG)
        assert bad.exit_code == 2
        assert ("Invalid value for '--base-url' (env var: 'MEDPRESS_BASE_URL'): 'clinic.example' is not a valid "
                "URL (write a full https://... address)") in bad.stderr


def test_the_hint_of_a_folder_without_site_yaml_starts_a_site_in_that_folder(tmp_path: Path) -> None:
    here, empty = tmp_path / "here", tmp_path / "empty"
    here.mkdir()
    empty.mkdir()
    shutil.copy(REPO / "build.py", here / "build.py")
    result = subprocess.run([sys.executable, "build.py", "check", "--site", str(empty)], cwd=here,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    hint = result.stderr.split("start one with `", 1)[1].split("`", 1)[0]
    assert hint == f"python build.py init {empty}"
    started = subprocess.run([sys.executable, *shlex.split(hint)[1:]], cwd=here, capture_output=True, text=True,
                             timeout=120, check=False)
    assert started.returncode == 0, started.stderr
    assert (empty / "site.yaml").is_file() and not (here / "site.yaml").exists()


def test_python_m_medpress_names_the_next_command_that_way(make_site) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    result = subprocess.run([sys.executable, "-m", "medpress", "new", "Valium"], cwd=site, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("preview it with `python -m medpress serve --drafts`.\n")
