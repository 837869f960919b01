"""L2 in the loss vs the optimizer's weight_decay: the same under SGD, not with momentum or Adam."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

SEED = 0
X, y = make_moons(n_samples=150, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
loss_fn = keras.losses.BinaryCrossentropy()

l2 = 5e-3  # L2(l2) adds l2 * sum(w**2): gradient 2 * l2 * w
wd = 2 * l2  # decoupled decay subtracts lr * wd * w: the matching constant
steps = 50


def make_model(reg=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every run
    return keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(16, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )


def train(model, optimizer):
    # The update itself is the lesson, so a plain loop of full-batch steps on what fit
    # minimizes: the data loss plus the model's penalties (model.losses).
    # No Python control flow on tensors, so no AutoGraph (it needs the source
    # file, which code pasted into a Python prompt does not have).
    @tf.function(autograph=False)
    def step():
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(X, training=True)) + sum(model.losses)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))

    for _ in range(steps):
        step()
    return [v.numpy() for v in model.trainable_variables]  # kernel, bias, kernel, bias


def decayed(optimizer):
    # kernel_regularizer leaves the biases alone; so must the decay, for a fair match.
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    return optimizer


# Each pair: a model with L2(l2) on its kernels, and a twin without a regularizer whose
# optimizer decays its kernels instead. Same initial weights, same data.
pairs = {
    "SGD": (keras.optimizers.SGD(0.1), decayed(keras.optimizers.SGD(0.1, weight_decay=wd))),
    "SGD, momentum 0.9": (
        keras.optimizers.SGD(0.1, momentum=0.9),
        decayed(keras.optimizers.SGD(0.1, momentum=0.9, weight_decay=wd)),
    ),
    "Adam vs AdamW": (
        keras.optimizers.Adam(0.01),
        decayed(keras.optimizers.AdamW(0.01, weight_decay=wd)),
    ),
}
max_diff, kernel_norms = {}, {}
for name, (opt_l2, opt_wd) in pairs.items():
    w_l2 = train(make_model(keras.regularizers.L2(l2)), opt_l2)
    w_wd = train(make_model(), opt_wd)
    max_diff[name] = max(float(np.max(np.abs(a - b))) for a, b in zip(w_l2, w_wd, strict=True))
    kernel_norms[name] = tuple(
        float(np.sqrt(np.sum(w[0] ** 2) + np.sum(w[2] ** 2))) for w in (w_l2, w_wd)
    )

print(f"{steps} full-batch steps: L2({l2:g}) in the loss vs weight_decay={wd:g}")
print("optimizer           max |w_L2 - w_wd|  ||W|| L2  ||W|| decay")
for name in pairs:
    n_l2, n_wd = kernel_norms[name]
    print(f"{name:<19} {max_diff[name]:17.1e} {n_l2:9.3f} {n_wd:12.3f}")
