"""Math: LaTeX to MathML at build time, set in a math font the site ships itself.

Browsers render MathML natively, so pages need no JavaScript and make no request for
math. What they lack is a font with an OpenType MATH table (the metrics for scripts,
fractions and stretchy accents): without one, Chromium places superscripts unevenly and
draws ``\\hat`` as a loose caret. The site ships Noto Sans Math (SIL Open Font License,
``guide/fonts/``), cut at build time to the characters its formulas use (fontTools'
subsetter keeps the MATH table and the glyph variants it needs), so a page downloads a
few dozen kilobytes, and only if it has math.
"""

from __future__ import annotations

import functools
import html
import io
import re
from pathlib import Path

import latex2mathml.converter

from guide import derived

FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansMath-Regular.woff2"
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])"
    r"\s*</(?P=tag)>",
    re.DOTALL,
)
# latex2mathml writes accents with spacing characters (^ ~ ¯), which browsers draw as
# loose symbols above the base; MathML Core wants the combining accents.
ACCENTS = {"&#x0005E;": "&#x00302;", "&#x0007E;": "&#x00303;", "&#x000AF;": "&#x00305;"}
ACCENT_MO = re.compile(
    r'(<mover[^>]*>.*?)<mo(?: stretchy="(?:true|false)")?>(&#x0005E;|&#x0007E;|&#x000AF;)</mo>'
    r"(</mover>)",
    re.DOTALL,
)
# Greek symbol variants and their mathematical italic forms (ϵ, ϑ, ϕ, ϱ, ϖ).
GREEK_SYMBOLS = {
    "\u03f5": "\U0001d716",
    "\u03d1": "\U0001d717",
    "\u03d5": "\U0001d719",
    "\u03f1": "\U0001d71a",
    "\u03d6": "\U0001d71b",
}
# Multi-letter operator names (\operatorname{sign}) come out as <mo>; they are names.
NAME_MO = re.compile(r"<mo>([A-Za-z]{2,})</mo>")


class MathError(Exception):
    pass


def to_mathml(tex: str, block: bool) -> str:
    """One formula as MathML; raises :class:`MathError` with the TeX if it cannot."""
    try:
        out = latex2mathml.converter.convert(tex, display="block" if block else "inline")
    except Exception as exc:  # latex2mathml raises many types
        raise MathError(f"cannot render math {tex!r}: {exc}") from None
    out = ACCENT_MO.sub(
        lambda m: (
            m[1].replace("<mover>", '<mover accent="true">', 1)
            + f'<mo stretchy="false">{ACCENTS[m[2]]}</mo>{m[3]}'
        ),
        out,
    )
    out = NAME_MO.sub(r'<mi mathvariant="normal">\1</mi><mo>&#x02061;</mo>', out)
    if block:  # a display formula wider than a phone scrolls: focusable, and labelled
        return f'<div class="math" tabindex="0" role="group" aria-label="formula">{out}</div>'
    return out


def render(html_text: str) -> str:
    """Every ``arithmatex`` span/div of a rendered page, as MathML."""

    def one(m) -> str:
        block = m["block"] is not None
        return to_mathml(html.unescape(m["block"] if block else m["inline"]).strip(), block)

    return MATH.sub(one, html_text)


def math_text(html_text: str) -> str:
    """The characters inside the page's ``<math>`` elements (entities decoded)."""
    parts = re.findall(r"<math\b.*?</math>", html_text, re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", "".join(parts)))


def _math_italic(text: str) -> str:
    """Browsers draw a one-letter <mi> from the Mathematical Alphanumeric Symbols block
    (x -> U+1D465): those code points must be in the font too."""
    out = []
    for ch in set(text):
        if "a" <= ch <= "z":
            out.append(chr(0x1D44E + ord(ch) - ord("a")) if ch != "h" else "\u210e")
        elif "A" <= ch <= "Z":
            out.append(chr(0x1D434 + ord(ch) - ord("A")))
        elif "\u03b1" <= ch <= "\u03c9":
            out.append(chr(0x1D6FC + ord(ch) - 0x03B1))
        elif "\u0391" <= ch <= "\u03a9":
            out.append(chr(0x1D6E2 + ord(ch) - 0x0391))
        elif ch in GREEK_SYMBOLS:
            out.append(GREEK_SYMBOLS[ch])
    return "".join(out)


@functools.lru_cache(maxsize=4)  # a live-preview rebuild usually has the same formulas
def subset_font(text: str) -> bytes:
    """The math font cut to ``text`` (plus its italic forms and digits), as WOFF2. Kept
    on disk (guide/derived.py): cutting takes ~2 s."""
    from importlib.metadata import version

    def cut() -> bytes:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = TTFont(FONT, recalcTimestamp=False)  # the same bytes on every build
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text + _math_italic(text) + "0123456789")
        subsetter.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff2"
        font.save(buf, reorderTables=False)
        return buf.getvalue()

    code = Path(__file__).read_bytes()  # this module: the cut's options, GREEK_SYMBOLS, ...
    parts = (FONT.read_bytes(), version("fonttools"), version("brotli"), code, text)
    return derived.kept("math-font", parts, cut)
