"""The data: two noisy half-moons, split into a small training set and a validation set."""

import matplotlib.pyplot as plt
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)
print("training samples:", len(X_train))
print("validation samples:", len(X_val))

fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharex=True, sharey=True)
for ax, (Xs, ys, title) in zip(
    axes, [(X_train, y_train, "training set"), (X_val, y_val, "validation set")], strict=True
):
    ax.scatter(Xs[:, 0], Xs[:, 1], c=ys, cmap="coolwarm", s=14, edgecolor="k", linewidth=0.3)
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
fig.tight_layout()
plt.show()
