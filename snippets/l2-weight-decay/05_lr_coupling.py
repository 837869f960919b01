"""Keras multiplies weight_decay by the learning rate: the exact rule, and where weights settle."""

import keras
import numpy as np
import tensorflow as tf

SEED = 0
rng = np.random.default_rng(SEED)

# 1) The rule. With a zero gradient Adam's own step is 0, so only the decay acts: each
#    step multiplies every weight by (1 - lr * wd), with the learning rate of that step.
schedule = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=5, decay_rate=0.5)
wd, n_steps = 2.0, 20
w = keras.Variable(np.ones(4, "float32"))
optimizer = keras.optimizers.AdamW(learning_rate=schedule, weight_decay=wd)
for _ in range(n_steps):
    optimizer.apply_gradients([(np.zeros(4, "float32"), w)])
predicted = float(np.prod([1 - float(schedule(t)) * wd for t in range(n_steps)]))
decay_rule_error = abs(float(w[0]) - predicted)
print(f"w after {n_steps} zero-gradient steps: {float(w[0]):.6f}")
print(f"prod(1 - lr_t * wd): {predicted:.6f}")
default_wd = keras.optimizers.AdamW().weight_decay
print("AdamW default weight_decay:", default_wd)

# 2) AdamW is Adam with weight_decay required: Adam(weight_decay=...) is the same optimizer.
grads = rng.standard_normal((n_steps, 4)).astype("float32")
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

# 3) Where the weights settle under AdamW(weight_decay=1), at two learning rates. Two kinds
#    of gradient, 500 weights each, all starting at 0: "push", the same gradient (-1) at
#    every step, as when the loss keeps rewarding larger weights; and "noise", zero-mean
#    noise of scale 1, as when minibatch noise dominates. 300 steps: three decay times
#    1/(lr * wd) at the smaller learning rate.
wd, steps, n = 1.0, 300, 500
gradients = np.stack([-np.ones((steps, n)), rng.standard_normal((steps, n))], axis=1).astype(
    "float32"
)


def settle(lr):
    optimizer = keras.optimizers.AdamW(lr, weight_decay=wd)
    w = keras.Variable(np.zeros((2, n), "float32"))

    # No Python control flow on tensors, so no AutoGraph (it needs the source

    # file, which code pasted into a Python prompt does not have).

    @tf.function(autograph=False)
    def step(g):
        optimizer.apply_gradients([(g, w)])

    for g in gradients:
        step(g)
    return w.numpy()  # row 0: push, row 1: noise


learning_rates = [0.01, 0.04]
push_mean, noise_rms = {}, {}
for lr in learning_rates:
    w = settle(lr)
    push_mean[lr] = float(w[0].mean())
    noise_rms[lr] = float(np.sqrt(np.mean(w[1] ** 2)))
print("lr     push: mean w  noise: RMS w  sqrt(lr/(2*wd))")  # push bound: 1/wd = 1
for lr in learning_rates:
    print(f"{lr:<6g} {push_mean[lr]:13.3f} {noise_rms[lr]:13.3f} {np.sqrt(lr / (2 * wd)):16.3f}")
noise_ratio = noise_rms[0.04] / noise_rms[0.01]
print(f"noise RMS, lr=0.04 / lr=0.01: {noise_ratio:.2f}")
