"""Explore the batch size: how far training-mode outputs stray from inference-mode ones."""

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

# The mismatch section's network with momentum 0.9, trained for 400 steps of 64.
keras.utils.set_random_seed(SEED)
layers = [keras.Input((64,))]
for _ in range(3):
    layers += [
        keras.layers.Dense(64, use_bias=False),
        keras.layers.BatchNormalization(momentum=0.9),
        keras.layers.Activation("relu"),
    ]
model = keras.Sequential([*layers, keras.layers.Dense(10)])
model.compile(
    optimizer=keras.optimizers.SGD(0.1),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    steps_per_execution=10,
)
train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
train = train.cache().shuffle(len(X_train), seed=SEED).batch(64).repeat()
model.fit(train, epochs=40, steps_per_epoch=10, verbose=0, shuffle=False)


def probabilities(logits):
    return keras.ops.convert_to_numpy(keras.ops.softmax(logits))


@tf.function(autograph=False, reduce_retracing=True)  # compiled: 500 eager calls take seconds
def batch_stats_logits(x):
    """Training-mode outputs (batch statistics) for one batch; stateless_call leaves the
    model's moving statistics as they are, where model(x, training=True) would not."""
    logits, _ = model.stateless_call(
        model.trainable_variables, model.non_trainable_variables, x, training=True
    )
    return logits


inference = probabilities(model.predict_on_batch(X_val))  # moving statistics
p_inference = inference[np.arange(len(y_val)), y_val]  # probability of the true class
acc_inference = float(np.mean(inference.argmax(1) == y_val))
order = np.random.default_rng(SEED).permutation(len(X_val))  # random batches, kept fixed

batch_sizes = [2, 4, 8, 16, 64, 256]
p_batch, acc_batch, gap = {}, {}, {}
print(f"validation accuracy, inference mode: {acc_inference:.3f}")
print("batch  accuracy, batch stats  mean |Δp(true class)|")
for b in batch_sizes:
    n = len(order) // b * b  # whole batches only: the last few examples are left out
    idx = order[:n]
    batches = np.split(idx, n // b)
    probs = np.concatenate([probabilities(batch_stats_logits(X_val[i])) for i in batches])
    p_batch[b] = probs[np.arange(n), y_val[idx]]
    acc_batch[b] = float(np.mean(probs.argmax(1) == y_val[idx]))
    gap[b] = float(np.mean(np.abs(p_batch[b] - p_inference[idx])))
    print(f"{b:>5}  {acc_batch[b]:>21.3f}  {gap[b]:>21.3f}")

for b in batch_sizes:
    idx = order[: len(p_batch[b])]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.7), layout="constrained")
    fig.set_label(str(b))  # the batch size this frame shows
    ax1.hist(p_batch[b] - p_inference[idx], bins=np.linspace(-1, 1, 41), color="C1")
    ax1.set_yscale("log")  # counts from 1 to all 540 digits
    ax1.set_ylim(0.8, len(order))
    ax1.set_title(f"batches of {b}")
    ax1.set_xlabel("Δp(true class), batch − moving")
    ax1.set_ylabel("validation digits")
    ax2.plot(batch_sizes, [gap[s] for s in batch_sizes], "-", color="C1", marker="o", ms=4)
    ax2.plot(b, gap[b], "o", color="k", ms=8, fillstyle="none")
    ax2.set_xscale("log", base=2)
    ax2.set_xticks(batch_sizes, labels=[str(s) for s in batch_sizes])
    ax2.minorticks_off()
    ax2.set_ylim(bottom=0)
    ax2.set_title("mean |Δp|")
    ax2.set_xlabel("batch size")
plt.show()
