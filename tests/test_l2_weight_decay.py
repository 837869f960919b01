"""Claims made on docs/l2-weight-decay.md, each checked per seed (guide/claims.py)."""

import math

from conftest import per_seed

from guide.claims import check

# The page's snippets, one name per line (the ledger reads snippet names from single
# assignments).
PENALTY = "l2-weight-decay/01_penalty.py"
STRENGTH = "l2-weight-decay/02_strength.py"
SGD = "l2-weight-decay/03_sgd_equivalence.py"
ADAMW = "l2-weight-decay/04_adam_vs_adamw.py"
COUPLING = "l2-weight-decay/05_lr_coupling.py"
WHICH = "l2-weight-decay/06_which_weights.py"
EXPLORE = "l2-weight-decay/07_explore.py"
# Labels the snippets use for their models and optimizer pairs.
PLAIN = "plain"
MOMENTUM = "SGD, momentum 0.9"
ADAM = "Adam vs AdamW"

# ---------------------------------------------------------------- 01: the penalty


def test_keras_l2_is_l2_sum_of_squares_with_gradient_2_l2_w():
    """Keras's L2(l2) adds l2·Σw² to the loss (no ½), and its gradient is 2·l2·w."""
    rel_err = per_seed(PENALTY, lambda v: abs(v["penalty"] - v["by_hand"]) / v["by_hand"])
    check("relative error of the penalty against l2·Σw²", rel_err, "<", 1e-6)
    grad = per_seed(PENALTY, lambda v: v["max_grad_error"])
    check("largest |gradient - 2·l2·w|", grad, "<", 1e-7)


def test_textbook_and_pytorch_lambda_is_keras_l2_of_half_lambda():
    """The textbook λ/2·‖w‖² and PyTorch's weight_decay=λ add λ·w to the gradient, as
    Keras's L2(λ/2) does."""
    err = per_seed(PENALTY, lambda v: v["max_textbook_error"])
    check("largest |gradient of L2(λ/2) - λ·w|", err, "<", 1e-7)


def test_only_the_kernel_is_penalized_and_the_default_is_0_01():
    """A Dense layer with kernel_regularizer collects one penalty (the bias is not
    penalized), and L2() and the string "l2" mean l2 = 0.01."""
    check("penalties collected", per_seed(PENALTY, lambda v: v["n_penalties"]), "==", 1)
    check("l2 of the string 'l2'", per_seed(PENALTY, lambda v: v["default_l2"]), "==", 0.01)


def test_the_loss_fit_minimizes_is_data_loss_plus_penalty():
    """compute_loss, the loss fit minimizes and reports, is the data loss plus the
    penalty."""
    rel_err = per_seed(PENALTY, lambda v: abs(v["loss_minus_mse"] - v["penalty"]) / v["penalty"])
    check("relative error of compute_loss - mse against the penalty", rel_err, "<", 1e-4)


# ----------------------------------------------------------- 02: L2 on the moons, vs L1


def test_l2_and_l1_lower_validation_cross_entropy():
    """L2(1e-3) and L1(1e-3) each end with a lower validation cross-entropy than the plain
    network."""
    for k in ("L2(1e-3)", "L1(1e-3)"):
        ratio = per_seed(STRENGTH, lambda v, k=k: v["val_ce"][k] / v["val_ce"][PLAIN])
        check(f"val CE, {k} / plain", ratio, "<", 1)


def test_plain_model_fits_training_data_almost_perfectly_and_l2_gives_up_fit():
    """The plain network's training cross-entropy is below 0.1; L2(1e-3) ends with a
    higher training cross-entropy."""
    check("plain: training CE", per_seed(STRENGTH, lambda v: v["train_ce"][PLAIN]), "<", 0.1)
    ratio = per_seed(STRENGTH, lambda v: v["train_ce"]["L2(1e-3)"] / v["train_ce"][PLAIN])
    check("training CE, L2(1e-3) / plain", ratio, ">", 1)


def test_l2_shrinks_the_weight_norm():
    """L2(1e-3) shrinks the norm of all kernels by more than a factor 3."""
    ratio = per_seed(STRENGTH, lambda v: v["weight_norm"][PLAIN] / v["weight_norm"]["L2(1e-3)"])
    check("weight norm, plain / L2(1e-3)", ratio, ">", 3)


