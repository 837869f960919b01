"""Notebooks and downloads: each page as a notebook, its code as a zip, and the lab pages.

* :func:`page_notebook` turns a content page into a notebook (its headings and its
  snippets, with the build's outputs); :func:`code_zip` zips its snippets.
* :func:`lab_html` cleans what nbconvert renders for a lab (mkdocs-jupyter): no CDN
  scripts, only the CSS rules the page can use, the site's code colours, alt text for
  its figures.

Nothing here depends on MkDocs.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import re
import zipfile
from pathlib import Path

import nbformat
import tinycss2

from guide import derived
from guide.cache import Result, snippet_path
from guide.markup import INCLUDE, alt_texts, check_alts

# nbconvert inlines JupyterLab's whole stylesheet (575 KB) into every lab page.
STYLE = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.DOTALL)
LAB_ALTS = re.compile(r"<!--[ \t]*figures[ \t]*\n(.*?)-->", re.DOTALL)
NO_ALT = 'alt="No description has been provided for this image"'


def _required_classes(selector: list) -> set[str]:
    """Classes a selector (tinycss2 tokens) needs on the page: ``.name`` at its top level;
    those inside ``:is()``, ``:not()`` and the like are not all required, so not counted."""
    return {
        b.value
        for a, b in zip(selector, selector[1:], strict=False)
        if a.type == "literal" and a.value == "." and b.type == "ident"
    }


@functools.lru_cache(maxsize=8)  # the same stylesheet and classes on every rebuild
def _used_css(css: str, classes: frozenset[str]) -> str:
    """The rules of ``css`` that can match a page using only ``classes``: a selector is
    kept when every class it requires is on the page. No library prunes CSS in Python
    (purgecss is a Node tool); tinycss2 parses and serializes it."""

    def rules(nodes) -> list[str]:
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors, current = [], []
                for token in node.prelude:  # split at top-level commas only
                    if token.type == "literal" and token.value == ",":
                        selectors.append(current)
                        current = []
                    else:
                        current.append(token)
                selectors.append(current)
                used = [
                    tinycss2.serialize(sel).strip()
                    for sel in selectors
                    if _required_classes(sel) <= classes
                ]
                if used:
                    out.append(",".join(used) + "{" + tinycss2.serialize(node.content) + "}")
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports"):
                inner = rules(tinycss2.parse_rule_list(node.content or [], True, True))
                if inner:
                    prelude = tinycss2.serialize(node.prelude)
                    out.append(f"@{node.at_keyword}{prelude}{{{''.join(inner)}}}")
            elif node.type == "at-rule":
                out.append(node.serialize())
        return out

    nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(rules(nodes))


def prune_notebook_css(html_text: str) -> str:
    """Each inlined stylesheet of ``html_text`` cut to :func:`_used_css`; kept on disk
    (guide/derived.py): tinycss2 takes ~0.5 s per stylesheet."""
    from importlib.metadata import version

    classes = frozenset(c for m in re.finditer(r'class="([^"]*)"', html_text) for c in m[1].split())
    code = Path(__file__).read_bytes()  # this module: how it prunes

    def pruned(m) -> str:
        parts = (version("tinycss2"), code, m[2], " ".join(sorted(classes)))
        css = derived.kept("lab-css", parts, lambda: _used_css(m[2], classes).encode())
        return m[1] + css.decode() + m[3]

    return STYLE.sub(pruned, html_text)


HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
MATHJAX = re.compile(
    r'<script src="https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^"]*">\s*</script>'
)
# nbconvert's loader that imports mermaid from a CDN when a notebook has a diagram: labs
# have none, and a page must make no third-party request.
MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{'
    r'\s*const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>',
    re.DOTALL,
)

# mkdocs-jupyter appends nbconvert's pygments stylesheet as the repr of a Python list
# ("<style>['pre { ...}\\n...']</style>"): not valid CSS, ~5 KB per lab.
PYGMENTS_LIST = re.compile(r"<style>\s*\['.*?</style>", re.DOTALL)
# nbconvert's token colours (JupyterLab's theme), which would tie with Material's.
NBCONVERT_TOKENS = re.compile(r"\.highlight-ipynb \.\w+\{[^}]*\}")


def page_notebook(markdown: str, results: dict[str, Result]) -> bytes:
    """The page as a notebook: its headings as markdown cells, its snippets as code cells
    with the outputs and figures the build produced (each snippet is self-contained, so
    the cells also run top to bottom in one kernel). Remembered for the life of the
    process: `mkdocs serve` rebuilds it only when the page or a result changed."""
    names = [m["name"] for m in INCLUDE.finditer(markdown)]
    return _page_notebook(markdown, tuple(results[n].key for n in names), results)


_notebooks: dict[tuple[str, tuple[str, ...]], bytes] = {}


def _page_notebook(markdown: str, keys: tuple[str, ...], results: dict[str, Result]) -> bytes:
    if (markdown, keys) in _notebooks:
        return _notebooks[markdown, keys]
    if len(_notebooks) > 64:
        _notebooks.clear()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    events = [(m.start(), "h", m) for m in HEADING.finditer(markdown)]
    events += [(m.start(), "c", m) for m in INCLUDE.finditer(markdown)]
    for _, kind, m in sorted(events, key=lambda e: e[0]):
        if kind == "h":
            title = re.sub(r"\\\(|\\\)", "$", m.group(2))  # \( \) -> $ for Jupyter
            nb.cells.append(nbformat.v4.new_markdown_cell(f"{m.group(1)} {title}"))
            continue
        name = m["name"]
        res = results[name]
        outputs = []
        if res.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=res.stdout))
        for i, fig in enumerate(res.figures):
            data = res.figure_path(i).read_bytes()
            if fig["file"].endswith(".svg"):
                bundle = {"image/svg+xml": data.decode()}
            else:
                bundle = {"image/png": base64.b64encode(data).decode()}
            outputs.append(nbformat.v4.new_output("display_data", data=bundle))
        code = snippet_path(name).read_text(encoding="utf-8").rstrip("\n")
        nb.cells.append(nbformat.v4.new_code_cell(code, outputs=outputs, execution_count=None))
    for i, cell in enumerate(nb.cells):  # stable ids: the same page gives the same bytes
        cell["id"] = f"cell-{i}"
    _notebooks[markdown, keys] = nbformat.writes(nb).encode()
    return _notebooks[markdown, keys]


def code_zip(included: list[str]) -> bytes:
    """The page's snippets in one zip, with fixed timestamps (same input, same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in included:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, snippet_path(name).read_bytes())
    return buf.getvalue()


