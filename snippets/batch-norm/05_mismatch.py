"""Train/inference mismatch: early on, the moving statistics lag behind."""

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


def training_batches():
    """Batches of 64, reshuffled every epoch (cache first, then shuffle and batch); the
    same batches, in the same order, for both models."""
    return (
        tf.data.Dataset.from_tensor_slices((X_train, y_train))
        .cache()
        .shuffle(len(X_train), seed=SEED)
        .batch(64, drop_remainder=True)
        .repeat()
    )


def make_model(momentum):
    keras.utils.set_random_seed(SEED)  # both models start from the same weights
    layers = [keras.Input((64,))]
    for _ in range(3):
        layers += [
            keras.layers.Dense(64, use_bias=False),
            keras.layers.BatchNormalization(momentum=momentum),
            keras.layers.Activation("relu"),
        ]
    model = keras.Sequential(layers + [keras.layers.Dense(10)])
    model.compile(
        optimizer=keras.optimizers.SGD(0.1),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


def accuracy(logits):
    return float(np.mean(np.argmax(logits, axis=1) == y_val))


def training_mode_accuracy(model, x):
    # Calling a model with training=True UPDATES the BN moving statistics: save and
    # restore them so that measuring does not change the model.
    saved = [v.numpy() for v in model.non_trainable_variables]
    acc = accuracy(model(x, training=True).numpy())
    for v, s in zip(model.non_trainable_variables, saved, strict=True):
        v.assign(s)
    return acc


class Probe(keras.callbacks.Callback):
    """At a few training steps, validation accuracy in inference and in training mode."""

    def __init__(self, checkpoints):
        super().__init__()
        self.checkpoints = checkpoints
        self.inference, self.training_mode = [], []

    def on_train_batch_end(self, batch, logs=None):
        if batch + 1 in self.checkpoints:  # batch counts from 0 within the epoch
            self.inference.append(accuracy(self.model(X_val, training=False).numpy()))
            self.training_mode.append(training_mode_accuracy(self.model, X_val))


checkpoints = [5, 10, 20, 50, 100, 200, 400]
curves = {}
for momentum in [0.99, 0.9]:
    model = make_model(momentum)
    probe = Probe(checkpoints)
    model.fit(
        training_batches(),
        epochs=1,
        steps_per_epoch=400,
        verbose=0,
        shuffle=False,
        callbacks=[probe],
    )
    curves[momentum] = {"inference": probe.inference, "training mode": probe.training_mode}
    print(f"momentum {momentum}:")
    for step, a_inf, a_tr in zip(checkpoints, probe.inference, probe.training_mode, strict=True):
        left = momentum**step  # the weight the moving averages still give their initial values
        print(
            f"  after {step:>3} steps: val accuracy, inference {a_inf:.3f} | "
            f"training mode {a_tr:.3f} | momentum^steps {left:.2f}"
        )
gap = {
    m: [t - i for i, t in zip(c["inference"], c["training mode"], strict=True)]
    for m, c in curves.items()
}
print(f"gap after 20 steps, momentum 0.99: {gap[0.99][2]:.3f}")
print(f"gap after 20 steps, momentum 0.9: {gap[0.9][2]:.3f}")
print(f"gap after 400 steps, momentum 0.99: {gap[0.99][-1]:.3f}")

# Evaluating one example at a time in training mode: each "batch" is a single example,
# so every BN layer outputs beta and the prediction no longer depends on the input.
one_by_one = np.concatenate([model(X_val[i : i + 1], training=True).numpy() for i in range(50)])
distinct_predictions = int(len(np.unique(np.argmax(one_by_one, axis=1))))
print(f"distinct predictions, training=True one example at a time: {distinct_predictions}")

fig, ax = plt.subplots(figsize=(7, 3.8))
for (m, c), color in zip(curves.items(), ["tab:blue", "tab:orange"], strict=True):
    ax.plot(
        checkpoints, c["training mode"], "--", color=color, label=f"momentum {m}, training mode"
    )
    ax.plot(checkpoints, c["inference"], "o-", color=color, label=f"momentum {m}, inference")
ax.set_xscale("log")
ax.set_xticks(checkpoints, labels=[str(c) for c in checkpoints])
ax.set_xlabel("training steps")
ax.set_ylabel("validation accuracy")
ax.set_title("Batch statistics vs moving statistics early in training")
ax.legend()
fig.tight_layout()
plt.show()
