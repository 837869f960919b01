"""Claims made on docs/elastic-net.md, each checked on several seeds."""

import numpy as np
from conftest import run, run_seeds


def test_l1l2_penalty_gradient_and_defaults():
    for res in run_seeds("elastic-net/01_penalty.py"):
        v = res.values
        assert np.isclose(v["penalty"], v["by_hand"], rtol=1e-6)
        assert v["max_grad_error"] < 1e-7
        d = v["defaults"]
        assert np.isclose(d["L1()"]["l1"], 0.01) and d["L2()"]["l2"] == 0.01
        for name in ("L1L2()", "l1_l2()", "'l1l2' string"):
            assert d[name] == {"l1": 0.0, "l2": 0.0}, (name, d[name])
        assert v["default_penalty"] == 0.0
        assert "l1_l2" in v["l1_l2_string_error"]  # the string is rejected


def test_lasso_keeps_part_of_correlated_groups_elastic_net_keeps_them():
    for res in run_seeds("elastic-net/02_correlated.py"):
        v = res.values
        assert v["corr_in_group"] > 0.99
        assert v["kept_signal"]["ElasticNet"] == 8
        assert v["kept_signal"]["Lasso"] < 8
        assert v["kept_noise"] == {"Lasso": 0, "ElasticNet": 0}
        lasso_g1 = np.array(v["coefs"]["Lasso"][:4])
        enet_g1 = np.array(v["coefs"]["ElasticNet (l1_ratio=0.5)"][:4])
        assert np.any(lasso_g1 == 0) and np.all(enet_g1 != 0)
        assert v["spread"]["Lasso"] > 0.5 and v["spread"]["ElasticNet"] < 0.1, v["spread"]


def test_lasso_choice_inside_a_group_is_unstable():
    for res in run_seeds("elastic-net/02_correlated.py"):
        v = res.values
        assert np.all(np.array(v["enet_frequency"]) == 1.0)
        assert np.min(v["lasso_frequency"]) < 0.8, v["lasso_frequency"]


def test_paths_zeros_and_correlated_pair():
    v = run("elastic-net/03_paths.py").values  # deterministic: no seed to vary
    lasso, enet, ridge = "Lasso (l1_ratio=1)", "elastic net (l1_ratio=0.5)", "ridge (l1_ratio=0)"
    zeros = v["exact_zeros"]
    assert zeros[ridge] == 0 and 0 < zeros[enet] < zeros[lasso], zeros
    nz = v["nonzero"]  # alpha (as a string) -> number of nonzero coefficients
    assert nz[lasso]["1.0"] < 10 and nz[lasso]["10.0"] < nz[enet]["10.0"], nz
    assert all(n == 10 for n in nz[ridge].values()), nz[ridge]
    s = {k: v["s1_s2"][k]["0.1"] for k in (lasso, enet, ridge)}  # s1, s2 at alpha=0.1
    assert s[lasso][0] * s[lasso][1] < 0, s  # opposite signs
    assert abs(s[lasso][0]) > 3 * abs(s[ridge][0]), s  # and large
    assert s[enet][0] * s[enet][1] > 0 and s[ridge][0] * s[ridge][1] > 0, s


def test_sklearn_elastic_net_maps_to_keras_l1l2():
    for res in run_seeds("elastic-net/04_keras_mapping.py"):
        v = res.values
        assert np.isclose(v["l1"], 2 * v["alpha"] * v["l1_ratio"])
        assert np.isclose(v["l2"], v["alpha"] * (1 - v["l1_ratio"]))
        assert np.allclose(v["ratios"], 2.0, rtol=1e-5), v["ratios"]
        assert v["max_coef_diff"] < 1e-3
        assert -1e-6 < v["objective_gap"] < 1e-5
        zero = np.array(v["zero_in_sklearn"])
        w = np.array(v["w_keras"])
        assert zero.sum() >= 1 and np.sum(w == 0) == 0
        assert np.max(np.abs(w[zero])) < 1e-3
