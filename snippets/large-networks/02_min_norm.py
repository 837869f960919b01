"""Implicit regularization: gradient descent from zero on an under-determined linear
least-squares problem ends at the minimum-norm solution; from other starts, or with Adam,
it ends at another solution that fits the data as well."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
rng = np.random.default_rng(SEED)
n, d = 20, 50  # fewer equations than unknowns: infinitely many w with X w = y
X = rng.standard_normal((n, d)).astype("float32")
y = rng.standard_normal((n, 1)).astype("float32")
w_min_norm = np.linalg.pinv(X) @ y  # the solution of smallest ||w||


def make_model(init, optimizer):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    model = keras.Sequential(
        [keras.Input((d,)), keras.layers.Dense(1, use_bias=False, kernel_initializer=init)]
    )
    model.compile(optimizer=optimizer, loss="mse", steps_per_execution=100)
    return model


runs = {
    "SGD from zero": ("zeros", keras.optimizers.SGD(0.1)),
    "SGD from Glorot": ("glorot_uniform", keras.optimizers.SGD(0.1)),
    "Adam from zero": ("zeros", keras.optimizers.Adam(0.01)),
}
train_mse, distance, norm_ratio = {}, {}, {}
for label, (init, optimizer) in runs.items():
    model = make_model(init, optimizer)
    w0 = model.get_weights()[0]
    # Full batch: every step is a gradient-descent step on all 20 equations.
    data = tf.data.Dataset.from_tensor_slices((X, y)).batch(n).cache()
    model.fit(data.repeat(), epochs=1, steps_per_epoch=1000, verbose=0, shuffle=False)
    w = model.get_weights()[0]
    train_mse[label] = model.evaluate(data, verbose=0)
    distance[label] = float(np.linalg.norm(w - w_min_norm) / np.linalg.norm(w_min_norm))
    norm_ratio[label] = float(np.linalg.norm(w) / np.linalg.norm(w_min_norm))
    if label == "SGD from Glorot":
        # Theory: the minimum-norm solution plus the part of w0 that no gradient touches
        # (its projection on the null space of X).
        predicted = w_min_norm + w0 - np.linalg.pinv(X) @ (X @ w0)
        glorot_prediction_error = float(np.linalg.norm(w - predicted) / np.linalg.norm(w))

print("run              train MSE  |w - w+|/|w+|  |w|/|w+|")
for label in runs:
    print(
        f"{label:<15}  {train_mse[label]:9.1e}  {distance[label]:13.1e}  {norm_ratio[label]:8.3f}"
    )
print(f"SGD from Glorot vs w+ + null-space part of w0: {glorot_prediction_error:.1e}")
