"""What keras.regularizers.L1L2 adds, its gradient, and its defaults (not those of L1/L2)."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)

l1, l2 = 0.01, 0.02
w = keras.Variable(keras.random.normal((5, 3), seed=SEED))
reg = keras.regularizers.L1L2(l1=l1, l2=l2)

with tf.GradientTape() as tape:
    penalty_tensor = reg(w)
grad = tape.gradient(penalty_tensor, w).numpy()
W = w.numpy()
penalty = float(penalty_tensor)
by_hand = l1 * np.sum(np.abs(W)) + l2 * np.sum(W**2)
max_grad_error = float(np.max(np.abs(grad - (l1 * np.sign(W) + 2 * l2 * W))))
print(f"L1L2(l1, l2)(w): {penalty:.6f}")
print(f"l1*sum|w| + l2*sum(w^2): {by_hand:.6f}")
print(f"max |grad - (l1*sign(w) + 2*l2*w)|: {max_grad_error:.1e}")

# Defaults. L1() and L2() default to 0.01; L1L2() defaults to l1=0, l2=0: no penalty.
defaults = {
    "L1()": keras.regularizers.L1().get_config(),
    "L2()": keras.regularizers.L2().get_config(),
    "L1L2()": keras.regularizers.L1L2().get_config(),
    "l1_l2()": keras.regularizers.l1_l2().get_config(),  # same class as L1L2
    "'l1l2' string": keras.regularizers.get("l1l2").get_config(),
}
for name, config in defaults.items():
    print(f"{name:>14}:", {k: round(float(v), 6) for k, v in config.items()})
default_penalty = float(keras.regularizers.L1L2()(w))
print(f"L1L2()(w): {default_penalty}")

# The docstring's kernel_regularizer="l1_l2" is not a known name in this version.
try:
    keras.layers.Dense(3, kernel_regularizer="l1_l2")
    l1_l2_string_error = ""
except ValueError as err:
    l1_l2_string_error = str(err)
print("Dense(kernel_regularizer='l1_l2'):", l1_l2_string_error or "accepted")
print("Keras version:", keras.__version__)
