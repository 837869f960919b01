"""Claims made on docs/overfitting.md, each checked per seed (guide/claims.py)."""

import numpy as np
from conftest import per_seed

from guide.claims import check

DATA = "overfitting/01_data.py"
CURVES = "overfitting/02_learning_curves.py"
CAPACITY = "overfitting/03_capacity.py"
SPLIT = "overfitting/04_validation_split.py"
PLAIN, L2 = "plain", "L2(1e-3)"


def flipped(split):
    """{seed: fraction of flipped labels in the split ("train", "val" or "test")}."""
    return per_seed(DATA, lambda v: float(np.mean(v[f"flip_{split}"])))


def ratio(a, b):
    """{seed: a / b} for two {seed: value} maps."""
    return {s: a[s] / b[s] for s in a}


def test_data_splits_and_label_noise():
    """The 500 points are split into 100 training, 200 validation and 200 test points;
    about 10 % of all labels are flipped (between 4 % and 16 %), and every split has more
    than 4 % flipped labels."""
    check("training points", per_seed(DATA, lambda v: len(v["X_train"])), "==", 100)
    check("validation points", per_seed(DATA, lambda v: len(v["X_val"])), "==", 200)
    check("test points", per_seed(DATA, lambda v: len(v["X_test"])), "==", 200)
    splits = ("train", "val", "test")
    overall = per_seed(
        DATA, lambda v: float(np.mean(np.concatenate([v[f"flip_{s}"] for s in splits])))
    )
    check("fraction of flipped labels, all 500 points", overall, ">", 0.04)
    check("fraction of flipped labels, all 500 points", overall, "<", 0.16)
    for split in splits:
        check(f"fraction of flipped labels, {split}", flipped(split), ">", 0.04)


def test_validation_ce_bottoms_out_early_then_climbs():
    """The plain network's validation cross-entropy reaches its lowest value within the first
    100 of 400 steps and ends more than twice as high."""
    check("plain: step of the lowest val CE", per_seed(CURVES, lambda v: v["best_step"]), "<=", 100)
    turn = per_seed(CURVES, lambda v: v["val_ce"][PLAIN] / v["min_val_ce"])
    check("plain: final / lowest val CE", turn, ">", 2)


def test_training_ce_keeps_falling_after_the_validation_minimum():
    """The plain network's training cross-entropy keeps falling, apart from bumps, to the end
    of training: its lowest value comes in the last quarter of the 400 steps, and it ends at
    less than half its value at the validation minimum."""
    ce = lambda v: np.array(v["hist"][PLAIN]["ce"])  # noqa: E731
    where = per_seed(CURVES, lambda v: ce(v).argmin() / len(ce(v)))
    check("plain: position of the lowest training CE, fraction of training", where, ">=", 0.75)
    fall = per_seed(CURVES, lambda v: v["train_ce"][PLAIN] / v["train_ce_at_best"])
    check("plain: final training CE / training CE at the val minimum", fall, "<", 0.5)


def test_large_generalization_gap_without_regularization():
    """The plain network ends with a generalization gap (val CE - training CE) above 0.5."""
    check(
        "plain: final val CE - training CE", per_seed(CURVES, lambda v: v["gap"][PLAIN]), ">", 0.5
    )


def test_validation_error_grows_less_than_cross_entropy():
    """From the validation minimum to the end, the plain network's validation cross-entropy
    grows by a larger factor than its validation error, and its validation accuracy falls
    by less than 25 points: it is not much more often wrong, it is wrong with confidence."""
    ce_growth = lambda v: v["val_ce"][PLAIN] / v["min_val_ce"]  # noqa: E731
    err_growth = lambda v: (1 - v["val_acc"]) / (1 - v["val_acc_at_best"])  # noqa: E731
    growth = per_seed(CURVES, lambda v: ce_growth(v) / err_growth(v))
    check("plain: growth factor of val CE / growth factor of val error", growth, ">", 1)
    drop = per_seed(CURVES, lambda v: v["val_acc_at_best"] - v["val_acc"])
    check("plain: val accuracy at the val minimum - final val accuracy", drop, "<", 0.25)


def test_plain_network_fits_some_flipped_training_labels():
    """The plain network's final training error is below the fraction of flipped training
    labels: it has learned noise."""
    err = per_seed(CURVES, lambda v: 1 - v["train_acc"])
    check("plain: final training error / fraction flipped", ratio(err, flipped("train")), "<", 1)


def test_l2_raises_training_ce_and_lowers_validation_ce():
    """With L2(1e-3) the network ends with a higher training cross-entropy than the plain one,
    a much lower validation cross-entropy and a much smaller gap: worse on the training set,
    better on new data."""
    tr = per_seed(CURVES, lambda v: v["train_ce"][L2] / v["train_ce"][PLAIN])
    check("final training CE, L2 / plain", tr, ">", 1)
    va = per_seed(CURVES, lambda v: v["val_ce"][L2] / v["val_ce"][PLAIN])
    check("final val CE, L2 / plain", va, "<", 0.6)
    gap = per_seed(CURVES, lambda v: v["gap"][L2] / v["gap"][PLAIN])
    check("final generalization gap, L2 / plain", gap, "<", 0.5)


