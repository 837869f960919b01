"""`make bench`: build times and snippet times, measured, against the budgets.

Cold build: an empty snippet cache (a temporary GUIDE_CACHE), every snippet executes.
Warm build: the same cache again, nothing changed, nothing executes.
Edit rebuild: one snippet gets a trailing comment (restored afterwards); only it re-runs.

`make determinism` (``python -m guide.bench --determinism``): two cold builds, the second
with the network disabled (``unshare -n``, where the kernel allows it), must print the
same outputs and write byte-identical figures and notebooks.
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


def build(cache: Path, site: Path, offline: bool = False) -> float:
    env = {**os.environ, "GUIDE_CACHE": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    if offline:
        cmd = ["unshare", "--net", "--map-root-user", *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd,
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


def _outputs(cache: Path) -> dict[str, tuple]:
    out = {}
    for p in cache.glob("*/result.json"):
        r = json.loads(p.read_text())
        arts = [f["sha256"] for f in r["figures"]] + (
            [r["notebook"]["sha256"]] if r["notebook"] else []
        )
        out[(r["name"], bool(r["notebook"]))] = (r["stdout"], arts)
    return out


def can_unshare() -> bool:
    probe = subprocess.run(["unshare", "--net", "--map-root-user", "true"], capture_output=True)
    return probe.returncode == 0


def determinism() -> None:
    offline = can_unshare()
    if not offline:
        print("determinism: 'unshare --net' is not permitted here; second build runs online")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a", Path(tmp) / "b"
        ta = build(a, Path(tmp) / "site-a")
        tb = build(b, Path(tmp) / "site-b", offline=offline)
        first, second = _outputs(a), _outputs(b)
    print(f"cold build 1: {ta:.1f} s; cold build 2{' (no network)' if offline else ''}: {tb:.1f} s")
    diffs = sorted(k[0] for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    for name in diffs:
        print(f"  differs: {name}")
    print(f"{len(first)} results compared, {len(diffs)} differ")
    if diffs or not first:
        sys.exit("determinism: two cold builds disagree")


if __name__ == "__main__":
    determinism() if sys.argv[1:] == ["--determinism"] else main()
