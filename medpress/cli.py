"""Command line: init, build, check, serve, new, review-due, schema. Only here do errors become exit codes.

Hints name medpress's commands as `medpress ...`; they are shown as the user ran the
program (`python build.py ...` through build.py, `python -m medpress ...` through the
package), which run() passes to click as the program's name.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from .errors import BuildFailed, Problem, SiteError, only_errors, tally
from .links import NO_ONE_FILE
from .model import MAX_POLICY_DAYS, SiteConfig
from .pipeline import BuildOptions, build, check

# config.py (YAML, the schema) is imported only where needed: a rebuild after a body edit
# never reads site.yaml, and starts sooner without it.
CONFIG_FILE = "site.yaml"
SITE_OPTION = click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           help="Site folder (default: the current folder).")
TODAY_OPTION = click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                            help="Judge review dates as of this day (YYYY-MM-DD); default: today.")


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check --base-url as site.yaml's base_url is checked."""
    if value is None:
        return None
    from .config import check_base_url

    try:
        return check_base_url(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


BASE_URL_OPTION = click.option("--base-url", envvar="MEDPRESS_BASE_URL", show_envvar=True, default=None,
                               callback=_base_url, metavar="URL",
                               help="Public address of the site, replacing base_url in site.yaml.")


def invoked_as(argv0: str) -> str:
    """Return the command as the user typed it: `python build.py` through a .py file, `python -m medpress`
    through the package (where a `medpress` command may not be on the PATH), else `medpress`."""
    name = os.path.basename(argv0)
    if name == "__main__.py":
        return "python -m medpress"
    if name.endswith(".py"):
        return f"python {shlex.quote(argv0)}"
    return "medpress"


def _command() -> str:
    """Return how this run of medpress was invoked, for hints."""
    return click.get_current_context().find_root().info_name or "medpress"


def _as_run(problem: Problem, command: str | None = None) -> Problem:
    """Name the commands in a problem's message and hint as the user runs them (command: how it was run)."""
    if "`medpress " not in problem.message and "`medpress " not in problem.hint:
        return problem
    command = f"`{command or _command()} "
    return replace(problem, message=problem.message.replace("`medpress ", command),
                   hint=problem.hint.replace("`medpress ", command))


def _site(site_dir: Path | None) -> Path:
    """Return the site folder; exit 1 saying so when it has no site.yaml."""
    site = (site_dir or Path.cwd()).resolve()
    if not (site / CONFIG_FILE).is_file():
        from .config import not_a_site

        problem = _as_run(not_a_site(site))
        click.echo(f"Error: {problem.message}; {problem.hint}.", err=True)
        sys.exit(1)
    return site


def _today(value: object) -> date | None:
    return value.date() if value is not None else None  # type: ignore[attr-defined]


def _print_problems(problems: list[Problem]) -> None:
    if problems:  # in one write: a site can have thousands of warnings
        command = _command()
        click.echo("\n".join(str(_as_run(problem, command)) for problem in problems), err=True)


def _fail(exc: BuildFailed | SiteError, outcome: str) -> None:
    """List the problems, then a last line: outcome, the count of errors, and what was left alone."""
    problems = exc.problems if isinstance(exc, BuildFailed) else [exc.problem]
    _print_problems(problems)
    errors = len(only_errors(problems))
    click.echo(outcome.format(errors=f"{errors} error{'s' if errors != 1 else ''}"), err=True)
    sys.exit(1)


@click.group(name="medpress", invoke_without_command=True)
@click.version_option(package_name="medpress")
@click.pass_context
def main(ctx: click.Context) -> None:
    """medpress: clinically reviewed drug-information sites from Markdown."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


@main.command("init")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
def init_command(directory: Path | None) -> None:
    """Start a new site folder (default: this one) that builds and passes check as it is."""
    from .newsite import InitRefused, create_site, installed_from, next_steps

    target = (directory or Path.cwd()).absolute()
    requirement, unreachable = installed_from()
    try:
        written = create_site(target, date.today(), requirement)
    except InitRefused as exc:
        click.echo(f"Error: {exc}. Start the site in a new or empty folder, e.g. `{_command()} init clinic`.",
                   err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Error: could not write the new site: {exc.strerror or exc}; nothing was left behind.",
                   err=True)
        sys.exit(1)
    site_option = "" if directory is None else f" --site {shlex.quote(str(directory))}"
    click.echo(f"Started a medpress site in {target} ({len(written)} files).")
    if unreachable:
        click.echo(f"warning: {unreachable}", err=True)
    for line in next_steps(_command(), site_option):
        click.echo(line)


@main.command("build")
@SITE_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: SITE/output).")
@click.option("--drafts", is_flag=True, default=False, help="Preview drafts and pages failing review, with a banner.")
@click.option("--no-search", is_flag=True, default=False, help="Skip the Pagefind search index.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for rendering (default: one per core).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Build cache folder (default: .<out>.cache beside the output).")
@click.option("--no-cache", is_flag=True, default=False, help="Ignore the build cache: a cold build.")
@BASE_URL_OPTION
@TODAY_OPTION
def build_command(site_dir: Path | None = None, out: Path | None = None, drafts: bool = False,
                  no_search: bool = False, jobs: int | None = None, cache_dir: Path | None = None,
                  no_cache: bool = False, base_url: str | None = None, today: object = None) -> None:
    """Build the site into the output folder."""
    from .progress import ProgressReport

    site = _site(site_dir)
    progress = ProgressReport()  # a bar on a terminal, plain lines in CI logs, nothing for quick builds
    options = BuildOptions(out=out.resolve() if out else None, drafts=drafts, today=_today(today),
                           search=not no_search, jobs=jobs, cache=cache_dir.resolve() if cache_dir else None,
                           use_cache=not no_cache, progress=progress, base_url=base_url)
    try:
        report = build(site, options)
    except (BuildFailed, SiteError) as exc:
        progress.close()
        _fail(exc, "Build failed: {errors}; output left as it was.")
        return
    progress.close()
    warned = report.warnings + ([_preview_published(report.out)] if drafts and out is None else [])
    _print_problems(warned)
    count = sum(1 for problem in warned if problem.severity == "warning")
    warnings = f"{count} warning{'s' if count != 1 else ''}"
    if report.unchanged:
        click.echo(f"Nothing changed: {report.pages} pages in {report.out} are up to date "
                   f"({warnings}, {report.seconds:.2f}s).")
    else:
        click.echo(f"Built {report.pages} pages ({report.tally()}) "
                   f"into {report.out} with {warnings} in {report.seconds:.2f}s.")


def _preview_published(out: Path) -> Problem:
    """The warning for a --drafts preview built into the folder a site publishes by default."""
    return Problem("a --drafts preview, built into the folder the site publishes from: the drafts and the pages "
                   "failing the review are in it, each with a banner", out.name,
                   hint="preview with --out preview/ or serve --drafts, and build without --drafts before publishing",
                   severity="warning")


@main.command("check")
@SITE_OPTION
@click.option("--drafts", is_flag=True, default=False, help="Also check drafts, as a preview build would.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              help="text for people, json for scripts, github for GitHub Actions annotations.")
@click.option("--due", is_flag=True, default=False,
              help="Then list the reviews falling due, as review-due does (text format only).")
@BASE_URL_OPTION
@TODAY_OPTION
def check_command(site_dir: Path | None, drafts: bool, output_format: str, today: object, due: bool = False,
                  base_url: str | None = None) -> None:
    """Validate everything a build would, write nothing, list every problem."""
    if due and output_format != "text":
        raise click.UsageError("--due prints a table; use it with --format text (or run review-due)")
    site = _site(site_dir) if output_format == "text" else (site_dir or Path.cwd()).resolve()
    grades: list[dict[str, object]] = []
    options = BuildOptions(drafts=drafts, today=_today(today), search=False, base_url=base_url)
    problems = [_as_run(p) for p in _check_problems(site, options, grades)]
    errors = only_errors(problems)
    if output_format == "json":
        counts = {severity: sum(1 for p in problems if p.severity == severity) for severity in ("warning", "note")}
        click.echo(json.dumps({"errors": len(errors), "warnings": counts["warning"], "notes": counts["note"],
                               "problems": [p.as_dict() for p in problems], "articles": grades}, indent=2))
    elif output_format == "github":
        for problem in problems:
            # A link a layout or site.yaml makes on many pages is no one file's: it annotates none.
            click.echo(problem.as_github("" if problem.path == NO_ONE_FILE else _from_here(site, problem.path)))
        click.echo(tally(problems), err=True)
    else:
        _print_problems(problems)
        click.echo(tally(problems), err=bool(errors))
        if due:
            click.echo("")
            _print_due(site, None, _today(today) or date.today())
    sys.exit(1 if errors else 0)


def _check_problems(site: Path, options: BuildOptions, grades: list[dict[str, object]]) -> list[Problem]:
    """Run check and return every problem it found, errors and warnings alike; add each article's reading grades."""
    from .progress import ProgressReport
    from .quality import reading_grades

    progress = ProgressReport("Checking pages")
    try:
        return check(site, replace(options, progress=progress),
                     read=lambda content, config: grades.extend(reading_grades(content, config, options.drafts)))
    except BuildFailed as exc:
        return exc.problems
    except SiteError as exc:
        return [exc.problem]
    finally:
        progress.close()


def _from_here(site: Path, path: str) -> str:
    """Return a problem's path from the current folder, as GitHub resolves it from the checkout."""
    if not path:
        return ""
    try:
        return (site / path).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:  # a site outside the current folder: its own path is the best there is
        return path


@main.command("review-due")
@SITE_OPTION
@click.option("--within", "within_days", type=click.IntRange(min=0, max=MAX_POLICY_DAYS), default=None,
              help="Days ahead to look (default: the policy's warn_within_days).")
@TODAY_OPTION
def review_due_command(site_dir: Path | None, within_days: int | None, today: object) -> None:
    """List pages whose clinical review falls due, oldest first."""
    _print_due(_site(site_dir), within_days, _today(today) or date.today())


def _print_due(site_dir: Path, within_days: int | None, day: date) -> None:
    """Print the table of reviews falling due within the window (default: the policy's warning window)."""
    from .config import load_config
    from .content import load_content
    from .review import due_for_review, due_table
    from .translations import behind_sources, behind_table

    try:
        config = load_config(site_dir)
        # Articles with errors are check's business; list the ones that can be read, and name the others.
        content, problems = load_content(config)
    except (BuildFailed, SiteError) as exc:
        _print_problems(exc.problems if isinstance(exc, BuildFailed) else [exc.problem])
        click.echo("Cannot list the reviews due until site.yaml is fixed.", err=True)
        sys.exit(1)
    policy = config.review_policy
    window = policy.warn_within_days if within_days is None else within_days
    due = due_for_review(tuple(a for a in content.articles if not a.draft), policy, day, window)
    if not due:
        click.echo(f"No reviews due within {window} days of {day}.")
    for line in due_table(due, {r.id: r for r in content.reviewers}, day) if due else ():
        click.echo(line)
    behind = behind_sources(content.articles, config.languages, policy.translation_grace_days)
    if behind:
        click.echo("\nTranslations behind their source:")
        for line in behind_table(behind, day):
            click.echo(line)
    articles = (config.content_dir / "articles").relative_to(config.site_dir).as_posix() + "/"  # not plain pages
    # An article with no review date, or one in the future, loads (check judges it): it is named here too.
    undated = {a.origin.path for a in content.articles if not a.draft and (a.reviewed is None or a.reviewed > day)}
    unread = sorted(undated | {p.path for p in problems if p.severity == "error" and p.path.startswith(articles)})
    if unread:
        click.echo(f"\nNot listed: {len(unread)} file(s) with errors, whose review dates are missing, in the "
                   f"future or cannot be read: {', '.join(unread)} (run `{_command()} check` to see why)", err=True)


@main.command("new")
@click.argument("title")
@SITE_OPTION
@click.option("--category", default=None, help="Category id from site.yaml (default: the first one).")
@click.option("--drug", default=None, help="Name of the drug the page is about, e.g. Xanax.")
@click.option("--translation-of", "source", default=None, metavar="NAME",
              help="Start a translation of this article (its file name without .md) instead; needs --lang.")
@click.option("--lang", default=None, help="The translation's language, one of site.yaml's languages.")
def new_command(title: str, site_dir: Path | None, category: str | None, drug: str | None, source: str | None,
                lang: str | None) -> None:
    """Write a new draft article with every frontmatter key stubbed and explained, or a translation's draft."""
    from .config import load_config
    from .scaffold import choose_category, write_article

    site = _site(site_dir)
    try:
        config = load_config(site)
    except (BuildFailed, SiteError) as exc:
        _fail(exc, "site.yaml has {errors}; no article was written.")
        return
    if source is not None or lang is not None:
        _new_translation(config, site_dir, title, (source, lang), category or drug)
        return
    try:
        chosen = choose_category(config, category)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--category'") from None
    try:
        path = write_article(config, title, chosen, drug)
    except SiteError as exc:
        click.echo(f"Not written: {_as_run(exc.problem)}", err=True)
        sys.exit(1)
    rel = path.relative_to(config.site_dir).as_posix()
    site_option = f" --site {shlex.quote(str(site_dir))}" if site_dir else ""
    click.echo(f"Wrote {rel} (a draft in category '{chosen}').")
    _warn_if_too_long(title, rel)
    click.echo(f"Next: write the body, then preview it with `{_command()} serve --drafts{site_option}`.")


def _warn_if_too_long(title: str, rel: str) -> None:
    """Say at once what check will say of a title longer than the frontmatter allows (new made a name of it, so
    its length is all it can be refused for)."""
    from .schema import ARTICLE, Checker

    checker = Checker(rel)
    ARTICLE.keys["title"].spec.check(title, ("title",), checker)
    for problem in checker.problems:
        click.echo(f"warning: {rel}: title: {problem.message} (shorten it on its title: line before the article "
                   "is published)", err=True)


def _new_translation(config: SiteConfig, site_dir: Path | None, title: str, asked: tuple[str | None, str | None],
                     from_source: str | None) -> None:
    """new --translation-of SOURCE --lang LANG: a draft translation beside its source."""
    from .langtags import english_name
    from .scaffold import write_translation

    source, lang = asked
    if source is None:
        raise click.UsageError("--lang starts a translation: name the article it translates with --translation-of "
                               "(its file name without .md)")
    if lang is None:
        raise click.UsageError(f"name the translation's language with --lang (this site's others: "
                               f"{', '.join(config.languages[1:]) or 'none'})")
    if from_source:
        raise click.UsageError("a translation takes its category and drug from its source: leave out --category "
                               "and --drug")
    try:
        path, original = write_translation(config, title, source, lang)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--lang'") from None
    except SiteError as exc:
        click.echo(f"Not written: {_as_run(exc.problem)}", err=True)
        sys.exit(1)
    rel, of = (p.relative_to(config.site_dir).as_posix() for p in (path, original))
    site_option = f" --site {shlex.quote(str(site_dir))}" if site_dir else ""
    click.echo(f"Wrote {rel} (a draft {english_name(path.stem.rsplit('.', 1)[1])} translation of {of}).")
    _warn_if_too_long(title, rel)
    click.echo(f"Next: write its summary, body and sources in the language, then preview it with "
               f"`{_command()} serve --drafts{site_option}`.")


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of article frontmatter, for YAML-aware editors."""
    from .schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command("serve")
@SITE_OPTION
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1; 0 picks a free one.")
@click.option("--drafts", is_flag=True, default=False, help="Preview drafts and pages failing review, with a banner.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Preview folder (default: SITE/.medpress-serve).")
@click.option("--search", is_flag=True, default=False,
              help="Also build the search index on every rebuild (slower; needs pagefind).")
@TODAY_OPTION
def serve_command(site_dir: Path | None, port: int, drafts: bool, out: Path | None, search: bool,
                  today: object) -> None:
    """Preview the site on 127.0.0.1, rebuilding and reloading the browser on every change."""
    import signal

    from .search import why_no_pagefind
    from .serve import ServeOptions, serve

    site = _site(site_dir)
    why = why_no_pagefind(site) if search else None
    if why:
        click.echo(f"warning: {why}; serving without search.", err=True)
        search = False
    signal.signal(signal.SIGTERM, _interrupt)
    options = ServeOptions(port=port, out=out.resolve() if out else None, drafts=drafts, search=search,
                           today=_today(today))
    try:
        serve(site, options, click.echo)
    except SiteError as exc:  # a folder it may not use, or one another server holds
        click.echo(f"Error: {exc.problem}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"Cannot serve on 127.0.0.1:{port}: {exc.strerror or exc} "
                   "(is another server running? try --port 0)", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run() -> None:
    """Run the command line and leave without tearing the interpreter down.

    By the time a command returns it has closed everything it wrote and
    waited for its workers. Python's own exit would then still take the loaded
    modules apart one by one, a noticeable part of a rebuild after a
    one-article edit. mypy leaves the same way.
    """
    try:
        main(prog_name=invoked_as(sys.argv[0]))
        status: object = 0
    except SystemExit as done:
        status = done.code
    if status is not None and not isinstance(status, int):  # sys.exit("message"): printed, as Python does
        print(status, file=sys.stderr)
    code = status if isinstance(status, int) else 0 if status is None else 1
    for stream in (sys.stdout, sys.stderr):  # None when the stream was closed before start
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe or a full disk: Python's own exit gives 120 then
            code = 120
    os._exit(code)
