"""LayerNormalization, GroupNormalization, instance norm and RMSNormalization vs NumPy."""

import warnings

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
N, H, W, C = 4, 5, 6, 8  # Keras images are channels-last: (batch, height, width, channels)
x = rng.normal(loc=3.0, scale=2.0, size=(N, H, W, C)).astype("float32")

defaults = {}
for layer in [
    keras.layers.LayerNormalization(),
    keras.layers.GroupNormalization(),
    keras.layers.RMSNormalization(),
]:
    defaults[type(layer).__name__] = {"axis": layer.axis, "epsilon": layer.epsilon}
    print(f"{type(layer).__name__} defaults: axis={layer.axis}, epsilon={layer.epsilon}")
default_groups = keras.layers.GroupNormalization().groups
print(f"GroupNormalization default groups: {default_groups}")
try:  # the default groups=32 needs a channel count that is a multiple of 32 (and >= 32)
    keras.layers.GroupNormalization()(np.zeros((1, 4, 4, 8), "float32"))
    default_groups_error = ""
except ValueError as exc:
    default_groups_error = str(exc)
print("GroupNormalization() on 8 channels:", default_groups_error)
EPS = 1e-3  # the default epsilon of LayerNormalization and GroupNormalization


def normalize(v, axes, eps=EPS):
    """(v - mean) / sqrt(var + eps), statistics over `axes` (biased variance, as Keras)."""
    mean = v.mean(axis=axes, keepdims=True)
    var = v.var(axis=axes, keepdims=True)
    return (v - mean) / np.sqrt(var + eps)


def with_random_affine(layer):
    """Build the layer and give gamma and beta random values, so the check covers them."""
    layer.build(x.shape)
    layer.gamma.assign(rng.normal(1.0, 0.3, size=layer.gamma.shape))
    layer.beta.assign(rng.normal(0.0, 0.3, size=layer.beta.shape))
    return layer, layer.gamma.numpy(), layer.beta.numpy()


errors = {}


def check(name, keras_out, numpy_out):
    errors[name] = float(np.abs(np.asarray(keras_out) - numpy_out).max())
    print(f"max |keras - numpy|, {name}: {errors[name]:.1e}")


# LayerNormalization() with its default axis=-1: statistics over the channels of each
# (example, row, column) position separately; gamma and beta have shape (C,).
ln, g, b = with_random_affine(keras.layers.LayerNormalization())
check("LayerNormalization()", ln(x), g * normalize(x, (3,)) + b)

# Layer norm as in Ba et al. and in Wu & He's figure: over (H, W, C) of each example.
# gamma and beta then have shape (H, W, C): one per value, not one per channel.
ln_all, g, b = with_random_affine(keras.layers.LayerNormalization(axis=[1, 2, 3]))
check("LayerNormalization(axis=[1, 2, 3])", ln_all(x), g * normalize(x, (1, 2, 3)) + b)
print(f"gamma shapes: LayerNormalization() {ln.gamma.shape}, axis=[1, 2, 3] {ln_all.gamma.shape}")

# GroupNormalization: split the C channels into G groups of C // G; statistics over
# (H, W, channels of the group) of each example; gamma and beta per channel.
for groups in [1, 2, 4]:
    gn, g, b = with_random_affine(keras.layers.GroupNormalization(groups=groups))
    by_hand = normalize(x.reshape(N, H, W, groups, C // groups), (1, 2, 4)).reshape(x.shape)
    check(f"GroupNormalization(groups={groups})", gn(x), g * by_hand + b)

# Instance norm: groups=-1 becomes one group per channel when the layer is built.
inorm, g, b = with_random_affine(keras.layers.GroupNormalization(groups=-1))
check("GroupNormalization(groups=-1)", inorm(x), g * normalize(x, (1, 2)) + b)
instance_groups = inorm.groups
print(f"GroupNormalization(groups=-1) after build: groups={instance_groups} (C={C})")

# With gamma = 1 and beta = 0, one group normalizes exactly like layer norm over (H, W, C).
gn1 = keras.layers.GroupNormalization(groups=1)(x)
ln123 = keras.layers.LayerNormalization(axis=[1, 2, 3])(x)
gn1_vs_ln = float(np.abs(gn1 - ln123).max())
print(f"max |GroupNormalization(groups=1) - LayerNormalization(axis=[1, 2, 3])|: {gn1_vs_ln:.1e}")

# RMSNormalization (Zhang & Sennrich 2019): no centring, no beta: x / sqrt(mean(x^2) + eps).
rms = keras.layers.RMSNormalization()
rms.build(x.shape)
rms.scale.assign(rng.normal(1.0, 0.3, size=rms.scale.shape))
mean_square = (x**2).mean(axis=-1, keepdims=True)
check("RMSNormalization()", rms(x), x / np.sqrt(mean_square + rms.epsilon) * rms.scale.numpy())

# LayerNormalization(rms_scaling=True) is deprecated: it warns (when built and when
# called), and it divides by the standard deviation, not by the root mean square.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_out = keras.layers.LayerNormalization(rms_scaling=True)(x).numpy()
rms_scaling_warns = len(caught) > 0 and all("deprecated" in str(w.message) for w in caught)
print("LayerNormalization(rms_scaling=True) warns that it is deprecated:", rms_scaling_warns)
check(
    "rms_scaling=True vs x / sqrt(var + eps)", old_out, x / np.sqrt(x.var(-1, keepdims=True) + EPS)
)
rms_scaling_vs_rms = float(np.abs(old_out - x / np.sqrt(mean_square + EPS)).max())
print(f"max |rms_scaling=True - x / sqrt(mean(x^2) + eps)|: {rms_scaling_vs_rms:.2f}")
max_error = max(errors.values())
print(f"largest error: {max_error:.1e}")
