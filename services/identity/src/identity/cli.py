"""Operator commands of identity (`kinerja identity ...`), for cron and Kubernetes CronJobs:
no token needed, the database URL comes from the environment like any identity process.

    kinerja identity keys list [--json]        every signing key, the one that signs marked
    kinerja identity keys rotate               a new key signs from now on
    kinerja identity keys retire KID           retire one key (not the one that signs)
    kinerja identity keys prune [--grace S]    retire every key no unexpired token can carry
"""
from __future__ import annotations

import argparse
import json

from kinerja_shared.web.problems import Problem

from .service_layer import kunci
from .wiring import components

OLEH = "kinerja identity keys (CLI)"
KETERANGAN = """Kunci penandatangan token, tanpa token admin (untuk cron / CronJob Kubernetes).

  list [--json]      semua kunci; yang menandatangani token baru bertanda "penandatangan"
  rotate             kunci baru menandatangani mulai sekarang; kunci lama tetap memverifikasi
  retire KID         pensiunkan satu kunci (kunci yang sedang menandatangani ditolak)
  prune [--grace S]  pensiunkan setiap kunci lama yang tidak lagi dibawa token yang berlaku
                     (umur token + S detik sejak kunci sekarang dibuat)
"""


def commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    keys = sub.add_parser("keys", help="kunci penandatangan token (JWT)",
                          description=KETERANGAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="PERINTAH")
    p = keys_sub.add_parser("list", help="daftar kunci")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(run=keys_list)
    p = keys_sub.add_parser("rotate", help="buat kunci baru yang menandatangani mulai sekarang")
    p.set_defaults(run=keys_rotate)
    p = keys_sub.add_parser("retire", help="pensiunkan satu kunci (bukan yang sedang menandatangani)")
    p.add_argument("kid")
    p.set_defaults(run=keys_retire)
    p = keys_sub.add_parser("prune", help="pensiunkan kunci lama yang tidak lagi dibawa token "
                                          "yang masih berlaku")
    p.add_argument("--grace", type=float, default=kunci.JEDA_BAKU,
                   help="detik tambahan setelah umur token (baku %(default)s)")
    p.set_defaults(run=keys_prune)


def _status(k: dict) -> str:
    return "penandatangan" if k["penandatangan"] else "aktif" if k["aktif"] else "pensiun"


def keys_list(runtime, args) -> None:
    keys = kunci.daftar(components(runtime))
    if args.json:
        print(json.dumps([{**k, "created_at": k["created_at"].isoformat(),
                           "retired_at": k["retired_at"] and k["retired_at"].isoformat()}
                          for k in keys], indent=2))
        return
    print(f"{'kid':<44} {'status':<14} {'dibuat':<26} dipensiunkan")
    for k in keys:
        retired = k["retired_at"].isoformat(timespec="seconds") if k["retired_at"] else "-"
        print(f"{k['kid']:<44} {_status(k):<14} "
              f"{k['created_at'].isoformat(timespec='seconds'):<26} {retired}")


def keys_rotate(runtime, _args) -> None:
    key = kunci.rotasi(components(runtime), oleh=OLEH)
    print(f"kunci baru {key['kid']} menandatangani token mulai sekarang; kunci lama tetap "
          "memverifikasi sampai dipensiunkan")


def keys_retire(runtime, args) -> None:
    try:
        kunci.pensiunkan(components(runtime), args.kid, oleh=OLEH)
    except Problem as exc:
        if exc.status == 404:
            raise SystemExit(f"kunci {args.kid} tidak ditemukan atau sudah dipensiunkan") from None
        raise SystemExit(f"kunci {args.kid} tidak dipensiunkan: {exc.detail}") from None
    print(f"kunci {args.kid} dipensiunkan; token yang ditandatanganinya tidak berlaku lagi")


def keys_prune(runtime, args) -> None:
    kids = kunci.pensiunkan_usang(components(runtime), jeda=args.grace, oleh=OLEH)
    for kid in kids:
        print(f"kunci {kid} dipensiunkan")
    if not kids:
        print("tidak ada kunci yang perlu dipensiunkan")
