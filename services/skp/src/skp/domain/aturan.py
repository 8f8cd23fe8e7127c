"""Rules of the SKP (PermenPAN-RB 6/2022; PP 30/2019 for the older kegiatan model, as the DKI
manuals run it). Pure functions over plain values: no framework, no database."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping

from .errors import Ditolak, TidakSah, tidak_sah

DRAFT, DIAJUKAN, DIKEMBALIKAN, DISETUJUI = "DRAFT", "DIAJUKAN", "DIKEMBALIKAN", "DISETUJUI"
PERMENPAN_6_2022, PP_30_2019 = "PERMENPAN_6_2022", "PP_30_2019"
JPT, JF_JA = "JPT", "JF_JA"
KUANTITATIF, KUALITATIF = "KUANTITATIF", "KUALITATIF"

# Workflow (DOMAIN.md §3): action -> (statuses it may start from, status it leads to).
# "setujui" of a mandiri JPT happens inside "ajukan" (approved on submission).
ALUR: dict[str, tuple[frozenset[str], str]] = {
    "ajukan": (frozenset({DRAFT, DIKEMBALIKAN}), DIAJUKAN),
    "kembalikan": (frozenset({DIAJUKAN}), DIKEMBALIKAN),
    "setujui": (frozenset({DIAJUKAN}), DISETUJUI),
    "batalkan": (frozenset({DIAJUKAN, DIKEMBALIKAN, DISETUJUI}), DRAFT),
}

# Who may change the content of an SKP in which status: the owner while it is his draft or was
# returned to him; the pejabat penilai directly while it waits for his approval.
UBAH_OLEH: dict[str, frozenset[str]] = {
    "pemilik": frozenset({DRAFT, DIKEMBALIKAN}),
    "penilai": frozenset({DIAJUKAN}),
}

STATUS_LABEL = {DRAFT: "draf", DIAJUKAN: "menunggu persetujuan", DIKEMBALIKAN: "dikembalikan",
                DISETUJUI: "disetujui"}


def langkah(aksi: str, status: str) -> str:
    """The status ``aksi`` leads to from ``status``; ``Ditolak`` when the workflow does not
    allow it."""
    asal, tujuan = ALUR[aksi]
    if status not in asal:
        raise Ditolak(f"SKP berstatus {STATUS_LABEL.get(status, status)}: tindakan '{aksi}' "
                      "tidak dapat dilakukan.")
    return tujuan


def boleh_ubah(peran_pengubah: Iterable[str], status: str) -> None:
    """``Ditolak`` unless one of the caller's roles (``pemilik``, ``penilai``) may edit in
    ``status``."""
    if any(status in UBAH_OLEH.get(p, ()) for p in peran_pengubah):
        return
    if status == DISETUJUI:
        raise Ditolak("SKP sudah disetujui dan tidak dapat diubah. Minta admin mengembalikannya "
                      "ke draf bila perlu perubahan.")
    raise Ditolak(f"SKP berstatus {STATUS_LABEL.get(status, status)}: Anda tidak dapat "
                  "mengubahnya sekarang.")


def periksa_periode(awal: date, akhir: date) -> None:
    """An SKP covers a date range inside one year (two SKPs in a year after a mutasi)."""
    if akhir < awal:
        raise tidak_sah("periode_akhir", "Periode akhir tidak boleh sebelum periode awal.")
    if akhir.year != awal.year:
        raise tidak_sah("periode_akhir", "Periode SKP harus berada dalam satu tahun.")


def urutan_cetak(rhk: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """RHK as the form prints them: utama first, then tambahan (A. Utama, B. Tambahan), each
    section in its own order (``rhk`` given by ``urutan``)."""
    return sorted(rhk, key=lambda r: r["jenis"] != "UTAMA")


def tumpang_tindih(awal1: date, akhir1: date, awal2: date, akhir2: date) -> bool:
    return awal1 <= akhir2 and awal2 <= akhir1


def jenis_skp(kategori_jabatan: str | None, *, memimpin_unor_mandiri: bool) -> str:
    """SKP JPT for JPT and for the head of a mandiri unit; SKP JF/JA for everyone else."""
    return JPT if kategori_jabatan == "JPT" or memimpin_unor_mandiri else JF_JA


def angka(nilai: Any, field: str) -> Decimal:
    """A numeric target ("12", 12, "12,5"), or ``TidakSah`` on ``field``."""
    try:
        hasil = Decimal(str(nilai).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise tidak_sah(field, "Harus berupa angka.") from None
    if not hasil.is_finite():
        raise tidak_sah(field, "Harus berupa angka.")
    return hasil


def _teks_angka(nilai: Decimal) -> str:
    return format(nilai.normalize(), "f") if nilai == nilai.to_integral() else str(nilai)


def periksa_indikator(data: Mapping[str, Any], *, jenis: str, pendekatan: str) -> dict[str, Any]:
    """Indikator kinerja individu: kuantitatif needs a numeric target (or range target ≤
    target_maks) and a satuan, and, for JF/JA, an aspek; perspektif belongs to SKP JPT."""
    out = dict(data)
    errors: dict[str, list[str]] = {}
    if out.get("perspektif") and jenis != JPT:
        errors["perspektif"] = ["Perspektif hanya untuk SKP JPT."]
    if pendekatan == KUANTITATIF:
        if jenis == JF_JA and not out.get("aspek"):
            errors["aspek"] = ["Wajib diisi untuk pendekatan kuantitatif."]
        if out.get("target") in (None, ""):
            errors["target"] = ["Wajib diisi untuk pendekatan kuantitatif."]
        if not out.get("satuan"):
            errors["satuan"] = ["Wajib diisi untuk pendekatan kuantitatif."]
        for field in ("target", "target_maks"):
            if out.get(field) not in (None, ""):
                try:
                    out[field] = _teks_angka(angka(out[field], field))
                except TidakSah as exc:
                    errors.update(exc.errors or {})
        if "target" not in errors and out.get("target_maks") not in (None, "") \
                and "target_maks" not in errors \
                and Decimal(out["target_maks"]) < Decimal(out["target"]):
            errors["target_maks"] = ["Target maksimal tidak boleh lebih kecil dari target."]
    if errors:
        raise TidakSah(errors)
    for field in ("target", "target_maks"):
        if out.get(field) is not None:
            out[field] = str(out[field])
    return out


def periksa_kegiatan_pp30(data: Mapping[str, Any], *, wajib: bool = True) -> dict[str, Any]:
    """PP 30/2019: a kegiatan has target kuantitas + satuan (output), kualitas (0-100), waktu
    (months, 1-12) and an optional biaya."""
    out = dict(data)
    errors: dict[str, list[str]] = {}
    for field in ("target_kuantitas", "satuan", "target_kualitas", "target_waktu"):
        if wajib and out.get(field) in (None, ""):
            errors[field] = ["Wajib diisi untuk SKP model PP 30/2019."]
    batas = {"target_kuantitas": (Decimal(0), None), "target_kualitas": (Decimal(0), Decimal(100)),
             "target_waktu": (Decimal(1), Decimal(12)), "target_biaya": (Decimal(0), None)}
    for field, (bawah, atas) in batas.items():
        if out.get(field) in (None, "") or field in errors:
            continue
        try:
            nilai = angka(out[field], field)
        except TidakSah as exc:
            errors.update(exc.errors or {})
            continue
        if nilai < bawah or (atas is not None and nilai > atas):
            rentang = f"{bawah}-{atas}" if atas is not None else f">= {bawah}"
            errors[field] = [f"Harus dalam rentang {rentang}."]
        else:
            out[field] = _teks_angka(nilai)
    if errors:
        raise TidakSah(errors)
    return out


def periksa_matriks(kolom: list[str], baris: list[Mapping[str, Any]],
                    bawahan_ids: Iterable[str]) -> None:
    """Matriks Peran Hasil: one peran (or none) per kolom for each row, rows are the owner's
    bawahan, each named once."""
    bawahan = set(bawahan_ids)
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for i, row in enumerate(baris):
        if len(row["peran"]) != len(kolom):
            errors[f"baris.{i}.peran"] = [f"Harus berisi {len(kolom)} isian, satu per kolom."]
        if row["pegawai_id"] not in bawahan:
            errors[f"baris.{i}.pegawai_id"] = ["Pegawai ini bukan bawahan pemilik SKP."]
        if row["pegawai_id"] in seen:
            errors[f"baris.{i}.pegawai_id"] = ["Pegawai ini sudah ada di baris lain."]
        seen.add(row["pegawai_id"])
    if errors:
        raise TidakSah(errors)
