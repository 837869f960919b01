"""Min-max scaling, standardization, and keras.layers.Normalization, checked against each other."""

import keras
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, StandardScaler

SEED = 0
X, y = load_breast_cancer(return_X_y=True)
X = X.astype("float32")
# Every scaler below is fitted on the training split only, then applied to the test split.
X_train, X_test = train_test_split(X, test_size=0.3, random_state=SEED)
std = X_train.std(axis=0)
print(f"raw feature std, smallest: {std.min():.4f}")
print(f"raw feature std, largest: {std.max():.1f}")

# Min-max: (x - min) / (max - min), with min and max of the training split.
minmax = MinMaxScaler().fit(X_train)
Xtr_mm, Xte_mm = minmax.transform(X_train), minmax.transform(X_test)
print(f"min-max, training split range: [{Xtr_mm.min():.2f}, {Xtr_mm.max():.2f}]")
print(f"min-max, test split minimum: {Xte_mm.min():.3f}")
print(f"min-max, test split maximum: {Xte_mm.max():.3f}")

# Standardization (z-score): (x - mean) / std, with the training split's mean and std.
standard = StandardScaler().fit(X_train)
var_ddof0 = X_train.astype("float64").var(axis=0)  # population variance, divides by n
var_ddof1 = X_train.astype("float64").var(axis=0, ddof=1)  # sample variance, n - 1
rel_sklearn_var = float(np.max(np.abs(standard.var_ / var_ddof0 - 1)))
print(f"StandardScaler.var_ vs population variance (n): {rel_sklearn_var:.1e}")

# keras.layers.Normalization: adapt() stores the mean and the variance as weights.
norm = keras.layers.Normalization(axis=-1)
norm.adapt(X_train)
stats = {w.name: w.numpy() for w in norm.weights}
weight_names = list(stats)
print("Normalization weights:", ", ".join(weight_names))
keras_var = stats["variance"]
rel_var_ddof0 = float(np.max(np.abs(keras_var / var_ddof0 - 1)))
rel_var_ddof1 = float(np.max(np.abs(keras_var / var_ddof1 - 1)))
print(f"Normalization var vs population var (n): {rel_var_ddof0:.1e}")
print(f"Normalization var vs sample var (n - 1): {rel_var_ddof1:.1e}")

z_keras = keras.ops.convert_to_numpy(norm(X_test))
z_sklearn = standard.transform(X_test)
max_diff = float(np.max(np.abs(z_keras - z_sklearn)))
print(f"max |Normalization - StandardScaler|, test split: {max_diff:.1e}")

# axis: which axes keep their own statistics. The default -1 keeps the last one: for images
# of shape (batch, height, width, channels) that is one mean and variance per channel.
images = np.random.default_rng(SEED).normal(size=(16, 8, 8, 3)).astype("float32")
per_channel, overall = keras.layers.Normalization(axis=-1), keras.layers.Normalization(axis=None)
per_channel.adapt(images)
overall.adapt(images)
mean_shapes = {
    "axis=-1": tuple(per_channel.weights[0].shape),  # weights[0] is the mean
    "axis=None": tuple(overall.weights[0].shape),
}
print(f"mean shape for images (16, 8, 8, 3), axis=-1: {mean_shapes['axis=-1']}")
print(f"mean shape for images (16, 8, 8, 3), axis=None: {mean_shapes['axis=None']}")

# invert=True maps standardized values back, with the same mean and variance.
inverse = keras.layers.Normalization(mean=stats["mean"], variance=keras_var, invert=True)
x_back = keras.ops.convert_to_numpy(inverse(z_keras))
roundtrip = float(np.max(np.abs(x_back - X_test) / (np.abs(X_test) + 1)))
print(f"invert=True round trip, max relative error: {roundtrip:.1e}")

# A feature that is constant in the training split (say, an indicator that is always 0 there).
# StandardScaler then divides by 1; Normalization divides by max(sqrt(var), 1e-7).
const_train = np.zeros((100, 1), "float32")
const_test = np.array([[0.0], [1.0]], "float32")
const_norm = keras.layers.Normalization()
const_norm.adapt(const_train)
const_keras = keras.ops.convert_to_numpy(const_norm(const_test)).ravel()
const_sklearn = StandardScaler().fit(const_train).transform(const_test).ravel()
print(f"constant feature, test value 1 -> StandardScaler: {const_sklearn[1]:g}")
print(f"constant feature, test value 1 -> Normalization: {const_keras[1]:g}")
