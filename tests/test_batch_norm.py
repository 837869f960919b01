"""Claims made on docs/batch-norm.md, each checked per seed (guide/claims.py)."""

import math

import numpy as np
from conftest import per_seed

from guide.claims import check

BY_HAND = "batch-norm/01_by_hand.py"
MODES = "batch-norm/02_modes.py"
DEEP = "batch-norm/03_deep_mlp.py"
NOISE = "batch-norm/04_batch_noise.py"
MISMATCH = "batch-norm/05_mismatch.py"
EXPLORE = "batch-norm/06_explore.py"


def finite_or_inf(x):
    """A loss that turned NaN (or overflowed) counts as infinitely large."""
    return math.inf if not isinstance(x, int | float) or math.isnan(x) else x


# ------------------------------------------------------------------ the computation


def test_defaults_are_as_the_page_states():
    """BatchNormalization's defaults are axis=-1, momentum=0.99, epsilon=1e-3,
    center=True and scale=True."""
    for key, expected in [
        ("axis", -1),
        ("momentum", 0.99),
        ("epsilon", 1e-3),
        ("center", True),
        ("scale", True),
    ]:
        check(
            f"default {key}", per_seed(BY_HAND, lambda v, k=key: v["defaults"][k]), "==", expected
        )


def test_training_mode_matches_the_biased_variance_formula_only():
    """In training mode the layer matches the formula with the biased variance (divided
    by m) to float32 precision, and not the one with the unbiased variance."""
    check("max |keras - by hand|, biased", per_seed(BY_HAND, lambda v: v["err_train"]), "<", 1e-5)
    check(
        "max |keras - by hand|, unbiased", per_seed(BY_HAND, lambda v: v["err_unbiased"]), ">", 1e-2
    )


def test_moving_statistics_update_rule_is_exact():
    """One training-mode call moves the moving mean and variance to
    momentum·old + (1 - momentum)·batch statistic, exactly."""
    mean = per_seed(BY_HAND, lambda v: v["err_moving_mean"])
    check("max |moving mean - update rule|", mean, "<", 1e-7)
    var = per_seed(BY_HAND, lambda v: v["err_moving_var"])
    check("max |moving variance - update rule|", var, "<", 1e-7)


def test_inference_mode_uses_the_moving_statistics():
    """In inference mode the layer normalizes with the moving mean and variance."""
    err = per_seed(BY_HAND, lambda v: v["err_infer"])
    check("max |keras - by hand|, inference mode", err, "<", 1e-5)


def test_epsilon_lowers_the_std_of_a_low_variance_feature():
    """The normalized values have standard deviation sqrt(σ²/(σ² + ε)): 1 for a feature of
    large variance, more than 1 % below 1 for the third feature, whose variance is of the
    order of ε."""
    match = per_seed(
        BY_HAND, lambda v: np.max(np.abs(np.subtract(v["x_hat_std"], v["expected_std"])))
    )
    check("max |std of x_hat - sqrt(var / (var + eps))|", match, "<", 1e-3)
    check(
        "|std of x_hat, feature 1 - 1|",
        per_seed(BY_HAND, lambda v: abs(v["x_hat_std"][0] - 1)),
        "<",
        1e-3,
    )
    check(
        "1 - std of x_hat, feature 3",
        per_seed(BY_HAND, lambda v: 1 - v["x_hat_std"][2]),
        ">",
        0.01,
    )


# ----------------------------------------------------------- training vs inference


def test_training_mode_standardizes_inference_mode_barely_changes_the_input():
    """On inputs with mean 5 and standard deviation 3, training mode returns mean 0 and
    standard deviation 1; inference mode, with fresh moving statistics, returns the input
    almost unchanged."""
    check(
        "training mode: |output mean|",
        per_seed(MODES, lambda v: abs(np.mean(v["y_train"]))),
        "<",
        1e-3,
    )
    check(
        "training mode: |output std - 1|",
        per_seed(MODES, lambda v: abs(np.std(v["y_train"]) - 1)),
        "<",
        1e-3,
    )
    mean = per_seed(MODES, lambda v: np.mean(v["y_infer"]) / np.mean(v["x"]))
    check("inference mode: output mean / input mean", mean, ">", 0.8)
    std = per_seed(MODES, lambda v: np.std(v["y_infer"]) / np.std(v["x"]))
    check("inference mode: output std / input std", std, ">", 0.8)


def test_calls_without_training_predict_and_evaluate_are_inference_mode():
    """A call without `training`, predict() and evaluate() all give the inference-mode
    output and leave the moving statistics unchanged."""
    for call in ["model(x)", "model.predict(x)", "model.evaluate(x, y)"]:
        same = per_seed(MODES, lambda v, c=call: float(v["same_as_inference"][c]))
        check(f"{call} gives the inference-mode output (1 = yes)", same, "==", 1)
    untouched = per_seed(MODES, lambda v: float(v["moving_untouched"]))
    check("moving statistics unchanged by these calls (1 = yes)", untouched, "==", 1)


