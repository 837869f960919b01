"""Claims made on docs/input-scaling.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds

SCALERS = "input-scaling/01_scalers.py"
CONDITIONING = "input-scaling/02_conditioning.py"
CURVES = "input-scaling/03_training_curves.py"
LEAKAGE = "input-scaling/04_leakage.py"


# ------------------------------------------------------------------ the three scalers


def test_breast_cancer_features_span_orders_of_magnitude():
    for res in run_seeds(SCALERS):
        assert np.shape(res.values["X"]) == (569, 30)
        std = np.array(res.values["std"])
        assert std.max() / std.min() > 1e5


def test_min_max_maps_training_data_to_0_1_but_not_test_data():
    for res in run_seeds(SCALERS):
        tr, te = np.array(res.values["Xtr_mm"]), np.array(res.values["Xte_mm"])
        assert np.isclose(tr.min(), 0.0, atol=1e-6) and np.isclose(tr.max(), 1.0, atol=1e-6)
        assert te.max() > 1.1


def test_standard_scaler_and_normalization_use_the_population_variance():
    for res in run_seeds(SCALERS):
        v = res.values
        n = len(v["X_train"])
        assert v["rel_sklearn_var"] < 1e-6
        assert v["rel_var_ddof0"] < 1e-5
        # against the n - 1 variance it is off by the factor (n - 1) / n, i.e. by 1/n
        assert np.isclose(v["rel_var_ddof1"], 1 / n, rtol=1e-2)


def test_normalization_stores_mean_and_variance():
    for res in run_seeds(SCALERS):
        assert res.values["weight_names"][:2] == ["mean", "variance"]


def test_normalization_matches_standard_scaler_to_float32_precision():
    for res in run_seeds(SCALERS):
        assert res.values["max_diff"] < 1e-4
        assert res.values["roundtrip"] < 1e-5


def test_constant_training_feature_epsilon_vs_scale_one():
    for res in run_seeds(SCALERS):
        v = res.values
        assert np.allclose(v["const_sklearn"], [0.0, 1.0])
        assert np.isclose(v["const_keras"][0], 0.0) and np.isclose(v["const_keras"][1], 1e7)


# ------------------------------------------------------------------------ conditioning


def test_scale_and_offset_ruin_the_condition_number_and_standardizing_fixes_it():
    for res in run_seeds(CONDITIONING):
        k = res.values["kappa"]
        assert 50 < k["raw, feature 2 x10"] < 200
        assert 5e5 < k["raw, feature 2 x1000"] < 2e6
        assert k["raw, feature 2 shifted by +10, with a bias"] > 1000
        assert k["standardized"] < 2 and k["standardized, with a bias"] < 2


def test_gradient_descent_steps_follow_the_condition_number():
    for res in run_seeds(CONDITIONING):
        v = res.values
        predicted = np.log(1e-6) / np.log(
            (v["kappa"]["raw, feature 2 x10"] - 1) / (v["kappa"]["raw, feature 2 x10"] + 1)
        )
        assert abs(v["steps_raw"] - predicted) <= 0.02 * predicted
        assert v["steps_std"] <= 10
        assert v["steps_raw"] > 50 * v["steps_std"]


# --------------------------------------------------------------------- training curves


def test_adam_trains_faster_on_standardized_inputs():
    for res in run_seeds(CURVES):
        first, final = res.values["first_loss"], res.values["final_loss"]
        assert first["Adam(0.01), raw"] > 10 * first["Adam(0.01), standardized"]
        assert final["Adam(0.01), standardized"] < 0.6 * final["Adam(0.01), raw"]


def test_sgd_diverges_on_raw_inputs_at_a_rate_that_works_on_standardized_ones():
    for res in run_seeds(CURVES):
        v = res.values
        assert v["diverged"]["SGD(0.1), raw"] is True
        assert v["first_loss"]["SGD(0.1), raw"] > 1e6  # explodes in the first epoch
        assert v["diverged"]["SGD(0.1), standardized"] is False
        assert (
            v["final_loss"]["SGD(0.1), standardized"]
            < 0.7 * v["first_loss"]["SGD(0.1), standardized"]
        )


# ----------------------------------------------------------------------------- leakage


def test_scaler_outside_cv_barely_matters_on_iid_data():
    for res in run_seeds(LEAKAGE):
        cv = res.values["cv_scaler"]
        assert abs(cv["leaky"] - cv["pipeline"]) <= 0.005


def test_feature_selection_outside_cv_finds_signal_in_noise():
    for res in run_seeds(LEAKAGE):
        cv = res.values["cv_select"]
        assert cv["leaky"] > 0.75
        assert abs(cv["pipeline"] - 0.5) < 0.15
        assert cv["leaky"] - cv["pipeline"] > 0.2


def test_refitting_the_scaler_on_the_test_set_hides_a_shift():
    for res in run_seeds(LEAKAGE):
        s = res.values["shift"]
        assert s["no shift"] - s["shift, training statistics"] >= 0.08
        assert abs(s["shift, scaler refitted on the test set"] - s["no shift"]) < 0.04
        assert (
            abs(s["shift, scaler fitted on train + test"] - s["shift, training statistics"]) < 0.02
        )


def test_normalization_axis_keeps_per_channel_or_scalar_statistics():
    for res in run_seeds(SCALERS):
        shapes = res.values["mean_shapes"]
        assert shapes["axis=-1"] == [3] and shapes["axis=None"] == []
