"""How much one example's normalized value depends on the rest of its batch."""

import keras
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)

bn = keras.layers.BatchNormalization()  # gamma = 1, beta = 0: the output is x_hat
x0 = np.float32(1.0)  # the example we follow: one standard deviation above the mean

# Batch of one: x - mean(batch) = 0, so every input comes out as beta.
single = [float(bn(np.array([[v]], "float32"), training=True)[0, 0]) for v in (-3.0, 1.0, 7.0)]
print("batch size 1, inputs -3, 1, 7 ->", np.round(single, 4))
# Batch of two: the two outputs are always about -1 and +1, whatever the inputs.
pair = bn(np.array([[x0], [x0 + 0.5]], "float32"), training=True).numpy().ravel()
print("batch size 2, inputs 1.0, 1.5 ->", np.round(pair, 4))

# The example x0 with B - 1 other examples drawn from N(0, 1), in 5000 different batches.
# BN normalizes each feature (column) over the batch axis on its own, so one call on a
# (B, 5000) array normalizes 5000 independent batches at once: column j is batch j.
batch_sizes = [2, 4, 8, 16, 32, 64, 128, 256]
n_batches = 5000
spread = {}
for b in batch_sizes:
    layer = keras.layers.BatchNormalization()
    others = rng.normal(size=(b - 1, n_batches)).astype("float32")
    batches = np.concatenate([np.full((1, n_batches), x0), others])
    outs = layer(batches, training=True).numpy()[0]  # the example's output in each batch
    spread[b] = float(np.std(outs))
    print(f"batch {b:>3}: x_hat of the example = {np.mean(outs):.3f} ± {spread[b]:.3f}")
print(f"spread, batch 16: {spread[16]:.3f}")
print(f"spread, batch 64: {spread[64]:.3f}")
print(f"spread, batch 256: {spread[256]:.3f}")

# The moving variance averages the *biased* batch variances (divided by B, not B - 1),
# whose expected value is (B - 1) / B times the true variance. momentum=0 makes the
# moving variance equal to the last batch's variance; averaged over 5000 batches:
moving_var = {}
for b in [2, 4, 8, 32]:
    layer = keras.layers.BatchNormalization(momentum=0.0)
    layer(rng.normal(size=(b, n_batches)).astype("float32"), training=True)
    moving_var[b] = float(np.mean(layer.moving_variance.numpy()))
    print(
        f"batch {b:>2}: mean moving variance {moving_var[b]:.3f} | (B - 1) / B = {(b - 1) / b:.3f}"
    )

fig, ax = plt.subplots(figsize=(7, 3.6))
ax.loglog(batch_sizes, [spread[b] for b in batch_sizes], "o-", label="measured")
ref = np.array(batch_sizes, dtype=float)
ax.loglog(ref, spread[16] * np.sqrt(16 / ref), "k--", lw=1, label=r"$\propto 1/\sqrt{B}$")
ax.set_xticks(batch_sizes, labels=[str(b) for b in batch_sizes])
ticks = [0.05, 0.1, 0.2, 0.4, 0.8]
ax.set_yticks(ticks, labels=[str(t) for t in ticks])
ax.minorticks_off()
ax.set_xlabel("batch size B")
ax.set_ylabel("std of the example's output")
ax.set_title("Batch-statistics noise on one example vs batch size")
ax.legend()
fig.tight_layout()
plt.show()
