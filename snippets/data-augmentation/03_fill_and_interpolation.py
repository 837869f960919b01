"""fill_mode and interpolation on 8x8 images: what fills the gap, and blurred strokes."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

SEED = 0
keras.utils.set_random_seed(SEED)

X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1)

default = keras.layers.RandomTranslation(0.1, 0.1)
default_fill_mode, default_interpolation = default.fill_mode, default.interpolation
print(f"default fill_mode: {default_fill_mode}")
print(f"default interpolation: {default_interpolation}")

# A fixed shift: width_factor=(0.25, 0.25) moves every image exactly 2 pixels right,
# which uncovers the 2 leftmost columns. What goes there depends on fill_mode.
fill_modes = ["constant", "reflect", "wrap", "nearest"]
shifted = {}
for mode in fill_modes:
    layer = keras.layers.RandomTranslation(0, (0.25, 0.25), fill_mode=mode, interpolation="nearest")
    shifted[mode] = layer(X, training=True).numpy()
# Ink in the uncovered columns, relative to the ink of the whole original image.
new_ink = {m: float(s[:, :, :2].sum() / X.sum()) for m, s in shifted.items()}
for mode, ink in new_ink.items():
    print(f"ink invented in the uncovered columns, fill_mode={mode}: {ink:.1%}")

# Interpolation: random shifts of up to one pixel. "bilinear" (the default) blends
# neighbouring pixels for a fractional shift; "nearest" moves whole pixels, so every
# output value is still one of the 17 grey levels k/16 of the data set.
brightest = {"original": float(X.max(axis=(1, 2, 3)).mean())}
on_levels = {}
for interp in ["nearest", "bilinear"]:
    layer = keras.layers.RandomTranslation(1 / 8, 1 / 8, fill_mode="constant", interpolation=interp)
    out = layer(X, training=True).numpy()
    brightest[interp] = float(out.max(axis=(1, 2, 3)).mean())
    on_levels[interp] = float(np.mean(np.isclose(out * 16, np.round(out * 16), atol=1e-4)))
for name, b in brightest.items():
    print(f"mean brightest pixel, {name}: {b:.2f}")
for name, f in on_levels.items():
    print(f"pixels still on the 17 grey levels, {name}: {f:.0%}")

# Figure: one digit under each fill mode, and under the two interpolations.
i = 0
fig, axes = plt.subplots(1, 7, figsize=(9, 1.9))
panels = [("original", X[i])] + [(f"fill {m}", shifted[m][i]) for m in fill_modes]
nearest_shift = keras.layers.RandomTranslation(
    (0.075, 0.075), (0.075, 0.075), fill_mode="constant", interpolation="nearest"
)
bilinear_shift = keras.layers.RandomTranslation(
    (0.075, 0.075), (0.075, 0.075), fill_mode="constant", interpolation="bilinear"
)
panels.append(("0.6 px, nearest", nearest_shift(X[i : i + 1], training=True)[0]))
panels.append(("0.6 px, bilinear", bilinear_shift(X[i : i + 1], training=True)[0]))
for ax, (title, img) in zip(axes, panels, strict=True):
    ax.imshow(np.asarray(img)[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title, fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("A shift of 2 pixels under each fill_mode; a 0.6-pixel shift under each interpolation")
fig.tight_layout()
plt.show()
