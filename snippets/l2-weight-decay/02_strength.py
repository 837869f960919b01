"""L2 on the noisy moons: weight norm, validation loss and boundaries; shrinkage vs L1's zeros."""

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
# The L1 page's split: 150 points to train on, 150 to validate on (and a test third,
# unused here: this page compares models, it chooses nothing).
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(reg=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
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
        loss="binary_crossentropy",  # + the penalty: compare models on "ce"
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


regularizers = {
    "plain": None,
    "L2(1e-3)": keras.regularizers.L2(1e-3),
    "L1(1e-3)": keras.regularizers.L1(1e-3),  # the L1 page's model, for comparison
}
models = {k: make_model(reg) for k, reg in regularizers.items()}
histories = {k: fit(model) for k, model in models.items()}

train_ce = {k: h["ce"][-1] for k, h in histories.items()}
val_ce = {k: h["val_ce"][-1] for k, h in histories.items()}
weight_norm = {  # the norm of all three kernels together
    k: float(np.sqrt(sum(np.sum(layer.kernel.numpy() ** 2) for layer in m.layers)))
    for k, m in models.items()
}
first = {k: np.abs(m.layers[0].kernel.numpy().ravel()) for k, m in models.items()}
median_abs = {k: float(np.median(w)) for k, w in first.items()}
near_zero = {k: float(np.mean(w < 1e-3)) for k, w in first.items()}
print("model       ||W||  train CE  val CE  med |w|  |w|<1e-3")
for k in models:
    print(
        f"{k:<9} {weight_norm[k]:7.2f} {train_ce[k]:9.3f} {val_ce[k]:7.3f}"
        f" {median_abs[k]:8.4f} {near_zero[k]:9.0%}"
    )
print("(med |w| and |w|<1e-3: the first layer's weights)")

# 1) Decision boundaries of the plain and the L2 network over the validation points.
#    Shading: the predicted class, darker where the predicted probability is above 0.9
#    or below 0.1.
xx, yy = np.meshgrid(np.linspace(-2, 3, 100), np.linspace(-1.6, 2.1, 100))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
shades = [to_rgba("C2", 0.35), to_rgba("C2", 0.12), to_rgba("C1", 0.12), to_rgba("C1", 0.35)]
fig, axes = plt.subplots(1, 2, figsize=(5, 2.9), sharex=True, sharey=True, layout="constrained")
for ax, k in zip(axes, ["plain", "L2(1e-3)"], strict=True):
    p = models[k].predict(grid, batch_size=len(grid), verbose=0).reshape(xx.shape)
    ax.contourf(xx, yy, p, levels=[0, 0.1, 0.5, 0.9, 1], colors=shades)
    ax.contour(xx, yy, p, levels=[0.5], colors="0.5", linewidths=1.4)
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        ax.scatter(
            *X_val[y_val[:, 0] == label].T, s=8, color=color, marker=marker, edgecolor="w", lw=0.3
        )
    ax.set_title(k)
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
plt.show()

# 2) Shrinkage vs sparsity: every first-layer |w|, sorted.
fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
share = np.linspace(0, 1, len(first["plain"]))
for k, color, marker in [("plain", "C0", "o"), ("L2(1e-3)", "C1", "s"), ("L1(1e-3)", "C2", "^")]:
    ax.plot(share, np.sort(first[k]), color=color, marker=marker, markevery=16, label=k)
ax.axhline(1e-3, color="0.5", linewidth=0.8)
ax.set_yscale("log")
ax.set_xlabel("share of first-layer weights (sorted by |w|)")
ax.set_ylabel("|w| (log scale)")
ax.legend()
plt.show()
