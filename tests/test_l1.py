"""Claims made on docs/l1.md, each checked per seed (guide/claims.py)."""

import math
from itertools import pairwise

from conftest import per_seed

from guide.claims import check

# The page's snippets, one name per line (the ledger reads snippet names from single
# assignments).
PENALTY_SNIPPET = "l1/01_penalty.py"
DATA_SNIPPET = "l1/02_data.py"
COMPARE_SNIPPET = "l1/03_compare.py"
ZEROS_SNIPPET = "l1/04_exact_zeros.py"
SWEEP_SNIPPET = "l1/05_sweep.py"
# The two models of the comparison, as the snippet labels them.
PLAIN = "plain"
L1 = "L1(1e-3)"


def test_keras_l1_penalty_is_l1_times_sum_abs_and_gradient_is_sign():
    """Keras's L1(l1) penalty equals l1·Σ|w|, its gradient is l1·sign(w) entry by entry,
    and the string "l1" means L1(0.01)."""
    rel_err = per_seed(PENALTY_SNIPPET, lambda v: abs(v["penalty"] - v["by_hand"]) / v["by_hand"])
    check("relative error of the penalty against l1·Σ|w|", rel_err, "<", 1e-6)
    grad = per_seed(PENALTY_SNIPPET, lambda v: v["max_grad_error"])
    check("largest |gradient - l1·sign(w)|", grad, "<", 1e-7)
    default = per_seed(PENALTY_SNIPPET, lambda v: abs(v["default_l1"] / 0.01 - 1))
    check("|strength of 'l1' / 0.01 - 1|", default, "<", 1e-6)


def test_data_is_split_in_three():
    """The 450 moons are split into 150 training, 150 validation and 150 test points."""
    for split in ("X_train", "X_val", "X_test"):
        check(f"points in {split}", per_seed(DATA_SNIPPET, lambda v, s=split: len(v[s])), "==", 150)


def test_l1_lowers_validation_cross_entropy():
    """L1(1e-3) ends with a lower validation cross-entropy than the plain network."""
    ratio = per_seed(COMPARE_SNIPPET, lambda v: v["val_ce"][L1] / v["val_ce"][PLAIN])
    check("final val CE, L1 / plain", ratio, "<", 0.7)


def test_plain_validation_curve_turns_around_while_training_error_falls():
    """The plain network's validation cross-entropy turns around and ends above its
    lowest value, while its training cross-entropy keeps falling past that point; the L1
    network ends with a higher training cross-entropy than the plain one."""
    h = lambda v: v["histories"][PLAIN]  # noqa: E731
    turn = per_seed(COMPARE_SNIPPET, lambda v: h(v)["val_ce"][-1] / min(h(v)["val_ce"]))
    check("plain: final / lowest val CE", turn, ">", 1)
    at_min = lambda v: h(v)["val_ce"].index(min(h(v)["val_ce"]))  # noqa: E731
    fall = per_seed(COMPARE_SNIPPET, lambda v: h(v)["ce"][-1] / h(v)["ce"][at_min(v)])
    check("plain: final training CE / training CE at the lowest val CE", fall, "<", 1)
    train = per_seed(COMPARE_SNIPPET, lambda v: v["train_ce"][L1] / v["train_ce"][PLAIN])
    check("final training CE, L1 / plain", train, ">", 1)


def test_accuracy_barely_separates_the_models():
    """Validation accuracy of the two networks differs by less than 8 points."""
    gap = per_seed(COMPARE_SNIPPET, lambda v: abs(v["val_acc"][L1] - v["val_acc"][PLAIN]))
    check("|val accuracy, L1 - plain|", gap, "<", 0.08)


def test_plain_network_is_sure_almost_everywhere():
    """The plain network predicts a probability between 0.1 and 0.9 on less than 15 % of
    the plotted plane, and the L1 network on a larger share."""
    plain = per_seed(COMPARE_SNIPPET, lambda v: v["unsure"][PLAIN])
    check("plain: share of the plane with 0.1 < p < 0.9", plain, "<", 0.15)
    ratio = per_seed(COMPARE_SNIPPET, lambda v: v["unsure"][L1] / v["unsure"][PLAIN])
    check("share of the plane with 0.1 < p < 0.9, L1 / plain", ratio, ">", 1)


def test_l1_gives_many_near_zeros_but_no_exact_zeros():
    """L1 leaves many first-layer weights below 1e-3 in magnitude, the plain network few,
    and neither has an exact zero."""
    near = lambda k: per_seed(COMPARE_SNIPPET, lambda v: v["near_zero"][k])  # noqa: E731
    check("L1: fraction |w| < 1e-3", near(L1), ">", 0.3)
    check("plain: fraction |w| < 1e-3", near(PLAIN), "<", 0.05)
    exact = per_seed(COMPARE_SNIPPET, lambda v: v["exact_zero"][L1] + v["exact_zero"][PLAIN])
    check("exact zeros, both networks", exact, "==", 0)


def test_adam_gives_no_exact_zeros_but_coordinate_descent_does():
    """Adam leaves no coefficient exactly zero, liblinear's coordinate descent zeroes many
    of the uninformative ones, and at least three quarters of the features liblinear
    zeroes are among Adam's smallest."""
    v = lambda k: per_seed(ZEROS_SNIPPET, lambda r: r[k])  # noqa: E731
    check("exact zeros, Keras + Adam", v("exact_adam"), "==", 0)
    check("exact zeros, liblinear (of 25 uninformative)", v("exact_sklearn"), ">=", 8)
    check("smallest |w|, Keras + Adam", v("smallest_adam"), "<", 1e-3)
    check("liblinear's zeros among Adam's smallest", v("overlap"), ">=", 0.75)


def test_sweep_is_u_shaped_and_the_strongest_penalty_collapses():
    """Training cross-entropy rises with the L1 strength; validation cross-entropy is
    lower at an interior strength than at either end of the sweep, so the strength chosen
    on validation is an interior one; the strongest penalty collapses the network to a
    constant prediction of 1/2 (cross-entropy ln 2 on both splits)."""
    steps = per_seed(SWEEP_SNIPPET, lambda v: min(b / a for a, b in pairwise(v["train_ce"])))
    check("smallest ratio of successive training CEs", steps, ">", 1)
    dip = per_seed(
        SWEEP_SNIPPET, lambda v: v["val_ce"][v["best"]] / min(v["val_ce"][0], v["val_ce"][-1])
    )
    check("best val CE / smaller end of the sweep", dip, "<", 1)
    collapse = per_seed(
        SWEEP_SNIPPET,
        lambda v: max(abs(v["val_ce"][-1] - math.log(2)), abs(v["train_ce"][-1] - math.log(2))),
    )
    check("|CE - ln 2| at the strongest penalty", collapse, "<", 0.05)
