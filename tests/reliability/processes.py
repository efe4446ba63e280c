"""Run ``plangraph`` commands in child processes and measure them as the OS sees them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import psutil

from tests.conftest import ROOT


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_bytes: int  # the child's own high-water mark (getrusage of that pid)


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "plangraph.cli", *args]


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child on the embedded store: no Neo4j, wide rich tables."""
    env = {**os.environ, "PLANGRAPH_BACKEND": "memory", "COLUMNS": "500", **(extra or {})}
    env.pop("NEO4J_URI", None)
    return env


def run_cli(
    args: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 600
) -> CliRun:
    """Run ``plangraph ARGS`` to the end; its peak RSS comes from ``wait4`` on its pid."""
    out_path, err_path = _capture_files()
    with open(out_path, "w+b") as out, open(err_path, "w+b") as err:
        process = subprocess.Popen(
            cli_command(*args), cwd=ROOT, env=child_env(env), stdout=out, stderr=err
        )
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    os.unlink(out_path)
    os.unlink(err_path)
    return CliRun(process.returncode, stdout, stderr, usage.ru_maxrss * 1024)


def _capture_files() -> tuple[str, str]:
    import tempfile

    fd_out, out_path = tempfile.mkstemp(prefix="plangraph-out-")
    fd_err, err_path = tempfile.mkstemp(prefix="plangraph-err-")
    os.close(fd_out)
    os.close(fd_err)
    return out_path, err_path


def start_cli(args: Sequence[str], *, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        cli_command(*args),
        cwd=ROOT,
        env=child_env(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def sigkill(process: subprocess.Popen[bytes]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def served_pid(base_url: str) -> int:
    """The pid of the ``plangraph serve`` child listening at ``base_url``."""
    port = base_url.rsplit(":", 1)[1]
    for child in psutil.Process().children(recursive=True):
        try:
            cmdline = child.cmdline()
        except psutil.Error:
            continue
        if "serve" in cmdline and port in cmdline:
            return child.pid
    raise LookupError(f"no plangraph serve child on port {port}")


def rss_bytes(pid: int) -> int:
    return int(psutil.Process(pid).memory_info().rss)