def test_fit_validation_loss_includes_the_penalty():
    """For the L2 network, fit's val_loss minus the un-penalized val_ce is exactly the
    penalty sum(model.losses)."""
    check("L2: sum(model.losses)", per_seed(CURVES, lambda v: v["penalty"]), ">", 0.01)
    diff = per_seed(CURVES, lambda v: abs(v["loss_minus_ce"] - v["penalty"]))
    check("L2: |(val_loss - val_ce) - sum(model.losses)|", diff, "<", 1e-5)


def test_training_ce_falls_with_capacity():
    """Each large network (32x32, 128x128) ends with a lower training cross-entropy than either
    small one (2, 32 hidden units), and the largest with the lowest."""
    tr = lambda v: v["train_ce"]  # noqa: E731
    small = per_seed(CAPACITY, lambda v: min(tr(v)["2"], tr(v)["32"]) / tr(v)["32x32"])
    check("training CE, lower of 2 and 32 units / 32x32", small, ">", 1)
    large = per_seed(CAPACITY, lambda v: tr(v)["32x32"] / tr(v)["128x128"])
    check("training CE, 32x32 / 128x128", large, ">", 1)


def test_validation_ce_is_higher_for_the_large_networks():
    """Each large network (32x32, 128x128) ends with a higher validation cross-entropy than
    either small one (2, 32 hidden units); with the lower training cross-entropy of
    test_training_ce_falls_with_capacity, the large networks have the larger gaps."""
    va = lambda v: v["val_ce"]  # noqa: E731
    both = per_seed(
        CAPACITY, lambda v: min(va(v)["32x32"], va(v)["128x128"]) / max(va(v)["2"], va(v)["32"])
    )
    check("val CE, lower of the large networks / higher of the small ones", both, ">", 1)


def test_smallest_model_underfits():
    """The 2-unit network underfits: its training error is above the fraction of flipped
    training labels and its validation error above the fraction of flipped validation labels
    (it gets clean points wrong too), and its validation cross-entropy is close to its
    training cross-entropy (within 0.2)."""
    train = per_seed(CAPACITY, lambda v: v["train_err"]["2"])
    check("2 units: training error / fraction flipped", ratio(train, flipped("train")), ">", 1)
    val = per_seed(CAPACITY, lambda v: v["val_err"]["2"])
    check("2 units: val error / fraction flipped", ratio(val, flipped("val")), ">", 1)
    gap = per_seed(CAPACITY, lambda v: abs(v["gap"]["2"]))
    check("2 units: |val CE - training CE|", gap, "<", 0.2)


def test_largest_model_fits_flipped_labels_but_not_new_data():
    """The largest network's training error is below the fraction of flipped training labels
    (it has fitted noise), and its validation error is higher than its training error."""
    train = per_seed(CAPACITY, lambda v: v["train_err"]["128x128"])
    check("128x128: training error / fraction flipped", ratio(train, flipped("train")), "<", 1)
    val = per_seed(CAPACITY, lambda v: v["val_err"]["128x128"])
    check("128x128: training error / val error", ratio(train, val), "<", 1)


def test_validation_split_holds_out_the_last_rows_as_given():
    """fit(validation_split=0.2) validates on the last 20% of the arrays as passed: its
    validation cross-entropy and accuracy are those of evaluate on the last 360 rows
    (shuffle=True notwithstanding), and on digits sorted by label those rows hold only
    7, 8 and 9."""
    for k in ("ce", "accuracy"):
        diff = per_seed(SPLIT, lambda v, k=k: abs(v["fit_val"][k] / v["last_rows"][k] - 1))
        check(f"|fit's val_{k} / {k} of the last 360 rows - 1|", diff, "<", 1e-4)
    check("rows held out", per_seed(SPLIT, lambda v: v["n_val"]), "==", 360)
    lowest = per_seed(SPLIT, lambda v: min(v["y"][-v["n_val"] :]))
    check("lowest digit in the last 360 rows", lowest, "==", 7)


def test_validation_split_on_sorted_data_scores_unseen_classes():
    """On digits sorted by label, the network trained with validation_split=0.2 has a
    training accuracy above 90 % and a validation accuracy below 2 %: its validation set is
    digits it never trained on."""
    check("training accuracy", per_seed(SPLIT, lambda v: v["train_acc"]), ">", 0.9)
    val = per_seed(SPLIT, lambda v: v["fit_val"]["accuracy"])
    check("val accuracy with validation_split=0.2", val, "<", 0.02)


def test_stratified_split_has_every_digit():
    """train_test_split(..., stratify=y) puts at least 30 images of every digit in the
    validation set."""
    fewest = per_seed(SPLIT, lambda v: float(np.bincount(v["y_val"], minlength=10).min()))
    check("fewest validation images of one digit", fewest, ">", 30)


def test_validation_split_rejects_a_dataset():
    """fit(dataset, validation_split=0.2) raises a ValueError: validation_split is only
    supported for tensors or NumPy arrays."""
    raised = per_seed(
        SPLIT, lambda v: float("only supported for tensors or NumPy arrays" in v["dataset_error"])
    )
    check("ValueError says arrays only", raised, "==", 1)
