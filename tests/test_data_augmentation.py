"""Claims made on docs/data-augmentation.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds

NOISY = "GaussianNoise(0.2)"


def test_when_augmentation_layers_are_active():
    for res in run_seeds("data-augmentation/01_layers.py"):
        unchanged = res.values["unchanged"]
        assert unchanged == {
            "augment(x, training=True)": False,
            "augment(x, training=False)": True,
            # Sequential passes no training value down; the layer's default is True.
            "augment(x), no training argument": False,
            "augment.predict(x)": True,
        }, unchanged
        v = res.values
        # With a learning rate of 0 the weights never move: fit saw other (augmented)
        # images, evaluate saw the originals.
        assert not np.isclose(v["fit_loss"], v["evaluate_loss"], rtol=1e-3), v["fit_loss"]
        assert np.isclose(v["evaluate_loss"], v["by_hand"], rtol=1e-5)


def test_turning_and_flipping_change_the_label():
    for res in run_seeds("data-augmentation/02_label_changing.py"):
        v = res.values
        assert v["same_as_rot90"]
        acc = v["acc"]
        assert acc["original"] > 0.9
        assert acc["turned 180°"] < 0.5 and acc["flipped left-right"] < 0.5, acc
        kept_turned, kept_flipped = v["kept_turned"], v["kept_flipped"]
        # A 0 survives both transformations...
        assert kept_turned["0"] > 0.95 and kept_flipped["0"] > 0.95
        # ...not a single turned 6 or 9 keeps its label; most 6s become 9s, and the most
        # common reading of a turned 9 is 6.
        assert kept_turned["6"] == 0 and kept_turned["9"] == 0, kept_turned
        assert v["six_as_nine"] > 0.7
        assert v["turned_nine_mode"] == 6
        # Flipped 3s, 5s and 6s are almost never recognised.
        assert max(kept_flipped["3"], kept_flipped["5"], kept_flipped["6"]) < 0.1, kept_flipped


def test_fill_mode_and_interpolation_defaults_and_effects():
    for res in run_seeds("data-augmentation/03_fill_and_interpolation.py"):
        v = res.values
        assert v["default_fill_mode"] == "reflect"
        assert v["default_interpolation"] == "bilinear"
        ink = v["new_ink"]
        assert ink["constant"] == 0 and ink["reflect"] > 0.01 and ink["wrap"] > 0.01, ink
        assert ink["nearest"] < 0.005, ink  # the edge column is background here
        bright = v["brightest"]
        assert bright["nearest"] > bright["original"] - 0.005, bright
        assert bright["bilinear"] < bright["original"] - 0.03, bright
        assert v["on_levels"]["nearest"] == 1.0
        assert v["on_levels"]["bilinear"] < 0.5, v["on_levels"]


def test_augmentation_raises_validation_accuracy_on_100_images():
    smallest = []
    for res in run_seeds("data-augmentation/04_compare.py"):
        v = res.values
        acc, gain = v["val_acc"], v["gain"]
        # Within a run, both models start from the same initial weights.
        assert v["first_weights"]["plain"] == v["first_weights"]["augmented"]
        assert np.mean(acc["augmented"]) > np.mean(acc["plain"]), acc
        assert np.mean(gain) > 0.005, gain
        assert v["runs_ahead"] >= 2, gain  # ahead in most runs, not necessarily all
        smallest.append(min(gain))
    # The page warns that a single run can gain much less than the average.
    assert min(smallest) < 0.01, smallest


def test_plain_memorizes_and_stalls_while_augmented_starts_lower_and_overtakes():
    for res in run_seeds("data-augmentation/04_compare.py"):
        v = res.values
        assert min(v["train_acc"]["plain"]) == 1.0
        assert min(v["train_acc"]["augmented"]) > 0.97
        plain = np.mean(v["curves"]["plain"], axis=0)
        augmented = np.mean(v["curves"]["augmented"], axis=0)
        # Plain's validation accuracy stops moving after the first 100 steps.
        assert np.ptp(plain[1:]) < 0.01, plain
        assert augmented[0] < plain[0] and augmented[-1] > plain[-1], (plain, augmented)


def test_bilinear_and_two_pixel_shifts_remove_the_gain():
    compare = run_seeds("data-augmentation/04_compare.py")
    settings = run_seeds("data-augmentation/05_settings.py")
    for base, res in zip(compare, settings, strict=True):
        plain = np.array(base.values["val_acc"]["plain"])
        nearest = np.array(base.values["val_acc"]["augmented"])
        v = res.values
        # The same runs: same initial weights as the previous snippet's.
        assert v["first_weights"]["bilinear"] == base.values["first_weights"]["plain"]
        bilinear = np.array(v["val_acc"]["bilinear"])
        two_pixel = np.array(v["val_acc"]["2-pixel shifts"])
        assert bilinear.mean() < nearest.mean(), (bilinear, nearest)
        assert np.min(bilinear - plain) < 0, (bilinear, plain)  # at least one run loses
        assert np.all(two_pixel < plain - 0.03), (two_pixel, plain)
        # It no longer fits its own (unshifted) training images.
        assert max(v["train_acc"]["2-pixel shifts"]) < 0.97
        assert np.mean(v["train_acc"]["2-pixel shifts"]) < 0.95


def test_gaussian_noise_is_on_only_in_training():
    for res in run_seeds("data-augmentation/06_noise.py"):
        v = res.values
        assert v["active"] == {
            "noise(x, training=True)": True,
            "noise(x, training=False)": False,
            "noise(x), no training argument": False,
        }
        assert abs(v["added_std"] - v["STDDEV"]) < 0.01


def test_gaussian_noise_lowers_validation_cross_entropy():
    for res in run_seeds("data-augmentation/06_noise.py"):
        v = res.values
        ce, acc = v["val_ce"], v["val_acc"]
        assert ce[NOISY] < 0.5 * ce["plain"], ce
        assert acc[NOISY] >= acc["plain"], acc
        # The plain network overfits: its validation CE climbs after its minimum...
        val_curve = v["histories"]["plain"]["val_loss"]
        assert val_curve[-1] > 2 * min(val_curve)
        # ...and fits its training points far more closely than the noisy one.
        assert v["train_ce"]["plain"] < 0.5 * v["train_ce"][NOISY]
        # A shorter, smoother decision boundary.
        cells = v["boundary_cells"]
        assert cells[NOISY] < cells["plain"], cells
        # fit logs the noisy model's loss on noisy inputs: higher than on clean ones.
        assert v["histories"][NOISY]["loss"][-1] > v["train_ce"][NOISY]
