"""Claims made on docs/dropout.md, each checked on several seeds."""

import numpy as np
from conftest import run_seeds

SWEEP = "dropout/02_rate_sweep.py"
PLAIN, DROP = "0.0", "0.6"  # keys of its rate-keyed dicts (JSON keys are strings)


def test_keras_dropout_is_inverted_dropout():
    for res in run_seeds("dropout/01_inverted.py"):
        v = res.values
        rate = v["rate"]
        # rate is the fraction DROPPED (200,000 draws: the standard error is ~0.001).
        assert abs(v["fraction_zero"] - rate) < 0.01
        # The kept units are scaled by 1 / (1 - rate), and nothing else is produced.
        assert len(v["survivors"]) == 1
        assert np.isclose(v["survivors"][0], 1 / (1 - rate), rtol=1e-6)
        assert v["max_formula_error"] == 0.0
        # The mean is preserved, the variance becomes rate / (1 - rate) for x = 1.
        assert abs(float(res.value("mean output in training")) - 1) < 0.01
        assert np.isclose(v["var_train"], rate / (1 - rate), rtol=0.03)
        assert v["max_mean_error"] < 0.02


def test_keras_dropout_is_the_identity_at_inference():
    for res in run_seeds("dropout/01_inverted.py"):
        assert "inference output equals the input: True" in res.stdout
        assert "default call equals the input: True" in res.stdout
        assert res.values["inference_gap"] == 0.0


def test_plain_network_overfits_and_dropout_slows_it():
    for res in run_seeds(SWEEP):
        c = res.values["curves"]
        plain_val, drop_val = c[PLAIN]["val"], c[DROP]["val"]
        # Without dropout the validation CE bottoms out in the first half of the run...
        assert int(np.argmin(plain_val)) < len(plain_val) // 2, plain_val
        # ...and climbs well above that afterwards.
        assert plain_val[-1] > 1.5 * min(plain_val), plain_val
        # With Dropout(0.6) it rises less after its minimum, and ends lower.
        assert drop_val[-1] - min(drop_val) < plain_val[-1] - min(plain_val)
        assert drop_val[-1] < plain_val[-1]
        # Dropout keeps the training CE (dropout off) higher.
        assert c[DROP]["train"][-1] > c[PLAIN]["train"][-1]


def test_dropout_does_not_improve_the_best_validation_ce_much():
    lower = []
    for res in run_seeds(SWEEP):
        best = res.values["lowest_val_ce"]
        plain, drop = best[0], best[2]  # rates 0.0 and 0.6
        assert abs(drop - plain) / max(drop, plain) < 0.2, best
        lower.append(drop < plain)
    assert any(lower) and not all(lower), "either model can have the lower best value"


def test_fit_loss_with_dropout_on_is_above_the_dropout_off_training_ce():
    for res in run_seeds(SWEEP):
        v = res.values
        assert v["fit_loss"][DROP][-1] > v["curves"][DROP]["train"][-1]
        for rate, on, off in zip(v["rates"], v["train_ce_on"], v["train_ce"], strict=True):
            if rate > 0:
                assert on > off, (rate, on, off)


def test_rate_sweep():
    for res in run_seeds(SWEEP):
        v = res.values
        tr, va, acc = v["train_ce"], v["val_ce"], v["val_acc"]
        # The training CE rises steadily with the rate.
        assert all(a < b for a, b in zip(tr, tr[1:], strict=False)), tr
        # The best rate on validation is a high one here (0.6 on four of five seeds).
        assert v["rates"][int(np.argmin(va))] in (0.6, 0.9), va
        # 0.9 is too much: the lowest validation accuracy of the four.
        assert acc[-1] == min(acc) and acc[-1] < acc[0] - 0.05, acc


def test_masks():
    for res in run_seeds("dropout/03_masks.py"):
        v = res.values
        assert v["relu_order_irrelevant"]
        assert v["same_mask_over_time"]
        assert v["same_seed_same_mask"] and v["new_mask_each_call"]
        assert v["whole_maps_only"]
        # Plain Dropout zeroes scattered entries: some channel is only partly zeroed.
        assert any(0 < z < 16 for z in v["zeros_per_channel"]["Dropout"])


def test_dropout_before_bn_shifts_the_variance():
    for res in run_seeds("dropout/04_bn_order.py"):
        v = res.values
        # BN 1 has no dropout upstream: same input variance in both modes.
        assert abs(v["ratio_train"]["bn1"] - 1) < 1e-3
        assert abs(v["ratio_moving"]["bn1"] - 1) < 0.06
        assert abs(v["out_std"]["bn1"] - 1) < 0.05
        # BN 2 is fed through a Dropout: larger variance in training, learned by BN.
        assert v["ratio_train"]["bn2"] > 1.3
        assert v["ratio_moving"]["bn2"] > 1.3
        assert v["out_std"]["bn2"] < 0.9


def test_mc_dropout_spread_grows_away_from_the_data():
    for res in run_seeds("dropout/05_mc_dropout.py"):
        v = res.values
        assert v["std_in_data"] < v["std_in_gap"] < v["std_outside"], v
        assert v["coverage_data"] >= 0.95
        diff = float(res.value("max |MC mean - dropout-off prediction|"))
        assert diff < 0.1


def test_mc_dropout_band_is_not_calibrated():
    for res in run_seeds("dropout/05_mc_dropout.py"):
        v = res.values
        # In the gap it misses sin(x) at many points on seeds 0-3 (not on seed 4)...
        assert v["coverage_gap"] < 0.9
        # ...and beyond the data, at (nearly) all of them.
        assert v["coverage_outside"] < 0.1
