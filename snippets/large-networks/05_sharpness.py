"""Sharpness is not a property of the function: rescaling the layers of a ReLU network
leaves every prediction unchanged and makes the minimum as sharp as you like."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

SEED = 0
X, y = make_moons(n_samples=200, noise=0.2, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)


def make_model():
    keras.utils.set_random_seed(SEED)
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    return model


model = make_model()
data = tf.data.Dataset.from_tensor_slices((X, y)).batch(200).cache()
model.fit(data.repeat(), epochs=1, steps_per_epoch=300, verbose=0, shuffle=False)
W1, b1, W2, b2 = model.get_weights()
p_trained = model.predict_on_batch(X)


def loss(weights):
    model.set_weights(weights)
    return float(keras.losses.binary_crossentropy(y[:, 0], model.predict_on_batch(X)[:, 0]))


def sharpness(weights, sigma=0.01, draws=50):
    """Mean rise of the training loss when every weight gets Gaussian noise of std sigma."""
    rng = np.random.default_rng(SEED)  # the same noise for every rescaling
    noisy = [[w + sigma * rng.standard_normal(w.shape) for w in weights] for _ in range(draws)]
    return float(np.mean([loss(v) for v in noisy]) - loss(weights))


# relu(a z) = a relu(z) for a > 0: scaling layer 1 by a and layer 2's kernel by 1/a
# gives the same function, the same loss, and other weights.
scales = [1, 10, 100]
max_change, train_loss, sharp = {}, {}, {}
for a in scales:
    weights = [a * W1, a * b1, W2 / a, b2]
    train_loss[a] = loss(weights)
    max_change[a] = float(np.abs(model.predict_on_batch(X) - p_trained).max())
    sharp[a] = sharpness(weights)
print("scale a  max |change in prediction|  training loss  sharpness")
for a in scales:
    print(f"{a:7d}  {max_change[a]:26.1e}  {train_loss[a]:13.4f}  {sharp[a]:9.2e}")
