"""Safe YAML parsing that remembers the line of every key.

PyYAML's safe loader never runs tags such as ``!!python/object``; on top of it
this module refuses anchors and aliases (the "billion laughs" shape), duplicate
keys, oversized or deeply nested documents and control characters, and it keeps
dates as text so that a bad date is reported by the validator with its line
instead of crashing the constructor.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Self

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor

from .errors import SiteError

try:  # the C loader is about ten times faster; fall back where it is missing
    from yaml import CSafeLoader as _BaseLoader

    C_LOADER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    C_LOADER = False

KeyPath = tuple[str | int, ...]
MAX_NODES = 50_000
MAX_DEPTH = 20  # site.yaml needs 5 levels (categories.x.timeline[0].when); 20 is generous
TOO_DEEP = f"YAML is nested more than {MAX_DEPTH} levels deep"
TOO_DEEP_HINT = "write plain 'key: value' lines; nesting this deep is never needed"
# Characters no page, feed or terminal can carry: C0/C1 controls (but tab and newlines),
# lone surrogates and the non-characters U+FFFE/U+FFFF. YAML's "\0"-style escapes make them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
# Text the C composer may compose (twice as fast; frontmatter always qualifies): short
# enough to hold fewer than MAX_NODES values and to nest at most 10,000 levels (each
# level takes an indicator and a space, as in "- - x"), with few flow brackets (the C
# parser is slow on deep ones) and no anchors or aliases (the Python composer refuses
# an alias where it is written).
C_COMPOSER_MAX_CHARS = 20_000
C_COMPOSER_MAX_BRACKETS = 100


class _Refused(Exception):
    """A limit hit while composing, at a 0-based line of the YAML text."""

    def __init__(self, message: str, line: int, hint: str) -> None:
        super().__init__(message)
        self.line = line
        self.hint = hint


class _AsWritten:
    """A number YAML read, keeping its text as the file writes it (0x1A, 1_000, 1:30 and 1.50 are 26, 1000, 90
    and 1.5 to YAML)."""

    written: str

    def __new__(cls, value: float, written: str = "") -> Self:
        number = super().__new__(cls, value)  # type: ignore[call-arg]  # int's or float's, after this class
        number.written = written
        return number


class IntAsWritten(_AsWritten, int):
    """A whole number, as written."""


class FloatAsWritten(_AsWritten, float):
    """A number with a point, as written."""


def as_written(value: Any) -> str:
    """A value as text: a number as the file writes it (a title '1.50' stays 1.50), anything else by str()."""
    return value.written if isinstance(value, _AsWritten) and value.written else str(value)


class _StrictLoader(_BaseLoader, Composer):
    """Safe loader: YAML 1.2 booleans only, timestamps left as strings, numbers with their text, bounded nesting.

    Nodes are composed by PyYAML's Python composer, not the C one, unless the text is
    small and plain (_c_may_compose): the C composer recurses in C and kills the
    interpreter (SIGSEGV) on a document nested ~100,000 levels deep, and even its
    parser takes minutes on one. Counting depth here stops such a document after
    MAX_DEPTH levels; the C parser still does the scanning.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        Composer.__init__(self)
        self._depth = 0
        self._nodes = 0

    get_single_node = Composer.get_single_node
    compose_document = Composer.compose_document
    compose_scalar_node = Composer.compose_scalar_node
    compose_sequence_node = Composer.compose_sequence_node
    compose_mapping_node = Composer.compose_mapping_node

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        line = event.start_mark.line if event is not None and event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):  # refused here, where the alias is, before it is expanded
            raise _Refused("YAML anchors and aliases (&name / *name) are not allowed", line,
                           "write the value out in full")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(f"YAML document has more than {MAX_NODES} values", line,
                           "split the file; no site needs this many values")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(TOO_DEEP, line, TOO_DEEP_HINT)
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))


def _int_as_written(loader: _StrictLoader, node: yaml.ScalarNode) -> IntAsWritten:
    return IntAsWritten(SafeConstructor.construct_yaml_int(loader, node), node.value)


def _float_as_written(loader: _StrictLoader, node: yaml.ScalarNode) -> FloatAsWritten:
    return FloatAsWritten(SafeConstructor.construct_yaml_float(loader, node), node.value)


# YAML 1.1 reads 0x1A, 1.50 and 1:30 as numbers: a key that wants text takes them as written (as_written).
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _int_as_written)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _float_as_written)


