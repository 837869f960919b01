"""Claims made on docs/noise-injection.md, each checked per seed (guide/claims.py)."""

import math

import numpy as np
from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

# The page's snippets, one name per line (the ledger reads snippet names from single
# assignments).
LAYERS = "noise-injection/01_layers.py"
BISHOP = "noise-injection/02_bishop.py"
SELU = "noise-injection/03_selu_depth.py"
DROPCONNECT = "noise-injection/04_dropconnect.py"
COMPARE = "noise-injection/05_compare.py"
# Labels the snippets use.
PLAIN = "plain"
GN = "GaussianNoise(0.2)"
GD = "GaussianDropout(0.5)"
DC = "DropConnect(0.5)"

# ---------------------------------------------------------------- 01: the layers


def test_gaussian_noise_adds_noise_of_variance_stddev_squared():
    """In training, GaussianNoise(stddev) keeps the mean of its input and adds a variance
    of stddev²."""
    check(
        "GaussianNoise: |output mean - 1| (input 1)",
        per_seed(LAYERS, lambda v: abs(v["noise_mean"] - 1)),
        "<",
        0.01,
    )
    check(
        "GaussianNoise: |variance / stddev² - 1|",
        per_seed(LAYERS, lambda v: abs(v["noise_var"] / v["stddev"] ** 2 - 1)),
        "<",
        0.02,
    )


def test_gaussian_dropout_is_multiplicative_with_dropouts_variance():
    """In training, GaussianDropout(rate) multiplies its input by a Gaussian factor of mean
    1 and variance rate/(1 - rate), the variance of Dropout(rate); with rate 0.5 about
    16 % of the factors are negative, as the normal distribution predicts."""
    check(
        "GaussianDropout: |variance / (rate/(1 - rate)) - 1|",
        per_seed(LAYERS, lambda v: abs(v["gd_var"] / (v["rate"] / (1 - v["rate"])) - 1)),
        "<",
        0.02,
    )
    phi = lambda v: 0.5 * math.erfc(1 / math.sqrt(v["rate"] / (1 - v["rate"])) / math.sqrt(2))  # noqa: E731
    check(
        "GaussianDropout: |fraction negative / Phi(-1/std) - 1|",
        per_seed(LAYERS, lambda v: abs(v["gd_negative"] / phi(v) - 1)),
        "<",
        0.03,
    )


def test_alpha_dropout_keeps_mean_zero_and_variance_one():
    """On inputs of mean 0 and variance 1, AlphaDropout(0.1) sets a fraction 0.1 of them
    to a·α' + b and keeps the mean at 0 and the variance at 1, where Dropout(0.1) raises
    the variance to 1/(1 - rate); after a ReLU, AlphaDropout multiplies the mean by
    a·(1 - rate) instead of keeping it."""
    check(
        "AlphaDropout: |fraction dropped - rate|",
        per_seed(LAYERS, lambda v: abs(v["ad_dropped"] - v["q"])),
        "<",
        0.005,
    )
    check("AlphaDropout: |output mean|", per_seed(LAYERS, lambda v: abs(v["ad_mean"])), "<", 0.01)
    check(
        "AlphaDropout: |output variance - 1|",
        per_seed(LAYERS, lambda v: abs(v["ad_var"] - 1)),
        "<",
        0.01,
    )
    check(
        "Dropout: |variance · (1 - rate) - 1|",
        per_seed(LAYERS, lambda v: abs(v["do_var"] * (1 - v["q"]) - 1)),
        "<",
        0.01,
    )
    check(
        "AlphaDropout after ReLU: |mean ratio / (a·(1 - rate)) - 1|",
        per_seed(LAYERS, lambda v: abs(v["relu_mean_ratio"] / (v["a"] * (1 - v["q"])) - 1)),
        "<",
        0.01,
    )


def test_noise_layers_are_active_only_with_training_true():
    """model(x), predict and evaluate run the three noise layers in inference mode (the
    network's output equals the output without the layer); model(x, training=True) adds
    noise; GaussianNoise refuses a stddev above 1."""
    for call, noisy in [
        ("model(x)", False),
        ("predict", False),
        ("evaluate", False),
        ("model(x, training=True)", True),
    ]:
        for layer in ["GaussianNoise", "GaussianDropout", "AlphaDropout"]:
            check(
                f"{layer}, {call}: noisy",
                per_seed(LAYERS, lambda v, c=call, n=layer: v["noisy"][c][n]),
                "==",
                noisy,
            )
    check(
        "GaussianNoise(2.0) raises ValueError (1 = yes)",
        per_seed(LAYERS, lambda v: v["stddev_above_1"] == "ValueError"),
        "==",
        1,
    )


# ---------------------------------------------------------------- 02: Bishop


def test_input_noise_on_linear_mse_is_l2_of_sigma_squared():
    """For a linear model with MSE, the noisy loss averaged over 5000 draws is within 2 %
    of MSE + σ²·Σw², which is what compute_loss gives with L2(σ²); trained with input
    noise, the weights land within 5 % (of the distance from ridge to least squares) of
    the ridge solution with l2 = σ², and L2(σ²) trained by fit lands on it."""
    target = lambda v: v["clean_loss"] + v["l2"] * float(np.sum(np.square(v["w"])))  # noqa: E731
    check(
        "|noisy MSE (5000 draws) / (MSE + σ²Σw²) - 1|",
        per_seed(BISHOP, lambda v: abs(v["expected_noisy"] / target(v) - 1)),
        "<",
        0.02,
    )
    check(
        "|compute_loss with L2(σ²) / (MSE + σ²Σw²) - 1|",
        per_seed(BISHOP, lambda v: abs(v["penalized_loss"] / target(v) - 1)),
        "<",
        1e-5,
    )
    dist = lambda v, k: v["dist"][k] / v["dist"]["least squares"]  # noqa: E731
    check(
        "||w_noise - w_ridge|| / ||w_ls - w_ridge||",
        per_seed(BISHOP, lambda v: dist(v, "GaussianNoise")),
        "<",
        0.05,
    )
    check(
        "||w_L2 - w_ridge|| / ||w_ls - w_ridge||",
        per_seed(BISHOP, lambda v: dist(v, "L2(sigma^2)")),
        "<",
        1e-3,
    )


