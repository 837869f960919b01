"""Claims made on docs/dropout.md, each checked per seed (guide/claims.py)."""

from itertools import pairwise

import numpy as np
from conftest import per_seed

from guide.claims import check

# One name per line: the ledger reads snippet names from single assignments.
INVERTED = "dropout/01_inverted.py"
SWEEP = "dropout/02_rate_sweep.py"
MASKS = "dropout/03_masks.py"
BN_ORDER = "dropout/04_bn_order.py"
MC = "dropout/05_mc_dropout.py"
PLAIN = "0.0"  # keys of the sweep's rate-keyed dicts (JSON keys are strings)
DROP = "0.6"


def test_keras_dropout_is_inverted_dropout():
    """In training, Dropout(rate) zeroes a fraction rate of its inputs and multiplies the
    others by exactly 1/(1 - rate): the mean is kept and the variance of an input of 1
    becomes rate/(1 - rate)."""
    check(
        "|fraction zeroed - rate| (200,000 draws)",
        per_seed(INVERTED, lambda v: abs(v["fraction_zero"] - v["rate"])),
        "<",
        0.01,
    )
    check(
        "distinct values of the kept outputs",
        per_seed(INVERTED, lambda v: len(v["survivors"])),
        "==",
        1,
    )
    check(
        "|kept value · (1 - rate) - 1|",
        per_seed(INVERTED, lambda v: abs(v["survivors"][0] * (1 - v["rate"]) - 1)),
        "<",
        1e-6,
    )
    check(
        "largest |output - m·x/(1 - rate)|",
        per_seed(INVERTED, lambda v: v["max_formula_error"]),
        "==",
        0,
    )
    check(
        "|mean output in training - 1|",
        per_seed(INVERTED, lambda v: abs(v["mean_train"] - 1)),
        "<",
        0.01,
    )
    check(
        "|variance / (rate/(1 - rate)) - 1|",
        per_seed(INVERTED, lambda v: abs(v["var_train"] / (v["rate"] / (1 - v["rate"])) - 1)),
        "<",
        0.03,
    )
    check(
        "largest |mean over 40,000 masks - input|",
        per_seed(INVERTED, lambda v: v["max_mean_error"]),
        "<",
        0.02,
    )


def test_keras_dropout_is_the_identity_at_inference():
    """At inference, and when called without a training argument, Dropout returns its input
    unchanged, and a network with a Dropout layer predicts exactly what the same network
    without it predicts."""
    check(
        "training=False returns the input",
        per_seed(INVERTED, lambda v: v["inference_is_identity"]),
        "==",
        1,
    )
    check(
        "no training argument returns the input",
        per_seed(INVERTED, lambda v: v["default_is_identity"]),
        "==",
        1,
    )
    check(
        "largest |prediction with Dropout - without|",
        per_seed(INVERTED, lambda v: v["inference_gap"]),
        "==",
        0,
    )


def test_plain_network_overfits_and_dropout_slows_it():
    """Without dropout the validation cross-entropy reaches its lowest value in the first
    half of the run and ends more than 1.5 times above it, while the training
    cross-entropy keeps falling; with Dropout(0.6) the training cross-entropy (dropout
    off) stays higher and the validation cross-entropy rises less after its minimum."""
    c = lambda v, rate, split: v["curves"][rate][split]  # noqa: E731
    best_at = lambda v: int(np.argmin(c(v, PLAIN, "val")))  # noqa: E731
    at = per_seed(SWEEP, lambda v: (best_at(v) + 1) / len(c(v, PLAIN, "val")))
    check("no dropout: step of the lowest val CE / all steps", at, "<", 0.5)
    turn = per_seed(SWEEP, lambda v: c(v, PLAIN, "val")[-1] / min(c(v, PLAIN, "val")))
    check("no dropout: final / lowest val CE", turn, ">", 1.5)
    falls = per_seed(SWEEP, lambda v: c(v, PLAIN, "train")[-1] / c(v, PLAIN, "train")[best_at(v)])
    check("no dropout: final training CE / training CE at the val minimum", falls, "<", 1)
    rise = lambda v, r: c(v, r, "val")[-1] - min(c(v, r, "val"))  # noqa: E731
    check(
        "rise of val CE after its minimum, Dropout(0.6) / no dropout",
        per_seed(SWEEP, lambda v: rise(v, DROP) / rise(v, PLAIN)),
        "<",
        1,
    )
    check(
        "final training CE (dropout off), Dropout(0.6) / no dropout",
        per_seed(SWEEP, lambda v: c(v, DROP, "train")[-1] / c(v, PLAIN, "train")[-1]),
        ">",
        1,
    )


def test_dropout_does_not_improve_the_best_validation_ce_much():
    """Dropout(0.6)'s lowest validation cross-entropy is less than 20 % below the plain
    network's lowest: dropout does not buy a much better best epoch."""
    best = lambda v, i: v["lowest_val_ce"][i]  # noqa: E731  (rates 0.0, 0.3, 0.6, 0.9)
    check(
        "lowest val CE, Dropout(0.6) / no dropout",
        per_seed(SWEEP, lambda v: best(v, 2) / best(v, 0)),
        ">",
        0.8,
    )


