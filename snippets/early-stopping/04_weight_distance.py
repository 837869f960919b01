"""Why early stopping regularizes: every epoch takes the weights further from their start."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=1200, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# The data and the model of the full-batch run above (the test points are not used here).
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=300, random_state=SEED)
X_val, _, y_val, _ = train_test_split(X_rest, y_rest, train_size=400, random_state=SEED)


def make_model():
    keras.utils.set_random_seed(SEED)
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
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=5,
    )
    return model


def flat(weights):
    return np.concatenate([w.ravel() for w in weights])


model = make_model()
w0 = flat(model.get_weights())
distance = []  # ||w_t - w_0||_2 over all weights, at the end of each epoch
record = keras.callbacks.LambdaCallback(
    on_epoch_end=lambda epoch, logs: distance.append(np.linalg.norm(flat(model.get_weights()) - w0))
)
# Full batch: an "epoch" here is 5 steps on all 300 training points.
train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
train = train.cache().shuffle(300, seed=SEED).batch(300).repeat()
val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(400).cache()
history = model.fit(
    train,
    validation_data=val,
    epochs=50,
    steps_per_epoch=5,
    callbacks=[record],
    verbose=0,
    shuffle=False,
).history
val_ce = history["val_ce"]
lowest = int(np.argmin(val_ce))
print(f"epoch of the lowest val CE: {lowest}")
print(f"distance from w0 at that epoch: {distance[lowest]:.2f}")
print(f"distance from w0 after 50 epochs: {distance[-1]:.2f}")
print(f"val CE at that epoch: {val_ce[lowest]:.3f}")
print(f"val CE after 50 epochs: {val_ce[-1]:.3f}")

fig, axes = plt.subplots(2, 1, figsize=(5, 5), sharex=True, layout="constrained")
axes[0].plot(history["ce"], color="C0", label="training")
axes[0].plot(val_ce, color="C0", linestyle="--", label="validation")
axes[0].set_ylim(0, None)
axes[0].set_ylabel("cross-entropy")
axes[0].legend(loc="upper right")
axes[1].plot(distance, color="C0")
axes[1].set_ylim(0, None)
axes[1].set_ylabel(r"$\|w_t - w_0\|_2$")
axes[1].set_xlabel("epoch (0-based)")
for ax in axes:
    ax.axvline(lowest, color="C1", linestyle="-.", linewidth=1.2)
axes[0].annotate(
    "lowest validation CE",
    (lowest, 1),
    xycoords=("data", "axes fraction"),
    xytext=(4, -2),
    textcoords="offset points",
    va="top",
)
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
print(f"largest GD-to-ridge distance / norm of w*: {gap.max():.3f}")

fig, ax = plt.subplots(figsize=(5, 4), layout="constrained")
w1, w2 = np.meshgrid(np.linspace(-0.2, 1.4, 200), np.linspace(-0.3, 2.4, 200))
W = np.stack([w1.ravel(), w2.ravel()], axis=1)
loss = 0.5 * np.einsum("ij,jk,ik->i", W, H, W) - W @ g
ax.contour(w1, w2, loss.reshape(w1.shape), levels=15, colors="0.8", linewidths=0.7)
for t in [1, 5, 20, 60]:  # pair a few GD steps with their ridge counterparts
    i = int(np.searchsorted(steps, t))
    ax.plot(*np.c_[gd[i], ridge[i]], color="0.5", linewidth=0.8)
    ax.annotate(f"t={steps[i]}", gd[i], xytext=(6, -4), textcoords="offset points")
ax.plot(*gd.T, "o-", color="C0", ms=3, label="gradient descent, t steps")
ax.plot(*ridge.T, "x--", color="C1", ms=5, label=r"ridge, $\alpha = 1/(\eta t)$")
ax.plot(*w_star, "*", color="C2", ms=12, label="minimum $w^*$")
ax.set_xlabel("$w_1$ (high curvature)")
ax.set_ylabel("$w_2$ (low curvature)")
ax.legend(loc="upper left")
plt.show()
