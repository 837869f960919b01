"""What keras.regularizers.L2 adds to the loss, and its gradient, checked numerically."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)

l2 = 0.01
layer = keras.layers.Dense(4, kernel_regularizer=keras.regularizers.L2(l2))
layer.build((None, 3))
w = layer.kernel

# The penalty Keras collects in layer.losses: l2 * sum(w**2), no factor 1/2.
penalty = float(layer.losses[0])
by_hand = l2 * float(np.sum(w.numpy() ** 2))
print(f"layer.losses[0]: {penalty:.6f}")
print(f"l2 * sum(w**2): {by_hand:.6f}")
# Only the kernel is penalized: the bias has no regularizer unless you pass one.
n_penalties = len(layer.losses)
print("penalties collected:", n_penalties)

# Its gradient is 2 * l2 * w.
with tf.GradientTape() as tape:
    p = keras.regularizers.L2(l2)(w)
grad = tape.gradient(p, w).numpy()
max_grad_error = float(np.max(np.abs(grad - 2 * l2 * w.numpy())))
print(f"max |grad - 2*l2*w|: {max_grad_error:.1e}")

# Textbook (lam/2)*||w||^2 and PyTorch's weight_decay=lam both add lam*w to the
# gradient. In Keras that is L2(lam / 2).
lam = 0.01
with tf.GradientTape() as tape:
    p = keras.regularizers.L2(lam / 2)(w)
grad_half = tape.gradient(p, w).numpy()
max_textbook_error = float(np.max(np.abs(grad_half - lam * w.numpy())))
print(f"max |grad of L2(lam/2) - lam*w|: {max_textbook_error:.1e}")

# The string "l2" and L2() both mean l2=0.01.
default_l2 = keras.regularizers.get("l2").l2
print("L2() default:", keras.regularizers.L2().l2, "| 'l2' string:", default_l2)

# fit() minimizes the data loss plus the sum of model.losses.
model = keras.Sequential([keras.Input((3,)), layer])
model.compile(loss="mse")
x = np.ones((8, 3), "float32")
y = np.zeros((8, 4), "float32")
y_pred = model(x)
mse = float(keras.losses.MeanSquaredError()(y, y_pred))
total = float(model.compute_loss(x=x, y=y, y_pred=y_pred))
loss_minus_mse = total - mse
print(f"compute_loss - mse: {loss_minus_mse:.6f} (= the penalty)")