def test_trainable_false_means_inference_mode_and_frozen_statistics():
    """With trainable = False the layer gives the inference-mode output even when called
    with training=True and does not update its moving statistics; in fit() it changes
    none of its four variables, while a trainable layer changes all four."""
    check(
        "trainable=False, training=True: max |output - inference output|",
        per_seed(MODES, lambda v: v["frozen_max_diff"]),
        "==",
        0,
    )
    moved = per_seed(MODES, lambda v: float(v["frozen_stats_moved"]))
    check("trainable=False: moving statistics changed (1 = yes)", moved, "==", 0)
    frozen = per_seed(MODES, lambda v: sum(v["changed"]["trainable=False"]))
    check("variables changed by fit, trainable=False", frozen, "==", 0)
    trainable = per_seed(MODES, lambda v: sum(v["changed"]["trainable"]))
    check("variables changed by fit, trainable layer", trainable, "==", 4)


def test_fit_overrides_training_false_written_into_a_functional_model():
    """A BN layer called with training=False when the functional model was built still
    changes all four variables in fit(): fit's training=True replaces it."""
    changed = per_seed(MODES, lambda v: sum(v["changed"]["called with training=False"]))
    check("variables changed by fit, layer called with training=False", changed, "==", 4)


# --------------------------------------------------------------- the deep MLP


def test_bn_trains_faster_at_a_moderate_learning_rate():
    """At learning rate 0.1, after 200 steps, the BN network's training cross-entropy is
    below 0.1 and the plain network's more than five times higher."""
    check(
        "training CE, BN, lr=0.1",
        per_seed(DEEP, lambda v: finite_or_inf(v["train_ce"]["BN, lr=0.1"])),
        "<",
        0.1,
    )
    ratio = per_seed(
        DEEP,
        lambda v: finite_or_inf(v["train_ce"]["plain, lr=0.1"]) / v["train_ce"]["BN, lr=0.1"],
    )
    check("training CE at lr=0.1, plain / BN", ratio, ">", 5)


def test_plain_network_fails_at_a_large_learning_rate_bn_does_not():
    """At learning rate 1.0 the plain network's training cross-entropy ends within 1 % of
    ln 10, the loss of a uniform guess, with validation accuracy below 20 % (chance is
    10 %); the BN network trains, to a training cross-entropy below 0.3 and a validation
    accuracy above 75 %."""
    ce = lambda key: per_seed(DEEP, lambda v: finite_or_inf(v["train_ce"][key]))  # noqa: E731
    acc = lambda key: per_seed(DEEP, lambda v: v["val_acc"][key])  # noqa: E731
    stuck = per_seed(
        DEEP, lambda v: abs(finite_or_inf(v["train_ce"]["plain, lr=1.0"]) / math.log(10) - 1)
    )
    check("|training CE, plain, lr=1.0 / ln 10 - 1|", stuck, "<", 0.01)
    check("val accuracy, plain, lr=1.0", acc("plain, lr=1.0"), "<", 0.2)
    check("training CE, BN, lr=1.0", ce("BN, lr=1.0"), "<", 0.3)
    check("val accuracy, BN, lr=1.0", acc("BN, lr=1.0"), ">", 0.75)


def test_bn_validates_better_than_plain_at_a_moderate_learning_rate():
    """At learning rate 0.1 the BN network's validation accuracy is above 80 %, and its
    validation error is lower than the plain network's."""
    acc = lambda key: per_seed(DEEP, lambda v: v["val_acc"][key])  # noqa: E731
    check("val accuracy, BN, lr=0.1", acc("BN, lr=0.1"), ">", 0.8)
    ratio = per_seed(
        DEEP, lambda v: (1 - v["val_acc"]["plain, lr=0.1"]) / (1 - v["val_acc"]["BN, lr=0.1"])
    )
    check("val error at lr=0.1, plain / BN", ratio, ">", 1)


# ------------------------------------------------------------ noise, small batches


def test_batch_of_one_outputs_beta_and_batch_of_two_outputs_plus_minus_one():
    """With one example per batch every input comes out as β (here 0); with two (1.0 and
    1.5), the outputs are -1 and +1 to within 1 %."""
    single = per_seed(NOISE, lambda v: max(abs(s) for s in v["single"]))
    check("batch of 1: max |output - beta|", single, "<", 1e-6)
    pair = per_seed(NOISE, lambda v: max(abs(abs(p) - 1) for p in v["pair"]))
    check("batch of 2: max ||output| - 1|", pair, "<", 0.01)


