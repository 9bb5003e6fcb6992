"""Typed errors that carry where a problem is and how to fix it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

PEOPLE_FOLDERS = ("content/reviewers/", "content/authors/")  # as problems name them: from the site's folder
# What str.splitlines() splits at (and so tools that read output line by line), each as Python writes it: "\n".
LINE_BREAKS_WRITTEN_OUT = {ord(c): c.encode("unicode_escape").decode() for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a warning) in the site's input."""

    message: str
    path: str = ""
    line: int | None = None
    key: str = ""
    hint: str = ""
    severity: str = "error"  # or "warning", or "note": something check lists but that needs no change
    rule: str = ""  # the editorial quality rule that found it (quality.py), if one did

    def __str__(self) -> str:
        place = self.path or "<site>"
        if self.line is not None:
            place += f":{self.line}"
        text = f"{place}: "
        if self.key:
            text += f"{self.key}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        if self.rule:
            text += f" [{self.rule}]"
        if self.severity in ("warning", "note"):
            text = f"{self.severity}: {text}"
        if not text.isprintable():  # a value quoted with its line break: each problem stays one line
            text = text.translate(LINE_BREAKS_WRITTEN_OUT)
        return text

    def sort_key(self) -> tuple[bool, str, int, str, str]:
        # People's files first: an error in a reviewer's file explains the error of each article they review,
        # and GitHub shows only the first ten annotations of a kind.
        return (not self.path.startswith(PEOPLE_FOLDERS), self.path, self.line or 0, self.key, self.message)

    def __reduce__(self) -> tuple[Callable[..., Problem], tuple[str, str, int | None, str, str, str, str]]:
        # Pickled as its fields: a frozen dataclass's default state costs ten times more, and the build
        # state keeps every warning (30,000 on the bench corpus).
        return _problem, (self.message, self.path, self.line, self.key, self.hint, self.severity, self.rule)

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "key": self.key,
            "message": self.message,
            "hint": self.hint,
            "rule": self.rule,
        }

    def as_github(self, path: str | None = None) -> str:
        """Return the GitHub Actions workflow command that annotates this problem.

        path replaces self.path: GitHub wants it relative to the repository, which
        may hold the site in a sub-folder.
        """
        where = self.path if path is None else path
        title = f"{self.key} ({self.rule})" if self.key and self.rule else self.key or self.rule
        properties = [("file", where), ("line", "" if self.line is None else str(self.line)), ("title", title)]
        listed = ",".join(f"{name}={_escape_property(value)}" for name, value in properties if value)
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        command = {"warning": "warning", "note": "notice"}.get(self.severity, "error")
        return f"::{command}{' ' + listed if listed else ''}::{_escape_data(message)}"


def _problem(message: str, path: str, line: int | None, key: str, hint: str, severity: str, rule: str) -> Problem:
    """A problem unpickled, its repeated strings interned: a list of thousands then pickles each string once."""
    intern = sys.intern
    return Problem(message, intern(path), line, intern(key), intern(hint), intern(severity), intern(rule))



def _escape_data(text: str) -> str:
    """Escape a workflow command's message as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value: its message escaping, and ':' and ','."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class SiteError(Exception):
    """A single problem in the input, raised where it is found."""

    def __init__(
        self,
        message: str,
        path: str | Path = "",
        line: int | None = None,
        key: str = "",
        hint: str = "",
    ) -> None:
        self.problem = Problem(message, str(path), line, key, hint)
        super().__init__(str(self.problem))


class ConfigError(SiteError):
    """site.yaml is missing, malformed or invalid."""


class ContentError(SiteError):
    """An article, page or reviewer file cannot be read or parsed."""


class TemplateError(SiteError):
    """A layout cannot be loaded or rendered."""


class OutputError(SiteError):
    """The output folder is unsafe or cannot be written."""


@dataclass
class BuildFailed(Exception):
    """Every problem found in one pass; raised instead of writing anything."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        # One broken layout fails every page built on it: the same problem, reported once.
        self.problems = sorted(dict.fromkeys(self.problems), key=Problem.sort_key)
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        return f"{count} problem{'s' if count != 1 else ''} found"


def only_errors(problems: list[Problem]) -> list[Problem]:
    """Return the problems that must stop a build."""
    return [p for p in problems if p.severity == "error"]


def tally(problems: list[Problem]) -> str:
    """Count problems by severity, as the last line of check says it: '1 error(s), 2 warning(s).'"""
    counts = {severity: sum(1 for p in problems if p.severity == severity) for severity in ("error", "warning", "note")}
    notes = f", {counts['note']} note(s)" if counts["note"] else ""
    return f"{counts['error']} error(s), {counts['warning']} warning(s){notes}."


def raise_if_errors(problems: list[Problem]) -> None:
    """Raise BuildFailed with all problems when any of them is an error."""
    if only_errors(problems):
        raise BuildFailed(list(problems))


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one, if one is close enough to be what was meant."""
    import difflib  # here: only a build with a misspelt key needs it, and importing it would slow every build

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(name: str, known: Iterable[str], otherwise: str | None = None) -> str:
    """Suggest the closest known name; else say otherwise, or list the known names."""
    known = sorted(known)
    close = closest(name, known)
    if close is not None:
        return f"did you mean '{close}'?"
    return otherwise if otherwise is not None else "known: " + ", ".join(known)
