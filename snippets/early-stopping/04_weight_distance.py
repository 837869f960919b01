"""Why early stopping regularizes: every epoch takes the weights further from their start."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)
train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(150).cache()

# The same model and data as the run above, trained for 50 epochs without stopping.
model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="binary_crossentropy",
    metrics=[keras.metrics.BinaryCrossentropy(name="ce")],
)


def flat(weights):
    return np.concatenate([w.ravel() for w in weights])


w0 = flat(model.get_weights())
distance = []  # ||w_t - w_0||_2 over all weights, at the end of each epoch
record = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: distance.append(
        float(np.linalg.norm(flat(model.get_weights()) - w0))
    )
)
history = model.fit(
    train_ds,
    validation_data=val_ds,
    epochs=50,
    steps_per_epoch=5,
    verbose=0,
    shuffle=False,
    callbacks=[record],
).history
distance = np.array(distance)
val = np.array(history["val_ce"])
best = int(np.argmin(val))
distance_growth_monotone = float(np.mean(np.diff(distance) > 0))
print(f"best epoch (lowest val CE): {best}")
print(f"distance from w0 at the best epoch: {distance[best]:.2f}")
print(f"distance from w0 after 50 epochs: {distance[-1]:.2f}")
print(f"epochs in which the distance grew: {distance_growth_monotone:.0%}")
print(f"val CE at the best epoch: {val[best]:.3f}")
print(f"val CE after 50 epochs: {val[-1]:.3f}")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharex=True)
axes[0].plot(history["ce"], label="training CE")
axes[0].plot(val, label="validation CE")
axes[0].set_yscale("log")
axes[0].set_ylabel("binary cross-entropy")
axes[0].set_title("Learning curves (no stopping)")
axes[1].plot(distance, color="tab:purple")
axes[1].set_ylabel(r"$\|w_t - w_0\|_2$")
axes[1].set_title("Distance travelled from the initialization")
for ax in axes:
    ax.axvline(best, color="tab:green", linestyle="--", label=f"best epoch = {best}")
    ax.set_xlabel("epoch (0-based)")
    ax.legend(fontsize=8)
fig.tight_layout()
plt.show()

# A linear least-squares problem, where the link to L2 is exact enough to draw. Gradient
# descent from w = 0 for t steps of size lr, next to the ridge solutions
# argmin_w  L(w) + (alpha/2)||w||^2  with alpha = 1/(lr * t)  (Goodfellow et al., 7.8).
rng = np.random.default_rng(SEED)
A = rng.normal(size=(200, 2)) * [3.0, 0.5]  # two directions of very different curvature
b = A @ np.array([1.0, 2.0]) + rng.normal(scale=0.5, size=200)
H = A.T @ A / len(A)  # Hessian of L(w) = ||Aw - b||^2 / (2n)
g = A.T @ b / len(A)
w_star = np.linalg.solve(H, g)
lr = 0.5 / np.linalg.eigvalsh(H).max()
steps = np.unique(np.geomspace(1, 20000, 40).astype(int))
w, path, t = np.zeros(2), {}, 0
for t_target in steps:
    while t < t_target:
        w -= lr * (H @ w - g)
        t += 1
    path[t] = w.copy()
gd = np.array([path[t] for t in steps])
ridge = np.array([np.linalg.solve(H + np.eye(2) / (lr * t), g) for t in steps])
gap = np.linalg.norm(gd - ridge, axis=1) / np.linalg.norm(w_star)
print(f"largest GD-to-ridge distance, relative to the norm of w*: {gap.max():.3f}")

fig, ax = plt.subplots(figsize=(6, 4.4))
w1, w2 = np.meshgrid(np.linspace(-0.2, 1.4, 200), np.linspace(-0.3, 2.4, 200))
W = np.stack([w1.ravel(), w2.ravel()], axis=1)
loss = 0.5 * np.einsum("ij,jk,ik->i", W, H, W) - W @ g
ax.contour(
    w1, w2, loss.reshape(w1.shape), levels=20, colors="0.8", linewidths=0.7, linestyles="solid"
)
for t in [1, 5, 20, 60]:  # pair a few GD steps with their ridge counterparts
    i = int(np.searchsorted(steps, t))
    ax.plot(*np.c_[gd[i], ridge[i]], color="0.4", linewidth=0.8)
    ax.annotate(f"t={steps[i]}", gd[i], xytext=(5, -3), textcoords="offset points", fontsize=7)
ax.plot(*gd.T, "o-", ms=3, label="gradient descent, step t")
ax.plot(*ridge.T, "x--", ms=5, label=r"ridge, $\alpha = 1/(\eta t)$")
ax.plot(*w_star, "k*", ms=12, label="unregularized minimum $w^*$")
ax.plot(0, 0, "ks", ms=6, label="start $w_0 = 0$")
ax.set_xlabel("$w_1$ (high-curvature direction)")
ax.set_ylabel("$w_2$ (low-curvature direction)")
ax.set_title("Early-stopped GD vs L2 on a quadratic loss")
ax.legend(fontsize=8, loc="upper left")
fig.tight_layout()
plt.show()
