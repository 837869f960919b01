"""DropConnect: a Dense layer that drops weights, not units, with a new mask per example."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)


class DropConnectDense(keras.layers.Layer):
    """Dense layer whose kernel entries are dropped with probability `rate` in training,
    one mask per example (Wan et al., 2013), kept ones scaled by 1 / (1 - rate)."""

    def __init__(self, units, rate, activation=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.units, self.rate = units, rate
        self.activation = keras.activations.get(activation)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel"
        )
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs, training=False):
        if not training or self.rate == 0:
            return self.activation(inputs @ self.kernel + self.bias)  # the mean weights
        shape = (keras.ops.shape(inputs)[0], *self.kernel.shape)  # (batch, in, out)
        keep = keras.random.uniform(shape, seed=self.seed_generator) >= self.rate
        kernels = keras.ops.where(keep, self.kernel / (1 - self.rate), 0.0)
        return self.activation(keras.ops.einsum("bi,bio->bo", inputs, kernels) + self.bias)

    def get_config(self):
        activation = keras.activations.serialize(self.activation)
        config = {"units": self.units, "rate": self.rate, "activation": activation}
        return {**super().get_config(), **config, "seed": self.seed}


rate = 0.5
layer = DropConnectDense(16, rate, seed=SEED)
dense = keras.layers.Dense(16)  # a plain Dense layer with the same weights
x = np.random.default_rng(SEED).standard_normal((4000, 8)).astype("float32")
layer.build(x.shape)
dense.build(x.shape)
dense.set_weights(layer.get_weights())

# One example, the input all ones: each output j is then the sum of its kept kernel
# column, so a dropped weight shows up as a missing term. Read the masks off a one-hot input.
eye = np.eye(8, dtype="float32")
w = layer.kernel.numpy()
masked = np.stack([layer(eye[i : i + 1].repeat(500, 0), training=True).numpy() for i in range(8)])
# masked[i, b, j] = m_b[i, j] * w[i, j] / (1 - rate): zero or exactly the scaled weight
fraction_dropped = float(np.mean(masked == 0))
expected = np.where(masked != 0, (w / (1 - rate))[:, None, :], 0.0)
max_kept_error = float(np.max(np.abs(masked - expected)))
# A new mask for every example of the batch: two rows of the same input differ.
rows_differ = float(np.mean(np.any(masked[:, 0] != masked[:, 1], axis=1)))

y_dense = dense(x).numpy()
infer_equals_dense = bool(np.allclose(layer(x).numpy(), y_dense, atol=1e-6))
# The pre-activation's mean over masks is the Dense output (the scaling makes it so).
many = np.repeat(x[:5], 20_000, axis=0)
mc_mean = layer(many, training=True).numpy().reshape(5, 20_000, 16).mean(axis=1)
max_mean_error = float(np.max(np.abs(mc_mean - y_dense[:5])))
std_scale = float(np.std(y_dense[:5]))
print(f"fraction of weights dropped: {fraction_dropped:.4f}")
print(f"kept weights equal w / (1 - rate): max error {max_kept_error:.1e}")
print(f"examples of one batch with different masks: {rows_differ:.0%}")
print(f"layer(x) equals Dense with the same weights: {infer_equals_dense}")
print(f"max |mean over 20,000 masks - Dense output|: {max_mean_error:.4f}")
print(f"(std of the Dense outputs: {std_scale:.3f})")
