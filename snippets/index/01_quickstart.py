"""Quick start: a small Keras classifier with an L2 penalty, dropout and early stopping."""

import keras
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_moons(n_samples=400, noise=0.3, random_state=SEED)
X, y = X.astype("float32"), y.astype("float32").reshape(-1, 1)
# 200 points to train on, 100 to choose the epoch (validation), 100 to report on (test).
X_train, X_rest, y_train, y_rest = train_test_split(X, y, train_size=200, random_state=SEED)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=SEED)

model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4)),
        keras.layers.Dropout(0.2),  # in training: zeroes each unit with probability 0.2
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(0.01),
    loss="binary_crossentropy",  # + the L2 penalty
    metrics=[keras.metrics.BinaryCrossentropy(name="ce"), "accuracy"],  # without it
    steps_per_execution=5,
)
# Cache, then shuffle: a new order every epoch. An epoch: 5 batches of 40, one pass.
train = tf.data.Dataset.from_tensor_slices((X_train, y_train)).cache()
train = train.shuffle(200, seed=SEED).batch(40).repeat()
val = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(100).cache()
# Stop once the validation cross-entropy (no penalty) has not improved for 10 epochs,
# and go back to the weights of its best epoch.
stop = keras.callbacks.EarlyStopping(monitor="val_ce", patience=10, restore_best_weights=True)
history = model.fit(
    train,
    validation_data=val,
    epochs=200,
    steps_per_epoch=5,
    callbacks=[stop],
    verbose=0,
    shuffle=False,  # the dataset shuffles itself
)
test = model.evaluate(X_test, y_test, verbose=0, return_dict=True)
print(f"epochs trained: {len(history.history['loss'])}, best: {stop.best_epoch + 1}")
print(f"test accuracy: {test['accuracy']:.3f}")
