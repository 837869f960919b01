"""Claims made on docs/l1.md, each checked per seed (guide/claims.py)."""

import math
from itertools import pairwise

from conftest import per_seed

from guide.claims import check

# One name per line: the ledger reads snippet names from single assignments.
PENALTY = "l1/01_penalty.py"
DATA = "l1/02_data.py"
COMPARE = "l1/03_compare.py"
ZEROS = "l1/04_exact_zeros.py"
SWEEP = "l1/05_sweep.py"
PLAIN = "plain"
L1 = "L1(1e-3)"


def test_keras_l1_penalty_is_l1_times_sum_abs_and_gradient_is_sign():
    """Keras's L1(l1) penalty equals l1·Σ|w| and its gradient is l1·sign(w), entry by entry."""
    rel_err = per_seed(PENALTY, lambda v: abs(v["penalty"] - v["by_hand"]) / v["by_hand"])
    check("relative error of the penalty against l1·Σ|w|", rel_err, "<", 1e-6)
    check(
        "largest |gradient - l1·sign(w)|",
        per_seed(PENALTY, lambda v: v["max_grad_error"]),
        "<",
        1e-7,
    )


def test_data_is_split_half_and_half():
    """The 300 moons are split into 150 training and 150 validation points."""
    check("training points", per_seed(DATA, lambda v: len(v["X_train"])), "==", 150)
    check("validation points", per_seed(DATA, lambda v: len(v["X_val"])), "==", 150)


def test_l1_lowers_validation_cross_entropy():
    """L1(1e-3) ends with a lower validation cross-entropy than the plain network."""
    ratio = per_seed(COMPARE, lambda v: v["val_ce"][L1] / v["val_ce"][PLAIN])
    check("final val CE, L1 / plain", ratio, "<", 0.7)


def test_plain_validation_curve_turns_around_while_training_error_falls():
    """The plain network's validation cross-entropy turns around and ends above its
    lowest value, while its training cross-entropy keeps falling past that point; the L1
    network ends with a higher training cross-entropy than the plain one."""
    h = lambda v: v["histories"][PLAIN]  # noqa: E731
    turn = per_seed(COMPARE, lambda v: h(v)["val_ce"][-1] / min(h(v)["val_ce"]))
    check("plain: final / lowest val CE", turn, ">", 1)
    at_min = lambda v: h(v)["val_ce"].index(min(h(v)["val_ce"]))  # noqa: E731
    fall = per_seed(COMPARE, lambda v: h(v)["ce"][-1] / h(v)["ce"][at_min(v)])
    check("plain: final training CE / training CE at the lowest val CE", fall, "<", 1)
    train = per_seed(COMPARE, lambda v: v["train_ce"][L1] / v["train_ce"][PLAIN])
    check("final training CE, L1 / plain", train, ">", 1)


def test_accuracy_barely_separates_the_models():
    """Validation accuracy of the two networks differs by less than 8 points."""
    gap = per_seed(COMPARE, lambda v: abs(v["val_acc"][L1] - v["val_acc"][PLAIN]))
    check("|val accuracy, L1 - plain|", gap, "<", 0.08)


def test_plain_boundary_is_longer():
    """The plain network's decision boundary is longer than the L1 network's."""
    ratio = per_seed(COMPARE, lambda v: v["boundary_cells"][PLAIN] / v["boundary_cells"][L1])
    check("boundary length, plain / L1", ratio, ">", 1)


def test_l1_gives_many_near_zeros_but_no_exact_zeros():
    """L1 leaves many first-layer weights below 1e-3 in magnitude, the plain network few,
    and neither has an exact zero."""
    check("L1: fraction |w| < 1e-3", per_seed(COMPARE, lambda v: v["near_zero"][L1]), ">", 0.3)
    check(
        "plain: fraction |w| < 1e-3", per_seed(COMPARE, lambda v: v["near_zero"][PLAIN]), "<", 0.05
    )
    exact = per_seed(COMPARE, lambda v: v["exact_zero"][L1] + v["exact_zero"][PLAIN])
    check("exact zeros, both networks", exact, "==", 0)


def test_adam_gives_no_exact_zeros_but_coordinate_descent_does():
    """Adam leaves no coefficient exactly zero, liblinear's coordinate descent zeroes many
    of the uninformative ones, and at least three quarters of the features liblinear
    zeroes are among Adam's smallest."""
    check("exact zeros, Keras + Adam", per_seed(ZEROS, lambda v: v["exact_adam"]), "==", 0)
    check(
        "exact zeros, liblinear (of 25 uninformative)",
        per_seed(ZEROS, lambda v: v["exact_sklearn"]),
        ">=",
        8,
    )
    check("smallest |w|, Keras + Adam", per_seed(ZEROS, lambda v: v["smallest_adam"]), "<", 1e-3)
    check(
        "liblinear's zeros among Adam's smallest",
        per_seed(ZEROS, lambda v: v["overlap"]),
        ">=",
        0.75,
    )


def test_sweep_is_u_shaped():
    """Training cross-entropy rises with the L1 strength; validation cross-entropy is
    lower at an interior strength than at either end of the sweep; the strongest penalty
    collapses the network to a constant prediction of 1/2 (cross-entropy ln 2)."""
    steps = per_seed(SWEEP, lambda v: min(b / a for a, b in pairwise(v["train_ce"])))
    check("smallest ratio of successive training CEs", steps, ">", 1)
    dip = per_seed(SWEEP, lambda v: v["val_ce"][v["best"]] / min(v["val_ce"][0], v["val_ce"][-1]))
    check("best val CE / smaller end of the sweep", dip, "<", 1)
    collapse = per_seed(
        SWEEP,
        lambda v: max(abs(v["val_ce"][-1] - math.log(2)), abs(v["train_ce"][-1] - math.log(2))),
    )
    check("|CE - ln 2| at the strongest penalty", collapse, "<", 0.05)
