"""Capacity sweep: MLPs from 2 hidden units to 2 x 128, trained the same way on the same data."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=500, noise=0.1, random_state=SEED)
flipped = np.random.default_rng(SEED).random(len(y)) < 0.1
y = np.where(flipped, 1 - y, y)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(hidden):
    keras.utils.set_random_seed(SEED)  # the same seed for every size
    layers = [keras.layers.Dense(units, activation="relu") for units in hidden]
    model = keras.Sequential([keras.Input((2,)), *layers, keras.layers.Dense(1, "sigmoid")])
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


def fit(model):
    # The same training for every size: 400 full-batch Adam steps (one "epoch" of 400
    # steps on the 100 points), then one validation pass with the final weights.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache().batch(100).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(100).cache()
    history = model.fit(
        train, validation_data=val, epochs=1, steps_per_epoch=400, verbose=0, shuffle=False
    )
    return {k: v[-1] for k, v in history.history.items()}


sizes = {"2": [2], "32": [32], "32x32": [32, 32], "128x128": [128, 128]}
models, val, train = {}, {}, {}
for name, hidden in sizes.items():
    models[name] = make_model(hidden)
    val[name] = fit(models[name])
    # The training CE with the final weights (fit's is a mean over the 400 steps).
    train[name] = models[name].evaluate(
        X_train, y_train, batch_size=100, verbose=0, return_dict=True
    )
train_ce = {k: train[k]["ce"] for k in sizes}
val_ce = {k: val[k]["val_ce"] for k in sizes}
train_err = {k: 1 - train[k]["accuracy"] for k in sizes}
val_err = {k: 1 - val[k]["val_accuracy"] for k in sizes}
gap = {k: val_ce[k] - train_ce[k] for k in sizes}
print("hidden   params  train CE  val CE  train err  val err")
for k, model in models.items():
    print(
        f"{k:<7} {model.count_params():7d}  {train_ce[k]:8.3f}  {val_ce[k]:6.3f}"
        f"  {train_err[k]:9.3f}  {val_err[k]:7.3f}"
    )
# Choose the size on the validation set; then, once, report the chosen model on the test set.
chosen = min(val_ce, key=val_ce.get)
chosen_val_ce = val_ce[chosen]
test = models[chosen].evaluate(X_test, y_test, batch_size=100, verbose=0, return_dict=True)
test_ce, test_err = test["ce"], 1 - test["accuracy"]
print(f"chosen on validation CE: {chosen}, val CE {chosen_val_ce:.3f}")
print(f"its test CE {test_ce:.3f}, test error {test_err:.3f}")

# 1) Cross-entropy and error rate against capacity.
fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5, 4.8), sharex=True, layout="constrained")
for ax, on_train, on_val in [(ax1, train_ce, val_ce), (ax2, train_err, val_err)]:
    ax.plot(list(sizes), list(on_train.values()), "o-", color="C0", label="training")
    ax.plot(list(sizes), list(on_val.values()), "s--", color="C0", label="validation")
ax1.set_yscale("log")
ax1.set_ylabel("cross-entropy\n(log scale)")
ax1.legend()
ax2.axhline(0.1, color="0.6", linewidth=0.8, linestyle="-.")
ax2.text(3, 0.1, "label noise (10%)", ha="right", va="bottom")
ax2.set_ylim(bottom=0)
ax2.set_ylabel("error rate")
ax2.set_xlabel("hidden units")
plt.show()

# 2) Decision boundaries, with the training points the models were fitted to.
xx, yy = np.meshgrid(np.linspace(-1.6, 2.6, 150), np.linspace(-1.1, 1.6, 150))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
fig, axes = plt.subplots(2, 2, figsize=(5, 4.4), sharex=True, sharey=True, layout="constrained")
for ax, (name, model) in zip(axes.flat, models.items(), strict=True):
    p = model(grid).numpy().reshape(xx.shape)  # a direct call: inference mode
    ax.contourf(xx, yy, p, levels=[0, 0.5, 1], colors=["C2", "C1"], alpha=0.25)
    ax.contour(xx, yy, p, levels=[0.5], colors="0.5", linewidths=1)
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        pts = X_train[y_train[:, 0] == label]
        ax.scatter(*pts.T, s=8, color=color, marker=marker)
    ax.set_title(f"hidden {name}")
for ax in axes[1]:
    ax.set_xlabel("$x_1$")
for ax in axes[:, 0]:
    ax.set_ylabel("$x_2$")
plt.show()
