"""Explore the dropout rate: the boundary and the validation curve, one rate at a time."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib.colors import ListedColormap
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=700, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# The split and network of the rate sweep above (its test split is not used here).
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, _, y_val, _ = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(rate):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every rate
    hidden = [keras.layers.Dense(128, activation="relu") for _ in range(2)]
    output = keras.layers.Dense(1, activation="sigmoid")  # Dense layers before Dropout ones
    layers = [keras.Input((2,))]
    for dense in hidden:
        layers += [dense, keras.layers.Dropout(rate)] if rate else [dense]
    model = keras.Sequential([*layers, output])
    model.compile(
        optimizer=keras.optimizers.SGD(0.2, momentum=0.9),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


def fit(model):
    # Full batch, 10 "epochs" of 50 steps; validation is scored with dropout off.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(100).cache().repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(100).cache()
    return model.fit(
        train, validation_data=val, epochs=10, steps_per_epoch=50, verbose=0, shuffle=False
    ).history


labels = ["0", "0.2", "0.5", "0.7", "0.9"]
EXTENT = (-2, 3, -1.5, 2)  # the plotted square: x1 from -2 to 3, x2 from -1.5 to 2
grid = np.stack(np.meshgrid(np.linspace(-2, 3, 200), np.linspace(-1.5, 2, 140)), -1)
CLASSES = ListedColormap(["C2", "C1"])  # predicted class 0, 1
steps = 50 * np.arange(1, 11)
val_curves, train_ce, val_ce, val_acc = {}, {}, {}, {}
print("rate  train CE  val CE  val acc   (after 500 steps, dropout off)")
for label in labels:
    model = make_model(float(label))
    history = fit(model)
    val_curves[label] = history["val_ce"]
    p_train = keras.ops.convert_to_numpy(model(X_train, training=False))  # dropout off
    train_ce[label] = float(keras.losses.binary_crossentropy(y_train[:, 0], p_train[:, 0]))
    val_ce[label], val_acc[label] = history["val_ce"][-1], history["val_accuracy"][-1]
    print(f"{label:<4}  {train_ce[label]:8.3f}  {val_ce[label]:6.3f}  {val_acc[label]:7.3f}")

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.6), layout="constrained")
    fig.set_label(label)  # the rate this frame shows
    p = keras.ops.convert_to_numpy(model(grid.reshape(-1, 2), training=False))
    p = p.reshape(grid.shape[:2])
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
    ax1.set_title(f"boundary, rate {label}")
    ax1.set_xlabel("$x_1$")
    ax1.set_ylabel("$x_2$")
    ax2.plot(steps, val_curves["0"], "--", color="C0", marker="o", ms=3, label="no dropout")
    if label != "0":
        ax2.plot(
            steps, val_curves[label], "--", color="C1", marker="s", ms=3, label=f"rate {label}"
        )
    ax2.set_title("validation CE")
    ax2.set_xlabel("training step")
    ax2.set_xticks([0, 250, 500])
    ax2.set_ylim(0, 1)
    ax2.legend(loc="upper left")
plt.show()
