"""Pitfall: fit(validation_split=f) holds out the last f of the arrays as given, unshuffled."""

import textwrap

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)  # 1,797 images of 8x8 pixels, digits 0-9
X = (X / 16).astype("float32")  # pixel values 0-16 -> 0-1: a fixed scale, nothing fitted
order = np.argsort(y, kind="stable")  # sorted by class, as read from one folder per class
X, y = X[order], y[order]

keras.utils.set_random_seed(SEED)
model = keras.Sequential(
    [
        keras.Input((64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="sparse_categorical_crossentropy",
    metrics=[keras.metrics.SparseCategoricalCrossentropy(name="ce"), "accuracy"],
    steps_per_execution=23,  # 23 batches of 64 are one pass over the 1,437 training rows
)
# NumPy arrays, not a tf.data pipeline: validation_split accepts arrays only. fit holds
# out the last 20% of the rows as given; shuffle=True (the default) shuffles the other
# 80% each epoch, and the held-out rows are the same in every epoch.
history = model.fit(X, y, validation_split=0.2, epochs=10, batch_size=64, verbose=0)
n_val = len(X) - int(len(X) * 0.8)
last_rows = model.evaluate(X[-n_val:], y[-n_val:], batch_size=64, verbose=0, return_dict=True)
fit_val = {k: history.history[f"val_{k}"][-1] for k in ("ce", "accuracy")}
train_acc = history.history["accuracy"][-1]
print(f"digits in the last {n_val} rows: {np.unique(y[-n_val:])}")
print(f"training accuracy: {train_acc:.3f}")
print(f"           fit's validation  last {n_val} rows")
for k in fit_val:
    print(f"{k:<9} {fit_val[k]:17.4f}  {last_rows[k]:13.4f}")

# The fix: a shuffled split, stratified by class, passed as validation_data.
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=SEED
)
print(f"validation images per digit, stratified split:\n{np.bincount(y_val)}")

# A tf.data.Dataset cannot be split: fit raises before it trains.
ds = tf.data.Dataset.from_tensor_slices((X, y)).batch(64)
try:
    model.fit(ds, validation_split=0.2, verbose=0)
except ValueError as err:
    dataset_error = str(err).split(".")[0]
    print(textwrap.fill(f"fit(dataset, validation_split=0.2): ValueError: {dataset_error}", 58))
