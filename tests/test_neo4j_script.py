"""``scripts/neo4j.sh``: what it says when it cannot start a Neo4j (no server needed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "neo4j.sh"
#: What the script uses besides java and mvn.
TOOLS = ["bash", "dirname", "cat", "tr", "grep", "sha256sum", "cut", "rm", "mkdir", "sleep"]


def run_without(missing: set[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``neo4j.sh start`` with a PATH holding the usual tools, less ``missing``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in [*TOOLS, "java", "mvn"]:
        found = shutil.which(tool)
        if tool not in missing and found:
            (bin_dir / tool).symlink_to(found)
    return subprocess.run(
        [str(bin_dir / "bash"), str(SCRIPT), "start"],
        env={"PATH": str(bin_dir), "PLANGRAPH_NEO4J_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("missing", "named"), [({"java", "mvn"}, "java"), ({"mvn"}, "mvn")])
def test_start_without_java_or_maven_fails_with_one_clear_line(
    missing: set[str], named: str, tmp_path: Path
) -> None:
    if named == "mvn" and not shutil.which("java"):
        pytest.skip("needs java on this machine to reach the maven check")
    done = run_without(missing, tmp_path)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"neo4j.sh: {named} not found")
    assert done.stdout == ""


def test_unknown_command_prints_the_usage(tmp_path: Path) -> None:
    done = subprocess.run(["bash", str(SCRIPT), "restart"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "usage: scripts/neo4j.sh start|stop" in done.stderr
