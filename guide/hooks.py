"""MkDocs hooks: put each snippet's output and figures on the page, render math offline.

A page includes a snippet with pymdownx.snippets inside a fenced block whose only line
is the include::

    ```python title="l1/02_compare.py"
    --8<-- "l1/02_compare.py"
    ```

Right after that fence this hook inserts the snippet's printed output, its figures and
its run time. Prose quotes a printed number with ``{{ l1/02_compare.py: label }}``,
which becomes the value on the output line ``label: value`` (the build fails if there is
none), so text and code cannot disagree. Snippets are executed by ``guide.engine``.
"""

from __future__ import annotations

import atexit
import html
import logging
import posixpath
import re
import sys
import time
from pathlib import Path

import latex2mathml.converter
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs loads this file by path, not as part of a package: make `guide` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from guide import engine  # noqa: E402

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

_state: dict = {"command": "build", "pool": None, "results": {}, "timings": []}


def included_snippets(markdown: str) -> list[str]:
    return [m["name"] for m in INCLUDE.finditer(markdown)]


def figure_uri(name: str, i: int, fig: dict) -> str:
    ext = fig["file"].rsplit(".", 1)[-1]
    return f"figures/{name[:-3]}-{i + 1}.{ext}"


# ---------------------------------------------------------------------------- hooks


def on_startup(command, dirty):
    _state["command"] = command
    if command == "serve":  # keep warm workers across live-reload rebuilds
        _state["pool"] = engine.Pool()
        atexit.register(_state["pool"].close)


def on_files(files, config):
    """Run (or fetch from the cache) every snippet a page includes; add its figures."""
    names = []
    for f in files.documentation_pages():
        names += included_snippets(f.content_string)
    missing = sorted({n for n in names if not engine.snippet_path(n).is_file()})
    if missing:
        raise PluginError("pages include snippets that do not exist: " + ", ".join(missing))
    t0 = time.perf_counter()
    results = engine.run_many([(n, None) for n in dict.fromkeys(names)], pool=_state["pool"])
    _state["results"] = {name: res for (name, _), res in results.items()}
    _state["timings"] = [(time.perf_counter() - t0, list(_state["results"].values()))]
    for name, res in _state["results"].items():
        # The code itself, for "download" links and notebooks.
        files.append(
            File.generated(config, f"code/{name}", abs_src_path=str(engine.snippet_path(name)))
        )
        for i, fig in enumerate(res.figures if res.ok else []):
            files.append(
                File.generated(
                    config, figure_uri(name, i, fig), abs_src_path=str(res.figure_path(i))
                )
            )
    failed = [r for r in _state["results"].values() if not r.ok]
    if failed and _state["command"] != "serve":
        raise PluginError(
            "snippets failed:\n\n"
            + "\n\n".join(f"--- snippets/{r.name}\n{r.error}" for r in failed)
        )
    return files


def _output_block(name: str, res, page) -> str:
    rel = posixpath.relpath(".", posixpath.dirname(page.file.src_uri) or ".")
    prefix = "" if rel == "." else rel + "/"
    if not res.ok:  # only in `mkdocs serve`: show the error instead of stale output
        body = "\n".join("    " + line for line in res.error.splitlines())
        return f'\n!!! failure "snippets/{name} failed"\n\n    ```text\n{body}\n    ```\n'
    parts = []
    if res.stdout.strip():
        fence = "```" + "`" * max(
            0, max((len(m) for m in re.findall("`{3,}", res.stdout)), default=0) - 2
        )
        parts.append(f'{fence}text title="Output"\n{res.stdout.rstrip()}\n{fence}')
    for i, fig in enumerate(res.figures):
        alt = fig["alt"] or f"Figure {i + 1} drawn by {name}"
        alt = alt.replace("[", "(").replace("]", ")")
        parts.append(
            f"![{alt}]({prefix}{figure_uri(name, i, fig)}){{ .snippet-figure loading=lazy }}"
        )
    parts.append(
        f"`snippets/{name}` · ran in {res.seconds:.1f} s · "
        f"[download]({prefix}code/{name}){{ download }}\n{{: .snippet-meta }}"
    )
    return "\n\n" + "\n\n".join(parts) + "\n"


def on_page_markdown(markdown, page, config, files):
    results = _state["results"]

    def add_output(m):
        name = m["name"]
        res = results[name]
        return m.group(0) + "\n" + _output_block(name, res, page)

    markdown = INCLUDE.sub(add_output, markdown)

    def pull(m):
        name, label = m["name"], m["label"]
        res = results.get(name)
        if res is None:
            raise PluginError(
                f"{page.file.src_uri}: {{{{ {name}: ... }}}} but the page does not include {name}"
            )
        if not res.ok:
            return "(failed)"
        try:
            return res.value(label)
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
    return MATH.sub(_mathml, html_text)


def on_post_build(config):
    seconds, results = _state["timings"][-1] if _state["timings"] else (0.0, [])
    if not results:
        return
    ran = [r for r in results if not r.cached]
    width = max(len(r.name) for r in results)
    lines = [f"{'snippet':<{width}}  {'status':<7} {'seconds':>7}"]
    for r in sorted(results, key=lambda r: r.name):
        status = "cached" if r.cached else ("ran" if r.ok else "FAILED")
        lines.append(f"{r.name:<{width}}  {status:<7} {r.seconds:>7.1f}")
    lines.append(
        f"{len(results)} snippets: {len(ran)} executed, {len(results) - len(ran)} from cache;"
        f" {seconds:.1f} s wall time"
    )
    print("\n".join(lines), flush=True)
