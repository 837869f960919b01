"""Two augmentation settings that fail on 8x8 digits: blending pixels, and shifting too far."""

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

# name -> (largest shift in pixels, interpolation). The previous snippet's augmentation
# was (1, "nearest"); its plain runs used the same images and initial weights.
CONFIGS = {"bilinear": (1, "bilinear"), "2-pixel shifts": (2, "nearest")}


def augmentation(name):
    """Random shifts of up to `shift` pixels and turns of up to 14.4 degrees."""
    shift, interpolation = CONFIGS[name]
    return [
        keras.layers.RandomTranslation(
            shift / 8, shift / 8, fill_mode="constant", interpolation=interpolation
        ),
        keras.layers.RandomRotation(0.04, fill_mode="constant", interpolation=interpolation),
    ]


def build(name):
    """augmentation -> 64 pixels -> 128 ReLU -> 10 logits."""
    # Layers take their random seeds when they are created. Creating the classifier first
    # gives it the same initial weights with or without augmentation in front.
    classifier = [
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
    layers = [keras.Input((8, 8, 1))]
    layers += augmentation(name)
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
        model.fit(
            train_ds,
            epochs=STEPS // EVAL_EVERY,
            steps_per_epoch=EVAL_EVERY,
            verbose=0,
            shuffle=False,  # the pipeline shuffles (Keras warns otherwise)
        )
        val_acc[name].append(accuracy(model, X_val, y_val))
        train_acc[name].append(accuracy(model, X_tr, y_tr))

for n in CONFIGS:
    print(f"train accuracy, {n}: {np.mean(train_acc[n]):.3f}")
    print(f"val accuracy per run, {n}:", " ".join(f"{a:.3f}" for a in val_acc[n]))
    print(f"val accuracy, {n}: {np.mean(val_acc[n]):.3f} ± {np.std(val_acc[n]):.3f}")

# What each setting makes of a few training digits (the last run's training images).
keras.utils.set_random_seed(SEED)
fig, axes = plt.subplots(3, 8, figsize=(8, 3.4))
rows = {"original": X_tr[:8]}
for n in CONFIGS:
    rows[n] = keras.Sequential([keras.Input((8, 8, 1)), *augmentation(n)])(X_tr[:8], training=True)
for r, (n, images) in enumerate(rows.items()):
    for c in range(8):
        axes[r, c].imshow(np.asarray(images[c])[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
        axes[r, c].set_xticks([])
        axes[r, c].set_yticks([])
    axes[r, 0].set_ylabel(n.replace(" ", "\n"), fontsize=8)
fig.suptitle("Training digits as the two settings present them")
fig.tight_layout()
plt.show()
