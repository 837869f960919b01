"""Capacity sweep: MLPs from 2 hidden units to 2 x 128, trained the same way on the same data."""

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
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(100).cache().repeat()
splits = {"train": (X_train, y_train), "val": (X_val, y_val), "test": (X_test, y_test)}
bce = keras.losses.BinaryCrossentropy()


def evaluate(model):
    """Cross-entropy and error rate on each split (the model in inference mode)."""
    out = {}
    for name, (Xs, ys) in splits.items():
        p = model(Xs)
        out[f"{name} CE"] = float(bce(ys, p))
        out[f"{name} error"] = float(np.mean((p.numpy() > 0.5) != ys))
    return out


sizes = {"2": [2], "8": [8], "32x32": [32, 32], "128x128": [128, 128]}
models, results, n_params = {}, {}, {}
for name, hidden in sizes.items():
    layers = [keras.layers.Dense(units, activation="relu") for units in hidden]
    model = keras.Sequential([keras.Input((2,)), *layers, keras.layers.Dense(1, "sigmoid")])
    # steps_per_execution=100: Keras runs 100 steps per call, less Python overhead.
    model.compile(
        optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy", steps_per_execution=100
    )
    # The same training for every size: 400 full-batch Adam steps.
    model.fit(train_ds, epochs=1, steps_per_epoch=400, verbose=0, shuffle=False)
    models[name], results[name], n_params[name] = model, evaluate(model), model.count_params()

print("hidden    params  train CE  val CE  train err  val err")
for name, r in results.items():
    print(
        f"{name:<8} {n_params[name]:7d}  {r['train CE']:8.3f}  {r['val CE']:6.3f}"
        f"  {r['train error']:9.3f}  {r['val error']:7.3f}"
    )
train_ce = {k: r["train CE"] for k, r in results.items()}
val_ce = {k: r["val CE"] for k, r in results.items()}
val_err = {k: r["val error"] for k, r in results.items()}
gap = {k: val_ce[k] - train_ce[k] for k in results}
# Choose the size on the validation set; then, once, report the chosen model on the test set.
chosen = min(val_ce, key=val_ce.get)
print(f"size chosen on validation CE: {chosen}")
print(f"chosen model, validation CE: {val_ce[chosen]:.3f}")
print(f"chosen model, test CE: {results[chosen]['test CE']:.3f}")
print(f"chosen model, test error: {results[chosen]['test error']:.3f}")
print(f"largest model, training error: {results['128x128']['train error']:.3f}")
print(f"largest model, validation error: {val_err['128x128']:.3f}")
print(f"smallest model, training error: {results['2']['train error']:.3f}")

# 1) Error against capacity.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
x = list(n_params.values())
for ax, metric, title in [
    (ax1, "CE", "Cross-entropy vs capacity"),
    (ax2, "error", "Error vs capacity"),
]:
    ax.plot(x, [r[f"train {metric}"] for r in results.values()], "o-", label="training")
    ax.plot(x, [r[f"val {metric}"] for r in results.values()], "s--", label="validation")
    for xi, name in zip(x, results, strict=True):
        ax.annotate(
            name,
            (xi, results[name][f"val {metric}"]),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=8,
        )
    ax.set_xscale("log")
    ax.set_xlabel("number of parameters")
    ax.set_title(title)
    ax.margins(x=0.1, y=0.15)
ax1.set_yscale("log")
ax1.set_ylabel("cross-entropy (log scale)")
ax2.set_ylabel("error rate")
ax2.axhline(0.1, color="gray", linewidth=0.8, linestyle=":", label="label noise (10%)")
ax1.legend()
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()

# 2) Decision boundaries, with the training points the models were fitted to.
xx, yy = np.meshgrid(np.linspace(-1.6, 2.6, 150), np.linspace(-1.1, 1.6, 150))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
fig, axes = plt.subplots(1, 4, figsize=(10, 2.9), sharey=True)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    p = model(grid).numpy().reshape(xx.shape)
    ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.7)
    ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1)
    ax.scatter(*X_train.T, c=y_train.ravel(), cmap="coolwarm", s=10, edgecolor="k", linewidth=0.3)
    ax.set_title(f"hidden {name}: val error {val_err[name]:.2f}", fontsize=9)
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
fig.tight_layout()
plt.show()