def test_l2_shrinks_while_l1_sparsifies():
    """L2(1e-3) shrinks the median first-layer |w| to under 3/4 of the plain network's,
    but leaves fewer than a quarter as many weights below 1e-3 as L1(1e-3), which leaves
    over 40 % of them below 1e-3."""
    med = per_seed(STRENGTH, lambda v: v["median_abs"]["L2(1e-3)"] / v["median_abs"][PLAIN])
    check("median first-layer |w|, L2(1e-3) / plain", med, "<", 0.75)
    nz = per_seed(STRENGTH, lambda v: v["near_zero"]["L2(1e-3)"] / v["near_zero"]["L1(1e-3)"])
    check("fraction |w| < 1e-3, L2(1e-3) / L1(1e-3)", nz, "<", 0.25)
    l1 = per_seed(STRENGTH, lambda v: v["near_zero"]["L1(1e-3)"])
    check("L1(1e-3): fraction |w| < 1e-3", l1, ">", 0.4)


# ---------------------------------------------- 03: L2 vs weight_decay under SGD etc.


def test_sgd_l2_equals_decoupled_decay_with_wd_2_l2():
    """With plain SGD, L2(l2) in the loss and weight_decay = 2·l2 give the same weights
    after 50 steps, up to float32 rounding."""
    check("weight_decay / l2", per_seed(SGD, lambda v: v["wd"] / v["l2"]), "==", 2)
    diff = per_seed(SGD, lambda v: v["max_diff"]["SGD"])
    check("SGD: largest |w_L2 - w_wd|", diff, "<", 1e-5)


def test_momentum_and_adam_break_the_equivalence():
    """With momentum, and with Adam vs AdamW, the two differ (by more than 0.01). With
    momentum the same constant shrinks the kernels more as L2 than as decoupled decay;
    under Adam and AdamW the two kernel norms differ by more than 5 %."""
    d = lambda k: per_seed(SGD, lambda v: v["max_diff"][k])  # noqa: E731
    check("momentum: largest |w_L2 - w_wd|", d(MOMENTUM), ">", 0.01)
    check("Adam vs AdamW: largest |w_L2 - w_wd|", d(ADAM), ">", 0.01)
    norms = lambda v, k: v["kernel_norms"][k][0] / v["kernel_norms"][k][1]  # noqa: E731
    check("momentum: kernel norm, L2 / decay", per_seed(SGD, lambda v: norms(v, MOMENTUM)), "<", 1)
    off = per_seed(SGD, lambda v: abs(norms(v, ADAM) - 1))
    check("Adam vs AdamW: |kernel norm, L2 / decay - 1|", off, ">", 0.05)


# ------------------------------------------------------------- 04: Adam + L2 vs AdamW


def test_adam_l2_barely_decays_large_gradient_weights_adamw_decays_all_alike():
    """Under Adam + L2 the weights with small gradients lose more than a third of their
    start, while those with large gradients lose less than a tenth as much; AdamW shrinks
    both groups alike, to (1 - η·wd)^steps; without a penalty the noise alone moves
    neither group."""
    v = lambda k: per_seed(ADAMW, lambda r: r[k])  # noqa: E731
    check("Adam + L2: mean w, group B (small gradients)", v("adam_l2_B"), "<", 2 / 3)
    lost = per_seed(ADAMW, lambda r: (1 - r["adam_l2_A"]) / (1 - r["adam_l2_B"]))
    check("Adam + L2: shrinkage 1 - w, group A / group B", lost, "<", 0.1)
    alike = per_seed(ADAMW, lambda r: abs(r["adamw_A"] - r["adamw_B"]))
    check("AdamW: |group A - group B|", alike, "<", 0.05)
    for g in ("A", "B"):
        err = per_seed(ADAMW, lambda r, g=g: abs(r[f"adamw_{g}"] - r["predicted_adamw"]))
        check(f"AdamW: |group {g} - (1 - η·wd)^steps|", err, "<", 0.05)
        moved = per_seed(ADAMW, lambda r, g=g: abs(r[f"plain_{g}"] - 1))
        check(f"no penalty: |group {g} - 1|", moved, "<", 0.05)


# ----------------------------------------------------- 05: lr multiplies weight_decay


