# %% [markdown]
# # The make_moons walkthrough
#
# One small, noisy two-class data set and one small neural network, trained five ways:
# plain, with an L1 penalty, with an L2 penalty, with dropout, and with early stopping.
# You will see the five decision boundaries side by side, follow the validation loss
# during training, and get a table of validation and test scores averaged over three
# seeds. Every number below is computed when this page is built.

# %% [markdown]
# ## Setup
#
# Everything random (data split, initial weights, dropout masks) is derived from `SEED`.
# Each configuration is trained with the seeds `SEED`, `SEED + 1` and `SEED + 2`.

# %%
"""The make_moons walkthrough: one MLP trained plain, with L1, L2, dropout, early stopping."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
SEEDS = [SEED, SEED + 1, SEED + 2]

# %% [markdown]
# ## The data
#
# 800 points from `make_moons` with Gaussian noise of standard deviation 0.3, so the two
# classes overlap and no boundary can classify every point correctly. We keep only 150
# points for training, which makes overfitting easy, 150 for validation and 500 for
# testing.
#
# Why three sets? The validation set is used to make decisions: here, early stopping
# uses it to pick the epoch to keep. A score on data that was used to choose something
# is optimistic, so the final comparison is made on the test set, which no decision
# has seen (see [overfitting and generalization](../../overfitting/)).

# %%
X, y = make_moons(n_samples=800, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, train_size=150, random_state=SEED)
print(f"train / validation / test: {len(X_train)} / {len(X_val)} / {len(X_test)}")

# Full-batch training from a cached tf.data pipeline (faster than NumPy arrays in fit).
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(150).cache()

fig, axes = plt.subplots(1, 3, figsize=(9, 3), sharex=True, sharey=True)
for ax, (Xs, ys, title) in zip(
    axes,
    [(X_train, y_train, "training"), (X_val, y_val, "validation"), (X_test, y_test, "test")],
    strict=True,
):
    ax.scatter(*Xs.T, c=ys.ravel(), cmap="coolwarm", s=8, edgecolor="k", linewidth=0.2)
    ax.set_title(f"{title} set ({len(Xs)} points)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## One network, five ways
#
# The network is a multilayer perceptron with two hidden layers of 64 ReLU units and a
# sigmoid output: 4417 weights (the count is printed below) for 150 training points,
# enough to bend its boundary around individual noisy points. The five configurations
# differ in one thing each:
#
# - **plain**: nothing added.
# - **L1**: `kernel_regularizer=L1(1e-3)` on every Dense layer, which adds
#   0.001 × Σ|w| to the loss ([L1](../../l1/)).
# - **L2**: `kernel_regularizer=L2(1e-3)` on every Dense layer, which adds 0.001 × Σw²
#   (no ½) to the loss ([L2 and weight decay](../../l2-weight-decay/)).
# - **dropout**: `Dropout(0.3)` after each hidden layer, active only in training
#   ([dropout](../../dropout/)).
# - **early stopping**: `EarlyStopping(patience=5, restore_best_weights=True)` on the
#   validation loss ([early stopping](../../early-stopping/)).
#
# The strengths are reasonable first guesses, not tuned values; how to choose them is on
# [tuning the strength](../../tuning/).
#
# `fit` reports a `loss` that includes the penalty terms, so a penalized model's loss is
# not comparable with the plain model's. We compare all models on the plain binary
# cross-entropy (a metric, no penalty) and on accuracy.

# %%
CONFIGS = {
    "plain": {},
    "L1": {"l1": 1e-3},
    "L2": {"l2": 1e-3},
    "dropout": {"dropout": 0.3},
    "early stopping": {"patience": 5},
}


def build_model(l1=0.0, l2=0.0, dropout=0.0, patience=None):
    """The 2-64-64-1 MLP of one configuration (`patience` is used by train, not here)."""
    if l1:
        reg = keras.regularizers.L1(l1)
    elif l2:
        reg = keras.regularizers.L2(l2)
    else:
        reg = None
    layers = [keras.Input((2,))]
    for _ in range(2):
        layers.append(keras.layers.Dense(64, activation="relu", kernel_regularizer=reg))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce")],
        # Run 20 training steps per call into TensorFlow: much less Python overhead.
        steps_per_execution=20,
    )
    return model


def scores(model, X, y):
    """Un-penalized binary cross-entropy and accuracy of a trained model."""
    p = model(X, training=False)  # a direct call: no tracing, fast for small arrays
    ce = float(keras.losses.binary_crossentropy(y.ravel(), tf.reshape(p, [-1])))
    return {"ce": ce, "acc": float(np.mean((p.numpy() > 0.5) == y))}


keras.utils.set_random_seed(SEED)
n_weights = build_model().count_params()
print(n_weights, "weights")

# %% [markdown]
# ## Training
#
# Each model trains for at most 300 full-batch Adam steps (learning rate 0.01), in 15
# epochs of 20 steps. Early stopping evaluates the model on the validation set after
# every epoch; when the validation loss has not improved for 5 epochs (100 steps) it
# stops, and `restore_best_weights=True` puts back the weights of the best epoch.
# Without that argument (the default is `False`) the model would keep the weights of
# the last epoch, 5 epochs past the best. The other models are evaluated on the
# validation set after every epoch only for the first seed, to draw learning curves
# (which start with the untrained model's validation cross-entropy).
#
# A shortcut for speed: the first `fit` of a Keras model traces its training step into
# a TensorFlow graph, which takes longer than the 300 steps themselves. So each
# configuration is built once, and before each seed's run `reset` copies into it every
# variable of a freshly built model (weights, dropout random state) and of a fresh
# optimizer. The run is then the same as with a new model, and the cell after the
# training loop checks that.


# %%
def reset(model, config, seed):
    """Put `model` in the state a new build_model(**config) has after set_random_seed(seed)."""
    keras.utils.set_random_seed(seed)
    fresh = build_model(**config)
    for m in (model, fresh):
        if not m.optimizer.built:
            m.optimizer.build(m.trainable_variables)
    for var, value in zip(model.variables, fresh.variables, strict=True):
        var.assign(value)
    for var, value in zip(model.optimizer.variables, fresh.optimizer.variables, strict=True):
        var.assign(value)


def train(model, config, validate=True):
    """Train `model` (after `reset`) with the configuration's callbacks; returns the History."""
    callbacks = []
    if "patience" in config:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor="val_loss", patience=config["patience"], restore_best_weights=True
            )
        )
    return model.fit(
        train_ds,
        validation_data=val_ds if validate or callbacks else None,
        epochs=15,
        steps_per_epoch=20,
        callbacks=callbacks,
        verbose=0,
        shuffle=False,  # the dataset is the whole training set in one batch
    )