def test_batch_noise_shrinks_like_one_over_sqrt_batch_size():
    """The spread of one example's normalized value falls with every doubling of the
    batch size, and by a factor between 3 and 5.3 from batch 16 to 256 (1/sqrt(B)
    predicts 4)."""

    def fall(v):
        spread = {int(k): s for k, s in v["spread"].items()}
        values = [spread[b] for b in sorted(spread)]
        return min(a / b for a, b in zip(values[:-1], values[1:], strict=True))

    check("smallest ratio of spreads, batch B / 2B", per_seed(NOISE, fall), ">", 1)
    ratio = per_seed(NOISE, lambda v: v["spread"]["16"] / v["spread"]["256"])
    check("spread, batch 16 / batch 256", ratio, ">", 3.0)
    check("spread, batch 16 / batch 256", ratio, "<", 5.3)


def test_moving_variance_is_biased_by_b_minus_one_over_b():
    """The moving variance converges to (B - 1)/B times the true variance (1 here): below
    0.6 with batches of 2, and with batches of 32 biased by less than 0.1."""

    def worst(v):
        return max(abs(got - (int(b) - 1) / int(b)) for b, got in v["moving_var"].items())

    check("max |moving variance - (B - 1)/B|", per_seed(NOISE, worst), "<", 0.08)
    check("batch 2: moving variance", per_seed(NOISE, lambda v: v["moving_var"]["2"]), "<", 0.6)
    bias = per_seed(NOISE, lambda v: 1 - v["moving_var"]["32"])
    check("batch 32: 1 - moving variance", bias, "<", 0.1)


# ------------------------------------------------------------ train/inference mismatch
AFTER_20, AFTER_400 = 1, -1  # indices into the curves, measured after 10, 20, ... 400 steps


def test_momentum_does_not_change_training():
    """The batch-statistics accuracy curves of the two momenta are identical: momentum
    changes only the moving statistics, not the trained weights."""
    diff = per_seed(MISMATCH, lambda v: v["batch_stats_diff"])
    check("max |batch-stats accuracy, momentum 0.99 - 0.9|", diff, "==", 0)


def test_after_20_steps_batch_statistics_already_classify_well():
    """After 20 steps, with batch statistics (training mode), the network classifies more
    than 75 % of the validation digits correctly."""
    acc = per_seed(MISMATCH, lambda v: v["batch_stats"]["0.99"][AFTER_20])
    check("batch-stats val accuracy after 20 steps", acc, ">", 0.75)


def test_inference_lags_batch_statistics_early_with_default_momentum():
    """After 20 steps, inference-mode accuracy trails batch-statistics accuracy by more
    than 10 points with momentum 0.99; with momentum 0.9 the gap is below 10 points and
    below a third of the gap with 0.99."""
    gap = lambda m: per_seed(MISMATCH, lambda v: v["gap"][m][AFTER_20])  # noqa: E731
    check("gap after 20 steps, momentum 0.99", gap("0.99"), ">", 0.1)
    check("gap after 20 steps, momentum 0.9", gap("0.9"), "<", 0.1)
    ratio = per_seed(MISMATCH, lambda v: v["gap"]["0.9"][AFTER_20] / v["gap"]["0.99"][AFTER_20])
    check("gap after 20 steps, momentum 0.9 / 0.99", ratio, "<", 1 / 3)


def test_the_gap_closes_by_the_end_of_training():
    """After 400 steps the gap is below 2 points with both momenta."""
    for m in ["0.99", "0.9"]:
        gap = per_seed(MISMATCH, lambda v, m=m: abs(v["gap"][m][AFTER_400]))
        check(f"|gap after 400 steps|, momentum {m}", gap, "<", 0.02)


def test_training_mode_one_example_at_a_time_predicts_one_class():
    """Predicting 50 digits one at a time in training mode gives a single distinct
    prediction."""
    distinct = per_seed(MISMATCH, lambda v: v["distinct_predictions"])
    check("distinct predictions, training mode one example at a time", distinct, "==", 1)


def test_explorable_gap_between_modes_shrinks_with_the_batch():
    """The explorable's sweep: the mean |Δp(true class)| between training mode (batch
    statistics) and inference mode (moving statistics) shrinks at every step from batches
    of 2 to 256, and training-mode accuracy with batches of 2 is more than 10 points
    below inference mode's."""
    sizes = [2, 4, 8, 16, 64, 256]
    for small, large in zip(sizes, sizes[1:], strict=False):
        ratio = per_seed(EXPLORE, lambda v, s=small, b=large: v["gap"][str(b)] / v["gap"][str(s)])
        check(f"mean |Δp|, batches of {large} / of {small}", ratio, "<", 1)
    drop = per_seed(EXPLORE, lambda v: v["acc_inference"] - v["acc_batch"]["2"])
    check("accuracy, inference mode - training mode with batches of 2", drop, ">", 0.1)
