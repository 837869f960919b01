"""Claims made on docs/early-stopping.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds

MECHANICS = "early-stopping/01_mechanics.py"
RESTORE = "early-stopping/02_restore.py"
PATIENCE = "early-stopping/03_patience.py"
DISTANCE = "early-stopping/04_weight_distance.py"


# ----------------------------------------------------------- the rule, from the source


def test_defaults_are_those_of_the_installed_keras():
    for res in run_seeds(MECHANICS):
        assert res.values["defaults"] == {
            "monitor": "val_loss",
            "min_delta": 0,
            "patience": 0,
            "verbose": 0,
            "mode": "auto",
            "baseline": None,
            "restore_best_weights": False,
            "start_from_epoch": 0,
        }
        ckpt = res.values["checkpoint_defaults"]
        assert ckpt["monitor"] == "val_loss" and ckpt["mode"] == "auto"
        assert ckpt["save_best_only"] is False and ckpt["save_weights_only"] is False
        assert ckpt["save_freq"] == "epoch" and ckpt["initial_value_threshold"] is None


def _replays():
    return [res.values["replays"] for res in run_seeds(MECHANICS)]


def test_patience_zero_behaves_like_patience_one():
    for r in _replays():
        assert r["patience=0"] == r["patience=1"]
        assert r["patience=1"]["stopped_epoch"] == 3  # the first epoch without improvement


def test_epochs_are_zero_based_and_training_ran_stopped_epoch_plus_one():
    for r in _replays():
        p2 = r["patience=2"]
        assert p2["best_epoch"] == 5  # 0.585, the 6th value of the curve
        assert p2["stopped_epoch"] == 7 == p2["best_epoch"] + 2
        assert p2["epochs run"] == p2["stopped_epoch"] + 1


def test_without_restore_the_model_keeps_the_last_epoch_weights():
    for r in _replays():
        assert r["patience=2"]["weights of epoch"] == 7
        assert r["patience=2, restore"]["weights of epoch"] == 5


def test_min_delta_can_make_best_epoch_differ_from_the_lowest_value():
    for res in run_seeds(MECHANICS):
        r = res.values["replays"]["patience=3, min_delta=0.02, restore"]
        curve = res.values["val_loss"]
        assert int(np.argmin(curve[: r["epochs run"]])) == 5
        assert r["best_epoch"] == 2 and r["weights of epoch"] == 2


def test_start_from_epoch_ignores_earlier_epochs():
    for r in _replays():
        s = r["patience=2, start_from_epoch=6, restore"]
        assert s["best_epoch"] == 8 and s["weights of epoch"] == 8


def test_baseline_never_beaten_means_the_wait_is_never_reset():
    for r in _replays():
        b = r["patience=3, baseline=0.58"]
        assert b["stopped_epoch"] == 3  # stops at the first non-improving epoch
        assert r["patience=3, min_delta=0.02, restore"]["stopped_epoch"] > b["stopped_epoch"]


def test_restore_best_weights_also_applies_when_training_never_stops_early():
    for r in _replays():
        for label in ["patience=10", "patience=10, restore"]:
            assert r[label]["stopped_epoch"] == 0 and r[label]["epochs run"] == 12
        assert r["patience=10"]["weights of epoch"] == 11
        assert r["patience=10, restore"]["weights of epoch"] == 5


def test_auto_mode_directions():
    for res in run_seeds(MECHANICS):
        d = res.values["directions"]
        assert d["val_loss"] == "min" and d["val_ce"] == "min"
        assert d["val_accuracy"] == "max"
        assert d["val_balanced_acc"].startswith("ValueError")  # Keras 2 guessed "max"


def test_loss_includes_the_penalty_and_the_metric_does_not():
    for res in run_seeds(MECHANICS):
        v = res.values
        assert v["penalty"] > 0.01
        assert np.isclose(v["loss_minus_metric"], v["penalty"], rtol=1e-4)


# --------------------------------------------------------------- one run, two settings


def test_both_settings_follow_the_same_curve():
    for res in run_seeds(RESTORE):
        assert res.values["same_run"] is True


def test_stops_patience_epochs_after_the_best_epoch():
    for res in run_seeds(RESTORE):
        v = res.values
        curve = np.array(v["logged_val_ce"])
        assert v["best_epoch"] == int(np.argmin(curve))
        assert v["stopped_epoch"] == v["best_epoch"] + 10
        assert v["epochs_run"] == v["stopped_epoch"] + 1 < 100  # it did stop early


def test_restored_weights_give_the_best_epochs_validation_score():
    for res in run_seeds(RESTORE):
        v = res.values
        curve = v["logged_val_ce"]
        assert np.isclose(v["val_ce"]["True"], curve[v["best_epoch"]], rtol=1e-5, atol=1e-6)
        assert np.isclose(v["val_ce"]["False"], curve[-1], rtol=1e-5, atol=1e-6)
        assert v["val_ce"]["False"] > v["val_ce"]["True"] + 0.02


def test_full_batch_curve_is_smooth_before_its_best_epoch():
    for res in run_seeds(RESTORE):
        assert res.values["rises_before_best"] <= 2


# ------------------------------------------------------------------------- patience


def test_mini_batch_curve_is_noisy_and_small_patience_stops_on_noise():
    for res in run_seeds(PATIENCE):
        v = res.values
        assert v["rises_before_best"] >= 3
        assert v["stop_epoch"]["1"] < v["best_overall"]
        assert v["stop_epoch"]["2"] < v["best_overall"]
        assert v["val_restored"]["2"] > min(v["val"]) + 0.01
        assert v["stop_epoch"]["0"] == v["stop_epoch"]["1"]


def test_larger_patience_finds_a_better_epoch():
    for res in run_seeds(PATIENCE):
        v = res.values
        restored = [v["val_restored"][str(p)] for p in v["patiences"]]
        stops = [v["stop_epoch"][str(p)] for p in v["patiences"]]
        assert all(b <= a + 1e-9 for a, b in zip(restored, restored[1:], strict=False))
        assert all(b >= a for a, b in zip(stops, stops[1:], strict=False))
        assert v["val_restored"]["10"] < v["val_restored"]["1"] - 0.03
        assert v["val_restored"]["10"] - min(v["val"]) < 0.01


def test_without_restore_large_patience_keeps_worse_weights():
    for res in run_seeds(PATIENCE):
        v = res.values
        assert v["val_last"]["20"] > v["val_restored"]["20"] + 0.005


def test_replay_matches_a_real_run_with_the_callback():
    for res in run_seeds(PATIENCE):
        v = res.values
        assert v["real_stop"] == v["stop_epoch"]["1"]
        assert v["real_best"] == v["best_epoch"]["1"]


# ----------------------------------------------------------------- why it regularizes


def test_weights_move_further_from_init_every_epoch():
    for res in run_seeds(DISTANCE):
        v = res.values
        assert v["distance_growth_monotone"] == 1.0
        d = v["distance"]
        assert d[-1] > 2 * d[v["best"]]
        assert v["val"][-1] > 1.5 * v["val"][v["best"]]


def test_early_stopped_gradient_descent_is_close_to_ridge():
    for res in run_seeds(DISTANCE):
        gap = np.array(res.values["gap"])
        assert 0.05 < gap.max() < 0.25  # close, not identical
        assert gap[-1] < 0.01  # both reach the unregularized minimum
