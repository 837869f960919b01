"""Runs snippets and caches what they print and draw.

This is the one place that executes snippet files. The MkDocs hook (``guide/hooks.py``)
and the tests both call :func:`run_many` / :func:`run`; nothing else imports a snippet.

* A snippet runs with fresh globals as ``__main__`` in a fresh, empty working directory.
  Its stdout is captured; ``plt.show()`` saves every open figure (as sphinx-gallery does),
  so snippets never write files themselves.
* Results are cached by content: snippet bytes + seed + ``uv.lock`` + this file's bytes.
  A cache entry is a directory written under a temporary name and renamed into place,
  so an interrupted run leaves no half-written entry; on read, every file is checked
  against the checksums in ``result.json`` and a bad entry is deleted and re-run.
* Importing TensorFlow costs ~5 s per process, so the build runs snippets in a small pool
  of long-lived worker processes (``python -m guide.engine worker``) that import it once.
  A worker that exceeds the timeout is killed and the snippet fails with its name.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import logging
import math
import os
import queue
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
CACHE = Path(os.environ.get("GUIDE_CACHE", ROOT / ".cache" / "snippets"))
LOCK = ROOT / "uv.lock"
TIMEOUT = float(os.environ.get("GUIDE_SNIPPET_TIMEOUT", "180"))
STARTUP_TIMEOUT = 300.0  # a worker's start-up, on a loaded machine
WORKERS = int(os.environ.get("GUIDE_WORKERS", min(2, os.cpu_count() or 1)))

# A figure is saved as SVG unless it shows raster images (imshow: an SVG would only wrap
# them, at a larger size) or its SVG is larger than this (dense scatter and contour
# plots); then as a palette PNG.
SVG_LIMIT = 200_000
PNG_DPI = 200  # 2x for a ~800 px wide column: sharp on high-DPI screens

SEED_LINE = re.compile(r"^SEED = \d+$", re.MULTILINE)

# Set before TensorFlow is imported, in workers and in pytest (tests/conftest.py):
# silences TensorFlow's C++ log lines, which are noise on a page, not warnings.
QUIET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}


@dataclass
class Result:
    name: str  # path under snippets/, e.g. "l1/02_compare.py"
    seed: int | None  # None: the seed written in the file
    key: str
    ok: bool
    stdout: str = ""
    error: str = ""
    seconds: float = 0.0
    figures: list[dict] = field(default_factory=list)  # {"file", "sha256", "alt"}
    values: dict = field(default_factory=dict)  # JSON-able top-level names, for tests
    warnings: list[str] = field(default_factory=list)
    notebook: dict | None = None  # {"file", "sha256"}: the executed .ipynb of a lab
    produced: str = ""  # when it ran (UTC), for the Environment page
    cached: bool = False

    def figure_path(self, i: int) -> Path:
        return CACHE / self.key / self.figures[i]["file"]

    def notebook_path(self) -> Path:
        return CACHE / self.key / self.notebook["file"]

    def value(self, label: str) -> str:
        """The value printed on the output line ``<label>: <value>`` (used for prose)."""
        for line in self.stdout.splitlines():
            head, sep, tail = line.partition(":")
            if sep and head.strip() == label:
                return tail.strip()
        raise KeyError(f"{self.name} prints no line '{label}: ...'")


# ---------------------------------------------------------------------------- keys


def snippet_path(name: str) -> Path:
    return SNIPPETS / name


def source_for(name: str, seed: int | None) -> str:
    """The snippet's source; with ``seed``, its ``SEED = n`` line replaced."""
    src = snippet_path(name).read_text(encoding="utf-8")
    if seed is None:
        return src
    if len(SEED_LINE.findall(src)) != 1:
        raise ValueError(f"{name}: needs exactly one top-level line 'SEED = <int>'")
    return SEED_LINE.sub(f"SEED = {int(seed)}", src)


def _engine_fingerprint() -> bytes:
    lock = LOCK.read_bytes() if LOCK.exists() else b""
    return sys.version.encode() + Path(__file__).read_bytes() + lock


