"""guide/engine.py under failure: broken snippets, a corrupt cache, hung and killed workers.

Every test uses temporary snippet files and a temporary cache (``guide.cache.SNIPPETS``
and ``guide.cache.CACHE`` point to a temporary directory; ``GUIDE_CACHE`` too, for workers).
Worker processes read snippets from the real ``snippets/`` (the engine has no environment
override for it), so jobs sent to a worker name their file by absolute path:
``SNIPPETS / "/abs/x.py"`` is ``/abs/x.py``.

The snippets are tiny and import no TensorFlow. Workers still import it when they start
(~5 s each), so the worker tests share one pool and start as few workers as they can.
"""

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import ROOT

from guide import cache as cache_module
from guide import engine, runner

# One pytest-xdist worker runs this whole module (with --dist loadgroup), so one pool
# serves all the worker tests.
pytestmark = pytest.mark.xdist_group("engine")

SLOW_START = 120  # seconds a cold worker may take to import TensorFlow on a busy machine

OK_SRC = '''
    """Prints a number."""

    SEED = 0
    print("answer:", 6 * 7)
'''

FIGURE_SRC = '''
    """Prints a number and draws a figure."""

    import matplotlib.pyplot as plt

    SEED = 0
    print("answer:", 42)
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [0, 1])
    ax.set_title("a line")
    plt.show()
'''


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """Temporary snippets/ and cache/ for this module; workers started here use the cache."""
    base = tmp_path_factory.mktemp("engine")
    snippets, cache, tmp = base / "snippets", base / "cache", base / "tmp"
    snippets.mkdir()
    tmp.mkdir()

    def write(name: str, src: str) -> str:
        path = snippets / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(src).lstrip(), encoding="utf-8")
        return name

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cache_module, "SNIPPETS", snippets)
        mp.setattr(cache_module, "CACHE", cache)
        mp.setenv("GUIDE_CACHE", str(cache))
        # Workers make each snippet's working directory here: a killed worker leaves its
        # directory behind (nothing removes it), and pytest cleans this one up.
        mp.setenv("TMPDIR", str(tmp))
        yield SimpleNamespace(base=base, snippets=snippets, cache=cache, write=write)


@pytest.fixture(scope="module")
def pool(sandbox):
    """One worker, shared: the worker tests kill it on purpose and the pool replaces it."""
    p = engine.Pool(1)
    yield p
    p.close()


def job(name: str) -> tuple:
    """A pool job: (name, seed, as a notebook)."""
    return (name, None, False)


def only(results: dict) -> engine.Result:
    (res,) = results.values()
    return res


