"""What keras.layers.MixUp and keras.layers.CutMix do to a batch of images and labels."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1)
first = [int(np.flatnonzero(y == d)[0]) for d in range(10)]
images, labels = X[first], np.eye(10, dtype="float32")[y[first]]  # digits 0-9, one-hot

# MixUp takes a dict with "images" and "labels" and returns a dict of both, mixed.
mixup = keras.layers.MixUp(alpha=0.2, seed=SEED)
out = mixup({"images": images, "labels": labels})
mixed_images, mixed_labels = out["images"].numpy(), out["labels"].numpy()
# Read the weight and the partner of each image off its label: image i is digit i, so its
# label is lam_i at i and 1 - lam_i at its partner's digit (all at i if paired with itself).
lam = mixed_labels[np.arange(10), np.arange(10)]
others = mixed_labels.copy()
others[np.arange(10), np.arange(10)] = 0
partner = np.where(others.max(axis=1) > 0, others.argmax(axis=1), np.arange(10))
rebuilt = lam[:, None, None, None] * images + (1 - lam[:, None, None, None]) * images[partner]
mixup_formula_error = float(np.max(np.abs(mixed_images - rebuilt)))
print(f"MixUp weights lam: {[round(float(v), 2) for v in lam]}")
print(f"partners: {partner.tolist()}")
print(f"largest |image - (lam x + (1 - lam) x[partner])|: {mixup_formula_error:.1e}")

# When does it mix? A layer call without training= mixes; training=False passes through.
# Inside a model, fit passes training=True, predict and evaluate training=False, and a
# bare model(x) leaves the layer's own default, training=True.
model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.MixUp(seed=SEED)])
calls = {
    "layer(data)": mixup({"images": images, "labels": labels})["images"],
    "layer(data, training=False)": mixup({"images": images, "labels": labels}, training=False)[
        "images"
    ],
    "model(x)": model(images),
    "model.predict(x)": model.predict(images, verbose=0),
}
print(f"keras version: {keras.__version__}")
mixes = {call: not np.array_equal(np.asarray(out), images) for call, out in calls.items()}
for call, changed in mixes.items():
    print(f"{call + ':':<28} {'mixes' if changed else 'unchanged'}")

# Labels must be one-hot (or soft). Class indices are averaged, or broadcast, silently.
indices = y[first].astype("float32")
as_column = mixup({"images": images, "labels": indices[:, None]})["labels"].numpy()
as_vector = mixup({"images": images, "labels": indices})["labels"].numpy()
as_column_first = [round(float(v), 2) for v in as_column[:3, 0]]
print(f"labels (10, 1) of class indices -> {as_column.shape}, first three {as_column_first}")
print(f"labels (10,) of class indices -> shape {as_vector.shape}")
sparse_vector_shape = list(as_vector.shape)


# In a tf.data pipeline: map a named function over batches (mixing needs the batch).
# With alpha = 1 a weight of 1 is all but impossible, so a label with weight 1 on the
# example's own position in the batch means "paired with itself".
pairing = keras.layers.MixUp(alpha=1.0, seed=SEED)


@tf.autograph.experimental.do_not_convert  # tf.data's map: no source for AutoGraph when pasted
def mix_batch(images, labels):
    mixed = pairing({"images": images, "labels": labels})
    return mixed["images"], mixed["labels"]


self_paired, permutations = {}, {}
for batch in [8, 64]:
    onehot = np.tile(np.eye(batch, dtype="float32"), (2000, 1))  # label = position
    tiles = np.zeros((len(onehot), 8, 8, 1), dtype="float32")
    ds = tf.data.Dataset.from_tensor_slices((tiles, onehot)).batch(batch).map(mix_batch)
    mixed = np.stack([lab.numpy() for _, lab in ds])  # (2000, batch, batch)
    own = np.diagonal(mixed, axis1=1, axis2=2)
    self_paired[batch] = float(np.mean(own > 1 - 1e-6))
    # Each batch's partners (the other position in each label) form a permutation?
    rest = mixed * (1 - np.eye(batch, dtype="float32"))
    partners = np.where(rest.max(axis=2) > 0, rest.argmax(axis=2), np.arange(batch))
    permutations[batch] = float(np.mean([len(set(p)) == batch for p in partners.tolist()]))
    print(
        f"batch {batch}: fraction mixed with itself {self_paired[batch]:.4f} (1/{batch}),"
        f" partners a permutation in {permutations[batch]:.1%} of batches"
    )

# CutMix: a box of relative side sqrt(1 - lam) from the partner; label weight of the
# partner = the box's area / the image's area. Image i is filled with the value i, so
# the pasted pixels can be counted.
batch = 256
flat = np.broadcast_to(np.arange(batch, dtype="float32")[:, None, None, None], (batch, 8, 8, 1))
cutmix = keras.layers.CutMix(factor=(1.0, 1.0), seed=SEED)  # alpha = 1: lam ~ Uniform(0, 1)
out = cutmix({"images": flat, "labels": np.eye(batch, dtype="float32")})
cut_images, cut_labels = out["images"].numpy(), out["labels"].numpy()
moved = cut_labels.diagonal() < 1 - 1e-6  # paired with another image
pasted = np.mean(cut_images != flat, axis=(1, 2, 3))[moved]  # fraction of pixels pasted
label_weight = 1 - cut_labels.diagonal()[moved]  # the partner's share of the label
cutmix_label_gap = np.abs(label_weight - pasted)
label_gap_mean, label_gap_max = float(cutmix_label_gap.mean()), float(cutmix_label_gap.max())
print(
    f"CutMix, |label weight - pasted fraction|: mean {label_gap_mean:.3f}, max {label_gap_max:.3f}"
)
print(f"CutMix() default factor: {keras.layers.CutMix().factor}")

# The mixing weights: lam ~ Beta(alpha, alpha), drawn with keras.random.beta, as the
# layers do. The share of weights within 0.1 of 0 or 1, i.e. barely mixed:
alphas = [0.2, 1.0, 4.0]
draws = {a: keras.random.beta((20_000,), a, a, seed=SEED).numpy() for a in alphas}
barely = {a: float(np.mean(np.minimum(d, 1 - d) < 0.1)) for a, d in draws.items()}
for a in alphas:
    print(f"alpha {a}: share of lam within 0.1 of 0 or 1: {barely[a]:.3f}")

# Figure 1: five digits after MixUp (top) and CutMix (bottom), with their labels.
cut = cutmix({"images": images, "labels": labels})
rows = {"MixUp(alpha=0.2)": (mixed_images, mixed_labels), "CutMix": tuple(cut.values())}
fig, axes = plt.subplots(2, 1, figsize=(5, 3.4), layout="constrained")
for ax, (name, (imgs, labs)) in zip(axes, rows.items(), strict=True):
    imgs, labs = np.asarray(imgs), np.asarray(labs)
    tiles = np.full((8, 5 * 9 - 1), np.nan)  # NaN: the gaps, left blank
    ticks = []
    for k in range(5):
        tiles[:, 9 * k : 9 * k + 8] = imgs[k, :, :, 0]
        top = np.argsort(labs[k])[::-1][:2]
        ticks.append("\n".join(f"{d}: {labs[k, d]:.2f}" for d in top if labs[k, d] > 0.005))
    ax.imshow(tiles, cmap="gray_r", vmin=0, vmax=1)
    ax.set_xticks(9 * np.arange(5) + 3.5, ticks)
    ax.set_yticks([])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_title(name, loc="left")
plt.show()

# Figure 2: the distribution of lam for three values of alpha.
fig, ax = plt.subplots(figsize=(5, 2.8), layout="constrained")
for a, color, style in zip(alphas, ["C1", "C2", "C3"], ["-", "--", ":"], strict=True):
    ax.hist(
        draws[a],
        bins=40,
        range=(0, 1),
        density=True,
        histtype="step",
        ls=style,
        color=color,
        label=f"alpha = {a}",
    )
ax.set_xlabel("mixing weight λ")
ax.set_ylabel("density")
ax.set_ylim(0, 5)
ax.legend()
plt.show()
