"""Claims made on docs/l2-weight-decay.md, each checked on several seeds."""

import math

import numpy as np
from conftest import run_seeds

# ---------------------------------------------------------------- 01: the penalty


def test_keras_l2_is_l2_sum_of_squares_with_gradient_2_l2_w():
    for res in run_seeds("l2-weight-decay/01_penalty.py"):
        v = res.values
        assert np.isclose(v["penalty"], v["by_hand"], rtol=1e-6)
        assert v["max_grad_error"] < 1e-7
        # Textbook lam/2 * ||w||^2 and PyTorch weight_decay=lam are L2(lam / 2).
        assert v["max_textbook_error"] < 1e-7
        assert v["n_penalties"] == 1  # the kernel only, not the bias
        assert v["default_l2"] == 0.01
        # compute_loss (what fit minimizes) = data loss + penalty.
        assert np.isclose(v["loss_minus_mse"], v["penalty"], rtol=1e-4)


# ------------------------------------------------------- 02: strength sweep, vs L1


def test_l2_cuts_validation_cross_entropy_by_more_than_half():
    for res in run_seeds("l2-weight-decay/02_strength.py"):
        ce = res.values["val_ce"]
        assert ce["L2(1e-3)"] < 0.5 * ce["plain"], ce
        assert ce["L2(1e-2)"] < 0.5 * ce["plain"], ce
        assert ce["L1(1e-3)"] < 0.5 * ce["plain"], ce
        assert res.values["best_l2"] in ("L2(1e-3)", "L2(1e-2)")


def test_plain_model_fits_training_data_almost_perfectly_and_l2_gives_up_fit():
    for res in run_seeds("l2-weight-decay/02_strength.py"):
        tr = res.values["train_ce"]
        assert tr["plain"] < 0.12, tr
        assert tr["L2(1e-3)"] > tr["plain"], tr


def test_weight_norm_falls_with_lambda():
    for res in run_seeds("l2-weight-decay/02_strength.py"):
        v = res.values
        norms = [v["weight_norm"][k] for k in v["labels"]]
        assert all(a > b for a, b in zip(norms, norms[1:], strict=False)), norms
        assert norms[0] > 3 * norms[1], norms


def test_too_strong_l2_kills_the_network():
    for res in run_seeds("l2-weight-decay/02_strength.py"):
        v = res.values
        assert v["weight_norm"]["L2(1e-1)"] < 0.01
        # A constant prediction: no decision boundary, unlike the other strengths.
        assert v["has_boundary"] == {k: k != "L2(1e-1)" for k in v["labels"]}
        assert abs(v["val_ce"]["L2(1e-1)"] - math.log(2)) < 0.05


def test_l2_shrinks_while_l1_sparsifies():
    for res in run_seeds("l2-weight-decay/02_strength.py"):
        nz, med = res.values["near_zero"], res.values["median_abs"]
        assert med["L2(1e-3)"] < 0.75 * med["plain"], med
        assert nz["L2(1e-3)"] < 0.1, nz
        assert nz["L1(1e-3)"] > 0.4, nz


# ---------------------------------------------- 03: L2 vs weight_decay under SGD etc.


def test_sgd_l2_equals_decoupled_decay_with_wd_2_l2():
    for res in run_seeds("l2-weight-decay/03_sgd_equivalence.py"):
        assert res.values["wd"] == 2 * res.values["l2"]
        assert res.values["max_diff"]["SGD"] < 1e-5


def test_momentum_and_adam_break_the_equivalence():
    for res in run_seeds("l2-weight-decay/03_sgd_equivalence.py"):
        d, norms = res.values["max_diff"], res.values["kernel_norms"]
        assert d["SGD with momentum 0.9"] > 0.05, d
        assert d["Adam vs AdamW"] > 0.1, d
        # With the same constant, L2 shrinks more than the decoupled decay here.
        for name in ("SGD with momentum 0.9", "Adam vs AdamW"):
            n_l2, n_wd = norms[name]
            assert n_l2 < n_wd, (name, norms[name])


# ------------------------------------------------------------- 04: Adam + L2 vs AdamW


def test_adam_l2_barely_decays_large_gradient_weights_adamw_decays_all_alike():
    for res in run_seeds("l2-weight-decay/04_adam_vs_adamw.py"):
        v = res.values
        assert v["adam_l2_A"] > 0.9 and v["adam_l2_B"] < 0.5, (v["adam_l2_A"], v["adam_l2_B"])
        assert abs(v["adamw_A"] - v["adamw_B"]) < 0.05
        for w in (v["adamw_A"], v["adamw_B"]):
            assert abs(w - v["predicted_adamw"]) < 0.05
        for w in (v["plain_A"], v["plain_B"]):  # no penalty: noise alone moves little
            assert abs(w - 1) < 0.05


# ----------------------------------------------------- 05: lr multiplies weight_decay


def test_decay_per_step_is_one_minus_lr_times_wd_with_schedule():
    for res in run_seeds("l2-weight-decay/05_lr_coupling.py"):
        v = res.values
        assert v["decay_rule_error"] < 1e-6
        assert v["adam_vs_adamw_diff"] == 0.0
        assert v["default_wd"] == 0.004


def test_grid_two_regimes_and_lr_independent_best_decay():
    for res in run_seeds("l2-weight-decay/05_lr_coupling.py"):
        v = res.values
        val_ce = np.array(v["val_ce"])
        assert v["shrink_small_lr"] > 0.95  # lr=1e-3: wd=0.1 has no time to act
        assert v["shrink_large_lr"] < 0.85  # lr=3e-2: it does
        assert v["spread_wd0"] > 2.0  # without decay the norm depends on lr
        assert v["spread_wd10"] < 1.35  # at large decay it hardly does
        # wd=1 is the best or nearly the best at every learning rate.
        assert v["wd1_vs_best"] < 1.1, val_ce
        # Keeping lr * wd fixed from the best cell at lr=1e-3 (wd=1) would pick wd=0.1
        # at lr=1e-2 and 3e-2: worse than wd=1 there.
        assert val_ce[1, 1] > val_ce[1, 2] and val_ce[2, 1] > val_ce[2, 2], val_ce


# ------------------------------------------------------------ 06: which weights


def test_regularizer_arguments_and_exclusions():
    for res in run_seeds("l2-weight-decay/06_which_weights.py"):
        v = res.values
        assert np.isclose(v["activity_penalty"], v["activity_by_hand"], rtol=1e-5)
        decayed = sorted(p.split("/")[-1] for p in v["decayed_paths"])
        assert decayed == ["kernel", "kernel", "kernel"], v["decayed_paths"]
        assert v["beta_projection_decayed"] is False


def test_kernel_before_batchnorm_is_scale_invariant():
    for res in run_seeds("l2-weight-decay/06_which_weights.py"):
        v = res.values
        assert v["bn_output_change"] < 0.05
        assert 1.9 < v["grad_ratio"] < 2.1
