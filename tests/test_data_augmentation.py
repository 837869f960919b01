"""Claims made on docs/data-augmentation.md, each checked per seed (guide/claims.py)."""

import numpy as np
from conftest import per_seed

from guide.claims import check

# One name per line: the ledger reads snippet names from single assignments.
LAYERS = "data-augmentation/01_layers.py"
LABELS = "data-augmentation/02_label_changing.py"
FILL = "data-augmentation/03_fill_and_interpolation.py"
COMPARE = "data-augmentation/04_compare.py"
SETTINGS = "data-augmentation/05_settings.py"
NOISE = "data-augmentation/06_noise.py"
NOISY = "GaussianNoise(0.2)"


def test_when_augmentation_layers_are_active():
    """The augmentation layers change their input when called with training=True or with
    no training argument, and leave it unchanged with training=False and in predict; fit
    (learning rate 0) reports other losses than evaluate, which sees the original
    images."""
    expected = {
        "augment(x, training=True)": False,
        "augment(x, training=False)": True,
        # Sequential passes no training value down; the layer's default is True.
        "augment(x), no training argument": False,
        "augment.predict(x)": True,
    }
    for call, same in expected.items():
        check(
            f"{call} returns its input",
            per_seed(LAYERS, lambda v, c=call: v["unchanged"][c]),
            "==",
            same,
        )
    check(
        "largest |loss in fit / loss in evaluate - 1| over 10 epochs (lr = 0)",
        per_seed(LAYERS, lambda v: max(abs(f / v["evaluate_loss"] - 1) for f in v["fit_losses"])),
        ">",
        1e-3,
    )
    check(
        "|loss in evaluate / loss on the original images - 1|",
        per_seed(LAYERS, lambda v: abs(v["evaluate_loss"] / v["by_hand"] - 1)),
        "<",
        1e-5,
    )


def test_turning_and_flipping_change_the_label():
    """A classifier trained on upright digits is less accurate on digits turned by 180° or
    flipped left to right than on the originals: a 0 survives both, not a single turned 6
    or 9 is read as itself, more than 70 % of the turned 6s are read as 9, turned 9s are
    most often read as 6, and fewer than 10 % of flipped 3s, 5s or 6s are recognised."""
    check(
        "RandomRotation((0.5, 0.5)) is np.rot90(x, 2)",
        per_seed(LABELS, lambda v: v["same_as_rot90"]),
        "==",
        1,
    )
    check(
        "error on the original images",
        per_seed(LABELS, lambda v: 1 - v["acc"]["original"]),
        "<",
        0.1,
    )
    for name in ["turned 180°", "flipped left-right"]:
        check(
            f"accuracy, {name} / original",
            per_seed(LABELS, lambda v, n=name: v["acc"][n] / v["acc"]["original"]),
            "<",
            1,
        )
    check(
        "0s not recognised when turned",
        per_seed(LABELS, lambda v: 1 - v["kept_turned"]["0"]),
        "<",
        0.05,
    )
    check(
        "0s not recognised when flipped",
        per_seed(LABELS, lambda v: 1 - v["kept_flipped"]["0"]),
        "<",
        0.05,
    )
    check("turned 6s read as 6", per_seed(LABELS, lambda v: v["kept_turned"]["6"]), "==", 0)
    check("turned 9s read as 9", per_seed(LABELS, lambda v: v["kept_turned"]["9"]), "==", 0)
    check("turned 6s read as 9", per_seed(LABELS, lambda v: v["six_as_nine"]), ">", 0.7)
    check(
        "most common reading of a turned 9",
        per_seed(LABELS, lambda v: v["turned_nine_mode"]),
        "==",
        6,
    )
    flipped = per_seed(LABELS, lambda v: max(v["kept_flipped"][d] for d in "356"))
    check("flipped 3s, 5s, 6s recognised (largest fraction)", flipped, "<", 0.1)


