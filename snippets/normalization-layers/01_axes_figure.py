"""Which values each normalization averages over, in an N x C x (H, W) tensor."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Polygon

# Nothing here is random; the SEED line is part of every snippet.
SEED = 0
N, C, HW = 6, 6, 4  # batch, channels, and the two spatial axes collapsed into one
n, c, hw = np.indices((N, C, HW))

# One set of values that share a mean and a variance, for each method. Every other
# set of the same kind is normalized the same way, separately.
panels = {
    "Batch norm": (c == 0),  # one channel, all examples and positions
    "Layer norm": (n == N - 1),  # one example, all channels and positions
    "Instance norm": (n == N - 1) & (c == 0),  # one example, one channel
    "Group norm (2 groups)": (n == N - 1) & (c < C // 2),  # one example, half the channels
    "Keras LayerNormalization() on images": (n == N - 1) & (hw == HW - 1),  # one position
}
keras_calls = {
    "Batch norm": "BatchNormalization()",
    "Layer norm": "LayerNormalization(axis=[1, 2, 3])",
    "Instance norm": "GroupNormalization(groups=-1)",
    "Group norm (2 groups)": "GroupNormalization(groups=2)",
    "Keras LayerNormalization() on images": "default axis=-1: channels only",
}
for title, mask in panels.items():
    print(f"{title}: {int(mask.sum())} of {N * C * HW} values share one mean and variance")

DX, DY = 0.5, 0.4  # the channel axis drawn going back and to the right


def project(i, j, k):
    """(example, channel, position) corner -> 2-D point, in an oblique projection."""
    return (i + DX * j, k + DY * j)


def draw_cube(ax, mask):
    # (shaded, unshaded) colours per face: front, top (lighter), right side (darker)
    front, top, side = ("#1f77b4", "0.93"), ("#5aa3d9", "0.97"), ("#165a8a", "0.84")
    cells = []  # the three visible faces: front (channel 0), top, right (last example)
    for i in range(N):
        for k in range(HW):
            corners = [(i, 0, k), (i + 1, 0, k), (i + 1, 0, k + 1), (i, 0, k + 1)]
            cells.append((corners, front[0] if mask[i, 0, k] else front[1]))
        for j in range(C):
            corners = [(i, j, HW), (i + 1, j, HW), (i + 1, j + 1, HW), (i, j + 1, HW)]
            cells.append((corners, top[0] if mask[i, j, HW - 1] else top[1]))
    for j in range(C):
        for k in range(HW):
            corners = [(N, j, k), (N, j + 1, k), (N, j + 1, k + 1), (N, j, k + 1)]
            cells.append((corners, side[0] if mask[N - 1, j, k] else side[1]))
    for corners, color in cells:
        xy = [project(*p) for p in corners]
        ax.add_patch(Polygon(xy, facecolor=color, edgecolor="0.45", linewidth=0.5))
    ax.text(N / 2, -0.5, "N (batch)", ha="center", va="top")
    ax.text(N + DX * C / 2 + 0.3, DY * C / 2 - 0.2, "C (channels)", ha="left", va="top")
    ax.text(-0.3, HW / 2, "H, W", ha="right", va="center", rotation=90)
    ax.set_xlim(-1.2, N + DX * C + 2.8)
    ax.set_ylim(-1.5, HW + DY * C + 0.3)
    ax.set_aspect("equal")
    ax.axis("off")


fig, axes = plt.subplots(2, 3, figsize=(9, 5.6))
for ax, (title, mask) in zip(axes.flat, panels.items(), strict=False):
    draw_cube(ax, mask)
    ax.set_title(f"{title}\n{keras_calls[title]}", fontsize=9)
ax = axes.flat[5]
ax.axis("off")
ax.text(
    0.0,
    0.5,
    "Blue: one set of values that\nshares a mean and a variance.\n\n"
    "Every other set of the same kind\n(other channels, examples,\ngroups or positions) "
    "is\nnormalized separately.\n\nH and W are drawn as one axis.",
    va="center",
    fontsize=10,
)
fig.tight_layout()
plt.show()
