"""What keras.regularizers.L1 adds to the loss, and its gradient, checked numerically."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)

l1 = 0.01
layer = keras.layers.Dense(4, kernel_regularizer=keras.regularizers.L1(l1))
layer.build((None, 3))
w = layer.kernel

# The penalty Keras collects in layer.losses (and adds to the training loss).
penalty = float(layer.losses[0])
by_hand = l1 * float(np.sum(np.abs(w.numpy())))
print(f"layer.losses[0]: {penalty:.6f}")
print(f"l1 * sum(|w|):   {by_hand:.6f}")

# Its gradient with respect to each weight is l1 * sign(w).
with tf.GradientTape() as tape:
    p = keras.regularizers.L1(l1)(w)
grad = tape.gradient(p, w).numpy()
max_grad_error = float(np.max(np.abs(grad - l1 * np.sign(w.numpy()))))
print(f"max |grad - l1*sign(w)|: {max_grad_error:.1e}")
print("gradient values:", np.unique(np.round(grad, 6)))

# The string "l1" is L1() with its default strength.
default_l1 = keras.regularizers.get("l1").get_config()["l1"]
print(f"kernel_regularizer='l1' means L1({default_l1:g})")
