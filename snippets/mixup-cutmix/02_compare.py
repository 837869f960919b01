"""Mixup and CutMix on 100 training digits: a small CNN trained with each, and without."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1)
Y = np.eye(10, dtype="float32")[y]  # one-hot: mixing needs labels it can average
# 100 training images, 10 of each digit; the other 1697 validate.
X_train, X_val, Y_train, Y_val = train_test_split(
    X, Y, train_size=100, stratify=y, random_state=SEED
)
EPOCHS, STEPS = 12, 50  # an "epoch" here is 50 steps of 50 images: 25 passes over the data


def make_model():
    """Two 3x3 convolutions -> global average pooling -> 10 logits."""
    keras.utils.set_random_seed(SEED)  # the same initial weights for every variant
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
            keras.layers.Dense(10),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.003),
        loss=keras.losses.CategoricalCrossentropy(from_logits=True),
        metrics=[
            keras.metrics.CategoricalCrossentropy(name="ce", from_logits=True),
            "accuracy",
        ],
        steps_per_execution=STEPS,
    )
    return model


def fit(model, mixer=None):
    # A new pipeline per model, cached before the shuffle: every variant sees the same
    # batches. The mixer acts on whole batches, so it is mapped after batch().
    train = tf.data.Dataset.from_tensor_slices((X_train, Y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(50, drop_remainder=True)
    if mixer is not None:

        @tf.autograph.experimental.do_not_convert  # no source for AutoGraph when pasted
        def mix_batch(images, labels):
            """One batch in, the same batch mixed: images and labels together."""
            mixed = mixer({"images": images, "labels": labels})
            return mixed["images"], mixed["labels"]

        train = train.map(mix_batch)
    val = tf.data.Dataset.from_tensor_slices((X_val, Y_val)).batch(len(X_val)).cache()
    return model.fit(
        train.repeat(),
        validation_data=val,  # never mixed: evaluate runs on the real images and labels
        epochs=EPOCHS,
        steps_per_epoch=STEPS,
        verbose=0,
        shuffle=False,
    ).history


mixers = {
    "plain": None,
    "MixUp(0.2)": keras.layers.MixUp(alpha=0.2, seed=SEED),
    "MixUp(4)": keras.layers.MixUp(alpha=4.0, seed=SEED),
    "CutMix": keras.layers.CutMix(factor=(1.0, 1.0), seed=SEED),  # alpha = 1, as in the paper
}
models = {name: make_model() for name in mixers}
histories = {name: fit(models[name], mixer) for name, mixer in mixers.items()}
first_acc = {name: h["val_accuracy"][0] for name, h in histories.items()}
val_acc = {name: h["val_accuracy"][-1] for name, h in histories.items()}
val_ce = {name: h["val_ce"][-1] for name, h in histories.items()}
# fit's training metrics are measured on the mixed batches against the mixed labels;
# evaluate scores the final weights on the real training images and labels.
fit_acc = {name: h["accuracy"][-1] for name, h in histories.items()}
fit_ce = {name: h["ce"][-1] for name, h in histories.items()}
clean = {
    name: m.evaluate(X_train, Y_train, verbose=0, return_dict=True) for name, m in models.items()
}
train_acc = {name: r["accuracy"] for name, r in clean.items()}
train_ce = {name: r["ce"] for name, r in clean.items()}
print("          validation accuracy       training CE")
print(f"variant   @{STEPS} steps  @{EPOCHS * STEPS}  val CE   fit's  real")
for name in mixers:
    print(
        f"{name:<10} {first_acc[name]:6.3f}  {val_acc[name]:6.3f}  {val_ce[name]:6.3f}"
        f"  {fit_ce[name]:5.3f}  {train_ce[name]:5.3f}"
    )

steps = STEPS * np.arange(1, EPOCHS + 1)
fig, axes = plt.subplots(2, 1, figsize=(5, 5), sharex=True, layout="constrained")
for (name, h), color, marker in zip(
    histories.items(), ["C0", "C1", "C2", "C3"], "os^D", strict=True
):
    axes[0].plot(steps, h["val_accuracy"], "--", color=color, marker=marker, ms=4, label=name)
    axes[1].plot(steps, h["val_ce"], "--", color=color, marker=marker, ms=4)
axes[0].set_ylabel("validation accuracy")
axes[1].set_ylabel("validation cross-entropy")
axes[1].set_xlabel("training step (batches of 50)")
axes[1].set_ylim(0, 1.5)
fig.legend(loc="outside upper center", ncols=2)
plt.show()
