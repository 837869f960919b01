"""`make bench`: build times and snippet times, measured, against the budgets.

Cold build: an empty snippet cache (a temporary GUIDE_CACHE), every snippet executes.
Warm build: the same cache again, nothing changed, nothing executes.
Edit rebuild: one snippet gets a trailing comment (restored afterwards); only it re-runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from guide import engine
from guide.hooks import INCLUDE

BUDGETS = {"cold build": 120.0, "warm build": 10.0}
PAGE_BUDGET = 30.0
SNIPPET_BUDGET = 10.0  # run time in a warm worker; + ~5 s of imports = the 15 s rule


def build(cache: Path, site: Path) -> float:
    env = {**os.environ, "GUIDE_CACHE": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=engine.ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        sys.exit(proc.stdout + proc.stderr)
    return time.perf_counter() - t0


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cache, site = Path(tmp) / "cache", Path(tmp) / "site"
        cold = build(cache, site)
        warm = build(cache, site)
        results = [json.loads(p.read_text()) for p in cache.glob("*/result.json")]
        by_name = {r["name"]: r for r in results}
        edited = max(by_name.values(), key=lambda r: r["seconds"])["name"] if by_name else None
        edit = None
        if edited:
            path = engine.snippet_path(edited)
            original = path.read_bytes()
            try:
                path.write_bytes(original + b"# bench edit\n")
                edit = build(cache, site)
            finally:
                path.write_bytes(original)

    rows.append(("cold build (empty cache)", cold, BUDGETS["cold build"]))
    rows.append(("warm build (nothing changed)", warm, BUDGETS["warm build"]))
    if edit is not None:
        budget = by_name[edited]["seconds"] + 10.0
        rows.append((f"rebuild after editing {edited}", edit, budget))

    pages = defaultdict(float)
    docs = engine.ROOT / "docs"
    for md in sorted(docs.rglob("*.md")):
        for m in INCLUDE.finditer(md.read_text()):
            if m["name"] in by_name:
                pages[md.relative_to(docs).as_posix()] += by_name[m["name"]]["seconds"]

    failed = False
    print(f"\n{'measure':<58} {'seconds':>8} {'budget':>8}")
    for label, secs, budget in rows:
        flag = "" if secs <= budget else "  OVER"
        failed |= bool(flag)
        print(f"{label:<58} {secs:>8.1f} {budget:>8.1f}{flag}")
    print(f"\n{'page (snippet run time, cold)':<58} {'seconds':>8} {'budget':>8}")
    for page, secs in sorted(pages.items(), key=lambda kv: -kv[1]):
        flag = "" if secs <= PAGE_BUDGET else "  OVER"
        failed |= bool(flag)
        print(f"{page:<58} {secs:>8.1f} {PAGE_BUDGET:>8.1f}{flag}")
    print(f"\n{'snippet (run time in a warm worker)':<58} {'seconds':>8} {'budget':>8}")
    for r in sorted(by_name.values(), key=lambda r: -r["seconds"]):
        flag = "" if r["seconds"] <= SNIPPET_BUDGET else "  OVER"
        failed |= bool(flag)
        print(f"{r['name']:<58} {r['seconds']:>8.1f} {SNIPPET_BUDGET:>8.1f}{flag}")
    total = sum(r["seconds"] for r in by_name.values())
    print(f"\n{len(by_name)} snippets, {total:.1f} s of snippet run time in all")
    if failed:
        sys.exit("bench: a budget was missed (marked OVER)")


if __name__ == "__main__":
    main()
