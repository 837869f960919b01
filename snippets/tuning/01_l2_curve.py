"""Validation curve for the L2 strength: training vs validation error on a log grid, 3 splits."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
seeds = [SEED, SEED + 1, SEED + 2]  # three data splits, each with its own initial weights
# A log grid, half a decade apart, and λ = 0 (no penalty) as the reference.
lambdas = [0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1]


def load_data(seed):
    """The data of overfitting.md: 10% flipped labels, 100 train / 200 val / 200 test."""
    X, y = make_moons(n_samples=500, noise=0.1, random_state=seed)
    flipped = np.random.default_rng(seed).random(len(y)) < 0.1
    y = np.where(flipped, 1 - y, y)
    X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
    X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=seed)
    X_val, X_test, y_val, y_test = train_test_split(
        X_rest, y_rest, test_size=0.5, random_state=seed
    )
    return {"train": (X_train, y_train), "val": (X_val, y_val), "test": (X_test, y_test)}


def make_model(reg):
    return keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )


# Keras traces a model's training step the first time fit runs: about a second here,
# more than the 300 steps themselves. To afford 24 runs, trace once and reuse one model.
# keras.regularizers.L2 computes reg.l2 * sum(w**2); with reg.l2 a variable, a new
# strength needs no new trace. (On a real problem, simply build a model per strength.)
keras.utils.set_random_seed(SEED)  # once: re-seeding inside the loop would force a retrace
strength = keras.Variable(0.0, trainable=False, name="l2_strength")
reg = keras.regularizers.L2()
reg.l2 = strength
model = make_model(reg)
model.compile(
    optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy", steps_per_execution=100
)
model.optimizer.build(model.trainable_variables)
fresh_optimizer = [v.numpy() for v in model.optimizer.variables]  # step 0, zero moments

w = model.layers[0].kernel
strength.assign(1e-3)
penalty_diff = abs(float(reg(w)) - float(keras.regularizers.L2(1e-3)(w)))
print(f"|reg(w) - L2(1e-3)(w)|: {penalty_diff:.1e}")
# The string shortcut kernel_regularizer="l2" is L2 at its class default strength.
default_l2 = keras.regularizers.get("l2").l2
print(f"strength of kernel_regularizer='l2': {default_l2:g}")

shape = (len(seeds), len(lambdas))
ce = {s: np.zeros(shape) for s in ["train", "val", "test"]}
err = {s: np.zeros(shape) for s in ["train", "val", "test"]}
held_out_ce = np.zeros(shape + (400,))  # per-point CE on the 200 + 200 held-out points
label_entropy = np.zeros(len(seeds))  # CE of predicting the fraction of 1s for every point
for i, seed in enumerate(seeds):
    data = load_data(seed)
    q = data["train"][1].mean()
    label_entropy[i] = -(q * np.log(q) + (1 - q) * np.log(1 - q))
    train_ds = tf.data.Dataset.from_tensor_slices(data["train"]).batch(100).cache().repeat()
    initial = make_model(None).get_weights()  # this split's initial weights, for every λ
    for j, lam in enumerate(lambdas):
        model.set_weights(initial)
        for v, value in zip(model.optimizer.variables, fresh_optimizer, strict=True):
            v.assign(value)
        strength.assign(lam)
        model.fit(train_ds, epochs=1, steps_per_epoch=300, verbose=0, shuffle=False)
        for split, (Xs, ys) in data.items():
            p = model(Xs)  # inference mode; the cross-entropy has no penalty term
            ce[split][i, j] = float(keras.losses.BinaryCrossentropy()(ys, p))
            err[split][i, j] = float(np.mean((p.numpy() > 0.5) != ys))
        X_held = np.concatenate([data["val"][0], data["test"][0]])
        y_held = np.concatenate([data["val"][1], data["test"][1]])
        held_out_ce[i, j] = keras.losses.binary_crossentropy(y_held, model(X_held)).numpy()

mean = {s: ce[s].mean(axis=0) for s in ce}
std = {s: ce[s].std(axis=0) for s in ce}
print("lambda   train CE       val CE         val error")
for j, lam in enumerate(lambdas):
    print(
        f"{lam:<7g}  {mean['train'][j]:.3f} ± {std['train'][j]:.3f}"
        f"  {mean['val'][j]:.3f} ± {std['val'][j]:.3f}  {err['val'][:, j].mean():.3f}"
    )

# On each split: choose λ on the validation CE, then score that one model on the test set.
rows = np.arange(len(seeds))
chosen = ce["val"].argmin(axis=1)
chosen_lambda = [lambdas[j] for j in chosen]
val_at_chosen = ce["val"][rows, chosen]
test_at_chosen = ce["test"][rows, chosen]
test_err_at_chosen = err["test"][rows, chosen]
regret = test_at_chosen - ce["test"].min(axis=1)  # vs the λ that is best on the test set
for i, seed in enumerate(seeds):
    print(
        f"split {seed}: chosen λ {chosen_lambda[i]:g} | validation CE {val_at_chosen[i]:.3f}"
        f" | test CE {test_at_chosen[i]:.3f} | test error {test_err_at_chosen[i]:.3f}"
    )
best_j = int(mean["val"].argmin())
print(f"λ with the lowest mean validation CE: {lambdas[best_j]:g}")
print(f"mean validation CE, no penalty: {mean['val'][0]:.3f}")
print(f"mean validation CE, λ = 1e-4: {mean['val'][1]:.3f}")
print(f"mean validation CE, best λ: {mean['val'][best_j]:.3f}")
print(f"mean validation CE, λ = 0.1: {mean['val'][-1]:.3f}")
print(f"mean training CE, λ = 0.1: {mean['train'][-1]:.3f}")
print(f"mean entropy of the training labels: {label_entropy.mean():.3f}")
print(f"mean test error at the chosen λ: {test_err_at_chosen.mean():.3f}")
print(f"largest test-CE regret of choosing on validation: {regret.max():.3f}")

# How optimistic is the lowest validation CE? Validation and test points are drawn the
# same way, so re-split the 400 held-out points at random, choose λ on one part and score
# it on the rest: averaged over many re-splits, the difference is selection bias alone.
rng = np.random.default_rng(SEED)
optimism, resplit_test_ce = {}, {}
for n_val in (200, 20):
    diffs, scores = [], []
    for i in range(len(seeds)):
        for _ in range(1000):
            perm = rng.permutation(400)
            v, t = perm[:n_val], perm[n_val:]
            j = held_out_ce[i][:, v].mean(axis=1).argmin()
            scores.append(held_out_ce[i][j, t].mean())
            diffs.append(scores[-1] - held_out_ce[i][j, v].mean())
    optimism[n_val], resplit_test_ce[n_val] = float(np.mean(diffs)), float(np.mean(scores))
    print(f"optimism of the best validation CE, {n_val} validation points: {optimism[n_val]:.3f}")
    print(f"held-out CE of the λ chosen on {n_val} points: {resplit_test_ce[n_val]:.3f}")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 4))
grid = lambdas[1:]  # the log axis has no 0: λ = 0 is drawn as a thin horizontal line
for ax, metric, title in [
    (ax1, ce, "Cross-entropy vs L2 strength"),
    (ax2, err, "Error vs L2 strength"),
]:
    for split, color, style, name in [
        ("train", "tab:blue", "-", "training"),
        ("val", "tab:orange", "--", "validation"),
    ]:
        m, s = metric[split].mean(axis=0), metric[split].std(axis=0)
        ax.plot(grid, m[1:], style, color=color, marker="o", label=f"{name}, mean ± std of 3")
        ax.fill_between(grid, m[1:] - s[1:], m[1:] + s[1:], color=color, alpha=0.2)
        ax.axhline(m[0], color=color, linestyle=style, linewidth=0.8, label=f"{name}, λ = 0")
    ax.axvline(lambdas[best_j], color="gray", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlabel("L2 strength λ (log scale)")
    ax.set_title(title)
ax1.set_yscale("log")
ax1.set_ylabel("cross-entropy, no penalty (log scale)")
ax1.text(0.03, 0.5, "← overfits", transform=ax1.transAxes)
ax1.text(0.97, 0.5, "underfits →", transform=ax1.transAxes, ha="right")
ax2.axhline(0.1, color="gray", linewidth=0.8, linestyle=":", label="label noise (10%)")
ax2.set_ylabel("error rate")
ax1.legend(loc="lower right", fontsize=7)
ax2.legend(loc="upper left", fontsize=7)
fig.tight_layout()
plt.show()