def test_fit_loss_with_dropout_on_is_above_the_dropout_off_training_ce():
    """For Dropout(0.6), the training loss fit logs (dropout on) ends above the training
    cross-entropy with dropout off, and so does the training cross-entropy of the final
    weights with dropout on."""
    check(
        "Dropout(0.6): fit's final loss / training CE, dropout off",
        per_seed(SWEEP, lambda v: v["fit_loss"][DROP][-1] / v["curves"][DROP]["train"][-1]),
        ">",
        1,
    )
    check(
        "Dropout(0.6): training CE of the final weights, dropout on / off",
        per_seed(SWEEP, lambda v: v["train_ce_on"][2] / v["train_ce"][2]),
        ">",
        1,
    )


def test_rate_sweep():
    """From rate 0.3 on, the training cross-entropy rises with every step of the rate;
    at 0.9 the validation accuracy is the lowest of the four, more than 0.05 below
    the plain network's."""
    steps = per_seed(SWEEP, lambda v: min(b / a for a, b in pairwise(v["train_ce"][1:])))
    check("smallest ratio of successive training CEs, rates 0.3-0.9", steps, ">", 1)
    err = lambda v: [1 - a for a in v["val_acc"]]  # noqa: E731
    check(
        "val error, Dropout(0.9) / lowest of the other rates",
        per_seed(SWEEP, lambda v: err(v)[3] / min(err(v)[:3])),
        ">",
        1,
    )
    check(
        "val accuracy, no dropout - Dropout(0.9)",
        per_seed(SWEEP, lambda v: v["val_acc"][0] - v["val_acc"][3]),
        ">",
        0.05,
    )


def test_masks():
    """Dropout before or after a ReLU gives the same result; noise_shape=(None, 1, 6)
    repeats one mask over all time steps; plain Dropout zeroes scattered entries in every
    channel, SpatialDropout2D whole channels only; two layers with the same seed draw the
    same mask, and a new one at each call."""
    for key in [
        "relu_order_irrelevant",
        "same_mask_over_time",
        "same_seed_same_mask",
        "new_mask_each_call",
        "whole_maps_only",
    ]:
        check(key.replace("_", " "), per_seed(MASKS, lambda v, k=key: v[k]), "==", 1)
    partly = per_seed(MASKS, lambda v: sum(0 < z < 16 for z in v["zeros_per_channel"]["Dropout"]))
    check("channels (of 6) that plain Dropout zeroes only in part", partly, "==", 6)


def test_dropout_before_bn_shifts_the_variance():
    """The first BN layer, with no dropout upstream, sees the same input variance in
    training and at inference; the second, fed through a Dropout, sees a larger variance
    in training than at inference, its moving variance is larger than the inference
    variance, and at inference its normalized output has a standard deviation below 1."""
    check(
        "bn1: |input variance, training / inference - 1|",
        per_seed(BN_ORDER, lambda v: abs(v["ratio_train"]["bn1"] - 1)),
        "<",
        1e-3,
    )
    check(
        "bn1: |moving / inference variance - 1|",
        per_seed(BN_ORDER, lambda v: abs(v["ratio_moving"]["bn1"] - 1)),
        "<",
        0.06,
    )
    check(
        "bn1: |normalized output std at inference - 1|",
        per_seed(BN_ORDER, lambda v: abs(v["out_std"]["bn1"] - 1)),
        "<",
        0.05,
    )
    check(
        "bn2: input variance, training / inference",
        per_seed(BN_ORDER, lambda v: v["ratio_train"]["bn2"]),
        ">",
        1,
    )
    check(
        "bn2: moving / inference variance",
        per_seed(BN_ORDER, lambda v: v["ratio_moving"]["bn2"]),
        ">",
        1,
    )
    check(
        "bn2: normalized output std at inference",
        per_seed(BN_ORDER, lambda v: v["out_std"]["bn2"]),
        "<",
        1,
    )


def test_mc_dropout_spread_is_larger_away_from_the_data():
    """The spread of the Monte Carlo passes is larger in the gap and beyond the data than
    where there is training data; where there is data the band mean ± 2 std contains
    sin(x) at 95 % of the grid points or more; the Monte Carlo mean stays within 0.1 of
    the dropout-off prediction."""
    check(
        "MC std, gap / data",
        per_seed(MC, lambda v: v["std_in_gap"] / v["std_in_data"]),
        ">",
        1,
    )
    check(
        "MC std, beyond the data / data",
        per_seed(MC, lambda v: v["std_outside"] / v["std_in_data"]),
        ">",
        1,
    )
    check(
        "fraction of grid points with data where sin(x) is outside the band",
        per_seed(MC, lambda v: 1 - v["coverage_data"]),
        "<=",
        0.05,
    )
    check(
        "max |MC mean - dropout-off prediction|",
        per_seed(MC, lambda v: np.max(np.abs(np.subtract(v["mc_mean"], v["deterministic"])))),
        "<",
        0.1,
    )


def test_mc_dropout_band_misses_beyond_the_data():
    """Beyond the data the band mean ± 2 std contains sin(x) at fewer than 10 % of the
    grid points."""
    check("coverage beyond the data", per_seed(MC, lambda v: v["coverage_outside"]), "<", 0.1)
