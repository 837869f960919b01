"""Batch normalization written out in NumPy and checked against Keras's layer."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)

# A batch of 8 examples with 3 features, deliberately not centred or scaled.
x = rng.normal(loc=[5.0, -2.0, 0.5], scale=[3.0, 0.5, 0.1], size=(8, 3)).astype("float32")

bn = keras.layers.BatchNormalization()
bn.build(x.shape)
defaults = {k: getattr(bn, k) for k in ["axis", "momentum", "epsilon", "center", "scale"]}
print("defaults:", ", ".join(f"{k}={v}" for k, v in defaults.items()))
# Give gamma and beta non-trivial values so the check covers them too.
gamma = np.array([1.5, 0.5, 2.0], dtype="float32")
beta = np.array([0.1, -0.3, 1.0], dtype="float32")
bn.gamma.assign(gamma)
bn.beta.assign(beta)
moving_mean_0 = bn.moving_mean.numpy().copy()  # initialized to 0
moving_var_0 = bn.moving_variance.numpy().copy()  # initialized to 1

# Training mode: statistics of this batch, per feature (over axis 0).
y_keras = bn(x, training=True).numpy()
mu = x.mean(axis=0)
var_biased = x.var(axis=0)  # divides by n
var_unbiased = x.var(axis=0, ddof=1)  # divides by n - 1
eps = bn.epsilon
y_biased = gamma * (x - mu) / np.sqrt(var_biased + eps) + beta
y_unbiased = gamma * (x - mu) / np.sqrt(var_unbiased + eps) + beta
err_train = float(np.max(np.abs(y_keras - y_biased)))
err_unbiased = float(np.max(np.abs(y_keras - y_unbiased)))
print(f"max |keras - by hand|, biased variance (/n): {err_train:.1e}")
print(f"max |keras - by hand|, unbiased variance (/(n-1)): {err_unbiased:.1e}")

# That one training call also moved the moving statistics, by this rule:
m = bn.momentum
expected_mean = moving_mean_0 * m + mu * (1 - m)
expected_var = moving_var_0 * m + var_biased * (1 - m)
err_moving_mean = float(np.max(np.abs(bn.moving_mean.numpy() - expected_mean)))
err_moving_var = float(np.max(np.abs(bn.moving_variance.numpy() - expected_var)))
print("moving mean after one step:", ", ".join(f"{v:.4f}" for v in bn.moving_mean.numpy()))
print(f"max |moving mean - (0.99*old + 0.01*batch mean)|: {err_moving_mean:.1e}")
print(f"max |moving var - (0.99*old + 0.01*batch var)|: {err_moving_var:.1e}")

# Inference mode: the moving statistics instead of the batch's.
y_infer = bn(x, training=False).numpy()
mm, mv = bn.moving_mean.numpy(), bn.moving_variance.numpy()
err_infer = float(np.max(np.abs(y_infer - (gamma * (x - mm) / np.sqrt(mv + eps) + beta))))
print(f"max |keras - by hand|, inference mode: {err_infer:.1e}")
print("output mean per feature (= beta):", ", ".join(f"{v:.4f}" for v in y_keras.mean(axis=0)))
# Each feature's normalized values have standard deviation sqrt(var / (var + eps)), not 1:
# epsilon matters for the third feature, whose batch variance is close to 1e-3.
x_hat_std = (y_keras - beta).std(axis=0) / gamma
expected_std = np.sqrt(var_biased / (var_biased + eps))
print("batch variance per feature:", ", ".join(f"{v:.4f}" for v in var_biased))
print("std of x_hat per feature:", ", ".join(f"{v:.4f}" for v in x_hat_std))
print("sqrt(var / (var + eps)):", ", ".join(f"{v:.4f}" for v in expected_std))
