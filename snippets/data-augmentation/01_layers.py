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
print(f"images: {X.shape}, pixel range [{X.min()}, {X.max()}]")
print(f"keras version: {keras.__version__}")

# Factors are fractions: of the image size for translation (1/8 of 8 pixels = up to one
# pixel each way), of a full turn for rotation (0.04 * 360 = up to 14.4 degrees each way).
# "nearest" moves whole pixels instead of blending neighbours; "constant" fills with 0.
augment = keras.Sequential(
    [
        keras.Input((8, 8, 1)),
        keras.layers.RandomTranslation(1 / 8, 1 / 8, fill_mode="constant", interpolation="nearest"),
        keras.layers.RandomRotation(0.04, fill_mode="constant", interpolation="nearest"),
    ],
    name="augment",
)

# When does the augmentation run? Compare each output with its input.
x = X[:32]
unchanged = {
    "augment(x, training=True)": np.array_equal(augment(x, training=True), x),
    "augment(x, training=False)": np.array_equal(augment(x, training=False), x),
    "augment(x), no training argument": np.array_equal(augment(x), x),
    "augment.predict(x)": np.array_equal(augment.predict(x, verbose=0), x),
}
for call, same in unchanged.items():
    print(f"{call}: {'input unchanged' if same else 'AUGMENTED'}")

# Inside fit: a classifier with the augmentation in front, trained with a learning rate
# of 0, so its weights never change. If fit's loss differs from evaluate's loss on the
# very same batch, fit must have seen different (augmented) images. Ten epochs of that
# one batch: a new draw of shifts and turns each time.
model = keras.Sequential(
    [keras.Input((8, 8, 1)), augment, keras.layers.Flatten(), keras.layers.Dense(10)]
)
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.0),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
batch = tf.data.Dataset.from_tensor_slices((x, y[:32])).batch(32).cache()
fit_losses = model.fit(batch, epochs=10, verbose=0, shuffle=False).history["loss"]
evaluate_loss = model.evaluate(batch, verbose=0)
logits = model(x, training=False)
by_hand = float(np.mean(keras.losses.sparse_categorical_crossentropy(y[:32], logits, True)))
print("loss in fit (lr=0), each epoch:", " ".join(f"{v:.4f}" for v in fit_losses))
print(f"lowest loss in fit: {min(fit_losses):.4f}")
print(f"highest loss in fit: {max(fit_losses):.4f}")
print(f"loss in evaluate: {evaluate_loss:.4f}")
print(f"loss on the original images: {by_hand:.4f}")

# Figure: each row is one digit, then six random versions of it.
n_aug = 6
fig, axes = plt.subplots(4, n_aug + 1, figsize=(8, 4.8))
for row, i in enumerate([0, 2, 4, 7]):
    versions = augment(np.repeat(X[i : i + 1], n_aug, axis=0), training=True)
    for col in range(n_aug + 1):
        ax = axes[row, col]
        img = X[i] if col == 0 else np.asarray(versions[col - 1])
        ax.imshow(img[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"original {y[i]}" if col == 0 else f"augmented {col}", fontsize=8)
fig.suptitle("Random shifts of up to 1 pixel and turns of up to 14° (training=True)")
fig.tight_layout()
plt.show()
