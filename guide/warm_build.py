"""What a warm build skips: two plugins' work on pages whose output has not changed.

Both plugins read every rendered page with Python's ``html.parser``, on every build.

**Links.** htmlproofer parses each page twice: about half of a warm build (14 of 27 s
measured). Its verdict is a function of what it reads: each page's HTML and Markdown,
the site's file list, its configuration and its code (and that of BeautifulSoup, which
it parses with, and of Python). :func:`memoize_link_check` has it read the pages only
after all are rendered: it records what each ``on_post_page`` would have been given,
and at the end either finds the fingerprint of all of it among those of the last clean
checks and skips the check, or replays the pages through htmlproofer in the order they
were rendered (its deferred links work as before). A check that raised or logged a
warning is not stamped. A build that did not render every page (``--dirty``) is
checked and not stamped. A cold build (an empty cache, as in CI) has no stamps.

**Search.** Material's search plugin splits each page into sections for its index
(~4 s a build). A page's entries depend only on its HTML, URL, title, metadata and
table of contents, the plugin's configuration, Material's version, jieba (which it uses
if installed) and Python's ``html.parser``: they are kept (guide/derived.py) under a
hash of those.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from importlib.metadata import PackageNotFoundError, version

from guide import cache, derived

STAMP = cache.CACHE.parent / "links-checked.txt"  # beside the snippet cache, not in it
STAMPS_KEPT = 8  # a preview build of some pages (GUIDE_PAGES) renders other HTML


class _Count(logging.Handler):
    """Counts WARNING-and-above records."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def _versions(*dists: str) -> str:
    out = []
    for d in dists:
        try:
            out.append(f"{d}=={version(d)}")
        except PackageNotFoundError:
            out.append(f"{d} absent")
    return " ".join(out) + " python " + sys.version


def _swap(plugins, event: str, old, new) -> None:
    """Put ``new`` where MkDocs would call ``old`` (a plugin's bound method) for ``event``:
    same place in the order, same plugin name in MkDocs' messages."""
    methods = plugins.events[event]
    i = methods.index(old)
    methods[i] = new
    plugins._event_origins[new] = plugins._event_origins.get(old, "htmlproofer")


def memoize_link_check(plugins, files) -> None:
    """Make htmlproofer (``plugins["htmlproofer"]``, if enabled) check the rendered pages
    at the end of the build, and only if their fingerprint is not among the stamped
    ones. Call before the pages are rendered (``on_env``). ``files``: the site's Files."""
    proofer = plugins.get("htmlproofer")
    if proofer is None or not proofer.config["enabled"]:
        return
    rendered: dict[str, tuple[str, object]] = {}  # src_uri -> (output, page), in order

    def record(output_content, *, page, config):
        rendered[page.file.src_uri] = (output_content, page)  # htmlproofer returns None too

    def check(*, config):
        every = {f.src_uri for f in files.documentation_pages()}
        fp = _fingerprint(proofer, rendered) if set(rendered) == every else None
        if fp is not None and fp in _stamped():
            print("links: the same pages passed the link check before, not checked again")
            return
        warnings = _Count()
        logging.getLogger("mkdocs").addHandler(warnings)  # htmlproofer logs to mkdocs.utils
        try:
            for output_content, page in rendered.values():
                proofer.on_post_page(output_content, page=page, config=config)
            proofer.on_post_build(config=config)  # the links it deferred
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        if fp is not None and warnings.count == 0:
            _stamp(fp)

    _swap(plugins, "post_page", proofer.on_post_page, record)
    _swap(plugins, "post_build", proofer.on_post_build, check)


def _fingerprint(proofer, rendered: dict[str, tuple[str, object]]) -> str:
    """Everything htmlproofer reads: its settings and code, the file index it resolves
    links in, and each page's output, HTML body and Markdown, in rendering order."""
    parts = [
        _versions("mkdocs-htmlproofer-plugin", "beautifulsoup4", "soupsieve", "mkdocs"),
        json.dumps(dict(proofer.config), sort_keys=True, default=str),
        json.dumps(sorted((k, f.src_uri, f.dest_uri) for k, f in proofer.file_index().items())),
    ]
    for src_uri, (output_content, page) in rendered.items():
        parts += [src_uri, output_content, page.content or "", page.markdown or ""]
    return derived.hashed(parts)


def _stamped() -> list[str]:
    try:
        return STAMP.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return []


def _stamp(fp: str) -> None:
    """Add ``fp`` as the newest stamp (a few are kept: builds of other page sets)."""
    kept = [f for f in _stamped() if f != fp][-(STAMPS_KEPT - 1) :] + [fp]
    STAMP.parent.mkdir(parents=True, exist_ok=True)
    tmp = STAMP.with_name(f".{STAMP.name}.{os.getpid()}")
    tmp.write_text("".join(f + "\n" for f in kept), encoding="utf-8")
    os.replace(tmp, STAMP)


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
    engine_versions = _versions("mkdocs-material", "jieba")  # jieba: used if installed

    def add_entry_from_context(page):
        added: list[dict] = []

        def make() -> bytes:
            before = len(index.entries)
            read(page)
            added.extend(index.entries[before:])
            return json.dumps(added, default=str).encode()

        parts = (
            engine_versions,
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
