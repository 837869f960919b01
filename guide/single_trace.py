"""Trace each Keras step function once, not twice: a speed-up for the build's own runs.

Keras 3's TensorFlow trainer (``TensorFlowTrainer._maybe_symbolic_build``, Keras 3.15)
builds a model's optimizer, metric and loss variables up front only under a
distribution strategy. Without one, which is how every snippet runs, it defers them
to the first trace of ``train_function``. A ``tf.function`` whose first trace creates
variables is traced a second time without creating them, so every new model pays for
two traces of its train step, about 0.4 s of a ~1.5 s first ``fit`` on this machine.

:func:`install` builds them first, as Keras does under a strategy: symbolically, from
the shapes and dtypes of the input (the dataset's element spec, so no batch is drawn),
and the step is traced once. Layers not built yet are built then too. The numbers do
not change: the same variables get the same initial values, only before the trace
rather than inside it. How that was checked:

* ``tests/test_single_trace.py`` compares weights, history and evaluation bit for bit,
  patched and unpatched, for shuffled arrays, a repeated dataset, a generator and a
  model without an ``Input``;
* the copy-paste gate runs every page's code blocks unpatched in a fresh Python process
  and compares their output with the page's (not the labs, nor the claim tests' runs
  on other seeds);
* when this landed, every cached result (85 page runs with the two labs, 225 claim-test
  runs on other seeds) was byte-identical to the unpatched one.

Applied in the snippet workers and the lab kernels (``guide/runner.py``), never in
what a reader runs.
"""

from __future__ import annotations

import contextlib


def install() -> bool:
    """Patch the TensorFlow trainer (idempotent). False where Keras, its TensorFlow
    trainer or the patched method is missing (another Keras version). Where the input's
    spec is not plain tensors (a generator's None slot is an ``OptionalSpec``), or the
    symbolic build fails (a custom ``train_step`` whose data the model cannot take),
    the model is left to build in its first trace, as without the patch."""
    try:
        import tensorflow as tf
        from keras.src.backend.tensorflow.trainer import TensorFlowTrainer
    except ImportError:
        return False
    build = getattr(TensorFlowTrainer, "_maybe_symbolic_build", None)
    if build is None:
        return False
    if hasattr(build, "_guide_original"):
        return True

    def maybe_symbolic_build(self, iterator=None, data_batch=None):
        if self._distribute_strategy is not None:
            return build(self, iterator=iterator, data_batch=data_batch)
        if data_batch is None:
            # Shapes and dtypes only. Keras's own path draws a batch from the iterator,
            # which would move a repeated dataset or a shuffle on by one batch.
            data_batch = getattr(iterator, "_distributed_dataset", None)
            data_batch = getattr(data_batch, "element_spec", None)
            leaves = tf.nest.flatten(data_batch)
            if not leaves or not all(isinstance(s, tf.TensorSpec) for s in leaves):
                return build(self, iterator=iterator, data_batch=None)  # e.g. a None slot
        try:
            with tf.distribute.get_strategy().scope():  # the default strategy, as Keras does
                self._symbolic_build(data_batch=data_batch)
        except Exception:  # e.g. a custom train_step whose data the model cannot take
            return build(self, iterator=iterator, data_batch=data_batch)  # unpatched: deferred

    maybe_symbolic_build._guide_original = build
    TensorFlowTrainer._maybe_symbolic_build = maybe_symbolic_build
    return True


def uninstall() -> None:
    """Undo :func:`install` (for tests)."""
    with contextlib.suppress(ImportError):
        from keras.src.backend.tensorflow.trainer import TensorFlowTrainer

        patched = TensorFlowTrainer._maybe_symbolic_build
        if hasattr(patched, "_guide_original"):
            TensorFlowTrainer._maybe_symbolic_build = patched._guide_original
