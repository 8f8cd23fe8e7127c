"""Operator commands of reporting (`kinerja reporting ...`).

    kinerja reporting bersihkan            delete the files whose expiry has passed, once
    kinerja reporting bersihkan --terus    ... every KINERJA_REPORTING_SWEEP_INTERVAL seconds
                                           (until SIGTERM)
"""
from __future__ import annotations

import argparse
import signal
import threading

KETERANGAN = __doc__


def commands(parser: argparse.ArgumentParser) -> None:
    parser.description = KETERANGAN
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    p = sub.add_parser("bersihkan", help="hapus berkas yang sudah kedaluwarsa")
    p.add_argument("--terus", action="store_true",
                   help="ulangi setiap KINERJA_REPORTING_SWEEP_INTERVAL detik")
    p.set_defaults(run=bersihkan)


def bersihkan(runtime, args) -> int:
    from .service_layer.pembersihan import Pembersih, sapu
    from .wiring import components

    comp = components(runtime)
    if not args.terus:
        hasil = sapu(runtime, comp.storage, comp.settings.file_ttl)
        print(f"{hasil.berkas} berkas laporan/zip dan {hasil.dokumen_massal} dokumen cetak "
              "massal dihapus.")
        return 0
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    Pembersih(runtime, comp, comp.settings.sweep_interval).run_forever(stop)
    return 0
