"""Claims made on docs/elastic-net.md, each checked per seed (guide/claims.py)."""

import numpy as np
from conftest import per_seed

from guide.claims import check

# One name per line: the ledger reads snippet names from single assignments.
PENALTY = "elastic-net/01_penalty.py"
CORRELATED = "elastic-net/02_correlated.py"
PATHS = "elastic-net/03_paths.py"  # deterministic: every seed gives the same run
MAPPING = "elastic-net/04_keras_mapping.py"
LASSO = "Lasso (l1_ratio=1)"
ENET = "elastic net (l1_ratio=0.5)"
RIDGE = "ridge (l1_ratio=0)"

# ------------------------------------------------------------------ 01: the penalty


def test_l1l2_penalty_and_gradient():
    """L1L2(l1, l2) adds l1·Σ|w| + l2·Σw², with gradient l1·sign(w) + 2·l2·w."""
    rel_err = per_seed(PENALTY, lambda v: abs(v["penalty"] - v["by_hand"]) / v["by_hand"])
    check("relative error of the penalty against the formula", rel_err, "<", 1e-6)
    grad = per_seed(PENALTY, lambda v: v["max_grad_error"])
    check("largest |gradient - (l1·sign(w) + 2·l2·w)|", grad, "<", 1e-7)


def test_l1l2_defaults_add_nothing():
    """L1() and L2() default to 0.01, but L1L2(), l1_l2() and the string "l1l2" default
    to l1 = l2 = 0, so L1L2() adds a penalty of 0."""
    l1 = per_seed(PENALTY, lambda v: abs(v["defaults"]["L1()"]["l1"] / 0.01 - 1))
    check("|L1() default / 0.01 - 1|", l1, "<", 1e-6)
    check("L2() default", per_seed(PENALTY, lambda v: v["defaults"]["L2()"]["l2"]), "==", 0.01)
    for name in ("L1L2()", "l1_l2()", "'l1l2' string"):
        zero = per_seed(PENALTY, lambda v, n=name: v["defaults"][n] == {"l1": 0.0, "l2": 0.0})
        check(f"{name} defaults are l1 = l2 = 0 (1 = yes)", zero, "==", 1)
    check("L1L2()(w)", per_seed(PENALTY, lambda v: v["default_penalty"]), "==", 0)


def test_l1_l2_string_is_rejected():
    """Dense(kernel_regularizer="l1_l2") raises a ValueError naming "l1_l2"."""
    rejected = per_seed(PENALTY, lambda v: "l1_l2" in v["l1_l2_string_error"])
    check("the error names 'l1_l2' (1 = yes)", rejected, "==", 1)


# ------------------------------------------------------------- 02: correlated groups


def test_lasso_keeps_part_of_correlated_groups_elastic_net_keeps_them():
    """The features of a group correlate above 0.99. At the same alpha, the elastic net
    keeps all 8 signal features and Lasso fewer; Lasso drops members of group 1 and
    spreads the weight unevenly (relative spread above 0.5), the elastic net keeps all
    four with nearly equal weights (below 0.1); neither keeps a noise feature."""
    corr = per_seed(CORRELATED, lambda v: 1 - v["corr_in_group"])
    check("1 - correlation within a group", corr, "<", 0.01)
    kept = lambda k: per_seed(CORRELATED, lambda v: v["kept_signal"][k])  # noqa: E731
    check("signal features kept, ElasticNet", kept("ElasticNet"), "==", 8)
    check("signal features kept, Lasso", kept("Lasso"), "<", 8)
    noise = per_seed(CORRELATED, lambda v: v["kept_noise"]["Lasso"] + v["kept_noise"]["ElasticNet"])
    check("other features kept, Lasso + ElasticNet", noise, "==", 0)

    def g1(k):  # how many of group 1's four coefficients are nonzero
        return per_seed(CORRELATED, lambda v: int(np.sum(np.array(v["coefs"][k][:4]) != 0)))

    check("group-1 features kept, Lasso", g1("Lasso"), "<", 4)
    check("group-1 features kept, ElasticNet", g1("ElasticNet (l1_ratio=0.5)"), "==", 4)
    spread = lambda k: per_seed(CORRELATED, lambda v: v["spread"][k])  # noqa: E731
    check("relative spread inside group 1, Lasso", spread("Lasso"), ">", 0.5)
    check("relative spread inside group 1, ElasticNet", spread("ElasticNet"), "<", 0.1)


def test_lasso_choice_inside_a_group_is_unstable():
    """On bootstrap resamples the elastic net keeps all four members of group 1 every
    time, while some member is dropped by Lasso in over 20 % of the resamples."""
    enet = per_seed(CORRELATED, lambda v: min(v["enet_frequency"]))
    check("ElasticNet: smallest share of resamples keeping a group-1 member", enet, "==", 1)
    lasso = per_seed(CORRELATED, lambda v: min(v["lasso_frequency"]))
    check("Lasso: smallest share of resamples keeping a group-1 member", lasso, "<", 0.8)