@dataclass(frozen=True, slots=True)
class Span:
    """Where a text, number or other single value is written: from a column of its first line to one of its last
    (lines of the file from 1, columns from 0), and how (style: '' plain, ' or " quoted, | or > a block, which
    starts at its | or >)."""

    line: int
    column: int
    end_line: int
    end_column: int
    style: str


def parse_yaml(text: str, path: str, first_line: int = 1, spans: dict[KeyPath, Span] | None = None,
               spanned: Collection[str] = ()) -> tuple[Any, dict[KeyPath, int]]:
    """Parse one YAML document; return its data and the 1-based line of each key path.

    Given spans, it is filled with where each single value under the top-level keys spanned is written, by its
    key path.
    """
    separator = LINE_SEPARATORS.search(text)
    if separator is not None:  # YAML breaks lines there, so every line below would be one off from the file's
        index = text.count("\n", 0, separator.start())
        raise SiteError(f"invalid YAML: an invisible line separator (U+{ord(separator.group()):04X}) is not allowed",
                        path, first_line + index, _key_at(text.split("\n"), index),
                        "remove it: it came with text pasted from a word processor or a web page")
    try:
        loader = _StrictLoader(text)
    except ValueError as exc:  # text the YAML reader cannot encode, e.g. a lone surrogate
        raise SiteError(f"invalid YAML text: {exc}", path, first_line) from None
    try:
        node = _compose(loader, text)
        lines: dict[KeyPath, int] = {}
        if node is not None:
            _index_lines(node, (), lines, first_line, path, set())
            if spans is not None:
                _index_spans_of(node, spanned, spans, first_line)
        data = _construct(loader, node, path, first_line) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, text, path, first_line) from None
    except yaml.reader.ReaderError as exc:  # a control character: its place is an offset, not a mark
        index = text.count("\n", 0, exc.position)
        raise SiteError(f"invalid YAML: the control character U+{exc.character:04X} is not allowed", path,
                        first_line + index, _key_at(text.split("\n"), index),
                        "remove it: it came with text pasted from a terminal or another program") from None
    except yaml.YAMLError as exc:
        raise SiteError(f"invalid YAML: {exc}", path, first_line) from None
    except _Refused as exc:
        raise SiteError(str(exc), path, first_line + exc.line, hint=exc.hint) from None
    except (ValueError, TypeError, RecursionError) as exc:
        raise SiteError(f"invalid YAML value: {exc}", path, first_line) from None
    finally:
        loader.dispose()
    return data, lines


def _marked_error(exc: yaml.MarkedYAMLError, text: str, path: str, first_line: int) -> SiteError:
    """The error for YAML that does not parse, at the line it goes wrong on (or where a quote or bracket opens)."""
    source_lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    problem = " ".join(part for part in (exc.context, exc.problem) if part)
    if "maximum nesting depth" in problem:  # PyYAML 6.0.4's scanner refuses it before we can
        return SiteError(TOO_DEEP, path, first_line + mark.line if mark else None, hint=TOO_DEEP_HINT)
    unclosed = _unclosed(exc, source_lines)
    gave_up = exc.problem_mark.line if exc.problem_mark else -1
    # Scanned again only where a quote may have run on: never a document refused for its nesting.
    runaway = (_runaway_quote(text, gave_up) if not unclosed and gave_up > 0 and ('"' in text or "'" in text)
               else None)
    if runaway is not None:
        return SiteError(f"invalid YAML: the quoted value that starts on this line is not closed on it, so it "
                         f"runs on to line {first_line + gave_up}, where the next quote closes it",
                         path, first_line + runaway, _key_at(source_lines, runaway), UNCLOSED_HINTS["quoted scalar"])
    if unclosed:
        mark = exc.context_mark  # the line it opens on, not where YAML gave up
    line = first_line + mark.line if mark else None
    source_line = source_lines[mark.line] if mark and mark.line < len(source_lines) else ""
    above = "".join([row for row in source_lines[: mark.line if mark else 0] if row.strip()][-1:])
    hint = UNCLOSED_HINTS.get(unclosed) or _yaml_hint(problem, source_line, above)
    # A top-level key indented by mistake is named by itself, not by the key above it
    own = TOP_KEY.match(source_line.lstrip(" ")) if hint == OVER_INDENTED and not above.startswith(" ") else None
    key = next(group for group in own.groups() if group) if own else _key_at(source_lines, mark.line if mark else -1)
    return SiteError(f"invalid YAML: {problem}", path, line, key, hint)


