"""Claims made on docs/dropout.md, each checked per seed (guide/claims.py)."""

from itertools import pairwise

from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

# One name per line: the ledger reads snippet names from single assignments.
INVERTED = "dropout/01_inverted.py"
SWEEP = "dropout/02_rate_sweep.py"
MASKS = "dropout/03_masks.py"
BN_ORDER = "dropout/04_bn_order.py"
MC = "dropout/05_mc_dropout.py"
EXPLORE = "dropout/06_explore.py"
PLAIN = "0.0"  # keys of the sweep's rate-keyed dicts (JSON keys are strings)
DROP = "0.5"
TOO_MUCH = "0.9"


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
    """Called without a training argument, with training=False, or through model(x) and
    predict, Dropout returns its input unchanged, and a network with a Dropout layer
    predicts exactly what the same network without it predicts; model(x, training=True)
    drops units."""
    for call, same in [
        ("layer(x)", True),
        ("layer(x, training=False)", True),
        ("model(x)", True),
        ("model.predict(x)", True),
        ("model(x, training=True)", False),
    ]:
        check(
            f"{call} equals the output without dropout",
            per_seed(INVERTED, lambda v, c=call: v["unchanged"][c]),
            "==",
            same,
        )


def test_plain_network_overfits_and_dropout_slows_it():
    """Without dropout the validation cross-entropy is lowest in the first half of the run
    and ends more than 1.5 times above its lowest value, while the training cross-entropy
    keeps falling; with Dropout(0.5) the training cross-entropy (dropout off) ends higher,
    and on at least 6 of 10 seeds the validation cross-entropy rises less after its
    minimum."""
    val = lambda v, r: v["histories"][r]["val_ce"]  # noqa: E731
    train = lambda v, r: v["clean"][r]["train"]  # noqa: E731
    check(
        "no dropout: step of the lowest val CE / all steps",
        per_seed(SWEEP, lambda v: v["best_step"][PLAIN] / 500),
        "<=",
        0.5,
    )
    check(
        "no dropout: final / lowest val CE",
        per_seed(SWEEP, lambda v: val(v, PLAIN)[-1] / min(val(v, PLAIN))),
        ">",
        1.5,
    )
    check(
        "no dropout: final training CE / training CE at the val minimum",
        per_seed(SWEEP, lambda v: train(v, PLAIN)[-1] / train(v, PLAIN)[v["best_epoch"][PLAIN]]),
        "<",
        1,
    )
    rise = lambda v, r: val(v, r)[-1] - min(val(v, r))  # noqa: E731
    check(
        "rise of val CE after its minimum, Dropout(0.5) / no dropout",
        per_seed(SWEEP, lambda v: rise(v, DROP) / rise(v, PLAIN), seeds=AUDIT_SEEDS),
        "<",
        1,
        at_least=6,
    )
    check(
        "final training CE (dropout off), Dropout(0.5) / no dropout",
        per_seed(SWEEP, lambda v: v["train_ce"][DROP] / v["train_ce"][PLAIN]),
        ">",
        1,
    )


def test_dropout_does_not_improve_the_test_score_at_the_best_epoch_much():
    """Each network stopped at its best validation epoch: Dropout(0.5)'s test
    cross-entropy there is less than 20 % below the plain network's."""
    check(
        "test CE at the best val epoch, Dropout(0.5) / no dropout",
        per_seed(SWEEP, lambda v: v["test_ce_at_best"][DROP] / v["test_ce_at_best"][PLAIN]),
        ">",
        0.8,
    )


def test_fit_loss_with_dropout_on_is_above_the_dropout_off_training_ce():
    """For Dropout(0.5) and Dropout(0.9), the training cross-entropy fit logs (dropout on,
    over the last 50 steps) ends above the training cross-entropy of the final weights
    with dropout off."""
    for rate in [DROP, TOO_MUCH]:
        check(
            f"Dropout({rate}): fit's CE / training CE, dropout off",
            per_seed(SWEEP, lambda v, r=rate: v["fit_ce"][r] / v["train_ce"][r]),
            ">",
            1,
        )


