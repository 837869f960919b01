"""Train/inference mismatch: early on, the moving statistics lag behind."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32"), y.astype("int32")
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.3, random_state=SEED, stratify=y
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
    model = keras.Sequential([*layers, keras.layers.Dense(10)])
    ce = keras.metrics.SparseCategoricalCrossentropy(name="ce", from_logits=True)
    model.compile(
        optimizer=keras.optimizers.SGD(0.1),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[ce, "accuracy"],
        steps_per_execution=10,
    )
    return model


def batch_stats_logits(model, x):
    """The model's output in training mode (batch statistics). stateless_call returns the
    updated moving statistics instead of assigning them, so the model is left unchanged;
    model(x, training=True) would overwrite them."""
    logits, _ = model.stateless_call(
        model.trainable_variables, model.non_trainable_variables, x, training=True
    )
    return logits


# An "epoch" here is 10 steps of 64; both accuracies are measured after these epochs only.
CHECKPOINTS = [1, 2, 5, 10, 20, 40]  # after 10, 20, 50, 100, 200 and 400 steps


class BatchStatsAccuracy(keras.callbacks.Callback):
    """Validation accuracy with batch statistics, at the checkpoints."""

    def on_train_begin(self, logs=None):
        self.values = []

    def on_epoch_end(self, epoch, logs=None):
        if epoch + 1 in CHECKPOINTS:
            logits = batch_stats_logits(self.model, X_val)
            acc = keras.metrics.sparse_categorical_accuracy(y_val, logits)
            self.values.append(float(keras.ops.mean(acc)))


def fit(model):
    # A new pipeline per model, cached before the shuffle: both models see the same batches.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(64).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    probe = BatchStatsAccuracy()
    history = model.fit(
        train,
        validation_data=val,  # evaluated in inference mode, with the moving statistics
        validation_freq=CHECKPOINTS,
        epochs=40,
        steps_per_epoch=10,
        verbose=0,
        shuffle=False,
        callbacks=[probe],
    ).history
    return history["val_accuracy"], probe.values


steps = [10 * epoch for epoch in CHECKPOINTS]
models, inference, batch_stats = {}, {}, {}
for momentum in [0.99, 0.9]:
    models[momentum] = make_model(momentum)
    inference[momentum], batch_stats[momentum] = fit(models[momentum])
# momentum changes only the moving statistics, not training: same weights, same curve.
batch_stats_diff = float(np.max(np.abs(np.subtract(batch_stats[0.99], batch_stats[0.9]))))
gap = {m: np.subtract(batch_stats[m], inference[m]).tolist() for m in inference}

print("validation accuracy")
print("steps  momentum 0.99  momentum 0.9  batch stats  0.99^steps")
for i in range(len(steps)):
    print(
        f"{steps[i]:>5}  {inference[0.99][i]:>13.3f}  {inference[0.9][i]:>12.3f}"
        f"  {batch_stats[0.99][i]:>11.3f}  {0.99 ** steps[i]:>10.2f}"
    )
print(f"batch stats, momentum 0.99 vs 0.9, max difference: {batch_stats_diff:.3f}")
print(f"gap after 20 steps: {gap[0.99][1]:.3f} (momentum 0.99), {gap[0.9][1]:.3f} (0.9)")
print(f"gap after 400 steps: {gap[0.99][-1]:.3f} (momentum 0.99), {gap[0.9][-1]:.3f} (0.9)")

# Training mode one example at a time: each "batch" is a single example, so every BN
# layer outputs its beta and the prediction no longer depends on the input.
one_by_one = [batch_stats_logits(models[0.9], X_val[i : i + 1]) for i in range(50)]
distinct_predictions = len({int(keras.ops.argmax(logits[0])) for logits in one_by_one})
print(f"distinct predictions, training mode, one example at a time: {distinct_predictions}")

fig, ax = plt.subplots(figsize=(5, 3.4), layout="constrained")
# Batch statistics as a wide pale band, so that a curve that reaches it stays visible on it.
ax.plot(steps, batch_stats[0.99], color="0.45", lw=7, alpha=0.35, label="batch statistics")
for m, color, marker in [(0.99, "C1", "s"), (0.9, "C2", "^")]:
    label = f"moving statistics, momentum {m}"
    ax.plot(steps, inference[m], "--", color=color, marker=marker, label=label)
ax.set_xscale("log")
ax.set_xticks(steps, labels=[str(t) for t in steps])
ax.minorticks_off()
ax.set_xlabel("training steps")
ax.set_ylabel("validation accuracy")
ax.legend(loc="lower right")
plt.show()
