"""An optimizer's weight_decay also shrinks BN's gamma and beta, unless excluded."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
LR, WD = 0.1, 0.5


def one_step_with_zero_gradients(exclude):
    bn = keras.layers.BatchNormalization()
    bn.build((None, 4))
    bn.beta.assign(np.full(4, 2.0, "float32"))  # beta starts at 0; make its decay visible
    optimizer = keras.optimizers.AdamW(learning_rate=LR, weight_decay=WD)
    if exclude:
        optimizer.exclude_from_weight_decay(var_names=["gamma", "beta"])
    # With zero gradients Adam's step is 0, so only the decoupled decay acts:
    # w <- w - learning_rate * weight_decay * w.
    variables = bn.trainable_variables
    optimizer.apply_gradients([(np.zeros(v.shape, "float32"), v) for v in variables])
    return {v.name: float(v.numpy()[0]) for v in variables}


after = one_step_with_zero_gradients(exclude=False)
after_excluded = one_step_with_zero_gradients(exclude=True)
print(f"AdamW(learning_rate={LR}, weight_decay={WD}), one step, zero gradients:")
print(f"  gamma 1.0 -> {after['gamma']:.3f}, beta 2.0 -> {after['beta']:.3f}")
print(f"  expected factor 1 - lr * wd = {1 - LR * WD:.3f}")
print("with exclude_from_weight_decay(var_names=['gamma', 'beta']):")
print(f"  gamma 1.0 -> {after_excluded['gamma']:.3f}, beta 2.0 -> {after_excluded['beta']:.3f}")
