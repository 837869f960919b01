"""A warm build skips what it computed before for the same inputs (guide/derived.py,
guide/warm_build.py): the link check, the search plugin's reading of each page, the math
font and the labs' pruned stylesheets. What it skips must be what it would compute."""

import logging
import os
import time
from types import SimpleNamespace

import pytest

from guide import derived, warm_build


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty derived store and link stamp for one test."""
    monkeypatch.setattr(derived, "DERIVED", tmp_path / "derived")
    monkeypatch.setattr(warm_build, "STAMP", tmp_path / "links-checked.txt")
    return tmp_path


def test_kept_computes_once_per_inputs(store):
    calls = []

    def make(text):
        calls.append(text)
        return text.encode()

    assert derived.kept("k", ["a", b"b"], lambda: make("one")) == b"one"
    assert derived.kept("k", ["a", b"b"], lambda: make("two")) == b"one"  # kept
    assert derived.kept("k", ["ab", b""], lambda: make("three")) == b"three"  # parts differ
    assert derived.kept("other", ["a", b"b"], lambda: make("four")) == b"four"
    assert calls == ["one", "three", "four"]
    files = sorted(p.name for p in (store / "derived").iterdir())
    assert len(files) == 3 and not [f for f in files if f.startswith(".")], files


def test_kept_forgets_entries_unused_for_a_week(store):
    derived.kept("k", ["old"], lambda: b"old")
    (old,) = (store / "derived").iterdir()
    week_ago = time.time() - derived.KEEP_S - 60
    os.utime(old, (week_ago, week_ago))
    derived.kept("k", ["new"], lambda: b"new")
    assert not old.exists()


def test_the_math_font_is_cut_once_and_the_same_bytes_again(store):
    from guide import mathml

    text = "αβx+=∑"
    first = mathml.subset_font.__wrapped__(text)
    (kept,) = (store / "derived").iterdir()
    assert kept.read_bytes() == first
    kept.unlink()
    assert mathml.subset_font.__wrapped__(text) == first  # cut again: no timestamp inside


# ------------------------------------------------------------------------ the link check


def _proofer():
    return SimpleNamespace(config={"enabled": True})


INPUTS = {"l1.md": "fp1", "index.md": "fp2"}
FILES = ["l1/index.html", "index.html", "assets/figures/l1/01.png"]


def test_links_are_checked_again_unless_the_same_inputs_passed(store):
    proofer = _proofer()
    assert not warm_build.before_pages(proofer, INPUTS, FILES)  # no stamp: checks
    assert proofer.config["enabled"]
    warm_build.after_build()
    proofer = _proofer()
    assert warm_build.before_pages(proofer, INPUTS, FILES)  # same inputs: skipped
    assert not proofer.config["enabled"]
    warm_build.after_build()
    for inputs, files in [
        ({**INPUTS, "l1.md": "changed"}, FILES),  # a page's Markdown or results
        (INPUTS, FILES[:-1]),  # a figure no longer built: a link to it would break
        ({**INPUTS, "new.md": "fp3"}, FILES),
    ]:
        proofer = _proofer()
        assert not warm_build.before_pages(proofer, inputs, files)
        assert proofer.config["enabled"]
        warm_build.after_build()


def test_a_build_that_logged_a_warning_is_not_stamped(store):
    assert not warm_build.before_pages(_proofer(), INPUTS, FILES)
    logging.getLogger("mkdocs.plugins.htmlproofer").warning("a broken link")
    warm_build.after_build()
    assert not warm_build.before_pages(_proofer(), INPUTS, FILES)  # checked again
    warm_build.after_build()
    assert warm_build.before_pages(_proofer(), INPUTS, FILES)


def test_a_disabled_link_check_stamps_nothing(store):
    proofer = SimpleNamespace(config={"enabled": False})  # make serve: gates off
    assert not warm_build.before_pages(proofer, INPUTS, FILES)
    warm_build.after_build()
    assert not warm_build.STAMP.exists()


# ---------------------------------------------------------------------------- search


PAGE_HTML = """<h1 id="l1">L1</h1><p>Intro with <code>keras.regularizers.L1</code>.</p>
<h2 id="sparsity">Sparsity</h2><p>Most weights are exactly zero.</p>
<h2 id="in-practice">In practice</h2><ul><li>Start at 1e-4.</li></ul>"""


def _item(id_, title, children=()):
    return SimpleNamespace(id=id_, url=f"#{id_}", title=title, children=list(children))


def _page(content=PAGE_HTML):
    toc = [_item("l1", "L1", [_item("sparsity", "Sparsity"), _item("in-practice", "In practice")])]
    return SimpleNamespace(meta={}, content=content, toc=toc, url="l1/", title="L1")


def _search():
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    plugin = SearchPlugin()
    assert plugin.load_config({}) == ([], [])
    plugin.search_index = SearchIndex(**plugin.config)
    return plugin


def test_kept_search_entries_are_the_plugins_own(store):
    plain = _search()
    plain.search_index.add_entry_from_context(_page())
    expected = plain.search_index.entries
    assert [e["location"] for e in expected] == ["l1/", "l1/#sparsity", "l1/#in-practice"]

    first = _search()
    warm_build.memoize_search(first)
    first.search_index.add_entry_from_context(_page())
    assert first.search_index.entries == expected

    again = _search()

    def parse(page):
        raise AssertionError("an unchanged page was parsed again")

    again.search_index.add_entry_from_context = parse  # what a miss would call
    warm_build.memoize_search(again)
    again.search_index.entries = [{"location": "other/", "title": "O", "text": ""}]
    again.search_index.add_entry_from_context(_page())
    assert again.search_index.entries[1:] == expected

    changed = _search()
    warm_build.memoize_search(changed)
    changed.search_index.add_entry_from_context(_page(PAGE_HTML.replace("zero", "nonzero")))
    assert "nonzero" in changed.search_index.entries[1]["text"]
