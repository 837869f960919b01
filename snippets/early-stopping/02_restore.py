"""One run with EarlyStopping: where it stops, the best epoch, and what the model holds."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=1200, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# 300 points to train on, 400 to choose the epoch, 500 to test the choice.
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=300, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, train_size=400, random_state=SEED)


def make_model():
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
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
    return model


def fit(model, callbacks):
    # A new pipeline per model, cached before the shuffle: every model sees the same
    # batches. Full batch: an "epoch" here is 5 steps on all 300 training points.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(300, seed=SEED).batch(300).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(400).cache()
    return model.fit(
        train,
        validation_data=val,
        epochs=100,
        steps_per_epoch=5,
        callbacks=callbacks,
        verbose=0,
        shuffle=False,
    ).history


val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(400)
test_ds = tf.data.Dataset.from_tensor_slices((X_test, y_test)).batch(500)
histories, val_scores, test_scores = {}, {}, {}
for restore in [False, True]:
    model = make_model()
    # monitor the un-penalized metric; mode="auto" knows that cross-entropy goes down
    es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=10, restore_best_weights=restore)
    histories[str(restore)] = fit(model, [es])
    val_scores[str(restore)] = model.evaluate(val_ds, verbose=0, return_dict=True)
    test_scores[str(restore)] = model.evaluate(test_ds, verbose=0, return_dict=True)

same_run = histories["False"]["val_ce"] == histories["True"]["val_ce"]
logged_val_ce = histories["True"]["val_ce"]
epochs_run = len(logged_val_ce)
best_epoch, stopped_epoch = es.best_epoch, es.stopped_epoch  # the same in both runs
rises_before_best = int(np.sum(np.diff(logged_val_ce[: best_epoch + 1]) > 0))
print(f"both runs logged the same curve: {same_run}")
print(f"epochs run: {epochs_run}, best_epoch: {best_epoch}, stopped_epoch: {stopped_epoch}")
print(f"epochs whose val CE rose before best_epoch: {rises_before_best}")
print()
print("after fit            restore_best_weights=")
print("                           False      True")
for label, scores, key in [
    ("val CE, evaluate()", val_scores, "ce"),
    ("test CE", test_scores, "ce"),
    ("test accuracy", test_scores, "accuracy"),
]:
    print(f"{label:<20}{scores['False'][key]:>11.4f}{scores['True'][key]:>10.4f}")

fig, ax = plt.subplots(figsize=(5, 3.8), layout="constrained")
epochs = np.arange(epochs_run)
ax.plot(epochs, histories["True"]["ce"], color="C0", label="training CE")
ax.plot(epochs, logged_val_ce, color="C0", linestyle="--", label="validation CE")
ax.axvspan(best_epoch, stopped_epoch, color="C0", alpha=0.12, linewidth=0)
ax.annotate(
    f"patience: {es.patience} epochs",
    ((best_epoch + stopped_epoch) / 2, 0.97),
    xycoords=("data", "axes fraction"),
    ha="center",
    va="top",
)
# What the model returned by fit() scores on the validation data, with and without restoring.
ax.plot(best_epoch, val_scores["True"]["ce"], "o", color="C1", ms=8, label="after fit, restored")
ax.plot(
    stopped_epoch, val_scores["False"]["ce"], "s", color="C0", ms=7, label="after fit, not restored"
)
ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
ax.set_xlabel("epoch (0-based, as best_epoch and stopped_epoch)")
ax.set_ylabel("cross-entropy")
ax.set_title("EarlyStopping(monitor='val_ce', patience=10)")
fig.legend(loc="outside lower center", ncols=2)
plt.show()
