"""MkDocs hooks: put each snippet's output and figures on the page, render math offline.

A page includes a snippet with pymdownx.snippets inside a fenced block whose only line
is the include::

    ```python title="l1/02_compare.py"
    --8<-- "l1/02_compare.py"
    ```

Right after that fence this hook inserts the snippet's printed output, its figures and
its run time. Prose quotes a printed number with ``{{ l1/02_compare.py: label }}`` (the
value on the output line ``label: value``) or ``{{ l1/02_compare.py: name["key"]:.3f }}``
(a named result, which must appear in the output as formatted; ``guide/pulls.py``); the
build fails if there is nothing to quote, so text and code cannot disagree. Snippets are
executed by ``guide.engine``.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import posixpath
import re
import sys
import time
import zipfile
from pathlib import Path

import latex2mathml.converter
import nbformat
import tinycss2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

# MkDocs loads this file by path, not as part of a package: make `guide` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from guide import cache, engine, ledger, live, pulls  # noqa: E402

log = logging.getLogger("mkdocs.hooks.guide")

INCLUDE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*python\b(?P<attrs>[^\n]*)\n"
    r'(?P=indent)--8<--[ \t]+"(?P<name>[^"\n]+\.py)"[ \t]*\n'
    r"(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE,
)
PULL = re.compile(r"\{\{\s*(?P<name>[\w./-]+\.py)\s*:\s*(?P<label>[^}]+?)\s*\}\}")
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])"
    r"\s*</(?P=tag)>",
    re.DOTALL,
)
# nbconvert inlines JupyterLab's whole stylesheet (575 KB) into every lab page.
STYLE = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.DOTALL)


def _required_classes(selector: list) -> set[str]:
    """Classes a selector (tinycss2 tokens) needs on the page: ``.name`` at its top level;
    those inside ``:is()``, ``:not()`` and the like are not all required, so not counted."""
    return {
        b.value
        for a, b in zip(selector, selector[1:], strict=False)
        if a.type == "literal" and a.value == "." and b.type == "ident"
    }


def _used_css(css: str, classes: set[str]) -> str:
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


def _prune_notebook_css(html_text: str) -> str:
    classes = {c for m in re.finditer(r'class="([^"]*)"', html_text) for c in m[1].split()}
    return STYLE.sub(lambda m: m[1] + _used_css(m[2], classes) + m[3], html_text)


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

# This build's results (live.py holds what outlives a rebuild of `mkdocs serve`).
_state: dict = {"results": {}, "labs": {}, "timings": []}


def included_snippets(markdown: str) -> list[str]:
    return [m["name"] for m in INCLUDE.finditer(markdown)]


def figure_uri(name: str, i: int, fig: dict) -> str:
    ext = fig["file"].rsplit(".", 1)[-1]
    return f"figures/{name[:-3]}-{i + 1}.{ext}"


# ---------------------------------------------------------------------------- hooks


def on_config(config):
    """Footer: the versions every output was produced with (read from the environment
    the snippets run in, not typed)."""
    from importlib.metadata import PackageNotFoundError, version

    def v(*dists):
        for d in dists:
            try:
                return version(d)
            except PackageNotFoundError:
                pass
        return "?"

    config.copyright = (
        f"Outputs produced with Python {sys.version.split()[0]}, "
        f"TensorFlow {v('tensorflow-cpu', 'tensorflow')}, Keras {v('keras')}, "
        f"scikit-learn {v('scikit-learn')} — see Environment."
    )
    return config


def on_startup(command, dirty):
    live.command = command  # called once per process, not on live-reload rebuilds


@event_priority(50)  # before mkdocs-jupyter's on_files, which must see the lab notebooks
def on_files(files, config):
    """Run (or fetch from the cache) every snippet a page includes and every lab; add
    their figures, executed lab notebooks, page notebooks and code downloads."""
    pages = {f.src_uri: included_snippets(f.content_string) for f in files.documentation_pages()}
    names = list(dict.fromkeys(n for ns in pages.values() for n in ns))
    missing = sorted(n for n in names if not engine.snippet_path(n).is_file())
    if missing:
        raise PluginError("pages include snippets that do not exist: " + ", ".join(missing))
    labs = [n for n in engine.all_snippets() if n.startswith("labs/")]
    t0 = time.perf_counter()
    jobs = [(n, None, False) for n in names] + [(n, None, True) for n in labs]
    results = engine.run_many(jobs, pool=live.pool())  # serve: warm workers
    _state["results"] = {name: res for (name, _, nb), res in results.items() if not nb}
    _state["labs"] = {name: res for (name, _, nb), res in results.items() if nb}
    _state["timings"] = [(time.perf_counter() - t0, list(results.values()))]
    failed = [r for r in results.values() if not r.ok]
    if failed and live.command != "serve":
        raise PluginError(
            "snippets failed:\n\n"
            + "\n\n".join(f"--- snippets/{r.name}\n{r.error}" for r in failed)
        )

    for name in names + labs:  # the code itself, for download links
        files.append(
            File.generated(config, f"code/{name}", abs_src_path=str(engine.snippet_path(name)))
        )
    for name, res in _state["results"].items():
        for i, fig in enumerate(res.figures if res.ok else []):
            uri = figure_uri(name, i, fig)
            files.append(File.generated(config, uri, abs_src_path=str(res.figure_path(i))))
    for name, res in _state["labs"].items():
        if res.ok:  # rendered by mkdocs-jupyter as the page labs/<name>.ipynb; + a download
            path = res.notebook_path()
            # A real File rooted at the cache entry (not File.generated): mkdocs-jupyter's
            # wrapper finds the source through src_dir.
            files.append(
                File(
                    res.notebook["file"],
                    src_dir=str(cache.CACHE / res.key),
                    dest_dir=config.site_dir,
                    use_directory_urls=config.use_directory_urls,
                )
            )
            download = f"notebooks/{name[:-3]}.ipynb"  # content=: not a page for mkdocs-jupyter
            files.append(File.generated(config, download, content=path.read_bytes()))
    for src_uri, included in pages.items():
        if included and all(_state["results"][n].ok for n in included):
            stem = src_uri[:-3]
            page_md = files.get_file_from_path(src_uri).content_string
            files.append(
                File.generated(
                    config, f"notebooks/{stem}.ipynb", content=page_notebook(page_md, included)
                )
            )
            files.append(File.generated(config, f"code/{stem}.zip", content=code_zip(included)))
    return files


def page_notebook(markdown: str, included: list[str]) -> bytes:
    """The page as a notebook: its headings as markdown cells, its snippets as code cells
    with the outputs and figures the build produced (each snippet is self-contained, so
    the cells also run top to bottom in one kernel)."""
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
        res = _state["results"][name]
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
        code = engine.snippet_path(name).read_text(encoding="utf-8").rstrip("\n")
        nb.cells.append(nbformat.v4.new_code_cell(code, outputs=outputs, execution_count=None))
    for i, cell in enumerate(nb.cells):  # stable ids: the same page gives the same bytes
        cell["id"] = f"cell-{i}"
    return nbformat.writes(nb).encode()


def code_zip(included: list[str]) -> bytes:
    """The page's snippets in one zip, with fixed timestamps (same input, same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in included:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, engine.snippet_path(name).read_bytes())
    return buf.getvalue()


