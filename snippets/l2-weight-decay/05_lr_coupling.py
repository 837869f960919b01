"""Keras multiplies weight_decay by the learning rate: the exact rule, and a small lr x wd grid."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)

# 1) The rule. With a zero gradient Adam's own step is 0, so only the decay acts:
#    each step multiplies every weight by (1 - lr * wd), with the lr of that step.
schedule = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=5, decay_rate=0.5)
wd, n_steps = 2.0, 20
w = keras.Variable(np.ones(4, "float32"))
optimizer = keras.optimizers.AdamW(learning_rate=schedule, weight_decay=wd)
for _ in range(n_steps):
    optimizer.apply_gradients([(tf.zeros_like(w), w)])
predicted = float(np.prod([1 - float(schedule(t)) * wd for t in range(n_steps)]))
decay_rule_error = abs(float(w[0]) - predicted)
print(f"w after {n_steps} zero-gradient steps: {float(w[0]):.6f}")
print(f"prod(1 - lr_t * wd): {predicted:.6f}")
default_wd = keras.optimizers.AdamW().weight_decay
print("AdamW default weight_decay:", default_wd)

# AdamW is Adam with weight_decay required: Adam(weight_decay=...) is the same optimizer.
grads = keras.random.normal((n_steps, 4), seed=SEED)
finals = []
for opt in (
    keras.optimizers.AdamW(0.01, weight_decay=0.1),
    keras.optimizers.Adam(0.01, weight_decay=0.1),
):
    v = keras.Variable(np.ones(4, "float32"))
    for g in grads:
        opt.apply_gradients([(g, v)])
    finals.append(v.numpy())
adam_vs_adamw_diff = float(np.max(np.abs(finals[0] - finals[1])))
print(f"max |AdamW - Adam(weight_decay)|: {adam_vs_adamw_diff:.1e}")

# 2) A small grid on the moons MLP: 400 full-batch AdamW steps per cell.
X, y = make_moons(n_samples=300, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)
ce = keras.losses.BinaryCrossentropy()
learning_rates = [1e-3, 1e-2, 3e-2]
decays = [0.0, 0.1, 1.0, 10.0]

keras.utils.set_random_seed(SEED)
model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
initial_weights = model.get_weights()

val_ce = np.zeros((len(learning_rates), len(decays)))
kernel_norm = np.zeros_like(val_ce)


def make_train(optimizer):
    # An explicit graph loop (tf.while_loop, autograph=False): AutoGraph would rewrite
    # `for _ in tf.range(...)` only where it can read this file's source, which code
    # pasted into a Python shell does not have.
    @tf.function(autograph=False)
    def train(n):
        def step(i):
            with tf.GradientTape() as tape:
                loss = ce(y_train, model(X_train, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
            return (i + 1,)

        tf.while_loop(lambda i: i < n, step, (tf.constant(0),))

    return train


for j, wd in enumerate(decays):
    optimizer = keras.optimizers.AdamW(learning_rate=learning_rates[0], weight_decay=wd)
    optimizer.exclude_from_weight_decay(var_names=["bias"])
    optimizer.build(model.trainable_variables)  # so that tf.function traces only once
    train = make_train(optimizer)
    for i, lr in enumerate(learning_rates):
        # Same start for every cell. The learning rate is a variable, so changing it
        # reuses the traced step; weight_decay is a Python float fixed per optimizer.
        model.set_weights(initial_weights)
        for v in optimizer.variables:
            v.assign(tf.zeros_like(v))  # Adam moments and step count back to 0
        optimizer.learning_rate = lr
        for _ in range(4):
            train(tf.constant(100))
        val_ce[i, j] = float(ce(y_val, model(X_val)))
        kernel_norm[i, j] = float(
            np.sqrt(sum(np.sum(lay.kernel.numpy() ** 2) for lay in model.layers))
        )

print("validation CE (rows: lr, columns: wd)")
print("lr \\ wd  " + "".join(f"{wd:>8g}" for wd in decays))
for lr, row in zip(learning_rates, val_ce, strict=True):
    print(f"{lr:<8g} " + "".join(f"{v:8.3f}" for v in row))
print("kernel norm ||W||")
for lr, row in zip(learning_rates, kernel_norm, strict=True):
    print(f"{lr:<8g} " + "".join(f"{v:8.1f}" for v in row))
best_wd = [decays[int(np.argmin(row))] for row in val_ce]
print("best wd per lr:", best_wd)
wd1_vs_best = float(np.max(val_ce[:, 2] / val_ce.min(axis=1)))
print(f"val CE of wd=1 / best in its row, worst row: {wd1_vs_best:.2f}")
# Keeping lr * wd fixed from (lr=0.001, wd=1) would give wd=0.1 at lr=0.01.
print(f"val CE at lr=0.01, wd=0.1 vs wd=1: {val_ce[1, 1]:.3f} vs {val_ce[1, 2]:.3f}")
# How much wd = 0.1 shrinks the weights, at the smallest and the largest lr.
shrink_small_lr = kernel_norm[0, 1] / kernel_norm[0, 0]
shrink_large_lr = kernel_norm[-1, 1] / kernel_norm[-1, 0]
print(f"norm ratio wd=0.1 / wd=0, lr=0.001: {shrink_small_lr:.2f}")
print(f"norm ratio wd=0.1 / wd=0, lr=0.03: {shrink_large_lr:.2f}")
# How much the norm depends on lr without decay and with the largest decay.
spread_wd0 = kernel_norm[:, 0].max() / kernel_norm[:, 0].min()
spread_wd10 = kernel_norm[:, -1].max() / kernel_norm[:, -1].min()
print(f"largest / smallest norm across lr, wd=0: {spread_wd0:.1f}")
print(f"largest / smallest norm across lr, wd=10: {spread_wd10:.1f}")

fig, axes = plt.subplots(1, 2, figsize=(10, 3.7))
for ax, data, title, fmt in [
    (axes[0], val_ce, "Validation cross-entropy", "{:.2f}"),
    (axes[1], kernel_norm, "Kernel norm ‖W‖ after 400 steps", "{:.0f}"),
]:
    image = ax.imshow(np.log(data), cmap="viridis_r", aspect="auto")
    for (i, j), v in np.ndenumerate(data):
        # Dark text on the light (yellow) cells, white on the dark ones.
        light = image.norm(np.log(v)) < 0.5
        ax.text(j, i, fmt.format(v), ha="center", va="center", color="k" if light else "w")
    ax.set_xticks(range(len(decays)), [f"{wd:g}" for wd in decays])
    ax.set_yticks(range(len(learning_rates)), [f"{lr:g}" for lr in learning_rates])
    ax.set_xlabel("weight_decay")
    ax.set_ylabel("learning_rate")
    ax.set_title(title)
fig.tight_layout()
plt.show()
