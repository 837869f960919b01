"""What keras.layers.Dropout computes: inverted dropout in training, the identity at inference."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)

rate = 0.3  # the fraction of units DROPPED, not kept
layer = keras.layers.Dropout(rate)
x = np.ones((1000, 200), dtype="float32")  # 200,000 inputs, all equal to 1

y_train = layer(x, training=True).numpy()
fraction_zero = float(np.mean(y_train == 0))
survivors = np.unique(y_train[y_train != 0]).tolist()
print(f"fraction of outputs set to 0: {fraction_zero:.4f}")
print(f"values of the kept outputs: {[round(v, 6) for v in survivors]}")
print(f"1 / (1 - rate): {1 / (1 - rate):.6f}")
# The mean is kept; the variance is not: each output is 0 or x / (1 - rate), so for x = 1
# its variance is rate / (1 - rate).
mean_train, var_train = float(y_train.mean()), float(y_train.var())
print(f"mean and variance in training: {mean_train:.4f}, {var_train:.4f}")
print(f"rate / (1 - rate): {rate / (1 - rate):.4f}")

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
max_mean_error = float(np.max(np.abs(draws.mean(axis=0) - row[0])))
print(f"largest |mean over 40,000 masks - input|: {max_mean_error:.4f}")


# When is it active? The same network with and without a Dropout layer, same weights.
def make_model(rate):
    keras.utils.set_random_seed(SEED)  # the same initial weights for both
    hidden, output = keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)
    # Created after the Dense layers: a Dropout layer takes a seed from the random source
    # of the initializers when it is created (see "Where to put it").
    dropout = [keras.layers.Dropout(rate)] if rate else []
    return keras.Sequential([keras.Input((4,)), hidden, *dropout, output])


with_dropout, without = make_model(0.5), make_model(0.0)
x_small = x_rand[:16, :4]
reference = without.predict(x_small, verbose=0)
outputs = {
    "layer(x)": layer(x_rand),
    "layer(x, training=False)": layer(x_rand, training=False),
    "model(x)": with_dropout(x_small),
    "model.predict(x)": with_dropout.predict(x_small, verbose=0),
    "model(x, training=True)": with_dropout(x_small, training=True),
}
unchanged = {
    call: bool(np.array_equal(out, x_rand if call.startswith("layer") else reference))
    for call, out in outputs.items()
}
print(f"keras version: {keras.__version__}")
for call, same in unchanged.items():
    print(f"{call + ':':<26} {'no dropout' if same else 'DROPOUT'}")
