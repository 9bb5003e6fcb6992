"""Lay out the benchmark corpus as an Eleventy site with an equivalent minimal layout.

The same page as the Hugo layout (bench/hugo_site.py): title, reviewer lookup
(from a data file), review dates, body, FAQ answers rendered as Markdown,
sources, three related cards looked up by slug, and one listing of every article.
Eleventy itself is installed by `npm ci --prefix bench/eleventy`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hugo_site import copy_corpus

ELEVENTY = Path(__file__).resolve().parent / "eleventy/node_modules/.bin/eleventy"

CONFIG = """\
import markdownIt from "{markdown_it}";

const faq = markdownIt({{ html: true }});

export default function (config) {{
  config.addFilter("md", (text) => faq.render(String(text || "")));
  let bySlug = null;
  config.addFilter("article", (slug, all) => {{
    if (bySlug === null) {{ bySlug = new Map(all.map((item) => [item.fileSlug, item])); }}
    return bySlug.get(slug);
  }});
  config.addFilter("minutes", (content) => Math.max(1, Math.ceil(String(content).split(/\\s+/).length / 220)));
  return {{ dir: {{ input: "src", output: "_site" }}, markdownTemplateEngine: false }};
}}
"""
DATA = """\
export default {
  layout: "article.njk",
  tags: ["article"],
  eleventyComputed: { permalink: (data) => `/${data.page.fileSlug}/` },
};
"""

BASE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }} – Bench Clinic</title>
<meta name="description" content="{{ summary }}"><link rel="canonical" href="https://bench.example{{ page.url }}"></head>
<body><header><p>Care in four cities</p><a href="/">Bench Clinic</a></header>
<main>{% block main %}{{ content | safe }}{% endblock %}</main><footer><p>Not medical advice.</p></footer></body></html>
"""

ARTICLE = """{% extends "base.njk" %}
{% block main %}
{% set person = reviewers[reviewer] %}
<article><h1>{{ title }}</h1><p>{{ summary }}</p>
<p>{{ content | minutes }} min read. Reviewed by <a href="/reviewers/{{ reviewer }}/">{{ person.name }}, {{ person.credentials }}</a> on {{ reviewed }}</p>
{{ content | safe }}
<section><h2>FAQ</h2>{% for item in faq %}<details><summary>{{ item.q }}</summary>{{ item.a | md | safe }}</details>{% endfor %}</section>
<section><h2>Sources</h2><ol>{% for source in sources %}<li><a href="{{ source.url }}">{{ source.title }}</a>. {{ source.publisher }}, {{ source.year }}</li>{% endfor %}</ol></section>
<section><h2>Related</h2>{% for slug in related %}{% set other = slug | article(collections.article) %}{% if other %}<article><h3>{{ other.data.title }}</h3><p>{{ other.data.summary }}</p><a href="{{ other.url }}">Read more</a></article>{% endif %}{% endfor %}</section>
</article>
{% endblock %}
"""

LISTING = """---
layout: base.njk
title: Articles
permalink: /articles/
---
<h1>Articles</h1><ul>{% for item in collections.article %}<li><a href="{{ item.url }}">{{ item.data.title }}</a> {{ item.data.summary }}</li>{% endfor %}</ul>
"""


def make_eleventy_site(corpus: Path, root: Path) -> Path:
    """Copy the corpus's articles and reviewers into an Eleventy site at root."""
    if root.exists():
        shutil.rmtree(root)
    src = root / "src"
    (src / "articles").mkdir(parents=True)
    (src / "_data").mkdir()
    (src / "_includes").mkdir()
    markdown_it = (ELEVENTY.parent.parent / "markdown-it/index.mjs").as_uri()  # Eleventy's own copy
    (root / "eleventy.config.mjs").write_text(CONFIG.format(markdown_it=markdown_it), encoding="utf-8")
    (src / "_includes/base.njk").write_text(BASE, encoding="utf-8")
    (src / "_includes/article.njk").write_text(ARTICLE, encoding="utf-8")
    (src / "articles.njk").write_text(LISTING, encoding="utf-8")
    (src / "articles/articles.11tydata.mjs").write_text(DATA, encoding="utf-8")
    (src / "_data/reviewers.json").write_text(json.dumps(copy_corpus(corpus, src / "articles")), encoding="utf-8")
    return root
