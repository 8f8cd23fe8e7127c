"""Events this service consumes: the explicit subscription list (event type -> handler). A
handler is ``handler(payload, envelope, uow)`` with the typed payload (``@batch_handler`` for a
run of events at once); reporting publishes nothing (``events.py``)."""
from __future__ import annotations

from typing import Mapping

from kinerja_shared.messaging.dispatcher import Handler

from . import angka_kredit_read_model as angka_kredit
from . import identity_read_model as identity
from . import integration_read_model as integration
from . import keberatan_read_model as keberatan
from . import penilaian_read_model as penilaian
from . import skp_read_model as skp


def handlers(runtime) -> Mapping[str, Handler]:
    return {
        "InstansiDiperbarui": identity.instansi_diperbarui,
        "UnorDiperbarui": identity.unor_diperbarui,
        "UnorDihapus": identity.unor_dihapus,
        "PegawaiDiperbarui": identity.pegawai_diperbarui,
        "PegawaiDihapus": identity.pegawai_dihapus,
        "PltPlhDiperbarui": identity.plt_plh_diperbarui,
        "PeriodeDiperbarui": identity.periode_diperbarui,
        "SkpDiajukan": skp.skp_diajukan,
        "SkpDikembalikan": skp.skp_dikembalikan,
        "SkpDisetujui": skp.skp_disetujui,
        "SkpDibatalkan": skp.skp_dibatalkan,
        "PenilaianDiperbarui": penilaian.penilaian_diperbarui,
        "CapaianOrganisasiFinal": penilaian.capaian_organisasi_final,
        "AngkaKreditDitetapkan": angka_kredit.angka_kredit_ditetapkan,
        "PakDitandatangani": angka_kredit.pak_ditandatangani,
        "KeberatanDiperbarui": keberatan.keberatan_diperbarui,
        "PmmNilaiDiimpor": integration.pmm_nilai_diimpor,
        "PmmSinkronDicatat": integration.pmm_sinkron_dicatat,
        "SinkronSelesai": integration.sinkron_selesai,
    }
