"""Claims made on docs/mixup-cutmix.md, each checked per seed (guide/claims.py)."""

import numpy as np
from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

# One name per line: the ledger reads snippet names from single assignments.
LAYERS = "mixup-cutmix/01_layers.py"
COMPARE = "mixup-cutmix/02_compare.py"


def test_mixup_layer_mixes_images_and_labels_with_a_shuffled_batch():
    """keras.layers.MixUp returns lam·x + (1 - lam)·x[partner] for the images and the same
    mix of the one-hot labels, with one weight per example; in a tf.data pipeline the
    partners of more than 99 % of the batches (of 8 and of 64) form a permutation of the
    batch."""
    check(
        "largest |image - (lam x + (1 - lam) x[partner])|",
        per_seed(LAYERS, lambda v: v["mixup_formula_error"]),
        "<",
        1e-6,
    )
    for batch in ["8", "64"]:
        check(
            f"batch {batch}: fraction of batches whose partners are not a permutation",
            per_seed(LAYERS, lambda v, b=batch: 1 - v["permutations"][b]),
            "<",
            0.01,
        )


def test_mixup_layer_is_active_unless_training_is_false():
    """A MixUp layer called without a training argument mixes, with training=False it
    returns its input; in a model, model(x) mixes and model.predict(x) does not."""
    for call, mixes in [
        ("layer(data)", True),
        ("layer(data, training=False)", False),
        ("model(x)", True),
        ("model.predict(x)", False),
    ]:
        check(
            f"{call} changes the images",
            per_seed(LAYERS, lambda v, c=call: v["mixes"][c]),
            "==",
            mixes,
        )


def test_class_index_labels_are_mixed_silently():
    """Labels given as class indices raise no error: a (10, 1) column comes back with
    averaged indices that are not class numbers, a (10,) vector as a (10, 10) matrix."""
    check(
        "non-integer entries in the mixed (10, 1) index column",
        per_seed(
            LAYERS,
            lambda v: int(
                np.sum(np.abs(np.subtract(v["as_column"], np.round(v["as_column"]))) > 0.01)
            ),
        ),
        ">",
        0.5,
    )
    check(
        "entries of the output for (10,) labels",
        per_seed(LAYERS, lambda v: int(np.prod(v["sparse_vector_shape"]))),
        "==",
        100,
    )


def test_an_example_is_paired_with_itself_one_time_in_batch_size():
    """In a tf.data pipeline the layer draws a new shuffle for every batch, and a fraction
    1/batch of the examples is paired with itself (within 15 %), for batches of 8 and 64."""
    for batch in ["8", "64"]:
        check(
            f"batch {batch}: |fraction paired with itself · batch - 1|",
            per_seed(LAYERS, lambda v, b=batch: abs(v["self_paired"][b] * int(b) - 1)),
            "<",
            0.15,
        )


def test_cutmix_label_weight_is_the_box_area_not_the_pixels_pasted():
    """On 8x8 images the partner's label weight that CutMix assigns (the continuous box
    area) differs from the fraction of pixels actually pasted: by more than 0.02 on
    average, and by more than 0.1 for some image of the batch of 256."""
    check(
        "mean |label weight - pasted fraction|",
        per_seed(LAYERS, lambda v: v["label_gap_mean"]),
        ">",
        0.02,
    )
    check(
        "largest |label weight - pasted fraction|",
        per_seed(LAYERS, lambda v: v["label_gap_max"]),
        ">",
        0.1,
    )


def test_alpha_sets_how_much_the_pairs_are_mixed():
    """Of the weights lam ~ Beta(alpha, alpha), the share within 0.1 of 0 or 1 is more
    than half for alpha = 0.2, 0.2 (within 0.02) for alpha = 1, and below 2 % for
    alpha = 4."""
    check("alpha 0.2: share barely mixed", per_seed(LAYERS, lambda v: v["barely"]["0.2"]), ">", 0.5)
    check(
        "alpha 1: |share barely mixed - 0.2|",
        per_seed(LAYERS, lambda v: abs(v["barely"]["1.0"] - 0.2)),
        "<",
        0.02,
    )
    check("alpha 4: share barely mixed", per_seed(LAYERS, lambda v: v["barely"]["4.0"]), "<", 0.02)


