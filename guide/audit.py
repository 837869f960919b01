"""`make claims-audit`: every claim test on seeds 0-9, with each check's margin.

``python -m guide.audit [PAGE ...]`` (``make claims-audit PAGES="l1 dropout"``) audits
only those pages.

1. Runs every snippet a claim test reads on each audit seed, on the build's worker pool
   (results are cached like the build's: seed 0 is the page's own run, and a second
   audit reruns only what changed).
2. Runs the claim tests (``tests/test_<page>.py`` for each page and lab) with
   ``GUIDE_CLAIM_SEEDS`` set to the audit seeds and ``GUIDE_CLAIMS_LOG`` set, so that each
   :func:`guide.claims.check` records its values instead of failing.
3. Prints :func:`guide.claims.report`: per check, the quantity, the threshold, the value
   on each seed and the worst-case margin; the five tightest margins; and exits non-zero
   if a check misses the rule (10 of 10 seeds with a 10 % margin, or its stated count).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from guide import claims, engine, ledger
from guide.cache import ROOT


def claim_pages() -> list[str]:
    """Every page and lab (as in the nav) that has a claim test file."""
    pages = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    labs = [f"labs/{p.stem}.ipynb" for p in (ROOT / "snippets" / "labs").glob("*.py")]
    return sorted(p for p in pages + labs if ledger.test_file(p).is_file())


def main(only: list[str]) -> int:
    """Audit every page with claims, or only the pages named (``l1``, ``labs/moons``)."""
    t0 = time.perf_counter()
    pages = claim_pages()
    if only:
        pages = [p for p in pages if p.rsplit(".", 1)[0] in only]
        if not pages:
            print(f"claims-audit: no claim tests for {only}")
            return 2
    found = [c for p in pages for c in ledger.claims_in(ledger.test_file(p))]
    names = sorted({s for c in found for s in c.snippets})
    jobs = [(n, s, n.startswith("labs/")) for n in names for s in claims.AUDIT_SEEDS]
    print(f"claims-audit: {len(found)} claim tests on {len(pages)} pages read {len(names)}")
    print(f"snippets; running each on seeds 0-9 ({len(jobs)} runs, cached ones are free)")
    results = engine.run_many(jobs, pool=engine.Pool())
    failed = [r for r in results.values() if not r.ok]
    for r in failed:
        print(f"--- snippets/{r.name} (seed {r.seed}) failed\n{r.error}")
    ran = sum(not r.cached for r in results.values())
    print(f"{ran} runs executed, {len(results) - ran} from the cache")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "claims.jsonl"
        log.touch()
        seeds = ",".join(map(str, claims.AUDIT_SEEDS))
        env = {**os.environ, "GUIDE_CLAIM_SEEDS": seeds, "GUIDE_CLAIMS_LOG": str(log)}
        files = [str(ledger.test_file(p).relative_to(ROOT)) for p in pages]
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-n", str(engine.WORKERS), *files],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode:  # a check never fails in audit mode: something else broke
            print(proc.stdout[-5000:] + proc.stderr[-3000:])
        bad = claims.report(log, [c.test for c in found])
    print(f"claims-audit: {time.perf_counter() - t0:.0f} s wall time")
    return 1 if (bad or failed or proc.returncode) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
