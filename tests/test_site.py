"""The strict build, and what every built page must contain."""

import base64
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from guide import engine
from guide.markup import INCLUDE, figure_uri

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def includes(page: str) -> list[str]:
    return [m["name"] for m in INCLUDE.finditer((DOCS / page).read_text())]


@pytest.fixture(scope="session")
def site(built_site):
    return built_site


def nav_labs() -> set[str]:
    """Labs are pages of their own: snippets/labs/<name>.py is in the nav as labs/<name>.ipynb."""
    text = (ROOT / "mkdocs.yml").read_text()
    return {m + ".py" for m in re.findall(r"(labs/[\w-]+)\.ipynb", text)}


def test_every_snippet_is_on_a_page():
    used = {name for page in PAGES for name in includes(page)} | nav_labs()
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
            uri = figure_uri(name, i, fig)
            assert uri in html, f"{page}: figure {uri} missing"
            size = (site / uri).stat().st_size
            assert 0 < size <= 250_000, f"{uri} is {size} bytes (budget 250 KB)"
    assert html.count('class="filename">Output<') >= sum(
        1 for n in names if engine.load_cached(n, None).stdout.strip()
    )
    # Nothing left unrendered: math became MathML, number pulls were filled in.
    assert 'class="arithmatex"' not in html, f"{page}: math left unrendered"
    assert not re.search(r"\{\{[^}]*\.py\s*:", html), f"{page}: a number pull was not filled in"
    assert "--8<--" not in html


@pytest.mark.parametrize("page", [p for p in PAGES if includes(p)])
def test_page_notebook_and_code_download(site, page):
    """Each page with code offers its notebook (headings + snippets in page order, with
    the build's outputs) and a zip of its snippets, and links to both."""
    stem = page[:-3]
    nb = json.loads((site / "notebooks" / f"{stem}.ipynb").read_text())
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    names = includes(page)
    assert len(code_cells) == len(names)
    for cell, name in zip(code_cells, names, strict=True):
        assert "".join(cell["source"]) == engine.snippet_path(name).read_text().rstrip("\n")
        res = engine.load_cached(name, None)
        shown = [o for o in cell["outputs"] if o["output_type"] == "display_data"]
        assert len(shown) == len(res.figures)
    headings = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert headings and "".join(headings[0]["source"]).startswith("# ")
    with zipfile.ZipFile(io.BytesIO((site / "code" / f"{stem}.zip").read_bytes())) as zf:
        assert sorted(zf.namelist()) == sorted(names)
    html = built_html(site, page)
    assert f"notebooks/{stem}.ipynb" in html and f"code/{stem}.zip" in html


def test_labs_are_rendered_executed_notebooks(site):
    for lab in sorted(nav_labs()):
        stem = lab[:-3]
        html = (site / stem / "index.html").read_text()
        assert "jp-OutputArea" in html or "output_area" in html, f"{lab}: no outputs rendered"
        assert "Traceback" not in html
        assert "cdnjs.cloudflare.com" not in html
        nb = json.loads((site / "notebooks" / f"{stem}.ipynb").read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code and all(c["execution_count"] for c in code), f"{lab} was not executed"


def test_nav_lists_every_page():
    nav = (ROOT / "mkdocs.yml").read_text().split("\nnav:\n", 1)[1]
    listed = set(re.findall(r":\s*([\w/-]+\.md)\s*$", nav, re.MULTILINE))
    assert listed == set(PAGES), set(PAGES) ^ listed


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


ASSET = re.compile(r'<(?:img|script|link)\b[^>]*?\b(?:src|href)="([^"#?]+)[^"]*"[^>]*>')


def built_dir(site: Path, page: str) -> Path:
    """The built folder of a page (docs/<page>.md) or a lab (labs/<name>.py)."""
    rel = page.rsplit(".", 1)[0]
    if rel == "index":
        return site
    return site / (rel[:-6] if rel.endswith("/index") else rel)


# MkDocs writes the hidden attribute as hidden="".
HIDDEN_FRAME = re.compile(
    r'<div class="explorable-frame" data-frame="\d+" hidden(?:="")?>.*?</div>'
)


@pytest.mark.parametrize("page", PAGES + sorted(nav_labs()))
def test_page_weight(site, page):
    """Budget: everything opening the page loads (HTML, CSS, JS, figures in one colour
    scheme, the first frame of each explorable, the math font) <= 1.5 MB. Labs included:
    their figures are inline (base64) in the HTML. Not counted here: an explorable's other
    frames, which load lazily when the slider reaches them (their own budget is below),
    and the search index, shared by every page (budget below)."""
    page_dir = built_dir(site, page)
    html = (page_dir / "index.html").read_text()
    total = len(html.encode())
    seen = set()
    for m in ASSET.finditer(HIDDEN_FRAME.sub("", html)):
        tag = m.group(0)
        if tag.startswith("<link") and 'rel="stylesheet"' not in tag:
            continue
        if "#only-dark" in tag:  # a dark variant replaces its light figure, never adds
            continue
        if m.group(1).startswith(("data:", "http:", "https:")):
            continue  # inline (counted with the HTML); other hosts are refused by the browser tests
        path = (page_dir / m.group(1)).resolve()
        if path.is_file() and path not in seen:
            seen.add(path)
            total += path.stat().st_size
    if "<math" in html:  # the math font, fetched by pages with formulas
        total += (site / "assets" / "fonts" / "math.woff2").stat().st_size
    assert total <= 1_500_000, f"{page} loads {total / 1e6:.2f} MB"
    for data in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html):
        size = len(base64.b64decode(data))
        assert size <= 250_000, f"{page}: an inline figure is {size} bytes (budget 250 KB)"


