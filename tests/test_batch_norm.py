"""Claims made on docs/batch-norm.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds

# ------------------------------------------------------------------ the computation


def test_defaults_are_as_the_page_states():
    for res in run_seeds("batch-norm/01_by_hand.py"):
        assert "axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True" in res.stdout


def test_training_mode_matches_the_biased_variance_formula_only():
    for res in run_seeds("batch-norm/01_by_hand.py"):
        v = res.values
        assert v["err_train"] < 1e-5, v["err_train"]
        assert v["err_unbiased"] > 1e-2, v["err_unbiased"]


def test_moving_statistics_update_rule_is_exact():
    for res in run_seeds("batch-norm/01_by_hand.py"):
        v = res.values
        assert v["err_moving_mean"] < 1e-7
        assert v["err_moving_var"] < 1e-7


def test_inference_mode_uses_the_moving_statistics():
    for res in run_seeds("batch-norm/01_by_hand.py"):
        assert res.values["err_infer"] < 1e-5


def test_epsilon_lowers_the_std_of_a_low_variance_feature():
    for res in run_seeds("batch-norm/01_by_hand.py"):
        v = res.values
        got, expected = v["x_hat_std"], v["expected_std"]
        assert all(abs(a - b) < 1e-3 for a, b in zip(got, expected, strict=True))
        assert got[2] < 0.95 and abs(got[0] - 1) < 1e-3, got


# ----------------------------------------------------------- training vs inference


def test_training_mode_standardizes_inference_mode_barely_changes_the_input():
    for res in run_seeds("batch-norm/02_modes.py"):
        v = res.values
        y_train, y_infer = np.array(v["y_train"]), np.array(v["y_infer"])
        assert abs(y_train.mean()) < 1e-3 and abs(y_train.std() - 1) < 1e-3
        # inputs have mean 5 and std 3; moving statistics are still close to (0, 1)
        assert y_infer.mean() > 4.0 and y_infer.std() > 2.4
        assert v["default_is_inference"] is True


def test_trainable_false_means_inference_mode_and_frozen_statistics():
    for res in run_seeds("batch-norm/02_modes.py"):
        v = res.values
        assert v["frozen_max_diff"] == 0.0
        assert v["frozen_stats_moved"] is False
        assert v["changed"]["frozen"] == [False, False, False, False]
        assert v["changed"]["trainable"] == [True, True, True, True]


# --------------------------------------------------------------- the deep MLP


def test_bn_trains_faster_at_a_moderate_learning_rate():
    for res in run_seeds("batch-norm/03_deep_mlp.py"):
        loss = res.values["train_loss"]
        assert loss["BN, lr=0.1"] < 0.1 < 0.5 < loss["plain, lr=0.1"], loss


def test_plain_network_fails_at_a_large_learning_rate_bn_does_not():
    for res in run_seeds("batch-norm/03_deep_mlp.py"):
        loss, acc = res.values["train_loss"], res.values["val_acc"]
        # stuck at (or above) the loss of a uniform guess, ln 10 = 2.303; chance accuracy
        assert not isinstance(loss["plain, lr=1.0"], float) or loss["plain, lr=1.0"] > 2.2
        assert acc["plain, lr=1.0"] < 0.2, acc
        assert loss["BN, lr=1.0"] < 0.3, loss
        assert acc["BN, lr=1.0"] > 0.75, acc


def test_bn_validation_accuracy_is_similar_at_both_learning_rates():
    for res in run_seeds("batch-norm/03_deep_mlp.py"):
        acc = res.values["val_acc"]
        assert acc["BN, lr=0.1"] > 0.85 and acc["BN, lr=1.0"] > 0.85, acc
        assert abs(acc["BN, lr=0.1"] - acc["BN, lr=1.0"]) < 0.06, acc
        assert acc["BN, lr=0.1"] > acc["plain, lr=0.1"], acc


def test_on_some_seeds_the_plain_loss_first_explodes_at_lr_1():
    peaks = [
        max(float(x) for x in res.values["curves"]["plain, lr=1.0"])
        for res in run_seeds("batch-norm/03_deep_mlp.py")
    ]
    assert max(peaks) > 1e3, peaks


# ------------------------------------------------------------ noise, small batches


def test_batch_of_one_outputs_beta_and_batch_of_two_outputs_plus_minus_one():
    for res in run_seeds("batch-norm/04_batch_noise.py"):
        v = res.values
        assert all(abs(s) < 1e-6 for s in v["single"])
        assert all(abs(abs(p) - 1) < 0.01 for p in v["pair"]), v["pair"]


def test_batch_noise_shrinks_like_one_over_sqrt_batch_size():
    for res in run_seeds("batch-norm/04_batch_noise.py"):
        spread = {int(k): s for k, s in res.values["spread"].items()}
        values = [spread[b] for b in sorted(spread)]
        assert all(a > b for a, b in zip(values[:-1], values[1:], strict=True)), spread
        # 16 -> 256 is 16x the batch size: 1/sqrt(B) predicts a factor of 4.
        assert 3.0 < spread[16] / spread[256] < 5.3, spread


def test_moving_variance_is_biased_by_b_minus_one_over_b():
    for res in run_seeds("batch-norm/04_batch_noise.py"):
        mv = {int(k): s for k, s in res.values["moving_var"].items()}
        for b, got in mv.items():
            assert abs(got - (b - 1) / b) < 0.08, mv
        assert mv[2] < 0.6 and mv[32] > 0.9, mv


# ------------------------------------------------------------ train/inference mismatch


def test_inference_lags_training_mode_early_with_default_momentum():
    for res in run_seeds("batch-norm/05_mismatch.py"):
        gap = res.values["gap"]
        assert gap["0.99"][2] > 0.2, gap  # after 20 steps
        assert gap["0.9"][2] < 0.1 and gap["0.9"][2] < gap["0.99"][2] / 3, gap


def test_the_gap_closes_by_the_end_of_training():
    for res in run_seeds("batch-norm/05_mismatch.py"):
        gap = res.values["gap"]
        assert abs(gap["0.99"][-1]) < 0.02 and abs(gap["0.9"][-1]) < 0.02, gap


def test_training_mode_one_example_at_a_time_predicts_one_class():
    for res in run_seeds("batch-norm/05_mismatch.py"):
        assert res.values["distinct_predictions"] == 1
