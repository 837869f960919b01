"""What a warm build skips: two plugins' work on pages whose inputs have not changed.

Both plugins read every rendered page with Python's ``html.parser``, on every build.

**Links.** htmlproofer parses each page twice: about half of a warm build (14 of 27 s
measured). Its verdict depends only on the rendered HTML and on which files the site
holds, and the HTML is a function of the inputs below (results come from the cache by
key, and a key's entry never changes), so the same inputs get the same verdict. A
stamp keeps the fingerprints of the inputs of the last builds in which htmlproofer ran
and nothing logged a warning or error; a build with one of those fingerprints skips
the check and says so.

The inputs: every page's fingerprint (its Markdown, the cache keys of the results it
shows, the configuration, the included Markdown and the guide's code; see
``hooks._page_inputs``), the site's file list, and the lock file (the theme's and the
plugins' versions). A cold build (an empty cache, as in CI) has no stamp and checks.

**Search.** Material's search plugin splits each page into sections for its index
(~4 s a build). A page's entries depend only on its HTML, URL, title, metadata and
table of contents, the plugin's configuration and Material's version: they are kept
(guide/derived.py) under a hash of those.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import version

from guide import cache, derived, live

STAMP = cache.CACHE.parent / "links-checked.txt"  # beside the snippet cache, not in it
STAMPS_KEPT = 8  # a preview build of some pages (GUIDE_PAGES) has other inputs


class _Count(logging.Handler):
    """Counts WARNING-and-above records: a build that logged one does not stamp."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


# A module kept in sys.modules (the hook module is re-imported on each serve rebuild).
_warnings = _Count()
_state: dict = {"fingerprint": None}


def fingerprint(page_inputs: dict[str, str], dest_uris: list[str]) -> str:
    """The inputs that decide htmlproofer's verdict, hashed."""
    parts = [f"{src}={fp}" for src, fp in sorted(page_inputs.items())]
    parts += sorted(dest_uris)
    parts.append(cache.LOCK.read_text(encoding="utf-8"))
    return live.fingerprint(*parts)


def before_pages(plugin, page_inputs: dict[str, str], dest_uris: list[str]) -> bool:
    """Disable ``plugin`` (htmlproofer) if these inputs passed its last check; return
    whether it was skipped. Otherwise start counting warnings for :func:`after_build`."""
    _state["fingerprint"] = None
    if plugin is None or not plugin.config["enabled"]:
        return False
    fp = fingerprint(page_inputs, dest_uris)
    if fp in _stamped():
        plugin.config["enabled"] = False
        return True
    _state["fingerprint"] = fp
    _warnings.count = 0
    logging.getLogger("mkdocs").addHandler(_warnings)
    return False


def after_build() -> None:
    """Stamp the inputs if htmlproofer ran on them and the build logged no warning."""
    fp, _state["fingerprint"] = _state["fingerprint"], None
    if fp is None:
        return
    logging.getLogger("mkdocs").removeHandler(_warnings)
    if _warnings.count == 0:  # the newest last; a few, for builds of other page sets
        kept = [f for f in _stamped() if f != fp][-(STAMPS_KEPT - 1) :] + [fp]
        STAMP.parent.mkdir(parents=True, exist_ok=True)
        STAMP.write_text("".join(f + "\n" for f in kept), encoding="utf-8")


def _stamped() -> list[str]:
    try:
        return STAMP.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return []


def _toc(items) -> list:
    """The table of contents as the search plugin reads it (ids and URLs, nested)."""
    return [[i.id, i.url, i.title, _toc(i.children)] for i in items]


def memoize_search(plugin) -> None:
    """Make ``plugin`` (Material's search) take each page's entries from guide/derived.py
    when that page's inputs are unchanged. Call after its ``on_config`` made the index."""
    if plugin is None or not plugin.config.enabled:
        return
    index = plugin.search_index
    read = index.add_entry_from_context  # what the plugin's on_page_context calls
    settings = json.dumps(dict(plugin.config), sort_keys=True, default=str)

    def add_entry_from_context(page):
        added: list[dict] = []

        def make() -> bytes:
            before = len(index.entries)
            read(page)
            added.extend(index.entries[before:])
            return json.dumps(added).encode()

        parts = (
            version("mkdocs-material"),
            settings,
            page.url,
            str(page.title),
            json.dumps(page.meta, sort_keys=True, default=str),
            json.dumps(_toc(page.toc)),
            page.content,
        )
        entries = derived.kept("search", parts, make)
        if not added:  # kept from an earlier build: make() did not run
            index.entries.extend(json.loads(entries))

    index.add_entry_from_context = add_entry_from_context
