"""Claims made on the home page (docs/index.md), checked per seed.

The "Which technique when" table quotes the regularization showdown
(snippets/labs/showdown.py): one split of the digits per run (200 training images with
noisy labels), each technique's strength chosen on validation, the chosen model scored
once on a clean test set. It is checked on the lab's base seeds (guide/claims.py:
LAB_SEEDS, AUDIT_SEEDS), each one another split. A technique's gain is its test
accuracy minus the plain network's on the same split and seed, in percentage points.
"""

from conftest import per_seed

from guide.claims import check

SHOWDOWN = "labs/showdown.py"
OVER_A_POINT = (
    "AdamW",
    "dropout",
    "mixup",
    "batch norm",
    "label smoothing",
    "input noise",
    "max-norm",
    "early stopping",
)
OVER_FIVE_POINTS = ("input noise", "max-norm", "early stopping")


def test_index_showdown_summary_below_the_table():
    """In the showdown, on every seed, every technique except augmentation raises the
    test accuracy by more than a point over the plain network's, and input noise,
    max-norm and early stopping each by more than five points. (Augmentation's gain is
    not claimed: it depends on the seed.)"""
    for name in OVER_A_POINT:
        g = per_seed(SHOWDOWN, lambda v, n=name: v["gain"][n])
        check(f"test accuracy gain over plain (points), {name}", g, ">", 1)
    for name in OVER_FIVE_POINTS:
        g = per_seed(SHOWDOWN, lambda v, n=name: v["gain"][n])
        check(f"test accuracy gain over plain (points), {name}", g, ">", 5)
