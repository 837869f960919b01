"""Figures: the site's figure style, and how the build saves what a snippet draws.

* :data:`STYLE` is applied (``matplotlib.rcParams``) before a page's own run of a
  snippet. It sets sizes, fonts and colours only, so a reader who pastes the snippet gets
  the same figure in matplotlib's default look: the snippet itself says what is drawn
  (``figsize=(5, h)``, ``layout="constrained"``, colours ``"C0"``/``"C1"`` by meaning).
* Every figure is saved twice: as drawn (for the light scheme) and recoloured for the
  dark scheme by :func:`darken`, both on a transparent background. The page shows one
  or the other (Material's ``#only-light`` / ``#only-dark``); lazy loading fetches only
  the one shown.
* Each saved figure records what the tests check without a browser: its natural size in
  CSS pixels, its smallest font, and text that overlaps other text or another panel.

Only a page's own run (the seed written in the snippet) saves figures: runs on other
seeds exist for the claim tests, which read numbers, so this file is part of the cache
key of page runs only (``guide/cache.py``).
"""

from __future__ import annotations

import hashlib
import io
import re

from cycler import cycler  # matplotlib's own dependency

# A figure is saved as SVG unless it shows raster images (imshow: an SVG would only wrap
# them, at a larger size) or its SVG is larger than this (dense scatter and contour
# plots); then as a palette PNG.
SVG_LIMIT = 200_000
PNG_DPI = 200  # sharp on high-DPI screens at the figure's display size

WIDTH_IN = 5.0  # every figure: 5 in, shown at 480 CSS px (x 1.2 on a desktop column)

# Colour by meaning, the same on every page; Okabe & Ito's colour-blind-safe palette.
# C0 is the plain (unregularized) model, C1 the technique, C2... further variants; a
# line style is the second cue: solid for training, dashed for validation, dotted for
# test. Each colour has a lighter partner for the dark scheme.
PALETTE = {
    "#555555": "#bdbdbd",  # C0 plain: grey
    "#0072b2": "#56b4e9",  # C1 the technique: blue
    "#d55e00": "#f28c4a",  # C2 vermillion
    "#009e73": "#3fd3a6",  # C3 bluish green
    "#cc79a7": "#e8a6cb",  # C4 reddish purple
    "#e69f00": "#f5c04a",  # C5 orange
    "#56b4e9": "#9bd3f5",  # C6 sky blue
    "#882255": "#d46b9d",  # C7 wine
}
INK = "#222222"  # text and axes in the light scheme

STYLE = {
    "figure.figsize": (WIDTH_IN, 3.2),
    "font.size": 10.5,
    "axes.titlesize": 11,
    "axes.labelsize": 10.5,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.title_fontsize": 10,
    "figure.titlesize": 11.5,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "grid.color": "#d4d4d4",
    "grid.linewidth": 0.6,
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "axes.edgecolor": "#666666",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.edgecolor": "none",
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "image.cmap": "viridis",
}
MIN_FONT_PX = 9.0  # the smallest text, in CSS px, on a 390 px wide phone (358 px column)
PHONE_COLUMN_PX = 358


def apply_style() -> None:
    import matplotlib

    matplotlib.rcParams.update(STYLE)


def inline_backend_config() -> str:
    """An IPython kernel config (``ipython_kernel_config.py``) that draws a lab's inline
    figures in the same style, as 2x PNGs (labs are notebooks: no dark variants; the
    page's CSS adapts them)."""
    items = []
    for key, value in STYLE.items():
        code = f"cycler(color={list(PALETTE)!r})" if key == "axes.prop_cycle" else repr(value)
        items.append(f"    {key!r}: {code},")
    return "\n".join(
        [
            "from cycler import cycler",
            "c.InlineBackend.figure_formats = {'retina'}",
            "c.InlineBackend.rc = {",
            "    'figure.dpi': 96,",
            *items,
            "}",
            "",
        ]
    )


# ------------------------------------------------------------------------ dark variant


