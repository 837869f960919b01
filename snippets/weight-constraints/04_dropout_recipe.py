"""The dropout paper's recipe on digits: dropout, a 10x learning rate, momentum, MaxNorm(3)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")  # pixel values 0-16 -> 0-1
X_train, X_val, y_train, y_val = train_test_split(
    X, y, train_size=600, random_state=SEED, stratify=y
)


def make_model(learning_rate, constraint=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    hidden = [
        keras.layers.Dense(128, activation="relu", kernel_constraint=constraint) for _ in range(2)
    ]
    output = keras.layers.Dense(10, activation="softmax")
    # Dropout as in Srivastava et al. (2014): keep 0.8 of the inputs, 0.5 of the hidden
    # units. Seeded, so that the Dropout layers do not change the initial weights.
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dropout(0.2, seed=SEED),
            hidden[0],
            keras.layers.Dropout(0.5, seed=SEED),
            hidden[1],
            keras.layers.Dropout(0.5, seed=SEED),
            output,
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate, momentum=0.95),
        loss="sparse_categorical_crossentropy",
        metrics=[keras.metrics.SparseCategoricalCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


runs = {"SGD(0.01)": (0.01, None), "SGD(0.1)": (0.1, None)}
runs["SGD(0.1) + MaxNorm(3)"] = (0.1, keras.constraints.MaxNorm(3))
histories, max_unit_norm, dead = {}, {}, {}
for label, (lr, constraint) in runs.items():
    model = make_model(lr, constraint)
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(50).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    # An "epoch" here is 100 steps of 50 digits; 800 steps in all.
    histories[label] = model.fit(
        train, validation_data=val, epochs=8, steps_per_epoch=100, verbose=0, shuffle=False
    ).history
    kernels = [model.layers[i].kernel.numpy() for i in (1, 3)]  # the hidden layers
    max_unit_norm[label] = max(float(np.linalg.norm(k, axis=0).max()) for k in kernels)
    # The first hidden layer on the validation digits (the Dropout before it is off): a
    # unit that outputs 0 for every digit is dead, a ReLU stuck below 0.
    first_hidden = model.layers[1](X_val).numpy()
    dead[label] = float(np.mean(first_hidden.max(axis=0) == 0))

val_acc = {k: h["val_accuracy"][-1] for k, h in histories.items()}
val_ce = {k: h["val_ce"][-1] for k, h in histories.items()}
print("run                    val acc  val CE  max norm  dead units")
for k in runs:
    print(f"{k:<22} {val_acc[k]:7.3f} {val_ce[k]:7.3f} {max_unit_norm[k]:9.2f} {dead[k]:11.0%}")

steps = 100 * np.arange(1, 9)
fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
for (label, h), color, marker in zip(
    histories.items(), ["C0", "C2", "C1"], ["o", "^", "s"], strict=True
):
    ax.plot(steps, h["val_accuracy"], "--", color=color, marker=marker, ms=4, label=label)
ax.set(xlabel="training step", ylabel="validation accuracy", ylim=(0, 1))
ax.legend(loc="lower right")
plt.show()
