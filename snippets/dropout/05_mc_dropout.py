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
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", steps_per_execution=100)
model.fit(train_ds, epochs=5, steps_per_epoch=100, verbose=0, shuffle=False)

# T forward passes with dropout ON, in one call: repeat the inputs T times.
T = 200
x_grid = np.linspace(-7, 7, 281, dtype="float32").reshape(-1, 1)
samples = model(np.tile(x_grid, (T, 1)), training=True).numpy().reshape(T, -1)
mc_mean, mc_std = samples.mean(axis=0), samples.std(axis=0)
deterministic = model.predict(x_grid, verbose=0).ravel()  # dropout off

g = x_grid.ravel()
regions = {
    "data": (np.abs(g) >= 2) & (np.abs(g) <= 5),  # where there are training points
    "gap": np.abs(g) < 2,
    "beyond": np.abs(g) > 5.5,  # beyond the range of the training data
}
# The mean spread, and how often the band mean ± 2 std contains the true function.
covered = np.abs(np.sin(g) - mc_mean) <= 2 * mc_std
mc_std_in = {k: float(mc_std[r].mean()) for k, r in regions.items()}
coverage = {k: float(covered[r].mean()) for k, r in regions.items()}
print("                    data    gap  beyond")
print("mean MC std       " + "".join(f"{mc_std_in[k]:7.3f}" for k in regions))
print("sin(x) in band    " + "".join(f"{coverage[k]:7.0%}" for k in regions))
max_gap = float(np.max(np.abs(mc_mean - deterministic)))
print(f"largest |MC mean - dropout-off prediction|: {max_gap:.3f}")

fig, ax = plt.subplots(figsize=(5, 3.4), layout="constrained")
ax.axvspan(-2, 2, color="0.9", label="gap in the training data")
ax.fill_between(
    g, mc_mean - 2 * mc_std, mc_mean + 2 * mc_std, color="C1", alpha=0.3, label="MC mean ± 2 std"
)
ax.plot(g, mc_mean, color="C1", label=f"MC mean of {T} passes")
ax.plot(g, np.sin(g), "k:", label="true function, sin(x)")
ax.scatter(x_train, y_train, s=8, color="C0", label="training data")
ax.set_ylim(-3, 3)
ax.set_xlabel("x")
ax.set_ylabel("prediction")
fig.legend(loc="outside upper center", ncols=2)
plt.show()
