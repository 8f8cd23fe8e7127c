"""Blocks several documents print the same way: the identity table (pegawai, pejabat penilai,
atasan pejabat penilai), the hasil kerja table (JPT and JF/JA) and the perilaku table."""
from __future__ import annotations

from typing import Sequence

from reportlab.lib.units import mm

from .dasar import NORMAL, TEBAL, TENGAH, TENGAH_TEBAL, bersih, p, pm, tabel

BARIS_IDENTITAS = (("NAMA", "nama"), ("NIP", "nip"), ("PANGKAT/GOL. RUANG", "pangkat"),
                   ("JABATAN", "jabatan"), ("UNIT KERJA", "unor"))


def identitas(orang: Sequence[tuple[str, dict | None]], lebar: float):
    """``[("PEGAWAI YANG DINILAI", {...}), ("PEJABAT PENILAI KINERJA", {...}), ...]`` as the
    numbered table of the BKN forms; a missing person prints dashes."""
    rows, extra = [], []
    for nomor, (judul, data) in enumerate(orang, 1):
        extra += [("SPAN", (1, len(rows)), (2, len(rows))),
                  ("BACKGROUND", (0, len(rows)), (-1, len(rows)), "#E7ECF5")]
        rows.append([p(str(nomor), TENGAH_TEBAL), p(judul, TEBAL), ""])
        for i, (label, key) in enumerate(BARIS_IDENTITAS, 1):
            rows.append([p(str(i), TENGAH), p(label), p((data or {}).get(key) or "-")])
    return tabel(rows, [10 * mm, 45 * mm, lebar - 55 * mm], header_rows=0, extra=extra)


def _target(ind: dict) -> str:
    if ind.get("target_maks"):
        return f"{ind.get('target') or ''} - {ind['target_maks']} {ind.get('satuan') or ''}".strip()
    return f"{ind.get('target') or '-'} {ind.get('satuan') or ''}".strip()


def hasil_kerja(rhk: Sequence[dict], *, jenis: str, lebar: float, evaluasi: bool) -> list:
    """A. Utama / B. Tambahan. JPT: rencana kinerja, indikator, target, perspektif. JF/JA: the
    intervened RHK of the atasan, RHK, aspek, indikator, target. ``evaluasi`` adds realisasi
    and umpan balik columns (Dokumen Evaluasi Kinerja)."""
    if jenis == "JPT":
        head = ["NO", "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET", "PERSPEKTIF"]
        w = [8, 40, 45, 24, 25]
    else:
        head = ["NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA",
                "ASPEK", "INDIKATOR KINERJA INDIVIDU", "TARGET"]
        w = [7, 30, 30, 19, 33, 22]
    if evaluasi:
        head += ["REALISASI BERDASARKAN BUKTI DUKUNG",
                 "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG"]
        w += [32, 32]
    scale = lebar / sum(w)
    widths = [x * scale for x in w]
    rows = [[p(h, TENGAH_TEBAL) for h in head],
            [p(f"({i})", TENGAH) for i in range(1, len(head) + 1)]]
    extra = []
    for section, judul in (("UTAMA", "A. UTAMA"), ("TAMBAHAN", "B. TAMBAHAN")):
        extra.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([p(judul, TEBAL)] + [""] * (len(head) - 1))
        items = [r for r in rhk if r.get("jenis") == section]
        if not items:
            extra.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            rows.append([p("-", TENGAH)] + [""] * (len(head) - 1))
        for n, r in enumerate(items, 1):
            indikator = r.get("indikator") or [{}]
            start = len(rows)
            for k, ind in enumerate(indikator):
                first = k == 0
                if jenis == "JPT":
                    cells = [p(str(n) if first else "", TENGAH), p(r["uraian"] if first else ""),
                             p(ind.get("uraian") or "-"), p(_target(ind)),
                             p(ind.get("perspektif") or "-")]
                else:
                    cells = [p(str(n) if first else "", TENGAH),
                             p((r.get("rhk_atasan") or "-") if first else ""),
                             p(r["uraian"] if first else ""), p(ind.get("aspek") or "-"),
                             p(ind.get("uraian") or "-"), p(_target(ind))]
                if evaluasi:
                    cells += [_realisasi(ind), _umpan_balik(ind)]
                rows.append(cells)
            if len(indikator) > 1:  # RHK cells span their indikator (split across pages fine)
                for col in ((0, 1) if jenis == "JPT" else (0, 1, 2)):
                    extra.append(("SPAN", (col, start), (col, len(rows) - 1)))
    return [tabel(rows, widths, header_rows=2, extra=extra)]


def _realisasi(ind: dict):
    text = bersih(ind.get("realisasi") or "-")
    for b in ind.get("bukti") or []:
        text += f'<br/><font size="6.5">Bukti: {bersih(b)}</font>'
    return pm(text)


def _umpan_balik(ind: dict):
    return pm(f"<b>Pimpinan:</b> {bersih(ind.get('umpan_balik') or '-')}")


def perilaku(items: Sequence[dict], *, lebar: float, evaluasi: bool) -> list:
    """The seven BerAKHLAK aspects, their three indicators, the ekspektasi khusus pimpinan and,
    in an evaluation, the feedback with who gave it."""
    head = ["NO", "PERILAKU KERJA", "EKSPEKTASI KHUSUS PIMPINAN"]
    w = [8, 90, 60]
    if evaluasi:
        head.append("UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG")
        w = [8, 80, 45, 55]
    scale = lebar / sum(w)
    rows = [[p(h, TENGAH_TEBAL) for h in head]]
    for n, item in enumerate(items, 1):
        ind = "".join(f"<br/>- {bersih(x)}" for x in item.get("indikator", []))
        cells = [p(str(n), TENGAH), pm(f"<b>{bersih(item['aspek'])}</b>{ind}"),
                 p(item.get("ekspektasi") or "-")]
        if evaluasi:
            oleh = bersih(item.get("penilai") or "")
            cells.append(pm(f"<b>{oleh}:</b> {bersih(item.get('umpan_balik') or '-')}"))
        rows.append(cells)
    return [tabel(rows, [x * scale for x in w])]


def baris_nilai(label: str, nilai: str, lebar: float):
    """A full-width line like ``RATING HASIL KERJA: SESUAI EKSPEKTASI``."""
    return tabel([[p(label, TEBAL), p(nilai, TEBAL)]], [lebar * 0.45, lebar * 0.55],
                 header_rows=0)


__all__ = ["identitas", "hasil_kerja", "perilaku", "baris_nilai", "NORMAL"]
