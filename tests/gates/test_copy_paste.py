"""What a reader copies from the built site runs on its own and prints what the page shows.

For every snippet a page includes, the code block AS RENDERED in the built HTML (the text
of its ``<code>``, which is what Material's copy button copies, less the final newline)
must be the snippet file byte for byte, and run alone in a fresh ``python`` process (no
TensorFlow already imported, no ``guide`` on the path, a random hash seed, an empty
working directory, ``MPLBACKEND=Agg``, the build's one thread per op) with exit code 0,
no files written, no warnings, and the same stdout as the build
(``engine.load_cached(name, None).stdout``, also the page's "Output" block). The last
check is determinism across processes: the build ran the snippet in a long-lived
worker, this runs it in a new interpreter.

The site is ``GUIDE_SITE_DIR`` if set (``make test`` builds first), else a fresh
``mkdocs build --strict`` into a temporary directory. One fresh process per snippet
(~5 s of imports each): run with ``-n 2``.
"""

import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from guide import engine
from guide.markup import INCLUDE
from guide.runner import RUN_ENV

DOCS = ROOT / "docs"
NAMES = [
    m["name"] for page in sorted(DOCS.rglob("*.md")) for m in INCLUDE.finditer(page.read_text())
]
FRESH_TIMEOUT = float(os.environ.get("GUIDE_FRESH_TIMEOUT", "60"))

# A Python warning ("file:line: UserWarning: ...") or a library's logged warning
# ("WARNING:tensorflow:..."). TensorFlow's start-up lines are not: "WARNING: All log
# messages before absl::InitializeLog() ..." and "I0000 ... oneDNN custom operations are on".
WARNING_LINE = re.compile(r"\b\w*Warning: |^WARNING:\w|^W\d{4} ", re.MULTILINE)


class CodeBlocks(HTMLParser):
    """``div.highlight`` blocks with a title: [(title, text of <code>)], in page order.
    Line-number anchors (``<a id="__codelineno-...">``) are empty, so the text is what
    the copy button copies (Material trims the trailing newline)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._block = None  # [title, [code parts]]
        self._divs = 0
        self._in_title = self._in_code = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._block is None:
            if tag == "div" and "highlight" in classes:
                self._block, self._divs = [None, []], 0
            return
        if tag == "div":
            self._divs += 1
        elif tag == "span" and "filename" in classes and self._block[0] is None:
            self._in_title, self._block[0] = True, ""
        elif tag == "code":
            self._in_code = True

    def handle_endtag(self, tag):
        if self._block is None:
            return
        if tag == "div":
            if self._divs:
                self._divs -= 1
                return
            title, parts = self._block
            if title is not None:
                self.blocks.append((title.strip(), "".join(parts)))
            self._block = None
        elif tag == "span" and self._in_title:
            self._in_title = False
        elif tag == "code":
            self._in_code = False

    def handle_data(self, data):
        if self._block is None:
            return
        if self._in_title:
            self._block[0] += data
        elif self._in_code:
            self._block[1].append(data)


@pytest.fixture(scope="session")
def rendered(built_site) -> dict[str, dict]:
    """snippet name -> {"page", "code", "output"} as the built site shows them."""
    out: dict[str, dict] = {}
    for html in sorted(built_site.rglob("*.html")):
        parser = CodeBlocks()
        parser.feed(html.read_text(encoding="utf-8"))
        last = None
        for title, text in parser.blocks:
            name = title.removeprefix("snippets/")
            if name.endswith(".py") and engine.snippet_path(name).is_file():
                assert name not in out, f"{name} is shown twice ({out[name]['page']}, {html})"
                last = out[name] = {"page": html.relative_to(built_site), "code": text}
                last["output"] = None
            elif title == "Output" and last is not None and last["output"] is None:
                last["output"] = text
            else:
                last = None
    return out


def fresh_env(home: str) -> dict[str, str]:
    """A reader's shell: no PYTHONPATH (nothing from this repo), a random hash seed."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHASHSEED", "PYTHONSTARTUP") and not k.startswith("GUIDE_")
    }
    # The build's thread settings (one thread per op): with TensorFlow's default of one
    # thread per core, a large matrix product sums in another order and the last digits
    # can differ from the page's. The Environment page tells readers the same.
    env.update({k: v for k, v in RUN_ENV.items() if k != "PYTHONHASHSEED"})
    env.setdefault("HOME", home)
    return env


@pytest.mark.parametrize("name", NAMES)
def test_rendered_code_is_the_snippet_file(rendered, name):
    assert name in rendered, f"{name} is included by a page but not shown on any built page"
    shown = rendered[name]["code"].encode("utf-8")
    assert shown == engine.snippet_path(name).read_bytes(), (
        f"{rendered[name]['page']}: the code shown for {name} is not the file (stale build?)"
    )


@pytest.mark.parametrize("name", NAMES)
def test_rendered_code_runs_alone_and_prints_what_the_build_printed(rendered, name):
    assert name in rendered, f"{name} is included by a page but not shown on any built page"
    code = rendered[name]["code"]
    cached = engine.load_cached(name, None)
    assert cached is not None, f"{name} is not in the snippet cache: build the site first"
    with tempfile.TemporaryDirectory(prefix="paste-") as cwd, tempfile.TemporaryDirectory() as home:
        try:
            proc = subprocess.run(
                [sys.executable, "-"],  # the pasted text on stdin, as `python` reads a paste
                input=code,
                cwd=cwd,
                env=fresh_env(home),
                capture_output=True,
                text=True,
                timeout=FRESH_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"{name} did not finish in {FRESH_TIMEOUT:.0f} s in a fresh process")
        written = sorted(os.listdir(cwd))
    assert proc.returncode == 0, f"{name} failed in a fresh process:\n{proc.stderr[-3000:]}"
    assert not written, f"{name} wrote {written} into the working directory"
    warned = [line for line in proc.stderr.splitlines() if WARNING_LINE.search(line)]
    assert not warned, f"{name} warns in a fresh process:\n" + "\n".join(warned)
    assert proc.stdout == cached.stdout, (
        f"{name}: a fresh process prints something else than the build "
        f"(not deterministic across processes):\n{_diff(cached.stdout, proc.stdout)}"
    )
    shown = rendered[name]["output"]
    if cached.stdout.strip():
        assert shown == cached.stdout.rstrip() + "\n", f"{name}: the page's Output block is stale"


def _diff(build: str, fresh: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            build.splitlines(True), fresh.splitlines(True), "build (worker)", "fresh process"
        )
    )
