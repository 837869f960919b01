# %% [markdown]
# # Regularization showdown
#
# Nine techniques from this guide, each added on its own to the same small network,
# on a problem where that network clearly overfits: scikit-learn's handwritten digits,
# with only 200 training images, each label replaced at random with probability 0.2.
# Where a technique has a strength (six of them do), it is chosen on a validation set
# from a grid of two values, by the method of [tuning the strength](../../tuning/), and
# only the chosen model is scored on the test set. The table at the end gives each
# technique's gain in test accuracy over the plain network on the same split and seed;
# the claims at the end are checked on ten seeds, that is, on ten different splits.

# %% [markdown]
# ## Setup
#
# Everything random (data split, label noise, initial weights, dropout masks, noise,
# augmentations, batch order) is derived from `SEED`.

# %%
"""Regularization showdown: techniques of the guide, tuned on validation, on noisy digits."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0

# %% [markdown]
# ## The data
#
# `load_digits` holds 1797 grayscale images of 8 × 8 pixels with values 0 to 16, ten
# classes. We scale the pixels to [0, 1] and draw 200 images for
# training and 300 for validation (stratified, so every class appears in proportion);
# the other 1297 are the test set. In the training and validation sets, the label of
# each image is replaced, with probability `LABEL_NOISE = 0.2`, by a class drawn at
# random (which is the right one a tenth of the time): labels collected by people
# contain such mistakes. The test labels are left clean, so that test accuracy
# measures how often the network names the digit actually drawn. Labels are one-hot
# vectors, as label smoothing and `CategoricalCrossentropy` need.

# %%
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32"), y.astype("int32")
N_TRAIN, N_VAL = 200, 300
LABEL_NOISE = 0.2


X_tr, X_rest, y_tr, y_rest = train_test_split(
    X, y, train_size=N_TRAIN, stratify=y, random_state=SEED
)
X_va, X_te, y_va, y_te = train_test_split(
    X_rest, y_rest, train_size=N_VAL, stratify=y_rest, random_state=SEED
)
rng = np.random.default_rng(SEED)


def add_label_noise(labels):
    """Each label replaced, with probability LABEL_NOISE, by a random class."""
    replace = rng.random(len(labels)) < LABEL_NOISE
    return np.where(replace, rng.integers(0, 10, len(labels)), labels)


one_hot = np.eye(10, dtype="float32")
Y_tr, Y_va = one_hot[add_label_noise(y_tr)], one_hot[add_label_noise(y_va)]
Y_te = one_hot[y_te]  # clean
wrong_train_labels = float(np.mean(Y_tr.argmax(1) != y_tr))
print(f"wrong training labels: {wrong_train_labels:.1%}")
print(f"{N_TRAIN} train, {N_VAL} validation, {len(X) - N_TRAIN - N_VAL} test images")

# %% [markdown]
# ## Data augmentation for 8 × 8 images
#
# Augmentation layers sit at the start of the model and are active only during
# training: `fit` calls the model with `training=True`, `evaluate` and `predict` with
# `training=False`, which passes images through unchanged. A direct call `model(x)`
# without `training=` is the trap: in the installed Keras (3.15) these random image
# layers default to `training=True` and augment (unlike `Dropout`, which defaults to
# inference), so pass `training=False` to a model that contains them, as the cell
# below checks. On 8 × 8 images
# one pixel is an eighth of the width, so the shifts are kept below one pixel:
# `RandomTranslation(1/16, 1/16)` moves an image by up to half a pixel in each
# direction (with bilinear interpolation) and `RandomRotation(10/360)` turns it by up to
# 10 degrees. The figure shows six training images and what the model sees of them in
# one training step.


# %%
def augmentation_layers():
    """New augmentation layers: flat 64-pixel rows in, flat rows out."""
    return [
        keras.layers.Reshape((8, 8, 1)),
        keras.layers.RandomTranslation(1 / 16, 1 / 16, fill_mode="constant"),
        keras.layers.RandomRotation(10 / 360, fill_mode="constant"),
        keras.layers.Flatten(),
    ]


keras.utils.set_random_seed(SEED)
examples = X_tr[:6]
augment = keras.Sequential([keras.Input((64,)), *augmentation_layers()])
augmented = np.asarray(augment(examples, training=True))
# Without training=, the layers augment: only training=False gives the images back.
plain_call_augments = not np.allclose(augment(examples), examples)
inference_is_identity = bool(np.allclose(augment(examples, training=False), examples))
print(f"augment(x) changes the images: {plain_call_augments}")
print(f"augment(x, training=False) leaves them: {inference_is_identity}")
# One image: the originals in the top row, their augmented versions below, 1-pixel gaps.
mosaic = np.ones((17, 6 * 9 - 1))
for i in range(6):
    mosaic[:8, 9 * i : 9 * i + 8] = examples[i].reshape(8, 8)
    mosaic[9:, 9 * i : 9 * i + 8] = augmented[i].reshape(8, 8)
fig, ax = plt.subplots(figsize=(5, 1.9), layout="constrained")
ax.imshow(1 - mosaic, cmap="gray", vmin=0, vmax=1)  # dark ink on white
ax.set_xticks([])
ax.set_yticks([3.5, 12.5], ["original", "augmented"])
ax.tick_params(length=0)
for side in ax.spines.values():
    side.set_visible(False)
plt.show()

# %% [markdown]
# <!-- figures
# 1. Six handwritten digits as 8 by 8 pixel images: the original training images in the
#    top row and, below each, the same image after a random shift of up to half a pixel
#    and a rotation of up to 10 degrees.
# -->
#
# ## The contenders
#
# The base network is 64 inputs → 256 ReLU units → 10 logits, trained with Adam
# (learning rate 0.005) for 150 full-batch steps: every step sees all 200 training
# images. Each configuration changes it in one way, with the strengths in the grid:
#
# - **plain**: nothing added.
# - **AdamW**: `AdamW(weight_decay=...)` instead of Adam, decoupled weight decay, with
#   the biases excluded from the decay ([L2 and weight decay](../../l2-weight-decay/)).
# - **dropout**: `Dropout(rate)` after the hidden layer ([dropout](../../dropout/)).
# - **augmentation**: the two augmentation layers above, one setting
#   ([data augmentation](../../data-augmentation/)).
# - **mixup**: `MixUp(alpha)` mapped over the training pipeline, which replaces each
#   training batch by blends of pairs of its images and of their one-hot labels, with
#   mixing weights drawn from Beta(α, α); validation and test images are never mixed
#   ([mixup and CutMix](../../mixup-cutmix/)). The grid holds Keras' default α = 0.2
#   (a value Zhang et al. used on ImageNet) and α = 1 (their CIFAR-10 value:
#   uniform mixing weights).
# - **batch norm**: `BatchNormalization(momentum=0.9)` between the hidden Dense layer
#   and its ReLU, no strength ([batch normalization](../../batch-norm/)).
# - **label smoothing**: the loss is `CategoricalCrossentropy(label_smoothing=ε)`
#   ([label smoothing](../../label-smoothing/)).
# - **input noise**: `GaussianNoise(stddev)` on the inputs, active only in training
#   ([noise injection](../../noise-injection/)).
# - **max-norm**: `MaxNorm(max_value)` as the `kernel_constraint` of both Dense
#   layers, which rescales each unit's incoming weight vector to at most that length
#   after every step ([weight constraints](../../weight-constraints/)).
# - **early stopping**: the plain network with
#   `EarlyStopping(monitor="val_ce", patience=4, restore_best_weights=True)`: training
#   stops once the validation cross-entropy has not improved for 4 epochs of 15 steps,
#   and the weights of the best epoch are restored
#   ([early stopping](../../early-stopping/)).
#
# A note on AdamW: at every step, before the Adam update, Keras' `AdamW` multiplies
# each decayed weight by 1 − learning rate × `weight_decay`. With a learning rate of
# 0.005 and 150 steps, the default `weight_decay=0.004` would shrink the weights by a
# fraction of a percent in total (the first line printed below), hence the larger
# values in the grid. A note on batch norm: at inference the layer normalizes with
# moving averages of the batch statistics, updated as
# `moving × momentum + batch × (1 − momentum)` at every step; with the default
# `momentum=0.99`, after 150 steps the initial values (mean 0, variance 1) would keep a
# weight of 0.99¹⁵⁰ (printed below); with `momentum=0.9`, 0.9¹⁵⁰ is negligible.

# %%
STEPS = 10 * 15  # epochs × steps per epoch, as in the training loop below
# AdamW multiplies every decayed weight by 1 - learning rate × weight_decay at every step.
default_decay_shrink = 1 - (1 - 0.005 * 0.004) ** STEPS
print(f"shrink at weight_decay=0.004: {default_decay_shrink:.2%}")
# BatchNormalization keeps a weight of momentum**steps on its initial moving averages.
initial_weight = {"0.99": 0.99**STEPS, "0.9": 0.9**STEPS}
for momentum, weight in initial_weight.items():
    print(f"initial weight, momentum={momentum}: {weight:.2g}")

# %% [markdown]
# The grids, and the network they share. `make_model` reseeds before it builds
# anything, and creates the Dense layers before the layers that draw random numbers (a
# layer like `Dropout` takes a seed from the same generator when it is created, unless
# it is given one): in a given run, every configuration's Dense layers start from the
# same initial weights. Every model tracks the plain cross-entropy against the one-hot
# labels as a metric named `ce` (for label smoothing, the loss is the cross-entropy
# against the smoothed labels, so the two differ), and its accuracy.

# %%
GRIDS = {
    "plain": [{}],
    "AdamW": [{"weight_decay": 0.3}, {"weight_decay": 3.0}],
    "dropout": [{"dropout": 0.25}, {"dropout": 0.5}],
    "augmentation": [{"augment": True}],
    "mixup": [{"mixup": 0.2}, {"mixup": 1.0}],
    "batch norm": [{"batch_norm": True}],
    "label smoothing": [{"smoothing": 0.1}, {"smoothing": 0.3}],
    "input noise": [{"noise": 0.2}, {"noise": 0.4}],
    "max-norm": [{"max_norm": 1.0}, {"max_norm": 2.0}],
    "early stopping": [{"early_stopping": True}],
}
TECHNIQUES = [name for name in GRIDS if name != "plain"]


def make_model(
    seed,
    weight_decay=None,
    dropout=0.0,
    augment=False,
    batch_norm=False,
    smoothing=0.0,
    noise=0.0,
    max_norm=None,
    early_stopping=False,  # a callback of fit, not part of the model
    mixup=0.0,  # a map on fit's training pipeline, not part of the model
):
    """The 64-256-10 network of one configuration, built from the seed."""
    keras.utils.set_random_seed(seed)  # the same initial weights for every configuration
    constraint = keras.constraints.MaxNorm(max_norm) if max_norm else None
    # The Dense layers first, then the layers that draw random numbers (see above).
    hidden = keras.layers.Dense(256, use_bias=not batch_norm, kernel_constraint=constraint)
    logits = keras.layers.Dense(10, kernel_constraint=constraint)
    layers = [keras.Input((64,))]
    if noise:
        layers.append(keras.layers.GaussianNoise(noise))
    layers += [*(augmentation_layers() if augment else []), hidden]
    if batch_norm:  # between the Dense layer and its ReLU; it has its own shift (beta)
        layers.append(keras.layers.BatchNormalization(momentum=0.9))
    layers.append(keras.layers.Activation("relu"))
    if dropout:
        layers.append(keras.layers.Dropout(dropout))
    model = keras.Sequential([*layers, logits])
    if weight_decay:
        optimizer = keras.optimizers.AdamW(0.005, weight_decay=weight_decay)
        optimizer.exclude_from_weight_decay(var_names=["bias"])
    else:
        optimizer = keras.optimizers.Adam(0.005)
    ce = keras.metrics.CategoricalCrossentropy(name="ce", from_logits=True)
    model.compile(
        optimizer=optimizer,
        loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=smoothing),
        metrics=[ce, "accuracy"],
        steps_per_execution=15,  # 15 training steps per call into TensorFlow
    )
    return model


n_weights = make_model(SEED).count_params()
print(f"{n_weights} weights in the base network")

# %% [markdown]
# ## Training, choosing on validation, testing once
#
# Every configuration builds a new model and a new input pipeline and trains for up
# to 150 steps, with the validation scores measured every epoch of 15 steps. In each
# technique's grid, the model with the lowest final validation cross-entropy is chosen
# (for early stopping, the restored weights are the final ones), and only that model is
# evaluated on the test set.


# %%
def fit(model, early_stopping=False, mixup=0.0):
    """Train a new model (with mixup of strength alpha=mixup if it is set); return its
    history."""
    # A new pipeline per model, cached before the shuffle. Every step takes the whole
    # training set as one batch; an "epoch" is 15 steps.
    train_ds = tf.data.Dataset.from_tensor_slices((X_tr, Y_tr)).cache()
    train_ds = train_ds.shuffle(len(X_tr), seed=SEED).batch(len(X_tr))
    if mixup:
        mixer = keras.layers.MixUp(alpha=mixup, seed=SEED)

        @tf.autograph.experimental.do_not_convert  # plain tensor code: no AutoGraph needed
        def mix_batch(images, labels):
            """One batch in, the same batch mixed. MixUp blends image tensors (batch,
            height, width, channels): the flat rows go in as 8 × 8 × 1 and come back."""
            mixed = mixer({"images": tf.reshape(images, (-1, 8, 8, 1)), "labels": labels})
            return tf.reshape(mixed["images"], (-1, 64)), mixed["labels"]

        train_ds = train_ds.map(mix_batch)
    train_ds = train_ds.repeat()
    val_ds = tf.data.Dataset.from_tensor_slices((X_va, Y_va)).batch(len(X_va)).cache()
    stop = keras.callbacks.EarlyStopping(monitor="val_ce", patience=4, restore_best_weights=True)
    history = model.fit(
        train_ds,
        validation_data=val_ds,
        epochs=10,
        steps_per_epoch=15,
        callbacks=[stop] if early_stopping else [],
        verbose=0,
        shuffle=False,
    )
    return history.history


histories, chosen, test_acc = {}, {}, {}
for name, grid in GRIDS.items():
    val_ce = {}  # the final validation CE of each setting in the grid
    for i, setting in enumerate(grid):
        model = make_model(SEED, **setting)
        stops = setting.get("early_stopping", False)
        history = fit(model, early_stopping=stops, mixup=setting.get("mixup", 0.0))
        # With early stopping, the final weights are those of the best epoch.
        val_ce[i] = min(history["val_ce"]) if stops else history["val_ce"][-1]
        if val_ce[i] == min(val_ce.values()):  # the best so far: keep it
            histories[name], chosen[name], best_model = history, setting, model
    # The test set, once per technique: only the chosen model is evaluated on it.
    test = best_model.evaluate(X_te, Y_te, batch_size=len(X_te), verbose=0, return_dict=True)
    test_acc[name] = test["accuracy"]

# %% [markdown]
# ## The plain network overfits
#
# The figure shows the plain network's training and validation cross-entropy at the
# end of each epoch: the validation cross-entropy turns around and rises while the
# training cross-entropy keeps falling, as the network learns the wrong labels by
# heart. Below: its lowest and final validation cross-entropy, and its final accuracy
# on the (noisy) training labels.

# %%
plain = histories["plain"]
plain_val_ce = {"lowest": min(plain["val_ce"]), "final": plain["val_ce"][-1]}
print(f"plain: val CE lowest {plain_val_ce['lowest']:.3f}, final {plain_val_ce['final']:.3f}")
print(f"plain: training accuracy (noisy labels) {plain['accuracy'][-1]:.3f}")

fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
steps = 15 * np.arange(1, len(plain["ce"]) + 1)  # at the end of each epoch
ax.plot(steps, plain["ce"], "-o", color="C0", ms=4, label="training")
ax.plot(steps, plain["val_ce"], "--s", color="C0", ms=4, label="validation")
ax.set_xlabel("training step")
ax.set_ylabel("cross-entropy")
ax.set_ylim(0, None)
ax.legend()
plt.show()

# %% [markdown]
# <!-- figures
# 1. Line chart of the plain network's training and validation cross-entropy against
#    the training step: the training curve falls towards zero while the
#    validation curve reaches its lowest point early and then climbs.
# -->
#
# ## Results
#
# For each technique, the setting chosen on validation (where there was a grid), the
# test accuracy of the chosen model, and its gain over the plain network's, in
# percentage points, on the same split and from the same initial weights.

# %%
gain = {n: 100 * (test_acc[n] - test_acc["plain"]) for n in TECHNIQUES}  # points
print(f"{'':<16}{'chosen':>7}{'test acc':>9}{'gain':>6}")
print(f"{'plain':<16}{'':>7}{test_acc['plain']:>9.3f}")
for name in TECHNIQUES:
    setting = f"{next(iter(chosen[name].values())):g}" if len(GRIDS[name]) > 1 else ""
    print(f"{name:<16}{setting:>7}{test_acc[name]:>9.3f}{gain[name]:>+6.1f}")
early_stop_epochs = len(histories["early stopping"]["loss"])
print(f"early stopping: {early_stop_epochs} epochs of 10")

fig, ax = plt.subplots(figsize=(5, 3.7), layout="constrained")
names = TECHNIQUES[::-1]
ax.barh(names, [gain[n] for n in names], color="C1", alpha=0.8)
ax.axvline(0, color="C0", linewidth=1.5)
ax.set_xlabel("test accuracy minus plain's (percentage points)")
plt.show()

# %% [markdown]
# <!-- figures
# 1. Horizontal bar chart of each technique's test accuracy minus the plain network's,
#    in percentage points, with a vertical line at zero.
# -->
#
# ## What the results show
#
# - **The plain network overfits**: its validation cross-entropy ends more than a
#   quarter above its lowest value, and it fits more than nineteen in twenty of its
#   training labels although more than one in ten of them is wrong: it has learned
#   wrong labels by heart.
# - **Early stopping stops early**: it ends training before the tenth epoch and keeps
#   the weights of the epoch with the lowest validation cross-entropy.
# - **Every technique but augmentation helped on every seed**: on each of the ten
#   seeds the claims audit checks, each one raised the test accuracy above the plain
#   network's by more than a point. Augmentation's gain depends on the seed. The
#   [home page](../../) sums up by how much.
#
# Each seed is one split and one training run, and one small data set with noisy
# labels is one setting: the claims above are checked by tests that re-run this lab
# with ten values of `SEED` (see *Checked claims* at the end), but they say nothing
# about other data, networks or grids. Where a technique's chosen strength is at the
# edge of its grid (printed in the table), a wider grid might do better still.
