"""Claims made on docs/input-scaling.md, each checked per seed (guide/claims.py)."""

import math

import numpy as np
from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

SCALERS = "input-scaling/01_scalers.py"
CONDITIONING = "input-scaling/02_conditioning.py"
CURVES = "input-scaling/03_training_curves.py"
LEAKAGE = "input-scaling/04_leakage.py"
ADAM_RAW, ADAM_STD = "Adam(0.01), raw", "Adam(0.01), standardized"
SGD_RAW, SGD_STD = "SGD(0.1), raw", "SGD(0.1), standardized"


def finite_or_inf(x):
    """A loss that turned NaN counts as infinitely large."""
    return math.inf if not isinstance(x, int | float) or math.isnan(x) else x


# ------------------------------------------------------------------ the three scalers


def test_breast_cancer_features_span_orders_of_magnitude():
    """The breast-cancer data has 569 examples of 30 features, whose standard deviations
    in the training split differ by more than five orders of magnitude."""
    check("examples", per_seed(SCALERS, lambda v: np.shape(v["X"])[0]), "==", 569)
    check("features", per_seed(SCALERS, lambda v: np.shape(v["X"])[1]), "==", 30)
    spread = per_seed(SCALERS, lambda v: max(v["std"]) / min(v["std"]))
    check("largest / smallest feature std", spread, ">", 1e5)


def test_min_max_maps_training_data_to_0_1_but_not_test_data():
    """Min-max scaling maps the training split to [0, 1] and the test split beyond 1."""
    lo = per_seed(SCALERS, lambda v: abs(np.min(v["Xtr_mm"])))
    check("|training split minimum - 0|", lo, "<", 1e-6)
    hi = per_seed(SCALERS, lambda v: abs(np.max(v["Xtr_mm"]) - 1))
    check("|training split maximum - 1|", hi, "<", 1e-6)
    check("test split maximum", per_seed(SCALERS, lambda v: np.max(v["Xte_mm"])), ">", 1)


def test_standard_scaler_and_normalization_use_the_population_variance():
    """StandardScaler's and Normalization's variances are the population variance
    (divided by n); against the sample variance (n - 1) Normalization's differs by 1/n."""
    check(
        "StandardScaler.var_ vs population variance, max relative difference",
        per_seed(SCALERS, lambda v: v["rel_sklearn_var"]),
        "<",
        1e-6,
    )
    check(
        "Normalization variance vs population variance, max relative difference",
        per_seed(SCALERS, lambda v: v["rel_var_ddof0"]),
        "<",
        1e-5,
    )
    off = per_seed(SCALERS, lambda v: abs(v["rel_var_ddof1"] * len(v["X_train"]) - 1))
    check("|(difference from the sample variance) / (1/n) - 1|", off, "<", 0.01)


def test_normalization_stores_mean_and_variance():
    """Normalization.adapt() stores the mean and the variance as the layer's weights."""
    names = per_seed(SCALERS, lambda v: float(v["weight_names"][:2] == ["mean", "variance"]))
    check("first two weights are named mean, variance (1 = yes)", names, "==", 1)


def test_normalization_matches_standard_scaler_to_float32_precision():
    """Normalization's outputs match StandardScaler's to float32 precision, and
    invert=True maps them back to the inputs."""
    diff = per_seed(SCALERS, lambda v: v["max_diff"])
    check("max |Normalization - StandardScaler| on the test split", diff, "<", 1e-4)
    roundtrip = per_seed(SCALERS, lambda v: v["roundtrip"])
    check("invert=True round trip, max relative error", roundtrip, "<", 1e-5)


def test_constant_training_feature_epsilon_vs_scale_one():
    """For a feature that is constant in the training split, a test value 1 becomes 1
    with StandardScaler and 10^7 with Normalization; the constant itself becomes 0."""
    check(
        "StandardScaler: output for the constant",
        per_seed(SCALERS, lambda v: v["const_sklearn"][0]),
        "==",
        0,
    )
    check(
        "StandardScaler: output for 1", per_seed(SCALERS, lambda v: v["const_sklearn"][1]), "==", 1
    )
    check(
        "Normalization: |output for the constant|",
        per_seed(SCALERS, lambda v: abs(v["const_keras"][0])),
        "<",
        1e-6,
    )
    ratio = per_seed(SCALERS, lambda v: abs(v["const_keras"][1] / 1e7 - 1))
    check("Normalization: |output for 1 / 10^7 - 1|", ratio, "<", 1e-5)


def test_normalization_axis_keeps_per_channel_or_scalar_statistics():
    """For images of shape (16, 8, 8, 3), axis=-1 keeps one mean per channel (shape (3,))
    and axis=None one scalar mean (shape ())."""
    shape = lambda key: lambda v: len(v["mean_shapes"][key])  # noqa: E731
    check("axis=-1: dimensions of the mean", per_seed(SCALERS, shape("axis=-1")), "==", 1)
    check("axis=-1: means", per_seed(SCALERS, lambda v: v["mean_shapes"]["axis=-1"][0]), "==", 3)
    check("axis=None: dimensions of the mean", per_seed(SCALERS, shape("axis=None")), "==", 0)


# ------------------------------------------------------------------------ conditioning


