"""What overfitting looks like: a large MLP's training and validation curves, plain and with L2."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_moons(n_samples=500, noise=0.1, random_state=SEED)
flipped = np.random.default_rng(SEED).random(len(y)) < 0.1
y = np.where(flipped, 1 - y, y)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)

# Full-batch training from a cached tf.data pipeline (much faster than NumPy arrays here).
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(100).cache().repeat()
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(200).cache()


def make_model(reg=None):
    # 2 -> 128 -> 128 -> 1: about 17,000 weights for 100 training points.
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )
    # "ce" is the cross-entropy alone: the un-penalized metric. fit's "loss" adds the
    # penalties in model.losses to it.
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=10,  # one call per 10-step epoch: less Python overhead
    )
    return model


models, hist = {}, {}
for label, reg in [("plain", None), ("L2(1e-3)", keras.regularizers.L2(1e-3))]:
    keras.utils.set_random_seed(SEED)  # the same initial weights for both
    models[label] = make_model(reg)
    # 400 full-batch steps, validated every 10 steps. shuffle=False: a Dataset does its
    # own shuffling (Keras warns otherwise).
    h = models[label].fit(
        train_ds, validation_data=val_ds, epochs=40, steps_per_epoch=10, verbose=0, shuffle=False
    )
    hist[label] = {k: np.array(v) for k, v in h.history.items()}
steps = 10 * np.arange(1, 41)

p = hist["plain"]
best = int(np.argmin(p["val_ce"]))
best_step = int(steps[best])
train_ce = {k: float(h["ce"][-1]) for k, h in hist.items()}
val_ce = {k: float(h["val_ce"][-1]) for k, h in hist.items()}
gap = {k: val_ce[k] - train_ce[k] for k in hist}
min_val_ce = float(p["val_ce"][best])
train_ce_at_best = float(p["ce"][best])
train_acc, val_acc = float(p["accuracy"][-1]), float(p["val_accuracy"][-1])
val_acc_at_best = float(p["val_accuracy"][best])
print(f"plain, lowest validation CE: {min_val_ce:.3f}")
print(f"plain, step of the lowest validation CE: {best_step}")
print(f"plain, final training CE: {train_ce['plain']:.3f}")
print(f"plain, final validation CE: {val_ce['plain']:.3f}")
print(f"plain, final generalization gap: {gap['plain']:.3f}")
print(f"plain, final training accuracy: {train_acc:.3f}")
print(f"plain, validation accuracy at the lowest validation CE: {val_acc_at_best:.3f}")
print(f"plain, final validation accuracy: {val_acc:.3f}")
print(f"L2, final training CE: {train_ce['L2(1e-3)']:.3f}")
print(f"L2, final validation CE: {val_ce['L2(1e-3)']:.3f}")
print(f"L2, final generalization gap: {gap['L2(1e-3)']:.3f}")

# fit's validation "loss" includes the penalty too: loss - ce is exactly sum(model.losses).
l2_model = models["L2(1e-3)"]
penalty = float(sum(float(t) for t in l2_model.losses))
loss_minus_ce = float(hist["L2(1e-3)"]["val_loss"][-1] - hist["L2(1e-3)"]["val_ce"][-1])
print(f"L2, val_loss - val_ce: {loss_minus_ce:.4f}")
print(f"L2, sum(model.losses): {penalty:.4f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
for (k, h), color in zip(hist.items(), ["tab:red", "tab:blue"], strict=True):
    ax1.plot(steps, h["ce"], color=color, label=f"{k}, training")
    ax1.plot(steps, h["val_ce"], color=color, linestyle="--", label=f"{k}, validation")
    ax2.plot(steps, 1 - h["accuracy"], color=color)
    ax2.plot(steps, 1 - h["val_accuracy"], color=color, linestyle="--")
ax1.axvline(best_step, color="gray", linewidth=0.8)
ax1.set_yscale("log")
ax1.set_xlabel("training step")
ax1.set_ylabel("cross-entropy (no penalty)")
ax1.set_title("Cross-entropy")
ax1.legend(fontsize=8)
ax2.axhline(0.1, color="gray", linewidth=0.8, linestyle=":")
ax2.set_xlabel("training step")
ax2.set_ylabel("error rate (1 - accuracy)")
ax2.set_title("Error rate")
fig.tight_layout()
plt.show()
