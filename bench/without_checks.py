"""Run medpress with the editorial quality checks stubbed out: what a cold build costs without them.

Issue 22 allows the checks at most 15% of the cold build. medpress has no switch to turn them
off (a build always checks), so bench/run.py builds the same corpus through this runner too:
content.py's two calls into quality.py find nothing and grade nothing, all else is the same (it
leaves as build.py does, through cli.run, without tearing the interpreter down).
Used only by the benchmark.

    python bench/without_checks.py build --site SITE --out OUT --no-cache ...
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from medpress import content, quality
from medpress.cli import run

content.check_body = lambda body, first_line, path, policy: quality.BodyFindings((), None)
content.check_values = lambda values, path, policy: ((), ())

if __name__ == "__main__":
    run()
