"""Kinerja Reporting service: Excel reports, PDF documents verifiable by QR code, bulk printing and compliance."""
