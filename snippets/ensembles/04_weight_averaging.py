"""Averaging weights (SWA) against averaging predictions: snapshots of one run, and two
independent runs."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16).astype("float32"), y.astype("int32")
# 300 images to train on, the other 1,497 to test on (nothing is chosen on them).
X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=300, random_state=SEED)


def make_model(run):
    keras.utils.set_random_seed(SEED + 100 * run)  # two runs: two seeds
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
    )
    model.compile(
        # A constant, high learning rate: SWA's setting (Izmailov et al., 2018).
        optimizer=keras.optimizers.SGD(0.1, momentum=0.9),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        steps_per_execution=25,
    )
    return model


class Snapshots(keras.callbacks.Callback):
    """The weights at the end of each of the last `n` epochs."""

    def __init__(self, n):
        super().__init__()
        self.n, self.weights = n, []

    def on_epoch_end(self, epoch, logs=None):
        if epoch >= self.params["epochs"] - self.n:
            self.weights.append(self.model.get_weights())


def fit(model, run):
    snapshots = Snapshots(8)
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache()
    train = train.shuffle(len(X_train), seed=SEED + 100 * run).batch(10).repeat()
    # Small batches make the weights wander: an "epoch" here is 25 steps of 10 images;
    # 400 steps in all, the weights at the end of each of the last 8 epochs kept.
    model.fit(train, epochs=16, steps_per_epoch=25, verbose=0, shuffle=False, callbacks=[snapshots])
    return model, snapshots.weights


def probabilities(model, weights):
    model.set_weights(weights)
    return keras.ops.convert_to_numpy(keras.ops.softmax(model(X_test)))


def scores(p):  # test cross-entropy and accuracy of predicted probabilities p
    ce = keras.losses.sparse_categorical_crossentropy(y_test, p)
    return float(np.mean(keras.ops.convert_to_numpy(ce))), float(np.mean(p.argmax(-1) == y_test))


def mean_weights(list_of_weights):
    return [np.mean(arrays, axis=0) for arrays in zip(*list_of_weights, strict=True)]


model, snaps = fit(make_model(0), 0)
model_b, snaps_b = fit(make_model(1), 1)
results = {
    "final weights": scores(probabilities(model, snaps[-1])),
    "SWA: mean of 8 snapshots' weights": scores(probabilities(model, mean_weights(snaps))),
    "mean of 8 snapshots' predictions": scores(
        np.mean([probabilities(model, w) for w in snaps], axis=0)
    ),
    "run B, final weights": scores(probabilities(model, snaps_b[-1])),
    "mean of runs A and B's weights": scores(
        probabilities(model, mean_weights([snaps[-1], snaps_b[-1]]))
    ),
    "mean of runs A and B's predictions": scores(
        (probabilities(model, snaps[-1]) + probabilities(model, snaps_b[-1])) / 2
    ),
}
print(f"{'run A (and B), 300 training images':<35} test CE  accuracy")
for label, (ce, acc) in results.items():
    print(f"{label:<35} {ce:7.3f}  {acc:8.3f}")
test_ce = {label: ce for label, (ce, _) in results.items()}
test_acc = {label: acc for label, (_, acc) in results.items()}
