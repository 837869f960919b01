"""The ledger of checked claims: what each page's claim tests assert, read from the tests.

A page ``docs/<page>.md`` (or a lab, ``labs/<name>.ipynb``) has its claims in
``tests/test_<page>.py`` (dashes and slashes become underscores). Every test function
there is a claim; its docstring says the claim in words. This module reads those files
with :mod:`ast` (it never imports them) and renders, for the end of each page, a
collapsed "Checked claims" block: the claim, the test that asserts it, the snippets it
runs and the seeds it runs them on. Nothing in it is typed by hand.
"""

from __future__ import annotations

import ast
import html
import re
from dataclasses import dataclass
from pathlib import Path

from guide import claims
from guide.cache import ROOT, SNIPPETS

TESTS = ROOT / "tests"


@dataclass
class Claim:
    test: str  # "tests/test_l1.py::test_l1_lowers_validation_cross_entropy"
    doc: str  # the docstring: the claim in words ("" if missing)
    snippets: list[str]  # snippet names the test runs, e.g. ["l1/03_compare.py"]
    counted: bool  # runs on the audit's seeds in make test too (a counted claim)
    lab: bool  # reads a lab, which make test runs on claims.LAB_SEEDS


def test_file(page: str) -> Path:
    """``l1.md`` -> tests/test_l1.py; ``labs/moons.ipynb`` -> tests/test_labs_moons.py."""
    stem = re.sub(r"\.(md|ipynb)$", "", page)
    return TESTS / f"test_{re.sub(r'[-/]', '_', stem)}.py"


def _snippet_names(node: ast.AST, constants: dict[str, str]) -> list[str]:
    """Snippet names a node mentions: string literals naming a file under snippets/,
    and module-level constants that hold one."""
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            value = sub.value
        elif isinstance(sub, ast.Name) and sub.id in constants:
            value = constants[sub.id]
        else:
            continue
        if value.endswith(".py") and (SNIPPETS / value).is_file():
            found.append(value)
    return list(dict.fromkeys(found))


def claims_in(path: Path) -> list[Claim]:
    """The claim tests of one test file, in file order."""
    if not path.is_file():
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {}  # module-level NAME = "..." (and A, B = "...", "...")
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            pairs = [(target, node.value)]
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            for t, v in pairs:
                if isinstance(t, ast.Name) and isinstance(v, ast.Constant):
                    if isinstance(v.value, str):
                        constants[t.id] = v.value
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    rel = path.relative_to(ROOT).as_posix()
    out = []
    for name, fn in functions.items():
        if not name.startswith("test_"):
            continue
        # A test reads snippets itself, through fixtures it asks for (by argument name),
        # or through helpers of this module that it calls.
        parts: list[ast.AST] = [fn]
        parts += [functions[a.arg] for a in fn.args.args if a.arg in functions]
        called = {
            c.func.id
            for c in ast.walk(fn)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        }
        parts += [functions[c] for c in called if c in functions]
        snippets = list(dict.fromkeys(s for p in parts for s in _snippet_names(p, constants)))
        names = {n.id for p in parts for n in ast.walk(p) if isinstance(n, ast.Name)}
        out.append(
            Claim(
                test=f"{rel}::{name}",
                doc=" ".join((ast.get_docstring(fn) or "").split()),
                snippets=snippets,
                counted="AUDIT_SEEDS" in names,
                lab=any(s.startswith("labs/") for s in snippets),
            )
        )
    return out


def _seeds_text(seeds: tuple[int, ...]) -> str:
    if len(seeds) > 2 and seeds == tuple(range(seeds[0], seeds[-1] + 1)):
        return f"{seeds[0]}–{seeds[-1]}"
    return ", ".join(map(str, seeds))


def seeds_of(claim: Claim) -> tuple[int, ...]:
    if claim.counted:
        return claims.AUDIT_SEEDS
    return claims.LAB_SEEDS if claim.lab else claims.SEEDS


def ledger_html(page: str, root: str) -> str:
    """The collapsed "Checked claims" block for a page ("" if it makes no tested claim).
    ``root`` is the relative URL of the site's root from the page ("../" or "")."""
    found = claims_in(test_file(page))
    if not found:
        return ""
    rows = []
    for c in found:
        code = ", ".join(
            f'<a href="{root}code/{html.escape(s)}"><code>{html.escape(s)}</code></a>'
            for s in c.snippets
        )
        test = c.test.split("::")[1]
        rows.append(
            f"<tr><td>{html.escape(c.doc)}</td><td><code>{html.escape(test)}</code></td>"
            f"<td>{code}</td><td>{_seeds_text(seeds_of(c))}</td></tr>"
        )
    audit = _seeds_text(claims.AUDIT_SEEDS)
    rel = test_file(page).relative_to(ROOT).as_posix()
    return (
        '<details class="info claims-ledger" id="checked-claims">'
        f"<summary>Checked claims ({len(found)})</summary>"
        f"<p>Each claim this page makes about its results is asserted by a test in "
        f"<code>{rel}</code>, which re-runs the snippets with other values of "
        f"<code>SEED</code> (the page shows seed 0). <code>make test</code> checks the "
        f"seeds listed; <code>make claims-audit</code> checks seeds {audit} and requires "
        f"each threshold to be cleared by at least {claims.MARGIN:.0%} on every seed, or "
        f"the claim to be stated as a count of seeds. See "
        f'<a href="{root}environment/">Environment</a> for why the last '
        f"digits of a number can differ on your machine while the claims still hold.</p>"
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        "<thead><tr><th>Claim</th><th>Test</th><th>Snippets</th><th>Seeds</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></div></details>"
    )
