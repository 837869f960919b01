"""What overfitting looks like: a large MLP's training and validation curves, plain and with L2."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=500, noise=0.1, random_state=SEED)
flipped = np.random.default_rng(SEED).random(len(y)) < 0.1
y = np.where(flipped, 1 - y, y)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(l2=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    reg = keras.regularizers.L2(l2) if l2 else None
    # 2 -> 128 -> 128 -> 1: about 17,000 weights for 100 training points.
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
        loss="binary_crossentropy",  # + the L2 penalty: compare models on "ce"
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=10,
    )
    return model


def fit(model):
    # Full-batch training: every step sees all 100 points, so there is nothing to
    # shuffle. An "epoch" here is 10 steps: 40 epochs are 400 steps, validated every 10.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache().batch(100).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(200).cache()
    history = model.fit(
        train, validation_data=val, epochs=40, steps_per_epoch=10, verbose=0, shuffle=False
    )
    return {k: np.array(v) for k, v in history.history.items()}


models = {"plain": make_model(), "L2(1e-3)": make_model(1e-3)}
hist = {label: fit(model) for label, model in models.items()}
steps = 10 * np.arange(1, 41)

# A training metric in the history is the mean over the epoch's 10 steps; a validation
# metric is computed once, with the weights at the end of the epoch.
p = hist["plain"]
best = int(np.argmin(p["val_ce"]))
best_step = int(steps[best])
train_ce = {k: float(h["ce"][-1]) for k, h in hist.items()}
val_ce = {k: float(h["val_ce"][-1]) for k, h in hist.items()}
gap = {k: val_ce[k] - train_ce[k] for k in hist}
min_val_ce = float(p["val_ce"][best])
train_ce_at_best = float(p["ce"][best])
train_acc, val_acc = float(p["accuracy"][-1]), float(p["val_accuracy"][-1])
val_acc_at_best = float(p["val_accuracy"][best])
print("              plain  L2(1e-3)")
print(f"train CE     {train_ce['plain']:6.3f}  {train_ce['L2(1e-3)']:8.3f}")
print(f"val CE       {val_ce['plain']:6.3f}  {val_ce['L2(1e-3)']:8.3f}")
print(f"gap          {gap['plain']:6.3f}  {gap['L2(1e-3)']:8.3f}")
print(f"plain, lowest val CE {min_val_ce:.3f} at step {best_step}")
print(f"plain, val accuracy {val_acc_at_best:.3f} there, {val_acc:.3f} at the end")
print(f"plain, final training accuracy: {train_acc:.3f}")

# fit's validation "loss" includes the penalty too: loss - ce is exactly sum(model.losses).
penalty = float(sum(models["L2(1e-3)"].losses))
loss_minus_ce = float(hist["L2(1e-3)"]["val_loss"][-1] - hist["L2(1e-3)"]["val_ce"][-1])
print(f"L2, val_loss - val_ce: {loss_minus_ce:.4f}; sum(model.losses): {penalty:.4f}")

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(5, 5.8), sharex=True, layout="constrained")
for (label, h), color, marker in zip(hist.items(), ["C0", "C1"], ["o", "s"], strict=True):
    style = {"color": color, "marker": marker, "markevery": 4, "markersize": 4}
    ax1.plot(steps, h["ce"], "-", **style, label=f"{label}, training")
    ax1.plot(steps, h["val_ce"], "--", **style, label=f"{label}, validation")
    ax2.plot(steps, 1 - h["accuracy"], "-", **style)
    ax2.plot(steps, 1 - h["val_accuracy"], "--", **style)
for ax in (ax1, ax2):
    ax.axvline(best_step, color="0.6", linewidth=0.8)
ax1.set_yscale("log")
ax1.set_ylabel("cross-entropy\n(no penalty, log scale)")
fig.legend(loc="outside upper center", ncols=2)
ax2.axhline(0.1, color="0.6", linewidth=0.8, linestyle="-.")
ax2.text(steps[-1], 0.1, "label noise (10%)", ha="right", va="bottom")
ax2.set_ylim(bottom=0)
ax2.set_xlabel("training step")
ax2.set_ylabel("error rate")
plt.show()
