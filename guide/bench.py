"""`make bench`: the build's times, measured, against their budgets.

Measured on an idle machine (the figures mean nothing under load):

* cold build: an empty snippet cache (a temporary GUIDE_CACHE), every snippet executes;
  its budget is the parallel limit, 1.15 x (summed snippet time / workers) + 10 s, and
  an absolute one;
* parallel efficiency: summed snippet time / workers, over the wall time of the
  snippet phase of the cold build;
* warm build (`make build` again, nothing changed: nothing executes), the median of
  three;
* `make serve` (--dirty): a rebuild after editing a page, with nothing to run, and
  save-to-reload after editing the fastest and the slowest snippet (a trailing comment,
  restored afterwards), each the median of three; budget 3 s (+ the snippet's own run
  time);
* `make test` after the build, and `make claims-audit` with the main cache (--full only:
  they take minutes);
* per page and per snippet run times against their budgets.

Budgets are reported, never enforced by a test: a shared machine can be slow.

`make determinism` (``python -m guide.bench --determinism``): a cold build with the network
disabled (``unshare -n``, where the kernel allows it) into an empty cache must print the
same outputs and write byte-identical figures, notebooks and values as the build in the main cache
(``make build`` runs first; the cache key includes the CPU, so both were made here).
"""

from __future__ import annotations

import functools
import json
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from guide import cache, engine
from guide.markup import INCLUDE

BUDGETS = {
    "cold build": 150.0,  # absolute, with every page (issue: <= 60 s for the first 13)
    "warm build": 10.0,
    "serve rebuild": 3.0,
    "save to reload": 3.0,  # + the edited snippet's run time
    "make test": 600.0,
}
PAGE_BUDGET = 30.0
SNIPPET_BUDGET = 10.0  # run time in a warm worker; + ~5 s of imports = the 15 s rule
LAB_BUDGET = 45.0  # a lab runs as a notebook in its own kernel (imports included)
ENV = {"NO_MKDOCS_2_WARNING": "1"}


