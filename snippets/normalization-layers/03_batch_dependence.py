"""Does an example's output depend on the rest of its batch, or on the mode?"""

import keras
import numpy as np

SEED = 0
keras.utils.set_random_seed(SEED)
rng = np.random.default_rng(SEED)
example = rng.normal(size=(1, 4, 4, 8)).astype("float32")  # one 4x4 image, 8 channels
# The same example inside three different batches: of 32, of 4 and of 1.
batches = [
    np.concatenate([example, rng.normal(size=(k, 4, 4, 8)).astype("float32")]) for k in (31, 3)
]
batches.append(example)

layers = {
    "BatchNormalization()": keras.layers.BatchNormalization(),
    "LayerNormalization()": keras.layers.LayerNormalization(),
    "LayerNormalization(axis=[1, 2, 3])": keras.layers.LayerNormalization(axis=[1, 2, 3]),
    "GroupNormalization(groups=4)": keras.layers.GroupNormalization(groups=4),
    "GroupNormalization(groups=-1)": keras.layers.GroupNormalization(groups=-1),
}
batch_effect, mode_effect = {}, {}
for name, layer in layers.items():
    # The example's output (row 0) in each batch, in training mode.
    outs = [layer(b, training=True).numpy()[0] for b in batches]
    batch_effect[name] = float(max(np.abs(o - outs[0]).max() for o in outs))
    # Training mode vs inference mode on the same batch.
    mode_effect[name] = float(np.abs(layer(batches[0], training=False).numpy()[0] - outs[0]).max())
    print(
        f"{name:>34}: change with the batch {batch_effect[name]:.1e} | "
        f"training vs inference {mode_effect[name]:.1e}"
    )