def entries(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


# ------------------------------------------------------------- (a) a snippet that raises


def test_a_raising_snippet_fails_with_its_name_and_the_exception(sandbox):
    name = sandbox.write(
        "a/01_raises.py",
        '''
        """Divides by zero."""

        SEED = 0


        def ratio(a, b):
            return a / b


        print("before")
        print(ratio(1, 0))
        ''',
    )
    res = engine.run(name)
    assert not res.ok
    assert "01_raises.py" in res.error and "ZeroDivisionError" in res.error, res.error
    assert "return a / b" in res.error, "the traceback shows the snippet's line"
    assert "guide/runner.py" not in res.error, "the runner's frames are hidden"
    assert res.stdout == "before\n"
    assert engine.load_cached(name, None) is None
    assert res.key not in entries(sandbox.cache), "a failure is never cached"


def test_a_raising_snippet_fails_the_build_with_its_path(tmp_path):
    """A real `mkdocs build` with the hook, on a throw-away project with a copy of guide/."""
    proj = tmp_path / "proj"
    (proj / "guide").mkdir(parents=True)
    for f in (ROOT / "guide").glob("*.py"):
        shutil.copy(f, proj / "guide" / f.name)
    (proj / "mkdocs.yml").write_text(
        textwrap.dedent(
            """
            site_name: t
            hooks: [guide/hooks.py]
            markdown_extensions:
              - pymdownx.superfences
              - pymdownx.snippets:
                  base_path: [snippets]
                  check_paths: true
            """
        )
    )
    (proj / "docs").mkdir()
    (proj / "docs" / "index.md").write_text(
        '# t\n\n```python title="ok/01_fine.py"\n--8<-- "ok/01_fine.py"\n```\n\n'
        '```python title="bad/01_boom.py"\n--8<-- "bad/01_boom.py"\n```\n'
    )
    for name, src in [("ok/01_fine.py", OK_SRC), ("bad/01_boom.py", OK_SRC + "    1 / 0\n")]:
        (proj / "snippets" / name).parent.mkdir(parents=True, exist_ok=True)
        (proj / "snippets" / name).write_text(textwrap.dedent(src).lstrip())
    env = {
        **os.environ,
        "GUIDE_CACHE": str(proj / ".cache"),
        "GUIDE_WORKERS": "1",
        "TMPDIR": str(tmp_path),
        "NO_MKDOCS_2_WARNING": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=proj,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log
    assert "--- snippets/bad/01_boom.py" in log and "ZeroDivisionError" in log, log
    assert "01_fine.py" not in log.split("snippets failed", 1)[1], "only the failure is listed"
    # The snippet that worked is cached: fixing the broken one re-runs only that one.
    stored = [json.loads(p.read_text())["name"] for p in (proj / ".cache").glob("*/result.json")]
    assert stored == ["ok/01_fine.py"], stored


# ------------------------------------------------------------------- (b) corrupt cache


def _truncate_json(entry: Path):
    p = entry / "result.json"
    p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])


