"""Claims made on docs/weight-constraints.md, each checked per seed (guide/claims.py)."""

from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

# One name per line: the ledger reads snippet names from single assignments.
FORMULAS = "weight-constraints/01_formulas.py"
WHEN = "weight-constraints/02_when.py"
BALL = "weight-constraints/03_ball_vs_penalty.py"
RECIPE = "weight-constraints/04_dropout_recipe.py"
MAXNORM = "MaxNorm(2)"  # labels the snippets use
SLOW, FAST, FAST_MAXNORM = "SGD(0.01)", "SGD(0.1)", "SGD(0.1) + MaxNorm(3)"


def _err(values, expected):
    return max(abs(a - b) for a, b in zip(values, expected, strict=True))


# ------------------------------------------------------------------ 01: the formulas


def test_maxnorm_rescales_only_the_columns_outside_the_ball():
    """MaxNorm(c) computes w·clip(n, 0, c)/(eps + n) per column of a Dense kernel: columns
    with norms 0.5, 1.5, 3 and 4 come out with norms 0.5, 1.5, 2 and 2 for c = 2, and the
    columns inside the ball change by less than 1e-6."""
    check(
        "largest |MaxNorm - formula|",
        per_seed(FORMULAS, lambda v: v["max_formula_error"]),
        "<",
        1e-6,
    )
    check(
        "largest change inside the ball",
        per_seed(FORMULAS, lambda v: v["inside_change"]),
        "<",
        1e-6,
    )
    err = per_seed(FORMULAS, lambda v: _err(v["norms_after"][MAXNORM], [0.5, 1.5, 2, 2]))
    check("largest |unit norm - expected|, MaxNorm(2)", err, "<", 1e-3)


def test_unitnorm_minmaxnorm_and_nonneg():
    """UnitNorm sets every column's norm to 1, including those below 1; MinMaxNorm(1, 2)
    clips the norms into [1, 2]; with rate=0.5 it moves each norm halfway there; NonNeg
    sets every negative weight to 0."""
    expected = {
        "UnitNorm()": [1, 1, 1, 1],
        "MinMaxNorm(1, 2)": [1, 1.5, 2, 2],
        "MinMaxNorm(1, 2, rate=0.5)": [0.75, 1.5, 2.5, 3],
    }
    for name, want in expected.items():
        err = per_seed(FORMULAS, lambda v, n=name, w=want: _err(v["norms_after"][n], w))
        check(f"largest |unit norm - expected|, {name}", err, "<", 1e-3)
    check(
        "negative weights after NonNeg",
        per_seed(FORMULAS, lambda v: v["negatives"]["after NonNeg"]),
        "==",
        0,
    )


def test_defaults():
    """MaxNorm() defaults to max_value=2, axis=0; MinMaxNorm() to min_value=0,
    max_value=1, rate=1, axis=0; the epsilon is 1e-7."""
    want = {
        "MaxNorm": {"max_value": 2, "axis": 0},
        "MinMaxNorm": {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0},
    }
    check("defaults as stated", per_seed(FORMULAS, lambda v: int(v["defaults"] == want)), "==", 1)
    check("epsilon", per_seed(FORMULAS, lambda v: v["eps"]), "==", 1e-7)


def test_conv_kernels_need_axis_0_1_2():
    """On a Conv2D kernel of shape (3, 3, 4, 8), MaxNorm(2) with the default axis=0 clips 96
    separate vectors of 3 weights and leaves filters with norms above 1.5 times c; with
    axis=[0, 1, 2] it clips the 8 filters, each to norm 2."""
    check("vectors clipped, axis=0", per_seed(FORMULAS, lambda v: v["n_norms"]["0"]), "==", 96)
    check(
        "vectors clipped, axis=[0, 1, 2]",
        per_seed(FORMULAS, lambda v: v["n_norms"]["[0, 1, 2]"]),
        "==",
        8,
    )
    check(
        "largest filter norm / c, axis=0",
        per_seed(FORMULAS, lambda v: v["largest_filter_norm"]["0"] / 2),
        ">",
        1.5,
    )
    check(
        "|largest filter norm - c|, axis=[0, 1, 2]",
        per_seed(FORMULAS, lambda v: abs(v["largest_filter_norm"]["[0, 1, 2]"] - 2)),
        "<",
        1e-3,
    )


def test_maxnorm_on_a_bias_bounds_the_whole_vector():
    """MaxNorm(2) on a bias of 16 ones scales the whole vector to norm 2: every entry
    becomes 0.5."""
    check(
        "|bias norm after - 2|",
        per_seed(FORMULAS, lambda v: abs(v["bias_norm_after"] - 2)),
        "<",
        1e-4,
    )


# ------------------------------------------------------------------ 02: when it acts


def _over(v, key):
    """(largest unit norm - c) / c: at most 0 when the constraint holds."""
    return (v["norms"][key] - v["c"]) / v["c"]


def test_constraint_is_applied_by_the_optimizer_only():
    """The initial weights are not projected (unit norms above c after build), predict and
    evaluate change nothing, and after one fit step or one optimizer.apply in a custom
    step the largest unit norm is c; a hand-written kernel.assign_sub is not projected."""
    check(
        "largest unit norm / c after build",
        per_seed(WHEN, lambda v: v["norms"]["after build"] / v["c"]),
        ">",
        1,
    )
    check(
        "unchanged by predict and evaluate",
        per_seed(
            WHEN, lambda v: int(v["norms"]["after predict, evaluate"] == v["norms"]["after build"])
        ),
        "==",
        1,
    )
    for key in ["after 1 fit step", "custom step, optimizer.apply"]:
        check(
            f"|largest unit norm - c| / c, {key}",
            per_seed(WHEN, lambda v, k=key: abs(_over(v, k))),
            "<",
            1e-5,
        )
    check(
        "largest unit norm / c, custom step, kernel.assign_sub",
        per_seed(WHEN, lambda v: v["norms"]["custom step, kernel.assign_sub"] / v["c"]),
        ">",
        1,
    )


