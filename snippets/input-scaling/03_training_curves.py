"""The same MLP trained on raw inputs (one feature x1000) and on standardized inputs."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_classification(n_samples=400, n_features=8, n_informative=5, random_state=SEED)
X[:, 0] *= 1000  # one feature measured in units 1000x smaller, e.g. grams instead of kg
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# This experiment measures training speed only, so all 400 points are training data.
train_ds = tf.data.Dataset.from_tensor_slices((X, y)).batch(400).cache().repeat()

# Standardization as the model's first layer, with statistics of the training data.
norm = keras.layers.Normalization()
norm.adapt(X)


def make_mlp():
    return keras.Sequential(
        [
            keras.Input((8,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


initial_weights = make_mlp().get_weights()  # every run starts from these weights


def train(inputs, optimizer):
    mlp = make_mlp()
    mlp.set_weights(initial_weights)
    model = keras.Sequential([keras.Input((8,)), norm, mlp]) if inputs == "standardized" else mlp
    model.compile(optimizer=optimizer, loss="binary_crossentropy")
    return model.fit(
        train_ds,
        epochs=40,
        steps_per_epoch=5,
        verbose=0,
        shuffle=False,
        callbacks=[keras.callbacks.TerminateOnNaN()],  # stops at the first NaN/inf loss
    ).history


runs = {}
for opt_name, make_opt in [
    ("Adam(0.01)", lambda: keras.optimizers.Adam(0.01)),
    ("SGD(0.1)", lambda: keras.optimizers.SGD(0.1)),
]:
    for inputs in ["raw", "standardized"]:
        runs[opt_name, inputs] = train(inputs, make_opt())

first_loss, final_loss = {}, {}
for (opt_name, inputs), h in runs.items():
    key = f"{opt_name}, {inputs}"
    loss = np.array(h["loss"])
    first_loss[key], final_loss[key] = float(loss[0]), float(loss[-1])
    end = f"{loss[-1]:.3f} after 200 steps" if len(loss) == 40 else "terminated: NaN/inf loss"
    print(f"{key:<24} training loss, first epoch: {loss[0]:9.3g} | {end}")
print(f"first-epoch training loss, Adam raw: {first_loss['Adam(0.01), raw']:.3g}")
print(f"first-epoch training loss, Adam standardized: {first_loss['Adam(0.01), standardized']:.3g}")
print(f"final training loss, Adam raw: {final_loss['Adam(0.01), raw']:.3f}")
print(f"final training loss, Adam standardized: {final_loss['Adam(0.01), standardized']:.3f}")

diverged = {f"{opt}, {inputs}": len(h["loss"]) < 40 for (opt, inputs), h in runs.items()}
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
for ax, opt_name in zip(axes, ["Adam(0.01)", "SGD(0.1)"], strict=True):
    for inputs, color in [("raw", "tab:red"), ("standardized", "tab:blue")]:
        loss = runs[opt_name, inputs]["loss"]
        steps = 5 * np.arange(1, len(loss) + 1)
        off_chart = diverged[f"{opt_name}, {inputs}"]
        label = f"{inputs} inputs" + (" (diverged, off the chart)" if off_chart else "")
        ax.plot(steps, loss, color=color, label=label)
    ax.set_yscale("log")
    ax.set_ylim(0.02, 200)
    ax.set_xlabel("training step (full batch)")
    ax.set_title(f"{opt_name}: training loss")
    ax.legend(fontsize=8)
axes[0].set_ylabel("binary cross-entropy")
fig.tight_layout()
plt.show()
