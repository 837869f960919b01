"""When Keras applies a constraint: after every optimizer update, and at no other time."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
rng = np.random.default_rng(SEED)
X = rng.normal(size=(64, 8)).astype("float32")
y = (X @ rng.normal(size=(8, 1)) * 2).astype("float32")  # needs large weights to fit
c = 1.0  # MaxNorm(1): every unit's incoming weight vector must have norm <= 1


def make_model(optimizer=None):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    init = keras.initializers.RandomNormal(stddev=1.0)  # unit norms near sqrt(8) > c
    dense = keras.layers.Dense(
        4, kernel_initializer=init, kernel_constraint=keras.constraints.MaxNorm(c)
    )
    model = keras.Sequential([keras.Input((8,)), dense, keras.layers.Dense(1)])
    model.compile(optimizer=optimizer or keras.optimizers.SGD(0.01), loss="mse")
    return model


def max_unit_norm(model):
    return float(np.linalg.norm(model.layers[0].kernel.numpy(), axis=0).max())


norms = {}
model = make_model()
norms["after build"] = max_unit_norm(model)  # initializers ignore the constraint
model.predict(X, verbose=0)
model.evaluate(X, y, verbose=0)
norms["after predict, evaluate"] = max_unit_norm(model)
model.fit(X, y, epochs=1, batch_size=64, verbose=0)  # one step
norms["after 1 fit step"] = max_unit_norm(model)

# A custom training step: the projection is part of optimizer.apply (and
# apply_gradients), so it happens there too. Writing to the variable yourself skips it.
model = make_model()
optimizer = keras.optimizers.SGD(0.01)
loss_fn = keras.losses.MeanSquaredError()


@tf.function(autograph=False)  # no tensor control flow inside: no AutoGraph needed
def gradients():
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(X, training=True))
    return tape.gradient(loss, model.trainable_variables)


optimizer.apply(gradients(), model.trainable_variables)
norms["custom step, optimizer.apply"] = max_unit_norm(model)
model = make_model()
kernel_grad = gradients()[0]
model.layers[0].kernel.assign_sub(0.01 * kernel_grad)  # a hand-written SGD step
norms["custom step, kernel.assign_sub"] = max_unit_norm(model)
print(f"MaxNorm({c:g}) on a Dense kernel, largest unit norm")
for when, value in norms.items():
    print(f"  {when + ':':<33} {value:.4f}")

# Every optimizer: the projection lives in the base class (BaseOptimizer.apply).
after_step = {}
for opt in [
    keras.optimizers.SGD(0.01, momentum=0.9),
    keras.optimizers.Adam(0.1),
    keras.optimizers.RMSprop(0.1),
    keras.optimizers.AdamW(0.1),
    keras.optimizers.Lion(0.1),
]:
    model = make_model(opt)
    model.fit(X, y, epochs=5, batch_size=16, verbose=0)  # 20 steps
    after_step[type(opt).__name__] = max_unit_norm(model)
print("after 20 steps: " + ", ".join(f"{k} {v:.4f}" for k, v in after_step.items()))

# use_ema=True: the optimizer averages the weights right after its update, BEFORE the
# projection (the first step's average is the unprojected initial weights, one step
# on), and fit ends by copying that average into the model, unprojected.
model = make_model(keras.optimizers.SGD(0.01, momentum=0.9, use_ema=True))
model.fit(X, y, epochs=5, batch_size=16, verbose=0)
ema_norm = max_unit_norm(model)
print(f"SGD(use_ema=True), after fit: largest unit norm {ema_norm:.4f}")
