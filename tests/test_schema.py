"""The exported JSON Schema agrees with the validator: sample articles pass, typos fail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from medpress.scaffold import article_stub
from medpress.schema import ARTICLE, json_schema
from medpress.sources import split_frontmatter
from medpress.yamlfile import parse_yaml

SAMPLE_ARTICLES = sorted((Path(__file__).parent.parent / "content/articles").rglob("*.md"))


def frontmatter(text: str) -> Any:
    """Parse frontmatter as the build does: dates stay strings, so format: date applies."""
    yaml_text, _, _ = split_frontmatter(text, "article.md")
    return parse_yaml(yaml_text, "article.md")[0]


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json_schema()
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def messages(validator: Draft7Validator, data: Any) -> list[str]:
    return sorted(f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data))


def test_schema_command_prints_the_schema(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema")
    assert result.exit_code == 0
    printed = json.loads(result.output)
    assert printed == json_schema()
    # draft-07: the dialect Ajv's default class (remark-lint-frontmatter-schema) accepts
    assert printed["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert printed["additionalProperties"] is False
    assert set(printed["properties"]) == set(ARTICLE.keys)
    assert all(prop.get("description") for prop in printed["properties"].values())


def test_there_are_sample_articles() -> None:
    assert len(SAMPLE_ARTICLES) >= 5


@pytest.mark.parametrize("path", SAMPLE_ARTICLES, ids=lambda p: p.name)
def test_every_sample_article_is_valid(validator: Draft7Validator, path: Path) -> None:
    assert messages(validator, frontmatter(path.read_text(encoding="utf-8"))) == []


def test_an_unknown_key_is_rejected(validator: Draft7Validator) -> None:
    data = frontmatter(SAMPLE_ARTICLES[0].read_text(encoding="utf-8"))
    data["reviwer"] = data.pop("reviewer")
    found = messages(validator, data)
    assert any("'reviwer' was unexpected" in m for m in found), found
    assert any("'reviewer' is a required property" in m for m in found), found


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("reviewed", "31/01/2026", "is not a 'date'"),
    ("fact_checked", "yes", "is not of type 'boolean'"),
    ("slug", "Klonopin Addiction", "does not match"),
    ("summary", "x" * 301, "is too long"),
    ("sources", [{"publisher": "NIDA"}], "'title' is a required property"),
])
def test_wrong_values_are_rejected(validator: Draft7Validator, key: str, value: Any, expected: str) -> None:
    data = frontmatter(SAMPLE_ARTICLES[0].read_text(encoding="utf-8"))
    data[key] = value
    assert any(expected in m for m in messages(validator, data))


def test_an_empty_optional_key_counts_as_absent_but_a_required_one_does_not(validator: Draft7Validator) -> None:
    data = frontmatter(SAMPLE_ARTICLES[0].read_text(encoding="utf-8"))
    assert messages(validator, {**data, "slug": None, "tags": None, "image": None}) == []
    assert messages(validator, {**data, "title": None}) == ["title: None is not of type 'string'"]


def test_a_new_draft_is_valid_once_the_reviewer_fills_in_the_review(validator: Draft7Validator) -> None:
    data = frontmatter(article_stub("Xanax and alcohol", "benzodiazepines", "Xanax"))
    # the two keys left for the reviewer are exactly what an editor's linter flags
    assert [m.split(":")[0] for m in messages(validator, data)] == ["reviewed", "reviewer"]
    data.update(reviewer="dr-ada", reviewed="2026-03-01")
    assert messages(validator, data) == []


EDITORS_GUIDE = Path(__file__).parent.parent / "docs" / "editors.md"


def test_the_editors_guide_documents_every_key_with_a_valid_example(validator: Draft7Validator) -> None:
    text = EDITORS_GUIDE.read_text(encoding="utf-8")
    table = text.split("## Every frontmatter key", 1)[1].split("\n\n", 2)[1]
    rows = {row.split("|")[1].strip(" `"): row.split("|")[3].strip(" `") for row in table.splitlines()[2:]}
    assert list(rows) == list(ARTICLE.keys)
    data = {}
    for example in rows.values():
        data.update(parse_yaml(example, "editors.md")[0])
    assert messages(validator, data) == []
    example = text.split("## Write it", 1)[1].split("```markdown\n", 1)[1].split("\n```\n", 1)[0]
    assert messages(validator, frontmatter(example)) == []
