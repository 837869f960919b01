"""The data: two noisy half-moons, split into training, validation and test sets."""

import matplotlib.pyplot as plt
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=450, noise=0.3, random_state=SEED)
# 150 points to train on; the other 300 in halves: validation (to compare models and to
# choose a strength) and test (to report the choice on data that played no part in it).
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)
print(f"training: {len(X_train)}, validation: {len(X_val)}, test: {len(X_test)}")

fig, axes = plt.subplots(1, 2, figsize=(5, 2.8), sharex=True, sharey=True, layout="constrained")
for ax, Xs, ys, title in [
    (axes[0], X_train, y_train, "training set"),
    (axes[1], X_val, y_val, "validation set"),
]:
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        ax.scatter(*Xs[ys == label].T, s=10, color=color, marker=marker, label=f"class {label}")
    ax.set_title(title)
    ax.set_xticks([-1, 0, 1, 2])
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()
