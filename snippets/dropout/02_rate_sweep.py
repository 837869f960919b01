"""Dropout on a network that overfits: learning curves and a sweep over the rate."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=400, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# 100 noisy points to train on, 300 to validate on.
X_train, X_val, y_train, y_val = train_test_split(X, y, train_size=100, random_state=SEED)
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(100).cache().repeat()


def make_model(rate):
    # 2 -> 128 -> 128 -> 1: ~17,000 weights for 100 points. Dropout after each hidden
    # layer's activation, none on the output.
    layers = [keras.Input((2,))]
    for _ in range(2):
        layers.append(keras.layers.Dense(128, activation="relu"))
        if rate > 0:
            layers.append(keras.layers.Dropout(rate))
    model = keras.Sequential([*layers, keras.layers.Dense(1, activation="sigmoid")])
    model.compile(
        optimizer=keras.optimizers.SGD(0.2, momentum=0.9),
        loss="binary_crossentropy",  # no penalty term: dropout adds nothing to the loss
        steps_per_execution=20,  # one call per 20-step epoch: less Python overhead
    )
    return model


def cross_entropy(y, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


class RecordCE(keras.callbacks.Callback):
    """After every epoch, the cross-entropy on both splits with dropout OFF: called
    directly, a model runs in inference mode."""

    def on_train_begin(self, logs=None):
        self.train, self.val = [], []

    def on_epoch_end(self, epoch, logs=None):
        p = self.model(np.concatenate([X_train, X_val])).numpy()
        self.train.append(cross_entropy(y_train, p[:100]))
        self.val.append(cross_entropy(y_val, p[100:]))


rates = [0.0, 0.3, 0.6, 0.9]
curves, fit_loss, train_ce_on, val_acc = {}, {}, [], []
for rate in rates:
    keras.utils.set_random_seed(SEED)  # the same initial weights for every rate
    model = make_model(rate)
    record = RecordCE()
    # 500 full-batch steps, measured every 20. shuffle=False: a Dataset does its own
    # shuffling (Keras warns otherwise).
    history = model.fit(
        train_ds, epochs=25, steps_per_epoch=20, callbacks=[record], verbose=0, shuffle=False
    )
    curves[rate] = {"train": record.train, "val": record.val}
    # fit's "loss": the mean over each epoch's batches, measured with dropout ON.
    fit_loss[rate] = history.history["loss"]
    # The final weights with dropout ON (20 masks per point), and validation accuracy.
    on = model(np.tile(X_train, (20, 1)), training=True).numpy()
    train_ce_on.append(cross_entropy(np.tile(y_train, (20, 1)), on))
    val_acc.append(float(np.mean((model(X_val).numpy() > 0.5) == y_val)))

train_ce = [curves[r]["train"][-1] for r in rates]  # dropout off
val_ce = [curves[r]["val"][-1] for r in rates]
lowest_val_ce = [min(curves[r]["val"]) for r in rates]
print("rate  train CE  train CE, dropout on  val CE  lowest val CE  val accuracy")
for row in zip(rates, train_ce, train_ce_on, val_ce, lowest_val_ce, val_acc, strict=True):
    print("{:<4}  {:8.3f}  {:19.3f}  {:6.3f}  {:13.3f}  {:12.3f}".format(*row))
for j, name in [(0, "no dropout"), (2, "Dropout(0.6)"), (3, "Dropout(0.9)")]:
    print(f"{name}, final training CE: {train_ce[j]:.3f}")
    print(f"{name}, lowest validation CE: {lowest_val_ce[j]:.3f}")
    print(f"{name}, final validation CE: {val_ce[j]:.3f}")
    print(f"{name}, validation accuracy: {val_acc[j]:.3f}")
print(f"Dropout(0.6), fit's final training loss: {fit_loss[0.6][-1]:.3f}")
print(f"best rate on validation: {rates[int(np.argmin(val_ce))]}")

# 1) Learning curves: no dropout, a good rate, too much.
steps = 20 * np.arange(1, 26)
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), sharey=True)
for ax, rate in zip(axes, [0.0, 0.6, 0.9], strict=True):
    if rate > 0:
        ax.plot(steps, fit_loss[rate], ":", color="tab:orange", label="fit's loss (dropout on)")
    ax.plot(steps, curves[rate]["train"], color="tab:blue", label="training")
    ax.plot(steps, curves[rate]["val"], "--", color="tab:red", label="validation")
    ax.set_xlabel("training step")
    ax.set_title("no dropout" if rate == 0 else f"Dropout({rate})")
axes[0].set_ylabel("binary cross-entropy")
axes[2].legend(fontsize=8)
fig.tight_layout()
plt.show()

# 2) The sweep: final cross-entropy (dropout off) and validation accuracy.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.4))
ax1.plot(rates, train_ce, "o-", label="training")
ax1.plot(rates, val_ce, "s--", label="validation")
ax1.set_ylabel("cross-entropy after 500 steps")
ax1.legend()
ax2.plot(rates, val_acc, "s--", color="tab:orange")
ax2.set_ylabel("validation accuracy")
for ax in (ax1, ax2):
    ax.set_xticks(rates)
    ax.set_xlabel("dropout rate (fraction dropped)")
fig.tight_layout()
plt.show()
