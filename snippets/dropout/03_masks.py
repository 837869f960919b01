"""Where the masks go: before or after ReLU, noise_shape, seeds, SpatialDropout2D."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

SEED = 0
keras.utils.set_random_seed(SEED)

# Before or after a ReLU: the same, since relu(m * x / (1 - rate)) = m * relu(x) / (1 - rate)
# for a mask m of 0s and 1s. (Two layers with the same seed draw the same mask.)
h = np.random.default_rng(SEED).normal(size=(8, 16)).astype("float32")
before = keras.ops.relu(keras.layers.Dropout(0.5, seed=7)(h, training=True)).numpy()
after = keras.layers.Dropout(0.5, seed=7)(keras.ops.relu(h), training=True).numpy()
relu_order_irrelevant = bool(np.array_equal(before, after))
print(f"Dropout then ReLU equals ReLU then Dropout: {relu_order_irrelevant}")

# noise_shape: one mask per (sample, feature), shared by every time step.
# None means "the input's size on that axis".
seq = np.ones((2, 4, 6), dtype="float32")  # (batch, timesteps, features)
shared = keras.layers.Dropout(0.5, noise_shape=(None, 1, 6))
out = shared(seq, training=True).numpy()
print("Dropout(0.5, noise_shape=(None, 1, 6)), sample 0, one row per time step:")
print(out[0])
same_mask_over_time = bool(np.all(out == out[:, :1, :]))
print(f"every time step has the same mask: {same_mask_over_time}")

# seed: two layers built with the same seed draw the same masks; each call draws a new one.
a, b = keras.layers.Dropout(0.5, seed=42), keras.layers.Dropout(0.5, seed=42)
v = np.ones((1, 10), dtype="float32")
first_a, first_b = a(v, training=True).numpy(), b(v, training=True).numpy()
second_a = a(v, training=True).numpy()
same_seed_same_mask = bool(np.array_equal(first_a, first_b))
new_mask_each_call = not np.array_equal(first_a, second_a)
print(f"same seed, same first mask: {same_seed_same_mask}")
print(f"second call of a layer, new mask: {new_mask_each_call}")


# Without seed=, a Dropout layer takes a seed from Python's random module when it is
# created, the source the weight initializers draw from: it changes the initial weights
# of every layer created after it. Three models, each built after the same reseed:
def make_model(rate=0.0, seed=None):
    keras.utils.set_random_seed(SEED)
    layers = [keras.Input((4,)), keras.layers.Dense(8)]
    if rate:
        layers.append(keras.layers.Dropout(rate, seed=seed))
    layers.append(keras.layers.Dense(1))  # created after the Dropout layer
    return keras.Sequential(layers)


plain = make_model()
same_initial_weights = {}
for name, seed in [("Dropout(0.5)", None), ("Dropout(0.5, seed=1)", 1)]:
    weights = make_model(0.5, seed).get_weights()
    same = all(np.array_equal(w, p) for w, p in zip(weights, plain.get_weights(), strict=True))
    same_initial_weights[name] = bool(same)
    print(f"with {name}, same initial weights as without: {same}")

# Dropout vs SpatialDropout2D on one 4x4 image with 6 channels, all ones.
img = np.ones((1, 4, 4, 6), dtype="float32")
masks = {
    "Dropout": keras.layers.Dropout(0.5)(img, training=True).numpy()[0] > 0,
    "SpatialDropout2D": keras.layers.SpatialDropout2D(0.5)(img, training=True).numpy()[0] > 0,
}
zeros_per_channel = {k: [int(np.sum(~m[:, :, c])) for c in range(6)] for k, m in masks.items()}
for k, z in zeros_per_channel.items():
    print(f"{k:>16}: zeros in each 4x4 channel: {z}")
whole_maps_only = all(z in (0, 16) for z in zeros_per_channel["SpatialDropout2D"])
print(f"SpatialDropout2D drops whole channels only: {whole_maps_only}")

# The six 4x4 channels of each mask side by side, one row per layer, a gap between.
fig, axes = plt.subplots(2, 1, figsize=(5, 2.6), layout="constrained")
cells = ListedColormap(["#bbbbbb", "C1"])  # grey: zeroed, coloured: kept
for ax, (name, m) in zip(axes, masks.items(), strict=True):
    tiles = np.full((4, 29), np.nan)  # NaN: the gaps, left blank
    for c in range(6):
        tiles[:, 5 * c : 5 * c + 4] = m[:, :, c]
    ax.imshow(tiles, cmap=cells, vmin=0, vmax=1)
    ax.set_title(name, loc="left")
    ax.set_xticks(5 * np.arange(6) + 1.5, [f"channel {c}" if c == 0 else str(c) for c in range(6)])
    ax.set_yticks([])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
fig.suptitle("Masks of a 4×4×6 input, rate 0.5 (grey: zeroed)")
plt.show()
