"""What outlives a rebuild of ``mkdocs serve``.

MkDocs reloads the configuration, and with it re-imports ``guide/hooks.py`` as a new
module, on every live-reload rebuild, and calls ``on_startup`` only once. State kept in
the hook module would be lost; this module is imported normally (``sys.modules``), so it
persists for the life of the ``mkdocs serve`` process.
"""

from __future__ import annotations

import atexit

from guide import engine

command = "build"  # "serve" or "build", from the hook's on_startup
_pool: engine.Pool | None = None


def pool() -> engine.Pool | None:
    """The warm worker pool of a ``mkdocs serve`` process (None for a one-off build,
    which starts its own pool and closes it when the snippets have run)."""
    global _pool
    if command != "serve":
        return None
    if _pool is None:
        _pool = engine.Pool()
        atexit.register(_pool.close)
    return _pool
