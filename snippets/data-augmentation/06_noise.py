"""Noise injection for tabular data: keras.layers.GaussianNoise on the noisy two moons."""

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
print(f"feature standard deviations: {X_train.std(axis=0).round(2)}")

keras.utils.set_random_seed(SEED)
STDDEV = 0.2  # in input units: the same for every feature, so scale features first
added_std = float(np.std(keras.layers.GaussianNoise(STDDEV)(np.zeros((10_000, 2)), training=True)))
print(f"std of the added noise (20,000 draws): {added_std:.3f}")


def make_model(stddev=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for both models
    # seed=: without one, the noise layer would take a seed from the initializers'
    # random source when it is created, and change the Dense layers' initial weights.
    noise = [keras.layers.GaussianNoise(stddev, seed=SEED)] if stddev else []
    model = keras.Sequential(
        [
            keras.Input((2,)),
            *noise,  # new noise at every training step
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=40,
    )
    return model


def fit(model):
    # Full-batch training on all 150 points; an "epoch" here is 40 steps, 400 in all.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(150).cache()
    return model.fit(
        train, validation_data=val, epochs=10, steps_per_epoch=40, verbose=0, shuffle=False
    ).history


models = {"plain": make_model(), f"GaussianNoise({STDDEV})": make_model(STDDEV)}
histories = {name: fit(model) for name, model in models.items()}
# On clean inputs: evaluate runs in inference mode, where GaussianNoise adds nothing.
train_ce = {
    name: model.evaluate(X_train, y_train, batch_size=150, verbose=0, return_dict=True)["ce"]
    for name, model in models.items()
}
fit_ce = {name: h["ce"][-1] for name, h in histories.items()}  # on the noisy inputs
val_ce = {name: h["val_ce"][-1] for name, h in histories.items()}
val_acc = {name: h["val_accuracy"][-1] for name, h in histories.items()}

# Decision boundaries. Boundary length: neighbouring grid points in different classes.
xx, yy = np.meshgrid(np.linspace(-2, 3, 100), np.linspace(-1.6, 2.1, 100))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
# training=False: no noise (a bare call would do the same for GaussianNoise, not for
# the image layers of the sections above).
p_grid = {
    name: model(grid, training=False).numpy().reshape(xx.shape) for name, model in models.items()
}
boundary_cells = {}
for name, p in p_grid.items():
    cls = p > 0.5
    boundary_cells[name] = int(np.sum(cls[1:] != cls[:-1]) + np.sum(cls[:, 1:] != cls[:, :-1]))

print("model               train CE  fit's CE  val CE  val acc")
for name in models:
    print(
        f"{name:<18}  {train_ce[name]:8.3f}  {fit_ce[name]:8.3f}  {val_ce[name]:6.3f}"
        f"  {val_acc[name]:7.3f}"
    )
print("boundary length in grid cells:", ", ".join(f"{k} {v}" for k, v in boundary_cells.items()))

# 1) Learning curves: fit's training CE (on noisy inputs for the noisy model), validation CE.
fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
steps = 40 * np.arange(1, 11)
for (name, h), color, marker in zip(histories.items(), ["C0", "C1"], ["o", "s"], strict=True):
    ax.plot(
        steps,
        h["ce"],
        color=color,
        marker=marker,
        ms=3,
        label=f"{name}, training (fit)",
    )
    ax.plot(
        steps,
        h["val_ce"],
        "--",
        color=color,
        marker=marker,
        ms=3,
        label=f"{name}, validation",
    )
ax.set_yscale("log")
ax.set_xlabel("training step")
ax.set_ylabel("cross-entropy")
fig.legend(loc="outside upper center", ncols=2)
plt.show()

# 2) Decision boundaries over the validation points. Shading: the predicted class,
#    darker where the predicted probability is above 0.9 or below 0.1.
fig, axes = plt.subplots(1, 2, figsize=(5, 2.9), sharex=True, sharey=True, layout="constrained")
for ax, (name, p) in zip(axes, p_grid.items(), strict=True):
    ax.contourf(xx, yy, p, levels=[0, 0.5, 1], colors=["C2", "C1"], alpha=0.2)
    ax.contourf(xx, yy, p, levels=[0, 0.1, 0.9, 1], colors=["C2", "none", "C1"], alpha=0.3)
    ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1.2)
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        ax.scatter(*X_val[y_val[:, 0] == label].T, s=8, color=color, marker=marker)
    ax.set_title(name)
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
plt.show()