# ------------------------------------------------------------------------ 03: paths


def test_paths_zeros_and_correlated_pair():
    """On the diabetes paths, ridge has no exact zero, the elastic net some and Lasso
    more; Lasso keeps fewer than 10 features at alpha = 1 and fewer than the elastic net
    at alpha = 10, ridge keeps all 10 everywhere; at alpha = 0.1 Lasso gives s1 and s2
    opposite signs and s1 over 3 times the size the elastic net and ridge give it, and
    those two give s1 and s2 the same sign."""
    zeros = lambda k: per_seed(PATHS, lambda v: v["exact_zeros"][k])  # noqa: E731
    check("exact zeros on the path, ridge", zeros(RIDGE), "==", 0)
    check("exact zeros on the path, elastic net", zeros(ENET), ">=", 1)
    ratio = per_seed(PATHS, lambda v: v["exact_zeros"][ENET] / v["exact_zeros"][LASSO])
    check("exact zeros on the path, elastic net / Lasso", ratio, "<", 1)
    nz = lambda k, a: per_seed(PATHS, lambda v: v["nonzero"][k][a])  # noqa: E731
    check("nonzero at alpha = 1, Lasso", nz(LASSO, "1.0"), "<", 10)
    at10 = per_seed(PATHS, lambda v: v["nonzero"][LASSO]["10.0"] / v["nonzero"][ENET]["10.0"])
    check("nonzero at alpha = 10, Lasso / elastic net", at10, "<", 1)
    ridge = per_seed(PATHS, lambda v: min(v["nonzero"][RIDGE].values()))
    check("fewest nonzero on the ridge path", ridge, "==", 10)
    s = lambda v, k: v["s1_s2"][k]["0.1"]  # noqa: E731  (s1, s2) at alpha = 0.1

    def signs(k):  # sign(s1) * sign(s2) at alpha = 0.1
        return per_seed(PATHS, lambda v: float(np.sign(s(v, k)[0]) * np.sign(s(v, k)[1])))

    check("sign(s1)·sign(s2) at alpha = 0.1, Lasso", signs(LASSO), "==", -1)
    for k in (ENET, RIDGE):
        big = per_seed(PATHS, lambda v, k=k: abs(s(v, LASSO)[0]) / abs(s(v, k)[0]))
        check(f"|s1| at alpha = 0.1, Lasso / {k}", big, ">", 3)
    check("sign(s1)·sign(s2) at alpha = 0.1, elastic net", signs(ENET), "==", 1)
    check("sign(s1)·sign(s2) at alpha = 0.1, ridge", signs(RIDGE), "==", 1)


# ------------------------------------------------------------ 04: sklearn -> Keras


def test_sklearn_elastic_net_maps_to_keras_l1l2():
    """ElasticNet(alpha, l1_ratio) is L1L2(l1 = 2·alpha·l1_ratio, l2 = alpha·(1 - l1_ratio)):
    the Keras objective is twice scikit-learn's, and Keras trained from zero reaches the
    same coefficients (to 1e-3) and the same objective."""
    l1 = per_seed(MAPPING, lambda v: v["l1"] / (2 * v["alpha"] * v["l1_ratio"]))
    check("l1 / (2·alpha·l1_ratio)", l1, "==", 1)
    l2 = per_seed(MAPPING, lambda v: v["l2"] / (v["alpha"] * (1 - v["l1_ratio"])))
    check("l2 / (alpha·(1 - l1_ratio))", l2, "==", 1)
    ratio = per_seed(MAPPING, lambda v: max(abs(r / 2 - 1) for r in v["ratios"]))
    check("|Keras objective / scikit-learn objective / 2 - 1|", ratio, "<", 1e-5)
    check(
        "largest |w_keras - w_sklearn|", per_seed(MAPPING, lambda v: v["max_coef_diff"]), "<", 1e-3
    )
    gap = per_seed(MAPPING, lambda v: v["objective_gap"])
    check("objective gap, Keras - sklearn", gap, "<", 1e-5)
    check("objective gap, Keras - sklearn", gap, ">", -1e-6)


def test_adam_leaves_near_zeros_where_coordinate_descent_has_zeros():
    """scikit-learn sets at least one coefficient exactly to zero; Keras with Adam sets
    none, and leaves those coefficients below 1e-3 in magnitude."""
    zeros = per_seed(MAPPING, lambda v: int(np.sum(v["zero_in_sklearn"])))
    check("exact zeros, scikit-learn", zeros, ">=", 1)
    keras_zeros = per_seed(MAPPING, lambda v: int(np.sum(np.array(v["w_keras"]) == 0)))
    check("exact zeros, Keras", keras_zeros, "==", 0)
    near = per_seed(
        MAPPING,
        lambda v: float(np.max(np.abs(np.array(v["w_keras"])[np.array(v["zero_in_sklearn"])]))),
    )
    check("largest |w_keras| where scikit-learn has 0", near, "<", 1e-3)
