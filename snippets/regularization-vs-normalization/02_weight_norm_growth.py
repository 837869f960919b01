"""L2 on kernels that feed batch norm: it sets the step size, not the function."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32"), y.astype("int32")
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.3, random_state=SEED, stratify=y
)
LR, STEPS, EVERY = 0.1, 400, 20


def make_dataset():
    """Cache first, then shuffle: a new order every epoch. A new dataset with the same
    seed gives both networks the same batches in the same order."""
    return (
        tf.data.Dataset.from_tensor_slices((X_train, y_train))
        .cache()
        .shuffle(len(X_train), seed=SEED)
        .batch(64, drop_remainder=True)
        .repeat()
    )


def make_model(l2):
    reg = keras.regularizers.L2(l2) if l2 else None
    model = keras.Sequential(
        [
            keras.Input((64,)),
            keras.layers.Dense(64, use_bias=False, kernel_regularizer=reg),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu"),
            keras.layers.Dense(64, use_bias=False, kernel_regularizer=reg),
            keras.layers.BatchNormalization(momentum=0.9),
            keras.layers.Activation("relu"),
            keras.layers.Dense(10),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(LR),  # plain SGD: no momentum, no weight decay
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    return model


class KernelTracker(keras.callbacks.Callback):
    """Every EVERY steps: the first kernel's norm and the angle it turned since last time."""

    def __init__(self):
        super().__init__()
        self.norms, self.angles, self.last = [], [], None

    def on_train_batch_end(self, batch, logs=None):
        if (batch + 1) % EVERY == 0:
            w = self.model.layers[0].kernel.numpy()
            self.norms.append(float(np.linalg.norm(w)))
            if self.last is not None:
                cos = np.sum(w * self.last) / (np.linalg.norm(w) * np.linalg.norm(self.last))
                self.angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
            self.last = w


norms, angles, val_acc = {}, {}, {}
for label, l2 in [("no L2", 0.0), ("L2(5e-3)", 5e-3)]:
    keras.utils.set_random_seed(SEED)  # both models: the same initial weights and batches
    model = make_model(l2)
    tracker = KernelTracker()
    model.fit(
        make_dataset(),
        epochs=1,
        steps_per_epoch=STEPS,
        verbose=0,
        shuffle=False,
        callbacks=[tracker],
    )
    norms[label], angles[label] = tracker.norms, tracker.angles
    logits = model(X_val, training=False).numpy()
    val_acc[label] = float(np.mean(np.argmax(logits, axis=1) == y_val))
    print(
        f"{label}: kernel norm {norms[label][0]:.2f} -> {norms[label][-1]:.2f} | "
        f"turn over the last {EVERY} steps {angles[label][-1]:.2f} deg | "
        f"val accuracy {val_acc[label]:.3f}"
    )
# Without L2 the gradient is orthogonal to each kernel column (see above), so every SGD
# step can only lengthen the kernel: ||w + step||^2 = ||w||^2 + ||step||^2.
never_shrinks = bool(np.all(np.diff(norms["no L2"]) >= 0))
print("kernel norm never decreased without L2:", never_shrinks)
late_turn = {k: float(np.mean(v[-5:])) for k, v in angles.items()}
for k in norms:
    print(f"final kernel norm, {k}: {norms[k][-1]:.2f}")
    print(f"mean turn per {EVERY} steps (last 100 steps), {k}: {late_turn[k]:.2f} degrees")

fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
steps = EVERY * np.arange(1, STEPS // EVERY + 1)
for (k, n), color in zip(norms.items(), ["tab:red", "tab:blue"], strict=True):
    axes[0].plot(steps, n, color=color, label=k)
    axes[1].plot(steps[1:], angles[k], color=color, label=k)
axes[0].set_title("First kernel's norm")
axes[0].set_xlabel("training step")
axes[0].set_ylabel(r"$\|W\|$")
axes[1].set_title(f"Angle the kernel turned per {EVERY} steps")
axes[1].set_xlabel("training step")
axes[1].set_ylabel("degrees")
for ax in axes:
    ax.legend()
fig.tight_layout()
plt.show()
