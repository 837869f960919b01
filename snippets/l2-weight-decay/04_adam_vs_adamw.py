"""Why L2 is not weight decay under Adam: the penalty's gradient gets divided by sqrt(v)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEED = 0
rng = np.random.default_rng(SEED)

# 2 groups of 500 weights, all starting at 1. Each step every weight gets a zero-mean
# noisy "data" gradient, a stand-in for minibatch noise: scale 10 in group A, 0.1 in B.
steps, n = 300, 500
scale = np.array([[10.0], [0.1]], "float32")
noise = (rng.standard_normal((steps, 2, n)) * scale).astype("float32")

lr = 0.01
l2 = 0.015  # Adam + L2(l2): the penalty's gradient 2*l2*w joins the data gradient
wd = 0.3  # AdamW: w <- w - lr*wd*w each step, outside Adam's normalization


runs = {
    "Adam, no penalty": (keras.optimizers.Adam(lr), None),
    f"Adam + L2({l2:g})": (keras.optimizers.Adam(lr), keras.regularizers.L2(l2)),
    f"AdamW(weight_decay={wd:g})": (keras.optimizers.AdamW(lr, weight_decay=wd), None),
}
weights = {k: keras.Variable(np.ones((2, n), "float32")) for k in runs}
for k, (optimizer, _) in runs.items():
    optimizer.build([weights[k]])  # so that tf.function traces only once


# An explicit graph loop (tf.while_loop, autograph=False): AutoGraph would rewrite
# `for t in tf.range(...)` only where it can read this file's source, which code pasted
# into a Python shell does not have.
@tf.function(autograph=False)
def train(noise):
    """The three runs side by side; returns each group's mean weight after every step."""

    def step(t, history):
        means = []
        for k, (optimizer, regularizer) in runs.items():
            w, g = weights[k], noise[t]
            if regularizer is not None:
                with tf.GradientTape() as tape:
                    penalty = regularizer(w)
                g = g + tape.gradient(penalty, w)  # the L2 gradient, 2*l2*w
            optimizer.apply_gradients([(g, w)])
            means.append(tf.reduce_mean(w, axis=1))
        return t + 1, history.write(t, tf.stack(means))

    n_steps = tf.shape(noise)[0]
    start = (tf.constant(0), tf.TensorArray(tf.float32, size=n_steps))
    _, history = tf.while_loop(lambda t, _: t < n_steps, step, start)
    return history.stack()  # (step, run, group)


# 4 calls of 75 steps each: traced once, then reused.
history = np.concatenate([train(tf.constant(chunk)).numpy() for chunk in np.split(noise, 4)])
mean_w = {k: history[:, i, :] for i, k in enumerate(runs)}
final = {k: v[-1] for k, v in mean_w.items()}
for k, (a, b) in final.items():
    print(f"{k:>26}: mean w, group A (large gradients) {a:.3f} | group B (small) {b:.3f}")
adam_l2_A, adam_l2_B = (float(v) for v in final[f"Adam + L2({l2:g})"])
adamw_A, adamw_B = (float(v) for v in final[f"AdamW(weight_decay={wd:g})"])
plain_A, plain_B = (float(v) for v in final["Adam, no penalty"])
print(f"Adam + L2, group A: {adam_l2_A:.2f}")
print(f"Adam + L2, group B: {adam_l2_B:.2f}")
print(f"AdamW, group A: {adamw_A:.2f}")
print(f"AdamW, group B: {adamw_B:.2f}")
predicted_adamw = (1 - lr * wd) ** steps
print(f"(1 - lr*wd)^steps: {predicted_adamw:.2f}")

fig, axes = plt.subplots(1, 3, figsize=(11, 3.4), sharey=True)
t = np.arange(1, steps + 1)
for ax, (k, v) in zip(axes, mean_w.items(), strict=True):
    ax.plot(t, v[:, 0], color="tab:red", label="group A: gradient scale 10")
    ax.plot(t, v[:, 1], color="tab:blue", label="group B: gradient scale 0.1")
    ax.set_title(k)
    ax.set_xlabel("step")
axes[0].set_ylabel("mean weight")
axes[0].set_ylim(0, 1.1)
axes[0].legend(loc="lower left")
fig.tight_layout()
plt.show()
