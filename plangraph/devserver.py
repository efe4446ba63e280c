"""Run ``plangraph serve`` in a child process on a free loopback port, for tests and benches.

Browser tests, load benchmarks and soak runs all need a real server on 127.0.0.1 that
they start, wait for and stop; one function does it for all of them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"server at {url} did not answer within {timeout} s")


@contextlib.contextmanager
def served(
    data_dir: Path,
    *,
    extra_args: Sequence[str] = (),
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> Iterator[str]:
    """Yield the base URL of a server on the embedded store in ``data_dir``; stop it after."""
    port = free_port()
    child_env = {**os.environ, "PLANGRAPH_BACKEND": "memory", **(env or {})}
    child_env.pop("NEO4J_URI", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plangraph.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            *extra_args,
        ],
        cwd=ROOT,
        env=child_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/health", process, timeout)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
