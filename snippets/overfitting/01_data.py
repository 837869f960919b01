"""The data: two moons with 10% of labels flipped, split into training, validation, test sets."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=500, noise=0.1, random_state=SEED)
# Label noise: flip 10% of the labels at random. No model can predict which points were
# flipped, so a model that gets them right on the training set has memorized them.
flipped = np.random.default_rng(SEED).random(len(y)) < 0.1
y = np.where(flipped, 1 - y, y)

# 100 points to train on, 200 to make choices with (validation), 200 to report on (test).
X_train, X_rest, y_train, y_rest, flip_train, flip_rest = train_test_split(
    X, y, flipped, train_size=100, random_state=SEED
)
X_val, X_test, y_val, y_test, flip_val, flip_test = train_test_split(
    X_rest, y_rest, flip_rest, test_size=0.5, random_state=SEED
)
# The clean moon labels get exactly the flipped points wrong: about the lowest error any
# classifier can expect on new data (the noise floor).
noise_floor = float(flip_val.mean())
print(f"flipped labels in the training set: {flip_train.mean():.0%}")
print(f"noise floor, validation error of the clean labels: {noise_floor:.3f}")

fig, axes = plt.subplots(2, 2, figsize=(5, 4.4), sharex=True, sharey=True, layout="constrained")
splits = [
    (X_train, y_train, flip_train, f"training set ({len(X_train)})"),
    (X_val, y_val, flip_val, f"validation set ({len(X_val)})"),
    (X_test, y_test, flip_test, f"test set ({len(X_test)})"),
]
for ax, (Xs, ys, fs, title) in zip(axes.flat, splits, strict=False):
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        ax.scatter(*Xs[ys == label].T, s=10, color=color, marker=marker, label=f"label {label}")
    ax.scatter(*Xs[fs].T, s=70, facecolor="none", edgecolor="k", linewidth=0.8, label="flipped")
    ax.set_title(title)
axes[1, 0].set_xlabel("$x_1$")
axes[0, 1].tick_params(labelbottom=True)  # the panel below it holds the legend
for ax in axes[:, 0]:
    ax.set_ylabel("$x_2$")
axes[1, 1].axis("off")
axes[1, 1].legend(*axes[0, 0].get_legend_handles_labels(), loc="center")
plt.show()
