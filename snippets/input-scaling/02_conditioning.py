"""Why standardized inputs help gradient descent: the loss surface of a linear model."""

import matplotlib.pyplot as plt
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)
n = 200
Z = rng.normal(size=(n, 2))  # two independent standard-normal features
y = Z @ np.array([2.0, -3.0]) + rng.normal(scale=0.5, size=n)
# All 200 points are training data: this snippet studies the training loss only, so the
# scaling statistics come from the same points the loss is computed on.


def hessian(X):  # of L(w) = ||Xw - y||^2 / (2n), the same everywhere for a linear model
    return X.T @ X / len(X)


def condition_number(X):
    eig = np.linalg.eigvalsh(hessian(X))
    return eig.max() / eig.min()


def standardize(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def with_bias(X):
    return np.c_[X, np.ones(len(X))]


X_raw = Z * [1.0, 10.0]  # the second feature in units 10x smaller: values 10x larger
kappa = {
    "raw, feature 2 x10": condition_number(X_raw),
    "raw, feature 2 x1000": condition_number(Z * [1.0, 1000.0]),
    "raw, feature 2 shifted by +10, with a bias": condition_number(with_bias(Z + [0.0, 10.0])),
    "standardized": condition_number(standardize(X_raw)),
    "standardized, with a bias": condition_number(with_bias(standardize(Z + [0.0, 10.0]))),
}
for name, k in kappa.items():
    print(f"condition number, {name}: {k:,.1f}")


def gradient_descent(X, steps, tol=1e-6):
    """GD from w = 0 with the best constant step 2 / (lambda_max + lambda_min)."""
    H, g = hessian(X), X.T @ y / len(X)
    w_star = np.linalg.solve(H, g)
    eig = np.linalg.eigvalsh(H)
    lr = 2 / (eig.max() + eig.min())
    w, path, converged_at = np.zeros(2), [np.zeros(2)], None
    for t in range(1, steps + 1):
        w = w - lr * (H @ w - g)
        path.append(w.copy())
        if converged_at is None and np.linalg.norm(w - w_star) < tol * np.linalg.norm(w_star):
            converged_at = t
    return np.array(path), w_star, converged_at


def predicted_steps(k, tol=1e-6):  # the error shrinks by (k - 1) / (k + 1) per step
    return np.log(tol) / np.log((k - 1) / (k + 1))


X_std = standardize(X_raw)
path_raw, w_star_raw, steps_raw = gradient_descent(X_raw, 5000)
path_std, w_star_std, steps_std = gradient_descent(X_std, 5000)
print(f"GD steps to 1e-6 relative error, raw x10: {steps_raw}")
print(f"GD steps to 1e-6 relative error, standardized: {steps_std}")
print(f"predicted steps, raw x10: {predicted_steps(kappa['raw, feature 2 x10']):,.0f}")
print(f"predicted steps, raw x1000: {predicted_steps(kappa['raw, feature 2 x1000']):,.0f}")

fig, axes = plt.subplots(
    1, 2, figsize=(5, 3.3), layout="constrained", gridspec_kw={"width_ratios": [1.6, 1]}
)
panels = [
    (axes[0], X_raw, path_raw, w_star_raw, (2.6, 0.8), "raw inputs, feature 2 ×10", "C0"),
    (axes[1], X_std, path_std, w_star_std, (3.6, 3.6), "standardized inputs", "C1"),
]
for ax, X, path, w_star, (dx, dy), title, color in panels:
    w1, w2 = np.meshgrid(
        np.linspace(w_star[0] - dx, w_star[0] + dx, 300),
        np.linspace(w_star[1] - dy, w_star[1] + dy, 300),
    )
    D = np.stack([w1.ravel(), w2.ravel()], axis=1) - w_star
    excess = 0.5 * np.einsum("ij,jk,ik->i", D, hessian(X), D)  # L(w) - L(w*), exactly
    levels = np.geomspace(0.05, 20, 9)
    ax.contour(w1, w2, excess.reshape(w1.shape), levels=levels, colors="0.7", linewidths=0.8)
    ax.plot(
        *path[:41].T,
        "o-",
        color=color,
        ms=2.5,
        lw=1,
        label=f"first 40 GD steps, {title.split(' inputs')[0]}",
    )
    ax.scatter(*w_star, marker="*", s=120, color="0.1", zorder=3, label="minimum")
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_title(f"{title}\nκ = {np.linalg.cond(hessian(X)):.1f}")
axes[0].set_ylabel("$w_2$")
(raw_path, minimum), _ = axes[0].get_legend_handles_labels()
fig.legend(handles=[raw_path, axes[1].get_lines()[0], minimum], loc="outside lower center", ncols=2)
plt.show()