def test_decay_per_step_is_one_minus_lr_times_wd_with_schedule():
    """Each step multiplies a weight by 1 - η_t·wd with the scheduled learning rate;
    Adam(weight_decay=…) and AdamW give identical weights; AdamW's default is 0.004."""
    err = per_seed(COUPLING, lambda v: v["decay_rule_error"])
    check("|w - Π(1 - η_t·wd)|", err, "<", 1e-6)
    diff = per_seed(COUPLING, lambda v: v["adam_vs_adamw_diff"])
    check("largest |AdamW - Adam(weight_decay)|", diff, "==", 0)
    check("AdamW default weight_decay", per_seed(COUPLING, lambda v: v["default_wd"]), "==", 0.004)


def test_where_adamw_weights_settle():
    """Under AdamW(weight_decay=1), a steady push takes the weights to within 10 % of
    1/wd at both learning rates; under noise their root mean square is within 25 % of
    sqrt(lr / (2·wd)), so four times the learning rate gives more than 1.5 times the
    scale."""
    lrs = ("0.01", "0.04")
    for lr in lrs:
        push = per_seed(COUPLING, lambda v, lr=lr: abs(v["push_mean"][lr] * v["wd"] - 1))
        check(f"lr={lr}: |push mean w / (1/wd) - 1|", push, "<", 0.1)
        noise = per_seed(
            COUPLING,
            lambda v, lr=lr: abs(v["noise_rms"][lr] / math.sqrt(float(lr) / (2 * v["wd"])) - 1),
        )
        check(f"lr={lr}: |noise RMS / sqrt(lr/(2 wd)) - 1|", noise, "<", 0.25)
    ratio = per_seed(COUPLING, lambda v: v["noise_rms"]["0.04"] / v["noise_rms"]["0.01"])
    check("noise RMS, lr=0.04 / lr=0.01", ratio, ">", 1.5)


# ------------------------------------------------------------ 06: which weights


def test_regularizer_arguments_and_exclusions():
    """activity_regularizer penalizes the output divided by the batch size;
    exclude_from_weight_decay leaves only the three kernels decayed; var_names=["beta"]
    also excludes the kernel of a layer named beta_projection; a second call to
    exclude_from_weight_decay replaces the first."""
    rel_err = per_seed(
        WHICH, lambda v: abs(v["activity_penalty"] - v["activity_by_hand"]) / v["activity_by_hand"]
    )
    check("relative error of the activity penalty", rel_err, "<", 1e-5)
    kernels = per_seed(
        WHICH, lambda v: sorted(p.split("/")[-1] for p in v["decayed_paths"]) == ["kernel"] * 3
    )
    check("decayed variables are the three kernels (1 = yes)", kernels, "==", 1)
    beta = per_seed(WHICH, lambda v: v["beta_projection_decayed"])
    check("beta_projection/kernel decayed (0 = no)", beta, "==", 0)
    second = per_seed(WHICH, lambda v: v["bias_decayed_after_second_call"])
    check("bias decayed after a second call excluding only gamma (1 = yes)", second, "==", 1)


def test_kernel_before_batchnorm_is_scale_invariant():
    """Halving a kernel followed by BatchNorm (training mode) changes the output by less
    than 0.05 and doubles the gradient (within 5 %)."""
    change = per_seed(WHICH, lambda v: v["bn_output_change"])
    check("largest output change when the kernel is halved", change, "<", 0.05)
    ratio = per_seed(WHICH, lambda v: abs(v["grad_ratio"] / 2 - 1))
    check("|gradient ratio / 2 - 1|", ratio, "<", 0.05)


def test_sweep_training_ce_rises_with_strength_up_to_a_coin_flip():
    """The explorable's sweep: the training cross-entropy rises with λ at every step of
    the sweep (0, 1e-4, 1e-3, 1e-2, 1e-1), and at λ = 1e-1 it is within 1 % of ln 2, a
    constant prediction of 0.5."""
    labels = ["0", "1e-4", "1e-3", "1e-2", "1e-1"]
    for lo, hi in zip(labels, labels[1:], strict=False):
        ratio = per_seed(EXPLORE, lambda v, lo=lo, hi=hi: v["train_ce"][hi] / v["train_ce"][lo])
        check(f"training CE, λ = {hi} / λ = {lo}", ratio, ">", 1)
    off = per_seed(EXPLORE, lambda v: abs(v["train_ce"]["1e-1"] / math.log(2) - 1))
    check("training CE at λ = 1e-1, relative distance from ln 2", off, "<", 0.01)
