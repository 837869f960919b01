"""Explore the L2 strength: boundary, first-layer weights and learning curves, one λ at a time."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib.colors import ListedColormap
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=450, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# The split, network and training of the comparison above.
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, _, y_val, _ = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(l2=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every strength
    reg = keras.regularizers.L2(l2) if l2 else None
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
    # Full batch; an "epoch" is 20 steps, 20 of them make 400 steps.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    return model.fit(
        train, validation_data=val, epochs=20, steps_per_epoch=20, verbose=0, shuffle=False
    ).history


labels = ["0", "1e-4", "1e-3", "1e-2", "1e-1"]
EXTENT = (-2, 3, -1.5, 2)  # the plotted square: x1 from -2 to 3, x2 from -1.5 to 2
grid = np.stack(np.meshgrid(np.linspace(-2, 3, 200), np.linspace(-1.5, 2, 140)), -1)
CLASSES = ListedColormap(["C2", "C1"])  # predicted class 0, 1
steps = 20 * np.arange(1, 21)
train_ce, val_ce, kernel_norm = {}, {}, {}
print("lambda  train CE  val CE  first-layer ||W||")
for label in labels:
    model = make_model(float(label))
    history = fit(model)
    w = model.layers[0].kernel.numpy().ravel()
    train_ce[label], val_ce[label] = history["ce"][-1], history["val_ce"][-1]
    kernel_norm[label] = float(np.linalg.norm(w))
    print(f"{label:<6}  {train_ce[label]:8.3f}  {val_ce[label]:6.3f}  {kernel_norm[label]:17.2f}")

    fig, axes = plt.subplot_mosaic([["a", "b"], ["c", "c"]], figsize=(5, 4.2), layout="constrained")
    fig.set_label(label)  # the value this frame shows
    ax1, ax2, ax3 = axes["a"], axes["b"], axes["c"]
    p = keras.ops.convert_to_numpy(model(grid.reshape(-1, 2))).reshape(grid.shape[:2])
    # The predicted class as an image (the frame is then saved as a small PNG).
    ax1.imshow(
        p > 0.5,
        cmap=CLASSES,
        alpha=0.25,
        origin="lower",
        extent=EXTENT,
        aspect="auto",
        interpolation="nearest",
    )
    ax1.contour(grid[..., 0], grid[..., 1], p, levels=[0.5], colors="k", linewidths=1)
    for cls, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        pts = X_train[y_train[:, 0] == cls]
        ax1.scatter(*pts.T, s=6, color=color, marker=marker)
    ax1.set_title(f"boundary, λ = {label}")
    ax1.set_xlabel("$x_1$")
    ax1.set_ylabel("$x_2$")
    ax2.hist(np.clip(w, -3, 3), bins=np.linspace(-3, 3, 31), color="C1")  # outliers at ±3
    ax2.set_title("first-layer weights")
    ax2.set_xlabel("w")
    ax2.set_ylabel("count")
    ax3.plot(steps, history["ce"], color="C1", label="training")
    ax3.plot(steps, history["val_ce"], color="C1", linestyle="--", label="validation")
    ax3.set_xlabel("training step")
    ax3.set_ylabel("cross-entropy")
    ax3.set_ylim(0, 1.6)
    ax3.legend(loc="upper right", ncols=2)
plt.show()
