"""Label smoothing puts a finite optimum on the logits: gradient descent on one example."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

SEED = 0
keras.utils.set_random_seed(SEED)
K = 10  # classes; class 0 is the true one
target = keras.ops.one_hot([0], K)
epsilons = [0.0, 0.05, 0.1, 0.2]
# Free logits for one example, one vector per ε, from the same small random start.
start = np.random.default_rng(SEED).normal(0, 0.1, size=(1, K)).astype("float32")
logits = {e: tf.Variable(start) for e in epsilons}
losses = {
    e: keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=e) for e in epsilons
}
optimizer = keras.optimizers.SGD(learning_rate=1.0)


# No Python control flow on tensors, so no AutoGraph (it needs the source


# file, which code pasted into a Python prompt does not have).


@tf.function(autograph=False)
def step():
    with tf.GradientTape() as tape:
        total = tf.add_n([losses[e](target, logits[e]) for e in epsilons])
    variables = [logits[e] for e in epsilons]
    optimizer.apply_gradients(zip(tape.gradient(total, variables), variables, strict=True))


def gap(z):
    # The true class's logit minus the mean of the others' (the softmax ignores a shift).
    z = z.numpy()[0]
    return float(z[0] - z[1:].mean())


record = [10, 30, 100, 300, 1000, 3000]
gaps = {e: [] for e in epsilons}
for t in range(1, record[-1] + 1):
    step()
    if t in record:
        for e in epsilons:
            gaps[e].append(gap(logits[e]))

# The optimum of the smoothed loss is p = q: confidence 1 - ε + ε/K on the true class,
# and a logit gap of log(q_true / q_other) = log(1 + K(1 - ε)/ε).
final_gap = {e: gaps[e][-1] for e in epsilons}
theory_gap = {e: float(np.log1p(K * (1 - e) / e)) if e else float("inf") for e in epsilons}
confidence = {e: float(keras.ops.softmax(logits[e])[0, 0]) for e in epsilons}
theory_conf = {e: 1 - e + e / K for e in epsilons}
print("ε     gap    optimum  conf    1-ε+ε/K")
for e in epsilons:
    print(
        f"{e:<4}  {final_gap[e]:5.2f}  {theory_gap[e]:7.2f}"
        f"  {confidence[e]:.4f}  {theory_conf[e]:7.3f}"
    )
print(f"ε = 0, gap after 300 and 3000 steps: {gaps[0.0][3]:.2f} and {gaps[0.0][5]:.2f}")

fig, ax = plt.subplots(figsize=(5, 3), layout="constrained")
for e, color, marker in zip(epsilons, ["C0", "C1", "C2", "C3"], "os^D", strict=True):
    ax.plot(record, gaps[e], color=color, marker=marker, ms=4, label=f"ε = {e}")
    if e:
        ax.axhline(theory_gap[e], color=color, ls=":", lw=1)
ax.set_xscale("log")
ax.set_xlabel("gradient step")
ax.set_ylabel("logit gap, true class - others")
ax.set_ylim(bottom=0)
fig.legend(loc="outside upper center", ncols=4)
plt.show()
