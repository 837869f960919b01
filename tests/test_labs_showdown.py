"""Claims made in the regularization showdown (snippets/labs/showdown.py), checked per seed.

Each lab run trains every configuration on three seeds (SEED, SEED + 1, SEED + 2), each
with its own split of the digits; the quantities below are the lab's means over those
three runs, so every base seed is three other splits (guide/claims.py: LAB_SEEDS,
AUDIT_SEEDS). A configuration's gain is its test accuracy minus the plain network's on
the same split and seed, averaged over the three runs.
"""

import numpy as np
from conftest import per_seed

from guide.claims import check

SHOWDOWN = "labs/showdown.py"
NO_DIFFERENCE = ("l1", "l2", "adamw", "early stopping")
SINGLES = ("l1", "l2", "adamw", "dropout", "early stopping", "augmentation", "batch norm")


def gain(v, name):
    """Mean test accuracy gain of a configuration over plain (paired by split and seed)."""
    return float(np.mean(v["test_acc_gain"][name]))


def test_showdown_base_network_has_19210_weights():
    """The 64-256-10 base network has 19210 weights."""
    check("weights in the base network", per_seed(SHOWDOWN, lambda v: v["n_weights"]), "==", 19210)


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
    largest = per_seed(SHOWDOWN, lambda v: max(abs(gain(v, n)) for n in v["CONFIGS"]))
    check("largest |test accuracy gain over plain|", largest, "<", 0.03)


def test_showdown_penalties_and_early_stopping_make_no_measurable_difference():
    """L1, L2, AdamW's weight decay and early stopping leave the mean test accuracy within
    0.6 points of plain's and the mean test cross-entropy within 10 % of plain's."""
    for name in NO_DIFFERENCE:
        check(
            f"|test accuracy gain|, {name}",
            per_seed(SHOWDOWN, lambda v, n=name: abs(gain(v, n))),
            "<",
            0.006,
        )
        ce = per_seed(
            SHOWDOWN,
            lambda v, n=name: abs(v["mean"][n]["test_ce"] / v["mean"]["plain"]["test_ce"] - 1),
        )
        check(f"|mean test CE, {name} / plain - 1|", ce, "<", 0.1)


def test_showdown_early_stopping_never_stops_early():
    """Early stopping trains all 8 epochs in every run: it never stops early."""
    fewest = per_seed(SHOWDOWN, lambda v: min(r["epochs"] for r in v["results"]["early stopping"]))
    check("early stopping: fewest epochs run of 3 runs (of 8)", fewest, "==", 8)


def test_showdown_augmentation_fits_the_training_set_less_without_consistent_gain():
    """No run of the augmented configurations classifies all 300 training images
    correctly, and augmentation alone ends within about a point of plain's test accuracy."""
    for name in ("augmentation", "dropout + augmentation"):
        error = per_seed(
            SHOWDOWN, lambda v, n=name: min(1 - r["train_acc"] for r in v["results"][n])
        )
        check(f"{name}: lowest training error of 3 runs (one image: 1/300)", error, ">=", 1 / 300)
    aug = per_seed(SHOWDOWN, lambda v: abs(gain(v, "augmentation")))
    check("|test accuracy gain|, augmentation", aug, "<", 0.012)


def test_showdown_batch_norm_and_all_gain_about_a_point():
    """Batch normalization and the combination of everything raise the mean test accuracy
    by around a point (between 0.4 and 2.5 points) and lower the mean test cross-entropy."""
    for name in ("batch norm", "all"):
        g = per_seed(SHOWDOWN, lambda v, n=name: gain(v, n))
        check(f"test accuracy gain, {name}", g, ">", 0.004)
        check(f"test accuracy gain, {name}", g, "<", 0.025)
        ce = per_seed(
            SHOWDOWN, lambda v, n=name: v["mean"][n]["test_ce"] / v["mean"]["plain"]["test_ce"]
        )
        check(f"mean test CE, {name} / plain", ce, "<", 1)


def test_showdown_batch_norm_helps_most_of_the_single_techniques():
    """Batch normalization has the lowest mean test error of the single techniques."""

    def error(v, name):
        return 1 - v["mean"][name]["test_acc"]

    ratio = per_seed(
        SHOWDOWN,
        lambda v: error(v, "batch norm") / min(error(v, n) for n in SINGLES if n != "batch norm"),
    )
    check("mean test error, batch norm / best other single technique", ratio, "<", 1)
