"""Claims made on docs/label-smoothing.md, each checked per seed (guide/claims.py)."""

from itertools import pairwise

from conftest import per_seed

from guide.claims import check

# One name per line: the ledger reads snippet names from single assignments.
FORMULA = "label-smoothing/01_formula.py"
GAP = "label-smoothing/02_logit_gap.py"
CALIBRATION = "label-smoothing/03_calibration.py"
EPSILONS = ["0.0", "0.1", "0.3"]  # keys of the sweep's ε-keyed dicts (JSON keys)

# ---------------------------------------------------------------- 01: the formulas


def test_categorical_crossentropy_smooths_to_y_times_1_minus_eps_plus_eps_over_k():
    """CategoricalCrossentropy(label_smoothing=ε) is -Σ q·log p with q = y·(1 - ε) + ε/K:
    0.91 for the true class and 0.01 for each other class at ε = 0.1, K = 10; the same
    with from_logits=True, and on probabilities up to Keras's clip of p to
    [1e-7, 1 - 1e-7]."""
    check(
        "|target of the true class - (1 - ε + ε/K)|",
        per_seed(FORMULA, lambda v: abs(v["q"][0][v["y"][0]] - (1 - v["eps"] + v["eps"] / v["K"]))),
        "<",
        1e-6,
    )
    check(
        "|smallest target - ε/K|",
        per_seed(FORMULA, lambda v: abs(min(map(min, v["q"])) - v["eps"] / v["K"])),
        "<",
        1e-6,
    )
    for key, what in [
        ("err_cce_logits", "from_logits=True vs -Σ q·log softmax(z)"),
        ("err_cce_clipped", "probabilities vs -Σ q·log clip(p)"),
        ("err_workaround", "keras.ops.one_hot + CategoricalCrossentropy vs by hand"),
    ]:
        check(f"relative error, {what}", per_seed(FORMULA, lambda v, k=key: v[k]), "<", 1e-5)


def test_binary_crossentropy_smooths_towards_one_half():
    """BinaryCrossentropy(label_smoothing=ε) replaces each label y by y·(1 - ε) + ε/2
    (0.05 and 0.95 at ε = 0.1)."""
    check("relative error, binary vs by hand", per_seed(FORMULA, lambda v: v["err_bce"]), "<", 1e-5)
    check(
        "|smallest binary target - ε/2|",
        per_seed(FORMULA, lambda v: abs(min(min(r) for r in v["qb"]) - v["eps"] / 2)),
        "<",
        1e-6,
    )


def test_sparse_categorical_crossentropy_has_no_label_smoothing():
    """Four Keras losses take label_smoothing (Binary, BinaryFocal, Categorical,
    CategoricalFocal cross-entropy); SparseCategoricalCrossentropy does not."""
    check(
        "losses with label_smoothing",
        per_seed(FORMULA, lambda v: len(v["takes_smoothing"])),
        "==",
        4,
    )
    check(
        "SparseCategoricalCrossentropy takes label_smoothing",
        per_seed(FORMULA, lambda v: v["sparse_has_it"]),
        "==",
        0,
    )


def test_smoothed_loss_has_a_floor_the_entropy_of_q():
    """The smoothed loss at its minimum, p = q, equals the entropy of q, above 0."""
    check(
        "|Keras loss at p = q - entropy of q| / entropy",
        per_seed(FORMULA, lambda v: abs(v["loss_at_q"] - v["floor"]) / v["floor"]),
        "<",
        1e-4,
    )
    check("entropy of q (ε = 0.1, K = 10)", per_seed(FORMULA, lambda v: v["floor"]), ">", 0.4)


# ---------------------------------------------------------------- 02: the logit gap


def test_smoothing_gives_a_finite_logit_gap():
    """With ε > 0, gradient descent on one example's logits converges to the logit gap
    log(1 + K(1 - ε)/ε) and the confidence 1 - ε + ε/K; without smoothing the gap is
    larger after 3000 steps than after 300, and larger than any of those optima."""
    for e in ["0.05", "0.1", "0.2"]:
        check(
            f"ε = {e}: |gap / log(1 + K(1 - ε)/ε) - 1|",
            per_seed(GAP, lambda v, e=e: abs(v["final_gap"][e] / v["theory_gap"][e] - 1)),
            "<",
            1e-3,
        )
        check(
            f"ε = {e}: |confidence - (1 - ε + ε/K)|",
            per_seed(GAP, lambda v, e=e: abs(v["confidence"][e] - v["theory_conf"][e])),
            "<",
            1e-3,
        )
    check(
        "ε = 0: gap after 3000 steps / after 300",
        per_seed(GAP, lambda v: v["gaps"]["0.0"][5] / v["gaps"]["0.0"][3]),
        ">",
        1,
    )
    check(
        "ε = 0: gap after 3000 steps / optimum at ε = 0.05",
        per_seed(GAP, lambda v: v["final_gap"]["0.0"] / v["theory_gap"]["0.05"]),
        ">",
        1,
    )


# ---------------------------------------------------------------- 03: calibration


def test_plain_network_is_already_calibrated_and_smoothing_raises_ece():
    """On load_digits the plain network's test ECE is below 0.03, and the test ECE grows
    with ε from 0 to 0.1 to 0.3."""
    check("test ECE, ε = 0", per_seed(CALIBRATION, lambda v: v["test_ece"]["0.0"]), "<", 0.03)
    check(
        "smallest ratio of successive test ECEs",
        per_seed(
            CALIBRATION,
            lambda v: min(v["test_ece"][b] / v["test_ece"][a] for a, b in pairwise(EPSILONS)),
        ),
        ">",
        1,
    )


def test_smoothing_makes_the_network_underconfident():
    """At ε = 0.1 and 0.3 the mean test confidence is below the test accuracy, and the
    un-smoothed test cross-entropy is higher than without smoothing."""
    for e in ["0.1", "0.3"]:
        check(
            f"ε = {e}: mean test confidence / test accuracy",
            per_seed(CALIBRATION, lambda v, e=e: v["test_conf"][e] / v["test_acc"][e]),
            "<",
            1,
        )
    check(
        "test CE, ε = 0.1 / ε = 0",
        per_seed(CALIBRATION, lambda v: v["test_ce"]["0.1"] / v["test_ce"]["0.0"]),
        ">",
        1,
    )


def test_validation_picks_no_smoothing():
    """The ε with the lowest validation ECE is 0."""
    check("ε picked on validation ECE", per_seed(CALIBRATION, lambda v: v["picked"]), "==", 0)
