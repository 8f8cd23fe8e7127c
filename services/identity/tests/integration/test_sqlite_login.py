"""On SQLite (the embedded mode) every transaction holds the database's write lock from its
first statement: a login must not reach the key store's own session while its unit of work is
open, or it waits for itself (30 s, then 503)."""
from __future__ import annotations

import time

from kinerja_shared.testing.service import make_test_runtime

from identity.service_layer.seed import pastikan_admin_pusat

ADMIN_NIP, ADMIN_PASSWORD = "198001012005011001", "rahasia-admin-uji"
CHEAP = {"KINERJA_IDENTITY_ARGON2_TIME_COST": "1", "KINERJA_IDENTITY_ARGON2_MEMORY_COST": "8",
         "KINERJA_IDENTITY_ARGON2_PARALLELISM": "1"}


def test_a_login_on_sqlite_with_a_cold_key_cache_answers_at_once(tmp_path):
    runtime = make_test_runtime("identity", f"sqlite:///{tmp_path}/identity.db", extra=dict(CHEAP))
    try:
        pastikan_admin_pusat(runtime, {"KINERJA_ADMIN_NIP": ADMIN_NIP,
                                       "KINERJA_ADMIN_PASSWORD": ADMIN_PASSWORD})
        client = runtime.create_app().test_client()
        runtime.components.keys.invalidate()  # the key set is read again by the login
        started = time.monotonic()
        r = client.post("/auth/login", json={"nip": ADMIN_NIP, "password": ADMIN_PASSWORD})
        assert r.status_code == 200, r.get_json()
        assert time.monotonic() - started < 5
    finally:
        runtime.dispose()