def test_every_optimizer_projects():
    """After 20 steps with SGD (momentum), Adam, RMSprop, AdamW and Lion, no unit norm
    exceeds c."""
    for name in ["SGD", "Adam", "RMSprop", "AdamW", "Lion"]:
        check(
            f"(largest unit norm - c) / c, {name}",
            per_seed(WHEN, lambda v, n=name: (v["after_step"][n] - v["c"]) / v["c"]),
            "<",
            1e-5,
        )


def test_ema_weights_are_not_projected():
    """With use_ema=True, the weights fit leaves in the model (the moving average of
    weights taken before each projection) have a unit norm above c."""
    check(
        "largest unit norm / c after fit with use_ema",
        per_seed(WHEN, lambda v: v["ema_norm"] / v["c"]),
        ">",
        1,
    )


# ------------------------------------------------------ 03: a ball vs a penalty


def test_maxnorm_is_a_hard_ball_and_l2_a_soft_pull():
    """Under MaxNorm(2) no unit norm exceeds 2 at any epoch; without a constraint the
    largest unit norm grows past 1.5 times c; under L2(1e-3) the median unit norm ends below
    half of MaxNorm's."""
    check(
        "(largest unit norm - c) / c, MaxNorm(2), all epochs",
        per_seed(BALL, lambda v: (v["max_norm"][MAXNORM] - v["c"]) / v["c"]),
        "<",
        1e-5,
    )
    check(
        "largest unit norm / c, plain",
        per_seed(BALL, lambda v: v["max_norm"]["plain"] / v["c"]),
        ">",
        1.5,
    )
    check(
        "median unit norm, L2 / MaxNorm",
        per_seed(BALL, lambda v: v["median_norm"]["L2(1e-3)"] / v["median_norm"][MAXNORM]),
        "<",
        0.5,
    )


def test_constraints_do_not_show_in_the_loss():
    """fit's loss equals the cross-entropy for MaxNorm (the constraint adds no term) and is
    more than 1 % above it for L2 (the penalty is in the loss)."""
    check(
        "|fit loss / CE - 1|, MaxNorm(2)",
        per_seed(BALL, lambda v: abs(v["loss_over_ce"][MAXNORM] - 1)),
        "<",
        1e-4,
    )
    check(
        "fit loss / CE - 1, L2(1e-3)",
        per_seed(BALL, lambda v: v["loss_over_ce"]["L2(1e-3)"] - 1),
        ">",
        0.01,
    )


def test_maxnorm_and_l2_lower_validation_ce():
    """MaxNorm(2) and L2(1e-3) each end with a lower validation cross-entropy than the
    plain network."""
    for k in [MAXNORM, "L2(1e-3)"]:
        ratio = per_seed(BALL, lambda v, k=k: v["val_ce"][k] / v["val_ce"]["plain"])
        check(f"val CE, {k} / plain", ratio, "<", 1)


# ------------------------------------------------------ 04: the dropout recipe


def test_high_learning_rate_hurts_and_kills_units():
    """At a learning rate of 0.01 the hidden unit norms stay below 3 (a MaxNorm(3) would
    never act); at 0.1 the validation accuracy is lower, the largest unit norm exceeds 3
    and more first-layer units are dead than at 0.01: more than half of them, with or
    without MaxNorm(3)."""
    check(
        "largest unit norm / 3, SGD(0.01)",
        per_seed(RECIPE, lambda v: v["max_unit_norm"][SLOW] / 3),
        "<",
        1,
    )
    check(
        "val accuracy, SGD(0.1) / SGD(0.01)",
        per_seed(RECIPE, lambda v: v["val_acc"][FAST] / v["val_acc"][SLOW]),
        "<",
        1,
    )
    check(
        "largest unit norm / 3, SGD(0.1)",
        per_seed(RECIPE, lambda v: v["max_unit_norm"][FAST] / 3),
        ">",
        1,
    )
    check(
        "dead units, SGD(0.1) / SGD(0.01)",
        per_seed(RECIPE, lambda v: v["dead"][FAST] / max(v["dead"][SLOW], 0.01)),
        ">",
        1,
    )
    for run in [FAST, FAST_MAXNORM]:
        check(
            f"fraction of dead units, {run}",
            per_seed(RECIPE, lambda v, r=run: v["dead"][r]),
            ">",
            0.5,
        )


def test_maxnorm_does_not_rescue_the_high_learning_rate():
    """At a learning rate of 0.1, MaxNorm(3) does not raise the validation accuracy above
    the unconstrained network's on at least 8 of 10 seeds, and stays below the accuracy at
    0.01 on every seed."""
    ratio = per_seed(
        RECIPE, lambda v: v["val_acc"][FAST_MAXNORM] / v["val_acc"][FAST], seeds=AUDIT_SEEDS
    )
    check("val accuracy, SGD(0.1) + MaxNorm(3) / SGD(0.1)", ratio, "<", 1, at_least=8)
    check(
        "val accuracy, SGD(0.1) + MaxNorm(3) / SGD(0.01)",
        per_seed(RECIPE, lambda v: v["val_acc"][FAST_MAXNORM] / v["val_acc"][SLOW]),
        "<",
        1,
    )