def build(cache_dir: Path, site: Path, offline: bool = False) -> tuple[float, float]:
    """(wall seconds of a strict build, seconds of its snippet phase)."""
    env = {**os.environ, **ENV, "GUIDE_CACHE": str(cache_dir)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    if offline:  # a new network namespace: no route out; loopback up for Jupyter kernels
        cmd = ["unshare", "--net", "--map-root-user", sys.executable, "-m", "guide.bench"]
        cmd += ["--lo", sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=engine.ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode:
        sys.exit(proc.stdout + proc.stderr)
    m = re.search(r"^snippets: .*; ([\d.]+) s$", proc.stdout + proc.stderr, re.MULTILINE)
    return wall, float(m[1]) if m else 0.0


class Serve:
    """`mkdocs serve` on a free port with a given cache, as `make serve` runs it."""

    def __init__(self, cache_dir: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        site_url = re.search(r"^site_url: (\S+)", (engine.ROOT / "mkdocs.yml").read_text(), re.M)
        self.url = f"http://127.0.0.1:{port}{urlsplit(site_url[1]).path}"  # where serve mounts
        self.output: list[str] = []  # every line mkdocs serve printed so far
        env = {**os.environ, **ENV, "GUIDE_CACHE": str(cache_dir), "GUIDE_GATE_CHECKS": "false"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload"]
            + ["-a", f"127.0.0.1:{port}"],
            cwd=engine.ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        # A thread reads the output: select() on the pipe misses lines that the text
        # wrapper has already buffered, and then waits for output that never comes.
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for("Serving on", 600)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line)
        self.lines.put(None)  # mkdocs serve exited

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            if text in line:
                return
        raise RuntimeError(f"mkdocs serve: no '{text}' within {timeout:.0f} s")

    def rebuild_after(self, change) -> float:
        """Seconds from ``change()`` (a file write) to the browsers being told to reload."""
        t0 = time.perf_counter()
        change()
        self.wait_for("Reloading browsers", 300)
        return time.perf_counter() - t0

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def serve_figures(cache_dir: Path, fast: dict, slow: dict) -> list[tuple[str, float, float]]:
    """The author's loop: a warm `serve` rebuild, and save-to-reload for two snippets
    (their cache records: name and run time)."""
    rows = []
    serve = Serve(cache_dir)
    try:
        page = engine.ROOT / "docs" / "index.md"
        touch = [serve.rebuild_after(functools.partial(os.utime, page)) for _ in range(3)]
        rows.append(
            (
                "make serve: edit a page (home), nothing to run (median of 3)",
                statistics.median(touch),
                BUDGETS["serve rebuild"],
            )
        )
        for label, record in (("fastest", fast), ("slowest", slow)):
            name = record["name"]
            path = engine.snippet_path(name)
            original = path.read_bytes()
            times = []
            try:
                for k in range(3):
                    edit = original + f"# bench edit {k}\n".encode()
                    times.append(serve.rebuild_after(functools.partial(path.write_bytes, edit)))
            finally:
                serve.rebuild_after(functools.partial(path.write_bytes, original))
            rows.append(
                (
                    f"make serve: save {name} ({label}) to reload, median of 3",
                    statistics.median(times),
                    BUDGETS["save to reload"] + record["seconds"],
                )
            )
    finally:
        serve.close()
    return rows


def timed(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=engine.ROOT, env={**os.environ, **ENV, **(env or {})}, check=True)
    return time.perf_counter() - t0


def main(full: bool) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir, site = Path(tmp) / "cache", Path(tmp) / "site"
        cold, snippet_phase = build(cache_dir, site)
        warm = statistics.median(build(cache_dir, site)[0] for _ in range(3))
        results = [json.loads(p.read_text()) for p in cache_dir.glob("*/result.json")]
        by_name = {r["name"]: r for r in results}
        total = sum(r["seconds"] for r in by_name.values())
        limit = total / engine.WORKERS
        runs = sorted(by_name.values(), key=lambda r: r["seconds"])
        plain = [r for r in runs if not r["name"].startswith("labs/")]
        rows.append(("cold build (empty cache)", cold, BUDGETS["cold build"]))
        rows.append(
            ("cold build, parallel limit 1.15 x (sum / workers) + 10 s", cold, 1.15 * limit + 10)
        )
        rows.append(("warm build (nothing changed), median of 3", warm, BUDGETS["warm build"]))
        rows += serve_figures(cache_dir, plain[0], plain[-1])
    if full:
        env = {"GUIDE_SITE_DIR": "site"}
        timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"])
        pytest = [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup"]
        rows.append(
            (
                "make test (pytest after the build)",
                timed(pytest + ["--codeblocks"], env),
                BUDGETS["make test"],
            )
        )
        audit = timed([sys.executable, "-m", "guide.audit"])
        rows.append(("make claims-audit (with the main cache)", audit, float("inf")))

    print(f"\n{'measure':<64} {'seconds':>8} {'budget':>8}")
    for label, secs, budget in rows:
        flag = "" if secs <= budget else "  OVER"
        print(f"{label:<64} {secs:>8.1f} {budget:>8.1f}{flag}")
    print(
        f"parallel efficiency: {limit / snippet_phase:.0%} ({total:.1f} s of snippets on "
        f"{engine.WORKERS} workers in a {snippet_phase:.1f} s snippet phase)"
    )

    pages = defaultdict(float)
    docs = engine.ROOT / "docs"
    for md in sorted(docs.rglob("*.md")):
        for m in INCLUDE.finditer(md.read_text()):
            if m["name"] in by_name:
                pages[md.relative_to(docs).as_posix()] += by_name[m["name"]]["seconds"]
    print(f"\n{'page (snippet run time, cold)':<64} {'seconds':>8} {'budget':>8}")
    for page, secs in sorted(pages.items(), key=lambda kv: -kv[1]):
        flag = "" if secs <= PAGE_BUDGET else "  OVER"
        print(f"{page:<64} {secs:>8.1f} {PAGE_BUDGET:>8.1f}{flag}")
    print(f"\n{'snippet (run time in a warm worker)':<64} {'seconds':>8} {'budget':>8}")
    for r in reversed(runs):
        budget = LAB_BUDGET if r["name"].startswith("labs/") else SNIPPET_BUDGET
        flag = "" if r["seconds"] <= budget else "  OVER"
        print(f"{r['name']:<64} {r['seconds']:>8.1f} {budget:>8.1f}{flag}")
    print(f"\n{len(by_name)} snippets, {total:.1f} s of snippet run time in all")


def _outputs(cache_dir: Path, keys: set[str] | None = None) -> dict[str, dict]:
    """cache key -> {"name", "stdout", and the checksums of its figures, notebook and
    values (bytes, names and ranges)}, optionally for the given keys only."""
    out = {}
    for p in cache_dir.glob("*/result.json"):
        if keys is None or p.parent.name in keys:
            r = json.loads(p.read_text())
            values = r.get("values_file") or {}
            out[r["key"]] = {
                "name": r["name"],
                "stdout": r["stdout"],
                "figures": [(f["sha256"], f.get("dark_sha256")) for f in r["figures"]],
                "notebook": (r["notebook"] or {}).get("sha256"),
                "values": (values.get("sha256"), json.dumps(values.get("at"))),
            }
    return out


def loopback_up_then_exec(cmd: list[str]) -> None:
    """Run inside ``unshare --net``: a new network namespace has its loopback interface
    down, and the labs' Jupyter kernels talk to the build over 127.0.0.1. Bring ``lo`` up
    (ioctl, so that no ``ip`` binary is needed), then become ``cmd``."""
    import fcntl
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
        seconds, _ = build(fresh_cache, Path(tmp) / "site", offline=offline)
        fresh = _outputs(fresh_cache)
    main_cache = _outputs(cache.CACHE, keys=set(fresh))  # same code, CPU and lock: same key
    print(f"cold build{' (no network)' if offline else ''}: {seconds:.1f} s")
    diffs = sorted((fresh[k]["name"], k) for k in fresh if main_cache.get(k) != fresh[k])
    for name, k in diffs:
        parts = [p for p in fresh[k] if main_cache.get(k, {}).get(p) != fresh[k][p]]
        print(f"  differs from the main cache (or missing there): {name}: {', '.join(parts)}")
    print(f"{len(fresh)} results compared with the main cache, {len(diffs)} differ")
    if diffs or not fresh:
        sys.exit("determinism: the cold build and the main cache disagree")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--lo"]:
        loopback_up_then_exec(sys.argv[2:])
    elif sys.argv[1:] == ["--determinism"]:
        determinism()
    else:
        main(full="--full" in sys.argv[1:])
