"""Claims made on docs/large-networks.md, each checked per seed (guide/claims.py)."""

from conftest import per_seed

from guide.claims import check

# The page's snippets, one name per line (the ledger reads snippet names from single
# assignments).
DD = "large-networks/01_double_descent.py"
MIN_NORM = "large-networks/02_min_norm.py"
RANDOM = "large-networks/03_random_labels.py"
REG = "large-networks/04_regularized.py"
SHARP = "large-networks/05_sharpness.py"
N = 100  # training points in the double-descent snippet
ZERO = "SGD from zero"
GLOROT = "SGD from Glorot"
ADAM = "Adam from zero"
PLAIN = "random labels"
L2 = "random, L2(1e-3)"
DROP = "random, Dropout(0.5)"
TRUE = "true labels"

# ------------------------------------------------------------ 01: double descent


def _at(v, key, p):
    return v[key][v["widths"].index(p)]


def test_lstsq_is_the_pseudo_inverse_solution():
    """np.linalg.lstsq returns the same weights as np.linalg.pinv for every number of
    features, over- and under-determined."""
    check(
        "largest |lstsq - pinv|",
        per_seed(DD, lambda v: max(v["pinv_gap"])),
        "<",
        1e-8,
    )


def test_interpolation_threshold():
    """From p = n features on, the minimum-norm fit has zero training error (below 1e-20);
    with fewer features it cannot fit the training points (training MSE above 1e-3)."""
    check(
        "largest training MSE for p >= n",
        per_seed(
            DD, lambda v: max(t for p, t in zip(v["widths"], v["train_mse"], strict=True) if p >= N)
        ),
        "<",
        1e-20,
    )
    check(
        "smallest training MSE for p < n",
        per_seed(
            DD, lambda v: min(t for p, t in zip(v["widths"], v["train_mse"], strict=True) if p < N)
        ),
        ">",
        1e-3,
    )


def test_double_descent_peak_at_the_threshold():
    """The minimum-norm fit's test error and the norm of its weights are both largest at
    p = n; the peak is more than 5 times the best test error with fewer features and more
    than 10 times the test error with the most features."""
    peak_p = lambda key: lambda v: v["widths"][v[key].index(max(v[key]))]  # noqa: E731
    check("p with the largest test MSE", per_seed(DD, peak_p("test_mse")), "==", N)
    check("p with the largest ||w||", per_seed(DD, peak_p("norm")), "==", N)
    under = lambda v: min(t for p, t in zip(v["widths"], v["test_mse"], strict=True) if p < N)  # noqa: E731
    check(
        "test MSE at p = n / best test MSE for p < n",
        per_seed(DD, lambda v: _at(v, "test_mse", N) / under(v)),
        ">",
        5,
    )
    check(
        "test MSE at p = n / at the largest p",
        per_seed(DD, lambda v: _at(v, "test_mse", N) / v["test_mse"][-1]),
        ">",
        10,
    )


def test_largest_model_beats_every_small_one():
    """With the most features, the minimum-norm fit has a lower test error than with any
    number of features below n."""
    under = lambda v: min(t for p, t in zip(v["widths"], v["test_mse"], strict=True) if p < N)  # noqa: E731
    check(
        "test MSE at the largest p / best for p < n",
        per_seed(DD, lambda v: v["test_mse"][-1] / under(v)),
        "<",
        1,
    )


def test_tuned_ridge_removes_the_peak():
    """Ridge with its penalty chosen on validation points has a test error more than 10
    times lower than the minimum-norm fit at p = n, and its test error never rises more
    than 50 % above the lowest it reached with fewer features."""
    check(
        "ridge / minimum-norm test MSE at p = n",
        per_seed(DD, lambda v: _at(v, "ridge_mse", N) / _at(v, "test_mse", N)),
        "<",
        0.1,
    )
    rise = lambda r: max(r[i] / min(r[:i]) for i in range(1, len(r)))  # noqa: E731
    check(
        "largest ridge test MSE / lowest at fewer features",
        per_seed(DD, lambda v: rise(v["ridge_mse"])),
        "<",
        1.5,
    )


# ------------------------------------------------------- 02: the minimum-norm solution


