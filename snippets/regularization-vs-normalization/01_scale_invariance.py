"""Dense -> batch norm: scaling the kernel changes nothing but the gradient."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
x = rng.normal(size=(64, 10)).astype("float32")
target_direction = rng.normal(size=(64, 16)).astype("float32")

dense = keras.layers.Dense(16, use_bias=False)
dense.build(x.shape)
w0 = dense.kernel.numpy()


def forward_and_grad(scale, bn):
    """BN output (training mode) and d(loss)/d(kernel) when the kernel is scale * w0."""
    dense.kernel.assign(scale * w0)
    with tf.GradientTape() as tape:
        out = bn(dense(x), training=True)
        loss = tf.reduce_sum(out * target_direction)  # any loss of the BN output
    return out.numpy(), tape.gradient(loss, dense.kernel).numpy()


bn = keras.layers.BatchNormalization()  # the default epsilon, 1e-3
out_1, grad_1 = forward_and_grad(1.0, bn)
out_10, grad_10 = forward_and_grad(10.0, bn)
output_change = float(np.max(np.abs(out_10 - out_1)))
grad_ratio = float(np.linalg.norm(grad_10) / np.linalg.norm(grad_1))
grad_mismatch = float(np.max(np.abs(10 * grad_10 - grad_1)) / np.max(np.abs(grad_1)))
print(f"max |output(10 w) - output(w)|: {output_change:.1e}")
# Not exactly 0 because of epsilon in sqrt(var + epsilon): with a smaller epsilon the
# invariance is tighter.
bn_small_eps = keras.layers.BatchNormalization(epsilon=1e-6)
output_change_small_eps = float(
    np.max(np.abs(forward_and_grad(10.0, bn_small_eps)[0] - forward_and_grad(1.0, bn_small_eps)[0]))
)
print(f"same, epsilon=1e-6: {output_change_small_eps:.1e}")
print(f"|grad at 10 w| / |grad at w|: {grad_ratio:.4f}")
print(f"max |10 grad(10 w) - grad(w)| / max |grad(w)|: {grad_mismatch:.1e}")

# Each output unit's kernel column can be rescaled on its own, so the gradient of each
# column is orthogonal to that column: a gradient step never shrinks the weights.
cosines = np.sum(w0 * grad_1, axis=0) / (
    np.linalg.norm(w0, axis=0) * np.linalg.norm(grad_1, axis=0)
)
max_cosine = float(np.max(np.abs(cosines)))
print(f"largest |cos(column, its gradient)|: {max_cosine:.1e}")

# An L2 penalty on that kernel sees a 100x larger value for the same function.
l2 = keras.regularizers.L2(1e-3)
penalty_ratio = float(l2(10 * w0) / l2(w0))
print(f"L2 penalty at 10 w / at w: {penalty_ratio:.1f}")
