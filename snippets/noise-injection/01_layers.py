"""What GaussianNoise, GaussianDropout and AlphaDropout compute, and when they are active."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
ones = np.ones((1000, 200), dtype="float32")  # 200,000 inputs equal to 1
z = rng.standard_normal((1000, 200)).astype("float32")  # mean 0, variance 1

# GaussianNoise(stddev): y = x + e, e ~ N(0, stddev^2). Additive, the same for every x.
stddev = 0.3
noise_out = keras.layers.GaussianNoise(stddev, seed=SEED)(ones, training=True).numpy()
noise_mean, noise_var = float(noise_out.mean()), float(noise_out.var())

# GaussianDropout(rate): y = x * g, g ~ N(1, rate / (1 - rate)). Multiplicative: the
# same mean and variance as Dropout(rate), but a Gaussian factor instead of 0 or 1/(1-rate).
rate = 0.5
gd_out = keras.layers.GaussianDropout(rate, seed=SEED)(ones, training=True).numpy()
gd_mean, gd_var = float(gd_out.mean()), float(gd_out.var())
gd_negative = float(np.mean(gd_out < 0))  # the factor g is negative sometimes

# AlphaDropout(rate) on inputs of mean 0 and variance 1 (what SELU layers produce): a
# dropped unit is set to alpha' = -scale * alpha, then y = a * x + b keeps mean 0, var 1.
q = 0.1
alpha_p = -1.0507009873554805 * 1.6732632423543772  # SELU's negative saturation value
a = ((1 - q) * (1 + q * alpha_p**2)) ** -0.5
b = -a * alpha_p * q
ad_out = keras.layers.AlphaDropout(q, seed=SEED)(z, training=True).numpy()
dropped_value = a * alpha_p + b  # what a dropped unit becomes
ad_dropped = float(np.mean(np.isclose(ad_out, dropped_value)))
ad_mean, ad_var = float(ad_out.mean()), float(ad_out.var())
do_var = float(keras.layers.Dropout(q, seed=SEED)(z, training=True).numpy().var())

print("layer                 output mean  output var  expected var")
print(f"GaussianNoise({stddev})    {noise_mean:11.4f} {noise_var:11.4f} {stddev**2:13.4f}")
print(f"GaussianDropout({rate})  {gd_mean:11.4f} {gd_var:11.4f} {rate / (1 - rate):13.4f}")
print(f"AlphaDropout({q})     {ad_mean:11.4f} {ad_var:11.4f} {1:13.4f}")
print(f"Dropout({q})          {'':11} {do_var:11.4f} {1 / (1 - q):13.4f}")
print(f"GaussianDropout({rate}): fraction of outputs < 0: {gd_negative:.4f}")
print(f"AlphaDropout({q}): a = {a:.4f}, b = {b:.4f}, dropped units set to {dropped_value:.4f}")
print(f"AlphaDropout({q}): fraction dropped: {ad_dropped:.4f}")

# AlphaDropout assumes mean 0, variance 1. After a ReLU (mean > 0) it shrinks the mean
# by the factor a * (1 - q) instead of keeping it.
r = np.maximum(z, 0)
relu_mean_ratio = float(keras.layers.AlphaDropout(q, seed=SEED)(r, training=True).numpy().mean())
relu_mean_ratio /= float(r.mean())
print(f"AlphaDropout({q}) after ReLU: output mean / input mean: {relu_mean_ratio:.4f}")
print(f"a * (1 - q): {a * (1 - q):.4f}")


# When is each layer active? One network per layer, with the same weights as a network
# without it; the noise layers are created after the Dense layers (see the pitfalls).
def make_model(noise_layer=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    hidden, output = keras.layers.Dense(8, activation="selu"), keras.layers.Dense(1)
    extra = [noise_layer] if noise_layer is not None else []
    return keras.Sequential([keras.Input((4,)), hidden, *extra, output])


x = z[:16, :4]
reference = make_model().predict(x, verbose=0)
noise_layers = {
    "GaussianNoise": keras.layers.GaussianNoise(0.5, seed=SEED),
    "GaussianDropout": keras.layers.GaussianDropout(0.5, seed=SEED),
    "AlphaDropout": keras.layers.AlphaDropout(0.5, seed=SEED),
}
noisy = {}  # call -> {layer: does the output differ from the network without noise?}
for name, noise_layer in noise_layers.items():
    model = make_model(noise_layer)
    model.compile(loss="mse")
    outputs = {
        "model(x)": model(x),
        "predict": model.predict(x, verbose=0),
        "model(x, training=True)": model(x, training=True),
    }
    for call, out in outputs.items():
        noisy.setdefault(call, {})[name] = not np.allclose(out, reference, atol=1e-6)
    # evaluate runs test_step (training=False): its loss equals the clean MSE.
    clean_mse = float(np.mean((reference - 1) ** 2))
    evaluate_mse = model.evaluate(x, np.ones((16, 1)), verbose=0)
    noisy.setdefault("evaluate", {})[name] = not np.isclose(evaluate_mse, clean_mse, rtol=1e-5)

print(f"keras version: {keras.__version__}")
print("call                     noisy? GN / GD / AD")
for call, flags in noisy.items():
    print(f"{call:<25}" + " / ".join("yes" if f else "no" for f in flags.values()))

# Keras 3 accepts GaussianNoise(stddev) only for 0 <= stddev <= 1.
try:
    keras.layers.GaussianNoise(2.0)
    stddev_above_1 = "accepted"
except ValueError:
    stddev_above_1 = "ValueError"
print(f"GaussianNoise(2.0): {stddev_above_1}")
