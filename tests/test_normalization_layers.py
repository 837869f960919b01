"""Claims made on docs/normalization-layers.md, each checked per seed (guide/claims.py)."""

import math

from conftest import per_seed

from guide.claims import check

FIGURE = "normalization-layers/01_axes_figure.py"
LAYERS = "normalization-layers/02_check_layers.py"
BATCH = "normalization-layers/03_batch_dependence.py"
SMALL = "normalization-layers/04_small_batches.py"
BN = "BatchNormalization()"


def test_figure_sets_have_the_sizes_of_the_table():
    """In the figure, each method's set S holds as many values as the table says: one
    channel of every example (batch norm), all of one example (layer norm), one channel
    of one example (instance norm), half the channels of one example (group norm with 2
    groups), and the channels of one position (Keras's default LayerNormalization())."""
    expected = {
        "Batch norm": lambda v: v["N"] * v["HW"],
        "Layer norm": lambda v: v["C"] * v["HW"],
        "Instance norm": lambda v: v["HW"],
        "Group norm, 2 groups": lambda v: v["C"] // 2 * v["HW"],
        "Keras default\nLayerNormalization()": lambda v: v["C"],
    }
    for panel, size in expected.items():
        ratio = per_seed(FIGURE, lambda v, p=panel, n=size: v["sizes"][p] / n(v))
        check(f"{panel!r}: size of S / size in the table", ratio, "==", 1)


def test_defaults_are_as_the_page_states():
    """LayerNormalization and GroupNormalization default to axis=-1 and epsilon=1e-3,
    RMSNormalization to axis=-1 and epsilon=1e-6, and GroupNormalization to groups=32."""
    for layer, eps in [
        ("LayerNormalization", 1e-3),
        ("GroupNormalization", 1e-3),
        ("RMSNormalization", 1e-6),
    ]:
        d = lambda v, k, n=layer: v["defaults"][n][k]  # noqa: E731
        check(f"{layer} default axis", per_seed(LAYERS, lambda v, d=d: d(v, "axis")), "==", -1)
        check(
            f"{layer} default epsilon", per_seed(LAYERS, lambda v, d=d: d(v, "epsilon")), "==", eps
        )
    check(
        "GroupNormalization default groups",
        per_seed(LAYERS, lambda v: v["default_groups"]),
        "==",
        32,
    )


def test_every_layer_matches_its_numpy_formula():
    """Each of the seven layer configurations (two LayerNormalization, four
    GroupNormalization, RMSNormalization) matches its NumPy formula, with random gamma and
    beta, to float32 precision (largest error below 1e-5)."""
    check("layer configurations checked", per_seed(LAYERS, lambda v: len(v["errors"])), "==", 7)
    check("largest |keras - numpy|", per_seed(LAYERS, lambda v: v["max_error"]), "<", 1e-5)


def test_gamma_spans_the_normalized_axes_in_layer_norm_and_the_channels_in_group_norm():
    """LayerNormalization's gamma has the shape of the axes it normalizes over: (C,) by
    default, (H, W, C) with axis=[1, 2, 3]; every GroupNormalization's gamma has shape
    (C,)."""
    cases = [
        ("LayerNormalization()", ("C",)),
        ("LayerNormalization(axis=[1, 2, 3])", ("H", "W", "C")),
        *[(f"GroupNormalization(groups={g})", ("C",)) for g in (1, 2, 4, -1)],
    ]
    for label, keys in cases:
        same = per_seed(
            LAYERS, lambda v, lab=label, ks=keys: v["gamma_shapes"][lab] == [v[k] for k in ks]
        )
        check(f"{label}: gamma shape == {keys}", same, "==", True)


def test_groups_minus_one_is_one_group_per_channel():
    """GroupNormalization(groups=-1) has one group per channel (8) after build(), and on
    a (batch, features) tensor, where each group holds one value, its output is constant
    (standard deviation 0)."""
    check("groups after build", per_seed(LAYERS, lambda v: v["instance_groups"]), "==", 8)
    check("channels C", per_seed(LAYERS, lambda v: v["C"]), "==", 8)
    check("output std on (batch, C)", per_seed(LAYERS, lambda v: v["flat_std"]), "<", 1e-6)


