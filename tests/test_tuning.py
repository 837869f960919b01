"""Claims made on docs/tuning.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds

NAME = "tuning/01_l2_curve.py"


def curves(res):
    return {k: np.array(v) for k, v in res.values["ce"].items()}


def test_variable_strength_regularizer_is_keras_l2():
    for res in run_seeds(NAME):
        assert res.values["penalty_diff"] < 1e-7


def test_training_ce_rises_with_lambda():
    for res in run_seeds(NAME):
        mean_train = curves(res)["train"].mean(axis=0)
        assert np.all(np.diff(mean_train) > 0), mean_train


def test_validation_curve_is_u_shaped():
    for res in run_seeds(NAME):
        lambdas = res.values["lambdas"]
        val = curves(res)["val"].mean(axis=0)
        best = int(val.argmin())
        assert lambdas[best] in (1e-3, 3e-3, 1e-2), lambdas[best]
        # Falls all the way from no penalty to the best λ, then rises to the right end.
        assert np.all(np.diff(val[: best + 1]) < 0), val
        assert np.all(np.diff(val[best:]) > 0), val
        assert val[0] > 2.5 * val[best] and val[1] > 1.5 * val[best], val
        assert val[-1] > 1.5 * val[best], val


def test_error_rate_is_lowest_in_the_middle_too():
    for res in run_seeds(NAME):
        err = np.array(res.values["err"]["val"]).mean(axis=0)
        best = int(curves(res)["val"].mean(axis=0).argmin())
        assert err[best] < err[0] - 0.03, err
        assert err[-1] > 0.4, err


def test_strongest_penalty_gives_a_constant_prediction():
    """At λ = 0.1 the cross-entropy is ln 2 = 0.693: p = 0.5 everywhere."""
    for res in run_seeds(NAME):
        train = curves(res)["train"][:, -1]
        assert np.all(np.abs(train - np.log(2)) < 0.02), train


def test_choice_on_validation_is_stable_and_close_to_the_test_optimum():
    for res in run_seeds(NAME):
        v = res.values
        assert set(v["chosen_lambda"]) <= {3e-3, 1e-2}, v["chosen_lambda"]
        assert max(v["regret"]) < 0.03, v["regret"]
        assert max(v["test_err_at_chosen"]) < 0.15, v["test_err_at_chosen"]


def test_best_validation_score_is_optimistic_and_more_so_on_small_sets():
    for res in run_seeds(NAME):
        opt, score = res.values["optimism"], res.values["resplit_test_ce"]
        assert 0 <= opt["200"] < 0.015, opt
        assert opt["20"] > 0.07 and opt["20"] > 5 * opt["200"], opt
        # Choosing on 20 points also chooses worse strengths.
        assert score["20"] > score["200"] + 0.04, score


def test_spread_over_splits_is_largest_without_penalty():
    for res in run_seeds(NAME):
        std = curves(res)["val"].std(axis=0)
        assert std.argmax() == 0 and std[0] > 5 * std.min(), std


def test_best_error_is_near_the_noise_floor_and_default_l2_is_past_the_best():
    for res in run_seeds(NAME):
        lambdas = res.values["lambdas"]
        val = curves(res)["val"].mean(axis=0)
        best = int(val.argmin())
        assert np.array(res.values["err"]["val"]).mean(axis=0)[best] < 0.15
        # kernel_regularizer="l2" means L2(0.01): stronger than the best strength here.
        assert lambdas[best] < 0.01 and val[lambdas.index(0.01)] > val[best], val