@pytest.mark.parametrize("page", PAGES)
def test_explorable_frames_weight(site, page):
    """Budget: all frames of one explorable, in one colour scheme, <= 400 KB together
    (a reader who moves the slider end to end loads them all)."""
    html = (built_dir(site, page) / "index.html").read_text()
    for box in re.findall(r'<figure class="explorable".*?</figure>', html, re.DOTALL):
        srcs = set(re.findall(r'src="([^"#]+)#only-light"', box))
        size = sum((built_dir(site, page) / s).resolve().stat().st_size for s in srcs)
        assert size <= 400_000, f"{page}: an explorable's frames weigh {size / 1e3:.0f} KB"


def test_search_index_weight(site):
    """Budget: the search index, fetched once per visit and shared by every page,
    <= 1 MB (it holds every page's text and code, so it grows with the site)."""
    size = (site / "search" / "search_index.json").stat().st_size
    assert size <= 1_000_000, f"the search index is {size / 1e6:.2f} MB"


def test_search_index_has_code_but_not_printed_output(site):
    """Output blocks are excluded from search (numbers are noise, and the index is
    downloaded by every page); the code and the prose stay searchable."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    res = engine.load_cached("dropout/01_inverted.py", None)
    printed = res.stdout.splitlines()[0]  # "fraction of outputs set to 0: 0.3..."
    assert printed in built_html(site, "dropout.md"), "the page does not show the output"
    assert printed not in text, "printed output is in the search index"
    assert "keras.layers.Dropout(rate)" in text, "code is missing from the search index"
    assert "inverted" in text.lower()


def test_external_links_are_listed_and_https(site):
    """External links are listed by `make links` (never fetched); each is https, and none
    points at the site_url placeholder (pages link to each other relatively)."""
    from guide.links import external_links

    links = external_links(site)
    assert links, "no external link found: the listing is broken"
    assert not [u for u in links if not u.startswith("https://")], "plain-http links"
    own = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    assert not [u for u in links if u.startswith(own)], "absolute links to this site"


# ----------------------------------------------------------------- checked claims


def claim_pages() -> list[str]:
    from guide.audit import claim_pages as pages

    return pages()


def test_every_claim_test_says_its_claim():
    """A claim test's docstring is the claim in words: the ledger shows it to readers."""
    from guide.ledger import claims_in, test_file

    missing = [c.test for p in claim_pages() for c in claims_in(test_file(p)) if not c.doc]
    assert not missing, f"claim tests without a docstring: {missing}"


def test_every_claim_test_runs_a_snippet():
    """The ledger names the snippets behind each claim: a test must name them (as string
    constants, directly or through a module constant, fixture or helper)."""
    from guide.ledger import claims_in, test_file

    blind = [c.test for p in claim_pages() for c in claims_in(test_file(p)) if not c.snippets]
    assert not blind, f"claim tests that name no snippet: {blind}"


