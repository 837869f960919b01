"""`make serve` renders only what changed (``mkdocs serve --dirty``, guide/live.py), and
what it serves stays whole: every page's search entries, and the math font cut to every
page's formulas."""

import functools
import json
import os
import re
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT

from guide import bench, cache, live


@pytest.fixture
def fresh_live(monkeypatch):
    """guide.live's memory of the last build, emptied for one test."""
    monkeypatch.setattr(live, "_built", {})
    monkeypatch.setattr(live, "_sources", {})
    monkeypatch.setattr(live, "math", {})


def _file(tmp: Path, src_uri: str, url: str = "", source: str | None = None, modified=False):
    dest = tmp / "site" / (src_uri + ".out")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("built")
    return SimpleNamespace(
        src_uri=src_uri,
        dest_uri=src_uri + ".out",
        url=url,
        abs_dest_path=str(dest),
        abs_src_path=source,
        is_modified=lambda: modified,
    )


def test_a_dirty_rebuild_renders_only_pages_whose_inputs_changed(tmp_path, fresh_live):
    pages = [_file(tmp_path, p) for p in ("index.md", "l1.md", "dropout.md")]
    figure = _file(tmp_path, "figures/l1/01-1.svg", source="/cache/aaa/fig-1.svg")
    inputs = {"index.md": "i0", "l1.md": "l0", "dropout.md": "d0"}
    assert live.mark_stale(pages, [figure], inputs) == ["index.md", "l1.md", "dropout.md"]

    for f in [*pages, figure]:  # the first build wrote every output
        Path(f.abs_dest_path).write_text("built")
    assert live.mark_stale(pages, [figure], inputs) == []
    assert all(Path(f.abs_dest_path).exists() for f in [*pages, figure])

    # l1's snippet ran again (a new result key): its page and figure are built again,
    # even though the figure's new source file may be older than the copy in the site.
    figure.abs_src_path = "/cache/bbb/fig-1.svg"
    assert live.mark_stale(pages, [figure], {**inputs, "l1.md": "l1"}) == ["l1.md"]
    assert not Path(pages[1].abs_dest_path).exists()
    assert not Path(figure.abs_dest_path).exists()
    assert Path(pages[0].abs_dest_path).exists() and Path(pages[2].abs_dest_path).exists()

    # An edited page (MkDocs' own test: its source is newer than its output).
    pages[2].is_modified = lambda: True
    assert live.mark_stale(pages, [figure], {**inputs, "l1.md": "l1"}) == ["dropout.md"]


def test_the_search_index_keeps_the_entries_of_pages_not_rendered():
    entries = [
        {"location": "", "title": "Home"},
        {"location": "#which-technique-when", "title": "Which technique when"},
        {"location": "l1/", "title": "L1"},
        {"location": "l1/#the-penalty", "title": "The penalty"},
        {"location": "labs/moons/", "title": "Moons"},
    ]
    kept = live.search_entries_to_keep(entries, {""})  # the home page is rendered again
    assert [e["location"] for e in kept] == ["l1/", "l1/#the-penalty", "labs/moons/"]
    kept = live.search_entries_to_keep(entries, {"l1/"})
    assert [e["location"] for e in kept] == ["", "#which-technique-when", "labs/moons/"]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read()


def _page(url: str) -> bytes:
    """A served page, without the build counters of its live-reload script."""
    return re.sub(rb"livereload\(\d+, \d+\)", b"livereload()", _get(url))


def _locations(serve) -> list[str]:
    index = json.loads(_get(serve.url + "search/search_index.json"))
    return sorted(e["location"] for e in index["docs"])


def test_serve_renders_one_edited_page_and_keeps_search_and_math_whole(built_site):
    """A real `mkdocs serve --dirty` on the cache the build filled (nothing runs). Editing
    the home page once made Material's search drop every other page's entries."""
    serve = bench.Serve(cache.CACHE)
    try:
        index, font = _locations(serve), _get(serve.url + "assets/fonts/math.woff2")
        assert any(loc.startswith("l1/") for loc in index), index[:5]
        pages = [p for p in ("index.md", "l1.md") if (ROOT / "docs" / p).is_file()]
        for page in pages:
            url = serve.url + ("" if page == "index.md" else page[:-3] + "/")
            html = _page(url)
            serve.rebuild_after(functools.partial(os.utime, ROOT / "docs" / page))
            assert _page(url) == html, f"{page} rendered alone differs from the full build's"
            rendered = [line for line in serve.output if line.startswith("rendering ")]
            assert rendered[-1].startswith("rendering 1 of "), rendered[-1]
            assert _locations(serve) == index, f"search entries changed after editing {page}"
            assert _get(serve.url + "assets/fonts/math.woff2") == font
    finally:
        serve.close()
