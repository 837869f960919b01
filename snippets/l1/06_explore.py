"""Explore the L1 strength: the boundary and the first-layer weights, one λ at a time."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=450, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, _, y_train, _ = train_test_split(X, y, train_size=150, random_state=SEED)  # the sweep's


def make_model(l1=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every strength
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
    # Full batch, as in the sweep above: an "epoch" is 20 steps; 20 of them make 400 steps.
    # (The validation scores are the sweep's; here each frame shows the model itself.)
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
    return model.fit(train, epochs=20, steps_per_epoch=20, verbose=0, shuffle=False).history


labels = ["0", "1e-4", "1e-3", "1e-2"]
grid = np.stack(np.meshgrid(np.linspace(-2, 3, 100), np.linspace(-1.5, 2, 70)), -1)
print("lambda  train CE  first-layer |w|<1e-3")
for label in labels:
    model = make_model(float(label))
    history = fit(model)
    w = np.abs(model.layers[0].kernel.numpy()).ravel()
    print(f"{label:<7} {history['ce'][-1]:8.3f} {np.mean(w < 1e-3):12.0%}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.6), layout="constrained")
    fig.set_label(label)  # the value this frame shows
    p = keras.ops.convert_to_numpy(model(grid.reshape(-1, 2))).reshape(grid.shape[:2])
    ax1.contourf(grid[..., 0], grid[..., 1], p, levels=[0, 0.5, 1], colors=["C2", "C1"], alpha=0.25)
    ax1.contour(grid[..., 0], grid[..., 1], p, levels=[0.5], colors="k", linewidths=1)
    for cls, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        pts = X_train[y_train[:, 0] == cls]
        ax1.scatter(*pts.T, s=6, color=color, marker=marker)
    ax1.set_title(f"boundary, λ = {label}")
    ax1.set_xlabel("$x_1$")
    ax1.set_ylabel("$x_2$")
    ax2.hist(np.log10(np.maximum(w, 1e-8)), bins=np.linspace(-8, 0.5, 35), color="C1")
    ax2.set_title("first-layer weights")
    ax2.set_xticks([-8, -6, -4, -2, 0])
    ax2.set_xlabel("log10 |w|  (|w| < 1e-8 at −8)")
    ax2.set_ylabel("count")
plt.show()
