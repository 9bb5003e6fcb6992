"""`init`: a new site folder that builds and passes check at once, or nothing written at all."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from medpress import __version__, newsite
from medpress.cli import main
from medpress.config import SITE
from medpress.schema import Mapping
from medpress.serve import PREVIEW_DIR

EXPECTED_FILES = [
    ".github/workflows/medpress.yml",
    ".gitignore",
    "README.md",
    "assets/images/.gitkeep",
    "content/articles/opioid-painkillers-at-home.md",
    "content/pages/about.md",
    "content/pages/editorial-policy.md",
    "content/reviewers/dr-sam-example.yaml",
    "layouts/README.md",
    "site.yaml",
    "static/.gitkeep",
]


def invoke(*args: str | Path, prog_name: str = "medpress") -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name=prog_name, catch_exceptions=False)


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_writes_a_site_that_builds_and_passes_check(tmp_path: Path) -> None:
    site = tmp_path / "clinic"
    started = invoke("init", site)
    assert started.exit_code == 0, started.output
    assert started.stdout.splitlines()[0] == f"Started a medpress site in {site} (11 files)."
    assert f'medpress new "Title" --site {site}' in started.stdout
    assert tree(site) == EXPECTED_FILES

    checked = invoke("check", "--site", site)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == "0 error(s), 0 warning(s).\n"
    built = invoke("build", "--site", site, "--no-search")
    assert built.exit_code == 0, built.output
    page = (site / "output/opioid-painkillers-at-home/index.html").read_text(encoding="utf-8")
    assert "Dr Sam Example" in page and "This is an example article" in page


def test_init_with_no_folder_fills_the_current_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    started = invoke("init")
    assert started.exit_code == 0, started.output
    assert "  medpress serve   " in started.stdout  # no --site: the site is where the user is
    assert tree(tmp_path) == EXPECTED_FILES


def test_a_freshly_cloned_repository_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    assert invoke("init", tmp_path).exit_code == 0
    assert tree(tmp_path) == sorted([".git/HEAD", *EXPECTED_FILES])


@pytest.mark.parametrize("existing", ["notes.txt", ".env", "content/articles/mine.md"])
def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    refused = invoke("init", tmp_path)
    assert refused.exit_code == 1
    top = existing.split("/")[0]
    assert refused.stderr == (f"Error: {tmp_path} is not empty (it holds '{top}'), so nothing was written. "
                              "Start the site in a new or empty folder, e.g. `medpress init clinic`.\n")
    assert tree(tmp_path) == [existing]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "clinic").write_text("", encoding="utf-8")
    refused = invoke("init", tmp_path / "clinic")
    assert refused.exit_code == 1
    assert "exists and is not a folder, so nothing was written" in refused.stderr


def failing_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the writer fail with a full disk after it has written three files."""
    real = newsite._write_files

    def write_some(root: Path, files: dict[str, bytes]) -> None:
        real(root, dict(list(files.items())[:3]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(newsite, "_write_files", write_some)


def test_a_failed_init_of_a_new_folder_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    failing_writer(monkeypatch)
    failed = invoke("init", tmp_path / "clinic")
    assert failed.exit_code == 1
    assert failed.stderr == ("Error: could not write the new site: No space left on device; "
                             "nothing was left behind.\n")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_init_of_an_empty_folder_empties_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    failing_writer(monkeypatch)
    assert invoke("init", tmp_path).exit_code == 1
    assert [p.name for p in tmp_path.iterdir()] == [".git"]


def test_the_skeleton_has_no_hidden_file_that_package_data_would_leave_out() -> None:
    stored = [p.relative_to(newsite.SKELETON) for p in newsite.SKELETON.rglob("*")]
    assert stored and not [p for p in stored if any(part.startswith(".") for part in p.parts)]
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"skeleton/**/*"' in pyproject


def test_site_yaml_lists_every_key_set_or_commented(tmp_path: Path) -> None:
    invoke("init", tmp_path)
    text = (tmp_path / "site.yaml").read_text(encoding="utf-8")
    for name, key in SITE.keys.items():
        assert re.search(rf"^(# )?{name}:", text, re.M), name
        if isinstance(key.spec, Mapping):
            for sub in key.spec.keys:
                assert re.search(rf"^  (# )?{sub}:", text, re.M), f"{name}.{sub}"


def test_gitignore_covers_what_build_and_serve_write(tmp_path: Path) -> None:
    site = tmp_path / "clinic"
    invoke("init", site)
    before = {p.name for p in site.iterdir()}
    assert invoke("build", "--site", site, "--no-search").exit_code == 0
    # The drafts preview docs/editors.md suggests: a draft there must not be committed by 'git add -A'.
    assert invoke("build", "--site", site, "--no-search", "--drafts", "--out", site / "preview").exit_code == 0
    patterns = [line.strip("/") for line in (site / ".gitignore").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
    made = {p.name for p in site.iterdir()} - before
    assert made >= {"output", ".output.cache", ".output.spare", ".output.lock"}
    for name in made | {PREVIEW_DIR}:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_the_workflow_checks_builds_and_deploys_with_the_pages_address(tmp_path: Path) -> None:
    invoke("init", tmp_path)
    workflow = yaml.safe_load((tmp_path / ".github/workflows/medpress.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses == ["actions/checkout", "actions/setup-python", "", "actions/configure-pages", "actions/cache",
                    "", "", "actions/upload-pages-artifact"]
    assert steps[1]["with"]["python-version"] == "3.11"
    assert steps[2]["run"] == f'pip install "medpress=={__version__}"'  # the release that wrote the site
    assert steps[4]["with"]["path"] == ".output.cache"
    assert [steps[5]["run"], steps[6]["run"]] == ["medpress check --format github", "medpress build"]
    for step in steps[5:7]:
        assert step["env"] == {"MEDPRESS_BASE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert steps[7]["with"]["path"] == "output"
    deploy = workflow["jobs"]["deploy"]["steps"]
    assert [step["uses"].split("@")[0] for step in deploy] == ["actions/deploy-pages"]


def test_init_through_the_installed_script(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("medpress")
    if not script.is_file():
        pytest.skip(f"no installed medpress script beside {sys.executable}")

    def medpress(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *map(str, args)], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path, check=False)

    started = medpress("init", "clinic")
    assert started.returncode == 0, started.stderr
    assert "  medpress check --site clinic   " in started.stdout
    checked = medpress("check", "--site", "clinic", "--format", "github")
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "0 error(s), 0 warning(s).\n")
    built = medpress("build", "--site", "clinic")  # with search: pagefind-bin is a dependency
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "clinic/output/pagefind").is_dir()
    assert medpress("init", "clinic").returncode == 1


class _Installed:
    """A distribution's metadata with only direct_url.json, as pip writes it (PEP 610)."""

    def __init__(self, direct_url: str | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize(("direct_url", "requirement", "warned"), [
    (None, f"medpress=={__version__}", False),  # from a package index
    ('{"url": "https://github.com/clinic/medpress", "vcs_info": {"vcs": "git", "commit_id": "0a1b2c"}}',
     "medpress @ git+https://github.com/clinic/medpress@0a1b2c", False),
    ('{"url": "file:///home/ada/medpress", "dir_info": {}}', f"medpress=={__version__}", True),
])
def test_the_workflow_installs_medpress_from_where_ci_can_find_it(  # type: ignore[no-untyped-def]
        tmp_path: Path, monkeypatch, direct_url: str | None, requirement: str, warned: bool) -> None:
    monkeypatch.setattr("importlib.metadata.distribution", lambda name: _Installed(direct_url))
    result = CliRunner().invoke(main, ["init", str(tmp_path / "clinic")], catch_exceptions=False)
    assert result.exit_code == 0
    workflow = yaml.safe_load((tmp_path / "clinic/.github/workflows/medpress.yml").read_text(encoding="utf-8"))
    assert workflow["jobs"]["build"]["steps"][2]["run"] == f'pip install "{requirement}"'
    assert ("not from a package index" in result.stderr) == warned