def test_fill_mode_and_interpolation_defaults_and_effects():
    """The defaults are fill_mode="reflect" and interpolation="bilinear". Shifting by 2
    pixels, "reflect" and "wrap" invent ink in the uncovered columns, "constant" none and
    "nearest" almost none. After random shifts of up to a pixel, bilinear interpolation
    dims the brightest pixel of an image and moves most pixels off the 17 grey levels;
    nearest keeps the brightest pixel and every pixel on a grey level."""
    check(
        'default fill_mode is "reflect"',
        per_seed(FILL, lambda v: v["default_fill_mode"] == "reflect"),
        "==",
        1,
    )
    check(
        'default interpolation is "bilinear"',
        per_seed(FILL, lambda v: v["default_interpolation"] == "bilinear"),
        "==",
        1,
    )
    ink = lambda mode: lambda v: v["new_ink"][mode]  # noqa: E731
    check("ink invented, constant", per_seed(FILL, ink("constant")), "==", 0)
    check("ink invented, reflect", per_seed(FILL, ink("reflect")), ">", 0.01)
    check("ink invented, wrap", per_seed(FILL, ink("wrap")), ">", 0.01)
    check("ink invented, nearest", per_seed(FILL, ink("nearest")), "<", 0.005)
    bright = lambda v, name: v["brightest"][name]  # noqa: E731
    check(
        "mean brightest pixel, original - nearest",
        per_seed(FILL, lambda v: bright(v, "original") - bright(v, "nearest")),
        "<",
        0.005,
    )
    check(
        "mean brightest pixel, original - bilinear",
        per_seed(FILL, lambda v: bright(v, "original") - bright(v, "bilinear")),
        ">",
        0.03,
    )
    check(
        "pixels on the 17 grey levels, nearest",
        per_seed(FILL, lambda v: v["on_levels"]["nearest"]),
        "==",
        1,
    )
    check(
        "pixels on the 17 grey levels, bilinear",
        per_seed(FILL, lambda v: v["on_levels"]["bilinear"]),
        "<",
        0.5,
    )


def test_augmentation_raises_validation_accuracy_on_100_images():
    """Both models of a run start from the same initial weights; averaged over the three
    runs, augmentation raises the validation accuracy by more than half a point."""
    same = per_seed(
        COMPARE,
        lambda v: v["first_weights"]["plain"] == v["first_weights"]["augmented"],
    )
    check("same initial weights, plain and augmented", same, "==", 1)
    check(
        "mean gain in val accuracy, augmented - plain",
        per_seed(COMPARE, lambda v: np.mean(v["gain"])),
        ">",
        0.005,
    )


def test_plain_memorizes_and_stalls_while_augmented_starts_lower():
    """The plain network classifies all its training images correctly and its validation
    accuracy stops moving after the first 100 steps; the augmented one fits all but a
    few of its training images and starts with a lower validation accuracy."""
    check(
        "lowest training accuracy, plain",
        per_seed(COMPARE, lambda v: min(v["train_acc"]["plain"])),
        "==",
        1,
    )
    check(
        "highest training error, augmented",
        per_seed(COMPARE, lambda v: 1 - min(v["train_acc"]["augmented"])),
        "<",
        0.03,
    )
    mean_curve = lambda v, n: np.mean(v["curves"][n], axis=0)  # noqa: E731
    check(
        "plain: range of the mean val accuracy after step 100",
        per_seed(COMPARE, lambda v: np.ptp(mean_curve(v, "plain")[1:])),
        "<",
        0.01,
    )
    start = lambda v, n: 1 - mean_curve(v, n)[0]  # noqa: E731  (val error at step 50)
    check(
        "val error at step 50, augmented / plain",
        per_seed(COMPARE, lambda v: start(v, "augmented") / start(v, "plain")),
        ">",
        1,
    )


