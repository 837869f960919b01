"""One training run with EarlyStopping: where it stops, the best epoch, and what the model holds."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(150).cache()


def make_model():
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
        metrics=[keras.metrics.BinaryCrossentropy(name="ce")],  # no penalty in a metric
    )
    return model


# The same initial weights and the same data order for both settings.
initial_weights = make_model().get_weights()
models, callbacks, histories = {}, {}, {}
for restore in [False, True]:
    model = make_model()
    model.set_weights(initial_weights)
    es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=10, restore_best_weights=restore)
    # An "epoch" is 5 full-batch steps here: the callback checks once per epoch.
    fit = model.fit(
        train_ds,
        validation_data=val_ds,
        epochs=100,
        steps_per_epoch=5,
        verbose=0,
        shuffle=False,
        callbacks=[es],
    )
    models[restore], callbacks[restore], histories[restore] = model, es, fit.history

same_run = bool(np.array_equal(histories[False]["val_ce"], histories[True]["val_ce"]))
es = callbacks[True]
logged_val_ce = np.array(histories[True]["val_ce"])
epochs_run = len(logged_val_ce)
stopped_epoch, best_epoch = es.stopped_epoch, es.best_epoch
val_ce = {r: models[r].evaluate(val_ds, verbose=0, return_dict=True)["ce"] for r in models}
rises_before_best = int(np.sum(np.diff(logged_val_ce[: best_epoch + 1]) > 0))
print(f"both runs logged identical curves: {same_run}")
print(f"epochs run: {epochs_run}")
print(f"stopped_epoch: {stopped_epoch}")
print(f"best_epoch: {best_epoch}")
print(f"epochs whose val CE rose before best_epoch: {rises_before_best}")
print(f"logged val CE at best_epoch: {logged_val_ce[best_epoch]:.4f}")
print(f"logged val CE at the last epoch: {logged_val_ce[-1]:.4f}")
print(f"evaluate() after fit, restore_best_weights=False: {val_ce[False]:.4f}")
print(f"evaluate() after fit, restore_best_weights=True: {val_ce[True]:.4f}")
print(f"val CE given away without restoring: {val_ce[False] - val_ce[True]:.4f}")

fig, ax = plt.subplots(figsize=(8, 3.8))
epochs = np.arange(epochs_run)
ax.plot(epochs, histories[True]["ce"], color="tab:blue", label="training CE")
ax.plot(epochs, logged_val_ce, color="tab:orange", label="validation CE")
ax.axvspan(best_epoch, stopped_epoch, color="0.9", label=f"patience window ({es.patience} epochs)")
ax.axvline(best_epoch, color="tab:green", linestyle="--", label=f"best_epoch = {best_epoch}")
ax.axvline(stopped_epoch, color="tab:red", linestyle=":", label=f"stopped_epoch = {stopped_epoch}")
ax.plot(best_epoch, val_ce[True], "o", color="tab:green", ms=9, label="restore_best_weights=True")
ax.plot(
    stopped_epoch, val_ce[False], "s", color="tab:red", ms=8, label="restore_best_weights=False"
)
ax.set_xlabel("epoch (0-based, as Keras counts best_epoch and stopped_epoch)")
ax.set_ylabel("binary cross-entropy")
ax.set_title("Where EarlyStopping(patience=10) stops, and what the model holds")
ax.legend(fontsize=8, loc="upper right")
fig.tight_layout()
plt.show()
