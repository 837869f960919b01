"""Regularization paths on the diabetes data: Lasso, ridge and elastic net, side by side."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge, enet_path, lasso_path
from sklearn.preprocessing import StandardScaler

# No randomness here: the data set is fixed and the solvers are deterministic.
SEED = 0

data = load_diabetes()
X = StandardScaler().fit_transform(data.data)  # every feature: mean 0, variance 1
y = data.target - data.target.mean()  # centred, so no intercept is needed
n, names = len(y), data.feature_names
print(f"samples: {n}, features: {len(names)}")
print(f"correlation of s1 and s2: {np.corrcoef(X[:, 4], X[:, 5])[0, 1]:.2f}")

# One grid of alpha for all three, in scikit-learn's ElasticNet units:
#   1/(2n) ||y - Xw||^2 + alpha * l1_ratio * ||w||_1 + alpha * (1 - l1_ratio) / 2 * ||w||^2
# Ridge's objective is ||y - Xw||^2 + alpha_ridge * ||w||^2, so alpha_ridge = n * alpha
# is the l1_ratio = 0 end of the same family.
alphas = np.logspace(2, -2, 60)
_, coefs_lasso, _ = lasso_path(X, y, alphas=alphas)
_, coefs_enet, _ = enet_path(X, y, l1_ratio=0.5, alphas=alphas)
coefs_ridge = np.array([Ridge(alpha=n * a, fit_intercept=False).fit(X, y).coef_ for a in alphas]).T
paths = {
    "Lasso (l1_ratio=1)": coefs_lasso,
    "elastic net (l1_ratio=0.5)": coefs_enet,
    "ridge (l1_ratio=0)": coefs_ridge,
}

# How many coefficients are exactly zero along each path.
at = {a: int(np.argmin(np.abs(alphas - a))) for a in (10.0, 1.0, 0.1)}
nonzero = {k: {a: int(np.sum(c[:, i] != 0)) for a, i in at.items()} for k, c in paths.items()}
exact_zeros = {k: int(np.sum(c == 0)) for k, c in paths.items()}
short = dict(zip(paths, ["Lasso", "elastic net", "ridge"], strict=True))
for k in paths:
    print(f"nonzero of 10 at alpha = 10, 1, 0.1, {short[k]}: {list(nonzero[k].values())}")
for k in paths:
    print(f"exact zeros on the whole path, {short[k]}: {exact_zeros[k]}")
entry = [int(np.argmax(c != 0)) if np.any(c != 0) else len(alphas) for c in coefs_lasso]
lasso_order = [names[i] for i in np.argsort(entry, kind="stable")]
print("order in which Lasso lets features in:", ", ".join(lasso_order))

# s1 and s2 (correlation 0.9) at moderate and weak regularization.
s1_s2 = {
    k: {a: (c[4, at[a]] + 0.0, c[5, at[a]] + 0.0) for a in (1.0, 0.1)} for k, c in paths.items()
}
for k in paths:
    for a in (1.0, 0.1):
        print(f"s1, s2 at alpha={a:g}, {short[k]}: {s1_s2[k][a][0]:.1f}, {s1_s2[k][a][1]:.1f}")

fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), sharey=True)
colors = plt.cm.tab10(np.arange(10))
for ax, (k, c) in zip(axes, paths.items(), strict=True):
    for j in range(len(names)):
        ax.plot(alphas, c[j], color=colors[j], label=names[j])
    ax.set_xscale("log")
    ax.invert_xaxis()  # strong regularization on the left, weak on the right
    ax.axhline(0, color="k", linewidth=0.5)
    ax.set_xlabel("alpha (scikit-learn ElasticNet units)")
    ax.set_title(k)
axes[0].set_ylabel("coefficient (standardized features)")
axes[2].legend(fontsize=8, ncols=2, loc="upper left")
fig.tight_layout()
plt.show()
