"""Claims made on docs/ensembles.md, each checked per seed (guide/claims.py)."""

from itertools import pairwise

from conftest import per_seed

from guide.claims import AUDIT_SEEDS, check

# One name per line: the ledger reads snippet names from single assignments.
DEEP = "ensembles/01_deep_ensemble.py"
LOGITS = "ensembles/02_mean_of_logits.py"
EMA = "ensembles/03_ema.py"
SWA = "ensembles/04_weight_averaging.py"
TTA = "ensembles/05_tta.py"
FINAL = "final weights"
SWA_W = "SWA: mean of 8 snapshots' weights"
SNAP_P = "mean of 8 snapshots' predictions"
RUN_B = "run B, final weights"
AB_W = "mean of runs A and B's weights"
AB_P = "mean of runs A and B's predictions"

# ---------------------------------------------------------------- 01: deep ensemble


def test_ensemble_cross_entropy_is_never_above_the_members_mean():
    """On every test image, the cross-entropy of the mean of the members' probabilities
    is at most the mean of the members' cross-entropies (Jensen's inequality), and the
    test cross-entropy of an ensemble, averaged over all subsets of K members, never rises
    as K grows."""
    check(
        "fraction of test images where ensemble CE <= members' mean CE",
        per_seed(DEEP, lambda v: v["images_at_or_below_members"]),
        "==",
        1,
    )
    check(
        "the mean subset CE never rises from K to K + 1",
        per_seed(DEEP, lambda v: int(all(b <= a + 1e-9 for a, b in pairwise(v["ens_ce"])))),
        "==",
        1,
    )


def test_ensemble_gain_is_modest_on_digits():
    """The five-member ensemble's test cross-entropy is lower than the average member's by
    less than a fifth, and its accuracy is within one point of the average member's."""
    check(
        "test CE, ensemble of 5 / average member",
        per_seed(DEEP, lambda v: v["ens_ce"][-1] / v["mean_ce"]),
        ">",
        0.8,
    )
    check(
        "|test accuracy, ensemble of 5 - average member|",
        per_seed(DEEP, lambda v: abs(v["ens_acc"][-1] - v["mean_acc"])),
        "<",
        0.01,
    )


def test_members_rarely_disagree_and_errors_concentrate_where_they_do():
    """Two members predict different classes on fewer than 5 % of the test images; where
    the members split, the ensemble's error rate is more than 5 times its error rate where
    they all agree."""
    check("pairwise disagreement", per_seed(DEEP, lambda v: v["disagreement"]), "<", 0.05)
    check(
        "ensemble error where members split / where all agree",
        per_seed(DEEP, lambda v: v["error_split"] / v["error_unanimous"]),
        ">",
        5,
    )


def test_mean_of_logits_and_mean_of_probabilities_score_alike_on_digits():
    """With five members, averaging logits and averaging probabilities give test
    cross-entropies within 10 % of each other."""
    check(
        "|CE of mean logits / CE of mean probabilities - 1|",
        per_seed(DEEP, lambda v: abs(v["geo_ce"] / v["ens_ce"][-1] - 1)),
        "<",
        0.1,
    )


# ---------------------------------------------------------------- 02: worked example


def test_mean_of_logits_is_the_renormalized_geometric_mean_and_can_be_overconfident():
    """The softmax of the mean logits equals the renormalized geometric mean of the
    probabilities; on the two-member example it gives the class both members rank second
    more probability than either member does, and if the true class is member A's
    favourite its cross-entropy is more than twice that of the mean of probabilities,
    which stays within -log(p_A/2)."""
    check(
        "largest |softmax(mean logits) - geometric mean|",
        per_seed(
            LOGITS,
            lambda v: max(
                abs(a - b) for a, b in zip(v["mean_of_logits"], v["geometric"], strict=True)
            ),
        ),
        "<",
        1e-6,
    )
    check(
        "mean-of-logits probability of class 1 / members' largest",
        per_seed(
            LOGITS, lambda v: v["mean_of_logits"][1] / max(v["probs"][0][1], v["probs"][1][1])
        ),
        ">",
        1,
    )
    check(
        "CE of mean logits / CE of mean probabilities",
        per_seed(LOGITS, lambda v: v["ce_logits"] / v["ce_probs"]),
        ">",
        2,
    )
    check(
        "CE of mean probabilities <= -log(p_A / 2)",
        per_seed(LOGITS, lambda v: int(v["ce_probs"] <= v["bound"])),
        "==",
        1,
    )


# ---------------------------------------------------------------- 03: EMA in Keras


