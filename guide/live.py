"""What outlives a rebuild of ``mkdocs serve``.

MkDocs reloads the configuration, and with it re-imports ``guide/hooks.py`` as a new
module, on every live-reload rebuild, and calls ``on_startup`` only once. State kept in
the hook module would be lost; this module is imported normally (``sys.modules``), so it
persists for the life of the ``mkdocs serve`` process.

``make serve`` runs ``mkdocs serve --dirty``: a rebuild renders only the pages whose
inputs changed. :func:`mark_stale` decides which; see its docstring for the rules.
"""

from __future__ import annotations

import atexit
import os

from guide import engine

command = "build"  # "serve" or "build", from the hook's on_startup
dirty = False  # --dirty, from on_startup: rebuild only what changed
_pool: engine.Pool | None = None
_built: dict[str, str] = {}  # page src_uri -> fingerprint of its inputs when last built
_sources: dict[str, str | None] = {}  # output uri -> its source path when last copied
# A page's formulas, kept across dirty rebuilds: the math font is cut to the whole site's.
math: dict[str, frozenset[str]] = {}


def pool() -> engine.Pool | None:
    """The warm worker pool of a ``mkdocs serve`` process (None for a one-off build,
    which starts its own pool and closes it when the snippets have run)."""
    global _pool
    if command != "serve":
        return None
    if _pool is None:
        _pool = engine.Pool()
        _pool.start()
        atexit.register(_pool.close)
    return _pool


def mark_stale(pages: list, others: list, inputs: dict[str, str]) -> list[str]:
    """Before a dirty rebuild, delete the outputs that MkDocs would wrongly keep; return
    the pages (``src_uri``) that this rebuild renders.

    ``pages``: the documentation pages' ``File`` objects; ``others``: every other file;
    ``inputs``: each page's fingerprint (its Markdown, the results of the snippets it
    includes or quotes, and the configuration and code every page depends on).

    MkDocs' ``--dirty`` renders a page, or copies a file, only when its source is newer
    than its output. That misses a page whose snippets' results changed, and a figure or
    notebook taken from the cache, where going back to an earlier version of a snippet
    brings back an older file. Deleting an output makes MkDocs build it again.
    """
    changed = {src for src, fp in inputs.items() if _built.get(src) != fp}
    stale = [f.src_uri for f in pages if f.src_uri in changed or f.is_modified()]
    for f in pages:
        if f.src_uri in stale:
            _remove(f.abs_dest_path)
    for f in others:
        source = f.abs_src_path
        if _sources.get(f.dest_uri, source) != source:
            _remove(f.abs_dest_path)
        _sources[f.dest_uri] = source
    _built.clear()
    _built.update(inputs)
    for src in set(math) - set(inputs):  # a page that is gone
        del math[src]
    return stale


def search_entries_to_keep(entries: list[dict], rebuilt_urls: set[str]) -> list[dict]:
    """The previous search index's entries (``{"location": "l1/#anchor", ...}``) of the
    pages that this rebuild does not render."""
    return [e for e in entries if e["location"].split("#", 1)[0] not in rebuilt_urls]


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