def test_bilinear_shrinks_the_gain_and_two_pixel_shifts_cost_accuracy():
    """With bilinear interpolation the augmented network's mean validation accuracy is
    lower than with nearest interpolation; with 2-pixel shifts it is more than 0.03 below
    the plain network in every run, which is more than twice what 1-pixel shifts gain on
    average, and it no longer fits its own training images."""
    compare = per_seed(COMPARE, lambda v: v)
    settings = per_seed(SETTINGS, lambda v: v)

    def q(f):
        return {s: f(compare[s], settings[s]) for s in compare}

    acc = lambda d, n: np.array(d["val_acc"][n])  # noqa: E731
    check(
        "same initial weights as the plain runs",
        q(lambda c, v: v["first_weights"]["bilinear"] == c["first_weights"]["plain"]),
        "==",
        1,
    )
    # mean gain over the plain runs of the setting `name` in the results `d`
    gain = lambda c, d, name: np.mean(acc(d, name) - acc(c, "plain"))  # noqa: E731
    check(
        "mean gain over plain, bilinear / nearest",
        q(lambda c, v: gain(c, v, "bilinear") / gain(c, c, "augmented")),
        "<",
        1,
    )
    loss = lambda c, v: np.min(acc(c, "plain") - acc(v, "2-pixel shifts"))  # noqa: E731
    check("smallest loss in val accuracy over runs, plain - 2-pixel", q(loss), ">", 0.03)
    check(
        "smallest loss from 2-pixel shifts / mean gain from 1-pixel shifts",
        q(lambda c, v: loss(c, v) / gain(c, c, "augmented")),
        ">",
        2,
    )
    tr = lambda v: np.array(v["train_acc"]["2-pixel shifts"])  # noqa: E731
    check("2-pixel: lowest training error over runs", q(lambda c, v: 1 - tr(v).max()), ">", 0.03)
    check("2-pixel: mean training error", q(lambda c, v: 1 - tr(v).mean()), ">", 0.05)


def test_gaussian_noise_is_on_only_in_training():
    """GaussianNoise adds noise only when called with training=True, and the noise has the
    standard deviation it was given."""
    expected = {
        "noise(x, training=True)": True,
        "noise(x, training=False)": False,
        "noise(x), no training argument": False,
    }
    for call, on in expected.items():
        check(f"{call} adds noise", per_seed(NOISE, lambda v, c=call: v["active"][c]), "==", on)
    check(
        "|std of the added noise - stddev|",
        per_seed(NOISE, lambda v: abs(v["added_std"] - v["STDDEV"])),
        "<",
        0.01,
    )


def test_gaussian_noise_lowers_validation_cross_entropy():
    """The plain network's validation cross-entropy climbs after its minimum, and its
    training cross-entropy ends below half the noisy network's; GaussianNoise(0.2) ends
    with a lower validation cross-entropy and a shorter decision boundary, and the loss
    fit logs for it (on noisy inputs) is above its clean training cross-entropy."""
    hist = lambda v, k: v["histories"][k]  # noqa: E731
    check(
        "plain: final / lowest val CE",
        per_seed(
            NOISE, lambda v: hist(v, "plain")["val_loss"][-1] / min(hist(v, "plain")["val_loss"])
        ),
        ">",
        1,
    )
    check(
        "training CE, plain / noise",
        per_seed(NOISE, lambda v: v["train_ce"]["plain"] / v["train_ce"][NOISY]),
        "<",
        0.5,
    )
    check(
        "final val CE, noise / plain",
        per_seed(NOISE, lambda v: v["val_ce"][NOISY] / v["val_ce"]["plain"]),
        "<",
        1,
    )
    check(
        "boundary length, noise / plain",
        per_seed(NOISE, lambda v: v["boundary_cells"][NOISY] / v["boundary_cells"]["plain"]),
        "<",
        1,
    )
    check(
        "noise: fit's final loss / clean training CE",
        per_seed(NOISE, lambda v: hist(v, NOISY)["loss"][-1] / v["train_ce"][NOISY]),
        ">",
        1,
    )