xx, yy = np.meshgrid(np.linspace(-2.2, 3.2, 150), np.linspace(-1.8, 2.3, 150))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")

results = {name: [] for name in CONFIGS}  # one dict of scores per seed
boundaries, curves = {}, {}  # seed SEED only, for the figures
for name, config in CONFIGS.items():
    keras.utils.set_random_seed(SEED)  # reset() below reseeds before every run too
    model = build_model(**config)
    for seed in SEEDS:
        reset(model, config, seed)
        untrained = scores(model, X_val, y_val)["ce"]  # the first point of the curves
        history = train(model, config, validate=seed == SEED)
        val, test = scores(model, X_val, y_val), scores(model, X_test, y_test)
        results[name].append(
            {
                "val_ce": val["ce"],
                "val_acc": val["acc"],
                "test_ce": test["ce"],
                "test_acc": test["acc"],
                "steps": 20 * len(history.history["loss"]),
            }
        )
        if seed == SEED:
            boundaries[name] = model(grid, training=False).numpy().reshape(xx.shape)
            curves[name] = [untrained, *history.history["val_ce"]]
    print(f"{name:>14}: trained on seeds {SEEDS}")

stopped_at = [r["steps"] for r in results["early stopping"]]
print("early stopping ran for", stopped_at, "steps (best weights restored)")

# %% [markdown]
# The check: a new dropout model (the configuration with the most randomness), built
# and trained the usual way with the second seed, gets the same test cross-entropy as
# the reused model did for that seed.

# %%
keras.utils.set_random_seed(SEEDS[1])
new_model = build_model(**CONFIGS["dropout"])
new_model.fit(train_ds, epochs=15, steps_per_epoch=20, verbose=0, shuffle=False)
check_new = scores(new_model, X_test, y_test)["ce"]
check_reused = results["dropout"][1]["test_ce"]
print(f"dropout, seed {SEEDS[1]}, test CE of the reused model: {check_reused:.6f}")
print(f"dropout, seed {SEEDS[1]}, test CE of a new model:      {check_new:.6f}")

# %% [markdown]
# ## Decision boundaries
#
# Each panel shows one model (seed `SEED`) over the training points it was fitted to.
# The black line is where the predicted probability is 0.5; the shading shows the
# predicted probability.

