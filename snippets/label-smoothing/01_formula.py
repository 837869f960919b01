"""What label_smoothing does to the targets of each Keras cross-entropy, checked by hand."""

import inspect

import keras
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)
K, eps = 10, 0.1  # classes, smoothing
y = rng.integers(0, K, size=64)  # integer labels
z = rng.normal(0, 3, size=(64, K)).astype("float32")  # logits
p = keras.ops.convert_to_numpy(keras.ops.softmax(z))  # probabilities

# Categorical: the target becomes q = y·(1 - ε) + ε/K, then the usual -Σ q·log p.
onehot = np.eye(K, dtype="float32")[y]
q = onehot * (1 - eps) + eps / K
by_hand = -(q * np.log(p)).sum(axis=1).mean()
cce = keras.losses.CategoricalCrossentropy(label_smoothing=eps)
cce_logits = keras.losses.CategoricalCrossentropy(label_smoothing=eps, from_logits=True)
err_cce = abs(float(cce(onehot, p)) - by_hand) / by_hand
err_cce_logits = abs(float(cce_logits(onehot, z)) - by_hand) / by_hand
# On probabilities Keras clips p to [1e-7, 1 - 1e-7] before the log (from_logits=True
# skips that): with smoothing, every class's log p counts, so the clip shows.
eps_clip = keras.config.epsilon()
by_hand_clipped = -(q * np.log(np.clip(p, eps_clip, 1 - eps_clip))).sum(axis=1).mean()
err_cce_clipped = abs(float(cce(onehot, p)) - by_hand_clipped) / by_hand_clipped
print(f"target of the true class: {q.max():.2f}")
print(f"target of each other class: {q.min():.2f}")
print(f"categorical, probabilities vs by hand: {err_cce:.1e}")
print(f"categorical, probabilities vs by hand, clipped: {err_cce_clipped:.1e}")
print(f"categorical, from_logits vs by hand: {err_cce_logits:.1e}")

# Binary: each label (0 or 1) becomes y·(1 - ε) + ε/2, i.e. K = 2.
yb = rng.integers(0, 2, size=(64, 1)).astype("float32")
zb = z[:, :1]
pb = 1 / (1 + np.exp(-zb))
qb = yb * (1 - eps) + eps / 2
bce_by_hand = -(qb * np.log(pb) + (1 - qb) * np.log(1 - pb)).mean()
bce = keras.losses.BinaryCrossentropy(label_smoothing=eps, from_logits=True)
err_bce = abs(float(bce(yb, zb)) - bce_by_hand) / bce_by_hand
print(f"binary targets: {qb.min():.2f} and {qb.max():.2f}")
print(f"binary, from_logits vs by hand: {err_bce:.1e}")

# Which losses take the argument: read from their signatures.
takes_smoothing = sorted(
    name
    for name, obj in vars(keras.losses).items()
    if inspect.isclass(obj) and "label_smoothing" in inspect.signature(obj).parameters
)
sparse_has_it = (
    "label_smoothing" in inspect.signature(keras.losses.SparseCategoricalCrossentropy).parameters
)
print("losses with label_smoothing:", ", ".join(takes_smoothing))
print("SparseCategoricalCrossentropy has it:", sparse_has_it)

# The workaround for integer labels: one-hot them (here with keras.ops.one_hot, which
# also works inside a tf.data map) and use CategoricalCrossentropy.
workaround = float(cce_logits(keras.ops.one_hot(y, K), z))
err_workaround = abs(workaround - by_hand) / by_hand
print(f"one_hot + categorical vs by hand: {err_workaround:.1e}")

# The smoothed loss cannot reach 0: its minimum, at p = q, is the entropy of q.
floor = float(-(q[0] * np.log(q[0])).sum())
loss_at_q = float(cce(onehot[:1], q[:1]))
print(f"smallest possible loss (entropy of q): {floor:.4f}")
print(f"Keras loss at p = q: {loss_at_q:.4f}")
