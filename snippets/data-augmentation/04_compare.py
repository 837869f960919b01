"""Validation accuracy with and without augmentation, trained on 100 digits."""

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


models = {"plain": make_model(), "augmented": make_model(shift=1)}
same_start = all(
    np.array_equal(a, b)
    for a, b in zip(models["plain"].get_weights(), models["augmented"].get_weights(), strict=True)
)
print(f"same initial weights: {same_start}")
histories = {name: fit(model) for name, model in models.items()}
# Training accuracy on the original images: evaluate runs the model in inference mode,
# so the augmentation layers pass the images through unchanged.
train_acc = {
    name: model.evaluate(X_train, y_train, verbose=0, return_dict=True)["accuracy"]
    for name, model in models.items()
}
val_acc = {name: h["val_accuracy"][-1] for name, h in histories.items()}
print("model      train acc  val acc  val CE")
for name, h in histories.items():
    print(f"{name:<9}  {train_acc[name]:9.3f}  {val_acc[name]:7.3f}  {h['val_ce'][-1]:6.3f}")

# fit's training accuracy is measured on the images the model trained on: augmented ones
# for the augmented model.
fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
steps = 50 * np.arange(1, 9)
for (name, h), color, marker in zip(histories.items(), ["C0", "C1"], ["o", "s"], strict=True):
    ax.plot(steps, h["accuracy"], color=color, marker=marker, label=f"{name}, training (fit)")
    ax.plot(steps, h["val_accuracy"], "--", color=color, marker=marker, label=f"{name}, validation")
ax.set_xlabel("training step (batches of 50)")
ax.set_ylabel("accuracy")
fig.legend(loc="outside upper center", ncols=2)
plt.show()
