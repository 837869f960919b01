"""Does an example's output depend on the rest of its batch, or on the mode?"""

import keras
import numpy as np

SEED = 0
rng = np.random.default_rng(SEED)
example = rng.normal(size=(1, 4, 4, 8)).astype("float32")  # one 4x4 image, 8 channels
# The same example at the head of three batches: of 32, of 4 and of 1.
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
    "RMSNormalization()": keras.layers.RMSNormalization(),
}
batch_effect, mode_effect = {}, {}
print(f"{'largest change of the output':<34} {'batch':>7} {'mode':>7}")
for name, layer in layers.items():
    # The example's output (row 0) in each batch, in training mode.
    outs = [layer(b, training=True).numpy()[0] for b in batches]
    batch_effect[name] = float(max(np.abs(o - outs[0]).max() for o in outs))
    # Training mode vs inference mode, on the batch of 32.
    inference = layer(batches[0], training=False).numpy()[0]
    mode_effect[name] = float(np.abs(inference - outs[0]).max())
    print(f"{name:<34} {batch_effect[name]:>7.1e} {mode_effect[name]:>7.1e}")

# A call without training= (outside fit) runs batch norm in inference mode: it uses the
# moving statistics, not the batch's.
bn = layers["BatchNormalization()"]
bn_default_is_inference = bool(
    np.array_equal(bn(batches[0]).numpy(), bn(batches[0], training=False).numpy())
)
print("BatchNormalization(), no training= -> inference mode:", bn_default_is_inference)
