"""L2 on kernels that feed batch norm: it sets the step size, not the function."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0
X, y = load_digits(return_X_y=True)
X, y = (X / 16.0).astype("float32"), y.astype("int32")
# 1024 training digits: a whole number of batches of 64.
X_train, X_val, y_train, y_val = train_test_split(
    X, y, train_size=1024, random_state=SEED, stratify=y
)
LR, EPOCHS, STEPS = 0.1, 20, 20  # an "epoch" here is 20 steps: 400 steps in all


def make_model(l2=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for both models
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
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),  # + L2
        metrics=[
            keras.metrics.SparseCategoricalCrossentropy(name="ce", from_logits=True),
            "accuracy",
        ],
        steps_per_execution=STEPS,
    )
    return model


class KernelTracker(keras.callbacks.Callback):
    """The first kernel's norm at the start and after each epoch, and the angle it
    turned in each epoch."""

    def on_train_begin(self, logs=None):
        self.last = self.model.layers[0].kernel.numpy()
        self.norms, self.angles = [float(np.linalg.norm(self.last))], []

    def on_epoch_end(self, epoch, logs=None):
        w = self.model.layers[0].kernel.numpy()
        cos = np.sum(w * self.last) / (np.linalg.norm(w) * np.linalg.norm(self.last))
        self.angles.append(float(np.degrees(np.arccos(np.clip(cos, -1, 1)))))
        self.norms.append(float(np.linalg.norm(w)))
        self.last = w


def fit(model):
    # A new pipeline per model, cached before the shuffle: both see the same batches.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train))
    train = train.cache().shuffle(len(X_train), seed=SEED).batch(64).repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(256).cache()
    tracker = KernelTracker()
    history = model.fit(
        train,
        validation_data=val,
        validation_freq=EPOCHS,  # validate once, at the end
        epochs=EPOCHS,
        steps_per_epoch=STEPS,
        callbacks=[tracker],
        verbose=0,
        shuffle=False,
    )
    return tracker, history.history


norms, angles, val_acc = {}, {}, {}
for label, l2 in [("no L2", 0.0), ("L2(5e-3)", 5e-3)]:
    tracker, history = fit(make_model(l2))
    norms[label], angles[label] = tracker.norms, tracker.angles
    val_acc[label] = history["val_accuracy"][-1]
# Without L2 the gradient is orthogonal to each kernel column (see above), so every SGD
# step can only lengthen the kernel: ||w + step||^2 = ||w||^2 + ||step||^2.
never_shrinks = bool(np.all(np.diff(norms["no L2"]) >= 0))
late_turn = {k: float(np.mean(v[-5:])) for k, v in angles.items()}  # the last 100 steps

print(f"first kernel's norm at the start: {norms['no L2'][0]:.2f}")
print(f"{'':<9} {'final norm':>10} {'turn/epoch':>10} {'val acc':>8}")
for k in norms:
    print(f"{k:<9} {norms[k][-1]:>10.2f} {late_turn[k]:>9.2f}° {val_acc[k]:>8.3f}")
print("(turn/epoch: mean angle per 20 steps over the last 100 steps)")

fig, axes = plt.subplots(1, 2, figsize=(5, 2.8), layout="constrained")
steps = STEPS * np.arange(EPOCHS + 1)
for k, color, marker in [("no L2", "C0", "o"), ("L2(5e-3)", "C1", "s")]:
    axes[0].plot(steps, norms[k], color=color, marker=marker, label=k)
    axes[1].plot(steps[1:], angles[k], color=color, marker=marker, label=k)
axes[0].set_ylabel(r"norm of the first kernel")
axes[1].set_ylabel(f"degrees turned per {STEPS} steps")
axes[0].set_ylim(bottom=0)
axes[1].set_yscale("log")  # the late steps matter: a log axis keeps them apart
axes[1].set_yticks([0.25, 0.5, 1, 2, 4, 8], ["0.25", "0.5", "1", "2", "4", "8"])
axes[1].minorticks_off()
for ax in axes:
    ax.set_xlabel("training step")
    ax.set_xticks([0, 200, 400])
axes[0].legend(loc="lower left")
plt.show()
