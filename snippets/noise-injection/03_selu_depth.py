"""AlphaDropout keeps a SELU network self-normalizing in training; Dropout does not."""

import keras
import matplotlib.pyplot as plt
import numpy as np

SEED = 0
depth, width, q = 16, 256, 0.1
x = np.random.default_rng(SEED).standard_normal((2000, width)).astype("float32")


def make_model(drop_layer):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    dense = [
        keras.layers.Dense(width, activation="selu", kernel_initializer="lecun_normal")
        for _ in range(depth)
    ]
    layers = []
    for i, layer in enumerate(dense):  # Dense -> SELU -> dropout, depth times
        layers += [layer] + ([drop_layer(q, seed=SEED + i)] if drop_layer else [])
    return keras.Sequential([keras.Input((width,)), *layers])


def stats(model, training):
    # The mean and variance of each block's output (Dense + SELU, then its dropout layer).
    per_block = len(model.layers) // depth
    outputs, h = [], x
    for layer in model.layers:
        h = layer(h, training=training)
        outputs.append(h)
    blocks = outputs[per_block - 1 :: per_block]
    return np.array([float(np.mean(h)) for h in blocks]), np.array(
        [float(np.var(h)) for h in blocks]
    )


variants = {"no dropout": None, "AlphaDropout": keras.layers.AlphaDropout}
variants["Dropout"] = keras.layers.Dropout
train_var, infer_var, train_mean = {}, {}, {}
for name, drop in variants.items():
    model = make_model(drop)
    train_mean[name], train_var[name] = stats(model, training=True)
    infer_var[name] = stats(model, training=False)[1]

print(f"{depth} SELU layers, rate {q}: variance of the last block's output")
print("variant        training  inference  mean (training)")
for name in variants:
    print(
        f"{name:<14} {train_var[name][-1]:8.3f} {infer_var[name][-1]:10.3f}"
        f" {train_mean[name][-1]:16.3f}"
    )

fig, ax = plt.subplots(figsize=(5, 3.2), layout="constrained")
blocks = np.arange(1, depth + 1)
for (name, v), color, marker in zip(train_var.items(), ["C0", "C1", "C2"], "os^", strict=True):
    ax.plot(blocks, v, color=color, marker=marker, markevery=3, label=f"{name}, training")
ax.axhline(1, color="0.5", linewidth=0.8)
ax.set_xticks([1, 4, 8, 12, 16])
ax.set_xlabel("block (Dense + SELU + dropout)")
ax.set_ylabel("variance of the output")
ax.legend()
plt.show()
