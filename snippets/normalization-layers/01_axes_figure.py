"""Which values each normalization averages over, in an N x C x (H, W) tensor."""

import matplotlib.pyplot as plt
from matplotlib.patches import Patch, Polygon

# Nothing here is random; the SEED line is part of every snippet.
SEED = 0
N, C, HW = 4, 6, 4  # batch, channels, and the two spatial axes drawn as one

# For each method, one set S of values that share a mean and a variance, as index ranges
# (examples, channels, positions). Every other set of the same kind (another channel,
# example, group or position) is normalized in the same way, separately.
sets = {
    "Batch norm": ((0, N), (0, 1), (0, HW)),  # one channel of every example
    "Layer norm": ((N - 1, N), (0, C), (0, HW)),  # all of one example
    "Instance norm": ((N - 1, N), (0, 1), (0, HW)),  # one channel of one example
    "Group norm, 2 groups": ((N - 1, N), (0, C // 2), (0, HW)),  # C/2 channels of one
    "Keras default\nLayerNormalization()": ((N - 1, N), (0, C), (HW - 1, HW)),  # one position
}
sizes = {
    name: (n1 - n0) * (c1 - c0) * (h1 - h0) for name, ((n0, n1), (c0, c1), (h0, h1)) in sets.items()
}
print(f"{'method':<36} values in S")
for name, size in sizes.items():
    print(f"{' '.join(name.split()):<36} {size:>3} of {N * C * HW}")


def point(n, c, h):
    """(example, channel, position) -> 2-D point; channels recede up and to the right."""
    return (n + 0.5 * c, h + 0.4 * c)


def draw_box(ax, n, c, h, colors):
    """Fill the three visible faces (front, top, right) of the box n x c x h."""
    (n0, n1), (c0, c1), (h0, h1) = n, c, h
    faces = [
        [(n0, c0, h0), (n1, c0, h0), (n1, c0, h1), (n0, c0, h1)],
        [(n0, c0, h1), (n1, c0, h1), (n1, c1, h1), (n0, c1, h1)],
        [(n1, c0, h0), (n1, c1, h0), (n1, c1, h1), (n1, c0, h1)],
    ]
    for face, color in zip(faces, colors, strict=True):
        ax.add_patch(Polygon([point(*p) for p in face], facecolor=color))


def draw_cells(ax):
    """The borders of the tensor's cells, each line running across two faces."""
    lines = [[(i, 0, 0), (i, 0, HW), (i, C, HW)] for i in range(N + 1)]
    lines += [[(0, 0, k), (N, 0, k), (N, C, k)] for k in range(HW + 1)]
    lines += [[(0, j, HW), (N, j, HW), (N, j, 0)] for j in range(C + 1)]
    xs, ys = [], []
    for line in lines:  # one Line2D, segments separated by NaN: a light figure
        xs += [point(*p)[0] for p in line] + [float("nan")]
        ys += [point(*p)[1] for p in line] + [float("nan")]
    ax.plot(xs, ys, color="0.45", linewidth=0.6)


fig, axes = plt.subplots(3, 2, figsize=(5, 7.2), layout="constrained")
for ax, (name, box) in zip(axes.flat[:5], sets.items(), strict=True):
    draw_box(ax, (0, N), (0, C), (0, HW), ["0.95", "0.98", "0.88"])  # the whole tensor
    draw_box(ax, *box, ["C1", "#56b4e9", "#00537f"])  # the set S, shaded like the cube
    draw_cells(ax)
    ax.set_title(name)
    ax.text(N / 2, -0.3, "N", ha="center", va="top")
    ax.text(N + 0.25 * C + 0.3, 0.2 * C, "C", ha="left", va="top")
    ax.text(-0.3, HW / 2, "H, W", ha="right", va="center", rotation=90)
    ax.set_xlim(-1.2, N + 0.5 * C + 0.8)
    ax.set_ylim(-1.2, HW + 0.4 * C + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
axes.flat[-1].remove()  # the sixth slot holds the key
fig.legend(
    handles=[
        Patch(facecolor="C1", label="one set S: one mean,\none variance"),
        Patch(facecolor="0.95", edgecolor="0.45", label="other sets, each\nnormalized alone"),
    ],
    loc="center",
    bbox_to_anchor=(0.75, 0.17),
    frameon=False,
)
plt.show()
