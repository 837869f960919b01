"""Sweeping the L1 strength: too little overfits, too much underfits; the pick, on test data."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
X, y = make_moons(n_samples=450, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=150, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)


def make_model(l1=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every strength
    reg = keras.regularizers.L1(l1) if l1 else None
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(64, activation="relu", kernel_regularizer=reg),
            keras.layers.Dense(1, activation="sigmoid", kernel_regularizer=reg),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.01),
        loss="binary_crossentropy",  # + the L1 penalty: compare models on "ce"
        metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],
        steps_per_execution=20,
    )
    return model


def fit(model):
    # Full batch: every step sees all 150 training points, so there is nothing to
    # shuffle. An "epoch" here is 20 steps; 20 of them make 400 steps.
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).batch(150).cache().repeat()
    val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val)).cache()
    return model.fit(
        train, validation_data=val, epochs=20, steps_per_epoch=20, verbose=0, shuffle=False
    ).history


lambdas = [0.0, 1e-3, 1e-1]
models, histories = {}, {}
for lam in lambdas:
    models[lam] = make_model(lam)  # reseeds: every strength starts from the same weights
    histories[lam] = fit(models[lam])
train_ce = [histories[lam]["ce"][-1] for lam in lambdas]
val_ce = [histories[lam]["val_ce"][-1] for lam in lambdas]
near_zero = [float(np.mean(np.abs(models[lam].layers[0].kernel.numpy()) < 1e-3)) for lam in lambdas]
print("lambda   train CE  val CE  first-layer |w|<1e-3")
for lam, tr, va, nz in zip(lambdas, train_ce, val_ce, near_zero, strict=True):
    print(f"{lam:<8g} {tr:8.3f} {va:7.3f} {nz:8.0%}")

# Choose the strength on validation data; report it once, on the untouched test set.
best = int(np.argmin(val_ce))
best_lambda = lambdas[best]
test = tf.data.Dataset.from_tensor_slices((X_test, y_test)).batch(len(X_test))
test_scores = models[best_lambda].evaluate(test, verbose=0, return_dict=True)
print(
    f"chosen on validation: lambda = {best_lambda:g}; test CE {test_scores['ce']:.3f}, "
    f"test accuracy {test_scores['accuracy']:.3f}"
)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(5, 2.9), layout="constrained")
x = np.arange(len(lambdas))
labels = ["0", "1e-3", "1e-1"]
ax1.plot(x, train_ce, "o-", color="C1", label="training")
ax1.plot(x, val_ce, "s--", color="C1", label="validation")
ax1.axvline(best, color="0.5", linewidth=0.8, linestyle=":")
ax1.set_xticks(x, labels)
ax1.set_xlabel("L1 strength λ")
ax1.set_ylabel("cross-entropy (no penalty)")
ax1.legend(loc="upper center")
ax2.bar(x, near_zero, color="C1")
ax2.set_xticks(x, labels)
ax2.set_xlabel("L1 strength λ")
ax2.set_ylabel("first-layer |w| < 1e-3")
ax2.yaxis.set_major_formatter("{x:.0%}")
plt.show()