def test_rate_sweep():
    """The training cross-entropy (dropout off) after 500 steps rises with the rate; at
    0.9 the validation accuracy is the lowest of the three, more than 0.05 below the
    plain network's."""
    rates = [PLAIN, DROP, TOO_MUCH]
    check(
        "smallest ratio of successive training CEs, rates 0, 0.5, 0.9",
        per_seed(
            SWEEP, lambda v: min(v["train_ce"][b] / v["train_ce"][a] for a, b in pairwise(rates))
        ),
        ">",
        1,
    )
    err = lambda v, r: 1 - v["val_acc"][r]  # noqa: E731
    check(
        "val error, Dropout(0.9) / lowest of the other rates",
        per_seed(SWEEP, lambda v: err(v, TOO_MUCH) / min(err(v, PLAIN), err(v, DROP))),
        ">",
        1,
    )
    check(
        "val accuracy, no dropout - Dropout(0.9)",
        per_seed(SWEEP, lambda v: v["val_acc"][PLAIN] - v["val_acc"][TOO_MUCH]),
        ">",
        0.05,
    )


def test_masks():
    """Dropout before or after a ReLU gives the same result; noise_shape=(None, 1, 6)
    repeats one mask over all time steps; plain Dropout zeroes scattered entries in every
    channel, SpatialDropout2D whole channels only; two layers with the same seed draw the
    same mask, and a new one at each call; a Dropout layer created without a seed changes
    the initial weights of the layers created after it, one created with a seed does
    not."""
    for key in [
        "relu_order_irrelevant",
        "same_mask_over_time",
        "same_seed_same_mask",
        "new_mask_each_call",
        "whole_maps_only",
    ]:
        check(key.replace("_", " "), per_seed(MASKS, lambda v, k=key: v[k]), "==", 1)
    check(
        "Dropout(0.5) without seed: same initial weights as without dropout",
        per_seed(MASKS, lambda v: v["same_initial_weights"]["Dropout(0.5)"]),
        "==",
        0,
    )
    check(
        "Dropout(0.5, seed=1): same initial weights as without dropout",
        per_seed(MASKS, lambda v: v["same_initial_weights"]["Dropout(0.5, seed=1)"]),
        "==",
        1,
    )
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
        per_seed(MC, lambda v: v["mc_std_in"]["gap"] / v["mc_std_in"]["data"]),
        ">",
        1,
    )
    check(
        "MC std, beyond the data / data",
        per_seed(MC, lambda v: v["mc_std_in"]["beyond"] / v["mc_std_in"]["data"]),
        ">",
        1,
    )
    check(
        "fraction of grid points with data where sin(x) is outside the band",
        per_seed(MC, lambda v: 1 - v["coverage"]["data"]),
        "<=",
        0.05,
    )
    check(
        "max |MC mean - dropout-off prediction|",
        per_seed(MC, lambda v: v["max_gap"]),
        "<",
        0.1,
    )


def test_mc_dropout_band_misses_beyond_the_data():
    """Beyond the data the band mean ± 2 std contains sin(x) at fewer than 10 % of the
    grid points."""
    check("coverage beyond the data", per_seed(MC, lambda v: v["coverage"]["beyond"]), "<", 0.1)


def test_explorable_training_ce_rises_with_the_rate():
    """The explorable's sweep: the training cross-entropy with dropout off is higher at
    rate 0.9 than at 0.5, and higher at 0.5 than without dropout."""
    for lo, hi in [("0", "0.5"), ("0.5", "0.9")]:
        ratio = per_seed(EXPLORE, lambda v, lo=lo, hi=hi: v["train_ce"][hi] / v["train_ce"][lo])
        check(f"training CE (dropout off), rate {hi} / rate {lo}", ratio, ">", 1)
