"""The clinical review gate: every policy rule, review-due, the drafts preview and reviewer pages.

Every test judges dates as of the fixed TODAY (2026-06-01) so none of them rots.
"""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from conftest import SITE_YAML, TODAY_ARG, article

K = "content/articles/klonopin-addiction.md"
W = "content/articles/what-are-benzodiazepines.md"
REPO = Path(__file__).resolve().parents[1]


def parse(path: Path):  # type: ignore[no-untyped-def]
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=False)


def texts(tree, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [" ".join("".join(el.itertext()).split()) for el in tree.iterfind(selector)]


def problem_lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    """The problems a command printed (stderr), without its summary line."""
    return [line for line in result.stderr.splitlines()
            if line and not line.endswith(("warning(s).", "as it was."))]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- issue 3, "done when" -------------------------------------------------------------------

FIVE_PROBLEMS = {
    "content/articles/stale-review.md": article("Stale review", reviewed="2025-01-10"),
    "content/articles/unknown-reviewer.md": article("Unknown reviewer", reviewer="dr-nobody"),
    "content/articles/reviewer-typo.md": article("Reviewer typo", reviewer="<drop>", reviwer="dr-ada"),
    "content/articles/unsourced.md": article("Unsourced", sources="<drop>"),
    "content/articles/broken-related.md": article("Broken related", related="[no-such-page]"),
}

FIVE_PROBLEM_LINES = [
    "content/articles/broken-related.md:10: related[0]: no article with slug 'no-such-page' "
    "(known: klonopin-addiction, reviewer-typo, stale-review, unknown-reviewer, unsourced, "
    "what-are-benzodiazepines)",
    "content/articles/reviewer-typo.md:1: reviewer: is required but missing (add 'reviewer:')",
    "content/articles/reviewer-typo.md:9: reviwer: unknown key (did you mean 'reviewer'?)",
    "content/articles/stale-review.md:6: reviewed: the review of 2025-01-10 is 507 days old; the policy allows 365 "
    "(it was due 2026-01-10) (have the page clinically reviewed again and update reviewed:)",
    "content/articles/unknown-reviewer.md:5: reviewer: no reviewer 'dr-nobody' in content/reviewers/ "
    "(known: dr-ada)",
    "content/articles/unsourced.md:1: sources: has 0 source(s); the review policy needs at least 1 "
    "(add sources: entries with title, publisher, url and year)",
]


def test_one_check_run_lists_all_five_problems_with_file_line_and_key(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(FIVE_PROBLEMS)
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == FIVE_PROBLEM_LINES
    assert result.stderr.splitlines()[-1] == "6 error(s), 0 warning(s)."
    assert not (site / "output").exists()


def test_build_with_the_five_problems_fails_and_keeps_the_previous_output(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site()
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    before = snapshot(site / "output")
    make_site(FIVE_PROBLEMS)
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == FIVE_PROBLEM_LINES
    assert result.stderr.splitlines()[-1] == "Build failed: 6 errors; output left as it was."
    assert snapshot(site / "output") == before
    # Beside output/ medpress keeps only its lock, build cache and spare copy: no half-written tree.
    assert {p.name for p in site.iterdir() if p.name.startswith(".output")} <= {
        ".output.lock", ".output.cache", ".output.spare"}


def test_the_sample_site_passes_check(run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--site", REPO, "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    # One warning, on purpose: the French fentanyl page lags its source's latest review, within the grace.
    assert result.stderr.splitlines() == [
        "warning: content/articles/fentanyl.fr.md:13: reviewed: this French translation, reviewed 2026-11-08, is "
        "behind its source content/articles/fentanyl.md, reviewed 2026-11-12; it must be brought up to date by "
        "2027-07-20 (have the translation reviewed against the source and set reviewed: to that date)"]
    assert result.stdout.strip() == "0 error(s), 1 warning(s)."


def test_the_sample_site_builds_until_its_first_reviews_fall_due(run) -> None:  # type: ignore[no-untyped-def]
    # The quick start builds it on the day it is run: the lagging French page must not stop it any sooner.
    assert run("check", "--site", REPO, "--today", "2027-07-20").exit_code == 0
    result = run("check", "--site", REPO, "--today", "2027-07-22")
    assert result.exit_code == 1
    assert "valium-diazepam.md:13: reviewed: the review of 2026-07-21 is 366 days old" in result.stderr


# --- the policy, rule by rule -----------------------------------------------------------------

SITE_WITH_POLICY = SITE_YAML.replace("max_age_days: 365", "max_age_days: 180").replace(
    "warn_within_days: 30", "warn_within_days: 14").replace("min_sources: 1", "min_sources: 2")
TWO_SOURCES = ('\n  - {title: "A source", url: "https://nida.example/x"}'
               '\n  - {title: "Another source", url: "https://nhs.example/y"}')

POLICY_CASES = {
    "review older than max_age_days": (
        {K: article(reviewed="2025-05-31")}, 1,
        [f"{K}:6: reviewed: the review of 2025-05-31 is 366 days old; the policy allows 365 (it was due "
         "2026-05-31) (have the page clinically reviewed again and update reviewed:)"]),
    "review due today is a warning, not yet stale": (
        {K: article(reviewed="2025-06-01")}, 0,
        [f"warning: {K}:6: reviewed: review due 2026-06-01 (today) (plan the next clinical review)"]),
    "review due within warn_within_days": (
        {K: article(reviewed="2025-06-20")}, 0,
        [f"warning: {K}:6: reviewed: review due 2026-06-20 (in 19 days) (plan the next clinical review)"]),
    "review due tomorrow": (
        {K: article(reviewed="2025-06-02")}, 0,
        [f"warning: {K}:6: reviewed: review due 2026-06-02 (in 1 day) (plan the next clinical review)"]),
    "review due just outside the warning window": (
        {K: article(reviewed="2025-07-02")}, 0, []),
    "review in the future": (
        {K: article(reviewed="2026-06-02")}, 1,
        [f"{K}:6: reviewed: 2026-06-02 is in the future (use the date the review actually happened)"]),
    "review dated today": ({K: article(reviewed="2026-06-01")}, 0, []),
    "reviewed is not a real date": (
        {K: article(reviewed="2026-02-30")}, 1,
        [f"{K}:6: reviewed: '2026-02-30' is no day of the calendar: February 2026 has 28 days "
         "(correct the day, written YYYY-MM-DD)"]),
    "reviewed in a month that is none": (
        {K: article(reviewed="2026-13-01")}, 1,
        [f"{K}:6: reviewed: '2026-13-01' is no day of the calendar: there is no month 13 "
         "(correct the day, written YYYY-MM-DD)"]),
    "reviewed in year 0": (
        {K: article(reviewed="0000-01-01")}, 1,
        [f"{K}:6: reviewed: '0000-01-01' is no day of the calendar: there is no year 0 "
         "(correct the day, written YYYY-MM-DD)"]),
    "reviewed on day 0": (
        {K: article(reviewed="2026-11-00")}, 1,
        [f"{K}:6: reviewed: '2026-11-00' is no day of the calendar: a month has no day 0 "
         "(correct the day, written YYYY-MM-DD)"]),
    "reviewed as an empty text": (
        {K: article(reviewed='""')}, 1,
        [f"{K}:6: reviewed: '' is not a date (write it as YYYY-MM-DD, e.g. 2026-03-31)"]),
    "reviewed in curly quotes": (
        {K: article(reviewed="\u201c2026-03-01\u201d")}, 1,
        [f"{K}:6: reviewed: '\u201c2026-03-01\u201d' is not a date: its quotes are curly ones, which YAML keeps as "
         "text (write the date without quotes, or with straight ones: 2026-03-31 or \"2026-03-31\")"]),
    "reviewed missing": (
        {K: article(reviewed="<drop>")}, 1,
        [f"{K}:1: reviewed: is required but missing (add 'reviewed:')"]),
    "reviewed before the last update": (
        {K: article(updated="2026-03-05")}, 1,
        [f"{K}:10: updated: the page was changed on 2026-03-05, after its review on 2026-03-01 "
         "(have the change reviewed and update reviewed:)"]),
    "updated on the review day": ({K: article(updated="2026-03-01")}, 0, []),
    "fact_checked false": (
        {K: article(fact_checked="false")}, 1,
        [f"{K}:7: fact_checked: the page has not been fact checked "
         "(set fact_checked: true once an editor has checked every fact)"]),
    "fact_checked quoted yes": (
        {K: article(fact_checked='"yes"')}, 1,
        [f"{K}:7: fact_checked: must be true or false, not the text 'yes' (write true or false without quotes)"]),
    "fact_checked bare yes (YAML 1.1 boolean) is text": (
        {K: article(fact_checked="yes")}, 1,
        [f"{K}:7: fact_checked: must be true or false, not the text 'yes' (write true or false without quotes)"]),
    "fact_checked missing": (
        {K: article(fact_checked="<drop>")}, 1,
        [f"{K}:1: fact_checked: is required but missing (add 'fact_checked:')"]),
    "no sources": (
        {K: article(sources="<drop>")}, 1,
        [f"{K}:1: sources: has 0 source(s); the review policy needs at least 1 "
         "(add sources: entries with title, publisher, url and year)"]),
    "empty sources list": (
        {K: article(sources="[]")}, 1,
        [f"{K}:8: sources: has 0 source(s); the review policy needs at least 1 "
         "(add sources: entries with title, publisher, url and year)"]),
    "unknown reviewer": (
        {K: article(reviewer="dr-adah")}, 1,
        [f"{K}:5: reviewer: no reviewer 'dr-adah' in content/reviewers/ (did you mean 'dr-ada'?)"]),
    "reviewer missing": (
        {K: article(reviewer="<drop>")}, 1,
        [f"{K}:1: reviewer: is required but missing (add 'reviewer:')"]),
    "reviewer file without name": (
        {"content/reviewers/dr-ada.yaml": "credentials: MD, psychiatrist\n"}, 1,
        ["content/reviewers/dr-ada.yaml:1: name: is required but missing (add 'name:')",
         f"{K}:5: reviewer: the reviewer file of 'dr-ada' has errors "
         "(fix that file first: its errors are listed with it)",
         f"{W}:5: reviewer: the reviewer file of 'dr-ada' has errors "
         "(fix that file first: its errors are listed with it)"]),
    "reviewer file with empty credentials": (
        {"content/reviewers/dr-ada.yaml": "name: Dr Ada Test\ncredentials:\n"}, 1,
        ["content/reviewers/dr-ada.yaml:2: credentials: is required but empty (write its value after 'credentials:')",
         f"{K}:5: reviewer: the reviewer file of 'dr-ada' has errors "
         "(fix that file first: its errors are listed with it)",
         f"{W}:5: reviewer: the reviewer file of 'dr-ada' has errors "
         "(fix that file first: its errors are listed with it)"]),
    "no reviewers at all": (
        {"content/reviewers/dr-ada.yaml": None, K: article(reviewer="dr-zed"),
         W: article("What are benzodiazepines", reviewer="dr-zed")}, 1,
        [f"{K}:5: reviewer: no reviewer 'dr-zed' in content/reviewers/ "
         "(add content/reviewers/dr-zed.yaml with the reviewer's name and credentials)",
         f"{W}:5: reviewer: no reviewer 'dr-zed' in content/reviewers/ "
         "(add content/reviewers/dr-zed.yaml with the reviewer's name and credentials)"]),
    "site policy: max_age_days, warn_within_days and min_sources from site.yaml": (
        {"site.yaml": SITE_WITH_POLICY, K: article(reviewed="2025-11-30", sources=TWO_SOURCES),
         W: article("What are benzodiazepines", reviewed="2025-12-10", sources=TWO_SOURCES),
         "content/articles/one-source.md": article("One source")}, 1,
        [f"{K}:6: reviewed: the review of 2025-11-30 is 183 days old; the policy allows 180 (it was due "
         "2026-05-29) (have the page clinically reviewed again and update reviewed:)",
         "content/articles/one-source.md:8: sources: has 1 source(s); the review policy needs at least 2 "
         "(add sources: entries with title, publisher, url and year)",
         f"warning: {W}:6: reviewed: review due 2026-06-08 (in 7 days) (plan the next clinical review)"]),
}


@pytest.mark.parametrize("files, exit_code, expected", POLICY_CASES.values(), ids=POLICY_CASES.keys())
def test_review_policy_rule(make_site, run, files, exit_code, expected) -> None:  # type: ignore[no-untyped-def]
    site = make_site(files)
    result = run("check", "--site", site, *TODAY_ARG)
    assert problem_lines(result) == expected
    assert result.exit_code == exit_code
    built = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert built.exit_code == exit_code
    assert (site / "output").is_dir() == (exit_code == 0)


def test_the_policy_defaults_when_site_yaml_gives_none(make_site, run) -> None:  # type: ignore[no-untyped-def]
    no_policy = SITE_YAML.replace("review_policy:\n  max_age_days: 365\n  warn_within_days: 30\n  min_sources: 1\n", "")
    assert "review_policy" not in no_policy
    site = make_site({"site.yaml": no_policy, K: article(reviewed="2025-05-31", sources="<drop>"),
                      W: article("What are benzodiazepines", reviewed="2025-07-01")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"{K}:1: sources: has 0 source(s); the review policy needs at least 1 "
        "(add sources: entries with title, publisher, url and year)",
        f"{K}:6: reviewed: the review of 2025-05-31 is 366 days old; the policy allows 365 (it was due "
        "2026-05-31) (have the page clinically reviewed again and update reviewed:)",
        f"warning: {W}:6: reviewed: review due 2026-07-01 (in 30 days) (plan the next clinical review)",
    ]


def test_warnings_only_exit_0_and_build_prints_them(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(reviewed="2025-06-20")})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0
    assert problem_lines(result) == [
        f"warning: {K}:6: reviewed: review due 2026-06-20 (in 19 days) (plan the next clinical review)"]
    assert "with 1 warning in" in result.stdout


def test_every_page_shows_last_reviewed_and_next_review_due_from_the_policy(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"site.yaml": SITE_WITH_POLICY, K: article(reviewed="2026-02-10", sources=TWO_SOURCES),
                      W: article("What are benzodiazepines", sources=TWO_SOURCES)})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    tree = parse(site / "output/klonopin-addiction/index.html")
    assert texts(tree, ".//footer[@class='review-dates']/p") == [
        "Page last reviewed: 10 February 2026 Next review due: 9 August 2026"]
    times = tree.findall(".//footer[@class='review-dates']/p/time")
    assert [t.get("datetime") for t in times] == ["2026-02-10", "2026-08-09"]


# --- review-due and check --due ---------------------------------------------------------------

DUE_FILES = {
    "content/reviewers/dr-bo.yaml": "name: Dr Bo Two\ncredentials: MBChB\n",
    "content/articles/stale.md": article("Stale", reviewed="2025-01-10"),
    "content/articles/soon.md": article("Soon", reviewed="2025-06-20", reviewer="dr-bo"),
    "content/articles/today.md": article("Today", reviewed="2025-06-01", reviewer="dr-bo"),
    "content/articles/later.md": article("Later", reviewed="2025-08-01"),
    "content/articles/draft.md": article("Draft", reviewed="2025-01-01", draft="true"),
}

DUE_TABLE = [
    "Due                   Last reviewed  Reviewer     Page",
    "2026-01-10 (overdue)  2025-01-10     Dr Ada Test  content/articles/stale.md",
    "2026-06-01 (today)    2025-06-01     Dr Bo Two    content/articles/today.md",
    "2026-06-20            2025-06-20     Dr Bo Two    content/articles/soon.md",
]


def test_review_due_lists_reviews_falling_due_oldest_first_with_reviewer(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(DUE_FILES)
    result = run("review-due", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == DUE_TABLE  # the policy's 30-day window; drafts are left out


def test_review_due_names_the_articles_it_cannot_list(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({**DUE_FILES, "content/articles/broken.md": article("Broken", summary="Dose: 2 mg"),
                      "content/articles/undated.md": article("Undated", reviewed="<drop>"),
                      "content/articles/ahead.md": article("Ahead", reviewed="2099-01-01"),
                      "content/pages/about.md": "---\ntitle: About\nsummary: Dose: 2 mg\n---\nUs.\n"})  # no review
    result = run("review-due", "--site", site, *TODAY_ARG)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == DUE_TABLE
    assert result.stderr.splitlines()[-1] == (
        "Not listed: 3 file(s) with errors, whose review dates are missing, in the future or cannot be read: "
        "content/articles/ahead.md, content/articles/broken.md, content/articles/undated.md "
        "(run `medpress check` to see why)")


def test_a_review_dated_in_the_future_is_named_as_unlisted_and_not_listed_as_due(make_site, run) -> None:  # type: ignore[no-untyped-def]
    # A review that has not happened yet gives no due date: within a long window it would look like one.
    site = make_site({**DUE_FILES, "content/articles/ahead.md": article("Ahead", reviewed="2026-06-20")})
    result = run("review-due", "--site", site, "--within", "3650", *TODAY_ARG)
    assert result.exit_code == 0
    assert "ahead.md" not in result.stdout and "content/articles/later.md" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("Not listed: 1 file(s) with errors") and \
        "content/articles/ahead.md" in result.stderr


def test_review_due_within_days(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(DUE_FILES)
    wide = run("review-due", "--site", site, "--within", "61", *TODAY_ARG)
    assert wide.stdout.splitlines() == [
        *DUE_TABLE, "2026-08-01            2025-08-01     Dr Ada Test  content/articles/later.md"]
    narrow = run("review-due", "--site", site, "--within", "0", *TODAY_ARG)
    assert narrow.stdout.splitlines() == DUE_TABLE[:3]


def test_review_due_with_nothing_due(make_site, run) -> None:  # type: ignore[no-untyped-def]
    result = run("review-due", "--site", make_site(), *TODAY_ARG)
    assert result.exit_code == 0
    assert result.stdout == "No reviews due within 30 days of 2026-06-01.\n"


def test_review_due_errors(make_site, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    negative = run("review-due", "--site", make_site(), "--within", "-1", *TODAY_ARG)
    assert negative.exit_code == 2
    assert "Invalid value for '--within': -1 is not in the range 0<=x<=3650." in negative.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = run("review-due", "--site", empty, *TODAY_ARG)
    assert missing.exit_code == 1
    assert missing.stderr.splitlines() == [
        f"Error: no site.yaml in {empty}: this is not a medpress site folder; start one with "
        f"`medpress init {empty}`."]


def test_review_due_within_more_than_ten_years_is_a_usage_error(make_site, run) -> None:  # type: ignore[no-untyped-def]
    result = run("review-due", "--site", make_site(), "--within", "99999999", *TODAY_ARG)
    assert result.exit_code == 2
    assert "Invalid value for '--within': 99999999 is not in the range 0<=x<=3650." in result.stderr


# --- dates at the end of the calendar (9999-12-31) ----------------------------------------------

def test_a_review_dated_in_year_9999_is_in_the_future_in_every_command(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(reviewed="9999-01-01")})
    expected = f"{K}:6: reviewed: 9999-01-01 is in the future (use the date the review actually happened)"
    for command in ("check", "build"):
        result = run(command, "--site", site, *(["--no-search"] if command == "build" else []), *TODAY_ARG)
        assert result.exit_code == 1
        assert expected in problem_lines(result)
    assert not (site / "output").exists()
    due = run("review-due", "--site", site, *TODAY_ARG)
    assert (due.exit_code, due.stdout) == (0, "No reviews due within 30 days of 2026-06-01.\n")


def test_today_on_the_last_day_of_the_calendar_finds_the_reviews_due_without_a_crash(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(reviewed="9999-12-20")})
    due = run("review-due", "--site", site, "--within", "3650", "--today", "9999-12-31")
    assert due.exit_code == 0
    assert due.stdout.splitlines()[1:] == [
        "2027-03-01 (overdue)  2026-03-01     Dr Ada Test  content/articles/what-are-benzodiazepines.md",
        "9999-12-31 (today)    9999-12-20     Dr Ada Test  content/articles/klonopin-addiction.md"]
    result = run("check", "--site", site, "--today", "9999-12-31")
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"warning: {K}:6: reviewed: review due 9999-12-31 (today) (plan the next clinical review)",
        f"{W}:6: reviewed: the review of 2026-03-01 is 2912383 days old; the policy allows 365 (it was due "
        "2027-03-01) (have the page clinically reviewed again and update reviewed:)"]


@pytest.mark.parametrize("key, value, line", [
    ("max_age_days", "99999999", 10), ("warn_within_days", "999999999", 11), ("translation_grace_days", "3651", 13)])
def test_the_policy_days_are_at_most_ten_years(make_site, run, key, value, line) -> None:  # type: ignore[no-untyped-def]
    yaml = SITE_YAML.replace("  min_sources: 1\n", "  min_sources: 1\n  translation_grace_days: 30\n")
    yaml = yaml.replace(f"{key}: " + {"max_age_days": "365", "warn_within_days": "30"}.get(key, "30"),
                        f"{key}: {value}")
    site = make_site({"site.yaml": yaml})
    minimum = 1 if key == "max_age_days" else 0
    for command in ("check", "review-due"):
        result = run(command, "--site", site, *TODAY_ARG)
        assert result.exit_code == 1
        assert (f"site.yaml:{line}: review_policy.{key}: {value} is out of range "
                f"(use a number between {minimum} and 3650)") in result.stderr


def test_check_due_prints_the_table_after_the_check(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(DUE_FILES)
    result = run("check", "--site", site, "--due", *TODAY_ARG)
    assert result.exit_code == 1  # the stale page is still an error
    assert result.stdout.splitlines() == ["", *DUE_TABLE]
    assert "content/articles/stale.md:6: reviewed: the review of 2025-01-10 is 507 days old" in result.stderr
    refused = run("check", "--site", site, "--due", "--format", "json", *TODAY_ARG)
    assert refused.exit_code == 2
    assert "--due prints a table; use it with --format text (or run review-due)" in refused.stderr


# --- build --drafts: the preview --------------------------------------------------------------

DRAFT_FILES = {
    "content/articles/draft-page.md": article("Draft page", draft="true", reviewer="<drop>", reviewed="<drop>",
                                              fact_checked="<drop>", sources="<drop>"),
    "content/articles/ready-draft.md": article("Ready draft", draft="true"),
    "content/articles/stale-page.md": article("Stale page", reviewed="2025-01-10"),
    "content/articles/no-reviewer-yet.md": article("No reviewer yet", reviewer="dr-nobody"),
}
UNPUBLISHED = ["draft-page", "ready-draft", "stale-page", "no-reviewer-yet"]


def test_drafts_preview_renders_unreviewed_pages_with_banner_and_noindex(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(DRAFT_FILES)
    result = run("build", "--site", site, "--drafts", "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    assert problem_lines(result) == [
        "warning: content/articles/draft-page.md:1: fact_checked: the page has not been fact checked (previewed "
        "as not yet clinically reviewed) (set fact_checked: true once an editor has checked every fact)",
        "warning: content/articles/draft-page.md:1: reviewed: is required but missing (previewed as not yet "
        "clinically reviewed) (add 'reviewed:')",
        "warning: content/articles/draft-page.md:1: reviewer: is required but missing (previewed as not yet "
        "clinically reviewed) (add 'reviewer:')",
        "warning: content/articles/draft-page.md:1: sources: has 0 source(s); the review policy needs at least 1 "
        "(previewed as not yet clinically reviewed) (add sources: entries with title, publisher, url and year)",
        "warning: content/articles/no-reviewer-yet.md:5: reviewer: no reviewer 'dr-nobody' in content/reviewers/ "
        "(previewed as not yet clinically reviewed) (known: dr-ada)",
        "warning: content/articles/stale-page.md:6: reviewed: the review of 2025-01-10 is 507 days old; the policy "
        "allows 365 (it was due 2026-01-10) (previewed as not yet clinically reviewed) (have the page clinically "
        "reviewed again and update reviewed:)",
        "warning: output: a --drafts preview, built into the folder the site publishes from: the drafts and the "
        "pages failing the review are in it, each with a banner (preview with --out preview/ or serve --drafts, and "
        "build without --drafts before publishing)",
    ]
    assert " with 7 warnings in " in result.stdout
    preview = run("build", "--site", site, "--drafts", "--no-search", "--out", site / "preview", *TODAY_ARG)
    assert preview.exit_code == 0 and len(problem_lines(preview)) == 6  # a preview of its own: nothing to say
    out = site / "output"
    for slug in UNPUBLISHED:
        tree = parse(out / slug / "index.html")
        banner = tree.findall(".//div[@class='not-reviewed']")
        assert len(banner) == 1, slug
        assert texts(tree, ".//div[@class='not-reviewed']//strong") == ["Not yet clinically reviewed."]
        robots = [m.get("content") for m in tree.iterfind(".//meta[@name='robots']")]
        assert len(robots) == 1 and robots[0].startswith("noindex"), slug
    published = parse(out / "klonopin-addiction/index.html")
    assert published.findall(".//div[@class='not-reviewed']") == []
    assert published.findall(".//meta[@name='robots']") == []
    for feed in ("sitemap.xml", "feed.xml"):
        text = (out / feed).read_text()
        assert "/klonopin-addiction/" in text
        for slug in UNPUBLISHED:
            assert f"/{slug}/" not in text, (feed, slug)
    home = (out / "index.html").read_text()
    assert not any(f'href="/{slug}/"' in home for slug in UNPUBLISHED)


def test_a_normal_build_never_publishes_drafts(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({k: v for k, v in DRAFT_FILES.items() if "draft" in k})
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 0, result.output
    out = site / "output"
    assert not (out / "draft-page").exists() and not (out / "ready-draft").exists()
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", "") and path.name != ".medpress-output":
            text = path.read_text()
            assert "draft-page" not in text and "ready-draft" not in text, path


def test_a_normal_build_fails_on_a_non_draft_page_that_fails_the_policy(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site(DRAFT_FILES)
    result = run("build", "--site", site, "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "content/articles/no-reviewer-yet.md:5: reviewer: no reviewer 'dr-nobody' in content/reviewers/ "
        "(known: dr-ada)",
        "content/articles/stale-page.md:6: reviewed: the review of 2025-01-10 is 507 days old; the policy allows "
        "365 (it was due 2026-01-10) (have the page clinically reviewed again and update reviewed:)",
    ]
    assert not (site / "output").exists()


def test_drafts_preview_still_fails_on_errors_that_are_not_policy(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/draft-page.md": article("Draft page", draft="true", reviwer="dr-ada")})
    result = run("build", "--site", site, "--drafts", "--no-search", *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        "content/articles/draft-page.md:11: reviwer: unknown key (did you mean 'reviewer'?)"]


def test_a_draft_only_needs_title_summary_and_category(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/draft-page.md": "---\ntitle: Draft page\nsummary: Soon.\n"
                                                        "category: opioids\ndraft: true\n---\n## Soon\n\nText.\n"})
    assert run("check", "--site", site, *TODAY_ARG).exit_code == 0
    result = run("check", "--site", site, "--drafts", *TODAY_ARG)
    assert result.exit_code == 0
    assert problem_lines(result) == [
        "warning: content/articles/draft-page.md:1: fact_checked: the page has not been fact checked (previewed "
        "as not yet clinically reviewed) (set fact_checked: true once an editor has checked every fact)",
        "warning: content/articles/draft-page.md:1: reviewed: is required but missing (previewed as not yet "
        "clinically reviewed) (add 'reviewed:')",
        "warning: content/articles/draft-page.md:1: reviewer: is required but missing (previewed as not yet "
        "clinically reviewed) (add 'reviewer:')",
        "warning: content/articles/draft-page.md:1: sources: has 0 source(s); the review policy needs at least 1 "
        "(previewed as not yet clinically reviewed) (add sources: entries with title, publisher, url and year)",
    ]


def test_related_link_to_a_draft_is_an_error_in_a_normal_build(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"content/articles/draft-page.md": article("Draft page", draft="true"),
                      K: article(related="[draft-page]")})
    result = run("check", "--site", site, *TODAY_ARG)
    assert result.exit_code == 1
    assert problem_lines(result) == [
        f"{K}:10: related[0]: 'draft-page' is a draft and will not be published (remove it until it is published)"]
    assert run("check", "--site", site, "--drafts", *TODAY_ARG).exit_code == 0


# --- reviewer pages: the trail ----------------------------------------------------------------

def test_reviewer_page_lists_credentials_bio_and_every_page_reviewed_with_dates(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({
        "content/reviewers/dr-bo.yaml": "name: Dr Bo Two\ncredentials: MBChB\nrole: GP\nbio: Treats opioid use.\n"
                                        "same_as: [https://profiles.example/bo]\n",
        K: article(reviewed="2026-04-15"),
        "content/articles/fentanyl.md": article("Fentanyl", category="opioids", reviewer="dr-bo",
                                                reviewed="2026-02-01"),
        "content/articles/draft-page.md": article("Draft page", draft="true"),
    })
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    tree = parse(site / "output/reviewers/dr-ada/index.html")
    assert texts(tree, ".//h1") == ["Dr Ada Test"]
    assert texts(tree, ".//p[@class='credentials']") == ["MD, psychiatrist"]
    assert "Reviews pages." in texts(tree, ".//main//p")
    rows = tree.findall(".//table[@class='review-trail']/tbody/tr")
    assert [texts(row, "td") for row in rows] == [
        ["Klonopin addiction", "15 April 2026", "15 April 2027"],
        ["What are benzodiazepines", "1 March 2026", "1 March 2027"],
    ]
    assert [row.find("td/a").get("href") for row in rows] == ["/klonopin-addiction/", "/what-are-benzodiazepines/"]
    assert [t.get("datetime") for t in tree.iterfind(".//tbody//time")] == ["2026-04-15", "2026-03-01"]
    bo = parse(site / "output/reviewers/dr-bo/index.html")
    assert texts(bo, ".//p[@class='credentials']") == ["MBChB · GP"]
    assert [texts(row, "td") for row in bo.findall(".//tbody/tr")] == [
        ["Fentanyl", "1 February 2026", "1 February 2027"]]
    assert [a.get("href") for a in bo.iterfind(".//ul[@class='profiles']//a")] == ["https://profiles.example/bo"]


def test_a_related_slug_listed_twice_shows_one_card(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({K: article(related="[what-are-benzodiazepines, what-are-benzodiazepines]")})
    assert run("build", "--site", site, "--no-search", *TODAY_ARG).exit_code == 0
    tree = parse(site / "output/klonopin-addiction/index.html")
    assert texts(tree, ".//section[@class='insights']//h3") == ["What are benzodiazepines"]
