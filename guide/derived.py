"""What the build derives from its inputs besides snippet results, kept between builds.

A warm build with nothing changed should compute nothing again. Three steps of it took
seconds each on every build although their inputs had not changed: cutting the math
font (``mathml.subset_font``), pruning the stylesheet nbconvert inlines into a lab page
(``notebooks.prune_notebook_css``), and Material's search plugin reading every page
(``warm_build.memoize_search``). Each result is stored under a hash of everything it is
computed from, the code that computes it and its libraries' versions included, and
with a checksum: an entry that fails it is computed again. Nothing here depends on
MkDocs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from guide.cache import CACHE

DERIVED = CACHE.parent / "derived"  # beside the snippet cache, not in it
KEEP_S = 7 * 24 * 3600  # an entry not used for a week is deleted when its kind writes
SUM = 32  # bytes of SHA-256 after the data


def hashed(parts: Iterable[str | bytes]) -> str:
    """A hex digest of ``parts`` (length-prefixed, so ``["ab", ""] != ["a", "b"]``); also
    each page's fingerprint for a dirty rebuild (``hooks._page_inputs``)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:32]


def kept(kind: str, parts: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it returned for the same ``parts`` before.

    ``kind``: a file-name prefix (``"math-font"``); ``parts``: everything the result
    depends on, code and library versions included. Written under a temporary name and
    renamed, so a build running beside this one reads a whole file or none."""
    path = DERIVED / f"{kind}-{hashed(parts)}"
    with contextlib.suppress(OSError):
        stored = path.read_bytes()
        data, checksum = stored[:-SUM], stored[-SUM:]
        if hashlib.sha256(data).digest() == checksum:
            with contextlib.suppress(OSError):
                os.utime(path)  # used: kept for another week
            return data
    data = make()
    with contextlib.suppress(OSError):  # a read-only cache: computed, not kept
        path.parent.mkdir(parents=True, exist_ok=True)
        _forget_unused(path.parent, kind)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_bytes(data + hashlib.sha256(data).digest())
        os.replace(tmp, path)
    return data


def _forget_unused(folder: Path, kind: str) -> None:
    """Entries of ``kind`` unused for KEEP_S, and temporaries a killed build left."""
    cutoff = time.time() - KEEP_S
    for old in [*folder.glob(f"{kind}-*"), *folder.glob(f".{kind}-*")]:
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                old.unlink()
