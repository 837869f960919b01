"""Why L2 is not weight decay under Adam: the penalty's gradient gets divided by sqrt(v)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEED = 0
rng = np.random.default_rng(SEED)

# Two groups of 500 weights, all starting at 1. Each step every weight gets a zero-mean
# noisy "data" gradient, a stand-in for minibatch noise: scale 10 in group A, 0.1 in B.
steps, n = 200, 500
scale = np.array([[10.0], [0.1]], "float32")
noise = (rng.standard_normal((steps, 2, n)) * scale).astype("float32")

lr = 0.01
l2 = 0.015  # Adam + L2(l2): the penalty's gradient 2*l2*w joins the data gradient
wd = 0.45  # AdamW: w <- w - lr*wd*w each step, outside Adam's normalization
runs = {
    "Adam, no penalty": (keras.optimizers.Adam(lr), 0.0),
    f"Adam + L2({l2:g})": (keras.optimizers.Adam(lr), l2),
    f"AdamW(weight_decay={wd:g})": (keras.optimizers.AdamW(lr, weight_decay=wd), 0.0),
}


def train(optimizer, penalty):
    # The update rule is the lesson, so a plain loop hands the optimizer its gradient:
    # the "data" gradient plus the gradient of L2(penalty), 2*penalty*w.
    w = keras.Variable(np.ones((2, n), "float32"))

    # No Python control flow on tensors, so no AutoGraph (it needs the source

    # file, which code pasted into a Python prompt does not have).

    @tf.function(autograph=False)
    def step(g):
        optimizer.apply_gradients([(g + 2 * penalty * w, w)])
        return tf.reduce_mean(w, axis=1)

    return np.array([step(g) for g in noise])  # each group's mean weight, (steps, 2)


mean_w = {name: train(optimizer, penalty) for name, (optimizer, penalty) in runs.items()}

final = {name: m[-1] for name, m in mean_w.items()}
plain_A, plain_B = (float(v) for v in final["Adam, no penalty"])
adam_l2_A, adam_l2_B = (float(v) for v in final[f"Adam + L2({l2:g})"])
adamw_A, adamw_B = (float(v) for v in final[f"AdamW(weight_decay={wd:g})"])
predicted_adamw = (1 - lr * wd) ** steps
print(f"mean weight after {steps} steps    group A  group B")
for name, (a, b) in final.items():
    print(f"{name:<28} {a:8.3f} {b:8.3f}")
print(f"(1 - lr*wd)^steps: {predicted_adamw:.3f}")

fig, axes = plt.subplots(1, 2, figsize=(5, 3.2), sharey=True, layout="constrained")
t = np.arange(1, steps + 1)
titles = ["group A: gradients ×10", "group B: gradients ×0.1"]
for i, (ax, title) in enumerate(zip(axes, titles, strict=True)):
    for (name, m), color, marker in zip(mean_w.items(), "C0 C1 C2".split(), "os^", strict=True):
        ax.plot(t, m[:, i], color=color, marker=marker, markevery=40, label=name)
    ax.set_title(title)
    ax.set_xticks([0, 100, 200])
    ax.set_xlabel("step")
axes[0].set_ylabel("mean weight")
axes[0].set_ylim(0, 1.1)
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
plt.show()
