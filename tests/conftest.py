"""Shared test helpers. Snippets run through guide.engine, so a result the build already
computed (same code, same seed, same lock file) comes from the cache instead of re-running."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guide import engine  # noqa: E402

for _k, _v in engine.QUIET_ENV.items():
    os.environ.setdefault(_k, _v)

# Claims are checked on the page's seed and on these others: a claim that holds for one
# lucky seed only is not a claim.
CLAIM_SEEDS = (0, 1, 2)


def run(name: str, seed: int | None = None) -> engine.Result:
    """Run snippets/<name> (optionally with its SEED line replaced) and fail on error.
    Labs run as notebooks, as the build runs them, so the build's result is reused."""
    res = engine.run(name, seed, notebook=name.startswith("labs/"))
    assert res.ok, f"snippets/{name} (seed={seed}) failed:\n{res.error}"
    return res


def run_seeds(name: str, seeds=CLAIM_SEEDS) -> list[engine.Result]:
    """The snippet's results on several seeds, for claims that must not depend on one."""
    return [run(name, s) for s in seeds]


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
