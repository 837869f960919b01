"""Double descent: minimum-norm least squares on random ReLU features, with and without a
tuned ridge penalty, as the number of features passes the number of training points."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_friedman1

SEED = 0
rng = np.random.default_rng(SEED)

# Friedman #1: y = 10 sin(pi x1 x2) + 20 (x3 - 0.5)^2 + 10 x4 + 5 x5 + noise, with x in
# [0, 1]^10 (x6..x10 unused) and Gaussian noise of standard deviation 1.
X, y = make_friedman1(n_samples=2200, n_features=10, noise=1.0, random_state=SEED)
n = 100  # training points; 100 more to choose the ridge penalty on, 2000 to test on
X_train, X_val, X_test = X[:n], X[n : 2 * n], X[2 * n :]
y_train, y_val, y_test = y[:n], y[n : 2 * n], y[2 * n :]
mean, std, y_mean = X_train.mean(0), X_train.std(0), y_train.mean()

# One draw of 3000 random ReLU features; a model with p features uses the first p, so
# the models are nested. The 1/sqrt(p) scale changes nothing for the minimum-norm fit.
W, b = rng.standard_normal((10, 3000)), rng.standard_normal(3000)


def features(X, p):
    return np.maximum((X - mean) / std @ W[:, :p] + b[:p], 0) / np.sqrt(p)


def mse(F, w, y):
    return float(np.mean((F @ w + y_mean - y) ** 2))


widths = [10, 20, 40, 60, 80, 90, 100, 110, 120, 150, 200, 300, 500, 1000, 3000]
alphas = np.logspace(-6, 1, 15)  # ridge penalties alpha * ||w||^2 to choose from
train_mse, test_mse, ridge_mse, ridge_alpha, norm, pinv_gap = [], [], [], [], [], []
for p in widths:
    F_train, F_val, F_test = features(X_train, p), features(X_val, p), features(X_test, p)
    # lstsq: the least-squares solution of smallest norm (SVD; rcond=None cuts singular
    # values below machine precision * max(n, p)). Under-determined for p > n.
    w, *_ = np.linalg.lstsq(F_train, y_train - y_mean, rcond=None)
    pinv_gap.append(float(np.abs(w - np.linalg.pinv(F_train) @ (y_train - y_mean)).max()))
    train_mse.append(mse(F_train, w, y_train))
    test_mse.append(mse(F_test, w, y_test))
    norm.append(float(np.linalg.norm(w)))
    # Ridge, min ||F w - y||^2 + alpha ||w||^2, for every alpha from one SVD; alpha is
    # chosen on the validation points and the choice is scored on the test points.
    U, s, Vt = np.linalg.svd(F_train, full_matrices=False)
    ridge = [Vt.T @ (s / (s**2 + a) * (U.T @ (y_train - y_mean))) for a in alphas]
    best = int(np.argmin([mse(F_val, w_a, y_val) for w_a in ridge]))
    ridge_mse.append(mse(F_test, ridge[best], y_test))
    ridge_alpha.append(float(alphas[best]))

print("    p  train MSE  test MSE  ridge test  ridge alpha    ||w||")
for row in zip(widths, train_mse, test_mse, ridge_mse, ridge_alpha, norm, strict=True):
    print("{:5d}  {:9.3g}  {:8.1f}  {:10.2f}  {:11.0e}  {:7.1f}".format(*row))
print(f"largest |lstsq - pinv| over all p: {max(pinv_gap):.1e}")

fig, axes = plt.subplots(2, 1, figsize=(5, 5), sharex=True, layout="constrained")
axes[0].plot(widths, test_mse, ":", color="C0", marker="o", ms=4, label="minimum norm")
axes[0].plot(widths, ridge_mse, ":", color="C1", marker="s", ms=4, label="tuned ridge")
axes[0].set_ylabel("test MSE (log scale)")
axes[0].set_yscale("log")
axes[0].legend()
axes[1].plot(widths, norm, color="C0", marker="o", ms=4)
axes[1].set_ylabel("||w|| (log scale)")
axes[1].set_yscale("log")
axes[1].set_xlabel("number of random features p (log scale)")
axes[1].set_xscale("log")
for ax in axes:
    ax.axvline(n, color="0.5", lw=0.8)
axes[1].annotate(
    "p = n",
    (n, 0.05),
    xycoords=("data", "axes fraction"),
    xytext=(4, 0),
    textcoords="offset points",
)
plt.show()
