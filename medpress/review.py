"""The clinical review policy: who reviewed a page, when, and whether it may go live."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from .errors import Problem, did_you_mean
from .model import Article, Reviewer, ReviewPolicy, ReviewStatus

# Problems of these keys are policy failures: --drafts previews such a page with a
# banner instead of failing, while a normal build refuses to publish it.
POLICY_KEYS = frozenset({"fact_checked", "reviewed", "reviewer", "sources", "updated"})


def days_after(day: date, days: int) -> date:
    """The date days after day, or the last date there is (9999-12-31) when that one would be later."""
    try:
        return day + timedelta(days=days)
    except OverflowError:  # a review dated near year 9999, or --today 9999-12-31
        return date.max


def review_status(article: Article, policy: ReviewPolicy, today: date) -> ReviewStatus | None:
    """Say when the article was reviewed, when it is next due and whether it passes."""
    if article.reviewed is None:
        return None
    next_due = days_after(article.reviewed, policy.max_age_days)
    # A review is good through its due date: only a review older than max_age_days fails.
    passes = (
        article.fact_checked
        and article.reviewed <= today <= next_due
        and len(article.sources) >= policy.min_sources
        and (article.updated is None or article.updated <= article.reviewed)
    )
    due_soon = next_due - today <= timedelta(days=policy.warn_within_days)
    return ReviewStatus(article.reviewed, next_due, bool(passes), due_soon)


def review_statuses(articles: Iterable[Article], policy: ReviewPolicy, today: date) -> dict[str, ReviewStatus]:
    """The review status of each article that has a review date, by slug."""
    return {a.slug: status for a in articles if (status := review_status(a, policy, today))}


def check_review(
    article: Article, reviewers: dict[str, Reviewer], policy: ReviewPolicy, today: date,
    unparsed_reviewers: frozenset[str] = frozenset(),
) -> list[Problem]:
    """List every way the article breaks the review policy."""
    found: list[Problem] = []
    if article.reviewer in unparsed_reviewers:
        found.append(_problem(article, "reviewer",
                              f"the reviewer file of '{article.reviewer}' has errors",
                              "fix that file first: its errors are listed with it"))
    elif article.reviewer and article.reviewer not in reviewers:
        found.append(unknown_reviewer(article.origin.path, article.origin.line("reviewer") or 1, article.reviewer,
                                      reviewers))
    elif not article.reviewer:  # a draft too: its --drafts preview lists every step of the review left to do
        found.append(_required(article, "reviewer", "name a file in content/reviewers/, without .yaml"))
    if not article.fact_checked:
        missing = article.origin.line("fact_checked") is None and not article.draft
        found.append(_required(article, "fact_checked", "") if missing else
                     _problem(article, "fact_checked", "the page has not been fact checked",
                              "set fact_checked: true once an editor has checked every fact"))
    if article.reviewed is None:
        found.append(_required(article, "reviewed", "give the date of the clinical review, YYYY-MM-DD"))
    found.extend(_check_dates(article, policy, today))
    if len(article.sources) < policy.min_sources:
        found.append(_problem(
            article, "sources",
            f"has {len(article.sources)} source(s); the review policy needs at least {policy.min_sources}",
            "add sources: entries with title, publisher, url and year"))
    return found


def _required(article: Article, key: str, hint_if_empty: str) -> Problem:
    """A review key the article leaves out, or empty, said as the frontmatter schema says it."""
    if article.origin.line(key) is None:
        return _problem(article, key, "is required but missing", f"add '{key}:'")
    return _problem(article, key, "is required but empty", hint_if_empty)


def unknown_reviewer(path: str, line: int, reviewer_id: str, reviewers: Mapping[str, Reviewer]) -> Problem:
    """The error for an article naming a reviewer that has no file."""
    hint = (did_you_mean(reviewer_id, reviewers) if reviewers else
            f"add content/reviewers/{reviewer_id}.yaml with the reviewer's name and credentials")
    return Problem(f"no reviewer '{reviewer_id}' in content/reviewers/", path, line, "reviewer", hint)


def _check_dates(article: Article, policy: ReviewPolicy, today: date) -> list[Problem]:
    reviewed = article.reviewed
    if reviewed is None:
        return []
    found = []
    age = (today - reviewed).days
    next_due = days_after(reviewed, policy.max_age_days)
    if reviewed > today:
        found.append(_problem(article, "reviewed", f"{reviewed} is in the future",
                              "use the date the review actually happened"))
    elif age > policy.max_age_days:
        found.append(_problem(
            article, "reviewed",
            f"the review of {reviewed} is {age} days old; the policy allows {policy.max_age_days} "
            f"(it was due {next_due})",
            "have the page clinically reviewed again and update reviewed:"))
    elif (next_due - today).days <= policy.warn_within_days:
        found.append(_problem(article, "reviewed", f"review due {next_due} ({_in_days((next_due - today).days)})",
                              "plan the next clinical review", severity="warning"))
    if article.updated and article.updated > reviewed:
        found.append(_problem(article, "updated",
                              f"the page was changed on {article.updated}, after its review on {reviewed}",
                              "have the change reviewed and update reviewed:"))
    return found


def _in_days(days: int) -> str:
    return "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"


def _problem(article: Article, key: str, message: str, hint: str, severity: str = "error") -> Problem:
    origin = article.origin
    return Problem(message, origin.path, origin.line(key) or 1, key, hint, severity)


def due_for_review(
    articles: tuple[Article, ...], policy: ReviewPolicy, today: date, within_days: int
) -> list[tuple[Article, date]]:
    """Articles reviewed by today whose next review falls due within the window, oldest first."""
    horizon = days_after(today, within_days)
    due = []
    for article in articles:
        if article.reviewed is None or article.reviewed > today:  # no review yet: check reports the date
            continue
        next_due = days_after(article.reviewed, policy.max_age_days)
        if next_due <= horizon:
            due.append((article, next_due))
    return sorted(due, key=lambda pair: (pair[1], pair[0].slug))


def due_table(due: list[tuple[Article, date]], reviewers: dict[str, Reviewer], today: date) -> list[str]:
    """Format due reviews as an aligned table for the editorial team: due date, last review, reviewer, page."""
    rows = [("Due", "Last reviewed", "Reviewer", "Page")]
    for article, next_due in due:
        note = " (overdue)" if next_due < today else " (today)" if next_due == today else ""
        reviewer = reviewers.get(article.reviewer)
        rows.append((f"{next_due}{note}", str(article.reviewed),
                     reviewer.name if reviewer else article.reviewer or "-", article.origin.path))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
