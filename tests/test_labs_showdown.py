"""Claims made in the regularization showdown (snippets/labs/showdown.py), checked per seed.

Each lab run is one split of the digits (200 training images with noisy labels, 300
validation images with noisy labels, the rest a clean test set) and one training run per
setting; every base seed is another split (guide/claims.py: LAB_SEEDS, AUDIT_SEEDS). A
technique's gain is the test accuracy of the setting it chose on validation minus the
plain network's, on the same split and seed, in percentage points.
"""

import numpy as np
from conftest import per_seed

from guide.claims import check

SHOWDOWN = "labs/showdown.py"
TECHNIQUES = (
    "AdamW",
    "dropout",
    "augmentation",
    "mixup",
    "batch norm",
    "label smoothing",
    "input noise",
    "max-norm",
    "early stopping",
)


def test_showdown_base_network_has_19210_weights():
    """The 64-256-10 base network has 19210 weights."""
    check("weights in the base network", per_seed(SHOWDOWN, lambda v: v["n_weights"]), "==", 19210)


def test_showdown_augmentation_layers_augment_when_called_without_training():
    """A model made of the augmentation layers changes the images when called without
    `training=` (the layers default to training=True), and leaves them unchanged when
    called with training=False."""
    check(
        "augment(x) differs from x (1 = yes)",
        per_seed(SHOWDOWN, lambda v: float(v["plain_call_augments"])),
        "==",
        1,
    )
    check(
        "augment(x, training=False) equals x (1 = yes)",
        per_seed(SHOWDOWN, lambda v: float(v["inference_is_identity"])),
        "==",
        1,
    )


def test_showdown_default_weight_decay_is_negligible_in_150_steps():
    """In 150 steps at learning rate 0.005, AdamW's default weight_decay=0.004 shrinks the
    weights by a fraction of a percent; batch norm's moving averages keep a sizable weight
    0.99¹⁵⁰ on their initial values with the default momentum 0.99, and a negligible one
    with momentum 0.9."""
    shrink = per_seed(SHOWDOWN, lambda v: v["default_decay_shrink"])
    check("total shrink by weight_decay=0.004 in 150 steps", shrink, "<", 0.01)
    check(
        "weight of the initial moving averages, momentum 0.99",
        per_seed(SHOWDOWN, lambda v: v["initial_weight"]["0.99"]),
        ">",
        0.1,
    )
    check(
        "weight of the initial moving averages, momentum 0.9",
        per_seed(SHOWDOWN, lambda v: v["initial_weight"]["0.9"]),
        "<",
        0.01,
    )


def test_showdown_plain_network_overfits():
    """The plain network's validation cross-entropy turns around: it ends more than a
    quarter above its lowest value, while the training cross-entropy keeps falling (it
    ends below its value at the epoch of the lowest validation cross-entropy). The plain
    network fits more than nineteen in twenty of its training labels, although more than
    one in ten of them is wrong."""
    rise = per_seed(SHOWDOWN, lambda v: v["plain_val_ce"]["final"] / v["plain_val_ce"]["lowest"])
    check("plain: final val CE / lowest val CE", rise, ">", 1.25)

    def train_ce_fall(v):
        ce, val_ce = v["plain"]["ce"], v["plain"]["val_ce"]
        return ce[-1] / ce[int(np.argmin(val_ce))]

    check(
        "plain: final training CE / training CE at the lowest val CE",
        per_seed(SHOWDOWN, train_ce_fall),
        "<",
        1,
    )
    error = per_seed(SHOWDOWN, lambda v: 1 - v["plain"]["accuracy"][-1])
    check("plain: final training error on the noisy labels", error, "<", 0.05)
    wrong = per_seed(SHOWDOWN, lambda v: v["wrong_train_labels"])
    check("fraction of wrong training labels", wrong, ">", 0.1)


def test_showdown_early_stopping_stops_early():
    """Early stopping ends training before the tenth epoch."""
    epochs = per_seed(SHOWDOWN, lambda v: v["early_stop_epochs"])
    check("early stopping: epochs trained", epochs, "<", 10)


def test_showdown_every_technique_but_augmentation_helps():
    """Each technique except augmentation raises the test accuracy above the plain
    network's by more than a point (on every audited seed)."""
    for name in TECHNIQUES:
        if name == "augmentation":
            continue
        g = per_seed(SHOWDOWN, lambda v, n=name: v["gain"][n])
        check(f"test accuracy gain over plain (points), {name}", g, ">", 1)
