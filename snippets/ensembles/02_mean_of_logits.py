"""Averaging probabilities or logits: two members, three classes, worked out."""

import keras
import numpy as np

# Nothing here is random; SEED keeps the snippet contract.
SEED = 0
# Two members' logits for one image. Member A says class 0 or 1, member B says class 1
# or 2, and each rules out the class the other favours.
logits = np.array([[4.0, 3.0, -4.0], [-4.0, 3.0, 4.0]], dtype="float32")
probs = keras.ops.convert_to_numpy(keras.ops.softmax(logits))
mean_of_probs = probs.mean(axis=0)  # arithmetic mean: a mixture of the two members
mean_of_logits = keras.ops.convert_to_numpy(keras.ops.softmax(logits.mean(axis=0)))
# The mean of logits is the geometric mean of the probabilities, renormalized.
geometric = np.sqrt(probs[0] * probs[1])
geometric = geometric / geometric.sum()
print("            class 0  class 1  class 2")
for name, p in [("member A", probs[0]), ("member B", probs[1])]:
    print(f"{name:<10}" + "".join(f"{v:9.3f}" for v in p))
print(f"{'mean prob':<10}" + "".join(f"{v:9.3f}" for v in mean_of_probs))
print(f"{'mean logit':<10}" + "".join(f"{v:9.3f}" for v in mean_of_logits))
print(f"largest |mean logit - geometric mean|: {np.abs(mean_of_logits - geometric).max():.1e}")

# If the true class is 0 (only member A's favourite): the cross-entropy of each.
ce_probs = float(-np.log(mean_of_probs[0]))
ce_logits = float(-np.log(mean_of_logits[0]))
# A mixture never puts less than p/K on a class that one member gives p.
bound = float(-np.log(probs[0, 0] / 2))
print(f"true class 0, CE of the mean of probabilities: {ce_probs:.3f}")
print(f"true class 0, CE of the mean of logits: {ce_logits:.3f}")
print(f"bound -log(p_A / 2): {bound:.3f}")