# %%
fig, axes = plt.subplots(2, 3, figsize=(9, 6), sharex=True, sharey=True)
axes = axes.ravel()
axes[0].scatter(*X_train.T, c=y_train.ravel(), cmap="coolwarm", s=10, edgecolor="k", lw=0.3)
axes[0].set_title("training data")
for ax, (name, p) in zip(axes[1:], boundaries.items(), strict=True):
    ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.7)
    ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1.2)
    ax.scatter(*X_train.T, c=y_train.ravel(), cmap="coolwarm", s=10, edgecolor="k", lw=0.3)
    ax.set_title(f"{name}: test CE {results[name][0]['test_ce']:.2f}")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Learning curves
#
# The validation cross-entropy of the untrained model (step 0) and after each epoch, for
# seed `SEED`. The curve of the plain model falls, reaches its minimum well before the
# end of training and then rises: the network goes on fitting the noise in its 150
# training points and becomes confidently wrong on points it has not seen. The L1 and
# L2 curves rise far less after their minimum. The early-stopping model is the plain
# model with the same seed, so its curve is the plain curve, cut off 5 epochs (the
# patience) after its lowest point; the dot marks that lowest point, whose weights early
# stopping restores.

# %%
fig, ax = plt.subplots(figsize=(7, 3.8))
for name, curve in curves.items():
    steps = 20 * np.arange(len(curve))  # step 0: before training
    ax.plot(steps, curve, label=name, linestyle="--" if name == "early stopping" else "-")
best = int(np.argmin(curves["early stopping"]))
ax.plot(20 * best, curves["early stopping"][best], "ko", label="restored weights")
ax.set_xlabel("training step")
ax.set_ylabel("validation cross-entropy")
ax.set_title("Validation cross-entropy during training")
ax.legend()
plt.show()

# %% [markdown]
# ## Results over three seeds
#
# Mean ± standard deviation over the three seeds (same data, different initial weights
# and dropout masks). CE is the binary cross-entropy without any penalty; lower is
# better. Accuracy is the fraction of points on the right side of the boundary.

# %%
COLUMNS = {
    "val_ce": "val CE",
    "val_acc": "val accuracy",
    "test_ce": "test CE",
    "test_acc": "test accuracy",
}
mean = {n: {k: float(np.mean([r[k] for r in rs])) for k in COLUMNS} for n, rs in results.items()}
std = {n: {k: float(np.std([r[k] for r in rs])) for k in COLUMNS} for n, rs in results.items()}
print(f"{'configuration':<16}" + "".join(f"{c:<14}" for c in COLUMNS.values()))
for name in CONFIGS:
    cells = [f"{mean[name][k]:.3f}±{std[name][k]:.3f}" for k in COLUMNS]
    print(f"{name:<16}" + "".join(f"{c:<14}" for c in cells))

# %% [markdown]
# ## What the table shows
#
# - **Cross-entropy is where overfitting shows.** L1, L2 and early stopping each cut the
#   plain network's test cross-entropy by more than a quarter: away from the training
#   points the plain network predicts probabilities close to 0 or 1, and a confident
#   mistake costs a lot. Dropout at rate 0.3 does less than any of those three; how
#   much it helps depends on the data set, and on some it hardly does.
# - **Accuracy moves much less.** The highest mean test cross-entropy in the table is
#   more than 1.5 times the lowest, while the mean test accuracies stay within 10
#   percentage points of each other (in this run's table, within a few): with this
#   much class overlap every configuration misclassifies more than 7 % of the test
#   points, and the plain network's wiggles cost it more in confidence than in correct
#   answers.
# - **Early stopping's validation score is not an honest estimate.** It chose its epoch
#   by the validation loss, so its validation column is biased in its favour; the test
#   column is the fair comparison.
#
# These numbers come from one data set: another `SEED` draws other points and moves
# them. The statements above hold on other data sets too: each is checked by a test
# that re-runs this lab with other values of `SEED` (see *Checked claims* at the end). The
# [regularization showdown](../showdown/) repeats the comparison on real data, with
# every technique in the guide. The chart below draws the two test columns.

# %%
best_test_ce = min(CONFIGS, key=lambda n: mean[n]["test_ce"])
print("lowest test CE:", best_test_ce)

fig, (ax_ce, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.4), sharey=True)
names = list(CONFIGS)[::-1]
for ax, key, label in [(ax_ce, "test_ce", "test CE"), (ax_acc, "test_acc", "test accuracy")]:
    ax.barh(
        names,
        [mean[n][key] for n in names],
        xerr=[std[n][key] for n in names],
        color=["tab:gray" if n == "plain" else "tab:blue" for n in names],
        capsize=3,
    )
    ax.set_xlabel(f"{label} (mean ± std, 3 seeds)")
ax_ce.set_title("test cross-entropy, lower is better")
ax_acc.set_title("test accuracy, higher is better")
ax_acc.set_xlim(0.5, 1.0)
fig.tight_layout()
plt.show()
