"""JSON text -> values any UTF-8 writer takes, and the reasons JSON fails besides syntax.

``json.loads`` turns an unpaired "\\ud800" escape into a lone surrogate, which an output
file, DuckDB or an HTTP response cannot encode; ``loads`` mends such strings to U+FFFD.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newsfuse.decoding import valid_text

# The escape of a UTF-16 surrogate: only a text that has one can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")

_Container = dict[str, Any] | list[Any]


def loads(text: str | bytes) -> Any:
    """``json.loads(text)`` with every string in the value, keys included, through
    ``valid_text``. Raises what ``json.loads`` raises (see ``json_limit_reason``)."""
    value = json.loads(text)
    raw = text.decode(json.detect_encoding(text), "replace") if isinstance(text, bytes) else text
    if isinstance(value, dict | list) and _SURROGATE_ESCAPE.search(raw):
        _mend(value)
    elif isinstance(value, str):
        value = valid_text(value)
    return value


def json_limit_reason(err: ValueError | RecursionError) -> str:
    """Why ``json.loads`` failed other than on syntax: it raises ValueError for an integer
    of over 4,300 digits and RecursionError for arrays or objects nested deeper than the
    interpreter's stack (found by timing a 1 MB line and by hand)."""
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return "a number with too many digits"


def _mend(value: _Container) -> None:
    """Every string in ``value`` through ``valid_text``, in place, without recursion:
    json.loads already went as deep as the stack allows."""
    pending: list[_Container] = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            items = list(node.items())
            node.clear()
            for key, item in items:
                node[valid_text(key)] = _mended(item, pending)
        else:
            for index, item in enumerate(node):
                node[index] = _mended(item, pending)


def _mended(item: Any, pending: list[_Container]) -> Any:
    """A string through ``valid_text``; a list or object queued to be mended in turn."""
    if isinstance(item, str):
        return valid_text(item)
    if isinstance(item, dict | list):
        pending.append(item)
    return item
