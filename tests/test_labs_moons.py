"""Claims made in the make_moons walkthrough (snippets/labs/moons.py), checked per seed.

Each lab run trains every configuration on two seeds (SEED, SEED + 1) and draws its data
set from SEED; the quantities below are the lab's means over those two runs, so every
base seed is another data set (guide/claims.py: LAB_SEEDS, AUDIT_SEEDS).
"""

import numpy as np
from conftest import per_seed

from guide.claims import check

MOONS = "labs/moons.py"
STRONG = ("L1", "L2", "early stopping")  # the three that cut the test CE the most


def test_moons_network_has_4417_weights():
    """The 2-64-64-1 network has 4417 weights."""
    check("weights in the network", per_seed(MOONS, lambda v: v["n_weights"]), "==", 4417)


def test_moons_l1_l2_early_stopping_cut_test_ce_by_more_than_a_quarter():
    """L1, L2 and early stopping each lower the plain network's mean test cross-entropy by
    more than a quarter; dropout at rate 0.3 does less than any of those three (its mean
    test cross-entropy is higher than theirs)."""

    def ce(v, name):
        return v["mean"][name]["test_ce"]

    for name in STRONG:
        ratio = per_seed(MOONS, lambda v, n=name: ce(v, n) / ce(v, "plain"))
        check(f"mean test CE, {name} / plain", ratio, "<", 0.75)
        vs_dropout = per_seed(MOONS, lambda v, n=name: ce(v, n) / ce(v, "dropout"))
        check(f"mean test CE, {name} / dropout", vs_dropout, "<", 1)


def test_moons_accuracy_moves_much_less_than_cross_entropy():
    """The highest mean test cross-entropy of the five configurations is more than 1.5
    times the lowest, while their mean test accuracies lie within 10 percentage points of
    each other, and every configuration misclassifies more than 7 % of the test points."""

    def col(v, key):
        return [m[key] for m in v["mean"].values()]

    ce_ratio = per_seed(MOONS, lambda v: max(col(v, "test_ce")) / min(col(v, "test_ce")))
    check("highest / lowest mean test CE", ce_ratio, ">", 1.5)
    acc_spread = per_seed(MOONS, lambda v: max(col(v, "test_acc")) - min(col(v, "test_acc")))
    check("highest - lowest mean test accuracy", acc_spread, "<", 0.10)
    error = per_seed(MOONS, lambda v: 1 - max(col(v, "test_acc")))
    check("lowest mean test error (1 - accuracy)", error, ">", 0.07)


def test_moons_plain_validation_curve_falls_then_rises():
    """The plain network's validation cross-entropy falls from the untrained model's,
    reaches its minimum more than 3 epochs before the end of training and then rises."""

    def curve(v):
        return np.array(v["curves"]["plain"])

    fall = per_seed(MOONS, lambda v: curve(v)[0] / curve(v).min())
    check("plain: untrained / lowest val CE", fall, ">", 1)
    after = per_seed(MOONS, lambda v: len(curve(v)) - 1 - int(np.argmin(curve(v))))
    check("plain: epochs after the lowest val CE", after, ">", 3)
    rise = per_seed(MOONS, lambda v: curve(v)[-1] / curve(v).min())
    check("plain: final / lowest val CE", rise, ">", 1)


def test_moons_early_stopping_curve_is_the_plain_curve_cut_off():
    """Early stopping's validation curve is the plain curve cut off 5 epochs (its
    patience) after its lowest point; every early-stopping run stops before 300 steps."""

    def es(v):
        return np.array(v["curves"]["early stopping"])

    def plain(v):
        return np.array(v["curves"]["plain"])

    shorter = per_seed(MOONS, lambda v: len(es(v)) / len(plain(v)))
    check("length of the curve, early stopping / plain", shorter, "<", 1)
    same = per_seed(MOONS, lambda v: float(np.max(np.abs(es(v) / plain(v)[: len(es(v))] - 1))))
    check("largest relative difference, early stopping vs plain curve", same, "<", 1e-5)
    after = per_seed(MOONS, lambda v: len(es(v)) - 1 - int(np.argmin(es(v))))
    check("early stopping: epochs after the lowest val CE", after, "==", 5)
    stopped = per_seed(MOONS, lambda v: max(v["stopped_at"]) / 300)
    check("longest early-stopping run / 300 steps", stopped, "<", 1)


def test_moons_l1_l2_curves_rise_far_less():
    """After their minimum, the L1 and L2 validation curves rise by less than 30 % of the
    plain curve's rise."""

    def rise(v, name):
        curve = v["curves"][name]
        return curve[-1] - min(curve)

    for name in ("L1", "L2"):
        ratio = per_seed(MOONS, lambda v, n=name: rise(v, n) / rise(v, "plain"))
        check(f"rise of the val CE after its minimum, {name} / plain", ratio, "<", 0.3)
