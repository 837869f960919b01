"""Claims made on docs/early-stopping.md, each checked per seed (guide/claims.py)."""

import numpy as np
from conftest import per_seed

from guide.claims import check

MECHANICS = "early-stopping/01_mechanics.py"
RESTORE = "early-stopping/02_restore.py"
PATIENCE = "early-stopping/03_patience.py"
DISTANCE = "early-stopping/04_weight_distance.py"
EXPLORE = "early-stopping/05_explore.py"


def _same(value, expected) -> float:
    """1.0 if ``value`` is ``expected`` (same type and value: 0 is not False), else 0.0."""
    return float(repr(value) == repr(expected))


def _replay(label: str, key: str) -> dict[int, float]:
    """One entry of the replay table of 01_mechanics.py, per seed."""
    return per_seed(MECHANICS, lambda v: v["replays"][label][key])


# ----------------------------------------------------------- the rule, from the source

EARLY_STOPPING_DEFAULTS = {
    "monitor": "val_loss",
    "min_delta": 0,
    "patience": 0,
    "verbose": 0,
    "mode": "auto",
    "baseline": None,
    "restore_best_weights": False,
    "start_from_epoch": 0,
}
CHECKPOINT_DEFAULTS = {
    "monitor": "val_loss",
    "save_best_only": False,
    "save_weights_only": False,
    "mode": "auto",
    "save_freq": "epoch",
    "initial_value_threshold": None,
}


def test_defaults_are_those_of_the_installed_keras():
    """EarlyStopping's arguments and defaults are those in the table (monitor="val_loss",
    min_delta=0, patience=0, verbose=0, mode="auto", baseline=None,
    restore_best_weights=False, start_from_epoch=0), and ModelCheckpoint's are the ones
    quoted in the ModelCheckpoint section."""
    names = per_seed(MECHANICS, lambda v: _same(list(v["defaults"]), list(EARLY_STOPPING_DEFAULTS)))
    check("EarlyStopping's arguments are the table's, in order", names, "==", 1)
    for name, expected in EARLY_STOPPING_DEFAULTS.items():
        same = per_seed(MECHANICS, lambda v, n=name, e=expected: _same(v["defaults"][n], e))
        check(f"EarlyStopping default {name}={expected!r}", same, "==", 1)
    for name, expected in CHECKPOINT_DEFAULTS.items():
        same = per_seed(
            MECHANICS, lambda v, n=name, e=expected: _same(v["checkpoint_defaults"][n], e)
        )
        check(f"ModelCheckpoint default {name}={expected!r}", same, "==", 1)


def test_patience_zero_behaves_like_patience_one():
    """On the scripted curve, patience=0 and patience=1 give the same replay, and both
    stop at epoch 3, the first epoch without improvement."""
    for key in ["epochs run", "stopped_epoch", "best_epoch", "weights of epoch"]:
        diff = per_seed(
            MECHANICS,
            lambda v, k=key: v["replays"]["patience=0"][k] - v["replays"]["patience=1"][k],
        )
        check(f"{key}, patience=0 minus patience=1", diff, "==", 0)
    check("stopped_epoch, patience=1", _replay("patience=1", "stopped_epoch"), "==", 3)


def test_epochs_are_zero_based_and_training_ran_stopped_epoch_plus_one():
    """best_epoch and stopped_epoch are 0-based: with patience=2 the best value 0.585 is
    at index 5, training stops at index 7 = 5 + 2 and ran stopped_epoch + 1 = 8 epochs."""
    check("best_epoch, patience=2", _replay("patience=2", "best_epoch"), "==", 5)
    check("stopped_epoch, patience=2", _replay("patience=2", "stopped_epoch"), "==", 7)
    check("epochs run, patience=2", _replay("patience=2", "epochs run"), "==", 8)


def test_without_restore_the_model_keeps_the_last_epoch_weights():
    """Without restore_best_weights the model keeps the last epoch's weights (epoch 7 with
    patience=2); with it, the best epoch's (epoch 5)."""
    check("weights held, patience=2", _replay("patience=2", "weights of epoch"), "==", 7)
    check(
        "weights held, patience=2, restore",
        _replay("patience=2, restore", "weights of epoch"),
        "==",
        5,
    )


