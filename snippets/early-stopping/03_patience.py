"""Choosing patience on a noisy, mini-batch validation curve: where each patience stops."""

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
        optimizer=keras.optimizers.Adam(0.006),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=15,
    )
    return model


def fit(model, callbacks):
    # A new pipeline per model, cached before the shuffle: every model sees the same
    # batches. Mini-batches of 10, reshuffled every pass over the data; an "epoch" here
    # is 15 steps, half a pass.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(300, seed=SEED).batch(10).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(400).cache()
    return model.fit(
        train,
        validation_data=val,
        epochs=50,
        steps_per_epoch=15,
        callbacks=callbacks,
        verbose=0,
        shuffle=False,
    ).history


# 1) One run of 50 epochs without stopping, keeping each epoch's weights.
model = make_model()
weights = []  # weights[e]: the weights at the end of epoch e
keep = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda e, logs: weights.append(model.get_weights())
)
history = fit(model, [keep])
val = history["val_ce"]
lowest = int(np.argmin(val))
rises_before_lowest = int(np.sum(np.diff(val[: lowest + 1]) > 0))
print(f"lowest val CE: {min(val):.3f} at epoch {lowest}")
print(f"epochs whose val CE rose before that: {rises_before_lowest}")


# 2) The callback decides from the logged values alone, so replaying the logged curve
# through it gives the epoch at which EarlyStopping(patience=p) ends this same run, and
# the epoch it restores.
def replay(curve, patience):
    es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=patience)
    es.set_model(model)
    es.on_train_begin()
    for epoch, value in enumerate(curve):
        es.on_epoch_end(epoch, {"val_ce": value})
        if model.stop_training:
            break
    model.stop_training = False
    return epoch, es.best_epoch


test_ds = tf.data.Dataset.from_tensor_slices((X_test, y_test)).batch(500).cache()


def test_ce_at(epoch):  # the test CE of the weights the model had at the end of `epoch`
    model.set_weights(weights[epoch])
    return model.evaluate(test_ds, verbose=0, return_dict=True)["ce"]


patiences = [0, 1, 2, 3, 5, 10, 20]
last_epoch, best_epoch, test_restored, test_last = {}, {}, {}, {}
for p in patiences:
    last_epoch[p], best_epoch[p] = replay(val, p)
    test_restored[p], test_last[p] = test_ce_at(best_epoch[p]), test_ce_at(last_epoch[p])
val_restored = {p: val[best_epoch[p]] for p in patiences}
print(f"\n{'':8}{'last':>6}{'best':>6}{'val CE':>10}{'test CE':>10}{'test CE':>12}")
print(f"{'patience':8}{'epoch':>6}{'epoch':>6}{'restored':>10}{'restored':>10}{'not restored':>13}")
for p in patiences:
    print(
        f"{p:>8}{last_epoch[p]:>6}{best_epoch[p]:>6}{val_restored[p]:>10.3f}"
        f"{test_restored[p]:>10.3f}{test_last[p]:>12.3f}"
    )
print("(last epoch 49: the callback never stopped the run)")

# 3) Check the replay against a real run with the callback: same start, same batches.
check = make_model()
es = keras.callbacks.EarlyStopping(monitor="val_ce", patience=1, restore_best_weights=True)
fit(check, [es])
real = {"stopped_epoch": es.stopped_epoch, "best_epoch": es.best_epoch}
real["test CE"] = check.evaluate(test_ds, verbose=0, return_dict=True)["ce"]
print(
    f"\nreal fit, patience=1: stopped {real['stopped_epoch']}, "
    f"best {real['best_epoch']}, test CE {real['test CE']:.3f}"
)

fig, ax = plt.subplots(figsize=(5, 3.4), layout="constrained")
ax.plot(val, color="C0", linestyle="--", label="validation CE")
shown = [1, 3, 10]
stops = [last_epoch[p] for p in shown]
ax.plot(stops, [val[e] for e in stops], "v", color="C1", ms=8, label="stop, patience p")
for p in shown:
    ax.annotate(
        f"p={p}", (last_epoch[p], val[last_epoch[p]]), xytext=(0, 8), textcoords="offset points"
    )
ax.set_xlabel("epoch (0-based)")
ax.set_ylabel("validation cross-entropy")
fig.legend(loc="outside lower center", ncols=2)

fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
positions = np.arange(len(patiences))  # evenly spaced, labelled with the patience
ax.plot(positions, list(test_restored.values()), "o:", color="C1", label="best weights restored")
ax.plot(positions, list(test_last.values()), "s:", color="C0", label="not restored")
ax.set_xticks(positions, [str(p) for p in patiences])
ax.set_xlabel("patience (epochs)")
ax.set_ylabel("test CE of the returned model")
fig.legend(loc="outside lower center", ncols=2)
plt.show()
