"""Test-time augmentation: average the predictions over shifted copies of each test image."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16).astype("float32"), y.astype("int32")
X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=300, random_state=SEED)
SHIFTS = [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)]  # (rows, columns): none and 1 pixel


def shift(images, rows, cols):
    """Shift 8 x 8 images (flattened) by whole pixels, filling with zeros (background)."""
    out = np.zeros_like(images.reshape(-1, 8, 8))
    src = images.reshape(-1, 8, 8)[
        :, max(-rows, 0) : 8 - max(rows, 0), max(-cols, 0) : 8 - max(cols, 0)
    ]
    out[:, max(rows, 0) : 8 - max(-rows, 0), max(cols, 0) : 8 - max(-cols, 0)] = src
    return out.reshape(-1, 64)


def make_model():
    keras.utils.set_random_seed(SEED)  # the same initial weights for both models
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(1e-2),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        steps_per_execution=100,
    )
    return model


def fit(model, X, y):
    train = tf.data.Dataset.from_tensor_slices((X, y)).cache()
    train = train.shuffle(len(X), seed=SEED).batch(50).repeat()
    # An "epoch" here is 100 steps of 50 images; 400 steps in all.
    model.fit(train, epochs=4, steps_per_epoch=100, verbose=0, shuffle=False)
    return model


def scores(p):  # test cross-entropy and accuracy of predicted probabilities p
    ce = keras.losses.sparse_categorical_crossentropy(y_test, p)
    return float(np.mean(keras.ops.convert_to_numpy(ce))), float(np.mean(p.argmax(-1) == y_test))


# The same shifts as training augmentation: every training image and its 4 shifts.
X_aug = np.concatenate([shift(X_train, r, c) for r, c in SHIFTS])
y_aug = np.tile(y_train, len(SHIFTS))
models = {
    "plain": fit(make_model(), X_train, y_train),
    "shift-trained": fit(make_model(), X_aug, y_aug),
}
test_ce, test_acc = {}, {}
print("                   test CE         accuracy")
print("model            one    TTA      one    TTA")
for label, model in models.items():
    views = [
        keras.ops.convert_to_numpy(keras.ops.softmax(model(shift(X_test, r, c)))) for r, c in SHIFTS
    ]
    test_ce[label], test_acc[label] = {}, {}
    for name, p in [("one", views[0]), ("TTA", np.mean(views, axis=0))]:
        test_ce[label][name], test_acc[label][name] = scores(p)
    print(
        f"{label:<14}{test_ce[label]['one']:6.3f} {test_ce[label]['TTA']:6.3f}"
        f"   {test_acc[label]['one']:6.3f} {test_acc[label]['TTA']:6.3f}"
    )