def test_min_delta_can_make_best_epoch_differ_from_the_lowest_value():
    """With min_delta=0.02, best_epoch and the restored weights are epoch 2's, although
    the lowest value of the epochs it ran is epoch 5's."""
    label = "patience=3, min_delta=0.02, restore"
    lowest = per_seed(
        MECHANICS,
        lambda v: int(np.argmin(v["val_loss"][: v["replays"][label]["epochs run"]])),
    )
    check("epoch of the lowest value in the epochs run", lowest, "==", 5)
    check("best_epoch, min_delta=0.02", _replay(label, "best_epoch"), "==", 2)
    check("weights held, min_delta=0.02", _replay(label, "weights of epoch"), "==", 2)


def test_start_from_epoch_ignores_earlier_epochs():
    """With start_from_epoch=6, epoch 8 (0.60) is best although epoch 5 (0.585) was lower."""
    label = "patience=2, start_from_epoch=6, restore"
    check("best_epoch, start_from_epoch=6", _replay(label, "best_epoch"), "==", 8)
    check("weights held, start_from_epoch=6", _replay(label, "weights of epoch"), "==", 8)


def test_baseline_never_beaten_means_the_wait_is_never_reset():
    """With baseline=0.58, which no value beats, the wait counter is never reset and
    patience=3 stops at index 3, the first non-improving epoch (without a baseline, the
    min_delta row with the same patience runs to index 5)."""
    check(
        "stopped_epoch, baseline=0.58",
        _replay("patience=3, baseline=0.58", "stopped_epoch"),
        "==",
        3,
    )
    check(
        "stopped_epoch, patience=3, min_delta=0.02",
        _replay("patience=3, min_delta=0.02, restore", "stopped_epoch"),
        "==",
        5,
    )


def test_restore_best_weights_also_applies_when_training_never_stops_early():
    """With patience=10 the callback never stops the 12-epoch run (stopped_epoch stays 0);
    the model keeps epoch 11's weights without restore_best_weights and gets epoch 5's
    with it: Keras 3 restores at the end of training either way."""
    for label in ["patience=10", "patience=10, restore"]:
        check(f"stopped_epoch, {label}", _replay(label, "stopped_epoch"), "==", 0)
        check(f"epochs run, {label}", _replay(label, "epochs run"), "==", 12)
    check("weights held, patience=10", _replay("patience=10", "weights of epoch"), "==", 11)
    check(
        "weights held, patience=10, restore",
        _replay("patience=10, restore", "weights of epoch"),
        "==",
        5,
    )


def test_a_monitor_missing_from_the_logs_warns_and_does_nothing_else():
    """With monitor="val_ce" and logs that hold only val_loss, the callback warns at every
    epoch (12 warnings), never stops the 12-epoch run, and restore_best_weights restores
    nothing: the model keeps epoch 11's weights."""
    label = "patience=10, restore, monitor not logged"
    check(
        "warnings, monitor not logged",
        per_seed(MECHANICS, lambda v: v["missing_monitor_warnings"]),
        "==",
        12,
    )
    check("stopped_epoch, monitor not logged", _replay(label, "stopped_epoch"), "==", 0)
    check("epochs run, monitor not logged", _replay(label, "epochs run"), "==", 12)
    check("weights held, monitor not logged", _replay(label, "weights of epoch"), "==", 11)


def test_auto_mode_directions():
    """mode="auto" minimizes val_loss and val_ce, maximizes val_accuracy, and raises a
    ValueError for a custom metric function (balanced_acc) and for a name that matches no
    compiled metric (val_crossentropy): Keras 3 does not guess from the name."""
    for monitor, expected in [("val_loss", "min"), ("val_ce", "min"), ("val_accuracy", "max")]:
        same = per_seed(MECHANICS, lambda v, m=monitor, e=expected: _same(v["directions"][m], e))
        check(f'mode="auto", {monitor} -> {expected}', same, "==", 1)
    raises = per_seed(
        MECHANICS, lambda v: float(v["directions"]["val_balanced_acc"].startswith("ValueError"))
    )
    check('mode="auto", val_balanced_acc raises ValueError', raises, "==", 1)
    typo = per_seed(
        MECHANICS, lambda v: float(v["directions"]["val_crossentropy"].startswith("ValueError"))
    )
    check('mode="auto", val_crossentropy (no such metric) raises ValueError', typo, "==", 1)


def test_loss_includes_the_penalty_and_the_metric_does_not():
    """The loss evaluate() reports is the mean squared error metric plus the L2 penalty."""
    rel_err = per_seed(
        MECHANICS, lambda v: abs(v["loss_minus_metric"] - v["penalty"]) / v["penalty"]
    )
    check("relative error of (loss - mse metric) against the penalty", rel_err, "<", 1e-4)
    check("L2 penalty", per_seed(MECHANICS, lambda v: v["penalty"]), ">", 0.01)


