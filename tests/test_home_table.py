"""Consistency of the home page's "Which technique when" table with the showdown lab.

Not a claim file (no page's ledger lists it): these tests check that the numbers the
home page (docs/index.md) quotes are the ones the showdown (snippets/labs/showdown.py)
prints, and that the built page shows them. The claims the table makes about the
results are in tests/test_index.py.
"""

import re

from conftest import ROOT, run

SHOWDOWN = "labs/showdown.py"


def test_showdown_prints_the_lines_the_home_page_quotes():
    """The showdown prints one "showdown <name>: mean ± std" line per configuration (its
    mean test accuracy), and the name of the best one."""
    v = run(SHOWDOWN).values
    for name in v["CONFIGS"]:
        m, s = v["mean"][name]["test_acc"], v["std"][name]["test_acc"]
        assert f"showdown {name}: {m:.3f} ± {s:.3f}" in v["summary_lines"], name
    assert f"showdown best: {v['best']}" in v["summary_lines"]


def test_home_page_decision_table_quotes_the_built_showdown(built_site):
    """The landing page's numbers are the showdown's output, filled in at build time."""
    showdown = run(SHOWDOWN).values
    html = (built_site / "index.html").read_text(encoding="utf-8")
    source = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    quoted = re.findall(r"\{\{\s*labs/showdown\.py:\s*showdown ([^}]+?)\s*\}\}", source)
    assert len(quoted) >= 8, f"the decision table quotes too few configurations: {quoted}"
    for name in quoted:
        assert name in showdown["CONFIGS"], f"the table quotes an unknown configuration: {name}"
        m, s = showdown["mean"][name]["test_acc"], showdown["std"][name]["test_acc"]
        assert f"{m:.3f} ± {s:.3f}" in html, name
