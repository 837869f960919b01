"""Calibration on load_digits for several label-smoothing strengths ε: reliability
diagrams and the expected calibration error (ECE)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16).astype("float32"), y.astype("int32")
# 400 images to train on, 400 to validate on (to pick ε), the other 997 to test on.
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=400, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, train_size=400, random_state=SEED)
K = 10


def make_model(eps):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every ε
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(K)]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(3e-3),
        # Smoothing lives in the loss only; the "ce" metric scores the hard labels.
        loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=eps),
        metrics=[keras.metrics.CategoricalCrossentropy(name="ce", from_logits=True), "accuracy"],
        steps_per_execution=50,
    )
    return model


def pipeline(X, y):
    # Integer labels made one-hot: CategoricalCrossentropy needs them so.
    ds = tf.data.Dataset.from_tensor_slices((X, np.eye(K, dtype="float32")[y]))
    return ds.cache().shuffle(len(X), seed=SEED).batch(100).repeat()  # cache, then shuffle


def calibration(probs, labels, bins=10):
    """ECE: the points are put in equal-width bins by their confidence (the top
    probability); each bin's |accuracy - mean confidence| is weighted by its share of
    the points. Also returns each bin's accuracy, mean confidence and count."""
    conf, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    which = np.minimum((conf * bins).astype(int), bins - 1)  # bin b: [b/bins, (b+1)/bins)
    count = np.bincount(which, minlength=bins)
    acc = np.bincount(which, weights=correct, minlength=bins) / np.maximum(count, 1)
    mean_conf = np.bincount(which, weights=conf, minlength=bins) / np.maximum(count, 1)
    ece = float(np.sum(count / len(labels) * np.abs(acc - mean_conf)))
    return ece, acc, mean_conf, count


def probabilities(model, X):
    # model(X) runs in inference mode, like predict, without building a predict function.
    return keras.ops.convert_to_numpy(keras.ops.softmax(model(X)))


epsilons = [0.0, 0.1, 0.3]
val_ece, test_ece, test_ce, test_acc, test_conf, train_conf, bins_of = {}, {}, {}, {}, {}, {}, {}
for eps in epsilons:
    model = make_model(eps)
    # An "epoch" here is 50 steps of 100 images; 300 steps in all.
    model.fit(
        pipeline(X_train, y_train),
        epochs=6,
        steps_per_epoch=50,
        verbose=0,
        shuffle=False,
    )
    probs = probabilities(model, X_test)
    # The un-smoothed cross-entropy and the accuracy on the test split.
    onehot = keras.ops.one_hot(y_test, K)
    test_ce[eps] = float(keras.ops.mean(keras.losses.categorical_crossentropy(onehot, probs)))
    test_acc[eps] = float((probs.argmax(axis=1) == y_test).mean())
    test_ece[eps], *bins_of[eps] = calibration(probs, y_test)
    test_conf[eps] = float(probs.max(axis=1).mean())
    train_conf[eps] = float(probabilities(model, X_train).max(axis=1).mean())
    val_ece[eps] = calibration(probabilities(model, X_val), y_val)[0]

# Test accuracy, mean confidence, ECE and cross-entropy; mean confidence on training.
print(f"{'ε':<4} {'acc':>5} {'conf':>5} {'ECE':>5} {'CE':>5} {'train':>5}")
for e in epsilons:
    print(
        f"{e:<4} {test_acc[e]:.3f} {test_conf[e]:.3f} {test_ece[e]:.3f} {test_ce[e]:.3f}"
        f" {train_conf[e]:.3f}"
    )
picked = min(epsilons, key=val_ece.get)  # chosen on validation, scored on test
print(f"picked on val ECE: {picked}, test ECE {test_ece[picked]:.3f}")

edges = np.linspace(0, 1, 11)
for e in epsilons:
    acc, mean_conf, count = bins_of[e]
    color, filled = ("C1" if e else "C0"), count > 0
    fig, (ax, ax_n) = plt.subplots(
        2, 1, figsize=(5, 4), sharex=True, height_ratios=[3, 1], layout="constrained"
    )
    fig.set_label(str(e))
    ax.bar(edges[:-1][filled], acc[filled], width=0.1, align="edge", color=color, alpha=0.7)
    ax.plot(mean_conf[filled], acc[filled], "o", color="black", ms=4)
    ax.plot([0, 1], [0, 1], ":", color="gray")
    ax.set_ylim(0, 1)
    ax.set_xlim(0, 1)
    ax.set_ylabel("test accuracy in bin")
    ax.set_title(f"ε = {e}: test ECE {test_ece[e]:.3f}")
    ax_n.bar(edges[:-1], count / count.sum(), width=0.1, align="edge", color=color)
    ax_n.set_ylim(0, 1)
    ax_n.set_ylabel("share")
    ax_n.set_xlabel("confidence (top probability), 10 bins")
plt.show()
