"""What the build derives from its inputs besides snippet results, kept between builds.

A warm build with nothing changed should compute nothing again. Three steps of it took
seconds each on every build although their inputs had not changed: cutting the math
font (``mathml.subset_font``), pruning the stylesheet nbconvert inlines into a lab page
(``notebooks.prune_notebook_css``), and Material's search plugin reading every page
(``hooks.on_env``). Each result is stored under a hash of everything it is computed
from, the versions of the code that computes it included, so a stale one is never
read. Nothing here depends on MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from guide.cache import CACHE

DERIVED = CACHE.parent / "derived"  # beside the snippet cache, not in it
KEEP_S = 7 * 24 * 3600  # an entry not used for a week is deleted when its kind writes


def kept(kind: str, parts: Iterable[str | bytes], make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it returned for the same ``parts`` before.

    ``kind``: a file-name prefix (``"math-font"``); ``parts``: everything the result
    depends on, code versions included. Written under a temporary name and renamed, so
    a build running beside this one reads a whole file or none."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    path = DERIVED / f"{kind}-{h.hexdigest()[:32]}"
    try:
        data = path.read_bytes()
        os.utime(path)  # used: kept for another week
        return data
    except FileNotFoundError:
        pass
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    _forget_unused(path.parent, kind)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


def _forget_unused(folder: Path, kind: str) -> None:
    cutoff = time.time() - KEEP_S
    for old in folder.glob(f"{kind}-*"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except FileNotFoundError:
            pass