MIXERS = ["MixUp(0.2)", "MixUp(4)", "CutMix"]


def test_mixing_slows_early_learning():
    """After 50 steps, each of MixUp(0.2), MixUp(4) and CutMix has a lower validation
    accuracy than the plain network on at least 9 of 10 seeds."""
    for name in MIXERS:
        check(
            f"val accuracy after 50 steps, {name} / plain",
            per_seed(
                COMPARE,
                lambda v, n=name: v["first_acc"][n] / v["first_acc"]["plain"],
                seeds=AUDIT_SEEDS,
            ),
            "<",
            1,
            at_least=9,
        )


def test_mixup_and_cutmix_do_not_change_final_accuracy_much():
    """After 600 steps, MixUp(0.2), MixUp(4) and CutMix end within 0.05 of the plain
    network's validation accuracy on every seed."""
    for name in MIXERS:
        check(
            f"|final val accuracy, {name} - plain|",
            per_seed(COMPARE, lambda v, n=name: abs(v["val_acc"][n] - v["val_acc"]["plain"])),
            "<",
            0.05,
        )


def test_mixup_0_2_final_cross_entropy_is_neither_clearly_lower_nor_higher():
    """MixUp(0.2)'s final validation cross-entropy lies between 0.75 and 1.35 times the
    plain network's on every seed."""
    ratio = per_seed(COMPARE, lambda v: v["val_ce"]["MixUp(0.2)"] / v["val_ce"]["plain"])
    check("final val CE, MixUp(0.2) / plain", ratio, ">", 0.75)
    check("final val CE, MixUp(0.2) / plain", ratio, "<", 1.35)


def test_large_alpha_and_cutmix_raise_the_validation_cross_entropy():
    """MixUp(4) ends with a higher validation cross-entropy than MixUp(0.2) on every seed
    and than the plain network on at least 8 of 10 seeds; CutMix ends higher than the
    plain network on at least 9 of 10 seeds."""
    ce = lambda v, n: v["val_ce"][n]  # noqa: E731
    check(
        "final val CE, MixUp(4) / MixUp(0.2)",
        per_seed(COMPARE, lambda v: ce(v, "MixUp(4)") / ce(v, "MixUp(0.2)")),
        ">",
        1,
    )
    check(
        "final val CE, MixUp(4) / plain",
        per_seed(COMPARE, lambda v: ce(v, "MixUp(4)") / ce(v, "plain"), seeds=AUDIT_SEEDS),
        ">",
        1,
        at_least=8,
    )
    check(
        "final val CE, CutMix / plain",
        per_seed(COMPARE, lambda v: ce(v, "CutMix") / ce(v, "plain"), seeds=AUDIT_SEEDS),
        ">",
        1,
        at_least=9,
    )


def test_fit_cross_entropy_on_mixed_labels_is_not_the_training_fit():
    """For each mixing variant, the training cross-entropy fit logs (mixed images against
    mixed labels) is more than twice the cross-entropy of the final weights on the real
    training images, and that real training cross-entropy is more than twice the plain
    network's."""
    for name in MIXERS:
        check(
            f"{name}: fit's training CE / CE on the real training data",
            per_seed(COMPARE, lambda v, n=name: v["fit_ce"][n] / v["train_ce"][n]),
            ">",
            2,
        )
        check(
            f"CE on the real training data, {name} / plain",
            per_seed(COMPARE, lambda v, n=name: v["train_ce"][n] / v["train_ce"]["plain"]),
            ">",
            2,
        )


def test_mixup_helps_where_the_plain_network_learns_wrong_labels():
    """In the regularization showdown (200 digits, a fifth of the labels replaced at
    random), mixup with alpha chosen on validation raises the test accuracy by more than
    a point over the plain network's on every audited seed (each a split of the data)."""
    gain = per_seed("labs/showdown.py", lambda v: v["gain"]["mixup"])
    check("showdown: test accuracy gain over plain (points), mixup", gain, ">", 1)
