"""Choosing patience on a noisy, mini-batch validation curve: where each patience stops."""

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
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(150).cache()


def make_train_ds():  # mini-batches of 10, reshuffled every epoch: noisy updates
    ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache()
    return ds.shuffle(150, seed=SEED).batch(10).repeat()


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
        optimizer=keras.optimizers.Adam(0.003),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce")],
    )
    return model


fit_args = dict(validation_data=val_ds, steps_per_epoch=15, verbose=0, shuffle=False)
initial_weights = make_model().get_weights()

# 1) One run of 50 epochs (one epoch = one pass over the 150 training points), no stopping.
model = make_model()
model.set_weights(initial_weights)
history = model.fit(make_train_ds(), epochs=50, **fit_args).history
val = np.array(history["val_ce"])
best_overall = int(np.argmin(val))
rises_before_best = int(np.sum(np.diff(val[: best_overall + 1]) > 0))
print(f"lowest val CE of the run: {val.min():.3f} at epoch {best_overall}")
print(f"epochs whose val CE rose before that: {rises_before_best}")


# 2) The callback decides from the logged values only, so replaying the logged curve through
# it gives the epoch at which EarlyStopping(patience=p) would stop this same run.
def replay(curve, patience):
    es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=patience)
    es.set_model(model)
    es.on_train_begin()
    for epoch, value in enumerate(curve):
        es.on_epoch_end(epoch, {"val_ce": value})
        if model.stop_training:
            break
    model.stop_training = False
    return epoch, es.best_epoch, es.stopped_epoch > 0


patiences = [0, 1, 2, 3, 5, 10, 20]
sweep = {p: replay(val, p) for p in patiences}
stop_epoch = {p: s[0] for p, s in sweep.items()}
best_epoch = {p: s[1] for p, s in sweep.items()}
val_restored = {p: float(val[best_epoch[p]]) for p in patiences}
val_last = {p: float(val[stop_epoch[p]]) for p in patiences}
print("\npatience  stops after epoch  best_epoch  val CE restored  val CE not restored")
for p in patiences:
    note = "" if sweep[p][2] else "  (never stopped: ran all 50)"
    print(
        f"{p:>8} {stop_epoch[p]:>18} {best_epoch[p]:>11} {val_restored[p]:>16.3f} "
        f"{val_last[p]:>20.3f}{note}"
    )
print(f"\nval CE restored, patience 1: {val_restored[1]:.3f}")
print(f"val CE restored, patience 10: {val_restored[10]:.3f}")

# 3) Check the replay against a real run with the callback (same start, same batches).
check = make_model()
check.set_weights(initial_weights)
es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=1, restore_best_weights=True)
check.fit(make_train_ds(), epochs=50, callbacks=[es], **fit_args)
real_stop, real_best = es.stopped_epoch, es.best_epoch
print(f"real EarlyStopping(patience=1): stopped_epoch {real_stop}, best_epoch {real_best}")
print(f"replay of the logged curve:     stopped_epoch {stop_epoch[1]}, best_epoch {best_epoch[1]}")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), gridspec_kw={"width_ratios": [1.4, 1]})
ax = axes[0]
ax.plot(history["ce"], color="tab:blue", alpha=0.6, label="training CE")
ax.plot(val, color="tab:orange", label="validation CE")
for i, p in enumerate(patiences):
    ax.plot(stop_epoch[p], val[stop_epoch[p]], "v", color=plt.cm.viridis(i / len(patiences)))
    ax.annotate(
        f"p={p}",
        (stop_epoch[p], val[stop_epoch[p]]),
        xytext=(0, 6 + 9 * (i % 2)),
        textcoords="offset points",
        ha="center",
        fontsize=7,
    )
ax.set_xlabel("epoch (0-based)")
ax.set_ylabel("binary cross-entropy")
ax.set_title("Mini-batch run: where each patience stops")
ax.legend(fontsize=8)
ax = axes[1]
positions = np.arange(len(patiences))  # evenly spaced, labelled with the patience
ax.plot(positions, [val_restored[p] for p in patiences], "o-", label="restore_best_weights=True")
ax.plot(positions, [val_last[p] for p in patiences], "s--", label="restore_best_weights=False")
ax.axhline(val.min(), color="0.5", linewidth=0.8, label="lowest val CE of the run")
ax.set_xticks(positions, [str(p) for p in patiences])
ax.set_xlabel("patience (epochs)")
ax.set_ylabel("validation CE of the returned model")
ax.set_title("Validation CE vs patience")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
