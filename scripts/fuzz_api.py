#!/usr/bin/env python3
"""Fuzz every service's public API from its own OpenAPI document (schemathesis): the suite
runs embedded with the demo data in a temporary folder, and each service is fuzzed as each
role of the demo (admin_pusat, admin_instansi, a pimpinan, a pegawai). A failure is any 5xx
(schemathesis' ``not_a_server_error``) or an unhandled error in the server's log.

    make fuzz                        # every service, every role, 20 examples per operation
    .venv/bin/python scripts/fuzz_api.py --services skp,penilaian --max-examples 50

Prints one line per service and role and, for a failure, the request that reproduces it.
The demo passwords are the local-only defaults of docs/services/identity.md.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SERVICES = ("identity", "skp", "penilaian", "keberatan", "angka-kredit", "integration",
            "reporting")
ROLES = {  # role -> (NIP, password): the first-start admin and three demo pegawai
    "admin_pusat": ("199001012020011001", "kinerja-admin"),
    "admin_instansi": ("197102022006022001", "kinerja-demo"),
    "pimpinan": ("197304042008042003", "kinerja-demo"),
    "pegawai": ("197405052009051004", "kinerja-demo"),
}
SERVER_ERRORS = re.compile(r"unhandled error|database unavailable|Traceback")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"the embedded suite stopped (exit {proc.returncode})")
        try:
            urllib.request.urlopen(base + "/api/identity/openapi.json", timeout=2)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit("the embedded suite did not answer in time")


def login(base: str, nip: str, password: str) -> str:
    req = urllib.request.Request(base + "/api/identity/auth/login", method="POST",
                                 data=json.dumps({"nip": nip, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)["access_token"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--services", default=",".join(SERVICES))
    ap.add_argument("--roles", default=",".join(ROLES))
    ap.add_argument("--max-examples", type=int, default=20)
    ap.add_argument("--seed", type=int, default=None, help="repeat a run (schemathesis seed)")
    args = ap.parse_args()
    schemathesis = shutil.which("schemathesis", path=str(BIN)) or shutil.which("schemathesis")
    if not schemathesis:
        raise SystemExit("schemathesis is not installed (make install)")
    data = Path(tempfile.mkdtemp(prefix="kinerja-fuzz-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = data / "server.log"
    env = {**os.environ, "KINERJA_DATA_DIR": str(data / "var"), "KINERJA_DEMO": "1",
           "PORT": str(port)}
    with open(log_path, "w") as log:
        server = subprocess.Popen([str(BIN / "kinerja"), "embedded"], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    failed = []
    try:
        wait_up(base, server)
        for role in args.roles.split(","):
            nip, password = ROLES[role]
            for service in args.services.split(","):
                token = login(base, nip, password)  # fresh: a fuzzed logout revokes the last
                before = log_path.stat().st_size
                cmd = [schemathesis, "run", f"{base}/api/{service}/openapi.json",
                       "--url", f"{base}/api/{service}",
                       "-H", f"Authorization: Bearer {token}",
                       "-c", "not_a_server_error", "--phases", "coverage,fuzzing",
                       "--max-examples", str(args.max_examples),
                       "--exclude-path-regex", "/auth/"]
                if args.seed is not None:
                    cmd += ["--seed", str(args.seed)]
                out = subprocess.run(cmd, capture_output=True, text=True, cwd=data)
                with open(log_path) as f:
                    f.seek(before)
                    server_errors = [line for line in f if SERVER_ERRORS.search(line)]
                summary = [line.strip() for line in out.stdout.splitlines()
                           if " generated," in line]
                ok = out.returncode == 0 and not server_errors
                print(f"{service:13} as {role:15} {'ok  ' if ok else 'FAIL'} "
                      f"{summary[-1] if summary else ''}", flush=True)
                if not ok:
                    failed.append((service, role))
                    print("\n".join(line for line in out.stdout.splitlines()
                                    if line.startswith(("___", "- ST", "[5", "    curl"))))
                    print("".join(server_errors[:5]))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    if failed:
        print(f"{len(failed)} failing service/role pairs; server log: {log_path}")
        return 1
    shutil.rmtree(data, ignore_errors=True)
    print("no server error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
