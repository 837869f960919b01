"""Claims made on docs/tuning.md, each checked per seed (guide/claims.py)."""

from itertools import pairwise

import numpy as np
from conftest import per_seed

from guide.claims import check

CURVE = "tuning/01_l2_curve.py"


def curve(v, name):
    """A per-λ result of the snippet as an array, in the order of the grid."""
    return np.array([v[name][str(lam)] for lam in v["lambdas"]])


def test_keras_string_l2_is_l2_of_0_01():
    """kernel_regularizer="l2" means keras.regularizers.L2 at its default strength, 0.01."""
    check(
        "strength of kernel_regularizer='l2'",
        per_seed(CURVE, lambda v: v["default_l2"]),
        "==",
        0.01,
    )


def test_training_ce_rises_with_lambda():
    """Along the grid, from λ = 1e-4 to 0.1, the training cross-entropy rises at every step."""
    steps = per_seed(CURVE, lambda v: min(b / a for a, b in pairwise(curve(v, "train_ce"))))
    check("smallest ratio of successive training CEs", steps, ">", 1)


def test_validation_curve_is_u_shaped():
    """The validation cross-entropy is lowest at λ = 1e-3 or 1e-2, inside the grid: more than
    a third above that lowest value at λ = 1e-4, and higher at λ = 0.1."""
    val = lambda v: curve(v, "val_ce")  # noqa: E731
    inside = per_seed(CURVE, lambda v: min(val(v)[[0, 3]]) / min(val(v)[[1, 2]]))
    check("lowest val CE at the ends of the grid / inside", inside, ">", 1)
    check(
        "val CE, λ = 1e-4 / lowest", per_seed(CURVE, lambda v: val(v)[0] / val(v).min()), ">", 4 / 3
    )
    check("val CE, λ = 0.1 / lowest", per_seed(CURVE, lambda v: val(v)[3] / val(v).min()), ">", 1)


def test_strongest_penalty_gives_a_constant_prediction():
    """At λ = 0.1 the training cross-entropy equals the entropy of the training labels: the
    cross-entropy of predicting the fraction of positive labels for every point. Its
    validation error is about that of a coin toss (between 35 % and 65 %)."""
    off = per_seed(CURVE, lambda v: abs(curve(v, "train_ce")[3] / v["label_entropy"] - 1))
    check("|training CE at λ = 0.1 / label entropy - 1|", off, "<", 1e-3)
    err = per_seed(CURVE, lambda v: curve(v, "val_err")[3])
    check("val error, λ = 0.1", err, ">", 0.35)
    check("val error, λ = 0.1", err, "<", 0.65)


def test_best_validation_score_is_optimistic_and_more_so_on_small_sets():
    """Over random re-splits of the 400 held-out points, the best validation cross-entropy
    is optimistic by less than 0.035 with 200 validation points and by more than 0.07 with
    20."""
    opt = lambda v, n: v["optimism"][n]  # noqa: E731
    check("optimism, 200 validation points", per_seed(CURVE, lambda v: opt(v, "200")), "<", 0.035)
    check("optimism, 20 validation points", per_seed(CURVE, lambda v: opt(v, "20")), ">", 0.07)
