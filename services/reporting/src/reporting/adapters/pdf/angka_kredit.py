"""The angka kredit documents as Peraturan BKN 3/2023 lays them out (and e-Kinerja prints them,
BKN admin manual §2.6): KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT, AKUMULASI ANGKA KREDIT and
PENETAPAN ANGKA KREDIT (PAK, with the instansi's template: kop, title, tembusan, catatan; a TTE
anchor or the space of a wet signature). A4 portrait; angka kredit with three decimals."""
from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, Spacer, Table, TableStyle

from .dasar import (
    JUDUL, KECIL, NORMAL, SUBJUDUL, TEBAL, TENGAH, TENGAH_TEBAL, Verifikasi, bersih, lebar_isi,
    p, pm, render, tabel,
)

KANAN = ParagraphStyle("kanan", parent=NORMAL, alignment=TA_RIGHT)
KANAN_TEBAL = ParagraphStyle("kanan_tebal", parent=TEBAL, alignment=TA_RIGHT)
KOP = ParagraphStyle("kop", parent=SUBJUDUL, fontSize=10, leading=12)


def _kepala(d: dict, w: float) -> list:
    story = []
    if d["kop"]:
        story += [p(line, KOP) for line in d["kop"]]
        story += [Spacer(1, 1 * mm), HRFlowable(width="100%", thickness=1.2, color="black"),
                  Spacer(1, 3 * mm)]
    story += [p(d["judul_dokumen"], JUDUL), p(f"NOMOR : {d['nomor']}", SUBJUDUL),
              Spacer(1, 3 * mm),
              tabel([[p(f"Instansi: {d['instansi']}", TEBAL),
                      p(f"Periode: {d['periode']}", KANAN_TEBAL)]],
                    [w * 0.5, w * 0.5], header_rows=0, grid=False),
              Spacer(1, 2 * mm)]
    return story


def _perorangan(d: dict, w: float):
    rows = [[p("I", TENGAH_TEBAL), p("KETERANGAN PERORANGAN", TEBAL), ""]]
    for i, (label, nilai) in enumerate(d["perorangan"], 1):
        rows.append([p(str(i), TENGAH), p(label), p(nilai)])
    return tabel(rows, [10 * mm, 55 * mm, w - 65 * mm], header_rows=1,
                 extra=[("SPAN", (1, 0), (2, 0))])


def _kebutuhan(d: dict, w: float, nomor: str):
    k = {x["label"]: x for x in d["kebutuhan"]}
    pangkat, jenjang = k["Pangkat"], k["Jenjang Jabatan"]
    rows = [[p(nomor, TENGAH_TEBAL), p("KETERANGAN", TEBAL), p("PANGKAT", TENGAH_TEBAL),
             p("JENJANG JABATAN", TENGAH_TEBAL)],
            ["", p("Angka kredit yang dikumpulkan"), p(pangkat["akumulasi"], TENGAH),
             p(jenjang["akumulasi"], TENGAH)],
            ["", p("Angka kredit minimal yang harus dipenuhi untuk kenaikan pangkat/jenjang"),
             p(pangkat["kebutuhan"], TENGAH), p(jenjang["kebutuhan"], TENGAH)],
            ["", p("Kelebihan/kekurangan angka kredit yang harus dicapai untuk kenaikan "
                   "pangkat/jenjang"), p(pangkat["selisih"], TENGAH), p(jenjang["selisih"], TENGAH)],
            ["", p("Pangkat/jenjang berikutnya"), p(pangkat["berikutnya"], TENGAH),
             p(jenjang["berikutnya"], TENGAH)]]
    return tabel(rows, [10 * mm, w * 0.5, (w * 0.5 - 10 * mm) / 2, (w * 0.5 - 10 * mm) / 2])


def _ttd(d: dict, w: float) -> KeepTogether:
    t = d["penandatangan"]
    tempat, tanggal = d["tempat_tanggal"]
    lines = [p(f"Ditetapkan di {tempat}"), p(f"pada tanggal {tanggal}"), Spacer(1, 2 * mm),
             p(t["peran"])]
    if t["metode"] == "TTE":
        lines += [Spacer(1, 3 * mm), p("Ditandatangani secara elektronik", KECIL),
                  pm(f'<font color="white" size="6">{bersih(t["jangkar"])}</font>'),
                  Spacer(1, 6 * mm)]
    else:
        lines += [Spacer(1, 18 * mm)]
    lines += [pm(f"<u>{bersih(t['nama'])}</u>", TEBAL), p(f"NIP. {t['nip']}" if t["nip"] else "")]
    table = Table([["", lines]], colWidths=[w * 0.55, w * 0.45])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 6 * mm), table])


def _penutup(d: dict, w: float) -> list:
    story = [_ttd(d, w), Spacer(1, 4 * mm), p("Tembusan disampaikan kepada:", NORMAL)]
    story += [p(f"{i}. {t}", NORMAL) for i, t in enumerate(d["tembusan"], 1)]
    if d["catatan"]:
        story += [Spacer(1, 3 * mm)] + [p(f"Catatan: {c}", KECIL) for c in d["catatan"]]
    return story


