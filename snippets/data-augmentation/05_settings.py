"""Two augmentation settings that fail on 8x8 digits: blending pixels, and shifting too far."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1), y.astype("int32")
# 100 training images, 10 of each digit; the other 1697 validate.
X_train, X_val, y_train, y_val = train_test_split(
    X, y, train_size=100, stratify=y, random_state=SEED
)


def make_model(shift=0, interpolation="nearest"):
    """[shifts of up to `shift` pixels and turns of up to 14.4 degrees ->]
    64 pixels -> 128 ReLU -> 10 logits."""
    keras.utils.set_random_seed(SEED)  # the same initial weights with or without
    augmentation = []
    if shift:
        # Explicit seeds: a layer created without one takes a seed from the random source
        # of the initializers, and the classifier's initial weights would change.
        augmentation = [
            keras.layers.RandomTranslation(
                shift / 8, shift / 8, fill_mode="constant", interpolation=interpolation, seed=SEED
            ),
            keras.layers.RandomRotation(
                0.04, fill_mode="constant", interpolation=interpolation, seed=SEED + 1
            ),
        ]
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            *augmentation,
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.003),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[
            keras.metrics.SparseCategoricalCrossentropy(name="ce", from_logits=True),
            "accuracy",
        ],
        steps_per_execution=50,
    )
    return model


def fit(model):
    # A new pipeline per model, cached before the shuffle: both models see the same
    # batches. An "epoch" here is 50 steps of 50 images, 25 passes over the data.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(50).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    return model.fit(
        train, validation_data=val, epochs=8, steps_per_epoch=50, verbose=0, shuffle=False
    ).history


# The previous snippet's augmentation was make_model(shift=1); these differ in one
# setting each, and start from the same initial weights.
models = {"bilinear": make_model(1, "bilinear"), "2-pixel shifts": make_model(shift=2)}
histories = {name: fit(model) for name, model in models.items()}
train_acc = {  # on the original images: evaluate runs in inference mode
    name: model.evaluate(X_train, y_train, verbose=0, return_dict=True)["accuracy"]
    for name, model in models.items()
}
val_acc = {name: h["val_accuracy"][-1] for name, h in histories.items()}
print("setting         train acc  val acc")
for name in models:
    print(f"{name:<14}  {train_acc[name]:9.3f}  {val_acc[name]:7.3f}")

# What each setting makes of eight training digits (training=True: augmentation on).
rows = {"original": X_train[:8]}
for name, model in models.items():
    images = X_train[:8]
    for layer in model.layers[:2]:  # the two augmentation layers
        images = layer(images, training=True)
    rows[name] = np.asarray(images)
fig, axes = plt.subplots(3, 1, figsize=(5, 3.2), layout="constrained")
for ax, (name, images) in zip(axes, rows.items(), strict=True):
    strip = np.full((8, 9 * 8 - 1), np.nan)  # eight digits side by side, NaN: blank
    for c in range(8):
        strip[:, 9 * c : 9 * c + 8] = images[c, :, :, 0]
    ax.imshow(strip, cmap="gray_r", vmin=-0.15, vmax=1)  # 0: light grey
    ax.set_title(name, loc="left")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.spines[:].set_visible(False)
plt.show()
