"""The documents: Rencana SKP (JPT, JF/JA), Dokumen Evaluasi Kinerja (periodik, tahunan), the
PP 30/2019 penilaian form (DKI, fields 1-8) and the Matriks Peran Hasil of a unit. Each takes
the plain data the service layer assembled (``dict``) and returns the PDF bytes."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer

from .bagian import baris_nilai, hasil_kerja, identitas, perilaku
from .dasar import (
    JUDUL, KECIL, NORMAL, SUBJUDUL, TEBAL, TENGAH, TENGAH_TEBAL, Penandatangan, Verifikasi,
    lebar_isi, p, render, tabel, tanda_tangan,
)


def _kepala(d: dict, judul: list[str], lebar: float) -> list:
    story = [p(line, JUDUL if i == 0 else SUBJUDUL) for i, line in enumerate(judul)]
    story.append(Spacer(1, 4 * mm))
    story.append(tabel([[p(d["instansi"], TEBAL), p(d["periode_teks"], TEBAL)]],
                       [lebar * 0.55, lebar * 0.45], header_rows=0, grid=False))
    story.append(Spacer(1, 2 * mm))
    return story


def _ttd(d: dict, lebar: float):
    kiri, kanan = (Penandatangan(**x) if x else None for x in d["ttd"])
    return tanda_tangan(kiri, kanan, tempat_tanggal=d["tempat_tanggal"], lebar=lebar)


def rencana_skp(d: dict, verifikasi: Verifikasi) -> bytes:
    w = lebar_isi()
    judul = ["SASARAN KINERJA PEGAWAI",
             "PENDEKATAN HASIL KERJA " + d["pendekatan"].upper(),
             ("BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
              if d["jenis"] == "JPT" else "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL")]
    story = _kepala(d, judul, w)
    story.append(identitas([("PEGAWAI YANG DINILAI", d["pegawai"]),
                            ("PEJABAT PENILAI KINERJA", d["penilai"])], w))
    story += [Spacer(1, 3 * mm), p("HASIL KERJA", TEBAL), Spacer(1, 1 * mm)]
    story += hasil_kerja(d["rhk"], jenis=d["jenis"], lebar=w, evaluasi=False)
    story += [Spacer(1, 3 * mm), p("PERILAKU KERJA", TEBAL), Spacer(1, 1 * mm)]
    story += perilaku(d["perilaku"], lebar=w, evaluasi=False)
    story.append(_ttd(d, w))
    story += _lampiran(d, w)
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"])


def _lampiran(d: dict, w: float) -> list:
    """LAMPIRAN SASARAN KINERJA PEGAWAI: the manual indikator of each indikator that has one."""
    manual = [(r["uraian"], ind) for r in d["rhk"] for ind in r.get("indikator", [])
              if ind.get("manual")]
    story = [PageBreak(), p("LAMPIRAN SASARAN KINERJA PEGAWAI", JUDUL),
             p("MANUAL INDIKATOR KINERJA", SUBJUDUL), Spacer(1, 3 * mm)]
    if not manual:
        return story + [p("Tidak ada manual indikator pada SKP ini.", NORMAL)]
    labels = (("definisi", "Definisi"), ("formula", "Formula"), ("tujuan", "Tujuan"),
              ("satuan_pengukuran", "Satuan Pengukuran"), ("jenis_iku", "Jenis IKU"),
              ("penanggung_jawab", "Penanggung Jawab"), ("penyedia_data", "Pihak Penyedia Data"),
              ("sumber_data", "Sumber Data"), ("periode_pelaporan", "Periode Pelaporan"))
    for uraian, ind in manual:
        rows = [[p("RENCANA HASIL KERJA", TEBAL), p(uraian)],
                [p("INDIKATOR KINERJA", TEBAL), p(ind.get("uraian"))]]
        rows += [[p(label), p(ind["manual"].get(key) or "-")] for key, label in labels]
        story += [tabel(rows, [w * 0.3, w * 0.7], header_rows=0), Spacer(1, 4 * mm)]
    return story


def evaluasi(d: dict, verifikasi: Verifikasi) -> bytes:
    w = lebar_isi()
    judul = ["DOKUMEN EVALUASI KINERJA PEGAWAI",
             "PERIODE: " + (d["periode_label"]).upper()]
    story = _kepala(d, judul, w)
    story.append(identitas([("PEGAWAI YANG DINILAI", d["pegawai"]),
                            ("PEJABAT PENILAI KINERJA", d["penilai"]),
                            ("ATASAN PEJABAT PENILAI KINERJA", d["atasan"])], w))
    story += [Spacer(1, 3 * mm),
              baris_nilai("CAPAIAN KINERJA ORGANISASI", d["capaian_organisasi"], w),
              Spacer(1, 1 * mm), _distribusi(d, w), Spacer(1, 3 * mm),
              p("HASIL KERJA", TEBAL), Spacer(1, 1 * mm)]
    story += hasil_kerja(d["rhk"], jenis=d["jenis"], lebar=w, evaluasi=True)
    story += [baris_nilai("RATING HASIL KERJA", d["rating_hasil_kerja"], w),
              Spacer(1, 3 * mm), p("PERILAKU KERJA", TEBAL), Spacer(1, 1 * mm)]
    story += perilaku(d["perilaku"], lebar=w, evaluasi=True)
    story += [baris_nilai("RATING PERILAKU KERJA", d["rating_perilaku"], w),
              baris_nilai("PREDIKAT KINERJA PEGAWAI", d["predikat"], w), _ttd(d, w)]
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"])


def _distribusi(d: dict, w: float):
    """POLA DISTRIBUSI: the predikat of the unit induk in this period, counted."""
    head = [p("POLA DISTRIBUSI PREDIKAT KINERJA PEGAWAI " + d["unor_induk"].upper(), TEBAL)]
    labels = [p(label, TENGAH) for label, _ in d["distribusi"]]
    counts = [p(f"{n} ({pct})", TENGAH) for _, n, pct in
              ((label, n, _pct(n, d["distribusi_total"])) for label, n in d["distribusi"])]
    cols = len(labels)
    rows = [head + [""] * (cols - 1), labels, counts]
    return tabel(rows, [w / cols] * cols, header_rows=1,
                 extra=[("SPAN", (0, 0), (-1, 0))])


def _pct(n: int, total: int) -> str:
    return f"{(100 * n / total):.0f}%" if total else "0%"


def form_pp30(d: dict, verifikasi: Verifikasi) -> bytes:
    """PENILAIAN PRESTASI KERJA (PP 30/2019, DKI form): 1 yang dinilai, 2 pejabat penilai,
    3 atasan pejabat penilai, 4 unsur yang dinilai, 5-8 keberatan and decision; then the
    kegiatan measured."""
    w = lebar_isi()
    story = _kepala(d, ["PENILAIAN PRESTASI KERJA", "PEGAWAI NEGERI SIPIL"], w)
    story.append(identitas([("YANG DINILAI", d["pegawai"]), ("PEJABAT PENILAI", d["penilai"]),
                            ("ATASAN PEJABAT PENILAI", d["atasan"])], w))
    u = d["unsur"]
    rows = [[p("4", TENGAH_TEBAL), p("UNSUR YANG DINILAI", TEBAL), "", p("NILAI", TENGAH_TEBAL),
             p("JUMLAH", TENGAH_TEBAL)],
            [p("a."), p("Sasaran Kinerja Pegawai (SKP)"), "", p(u["nilai_skp"], TENGAH),
             p(f"{u['nilai_skp']} x {u['bobot_skp']} = {u['skp_tertimbang']}", TENGAH)],
            [p("b."), p("Perilaku Kerja"), "", "", ""]]
    for i, (label, nilai) in enumerate(u["perilaku"], 1):
        rows.append(["", p(f"{i}. {label}"), "", p(nilai, TENGAH), ""])
    rows += [["", p("Nilai rata-rata perilaku kerja"), "", p(u["nilai_perilaku"], TENGAH),
              p(f"{u['nilai_perilaku']} x {u['bobot_perilaku']} = {u['perilaku_tertimbang']}",
                TENGAH)],
             [p(""), p("NILAI PRESTASI KERJA", TEBAL), "", "", p(u["nilai_kinerja"], TENGAH_TEBAL)],
             [p(""), p("PREDIKAT", TEBAL), "", "", p(d["predikat"], TENGAH_TEBAL)]]
    spans = [("SPAN", (1, r), (2, r)) for r in range(len(rows))]
    story += [Spacer(1, 3 * mm), tabel(rows, [10 * mm, w * 0.35, w * 0.15, w * 0.15,
                                              w - 10 * mm - w * 0.65], header_rows=1,
                                       extra=spans)]
    for nomor, judul, isi in d["keberatan"]:
        story += [Spacer(1, 2 * mm),
                  tabel([[p(nomor, TENGAH_TEBAL), p(judul, TEBAL)],
                         ["", p(isi or "-")]], [10 * mm, w - 10 * mm], header_rows=1)]
    story.append(_ttd(d, w))
    story += [PageBreak(), p("PENILAIAN CAPAIAN SASARAN KERJA", JUDUL), Spacer(1, 3 * mm)]
    story += _kegiatan(d, w)
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"])


def _kegiatan(d: dict, w: float) -> list:
    head = ["NO", "KEGIATAN TUGAS JABATAN", "TARGET KUANT/OUTPUT", "TARGET KUAL/MUTU",
            "TARGET WAKTU", "REALISASI KUANT/OUTPUT", "REALISASI KUAL/MUTU", "REALISASI WAKTU",
            "NILAI CAPAIAN"]
    widths = [w * x for x in (0.05, 0.27, 0.1, 0.08, 0.08, 0.12, 0.1, 0.1, 0.1)]
    rows = [[p(h, TENGAH_TEBAL) for h in head]]
    for n, k in enumerate(d["kegiatan"], 1):
        rows.append([p(str(n), TENGAH)] + [p(k[key], TENGAH if key != "uraian" else NORMAL)
                                           for key in ("uraian", "t_kuantitas", "t_kualitas",
                                                       "t_waktu", "r_kuantitas", "r_kualitas",
                                                       "r_waktu", "nilai")])
    for label, value in d["tambahan"]:
        rows.append(["", p(label, TEBAL)] + [""] * 6 + [p(value, TENGAH)])
    rows.append(["", p("NILAI CAPAIAN SKP", TEBAL)] + [""] * 6 + [p(d["unsur"]["nilai_skp"],
                                                                      TENGAH_TEBAL)])
    return [tabel(rows, widths)]


def mph(d: dict, verifikasi: Verifikasi) -> bytes:
    """MATRIKS PERAN HASIL of a unit: per RHK of its pimpinan, who has which peran (landscape)."""
    w = lebar_isi(mendatar=True)
    story = _kepala(d, ["MATRIKS PERAN HASIL", d["unor"].upper()], w)
    if not d["matriks"]:
        story.append(p("Belum ada Matriks Peran Hasil pada SKP pimpinan unit ini.", NORMAL))
    for m in d["matriks"]:
        kolom = m["kolom"] or ["-"]
        head = [p("PEGAWAI", TENGAH_TEBAL), p("JABATAN", TENGAH_TEBAL),
                p("JABATAN TIM", TENGAH_TEBAL)] + [p(k, TENGAH_TEBAL) for k in kolom]
        fixed = [w * 0.2, w * 0.2, w * 0.1]
        each = (w - sum(fixed)) / len(kolom)
        rows = [[p(f"{m['pemilik']} - {m['rhk']}", TEBAL)] + [""] * (len(head) - 1), head]
        for b in m["baris"]:
            rows.append([p(b["nama"]), p(b["jabatan"]), p(b["jabatan_tim"], TENGAH)]
                        + [p(x or "", KECIL) for x in (b["peran"] or [None] * len(kolom))])
        story += [tabel(rows, fixed + [each] * len(kolom), header_rows=2,
                        extra=[("SPAN", (0, 0), (-1, 0))]), Spacer(1, 5 * mm)]
    story.append(tanda_tangan(None, Penandatangan(**d["ttd"]) if d.get("ttd") else None,
                              tempat_tanggal=d["tempat_tanggal"], lebar=w))
    return render(story, verifikasi=verifikasi, judul=d["judul"], subjek=d["subjek"],
                  mendatar=True)
