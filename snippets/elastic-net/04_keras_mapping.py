"""scikit-learn's ElasticNet(alpha, l1_ratio) as a Keras model with L1L2(l1, l2), checked."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet
from sklearn.preprocessing import StandardScaler

SEED = 0
data = load_diabetes()
X = StandardScaler().fit_transform(data.data).astype("float32")
y = ((data.target - data.target.mean()) / data.target.std()).astype("float32").reshape(-1, 1)
n = len(X)

alpha, l1_ratio = 0.05, 0.5
# scikit-learn:  1/(2n)||y - Xw - b||^2 + alpha*l1_ratio*||w||_1 + alpha*(1-l1_ratio)/2*||w||^2
# Keras, "mse":  1/n  ||y - Xw - b||^2 + l1*||w||_1 + l2*||w||^2
# The Keras objective is twice scikit-learn's when:
l1 = 2 * alpha * l1_ratio
l2 = alpha * (1 - l1_ratio)
print(f"ElasticNet(alpha={alpha}, l1_ratio={l1_ratio}) -> L1L2(l1={l1:g}, l2={l2:g})")

enet = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000).fit(X, y.ravel())


def make_model():
    keras.utils.set_random_seed(SEED)
    model = keras.Sequential(
        [
            keras.Input((X.shape[1],)),
            keras.layers.Dense(
                1,
                kernel_initializer="zeros",  # start from w = 0, as coordinate descent does
                kernel_regularizer=keras.regularizers.L1L2(l1=l1, l2=l2),
            ),
        ]
    )
    # A decaying learning rate lets Adam settle on the minimum instead of circling it.
    lr = keras.optimizers.schedules.ExponentialDecay(0.02, decay_steps=500, decay_rate=0.3)
    model.compile(optimizer=keras.optimizers.Adam(lr), loss="mse", steps_per_execution=500)
    return model


def sklearn_objective(w, b):
    r = y.ravel() - X @ w - b
    return r @ r / (2 * n) + alpha * l1_ratio * np.abs(w).sum() + alpha * (1 - l1_ratio) / 2 * w @ w


def keras_objective(model):
    # What fit() minimizes on a full batch: the compiled loss + sum(model.losses).
    return float(model.compute_loss(x=X, y=y, y_pred=model(X)))


# 1) The same objective up to the factor 2, at any weights: random ones, then sklearn's.
probe = make_model()
rng = np.random.default_rng(SEED)
ratios = []
for w, b in [(rng.normal(size=10), 0.3), (enet.coef_, enet.intercept_)]:
    probe.set_weights([w.reshape(-1, 1).astype("float32"), np.array([b], "float32")])
    ratios.append(keras_objective(probe) / sklearn_objective(w, b))
print("Keras objective / scikit-learn objective:", np.round(ratios, 6))

# 2) Train a Keras model from zero with fit, on the full batch every step (the objective
#    is a full-batch one), and compare its coefficients with scikit-learn's.
model = make_model()
full_batch = tf.data.Dataset.from_tensor_slices((X, y)).batch(n).cache().repeat()
model.fit(full_batch, epochs=6, steps_per_epoch=500, verbose=0, shuffle=False)  # 3000 steps
w_keras = model.layers[0].kernel.numpy().ravel()
max_coef_diff = float(np.max(np.abs(w_keras - enet.coef_)))
objective_gap = keras_objective(model) / 2 - sklearn_objective(enet.coef_, enet.intercept_)
zero_in_sklearn = enet.coef_ == 0
print("feature      sklearn    Keras")
for name, a, b in zip(data.feature_names, enet.coef_, w_keras, strict=True):
    print(f"{name:<8} {a + 0.0:9.4f} {b:9.4f}")
print(f"max |w_keras - w_sklearn|: {max_coef_diff:.1e}")
print(f"objective gap, Keras - sklearn: {objective_gap:.1e}")
print(f"exact zeros, scikit-learn: {int(zero_in_sklearn.sum())}")
print(f"exact zeros, Keras: {int(np.sum(w_keras == 0))}")
print(f"largest |w| where scikit-learn has 0: {np.max(np.abs(w_keras[zero_in_sklearn])):.1e}")
