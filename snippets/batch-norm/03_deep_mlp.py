"""A deep MLP (8 hidden layers) trained with SGD, with and without batch norm."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = load_digits(return_X_y=True)  # 8x8 digit images as 64 pixel values in [0, 16]
X, y = (X / 16.0).astype("float32"), y.astype("int32")
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.3, random_state=SEED, stratify=y
)
DEPTH, WIDTH, STEPS = 8, 64, 200


def training_batches():
    """Batches of 64, reshuffled every epoch: cache first, then shuffle and batch. A new
    dataset with the same seed gives every model the same batches in the same order."""
    return (
        tf.data.Dataset.from_tensor_slices((X_train, y_train))
        .cache()
        .shuffle(len(X_train), seed=SEED)
        .batch(64, drop_remainder=True)
        .repeat()
    )


def make_model(batch_norm, lr):
    keras.utils.set_random_seed(SEED)  # every model: the same initial Dense kernels
    layers = [keras.Input((64,))]
    for _ in range(DEPTH):
        if batch_norm:
            # BN's beta replaces the Dense bias. momentum=0.9 lets the moving statistics
            # catch up within this short run (see "failure modes" below).
            layers += [
                keras.layers.Dense(WIDTH, use_bias=False),
                keras.layers.BatchNormalization(momentum=0.9),
                keras.layers.Activation("relu"),
            ]
        else:
            layers += [keras.layers.Dense(WIDTH, activation="relu")]
    model = keras.Sequential(layers + [keras.layers.Dense(10)])
    model.compile(
        optimizer=keras.optimizers.SGD(lr),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


train_loss, val_acc, curves = {}, {}, {}
print("model            training loss   val accuracy")
for lr in [0.1, 1.0]:
    for batch_norm in [False, True]:
        label = f"{'BN' if batch_norm else 'plain'}, lr={lr}"
        model = make_model(batch_norm, lr)
        # 200 steps of batch 64, the training loss recorded every 20 steps.
        hist = model.fit(
            training_batches(), epochs=STEPS // 20, steps_per_epoch=20, verbose=0, shuffle=False
        )
        curves[label] = hist.history["loss"]
        train_loss[label] = float(hist.history["loss"][-1])
        logits = model(X_val, training=False).numpy()  # inference mode, as predict() uses
        val_acc[label] = float(np.mean(np.argmax(logits, axis=1) == y_val))
        print(f"{label:<16} {train_loss[label]:>13.3f} {val_acc[label]:>14.3f}")
for label in train_loss:
    print(f"training loss, {label}: {train_loss[label]:.3f}")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
steps = 20 * np.arange(1, STEPS // 20 + 1)
for ax, lr in zip(axes, [0.1, 1.0], strict=True):
    for name, color in [("plain", "tab:red"), ("BN", "tab:blue")]:
        c = np.nan_to_num(curves[f"{name}, lr={lr}"], nan=1e3, posinf=1e3)
        ax.plot(steps, c, "o-", color=color, label=name)
    ax.set_yscale("log")
    ax.set_ylim(5e-3, 10)
    ax.set_title(f"SGD, learning rate {lr}")
    ax.set_xlabel("training step")
    ax.legend()
axes[0].set_ylabel("training loss (cross-entropy)")
fig.tight_layout()
plt.show()
