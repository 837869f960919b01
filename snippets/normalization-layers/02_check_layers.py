"""LayerNormalization, GroupNormalization, instance norm and RMSNormalization vs NumPy."""

import warnings

import keras
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)
N, H, W, C = 4, 5, 6, 8  # Keras images are channels-last: (batch, height, width, channels)
x = rng.normal(loc=3.0, scale=2.0, size=(N, H, W, C)).astype("float32")

print(f"{'defaults':<19} {'axis':>4} {'epsilon':>8} groups")
defaults = {}
for layer in [
    keras.layers.LayerNormalization(),
    keras.layers.GroupNormalization(),
    keras.layers.RMSNormalization(),
]:
    name = type(layer).__name__
    defaults[name] = {"axis": layer.axis, "epsilon": layer.epsilon}
    groups = getattr(layer, "groups", "")
    print(f"{name:<19} {layer.axis:>4} {layer.epsilon:>8g} {groups}")
default_groups = keras.layers.GroupNormalization().groups
try:  # the default groups=32 needs a channel count that is a multiple of 32
    keras.layers.GroupNormalization()(x)
    default_groups_error = ""
except ValueError as exc:
    default_groups_error = str(exc)
print(f"GroupNormalization() on {C} channels raises:\n  {default_groups_error}")


def normalize(v, axes, eps=1e-3):
    """(v - mean) / sqrt(var + eps) over `axes` (biased variance, as in Keras)."""
    mean = v.mean(axis=axes, keepdims=True)
    return (v - mean) / np.sqrt(v.var(axis=axes, keepdims=True) + eps)


def by_groups(v, groups, eps=1e-3):
    """Group norm: channels split into `groups` runs of C // groups neighbours; statistics
    over (H, W, the group's channels) of each example."""
    grouped = v.reshape(N, H, W, groups, C // groups)
    return normalize(grouped, (1, 2, 4), eps).reshape(v.shape)


# Random gamma and beta (set with the layers' own arguments), so the check covers them.
affine = {
    "gamma_initializer": keras.initializers.RandomNormal(1.0, 0.3, seed=SEED),
    "beta_initializer": keras.initializers.RandomNormal(0.0, 0.3, seed=SEED + 1),
}
checks = {  # the layer, and its formula in NumPy without gamma and beta
    "LayerNormalization()": (keras.layers.LayerNormalization(**affine), normalize(x, (3,))),
    "LayerNormalization(axis=[1, 2, 3])": (
        keras.layers.LayerNormalization(axis=[1, 2, 3], **affine),
        normalize(x, (1, 2, 3)),
    ),
    **{
        f"GroupNormalization(groups={g})": (
            keras.layers.GroupNormalization(groups=g, **affine),
            by_groups(x, g),
        )
        for g in (1, 2, 4)
    },
    "GroupNormalization(groups=-1)": (
        keras.layers.GroupNormalization(groups=-1, **affine),
        normalize(x, (1, 2)),
    ),
}
errors, gamma_shapes = {}, {}
print(f"{'layer':<35} {'gamma':<10} max |keras - numpy|")
for label, (layer, formula) in checks.items():
    out = layer(x).numpy()
    gamma, beta = layer.gamma.numpy(), layer.beta.numpy()
    errors[label] = float(np.abs(out - (gamma * formula + beta)).max())
    gamma_shapes[label] = list(layer.gamma.shape)
    print(f"{label:<35} {str(layer.gamma.shape):<10} {errors[label]:.1e}")
# RMSNormalization takes no initializer argument: its scale starts at 1.
rms = keras.layers.RMSNormalization()
mean_square = (x**2).mean(axis=-1, keepdims=True)
errors["RMSNormalization()"] = float(np.abs(rms(x) - x / np.sqrt(mean_square + 1e-6)).max())
print(f"{'RMSNormalization()':<35} {str(rms.scale.shape):<10} {errors['RMSNormalization()']:.1e}")
max_error = max(errors.values())
print(f"largest error: {max_error:.1e}")

instance = checks["GroupNormalization(groups=-1)"][0]
instance_groups = instance.groups
print(f"GroupNormalization(groups=-1) after build: groups={instance_groups}")

# With gamma = 1 and beta = 0, one group normalizes exactly like layer norm over (H, W, C).
gn1 = keras.layers.GroupNormalization(groups=1)(x)
ln123 = keras.layers.LayerNormalization(axis=[1, 2, 3])(x)
gn1_vs_ln = float(np.abs(gn1 - ln123).max())
print(f"max |groups=1 - LayerNormalization(axis=[1, 2, 3])|: {gn1_vs_ln:.1e}")

# Instance norm needs positions to average over. On (batch, features), as after a Dense
# layer, each group holds a single value: the output is beta, whatever the input.
features = x[:, 0, 0, :]  # shape (N, C)
flat_out = keras.layers.GroupNormalization(groups=-1)(features).numpy()
flat_std = float(flat_out.std())
print(f"groups=-1 on (batch, {C}) features: output std {flat_std:.1f}")

# LayerNormalization(rms_scaling=True) is deprecated: it warns (when constructed and when
# called), and it divides by the standard deviation, not by the root mean square.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_out = keras.layers.LayerNormalization(rms_scaling=True)(x).numpy()
rms_scaling_warns = len(caught) > 0 and all("deprecated" in str(w.message) for w in caught)
print("rms_scaling=True warns that it is deprecated:", rms_scaling_warns)
rms_scaling_vs_std = float(np.abs(old_out - x / np.sqrt(x.var(-1, keepdims=True) + 1e-3)).max())
rms_scaling_vs_rms = float(np.abs(old_out - x / np.sqrt(mean_square + 1e-3)).max())
print(f"max |rms_scaling=True - x / sqrt(var(x) + eps)|: {rms_scaling_vs_std:.1e}")
print(f"max |rms_scaling=True - x / sqrt(mean(x^2) + eps)|: {rms_scaling_vs_rms:.2f}")
