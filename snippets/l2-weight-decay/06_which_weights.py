"""Which weights to decay: regularizer arguments, exclude_from_weight_decay, scale invariance."""

import inspect

import keras
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)

# Where each layer takes a penalty.
for cls in [
    keras.layers.Dense,
    keras.layers.Embedding,
    keras.layers.BatchNormalization,
    keras.layers.LayerNormalization,
]:
    args = [p for p in inspect.signature(cls).parameters if p.endswith("regularizer")]
    print(f"{cls.__name__}: {', '.join(args)}")

# activity_regularizer penalizes the layer's output. This Keras (3.15) divides that
# penalty by the batch size; Keras 3 releases before a January 2026 fix do not.
dense = keras.layers.Dense(3, activity_regularizer=keras.regularizers.L2(0.01))
x = keras.random.normal((5, 4), seed=SEED)
out = dense(x)
activity_penalty = float(dense.losses[0])
activity_by_hand = 0.01 * float(np.sum(out.numpy() ** 2)) / 5
print(f"activity penalty: {activity_penalty:.6f}")
print(f"0.01 * sum(out**2) / batch size: {activity_by_hand:.6f}")

# A model with an embedding, BatchNorm and LayerNorm.
inputs = keras.Input((4,), dtype="int32")
h = keras.layers.Flatten()(keras.layers.Embedding(50, 8)(inputs))
h = keras.layers.BatchNormalization()(keras.layers.Dense(16)(h))
h = keras.layers.LayerNormalization()(keras.layers.Dense(16, activation="relu")(h))
model = keras.Model(inputs, keras.layers.Dense(1)(h))

# AdamW decays every trainable variable unless told otherwise. var_names are regular
# expressions searched in each variable's name; call this before the optimizer is built.
optimizer = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
optimizer.exclude_from_weight_decay(var_names=["bias", "gamma", "beta", "embeddings"])

# One step with zero gradients moves only what weight decay touches (Adam's own step
# is 0 for a zero gradient), so it shows which variables are decayed.
for v in model.trainable_variables:
    v.assign(tf.ones_like(v))
zeros = [tf.zeros_like(v) for v in model.trainable_variables]
optimizer.apply_gradients(zip(zeros, model.trainable_variables, strict=True))
decayed = {v.path: float(v.numpy().ravel()[0]) for v in model.trainable_variables}
for path, value in decayed.items():
    print(f"{path:>28}: {value:.2f}" + ("  <- decayed by lr*wd" if value < 1 else ""))
decayed_paths = [p for p, value in decayed.items() if value < 1]

# The names are matched as regular expressions against the variable's name, which in the
# TensorFlow backend includes the layer's name: "beta" also excludes this layer's kernel.
probe = keras.layers.Dense(2, name="beta_projection")
probe.build((None, 3))
probe_opt = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
probe_opt.exclude_from_weight_decay(var_names=["beta"])
kernel = probe.kernel
kernel.assign(tf.ones_like(kernel))
probe_opt.apply_gradients([(tf.zeros_like(kernel), kernel)])
beta_projection_decayed = bool(float(kernel[0, 0]) < 1)
print("beta_projection/kernel decayed:", beta_projection_decayed)

# A second call replaces the first: after these two calls only "gamma" is excluded.
twice = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
twice.exclude_from_weight_decay(var_names=["bias"])
twice.exclude_from_weight_decay(var_names=["gamma"])
bias = probe.bias
bias.assign(tf.ones_like(bias))
twice.apply_gradients([(tf.zeros_like(bias), bias)])
bias_decayed_after_second_call = bool(float(bias[0]) < 1)
print("bias decayed after a second call:", bias_decayed_after_second_call)

# Why a kernel followed by BatchNorm is special: scaling it changes nothing downstream
# (up to BatchNorm's epsilon), so L2 cannot make that layer simpler. It only shrinks the
# norm, and the gradient grows as the kernel shrinks: half the kernel, twice the gradient.
dense = keras.layers.Dense(16, use_bias=False)
bn = keras.layers.BatchNormalization()
x = keras.random.normal((64, 8), seed=SEED)
target = keras.random.normal((64, 16), seed=SEED + 1)
dense.build((None, 8))
outputs, grad_norms = [], []
w0 = dense.kernel.numpy()
for scale in (1.0, 0.5):
    dense.kernel.assign(scale * w0)
    with tf.GradientTape() as tape:
        out = bn(dense(x), training=True)
        loss = tf.reduce_mean((out - target) ** 2)
    outputs.append(out.numpy())
    grad_norms.append(float(tf.norm(tape.gradient(loss, dense.kernel))))
bn_output_change = float(np.max(np.abs(outputs[0] - outputs[1])))
grad_ratio = grad_norms[1] / grad_norms[0]
print(f"max output change when the kernel is halved: {bn_output_change:.1e}")
print(f"gradient norm ratio, halved kernel / original: {grad_ratio:.3f}")
