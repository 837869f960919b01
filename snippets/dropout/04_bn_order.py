"""Dropout feeding a BatchNormalization layer: the variance BN learns in training is too large."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_moons(n_samples=100, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
train_ds = tf.data.Dataset.from_tensor_slices((X, y)).batch(100).cache().repeat()

rate = 0.5
# Two Dense -> BN -> ReLU -> Dropout blocks. BN 1 sees no dropout; BN 2's input comes
# through the first block's Dropout. (momentum=0.9: the default 0.99 needs more steps
# than this short run to forget the moving variance's initial value of 1.)
model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(64, use_bias=False),
        keras.layers.BatchNormalization(momentum=0.9, name="bn1"),
        keras.layers.ReLU(),
        keras.layers.Dropout(rate),
        keras.layers.Dense(64, use_bias=False),
        keras.layers.BatchNormalization(momentum=0.9, name="bn2"),
        keras.layers.ReLU(),
        keras.layers.Dropout(rate),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=keras.optimizers.SGD(0.1, momentum=0.9),
    loss="binary_crossentropy",
    steps_per_execution=50,
)
model.fit(train_ds, epochs=1, steps_per_epoch=150, verbose=0, shuffle=False)


def bn_input(name, dropout_on):
    """What the BN layer `name` receives for the training set (20 copies of it), with the
    Dropout layers in training or inference mode; every BN layer uses its moving stats."""
    h = np.tile(X, (20, 1))
    for layer in model.layers:
        if layer.name == name:
            return h.numpy()
        on = dropout_on and isinstance(layer, keras.layers.Dropout)
        h = layer(h, training=on)


ratio_train, ratio_moving, out_std = {}, {}, {}
for name in ["bn1", "bn2"]:
    bn = model.get_layer(name)
    var_on = bn_input(name, dropout_on=True).var(axis=0)  # what BN saw in training
    var_off = bn_input(name, dropout_on=False).var(axis=0)  # what it sees at inference
    moving = bn.moving_variance.numpy()
    ratio_train[name] = float(np.mean(var_on / var_off))
    ratio_moving[name] = float(np.mean(moving / var_off))
    # At inference BN divides by sqrt(moving variance + epsilon): the standard deviation
    # of its normalized output, (x - moving mean) / sqrt(moving variance + epsilon).
    out_std[name] = float(np.mean(np.sqrt(var_off / (moving + bn.epsilon))))
# Per unit, averaged over the 64 units of each BN layer.
print("     input variance   moving variance  output std at")
print("     train / infer.   / inference      inference")
for name in ["bn1", "bn2"]:
    print(f"{name}  {ratio_train[name]:14.2f}   {ratio_moving[name]:15.2f}  {out_std[name]:13.2f}")
