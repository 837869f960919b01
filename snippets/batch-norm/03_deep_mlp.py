"""A deep MLP (8 hidden layers) trained with SGD, with and without batch norm."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)  # 8x8 digit images as 64 pixel values in [0, 16]
X, y = (X / 16.0).astype("float32"), y.astype("int32")
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.3, random_state=SEED, stratify=y
)


def make_model(batch_norm, lr):
    keras.utils.set_random_seed(SEED)  # every model: the same initial Dense kernels
    layers = [keras.Input((64,))]
    for _ in range(8):
        if batch_norm:
            # BN's beta replaces the Dense bias. momentum=0.9 lets the moving statistics
            # catch up within this short run (see "failure modes" below).
            layers += [
                keras.layers.Dense(64, use_bias=False),
                keras.layers.BatchNormalization(momentum=0.9),
                keras.layers.Activation("relu"),
            ]
        else:
            layers += [keras.layers.Dense(64, activation="relu")]
    model = keras.Sequential([*layers, keras.layers.Dense(10)])
    ce = keras.metrics.SparseCategoricalCrossentropy(name="ce", from_logits=True)
    model.compile(
        optimizer=keras.optimizers.SGD(lr),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[ce, "accuracy"],
        steps_per_execution=20,
    )
    return model


def fit(model):
    # A new pipeline per model, cached before the shuffle: every model sees the same
    # batches of 64. An "epoch" here is 20 steps; 10 epochs are 200 steps, 10 passes.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(64).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    return model.fit(
        train,
        validation_data=val,  # evaluated in inference mode, after the last epoch only
        validation_freq=10,
        epochs=10,
        steps_per_epoch=20,
        verbose=0,
        shuffle=False,
    ).history


histories = {
    f"{name}, lr={lr}": fit(make_model(name == "BN", lr))
    for lr in [0.1, 1.0]
    for name in ["plain", "BN"]
}
train_ce = {k: h["ce"][-1] for k, h in histories.items()}
val_acc = {k: h["val_accuracy"][-1] for k, h in histories.items()}
print("after 200 steps  training CE  val accuracy")
for k in histories:
    print(f"{k:<15} {train_ce[k]:>12.3f} {val_acc[k]:>13.3f}")

fig, axes = plt.subplots(1, 2, figsize=(5, 3.2), layout="constrained", sharey=True)
steps = 20 * np.arange(1, 11)
for ax, lr in zip(axes, [0.1, 1.0], strict=True):
    for name, color, marker in [("plain", "C0", "o"), ("BN", "C1", "s")]:
        h = histories[f"{name}, lr={lr}"]
        ax.plot(steps, h["ce"], "-", color=color, marker=marker, label=name)
    ax.set_yscale("log")
    ax.set_title(f"learning rate {lr}")
    ax.set_xticks([50, 100, 150, 200])
    ax.set_xlabel("training step")
axes[0].set_ylabel("training cross-entropy")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()
