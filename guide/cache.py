"""The snippet cache: results keyed by everything that can change what a snippet prints.

A key hashes the snippet's source (after seed substitution), the locked versions of the
runtime packages (``uv.lock``, development tools excluded), the Python version, the code
that runs snippets (``guide/runner.py`` and this file; ``guide/figures.py`` for a page's
own run, which saves figures) and the machine's CPU. The CPU is in the key because
TensorFlow's oneDNN and Eigen kernels choose code paths by CPU features, so the same seed
gives different last digits on another CPU model: a result computed on one machine is
never passed off as this machine's (CI restores the cache from earlier runners). The
worker pool (``guide/engine.py``) is not in the key: changing how snippets are scheduled
does not change what they print.

An entry is a directory written under a temporary name and renamed into place, so an
interrupted run leaves no half-written entry; on read, every file is checked against the
checksums in ``result.json`` and a bad entry is deleted (and so re-run). It holds
``result.json`` (what the snippet printed, and the rest of :class:`Result`), its figures,
a lab's executed notebook, and ``values.json``: the top-level values tests read, each
name's JSON at its own byte range, parsed only when read (:class:`StoredValues`). Parsing
every entry's values whole took 3 s of each warm build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
# Absolute: workers run in ROOT, and a relative GUIDE_CACHE must name the same directory.
CACHE = Path(os.environ.get("GUIDE_CACHE", ROOT / ".cache" / "snippets")).resolve()
LOCK = ROOT / "uv.lock"
GUIDE = Path(__file__).resolve().parent
KEYED_CODE = ("runner.py", "cache.py", "single_trace.py")  # what runs a snippet
FIGURE_CODE = ("figures.py",)  # what saves its figures: keyed for page runs only

SEED_LINE = re.compile(r"^SEED = \d+$", re.MULTILINE)


@dataclass
class Result:
    name: str  # path under snippets/, e.g. "l1/02_compare.py"
    seed: int | None  # None: the seed written in the file
    key: str
    ok: bool
    stdout: str = ""
    error: str = ""
    seconds: float = 0.0
    figures: list[dict] = field(default_factory=list)  # {"file", "sha256", "alt", ...}
    values: Mapping = field(default_factory=dict)  # JSON-able top-level names, for tests
    # In an entry, the values are in their own file, each name's JSON at a byte range:
    # {"file", "sha256", "at": {name: [start, end]}}. Reading one name parses only it
    # (an entry can hold megabytes of arrays; a build reads a few numbers from most).
    values_file: dict | None = None
    warnings: list[str] = field(default_factory=list)
    notebook: dict | None = None  # {"file", "sha256"}: the executed .ipynb of a lab
    produced: str = ""  # when it ran (UTC), for the Environment page
    machine: str = ""  # the CPU it ran on (see machine())
    cached: bool = False

    def as_json(self) -> dict:
        """The fields as a dict for ``json.dumps`` (shallow: asdict's deep copy of
        megabytes of values took longer than encoding them). Stored values stay in
        their entry: ``values`` is then ``{}`` and ``values_file`` says where they are."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        if isinstance(self.values, StoredValues):
            out["values"] = {}
        return out

    def figure_path(self, i: int, variant: str = "file") -> Path:
        return CACHE / self.key / self.figures[i][variant]

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


def machine() -> str:
    """The CPU model and the instruction-set extensions TensorFlow's kernels dispatch on,
    e.g. ``x86_64 AMD EPYC (avx avx2 fma)``. Read from /proc/cpuinfo where there is one."""
    model, isa = platform.processor() or "", []
    with contextlib.suppress(OSError):
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        if m := re.search(r"^model name\s*:\s*(.+)$", info, re.MULTILINE):
            model = m[1].strip()
        if m := re.search(r"^(?:flags|Features)\s*:\s*(.+)$", info, re.MULTILINE):
            simd = re.compile(r"^(avx\w*|amx\w*|fma|f16c|sse4_[12]|asimd\w*|sve\w*|sme\w*)$")
            isa = sorted(f for f in m[1].split() if simd.match(f))
    return f"{platform.machine()} {model} ({' '.join(isa)})".replace("  ", " ")


def runtime_packages(lock: Path = LOCK) -> list[str]:
    """``name==version`` of every package the site's runtime dependencies pull in,
    read from ``uv.lock``. Development tools (pytest, ruff, Playwright, axe) are left
    out: adding one does not change what a snippet prints, so it re-runs nothing."""
    import tomllib

    if not lock.exists():
        return []
    packages = tomllib.loads(lock.read_text(encoding="utf-8"))["package"]
    by_name: dict[str, list[dict]] = {}
    for package in packages:
        by_name.setdefault(package["name"], []).append(package)
    roots = [
        p
        for p in packages
        if p.get("source", {}).get("virtual") or "editable" in p.get("source", {})
    ]
    todo = [d["name"] for r in roots for d in r.get("dependencies", [])]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for package in by_name.get(name, []):
            todo += [d["name"] for d in package.get("dependencies", [])]
    return sorted(f"{p['name']}=={p['version']}" for n in seen for p in by_name.get(n, []))


def _fingerprint(files: tuple[str, ...]) -> str:
    h = hashlib.sha256(sys.version.encode() + machine().encode())
    h.update("\n".join(runtime_packages()).encode())
    for name in files:
        path = GUIDE / name
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


_FINGERPRINT = _fingerprint(KEYED_CODE)
_PAGE_FINGERPRINT = _fingerprint(KEYED_CODE + FIGURE_CODE)


