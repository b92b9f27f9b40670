"""What `make serve` needs from the machine, and what it says when it cannot get it."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.tools.servers import BASE_DIR

pytestmark = pytest.mark.slow


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run make as another user")
def test_a_missing_system_package_is_named_when_not_run_as_root():
    # A PATH with what the recipe needs but no msgfmt, and a user who cannot install.
    with tempfile.TemporaryDirectory() as folder:
        bin_dir = Path(folder)
        bin_dir.chmod(0o755)  # the other user must reach it
        for tool in ("id", "make"):
            (bin_dir / tool).symlink_to(shutil.which(tool))
        result = _make_as_nobody(bin_dir)
    assert result.returncode != 0
    assert "missing system packages: gettext" in result.stderr
    assert "apt-get install gettext" in result.stderr


def _make_as_nobody(bin_dir):
    return subprocess.run(
        [
            shutil.which("runuser"),
            "-u",
            "nobody",
            "--",
            str(bin_dir / "make"),
            "-s",
            "system-packages",
        ],
        cwd=BASE_DIR,
        env={"PATH": str(bin_dir), "HOME": str(bin_dir)},
        capture_output=True,
        text=True,
    )


def test_serving_installs_no_test_tools():
    """`make serve` installs the project's dependencies, not its test extras."""
    plan = subprocess.run(
        ["make", "-n", "-B", "serve"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout
    assert "pip install --quiet .\n" in plan
    assert ".[test]" not in plan
