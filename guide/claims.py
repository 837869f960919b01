"""Claims a page makes, checked per seed, and the audit that measures their margins.

A claim test (``tests/test_<page>.py``) states each quantity it checks with :func:`check`:
the values per seed, a comparison and a threshold. ``make test`` runs the claim tests on
:data:`SEEDS` and fails if a value is on the wrong side of its threshold.
``make claims-audit`` runs them on :data:`AUDIT_SEEDS` and records every check instead of
failing at the first one; :func:`report` then prints each check's values and its
worst-case margin (``guide/audit.py`` runs all of it), and fails unless every check meets
the rule:

* it holds on every audited seed with a margin of at least :data:`MARGIN`, where the
  margin is the relative distance to the threshold, ``(threshold - value) / |threshold|``
  for ``<`` (and mirrored for ``>``); or
* it is a counted claim (``at_least=k``): the page says "on at least k of 10 seeds", and
  at least k seeds clear the threshold with that margin.

The margin is what lets a claim hold on another CPU: the same seed gives different
floats there (oneDNN and Eigen pick code paths by CPU features), and a threshold that
the values only just clear can fail on a machine that did nothing wrong.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from pathlib import Path

MARGIN = 0.10
AUDIT_SEEDS = tuple(range(10))
OPS = {
    "<": lambda v, t: v < t,
    "<=": lambda v, t: v <= t,
    ">": lambda v, t: v > t,
    ">=": lambda v, t: v >= t,
    "==": lambda v, t: v == t,
}


def parse_seeds(text: str) -> tuple[int, ...]:
    """``"0,1,2"`` or ``"0-9"`` (or a mix, ``"0-2,5"``) as a tuple of seeds."""
    seeds: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        lo, _, hi = part.partition("-")
        seeds += range(int(lo), int(hi or lo) + 1)
    if not seeds:
        raise ValueError(f"no seeds in {text!r}")
    return tuple(dict.fromkeys(seeds))


# make test's seeds; the page itself shows seed 0 (every snippet says SEED = 0).
SEEDS = parse_seeds(os.environ.get("GUIDE_CLAIM_SEEDS", "0,1,2"))
# Labs train three runs per configuration (seeds s, s + 1, s + 2) and take ~20-40 s
# each: make test checks them on two base seeds whose runs do not overlap.
LAB_SEEDS = parse_seeds(os.environ.get("GUIDE_CLAIM_SEEDS", "0,3"))
LOG = os.environ.get("GUIDE_CLAIMS_LOG")  # set by `make claims-audit`


def margin(value: float, op: str, threshold: float) -> float:
    """Relative distance from ``value`` to ``threshold``, positive on the passing side.
    An equality (``==``) has no distance: 0 if it holds, -inf if not."""
    if not isinstance(value, int | float) or math.isnan(value):
        return -math.inf
    if op == "==":
        return 0.0 if value == threshold else -math.inf
    scale = abs(threshold)
    return (threshold - value) / scale if op in ("<", "<=") else (value - threshold) / scale


class ClaimError(AssertionError):
    pass


def check(
    quantity: str,
    values: dict[int, float],
    op: str,
    threshold: float,
    *,
    at_least: int | None = None,
) -> None:
    """Assert ``value <op> threshold`` for each seed's value (``{seed: value}``).

    ``quantity`` names what is compared, in the words of the audit report ("val CE,
    L1 / plain"). With ``at_least=k`` the claim is counted: it must hold on at least k
    of the seeds, which must then be all of :data:`AUDIT_SEEDS` (a count over a few
    seeds says nothing). Under ``make claims-audit`` the check is recorded, not raised.

    Raises ``ValueError`` for an unknown ``op`` or a zero threshold with ``<``/``>`` (a
    relative margin needs a scale: compare a ratio with 1 instead of a difference with
    0), and :class:`ClaimError` (an AssertionError) when the claim does not hold.
    """
    if op not in OPS:
        raise ValueError(f"unknown comparison {op!r}; use one of {sorted(OPS)}")
    if op != "==" and threshold == 0:
        raise ValueError(f"{quantity}: a threshold of 0 has no relative margin")
    values = {int(s): (float(v) if isinstance(v, int | float) else v) for s, v in values.items()}
    if at_least is not None and tuple(sorted(values)) != AUDIT_SEEDS:
        raise ValueError(f"{quantity}: a counted claim needs the audit's seeds {AUDIT_SEEDS}")
    if LOG:
        _record(quantity, values, op, threshold, at_least)
        return
    held = {s: OPS[op](v, threshold) for s, v in values.items() if isinstance(v, int | float)}
    failed = sorted(s for s in values if not held.get(s))
    if at_least is None and failed:
        shown = ", ".join(f"seed {s}: {values[s]!r}" for s in failed)
        raise ClaimError(f"{quantity} {op} {threshold} fails on {shown}")
    if at_least is not None and len(values) - len(failed) < at_least:
        raise ClaimError(
            f"{quantity} {op} {threshold} holds on {len(values) - len(failed)} of "
            f"{len(values)} seeds, fewer than {at_least}: {values}"
        )


def _record(quantity, values, op, threshold, at_least) -> None:
    # "tests/test_l1.py::test_name[param] (call)" -> "tests/test_l1.py::test_name"
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" (", 1)[0].split("[")[0]
    row = {
        "test": test,
        "quantity": quantity,
        "op": op,
        "threshold": threshold,
        "values": {str(s): v for s, v in values.items()},
        "at_least": at_least,
    }
    with open(LOG, "a", encoding="utf-8") as f:
        f.write(json.dumps(row) + "\n")


# --------------------------------------------------------------------------- report


def verdict(row: dict) -> tuple[bool, float]:
    """Does a recorded check meet the audit rule, and its worst-case margin (for a
    counted claim, the k-th best seed's margin: what the count rests on)."""
    margins = sorted(
        (margin(v, row["op"], row["threshold"]) for v in row["values"].values()), reverse=True
    )
    seeds = {int(s) for s in row["values"]}
    if not set(AUDIT_SEEDS) <= seeds:
        return False, -math.inf
    if row["op"] == "==":
        return margins[-1] == 0.0, margins[-1]
    if row["at_least"]:
        kth = margins[row["at_least"] - 1]
        return kth >= MARGIN, kth
    return margins[-1] >= MARGIN, margins[-1]


def _fmt(v) -> str:
    if not isinstance(v, int | float):
        return str(v)
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    return f"{v:.3g}"


def report(log: Path, tests: list[str]) -> int:
    """Print every check with its values and margin; return the number that fail the
    rule. ``tests``: every claim test the audit ran (one that recorded no check fails)."""
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    by_test: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_test[row["test"]].append(row)
    bad, scored = [], []
    for test in sorted(set(tests) | set(by_test)):
        print(f"\n{test}")
        if not by_test.get(test):
            print("  NO CHECK RECORDED: state the claim with guide.claims.check")
            bad.append((test, "no check"))
            continue
        for row in by_test[test]:
            ok, worst = verdict(row)
            cmp = f"{row['op']} {_fmt(row['threshold'])}"
            if row["at_least"]:
                cmp += f" on >= {row['at_least']}/{len(AUDIT_SEEDS)} seeds"
            shown = " ".join(_fmt(row["values"].get(str(s), "-")) for s in AUDIT_SEEDS)
            worst_text = "exact" if row["op"] == "==" and ok else f"{worst:+.0%}"
            flag = "" if ok else "   <-- FAILS THE RULE"
            print(f"  {row['quantity']} {cmp}")
            print(f"    seeds 0-9: {shown}")
            print(f"    worst margin: {worst_text}{flag}")
            if not ok:
                bad.append((test, row["quantity"]))
            if row["op"] != "==":
                scored.append((worst, test, row["quantity"]))
    n_tests = len(set(tests) | set(by_test))
    print(f"\n{'=' * 78}\n{n_tests} claim tests, {len(rows)} checks on seeds 0-9;", end=" ")
    print(f"rule: every seed clears its threshold by >= {MARGIN:.0%} (or the stated count)")
    print("tightest margins:")
    for worst, test, quantity in sorted(scored)[:5]:
        print(f"  {worst:+7.0%}  {test.split('::')[-1]}: {quantity}")
    if bad:
        print(f"{len(bad)} checks fail the rule:")
        for test, quantity in bad:
            print(f"  {test}: {quantity}")
    else:
        print("every check meets the rule")
    return len(bad)
