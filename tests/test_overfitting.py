"""Claims made on docs/overfitting.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds


def test_data_splits_and_label_noise():
    for res in run_seeds("overfitting/01_data.py"):
        v = res.values
        assert (len(v["X_train"]), len(v["X_val"]), len(v["X_test"])) == (100, 200, 200)
        # About 10% of the labels are flipped, in every split.
        for split in ("flip_train", "flip_val", "flip_test"):
            assert 0.04 < np.mean(v[split]) < 0.16, (split, np.mean(v[split]))


def test_validation_ce_bottoms_out_early_then_climbs():
    for res in run_seeds("overfitting/02_learning_curves.py"):
        v = res.values
        assert v["best_step"] <= 100, v["best_step"]
        assert v["val_ce"]["plain"] > 3 * v["min_val_ce"], (v["val_ce"], v["min_val_ce"])


def test_training_ce_keeps_falling_after_the_validation_minimum():
    for res in run_seeds("overfitting/02_learning_curves.py"):
        v = res.values
        assert v["train_ce"]["plain"] < 0.5 * v["train_ce_at_best"], v["train_ce"]
        # Apart from small bumps, it falls until the end: its minimum is in the last
        # quarter of training, and the final value is close to it.
        ce = np.array(v["hist"]["plain"]["ce"])
        assert ce.argmin() >= 0.75 * len(ce), ce
        assert ce[-1] < 1.2 * ce.min(), ce


def test_large_generalization_gap_without_regularization():
    for res in run_seeds("overfitting/02_learning_curves.py"):
        gap = res.values["gap"]["plain"]
        assert gap > 0.5, gap


def test_validation_accuracy_drops_too_but_far_less_than_ce_rises():
    for res in run_seeds("overfitting/02_learning_curves.py"):
        v = res.values
        drop = v["val_acc_at_best"] - v["val_acc"]
        assert drop > 0.04, drop
        assert drop < 0.25, drop


def test_plain_network_fits_some_flipped_training_labels():
    """Training error below the fraction of flipped training labels: it learned noise."""
    for res, data in zip(
        run_seeds("overfitting/02_learning_curves.py"),
        run_seeds("overfitting/01_data.py"),
        strict=True,
    ):
        train_error = 1 - res.values["train_acc"]
        assert train_error < np.mean(data.values["flip_train"]), train_error


def test_l2_raises_training_ce_and_lowers_validation_ce():
    """Regularization in Goodfellow et al.'s sense: worse on training data, better on new data."""
    for res in run_seeds("overfitting/02_learning_curves.py"):
        tr, va, gap = res.values["train_ce"], res.values["val_ce"], res.values["gap"]
        assert tr["L2(1e-3)"] > tr["plain"], tr
        assert va["L2(1e-3)"] < 0.6 * va["plain"], va
        assert gap["L2(1e-3)"] < 0.5 * gap["plain"], gap


def test_fit_validation_loss_includes_the_penalty():
    for res in run_seeds("overfitting/02_learning_curves.py"):
        v = res.values
        assert v["penalty"] > 0.01
        assert abs(v["loss_minus_ce"] - v["penalty"]) < 1e-5, (v["loss_minus_ce"], v["penalty"])


SIZES = ["2", "8", "32x32", "128x128"]


def test_training_ce_falls_with_capacity():
    for res in run_seeds("overfitting/03_capacity.py"):
        tr = res.values["train_ce"]
        assert all(tr[a] > tr[b] for a, b in zip(SIZES[:-1], SIZES[1:], strict=True)), tr


def test_validation_is_best_at_a_middle_capacity():
    for res in run_seeds("overfitting/03_capacity.py"):
        v = res.values
        assert v["chosen"] == "8", v["val_ce"]
        err = v["val_err"]
        assert err["8"] < min(err["2"], err["128x128"]) - 0.03, err
        assert v["val_ce"]["128x128"] > 2 * v["val_ce"]["8"], v["val_ce"]


def test_smallest_model_underfits():
    for res in run_seeds("overfitting/03_capacity.py"):
        v = res.values
        assert v["train_ce"]["2"] > 0.3, v["train_ce"]
        assert v["gap"]["2"] < 0.2, v["gap"]


def test_gap_grows_with_capacity_beyond_the_best_size():
    for res in run_seeds("overfitting/03_capacity.py"):
        gap = res.values["gap"]
        assert gap["8"] < gap["32x32"] < gap["128x128"], gap
        assert gap["128x128"] > 0.8, gap


def test_largest_model_fits_training_set_but_not_new_data():
    for res in run_seeds("overfitting/03_capacity.py"):
        r = res.values["results"]["128x128"]
        assert r["train error"] < 0.08, r
        assert r["val error"] > r["train error"] + 0.08, r


def test_chosen_model_test_error_is_near_the_noise_floor():
    for res, data in zip(
        run_seeds("overfitting/03_capacity.py"), run_seeds("overfitting/01_data.py"), strict=True
    ):
        test_err = res.values["results"][res.values["chosen"]]["test error"]
        floor = float(np.mean(data.values["flip_test"]))
        assert test_err < floor + 0.05, (test_err, floor)
