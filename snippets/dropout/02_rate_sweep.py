"""Dropout on a network that overfits: learning curves for three rates."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=700, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# 100 noisy points to train on, 300 to validate on (and pick the epoch), 300 to test on.
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(rate):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every rate
    # 2 -> 128 -> 128 -> 1: ~17,000 weights for 100 points. The Dense layers are created
    # before the Dropout layers: a Dropout layer takes a seed from the initializers'
    # random source when it is created, which would change the later layers' weights.
    hidden = [keras.layers.Dense(128, activation="relu") for _ in range(2)]
    output = keras.layers.Dense(1, activation="sigmoid")
    layers = [keras.Input((2,))]
    for dense in hidden:  # Dropout after each hidden activation, none on the output
        layers += [dense, keras.layers.Dropout(rate)] if rate else [dense]
    model = keras.Sequential([*layers, output])
    model.compile(
        optimizer=keras.optimizers.SGD(0.2, momentum=0.9),
        loss="binary_crossentropy",  # no penalty term: dropout adds nothing to the loss
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


def pipeline(X, y, repeat=False):
    # Batches of 100: all the training points at every step; validation in three
    # batches of the same shape.
    ds = tf.data.Dataset.from_tensor_slices((X, y)).batch(100).cache()
    return ds.repeat() if repeat else ds


class CleanCE(keras.callbacks.Callback):
    """After every epoch, the cross-entropy on the training and test splits with dropout
    OFF (predict_on_batch runs in inference mode; fit's own "ce" is measured with units
    dropped). The test values are read only at the epoch picked on validation."""

    def on_train_begin(self, logs=None):
        self.splits = {"train": (X_train, y_train), "test": (X_test, y_test)}
        self.values = {split: [] for split in self.splits}

    def on_epoch_end(self, epoch, logs=None):
        for split, (X, y) in self.splits.items():
            ce = keras.losses.binary_crossentropy(y[:, 0], self.model.predict_on_batch(X)[:, 0])
            self.values[split].append(float(ce))


rates = [0.0, 0.5, 0.9]
histories, clean = {}, {}
for rate in rates:
    model = make_model(rate)
    callback = CleanCE()
    # Full-batch training: an "epoch" here is 50 steps on all 100 points, 500 steps in all.
    histories[rate] = model.fit(
        pipeline(X_train, y_train, repeat=True),
        validation_data=pipeline(X_val, y_val),  # evaluated with dropout off
        epochs=10,
        steps_per_epoch=50,
        callbacks=[callback],
        verbose=0,
        shuffle=False,
    ).history
    clean[rate] = callback.values

train_ce = {r: clean[r]["train"][-1] for r in rates}  # after 500 steps, dropout off
fit_ce = {r: histories[r]["ce"][-1] for r in rates}  # fit's, over the last 50 steps
val_ce = {r: histories[r]["val_ce"][-1] for r in rates}
val_acc = {r: histories[r]["val_accuracy"][-1] for r in rates}
best_epoch = {r: int(np.argmin(histories[r]["val_ce"])) for r in rates}
best_step = {r: 50 * (best_epoch[r] + 1) for r in rates}
test_ce_at_best = {r: clean[r]["test"][best_epoch[r]] for r in rates}
print("      after 500 steps                  at the best val epoch")
print("rate  train CE  fit's CE  val CE  val acc  step  test CE")
for r in rates:
    print(
        f"{r:<4}  {train_ce[r]:8.3f}  {fit_ce[r]:8.3f}  {val_ce[r]:6.3f}  {val_acc[r]:7.3f}"
        f"  {best_step[r]:4d}  {test_ce_at_best[r]:7.3f}"
    )

# Learning curves with dropout off: training (solid), validation (dashed); markers tell
# the rates apart.
steps = 50 * np.arange(1, 11)
fig, axes = plt.subplots(1, 2, figsize=(5, 3.2), sharey=True, layout="constrained")
for rate, color, marker in zip(rates, ["C0", "C1", "C2"], ["o", "s", "^"], strict=True):
    label = "no dropout" if rate == 0 else f"Dropout({rate})"
    axes[0].plot(steps, clean[rate]["train"], color=color, marker=marker, ms=4, label=label)
    axes[1].plot(steps, histories[rate]["val_ce"], "--", color=color, marker=marker, ms=4)
axes[0].set_title("training")
axes[1].set_title("validation")
axes[0].set_ylim(bottom=0)
axes[0].set_ylabel("cross-entropy (dropout off)")
for ax in axes:
    ax.set_xlabel("training step")
    ax.set_xticks([0, 250, 500])
fig.legend(loc="outside upper center", ncols=3)
plt.show()
