"""MkDocs hooks: the glue between MkDocs and the guide's build steps.

Each event hands its work to a module that does not depend on MkDocs, so another site
generator could host the guide:

* ``guide/engine.py`` runs the snippets and labs (cached; a warm pool under ``serve``);
* ``guide/markup.py`` puts each snippet's output, figures and run time on its page and
  fills in quoted numbers (``guide/pulls.py``);
* ``guide/notebooks.py`` builds each page's notebook and code zip, and cleans lab pages;
* ``guide/mathml.py`` renders LaTeX to MathML and cuts the site's math font;
* ``guide/ledger.py`` ends each page with its checked claims.

``GUIDE_PAGES="l1 dropout"`` builds only those pages' snippets (``make check``): other
pages are rendered without their outputs.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

# MkDocs loads this file by path, not as part of a package: make `guide` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from guide import cache, derived, engine, ledger, live, markup, mathml, notebooks, warm_build  # noqa: E402

# This build's results (live.py holds what outlives a rebuild of `mkdocs serve`).
_state: dict = {"results": {}, "labs": {}, "timings": [], "inputs": {}}
ONLY = set(os.environ.get("GUIDE_PAGES", "").split())


def _selected(src_uri: str) -> bool:
    return not ONLY or src_uri.rsplit(".", 1)[0] in ONLY


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

    if ONLY:  # a preview of some pages: a new page need not be in the nav yet
        config.validation.nav.omitted_files = logging.INFO
    config.copyright = (
        f"Outputs produced with Python {sys.version.split()[0]}, "
        f"TensorFlow {v('tensorflow-cpu', 'tensorflow')}, Keras {v('keras')}, "
        f"scikit-learn {v('scikit-learn')} — see Environment."
    )
    return config


def on_startup(command, dirty):
    live.command = command  # called once per process, not on live-reload rebuilds
    live.dirty = command == "serve" and dirty


@event_priority(50)  # before mkdocs-jupyter's on_files, which must see the lab notebooks
def on_files(files, config):
    """Run (or fetch from the cache) every snippet a page includes and every lab; add
    their figures, executed lab notebooks, page notebooks and code downloads."""
    every = {
        f.src_uri: markup.included_snippets(f.content_string) for f in files.documentation_pages()
    }
    pages = {src: names for src, names in every.items() if _selected(src)}
    names = list(dict.fromkeys(n for ns in pages.values() for n in ns))
    shown = list(dict.fromkeys(n for ns in every.values() for n in ns))
    missing = sorted(n for n in shown if not engine.snippet_path(n).is_file())
    if missing:
        raise PluginError("pages include snippets that do not exist: " + ", ".join(missing))
    labs = [n for n in engine.all_snippets() if n.startswith("labs/")]
    skipped = [n for n in labs if not _selected(n[:-3] + ".ipynb")]  # a preview of others
    labs = [n for n in labs if n not in skipped]
    t0 = time.perf_counter()
    jobs = [(n, None, False) for n in names] + [(n, None, True) for n in labs]
    results = engine.run_many(jobs, pool=live.pool())  # serve: warm workers
    _state["results"] = {name: res for (name, _, nb), res in results.items() if not nb}
    _state["labs"] = {name: res for (name, _, nb), res in results.items() if nb}
    _state["timings"] = [(time.perf_counter() - t0, list(results.values()))]
    _state["inputs"] = _page_inputs(files, config) if live.dirty else {}
    failed = [r for r in results.values() if not r.ok]
    if failed and live.command != "serve":
        raise PluginError(
            "snippets failed:\n\n"
            + "\n\n".join(f"--- snippets/{r.name}\n{r.error}" for r in failed)
        )

    for name in shown + labs + skipped:  # the code itself, for download links
        files.append(
            File.generated(config, f"code/{name}", abs_src_path=str(engine.snippet_path(name)))
        )
    for name, res in _state["results"].items():
        for i, fig in enumerate(res.figures if res.ok else []):
            for variant in ("file", "dark") if fig.get("dark") else ("file",):
                uri = markup.figure_uri(name, i, fig, variant)
                path = str(res.figure_path(i, variant))
                files.append(File.generated(config, uri, abs_src_path=path))
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
    for name in skipped:  # the nav still lists the lab: a stand-in page, nothing run
        files.append(_stand_in_lab(config, name))
    for src_uri, included in pages.items():
        if included and all(_state["results"][n].ok for n in included):
            stem = src_uri[:-3]
            page_md = files.get_file_from_path(src_uri).content_string
            notebook = notebooks.page_notebook(page_md, _state["results"])
            files.append(File.generated(config, f"notebooks/{stem}.ipynb", content=notebook))
            zipped = notebooks.code_zip(included)
            files.append(File.generated(config, f"code/{stem}.zip", content=zipped))
    return files


def _page_inputs(files, config) -> dict[str, str]:
    """Each page's fingerprint for a dirty rebuild (guide/live.py): its Markdown, the
    results it shows (its snippets and the ones it quotes; a lab's own run), and what
    every page depends on (the configuration, the included Markdown, the guide's code)."""
    shared = [Path(config.config_file_path)]
    shared += sorted((engine.ROOT / "includes").glob("*.md"))
    shared += sorted((engine.ROOT / "guide").glob("*.py"))
    common = derived.hashed(p.read_text(encoding="utf-8") for p in shared)
    # A failure is not cached, so a rerun of the same code can succeed: key and outcome.
    keys = {n: r.key + ("" if r.ok else r.error) for n, r in _state["results"].items()}
    # Labs become pages later (mkdocs-jupyter's on_files), as labs/<name>.ipynb.
    labs = _state["labs"].items()
    inputs = {n[:-3] + ".ipynb": derived.hashed([common, r.key + r.error]) for n, r in labs}
    for f in files.documentation_pages():
        md = f.content_string
        names = markup.included_snippets(md) + [m["name"] for m in markup.PULL.finditer(md)]
        inputs[f.src_uri] = derived.hashed([common, md, *(keys.get(n, "") for n in names)])
    return inputs


def on_env(env, config, files):
    """Links are checked once per set of rendered pages; search entries of unchanged
    pages are reused (guide/warm_build.py)."""
    warm_build.memoize_search(config.plugins.get("material/search"))
    warm_build.memoize_link_check(config.plugins, files)
    return env


def on_nav(nav, config, files):
    """Under ``make serve`` (--dirty): render only the pages whose inputs changed."""
    if not live.dirty:
        live.math.clear()
        return nav
    pages = files.documentation_pages()
    others = [f for f in files if not f.is_documentation_page()]
    stale = live.mark_stale(pages, others, _state["inputs"])
    # Material's own dirty merge assumes one page was rebuilt and matches its old entries
    # by URL prefix (the home page's "" matches all): hand it the other pages' entries.
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled and search.search_index_prev:
        # Search entries use the page's URL ("" for the home page; its File's is "./").
        urls = {f.page.url if f.page else f.url for f in pages if f.src_uri in stale}
        kept = live.search_entries_to_keep(search.search_index_prev.entries, urls)
        search.search_index.entries[:0] = kept
        search.search_index_prev = None
    print(f"rendering {len(stale)} of {len(pages)} pages", flush=True)
    return nav


def _stand_in_lab(config, name: str) -> File:
    """The page of a lab that a preview build (GUIDE_PAGES) does not run."""
    root = Path(tempfile.mkdtemp(prefix="guide-lab-"))
    uri = name[:-3] + ".ipynb"
    (root / uri).parent.mkdir(parents=True)
    (root / uri).write_bytes(notebooks.stand_in_notebook(name))
    urls = config.use_directory_urls
    return File(uri, src_dir=str(root), dest_dir=config.site_dir, use_directory_urls=urls)


def _prefix(page) -> str:
    """From the page's source folder back to the docs root ("" or "../")."""
    rel = posixpath.relpath(".", posixpath.dirname(page.file.src_uri) or ".")
    return "" if rel == "." else rel + "/"


def colab_url(config, notebook: str) -> str | None:
    """Colab opens notebooks from GitHub: the deploy workflow publishes the built
    ``notebooks/`` folder to the branch named by ``extra.colab_branch``."""
    repo = (config.repo_url or "").rstrip("/")
    branch = config.extra.get("colab_branch")
    if not (repo.startswith("https://github.com/") and branch):
        return None
    return f"https://colab.research.google.com/github/{repo[19:]}/blob/{branch}/{notebook}"


def _download_links(config, stem: str, root: str, lab: bool) -> list[tuple[str, str, bool]]:
    """(label, href, is a download) for a page's notebook and code."""
    links = [("Notebook", f"{root}notebooks/{stem}.ipynb", True)]
    if lab:
        links.append(("Source (jupytext)", f"{root}code/{stem}.py", True))
    else:
        links.append(("Code (zip)", f"{root}code/{stem}.zip", True))
    colab = colab_url(config, f"notebooks/{stem}.ipynb")
    if colab:
        links.append(("Open in Colab", colab, False))
    return links


def on_page_markdown(markdown, page, config, files):
    if not _selected(page.file.src_uri):
        return markdown
    results = _state["results"]
    prefix = _prefix(page)
    included = markup.included_snippets(markdown)
    try:
        markdown = markup.render(
            markdown,
            results,
            _state["labs"],
            prefix,
            url_prefix="../" * page.url.count("/"),
            note_digits=page.file.src_uri != "environment.md",
        )
    except markup.MarkupError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    if included and all(results[n].ok for n in included):  # under the title
        links = _download_links(config, page.file.src_uri[:-3], prefix, lab=False)
        bar = " · ".join(
            f"[{label}]({href})" + ("{ download }" if dl else "") for label, href, dl in links
        )
        markdown = re.sub(
            r"^# .+\n",
            lambda m: f"{m.group(0)}\n{bar}\n{{: .page-downloads }}\n\n",
            markdown,
            count=1,
            flags=re.MULTILINE,
        )
    return markdown


def on_page_content(html_text, page, config, files):
    src = page.file.src_uri
    if src.endswith(".ipynb"):  # a lab, rendered by mkdocs-jupyter
        name = src[:-6] + ".py"
        try:
            source = engine.snippet_path(name).read_text(encoding="utf-8")
            html_text = notebooks.lab_html(html_text, name, source, alts=_selected(src))
        except markup.MarkupError as exc:
            raise PluginError(f"{src}: {exc}") from None
        up = "../" * page.url.count("/")
        links = _download_links(config, src[:-6], up, lab=True) if _selected(src) else []
        bar = " · ".join(
            f'<a href="{href}"{" download" if dl else ""}>{label}</a>' for label, href, dl in links
        )
        bar = f'<p class="page-downloads">{bar}</p>'
        html_text = re.sub(r"</h1>", lambda m: m.group(0) + bar, html_text, count=1)
    html_text += ledger.ledger_html(src, "../" * page.url.count("/"))
    try:
        html_text = mathml.render(html_text)
    except mathml.MathError as exc:
        raise PluginError(f"{src}: {exc}") from None
    live.math[src] = frozenset(mathml.math_text(html_text))
    return html_text


def on_post_build(config):
    """The math font, cut to every page's formulas (under --dirty, also those of pages
    this rebuild did not render); then one line per snippet that ran or failed, and a
    totals line."""
    formulas = set().union(*live.math.values())  # every page's, rebuilt now or before
    if formulas:
        out = Path(config.site_dir) / "assets" / "fonts" / "math.woff2"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(mathml.subset_font("".join(sorted(formulas))))
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
