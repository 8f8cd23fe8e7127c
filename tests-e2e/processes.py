"""Start Kinerja services as separate OS processes (gunicorn web, relay, consumer) on loopback,
the way production runs them, against the real PostgreSQL and RabbitMQ."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, *, timeout: float = 30.0, interval: float = 0.1, what="condition"):
    """Poll ``condition`` until it returns something truthy; ``what`` may be a callable giving
    the failure message (e.g. process logs read at the moment of failure)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")


@dataclass
class Stack:
    env: dict[str, str]
    log_dir: Path
    procs: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str) -> None:
        subprocess.run([str(BIN / "kinerja"), *args], env=self.env, check=True,
                       capture_output=True, timeout=120)

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb")
        proc = subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.procs.append((name, proc))
        return proc

    def web(self, service: str, workers: int = 2) -> str:
        port = free_port()
        self.start(f"{service}-web", [
            str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--timeout", "60", f'kinerja_shared.runtime.wsgi:create_app("{service}")'])
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _ok(url + "/healthz"), timeout=60, what=f"{service} web")
        self.urls[service] = url
        return url

    def relay(self, service: str) -> subprocess.Popen:
        return self.start(f"{service}-relay", [str(BIN / "kinerja"), "relay", service])

    def consumer(self, service: str) -> subprocess.Popen:
        return self.start(f"{service}-consumer", [str(BIN / "kinerja"), "consume", service])

    def stop(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for _name, proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted(self.log_dir.glob("*.log")))


def _ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False
