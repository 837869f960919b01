"""Exact zeros need the right solver: Adam + L1 vs scikit-learn's L1 logistic regression."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

SEED = 0
keras.utils.set_random_seed(SEED)

# 30 features, only 5 of them informative; the rest are noise.
X, y = make_classification(
    n_samples=400, n_features=30, n_informative=5, n_redundant=0, random_state=SEED
)
X = StandardScaler().fit_transform(X).astype("float32")
n = len(X)
lam = 0.01  # Keras penalty strength, added to the *mean* cross-entropy

# Logistic regression in Keras: one Dense unit, L1 on its kernel, trained with Adam.
model = keras.Sequential(
    [keras.Input((30,)), keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L1(lam))]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
)
ds = tf.data.Dataset.from_tensor_slices((X, y.astype("float32")[:, None])).batch(n).cache()
model.fit(ds.repeat(), epochs=20, steps_per_epoch=25, verbose=0, shuffle=False)
w_adam = model.layers[0].kernel.numpy().ravel()

# The same objective for scikit-learn: C * sum(log-loss) + sum(|w|), so C = 1 / (n * lam).
# l1_ratio=1.0 is pure L1 (scikit-learn >= 1.8 deprecates penalty="l1"); liblinear
# solves it by coordinate descent, which sets weights exactly to zero.
clf = LogisticRegression(l1_ratio=1.0, C=1 / (n * lam), solver="liblinear")
w_sklearn = clf.fit(X, y).coef_.ravel()

exact_adam = int(np.sum(w_adam == 0.0))
exact_sklearn = int(np.sum(w_sklearn == 0.0))
near_adam = int(np.sum(np.abs(w_adam) < 1e-3))
smallest_adam = float(np.sort(np.abs(w_adam))[0])
print(f"exact zeros, Keras + Adam: {exact_adam} of 30")
print(f"|w| < 1e-3, Keras + Adam: {near_adam} of 30")
print(f"smallest |w|, Keras + Adam: {smallest_adam:.1e}")
print(f"exact zeros, scikit-learn liblinear: {exact_sklearn} of 30")
# Both solvers single out the same features; only the solver decides "exactly zero".
zeroed = set(np.flatnonzero(w_sklearn == 0.0))
smallest_in_adam = set(np.argsort(np.abs(w_adam))[: len(zeroed)])
overlap = len(zeroed & smallest_in_adam) / len(zeroed)
print(f"sklearn's zeroed features among Adam's smallest: {overlap:.0%}")

fig, ax = plt.subplots(figsize=(8, 3.6))
idx = np.arange(30)
ax.axhline(1e-3, color="gray", linewidth=0.8, linestyle=":")
ax.semilogy(idx, np.abs(w_adam), "o", color="tab:blue", label="Keras L1 + Adam")
ax.semilogy(
    idx,
    np.maximum(np.abs(w_sklearn), 1e-9),
    "x",
    color="tab:red",
    ms=8,
    label="scikit-learn L1 (exact 0 drawn at 1e-9)",
)
ax.set_xlabel("feature index")
ax.set_ylabel("|coefficient|")
ax.set_title("Near-zeros (Adam) vs exact zeros (coordinate descent)")
ax.legend(loc="lower right")
plt.show()
