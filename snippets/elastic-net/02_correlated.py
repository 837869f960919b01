"""Correlated features: Lasso keeps an arbitrary few of a group, elastic net keeps the group."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import ElasticNet, Lasso
from sklearn.preprocessing import StandardScaler

SEED = 0
rng = np.random.default_rng(SEED)

# 3 groups of 4 near-copies of one hidden signal each (like 4 sensors measuring the same
# quantity), plus 8 pure-noise features. The target depends on the signals of groups 1, 2.
n, per_group = 200, 4
signals = rng.standard_normal((n, 3))
groups = [signals[:, [g]] + 0.05 * rng.standard_normal((n, per_group)) for g in range(3)]
X = StandardScaler().fit_transform(np.hstack([*groups, rng.standard_normal((n, 8))]))
y = 2.0 * signals[:, 0] - 1.5 * signals[:, 1] + 0.5 * rng.standard_normal(n)
group_of = np.repeat([1, 2, 3, 0], [per_group, per_group, per_group, 8])  # 0: noise
corr_in_group = float(np.mean([np.corrcoef(X[:, 0], X[:, j])[0, 1] for j in (1, 2, 3)]))
print(f"correlation within a group: {corr_in_group:.4f}")

# Converge tightly: with near-copies, a loose tolerance stops before the solver has
# decided how to share the weight inside a group.
fit_args = {"alpha": 0.3, "max_iter": 100_000, "tol": 1e-10}
models = {
    "Lasso": Lasso(**fit_args),
    "ElasticNet (l1_ratio=0.5)": ElasticNet(l1_ratio=0.5, **fit_args),
}
coefs = {name: m.fit(X, y).coef_ for name, m in models.items()}

signal = np.isin(group_of, (1, 2))
short = {"Lasso": "Lasso", "ElasticNet (l1_ratio=0.5)": "ElasticNet"}
kept_signal, kept_noise, spread = {}, {}, {}
for k, c in coefs.items():
    kept_signal[short[k]] = int(np.sum(c[signal] != 0))
    kept_noise[short[k]] = int(np.sum(c[~signal] != 0))
    # Spread of the |coefficients| inside group 1, relative to their mean (0 = all equal).
    spread[short[k]] = float(np.std(c[:per_group]) / np.mean(np.abs(c[:per_group])))
    print(f"group 1 coefficients, {short[k]}: {np.round(c[:per_group], 2)}")
for k in kept_signal:
    print(f"features kept, {k}: {kept_signal[k]} of the 8 signal, {kept_noise[k]} of the 12 others")
for k in spread:
    print(f"relative spread inside group 1, {k}: {spread[k]:.2f}")

# Which members of group 1 does each keep? Refit on 30 bootstrap resamples of the rows.
boots = 30
kept_count = {k: np.zeros(per_group, int) for k in models}
for _ in range(boots):
    rows = rng.integers(0, n, n)
    for k, m in models.items():
        kept_count[k] += m.fit(X[rows], y[rows]).coef_[:per_group] != 0
lasso_frequency = kept_count["Lasso"] / boots
enet_frequency = kept_count["ElasticNet (l1_ratio=0.5)"] / boots
for k, freq in [("Lasso", lasso_frequency), ("ElasticNet", enet_frequency)]:
    print(f"share of resamples keeping x1..x4, {k}: " + ", ".join(f"{f:.0%}" for f in freq))

# 1) The coefficients side by side; 2) how often each member of group 1 is kept.
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5, 5), layout="constrained")
idx = np.arange(X.shape[1])
for (k, c), color, offset in zip(coefs.items(), ["C2", "C1"], [-0.2, 0.2], strict=True):
    ax1.bar(idx + offset, c, 0.4, color=color, label=short[k])
ax1.axhline(0, color="k", linewidth=0.6)
for edge in (3.5, 7.5, 11.5):
    ax1.axvline(edge, color="0.6", linewidth=0.8, linestyle=":")
ax1.set_xticks([1.5, 5.5, 9.5, 15.5], ["group 1", "group 2", "group 3", "noise"])
ax1.set_ylabel("coefficient")
ax1.legend(loc="upper right")
width = 0.4
ax2.bar(np.arange(4) - width / 2, lasso_frequency, width, color="C2", label="Lasso")
ax2.bar(np.arange(4) + width / 2, enet_frequency, width, color="C1", label="ElasticNet")
ax2.set_xticks(range(4), [f"x{j + 1}" for j in range(4)])
ax2.set_ylim(0, 1.35)
ax2.set_yticks([0, 0.5, 1])
ax2.set_ylabel(f"share of {boots} resamples")
ax2.set_xlabel("group-1 feature")
ax2.legend(loc="upper center", ncols=2)
plt.show()