def test_scale_and_offset_ruin_the_condition_number_and_standardizing_fixes_it():
    """Multiplying a feature by 10 (1000) gives a condition number between 50 and 200
    (5·10^5 and 2·10^6), about the square of the factor; an offset of 10 with a bias gives
    more than 1000; standardized, it is below 2."""
    kappa = lambda key: per_seed(CONDITIONING, lambda v: v["kappa"][key])  # noqa: E731
    check("condition number, feature 2 x10", kappa("raw, feature 2 x10"), ">", 50)
    check("condition number, feature 2 x10", kappa("raw, feature 2 x10"), "<", 200)
    check("condition number, feature 2 x1000", kappa("raw, feature 2 x1000"), ">", 5e5)
    check("condition number, feature 2 x1000", kappa("raw, feature 2 x1000"), "<", 2e6)
    shifted = kappa("raw, feature 2 shifted by +10, with a bias")
    check("condition number, feature 2 shifted by +10, with a bias", shifted, ">", 1000)
    check("condition number, standardized", kappa("standardized"), "<", 2)
    check("condition number, standardized, with a bias", kappa("standardized, with a bias"), "<", 2)


def test_gradient_descent_steps_follow_the_condition_number():
    """Gradient descent needs the number of steps the condition number predicts (within
    2 %) on the raw inputs, at most 10 on standardized ones, and over 50 times more raw."""

    def off(v):
        k = v["kappa"]["raw, feature 2 x10"]
        predicted = np.log(1e-6) / np.log((k - 1) / (k + 1))
        return abs(v["steps_raw"] / predicted - 1)

    check("|GD steps raw / predicted - 1|", per_seed(CONDITIONING, off), "<", 0.02)
    check("GD steps, standardized", per_seed(CONDITIONING, lambda v: v["steps_std"]), "<=", 10)
    ratio = per_seed(CONDITIONING, lambda v: v["steps_raw"] / v["steps_std"])
    check("GD steps, raw / standardized", ratio, ">", 50)


# --------------------------------------------------------------------- training curves


def test_adam_trains_faster_on_standardized_inputs():
    """With Adam, the raw model's first-epoch training cross-entropy is over 10 times the
    standardized model's, and after 200 steps the standardized model's is below 60 % of
    the raw model's."""
    first = per_seed(CURVES, lambda v: v["first_ce"][ADAM_RAW] / v["first_ce"][ADAM_STD])
    check("first-epoch CE, Adam, raw / standardized", first, ">", 10)
    final = per_seed(CURVES, lambda v: v["final_ce"][ADAM_STD] / v["final_ce"][ADAM_RAW])
    check("final CE, Adam, standardized / raw", final, "<", 0.6)


def test_sgd_diverges_on_raw_inputs_at_a_rate_that_works_on_standardized_ones():
    """With SGD(0.1) the raw model's cross-entropy explodes in the first epoch (above
    10^6) and the run stops on a NaN or infinite loss; at the same rate the standardized
    model trains, its cross-entropy falling by more than 30 %."""
    diverged = lambda key: per_seed(CURVES, lambda v: float(v["diverged"][key]))  # noqa: E731
    check("SGD, raw: terminated on NaN/inf (1 = yes)", diverged(SGD_RAW), "==", 1)
    raw_first = per_seed(CURVES, lambda v: finite_or_inf(v["first_ce"][SGD_RAW]))
    check("SGD, raw: first-epoch CE", raw_first, ">", 1e6)
    check("SGD, standardized: terminated (1 = yes)", diverged(SGD_STD), "==", 0)
    fall = per_seed(CURVES, lambda v: v["final_ce"][SGD_STD] / v["first_ce"][SGD_STD])
    check("SGD, standardized: final / first-epoch CE", fall, "<", 0.7)


# ----------------------------------------------------------------------------- leakage


def test_scaler_outside_cv_barely_matters_on_iid_data():
    """A scaler fitted on all data before cross-validation changes the cross-validated
    accuracy by at most half a point; the means it leaks are within 0.1 standard
    deviations of each training fold's."""
    cv = lambda v: abs(v["cv_scaler"]["leaky"] - v["cv_scaler"]["pipeline"])  # noqa: E731
    check("|CV accuracy, scaler outside - inside|", per_seed(LEAKAGE, cv), "<=", 0.005)
    means = per_seed(LEAKAGE, lambda v: v["leak"]["means"])
    check("max |mean, all data - mean, training fold| / std", means, "<", 0.1)


def test_feature_selection_outside_cv_finds_signal_in_noise():
    """On pure noise, selecting features on all the data before cross-validation reports
    an accuracy more than 20 points above the honest estimate (selection inside the
    cross-validation), which is near chance (50 %)."""
    chance = per_seed(LEAKAGE, lambda v: abs(v["cv_select"]["pipeline"] - 0.5))
    check("|CV accuracy on noise, selection inside CV - 0.5|", chance, "<", 0.15)
    gap = per_seed(LEAKAGE, lambda v: v["cv_select"]["leaky"] - v["cv_select"]["pipeline"])
    check("CV accuracy on noise, outside - inside", gap, ">", 0.2)


def test_refitting_the_scaler_on_the_test_set_hides_a_shift():
    """A shift of the test inputs costs at least 8 points of accuracy with the training
    statistics on at least 7 of 10 seeds; refitting the scaler on the test set hides the
    loss (within 4 points of the unshifted accuracy), and a scaler fitted on training plus
    test data changes the shifted accuracy by less than 2 points."""
    s = lambda v: v["shift"]  # noqa: E731
    drop = per_seed(
        LEAKAGE,
        lambda v: s(v)["no shift"] - s(v)["shift, training statistics"],
        seeds=AUDIT_SEEDS,
    )
    check("accuracy, no shift - shift with training statistics", drop, ">=", 0.08, at_least=7)
    hidden = per_seed(
        LEAKAGE,
        lambda v: abs(s(v)["shift, scaler refitted on the test set"] - s(v)["no shift"]),
    )
    check("|accuracy, refitted on the test set - no shift|", hidden, "<", 0.04)
    both = per_seed(
        LEAKAGE,
        lambda v: abs(
            s(v)["shift, scaler fitted on train + test"] - s(v)["shift, training statistics"]
        ),
    )
    check("|accuracy, fitted on train + test - training statistics|", both, "<", 0.02)
