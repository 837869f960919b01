"""Sweeping the L1 strength: too little overfits, too much underfits."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
ce = keras.losses.BinaryCrossentropy()

lambdas = [0.0, 1e-4, 1e-3, 1e-2, 1e-1]
train_ce, val_ce, near_zero = [], [], []
for l1 in lambdas:
    keras.utils.set_random_seed(SEED)  # same initial weights for every strength
    reg = keras.regularizers.L1(l1) if l1 else None
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    model.fit(train_ds, epochs=4, steps_per_epoch=100, verbose=0, shuffle=False)
    # Un-penalized cross-entropy on each split.
    train_ce.append(float(ce(y_train, model(X_train))))
    val_ce.append(float(ce(y_val, model(X_val))))
    near_zero.append(float(np.mean(np.abs(model.layers[0].kernel.numpy()) < 1e-3)))

best = int(np.argmin(val_ce))
best_lambda = lambdas[best]
print("lambda    train CE  val CE  first-layer |w|<1e-3")
for lam, tr, va, nz in zip(lambdas, train_ce, val_ce, near_zero, strict=True):
    print(f"{lam:<8g}  {tr:8.3f}  {va:6.3f}  {nz:6.0%}")
print(f"best lambda on validation: {best_lambda:g}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
x = np.arange(len(lambdas))
labels = [f"{lam:g}" for lam in lambdas]
ax1.plot(x, train_ce, "o-", label="training")
ax1.plot(x, val_ce, "s--", label="validation")
ax1.axvline(best, color="gray", linewidth=0.8, linestyle=":")
ax1.set_xticks(x, labels)
ax1.set_xlabel("L1 strength λ")
ax1.set_ylabel("cross-entropy (no penalty)")
ax1.set_title("Under- and over-regularization")
ax1.legend()
ax2.bar(x, near_zero, color="tab:blue")
ax2.set_xticks(x, labels)
ax2.set_xlabel("L1 strength λ")
ax2.set_ylabel("fraction of |w| < 1e-3")
ax2.set_title("First-layer near-zero weights")
fig.tight_layout()
plt.show()
