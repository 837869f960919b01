"""A plain MLP and the same MLP with L1 on every kernel, trained on the noisy moons."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib.colors import to_rgba
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=450, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(l1=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    reg = keras.regularizers.L1(l1) if l1 else None
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",  # + the L1 penalty: compare models on "ce"
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=20,
    )
    return model


def fit(model):
    # Full batch: every step sees all 150 training points, so there is nothing to
    # shuffle. An "epoch" here is 20 steps; 20 of them make 400 steps.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    return model.fit(
        train, validation_data=val, epochs=20, steps_per_epoch=20, verbose=0, shuffle=False
    ).history


models, histories = {}, {}
for label, l1 in [("plain", 0.0), ("L1(1e-3)", 1e-3)]:
    models[label] = make_model(l1)  # reseeds: both start from the same weights
    histories[label] = fit(models[label])

train_ce = {k: h["ce"][-1] for k, h in histories.items()}
val_ce = {k: h["val_ce"][-1] for k, h in histories.items()}
val_acc = {k: h["val_accuracy"][-1] for k, h in histories.items()}
first_layer = {k: m.layers[0].kernel.numpy().ravel() for k, m in models.items()}
near_zero = {k: float(np.mean(np.abs(w) < 1e-3)) for k, w in first_layer.items()}
exact_zero = {k: int(np.sum(w == 0.0)) for k, w in first_layer.items()}
print("model     train CE  val CE  val acc  |w|<1e-3  w == 0")
for k in models:
    print(
        f"{k:<9} {train_ce[k]:8.3f} {val_ce[k]:7.3f} {val_acc[k]:8.3f}"
        f" {near_zero[k]:9.0%} {exact_zero[k]:7d}"
    )

# 1) Learning curves on the un-penalized cross-entropy.
fig, ax = plt.subplots(figsize=(5, 3.4), layout="constrained")
steps = 20 * np.arange(1, 21)
for (k, h), color, marker in zip(histories.items(), ["C0", "C1"], ["o", "s"], strict=True):
    ax.plot(steps, h["ce"], color=color, marker=marker, ms=4, label=f"{k}, training")
    ax.plot(steps, h["val_ce"], "--", color=color, marker=marker, ms=4, label=f"{k}, validation")
ax.set_ylim(bottom=0)
ax.set_xlabel("training step")
ax.set_ylabel("cross-entropy (no penalty)")
fig.legend(loc="outside upper center", ncols=2)
plt.show()

# 2) Decision boundaries over the validation points. Shading: the predicted class, darker
#    where the predicted probability is above 0.9 or below 0.1.
xx, yy = np.meshgrid(np.linspace(-2, 3, 100), np.linspace(-1.6, 2.1, 100))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
shades = [to_rgba("C2", 0.35), to_rgba("C2", 0.12), to_rgba("C1", 0.12), to_rgba("C1", 0.35)]
fig, axes = plt.subplots(1, 2, figsize=(5, 2.9), sharex=True, sharey=True, layout="constrained")
unsure = {}  # the share of the plotted plane where 0.1 < p < 0.9
for ax, (k, model) in zip(axes, models.items(), strict=True):
    p = model.predict(grid, batch_size=len(grid), verbose=0).reshape(xx.shape)
    unsure[k] = float(np.mean((p > 0.1) & (p < 0.9)))
    ax.contourf(xx, yy, p, levels=[0, 0.1, 0.5, 0.9, 1], colors=shades)
    ax.contour(xx, yy, p, levels=[0.5], colors="0.5", linewidths=1.4)
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        ax.scatter(
            *X_val[y_val[:, 0] == label].T, s=8, color=color, marker=marker, edgecolor="w", lw=0.3
        )
    ax.set_title(k)
    ax.set_xticks([-1, 0, 1, 2])
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
print(f"plane with 0.1 < p < 0.9: plain {unsure['plain']:.0%}, L1 {unsure['L1(1e-3)']:.0%}")
plt.show()

# 3) First-layer weights: L1 piles many of them up near zero.
fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
bins = np.linspace(-1.25, 1.25, 51)
ax.hist(first_layer["plain"], bins=bins, color="C0", alpha=0.5, label="plain")
ax.hist(first_layer["L1(1e-3)"], bins=bins, color="C1", histtype="step", lw=1.8, label="L1(1e-3)")
ax.set_xlabel("first-layer weight")
ax.set_ylabel("count")
ax.legend()
plt.show()