def test_gradient_descent_from_zero_finds_the_minimum_norm_solution():
    """Full-batch SGD from zero weights fits the data and ends at the pseudo-inverse
    solution (relative distance below 1e-4); from a Glorot start it fits the data as well
    but ends elsewhere, at the minimum-norm solution plus the null-space part of its
    start; Adam from zero fits the data (training MSE below 1e-5) and ends more than 10 %
    away from the minimum-norm solution."""
    for run in (ZERO, GLOROT):
        check(
            f"{run}: training MSE",
            per_seed(MIN_NORM, lambda v, r=run: v["train_mse"][r]),
            "<",
            1e-10,
        )
    check(
        "Adam from zero: training MSE",
        per_seed(MIN_NORM, lambda v: v["train_mse"][ADAM]),
        "<",
        1e-5,
    )
    check(
        "SGD from zero: |w - w+| / |w+|",
        per_seed(MIN_NORM, lambda v: v["distance"][ZERO]),
        "<",
        1e-4,
    )
    check(
        "SGD from Glorot: |w - w+| / |w+|",
        per_seed(MIN_NORM, lambda v: v["distance"][GLOROT]),
        ">",
        0.3,
    )
    check(
        "SGD from Glorot: distance to w+ + null-space part of w0",
        per_seed(MIN_NORM, lambda v: v["glorot_prediction_error"]),
        "<",
        1e-4,
    )
    check(
        "Adam from zero: |w - w+| / |w+|",
        per_seed(MIN_NORM, lambda v: v["distance"][ADAM]),
        ">",
        0.1,
    )


# ------------------------------------------------------------ 03: random labels


def test_network_memorizes_random_labels():
    """Without regularization the network fits more than 99 % of the 300 random labels
    within 400 steps, and on new images scores below 0.2 (chance is 0.1). With the true
    labels it fits them all sooner and scores more than 5 times the random-label
    network's test accuracy."""
    check(
        "random labels: fraction of training labels not fitted after 400 steps",
        per_seed(RANDOM, lambda v: 1 - v["train_acc"][PLAIN][-1]),
        "<",
        0.01,
    )
    check(
        "random labels: test accuracy", per_seed(RANDOM, lambda v: v["test_acc"][PLAIN]), "<", 0.2
    )
    check(
        "test accuracy, true / random labels",
        per_seed(RANDOM, lambda v: v["test_acc"][TRUE] / v["test_acc"][PLAIN]),
        ">",
        5,
    )
    check(
        "step all fitted, true / random labels",
        per_seed(RANDOM, lambda v: v["fitted_at"][TRUE] / v["fitted_at"][PLAIN]),
        "<",
        1,
    )


def test_l2_does_not_prevent_memorization():
    """With L2(1e-3) the network also fits more than 99 % of the random labels within 400
    steps, and scores below 0.2 on new images."""
    check(
        "L2(1e-3): fraction of training labels not fitted after 400 steps",
        per_seed(REG, lambda v: 1 - v["train_acc"][L2][-1]),
        "<",
        0.01,
    )
    check("L2(1e-3): test accuracy", per_seed(REG, lambda v: v["test_acc"][L2]), "<", 0.2)


def test_dropout_slows_memorization():
    """With Dropout(0.5), the training accuracy on random labels (inference mode) after 200
    steps is lower than without."""
    drop = per_seed(REG, lambda v: v["train_acc"][DROP][4])
    plain = per_seed(RANDOM, lambda v: v["train_acc"][PLAIN][4])
    check(
        "training accuracy at step 200, Dropout(0.5) / plain",
        {s: drop[s] / plain[s] for s in drop},
        "<",
        0.9,
    )


# ------------------------------------------------------------------ 05: sharpness


def test_rescaling_keeps_the_function_and_changes_the_sharpness():
    """Scaling the first layer by a and the second layer's kernel by 1/a changes no
    prediction by more than 1e-5 and leaves the training loss unchanged, while the
    sharpness grows more than 3-fold from a = 1 to 10 and again from 10 to 100."""
    check(
        "largest change in a prediction",
        per_seed(SHARP, lambda v: max(v["max_change"].values())),
        "<",
        1e-5,
    )
    check(
        "|training loss at a = 100 / a = 1 - 1|",
        per_seed(SHARP, lambda v: abs(v["train_loss"]["100"] / v["train_loss"]["1"] - 1)),
        "<",
        1e-4,
    )
    for lo, hi in (("1", "10"), ("10", "100")):
        check(
            f"sharpness, a = {hi} / a = {lo}",
            per_seed(SHARP, lambda v, a=lo, b=hi: v["sharp"][b] / v["sharp"][a]),
            ">",
            3,
        )
