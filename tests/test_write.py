"""The build's last line says exactly what changed in the output: files written (new or changed) and removed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import TODAY_ARG, article

from medpress.errors import OutputError
from medpress.write import MARKER, OutputWriter

SUMMARY = re.compile(r"Built (\d+) pages \((\d+) rendered, (\d+) files? written, (\d+) removed\) into (.+) "
                     r"with \d+ warnings? in [\d.]+s\.")


def files(out: Path) -> dict[str, str]:
    """Every file of a built site but the marker, with a hash of its bytes."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != MARKER}


def changed(before: dict[str, str], after: dict[str, str]) -> tuple[int, int]:
    """Files new or changed, and files gone, from one output to the next."""
    return sum(1 for rel, digest in after.items() if before.get(rel) != digest), len(before.keys() - after.keys())


def summary(output: str) -> tuple[int, int, int, int]:
    """Pages, rendered, written and removed, from the build's last line (which must be one)."""
    match = SUMMARY.fullmatch(output.splitlines()[-1])
    assert match, output
    pages, rendered, written, removed, _ = match.groups()
    return int(pages), int(rendered), int(written), int(removed)


def delete_an_article(site: Path) -> None:
    """Delete content/articles/klonopin-addiction.md and the one link to it."""
    (site / "content/articles/klonopin-addiction.md").unlink()
    (site / "content/articles/what-are-benzodiazepines.md").write_text(article("What are benzodiazepines"))


def test_a_first_build_counts_every_file_it_wrote_and_nothing_removed(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    pages, rendered, written, removed = summary(result.output)
    assert (rendered, written, removed) == (pages, len(files(site / "output")), 0)


def test_a_build_after_deleting_an_article_says_how_many_files_were_removed(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = files(site / "output")
    delete_an_article(site)
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    after = files(site / "output")
    assert before.keys() - after.keys() == {"klonopin-addiction/index.html"}
    pages, rendered, written, removed = summary(result.output)
    assert (written, removed) == changed(before, after)
    assert removed == 1 and 0 < written < len(after)
    assert result.output.splitlines()[-1].startswith(f"Built {pages} pages ({rendered} rendered, {written} files "
                                                     "written, 1 removed) into ")


def test_a_cold_build_over_an_old_output_counts_against_what_is_there(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = files(site / "output")
    delete_an_article(site)
    result = run("build", "--site", site, "--no-search", "--no-cache", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    _, _, written, removed = summary(result.output)
    assert (written, removed) == changed(before, files(site / "output"))
    assert removed == 1


def test_leaving_search_out_counts_the_index_removed(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, *TODAY_ARG).exit_code == 0
    index = [rel for rel in files(site / "output") if rel.startswith("pagefind/")]
    assert index
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    _, _, written, removed = summary(result.output)
    # Every page is rendered again (the search option is part of each page's key), and only the search page,
    # which now loads no index, differs.
    assert (written, removed) == (1, len(index))
    assert not (site / "output/pagefind").exists()


def test_a_body_edit_and_its_undo_each_write_the_one_page(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    path = site / "content/articles/klonopin-addiction.md"
    original = path.read_text(encoding="utf-8")
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    for text in (original + "\nOne more sentence.\n", original):
        # The undo finds the page's old bytes in the spare copy: nothing to write there, but the output changes.
        path.write_text(text, encoding="utf-8")
        result = run("build", "--site", site, "--no-search", *TODAY_ARG)
        assert result.exit_code == 0, result.output
        assert summary(result.output)[1:] == (1, 1, 0)
        assert "1 rendered, 1 file written, 0 removed" in result.output


def test_a_name_the_file_system_refuses_is_named_with_its_path_not_blamed_on_the_disk(tmp_path: Path) -> None:
    out = tmp_path / "output"
    folder = "a" * 300  # the checks refuse such a name first: this is the writer's last defence
    with pytest.raises(OutputError) as refused, OutputWriter(out) as writer:
        writer.put(f"{folder}/index.html", b"<!doctype html>")
    assert str(refused.value) == (f"{out / folder}: a name in this path is longer than the file system allows "
                                  "(255 bytes) (shorten the slug, alias, tag or file name under assets/ that it is "
                                  "made from)")
