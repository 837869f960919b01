"""Memorization with explicit regularization: the same MLP on the same random labels, with
L2 on every kernel or dropout after each hidden layer."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")  # 8x8 images, pixels 0..16 scaled to [0, 1]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, train_size=300, stratify=y, random_state=SEED
)
# Random labels: the same 300 labels, shuffled, so nothing links an image to its label.
y_random = np.random.default_rng(SEED).permutation(y_train)


def make_model(l2=0.0, rate=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    reg = keras.regularizers.L2(l2) if l2 else None
    # 64 -> 256 -> 256 -> 10: ~85,000 weights for 300 images. Dropout gets a seed, so
    # that it does not change the initial weights (see the dropout page).
    layers = [keras.Input((64,))]
    for _ in range(2):
        layers.append(keras.layers.Dense(256, activation="relu", kernel_regularizer=reg))
        layers += [keras.layers.Dropout(rate, seed=SEED)] if rate else []
    layers.append(keras.layers.Dense(10, activation="softmax", kernel_regularizer=reg))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss="sparse_categorical_crossentropy",  # + the L2 penalty, if any
        metrics=["accuracy"],
        steps_per_execution=40,
    )
    return model


runs = {  # label: (training labels, make_model arguments)
    "random, L2(1e-3)": (y_random, {"l2": 1e-3}),
    "random, Dropout(0.5)": (y_random, {"rate": 0.5}),
}
train_acc, test_acc = {}, {}
for label, (labels, kwargs) in runs.items():
    model = make_model(**kwargs)
    train = tf.data.Dataset.from_tensor_slices((X_train, labels))
    train = train.cache().shuffle(300, seed=SEED).batch(100).repeat()
    # fit's own training accuracy is a running mean with dropout on; the "validation"
    # pass on the training set itself measures it in inference mode after every epoch.
    # An "epoch" here is 40 steps of 100 images; 400 steps in all.
    same_set = tf.data.Dataset.from_tensor_slices((X_train, labels)).batch(300).cache()
    history = model.fit(
        train, validation_data=same_set, epochs=10, steps_per_epoch=40, verbose=0, shuffle=False
    ).history
    train_acc[label] = history["val_accuracy"]
    test_acc[label] = model.evaluate(X_test, y_test, verbose=0, return_dict=True)["accuracy"]

steps = 40 * np.arange(1, 11)
# The first step at which every training label is fitted (None: not within 400 steps).
fitted_at = {
    k: next((s for s, a in zip(steps, v, strict=True) if a == 1.0), None)
    for k, v in train_acc.items()
}
print("run                   train acc  all fitted  test acc")
print("                      (step 200)  at step   (true labels)")
for k in runs:
    print(f"{k:<21} {train_acc[k][4]:10.3f}  {fitted_at[k]!s:>8}  {test_acc[k]:9.3f}")
