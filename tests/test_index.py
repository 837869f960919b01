"""Claims made on the home page (docs/index.md), checked per seed.

The "Which technique when" table quotes the regularization showdown
(snippets/labs/showdown.py), which trains every configuration twice (seeds SEED and
SEED + 1), each time on its own split of the digits; it is checked on the lab's base
seeds (guide/claims.py: LAB_SEEDS, AUDIT_SEEDS). A configuration's gain is its test
accuracy minus the plain network's on the same split and seed, averaged over the runs.
"""

import numpy as np
from conftest import per_seed

from guide.claims import check

SHOWDOWN = "labs/showdown.py"
NO_DIFFERENCE = ("adamw", "dropout")


def gain(v, name):
    """Mean test accuracy gain of a configuration over plain (paired by split and seed)."""
    return float(np.mean(v["test_acc_gain"][name]))


def test_index_showdown_summary_below_the_table():
    """In the showdown, weight decay (AdamW) and dropout each move the mean test accuracy
    by less than a point, augmentation does not raise it by half a point, and batch
    normalization raises it by between half a point and 2.5 points, more than any other
    technique."""
    for name in NO_DIFFERENCE:
        change = per_seed(SHOWDOWN, lambda v, n=name: abs(gain(v, n)))
        check(f"|test accuracy gain|, {name}", change, "<", 0.01)
    aug = per_seed(SHOWDOWN, lambda v: gain(v, "augmentation"))
    check("test accuracy gain, augmentation", aug, "<", 0.005)
    g = per_seed(SHOWDOWN, lambda v: gain(v, "batch norm"))
    check("test accuracy gain, batch norm", g, ">", 0.005)
    check("test accuracy gain, batch norm", g, "<", 0.025)
    others = [*NO_DIFFERENCE, "augmentation"]
    best_other = per_seed(
        SHOWDOWN, lambda v: max(gain(v, n) for n in others) / gain(v, "batch norm")
    )
    check("largest gain of the other techniques / batch norm's", best_other, "<", 1)
