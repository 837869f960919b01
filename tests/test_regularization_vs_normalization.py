"""Claims made on docs/regularization-vs-normalization.md, each checked per seed
(guide/claims.py)."""

from conftest import per_seed

from guide.claims import check

SCALE = "regularization-vs-normalization/01_scale_invariance.py"
GROWTH = "regularization-vs-normalization/02_weight_norm_growth.py"
DECAY = "regularization-vs-normalization/03_decay_norm_params.py"
SHIFT = "regularization-vs-normalization/04_dropout_variance_shift.py"
PLAIN, L2 = "no L2", "L2(5e-3)"


def test_bn_output_is_invariant_to_the_scale_of_the_kernel_feeding_it():
    """Scaling the kernel that feeds a BN layer by 10 leaves BN's output unchanged up to a
    residue due to epsilon: a 1000 times smaller epsilon shrinks the residue more than
    100-fold."""
    check(
        "max |output(10 w) - output(w)|", per_seed(SCALE, lambda v: v["output_change"]), "<", 1e-2
    )
    small = per_seed(SCALE, lambda v: v["output_change_small_eps"])
    check("same, epsilon=1e-6", small, "<", 1e-4)
    ratio = per_seed(SCALE, lambda v: v["output_change_small_eps"] / v["output_change"])
    check("residue, epsilon 1e-6 / epsilon 1e-3", ratio, "<", 1 / 100)


def test_gradient_shrinks_by_the_scale_factor_and_is_orthogonal_to_each_column():
    """At 10 w the gradient is the gradient at w divided by 10, and each kernel column's
    gradient is orthogonal to that column."""
    rel = per_seed(SCALE, lambda v: abs(10 * v["grad_ratio"] - 1))
    check("| |grad at 10 w| / |grad at w| / 0.1 - 1 |", rel, "<", 1e-2)
    mismatch = per_seed(SCALE, lambda v: v["grad_mismatch"])
    check("max |10 grad(10 w) - grad(w)| / max |grad(w)|", mismatch, "<", 1e-2)
    check(
        "largest |cos(column, its gradient)|", per_seed(SCALE, lambda v: v["max_cosine"]), "<", 1e-2
    )


def test_l2_penalty_grows_100x_for_the_same_function():
    """An L2 penalty on the kernel is 100 times larger at 10 w than at w, for the same
    function."""
    rel = per_seed(SCALE, lambda v: abs(v["penalty_ratio"] / 100 - 1))
    check("|L2 penalty at 10 w / at w / 100 - 1|", rel, "<", 1e-4)


def test_without_l2_the_kernel_norm_never_shrinks_with_l2_it_does():
    """Trained with plain SGD, the first kernel's norm never decreases without L2; with
    L2(5e-3) it falls, and ends more than 20 % smaller than without L2."""
    never = per_seed(GROWTH, lambda v: v["never_shrinks"])
    check("kernel norm never decreased, no L2", never, "==", True)
    falls = per_seed(GROWTH, lambda v: v["norms"][L2][-1] / v["norms"][L2][0])
    check("kernel norm, L2: last / first tracked", falls, "<", 1)
    ratio = per_seed(GROWTH, lambda v: v["norms"][L2][-1] / v["norms"][PLAIN][-1])
    check("final kernel norm, L2 / no L2", ratio, "<", 0.8)


def test_l2_keeps_the_effective_step_larger():
    """Over the last 100 steps the L2 kernel turns by a larger angle per 20 steps (more
    than 1.2 times as large) than the kernel without L2, at the same learning rate."""
    ratio = per_seed(GROWTH, lambda v: v["late_turn"][L2] / v["late_turn"][PLAIN])
    check("mean turn per 20 steps (last 100), L2 / no L2", ratio, ">", 1.2)


def test_both_reach_similar_validation_accuracy():
    """With and without L2 the network misclassifies fewer than 7 % of the validation
    digits, and the two validation accuracies differ by less than 3 points."""
    for label in [PLAIN, L2]:
        err = per_seed(GROWTH, lambda v, k=label: 1 - v["val_acc"][k])
        check(f"val error, {label}", err, "<", 0.07)
    gap = per_seed(GROWTH, lambda v: abs(v["val_acc"][PLAIN] - v["val_acc"][L2]))
    check("|val accuracy, no L2 - L2|", gap, "<", 0.03)


def test_dropout_raises_the_variance_bn_learns_as_li_et_al_predict():
    """The variance entering BN with dropout active matches Li et al.'s formula within
    5 %, BN's moving variance learns that value, and the variance at inference is less
    than half of it."""
    measured = per_seed(SHIFT, lambda v: abs(v["var_train_measured"] / v["var_train_formula"] - 1))
    check("|variance in training / formula - 1|", measured, "<", 0.05)
    moving = per_seed(SHIFT, lambda v: abs(v["moving_var"] / v["var_train_formula"] - 1))
    check("|BN moving variance / formula - 1|", moving, "<", 0.05)
    ratio = per_seed(SHIFT, lambda v: v["var_inference"] / v["moving_var"])
    check("variance at inference / moving variance", ratio, "<", 0.5)


def test_bn_output_variance_shrinks_at_inference():
    """BN's output has standard deviation about 1 with dropout in training mode and below
    0.7 at inference, while each unit's mean output barely moves (inverted dropout keeps
    the mean)."""
    check(
        "|BN output std, training - 1|",
        per_seed(SHIFT, lambda v: abs(v["std_train"] - 1)),
        "<",
        0.05,
    )
    check("BN output std, inference", per_seed(SHIFT, lambda v: v["std_infer"]), "<", 0.7)
    check(
        "largest change of a unit's mean output",
        per_seed(SHIFT, lambda v: v["mean_shift"]),
        "<",
        0.15,
    )


def test_weight_decay_shrinks_every_variable_unless_excluded_by_name():
    """One AdamW step with zero gradients multiplies every trainable variable (kernels,
    biases, BN's gamma and beta, RMS norm's scale) by 1 - learning_rate * weight_decay.
    var_names=["bias", "gamma", "beta"] leaves biases, gamma and beta unchanged but not
    RMS norm's scale; adding "scale" leaves it unchanged too. Kernels decay in every run."""
    factor = lambda v: 1 - v["LR"] * v["WD"]  # noqa: E731
    names = ["dense/kernel", "dense/bias", "bn/gamma", "bn/beta", "dense2/kernel", "rms/scale"]
    kept = {"A": [], "B": ["dense/bias", "bn/gamma", "bn/beta"]}
    kept["C"] = [*kept["B"], "rms/scale"]
    for run, unchanged in kept.items():
        for name in names:
            if name in unchanged:
                value = per_seed(DECAY, lambda v, r=run, n=name: v["factors"][r][n])
                check(f"{run}: {name} after / before", value, "==", 1.0)
            else:
                rel = per_seed(
                    DECAY, lambda v, r=run, n=name: abs(v["factors"][r][n] / factor(v) - 1)
                )
                check(f"{run}: |{name} after / before / (1 - lr * wd) - 1|", rel, "<", 1e-5)
