"""A warm build skips what it computed before for the same inputs (guide/derived.py,
guide/warm_build.py): the link check, the search plugin's reading of each page, the math
font and the labs' pruned stylesheets. What it skips must be what it would compute."""

import os
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest
from conftest import ROOT

from guide import derived, warm_build


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty derived store for one test."""
    monkeypatch.setattr(derived, "DERIVED", tmp_path / "derived")
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


def test_the_math_font_is_cut_once_and_carries_no_build_time(store):
    import io

    from fontTools.ttLib import TTFont

    from guide import mathml

    text = "αβx+=∑"
    first = mathml.subset_font.__wrapped__(text)
    (kept,) = (store / "derived").iterdir()
    assert kept.read_bytes()[: -derived.SUM] == first
    assert mathml.subset_font.__wrapped__(text) == first  # read back
    source = TTFont(mathml.FONT)["head"].modified
    assert TTFont(io.BytesIO(first))["head"].modified == source  # not the time of the cut


def test_a_damaged_entry_is_computed_again(store):
    derived.kept("k", ["a"], lambda: b"right")
    (entry,) = (store / "derived").iterdir()
    entry.write_bytes(b"wrong" + entry.read_bytes()[5:])
    assert derived.kept("k", ["a"], lambda: b"again") == b"again"


# ------------------------------------------------------------------------ the link check

SITE = {
    "mkdocs.yml": """site_name: t
theme: material  # the site's theme (mkdocs' own puts the build time in the home page)
plugins:
  - htmlproofer:
      raise_error: true
      validate_external_urls: false
      validate_rendered_template: true
hooks:
  - hooks.py
""",
    "hooks.py": """from guide import warm_build

def on_env(env, config, files):
    warm_build.memoize_link_check(config.plugins, files)
    return env

def on_page_content(html, page, config, files):  # as the ledger adds links in HTML
    return html + '<a href="../b/#details">details</a>' if page.file.src_uri == "a.md" else html
""",
    "docs/index.md": "# Home\n\nSee [A](a.md) and [B](b.md).\n",
    "docs/a.md": "# A\n\nText.\n",
    "docs/b.md": "# B\n\n## Details\n\nText.\n",
}
SKIPPED = "not checked again"


@pytest.fixture
def site(tmp_path):
    """A three-page site whose hook adds a link in HTML; builds it with the link check."""
    for name, text in SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "GUIDE_CACHE": str(tmp_path / "cache" / "snippets"),
        "NO_MKDOCS_2_WARNING": "1",
    }

    def build(*args):
        cmd = [sys.executable, "-m", "mkdocs", "build", *(args or ["--strict"])]
        proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
        return proc.returncode, proc.stdout + proc.stderr

    build.root = tmp_path
    build.stamps = tmp_path / "cache" / "links-checked.txt"
    return build


def test_links_are_checked_unless_the_same_pages_passed(site):
    rc, log = site()
    assert rc == 0 and SKIPPED not in log, log
    assert len(site.stamps.read_text().split()) == 1
    rc, log = site()
    assert rc == 0 and SKIPPED in log, log

    # The anchor the hook's link needs is gone: checked again (the stamp is of other
    # pages), and the build fails.
    b = site.root / "docs/b.md"
    b.write_text("# B\n\n## Summary\n\nText.\n")
    rc, log = site()
    assert rc != 0 and SKIPPED not in log and "#details" in log, log

    b.write_text(SITE["docs/b.md"])  # back as it was: that check passed before
    rc, log = site()
    assert rc == 0 and SKIPPED in log, log


def test_a_dirty_build_is_checked_and_not_stamped(site):
    assert site()[0] == 0
    stamps = site.stamps.read_text()
    (site.root / "docs/b.md").write_text("# B\n\n## Details\n\nOther text.\n")
    rc, log = site("--dirty")  # renders b.md only: no verdict about the whole site
    # (not --strict: MkDocs warns about any dirty build)
    assert rc == 0 and SKIPPED not in log, log
    assert site.stamps.read_text() == stamps


def test_a_check_that_logged_a_warning_is_not_stamped(site):
    config = site.root / "mkdocs.yml"  # a broken link is a warning: --strict fails later
    config.write_text(config.read_text().replace("raise_error: true", "raise_error: false"))
    (site.root / "docs/b.md").write_text("# B\n\n## Summary\n\nText.\n")
    rc, log = site()
    assert rc != 0 and "invalid url - ../b/#details" in log, log
    assert not site.stamps.exists()
    rc, log = site()  # the same pages: checked again, as nothing was stamped
    assert rc != 0 and SKIPPED not in log and "invalid url" in log, log


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


@pytest.mark.parametrize(
    "change",
    [
        {"content": PAGE_HTML.replace("zero", "nonzero")},
        {"url": "l1-penalty/"},
        {"title": "L1 penalty"},
        {"meta": {"search": {"boost": 2}}},
        {"toc": []},
    ],
    ids=lambda c: next(iter(c)),
)
def test_a_page_whose_inputs_changed_is_read_again(store, change):
    warm_build.memoize_search(first := _search())
    first.search_index.add_entry_from_context(_page())
    page = _page()
    vars(page).update(change)
    plain = _search()
    plain.search_index.add_entry_from_context(page)
    again = _search()
    reads = []
    parse = again.search_index.add_entry_from_context
    again.search_index.add_entry_from_context = lambda p: reads.append(p) or parse(p)
    warm_build.memoize_search(again)
    again.search_index.add_entry_from_context(page)
    assert reads == [page], "a page whose inputs changed was not read again"
    assert again.search_index.entries == plain.search_index.entries
