"""L2 in the loss vs the optimizer's weight_decay: the same under SGD, not with momentum or Adam."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

SEED = 0
X, y = make_moons(n_samples=150, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
ce = keras.losses.BinaryCrossentropy()

l2 = 5e-3  # L2(l2) adds l2 * sum(w**2): gradient 2 * l2 * w
wd = 2 * l2  # decoupled decay subtracts lr * wd * w, so this is the matching constant
steps = 100


def make_model(reg=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every run
    return keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )


def decayed(optimizer):
    # kernel_regularizer leaves the biases alone; so must the decay, for a fair match.
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    return optimizer


pairs = {
    "SGD": (
        keras.optimizers.SGD(0.1),
        decayed(keras.optimizers.SGD(0.1, weight_decay=wd)),
    ),
    "SGD with momentum 0.9": (
        keras.optimizers.SGD(0.1, momentum=0.9),
        decayed(keras.optimizers.SGD(0.1, momentum=0.9, weight_decay=wd)),
    ),
    "Adam vs AdamW": (
        keras.optimizers.Adam(0.01),
        decayed(keras.optimizers.AdamW(0.01, weight_decay=wd)),
    ),
}
# For each pair: a model with L2(l2) on its kernels, and a twin without a regularizer
# whose optimizer decays the kernels instead. Same initial weights, same data.
runs = []
for opt_l2, opt_wd in pairs.values():
    runs += [(make_model(keras.regularizers.L2(l2)), opt_l2), (make_model(), opt_wd)]
for model, optimizer in runs:
    optimizer.build(model.trainable_variables)  # so that tf.function traces only once


# An explicit graph loop (tf.while_loop, autograph=False): AutoGraph would rewrite
# `for _ in tf.range(...)` only where it can read this file's source, which code pasted
# into a Python shell does not have.
@tf.function(autograph=False)
def train(n):
    def step(i):
        for model, optimizer in runs:
            with tf.GradientTape() as tape:
                loss = ce(y, model(X, training=True)) + sum(model.losses)
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        return (i + 1,)

    tf.while_loop(lambda i: i < n, step, (tf.constant(0),))


for _ in range(4):  # 4 calls of 25 steps: traced once, then reused
    train(tf.constant(steps // 4))

max_diff, kernel_norms = {}, {}
for i, name in enumerate(pairs):
    (m_l2, _), (m_wd, _) = runs[2 * i], runs[2 * i + 1]
    w_l2 = [v.numpy() for v in m_l2.trainable_variables]
    w_wd = [v.numpy() for v in m_wd.trainable_variables]
    max_diff[name] = max(float(np.max(np.abs(a - b))) for a, b in zip(w_l2, w_wd, strict=True))
    kernel_norms[name] = (
        float(np.sqrt(np.sum(w_l2[0] ** 2) + np.sum(w_l2[2] ** 2))),
        float(np.sqrt(np.sum(w_wd[0] ** 2) + np.sum(w_wd[2] ** 2))),
    )

print(f"after {steps} full-batch steps, L2({l2:g}) in the loss vs weight_decay={wd:g}")
for name, d in max_diff.items():
    print(f"max |w_L2 - w_wd|, {name}: {d:.1e}")
for name, (n_l2, n_wd) in kernel_norms.items():
    print(f"||W|| L2 / decay, {name}: {n_l2:.2f} / {n_wd:.2f}")
