"""What keras.layers.Dropout computes: inverted dropout in training, the identity at inference."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)

rate = 0.3  # the fraction of units DROPPED, not kept
layer = keras.layers.Dropout(rate)
x = np.ones((1000, 200), dtype="float32")  # 200,000 inputs, all equal to 1

y_train = layer(x, training=True).numpy()
y_infer = layer(x, training=False).numpy()
y_default = layer(x).numpy()  # called on its own, the layer defaults to training=False

fraction_zero = float(np.mean(y_train == 0))
survivors = np.unique(y_train[y_train != 0]).tolist()
print(f"fraction of outputs set to 0: {fraction_zero:.4f}")
print(f"distinct values of the kept outputs: {[round(v, 6) for v in survivors]}")
print(f"1 / (1 - rate): {1 / (1 - rate):.6f}")
mean_train = float(y_train.mean())
print(f"mean output in training: {mean_train:.4f}")
# The mean is kept; the variance is not: each output is 0 or x / (1 - rate), so for x = 1
# its variance is rate / (1 - rate).
var_train = float(y_train.var())
print(f"variance of the output in training: {var_train:.4f}")
print(f"rate / (1 - rate): {rate / (1 - rate):.4f}")
inference_is_identity = bool(np.array_equal(y_infer, x))
default_is_identity = bool(np.array_equal(y_default, x))
print(f"inference output equals the input: {inference_is_identity}")
print(f"default call equals the input: {default_is_identity}")

# The same computation in NumPy: y = m * x / (1 - rate), with the mask m read off y
# (TensorFlow multiplies by the float32 number 1 / (1 - rate), so this matches exactly).
x_rand = np.random.default_rng(SEED).normal(size=(1000, 200)).astype("float32")
y_rand = layer(x_rand, training=True).numpy()
mask = (y_rand != 0).astype("float32")
max_formula_error = float(np.max(np.abs(y_rand - mask * x_rand * np.float32(1 / (1 - rate)))))
print(f"largest difference from m * x / (1 - rate): {max_formula_error}")

# In expectation the output equals the input: average 40,000 masks of one input row.
row = x_rand[:1, :5]
draws = layer(np.repeat(row, 40_000, axis=0), training=True).numpy()
print("input row              :", np.round(row[0], 3))
print("mean over 40,000 masks :", np.round(draws.mean(axis=0), 3))
max_mean_error = float(np.max(np.abs(draws.mean(axis=0) - row[0])))
print(f"largest difference of the mean from the input: {max_mean_error:.4f}")

# A network with Dropout, at inference, is exactly the same network without it.
with_dropout = keras.Sequential(
    [
        keras.Input((4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1),
    ]
)
without = keras.Sequential(
    [keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)]
)
without.set_weights(with_dropout.get_weights())
x_small = x_rand[:16, :4]
inference_gap = float(
    np.max(np.abs(with_dropout.predict(x_small, verbose=0) - without.predict(x_small, verbose=0)))
)
print(f"largest difference with and without Dropout, at inference: {inference_gap}")
