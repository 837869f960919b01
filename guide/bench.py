"""`make bench`: build times and snippet times, measured, against the budgets.

Cold build: an empty snippet cache (a temporary GUIDE_CACHE), every snippet executes.
Warm build: the same cache again, nothing changed, nothing executes.
Edit rebuild: one snippet gets a trailing comment (restored afterwards); only it re-runs.

`make determinism` (``python -m guide.bench --determinism``): a cold build with the network
disabled (``unshare -n``, where the kernel allows it) into an empty cache must print the
same outputs and write byte-identical figures and notebooks as the build in the main cache
(``make build`` runs first; on CI's clean clone that is a cold build too, so this compares
two cold builds without paying for a third).
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

from guide import cache, engine
from guide.markup import INCLUDE

BUDGETS = {"cold build": 120.0, "warm build": 10.0}
PAGE_BUDGET = 30.0
SNIPPET_BUDGET = 10.0  # run time in a warm worker; + ~5 s of imports = the 15 s rule
LAB_BUDGET = 45.0  # a lab runs as a notebook in its own kernel (imports included)


def build(cache: Path, site: Path, offline: bool = False) -> float:
    env = {**os.environ, "GUIDE_CACHE": str(cache), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    if offline:  # a new network namespace: no route out; loopback up for Jupyter kernels
        cmd = [
            "unshare",
            "--net",
            "--map-root-user",
            sys.executable,
            "-m",
            "guide.bench",
            "--lo",
            *cmd,
        ]
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
        budget = LAB_BUDGET if r["name"].startswith("labs/") else SNIPPET_BUDGET
        flag = "" if r["seconds"] <= budget else "  OVER"
        failed |= bool(flag)
        print(f"{r['name']:<58} {r['seconds']:>8.1f} {budget:>8.1f}{flag}")
    total = sum(r["seconds"] for r in by_name.values())
    print(f"\n{len(by_name)} snippets, {total:.1f} s of snippet run time in all")
    if failed:
        sys.exit("bench: a budget was missed (marked OVER)")


def _outputs(cache: Path, keys: set[str] | None = None) -> dict[str, tuple]:
    """cache key -> (name, stdout, artifact checksums), optionally for the given keys only."""
    out = {}
    for p in cache.glob("*/result.json"):
        if keys is None or p.parent.name in keys:
            r = json.loads(p.read_text())
            arts = [f["sha256"] for f in r["figures"]]
            arts += [r["notebook"]["sha256"]] if r["notebook"] else []
            out[r["key"]] = (r["name"], r["stdout"], arts)
    return out


def loopback_up_then_exec(cmd: list[str]) -> None:
    """Run inside ``unshare --net``: a new network namespace has its loopback interface
    down, and the labs' Jupyter kernels talk to the build over 127.0.0.1. Bring ``lo`` up
    (ioctl, so that no ``ip`` binary is needed), then become ``cmd``."""
    import fcntl
    import socket
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, siocgifflags, req))[1]
        fcntl.ioctl(s, siocsifflags, struct.pack("16sH", b"lo", flags | iff_up))
    os.execvp(cmd[0], cmd)


def can_unshare() -> bool:
    probe = subprocess.run(["unshare", "--net", "--map-root-user", "true"], capture_output=True)
    return probe.returncode == 0


def determinism() -> None:
    offline = can_unshare()
    if not offline:
        print("determinism: 'unshare --net' is not permitted here; the cold build runs online")
    with tempfile.TemporaryDirectory() as tmp:
        fresh_cache = Path(tmp) / "cache"
        seconds = build(fresh_cache, Path(tmp) / "site", offline=offline)
        fresh = _outputs(fresh_cache)
    main = _outputs(cache.CACHE, keys=set(fresh))  # same code, lock and engine: same key
    print(f"cold build{' (no network)' if offline else ''}: {seconds:.1f} s")
    diffs = sorted(fresh[k][0] for k in fresh if main.get(k) != fresh[k])
    for name in diffs:
        print(f"  differs from the main cache (or missing there): {name}")
    print(f"{len(fresh)} results compared with the main cache, {len(diffs)} differ")
    if diffs or not fresh:
        sys.exit("determinism: the cold build and the main cache disagree")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--lo"]:
        loopback_up_then_exec(sys.argv[2:])
    determinism() if sys.argv[1:] == ["--determinism"] else main()
