"""Claims made on docs/l1.md, each checked on several seeds."""

import math

import numpy as np
from conftest import run_seeds

PLAIN, L1 = "plain", "L1(1e-3)"


def test_keras_l1_penalty_is_l1_times_sum_abs_and_gradient_is_sign():
    for res in run_seeds("l1/01_penalty.py"):
        v = res.values
        assert np.isclose(v["penalty"], v["by_hand"], rtol=1e-6)
        assert v["max_grad_error"] < 1e-7
        assert np.allclose(np.abs(v["grad"]), v["l1"])


def test_data_is_split_half_and_half():
    for res in run_seeds("l1/02_data.py"):
        assert len(res.values["X_train"]) == len(res.values["X_val"]) == 150


def test_l1_lowers_validation_cross_entropy():
    for res in run_seeds("l1/03_compare.py"):
        ce = res.values["val_ce"]
        assert ce[L1] < 0.7 * ce[PLAIN], ce


def test_plain_validation_curve_turns_around_while_training_error_falls():
    for res in run_seeds("l1/03_compare.py"):
        h = res.values["histories"][PLAIN]
        assert h["val_ce"][-1] > 2 * min(h["val_ce"]), "plain model should over-fit"
        assert h["ce"][-1] < h["ce"][0] / 5
        # ...and L1 trains to a higher training error (it fits the noise less).
        assert res.values["train_ce"][L1] > 2 * res.values["train_ce"][PLAIN]


def test_accuracy_barely_separates_the_models():
    for res in run_seeds("l1/03_compare.py"):
        acc = res.values["val_acc"]
        assert abs(acc[L1] - acc[PLAIN]) < 0.08, acc


def test_plain_boundary_is_longer():
    for res in run_seeds("l1/03_compare.py"):
        cells = res.values["boundary_cells"]
        assert cells[PLAIN] > 1.1 * cells[L1], cells


def test_l1_gives_many_near_zeros_but_no_exact_zeros():
    for res in run_seeds("l1/03_compare.py"):
        nz, exact = res.values["near_zero"], res.values["exact_zero"]
        assert nz[L1] > 0.3 and nz[PLAIN] < 0.05, nz
        assert exact[L1] == 0 and exact[PLAIN] == 0, exact


def test_adam_gives_no_exact_zeros_but_coordinate_descent_does():
    for res in run_seeds("l1/04_exact_zeros.py"):
        v = res.values
        assert v["exact_adam"] == 0
        assert v["exact_sklearn"] >= 8  # of 25 uninformative features
        assert v["smallest_adam"] < 1e-3  # near zero, just not zero
        assert v["overlap"] == 1.0  # the same features are singled out


def test_sweep_is_u_shaped():
    for res in run_seeds("l1/05_sweep.py"):
        v = res.values
        tr, va = v["train_ce"], v["val_ce"]
        # Training error rises monotonically with the strength...
        assert all(a < b for a, b in zip(tr, tr[1:], strict=False)), tr
        # ...the best validation error is at an interior strength...
        assert 0 < v["best"] < len(va) - 1, va
        assert va[v["best"]] < 0.6 * va[0] and va[v["best"]] < 0.6 * va[-1], va
        # ...and the strongest penalty collapses the network to a constant 1/2.
        assert math.isclose(va[-1], math.log(2), abs_tol=0.05), va
        assert math.isclose(tr[-1], math.log(2), abs_tol=0.05), tr
