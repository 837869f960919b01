"""Claims made on docs/normalization-layers.md, each checked on several seeds."""

from conftest import run, run_seeds


def test_figure_sets_have_the_sizes_of_the_table():
    res = run("normalization-layers/01_axes_figure.py")
    sizes = {k: int(sum(map(bool, _flat(m)))) for k, m in res.values["panels"].items()}
    n, c, hw = res.values["N"], res.values["C"], res.values["HW"]
    assert sizes["Batch norm"] == n * hw  # one channel: all examples and positions
    assert sizes["Layer norm"] == c * hw  # one example: all channels and positions
    assert sizes["Instance norm"] == hw  # one example, one channel
    assert sizes["Group norm (2 groups)"] == c // 2 * hw
    assert sizes["Keras LayerNormalization() on images"] == c  # one position
    assert len(res.figures) == 1


def _flat(x):
    if isinstance(x, list):
        for item in x:
            yield from _flat(item)
    else:
        yield x


def test_defaults_are_as_the_page_states():
    out = run("normalization-layers/02_check_layers.py").stdout
    assert "LayerNormalization defaults: axis=-1, epsilon=0.001" in out
    assert "GroupNormalization defaults: axis=-1, epsilon=0.001" in out
    assert "RMSNormalization defaults: axis=-1, epsilon=1e-06" in out
    assert "GroupNormalization default groups: 32" in out


def test_every_layer_matches_its_numpy_formula():
    for res in run_seeds("normalization-layers/02_check_layers.py"):
        errors = res.values["errors"]
        assert len(errors) == 8, errors
        assert res.values["max_error"] < 1e-5, errors


def test_groups_minus_one_is_one_group_per_channel():
    for res in run_seeds("normalization-layers/02_check_layers.py"):
        assert res.values["instance_groups"] == res.values["C"] == 8


def test_one_group_equals_layer_norm_over_h_w_c():
    for res in run_seeds("normalization-layers/02_check_layers.py"):
        assert res.values["gn1_vs_ln"] < 1e-5


def test_default_groups_fails_on_eight_channels():
    for res in run_seeds("normalization-layers/02_check_layers.py"):
        assert "cannot be more than the number of channels" in res.values["default_groups_error"]


def test_rms_scaling_is_deprecated_and_divides_by_the_std():
    for res in run_seeds("normalization-layers/02_check_layers.py"):
        v = res.values
        assert v["rms_scaling_warns"] is True
        assert v["errors"]["rms_scaling=True vs x / sqrt(var + eps)"] < 1e-5
        assert v["rms_scaling_vs_rms"] > 1.0  # far from RMS normalization on mean-3 data


def test_only_batch_norm_depends_on_the_batch_and_the_mode():
    for res in run_seeds("normalization-layers/03_batch_dependence.py"):
        batch, mode = res.values["batch_effect"], res.values["mode_effect"]
        assert batch["BatchNormalization()"] > 0.1 and mode["BatchNormalization()"] > 0.01
        for name in batch:
            if name != "BatchNormalization()":
                assert batch[name] < 1e-5 and mode[name] < 1e-6, (name, batch, mode)


def test_batch_norm_fails_with_batches_of_two_layer_norm_does_not():
    for res in run_seeds("normalization-layers/04_small_batches.py"):
        loss, acc = res.values["train_loss"], res.values["val_acc"]
        assert loss["BN, batch 2"] > 1.8, loss  # close to ln 10 = 2.30
        assert acc["BN, batch 2"] < 0.55, acc
        assert acc["LN, batch 2"] > acc["BN, batch 2"] + 0.2, acc


def test_with_batches_of_32_they_are_equivalent():
    for res in run_seeds("normalization-layers/04_small_batches.py"):
        acc = res.values["val_acc"]
        assert acc["BN, batch 32"] > 0.93 and acc["LN, batch 32"] > 0.93, acc
        assert abs(acc["BN, batch 32"] - acc["LN, batch 32"]) < 0.03, acc
