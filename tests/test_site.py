"""The strict build, and what every built page must contain."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from guide import engine
from guide.hooks import INCLUDE

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def includes(page: str) -> list[str]:
    return [m["name"] for m in INCLUDE.finditer((DOCS / page).read_text())]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site with --strict (snippets come from the cache `make test` warmed)."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "WARNING" not in log, log
    return out


def test_every_snippet_is_on_a_page():
    used = {name for page in PAGES for name in includes(page)}
    orphans = sorted(set(engine.all_snippets()) - used)
    assert not orphans, f"snippets no page includes: {orphans}"


def test_every_include_exists():
    missing = [(p, n) for p in PAGES for n in includes(p) if not engine.snippet_path(n).is_file()]
    assert not missing, f"pages include missing snippets: {missing}"


def test_no_snippet_included_twice():
    seen = [n for p in PAGES for n in includes(p)]
    assert len(seen) == len(set(seen)), "a snippet belongs to one place on one page"


def built_html(site: Path, page: str) -> str:
    rel = page[:-3]
    path = site / (
        "index.html"
        if rel == "index"
        else (rel[:-6] + "index.html" if rel.endswith("/index") else rel + "/index.html")
    )
    return path.read_text()


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_code_output_and_figures(site, page):
    html = built_html(site, page)
    names = includes(page)
    for name in names:
        res = engine.load_cached(name, None)
        assert res is not None, f"{name} is not in the cache after the build"
        assert f"snippets/{name}" in html
        for i, fig in enumerate(res.figures):
            from guide.hooks import figure_uri

            uri = figure_uri(name, i, fig)
            assert uri in html, f"{page}: figure {uri} missing"
            assert (site / uri).stat().st_size > 0
    assert html.count('class="filename">Output<') >= sum(
        1 for n in names if engine.load_cached(n, None).stdout.strip()
    )
    # Nothing left unrendered: math became MathML, number pulls were filled in.
    assert 'class="arithmatex"' not in html, f"{page}: math left unrendered"
    assert not re.search(r"\{\{[^}]*\.py\s*:", html), f"{page}: a number pull was not filled in"
    assert "--8<--" not in html


def test_no_figures_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "docs", "snippets"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    images = [
        f
        for f in tracked
        if f.endswith((".png", ".svg", ".jpg", ".gif")) and not f.startswith("docs/assets/")
    ]
    assert not images, f"figures are built, never committed: {images}"