def test_claim_tests_reading_one_snippet_share_a_worker(request):
    """Under make test (--dist loadgroup), every claim test that reads a given snippet is
    in one xdist group, so one worker computes each extra seed once (tests/conftest.py)."""
    from conftest import _snippet_groups

    from guide.ledger import claims_in, test_file

    files = [test_file(p) for p in claim_pages()]
    groups = _snippet_groups(files)
    by_snippet: dict[str, set[str]] = {}
    for c in (c for f in files for c in claims_in(f)):
        for s in c.snippets:
            by_snippet.setdefault(s, set()).add(groups[c.test])
    split = {s: g for s, g in by_snippet.items() if len(g) > 1}
    assert not split, f"snippets read by tests in several groups: {split}"
    assert len(set(groups.values())) > 10, "everything in a few groups: one worker idles"
    # The marks are on the collected items of this session, and under --dist loadgroup
    # xdist has made them groups (pytest 9.2 silently broke that: pytest-xdist#1386).
    items = [i for i in request.session.items if i.nodeid.split("[")[0].split("@")[0] in groups]
    assert all(i.get_closest_marker("xdist_group") for i in items), "claim tests without a group"
    if getattr(request.config.option, "loadgroup", False):
        assert all("@" in i.nodeid for i in items), "xdist ignores the groups"


@pytest.mark.parametrize("page", claim_pages())
def test_page_with_claims_shows_its_ledger(site, page):
    """Each page with claim tests ends with its collapsed "Checked claims" block, one
    row per test, built from the test file (guide/ledger.py)."""
    from guide.ledger import claims_in, test_file

    html = (built_dir(site, page) / "index.html").read_text()
    assert 'id="checked-claims"' in html, f"{page} has claims but no ledger"
    block = html.split('id="checked-claims"', 1)[1].split("</details>", 1)[0]
    for claim in claims_in(test_file(page)):
        assert f"<code>{claim.test.split('::')[1]}</code>" in block, claim.test


# -------------------------------------------------------------------------- figures


def page_figures(page: str) -> list[tuple[str, int, dict]]:
    """(snippet, index, record) of every figure a page shows, from the build's cache."""
    out = []
    for name in includes(page):
        res = engine.load_cached(name, None)
        assert res is not None, f"{name} is not in the cache: build the site first"
        out += [(name, i, fig) for i, fig in enumerate(res.figures)]
    return out


@pytest.mark.parametrize("page", PAGES)
def test_figures_are_drawn_at_the_house_width(page):
    """One display width for every figure (guide/figures.py WIDTH_IN): the page shows
    them all at the same scale, so text is the same size in each."""
    from guide.figures import WIDTH_IN

    figures = page_figures(page)
    bad = [f"{n} #{i + 1}: {f['figsize']}" for n, i, f in figures if f["figsize"][0] != WIDTH_IN]
    assert not bad, f"figures not {WIDTH_IN} in wide (figsize=({WIDTH_IN}, h)): {bad}"


@pytest.mark.parametrize("page", PAGES)
def test_figure_text_is_legible_on_a_phone(page):
    """The smallest text of each figure is at least 9 CSS px when the figure is shrunk to
    a 390 px phone's 358 px column (the browser test measures the rendered figures)."""
    from guide.figures import MIN_FONT_PX, PHONE_COLUMN_PX

    bad = []
    for name, i, fig in page_figures(page):
        px = fig["min_font_pt"] * 4 / 3 * min(1.0, PHONE_COLUMN_PX / fig["width"])
        if px < MIN_FONT_PX:
            bad.append(f"{name} #{i + 1}: {px:.1f} px")
    assert not bad, f"figure text under {MIN_FONT_PX} px on a phone: {bad}"


@pytest.mark.parametrize("page", PAGES)
def test_no_figure_has_overlapping_text(page):
    """Matplotlib's own layout: no text runs into other text or into another panel."""
    bad = [f"{n} #{i + 1}: {p}" for n, i, f in page_figures(page) for p in f["problems"]]
    assert not bad, "\n".join(bad)


