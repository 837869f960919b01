"""Sweeping the L2 strength on the noisy moons: weight norm, validation loss, boundaries."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)
ce = keras.losses.BinaryCrossentropy()


def make_model(reg):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every strength
    return keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )


lambdas = [0.0, 1e-3, 1e-2, 1e-1]
labels = ["plain", "L2(1e-3)", "L2(1e-2)", "L2(1e-1)"]
models = {
    label: make_model(keras.regularizers.L2(lam) if lam else None)
    for label, lam in zip(labels, lambdas, strict=True)
}
# L1 at the strength the L1 page uses, on the same data, for the comparison below.
models["L1(1e-3)"] = make_model(keras.regularizers.L1(1e-3))
optimizers = {k: keras.optimizers.Adam(0.01) for k in models}
for k, model in models.items():
    # Create the optimizer's slots now, so that tf.function traces the step only once.
    optimizers[k].build(model.trainable_variables)


# An explicit graph loop (tf.while_loop, autograph=False): AutoGraph would rewrite
# `for _ in tf.range(...)` only where it can read this file's source, which code pasted
# into a Python shell does not have.
@tf.function(autograph=False)
def train(steps):
    """Full-batch Adam for all models side by side. Each minimizes what model.fit would:
    its data loss + sum(model.losses), the penalties."""

    def step(i):
        for k, model in models.items():
            with tf.GradientTape() as tape:
                loss = ce(y_train, model(X_train, training=True)) + sum(model.losses)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizers[k].apply_gradients(zip(grads, model.trainable_variables, strict=True))
        return (i + 1,)

    tf.while_loop(lambda i: i < steps, step, (tf.constant(0),))


# 400 steps as 4 calls of 100: the function is traced once and reused (TensorFlow warns
# about retracing when most calls to a tf.function trace it anew).
for _ in range(4):
    train(tf.constant(100))

weight_norm, train_ce, val_ce = {}, {}, {}
for k, m in models.items():
    weight_norm[k] = float(np.sqrt(sum(np.sum(lay.kernel.numpy() ** 2) for lay in m.layers)))
    train_ce[k] = float(ce(y_train, m(X_train)))
    val_ce[k] = float(ce(y_val, m(X_val)))
print("model      ||W||  train CE  val CE")
for k in models:
    print(f"{k:<9} {weight_norm[k]:6.2f}  {train_ce[k]:8.3f}  {val_ce[k]:6.3f}")
best_l2 = min(labels, key=val_ce.get)
print(f"best L2 strength on validation: {best_l2}")
print(f"weight norm, plain: {weight_norm['plain']:.1f}")
print(f"weight norm, L2(1e-3): {weight_norm['L2(1e-3)']:.1f}")
print(f"train CE, plain: {train_ce['plain']:.3f}")
print(f"val CE, plain: {val_ce['plain']:.3f}")
print(f"val CE, L2(1e-3): {val_ce['L2(1e-3)']:.3f}")
print(f"val CE, L2(1e-1): {val_ce['L2(1e-1)']:.3f}")

# Shrinkage vs sparsity: first-layer weights under L2(1e-3) and L1(1e-3).
first = {k: models[k].layers[0].kernel.numpy().ravel() for k in ["plain", "L2(1e-3)", "L1(1e-3)"]}
near_zero = {k: float(np.mean(np.abs(w) < 1e-3)) for k, w in first.items()}
median_abs = {k: float(np.median(np.abs(w))) for k, w in first.items()}
print(f"median |w|, plain: {median_abs['plain']:.2f}")
print(f"median |w|, L2: {median_abs['L2(1e-3)']:.2f}")
print(f"median |w|, L1: {median_abs['L1(1e-3)']:.3f}")
print(f"near-zero first-layer weights, L2: {near_zero['L2(1e-3)']:.0%}")
print(f"near-zero first-layer weights, L1: {near_zero['L1(1e-3)']:.0%}")
print(f"val CE, L1(1e-3): {val_ce['L1(1e-3)']:.3f}")

# 1) Weight norm and cross-entropy against the strength.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.6))
x = np.arange(len(lambdas))
ticks = [f"{lam:g}" for lam in lambdas]
ax1.plot(x, [weight_norm[k] for k in labels], "o-", color="tab:purple")
ax1.set_xticks(x, ticks)
ax1.set_xlabel("L2 strength λ")
ax1.set_ylabel("‖W‖ over all kernels")
ax1.set_title("Weight norm vs λ")
ax2.plot(x, [train_ce[k] for k in labels], "o-", label="training")
ax2.plot(x, [val_ce[k] for k in labels], "s--", label="validation")
ax2.set_xticks(x, ticks)
ax2.set_xlabel("L2 strength λ")
ax2.set_ylabel("cross-entropy (no penalty)")
ax2.set_title("Cross-entropy vs λ")
ax2.legend()
fig.tight_layout()
plt.show()

# 2) Decision boundaries, with the validation points.
xx, yy = np.meshgrid(np.linspace(-2, 3, 100), np.linspace(-1.6, 2.1, 100))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
fig, axes = plt.subplots(1, 4, figsize=(12, 3.3), sharey=True)
has_boundary = {}
for ax, k in zip(axes, labels, strict=True):
    p = models[k](grid).numpy().reshape(xx.shape)
    ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.7)
    has_boundary[k] = bool(p.min() < 0.5 < p.max())
    if has_boundary[k]:  # L2(1e-1) predicts one constant: there is no boundary to draw
        ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1.2)
    ax.scatter(*X_val.T, c=y_val.ravel(), cmap="coolwarm", s=8, edgecolor="k", linewidth=0.3)
    ax.set_title(f"{k}: val CE {val_ce[k]:.2f}")
    ax.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
fig.tight_layout()
plt.show()

# 3) First-layer weights: L2 shrinks them all, L1 piles many up at (almost) zero.
fig, ax = plt.subplots(figsize=(7, 3.4))
bins = np.linspace(-1.5, 1.5, 61)
for (k, w), color in zip(first.items(), ["tab:red", "tab:purple", "tab:blue"], strict=True):
    ax.hist(w, bins=bins, alpha=0.55, color=color, label=k)
ax.set_yscale("log")
ax.set_xlabel("first-layer weight value")
ax.set_ylabel("count (log scale)")
ax.set_title("First-layer weights: L2 shrinks, L1 sparsifies")
ax.legend()
plt.show()
