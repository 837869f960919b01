"""Exact zeros need the right solver: Adam + L1 vs scikit-learn's L1 logistic regression."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

SEED = 0
# 30 features, only 5 of them informative; the rest are noise. Every point is training
# data here: the two solvers are compared on one objective, not on held-out data.
X, y = make_classification(
    n_samples=400, n_features=30, n_informative=5, n_redundant=0, random_state=SEED
)
X = StandardScaler().fit_transform(X).astype("float32")
y = y.astype("float32").reshape(-1, 1)
n = len(X)
lam = 0.01  # Keras penalty strength, added to the *mean* cross-entropy

# Logistic regression in Keras: one Dense unit with L1 on its kernel, trained with Adam on
# the full batch (as scikit-learn sees the data), so both minimize the same objective.
keras.utils.set_random_seed(SEED)
model = keras.Sequential(
    [keras.Input((30,)), keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L1(lam))]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    steps_per_execution=100,
)
full_batch = tf.data.Dataset.from_tensor_slices((X, y)).batch(n).cache().repeat()
model.fit(full_batch, epochs=5, steps_per_epoch=100, verbose=0, shuffle=False)
w_adam = model.layers[0].kernel.numpy().ravel()

# The same objective for scikit-learn: C * sum(log-loss) + sum(|w|), so C = 1 / (n * lam).
# l1_ratio=1.0 is pure L1; liblinear solves it by coordinate descent, which sets weights
# exactly to zero. (liblinear also penalizes the intercept; Keras leaves the bias alone.)
clf = LogisticRegression(l1_ratio=1.0, C=1 / (n * lam), solver="liblinear", random_state=SEED)
w_sklearn = clf.fit(X, y.ravel()).coef_.ravel()

exact_adam = int(np.sum(w_adam == 0.0))
exact_sklearn = int(np.sum(w_sklearn == 0.0))
near_adam = int(np.sum(np.abs(w_adam) < 1e-3))
smallest_adam = float(np.min(np.abs(w_adam)))
# Do both single out the same features? The ones liblinear zeroes, among Adam's smallest.
zeroed = set(np.flatnonzero(w_sklearn == 0.0))
smallest_in_adam = set(np.argsort(np.abs(w_adam))[: len(zeroed)])
overlap = len(zeroed & smallest_in_adam) / len(zeroed)
print(f"exact zeros, Keras + Adam: {exact_adam} of 30")
print(f"|w| < 1e-3, Keras + Adam: {near_adam} of 30")
print(f"smallest |w|, Keras + Adam: {smallest_adam:.1e}")
print(f"exact zeros, scikit-learn liblinear: {exact_sklearn} of 30")
print(f"liblinear's zeros among Adam's smallest: {overlap:.0%}")

fig, ax = plt.subplots(figsize=(5, 3.4), layout="constrained")
idx = np.arange(30)
ax.axhline(1e-3, color="0.5", linewidth=0.8, linestyle=":")
ax.semilogy(idx, np.abs(w_adam), "o", color="C1", label="Keras, L1 + Adam")
ax.semilogy(
    idx,
    np.maximum(np.abs(w_sklearn), 1e-9),
    "x",
    color="C2",
    ms=7,
    mew=1.5,
    label="scikit-learn, liblinear\n(exact 0 drawn at 1e-9)",
)
ax.set_xticks(range(0, 30, 5))
ax.set_ylim(bottom=3e-10)
ax.set_xlabel("feature index")
ax.set_ylabel("|coefficient| (log scale)")
fig.legend(loc="outside upper center", ncols=2)
plt.show()