def test_every_figure_has_a_dark_variant_and_alt_text(site):
    for page in PAGES:
        html = built_html(site, page)
        for name in includes(page):
            for i, fig in enumerate(engine.load_cached(name, None).figures):
                for variant, fragment in (("file", "#only-light"), ("dark", "#only-dark")):
                    uri = figure_uri(name, i, fig, variant) + fragment
                    tag = re.search(rf'<img [^>]*src="[./]*{re.escape(uri)}"[^>]*>', html)
                    alt = tag and re.search(r'alt="([^"]*)"', tag[0])
                    assert alt, f"{page}: {uri} is not shown with alt text"
                    assert len(alt[1].split()) >= 6, f"{page}: {uri} has alt text {alt[1]!r}"


def test_no_escaped_quotes_leak_into_titles(site):
    """Backslash-escaped quotes (\\") in Markdown titles are shown as typed, backslash
    included: headings, admonition titles and summaries must not contain them."""
    bad = []
    for html_file in sorted(site.rglob("*.html")):
        html = html_file.read_text(encoding="utf-8")
        titles = re.findall(
            r'<(h[1-6]|summary|p class="admonition-title")[^>]*>(.*?)</(?:h[1-6]|summary|p)>',
            html,
            re.DOTALL,
        )
        bad += [
            f"{html_file.relative_to(site)}: {t[:80]}"
            for _, t in titles
            if '\\"' in t or "\\'" in t
        ]
    assert not bad, bad


def test_every_nav_page_is_on_the_home_map():
    """The home page's map of the guide links every page in the nav."""
    nav = (ROOT / "mkdocs.yml").read_text().split("\nnav:\n", 1)[1]
    listed = set(re.findall(r":\s*([\w/-]+\.(?:md|ipynb))\s*$", nav, re.MULTILINE)) - {"index.md"}
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    section = home.split("## Map of the guide", 1)[-1]
    missing = sorted(p for p in listed if f"]({p}" not in section)
    assert not missing, f"pages in the nav but not on the home page's map: {missing}"


# ------------------------------------------------------------------------- glossary


def glossary_entries() -> dict[str, str]:
    """{term: definition} of docs/glossary.md (a definition list: term, then ':   ...')."""
    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    entries = re.findall(r"^(\S[^\n]*)\n:   (.*?)(?=\n\S|\Z)", text, re.MULTILINE | re.DOTALL)
    return {term.strip(): " ".join(body.split()) for term, body in entries}


def test_every_glossary_entry_links_to_the_section_that_shows_it(site):
    """Each entry points at a page section (page.md#anchor) that exists in the built
    site, so a definition can be checked against the page that demonstrates it."""
    entries = glossary_entries()
    assert len(entries) >= 15, f"too few glossary entries parsed: {sorted(entries)}"
    bad = []
    for term, body in entries.items():
        links = re.findall(r"\]\(([\w/-]+)\.md#([\w-]+)\)", body)
        if not links:
            bad.append(f"{term}: no link to a page section")
        for page, anchor in links:
            html = built_html(site, f"{page}.md")
            if f'id="{anchor}"' not in html:
                bad.append(f"{term}: {page}.md has no section #{anchor}")
    assert not bad, "\n".join(bad)


def test_the_glossary_check_catches_an_entry_without_a_section_link():
    assert not re.findall(r"\]\(([\w/-]+)\.md#([\w-]+)\)", "See [Dropout](dropout.md).")
    assert re.findall(r"\]\(([\w/-]+)\.md#([\w-]+)\)", "See [it](dropout.md#inverted-dropout).")


def test_a_preview_build_of_one_page_is_strict_and_runs_no_lab(built_site, tmp_path):
    """`make check PAGE=...` builds one page (GUIDE_PAGES) with --strict: the other
    pages render without outputs, the labs are stand-ins (nothing runs), and every link,
    lab source downloads included, still resolves. Uses the full build's cached results."""
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**os.environ, "GUIDE_PAGES": "elastic-net", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "0 executed" in log, log  # the page's snippets came from the cache
    lab = (tmp_path / "site" / "labs" / "moons" / "index.html").read_text(encoding="utf-8")
    assert "Not run in this preview" in lab


def test_a_page_check_also_builds_the_labs_it_quotes():
    """make check PAGE=index builds the showdown too: the home page quotes its output,
    and a preview build without it has nothing to fill the quotes with."""
    from guide.check import quoted_labs

    assert quoted_labs("index") == ["labs/showdown"]
    assert quoted_labs("l1") == []
