"""What every document shares: A4 pages, the type styles, text that wraps instead of
overflowing (every cell is a Paragraph), tables that break across pages repeating their
header rows, signature blocks with TTE anchor marks, and the verification footer: the QR code
(drawn once per document as a form XObject, placed on every page), the code and the URL.

Text is set in the PDF standard fonts (Helvetica; nothing to embed, fast). They cover
Windows-1252, so a character outside it (rare in names) is printed as its closest Latin
letter, or "?".
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from typing import Sequence
from xml.sax.saxutils import escape

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

FONT, BOLD = "Helvetica", "Helvetica-Bold"
GRID = colors.black
KEPALA_BG = colors.HexColor("#E7ECF5")
QR_SIZE = 22 * mm

NORMAL = ParagraphStyle("normal", fontName=FONT, fontSize=8, leading=10)
KECIL = ParagraphStyle("kecil", parent=NORMAL, fontSize=7, leading=8.5)
TEBAL = ParagraphStyle("tebal", parent=NORMAL, fontName=BOLD)
TENGAH = ParagraphStyle("tengah", parent=NORMAL, alignment=TA_CENTER)
TENGAH_TEBAL = ParagraphStyle("tengah_tebal", parent=TEBAL, alignment=TA_CENTER)
JUDUL = ParagraphStyle("judul", fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER)
SUBJUDUL = ParagraphStyle("subjudul", fontName=BOLD, fontSize=9, leading=12,
                          alignment=TA_CENTER)


def bersih(text: object) -> str:
    """Text the standard fonts can print, XML-escaped for a Paragraph."""
    if text is None:
        return ""
    value = str(text)
    try:
        value.encode("cp1252")
    except UnicodeEncodeError:
        value = "".join(_latin(c) for c in value)
    return escape(value).replace("\n", "<br/>")


def _latin(c: str) -> str:
    try:
        c.encode("cp1252")
        return c
    except UnicodeEncodeError:
        base = unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
        return base or "?"


def p(text: object, style: ParagraphStyle = NORMAL) -> Paragraph:
    return Paragraph(bersih(text), style)


def pm(markup: str, style: ParagraphStyle = NORMAL) -> Paragraph:
    """A paragraph of markup the caller built from ``bersih``-ed parts."""
    return Paragraph(markup, style)


def tabel(rows: Sequence[Sequence], widths: Sequence[float], *, header_rows: int = 1,
          extra: Sequence[tuple] = (), grid: bool = True) -> Table:
    """A table whose header rows repeat on every page it runs onto; cells wrap."""
    t = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=header_rows,
              splitByRow=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
             ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, GRID))
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), KEPALA_BG))
    t.setStyle(TableStyle(style + list(extra)))
    return t


@dataclass(frozen=True)
class Penandatangan:
    peran: str  # "Pegawai yang Dinilai", "Pejabat Penilai Kinerja", ...
    nama: str
    nip: str | None
    jangkar: str | None = None  # TTE anchor: text the signing service finds and signs over


def tanda_tangan(kiri: Penandatangan | None, kanan: Penandatangan | None, *, tempat_tanggal: str,
                 lebar: float) -> KeepTogether:
    """Two signature columns; the place and date above the right one (as BKN prints)."""
    def kolom(t: Penandatangan | None, atas: str) -> list:
        if t is None:
            return [p("")]
        anchor = (f'<font color="white" size="6">{bersih(t.jangkar)}</font>'
                  if t.jangkar else "&nbsp;")
        return [pm(bersih(atas) or "&nbsp;", TENGAH), p(t.peran, TENGAH), Spacer(1, 8 * mm), pm(anchor, TENGAH),
                Spacer(1, 6 * mm), pm(f"<u>{bersih(t.nama)}</u>", TENGAH_TEBAL),
                p(f"NIP. {t.nip}" if t.nip else "", TENGAH)]
    t = Table([[kolom(kiri, ""), kolom(kanan, tempat_tanggal)]], colWidths=[lebar / 2] * 2)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 6 * mm), t])


def qr_modul(text: str) -> list[list[bool]]:
    """The QR code of ``text`` (error correction M) as rows of dark modules. The mask pattern
    is fixed: every mask gives a valid code, and scoring all eight (reportlab's ``make``) cost
    ~20 ms per document, as much as drawing two pages."""
    q = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    q.addData(text)
    q.version = q.calculate_version()
    q.makeImpl(False, 0)
    return [[bool(m) for m in row] for row in q.modules]


def gambar_qr(canvas, modules: list[list[bool]], size: float, border: int = 2) -> None:
    """Draw the code as one path of rectangles (a run of dark modules is one rectangle)."""
    box = size / (len(modules) + 2 * border)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        c = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                path.rect((c + border) * box, size - (r + border + 1) * box, count * box, box)
            c += count
    canvas.drawPath(path, stroke=0, fill=1)


class Verifikasi:
    """The footer of every page: QR code of ``url``, the code, the page number. The code is
    drawn once per document as a form XObject and placed on every page."""

    def __init__(self, kode: str, url: str, judul: str) -> None:
        self.kode, self.url, self.judul = kode, url, judul
        self.modules = qr_modul(url)
        self._form = False

    def __call__(self, canvas, doc) -> None:
        canvas.saveState()
        if not self._form:
            canvas.beginForm("qr")
            gambar_qr(canvas, self.modules, QR_SIZE)
            canvas.endForm()
            self._form = True
        width, _ = doc.pagesize
        x, y = width - doc.rightMargin - QR_SIZE, 6 * mm
        canvas.translate(x, y)
        canvas.doForm("qr")
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(doc.leftMargin, 16 * mm, _cp(self.judul))
        canvas.drawString(doc.leftMargin, 12.5 * mm, f"Kode verifikasi: {self.kode}")
        canvas.drawString(doc.leftMargin, 9 * mm, _cp(f"Periksa keaslian: {self.url}"))
        canvas.drawRightString(width - doc.rightMargin - QR_SIZE - 3 * mm, 9 * mm,
                               f"Halaman {doc.page}")
        canvas.restoreState()


def _cp(text: str) -> str:
    return "".join(_latin(c) for c in text)


def render(story: list, *, verifikasi: Verifikasi, judul: str, subjek: str = "",
           mendatar: bool = False) -> bytes:
    """The document's bytes: A4 (landscape when ``mendatar``), the footer on every page."""
    buffer = io.BytesIO()
    pagesize = landscape(A4) if mendatar else A4
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=32 * mm, title=_cp(judul),
                            subject=_cp(subjek), author="Kinerja", creator="Kinerja")
    doc.build(story, onFirstPage=verifikasi, onLaterPages=verifikasi)
    return buffer.getvalue()


def lebar_isi(mendatar: bool = False) -> float:
    return (landscape(A4) if mendatar else A4)[0] - 30 * mm
