"""Every Python example in the Markdown is either a snippet include or run by a test.

A page's code blocks are snippet files (``--8<--`` includes), run by the build and by
tests/test_snippets.py. Any other ```python block -- in README.md, CONTRIBUTING.md or a
page -- must be one pytest-codeblocks runs (``make test`` passes ``--codeblocks``): it
collects only fences whose info string is exactly ``python``, so ```python title="..."
would be shown but never run, and could rot.
"""

import re

import pytest
from conftest import ROOT
from pytest_codeblocks.main import extract_from_buffer

from guide.markup import INCLUDE

FILES = ["README.md", "CONTRIBUTING.md"] + sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")
)
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*python\b[^\n]*$", re.MULTILINE)


def python_fences(text: str) -> int:
    return len(FENCE.findall(text)) - len(INCLUDE.findall(text))


def run_blocks(text: str) -> int:
    import io

    blocks = extract_from_buffer(io.StringIO(text))
    return sum(b.syntax == "python" and "pytest.mark.skip" not in b.marks for b in blocks)


@pytest.mark.parametrize("name", FILES)
def test_every_python_block_is_an_include_or_run(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    assert python_fences(text) == run_blocks(text), (
        f"{name}: {python_fences(text)} python blocks are not snippet includes, but "
        f"pytest-codeblocks runs {run_blocks(text)}: write ```python (no title) so it runs, "
        "or make it a snippet"
    )


def test_the_check_catches_a_block_that_would_not_run():
    shown_only = 'Text.\n\n```python title="x.py"\nprint(1)\n```\n'
    run = "Text.\n\n```python\nprint(1)\n```\n"
    include = '```python title="l1/01_penalty.py"\n--8<-- "l1/01_penalty.py"\n```\n'
    assert python_fences(shown_only) != run_blocks(shown_only)
    assert python_fences(run) == run_blocks(run) == 1
    assert python_fences(include) == run_blocks(include) == 0
