"""Quick start: a small Keras classifier with an L2 penalty, dropout and early stopping."""

import keras
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)
X, y = make_moons(n_samples=400, noise=0.3, random_state=SEED)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=SEED)

model = keras.Sequential(
    [
        keras.Input((2,)),
        keras.layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4)),
        keras.layers.Dropout(0.2),  # drops 20% of the units at each training step
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
stop = keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)
history = model.fit(
    X_train, y_train, validation_data=(X_val, y_val), epochs=200, callbacks=[stop], verbose=0
)
print(f"epochs trained: {len(history.history['loss'])}")
print(f"validation accuracy: {model.evaluate(X_val, y_val, verbose=0)[1]:.3f}")
