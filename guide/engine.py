"""Runs snippets, on a pool of long-lived workers, and caches what they print and draw.

This is the one place that decides where snippets run. The MkDocs hook
(``guide/hooks.py``) and the tests call :func:`run_many` / :func:`run`; nothing else
imports a snippet.

* ``guide/runner.py`` runs one snippet in a process (fresh globals, captured output and
  figures); ``guide/cache.py`` keys and stores the results.
* Importing TensorFlow costs ~5 s per process, so the build runs snippets in a small pool
  of long-lived worker processes (``python -m guide.engine worker``) that import it once.
  A worker that exceeds the timeout is killed and the snippet fails with its name.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import subprocess
import sys
import threading
import time

from guide.cache import (  # noqa: F401  (the engine's public names, used by tests)
    CACHE,
    ROOT,
    SNIPPETS,
    Result,
    cache_key,
    last_seconds,
    load_cached,
    read_values_from_entry,
    remove_stale_temporaries,
    snippet_path,
)
from guide.runner import RUN_ENV, execute, set_run_env

TIMEOUT = float(os.environ.get("GUIDE_SNIPPET_TIMEOUT", "180"))
STARTUP_TIMEOUT = 300.0  # a worker's start-up, on a loaded machine
WORKERS = int(os.environ.get("GUIDE_WORKERS", min(2, os.cpu_count() or 1)))


# Cache entries already read by this process, by result.json path: a live-preview
# rebuild and a test session read the same entries again and again, and verifying an
# entry reads its figures and values (megabytes). A Result holds its values in memory,
# so a kept one stays whole if its entry goes. An entry whose result.json changed
# (rewritten, or deleted and re-run) is read and verified again.
_read: dict[str, tuple[tuple[int, int], Result]] = {}


def cached(name: str, seed: int | None = None, notebook: bool = False) -> Result | None:
    """:func:`guide.cache.load_cached`, remembered while the entry's result.json is
    unchanged (same modification time and size)."""
    path = CACHE / cache_key(name, seed, notebook) / "result.json"
    try:
        st = path.stat()
    except FileNotFoundError:
        return load_cached(name, seed, notebook)
    stamp = (st.st_mtime_ns, st.st_size)
    if (hit := _read.get(str(path))) and hit[0] == stamp:
        return hit[1]
    res = load_cached(name, seed, notebook)
    if res is not None:
        _read[str(path)] = (stamp, res)
    return res


def run(name: str, seed: int | None = None, notebook: bool = False) -> Result:
    """The cached result, or run it here (in-process) and cache it."""
    return cached(name, seed, notebook) or execute(name, seed, notebook, TIMEOUT)


# --------------------------------------------------------------------------- pool


Job = tuple[str, "int | None", bool]  # (snippet name, seed or None, run as a notebook)


class Worker:
    """A ``python -m guide.engine worker`` process: imports TensorFlow once, runs many."""

    def __init__(self):
        env = {**os.environ, **RUN_ENV, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "guide.engine", "worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if not os.environ.get("GUIDE_DEBUG") else None,
            cwd=ROOT,
            env=env,
            text=True,
        )
        self.ready = False
        self.warm = False
        self.warm_asked = False
        # A thread reads the replies: select() on the buffered pipe would miss a line
        # already read into the buffer (two "ready"s arrive together after a prewarm).
        self.replies: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.replies.put(line)
        self.replies.put("")  # the worker exited

    def _reply(self, timeout: float) -> str | None:
        """The worker's next line: "" if it exited, None if none came within ``timeout``."""
        try:
            return self.replies.get(timeout=timeout)
        except queue.Empty:
            return None

    def prewarm(self) -> None:
        """Ask for the warm imports now, so they happen before a snippet waits for them."""
        try:
            self.proc.stdin.write(json.dumps({"warm": True}) + "\n")
            self.proc.stdin.flush()
            self.warm_asked = True
        except BrokenPipeError:
            pass  # run() finds the worker dead and reports it

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _wait_ready(self) -> str:
        """The worker says "ready" once it has started, and again once it has done its
        warm imports (TensorFlow, before its first snippet). Neither wait counts towards
        the snippet's timeout, so a cold worker's start-up is not charged to it."""
        line = self._reply(STARTUP_TIMEOUT) or ""
        if line.strip() != "ready":
            self.kill()
            return f"the worker did not start (exit code {self.proc.returncode}, said {line!r})"
        return ""

    def run(self, name: str, seed: int | None, notebook: bool, timeout: float) -> Result:
        key = cache_key(name, seed, notebook)
        if not self.ready:
            if problem := self._wait_ready():
                return Result(name, seed, key, ok=False, error=f"{name}: {problem}")
            self.ready = True
        # A lab needs no warm imports, but once asked for, their "ready" comes first.
        if not self.warm and (self.warm_asked or not notebook):
            if not self.warm_asked:
                self.prewarm()
            if not self.warm_asked:
                return Result(name, seed, key, ok=False, error=f"{name}: worker died at start")
            if problem := self._wait_ready():
                return Result(name, seed, key, ok=False, error=f"{name}: {problem}")
            self.warm = True
        try:
            job = {"name": name, "seed": seed, "notebook": notebook}
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            return Result(name, seed, key, ok=False, error=f"{name}: worker died before it ran")
        t0 = time.perf_counter()
        line = self._reply(timeout)
        if not line:
            self.kill()
            if line is None:
                msg = f"{name}: timed out after {timeout:.0f} s (GUIDE_SNIPPET_TIMEOUT)"
            else:
                msg = f"{name}: the worker process died (exit code {self.proc.returncode})"
            return Result(name, seed, key, ok=False, error=msg, seconds=time.perf_counter() - t0)
        res = Result(**json.loads(line))
        try:
            return read_values_from_entry(res)
        except (OSError, ValueError) as exc:  # the entry went (a cache cleared meanwhile)
            res.ok, res.error = False, f"{name}: its stored values could not be read: {exc!r}"
            return res

    def kill(self):
        if self.alive():
            self.proc.kill()
        self.proc.wait()

    def close(self):
        """End the worker. It has stored every result it reported (entries are written
        before the reply), so nothing is lost by not waiting for TensorFlow's slow
        teardown: a second to exit on its own, then it is killed."""
        if self.alive():
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self.kill()


