"""Claims made on docs/regularization-vs-normalization.md, each checked on several seeds."""

from conftest import run_seeds


def test_bn_output_is_invariant_to_the_scale_of_the_kernel_feeding_it():
    for res in run_seeds("regularization-vs-normalization/01_scale_invariance.py"):
        v = res.values
        assert v["output_change"] < 1e-2, v["output_change"]
        # the residue comes from epsilon: a 1000x smaller epsilon shrinks it a lot
        assert v["output_change_small_eps"] < 1e-4
        assert v["output_change_small_eps"] < v["output_change"] / 100


def test_gradient_shrinks_by_the_scale_factor_and_is_orthogonal_to_each_column():
    for res in run_seeds("regularization-vs-normalization/01_scale_invariance.py"):
        v = res.values
        assert abs(v["grad_ratio"] - 0.1) < 1e-3, v["grad_ratio"]
        assert v["grad_mismatch"] < 1e-2
        assert v["max_cosine"] < 1e-2


def test_l2_penalty_grows_100x_for_the_same_function():
    for res in run_seeds("regularization-vs-normalization/01_scale_invariance.py"):
        assert abs(res.values["penalty_ratio"] - 100.0) < 1e-2


def test_without_l2_the_kernel_norm_never_shrinks_with_l2_it_does():
    for res in run_seeds("regularization-vs-normalization/02_weight_norm_growth.py"):
        v = res.values
        assert v["never_shrinks"] is True
        norms = v["norms"]
        assert norms["L2(5e-3)"][-1] < 0.8 * norms["no L2"][-1], norms


def test_l2_keeps_the_effective_step_larger():
    for res in run_seeds("regularization-vs-normalization/02_weight_norm_growth.py"):
        turn = res.values["late_turn"]
        assert turn["L2(5e-3)"] > 1.2 * turn["no L2"], turn


def test_both_reach_similar_validation_accuracy():
    for res in run_seeds("regularization-vs-normalization/02_weight_norm_growth.py"):
        acc = res.values["val_acc"]
        assert min(acc.values()) > 0.93 and abs(acc["no L2"] - acc["L2(5e-3)"]) < 0.03, acc


def test_dropout_raises_the_variance_bn_learns_as_li_et_al_predict():
    for res in run_seeds("regularization-vs-normalization/04_dropout_variance_shift.py"):
        v = res.values
        formula = v["var_train_formula"]
        assert abs(v["var_train_measured"] - formula) < 0.05 * formula
        assert abs(v["moving_var"] - formula) < 0.05 * formula
        assert v["var_inference"] < 0.5 * v["moving_var"]


def test_bn_output_variance_shrinks_at_inference():
    for res in run_seeds("regularization-vs-normalization/04_dropout_variance_shift.py"):
        v = res.values
        assert abs(v["std_train"] - 1) < 0.05
        assert v["std_infer"] < 0.7, v["std_infer"]
        assert v["mean_shift"] < 0.15  # inverted dropout keeps the mean


def test_weight_decay_shrinks_gamma_and_beta_unless_excluded():
    for res in run_seeds("regularization-vs-normalization/03_decay_norm_params.py"):
        v = res.values
        factor = 1 - v["LR"] * v["WD"]
        assert abs(v["after"]["gamma"] - factor) < 1e-6
        assert abs(v["after"]["beta"] - 2 * factor) < 1e-6
        assert v["after_excluded"] == {"gamma": 1.0, "beta": 2.0}
