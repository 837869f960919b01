"""Dropout before batch norm: the variance BN learns is not the one it sees later."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
# ReLU activations of 16 units on 1024 examples: non-negative, mean > 0.
x = np.maximum(rng.normal(loc=0.5, scale=1.0, size=(1024, 16)), 0).astype("float32")
RATE = 0.5
p = 1 - RATE  # keep probability

dropout = keras.layers.Dropout(RATE, seed=SEED)
bn = keras.layers.BatchNormalization(momentum=0.9)
# "Training": 60 steps in which BN sees dropout's training-mode output.
for _ in range(60):
    bn(dropout(x, training=True), training=True)

# Variance of what BN receives: in training mode (dropout active) vs at inference
# (dropout is the identity), against Li et al.'s formula, per unit, averaged.
c, v = x.mean(axis=0), x.var(axis=0)
var_train_measured = float(np.mean(dropout(x, training=True).numpy().var(axis=0)))
var_train_formula = float(np.mean((c**2 + v) / p - c**2))
var_inference = float(np.mean(v))
moving_var = float(np.mean(bn.moving_variance.numpy()))
print(f"variance into BN, training (dropout on): {var_train_measured:.3f}")
print(f"Li et al. formula, (mean^2 + var) / p - mean^2: {var_train_formula:.3f}")
print(f"BN moving variance after training: {moving_var:.3f}")
print(f"variance into BN, inference (dropout off): {var_inference:.3f}")

# What BN outputs: unit variance in training, less at inference (per unit, averaged).
out_train = bn(dropout(x, training=True), training=False).numpy()  # fixed stats: no update
out_infer = bn(dropout(x, training=False), training=False).numpy()
std_train = float(np.mean(out_train.std(axis=0)))
std_infer = float(np.mean(out_infer.std(axis=0)))
print(f"BN output std, dropout in training mode: {std_train:.3f}")
print(f"BN output std, inference: {std_infer:.3f}")
print(f"predicted inference std, sqrt(var / moving var): {np.sqrt(var_inference / moving_var):.3f}")
mean_shift = float(np.abs(out_train.mean(axis=0) - out_infer.mean(axis=0)).max())
print(f"largest change of a unit's mean output: {mean_shift:.3f}")