def test_input_noise_with_cross_entropy_is_a_data_dependent_penalty():
    """For a logistic model, the extra cross-entropy input noise causes is within 10 % of
    σ²/2·Σw²·mean p(1 - p), and σ²·Σw², the MSE answer, is more than twice too large."""
    check(
        "|CE gap / (σ²/2 Σw² mean p(1-p)) - 1|",
        per_seed(BISHOP, lambda v: abs(v["ce_gap"] / v["second_order"] - 1)),
        "<",
        0.1,
    )
    check(
        "σ²Σw² / CE gap",
        per_seed(BISHOP, lambda v: v["l2_guess"] / v["ce_gap"]),
        ">",
        2,
    )


# ---------------------------------------------------------------- 03: SELU


def test_alpha_dropout_keeps_selu_self_normalizing():
    """In a 16-layer SELU network in training mode, with AlphaDropout(0.1) every block's
    output keeps a variance within 0.05 of 1 and a mean within 0.05 of 0; with
    Dropout(0.1) the last block's variance exceeds 1.3; at inference all three networks
    keep every variance within 0.1 of 1."""
    check(
        "AlphaDropout, training: max |variance - 1| over blocks",
        per_seed(SELU, lambda v: max(abs(x - 1) for x in v["train_var"]["AlphaDropout"])),
        "<",
        0.05,
    )
    check(
        "AlphaDropout, training: max |mean| over blocks",
        per_seed(SELU, lambda v: max(abs(x) for x in v["train_mean"]["AlphaDropout"])),
        "<",
        0.05,
    )
    check(
        "Dropout, training: variance of the last block",
        per_seed(SELU, lambda v: v["train_var"]["Dropout"][-1]),
        ">",
        1.3,
    )
    check(
        "inference: max |variance - 1| over blocks and networks",
        per_seed(
            SELU, lambda v: max(abs(x - 1) for k in v["infer_var"] for x in v["infer_var"][k])
        ),
        "<",
        0.1,
    )


# ---------------------------------------------------------------- 04: DropConnect


def test_dropconnect_layer():
    """The DropConnect layer drops a fraction rate of the weights (within 0.02), scales
    the kept ones by exactly 1/(1 - rate), draws a new mask for every example, equals a
    Dense layer with the same weights at inference, and its output averaged over 20,000
    masks is within 5 % (of the outputs' spread) of that Dense output."""
    check(
        "|fraction of weights dropped - rate|",
        per_seed(DROPCONNECT, lambda v: abs(v["fraction_dropped"] - v["rate"])),
        "<",
        0.02,
    )
    check(
        "max |kept - w/(1 - rate)|", per_seed(DROPCONNECT, lambda v: v["max_kept_error"]), "==", 0
    )
    check(
        "share of examples with own mask",
        per_seed(DROPCONNECT, lambda v: v["rows_differ"]),
        "==",
        1,
    )
    check(
        "inference equals Dense (1 = yes)",
        per_seed(DROPCONNECT, lambda v: v["infer_equals_dense"]),
        "==",
        1,
    )
    check(
        "max |mean over masks - Dense| / std of outputs",
        per_seed(DROPCONNECT, lambda v: v["max_mean_error"] / v["std_scale"]),
        "<",
        0.05,
    )


# ---------------------------------------------------------------- 05: compare


def test_noise_raises_training_ce_and_lowers_validation_ce():
    """Each of the three noises ends with a higher training cross-entropy (noise off) than
    the plain network. GaussianNoise(0.2) ends with a lower validation and test
    cross-entropy on every seed, GaussianDropout(0.5) with a lower validation
    cross-entropy on every seed; GaussianDropout's test cross-entropy and DropConnect's
    validation and test cross-entropy are lower on at least 8 of the 10 audit seeds."""
    for variant in [GN, GD, DC]:
        check(
            f"{variant}: final train CE / plain",
            per_seed(COMPARE, lambda v, k=variant: v["train_ce"][k] / v["train_ce"][PLAIN]),
            ">",
            1,
        )
    for variant, split in [(GN, "val_ce"), (GN, "test_ce"), (GD, "val_ce")]:
        check(
            f"{variant}: final {split} / plain",
            per_seed(COMPARE, lambda v, k=variant, s=split: v[s][k] / v[s][PLAIN]),
            "<",
            1,
        )
    for variant, split in [(GD, "test_ce"), (DC, "val_ce"), (DC, "test_ce")]:
        check(
            f"{variant}: final {split} / plain",
            per_seed(
                COMPARE, lambda v, k=variant, s=split: v[s][k] / v[s][PLAIN], seeds=AUDIT_SEEDS
            ),
            "<",
            1,
            at_least=8,
        )


def test_input_noise_is_best_here():
    """GaussianNoise(0.2) on the inputs ends with the lowest validation cross-entropy of
    the four networks."""
    check(
        "val CE, GaussianNoise / lowest of the others",
        per_seed(COMPARE, lambda v: v["val_ce"][GN] / min(v["val_ce"][k] for k in [PLAIN, GD, DC])),
        "<",
        1,
    )
