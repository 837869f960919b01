"""What use_ema does in a Keras 3 optimizer: the update, the overwrite, and which
weights fit, evaluate and predict use."""

import keras
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = 0


# 1. One weight, loss (w - 3)², plain SGD: the raw trajectory and its EMA, by hand.
def run_one_weight(overwrite_every):
    w = keras.Variable(0.0)
    optimizer = keras.optimizers.SGD(
        0.1, use_ema=True, ema_momentum=0.8, ema_overwrite_frequency=overwrite_every
    )
    keras_w = []
    for _ in range(12):
        grad = 2 * (w - 3.0)
        optimizer.apply([grad], [w])
        keras_w.append(float(w))
    optimizer.finalize_variable_values([w])  # what fit does after the last epoch
    return keras_w, float(w)


def by_hand(overwrite_every, m=0.8, lr=0.1):
    w, average, trajectory = 0.0, 0.0, []
    for step in range(1, 13):  # the optimizer's iterations are 0, 1, ...: step = iterations + 1
        w = w - lr * 2 * (w - 3.0)  # the SGD update comes first
        momentum = m if step > 1 else 0.0  # first step: the average starts at w
        average = momentum * average + (1 - momentum) * w
        if overwrite_every and step % overwrite_every == 0:
            w = average  # the model's weight is replaced by the average
        trajectory.append(w)
    return trajectory, average


error, w_last, w_final, ema = {}, {}, {}, {}
for every in [None, 4]:
    key = str(every)
    keras_w, w_final[key] = run_one_weight(every)
    hand_w, ema[key] = by_hand(every)
    error[key] = max(abs(a - b) for a, b in zip(keras_w, hand_w, strict=True))
    w_last[key] = keras_w[-1]
    print(f"ema_overwrite_frequency={every}")
    print(f"  largest |w - by hand| over 12 steps: {error[key]:.1e}")
    print(f"  w after step 12: {w_last[key]:.4f}, EMA: {ema[key]:.4f}")
    print(f"  w after finalize_variable_values: {w_final[key]:.4f}")

# 2. In fit: validation during training uses the raw weights; after the last epoch fit
# copies the EMA into the model, so evaluate and predict use the EMA weights.
X, y = load_digits(return_X_y=True)
X, y = (X / 16).astype("float32"), y.astype("int32")
X_train, X_val, y_train, y_val = train_test_split(X, y, train_size=500, random_state=SEED)


def make_model():
    keras.utils.set_random_seed(SEED)
    model = keras.Sequential(
        [keras.Input((64,)), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(0.2, momentum=0.9, use_ema=True, ema_momentum=0.9),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[keras.metrics.SparseCategoricalCrossentropy(name="ce", from_logits=True)],
        steps_per_execution=20,
    )
    return model


def fit(model, callbacks):
    train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache()
    train = train.shuffle(len(X_train), seed=SEED).batch(50).repeat()
    # An "epoch" here is 20 steps of 50 images.
    history = model.fit(
        train,
        validation_data=(X_val, y_val),
        epochs=5,
        steps_per_epoch=20,
        callbacks=callbacks,
        verbose=0,
        shuffle=False,
    ).history
    after = model.evaluate(X_val, y_val, verbose=0, return_dict=True)["ce"]
    return history, after


last_val, after_fit = {}, {}
for label, callbacks in [
    ("use_ema", []),
    ("+ SwapEMAWeights", [keras.callbacks.SwapEMAWeights()]),
    (
        "+ EarlyStopping(restore)",
        [keras.callbacks.EarlyStopping("val_ce", patience=5, restore_best_weights=True)],
    ),
]:
    history, after_fit[label] = fit(make_model(), callbacks)
    last_val[label] = history["val_ce"][-1]
    best_val = min(history["val_ce"])
print("                          last val_ce  evaluate after fit")
for label in last_val:
    print(f"{label:<24}  {last_val[label]:11.4f}  {after_fit[label]:18.4f}")
print(f"EarlyStopping run, best val_ce in history: {best_val:.4f}")