def test_one_group_equals_layer_norm_over_h_w_c():
    """With gamma = 1 and beta = 0, GroupNormalization(groups=1) and
    LayerNormalization(axis=[1, 2, 3]) give the same output (to float32 rounding)."""
    diff = per_seed(LAYERS, lambda v: v["gn1_vs_ln"])
    check(
        "max |GroupNormalization(groups=1) - LayerNormalization(axis=[1, 2, 3])|", diff, "<", 1e-5
    )


def test_default_groups_fails_on_eight_channels():
    """GroupNormalization() with its default 32 groups raises a ValueError on 8 channels."""
    raised = per_seed(
        LAYERS,
        lambda v: "cannot be more than the number of channels" in v["default_groups_error"],
    )
    check("GroupNormalization() on 8 channels raises the groups error", raised, "==", True)


def test_rms_scaling_is_deprecated_and_divides_by_the_std():
    """LayerNormalization(rms_scaling=True) warns that it is deprecated, divides by the
    standard deviation without centring, and is far (more than 1) from RMS normalization
    on mean-3 inputs."""
    v_ = lambda k: per_seed(LAYERS, lambda v: v[k])  # noqa: E731
    check("rms_scaling=True warns it is deprecated", v_("rms_scaling_warns"), "==", True)
    err = per_seed(LAYERS, lambda v: v["rms_scaling_vs_std"])
    check("max |rms_scaling=True - x / sqrt(var + eps)|", err, "<", 1e-5)
    check("max |rms_scaling=True - x / sqrt(mean(x^2) + eps)|", v_("rms_scaling_vs_rms"), ">", 1.0)


def test_only_batch_norm_depends_on_the_batch_and_the_mode():
    """BatchNormalization's output for an example changes with its batch and between
    training and inference mode, and a call without training= is inference mode; the
    layer, group, instance and RMS norms agree to float32 rounding in both comparisons."""
    batch = lambda name: per_seed(BATCH, lambda v: v["batch_effect"][name])  # noqa: E731
    mode = lambda name: per_seed(BATCH, lambda v: v["mode_effect"][name])  # noqa: E731
    check(f"{BN}: change with the batch", batch(BN), ">", 0.1)
    check(f"{BN}: training vs inference", mode(BN), ">", 0.01)
    default = per_seed(BATCH, lambda v: v["bn_default_is_inference"])
    check(f"{BN} without training= equals training=False", default, "==", True)
    for name in [
        "LayerNormalization()",
        "LayerNormalization(axis=[1, 2, 3])",
        "GroupNormalization(groups=4)",
        "GroupNormalization(groups=-1)",
        "RMSNormalization()",
    ]:
        check(f"{name}: change with the batch", batch(name), "<", 1e-5)
        check(f"{name}: training vs inference", mode(name), "<", 1e-6)


def test_batch_norm_fails_with_batches_of_two_layer_norm_does_not():
    """With batches of 2, BN barely trains: its training cross-entropy over the last 100
    steps stays within 0.5 of ln 10, the loss of a uniform guess. Layer norm's training
    cross-entropy and validation error are both lower than BN's."""
    loss = per_seed(SMALL, lambda v: abs(v["train_ce"]["BN, batch 2"] - math.log(10)))
    check("|training CE, BN, batch 2 - ln 10|", loss, "<", 0.5)
    ce = per_seed(SMALL, lambda v: v["train_ce"]["LN, batch 2"] / v["train_ce"]["BN, batch 2"])
    check("training CE, LN / BN, batch 2", ce, "<", 1)
    err = per_seed(
        SMALL, lambda v: (1 - v["val_acc"]["BN, batch 2"]) / (1 - v["val_acc"]["LN, batch 2"])
    )
    check("val error, BN / LN, batch 2", err, ">", 1)


def test_with_batches_of_32_they_are_equivalent():
    """With batches of 32, BN and LN both misclassify fewer than 7 % of the validation
    digits, and their validation accuracies differ by less than 3 points."""
    for norm in ["BN", "LN"]:
        err = per_seed(SMALL, lambda v, n=norm: 1 - v["val_acc"][f"{n}, batch 32"])
        check(f"val error, {norm}, batch 32", err, "<", 0.07)
    gap = per_seed(
        SMALL, lambda v: abs(v["val_acc"]["BN, batch 32"] - v["val_acc"]["LN, batch 32"])
    )
    check("|val accuracy, BN - LN|, batch 32", gap, "<", 0.03)
