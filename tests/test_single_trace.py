"""guide/single_trace.py: the build's runs trace each train step once, and their numbers
are the numbers a reader gets without the patch.

The copy-paste gate checks the second point on every snippet; this test checks it on a
model that has every kind of state the patch builds early (optimizer slots, metrics,
batch-normalization moving statistics, a dropout seed generator), on the two kinds of
input where Keras's own strategy path would draw a batch too many: shuffled arrays
with a validation split, and a repeated, shuffled tf.data dataset.
"""

import numpy as np
import pytest

from guide import single_trace

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")


class CountingModel(keras.Sequential):
    """Counts the traces of its train step: Python code in a traced function runs only
    while it is traced."""

    traces = 0

    def train_step(self, data):
        CountingModel.traces += 1
        return super().train_step(data)


def _batches(x, y, none_slot: bool):
    """An endless generator of batches of 16 (with a None sample-weight slot)."""
    while True:
        for i in range(0, len(x), 16):
            yield (x[i : i + 16], y[i : i + 16]) + ((None,) if none_slot else ())


def _train(data: str) -> tuple[int, list, dict, list]:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(96, 5)).astype("float32")
    y = (x[:, 0] + rng.normal(size=96) > 0).astype("float32")
    first = [] if data == "arrays, no Input" else [keras.Input((5,))]
    model = CountingModel(
        first
        + [
            keras.layers.Dense(16, activation="relu"),
            keras.layers.BatchNormalization(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer="adamw", loss="binary_crossentropy", metrics=["accuracy"])
    CountingModel.traces = 0
    if data.startswith("arrays"):
        history = model.fit(x, y, batch_size=16, epochs=3, validation_split=0.25, verbose=0)
    elif data == "repeated dataset":
        ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(96, seed=0).batch(16).repeat()
        history = model.fit(ds, steps_per_epoch=4, epochs=3, verbose=0, shuffle=False)
    else:
        batches = _batches(x, y, none_slot=data.endswith("None"))
        history = model.fit(batches, steps_per_epoch=4, epochs=3, verbose=0, shuffle=False)
    traces = CountingModel.traces
    scores = model.evaluate(x, y, verbose=0)
    keras.backend.clear_session()
    return traces, [w.tobytes() for w in model.get_weights()], history.history, scores


# (input, traces of the train step with the patch): a generator's None slot has no
# tensor spec, so that model is left to build in its first trace, as without the patch.
CASES = [
    ("arrays", 1),
    ("arrays, no Input", 1),
    ("repeated dataset", 1),
    ("generator", 1),
    ("generator with a None", 2),
]


@pytest.mark.parametrize(("data", "traces"), CASES)
def test_one_trace_and_the_same_numbers_as_without_the_patch(data, traces):
    single_trace.uninstall()
    plain = _train(data)
    try:
        assert single_trace.install()
        patched = _train(data)
    finally:
        single_trace.uninstall()
    assert plain[0] == 2, "Keras no longer traces twice: guide/single_trace.py may go"
    assert patched[0] == traces
    assert patched[1] == plain[1], "the patch changed the trained weights"
    assert patched[2] == plain[2], "the patch changed the training history"
    assert patched[3] == plain[3], "the patch changed the evaluation"
