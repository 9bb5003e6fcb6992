"""Safe YAML parsing that remembers the line of every key.

PyYAML's safe loader never runs tags such as ``!!python/object``; on top of it
this module refuses anchors and aliases (the "billion laughs" shape), duplicate
keys and oversized documents, and it keeps dates as text so that a bad date is
reported by the validator with its line instead of crashing the constructor.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import SiteError

try:  # the C loader is about ten times faster; fall back where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

KeyPath = tuple[str | int, ...]
MAX_NODES = 50_000

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader: YAML 1.2 booleans only, timestamps left as strings."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, dict[KeyPath, int]]:
    """Parse one YAML document; return its data and the 1-based line of each key path."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[KeyPath, int] = {}
        if node is not None:
            _index_lines(node, (), lines, first_line, path, set())
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else None
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        source_lines = text.splitlines()
        source_line = source_lines[mark.line] if mark and mark.line < len(source_lines) else ""
        raise SiteError(
            f"invalid YAML: {problem}", path, line, hint=_yaml_hint(problem, source_line)
        ) from None
    except yaml.YAMLError as exc:
        raise SiteError(f"invalid YAML: {exc}", path, first_line) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise SiteError(f"invalid YAML value: {exc}", path, first_line) from None
    finally:
        loader.dispose()
    return data, lines


def _index_lines(
    node: yaml.Node,
    at: KeyPath,
    lines: dict[KeyPath, int],
    first_line: int,
    path: str,
    seen: set[int],
) -> None:
    """Record key lines; refuse aliases, duplicate keys and huge documents."""
    if id(node) in seen:
        raise SiteError(
            "YAML anchors and aliases (&name / *name) are not allowed",
            path,
            first_line + node.start_mark.line,
            hint="write the value out in full",
        )
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise SiteError(f"YAML document has more than {MAX_NODES} values", path, first_line)
    if isinstance(node, yaml.MappingNode):
        keys_here: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = first_line + key_node.start_mark.line
            if key == "<<":
                raise SiteError("YAML merge keys (<<) are not allowed", path, line)
            if key in keys_here:
                raise SiteError(
                    f"duplicate key '{key}'", path, line, key=dotted(at + (key,)),
                    hint="each key may appear once; delete one of them",
                )
            keys_here.add(key)
            lines[at + (key,)] = line
            _index_lines(value_node, at + (key,), lines, first_line, path, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[at + (index,)] = first_line + item.start_mark.line
            _index_lines(item, at + (index,), lines, first_line, path, seen)


def dotted(at: KeyPath) -> str:
    """Write a key path the way an editor reads it: faq[2].a"""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _yaml_hint(problem: str, source_line: str) -> str:
    if "\t" in source_line:
        return "indent with spaces, not tabs"
    if "could not determine a constructor" in problem:
        return "YAML tags such as !!python/... are not allowed; write plain values"
    if "mapping values are not allowed" in problem:
        return "put quotes around a value that contains ': '"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return "close the quotes"
    return "check the indentation and quoting on this line"
