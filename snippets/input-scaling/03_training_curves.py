"""The same MLP trained on raw inputs (one feature x1000) and on standardized inputs."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification

SEED = 0
X, y = make_classification(n_samples=400, n_features=8, n_informative=5, random_state=SEED)
X[:, 0] *= 1000  # one feature measured in units 1000x smaller, e.g. grams instead of kg
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# The question is how fast the optimizer lowers the training loss, not how well the model
# generalizes: all 400 points are training data and no validation split is held out.


def make_model(inputs, optimizer):
    keras.utils.set_random_seed(SEED)  # the same initial Dense weights for every run
    layers = [keras.Input((8,))]
    if inputs == "standardized":
        norm = keras.layers.Normalization()
        norm.adapt(X)  # statistics of the training data
        layers.append(norm)
    model = keras.Sequential(
        [
            *layers,
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=optimizer,
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=10,
    )
    return model


def fit(model):
    # Full-batch training: every step sees all 400 points, so an "epoch" here is 10
    # steps on the same batch; 20 epochs are 200 steps.
    train = tf.data.Dataset.from_tensor_slices((X, y)).batch(400).cache().repeat()
    return model.fit(
        train,
        epochs=20,
        steps_per_epoch=10,
        verbose=0,
        shuffle=False,
        callbacks=[keras.callbacks.TerminateOnNaN()],  # stops at the first NaN/inf loss
    ).history


# Standardized first: the raw SGD run diverges and stops, so it runs last.
optimizers = {
    "Adam(0.01)": lambda: keras.optimizers.Adam(0.01),
    "SGD(0.1)": lambda: keras.optimizers.SGD(0.1),
}
runs = {
    f"{opt}, {inputs}": fit(make_model(inputs, make_opt()))
    for opt, make_opt in optimizers.items()
    for inputs in ["standardized", "raw"]
}
diverged = {k: len(h["ce"]) < 20 for k, h in runs.items()}  # stopped by TerminateOnNaN
first_ce = {k: h["ce"][0] for k, h in runs.items()}
final_ce = {k: h["ce"][-1] for k, h in runs.items()}
print(f"{'training CE':<24} {'epoch 1':>8}  {'epoch 20':>8}")
for k in runs:
    end = "stopped" if diverged[k] else f"{final_ce[k]:.3f}"
    print(f"{k:<24} {first_ce[k]:>8.3g}  {end:>8}")

fig, axes = plt.subplots(1, 2, figsize=(5, 3.2), layout="constrained", sharey=True)
for ax, opt in zip(axes, optimizers, strict=True):
    for inputs, color, marker in [("raw", "C0", "o"), ("standardized", "C1", "s")]:
        key = f"{opt}, {inputs}"
        steps = 10 * np.arange(1, len(runs[key]["ce"]) + 1)
        ax.plot(steps, runs[key]["ce"], color=color, marker=marker, markevery=4, label=inputs)
        if diverged[key]:
            ax.annotate(
                f"{inputs}: CE {first_ce[key]:.0e}\nat step 10, then NaN",
                xy=(0.5, 0.97),
                xycoords="axes fraction",
                ha="center",
                va="top",
                color=color,
            )
    ax.set_yscale("log")
    ax.set_ylim(0.02, 200)
    ax.set_xticks([0, 100, 200])
    ax.set_title(opt)
    ax.set_xlabel("training step")
axes[0].set_ylabel("training cross-entropy")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()
