"""Where the masks go: before or after ReLU, noise_shape, seed, SpatialDropout2D."""

import keras
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)

# Before or after a ReLU: the same, since relu(m * x / (1 - rate)) = m * relu(x) / (1 - rate)
# for a mask m of 0s and 1s. Two layers with the same seed draw the same mask.
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

# Dropout vs SpatialDropout2D on one 4x4 image with 6 channels, all ones.
img = np.ones((1, 4, 4, 6), dtype="float32")
plain = keras.layers.Dropout(0.5)(img, training=True).numpy()[0]
spatial = keras.layers.SpatialDropout2D(0.5)(img, training=True).numpy()[0]
zeros_per_channel = {
    "Dropout": [int(np.sum(plain[:, :, c] == 0)) for c in range(6)],
    "SpatialDropout2D": [int(np.sum(spatial[:, :, c] == 0)) for c in range(6)],
}
for k, z in zeros_per_channel.items():
    print(f"{k:>16}: zeros in each 4x4 channel (of 16): {z}")
whole_maps_only = all(z in (0, 16) for z in zeros_per_channel["SpatialDropout2D"])
print(f"SpatialDropout2D drops whole channels only: {whole_maps_only}")

fig, axes = plt.subplots(2, 6, figsize=(8, 3.2))
for row, (name, t) in enumerate([("Dropout", plain), ("SpatialDropout2D", spatial)]):
    for c in range(6):
        ax = axes[row, c]
        ax.imshow(t[:, :, c], cmap="Greys", vmin=0, vmax=2)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"{name}, ch {c}" if c == 0 else f"ch {c}", fontsize=9)
fig.suptitle("Zeroed entries (white) of a 4×4×6 tensor of ones, rate 0.5")
fig.tight_layout()
plt.show()
