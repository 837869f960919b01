"""No number typed by hand: every number in a page's prose comes from its code or output.

A number in the prose of ``docs/<page>.md`` (outside math, code, links and citations)
must either come through ``{{ snippet: ... }}`` (filled in from the output at build
time), or appear literally in the source or the printed output of a snippet the page
includes, or be listed in the page's front matter with the reason it is there::

    ---
    numbers:
      "0.5": the usual decision threshold of a sigmoid output
    ---

A result typed by hand goes stale the day the code changes; this test is what notices.
"""

import re

import pytest
import yaml
from conftest import ROOT

from guide import engine
from guide.markup import INCLUDE

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))

# Regions that are not prose, removed before numbers are looked for.
NOT_PROSE = [
    re.compile(r"\A---\n.*?\n---\n", re.S),  # front matter
    re.compile(r"^## References\n.*?(?=^## |\Z)", re.M | re.S),  # citations
    re.compile(r"^(?P<f>`{3,}|~{3,}).*?^(?P=f)[ \t]*$", re.M | re.S),  # fenced code
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\\\[.*?\\\]", re.S),  # display math
    re.compile(r"\\\(.*?\\\)", re.S),  # inline math
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"\{\{.*?\}\}", re.S),  # numbers pulled from the output
    re.compile(r"\]\([^)\s]*\)"),  # link targets
    re.compile(r"<[^>]+>"),  # HTML tags and their attributes
    re.compile(r"^\*\[[^\]]+\]:.*$", re.M),  # abbreviation definitions
    re.compile(r"\{[:.#][^}]*\}"),  # attribute lists
    re.compile(r"^\[\^[^\]]+\]:.*$", re.M),  # footnote definitions (citations)
    re.compile(r"\[\^[^\]]+\]"),  # footnote references
]
# Citations and versions: numbers that are not results.
CITATION = [
    re.compile(r"arXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?", re.I),
    re.compile(
        r"(?:§|\bSections?|\bsec\.|\bch\.|\bChapters?|\bpp?\.|\bvol\.|\bEqs?\.|\bno\.|#)\s*"
        r"\d+(?:[.–-]\d+)*",
        re.I,
    ),
    # "Srivastava et al. (2014)", "Loshchilov & Hutter, 2019", "Bishop 1995", "(2017)"
    re.compile(
        r"(?:et al\.?|&|\band\b|[A-Z][\w'’-]+),?\s*\(?(?:19|20)\d{2}[a-z]?\)?"
        r"|\((?:19|20)\d{2}[a-z]?\)"
    ),
    re.compile(
        r"\b(?:Keras|TensorFlow|TF|scikit-learn|sklearn|Python|NumPy|PyTorch|JAX|matplotlib|"
        r"MkDocs|Material|Chromium|pytest|uv|CUDA|version|versions|release|releases)"
        r"\s+(?:\d+(?:\.\d+)*(?:\.x)?(?:\s*(?:–|-|to|and|or)\s*)?)+"
    ),
]
NUMBER = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*(?:e[-−]?\d+)?%?(?![\w])")
TOKEN = re.compile(r"\d+(?:\.\d+)*(?:e[-−]?\d+)?%?")


def prose_numbers(markdown: str) -> list[str]:
    """The numbers a reader sees in the prose of a page's Markdown source."""
    for pattern in NOT_PROSE + CITATION:
        markdown = pattern.sub(" ", markdown)
    return [m.group(0) for m in NUMBER.finditer(markdown)]


def front_matter(markdown: str) -> dict:
    m = re.match(r"\A---\n(.*?)\n---\n", markdown, re.S)
    return (yaml.safe_load(m[1]) or {}) if m else {}


def known_numbers(markdown: str) -> set[str]:
    """Every number in the source and the printed output of the page's snippets, in the
    forms a page writes them ("17,000" is also "17000")."""
    corpus = ""
    for m in INCLUDE.finditer(markdown):
        corpus += engine.snippet_path(m["name"]).read_text(encoding="utf-8")
        res = engine.load_cached(m["name"], None)
        corpus += res.stdout if res else ""
    for name in re.findall(r"\{\{\s*([\w./-]+\.py)\s*:", markdown):  # labs' output too
        res = engine.load_cached(name, None, notebook=name.startswith("labs/"))
        corpus += res.stdout if res else ""
    return set(TOKEN.findall(corpus.replace(",", "")))


def unexplained(page: str) -> list[str]:
    markdown = (DOCS / page).read_text(encoding="utf-8")
    allowed = {str(k) for k in (front_matter(markdown).get("numbers") or {})}
    known = known_numbers(markdown)
    return [
        n for n in prose_numbers(markdown) if n not in allowed and n.replace(",", "") not in known
    ]


def test_the_check_catches_a_typed_number_and_passes_pulled_and_cited_ones():
    md = (
        "---\nnumbers:\n  '0.5': the decision threshold\n---\n"
        "It reached {{ l1/03_compare.py: val CE, L1 }} after 400 steps (Bishop 1995, §7.1),\n"
        "at a threshold of 0.5, with `batch_size=32` and \\(\\lambda = 10^{-3}\\), in Keras 3.15.\n"
    )
    assert prose_numbers(md) == ["400", "0.5"]
    allowed = {str(k) for k in front_matter(md)["numbers"]}
    assert [n for n in prose_numbers(md) if n not in allowed] == ["400"]


@pytest.mark.parametrize("page", PAGES)
def test_every_number_in_the_prose_is_pulled_shown_or_explained(page):
    bad = unexplained(page)
    assert not bad, (
        f"docs/{page}: numbers in the prose that are neither pulled with {{{{ ... }}}}, nor "
        f"in the page's code or output, nor explained in its front matter: {bad}"
    )


def test_every_allowed_number_has_a_reason_and_is_used():
    for page in PAGES:
        markdown = (DOCS / page).read_text(encoding="utf-8")
        allowed = front_matter(markdown).get("numbers") or {}
        used = set(prose_numbers(markdown))
        for number, reason in allowed.items():
            assert isinstance(reason, str) and len(reason.split()) >= 3, (page, number)
            assert str(number) in used, f"docs/{page}: '{number}' is allowed but not used"
