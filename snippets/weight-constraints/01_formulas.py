"""What the four Keras constraints compute, and which axis holds each unit's weights."""

import keras
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)
eps = keras.config.epsilon()  # the 1e-7 every norm-based constraint adds to the norm

# A Dense kernel has shape (input_dim, units): column j holds the weights INTO unit j,
# so axis=0 (the default) gives one norm per unit. Scale the 4 columns to norms 0.5-4.
W = rng.normal(size=(3, 4)).astype("float32")
W *= np.array([0.5, 1.5, 3.0, 4.0], dtype="float32") / np.linalg.norm(W, axis=0)


def unit_norms(w):
    return np.linalg.norm(np.asarray(w), axis=0).round(4).tolist()


constraints = {
    "MaxNorm(2)": keras.constraints.MaxNorm(max_value=2),
    "UnitNorm()": keras.constraints.UnitNorm(),
    "MinMaxNorm(1, 2)": keras.constraints.MinMaxNorm(min_value=1, max_value=2),
    "MinMaxNorm(1, 2, rate=0.5)": keras.constraints.MinMaxNorm(1, 2, rate=0.5),
}
norms_after = {name: unit_norms(c(W)) for name, c in constraints.items()}
print(f"{'unit norms before':<27} {unit_norms(W)}")
for name, norms in norms_after.items():
    print(f"{name:<27} {norms}")

# MaxNorm's formula: w * clip(n, 0, c) / (eps + n), with n the norm of each column.
n = np.linalg.norm(W, axis=0, keepdims=True)
by_hand = W * np.clip(n, 0, 2) / (eps + n)
max_formula_error = float(np.max(np.abs(constraints["MaxNorm(2)"](W) - by_hand)))
# Columns already inside the ball keep their direction and, up to eps, their length.
inside_change = float(np.max(np.abs(constraints["MaxNorm(2)"](W)[:, :2] - W[:, :2])))
nonneg = np.asarray(keras.constraints.NonNeg()(W))
print(f"largest |MaxNorm - w·clip(n, 0, c)/(eps + n)|: {max_formula_error:.1e}")
print(f"largest change of a column inside the ball: {inside_change:.1e}")
negatives = {"before": int(np.sum(W < 0)), "after NonNeg": int(np.sum(nonneg < 0))}
print(f"NonNeg: negative weights {negatives['before']} -> {negatives['after NonNeg']}")
defaults = {
    "MaxNorm": keras.constraints.MaxNorm().get_config(),
    "MinMaxNorm": keras.constraints.MinMaxNorm().get_config(),
}
print(f"defaults: MaxNorm {defaults['MaxNorm']}")
print(f"          MinMaxNorm {defaults['MinMaxNorm']}")

# Conv2D kernels have shape (rows, cols, in, out). The default axis=0 clips each column
# of 3 weights (along the rows) on its own; axis=[0, 1, 2] gives one norm per filter.
keras.utils.set_random_seed(SEED)  # the kernel's initial weights
conv = keras.layers.Conv2D(8, 3)
conv.build((None, 16, 16, 4))
K = conv.kernel.numpy() * 10  # large enough for every norm to exceed 2
n_norms = {}
largest_filter_norm = {}
print(f"Conv2D kernel {K.shape}, MaxNorm(2):")
for axis in [0, [0, 1, 2]]:
    Kc = np.asarray(keras.constraints.MaxNorm(2, axis=axis)(K))
    n_norms[str(axis)] = K.size // int(np.prod([K.shape[a] for a in np.atleast_1d(axis)]))
    # The norm of each filter: all the weights into one output channel.
    largest_filter_norm[str(axis)] = float(np.linalg.norm(Kc.reshape(-1, 8), axis=0).max())
    print(
        f"  axis={axis!s:<9} {n_norms[str(axis)]:>2} vectors clipped, "
        f"largest filter norm {largest_filter_norm[str(axis)]:.2f}"
    )

# A bias has shape (units,): axis=0 is the whole vector, so MaxNorm(2) on a bias bounds
# the norm of all the biases together, not each unit's bias.
b = np.full(16, 1.0, dtype="float32")
b_after = np.asarray(keras.constraints.MaxNorm(2)(b))
bias_norm_after = float(np.linalg.norm(b_after))
print(f"bias of 16 ones: norm {np.linalg.norm(b):.2f} -> {bias_norm_after:.2f}, ", end="")
print(f"each entry 1.00 -> {b_after[0]:.2f}")
