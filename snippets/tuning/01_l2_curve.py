"""Validation curve for the L2 strength: choose λ on validation data, report the test set once."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
# The data of overfitting.md: 10% flipped labels, 100 train / 200 val / 200 test points.
X, y = make_moons(n_samples=500, noise=0.1, random_state=SEED)
flipped = np.random.default_rng(SEED).random(len(y)) < 0.1
y = np.where(flipped, 1 - y, y)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)
lambdas = [1e-4, 1e-3, 1e-2, 1e-1]  # a log grid, a decade apart


def make_model(l2):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every λ
    reg = keras.regularizers.L2(l2)
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(128, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",  # + the penalty: compare strengths on "ce"
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


def fit(model):
    # 400 full-batch Adam steps (one "epoch" of 400 steps on the 100 points), then one
    # validation pass with the final weights.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache().batch(100).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(100).cache()
    history = model.fit(
        train, validation_data=val, epochs=1, steps_per_epoch=400, verbose=0, shuffle=False
    )
    return {k: v[-1] for k, v in history.history.items()}


models, val, train = {}, {}, {}
for lam in lambdas:
    models[lam] = make_model(lam)
    val[lam] = fit(models[lam])
    # The training CE with the final weights (fit's is a mean over the 400 steps).
    train[lam] = models[lam].evaluate(X_train, y_train, batch_size=100, verbose=0, return_dict=True)
val_ce = {lam: val[lam]["val_ce"] for lam in lambdas}
val_err = {lam: 1 - val[lam]["val_accuracy"] for lam in lambdas}
train_ce = {lam: train[lam]["ce"] for lam in lambdas}
print("lambda  train CE  val CE  val error")
for lam in lambdas:
    print(f"{lam:<6g}  {train_ce[lam]:8.3f}  {val_ce[lam]:6.3f}  {val_err[lam]:9.3f}")

# Choose λ on the validation CE; then score that one model on the test set, once.
best = min(lambdas, key=val_ce.get)
best_val_ce = val_ce[best]
test = models[best].evaluate(X_test, y_test, batch_size=100, verbose=0, return_dict=True)
test_err = 1 - test["accuracy"]
print(f"chosen λ: {best:g}, val CE {best_val_ce:.3f}")
print(f"its test CE {test['ce']:.3f}, test error {test_err:.3f}")

# At λ = 0.1 the network predicts a constant: its training CE is the entropy of the labels.
q = float(y_train.mean())
label_entropy = -(q * np.log(q) + (1 - q) * np.log(1 - q))
print(f"entropy of the training labels: {label_entropy:.3f}")
# The string shortcut kernel_regularizer="l2" is L2 at its class default strength.
default_l2 = keras.regularizers.get("l2").l2
print(f"strength of kernel_regularizer='l2': {default_l2:g}")

# How optimistic is the lowest validation CE? Validation and test points are drawn the
# same way, so pool the 400 held-out points, re-split them at random, choose λ on one
# part and score it on the rest: averaged over re-splits, the difference is selection
# bias alone.
X_held, y_held = np.concatenate([X_val, X_test]), np.concatenate([y_val, y_test])
point_ce = np.stack(  # each held-out point's CE under each λ: shape (4, 400)
    [keras.losses.binary_crossentropy(y_held, m(X_held)).numpy() for m in models.values()]
)
rng = np.random.default_rng(SEED)
optimism, resplit_ce = {}, {}
for n_val in (200, 20):
    gaps, scores = [], []
    for _ in range(2000):
        perm = rng.permutation(len(y_held))
        v, t = perm[:n_val], perm[n_val:]
        j = point_ce[:, v].mean(axis=1).argmin()  # the λ chosen on these n_val points
        scores.append(point_ce[j, t].mean())
        gaps.append(scores[-1] - point_ce[j, v].mean())
    optimism[n_val], resplit_ce[n_val] = float(np.mean(gaps)), float(np.mean(scores))
print("val points  optimism  CE of the choice on new points")
for n_val in optimism:
    print(f"{n_val:10d}  {optimism[n_val]:8.3f}  {resplit_ce[n_val]:8.3f}")

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5, 5.2), sharex=True, layout="constrained")
for ax, tr, va, te in [
    (ax1, list(train_ce.values()), list(val_ce.values()), test["ce"]),
    (ax2, [1 - train[lam]["accuracy"] for lam in lambdas], list(val_err.values()), test_err),
]:
    ax.plot(lambdas, tr, "o-", color="C1", label="training")
    ax.plot(lambdas, va, "s--", color="C1", label="validation")
    ax.plot(best, te, "*", color="C2", markersize=12, label="test, chosen λ")
    ax.axvline(best, color="0.6", linewidth=0.8)
    ax.set_xscale("log")
ax1.set_ylabel("cross-entropy\n(no penalty)")
ax1.legend()
ax2.axhline(0.1, color="0.6", linewidth=0.8, linestyle="-.")
ax2.text(1e-4, 0.1, "label noise (10%)", va="bottom")
for ax in (ax1, ax2):
    ax.set_ylim(bottom=0)
ax2.set_ylabel("error rate")
ax2.set_xlabel("L2 strength λ (log scale)")
plt.show()
