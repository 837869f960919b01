"""Shared test helpers. Snippets run through guide.engine, so a result the build already
computed (same code, same seed, same lock file) comes from the cache instead of re-running."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import engine  # noqa: E402

for _k, _v in engine.QUIET_ENV.items():
    os.environ.setdefault(_k, _v)

# Claims are checked on the page's seed and on these others: a claim that holds for one
# lucky seed only is not a claim.
CLAIM_SEEDS = (0, 1, 2)


def run(name: str, seed: int | None = None) -> engine.Result:
    """Run snippets/<name> (optionally with its SEED line replaced) and fail on error."""
    res = engine.run(name, seed)
    assert res.ok, f"snippets/{name} (seed={seed}) failed:\n{res.error}"
    return res


def run_seeds(name: str, seeds=CLAIM_SEEDS) -> list[engine.Result]:
    """The snippet's results on several seeds, for claims that must not depend on one."""
    return [run(name, s) for s in seeds]
