"""Training mode vs inference mode in BatchNormalization: who picks which, and trainable=False."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
rng = np.random.default_rng(SEED)
x = rng.normal(loc=5.0, scale=3.0, size=(64, 4)).astype("float32")
y = rng.normal(size=(64, 1)).astype("float32")

bn = keras.layers.BatchNormalization()
y_train = keras.ops.convert_to_numpy(bn(x, training=True))  # batch statistics; updates moving
y_infer = keras.ops.convert_to_numpy(bn(x, training=False))  # moving statistics, still ~(0, 1)
print(f"training=True : output mean {y_train.mean():+.3f}, std {y_train.std():.3f}")
print(f"training=False: output mean {y_infer.mean():+.3f}, std {y_infer.std():.3f}")

# trainable = False puts a BatchNormalization layer in inference mode for good: even a
# training=True call uses the moving statistics, and does not update them.
bn.trainable = False
moving_before = bn.moving_mean.numpy().copy()
frozen_out = keras.ops.convert_to_numpy(bn(x, training=True))
frozen_max_diff = float(np.max(np.abs(frozen_out - y_infer)))
frozen_stats_moved = bool(not np.array_equal(bn.moving_mean.numpy(), moving_before))
print(f"trainable=False: max |training=True output - inference| {frozen_max_diff:.1e}")
print("trainable=False: moving statistics changed:", frozen_stats_moved)

# A small regression model around one BN layer, in three variants. The targets are random:
# the point is which variables fit() changes, not a score.
VARIANTS = ["trainable", "trainable=False", "called with training=False"]


def make_model(variant):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every variant
    inputs = keras.Input((4,))
    layer = keras.layers.BatchNormalization(trainable=variant != "trainable=False")
    h = layer(inputs, training=False) if variant == "called with training=False" else layer(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(h))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", steps_per_execution=4)
    return model, layer


# A call without `training`, predict() and evaluate() all run in inference mode and
# leave the moving statistics alone.
model, layer = make_model("trainable")
reference = keras.ops.convert_to_numpy(model(x, training=False))
outputs = {
    "model(x)": keras.ops.convert_to_numpy(model(x)),
    "model.predict(x)": model.predict(x, verbose=0),
}
same_as_inference = {k: bool(np.allclose(v, reference, atol=1e-6)) for k, v in outputs.items()}
# evaluate() against the inference-mode output: a loss of 0 means inference mode.
same_as_inference["model.evaluate(x, y)"] = model.evaluate(x, reference, verbose=0) < 1e-10
moving_untouched = bool(np.all(layer.moving_mean.numpy() == 0))  # still its initial 0
for call, same in same_as_inference.items():
    print(f"{call:<21} inference mode: {same}")
print("moving statistics unchanged by them:", moving_untouched)

# Inside fit(): which of the layer's four variables change in 12 steps.
changed = {}
print("variables changed by fit     gamma  beta  mean  variance")
for variant in VARIANTS:
    model, layer = make_model(variant)
    # A new pipeline per model, cached before the shuffle: every model sees the same
    # batches. An "epoch" here is 12 steps of 16 examples, three passes over the data.
    train = tf.data.Dataset.from_tensor_slices((x, y)).cache().shuffle(64, seed=SEED)
    before = [v.numpy().copy() for v in layer.weights]  # gamma, beta, moving mean, variance
    model.fit(train.batch(16).repeat(), epochs=1, steps_per_epoch=12, verbose=0, shuffle=False)
    after = [v.numpy() for v in layer.weights]
    changed[variant] = [bool(not np.array_equal(a, b)) for a, b in zip(after, before, strict=True)]
    print(f"{variant:<27}" + "".join(f"{'yes' if c else 'no':>6}" for c in changed[variant]))
