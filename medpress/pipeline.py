"""The build recipe, shared by build, check and serve."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .config import load_config
from .content import load_content
from .errors import BuildFailed, Problem, raise_if_errors
from .graph import assemble
from .links import check_links
from .markdown import MarkdownRenderer
from .model import Site
from .render import make_env, render_markdown, render_site
from .search import index_site
from .write import Asset, WriteReport, check_out_dir, plan_assets, write_site

BUILTIN_ASSETS = Path(__file__).parent / "assets"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    out: Path | None = None
    drafts: bool = False
    today: date | None = None
    search: bool = True


@dataclass(frozen=True, slots=True)
class Checked:
    """A site that passed every check, rendered and ready to write."""

    site: Site
    files: dict[str, bytes]
    assets: list[Asset]
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Report:
    pages: int
    written: int
    warnings: list[Problem]
    seconds: float
    out: Path


def check(site_dir: Path, options: BuildOptions) -> Checked:
    """Read, check and render the whole site in memory; raise BuildFailed listing every problem."""
    config = load_config(site_dir)
    content, problems = load_content(config)
    site, graph_problems = assemble(config, content, options.today or date.today(), options.drafts)
    problems += graph_problems
    assets, asset_urls = plan_assets([BUILTIN_ASSETS, config.assets_dir])
    bodies, page_bodies, markdown_problems = render_markdown(site, MarkdownRenderer())
    problems += markdown_problems
    raise_if_errors(problems)
    files, sources = render_site(site, make_env(config, asset_urls), bodies, page_bodies)
    problems += check_links(files, {a.target for a in assets}, sources)
    raise_if_errors(problems)
    return Checked(site, files, assets, sorted(problems, key=Problem.sort_key))


def build(site_dir: Path, options: BuildOptions) -> Report:
    """Build every page of the site, then swap it into place."""
    started = time.perf_counter()
    out = options.out or site_dir / "output"
    check_out_dir(out, site_dir)
    checked = check(site_dir, options)
    written: WriteReport = write_site(checked.files, checked.assets, out,
                                      finish=index_site if options.search else None)
    return Report(len(checked.files), written.written, checked.warnings,
                  time.perf_counter() - started, written.out)


__all__ = ["BuildFailed", "BuildOptions", "Report", "build", "check"]
