"""PDF documents with reportlab, laid out as BKN prints them (A4, Indonesian), each carrying
a QR code and a short code that ``GET /verifikasi/{kode}`` answers."""
