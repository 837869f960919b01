"""Runs one snippet in this process: fresh globals, captured output and figures.

* A snippet runs with fresh globals as ``__main__`` in a fresh, empty working directory.
  Its stdout is captured; ``plt.show()`` saves every open figure (as sphinx-gallery does),
  so snippets never write files themselves. A snippet that writes a file or warns fails.
* A lab (a jupytext percent script) runs as a notebook in a fresh Jupyter kernel.
* What a run produces is stored with :func:`guide.cache.store`. This file is part of the
  cache key: changing it re-runs every snippet.

``guide/engine.py`` decides where and when this runs (a pool of long-lived workers).
"""

from __future__ import annotations

import base64
import contextlib
import gc
import hashlib
import io
import json
import logging
import math
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

from guide.cache import ROOT, Result, cache_key, page_seed, snippet_path, source_for, store
from guide.figures import apply_style, inline_backend_config, palette_png, save_figures
from guide.single_trace import install as trace_steps_once

# Set before TensorFlow is imported: in workers, in lab kernels (they inherit it), in
# pytest (tests/conftest.py) and in the copy-paste gate.
# - TF_CPP_MIN_LOG_LEVEL silences TensorFlow's C++ log lines (noise, not warnings).
# - One thread per op. The build runs two workers on two cores, and TensorFlow's
#   default of one thread per core made them fight. It also makes results independent of
#   the number of cores: Eigen splits a large matrix product across threads, so the
#   summation order (and the last digits) followed the core count.
RUN_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def set_run_env() -> None:
    """Apply RUN_ENV to this process (before TensorFlow's import) and its children."""
    os.environ.update(RUN_ENV)


def jsonable(value, depth=0):
    """Top-level names a test may read: numbers, strings, small arrays and containers."""
    import numpy as np

    if depth > 4:
        raise TypeError
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, np.generic):
        return jsonable(value.item(), depth)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.size <= 100_000:
        if value.ndim and depth + value.ndim <= 4 and np.isfinite(value).all():
            return value.tolist()  # what the element-wise path below gives, at C speed
        return jsonable(value.tolist(), depth)
    if isinstance(value, list | tuple):
        return [jsonable(v, depth + 1) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str | int | float) for k in value):
        return {str(k): jsonable(v, depth + 1) for k, v in value.items()}
    raise TypeError


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


def _freeze_imports() -> None:
    """Once per process, move every object alive (the imported modules') to the
    permanent generation, which garbage collection never scans. Keras's clear_session(),
    run before and after every snippet (below), collects garbage. It scanned the
    ~370,000 objects the imports make (two thirds TensorFlow's and Keras's), ~0.2 s a
    time and ~0.4 s a run; frozen, ~1 ms. Freezing changes no object (they are only
    never collected), so no number changes."""
    if not gc.get_freeze_count():
        gc.collect()
        gc.freeze()


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


def execute(
    name: str, seed: int | None = None, notebook: bool = False, timeout: float = 180.0
) -> Result:
    """Run one snippet in this process and store the result in the cache. ``timeout``
    bounds a lab's cells (a snippet's timeout is the worker pool's job)."""
    if notebook:
        return _execute_notebook(name, seed, timeout)
    set_run_env()
    import matplotlib.pyplot as plt

    seed = page_seed(name, seed)
    draws = seed is None  # runs on other seeds are for the claim tests: numbers only
    key = cache_key(name, seed)
    res = Result(name=name, seed=seed, key=key, ok=False)
    path = snippet_path(name)
    captured: list = []

    def show(*args, **kwargs):  # stands in for plt.show(): keep the open figures
        captured.extend(plt.figure(n) for n in plt.get_fignums() if plt.figure(n) not in captured)

    trace_steps_once()  # imports TensorFlow, so its objects exist when frozen below
    _freeze_imports()
    _reset_state()
    if draws:
        apply_style()  # sizes, fonts, colours: what a pasted snippet's figure lacks
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
            [f for f in tb.stack if not f.filename.endswith("guide/runner.py")]
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
    figures = save_figures(captured) if res.ok and draws else ([], {})
    res.seconds = round(time.perf_counter() - t0, 2)
    _reset_state()
    if res.ok:
        ns_values = {}
        for k, v in globs.items():
            if k.startswith("_"):
                continue
            try:
                ns_values[k] = jsonable(v)
            except TypeError:
                pass
        res.values = ns_values
        res.figures, files = figures
        store(res, files)
    return res


VALUES_MARK = "\x00guide-values\x00"
# Appended to a lab while it runs and removed before the notebook is stored: it prints
# the lab's top-level values, so tests read the build's own run instead of running the
# lab again as a script.
VALUES_CELL = f"""\
import json as _json, sys as _sys
_sys.path.insert(0, {str(ROOT)!r})
from guide.runner import jsonable as _guide_jsonable
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


def _execute_notebook(name: str, seed: int | None, timeout: float) -> Result:
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
    # The kernel's inline figures in the site's style: an IPython profile of our own.
    ipython_dir = tempfile.mkdtemp(prefix="lab-ipython-")
    profile = Path(ipython_dir) / "profile_default"
    profile.mkdir()
    # Trace each train step once (guide/single_trace.py); the repo leaves sys.path again.
    startup = f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
    startup += "from guide.single_trace import install; install()\n"
    startup += "del sys.path[0], sys, install\n"
    (profile / "ipython_kernel_config.py").write_text(
        inline_backend_config() + f"c.InteractiveShellApp.exec_lines = [{startup!r}]\n"
    )
    ipython_before = os.environ.get("IPYTHONDIR")
    os.environ["IPYTHONDIR"] = ipython_dir
    t0 = time.perf_counter()
    try:
        client = nbclient.NotebookClient(
            nb,
            timeout=timeout,
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
        if ipython_before is None:
            os.environ.pop("IPYTHONDIR", None)
        else:
            os.environ["IPYTHONDIR"] = ipython_before
        shutil.rmtree(ipython_dir, ignore_errors=True)
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
                png = palette_png(base64.b64decode(out["data"]["image/png"]))
                out["data"]["image/png"] = base64.b64encode(png).decode()
        data = nbformat.writes(nb).encode()
        # Stored as <entry>/labs/<name>.ipynb: the entry can serve as a docs dir.
        nb_file = name[:-3] + ".ipynb"
        res.notebook = {"file": nb_file, "sha256": hashlib.sha256(data).hexdigest()}
        store(res, {nb_file: data})
    return res