def test_keras_ema_update_and_overwrite_match_the_formula():
    """The optimizer's EMA starts at the weights after the first step and then follows
    average = m·average + (1 - m)·w after every update; with ema_overwrite_frequency=4 the
    weights are replaced by the average after steps 4, 8, 12; without it they are never
    replaced during training, and finalize_variable_values copies the average in."""
    for key in ["None", "4"]:
        check(
            f"overwrite {key}: largest |w - by hand| over 12 steps",
            per_seed(EMA, lambda v, k=key: v["error"][k]),
            "<",
            1e-5,
        )
        check(
            f"overwrite {key}: |w after finalize - EMA|",
            per_seed(EMA, lambda v, k=key: abs(v["w_final"][k] - v["ema"][k])),
            "<",
            1e-5,
        )
    check(
        "no overwrite: |w after step 12 - EMA|",
        per_seed(EMA, lambda v: abs(v["w_last"]["None"] - v["ema"]["None"])),
        ">",
        0.1,
    )


def test_fit_validates_raw_weights_and_ends_with_the_ema():
    """With use_ema=True, the val_ce fit logs in its last epoch (raw weights) differs from
    evaluate after fit (EMA weights); with SwapEMAWeights the two agree; with
    EarlyStopping(restore_best_weights=True), evaluate after fit gives the best logged
    val_ce, a model without the EMA."""
    rel = lambda a, b: abs(a / b - 1)  # noqa: E731
    check(
        "use_ema: |evaluate after fit / last val_ce - 1|",
        per_seed(EMA, lambda v: rel(v["after_fit"]["use_ema"], v["last_val"]["use_ema"])),
        ">",
        1e-3,
    )
    check(
        "SwapEMAWeights: |evaluate after fit / last val_ce - 1|",
        per_seed(
            EMA,
            lambda v: rel(v["after_fit"]["+ SwapEMAWeights"], v["last_val"]["+ SwapEMAWeights"]),
        ),
        "<",
        1e-4,
    )
    es = "+ EarlyStopping(restore)"
    check(
        "EarlyStopping: |evaluate after fit / best val_ce - 1|",
        per_seed(EMA, lambda v: rel(v["after_fit"][es], v["best_val"])),
        "<",
        1e-4,
    )
    check(
        "EarlyStopping vs use_ema: |evaluate after fit, ratio - 1|",
        per_seed(EMA, lambda v: rel(v["after_fit"][es], v["after_fit"]["use_ema"])),
        ">",
        1e-3,
    )


# ---------------------------------------------------------------- 04: weight averaging


def test_averaging_weights_of_independent_runs_fails():
    """Averaging the weights of two independently seeded runs gives a test cross-entropy
    more than 1.2 times the worse run's on at least 8 of 10 seeds, and higher than
    averaging their predictions on every seed; the mean of their predictions is never
    above the mean of their two cross-entropies."""
    ce = lambda v, k: v["test_ce"][k]  # noqa: E731
    check(
        "CE of A and B's mean weights / worse run",
        per_seed(SWA, lambda v: ce(v, AB_W) / max(ce(v, FINAL), ce(v, RUN_B)), seeds=AUDIT_SEEDS),
        ">",
        1.2,
        at_least=8,
    )
    check(
        "CE of A and B's mean weights / their mean predictions",
        per_seed(SWA, lambda v: ce(v, AB_W) / ce(v, AB_P)),
        ">",
        1.2,
    )
    check(
        "CE of A and B's mean predictions <= mean of their CEs",
        per_seed(SWA, lambda v: int(ce(v, AB_P) <= (ce(v, FINAL) + ce(v, RUN_B)) / 2)),
        "==",
        1,
    )


def test_swa_and_snapshot_averaging_along_one_run_do_no_harm():
    """Along one run, neither the mean of 8 snapshots' weights (SWA) nor the mean of
    their predictions has a test cross-entropy more than 1.2 times the final weights'."""
    ce = lambda v, k: v["test_ce"][k]  # noqa: E731
    check("CE, SWA / final weights", per_seed(SWA, lambda v: ce(v, SWA_W) / ce(v, FINAL)), "<", 1.2)
    check(
        "CE, snapshots' mean prediction / final weights",
        per_seed(SWA, lambda v: ce(v, SNAP_P) / ce(v, FINAL)),
        "<",
        1.2,
    )


# ---------------------------------------------------------------- 05: TTA


def test_tta_helps_only_a_model_trained_on_the_shifts():
    """Averaging over shifted copies more than doubles the test cross-entropy of the plain
    model; for the shift-trained model it lowers the test error on at least 8 of 10
    seeds."""
    check(
        "plain model: test CE, TTA / one view",
        per_seed(TTA, lambda v: v["test_ce"]["plain"]["TTA"] / v["test_ce"]["plain"]["one"]),
        ">",
        2,
    )
    err = lambda v, k: 1 - v["test_acc"]["shift-trained"][k]  # noqa: E731
    check(
        "shift-trained: test error, TTA / one view",
        per_seed(TTA, lambda v: err(v, "TTA") / err(v, "one"), seeds=AUDIT_SEEDS),
        "<",
        1,
        at_least=8,
    )