def _c_may_compose(text: str) -> bool:
    return (C_LOADER and len(text) <= C_COMPOSER_MAX_CHARS
            and "*" not in text and "&" not in text
            and text.count("[") + text.count("{") <= C_COMPOSER_MAX_BRACKETS)


def _compose(loader: _StrictLoader, text: str) -> yaml.Node | None:
    """The document's node tree, refused as the Python composer refuses it when too deep."""
    if not _c_may_compose(text):
        return loader.get_single_node()
    node = _BaseLoader.get_single_node(loader)
    deep = _too_deep(node, 1) if node is not None else None
    if deep is not None:
        raise _Refused(TOO_DEEP, deep.start_mark.line, TOO_DEEP_HINT)
    return node


def _too_deep(node: yaml.Node, depth: int) -> yaml.Node | None:
    """The first node (in document order, keys before values) deeper than MAX_DEPTH."""
    if depth > MAX_DEPTH:
        return node
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    else:
        return None
    for child in children:
        found = _too_deep(child, depth + 1)
        if found is not None:
            return found
    return None


def _construct(loader: _StrictLoader, node: yaml.Node, path: str, first_line: int) -> Any:
    """Build the Python values. PyYAML's constructors raise more than YAMLError on a bad
    explicit tag (AttributeError for '!!timestamp x', binascii.Error for '!!binary x'), so
    everything but its own errors is turned into ours here, where the library is entered."""
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, SiteError):
        raise
    except Exception as exc:  # any failure inside the library is bad input
        raise SiteError(f"invalid YAML value: {exc or type(exc).__name__}", path, first_line,
                        hint="remove the !!tag and write a plain value") from None


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
    if isinstance(node, yaml.ScalarNode):
        _check_text(node, first_line, path)
    if isinstance(node, yaml.MappingNode):
        _index_mapping(node, at, lines, first_line, path, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*at, index)] = first_line + item.start_mark.line
            _index_lines(item, (*at, index), lines, first_line, path, seen)


def _index_mapping(node: yaml.MappingNode, at: KeyPath, lines: dict[KeyPath, int], first_line: int, path: str,
                   seen: set[int]) -> None:
    """Record the line of each key of a mapping; refuse merge keys and duplicates."""
    keys_here: set[object] = set()
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
        line = first_line + key_node.start_mark.line
        if isinstance(key_node, yaml.ScalarNode):
            _check_text(key_node, first_line, path)
        if key == "<<":
            raise SiteError("YAML merge keys (<<) are not allowed", path, line)
        if key in keys_here:
            raise SiteError(
                f"duplicate key '{key}'", path, line, key=dotted((*at, key)),
                hint="each key may appear once; delete one of them",
            )
        keys_here.add(key)
        lines[(*at, key)] = line
        _index_lines(value_node, (*at, key), lines, first_line, path, seen)


