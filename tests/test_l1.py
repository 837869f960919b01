"""Claims made on docs/l1.md, each checked on several seeds."""

import numpy as np
from conftest import run, run_seeds


def test_keras_l1_penalty_is_l1_times_sum_abs():
    for res in run_seeds("l1/01_penalty.py"):
        v = res.values
        assert np.isclose(v["penalty"], v["by_hand"], rtol=1e-6)
        assert v["max_grad_error"] < 1e-7


def test_l1_lowers_validation_cross_entropy():
    for res in run_seeds("l1/03_compare.py"):
        ce = res.values["val_ce"]
        assert ce["L1(1e-3)"] < 0.7 * ce["plain"], ce


def test_l1_narrows_the_train_validation_gap():
    for res in run_seeds("l1/03_compare.py"):
        tr, va = res.values["train_ce"], res.values["val_ce"]
        assert va["L1(1e-3)"] - tr["L1(1e-3)"] < 0.5 * (va["plain"] - tr["plain"])


def test_l1_gives_many_near_zeros_but_no_exact_zeros():
    for res in run_seeds("l1/03_compare.py"):
        nz, exact = res.values["near_zero"], res.values["exact_zero"]
        assert nz["L1(1e-3)"] > 0.3 and nz["plain"] < 0.05, nz
        assert exact["L1(1e-3)"] == 0, exact


def test_data_split_is_half_and_half():
    v = run("l1/02_data.py").values
    assert len(v["X_train"]) == len(v["X_val"]) == 150