_FINGERPRINT = hashlib.sha256(_engine_fingerprint()).hexdigest()


def cache_key(name: str, seed: int | None, notebook: bool = False) -> str:
    """Same code (after seed substitution), lock file and engine: same key."""
    h = hashlib.sha256()
    h.update(_FINGERPRINT.encode())
    h.update(f"{name}\0{'notebook' if notebook else 'script'}\0".encode())
    h.update(source_for(name, seed).encode())
    return h.hexdigest()[:32]


# --------------------------------------------------------------------------- cache


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_cached(name: str, seed: int | None, notebook: bool = False) -> Result | None:
    key = cache_key(name, seed, notebook)
    entry = CACHE / key
    try:
        data = json.loads((entry / "result.json").read_text(encoding="utf-8"))
        res = Result(**data)
        if res.key != key or res.name != name or not res.ok:
            raise ValueError("foreign entry")
        for art in res.figures + ([res.notebook] if res.notebook else []):
            if _sha(entry / art["file"]) != art["sha256"]:
                raise ValueError("checksum")
        if notebook != bool(res.notebook):
            raise ValueError("foreign entry")
    except FileNotFoundError:
        if entry.exists():  # a directory without result.json: not ours
            shutil.rmtree(entry, ignore_errors=True)
        return None
    except (ValueError, TypeError, KeyError, json.JSONDecodeError):
        print(f"guide: discarding corrupt cache entry {entry.name} ({name})", file=sys.stderr)
        shutil.rmtree(entry, ignore_errors=True)
        return None
    res.cached = True
    return res


def _store(res: Result, figures: list[tuple[str, bytes, str]], notebook: bytes = b"") -> None:
    """Write an entry atomically: a temporary directory renamed into place."""
    res.produced = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{res.key}-", dir=CACHE))
    res.figures = []
    for fname, data, alt in figures:
        (tmp / fname).write_bytes(data)
        res.figures.append({"file": fname, "sha256": hashlib.sha256(data).hexdigest(), "alt": alt})
    if notebook:  # stored as <entry>/labs/<name>.ipynb: the entry can serve as a docs dir
        nb_file = res.name[:-3] + ".ipynb"
        (tmp / nb_file).parent.mkdir(parents=True, exist_ok=True)
        (tmp / nb_file).write_bytes(notebook)
        res.notebook = {"file": nb_file, "sha256": hashlib.sha256(notebook).hexdigest()}
    (tmp / "result.json").write_text(json.dumps(asdict(res), indent=1), encoding="utf-8")
    (tmp / "seconds.json").write_text(json.dumps([res.name, res.seconds]), encoding="utf-8")
    final = CACHE / res.key
    if (final / "result.json").is_file():
        # Another process stored this entry first. Keep it: a build may be reading its
        # figures right now (entries are renamed into place whole, so it is complete).
        shutil.rmtree(tmp, ignore_errors=True)
        return
    shutil.rmtree(final, ignore_errors=True)  # a directory that is not a complete entry
    try:
        os.replace(tmp, final)
    except OSError:  # another process stored the same entry first
        shutil.rmtree(tmp, ignore_errors=True)


# ----------------------------------------------------------------------- execution


def _jsonable(value, depth=0):
    """Top-level names a test may read: numbers, strings, small arrays and containers."""
    import numpy as np

    if depth > 4:
        raise TypeError
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, np.generic):
        return _jsonable(value.item(), depth)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.size <= 100_000:
        return _jsonable(value.tolist(), depth)
    if isinstance(value, list | tuple):
        return [_jsonable(v, depth + 1) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str | int | float) for k in value):
        return {str(k): _jsonable(v, depth + 1) for k, v in value.items()}
    raise TypeError


def _figure_alt(fig) -> str:
    parts = []
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text())
    parts += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "; ".join(parts)


def _palette_png(data: bytes) -> bytes:
    """A plot has few distinct colours: a 256-colour palette PNG looks the same and is
    3-4x smaller than matplotlib's RGBA output (no dithering, so it stays deterministic)."""
    from PIL import Image

    img = Image.open(io.BytesIO(data))
    pal = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    pal.save(out, format="png", optimize=True)
    return out.getvalue()