class Pool:
    """Long-lived workers; ``mkdocs serve`` keeps one across rebuilds."""

    def __init__(self, size: int = WORKERS):
        self.size = max(1, size)
        self.workers: list[Worker] = []

    def start(self) -> None:
        """Start every worker and its warm imports now, in the background: under
        ``mkdocs serve`` the first snippet an author edits then runs in a warm worker."""
        while len(self.workers) < self.size:
            self.workers.append(Worker())
        for worker in self.workers:
            worker.prewarm()

    def map(self, jobs: list[Job], timeout: float = TIMEOUT) -> list[Result]:
        todo: queue.Queue = queue.Queue()
        for i, job in enumerate(jobs):
            todo.put((i, job))
        results: list[Result | None] = [None] * len(jobs)
        while len(self.workers) < min(self.size, len(jobs)):
            self.workers.append(Worker())

        def drain(slot: int):
            while True:
                try:
                    i, (name, seed, notebook) = todo.get_nowait()
                except queue.Empty:
                    return
                if not self.workers[slot].alive():
                    self.workers[slot] = Worker()
                try:
                    results[i] = self.workers[slot].run(name, seed, notebook, timeout)
                except Exception as exc:  # a garbled reply: fail this job, not the build
                    self.workers[slot].kill()
                    key = cache_key(name, seed, notebook)
                    results[i] = Result(name, seed, key, ok=False, error=f"{name}: {exc!r}")

        threads = [
            threading.Thread(target=drain, args=(s,), daemon=True)
            for s in range(min(self.size, len(jobs)))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results  # type: ignore[return-value]

    def close(self):
        for w in self.workers:
            w.close()
        self.workers = []


def run_many(
    jobs: list[Job], pool: Pool | None = None, timeout: float = TIMEOUT
) -> dict[Job, Result]:
    """Results for ``(name, seed, notebook)`` jobs: cache hits at once, misses on the pool.
    The slowest jobs start first, so two workers finish at about the same time."""
    remove_stale_temporaries()
    out = {}
    misses = []
    for job in dict.fromkeys((*j, False)[:3] for j in jobs):
        hit = cached(*job)
        if hit:
            out[job] = hit
        else:
            misses.append(job)
    last = last_seconds() if misses else {}
    # Notebooks start a kernel (a second TensorFlow import): start them first too.
    misses.sort(key=lambda job: last.get(job[0], 0.0) + 100.0 * job[2], reverse=True)
    if misses:
        own = pool is None
        pool = pool or Pool()
        try:
            for job, res in zip(misses, pool.map(misses, timeout), strict=True):
                out[job] = res
        finally:
            if own:
                pool.close()
    return out


def all_snippets() -> list[str]:
    from guide import cache  # read at call time: tests point it at a sandbox

    return sorted(p.relative_to(cache.SNIPPETS).as_posix() for p in cache.SNIPPETS.rglob("*.py"))


# ------------------------------------------------------------------------- worker


def _worker_main() -> None:
    # The protocol uses the real stdout; anything else that writes to fd 1 (C code)
    # goes to stderr, so it cannot corrupt a reply.
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), write_through=True)
    set_run_env()
    proto.write("ready\n")
    for line in sys.stdin:
        job = json.loads(line)
        if job.get("warm"):
            # Warm imports, once per worker, asked for before its first snippet. Not for
            # a lab: it runs in a kernel with its own imports, and a worker that only
            # runs labs would import TensorFlow for nothing.
            import matplotlib.pyplot  # noqa: F401

            with contextlib.suppress(ImportError):
                import keras  # noqa: F401
                import sklearn  # noqa: F401
                import tensorflow  # noqa: F401
            proto.write("ready\n")
            continue
        res = execute(job["name"], job["seed"], job.get("notebook", False), TIMEOUT)
        reply = res.as_json()
        if res.values_file:  # this run's entry: the parent reads them from it
            reply["values"] = {}
        proto.write(json.dumps(reply) + "\n")


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    _worker_main()
