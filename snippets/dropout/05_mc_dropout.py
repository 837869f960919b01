"""Monte Carlo dropout: keep dropout on at prediction time and read the spread of the outputs."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)

# 1-D regression with a gap: training inputs in [-5, -2] and [2, 5] only.
x_train = np.concatenate([rng.uniform(-5, -2, 40), rng.uniform(2, 5, 40)])
y_train = np.sin(x_train) + rng.normal(0, 0.1, x_train.size)
x_train = x_train.astype("float32").reshape(-1, 1)
y_train = y_train.astype("float32").reshape(-1, 1)
train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).batch(80).cache().repeat()

model = keras.Sequential(
    [
        keras.Input((1,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(1),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
model.fit(train_ds, epochs=5, steps_per_epoch=100, verbose=0, shuffle=False)

# T forward passes with dropout ON, in one call: repeat the inputs T times.
T = 200
x_grid = np.linspace(-7, 7, 281, dtype="float32").reshape(-1, 1)
samples = model(np.tile(x_grid, (T, 1)), training=True).numpy().reshape(T, -1)
mc_mean, mc_std = samples.mean(axis=0), samples.std(axis=0)
deterministic = model(x_grid).numpy().ravel()  # dropout off

g = x_grid.ravel()
in_data = (np.abs(g) >= 2) & (np.abs(g) <= 5)
in_gap = np.abs(g) < 2
outside = np.abs(g) > 5.5
std_in_data = float(mc_std[in_data].mean())
std_in_gap = float(mc_std[in_gap].mean())
std_outside = float(mc_std[outside].mean())
print(f"mean MC std where there is training data: {std_in_data:.3f}")
print(f"mean MC std in the gap (|x| < 2): {std_in_gap:.3f}")
print(f"mean MC std beyond the data (|x| > 5.5): {std_outside:.3f}")
# How often does the band mean ± 2 std contain the true function?
covered = np.abs(np.sin(g) - mc_mean) <= 2 * mc_std
coverage_data = float(covered[in_data].mean())
coverage_gap = float(covered[in_gap].mean())
coverage_outside = float(covered[outside].mean())
print(f"sin(x) inside mean ± 2 std, where there is data: {coverage_data:.0%}")
print(f"sin(x) inside mean ± 2 std, in the gap: {coverage_gap:.0%}")
print(f"sin(x) inside mean ± 2 std, beyond the data: {coverage_outside:.0%}")
print(f"max |MC mean - dropout-off prediction|: {np.max(np.abs(mc_mean - deterministic)):.3f}")

fig, ax = plt.subplots(figsize=(8, 3.8))
ax.axvspan(-2, 2, color="0.92", label="gap in the training data")
ax.fill_between(g, mc_mean - 2 * mc_std, mc_mean + 2 * mc_std, alpha=0.3, label="MC mean ± 2 std")
ax.plot(g, mc_mean, label=f"MC mean of {T} passes")
ax.plot(g, np.sin(g), "k:", linewidth=1, label="true function sin(x)")
ax.scatter(x_train, y_train, s=8, color="k", label="training data")
ax.set_ylim(-3, 3)
ax.set_xlabel("x")
ax.set_ylabel("prediction")
ax.set_title("Monte Carlo dropout: spread of 200 stochastic forward passes")
ax.legend(loc="lower left", fontsize=8, ncol=2)
plt.show()
