"""Operator commands of identity (`kinerja identity ...`), for cron and Kubernetes CronJobs:
no token needed, the database URL comes from the environment like any identity process.

    kinerja identity keys list [--json]        every signing key, the one that signs marked
    kinerja identity keys rotate [--now]       a new key, published now, signs after the
                                               publish delay (--now: at once, emergency)
    kinerja identity keys retire [--] KID      retire one key (not the one that signs); a kid
                                               may begin with "-": write `retire -- KID`
    kinerja identity keys prune [--grace S]    retire every key no unexpired token can carry

Each command runs outside any request: it opens the runtime's unit of work itself, calls the
service function the endpoints call (without a caller: ``principal`` None) and commits.
"""
from __future__ import annotations

import argparse
import json
from typing import Any, Callable

from kinerja_shared.errors import DomainError, NotFound

from .service_layer import kunci
from .wiring import components

OLEH = "kinerja identity keys (CLI)"
KETERANGAN = """Kunci penandatangan token, tanpa token admin (untuk cron / CronJob Kubernetes).

  list [--json]      semua kunci; yang menandatangani token baru bertanda "penandatangan",
                     yang sudah diterbitkan tetapi belum menandatangani bertanda "menunggu"
  rotate [--now]     kunci baru langsung diterbitkan di JWKS dan mulai menandatangani setelah
                     jeda penerbitan (KINERJA_IDENTITY_KEY_PUBLISH_DELAY), agar layanan lain
                     sudah mengenalnya; kunci lama tetap memverifikasi. --now: rotasi darurat
                     (kunci bocor), menandatangani seketika; layanan lain dapat menolak token
                     barunya (401) hingga ~30 detik. Lalu pensiunkan kunci yang bocor.
  retire -- KID      pensiunkan satu kunci (kunci yang sedang menandatangani ditolak; kunci
                     yang menunggu boleh). Tulis "--" sebelum KID: kid bisa diawali "-"
  prune [--grace S]  pensiunkan setiap kunci lama yang tidak lagi dibawa token yang berlaku
                     (umur token + S detik sejak kunci sekarang mulai menandatangani)
"""


def commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    keys = sub.add_parser("keys", help="kunci penandatangan token (JWT)",
                          description=KETERANGAN, formatter_class=argparse.RawDescriptionHelpFormatter)
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="PERINTAH")
    p = keys_sub.add_parser("list", help="daftar kunci")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(run=keys_list)
    p = keys_sub.add_parser("rotate", help="buat kunci baru: diterbitkan sekarang, menandatangani "
                                           "setelah jeda penerbitan")
    p.add_argument("--now", action="store_true",
                   help="rotasi darurat: kunci baru menandatangani seketika (layanan lain dapat "
                        "menolak token barunya hingga ~30 detik)")
    p.set_defaults(run=keys_rotate)
    p = keys_sub.add_parser("retire", help="pensiunkan satu kunci (bukan yang sedang menandatangani)")
    p.add_argument("kid", help='kid kunci; tulis "--" sebelumnya bila kid diawali "-"')
    p.set_defaults(run=keys_retire)
    p = keys_sub.add_parser("prune", help="pensiunkan kunci lama yang tidak lagi dibawa token "
                                          "yang masih berlaku")
    p.add_argument("--grace", type=float, default=kunci.JEDA_BAKU,
                   help="detik tambahan setelah umur token (baku %(default)s)")
    p.set_defaults(run=keys_prune)


def _run(runtime, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(uow, None, components, ...)`` in one committed unit of work."""
    with runtime.uow() as uow:
        result = fn(uow, None, components(runtime), *args, **kwargs)
        uow.commit()
    return result


def _status(k: dict) -> str:
    if k["penandatangan"]:
        return "penandatangan"
    if k["menunggu"]:
        return "menunggu"
    return "aktif" if k["aktif"] else "pensiun"


def _waktu(value) -> str:
    return value.isoformat(timespec="seconds") if value else "-"


def keys_list(runtime, args) -> None:
    keys = _run(runtime, kunci.daftar).items
    if args.json:
        print(json.dumps([{**k, "created_at": k["created_at"].isoformat(),
                           "signs_from": k["signs_from"].isoformat(),
                           "retired_at": k["retired_at"] and k["retired_at"].isoformat()}
                          for k in keys], indent=2))
        return
    print(f"{'kid':<44} {'status':<14} {'dibuat':<26} {'menandatangani sejak':<26} dipensiunkan")
    for k in keys:
        print(f"{k['kid']:<44} {_status(k):<14} {_waktu(k['created_at']):<26} "
              f"{_waktu(k['signs_from']):<26} {_waktu(k['retired_at'])}")


def keys_rotate(runtime, args) -> None:
    key = _run(runtime, kunci.rotasi, oleh=OLEH, segera=args.now)
    if args.now:
        print(f"kunci baru {key['kid']} menandatangani token mulai sekarang (rotasi darurat); "
              "layanan lain dapat menolak token barunya (401) hingga ~30 detik. Pensiunkan "
              "kunci yang bocor: kinerja identity keys retire -- KID")
    else:
        print(f"kunci baru {key['kid']} diterbitkan di JWKS dan menandatangani token mulai "
              f"{_waktu(key['signs_from'])}; sampai saat itu kunci sekarang tetap "
              "menandatangani, kunci lama tetap memverifikasi sampai dipensiunkan")


def keys_retire(runtime, args) -> None:
    try:
        _run(runtime, kunci.pensiunkan, args.kid, oleh=OLEH)
    except NotFound:
        raise SystemExit(f"kunci {args.kid} tidak ditemukan atau sudah dipensiunkan") from None
    except DomainError as exc:
        raise SystemExit(f"kunci {args.kid} tidak dipensiunkan: {exc.detail}") from None
    print(f"kunci {args.kid} dipensiunkan; token yang ditandatanganinya tidak berlaku lagi")


def keys_prune(runtime, args) -> None:
    kids = _run(runtime, kunci.pensiunkan_usang, jeda=args.grace, oleh=OLEH)
    for kid in kids:
        print(f"kunci {kid} dipensiunkan")
    if not kids:
        print("tidak ada kunci yang perlu dipensiunkan")