def _alter_figure(entry: Path):
    fig = next(entry.glob("figure-*"))
    data = bytearray(fig.read_bytes())
    data[len(data) // 2] ^= 0xFF
    fig.write_bytes(bytes(data))


def _delete_figure(entry: Path):
    next(entry.glob("figure-*")).unlink()


def _drop_result_json(entry: Path):  # a directory that is not an entry of ours
    (entry / "result.json").unlink()
    (entry / "stray.txt").write_text("not a cache entry")


def _foreign_result(entry: Path):  # another key's result.json under this key
    p = entry / "result.json"
    data = json.loads(p.read_text())
    data["key"] = "0" * 32
    p.write_text(json.dumps(data))


def _failed_result(entry: Path):
    p = entry / "result.json"
    data = json.loads(p.read_text())
    data["ok"] = False
    p.write_text(json.dumps(data))


def _unknown_field(entry: Path):  # written by another engine version
    p = entry / "result.json"
    data = json.loads(p.read_text())
    data["from_the_future"] = 1
    p.write_text(json.dumps(data))


def _not_utf8(entry: Path):
    (entry / "result.json").write_bytes(b"\xff\xfe\x00garbage")


def _alter_values(entry: Path):
    p = entry / "values.json"
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x01
    p.write_bytes(bytes(data))


def _delete_values(entry: Path):
    (entry / "values.json").unlink()


CORRUPTIONS = [
    _truncate_json,
    _alter_figure,
    _delete_figure,
    _drop_result_json,
    _foreign_result,
    _failed_result,
    _unknown_field,
    _not_utf8,
    _alter_values,
    _delete_values,
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__.strip("_"))
def test_a_corrupt_cache_entry_is_detected_and_rerun(sandbox, corrupt):
    name = sandbox.write(f"b/{corrupt.__name__.strip('_')}.py", FIGURE_SRC)
    first = engine.run(name)
    assert first.ok and not first.cached and len(first.figures) == 1, first.error
    assert engine.run(name).cached, "a good entry is reused"
    entry = sandbox.cache / first.key

    corrupt(entry)
    assert engine.load_cached(name, None) is None, f"{corrupt.__name__} was not detected"
    assert not entry.exists(), "a bad entry is deleted"
    again = engine.run(name)
    assert again.ok and not again.cached, "it ran again"
    assert again.stdout == first.stdout and again.figures == first.figures
    hit = engine.load_cached(name, None)
    assert hit is not None and hit.figure_path(0).read_bytes()


@pytest.mark.parametrize("stray", ["{}", "[]", '{"name": "x", "seconds": "slow"}'])
def test_an_unrelated_directory_in_the_cache_is_ignored(sandbox, stray):
    name = sandbox.write("b/neighbour.py", OK_SRC)
    assert engine.run(name).ok  # cached now: run_many below needs no worker
    foreign = sandbox.cache / "someone-elses-dir"
    foreign.mkdir(parents=True, exist_ok=True)
    (foreign / "result.json").write_text(stray)
    try:
        res = only(engine.run_many([job(name)]))
        assert res.ok and res.cached
        assert (foreign / "result.json").read_text() == stray, "not ours: left alone"
    finally:
        shutil.rmtree(foreign)


# --------------------------------------------------------- (c) a snippet that hangs


def test_a_hanging_snippet_times_out_with_its_name_and_the_pool_recovers(sandbox, pool):
    ok = str(sandbox.snippets / sandbox.write("c/01_ok.py", OK_SRC))
    hang = str(
        sandbox.snippets
        / sandbox.write("c/02_hang.py", OK_SRC + "    import time\n    time.sleep(1000)\n")
    )
    # Warm the worker first (its start-up is not charged to the snippet, see
    # test_the_timeout_does_not_count_worker_start_up, but keep this test quick).
    assert pool.map([job(ok)], timeout=SLOW_START)[0].ok
    old = pool.workers[0].proc

    t0 = time.perf_counter()
    res = only(engine.run_many([job(hang)], pool=pool, timeout=3))
    took = time.perf_counter() - t0
    assert not res.ok
    assert "02_hang.py" in res.error and "timed out" in res.error, res.error
    assert took < 30, f"the timeout took {took:.0f} s to fire"
    assert old.poll() is not None, "the hung worker was killed"
    assert engine.load_cached(hang, None) is None

    fresh = pool.map([job(ok)], timeout=SLOW_START)[0]  # the next job, on a new worker
    assert fresh.ok and fresh.stdout == "answer: 42\n", fresh.error
    assert pool.workers[0].proc is not old and pool.workers[0].alive()


def test_the_timeout_does_not_count_worker_start_up(sandbox):
    ok = str(sandbox.snippets / sandbox.write("c/03_quick.py", OK_SRC))
    cold = engine.Pool(1)
    try:
        res = cold.map([job(ok)], timeout=2)[0]  # importing TensorFlow alone takes > 2 s
    finally:
        cold.close()
    assert res.ok, res.error


def test_a_started_pool_runs_its_first_snippet_warm(sandbox):
    """`mkdocs serve` starts its workers and their warm imports before any snippet: the
    worker's second "ready" must still be read before the first reply."""
    ok = str(sandbox.snippets / sandbox.write("c/03b_started.py", OK_SRC))
    started = engine.Pool(1)
    try:
        started.start()
        worker = started.workers[0]
        assert worker.warm_asked
        # Both "ready"s are waiting before the first job: select() on the buffered pipe
        # saw only the first, and the first job then waited for a reply that had come.
        deadline = time.monotonic() + SLOW_START
        while worker.replies.qsize() < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        res = started.map([job(ok)], timeout=SLOW_START)[0]
    finally:
        started.close()
    assert res.ok and res.stdout == "answer: 42\n", res.error


# ----------------------------------------------------- (d) an interrupted run, no entry


def test_a_worker_killed_mid_snippet_leaves_no_cache_entry(sandbox, pool):
    marker = sandbox.base / "d-started"
    slow = str(
        sandbox.snippets
        / sandbox.write(
            "d/01_slow.py",
            OK_SRC
            + "    import pathlib\n    import time\n\n"
            + f"    pathlib.Path({str(marker)!r}).touch()\n    time.sleep(60)\n",
        )
    )
    out = {}
    runner = threading.Thread(
        target=lambda: out.update(engine.run_many([job(slow)], pool=pool, timeout=SLOW_START))
    )
    runner.start()
    deadline = time.monotonic() + SLOW_START
    while not marker.exists():
        assert time.monotonic() < deadline and runner.is_alive(), "the snippet never started"
        time.sleep(0.1)
    os.kill(pool.workers[0].proc.pid, signal.SIGKILL)  # the worker this test's pool started
    runner.join(timeout=30)
    assert not runner.is_alive()
    res = only(out)
    assert not res.ok and "01_slow.py" in res.error and "died" in res.error, res.error
    assert res.key not in entries(sandbox.cache)
    assert not [e for e in entries(sandbox.cache) if e.startswith(".tmp-")]
    assert engine.load_cached(slow, None) is None


def test_an_interrupted_store_leaves_only_a_tmp_directory(sandbox, monkeypatch):
    """Interrupted between writing the files and the rename: no entry under the key."""
    name = sandbox.write("d/02_store.py", FIGURE_SRC)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.execute(name)
    monkeypatch.undo()
    key = engine.cache_key(name, None)
    assert key not in entries(sandbox.cache)
    assert [e for e in entries(sandbox.cache) if e.startswith(f".tmp-{key}-")], "half-written"
    assert engine.load_cached(name, None) is None
    assert engine.run(name).ok and engine.load_cached(name, None) is not None
    for stale in sandbox.cache.glob(f".tmp-{key}-*"):
        shutil.rmtree(stale)


def test_every_cache_entry_is_complete(sandbox):
    """Whatever the tests above did: each entry without the .tmp- prefix loads."""
    for entry in sandbox.cache.iterdir() if sandbox.cache.exists() else []:
        if entry.name.startswith(".tmp-") or not (entry / "result.json").exists():
            continue
        data = json.loads((entry / "result.json").read_text())
        assert data["key"] == entry.name, f"{entry.name} holds {data['key']}'s result"
        hit = engine.load_cached(data["name"], data["seed"])
        assert hit is not None, f"incomplete entry {entry.name} ({data['name']})"


def test_a_run_freezes_the_imports_so_resets_between_runs_scan_little(sandbox):
    """Keras's clear_session(), before and after every run, collects garbage. The objects
    the imports made (~370,000) are frozen at the first run in a process, so a
    collection scans only a small share of the objects alive."""
    name = sandbox.write("c/05_frozen.py", OK_SRC)
    assert engine.run(name).ok
    frozen, scanned = gc.get_freeze_count(), len(gc.get_objects())
    assert frozen > 5 * scanned, f"{frozen} objects frozen, {scanned} scanned"


# --------------------------------------------------------- (e) a snippet that writes


@pytest.mark.parametrize(
    "code, written",
    [
        ("open('results.csv', 'w').write('1,2\\n')", "results.csv"),
        ("import os\n    os.makedirs('out/figs')", "out"),
        ("import matplotlib.pyplot as plt\n    plt.plot([1])\n    plt.savefig('f.png')", "f.png"),
    ],
    ids=["open", "makedirs", "savefig"],
)
def test_a_snippet_that_writes_a_file_fails(sandbox, code, written):
    name = sandbox.write(f"e/{written.replace('.', '_')}.py", OK_SRC + f"    {code}\n")
    res = engine.run(name)
    assert not res.ok
    assert name in res.error and "must not write files" in res.error, res.error
    assert written in res.error, res.error
    assert engine.load_cached(name, None) is None
    assert not res.figures


# ------------------------------------------------------------- (f) a snippet that warns


@pytest.mark.parametrize("category", ["UserWarning", "DeprecationWarning", "RuntimeWarning"])
def test_a_snippet_that_warns_fails(sandbox, category):
    name = sandbox.write(
        f"f/{category}.py",
        OK_SRC + f"    import warnings\n\n    warnings.warn('careful', {category})\n",
    )
    res = engine.run(name)
    assert not res.ok
    assert name in res.error and "must print no warnings" in res.error, res.error
    assert f"{category}: careful" in res.error, res.error
    assert engine.load_cached(name, None) is None


def test_a_numpy_warning_fails(sandbox):
    name = sandbox.write("f/numpy.py", OK_SRC + "    import numpy as np\n\n    np.log(0.0)\n")
    res = engine.run(name)
    assert not res.ok and "RuntimeWarning: divide by zero" in res.error, res.error


def test_a_warning_logged_by_a_library_fails(sandbox):
    name = sandbox.write(
        "f/logged.py",
        OK_SRC + "    import logging\n\n"
        "    logging.getLogger('tensorflow').warning('5 out of the last 5 calls retraced')\n",
    )
    assert not engine.run(name).ok


# ------------------------------------------------------------ values a test may read

VALUES_SRC = '''
    """Top-level values of several kinds."""

    import numpy as np

    SEED = 0
    curve = np.linspace(0, 1, 5)
    table = {"a": [1, 2], "b": {"c": "text"}}
    print("done")
'''


def test_values_are_stored_apart_and_read_by_name(sandbox, pool, monkeypatch):
    """A worker's reply leaves the values in the entry; each name is parsed when used."""
    name = str(sandbox.snippets / sandbox.write("v/values.py", VALUES_SRC))  # for the worker
    expected = {
        "SEED": 0,
        "curve": [0.0, 0.25, 0.5, 0.75, 1.0],
        "table": {"a": [1, 2], "b": {"c": "text"}},
    }
    replies = []
    reply = engine.Worker._reply
    monkeypatch.setattr(
        engine.Worker, "_reply", lambda self, t: replies.append(reply(self, t)) or replies[-1]
    )
    fresh = pool.map([job(name)], timeout=SLOW_START)[0]
    assert fresh.ok and not fresh.cached, fresh.error
    assert json.loads(replies[-1])["values"] == {}, "the values went through the pipe"
    assert dict(fresh.values) == expected
    stored = engine.load_cached(name, None)
    assert isinstance(stored.values, cache_module.StoredValues)
    assert "curve" in stored.values and "missing" not in stored.values
    assert not stored.values._read, "'in' parsed a value"
    assert stored.values["curve"] == expected["curve"]
    assert list(stored.values._read) == ["curve"], "only the name used was parsed"
    assert dict(stored.values) == expected and list(stored.values) == list(expected)
    with pytest.raises(KeyError):
        stored.values["missing"]
    assert json.loads((sandbox.cache / stored.key / "result.json").read_text())["values"] == {}
    shutil.rmtree(sandbox.cache / stored.key)  # a kept Result's values are in memory
    assert stored.values["table"] == expected["table"]


def test_a_run_whose_entry_another_process_stored_keeps_its_own_values(sandbox):
    """The entry in place is the first one stored; a later run of the same key must not
    be given that entry's values file (its offsets are this run's)."""
    first = cache_module.Result("v/race.py", None, "f" * 32, ok=True, values={"loss": 0.515})
    second = cache_module.Result("v/race.py", None, "f" * 32, ok=True, values={"loss": 0.5})
    cache_module.store(first, {})
    cache_module.store(second, {})
    assert first.values_file is not None and second.values_file is None
    assert cache_module.read_values_from_entry(second).values == {"loss": 0.5}
    assert dict(cache_module.read_values_from_entry(first).values) == {"loss": 0.515}
    shutil.rmtree(sandbox.cache / ("f" * 32))


def test_values_keep_arrays_exactly_and_mark_non_finite_numbers():
    jsonable = runner.jsonable
    assert jsonable(np.array([[0.1, 2]], dtype="float32")) == [[float(np.float32(0.1)), 2.0]]
    assert jsonable(np.array([1.0, np.nan, -np.inf])) == [1.0, "nan", "-inf"]
    assert jsonable({"ok": np.array([True]), "n": np.int64(3)}) == {"ok": [True], "n": 3}
    # Nesting deeper than four levels is not a value a test reads: the name is left out.
    assert jsonable(np.zeros((1, 1, 1, 1))) == [[[[0.0]]]]
    with pytest.raises(TypeError):
        jsonable(np.zeros((1, 1, 1, 1, 1)))
    with pytest.raises(TypeError):
        jsonable({"a": np.zeros((1, 1, 1, 1))})
