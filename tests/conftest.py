"""Shared test helpers. Snippets run through guide.engine, so a result the build already
computed (same code, same seed, same lock file) comes from the cache instead of re-running."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import claims, engine, ledger  # noqa: E402
from guide.runner import set_run_env  # noqa: E402

set_run_env()  # as in the build's workers: the same floats, no C++ log lines

# Claims are checked on the page's seed (0) and others: a claim that holds for one lucky
# seed only is not a claim. make test uses claims.SEEDS (labs: claims.LAB_SEEDS);
# make claims-audit sets GUIDE_CLAIM_SEEDS to claims.AUDIT_SEEDS.


def run(name: str, seed: int | None = None) -> engine.Result:
    """Run snippets/<name> (optionally with its SEED line replaced) and fail on error.
    Labs run as notebooks, as the build runs them, so the build's result is reused."""
    res = engine.run(name, seed, notebook=name.startswith("labs/"))
    assert res.ok, f"snippets/{name} (seed={seed}) failed:\n{res.error}"
    return res


def seeds_for(name: str) -> tuple[int, ...]:
    """claims.SEEDS, or claims.LAB_SEEDS for a lab."""
    return claims.LAB_SEEDS if name.startswith("labs/") else claims.SEEDS


def run_seeds(name: str, seeds=None) -> list[engine.Result]:
    """The snippet's results on several seeds (by default seeds_for(name)), for claims
    that must not depend on one."""
    return [run(name, s) for s in (seeds or seeds_for(name))]


def per_seed(name: str, quantity, seeds=None) -> dict[int, float]:
    """``{seed: quantity(values)}`` over run_seeds(name, seeds), for claims.check:
    ``quantity`` maps a run's top-level values (``Result.values``) to one number."""
    seeds = seeds or seeds_for(name)
    return {s: quantity(res.values) for s, res in zip(seeds, run_seeds(name, seeds), strict=True)}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The built site: ``GUIDE_SITE_DIR`` if set (``make test`` builds first with
    --strict), otherwise a strict build into a temporary directory."""
    if os.environ.get("GUIDE_SITE_DIR"):
        site = (ROOT / os.environ["GUIDE_SITE_DIR"]).resolve()
        assert (site / "index.html").is_file(), f"GUIDE_SITE_DIR={site} holds no built site"
        return site
    site = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "WARNING" not in log, log
    return site


def _snippet_groups(paths: list[Path]) -> dict[str, str]:
    """``{test id: group}`` for the claim tests in ``paths``: tests that read a common
    snippet (as guide.ledger finds them) share a group, directly or through others."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    reads = {c.test: c.snippets for p in paths for c in ledger.claims_in(p) if c.snippets}
    for test, snippets in reads.items():
        for s in snippets:
            parent[find(s)] = find(test)
    # Each group is named after the first snippet its tests read ("l1/03_compare.py").
    label: dict[str, str] = {}
    for s in sorted({s for snippets in reads.values() for s in snippets}):
        label.setdefault(find(s), s)
    return {test: label[find(test)] for test in reads}


@pytest.hookimpl(tryfirst=True)  # before xdist turns the marks into groups
def pytest_collection_modifyitems(config, items):
    """Under ``--dist loadgroup`` (make test), tests that read a common snippet run on
    one worker, one after another: the first computes each extra seed and the others
    read it from the cache. Spread over two workers, two tests would compute the same
    seed at the same time, and both pay for it."""
    paths = sorted({Path(i.fspath) for i in items if Path(i.fspath).suffix == ".py"})
    groups = _snippet_groups(paths)
    for item in items:
        group = groups.get(item.nodeid.split("[")[0])
        if group and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(group))
