"""A deep ensemble on load_digits: K networks that differ only in their seed, their
probabilities averaged, against the average single network."""

import itertools

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16).astype("float32"), y.astype("int32")
# 300 images to train on, the other 1,497 to test on (nothing is chosen on them).
X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=300, random_state=SEED)
K = 5  # members, as in most of Lakshminarayanan et al.'s experiments


def make_model(member):
    # Members differ only in their seed: initial weights and the order of the batches.
    keras.utils.set_random_seed(SEED + 100 * member)
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(1e-2),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        steps_per_execution=100,
    )
    return model


def fit(model, member):
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache()
    train = train.shuffle(len(X_train), seed=SEED + 100 * member).batch(50).repeat()
    # An "epoch" here is 100 steps of 50 images; 400 steps in all.
    model.fit(train, epochs=4, steps_per_epoch=100, verbose=0, shuffle=False)
    return model


members = [fit(make_model(m), m) for m in range(K)]
logits = np.stack([keras.ops.convert_to_numpy(m(X_test)) for m in members])  # (K, n, 10)
probs = keras.ops.convert_to_numpy(keras.ops.softmax(logits))


def ce(p):  # mean cross-entropy of predicted probabilities p on the test labels
    return float(
        np.mean(keras.ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(y_test, p)))
    )


def accuracy(p):
    return float(np.mean(p.argmax(axis=-1) == y_test))


member_ce = [ce(p) for p in probs]
member_acc = [accuracy(p) for p in probs]
# An ensemble of K members averages their probabilities (an arithmetic mean). Each size
# K is scored as the mean over all subsets of K members, not just the first K.
sizes = list(range(1, K + 1))
subsets = {k: list(itertools.combinations(range(K), k)) for k in sizes}
ens_ce = [float(np.mean([ce(probs[list(s)].mean(axis=0)) for s in subsets[k]])) for k in sizes]
ens_acc = [
    float(np.mean([accuracy(probs[list(s)].mean(axis=0)) for s in subsets[k]])) for k in sizes
]
mean_ce, mean_acc = float(np.mean(member_ce)), float(np.mean(member_acc))  # average member
p_mean = probs.mean(axis=0)  # all K members: mean of probabilities
p_geo = keras.ops.convert_to_numpy(keras.ops.softmax(logits.mean(axis=0)))  # mean of logits
geo_ce, geo_acc = ce(p_geo), accuracy(p_geo)
per_image = keras.ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(y_test, p_mean))
per_image_members = np.stack(
    [
        keras.ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(y_test, p))
        for p in probs
    ]
)
# Jensen's inequality: -log of a mean probability <= the mean of the members' -log.
images_at_or_below_members = float(np.mean(per_image <= per_image_members.mean(axis=0) + 1e-6))

print(" K  test CE  test accuracy")
for k in sizes:
    print(f"{k:2d}  {ens_ce[k - 1]:7.3f}  {ens_acc[k - 1]:13.3f}")
print(f"mean of logits, K = {K}: CE {geo_ce:.3f}, accuracy {geo_acc:.3f}")
print(f"images with ensemble CE <= members' mean: {images_at_or_below_members:.0%}")

# Disagreement: how often two members predict different classes, over all pairs.
votes = probs.argmax(axis=-1)  # (K, n)
disagreement = float(
    np.mean([np.mean(votes[a] != votes[b]) for a, b in itertools.combinations(range(K), 2)])
)
unanimous = (votes == votes[0]).all(axis=0)
ens_wrong = p_mean.argmax(axis=-1) != y_test
error_unanimous = float(ens_wrong[unanimous].mean())
error_split = float(ens_wrong[~unanimous].mean())
print(f"pairwise disagreement: {disagreement:.3f}")
print(f"test images where all {K} agree: {unanimous.mean():.3f}")
print(f"ensemble error where all agree: {error_unanimous:.3f}")
print(f"ensemble error where they split: {error_split:.3f}")

# The cost: K times the parameters, the training steps and the multiply-adds per image.
params = members[0].count_params()
macs = 64 * 64 + 64 * 10  # multiply-adds of one forward pass through one member
print(f"parameters: {params:,} each, {K * params:,} in all")
print(f"multiply-adds per image: {macs:,} each, {K * macs:,} in all")

fig, axes = plt.subplots(1, 2, figsize=(5, 2.8), layout="constrained")
axes[0].axhline(mean_ce, ls=":", color="C0", label="average single member")
axes[0].plot(sizes, ens_ce, ":s", color="C1", ms=4, label="ensemble of K")
axes[1].axhline(mean_acc, ls=":", color="C0")
axes[1].plot(sizes, ens_acc, ":s", color="C1", ms=4)
axes[0].set_ylabel("test cross-entropy")
axes[1].set_ylabel("test accuracy")
for ax in axes:
    ax.set_xlabel("members K")
    ax.set_xticks(sizes)
fig.legend(loc="outside upper center", ncols=2)
plt.show()
