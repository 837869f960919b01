"""Claims made on docs/data-augmentation.md, each checked per seed (guide/claims.py)."""

from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

# One name per line: the ledger reads snippet names from single assignments.
LAYERS = "data-augmentation/01_layers.py"
LABELS = "data-augmentation/02_label_changing.py"
FILL = "data-augmentation/03_fill_and_interpolation.py"
COMPARE = "data-augmentation/04_compare.py"
SETTINGS = "data-augmentation/05_settings.py"
NOISE = "data-augmentation/06_noise.py"
NOISY = "GaussianNoise(0.2)"


def test_when_augmentation_layers_are_active():
    """Every image augmentation layer changes its input when called with training=True or
    with no training argument, and leaves it unchanged with training=False; GaussianNoise
    changes it only with training=True. In a model, fit (learning rate 0) reports other
    losses than evaluate, which equals the loss of predict's output on the original
    images, and a bare model(x) augments."""
    image_layers = [
        "RandomTranslation",
        "RandomRotation",
        "RandomZoom",
        "RandomFlip",
        "RandomContrast",
    ]
    for call, changes in [("(none)", True), ("False", False), ("True", True)]:
        for name in image_layers:
            check(
                f"{name}, training={call}: changes its input",
                per_seed(LAYERS, lambda v, c=call, n=name: v["calls"][c][n]),
                "==",
                changes,
            )
        check(
            f"GaussianNoise, training={call}: changes its input",
            per_seed(LAYERS, lambda v, c=call: v["calls"][c]["GaussianNoise"]),
            "==",
            call == "True",
        )
    check(
        "largest |loss in fit / loss in evaluate - 1| over 10 epochs (lr = 0)",
        per_seed(LAYERS, lambda v: max(abs(f / v["evaluate_loss"] - 1) for f in v["fit_losses"])),
        ">",
        1e-3,
    )
    check(
        "|loss in evaluate / loss of predict's output - 1|",
        per_seed(LAYERS, lambda v: abs(v["evaluate_loss"] / v["original_loss"] - 1)),
        "<",
        1e-5,
    )
    check("model(x) augments", per_seed(LAYERS, lambda v: v["model_call_augments"]), "==", 1)


def test_random_contrast_leaves_the_unit_range_by_default():
    """With its default value_range of (0, 255), RandomContrast(0.5) pushes pixels of
    images scaled to [0, 1] above 1."""
    check(
        "largest pixel after RandomContrast(0.5)",
        per_seed(LAYERS, lambda v: v["contrast_max"]),
        ">",
        1,
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
    """Both models start from the same initial weights; the plain network classifies all
    its 100 training images correctly; on at least 6 of 10 seeds augmentation lowers the
    validation error."""
    check(
        "same initial weights, plain and augmented",
        per_seed(COMPARE, lambda v: v["same_start"]),
        "==",
        1,
    )
    check(
        "training accuracy on the original images, plain",
        per_seed(COMPARE, lambda v: v["train_acc"]["plain"]),
        "==",
        1,
    )
    err = lambda v, n: 1 - v["val_acc"][n]  # noqa: E731
    check(
        "val error, augmented / plain",
        per_seed(COMPARE, lambda v: err(v, "augmented") / err(v, "plain"), seeds=AUDIT_SEEDS),
        "<",
        1,
        at_least=6,
    )


def test_bilinear_and_two_pixel_shifts_cost_accuracy():
    """On at least 7 of 10 seeds, with bilinear interpolation the augmented network's
    validation accuracy is lower than with nearest interpolation; with 2-pixel shifts it
    is more than 0.03 below the plain network's, and the network no longer fits all its
    own training images."""
    compare = per_seed(COMPARE, lambda v: v, seeds=AUDIT_SEEDS)
    settings = per_seed(SETTINGS, lambda v: v, seeds=AUDIT_SEEDS)

    def q(f):
        return {s: f(compare[s], settings[s]) for s in compare}

    err = lambda d, n: 1 - d["val_acc"][n]  # noqa: E731
    check(
        "val error, bilinear / nearest (1-pixel shifts)",
        q(lambda c, v: err(v, "bilinear") / err(c, "augmented")),
        ">",
        1,
        at_least=7,
    )
    check(
        "val accuracy, plain - 2-pixel shifts",
        q(lambda c, v: c["val_acc"]["plain"] - v["val_acc"]["2-pixel shifts"]),
        ">",
        0.03,
    )
    check(
        "training error on the original images, 2-pixel shifts",
        q(lambda c, v: 1 - v["train_acc"]["2-pixel shifts"]),
        ">",
        0.03,
    )


def test_gaussian_noise_has_the_given_standard_deviation():
    """In training, GaussianNoise(0.2) adds noise with standard deviation 0.2."""
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
        "noise: fit's final CE (noisy inputs) / clean training CE",
        per_seed(NOISE, lambda v: v["fit_ce"][NOISY] / v["train_ce"][NOISY]),
        ">",
        1,
    )
