"""Scrub through one EarlyStopping run: the boundary at epoch k and the curves up to it."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib.colors import ListedColormap
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=1200, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# The split, network and pipeline of the restore_best_weights run above.
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=300, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, train_size=400, random_state=SEED)

keras.utils.set_random_seed(SEED)
model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="binary_crossentropy",
    metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
    steps_per_execution=5,
)


class KeepWeights(keras.callbacks.Callback):
    """A copy of the weights at the end of every epoch (in memory: 4,400 numbers each)."""

    def on_train_begin(self, logs=None):
        self.weights = []

    def on_epoch_end(self, epoch, logs=None):
        self.weights.append(self.model.get_weights())


train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
train = train.cache().shuffle(300, seed=SEED).batch(300).repeat()
val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(400).cache()
es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=10, restore_best_weights=True)
keep = KeepWeights()  # listed before es: it copies an epoch's weights before es restores any
history = model.fit(
    train,
    validation_data=val,
    epochs=100,
    steps_per_epoch=5,
    callbacks=[keep, es],
    verbose=0,
    shuffle=False,
).history

last = len(history["val_ce"]) - 1  # es.stopped_epoch, or the last epoch if it never stopped
best_epoch = es.best_epoch
frames = sorted({*range(0, last + 1, 4), best_epoch, last})  # every 4th epoch, and these
train_ce = {k: history["ce"][k] for k in frames}
val_ce = {k: history["val_ce"][k] for k in frames}
print(f"best_epoch: {best_epoch}, stopped_epoch: {es.stopped_epoch}")
print("epoch  train CE  val CE")
for k in frames:
    note = "  best: restored" if k == best_epoch else "  stopped" if k == es.stopped_epoch else ""
    print(f"{k:<5}  {train_ce[k]:8.3f}  {val_ce[k]:6.3f}{note}")

EXTENT = (-2, 3, -1.5, 2)  # the plotted square: x1 from -2 to 3, x2 from -1.5 to 2
grid = np.stack(np.meshgrid(np.linspace(-2, 3, 200), np.linspace(-1.5, 2, 140)), -1)
CLASSES = ListedColormap(["C2", "C1"])  # predicted class 0, 1
epochs = np.arange(last + 1)
for k in frames:
    model.set_weights(keep.weights[k])
    p = keras.ops.convert_to_numpy(model(grid.reshape(-1, 2))).reshape(grid.shape[:2])
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.6), layout="constrained")
    fig.set_label(str(k))  # the epoch this frame shows
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
        ax1.scatter(*pts.T, s=4, color=color, marker=marker)
    ax1.set_title(f"boundary after epoch {k}")
    ax1.set_xlabel("$x_1$")
    ax1.set_ylabel("$x_2$")
    ax2.plot(epochs, history["ce"], color="C0", label="training")
    ax2.plot(epochs, history["val_ce"], color="C0", linestyle="--", label="validation")
    ax2.axvline(k, color="k", linewidth=1)
    ax2.plot(best_epoch, history["val_ce"][best_epoch], "o", color="C1", ms=6, label="restored")
    ax2.set_title(f"cross-entropy, cursor at {k}")
    ax2.set_xlabel("epoch")
    ax2.set_ylim(0, 0.8)
    ax2.legend(loc="upper right")
plt.show()
