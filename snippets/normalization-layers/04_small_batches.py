"""Batch norm vs layer norm in an MLP trained with batches of 2 and of 32."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32"), y.astype("int32")
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.3, random_state=SEED, stratify=y
)


def make_model(norm):
    layers = [keras.Input((64,))]
    for _ in range(3):
        layers += [
            keras.layers.Dense(64, use_bias=False),
            keras.layers.BatchNormalization(momentum=0.9)
            if norm == "BN"
            else keras.layers.LayerNormalization(),
            keras.layers.Activation("relu"),
        ]
    model = keras.Sequential(layers + [keras.layers.Dense(10)])
    model.compile(
        optimizer=keras.optimizers.SGD(0.05),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


def make_dataset(batch_size):
    """Cache first, then shuffle: a new order every epoch. A new dataset with the same
    seed gives both networks the same batches in the same order."""
    return (
        tf.data.Dataset.from_tensor_slices((X_train, y_train))
        .cache()
        .shuffle(len(X_train), seed=SEED)
        .batch(batch_size, drop_remainder=True)
        .repeat()
    )


train_loss, val_acc = {}, {}
for batch_size in [2, 32]:
    for norm in ["BN", "LN"]:
        label = f"{norm}, batch {batch_size}"
        keras.utils.set_random_seed(SEED)  # BN and LN: the same initial kernels and batches
        model = make_model(norm)
        hist = model.fit(
            make_dataset(batch_size), epochs=3, steps_per_epoch=100, verbose=0, shuffle=False
        )
        train_loss[label] = float(hist.history["loss"][-1])
        logits = model(X_val, training=False).numpy()  # inference mode
        val_acc[label] = float(np.mean(np.argmax(logits, axis=1) == y_val))
        print(f"training loss, {label}: {train_loss[label]:.3f}")
        print(f"val accuracy, {label}: {val_acc[label]:.3f}")

fig, ax = plt.subplots(figsize=(7, 3.4))
labels = list(val_acc)
colors = ["tab:blue" if k.startswith("BN") else "tab:green" for k in labels]
ax.bar(labels, [val_acc[k] for k in labels], color=colors)
for i, k in enumerate(labels):
    ax.text(i, val_acc[k] + 0.02, f"{val_acc[k]:.2f}", ha="center")
ax.axhline(0.1, color="k", lw=0.8, ls=":", label="chance (10 classes)")
ax.set_ylim(0, 1.1)
ax.set_ylabel("validation accuracy")
ax.set_title("300 SGD steps: batch norm vs layer norm at batch sizes 2 and 32")
ax.legend(loc="upper left")
plt.show()
