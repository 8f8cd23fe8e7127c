"""Settings of the reporting service, read once from the environment (KINERJA_REPORTING_*;
docs/services/reporting.md lists each one)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

# status_kepegawaian (identity) of pegawai who owe no SKP, realisasi or rating: retired, moved
# out, stopped, deceased, on leave. TUGAS_BELAJAR is not in the default: whether a pegawai on
# study leave owes an SKP is *unsettled*, so it is a setting.
KEPATUHAN_DIKECUALIKAN = ("PENSIUN", "PINDAH", "BERHENTI", "MENINGGAL", "CUTI")


@dataclass(frozen=True)
class ReportingSettings:
    storage: str = "local"  # local | s3
    storage_dir: str = "./var/reporting"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None  # an S3-compatible server (MinIO, Ceph ...); None: AWS
    s3_region: str | None = None
    file_ttl: int = 7 * 24 * 3600  # seconds report files and zips are kept
    link_ttl: int = 300  # seconds a signed download link stays valid
    link_secret: str | None = None  # HMAC key of local download links (default: a kept file)
    public_url: str = "http://127.0.0.1:8080/api/reporting"  # printed in QR codes
    zona_waktu: str = "Asia/Jakarta"  # times printed in documents and report headers
    kepatuhan_dikecualikan: tuple[str, ...] = KEPATUHAN_DIKECUALIKAN
    massal_bagian: int = 100  # documents per job of a bulk print (jobs spread over workers)
    sweep_interval: int = 3600  # seconds between sweeps of expired files

    @classmethod
    def from_env(cls, extra: Mapping[str, str], database_url: str) -> "ReportingSettings":
        def get(name: str, default=None):
            value = extra.get(f"KINERJA_REPORTING_{name}")
            return default if value in (None, "") else value

        storage = get("STORAGE", "local")
        if storage not in ("local", "s3"):
            raise ValueError(f"KINERJA_REPORTING_STORAGE must be local or s3, not {storage!r}")
        if storage == "s3" and not get("S3_BUCKET"):
            raise ValueError("KINERJA_REPORTING_STORAGE=s3 needs KINERJA_REPORTING_S3_BUCKET")
        dikecualikan = get("KEPATUHAN_DIKECUALIKAN")
        return cls(
            storage=storage,
            storage_dir=get("STORAGE_DIR") or _default_dir(database_url),
            s3_bucket=get("S3_BUCKET"),
            s3_endpoint_url=get("S3_ENDPOINT_URL"),
            s3_region=get("S3_REGION"),
            file_ttl=_positive("FILE_TTL", get("FILE_TTL", 7 * 24 * 3600)),
            link_ttl=_positive("LINK_TTL", get("LINK_TTL", 300)),
            link_secret=get("LINK_SECRET"),
            public_url=get("PUBLIC_URL", cls.public_url).rstrip("/"),
            zona_waktu=get("TIMEZONE", cls.zona_waktu),
            kepatuhan_dikecualikan=(tuple(s.strip().upper() for s in dikecualikan.split(",")
                                          if s.strip())
                                    if dikecualikan is not None else KEPATUHAN_DIKECUALIKAN),
            massal_bagian=_positive("MASSAL_BAGIAN", get("MASSAL_BAGIAN", 100)),
            sweep_interval=_positive("SWEEP_INTERVAL", get("SWEEP_INTERVAL", 3600)),
        )


def _positive(name: str, value) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError(f"KINERJA_REPORTING_{name} must be a positive number, not {value!r}")
    return number


def _default_dir(database_url: str) -> str:
    """Beside the SQLite database in the embedded mode (the data folder), else the data folder."""
    if database_url.startswith("sqlite:///") and database_url != "sqlite:///:memory:":
        return os.path.join(os.path.dirname(database_url[len("sqlite:///"):]), "reporting")
    return os.path.join(os.environ.get("KINERJA_DATA_DIR", "./var"), "reporting")
