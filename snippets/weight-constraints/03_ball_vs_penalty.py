"""A hard ball and a soft pull: unit norms under MaxNorm(2) and under an L2 penalty."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_val, y_train, y_val = train_test_split(X, y, train_size=100, random_state=SEED)
c = 2.0


def make_model(constraint=None, regularizer=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    hidden = [
        keras.layers.Dense(
            64, activation="relu", kernel_constraint=constraint, kernel_regularizer=regularizer
        )
        for _ in range(2)
    ]
    model = keras.Sequential(
        [keras.Input((2,)), *hidden, keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(0.3, momentum=0.9),
        loss="binary_crossentropy",  # + the L2 penalty, if any: compare models on "ce"
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


class UnitNorms(keras.callbacks.Callback):
    """After each epoch, the norm of every unit's incoming weights, second hidden layer."""

    def on_train_begin(self, logs=None):
        self.norms = []

    def on_epoch_end(self, epoch, logs=None):
        self.norms.append(np.linalg.norm(self.model.layers[1].kernel.numpy(), axis=0))


models = {
    "plain": {},
    f"MaxNorm({c:g})": {"constraint": keras.constraints.MaxNorm(c)},
    "L2(1e-3)": {"regularizer": keras.regularizers.L2(1e-3)},
}
histories, norms = {}, {}
for label, kwargs in models.items():
    model, callback = make_model(**kwargs), UnitNorms()
    # A new pipeline per model, cached before the shuffle: every model sees the same
    # batches. An "epoch" here is 50 steps of 25 points; 1,500 steps in all.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(25).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(200).cache()
    histories[label] = model.fit(
        train,
        validation_data=val,
        epochs=30,
        steps_per_epoch=50,
        verbose=0,
        shuffle=False,
        callbacks=[callback],
    ).history
    norms[label] = np.array(callback.norms)  # (epochs, units)

max_norm = {k: float(v.max()) for k, v in norms.items()}  # over all units and epochs
median_norm = {k: float(np.median(v[-1])) for k, v in norms.items()}
at_bound = int(np.sum(norms[f"MaxNorm({c:g})"][-1] > c * (1 - 1e-4)))
loss_over_ce = {k: h["loss"][-1] / h["ce"][-1] for k, h in histories.items()}
val_ce = {k: h["val_ce"][-1] for k, h in histories.items()}
print("model        max unit norm  median  fit loss/ce  val CE")
for k in models:
    row = f"{max_norm[k]:13.3f} {median_norm[k]:7.3f} {loss_over_ce[k]:12.4f} {val_ce[k]:7.3f}"
    print(f"{k:<12} {row}")
print(f"units (of 64) on the sphere of radius {c:g}: {at_bound}")

steps = 50 * np.arange(1, 31)
fig, axes = plt.subplots(1, 2, figsize=(5, 3.2), layout="constrained")
for (label, n), color, marker in zip(
    norms.items(), ["C0", "C1", "C2"], ["o", "s", "^"], strict=True
):
    axes[0].plot(steps, n.max(axis=1), color=color, marker=marker, ms=3, markevery=5, label=label)
    axes[1].plot(np.sort(n[-1])[::-1], color=color, marker=marker, ms=3, markevery=8)
axes[0].axhline(c, color="0.5", lw=0.8, ls=":")
axes[1].axhline(c, color="0.5", lw=0.8, ls=":")
axes[0].set(xlabel="training step", ylabel="largest unit norm", ylim=(0, None))
axes[1].set(xlabel="unit, sorted", ylabel="unit norm at the end", ylim=(0, None))
fig.legend(loc="outside upper center", ncols=3)
plt.show()