def stand_in_notebook(name: str) -> bytes:
    """A one-cell notebook standing in for a lab that a preview build does not run."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            f"# {name}\n\nNot run in this preview: it builds only the pages in GUIDE_PAGES."
        )
    ]
    return nbformat.writes(nb).encode()


def lab_alts(source: str) -> list[str]:
    """The alt texts of a lab's figures, in order: ``<!-- figures`` comments in its
    markdown cells, numbered like a page's (jupytext keeps them in ``# `` lines)."""
    text = re.sub(r"^# ?", "", source, flags=re.MULTILINE)
    return [alt for block in LAB_ALTS.findall(text) for alt in alt_texts(block)]


def lab_html(html_text: str, name: str, source: str, alts: bool = True) -> str:
    """A lab page as nbconvert rendered it, made fit for the site: nbconvert's CDN
    MathJax and mermaid loaders removed (labs use neither), its inlined stylesheet pruned
    to the rules the page can use, and each figure given the alt text the lab's source
    states for it. Raises ``guide.markup.MarkupError`` if those do not match."""
    html_text = MATHJAX.sub("", html_text)
    html_text = MERMAID.sub("", html_text)
    # Material's `.highlight` token colours (the site's, AA in both schemes) outrank
    # nbconvert's JupyterLab ones, so lab code reads like the content pages' code.
    html_text = html_text.replace('class="highlight-ipynb ', 'class="highlight highlight-ipynb ')
    html_text = PYGMENTS_LIST.sub("", html_text)
    html_text = prune_notebook_css(html_text)
    html_text = NBCONVERT_TOKENS.sub("", html_text)
    if not alts:  # a preview build of other pages (GUIDE_PAGES)
        return html_text
    texts = lab_alts(source)
    check_alts(name, texts, html_text.count(NO_ALT))
    it = iter(texts)
    return re.sub(re.escape(NO_ALT), lambda m: f'alt="{html.escape(next(it))}"', html_text)
