"""The key store parses a signing key once, not on every login; a rotated key signs from its
signs_from time on."""
from datetime import datetime, timedelta, timezone

from kinerja_shared.auth import keys as shared_keys

from identity.adapters.keystore import KeyStore


def test_current_parses_the_private_key_once_and_follows_a_rotation(runtime, monkeypatch):
    store = KeyStore(runtime.session_factory)
    store.ensure_key()
    parsed = []
    real = shared_keys.serialization.load_pem_private_key

    def counting(*args, **kwargs):
        parsed.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(shared_keys.serialization, "load_pem_private_key", counting)
    first = store.current()
    assert store.current() is first and store.current() is first
    assert len(parsed) == 1
    kid = store.rotate()  # no delay: signs at once
    assert store.current().kid == kid != first.kid
    assert store.current() is store.current()


def test_every_replica_switches_at_signs_from_by_its_own_clock(runtime):
    """Replica B read the key set while the new key was pending and does not read it again
    (a long cache here): it still starts signing with the new key at signs_from, as A does."""
    t = [datetime.now(timezone.utc)]
    a = KeyStore(runtime.session_factory, clock=lambda: t[0])
    b = KeyStore(runtime.session_factory, clock=lambda: t[0], cache_seconds=3600)
    a.ensure_key()
    old = a.current().kid
    t[0] += timedelta(seconds=1)
    new = a.rotate(delay=360)
    assert new in {k["kid"] for k in b.jwks()["keys"]}  # B's cache now holds the pending key
    assert a.current().kid == b.current().kid == old
    t[0] += timedelta(seconds=359)
    assert a.current().kid == b.current().kid == old
    t[0] += timedelta(seconds=1)
    assert a.current().kid == b.current().kid == new
    listed = {k["kid"]: k for k in a.list()}
    assert listed[new]["penandatangan"] and not listed[old]["penandatangan"]
    assert listed[new]["signs_from"] - listed[new]["created_at"] == timedelta(seconds=360)
