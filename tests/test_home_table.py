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


# What the table may quote: the plain network's test accuracy, a technique's gain over
# plain (percentage points, signed), and the strength the technique chose on validation.
QUOTABLE = [
    re.compile(r'test_acc\["(?P<name>plain)"\]:\.3f'),
    re.compile(r'gain\["(?P<name>[^"]+)"\]:\+\.1f'),
    re.compile(r'chosen\["(?P<name>[^"]+)"\]\["(?P<param>[^"]+)"\]:g'),
]


def test_home_page_quotes_configurations_the_showdown_prints():
    """Every showdown number on the home page is the plain network's test accuracy, a
    technique's gain over plain or the strength it chose, and the showdown prints it
    (pulls.quote raises KeyError otherwise)."""
    res = run(SHOWDOWN)
    specs = quoted_specs()
    gains = [s for s in specs if s.startswith("gain[")]
    assert len(gains) >= 8, f"the decision table quotes too few techniques: {specs}"
    for spec in specs:
        m = next((m for p in QUOTABLE if (m := p.fullmatch(spec))), None)
        assert m, f"the table quotes something other than a test accuracy, gain or strength: {spec}"
        assert m["name"] in res.values["GRIDS"], f"unknown configuration: {m['name']}"
        pulls.quote(res, spec)  # raises KeyError unless the output shows it


def test_home_page_decision_table_quotes_the_built_showdown(built_site):
    """The landing page's numbers are the showdown's output, filled in at build time."""
    res = run(SHOWDOWN)
    html = (built_site / "index.html").read_text(encoding="utf-8")
    table = html.split('id="which-technique-when"', 1)[1].split("</table>", 1)[0]
    for spec in quoted_specs():
        assert pulls.quote(res, spec) in table, spec
