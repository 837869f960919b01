"""Noise on inputs, on units and on weights, on a network that overfits the noisy moons."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=700, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=100, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


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


def make_model(variant):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    if variant == "DropConnect(0.5)":
        hidden = [DropConnectDense(32, 0.5, "relu", seed=SEED + i) for i in range(2)]
    else:
        hidden = [keras.layers.Dense(32, activation="relu") for _ in range(2)]
    layers = [hidden[0], hidden[1]]
    if variant == "GaussianNoise(0.2)":  # on the inputs: Bishop's setting
        layers = [keras.layers.GaussianNoise(0.2, seed=SEED), *layers]
    if variant == "GaussianDropout(0.5)":  # after each hidden activation
        layers = [hidden[0], keras.layers.GaussianDropout(0.5, seed=SEED)]
        layers += [hidden[1], keras.layers.GaussianDropout(0.5, seed=SEED + 1)]
    model = keras.Sequential([keras.Input((2,)), *layers, keras.layers.Dense(1, "sigmoid")])
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=50,
    )
    return model


def fit(model):
    # Full batch: every step sees all 100 training points. An "epoch" is 50 steps.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(100).cache().repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    return model.fit(
        train, validation_data=val, epochs=8, steps_per_epoch=50, verbose=0, shuffle=False
    ).history


variants = ["plain", "GaussianNoise(0.2)", "GaussianDropout(0.5)", "DropConnect(0.5)"]
models = {v: make_model(v) for v in variants}
histories = {v: fit(m) for v, m in models.items()}
val_ce = {v: h["val_ce"][-1] for v, h in histories.items()}
best_val_ce = {v: min(h["val_ce"]) for v, h in histories.items()}
train_ce = {  # the final weights, noise off (evaluate runs in inference mode)
    v: m.evaluate(X_train, y_train, verbose=0, return_dict=True)["ce"] for v, m in models.items()
}
test = {v: m.evaluate(X_test, y_test, verbose=0, return_dict=True) for v, m in models.items()}
test_ce = {v: t["ce"] for v, t in test.items()}
print("after 400 steps        train CE  val CE  test CE")
for v in variants:
    print(f"{v:<21} {train_ce[v]:9.3f} {val_ce[v]:7.3f} {test_ce[v]:8.3f}")

fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
steps = 50 * np.arange(1, 9)
for v, color, marker in zip(variants, ["C0", "C1", "C2", "C3"], "os^D", strict=True):
    ax.plot(steps, histories[v]["val_ce"], "--", color=color, marker=marker, label=v)
ax.set_xticks([100, 200, 300, 400])
ax.set_xlabel("training step")
ax.set_ylabel("validation cross-entropy")
ax.legend()
plt.show()