def page_seed(name: str, seed: int | None) -> int | None:
    """None for the page's own run: no seed, or the seed the snippet's file already says
    (``run(name, 0)`` is the build's run of a snippet with ``SEED = 0``)."""
    if seed is None or source_for(name, seed) == source_for(name, None):
        return None
    return int(seed)


def cache_key(name: str, seed: int | None, notebook: bool = False) -> str:
    """Same code (after seed substitution), lock file, runner and CPU: same key. A page's
    own run saves figures, so its key covers the figure code too."""
    seed = page_seed(name, seed)
    h = hashlib.sha256()
    h.update((_PAGE_FINGERPRINT if seed is None else _FINGERPRINT).encode())
    h.update(f"{name}\0{'notebook' if notebook else 'script'}\0".encode())
    h.update(source_for(name, seed).encode())
    return h.hexdigest()[:32]


# ------------------------------------------------------------------- read and write


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _artifacts(res: Result) -> list[tuple[str, str]]:
    """(file, sha256) of the figures and notebook an entry holds."""
    out = []
    for fig in res.figures:
        out.append((fig["file"], fig["sha256"]))
        if fig.get("dark"):
            out.append((fig["dark"], fig["dark_sha256"]))
    if res.notebook:
        out.append((res.notebook["file"], res.notebook["sha256"]))
    return out  # values.json is checked as it is read (read_values_from_entry)


class StoredValues(Mapping):
    """An entry's values, read and verified whole, each name parsed on first access.

    ``data``: the bytes of values.json; ``at``: each name's ``[start, end]`` in it."""

    def __init__(self, data: bytes, at: dict[str, list[int]]):
        self._data, self._at, self._read = memoryview(data), at, {}

    def __getitem__(self, name: str):
        if name not in self._read:
            start, end = self._at[name]  # KeyError: no such value
            self._read[name] = json.loads(self._data[start:end].tobytes())
        return self._read[name]

    def __contains__(self, name) -> bool:  # without parsing (Mapping's would)
        return name in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __repr__(self) -> str:
        return f"StoredValues({list(self._at)})"


def read_values_from_entry(res: Result) -> Result:
    """Give ``res`` the values its entry stored (``res.values_file``), checked against
    their checksum. Raises OSError or ValueError if the file is gone or not the one
    recorded."""
    if res.values_file:
        data = (CACHE / res.key / res.values_file["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != res.values_file["sha256"]:
            raise ValueError(f"{res.name}: values.json is not the one its result records")
        res.values = StoredValues(data, res.values_file["at"])
    return res


def _values_file(values: Mapping) -> tuple[bytes, dict[str, list[int]]]:
    """The values as one file of JSON texts, one per name, and each name's byte range."""
    parts, at, pos = [], {}, 0
    for name, value in values.items():
        data = json.dumps(value).encode()
        parts.append(data)
        at[name] = [pos, pos + len(data)]
        pos += len(data)
    return b"".join(parts), at


def load_cached(name: str, seed: int | None, notebook: bool = False) -> Result | None:
    key = cache_key(name, seed, notebook)
    entry = CACHE / key
    try:
        data = json.loads((entry / "result.json").read_text(encoding="utf-8"))
        res = Result(**data)
        if res.key != key or res.name != name or not res.ok:
            raise ValueError("foreign entry")
        for file, sha in _artifacts(res):
            if _sha(entry / file) != sha:
                raise ValueError("checksum")
        if notebook != bool(res.notebook):
            raise ValueError("foreign entry")
        read_values_from_entry(res)
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


def store(res: Result, files: dict[str, bytes]) -> None:
    """Write an entry atomically: a temporary directory renamed into place. ``files`` are
    the figures and notebook that ``res`` names, by file name; ``res.values`` go to
    values.json. Sets ``res.values_file`` only if this entry is the one now in place (not
    one another process stored first, whose values file is not this run's)."""
    res.produced = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    res.machine = machine()
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{res.key}-", dir=CACHE))
    for fname, data in files.items():
        (tmp / fname).parent.mkdir(parents=True, exist_ok=True)
        (tmp / fname).write_bytes(data)
    values, at = _values_file(res.values)
    (tmp / "values.json").write_bytes(values)
    values_file = {"file": "values.json", "sha256": hashlib.sha256(values).hexdigest(), "at": at}
    data = {**res.as_json(), "values": {}, "values_file": values_file}
    (tmp / "result.json").write_text(json.dumps(data), encoding="utf-8")
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
        return
    res.values_file = values_file  # this run's values are the entry's


def remove_stale_temporaries(age_s: float = 3600.0) -> None:
    """Half-written entries left by a killed run (``.tmp-*``); recent ones may belong to a
    build running right now, so only old ones go."""
    now = time.time()
    for tmp in CACHE.glob(".tmp-*") if CACHE.exists() else []:
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > age_s:
                shutil.rmtree(tmp, ignore_errors=True)


def last_seconds() -> dict[str, float]:
    """How long each snippet took the last time it ran (any cache entry), for ordering.
    Reads each entry's small ``seconds.json``, not its result.json."""
    out: dict[str, float] = {}
    for entry in CACHE.glob("*/seconds.json") if CACHE.exists() else []:
        with contextlib.suppress(ValueError, OSError, KeyError, TypeError):
            name, secs = json.loads(entry.read_text(encoding="utf-8"))
            out[name] = max(out.get(name, 0.0), float(secs))
    return out