def _save_figures(captured: list) -> list[tuple[str, bytes, str]]:
    import matplotlib.pyplot as plt

    out = []
    for fig in captured:
        n = len(out) + 1
        data, ext = b"", "png"
        if not any(ax.images for ax in fig.axes):
            buf = io.BytesIO()
            # Fixed hashsalt and no date: the same figure gives the same bytes.
            rc = {"svg.hashsalt": "regularization-guide", "svg.fonttype": "path"}
            with plt.rc_context(rc):
                fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
            data, ext = buf.getvalue(), "svg"
        if ext == "png" or len(data) > SVG_LIMIT:
            buf = io.BytesIO()
            fig.savefig(
                buf, format="png", dpi=PNG_DPI, bbox_inches="tight", metadata={"Software": None}
            )
            data, ext = _palette_png(buf.getvalue()), "png"
        out.append((f"figure-{n}.{ext}", data, _figure_alt(fig)))
        plt.close(fig)
    return out


class _WarningLog(logging.Handler):
    """Collects WARNING-and-above log records (TensorFlow logs its warnings, e.g. about
    retracing, through the logging module rather than the warnings module)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        if any(m.endswith(record.getMessage()) for m in self.messages):
            return  # the same record seen by a second logger
        self.messages.append(f"log {record.levelname} {record.name}: {record.getMessage()}")


def _reset_state() -> None:
    """Undo what one snippet could leak into the next one run by the same worker."""
    import matplotlib
    import matplotlib.pyplot as plt

    plt.close("all")
    matplotlib.rcdefaults()
    if "keras" in sys.modules:
        sys.modules["keras"].backend.clear_session()
    if "tensorflow" in sys.modules:
        # TensorFlow counts retracings per process, keyed on the traced code: without a
        # reset, a snippet could get a "retracing" warning for what earlier ones did.
        from tensorflow.python.eager.polymorphic_function import polymorphic_function as pf

        pf._frequent_tracing_detector_manager = pf._FrequentTracingDetectorManager()


def execute(name: str, seed: int | None = None, notebook: bool = False) -> Result:
    """Run one snippet in this process and store the result in the cache."""
    if notebook:
        return _execute_notebook(name, seed)
    for k, v in QUIET_ENV.items():
        os.environ.setdefault(k, v)
    import matplotlib.pyplot as plt

    key = cache_key(name, seed)
    res = Result(name=name, seed=seed, key=key, ok=False)
    path = snippet_path(name)
    captured: list = []

    def show(*args, **kwargs):  # stands in for plt.show(): keep the open figures
        captured.extend(plt.figure(n) for n in plt.get_fignums() if plt.figure(n) not in captured)

    _reset_state()
    stdout = io.StringIO()
    cwd = os.getcwd()
    workdir = tempfile.mkdtemp(prefix="snippet-")
    globs = {"__name__": "__main__", "__file__": str(path)}
    real_show, plt.show = plt.show, show
    logged = _WarningLog()
    # TensorFlow's warnings (retracing, ...) go through logging, not warnings; its
    # "tensorflow" logger may not propagate to the root logger.
    loggers = {logging.getLogger(), logging.getLogger("tensorflow")}
    for logger in loggers:
        logger.addHandler(logged)
    t0 = time.perf_counter()
    try:
        code = compile(source_for(name, seed), str(path), "exec")
        os.chdir(workdir)
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(stdout):
            warnings.simplefilter("always")
            exec(code, globs)
        res.ok = True
        res.warnings = [
            f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught
        ]
        res.warnings += logged.messages
    except BaseException as exc:  # noqa: BLE001 - a snippet may raise anything, SystemExit too
        tb = traceback.TracebackException.from_exception(exc)
        # Show only the frames inside the snippet and the libraries it called.
        tb.stack = traceback.StackSummary.from_list(
            [f for f in tb.stack if not f.filename.endswith("guide/engine.py")]
        )
        res.error = "".join(tb.format())
        if isinstance(exc, KeyboardInterrupt):
            raise
    finally:
        plt.show = real_show
        for logger in loggers:
            logger.removeHandler(logged)
        os.chdir(cwd)
        written = sorted(os.listdir(workdir))
        shutil.rmtree(workdir, ignore_errors=True)
    res.stdout = stdout.getvalue()
    if res.ok and written:
        res.ok, res.error = False, f"{name}: snippets must not write files, but it wrote {written}"
    if res.ok and res.warnings:
        res.ok = False
        res.error = f"{name}: snippets must print no warnings, but got:\n" + "\n".join(res.warnings)
    show()  # figures left open without plt.show() are kept too
    figures = _save_figures(captured) if res.ok else []
    res.seconds = round(time.perf_counter() - t0, 2)
    _reset_state()
    if res.ok:
        ns_values = {}
        for k, v in globs.items():
            if k.startswith("_"):
                continue
            try:
                ns_values[k] = _jsonable(v)
            except TypeError:
                pass
        res.values = ns_values
        _store(res, figures)
    return res


VALUES_MARK = "\x00guide-values\x00"
# Appended to a lab while it runs and removed before the notebook is stored: it prints
# the lab's top-level values, so tests read the build's own run instead of running the
# lab again as a script.
VALUES_CELL = f"""\
import json as _json, sys as _sys
_sys.path.insert(0, {str(ROOT)!r})
from guide.engine import _jsonable as _guide_jsonable
_guide_values = {{}}
for _k, _v in list(globals().items()):
    if _k.startswith("_") or _k in ("In", "Out", "exit", "quit", "get_ipython"):
        continue
    try:
        _guide_values[_k] = _guide_jsonable(_v)
    except TypeError:
        pass
