"""Noise injection for tabular data: keras.layers.GaussianNoise on the noisy two moons."""

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
print(f"feature standard deviations: {X_train.std(axis=0).round(2)}")

# When is GaussianNoise active? Its call() defaults to training=False.
STDDEV = 0.2  # in input units: the same for every feature, so scale features first
noise = keras.layers.GaussianNoise(STDDEV)
x = X_train[:100]
active = {
    "noise(x, training=True)": not np.array_equal(noise(x, training=True), x),
    "noise(x, training=False)": not np.array_equal(noise(x, training=False), x),
    "noise(x), no training argument": not np.array_equal(noise(x), x),
}
for call, on in active.items():
    print(f"{call}: {'noise added' if on else 'input unchanged'}")
added_std = float(np.std(noise(np.zeros((10_000, 2)), training=True)))
print(f"std of the added noise (20,000 draws): {added_std:.3f}")

train_ds = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
val_ds = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(150).cache()


def make_model(stddev):
    layers = [keras.Input((2,))]
    if stddev:
        layers.append(keras.layers.GaussianNoise(stddev))  # new noise at every step
    layers += [
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        steps_per_execution=10,
    )
    return model


# The same initial weights for both: the noise layer has no weights of its own.
models, histories = {}, {}
for label, stddev in [("plain", 0.0), (f"GaussianNoise({STDDEV})", STDDEV)]:
    keras.utils.set_random_seed(SEED)
    models[label] = make_model(stddev)
    # 400 full-batch steps, validated every 10 steps (shuffle=False: Keras warns otherwise).
    hist = models[label].fit(
        train_ds, validation_data=val_ds, epochs=40, steps_per_epoch=10, verbose=0, shuffle=False
    )
    histories[label] = hist.history

train_ce, val_ce, val_acc = {}, {}, {}
for k, m in models.items():
    # Measured on clean inputs: evaluate() and training=False switch the noise off.
    train_ce[k] = m.evaluate(X_train, y_train, batch_size=150, verbose=0)
    val_ce[k] = m.evaluate(val_ds, verbose=0)
    val_acc[k] = float(np.mean((m(X_val, training=False).numpy() > 0.5) == y_val))
    print(f"train CE, {k}: {train_ce[k]:.3f}")
    print(f"val CE, {k}: {val_ce[k]:.3f}")
    print(f"val accuracy, {k}: {val_acc[k]:.3f}")
    print(f"training loss logged by fit, {k}: {histories[k]['loss'][-1]:.3f}")

fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), width_ratios=[1.3, 1, 1])
steps = 10 * np.arange(1, 41)
for (k, h), color in zip(histories.items(), ["tab:red", "tab:blue"], strict=True):
    axes[0].plot(steps, h["loss"], color=color, label=f"{k}, training")
    axes[0].plot(steps, h["val_loss"], color=color, linestyle="--", label=f"{k}, validation")
axes[0].set_yscale("log")
axes[0].set_xlabel("training step")
axes[0].set_ylabel("binary cross-entropy")
axes[0].set_title("Learning curves (training loss as fit logs it)")
axes[0].legend(fontsize=8)
xx, yy = np.meshgrid(np.linspace(-2, 3, 150), np.linspace(-1.6, 2.1, 150))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
boundary_cells = {}
for ax, (k, m) in zip(axes[1:], models.items(), strict=True):
    p = m(grid, training=False).numpy().reshape(xx.shape)
    # Boundary length: grid neighbours that the model puts in different classes.
    cls = p > 0.5
    boundary_cells[k] = int(np.sum(cls[1:] != cls[:-1]) + np.sum(cls[:, 1:] != cls[:, :-1]))
    ax.contourf(xx, yy, p, levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.7)
    ax.contour(xx, yy, p, levels=[0.5], colors="k", linewidths=1.2)
    ax.scatter(*X_val.T, c=y_val.ravel(), cmap="coolwarm", s=10, edgecolor="k", linewidth=0.3)
    ax.set_title(f"{k}: val CE {val_ce[k]:.2f}")
    ax.set_xlabel("$x_1$")
axes[1].set_ylabel("$x_2$")
for k, cells in boundary_cells.items():
    print(f"boundary length in grid cells, {k}: {cells}")
fig.tight_layout()
plt.show()
