"""Operator commands of integration (`kinerja integration ...`).

    kinerja integration pekerja                       the sync worker: jobs of the queue and
                                                      webhook deliveries (a process of its own;
                                                      any number of replicas)
    kinerja integration sandbox siasn|pmm --port P    a sandbox as a process of its own (a
                                                      container in compose), state in --data

The sandboxes take the credentials integration is configured with
(``KINERJA_INTEGRATION_SIASN_*``, ``KINERJA_INTEGRATION_PMM_*``), so the two agree.
"""
from __future__ import annotations

import argparse
import os
import signal
import threading

KETERANGAN = """Sinkronisasi SIASN dan PMM.

  pekerja                 menjalankan antrean sinkronisasi (per instansi) dan pengiriman
                          webhook; boleh lebih dari satu proses
  sandbox siasn|pmm       sandbox SIASN atau PMM sebagai proses sendiri (--port, --data)
"""


def commands(parser: argparse.ArgumentParser) -> None:
    parser.description = KETERANGAN
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    p = sub.add_parser("pekerja", help="pekerja antrean sinkronisasi dan webhook")
    p.set_defaults(run=pekerja)
    p = sub.add_parser("sandbox", help="sandbox SIASN atau PMM")
    p.add_argument("sistem", choices=["siasn", "pmm"])
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", default=":memory:", help="berkas SQLite keadaan sandbox")
    p.set_defaults(run=sandbox)


def pekerja(runtime, args) -> int:
    from .service_layer.pekerja import Pekerja

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    Pekerja(runtime).run_forever(stop)
    return 0


def sandbox(runtime, args) -> int:
    from .sandbox.server import serve_forever
    from .wiring import components

    settings = components(runtime).settings
    if args.sistem == "siasn":
        from .sandbox.siasn import SiasnCredentials, create_app

        s = settings.siasn
        if not (s.consumer_key and s.consumer_secret and s.username):
            raise SystemExit("set KINERJA_INTEGRATION_SIASN_CONSUMER_KEY, _CONSUMER_SECRET, "
                             "_CLIENT_ID, _USERNAME and _PASSWORD")
        app = create_app(SiasnCredentials(s.consumer_key, s.consumer_secret,
                                          s.client_id or "", s.username, s.password or ""),
                         path=args.data)
    else:
        from .sandbox.pmm import PmmCredentials, create_app

        p = settings.pmm
        if not (p.client_id and p.client_secret):
            raise SystemExit("set KINERJA_INTEGRATION_PMM_CLIENT_ID and _CLIENT_SECRET")
        app = create_app(PmmCredentials(p.client_id, p.client_secret), path=args.data)
    print(f"sandbox {args.sistem} di http://{args.host}:{args.port}/ (pid {os.getpid()})",
          flush=True)
    serve_forever(app, host=args.host, port=args.port)
    return 0