def _download_bar(config, page, stem: str) -> str:
    """Markdown links, relative to the page's source, to its notebook and code."""
    root = _prefix(page)
    links = [
        f"[:material-notebook-outline: Notebook]({root}notebooks/{stem}.ipynb){{ download }}",
        f"[:material-download: Download the code]({root}code/{stem}.zip){{ download }}",
    ]
    colab = colab_url(config, f"notebooks/{stem}.ipynb")
    if colab:
        links.append(f"[:simple-googlecolab: Open in Colab]({colab})")
    return " · ".join(links) + "\n{: .page-downloads }\n"


def colab_url(config, notebook: str) -> str | None:
    """Colab opens notebooks from GitHub: the deploy workflow publishes the built
    ``notebooks/`` folder to the branch named by ``extra.colab_branch``."""
    repo = (config.repo_url or "").rstrip("/")
    branch = config.extra.get("colab_branch")
    if not (repo.startswith("https://github.com/") and branch):
        return None
    return f"https://colab.research.google.com/github/{repo[19:]}/blob/{branch}/{notebook}"


def _prefix(page) -> str:
    """From the page's source folder back to the docs root ("" or "../")."""
    rel = posixpath.relpath(".", posixpath.dirname(page.file.src_uri) or ".")
    return "" if rel == "." else rel + "/"


# After the first output on a page: why a reader's digits may differ from the page's.
DIGITS_NOTE = (
    "Printed numbers come from the build's run of this snippet. On another CPU the last "
    "digits can differ (TensorFlow's kernels sum in a CPU-dependent order); the claims "
    "the page draws from them are tested on ten seeds: see Checked claims at the end of "
    "the page, and [Environment]({prefix}environment.md#numbers-on-your-machine).\n"
    "{{: .digits-note }}"
)


