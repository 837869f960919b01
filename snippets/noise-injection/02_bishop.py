"""Input noise on a linear MSE model is L2(sigma^2) (Bishop, 1995); with cross-entropy, roughly."""

import keras
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification, make_regression

SEED = 0
# 40 points, 8 correlated features (effective rank 3): least squares overfits here.
X, y = make_regression(40, 8, effective_rank=3, noise=5.0, random_state=SEED)
X = ((X - X.mean(0)) / X.std(0)).astype("float32")  # standardized: noise is relative
y = ((y - y.mean()) / y.std()).astype("float32").reshape(-1, 1)
n, d = X.shape
sigma = 0.5  # GaussianNoise(sigma) on the inputs
l2 = sigma**2  # the matching L2(l2): Keras adds l2 * sum(w**2) to the batch-mean loss


def make_model(noise=0.0, l2=0.0):
    keras.utils.set_random_seed(SEED)  # the same initial weights for every model
    dense = keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(l2) if l2 else None)
    layers = [keras.layers.GaussianNoise(noise, seed=SEED)] if noise else []
    model = keras.Sequential([keras.Input((d,)), *layers, dense])
    lr = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=600)  # ends at 0
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse", steps_per_execution=50)
    return model


# 1) The expected loss, at fixed weights. E[(y - w.(x + e) - b)^2] = (y - w.x - b)^2
#    + sigma^2 ||w||^2, exactly, for every point: the mean over the batch adds sigma^2 ||w||^2.
noisy, penalized = make_model(noise=sigma), make_model(l2=l2)
w = np.random.default_rng(SEED).normal(size=(d, 1)).astype("float32")
for model in (noisy, penalized):
    model.layers[-1].set_weights([w, np.zeros(1, "float32")])
reps = 5000  # 5000 noise draws per point
X_rep, y_rep = np.tile(X, (reps, 1)), np.tile(y, (reps, 1))
mse = keras.losses.MeanSquaredError()
expected_noisy = float(mse(y_rep, noisy(X_rep, training=True)))
penalized_loss = float(penalized.compute_loss(x=X, y=y, y_pred=penalized(X)))
clean_loss = float(mse(y, penalized(X)))
print(f"clean MSE at w:                   {clean_loss:.4f}")
print(f"noisy MSE, mean of {reps} draws:   {expected_noisy:.4f}")
print(f"MSE + sigma^2 * sum(w^2):         {clean_loss + l2 * float(np.sum(w**2)):.4f}")
print(f"compute_loss with L2(sigma^2):    {penalized_loss:.4f}")


# 2) The fitted weights. Train with noise (fresh noise each step, 50 noisy copies of the
#    data per full batch), and with L2(sigma^2), by fit; compare with the closed forms.
def fit(model, copies):
    data = tf.data.Dataset.from_tensors((np.tile(X, (copies, 1)), np.tile(y, (copies, 1))))
    # One batch per step, the whole (copied) training set: an "epoch" here is 50 steps.
    model.fit(data.cache().repeat(), epochs=12, steps_per_epoch=50, verbose=0, shuffle=False)
    return model.layers[-1].kernel.numpy().ravel()


w_noise = fit(make_model(noise=sigma), copies=50)
w_l2 = fit(make_model(l2=l2), copies=1)
# Closed forms (the bias is not penalized; X and y are centred, so it is 0):
# least squares, and ridge with the batch-mean convention: (X'X/n + l2 I) w = X'y/n.
w_ols = np.linalg.lstsq(X, y, rcond=None)[0].ravel()
w_ridge = np.linalg.solve(X.T @ X / n + l2 * np.eye(d), X.T @ y / n).ravel()
dist = {
    "GaussianNoise": float(np.linalg.norm(w_noise - w_ridge)),
    "L2(sigma^2)": float(np.linalg.norm(w_l2 - w_ridge)),
    "least squares": float(np.linalg.norm(w_ols - w_ridge)),
}
print("weights          ||w||   ||w - w_ridge||")
for name, v in [("GaussianNoise", w_noise), ("L2(sigma^2)", w_l2), ("least squares", w_ols)]:
    print(f"{name:<15} {np.linalg.norm(v):6.3f} {dist[name]:13.4f}")
print(f"ridge           {np.linalg.norm(w_ridge):6.3f}")

# 3) Cross-entropy: not exact. For a logistic model the noise adds, to second order,
#    sigma^2/2 * ||w||^2 * mean p(1-p): a penalty that depends on the data and the fit.
Xc, yc = make_classification(400, 5, n_informative=3, random_state=SEED)
Xc = (Xc - Xc.mean(0)) / Xc.std(0)
wc = np.random.default_rng(SEED).normal(size=5)  # any weights will do
sig_c = 0.3


def ce(logits):
    return np.mean(np.logaddexp(0, logits) - yc * logits)


e = np.random.default_rng(SEED).standard_normal((2000, *Xc.shape)) * sig_c
ce_gap = float(np.mean([ce((Xc + ei) @ wc) for ei in e]) - ce(Xc @ wc))
p = 1 / (1 + np.exp(-(Xc @ wc)))
second_order = float(sig_c**2 / 2 * np.sum(wc**2) * np.mean(p * (1 - p)))
l2_guess = float(sig_c**2 * np.sum(wc**2))
print(f"logistic, sigma={sig_c}: noisy CE - clean CE:  {ce_gap:.4f}")
print(f"sigma^2/2 ||w||^2 mean p(1-p):          {second_order:.4f}")
print(f"sigma^2 ||w||^2 (the MSE answer):        {l2_guess:.4f}")