# --------------------------------------------------------------- one run, two settings


def test_both_settings_follow_the_same_curve():
    """Trained from the same initial weights on the same batches, the runs with
    restore_best_weights off and on log identical validation curves."""
    check("identical logged curves", per_seed(RESTORE, lambda v: float(v["same_run"])), "==", 1)


def test_stops_patience_epochs_after_the_best_epoch():
    """best_epoch is the epoch of the lowest logged validation CE, the callback stops
    patience=10 epochs after it, training ran stopped_epoch + 1 epochs, far fewer than
    the 100 allowed, and no epoch after the best one improved on it."""
    best = per_seed(RESTORE, lambda v: v["best_epoch"] - int(np.argmin(v["logged_val_ce"])))
    check("best_epoch minus the epoch of the lowest val CE", best, "==", 0)
    wait = per_seed(RESTORE, lambda v: v["stopped_epoch"] - v["best_epoch"])
    check("stopped_epoch - best_epoch", wait, "==", 10)
    ran = per_seed(RESTORE, lambda v: v["epochs_run"] - v["stopped_epoch"])
    check("epochs run - stopped_epoch", ran, "==", 1)
    check("epochs run (of 100)", per_seed(RESTORE, lambda v: v["epochs_run"]), "<", 50)
    better = per_seed(
        RESTORE,
        lambda v: sum(
            c < v["logged_val_ce"][v["best_epoch"]]
            for c in v["logged_val_ce"][v["best_epoch"] + 1 :]
        ),
    )
    check("epochs after best_epoch with a lower val CE", better, "==", 0)


def test_restored_weights_give_the_best_epochs_validation_score():
    """After fit, the model with restore_best_weights=True scores the validation CE logged
    at best_epoch, and the one with restore_best_weights=False the value logged at the
    last epoch, to float precision."""
    restored = per_seed(
        RESTORE,
        lambda v: (
            abs(v["val_scores"]["True"]["ce"] - v["logged_val_ce"][v["best_epoch"]])
            / v["logged_val_ce"][v["best_epoch"]]
        ),
    )
    check(
        "restore=True: relative error against the best epoch's logged val CE", restored, "<", 1e-5
    )
    last = per_seed(
        RESTORE,
        lambda v: (
            abs(v["val_scores"]["False"]["ce"] - v["logged_val_ce"][-1]) / v["logged_val_ce"][-1]
        ),
    )
    check("restore=False: relative error against the last epoch's logged val CE", last, "<", 1e-5)


# ------------------------------------------------------------------------- patience


def test_mini_batch_curve_rises_more_often_than_the_full_batch_curve():
    """Before its lowest point, the mini-batch validation curve goes up in more epochs than
    the full-batch curve run on the same seed."""
    mini = per_seed(PATIENCE, lambda v: v["rises_before_lowest"])
    full = per_seed(RESTORE, lambda v: v["rises_before_best"])
    # For counts, mini > full is mini / (full + 1) >= 1.
    ratio = {s: mini[s] / (full[s] + 1) for s in mini}
    check("rises before the lowest val CE, mini-batch / (full-batch + 1)", ratio, ">=", 1)


def test_small_patience_stops_on_the_first_wiggle():
    """With mini-batches, patience=0 and patience=1 stop at the same epoch, the first in
    which the validation CE went up; that is before the epoch of the run's lowest
    validation CE, and the epoch they restore has a higher validation CE than the lowest."""
    same = per_seed(PATIENCE, lambda v: v["last_epoch"]["0"] - v["last_epoch"]["1"])
    check("stop epoch, patience=0 minus patience=1", same, "==", 0)
    first_rise = per_seed(
        PATIENCE,
        lambda v: v["last_epoch"]["1"] - (1 + int(np.argmax(np.diff(v["val"]) > 0))),
    )
    check("stop epoch of patience=1 minus the first epoch that went up", first_rise, "==", 0)
    early = per_seed(PATIENCE, lambda v: v["last_epoch"]["1"] / v["lowest"])
    check("patience=1: stop epoch / epoch of the run's lowest val CE", early, "<", 1)
    worse = per_seed(PATIENCE, lambda v: v["val_restored"]["1"] / min(v["val"]))
    check("patience=1: restored val CE / run's lowest", worse, ">", 1)


