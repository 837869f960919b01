"""`make check PAGE=<page>`: everything about one page, in well under a minute when warm.

1. ruff on the page's snippets and test file;
2. the snippet contract for each of its snippets, its claim tests (make test's seeds),
   and the prose-number check of the page (pytest, by test id, not by ``-k``);
3. a strict build that runs only this page's snippets (``GUIDE_PAGES``), and the labs
   whose output it quotes (the home page quotes the showdown), link checks included,
   into a temporary directory.

``PAGE`` is a page's name as in its URL: ``l1``, ``batch-norm``, ``labs/moons``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time

from guide import ledger
from guide.cache import ROOT, SNIPPETS
from guide.markup import included_snippets


def page_files(page: str) -> tuple[str, list[str], str]:
    """(the page's source, its snippets, its claim test file), relative to the root."""
    if page.startswith("labs/"):
        src, snippets = f"labs/{page[5:]}.ipynb", [f"{page}.py"]
        doc = f"snippets/{page}.py"
    else:
        src = f"{page}.md"
        doc = f"docs/{src}"
        snippets = included_snippets((ROOT / doc).read_text(encoding="utf-8"))
    test = ledger.test_file(src)
    return doc, snippets, str(test.relative_to(ROOT)) if test.is_file() else ""


def quoted_labs(page: str) -> list[str]:
    """The labs whose output a page quotes (``{{ labs/showdown.py: ... }}``): a preview
    build of the page must run them too, or the quotes have nothing to read."""
    if page.startswith("labs/"):
        return []
    text = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"\{\{\s*(labs/[\w-]+)\.py:", text)))


def main(pages: list[str]) -> int:
    if not pages:
        print("usage: make check PAGE=<page> (l1, batch-norm, labs/moons, ...)")
        return 2
    t0 = time.perf_counter()
    steps = []
    for page in pages:
        doc, snippets, test = page_files(page)
        if not (ROOT / doc).is_file():
            print(f"check: no page {page} ({doc})")
            return 2
        paths = [str((SNIPPETS / s).relative_to(ROOT)) for s in snippets] + ([test] if test else [])
        steps.append(["ruff", "check", *paths])
        steps.append(["ruff", "format", "--check", *paths])
        ids = [
            f"tests/test_snippets.py::{t}[{s}]"
            for s in snippets
            for t in (
                "test_snippet_runs",
                "test_snippet_is_self_contained_and_seeded",
                "test_snippet_passes_the_static_checks",
            )
        ]
        if doc.startswith("docs/"):
            ids += [
                f"tests/test_site.py::{t}[{doc[5:]}]"
                for t in (
                    "test_figures_are_drawn_at_the_house_width",
                    "test_figure_text_is_legible_on_a_phone",
                    "test_no_figure_has_overlapping_text",
                )
            ]
            ids.append(
                f"tests/test_prose_numbers.py::test_every_number_in_the_prose_is_pulled_shown_or_explained[{doc[5:]}]"
            )
        steps.append(["pytest", "-q", "-p", "no:cacheprovider", *ids, *([test] if test else [])])
    failed = []
    built = list(dict.fromkeys(pages + [lab for page in pages for lab in quoted_labs(page)]))
    with tempfile.TemporaryDirectory() as site:
        steps.append(["mkdocs", "build", "--strict", "-q", "-d", site])
        env = {**os.environ, "GUIDE_PAGES": " ".join(built), "NO_MKDOCS_2_WARNING": "1"}
        for step in steps:
            print("$", " ".join(step[:6]), "..." if len(step) > 6 else "", flush=True)
            cmd = [sys.executable, "-m", *step]
            if subprocess.run(cmd, cwd=ROOT, env=env).returncode:
                failed.append(step[0])
    print(
        f"check {' '.join(pages)}: {'FAILED: ' + ', '.join(failed) if failed else 'all passed'}"
        f" in {time.perf_counter() - t0:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
