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
print("training samples:", len(X_train))
print("validation samples:", len(X_val))
print("test samples:", len(X_test))
# The clean moon labels get exactly the flipped points wrong: about the lowest error any
# classifier can expect on new data (the noise floor).
noise_floor = float(flip_val.mean())
print(f"flipped labels in the training set: {flip_train.mean():.0%}")
print(f"noise floor, validation error of the clean labels: {noise_floor:.3f}")

fig, axes = plt.subplots(1, 3, figsize=(9, 3.2), sharex=True, sharey=True)
splits = [
    (X_train, y_train, flip_train, "training set (100)"),
    (X_val, y_val, flip_val, "validation set (200)"),
    (X_test, y_test, flip_test, "test set (200)"),
]
for ax, (Xs, ys, fs, title) in zip(axes, splits, strict=True):
    ax.scatter(*Xs.T, c=ys, cmap="coolwarm", s=14, edgecolor="k", linewidth=0.3)
    ax.scatter(*Xs[fs].T, s=60, facecolor="none", edgecolor="k", linewidth=0.8)
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
fig.tight_layout()
plt.show()
