"""guide/markup.py: what a page shows under a snippet, from synthetic results."""

import re

import pytest

from guide.cache import Result
from guide.markup import MarkupError, render


def fig(n: int, label: str = "") -> dict:
    return {
        "file": f"figure-{n}.svg",
        "dark": f"figure-{n}-dark.svg",
        "sha256": "x",
        "dark_sha256": "y",
        "width": 480.0,
        "height": 300.0,
        "label": label,
    }


def result(figures, stdout="a: 1\n") -> Result:
    return Result("x/01_demo.py", None, "k", True, stdout=stdout, figures=figures, seconds=1.0)


INCLUDE = '# T\n\n```python title="x/01_demo.py"\n--8<-- "x/01_demo.py"\n```\n'


def test_each_figure_gets_its_alt_text_in_a_light_and_a_dark_variant():
    md = INCLUDE + "<!-- figures\n1. A line chart of the loss against the training step.\n-->\n"
    out = render(md, {"x/01_demo.py": result([fig(1)])}, {}, "")
    assert "<!--" not in out, "the alt comment is consumed"
    alt = "A line chart of the loss against the training step."
    assert f"![{alt}](figures/x/01_demo-1.svg#only-light)" in out
    assert f"![{alt}](figures/x/01_demo-1-dark.svg#only-dark)" in out


@pytest.mark.parametrize(
    "alts",
    [
        "",
        "<!-- figures\n1. Figure 1\n-->\n",
        "<!-- figures\n1. A line chart of loss.\n2. More.\n-->\n",
    ],
    ids=["missing", "generic", "too many"],
)
def test_missing_generic_or_miscounted_alt_text_fails_the_build(alts):
    with pytest.raises(MarkupError, match="x/01_demo.py"):
        render(INCLUDE + alts, {"x/01_demo.py": result([fig(1)])}, {}, "")


EXPLORE = (
    INCLUDE + '<!-- figures explorable="L1 strength λ"\n'
    "1. Decision boundary of the network trained with L1 strength {value}.\n-->\n"
)
TABLE = "lambda   val CE\n0        0.90\n1e-3     0.40\n1e-2     0.55\nbest: 1e-3\n"


def test_an_explorable_shows_one_frame_per_value_with_a_labelled_slider():
    res = result([fig(1, "0"), fig(2, "1e-3"), fig(3, "1e-2")], stdout=TABLE)
    out = render(EXPLORE, {"x/01_demo.py": res}, {}, "", url_prefix="../")
    frames = re.findall(r'<div class="explorable-frame" data-frame="(\d)"( hidden)?>', out)
    assert frames == [("0", ""), ("1", " hidden"), ("2", " hidden")], "first frame shown"
    assert '<label for="explore-x-01_demo-range">L1 strength λ</label>' in out
    assert 'type="range"' in out and 'max="2"' in out
    assert 'aria-valuetext="L1 strength λ = 0"' in out
    assert "with L1 strength 1e-3." in out, "each frame's alt text names its value"
    assert 'src="../figures/x/01_demo-2.svg#only-light"' in out
    assert "lambda   val CE\n0        0.90</pre>" in out, "the readout: header and first row"


def test_an_explorable_needs_a_label_per_figure():
    res = result([fig(1, "0"), fig(2, "")], stdout=TABLE)
    with pytest.raises(MarkupError, match="labelled"):
        render(EXPLORE, {"x/01_demo.py": res}, {}, "")


def test_dark_variant_recolours_a_line_and_its_markers_once():
    """A grey line with markers left at their default colour: line and markers both get
    the grey's dark partner, not the partner of the partner."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgba

    from guide.figures import _dark, darken

    fig, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1], "o-", color="0.4")
    darken(fig)
    want = to_rgba(_dark("0.4"))
    assert to_rgba(line.get_color()) == want
    assert to_rgba(line.get_markerfacecolor()) == want
    assert to_rgba(line.get_markeredgecolor()) == want
    plt.close(fig)


def test_layout_check_finds_overlapping_text_but_not_undrawn_tick_labels():
    """A title written over a tick label is reported; the labels a locator gives ticks
    beyond the axis limits (matplotlib does not draw them) are not, even where they
    would sit on another panel's labels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from guide.figures import layout_problems

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.6), layout="constrained")
    ax1.plot([-2, 3], [-1.5, 2])
    ax2.plot(range(21), range(21))  # its locator also places ticks at -10 and 30
    fig.canvas.draw()
    assert layout_problems(fig) == []
    ax1.text(0, -1.5, "a long note on the tick labels", ha="center", va="center")
    fig.canvas.draw()
    assert any("a long note" in p for p in layout_problems(fig))
    plt.close(fig)


def test_a_figure_is_laid_out_once_and_saved_as_checked(monkeypatch):
    """Constrained layout runs for the checking draw only: the light and the dark save
    draw that layout as it is, rather than running the engine again at their own dpi
    (which cost a fifth to a half of the saving time, and could move what was checked)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    from guide.figures import apply_style, save_figures

    runs = []
    execute = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(
        ConstrainedLayoutEngine, "execute", lambda self, fig: runs.append(fig) or execute(self, fig)
    )
    apply_style()
    figs = []
    for kind in ("svg", "png"):
        fig, ax = plt.subplots(figsize=(5, 2), layout="constrained")
        if kind == "png":
            ax.imshow([[0, 1], [1, 0]])  # an image: saved as PNG
        else:
            ax.plot([0, 1], [0, 1])
        ax.set_title(f"a {kind} figure")
        figs.append(fig)
    records, files = save_figures(figs)
    assert [r["file"] for r in records] == ["figure-1.svg", "figure-2.png"]
    assert len(files) == 4  # light and dark of each
    assert runs == figs, f"layout ran {len(runs)} times for {len(figs)} figures"


def test_layout_check_compares_texts_at_one_scale():
    """The check runs on a fresh draw, before the figure is saved: after a save (SVG is
    drawn at 72 dpi) a legend keeps that save's pixel positions while tick labels are
    placed anew, and the check saw the legend on a tick label of the panel beside it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from guide.figures import apply_style, save_figures

    apply_style()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.6), layout="constrained")
    ax1.plot([-2, 3], [-1.5, 2])
    steps = 50 * np.arange(1, 11)
    ax2.plot(steps, np.linspace(0.3, 0.7, 10), "--", marker="o", ms=3, label="no dropout")
    ax2.set_title("validation CE")
    ax2.set_xlabel("training step")
    ax2.set_xticks([0, 250, 500])
    ax2.set_ylim(0, 1)
    ax2.legend(loc="upper left")
    records, _ = save_figures([fig])
    assert records[0]["file"].endswith(".svg")
    assert records[0]["problems"] == []