def _output_block(name: str, res, page, first: bool = False) -> str:
    prefix = _prefix(page)
    if not res.ok:  # only in `mkdocs serve`: show the error instead of stale output
        body = "\n".join("    " + line for line in res.error.splitlines())
        return f'\n!!! failure "snippets/{name} failed"\n\n    ```text\n{body}\n    ```\n'
    parts = []
    if res.stdout.strip():
        fence = "```" + "`" * max(
            0, max((len(m) for m in re.findall("`{3,}", res.stdout)), default=0) - 2
        )
        # data-search-exclude: Material's search skips it. Printed numbers are noise in
        # results and were half of the search index, which every page downloads.
        attrs = '{ .text title="Output" data-search-exclude="" }'
        parts.append(f"{fence}{attrs}\n{res.stdout.rstrip()}\n{fence}")
        if first:
            parts.append(DIGITS_NOTE.format(prefix=prefix))
    for i, fig in enumerate(res.figures):
        alt = fig["alt"] or f"Figure {i + 1} drawn by {name}"
        alt = alt.replace("[", "(").replace("]", ")")
        parts.append(
            f"![{alt}]({prefix}{figure_uri(name, i, fig)}){{ .snippet-figure loading=lazy }}"
        )
    parts.append(
        f"`snippets/{name}` · ran in {res.seconds:.1f} s on {res.produced[:10]} · "
        f"[download]({prefix}code/{name}){{ download }}\n{{: .snippet-meta }}"
    )
    return "\n\n" + "\n\n".join(parts) + "\n"


def on_page_markdown(markdown, page, config, files):
    results = _state["results"]

    noted = []  # the digits note goes after the page's first printed output

    def add_output(m):
        name = m["name"]
        res = results.get(name)
        if res is None:  # the page changed after on_files read it
            raise PluginError(f"{page.file.src_uri} changed during the build; build again")
        first = not noted and bool(res.stdout.strip()) and page.file.src_uri != "environment.md"
        noted.extend([name] if first else [])
        return m.group(0) + "\n" + _output_block(name, res, page, first)

    included = included_snippets(markdown)
    markdown = INCLUDE.sub(add_output, markdown)
    if included and all(results[n].ok for n in included):
        bar = _download_bar(config, page, page.file.src_uri[:-3])
        markdown = re.sub(
            r"^# .+\n",
            lambda m: m.group(0) + "\n" + bar + "\n",
            markdown,
            count=1,
            flags=re.MULTILINE,
        )

    def pull(m):
        name, label = m["name"], m["label"]
        res = results.get(name) or _state["labs"].get(name)
        if res is None:
            raise PluginError(
                f"{page.file.src_uri}: {{{{ {name}: ... }}}} but the page does not include {name}"
            )
        if not res.ok:
            return "(failed)"
        try:
            return pulls.quote(res, label)
        except KeyError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc.args[0]}") from None

    return PULL.sub(pull, markdown)


def _mathml(m) -> str:
    """LaTeX to MathML at build time: browsers render MathML natively, so math needs no
    JavaScript and no network (MathJax/KaTeX would have to be fetched or vendored)."""
    block = m["block"] is not None
    tex = html.unescape(m["block"] if block else m["inline"]).strip()
    try:
        out = latex2mathml.converter.convert(tex, display="block" if block else "inline")
    except Exception as exc:  # latex2mathml raises many types
        raise PluginError(f"cannot render math {tex!r}: {exc}") from None
    return f'<div class="math">{out}</div>' if block else out


def on_page_content(html_text, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):  # a lab, rendered by mkdocs-jupyter
        html_text = MATHJAX.sub("", html_text)  # nbconvert's CDN MathJax: labs use no math
        html_text = MERMAID.sub("", html_text)
        html_text = _prune_notebook_css(html_text)
        # Raw HTML (mkdocs-jupyter renders the page): links relative to labs/<name>/.
        stem = page.file.src_uri[:-6]
        up = "../" * (stem.count("/") + 1)
        links = [
            f'<a href="{up}notebooks/{stem}.ipynb" download>Download notebook</a>',
            f'<a href="{up}code/{stem}.py" download>Download the source (jupytext)</a>',
        ]
        colab = colab_url(config, f"notebooks/{stem}.ipynb")
        if colab:
            links.append(f'<a href="{colab}">Open in Colab</a>')
        html_text = f'<p class="page-downloads">{" · ".join(links)}</p>' + html_text
    # The page's checked claims, read from its test file (guide/ledger.py).
    html_text += ledger.ledger_html(page.file.src_uri, "../" * page.url.count("/"))
    return MATH.sub(_mathml, html_text)


def on_post_build(config):
    """One line per snippet that ran or failed in this build, and a totals line."""
    seconds, results = _state["timings"][-1] if _state["timings"] else (0.0, [])
    if not results:
        return
    ran = [r for r in results if not r.cached]
    lines = [
        f"  {'ran' if r.ok else 'FAILED'} {r.name}{'' if r.seed is None else f' (seed {r.seed})'}"
        f" in {r.seconds:.1f} s"
        for r in sorted(ran, key=lambda r: r.name)
    ]
    lines.append(
        f"snippets: {len(ran)} executed, {len(results) - len(ran)} from cache, "
        f"{sum(not r.ok for r in results)} failed; {seconds:.1f} s"
    )
    print("\n".join(lines), flush=True)
