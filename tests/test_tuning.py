"""Claims made on docs/tuning.md, each checked per seed (guide/claims.py)."""

from itertools import pairwise

import numpy as np
from conftest import per_seed

from guide.claims import check

CURVE = "tuning/01_l2_curve.py"


def mean_ce(v, split):
    """Mean cross-entropy over the three splits, per λ."""
    return np.array(v["ce"][split]).mean(axis=0)


def best(v):
    """Index of the λ with the lowest mean validation cross-entropy."""
    return int(mean_ce(v, "val").argmin())


def test_variable_strength_regularizer_is_keras_l2():
    """The variable-strength regularizer computes what keras.regularizers.L2(1e-3) computes."""
    check("|reg(w) - L2(1e-3)(w)|", per_seed(CURVE, lambda v: v["penalty_diff"]), "<", 1e-7)


def test_keras_string_l2_is_l2_of_0_01():
    """kernel_regularizer="l2" means keras.regularizers.L2 at its default strength, 0.01."""
    check(
        "strength of kernel_regularizer='l2'",
        per_seed(CURVE, lambda v: v["default_l2"]),
        "==",
        0.01,
    )


def test_training_ce_rises_with_lambda():
    """Along the log grid, from λ = 1e-4 to 0.1, mean training cross-entropy rises at every
    step."""
    steps = per_seed(CURVE, lambda v: min(b / a for a, b in pairwise(mean_ce(v, "train")[1:])))
    check("smallest ratio of successive mean training CEs, λ = 1e-4 to 0.1", steps, ">", 1)


def test_validation_curve_is_u_shaped():
    """Mean validation cross-entropy falls from no penalty to λ = 1e-4, is lowest at a λ
    between 1e-3 and 1e-2, and is more than 1.5 times that lowest value at λ = 1e-4 and at
    λ = 0.1."""
    val = lambda v: mean_ce(v, "val")  # noqa: E731
    lambdas = lambda v: np.array(v["lambdas"])  # noqa: E731
    inside = lambda v: (lambdas(v) >= 1e-3) & (lambdas(v) <= 1e-2)  # noqa: E731
    where = per_seed(CURVE, lambda v: val(v)[~inside(v)].min() / val(v)[inside(v)].min())
    check("lowest mean val CE outside [1e-3, 1e-2] / inside", where, ">", 1)
    check(
        "mean val CE, λ = 1e-4 / no penalty",
        per_seed(CURVE, lambda v: val(v)[1] / val(v)[0]),
        "<",
        1,
    )
    ratio = lambda i: lambda v: val(v)[i] / val(v)[best(v)]  # noqa: E731
    check("mean val CE, λ = 1e-4 / lowest", per_seed(CURVE, ratio(1)), ">", 1.5)
    check("mean val CE, λ = 0.1 / lowest", per_seed(CURVE, ratio(-1)), ">", 1.5)


def test_error_rate_is_lowest_in_the_middle_too():
    """The mean validation error rate has the same shape: at the best λ it is lower than
    without a penalty, and at λ = 0.1 it is about 50 % (between 40 % and 60 %)."""
    err = lambda v: np.array(v["err"]["val"]).mean(axis=0)  # noqa: E731
    gain = per_seed(CURVE, lambda v: err(v)[0] / err(v)[best(v)])
    check("mean val error, no penalty / best λ", gain, ">", 1)
    check("mean val error, λ = 0.1", per_seed(CURVE, lambda v: err(v)[-1]), ">", 0.4)
    check("mean val error, λ = 0.1", per_seed(CURVE, lambda v: err(v)[-1]), "<", 0.6)


def test_strongest_penalty_gives_a_constant_prediction():
    """At λ = 0.1, on every split, the training cross-entropy equals the entropy of the
    training labels: the cross-entropy of predicting the fraction of positive labels for
    every point."""
    off = per_seed(
        CURVE,
        lambda v: float(
            np.max(np.abs(np.array(v["ce"]["train"])[:, -1] / np.array(v["label_entropy"]) - 1))
        ),
    )
    check("largest |training CE at λ = 0.1 / label entropy - 1| over the splits", off, "<", 1e-3)


def test_choice_on_validation_is_stable_and_close_to_the_test_optimum():
    """On every split the λ chosen on validation data lies between 1e-3 and 1e-2, and its
    test cross-entropy is within 0.03 of the best test cross-entropy on the grid; averaged
    over the splits, its test error is below 15 %."""
    lambdas = lambda v: np.array(v["lambdas"])  # noqa: E731
    inside = lambda v: (lambdas(v) >= 1e-3) & (lambdas(v) <= 1e-2)  # noqa: E731
    val = lambda v: np.array(v["ce"]["val"])  # noqa: E731
    where = per_seed(
        CURVE,
        lambda v: (val(v)[:, ~inside(v)].min(axis=1) / val(v)[:, inside(v)].min(axis=1)).min(),
    )
    check("per split: lowest val CE outside [1e-3, 1e-2] / inside, worst split", where, ">", 1)
    check("largest test-CE regret", per_seed(CURVE, lambda v: max(v["regret"])), "<", 0.03)
    check(
        "mean test error at the chosen λ",
        per_seed(CURVE, lambda v: float(np.mean(v["test_err_at_chosen"]))),
        "<",
        0.15,
    )


def test_best_validation_score_is_optimistic_and_more_so_on_small_sets():
    """The best validation cross-entropy is optimistic by less than 0.015 with 200
    validation points and by more than 0.07 with 20, and the λ chosen on 20 points scores
    more than 0.04 worse on new data than the λ chosen on 200."""
    opt = lambda v, n: v["optimism"][n]  # noqa: E731
    check("optimism, 200 validation points", per_seed(CURVE, lambda v: opt(v, "200")), "<", 0.015)
    check("optimism, 20 validation points", per_seed(CURVE, lambda v: opt(v, "20")), ">", 0.07)
    score = lambda v, n: v["resplit_test_ce"][n]  # noqa: E731
    worse = per_seed(CURVE, lambda v: score(v, "20") - score(v, "200"))
    check("held-out CE of the λ chosen on 20 points - on 200 points", worse, ">", 0.04)


def test_spread_over_splits_is_largest_without_penalty():
    """The spread (standard deviation) of the validation cross-entropy over the three splits
    is largest without a penalty, more than 5 times its smallest value on the grid."""
    std = lambda v: np.array(v["ce"]["val"]).std(axis=0)  # noqa: E731
    largest = per_seed(CURVE, lambda v: std(v)[0] / std(v)[1:].max())
    check("val CE spread, no penalty / largest with a penalty", largest, ">", 1)
    smallest = per_seed(CURVE, lambda v: std(v)[0] / std(v).min())
    check("val CE spread, no penalty / smallest", smallest, ">", 5)


def test_best_error_is_near_the_noise_floor():
    """At the best λ the mean validation error is below 15 %, close to the 10 % of flipped
    labels."""
    err = lambda v: np.array(v["err"]["val"]).mean(axis=0)  # noqa: E731
    check("mean val error at the best λ", per_seed(CURVE, lambda v: err(v)[best(v)]), "<", 0.15)
