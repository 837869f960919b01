"""Training mode vs inference mode in BatchNormalization, and trainable=False."""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
x = rng.normal(loc=5.0, scale=3.0, size=(64, 4)).astype("float32")

bn = keras.layers.BatchNormalization()
y_train = bn(x, training=True).numpy()  # batch statistics (and updates the moving ones)
y_infer = bn(x, training=False).numpy()  # moving statistics: still close to (0, 1)
y_default = bn(x).numpy()  # no `training` argument: inference mode
print(f"training=True : output mean {y_train.mean():+.3f}, std {y_train.std():.3f}")
print(f"training=False: output mean {y_infer.mean():+.3f}, std {y_infer.std():.3f}")
default_is_inference = bool(np.array_equal(y_default, y_infer))
print("calling without `training` is inference mode:", default_is_inference)

# trainable = False switches a Keras 3 BatchNormalization layer to inference mode,
# even when it is called with training=True, and freezes its moving statistics.
bn.trainable = False
before = bn.moving_mean.numpy().copy()
y_frozen = bn(x, training=True).numpy()
frozen_max_diff = float(np.max(np.abs(y_frozen - y_infer)))
frozen_stats_moved = bool(not np.array_equal(bn.moving_mean.numpy(), before))
print(f"trainable=False, training=True: max |output - inference output| = {frozen_max_diff:.1e}")
print("trainable=False: moving mean changed:", frozen_stats_moved)

# The same inside fit(): a frozen BN layer neither learns gamma/beta nor updates its
# moving statistics. A trainable one (the control) changes all four.
y = rng.normal(size=(64, 1)).astype("float32")
changed = {}
for label, trainable in [("trainable", True), ("frozen", False)]:
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.BatchNormalization(), keras.layers.Dense(1)]
    )
    model.layers[0].trainable = trainable
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    before = [v.numpy().copy() for v in model.layers[0].weights]
    model.fit(x, y, batch_size=16, epochs=3, verbose=0)  # 12 steps
    after = [v.numpy() for v in model.layers[0].weights]
    changed[label] = [bool(not np.array_equal(a, b)) for a, b in zip(after, before, strict=True)]
    print(
        f"BN weights changed by fit, {label} (gamma, beta, moving mean, moving var):",
        changed[label],
    )
