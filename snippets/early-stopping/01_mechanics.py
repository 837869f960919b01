"""EarlyStopping's defaults and decision rule, replayed on a scripted validation curve."""

import inspect
import textwrap
import warnings

import keras
import numpy as np

SEED = 0

# 1) The constructors' defaults, read from the installed Keras.
for callback in [keras.callbacks.EarlyStopping, keras.callbacks.ModelCheckpoint]:
    text = f"{callback.__name__}{inspect.signature(callback)}"
    print(textwrap.fill(text, 58, subsequent_indent="    "))
defaults = {
    name: p.default
    for name, p in inspect.signature(keras.callbacks.EarlyStopping).parameters.items()
}
checkpoint_defaults = {
    name: p.default
    for name, p in inspect.signature(keras.callbacks.ModelCheckpoint).parameters.items()
    if name != "filepath"
}


def balanced_acc(y_true, y_pred):  # a custom metric function: it declares no direction
    pred = keras.ops.cast(y_pred > 0.5, "float32")
    tpr = keras.ops.sum(pred * y_true) / keras.ops.maximum(keras.ops.sum(y_true), 1.0)
    tnr = keras.ops.sum((1 - pred) * (1 - y_true)) / keras.ops.maximum(
        keras.ops.sum(1 - y_true), 1.0
    )
    return (tpr + tnr) / 2


# 2) Replay a scripted validation curve through the real callback, calling it as fit()
# does after each epoch. The model has one weight, set to the epoch number before each
# epoch ends: afterwards, the weight tells which epoch's weights the model holds.
keras.utils.set_random_seed(SEED)
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, use_bias=False)])
model.compile(
    loss="binary_crossentropy",
    metrics=["accuracy", keras.metrics.BinaryCrossentropy(name="ce"), balanced_acc],
    run_eagerly=True,  # a toy: no need to compile a graph
)
model.evaluate(np.zeros((1, 1)), np.zeros((1, 1)), verbose=0)  # builds the metrics

val_loss = [0.90, 0.70, 0.60, 0.62, 0.59, 0.585, 0.61, 0.63, 0.60, 0.64, 0.66, 0.68]


def replay(curve, logged="val_loss", **kwargs):
    es = keras.callbacks.EarlyStopping(**{"monitor": "val_loss", **kwargs})
    es.set_model(model)
    model.stop_training = False
    es.on_train_begin()
    for epoch, value in enumerate(curve):
        model.layers[0].kernel.assign([[float(epoch)]])
        es.on_epoch_end(epoch, {logged: value})  # the epoch's logs hold `logged` only
        if model.stop_training:
            break
    es.on_train_end()
    return {
        "epochs run": epoch + 1,
        "stopped_epoch": es.stopped_epoch,
        "best_epoch": es.best_epoch,
        "weights of epoch": int(model.layers[0].kernel.numpy()[0, 0]),
    }


for start in [0, 6]:
    print(f"\nepoch   {''.join(f'{e:>6}' for e in range(start, start + 6))}")
    print(f"val_loss{''.join(f'{v:>6.3f}' for v in val_loss[start : start + 6])}")
settings = {
    "patience=0": dict(patience=0),
    "patience=1": dict(patience=1),
    "patience=2": dict(patience=2),
    "patience=2, restore": dict(patience=2, restore_best_weights=True),
    "patience=3, min_delta=0.02, restore": dict(
        patience=3, min_delta=0.02, restore_best_weights=True
    ),
    "patience=3, baseline=0.58": dict(patience=3, baseline=0.58),
    "patience=2, start_from_epoch=6, restore": dict(
        patience=2, start_from_epoch=6, restore_best_weights=True
    ),
    "patience=10": dict(patience=10),
    "patience=10, restore": dict(patience=10, restore_best_weights=True),
    "patience=10, restore, monitor not logged": dict(
        patience=10, restore_best_weights=True, monitor="val_ce"
    ),
}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    replays = {label: replay(val_loss, **kw) for label, kw in settings.items()}
print("\npatience restore other              ran stopped best holds")
for label, r in replays.items():
    kw = dict(settings[label])
    patience, restore = kw.pop("patience"), kw.pop("restore_best_weights", False)
    other = ", ".join(f"{k}={v!r}" for k, v in kw.items()) or "-"
    print(
        f"{patience:>8} {'yes' if restore else 'no':<7} {other:<18}{r['epochs run']:>4}"
        f"{r['stopped_epoch']:>8}{r['best_epoch']:>5}{r['weights of epoch']:>6}"
    )
print("(holds: the epoch whose weights the model holds after training)")
missing_monitor_warnings = len(caught)
print(f"\nwarnings when monitor='val_ce' is not in the logs: {missing_monitor_warnings}")
print(textwrap.fill(f"the first: {caught[0].message}", 58))


# 3) mode="auto": "loss" means minimize; otherwise the metric's own direction decides.
# Feed two epochs, 0.5 then 0.6: a "max" callback calls the second one the best.
def direction(monitor):
    es = keras.callbacks.EarlyStopping(monitor=monitor, patience=5)
    es.set_model(model)
    es.on_train_begin()
    try:
        es.on_epoch_end(0, {monitor: 0.5})
    except ValueError:
        return "ValueError"
    es.on_epoch_end(1, {monitor: 0.6})
    return "max" if es.best_epoch == 1 else "min"


monitors = ["val_loss", "val_accuracy", "val_ce", "val_balanced_acc", "val_crossentropy"]
directions = {m: direction(m) for m in monitors}  # the last: a name no metric has
print()
for monitor, found in directions.items():
    print(f'mode="auto", monitor="{monitor}": {found}')

# 4) val_loss contains the regularization penalties; a metric does not.
keras.utils.set_random_seed(SEED)
reg_model = keras.Sequential(
    [keras.Input((3,)), keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L2(0.1))]
)
reg_model.compile(
    loss="mse", metrics=[keras.metrics.MeanSquaredError(name="mse")], run_eagerly=True
)
x, y = np.ones((8, 3), "float32"), np.zeros((8, 1), "float32")
scores = reg_model.evaluate(x, y, verbose=0, return_dict=True)
penalty = float(sum(reg_model.losses))
print(f"\nevaluate(): loss {scores['loss']:.4f} = mse {scores['mse']:.4f} + penalty {penalty:.4f}")
loss_minus_metric = scores["loss"] - scores["mse"]