def test_small_patience_returns_a_worse_model_on_the_test_split():
    """The model that patience=1 restores has a higher test CE than the one patience=20
    restores."""
    ratio = per_seed(PATIENCE, lambda v: v["test_restored"]["1"] / v["test_restored"]["20"])
    check("test CE restored, patience=1 / patience=20", ratio, ">", 1)


def test_larger_patience_never_finds_a_worse_epoch():
    """A larger patience stops no earlier and restores an epoch with no higher validation
    CE than a smaller one; patience=20 restores an epoch within 1 % of the run's lowest
    validation CE."""
    increases = per_seed(
        PATIENCE,
        lambda v: sum(
            v["val_restored"][str(b)] > v["val_restored"][str(a)]
            for a, b in zip(v["patiences"], v["patiences"][1:], strict=False)
        ),
    )
    check("larger patience with a higher restored val CE", increases, "==", 0)
    earlier = per_seed(
        PATIENCE,
        lambda v: sum(
            v["last_epoch"][str(b)] < v["last_epoch"][str(a)]
            for a, b in zip(v["patiences"], v["patiences"][1:], strict=False)
        ),
    )
    check("larger patience that stops earlier", earlier, "==", 0)
    gap = per_seed(PATIENCE, lambda v: v["val_restored"]["20"] / min(v["val"]) - 1)
    check("patience=20: restored val CE / run's lowest - 1", gap, "<", 0.01)


def test_replay_matches_a_real_run_with_the_callback():
    """A real fit with EarlyStopping(patience=1, restore_best_weights=True) stops at the
    replay's stopped_epoch, restores its best_epoch, and returns a model with the test CE
    of that epoch's kept weights, to float precision."""
    stop = per_seed(PATIENCE, lambda v: v["real"]["stopped_epoch"] - v["last_epoch"]["1"])
    check("stopped_epoch, real run minus replay", stop, "==", 0)
    best = per_seed(PATIENCE, lambda v: v["real"]["best_epoch"] - v["best_epoch"]["1"])
    check("best_epoch, real run minus replay", best, "==", 0)
    same = per_seed(
        PATIENCE,
        lambda v: abs(v["real"]["test CE"] / v["test_restored"]["1"] - 1),
    )
    check("test CE, real run / replay's kept weights - 1", same, "<", 1e-5)


# ----------------------------------------------------------------- why it regularizes


def test_weights_move_further_from_init_every_epoch():
    """The distance of the weights from their initialization grows in every epoch, so it
    is larger after 50 epochs than at the epoch of the lowest validation CE, while the
    validation CE rises."""
    shrank = per_seed(DISTANCE, lambda v: int(np.sum(np.diff(v["distance"]) <= 0)))
    check("epochs in which the distance from w0 did not grow", shrank, "==", 0)
    further = per_seed(DISTANCE, lambda v: v["distance"][-1] / v["distance"][v["lowest"]])
    check("distance from w0, after 50 epochs / at the lowest val CE", further, ">", 1)
    rose = per_seed(DISTANCE, lambda v: v["val_ce"][-1] / v["val_ce"][v["lowest"]])
    check("val CE, after 50 epochs / at its lowest", rose, ">", 1)


def test_early_stopped_gradient_descent_is_close_to_ridge():
    """On the quadratic problem, the gradient-descent path and the matching ridge solutions
    are close but not equal (their largest distance is between 5 % and 25 % of ‖w*‖) and
    meet at the unregularized minimum (less than 1 % of ‖w*‖ apart at the last step)."""
    largest = per_seed(DISTANCE, lambda v: max(v["gap"]))
    check("largest GD-to-ridge distance / ‖w*‖", largest, ">", 0.05)
    check("largest GD-to-ridge distance / ‖w*‖", largest, "<", 0.25)
    check(
        "GD-to-ridge distance / ‖w*‖ at the last step",
        per_seed(DISTANCE, lambda v: v["gap"][-1]),
        "<",
        0.01,
    )


def test_explorable_frames_are_the_runs_epochs():
    """The explorable's frames are epochs of the run, the restored best epoch and the
    last one among them (what the page's slider and its markers promise)."""
    has_both = per_seed(
        EXPLORE,
        lambda v: float(v["best_epoch"] in v["frames"] and v["last"] == v["frames"][-1]),
    )
    check("the frames include the best and the last epoch", has_both, "==", 1)
