"""Validation accuracy with and without augmentation, trained on 100 digits, three runs."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
RUNS = [SEED, SEED + 1, SEED + 2]  # run i: its own 100 training images and initial weights
N_TRAIN, BATCH, STEPS, EVAL_EVERY = 100, 50, 400, 50

X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1), y.astype("int32")

# name -> (largest shift in pixels, interpolation), or None for no augmentation
CONFIGS = {"plain": None, "augmented": (1, "nearest")}


def build(name):
    """[augmentation ->] 64 pixels -> 128 ReLU -> 10 logits."""
    # Layers take their random seeds when they are created. Creating the classifier first
    # gives it the same initial weights with or without augmentation in front.
    classifier = [
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
    layers = [keras.Input((8, 8, 1))]
    if CONFIGS[name]:
        shift, interpolation = CONFIGS[name]
        layers += [
            keras.layers.RandomTranslation(
                shift / 8, shift / 8, fill_mode="constant", interpolation=interpolation
            ),
            keras.layers.RandomRotation(0.04, fill_mode="constant", interpolation=interpolation),
        ]
    model = keras.Sequential(layers + classifier)
    model.compile(
        optimizer=keras.optimizers.Adam(0.003),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        steps_per_execution=EVAL_EVERY,  # 50 steps per call into TensorFlow
    )
    return model


def reset(model, name, seed):
    """Give `model` the state of build(name) after set_random_seed(seed): weights, the
    augmentation layers' random state and the optimizer. Cheaper than a new model, which
    TensorFlow would have to trace again."""
    keras.utils.set_random_seed(seed)
    fresh = build(name)
    for m in (model, fresh):
        if not m.optimizer.built:
            m.optimizer.build(m.trainable_variables)
    for var, value in zip(model.variables, fresh.variables, strict=True):
        var.assign(value)
    for var, value in zip(model.optimizer.variables, fresh.optimizer.variables, strict=True):
        var.assign(value)


def accuracy(model, images, labels):
    logits = model(images, training=False)  # training=False: no augmentation
    return float(np.mean(np.argmax(logits, axis=1) == labels))


class ValidationAccuracy(keras.callbacks.Callback):
    """Records the validation accuracy at the end of every epoch."""

    def __init__(self, images, labels):
        super().__init__()
        self.images, self.labels, self.accuracies = images, labels, []

    def on_epoch_end(self, epoch, logs=None):
        self.accuracies.append(accuracy(self.model, self.images, self.labels))


curves = {name: [] for name in CONFIGS}  # validation accuracy every 50 steps, per run
val_acc = {name: [] for name in CONFIGS}
train_acc = {name: [] for name in CONFIGS}
first_weights = {name: [] for name in CONFIGS}
for name in CONFIGS:
    model = build(name)
    for seed in RUNS:
        X_tr, X_val, y_tr, y_val = train_test_split(
            X, y, train_size=N_TRAIN, stratify=y, random_state=seed
        )
        reset(model, name, seed)
        first_weights[name].append(float(model.layers[-2].kernel[0, 0]))  # a spot check
        train_ds = (
            tf.data.Dataset.from_tensor_slices((X_tr, y_tr))
            .cache()
            .shuffle(N_TRAIN, seed=seed)
            .batch(BATCH)
            .repeat()
        )
        # An "epoch" is 50 steps; after each, the callback measures validation accuracy.
        record = ValidationAccuracy(X_val, y_val)
        model.fit(
            train_ds,
            epochs=STEPS // EVAL_EVERY,
            steps_per_epoch=EVAL_EVERY,
            callbacks=[record],
            verbose=0,
            shuffle=False,  # the pipeline shuffles (Keras warns otherwise)
        )
        curves[name].append(record.accuracies)
        val_acc[name].append(record.accuracies[-1])
        train_acc[name].append(accuracy(model, X_tr, y_tr))

# Each run compared with the plain run on the same images and initial weights.
gain = [a - p for a, p in zip(val_acc["augmented"], val_acc["plain"], strict=True)]
print(f"{N_TRAIN} training and {len(X_val)} validation images per run")
for n in CONFIGS:
    print(f"train accuracy, {n}: {np.mean(train_acc[n]):.3f}")
    print(f"val accuracy per run, {n}:", " ".join(f"{a:.3f}" for a in val_acc[n]))
    print(f"val accuracy, {n}: {np.mean(val_acc[n]):.3f} ± {np.std(val_acc[n]):.3f}")
print("gain per run:", " ".join(f"{g:+.3f}" for g in gain))
print(f"mean gain: {np.mean(gain):+.3f}")
runs_ahead = int(np.sum(np.array(gain) > 0))
print(f"runs in which augmentation is ahead: {runs_ahead} of {len(RUNS)}")
print(f"smallest gain: {np.min(gain):+.3f}")
print(f"largest gain: {np.max(gain):+.3f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8), width_ratios=[1.4, 1])
steps = EVAL_EVERY * np.arange(1, STEPS // EVAL_EVERY + 1)
for n, color in [("plain", "tab:gray"), ("augmented", "tab:blue")]:
    c = np.array(curves[n])
    ax1.plot(steps, c.mean(axis=0), "o-", color=color, label=f"{n} (mean of {len(RUNS)})")
    ax1.fill_between(steps, c.min(axis=0), c.max(axis=0), color=color, alpha=0.2)
ax1.set_xlabel("training step (batches of 50)")
ax1.set_ylabel("validation accuracy")
ax1.set_title("Learning curves (band: lowest to highest run)")
ax1.legend(loc="lower right")
for seed, p, a in zip(RUNS, val_acc["plain"], val_acc["augmented"], strict=True):
    ax2.plot([0, 1], [p, a], "o-", label=f"run with seed {seed}")
ax2.set_xticks([0, 1], list(CONFIGS))
ax2.set_xlim(-0.4, 1.4)
ax2.set_ylabel("validation accuracy after 400 steps")
ax2.set_title("Each run, plain vs augmented")
ax2.legend()
fig.tight_layout()
plt.show()
