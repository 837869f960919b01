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
entry = [int(np.argmax(c != 0)) if np.any(c != 0) else len(alphas) for c in coefs_lasso]
lasso_order = [names[i] for i in np.argsort(entry, kind="stable")]
print("order in which Lasso lets features in:", ", ".join(lasso_order))

# s1 and s2 (correlation 0.9) at moderate and weak regularization.
s1_s2 = {
    k: {a: (c[4, at[a]] + 0.0, c[5, at[a]] + 0.0) for a in (1.0, 0.1)} for k, c in paths.items()
}
print("             nonzero at alpha   zeros on   s1, s2 at alpha")
print("               10    1  0.1     the path        1        0.1")
for k in paths:
    n10, n1, n01 = nonzero[k].values()
    (a, b), (c, d) = s1_s2[k].values()
    print(
        f"{short[k]:<12} {n10:4d} {n1:4d} {n01:4d} {exact_zeros[k]:12d}"
        f"  {a:5.1f},{b:5.1f} {c:5.1f},{d:5.1f}"
    )

fig, axes = plt.subplots(3, 1, figsize=(5, 6.6), sharex=True, sharey=True, layout="constrained")
for ax, (k, c) in zip(axes, paths.items(), strict=True):
    for j in range(len(names)):
        if j not in (4, 5):  # the eight other features, in grey
            ax.plot(alphas, c[j], color="C0", linewidth=1, alpha=0.6)
    ax.plot(alphas, c[4], color="C1", linewidth=2.2, label="s1")
    ax.plot(alphas, c[5], "--", color="C2", linewidth=2.2, label="s2")
    ax.axhline(0, color="k", linewidth=0.5)
    ax.set_title(k)
    ax.set_ylabel("coefficient")
axes[0].set_xscale("log")
axes[0].invert_xaxis()  # strong regularization on the left, weak on the right
axes[-1].set_xlabel("alpha (scikit-learn ElasticNet units)")
handles, labels = axes[0].get_legend_handles_labels()
handles.append(plt.Line2D([], [], color="C0", linewidth=1, alpha=0.6))
labels.append("the other 8 features")
fig.legend(handles, labels, loc="outside upper center", ncols=3)
plt.show()
