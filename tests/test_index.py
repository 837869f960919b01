"""Claims made on the home page (docs/index.md), checked per seed.

The "Which technique when" table quotes the regularization showdown
(snippets/labs/showdown.py), which trains every configuration on three seeds (SEED,
SEED + 1, SEED + 2), each with its own split of the digits; it is checked on the lab's
base seeds (guide/claims.py: LAB_SEEDS, AUDIT_SEEDS). A configuration's gain is its test
accuracy minus the plain network's on the same split and seed, averaged over the runs.
"""

import numpy as np
from conftest import per_seed

from guide.claims import check

SHOWDOWN = "labs/showdown.py"
WITHIN_A_POINT = ("l1", "l2", "adamw", "dropout", "early stopping", "augmentation")


def gain(v, name):
    """Mean test accuracy gain of a configuration over plain (paired by split and seed)."""
    return float(np.mean(v["test_acc_gain"][name]))


def test_index_early_stopping_never_stopped_early_in_the_showdown():
    """In the showdown, early stopping never stopped early (it ran all 8 epochs in every
    run), so its mean test accuracy matches plain's, within 0.6 points."""
    fewest = per_seed(SHOWDOWN, lambda v: min(r["epochs"] for r in v["results"]["early stopping"]))
    check("early stopping: fewest epochs run of 3 runs (of 8)", fewest, "==", 8)
    same = per_seed(SHOWDOWN, lambda v: abs(gain(v, "early stopping")))
    check("|test accuracy gain|, early stopping", same, "<", 0.006)


def test_index_most_techniques_within_a_point_batch_norm_and_all_gain_about_one():
    """In the showdown, most techniques (L1, L2, AdamW, dropout, early stopping,
    augmentation) change the mean test accuracy by less than a point, up or down; batch
    normalization and the full combination raise it by about a point (between 0.4 and
    2.5 points)."""
    for name in WITHIN_A_POINT:
        change = per_seed(SHOWDOWN, lambda v, n=name: abs(gain(v, n)))
        check(f"|test accuracy gain|, {name}", change, "<", 0.01)
    for name in ("batch norm", "all"):
        g = per_seed(SHOWDOWN, lambda v, n=name: gain(v, n))
        check(f"test accuracy gain, {name}", g, ">", 0.004)
        check(f"test accuracy gain, {name}", g, "<", 0.025)
