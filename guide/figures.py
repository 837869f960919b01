"""Figures: how the build saves what a snippet draws.

Only a page's own run (the seed written in the snippet) saves figures: runs on other
seeds exist for the claim tests, which read numbers, so this file is part of the cache
key of page runs only (``guide/cache.py``).
"""

from __future__ import annotations

import hashlib
import io

# A figure is saved as SVG unless it shows raster images (imshow: an SVG would only wrap
# them, at a larger size) or its SVG is larger than this (dense scatter and contour
# plots); then as a palette PNG.
SVG_LIMIT = 200_000
PNG_DPI = 200  # 2x for a ~800 px wide column: sharp on high-DPI screens


def _figure_alt(fig) -> str:
    parts = []
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text())
    parts += [ax.get_title() for ax in fig.axes if ax.get_title()]
    return "; ".join(parts)


def palette_png(data: bytes) -> bytes:
    """A plot has few distinct colours: a 256-colour palette PNG looks the same and is
    3-4x smaller than matplotlib's RGBA output (no dithering, so it stays deterministic)."""
    from PIL import Image

    img = Image.open(io.BytesIO(data))
    pal = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    pal.save(out, format="png", optimize=True)
    return out.getvalue()


def save_figures(captured: list) -> tuple[list[dict], dict[str, bytes]]:
    """Each captured figure as SVG or palette PNG: ({"file", "sha256", "alt"}, files)."""
    import matplotlib.pyplot as plt

    figures, files = [], {}
    for fig in captured:
        n = len(figures) + 1
        data, ext = b"", "png"
        if not any(ax.images for ax in fig.axes):
            buf = io.BytesIO()
            # Fixed hashsalt and no date: the same figure gives the same bytes.
            rc = {"svg.hashsalt": "regularization-guide", "svg.fonttype": "path"}
            with plt.rc_context(rc):
                fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
            data, ext = buf.getvalue(), "svg"
        if ext == "png" or len(data) > SVG_LIMIT:
            buf = io.BytesIO()
            fig.savefig(
                buf, format="png", dpi=PNG_DPI, bbox_inches="tight", metadata={"Software": None}
            )
            data, ext = palette_png(buf.getvalue()), "png"
        fname = f"figure-{n}.{ext}"
        files[fname] = data
        sha = hashlib.sha256(data).hexdigest()
        figures.append({"file": fname, "sha256": sha, "alt": _figure_alt(fig)})
        plt.close(fig)
    return figures, files
