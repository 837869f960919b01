"""Numbers quoted in prose, taken from a snippet's run: ``{{ snippet.py: ... }}``.

Two forms, both checked against what the page shows under the snippet:

* ``{{ l1/03_compare.py: val CE, L1 }}`` -- the value printed on the output line
  ``val CE, L1: 0.123``.
* ``{{ l1/03_compare.py: val_ce["L1(1e-3)"]:.3f }}`` -- a named result of the snippet (a
  top-level value; dict keys and list indices in brackets), formatted with a Python
  format spec. The formatted text must appear in the printed output as a number of its
  own: prose can quote a table the snippet prints without a duplicate ``label: value``
  line, and still never says a number the reader cannot find in the output.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from guide.cache import Result

VALUE = re.compile(r"^(?P<expr>[A-Za-z_]\w*(?:\[[^\]]+\])*)(?::(?P<fmt>[^\]\[]*))?$")


def _lookup(values: Mapping, expr: str):
    """``name["key"][0]`` in a result's values; keys are Python literals."""
    node = ast.parse(expr, mode="eval").body
    keys = []
    while isinstance(node, ast.Subscript):
        keys.append(ast.literal_eval(node.slice))
        node = node.value
    value = values[node.id]
    for key in reversed(keys):
        value = value[str(key)] if isinstance(value, dict) else value[key]
    return value


def shown(text: str, stdout: str) -> bool:
    """Is ``text`` in ``stdout`` as a number of its own (not part of a longer one)?"""
    return re.search(rf"(?<![\d.\-]){re.escape(text)}(?![\d])", stdout) is not None


def quote(res: Result, spec: str) -> str:
    """The text that replaces ``{{ <res.name>: <spec> }}``. Raises ``KeyError`` with a
    message that names the snippet when there is nothing to quote."""
    m = VALUE.match(spec)
    if m and m["expr"].split("[")[0] in res.values:
        try:
            value = _lookup(res.values, m["expr"])
        except (KeyError, IndexError, TypeError, ValueError, SyntaxError) as exc:
            raise KeyError(f"{res.name} has no value {m['expr']} ({exc!r})") from None
        text = format(value, m["fmt"] or "")
        if not shown(text, res.stdout):
            raise KeyError(
                f"{res.name}: {m['expr']} formatted as {text!r} is not in its printed output;"
                " quote only numbers the reader can find under the code"
            )
        return text
    return res.value(spec)
