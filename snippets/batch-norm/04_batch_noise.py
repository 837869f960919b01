"""How much one example's normalized value depends on the rest of its batch."""

import keras
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)


def normalize(batch):
    """A fresh BatchNormalization (gamma = 1, beta = 0) in training mode: x_hat."""
    layer = keras.layers.BatchNormalization()
    return keras.ops.convert_to_numpy(layer(np.asarray(batch, "float32"), training=True))


# Batch of one: x - mean(batch) = 0, so every input comes out as beta.
single = [float(normalize([[v]])[0, 0]) for v in (-3.0, 1.0, 7.0)]
print("batch of 1, inputs -3, 1, 7 ->", ", ".join(f"{v:.4f}" for v in single))
# Batch of two: the two outputs are always about -1 and +1, whatever the inputs.
pair = normalize([[1.0], [1.5]]).ravel()
print("batch of 2, inputs 1.0, 1.5 ->", ", ".join(f"{v:.4f}" for v in pair))

# The example x0 = 1.0 (one standard deviation above the mean) with B - 1 other examples
# from N(0, 1), in 5000 different batches. BN normalizes each column over the batch axis
# on its own, so one call on a (B, 5000) array normalizes 5000 batches: column j is one.
x0, n_batches = 1.0, 5000
batch_sizes = [2, 4, 8, 16, 32, 64, 128, 256]
spread = {}
print("batch  x_hat of the example")
for b in batch_sizes:
    others = rng.normal(size=(b - 1, n_batches))
    outs = normalize(np.vstack([np.full((1, n_batches), x0), others]))[0]
    spread[b] = float(np.std(outs))
    print(f"{b:>5}  {np.mean(outs):.3f} ± {spread[b]:.3f}")

# The moving variance averages the *biased* batch variances (divided by B, not B - 1),
# whose expected value is (B - 1) / B times the true variance (1 here). With momentum=0
# the moving variance is the last batch's variance; averaged over 5000 batches:
moving_var = {}
print("batch  mean moving variance  (B - 1) / B")
for b in [2, 4, 8, 32]:
    layer = keras.layers.BatchNormalization(momentum=0.0)
    layer(rng.normal(size=(b, n_batches)).astype("float32"), training=True)
    moving_var[b] = float(np.mean(layer.moving_variance.numpy()))
    print(f"{b:>5}  {moving_var[b]:>20.3f}  {(b - 1) / b:>11.3f}")

fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
sizes = np.array(batch_sizes, dtype=float)
ref = spread[16] * np.sqrt(16 / sizes)
ax.plot(sizes, ref, ":", color="0.45", label=r"$\propto 1/\sqrt{B}$, through B = 16")
ax.plot(sizes, [spread[b] for b in batch_sizes], "o", color="C1", label="measured")
ax.set_xscale("log", base=2)
ax.set_yscale("log")
ax.set_xticks(batch_sizes, labels=[str(b) for b in batch_sizes])
ticks = [0.05, 0.1, 0.2, 0.4, 0.8]
ax.set_yticks(ticks, labels=[str(t) for t in ticks])
ax.minorticks_off()
ax.set_xlabel("batch size B")
ax.set_ylabel(r"std of the example's $\hat{x}$")
ax.legend()
plt.show()
