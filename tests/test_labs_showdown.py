"""Claims made in the regularization showdown (snippets/labs/showdown.py), checked per seed.

Each lab run trains every configuration twice (seeds SEED and SEED + 1), each time on
its own split of the digits; the quantities below are the lab's means over those two
runs, so every base seed is two other splits (guide/claims.py: LAB_SEEDS, AUDIT_SEEDS). A
configuration's gain is its test accuracy minus the plain network's on the same split
and seed, averaged over the two runs.
"""

import numpy as np
from conftest import per_seed

from guide.claims import check

SHOWDOWN = "labs/showdown.py"
NO_DIFFERENCE = ("adamw", "dropout")
TECHNIQUES = ("adamw", "dropout", "augmentation", "batch norm")


def gain(v, name):
    """Mean test accuracy gain of a configuration over plain (paired by split and seed)."""
    return float(np.mean(v["test_acc_gain"][name]))


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


def test_showdown_default_weight_decay_is_negligible_in_160_steps():
    """In 160 steps at learning rate 0.003, AdamW's default weight_decay=0.004 shrinks the
    weights by a fraction of a percent; batch norm's moving averages keep a sizable weight
    0.99¹⁶⁰ on their initial values with the default momentum 0.99, and a negligible one
    with momentum 0.9."""
    shrink = per_seed(SHOWDOWN, lambda v: v["default_decay_shrink"])
    check("total shrink by weight_decay=0.004 in 160 steps", shrink, "<", 0.01)
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


def test_showdown_plain_memorizes_the_training_set():
    """The plain network classifies every training image correctly (training accuracy
    1.000) and more than 9 in 10 test images."""
    train = per_seed(SHOWDOWN, lambda v: v["mean"]["plain"]["train_acc"])
    check("plain: mean training accuracy", train, "==", 1.0)
    error = per_seed(SHOWDOWN, lambda v: 1 - v["mean"]["plain"]["test_acc"])
    check("plain: mean test error (1 - accuracy)", error, "<", 0.1)


def test_showdown_differences_are_small():
    """No configuration moves the mean test accuracy by 3 points."""
    largest = per_seed(SHOWDOWN, lambda v: max(abs(gain(v, n)) for n in TECHNIQUES))
    check("largest |test accuracy gain over plain|", largest, "<", 0.03)


def test_showdown_weight_decay_and_dropout_make_no_measurable_difference():
    """AdamW's weight decay and dropout leave the mean test accuracy within a point of
    plain's and the mean test cross-entropy within 10 % of plain's."""
    for name in NO_DIFFERENCE:
        check(
            f"|test accuracy gain|, {name}",
            per_seed(SHOWDOWN, lambda v, n=name: abs(gain(v, n))),
            "<",
            0.01,
        )
        ce = per_seed(
            SHOWDOWN,
            lambda v, n=name: abs(v["mean"][n]["test_ce"] / v["mean"]["plain"]["test_ce"] - 1),
        )
        check(f"|mean test CE, {name} / plain - 1|", ce, "<", 0.1)


def test_showdown_augmentation_fits_the_training_set_less_without_a_clear_gain():
    """No augmented run classifies all 300 training images correctly, and augmentation
    does not raise the mean test accuracy by half a point."""
    missed = per_seed(
        SHOWDOWN,
        lambda v: min(round(300 * (1 - r["train_acc"])) for r in v["results"]["augmentation"]),
    )
    # A count of images: at least 1 is > 0.5 (a threshold of 0 has no relative margin).
    check("augmentation: fewest training images missed in a run", missed, ">", 0.5)
    aug = per_seed(SHOWDOWN, lambda v: gain(v, "augmentation"))
    check("test accuracy gain, augmentation", aug, "<", 0.005)


def test_showdown_batch_norm_gains_the_most():
    """Batch normalization raises the mean test accuracy by between half a point and 2.5
    points, more than any other technique, and lowers the mean test cross-entropy."""
    g = per_seed(SHOWDOWN, lambda v: gain(v, "batch norm"))
    check("test accuracy gain, batch norm", g, ">", 0.005)
    check("test accuracy gain, batch norm", g, "<", 0.025)
    others = [n for n in TECHNIQUES if n != "batch norm"]
    best_other = per_seed(
        SHOWDOWN, lambda v: max(gain(v, n) for n in others) / gain(v, "batch norm")
    )
    check("largest gain of the other techniques / batch norm's", best_other, "<", 1)
    ce = per_seed(
        SHOWDOWN, lambda v: v["mean"]["batch norm"]["test_ce"] / v["mean"]["plain"]["test_ce"]
    )
    check("mean test CE, batch norm / plain", ce, "<", 1)