print({VALUES_MARK!r} + _json.dumps(_guide_values))
"""


def _execute_notebook(name: str, seed: int | None) -> Result:
    """Execute a lab (a jupytext percent script) as a notebook, in a fresh kernel."""
    import jupytext
    import nbclient
    import nbformat

    res = Result(name=name, seed=seed, key=cache_key(name, seed, notebook=True), ok=False)
    nb = jupytext.reads(source_for(name, seed), fmt="py:percent")
    nb.cells.append(nbformat.v4.new_code_cell(VALUES_CELL))
    for i, cell in enumerate(nb.cells):  # jupytext draws random ids: same lab, same bytes
        cell["id"] = f"cell-{i}"
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    workdir = tempfile.mkdtemp(prefix="lab-")
    backend = os.environ.pop("MPLBACKEND", None)  # the kernel draws inline, not with Agg
    t0 = time.perf_counter()
    try:
        client = nbclient.NotebookClient(
            nb,
            timeout=TIMEOUT,
            kernel_name="python3",
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": workdir}},
            # TensorFlow's C++ start-up lines bypass Python and TF_CPP_MIN_LOG_LEVEL;
            # leave fd-level output on the kernel's stderr instead of the notebook.
            # Python warnings still reach the notebook (and fail the build).
            extra_arguments=["--IPKernelApp.capture_fd_output=False"],
        )
        client.execute()
        res.ok = True
    except Exception as exc:  # CellExecutionError carries the cell's (coloured) traceback
        res.error = f"{name}: " + re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
    finally:
        if backend is not None:
            os.environ["MPLBACKEND"] = backend
        written = sorted(os.listdir(workdir))
        shutil.rmtree(workdir, ignore_errors=True)
    res.seconds = round(time.perf_counter() - t0, 2)
    values_out = "".join(o.get("text", "") for o in nb.cells.pop().get("outputs", []))
    if res.ok and VALUES_MARK in values_out:
        res.values = json.loads(values_out.split(VALUES_MARK, 1)[1])
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream"]
    res.stdout = "".join(o.text for o in streams if o.name == "stdout")
    stderr = "".join(o.text for o in streams if o.name == "stderr")
    if res.ok and stderr:
        res.ok, res.error = False, f"{name}: notebooks must print no warnings, but got:\n{stderr}"
    if res.ok and written:
        res.ok, res.error = False, f"{name}: labs must not write files, but it wrote {written}"
    if res.ok:
        for out in (o for c in nb.cells for o in c.get("outputs", [])):
            if "image/png" in out.get("data", {}):  # inline figures: palette PNGs, as above
                png = _palette_png(base64.b64decode(out["data"]["image/png"]))
                out["data"]["image/png"] = base64.b64encode(png).decode()
        _store(res, [], notebook=nbformat.writes(nb).encode())
    return res


def run(name: str, seed: int | None = None, notebook: bool = False) -> Result:
    """The cached result, or run it here (in-process) and cache it."""
    return load_cached(name, seed, notebook) or execute(name, seed, notebook)


# --------------------------------------------------------------------------- pool


Job = tuple[str, "int | None", bool]  # (snippet name, seed or None, run as a notebook)


def _remove_stale_temporaries(age_s: float = 3600.0) -> None:
    """Half-written entries left by a killed run (``.tmp-*``); recent ones may belong to a
    build running right now, so only old ones go."""
    now = time.time()
    for tmp in CACHE.glob(".tmp-*") if CACHE.exists() else []:
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > age_s:
                shutil.rmtree(tmp, ignore_errors=True)


def _last_seconds() -> dict[str, float]:
    """How long each snippet took the last time it ran (any cache entry), for ordering.
    Reads each entry's small ``seconds.json``: result.json can hold megabytes of values."""
    out: dict[str, float] = {}
    for entry in CACHE.glob("*/seconds.json") if CACHE.exists() else []:
        with contextlib.suppress(ValueError, OSError, KeyError, TypeError):
            name, secs = json.loads(entry.read_text(encoding="utf-8"))
            out[name] = max(out.get(name, 0.0), float(secs))
    return out


