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
print("fill_mode  ink invented in the 2 uncovered columns")
for mode, ink in new_ink.items():
    print(f"{mode:<9}  {ink:.1%}")

# Interpolation: random shifts of up to one pixel. "bilinear" (the default) blends
# neighbouring pixels for a fractional shift; "nearest" moves whole pixels, so every
# output value is still one of the 17 grey levels k/16 of the data set.
images = {"original": X}
for interp in ["nearest", "bilinear"]:
    layer = keras.layers.RandomTranslation(1 / 8, 1 / 8, fill_mode="constant", interpolation=interp)
    images[interp] = layer(X, training=True).numpy()
brightest = {k: float(v.max(axis=(1, 2, 3)).mean()) for k, v in images.items()}
on_levels = {
    k: float(np.mean(np.isclose(v * 16, np.round(v * 16), atol=1e-4))) for k, v in images.items()
}
print("1-pixel shifts  mean brightest pixel  on a grey level")
for name in images:
    print(f"{name:<14}  {brightest[name]:19.2f}  {on_levels[name]:15.0%}")

# Figure: one digit under each fill mode, and under each interpolation.
i = 0
partial = {  # a fixed shift of 0.6 pixel right and down
    interp: keras.layers.RandomTranslation(
        (0.075, 0.075), (0.075, 0.075), fill_mode="constant", interpolation=interp
    )(X[i : i + 1], training=True)[0]
    for interp in ["nearest", "bilinear"]
}
rows = {
    "shifted 2 pixels right, fill_mode=": {"original": X[i]}
    | {m: shifted[m][i] for m in fill_modes},
    "shifted 0.6 pixel, interpolation=": {"original": X[i]} | partial,
}
fig, axes = plt.subplots(2, 1, figsize=(5, 3.3), layout="constrained")
for ax, (title, panels) in zip(axes, rows.items(), strict=True):
    strip = np.full((8, 9 * len(fill_modes) + 8), np.nan)  # room for 5 digits; NaN: blank
    for c, img in enumerate(panels.values()):
        strip[:, 9 * c : 9 * c + 8] = np.asarray(img)[:, :, 0]
    ax.imshow(strip, cmap="gray_r", vmin=-0.15, vmax=1)  # 0: light grey
    ax.set_title(title, loc="left")
    ax.set_xticks(9 * np.arange(len(panels)) + 3.5, list(panels))
    ax.set_yticks([])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
plt.show()
