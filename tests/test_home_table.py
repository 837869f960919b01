"""Consistency of the home page's "Which technique when" table with the showdown lab.

Not a claim file (no page's ledger lists it): these tests check that the numbers the
home page (docs/index.md) quotes are ones the showdown (snippets/labs/showdown.py)
prints, and that the built page shows them. The claims the page makes about those
results are in tests/test_index.py.
"""

import re

from conftest import ROOT, run

from guide import pulls

SHOWDOWN = "labs/showdown.py"
QUOTE = re.compile(r"\{\{\s*labs/showdown\.py:\s*([^}]+?)\s*\}\}")


def quoted_specs() -> list[str]:
    return QUOTE.findall((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))


def test_home_page_quotes_configurations_the_showdown_prints():
    """Every showdown number on the home page is a configuration's mean test accuracy,
    and the showdown prints it (pulls.quote raises KeyError otherwise)."""
    res = run(SHOWDOWN)
    specs = quoted_specs()
    assert len(specs) >= 5, f"the decision table quotes too few configurations: {specs}"
    for spec in specs:
        m = re.fullmatch(r'mean\["([^"]+)"\]\["test_acc"\]:\.3f', spec)
        assert m, f"the table quotes something other than a mean test accuracy: {spec}"
        assert m[1] in res.values["CONFIGS"], f"unknown configuration: {m[1]}"
        assert pulls.quote(res, spec) == f"{res.values['mean'][m[1]]['test_acc']:.3f}"


def test_home_page_decision_table_quotes_the_built_showdown(built_site):
    """The landing page's numbers are the showdown's output, filled in at build time."""
    res = run(SHOWDOWN)
    html = (built_site / "index.html").read_text(encoding="utf-8")
    table = html.split('id="which-technique-when"', 1)[1].split("</table>", 1)[0]
    for spec in quoted_specs():
        assert pulls.quote(res, spec) in table, spec
