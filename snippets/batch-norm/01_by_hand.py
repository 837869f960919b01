"""Batch normalization written out in NumPy and checked against Keras's layer."""

import keras
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)

# A batch of 8 examples with 3 features, deliberately not centred or scaled.
x = rng.normal(loc=[5.0, -2.0, 0.5], scale=[3.0, 0.5, 0.1], size=(8, 3)).astype("float32")

config = keras.layers.BatchNormalization().get_config()
defaults = {k: config[k] for k in ["axis", "momentum", "epsilon", "center", "scale"]}
print("defaults:", ", ".join(f"{k}={v}" for k, v in defaults.items()))

# Non-trivial gamma and beta, set through the layer's arguments, so the check covers them.
gamma = np.array([1.5, 0.5, 2.0], dtype="float32")
beta = np.array([0.1, -0.3, 1.0], dtype="float32")
bn = keras.layers.BatchNormalization(
    gamma_initializer=keras.initializers.Constant(gamma),
    beta_initializer=keras.initializers.Constant(beta),
)
m, eps = bn.momentum, bn.epsilon

# Training mode: this batch's statistics, per feature (over axis 0).
y_keras = keras.ops.convert_to_numpy(bn(x, training=True))
mu = x.mean(axis=0)
var_biased = x.var(axis=0)  # divides by n
var_unbiased = x.var(axis=0, ddof=1)  # divides by n - 1
y_biased = gamma * (x - mu) / np.sqrt(var_biased + eps) + beta
y_unbiased = gamma * (x - mu) / np.sqrt(var_unbiased + eps) + beta
err_train = float(np.max(np.abs(y_keras - y_biased)))
err_unbiased = float(np.max(np.abs(y_keras - y_unbiased)))
print(f"max |keras - by hand|, biased variance (/n): {err_train:.1e}")
print(f"max |keras - by hand|, unbiased variance (/(n-1)): {err_unbiased:.1e}")

# That training-mode call also moved the moving statistics (which start at 0 and 1):
err_moving_mean = float(np.max(np.abs(bn.moving_mean.numpy() - (0 * m + mu * (1 - m)))))
err_moving_var = float(np.max(np.abs(bn.moving_variance.numpy() - (1 * m + var_biased * (1 - m)))))
print(f"max |moving mean - update rule|: {err_moving_mean:.1e}")
print(f"max |moving variance - update rule|: {err_moving_var:.1e}")

# Inference mode: the moving statistics instead of the batch's.
y_infer = keras.ops.convert_to_numpy(bn(x, training=False))
mm, mv = bn.moving_mean.numpy(), bn.moving_variance.numpy()
err_infer = float(np.max(np.abs(y_infer - (gamma * (x - mm) / np.sqrt(mv + eps) + beta))))
print(f"max |keras - by hand|, inference mode: {err_infer:.1e}")

# Each feature's normalized values have standard deviation sqrt(var / (var + eps)), not 1:
# epsilon matters for the third feature, whose batch variance is close to eps = 1e-3.
x_hat_std = (y_keras - beta).std(axis=0) / gamma
expected_std = np.sqrt(var_biased / (var_biased + eps))
print("feature  batch var  std of x_hat  sqrt(var/(var+eps))")
for j in range(3):
    print(f"{j + 1:>7}  {var_biased[j]:>9.4f}  {x_hat_std[j]:>12.4f}  {expected_std[j]:>19.4f}")