def _dark(color):
    """A colour's partner for a dark page: palette colours their lighter partner, greys
    mirrored in lightness (black ink becomes light ink); other colours unchanged."""
    from matplotlib.colors import to_hex, to_rgba

    if color is None or (isinstance(color, str) and color.lower() == "none"):
        return color
    r, g, b, a = to_rgba(color)
    if a == 0:
        return color
    partner = PALETTE.get(to_hex((r, g, b)).lower())
    if partner:
        return to_rgba(partner, a)
    if max(r, g, b) - min(r, g, b) < 0.06:  # a grey
        v = 0.1 + 0.8 * (1.0 - (0.2126 * r + 0.7152 * g + 0.0722 * b))
        return (v, v, v, a)
    return (r, g, b, a)


def darken(fig) -> None:
    """Recolour a drawn figure, in place, for a dark page. Colour-mapped artists
    (images, filled contours, scatter plots coloured by value) keep their colours."""
    import matplotlib
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    backgrounds = {id(fig.patch)} | {id(ax.patch) for ax in fig.axes}
    for artist in fig.findobj():
        if isinstance(artist, Text):
            artist.set_color(_dark(artist.get_color()))
        elif isinstance(artist, Line2D):
            # Read all three first: a marker left at "auto" follows the line's colour,
            # and would be darkened twice.
            line, face, edge = (
                artist.get_color(),
                artist.get_markerfacecolor(),
                artist.get_markeredgecolor(),
            )
            artist.set_color(_dark(line))
            artist.set_markerfacecolor(_dark(face))
            artist.set_markeredgecolor(_dark(edge))
        elif isinstance(artist, Patch) and id(artist) not in backgrounds:
            # Setting a colour re-applies the artist's alpha: leave invisible edges alone.
            if artist.get_edgecolor()[3] > 0:
                artist.set_edgecolor(_dark(artist.get_edgecolor()))
            if artist.get_facecolor()[3] > 0:
                artist.set_facecolor(_dark(artist.get_facecolor()))
        elif isinstance(artist, Collection) and artist.get_array() is None:
            if len(artist.get_facecolor()):
                artist.set_facecolor([_dark(c) for c in artist.get_facecolor()])
            if len(artist.get_edgecolor()):
                artist.set_edgecolor([_dark(c) for c in artist.get_edgecolor()])
    ticks = _dark(matplotlib.rcParams["xtick.color"])
    for ax in fig.axes:  # ticks made at the next draw take these colours
        ax.tick_params(colors=ticks, labelcolor=_dark(INK), which="both")
    for legend in [ax.get_legend() for ax in fig.axes] + list(fig.legends):
        if legend is not None:
            legend.get_frame().set_facecolor((0.118, 0.125, 0.161, 0.9))  # Material's slate


# ------------------------------------------------------------------------------ checks


def _texts(fig, renderer) -> list:
    from matplotlib.text import Text

    # A locator also labels ticks just beyond the axis limits; matplotlib does not draw
    # them, but they stay "visible" and have a position: leave them out.
    undrawn = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            pad = 1e-9 * max(1.0, abs(lo), abs(hi))
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - pad <= tick.get_loc() <= hi + pad:
                    undrawn.update((id(tick.label1), id(tick.label2)))
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible()
        and id(t) not in undrawn
        and t.get_text().strip()
        and t.get_alpha() != 0
        and t.get_window_extent(renderer).width > 0
    ]


def layout_problems(fig) -> list[str]:
    """Text that overlaps other text, or runs into another panel, in a drawn figure."""
    renderer = fig.canvas.get_renderer()
    texts = _texts(fig, renderer)
    # A text's box includes the font's full ascent and descent, more than its glyphs:
    # compare boxes trimmed by a fifth of their height at top and bottom.
    boxes = [(t, t.get_window_extent(renderer).padded(0)) for t in texts]
    boxes = [(t, b.expanded(1.0, 0.6)) for t, b in boxes]
    problems = []
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1 :]:
            w = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
            h = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
            if w > 1 and h > 1:
                problems.append(f"text {a.get_text()!r} overlaps {b.get_text()!r}")
    panels = [(ax, ax.get_window_extent(renderer)) for ax in fig.axes if ax.get_visible()]
    for t, bt in boxes:
        own = t.axes
        for ax, box in panels:
            if ax is own or own is None or box.width < 1:
                continue
            w = min(bt.x1, box.x1) - max(bt.x0, box.x0)
            h = min(bt.y1, box.y1) - max(bt.y0, box.y0)
            if w > 2 and h > 2:
                problems.append(f"text {t.get_text()!r} runs into another panel")
    return problems


