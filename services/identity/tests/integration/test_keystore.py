"""The key store parses a signing key once, not on every login."""
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
    kid = store.rotate()
    assert store.current().kid == kid != first.kid
    assert store.current() is store.current()