def _index_spans_of(node: yaml.Node, spanned: Collection[str], spans: dict[KeyPath, Span], first_line: int) -> None:
    """Record where each single value under the top-level keys spanned is written (the others are not read)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value in spanned:
                _index_spans(value_node, (key_node.value,), spans, first_line)


def _index_spans(node: yaml.Node, at: KeyPath, spans: dict[KeyPath, Span], first_line: int) -> None:
    """Record where each single value is written, in a block or flow mapping or list alike."""
    if isinstance(node, yaml.ScalarNode):
        start, end = node.start_mark, node.end_mark
        spans[at] = Span(first_line + start.line, start.column, first_line + end.line, end.column, node.style or "")
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            _index_spans(value_node, (*at, key), spans, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_spans(item, (*at, index), spans, first_line)


def _check_text(node: yaml.ScalarNode, first_line: int, path: str) -> None:
    """Refuse a control character (written as a "\\0"-style escape) in any key or value."""
    found = _CONTROL.search(node.value)
    if found:
        raise SiteError(f"contains the control character U+{ord(found.group()):04X}", path,
                        first_line + node.start_mark.line,
                        hint="remove it: it cannot appear in a web page or feed")


def dotted(at: KeyPath) -> str:
    """Write a key path the way an editor reads it: faq[2].a"""
    text = ""
    for part in at:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


UNCLOSED_HINTS = {
    "quoted scalar": "close the quotes",
    "flow sequence": "close the list with ']', or put the value in quotes if it is text that starts with '['",
    "flow mapping": "close the mapping with '}', or put the value in quotes if it is text that starts with '{'",
}
LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")  # line breaks to YAML, not to an editor's eye
TOP_KEY = re.compile(r"""(?:"([^"]+)"|'([^']+)'|([^\s:#'"\[{-][^:]*?))\s*:(?:\s|$)""")  # at a line's start


def _unclosed(exc: yaml.MarkedYAMLError, source_lines: list[str]) -> str:
    """What a YAML error says was opened and never closed (a quote, a list in [...], a mapping in {...}); ''
    for another error. A list is unclosed when YAML gave up at the next top-level key or at the end: an error
    inside it ("[a, "b" c]") is where YAML says."""
    opened = next((kind for kind in UNCLOSED_HINTS if kind in (exc.context or "")), "")
    if not opened or exc.context_mark is None:
        return ""
    if opened == "quoted scalar" or exc.problem_mark is None:
        return opened
    at = exc.problem_mark.line
    gave_up_later = at > exc.context_mark.line and (at >= len(source_lines) or TOP_KEY.match(source_lines[at]))
    return opened if gave_up_later else ""


KEY_LINE = re.compile(r"""\s*(?:-\s+)?(?:[A-Za-z_][\w-]*|"[^"]+"|'[^']+')\s*:(?:\s|$)""")  # key: or - key:


def _runaway_quote(text: str, gave_up: int) -> int | None:
    """The line (from 0) of a quoted value that ran over several lines, swallowing what reads as keys, and closed
    on the line where YAML gave up: a quote left open, closed by the next one (title: "Xanax, then summary: ...
    and url: "https://..."); None if there is none. A value meant to wrap holds no key lines."""
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass  # the tokens before the error are the ones that count
    if last is None or last.end_mark.line != gave_up:
        return None
    swallowed = text.split("\n")[last.start_mark.line + 1:gave_up + 1]
    return last.start_mark.line if any(KEY_LINE.match(line) for line in swallowed) else None


def _key_at(source_lines: list[str], index: int) -> str:
    """The top-level key whose value holds line index (from 0), as written; '' when there is none."""
    rows = source_lines[:index + 1] if 0 <= index < len(source_lines) else []
    above = next((row for row in reversed(rows[:-1]) if row.strip()), "")
    if rows and rows[-1].startswith("\t") and not above.startswith((" ", "\t")) and not above.rstrip().endswith(":"):
        rows[-1] = rows[-1].lstrip("\t")  # a top-level key indented with a tab by mistake is still its key
    for row in reversed(rows):
        found = TOP_KEY.match(row)
        if found:
            return next(group for group in found.groups() if group)
    return ""


OVER_INDENTED = "this line is indented more than the line above it: line the keys up"
CURLY_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u201a"  # a word processor's quotes, which YAML keeps as text
FLOW_OPENING = re.compile(r"\s*(?:- +)?[^\s:#'\"\[{][^:]*:\s+([\[{])")  # a key whose value starts with [ or {


def _yaml_hint(problem: str, source_line: str, line_above: str = "") -> str:
    if "\t" in source_line:
        return "indent with spaces, not tabs"
    if "could not determine a constructor" in problem:
        return "YAML tags such as !!python/... are not allowed; write plain values"
    if ("mapping values are not allowed" in problem and _indent(source_line) > _indent(line_above)
            and not line_above.rstrip().endswith(":")):  # not the first line of the value of the key above
        return OVER_INDENTED
    if "mapping values are not allowed" in problem and source_line.partition(":")[2].strip().startswith(
            tuple(CURLY_QUOTES)):
        return ("the value is in curly quotes, which YAML keeps as text: write the quotes straight, \" or ', "
                "e.g. title: \"Naloxone: a guide\"")
    if "mapping values are not allowed" in problem:
        return "put quotes around a value that contains ': '"
    if "found unexpected end of stream" in problem:
        return "close the quotes"
    opening = FLOW_OPENING.match(source_line)
    if opening and "did not find expected key" in problem:  # title: [Draft] Xanax: a list, then more text
        return (f"put the value in quotes: text that starts with '{opening.group(1)}' is read as a "
                f"{'list' if opening.group(1) == '[' else 'mapping'}")
    return "check the indentation and quoting on this line"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))
