"""Which variables an optimizer's weight_decay shrinks, and how to exclude some."""

import keras
import numpy as np

SEED = 0
LR, WD = 0.1, 0.5


def make_model():
    keras.utils.set_random_seed(SEED)  # the same initial weights for every optimizer
    return keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, bias_initializer="ones", name="dense"),
            keras.layers.BatchNormalization(beta_initializer="ones", name="bn"),
            keras.layers.Dense(8, use_bias=False, name="dense2"),
            keras.layers.RMSNormalization(name="rms"),
        ]
    )


def decay_factors(model, exclude=None):
    """Each trainable variable's norm after / before one AdamW step with zero gradients:
    Adam's step is then 0, so only the decoupled decay acts, w <- w - lr * wd * w."""
    optimizer = keras.optimizers.AdamW(learning_rate=LR, weight_decay=WD)
    if exclude:
        optimizer.exclude_from_weight_decay(var_names=exclude)
    before = [np.linalg.norm(v.numpy()) for v in model.trainable_variables]
    optimizer.apply_gradients(
        [(np.zeros(v.shape, "float32"), v) for v in model.trainable_variables]
    )
    after = [np.linalg.norm(v.numpy()) for v in model.trainable_variables]
    return {
        v.path.split("/", 1)[1]: float(a / b)
        for v, a, b in zip(model.trainable_variables, after, before, strict=True)
    }


EXCLUDED = {  # var_names passed to exclude_from_weight_decay
    "A": None,
    "B": ["bias", "gamma", "beta"],
    "C": ["bias", "gamma", "beta", "scale"],
}
factors = {run: decay_factors(make_model(), names) for run, names in EXCLUDED.items()}
print(f"AdamW(learning_rate={LR}, weight_decay={WD}): 1 - lr * wd = {1 - LR * WD:.2f}")
for run, names in EXCLUDED.items():
    print(f"{run}: var_names={names}")
print("norm after / before one step:")
print(f"{'variable':<14} {'A':>5} {'B':>5} {'C':>5}")
for name in factors["A"]:
    print(f"{name:<14}" + "".join(f" {factors[run][name]:>5.2f}" for run in EXCLUDED))
