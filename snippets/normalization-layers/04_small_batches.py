"""Batch norm vs layer norm in an MLP trained with batches of 2 and of 32."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32"), y.astype("int32")
# 1024 training digits: a whole number of batches of 2 and of 32, so none is partial.
X_train, X_val, y_train, y_val = train_test_split(
    X, y, train_size=1024, random_state=SEED, stratify=y
)
NORMS = {
    "BN": lambda: keras.layers.BatchNormalization(momentum=0.9),
    "LN": lambda: keras.layers.LayerNormalization(),
}


def make_model(norm):
    keras.utils.set_random_seed(SEED)  # the same initial kernels for BN and LN
    layers = [keras.Input((64,))]
    for _ in range(3):
        layers += [keras.layers.Dense(64, use_bias=False), NORMS[norm]()]
        layers += [keras.layers.Activation("relu")]
    model = keras.Sequential([*layers, keras.layers.Dense(10)])
    model.compile(
        optimizer=keras.optimizers.SGD(0.05),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[
            keras.metrics.SparseCategoricalCrossentropy(name="ce", from_logits=True),
            "accuracy",
        ],
        steps_per_execution=50,
    )
    return model


def fit(model, batch_size):
    # A new pipeline per model, cached before the shuffle: BN and LN see the same
    # batches. An "epoch" here is 100 steps, whatever the batch size.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(batch_size).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(256).cache()
    return model.fit(
        train, validation_data=val, epochs=3, steps_per_epoch=100, verbose=0, shuffle=False
    ).history


train_ce, val_acc = {}, {}
print(f"{'300 SGD steps':<14} {'training CE':>11} {'val accuracy':>12}")
for batch_size in [2, 32]:
    for norm in NORMS:
        label = f"{norm}, batch {batch_size}"
        history = fit(make_model(norm), batch_size)
        # Training CE: the last epoch's mean, in training mode (BN on batch statistics).
        # Validation accuracy: evaluated in inference mode (BN on moving statistics).
        train_ce[label] = history["ce"][-1]
        val_acc[label] = history["val_accuracy"][-1]
        print(f"{label:<14} {train_ce[label]:>11.3f} {val_acc[label]:>12.3f}")

fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
x = np.arange(2)
for i, (norm, hatch) in enumerate([("BN", ""), ("LN", "//")]):
    heights = [val_acc[f"{norm}, batch {b}"] for b in (2, 32)]
    bars = ax.bar(x + (i - 0.5) * 0.38, heights, 0.38, color=f"C{i}", hatch=hatch, label=norm)
    ax.bar_label(bars, fmt="%.2f", padding=2)
ax.axhline(0.1, color="0.3", linewidth=1, linestyle=(0, (1, 2)), label="chance")
ax.set_xticks(x, ["batches of 2", "batches of 32"])
ax.set_ylim(0, 1.08)
ax.set_ylabel("validation accuracy")
ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
plt.show()