def _tabel_konversi(rows: list[dict], w: float, *, total_label: str, total: str,
                    nomor: bool) -> Table:
    head1 = ([p("NO", TENGAH_TEBAL)] if nomor else []) + [
        p("HASIL PENILAIAN KINERJA", TENGAH_TEBAL), "", "",
        p("KONVERSI KE ANGKA KREDIT", TENGAH_TEBAL), "", ""]
    head2 = ([""] if nomor else []) + [p(h, TENGAH_TEBAL) for h in (
        "TAHUN", "PERIODIK (BULAN)", "PREDIKAT", "PERSENTASE", "KOEFISIEN PER TAHUN",
        "ANGKA KREDIT YANG DIDAPAT")]
    off = 1 if nomor else 0
    head3 = [p(f"({i})", TENGAH) for i in range(1, len(head2) + 1)]
    body = [head1, head2, head3]
    for i, r in enumerate(rows, 1):
        body.append(([p(str(i), TENGAH)] if nomor else []) + [
            p(r["tahun"], TENGAH), p(r["bulan"], TENGAH), p(r["predikat"], TENGAH),
            p(r["persentase"], TENGAH), p(r["koefisien"], TENGAH),
            p(r["angka_kredit"], KANAN)])
    body.append([p(total_label, TEBAL)] + [""] * (len(head2) - 2) + [p(total, KANAN_TEBAL)])
    fractions = [0.12, 0.24, 0.16, 0.14, 0.16, 0.18]
    widths = ([10 * mm] if nomor else []) + [(w - (10 * mm if nomor else 0)) * f
                                             for f in fractions]
    extra = [("SPAN", (off, 0), (off + 2, 0)), ("SPAN", (off + 3, 0), (off + 5, 0)),
             ("SPAN", (0, len(body) - 1), (len(head2) - 2, len(body) - 1))]
    if nomor:
        extra.append(("SPAN", (0, 0), (0, 1)))
    return tabel(body, widths, header_rows=3, extra=extra)


def konversi(d: dict, verifikasi: Verifikasi) -> bytes:
    w = lebar_isi()
    story = _kepala(d, w) + [_perorangan(d, w), Spacer(1, 4 * mm),
                             p("II. KONVERSI KE ANGKA KREDIT", TEBAL), Spacer(1, 1 * mm),
                             _tabel_konversi([d["konversi"]], w, total_label="JUMLAH ANGKA KREDIT",
                                             total=d["jumlah"], nomor=False)]
    if d["konversi"]["rumus"]:
        story += [Spacer(1, 2 * mm),
                  p("Angka kredit = (jumlah bulan penilaian / 12) x persentase predikat kinerja "
                    "x koefisien angka kredit tahunan", KECIL),
                  p(d["konversi"]["rumus"], TEBAL)]
    story += _penutup(d, w)
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"])


def akumulasi(d: dict, verifikasi: Verifikasi) -> bytes:
    w = lebar_isi()
    story = _kepala(d, w) + [_perorangan(d, w), Spacer(1, 4 * mm),
                             p("II. AKUMULASI ANGKA KREDIT DALAM JENJANG JABATAN", TEBAL),
                             Spacer(1, 1 * mm),
                             _tabel_konversi(d["akumulasi"], w,
                                             total_label="JUMLAH ANGKA KREDIT KUMULATIF",
                                             total=d["ak_baru"], nomor=True),
                             Spacer(1, 4 * mm), _kebutuhan(d, w, "III")]
    story += [Spacer(1, 3 * mm), p(d["kesimpulan"], TEBAL)]
    story += _penutup(d, w)
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"])


def pak(d: dict, verifikasi: Verifikasi) -> bytes:
    w = lebar_isi()
    rows = [[p("II", TENGAH_TEBAL), p("PENETAPAN ANGKA KREDIT", TEBAL), p("LAMA", TENGAH_TEBAL),
             p("BARU", TENGAH_TEBAL), p("JUMLAH", TENGAH_TEBAL), p("KETERANGAN", TENGAH_TEBAL)]]
    for i, b in enumerate(d["penetapan"], 1):
        rows.append([p(str(i), TENGAH), p(b["uraian"]), p(b["lama"], KANAN), p(b["baru"], KANAN),
                     p(b["jumlah"], KANAN), p("")])
    t = d["penetapan_total"]
    rows.append(["", p("JUMLAH ANGKA KREDIT KUMULATIF", TEBAL), p(t["lama"], KANAN_TEBAL),
                 p(t["baru"], KANAN_TEBAL), p(t["jumlah"], KANAN_TEBAL), p("")])
    col = (w - 10 * mm - w * 0.4) / 4
    story = _kepala(d, w) + [_perorangan(d, w), Spacer(1, 4 * mm),
                             tabel(rows, [10 * mm, w * 0.4, col, col, col, col]),
                             Spacer(1, 4 * mm), _kebutuhan(d, w, "III"), Spacer(1, 3 * mm),
                             p(d["kesimpulan"], TEBAL)]
    story += _penutup(d, w)
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"])