class Worker:
    """A ``python -m guide.engine worker`` process: imports TensorFlow once, runs many."""

    def __init__(self):
        env = {**os.environ, **QUIET_ENV, "PYTHONPATH": str(ROOT)}
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

    def alive(self) -> bool:
        return self.proc.poll() is None

    def _wait_ready(self) -> str:
        """The worker says "ready" once it has started, and again once it has done its
        warm imports (TensorFlow, before its first snippet). Neither wait counts towards
        the snippet's timeout, so a cold worker's start-up is not charged to it."""
        ready, _, _ = select.select([self.proc.stdout], [], [], STARTUP_TIMEOUT)
        line = self.proc.stdout.readline() if ready else ""
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
        if not notebook and not self.warm:
            try:
                self.proc.stdin.write(json.dumps({"warm": True}) + "\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
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
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else ""
        if not line:
            self.kill()
            if not ready:
                msg = f"{name}: timed out after {timeout:.0f} s (GUIDE_SNIPPET_TIMEOUT)"
            else:
                msg = f"{name}: the worker process died (exit code {self.proc.returncode})"
            return Result(name, seed, key, ok=False, error=msg, seconds=time.perf_counter() - t0)
        return Result(**json.loads(line))

    def kill(self):
        if self.alive():
            self.proc.kill()
        self.proc.wait()

    def close(self):
        if self.alive():
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Pool:
    """Long-lived workers; ``mkdocs serve`` keeps one across rebuilds."""

    def __init__(self, size: int = WORKERS):
        self.size = max(1, size)
        self.workers: list[Worker] = []

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
    _remove_stale_temporaries()
    out = {}
    misses = []
    for job in dict.fromkeys((*j, False)[:3] for j in jobs):
        hit = load_cached(*job)
        if hit:
            out[job] = hit
        else:
            misses.append(job)
    last = _last_seconds() if misses else {}
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
    return sorted(p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.rglob("*.py"))


# ------------------------------------------------------------------------- worker


def _worker_main() -> None:
    # The protocol uses the real stdout; anything else that writes to fd 1 (C code)
    # goes to stderr, so it cannot corrupt a reply.
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), write_through=True)
    for k, v in QUIET_ENV.items():
        os.environ.setdefault(k, v)
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
        res = execute(job["name"], job["seed"], job.get("notebook", False))
        proto.write(json.dumps(asdict(res)) + "\n")


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    _worker_main()
