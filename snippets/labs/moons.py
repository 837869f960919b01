# %% [markdown]
# # The make_moons walkthrough
#
# One small, noisy two-class data set and one small neural network, trained five ways:
# plain, with an L1 penalty, with an L2 penalty, with dropout, and with early stopping.
# You will see the five decision boundaries side by side, follow the validation
# cross-entropy during training, and get a table of validation and test scores averaged
# over two seeds. Every number below is computed when this page is built.

# %% [markdown]
# ## Setup
#
# Everything random (the data, its split, initial weights, dropout masks) is derived
# from `SEED`. Each configuration is trained twice, with the seeds `SEED` and
# `SEED + 1`, on the same data.

# %%
"""The make_moons walkthrough: one MLP trained plain, with L1, L2, dropout, early stopping."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib.colors import to_rgba
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
SEEDS = [SEED, SEED + 1]

# %% [markdown]
# ## The data
#
# 800 points from `make_moons` with Gaussian noise of standard deviation 0.3, so the two
# classes overlap and no boundary can classify every point correctly. Only 150 points
# are for training, which makes overfitting easy; 150 are for validation and 500 for
# testing.
#
# Why three sets? The validation set is used to make decisions: here, early stopping
# uses it to pick the epoch whose weights it keeps. A score on data that was used to
# choose something is optimistic, so the final comparison is made on the test set, which
# no decision has seen (see [overfitting and generalization](../../overfitting/)).

# %%
X, y = make_moons(n_samples=800, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, train_size=150, random_state=SEED)
print(f"{len(X_train)} train, {len(X_val)} validation, {len(X_test)} test")

fig, axes = plt.subplots(1, 2, figsize=(5, 2.8), sharex=True, sharey=True, layout="constrained")
for ax, Xs, ys, title in [
    (axes[0], X_train, y_train, "training set"),
    (axes[1], X_test, y_test, "test set"),
]:
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        points = Xs[ys[:, 0] == label]
        ax.scatter(*points.T, s=8, color=color, marker=marker, label=f"class {label}")
    ax.set_title(f"{title} ({len(Xs)})")
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()

# %% [markdown]
# <!-- figures
# 1. Two scatter plots of the two-moons points in the plane, the 150 training points on
#    the left and the 500 test points on the right, coloured and shaped by class.
# -->
#
# ## One network, five ways
#
# The network is a multilayer perceptron with two hidden layers of 64 ReLU units and a
# sigmoid output: 4417 weights (printed below) for 150 training points, enough to bend
# its boundary around individual noisy points. The five configurations differ in one
# thing each:
#
# - **plain**: nothing added.
# - **L1**: `kernel_regularizer=L1(1e-3)` on every Dense layer, which adds
#   0.001 × Σ|w| over that layer's kernel to the loss ([L1](../../l1/)).
# - **L2**: `kernel_regularizer=L2(1e-3)` on every Dense layer, which adds 0.001 × Σw²
#   (no ½) over that layer's kernel to the loss
#   ([L2 and weight decay](../../l2-weight-decay/)).
# - **dropout**: `Dropout(0.3)` after each hidden layer: during training it zeroes each
#   unit with probability 0.3 and scales the others by 1/0.7; at inference it passes its
#   input through unchanged ([dropout](../../dropout/)).
# - **early stopping**: the plain network with
#   `EarlyStopping(monitor="val_ce", patience=5, restore_best_weights=True)`
#   ([early stopping](../../early-stopping/)).
#
# The strengths are reasonable first guesses, not tuned values; how to choose them is on
# [tuning the strength](../../tuning/).
#
# `make_model` reseeds before it builds anything, so for a given seed every
# configuration starts from the same initial weights. That takes one precaution: a
# layer that draws random numbers, such as `Dropout`, takes a seed when it is created
# (unless it is given one) from the same generator that the Dense layers take theirs
# from, so a `Dropout` created before a Dense layer changes that layer's initial
# weights. `make_model` creates the Dense layers first.
#
# The `loss` that `fit` reports includes the penalty terms, so a penalized model's loss
# is not comparable with the plain model's; every model also tracks the plain binary
# cross-entropy as a metric
# named `ce` (no penalty), and its accuracy. All comparisons below use those two.

# %%
CONFIGS = {  # make_model's arguments
    "plain": {},
    "L1": {"l1": 1e-3},
    "L2": {"l2": 1e-3},
    "dropout": {"dropout": 0.3},
    "early stopping": {},  # the plain network, trained with the callback (see train)
}


def make_model(seed, l1=0.0, l2=0.0, dropout=0.0):
    """The 2-64-64-1 MLP of one configuration, built from the seed."""
    keras.utils.set_random_seed(seed)  # the same initial weights for every configuration
    if l1:
        reg = keras.regularizers.L1(l1)
    elif l2:
        reg = keras.regularizers.L2(l2)
    else:
        reg = None
    # The Dense layers first: a Dropout layer built before them would draw its own seed
    # from the same generator and change their initial weights.
    hidden = [keras.layers.Dense(64, activation="relu", kernel_regularizer=reg) for _ in range(2)]
    output = keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg)
    layers = [keras.Input((2,))]
    for dense in hidden:
        layers += [dense, keras.layers.Dropout(dropout)] if dropout else [dense]
    model = keras.Sequential([*layers, output])
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",  # + the penalties: compare models on "ce"
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=20,  # 20 training steps per call into TensorFlow
    )
    return model


n_weights = make_model(SEED).count_params()
print(f"{n_weights} weights")

# %% [markdown]
# ## Training
#
# Each model trains for at most 300 full-batch Adam steps (learning rate 0.01): 15
# "epochs" of 20 steps each, where every step sees all 150 training points. After every
# epoch `fit` evaluates the model on the validation set; that is where the learning
# curves below come from. Early stopping watches the validation `ce`: once it has gone
# 5 epochs (100 steps) without a new lowest value, it stops training, and at the end of
# training `restore_best_weights=True` puts back the weights of the epoch with the
# lowest value. Without that argument (the default is `False`) the model would keep the
# weights of its last epoch, 5 epochs past the best.
#
# Every run builds a new model and a new input pipeline, then reports its validation
# and test scores with `evaluate`.


# %%
# Validation and test sets in batches of 50: no shuffling, so every model can share them.
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).cache().batch(50)
test_ds = tf.data.Dataset.from_tensor_slices((X_test, y_test)).cache().batch(50)


def train(model, name):
    """Train a new model, with the callback of its configuration; returns its History."""
    # Full batch: every step sees all 150 training points, so there is nothing to shuffle.
    # An "epoch" is 20 steps, a choice of how often to validate, not a pass over the data.
    train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache().batch(150)
    callbacks = []
    if name == "early stopping":
        callbacks.append(
            keras.callbacks.EarlyStopping(monitor="val_ce", patience=5, restore_best_weights=True)
        )
    history = model.fit(
        train_ds.repeat(),
        validation_data=val_ds,
        epochs=15,
        steps_per_epoch=20,
        callbacks=callbacks,
        verbose=0,
        shuffle=False,
    )
    return history.history


xx, yy = np.meshgrid(np.linspace(-2.2, 3.2, 120), np.linspace(-1.8, 2.3, 120))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")

results = {name: [] for name in CONFIGS}  # one dict of scores per seed
boundaries, curves = {}, {}  # seed SEED only, for the figures
for name, config in CONFIGS.items():
    for seed in SEEDS:
        model = make_model(seed, **config)
        if seed == SEED:  # the first point of the learning curves: the untrained model
            untrained = model.evaluate(val_ds, verbose=0, return_dict=True)["ce"]
        history = train(model, name)
        val = model.evaluate(val_ds, verbose=0, return_dict=True)
        test = model.evaluate(test_ds, verbose=0, return_dict=True)
        results[name].append(
            {
                "val_ce": val["ce"],
                "test_ce": test["ce"],
                "test_acc": test["accuracy"],
                "epochs": len(history["loss"]),
            }
        )
        if seed == SEED:
            curves[name] = [untrained, *history["val_ce"]]  # at step 0, 20, 40, ...
            boundaries[name] = model(grid, training=False).numpy().reshape(xx.shape)

stopped_at = [20 * r["epochs"] for r in results["early stopping"]]
print(f"early stopping ran {stopped_at} steps")

# %% [markdown]
# ## Decision boundaries
#
# Each panel shows one model (seed `SEED`) over the training points it was fitted to.
# The black line is where the predicted probability is 0.5; the light shading shows the
# predicted class, the darker shading where the model gives that class a probability
# above 0.9.

# %%
# Shading: the predicted class, darker where its predicted probability is above 0.9.
shades = [to_rgba("C2", 0.45), to_rgba("C2", 0.15), to_rgba("C1", 0.15), to_rgba("C1", 0.45)]
fig, axes = plt.subplots(3, 2, figsize=(5, 6.6), sharex=True, sharey=True, layout="constrained")
for ax, (name, p) in zip(axes.flat, boundaries.items(), strict=False):
    ax.contourf(xx, yy, p, levels=[0, 0.1, 0.5, 0.9, 1], colors=shades)
    ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1.2)
    for label, color, marker in [(0, "C2", "s"), (1, "C1", "o")]:
        ax.scatter(*X_train[y_train[:, 0] == label].T, s=6, color=color, marker=marker)
    ax.set_title(name)
key = axes.flat[-1]  # the sixth panel holds the legend
key.axis("off")
key.legend(
    handles=[
        plt.Line2D([], [], color="C2", marker="s", linestyle="none", label="class 0"),
        plt.Line2D([], [], color="C1", marker="o", linestyle="none", label="class 1"),
        plt.Line2D([], [], color="k", label="p = 0.5"),
    ],
    loc="center",
)
plt.show()

# %% [markdown]
# <!-- figures
# 1. Five panels, one per configuration (plain, L1, L2, dropout, early stopping), each
#    showing the model's decision boundary, the region it assigns to each class and the
#    150 training points; a sixth panel holds the legend.
# -->
#
# ## Learning curves
#
# The validation cross-entropy of each model after each epoch, for seed `SEED`. All five
# start from the same untrained model, whose validation cross-entropy (the first value of
# each list in `curves`) is left off the chart so that the curves stay apart. The curve
# of the plain model falls, reaches its minimum well before the end of training and then
# rises: the network goes on fitting the noise in its 150 training points and becomes
# confidently wrong on points it has not seen. The L1 and L2
# curves rise far less after their minimum. The early-stopping model is the plain model
# with the same seed, so its curve is the plain curve, cut off 5 epochs (the patience)
# after its lowest point: the figure marks, on the plain curve, where it stopped and the
# epoch whose weights it restored.

# %%
fig, ax = plt.subplots(figsize=(5, 3.6), layout="constrained")
styles = {"plain": ("C0", "o"), "L1": ("C1", "s"), "L2": ("C2", "^"), "dropout": ("C3", "D")}
for name, (color, marker) in styles.items():
    steps = 20 * np.arange(1, len(curves[name]))  # after each epoch; step 0 is not drawn
    ax.plot(steps, curves[name][1:], "--", color=color, marker=marker, ms=4, label=name)
es_curve = curves["early stopping"]
best = int(np.argmin(es_curve))
ax.plot(20 * best, es_curve[best], "*", color="C4", ms=14, label="restored weights")
ax.plot(20 * (len(es_curve) - 1), es_curve[-1], "X", color="C4", ms=10, label="stopped")
ax.set_xlabel("training step")
ax.set_ylabel("validation cross-entropy")
fig.legend(loc="outside upper center", ncols=3)
plt.show()

# %% [markdown]
# <!-- figures
# 1. Line chart of the validation cross-entropy against the training step for the plain,
#    L1, L2 and dropout models, with two markers on the plain curve: where early stopping
#    stopped and the epoch whose weights it restored.
# -->
#
# ## Results over two seeds
#
# The mean over the two seeds (same data, different initial weights and dropout masks).
# CE is the binary cross-entropy without any penalty; lower is better. Accuracy is the
# fraction of test points on the right side of the boundary. In the chart, each bar is
# a mean and each dot one run.

# %%
COLUMNS = {"val_ce": "val CE", "test_ce": "test CE", "test_acc": "test acc"}
mean = {n: {k: float(np.mean([r[k] for r in rs])) for k in COLUMNS} for n, rs in results.items()}
WIDTHS = {"val_ce": 8, "test_ce": 9, "test_acc": 10}  # a narrow table, for phones
print(f"{'':<14}" + "".join(f"{label:>{WIDTHS[k]}}" for k, label in COLUMNS.items()))
for name in CONFIGS:
    print(f"{name:<14}" + "".join(f"{mean[name][k]:>{WIDTHS[k]}.3f}" for k in COLUMNS))

fig, (ax_ce, ax_acc) = plt.subplots(1, 2, figsize=(5, 2.9), sharey=True, layout="constrained")
names = list(CONFIGS)[::-1]  # plain on top
colors = {"plain": "C0", "L1": "C1", "L2": "C2", "dropout": "C3", "early stopping": "C4"}
for ax, key, title in [(ax_ce, "test_ce", "test CE"), (ax_acc, "test_acc", "test accuracy")]:
    ax.barh(names, [mean[n][key] for n in names], color=[colors[n] for n in names], alpha=0.6)
    for i, n in enumerate(names):
        ax.plot([r[key] for r in results[n]], [i] * len(SEEDS), "o", color="k", ms=3)
    ax.set_title(title)
ax_ce.set_xlabel("lower is better")
ax_acc.set_xlabel("higher is better")
ax_acc.set_xlim(0, 1)
plt.show()

# %% [markdown]
# <!-- figures
# 1. Two horizontal bar charts, both starting at zero, of the mean test cross-entropy
#    and the mean test accuracy of the five configurations, with a dot for each of the
#    two runs.
# -->
#
# ## What the results show
#
# - **Cross-entropy is where overfitting shows.** L1, L2 and early stopping each cut the
#   plain network's mean test cross-entropy by more than a quarter: away from the
#   training points the plain network predicts probabilities close to 0 or 1, and a
#   confident mistake costs a lot. Dropout at rate 0.3 does less than any of those three.
# - **Accuracy moves much less.** The highest mean test cross-entropy in the table is
#   more than 1.5 times the lowest, while the mean test accuracies stay within 10
#   percentage points of each other: with this much class overlap every configuration
#   misclassifies more than 7 % of the test points, and the plain network's wiggles cost
#   it more in confidence than in correct answers. The chart shows both, on axes that
#   start at zero.
# - **Early stopping's validation score is not an honest estimate.** It chose its epoch
#   by the validation cross-entropy, so its val CE is biased in its favour; the test
#   columns are the fair comparison.
#
# These numbers come from one data set: another `SEED` draws other points and moves
# them. Each statement above is checked by a test that re-runs this lab with ten values
# of `SEED`, each a new data set (see *Checked claims* at the end). On other data, other
# networks or other strengths the ranking can differ. The
# [regularization showdown](../showdown/) makes a similar comparison on handwritten
# digits.