def min_font_pt(fig) -> float:
    renderer = fig.canvas.get_renderer()
    return min((t.get_fontsize() for t in _texts(fig, renderer)), default=99.0)


# -------------------------------------------------------------------------------- save


def palette_png(data: bytes) -> bytes:
    """A plot has few distinct colours: a 256-colour palette PNG looks the same and is
    3-4x smaller than matplotlib's RGBA output (no dithering, so it stays deterministic)."""
    from PIL import Image

    img = Image.open(io.BytesIO(data))
    pal = img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    pal.save(out, format="png", optimize=True)
    return out.getvalue()


def _save(fig, fmt: str) -> tuple[bytes, float, float]:
    """(bytes, natural width and height in CSS px) of a figure in ``fmt``."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    if fmt == "svg":
        # Fixed hashsalt and no date: the same figure gives the same bytes.
        rc = {"svg.hashsalt": "regularization-guide", "svg.fonttype": "path"}
        with plt.rc_context(rc):
            fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
        data = buf.getvalue()
        head = data[:600].decode("ascii", "replace")
        w, h = (
            float(re.search(rf'{k}="([\d.]+)pt"', head)[1]) * 4 / 3 for k in ("width", "height")
        )
        return data, w, h
    fig.savefig(buf, format="png", dpi=PNG_DPI, bbox_inches="tight", metadata={"Software": None})
    data = palette_png(buf.getvalue())
    from PIL import Image

    px_w, px_h = Image.open(io.BytesIO(data)).size
    return data, px_w * 96 / PNG_DPI, px_h * 96 / PNG_DPI


def save_figures(captured: list) -> tuple[list[dict], dict[str, bytes]]:
    """Each captured figure, light and dark, as SVG or palette PNG. Returns the figure
    records ({"file", "dark", "sha256", "dark_sha256", "width", "height" (CSS px),
    "figsize" (in), "label", "min_font_pt", "problems"}) and the files by name."""
    import matplotlib.pyplot as plt

    figures, files = [], {}
    for fig in captured:
        n = len(figures) + 1
        # Checked on a fresh draw, before saving: after a save (SVG at 72 dpi, PNG at
        # PNG_DPI) a legend keeps that save's pixel positions while tick labels do not.
        fig.canvas.draw()
        problems, smallest = layout_problems(fig), min_font_pt(fig)
        # Both saves keep the layout just checked, rather than each running the layout
        # engine (constrained layout: a fifth to a half of the saving time) again.
        fig.set_layout_engine("none")
        fmt = "png" if any(ax.images for ax in fig.axes) else "svg"
        light, w, h = _save(fig, fmt)
        if fmt == "svg" and len(light) > SVG_LIMIT:
            fmt = "png"
            light, w, h = _save(fig, fmt)
        record = {
            "label": fig.get_label(),
            "figsize": [round(float(v), 2) for v in fig.get_size_inches()],
            "width": round(w, 1),
            "height": round(h, 1),
            "min_font_pt": smallest,
            "problems": problems,
        }
        darken(fig)
        dark, _, _ = _save(fig, fmt)
        names = (f"figure-{n}.{fmt}", f"figure-{n}-dark.{fmt}")
        files.update(zip(names, (light, dark), strict=True))
        record |= {
            "file": names[0],
            "sha256": hashlib.sha256(light).hexdigest(),
            "dark": names[1],
            "dark_sha256": hashlib.sha256(dark).hexdigest(),
        }
        figures.append(record)
        plt.close(fig)
    return figures, files
