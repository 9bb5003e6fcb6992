"""Links as editors write them: to another article's Markdown file, with a 'did you mean' when broken."""

from __future__ import annotations

from pathlib import Path

from conftest import REVIEWER, SITE_YAML, TODAY, TODAY_ARG, article

from medpress.links import Suggestions
from medpress.pipeline import BuildOptions, build

K = "content/articles/klonopin-addiction.md"
W = "content/articles/what-are-benzodiazepines.md"


def run_build(run, site: Path):  # type: ignore[no-untyped-def]
    return run("build", "--site", site, "--no-search", *TODAY_ARG)


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if not line.startswith("Build failed:")]


def test_links_to_markdown_files_become_the_articles_pages(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\nSee [benzodiazepines](what-are-benzodiazepines.md), "
            "[its overview](what-are-benzodiazepines.md#overview) and "
            "[methadone](opioids/methadone.md#overview).\n")
    site = make_site({K: article(body=body), "content/articles/opioids/methadone.md": article(
        "Methadone", category="opioids", body="## Overview\n\nSee [clonazepam](../klonopin-addiction.md).\n")})
    result = run_build(run, site)
    assert result.exit_code == 0, result.output
    html = (site / "output/klonopin-addiction/index.html").read_text(encoding="utf-8")
    assert '<a href="/what-are-benzodiazepines/">benzodiazepines</a>' in html
    assert '<a href="/what-are-benzodiazepines/#overview">its overview</a>' in html
    assert '<a href="/methadone/#overview">methadone</a>' in html
    back = (site / "output/methadone/index.html").read_text(encoding="utf-8")
    assert '<a href="/klonopin-addiction/">clonazepam</a>' in back


def test_a_missing_anchor_in_a_linked_file_is_found_with_a_suggestion(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\nSee [it](what-are-benzodiazepines.md#overviw).\n")})
    result = run_build(run, site)
    assert result.exit_code == 1
    # Said as the editor wrote it: the Markdown file's name, not the page's address.
    assert errors(result) == [f"{K}:13: link: links to 'what-are-benzodiazepines.md#overviw', which has no element "
                              "with id 'overviw' (did you mean 'what-are-benzodiazepines.md#overview'?)"]


def test_a_markdown_file_link_is_found_before_a_line_that_only_mentions_its_address(make_site, run) -> None:  # type: ignore[no-untyped-def]
    body = ("## Overview\n\nIts address is /what-are-benzodiazepines/#overviw (a typo).\n\n"
            "See [it](./what-are-benzodiazepines.md#overviw).\n")
    result = run_build(run, make_site({K: article(body=body)}))
    assert [line.split(", which", 1)[0] for line in errors(result)] == [
        f"{K}:15: link: links to './what-are-benzodiazepines.md#overviw'"]


def test_a_link_to_a_markdown_file_written_percent_encoded_is_found_on_its_line(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\nSee [it](p%C3%A2te.md#nowhere).\n"),
                      "content/articles/pâte.md": article("Pâte", slug="pate")})
    result = run_build(run, site)
    assert [line.split(", which", 1)[0] for line in errors(result)] == [
        f"{K}:13: link: links to 'p%C3%A2te.md#nowhere'"]


def test_a_link_to_a_missing_markdown_file_suggests_the_file_meant(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\nSee [it](what-are-benzodiazepine.md).\n")})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert errors(result) == [f"{K}:13: link: links to 'what-are-benzodiazepine.md', which is not a page or file "
                              "of the site (did you mean 'what-are-benzodiazepines.md'?)"]


def test_a_link_to_a_plain_page_s_file_is_told_the_page_s_address(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # Only articles' files become their pages' addresses; an editor who links to about.md is told what to write.
    page = "---\ntitle: About us\nsummary: Who we are.\n---\n\nWe are a clinic.\n"
    body = "## Overview\n\nSee [us](../pages/about.md#team) and [nous](../pages/about.fr.md).\n"
    site = make_site({"site.yaml": SITE_YAML + "languages: [en, fr]\n", "content/pages/about.md": page,
                      "content/pages/about.fr.md": page, K: article(body=body)})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert [line.split(", which is not a page or file of the site ")[1] for line in errors(result)
            if ": link: " in line] == [
        "(did you mean '/fr/about/'? a page is linked to by its address: only articles' files become theirs)",
        "(did you mean '/about/#team'? a page is linked to by its address: only articles' files become theirs)"]


def test_a_did_you_mean_never_names_the_link_as_it_was_written() -> None:
    # A translation's file is one the site knows, and no link from an English page reaches it.
    suggestions = Suggestions(set(), {}, {W: "what-are-benzodiazepines",
                                          W.replace(".md", ".fr.md"): "what-are-benzodiazepines"})
    link = ("what-are-benzodiazepines.fr.md", "what-are-benzodiazepines.fr.md", "")
    assert suggestions.hint(K, link) == "did you mean 'what-are-benzodiazepines.md'?"


def test_a_did_you_mean_names_no_file_of_another_language_than_the_page_s() -> None:
    # From the English page, or from the Polish translation, x.fr.md is close to x.ar.md: neither page may link there.
    files = {W: "what-are-benzodiazepines", **{W.replace(".md", f".{lang}.md"): "what-are-benzodiazepines"
                                                for lang in ("fr", "pl", "ar")}}
    suggestions = Suggestions(set(), {}, files)
    link = ("what-are-benzodiazepines.fr.md", "what-are-benzodiazepines.fr.md", "")
    for source in (K, W.replace(".md", ".pl.md")):
        assert suggestions.hint(source, link) == "did you mean 'what-are-benzodiazepines.md'?", source
    typo = ("what-are-benzodiazepine.pl.md", "what-are-benzodiazepine.pl.md", "")
    assert suggestions.hint(W.replace(".md", ".pl.md"), typo) == "did you mean 'what-are-benzodiazepines.pl.md'?"


def test_a_missing_anchor_on_the_same_page_suggests_one_of_its_ids(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(body="## Overview\n\nBack to [the top](#overveiw).\n")})
    result = run_build(run, site)
    assert result.exit_code == 1
    assert errors(result) == [f"{K}:13: link: links to '#overveiw', but there is no element with id 'overveiw' on "
                              "this page (did you mean '#overview'?)"]


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".medpress-output"}


def assert_as_cold(site: Path, out: Path) -> None:
    cold = out.parent / "cold"
    build(site, BuildOptions(out=cold, today=TODAY, search=False, jobs=1, use_cache=False))
    assert tree(out) == tree(cold)


def test_renaming_a_linked_article_renders_the_linking_page_again(make_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_YAML, "content/reviewers/dr-ada.yaml": REVIEWER,
                      K: article(body="## Overview\n\nSee [it](what-are-benzodiazepines.md#overview).\n"),
                      W: article("What are benzodiazepines")})
    out = tmp_path / "out"
    options = BuildOptions(out=out, today=TODAY, search=False, jobs=1)
    build(site, options)
    (site / W).write_text(article("What are benzodiazepines", slug="benzodiazepines"), encoding="utf-8")
    build(site, options)
    assert '<a href="/benzodiazepines/#overview">' in (out / "klonopin-addiction/index.html").read_text("utf-8")
    assert_as_cold(site, out)
    (site / W).rename(site / "content/articles/benzos.md")
    (site / K).write_text(article(body="## Overview\n\nSee [it](benzos.md#overview).\n"), encoding="utf-8")
    build(site, options)
    assert '<a href="/benzodiazepines/#overview">' in (out / "klonopin-addiction/index.html").read_text("utf-8")
    assert_as_cold(site, out)
