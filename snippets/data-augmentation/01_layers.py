"""Keras augmentation layers on 8x8 digits: what they do, and when they are active."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

SEED = 0
keras.utils.set_random_seed(SEED)

X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1)  # pixel counts 0..16 -> [0, 1]
y = y.astype("int32")
print(f"keras version: {keras.__version__}")

# When is each layer active? Call it three ways on 32 digits and compare with the input.
x = X[:32]
layers = {
    "RandomTranslation": keras.layers.RandomTranslation(1 / 8, 1 / 8, fill_mode="constant"),
    "RandomRotation": keras.layers.RandomRotation(0.04, fill_mode="constant"),
    "RandomZoom": keras.layers.RandomZoom(0.2, fill_mode="constant"),
    "RandomFlip": keras.layers.RandomFlip("horizontal"),
    "RandomContrast": keras.layers.RandomContrast(0.5),
    "GaussianNoise": keras.layers.GaussianNoise(0.1),
}
calls = {"(none)": {}, "False": {}, "True": {}}  # the training argument of the call
for name, layer in layers.items():
    calls["(none)"][name] = not np.array_equal(layer(x), x)
    calls["False"][name] = not np.array_equal(layer(x, training=False), x)
    calls["True"][name] = not np.array_equal(layer(x, training=True), x)
print("changes its input? called with training=")
print(f"{'layer':<18}" + "".join(f"{c:>7}" for c in calls))
for name in layers:
    print(f"{name:<18}" + "".join(f"{'yes' if calls[c][name] else 'no':>7}" for c in calls))
# RandomContrast clips to value_range, (0, 255) by default: pixels in [0, 1] can leave it.
contrast_max = float(np.max(layers["RandomContrast"](x, training=True)))
print(f"largest pixel after RandomContrast(0.5), default value_range: {contrast_max:.2f}")

# The augmentation used on this page. Factors are fractions: of the image size for
# translation (1/8 of 8 pixels: up to one pixel each way), of a full turn for rotation
# (0.04 * 360 = up to 14.4 degrees each way). "nearest" moves whole pixels instead of
# blending neighbours; "constant" fills the uncovered border with 0.
augmentation = [
    keras.layers.RandomTranslation(1 / 8, 1 / 8, fill_mode="constant", interpolation="nearest"),
    keras.layers.RandomRotation(0.04, fill_mode="constant", interpolation="nearest"),
]

# Inside fit: a classifier with the augmentation in front, trained with a learning rate
# of 0, so its weights never change. If fit's loss differs from evaluate's loss on the
# very same batch, fit must have seen other (augmented) images. Ten epochs of that one
# batch: a new draw of shifts and turns each time.
model = keras.Sequential(
    [keras.Input((8, 8, 1)), *augmentation, keras.layers.Flatten(), keras.layers.Dense(10)]
)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.0),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
batch = tf.data.Dataset.from_tensor_slices((x, y[:32])).batch(32).cache()
fit_losses = model.fit(batch, epochs=10, verbose=0, shuffle=False).history["loss"]
evaluate_loss = model.evaluate(batch, verbose=0)
reference = model.predict(x, verbose=0)  # predict: no augmentation, as evaluate
original_loss = float(model.compute_loss(y=y[:32], y_pred=reference))
print(f"loss in fit (lr=0), 10 epochs: {min(fit_losses):.4f} to {max(fit_losses):.4f}")
print(f"loss in evaluate: {evaluate_loss:.4f}")
print(f"loss of predict's output on the original images: {original_loss:.4f}")
model_call_augments = not np.array_equal(model(x), model(x, training=False))
print(f"model(x) augments: {model_call_augments}")


def mosaic(images, cols):
    """(n, 8, 8, 1) images as one array, `cols` to a row, a blank pixel between them."""
    rows = -(-len(images) // cols)
    out = np.full((9 * rows - 1, 9 * cols - 1), np.nan)  # NaN: blank
    for i, image in enumerate(images):
        r, c = divmod(i, cols)
        out[9 * r : 9 * r + 8, 9 * c : 9 * c + 8] = image[:, :, 0]
    return out


# Figure: four digits, and six random versions of each (training=True).
picks, n_aug = [0, 2, 4, 7], 6
versions = np.repeat(X[picks], n_aug, axis=0)
for layer in augmentation:
    versions = layer(versions, training=True)
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 3), width_ratios=[1, n_aug], layout="constrained")
for ax, images, cols, title in [
    (ax1, X[picks], 1, "original"),
    (ax2, versions, n_aug, "six random versions"),
]:
    ax.imshow(mosaic(np.asarray(images), cols), cmap="gray_r", vmin=-0.15, vmax=1)  # 0: light grey
    ax.set_title(title)
    ax.axis("off")
plt.show()
