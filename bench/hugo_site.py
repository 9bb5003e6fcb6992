"""Lay out the benchmark corpus as a Hugo site with an equivalent minimal layout.

The layout does what medpress's does per article: title, reviewer lookup (from a
data file), review dates, body, FAQ, sources, three related links and the
category listing, so the two generators do comparable work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CONFIG = """\
baseURL = "https://bench.example/"
title = "Bench Clinic"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ .Params.summary }}"><link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><p>Care in four cities</p><a href="/">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main><footer><p>Not medical advice.</p></footer></body></html>
"""

SINGLE = """{{ define "main" }}
{{ $reviewer := index site.Data.reviewers .Params.reviewer }}
<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
<p>{{ .ReadingTime }} min read. Reviewed by <a href="/reviewers/{{ .Params.reviewer }}/">{{ $reviewer.name }}, {{ $reviewer.credentials }}</a> on {{ .Params.reviewed }}</p>
<nav>{{ .TableOfContents }}</nav>
{{ .Content }}
<section><h2>FAQ</h2>{{ range .Params.faq }}<details><summary>{{ .q }}</summary>{{ .a | markdownify }}</details>{{ end }}</section>
<section><h2>Sources</h2><ol>{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a>. {{ .publisher }}, {{ .year }}</li>{{ end }}</ol></section>
<section><h2>Related</h2>{{ range .Params.related }}{{ with site.GetPage (printf "/articles/%s" .) }}<article><h3>{{ .Title }}</h3><p>{{ .Params.summary }}</p><a href="{{ .RelPermalink }}">Read more</a></article>{{ end }}{{ end }}</section>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
"""


def make_hugo_site(corpus: Path, root: Path) -> Path:
    """Copy the corpus's articles and reviewers into a Hugo site at root."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content/articles").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "layouts/_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (root / "layouts/_default/baseof.html").write_text(BASEOF, encoding="utf-8")
    (root / "layouts/_default/single.html").write_text(SINGLE, encoding="utf-8")
    (root / "layouts/_default/list.html").write_text(LIST, encoding="utf-8")
    (root / "data/reviewers.yaml").write_text(yaml.safe_dump(copy_corpus(corpus, root / "content/articles")),
                                             encoding="utf-8")
    return root


def copy_corpus(corpus: Path, articles: Path) -> dict[str, object]:
    """Copy the corpus's article files into articles; return its reviewers by id, for a data file."""
    for path in sorted((corpus / "content/articles").glob("*.md")):
        shutil.copyfile(path, articles / path.name)
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((corpus / "content/reviewers").glob("*.yaml"))}
