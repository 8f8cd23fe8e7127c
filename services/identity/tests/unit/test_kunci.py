"""Which key signs, which keys prune may retire, and the default publish delay: pure rules."""
from __future__ import annotations

import inspect
from datetime import datetime, timedelta, timezone

from kinerja_shared.auth.verify import JwksClient

from identity import config
from identity.adapters.keystore import CACHE_SECONDS, signer_of
from identity.config import IdentitySettings
from identity.service_layer import kunci

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
TTL, JEDA = 3600, 300


def key(kid, *, created, signs_from=None, aktif=True, penandatangan=False):
    return {"kid": kid, "created_at": created, "signs_from": signs_from or created,
            "aktif": aktif, "penandatangan": penandatangan}


def test_the_newest_key_whose_time_has_come_signs():
    old = key("a", created=T0 - timedelta(days=7))
    new = key("b", created=T0, signs_from=T0 + timedelta(seconds=360))
    assert signer_of([new, old], T0)["kid"] == "a"
    assert signer_of([new, old], T0 + timedelta(seconds=359))["kid"] == "a"
    assert signer_of([new, old], T0 + timedelta(seconds=360))["kid"] == "b"
    # an emergency key made later signs at once and stays the signer when the earlier pending
    # key's time comes (that one never signs)
    emergency = key("c", created=T0 + timedelta(seconds=10))
    at = T0 + timedelta(seconds=10)
    assert signer_of([emergency, new, old], at)["kid"] == "c"
    assert signer_of([emergency, new, old], at + timedelta(days=1))["kid"] == "c"


def test_with_only_pending_keys_left_the_one_due_first_signs():
    a = key("a", created=T0, signs_from=T0 + timedelta(seconds=600))
    b = key("b", created=T0 + timedelta(seconds=1), signs_from=T0 + timedelta(seconds=400))
    assert signer_of([a, b], T0)["kid"] == "b"
    assert signer_of([], T0) is None


def test_usang_counts_from_when_the_current_key_started_signing_not_its_creation():
    delay = 360
    created = T0
    signs_from = created + timedelta(seconds=delay)
    keys = [
        key("c", created=created, signs_from=signs_from, penandatangan=True),
        key("b", created=T0 - timedelta(days=7)),
        key("a", created=T0 - timedelta(days=14), aktif=False),
    ]
    from_creation = created + timedelta(seconds=TTL + JEDA)
    from_signing = signs_from + timedelta(seconds=TTL + JEDA)
    # the old key signed until signs_from: its tokens live until signs_from + TTL
    assert kunci.usang(keys, token_ttl=TTL, jeda=JEDA, sekarang=from_creation) == []
    assert kunci.usang(keys, token_ttl=TTL, jeda=JEDA,
                       sekarang=from_signing - timedelta(seconds=1)) == []
    assert kunci.usang(keys, token_ttl=TTL, jeda=JEDA, sekarang=from_signing) == ["b"]
    # no signer known: nothing
    assert kunci.usang([{**k, "penandatangan": False} for k in keys], token_ttl=TTL, jeda=JEDA,
                       sekarang=from_signing + timedelta(days=30)) == []


def test_usang_never_retires_a_pending_key():
    current = key("c", created=T0, penandatangan=True)
    older = key("b", created=T0 - timedelta(days=7))
    at = T0 + timedelta(seconds=TTL + JEDA)
    pending = key("d", created=at - timedelta(seconds=1), signs_from=at + timedelta(seconds=359))
    assert kunci.usang([pending, current, older], token_ttl=TTL, jeda=JEDA, sekarang=at) == ["b"]


def test_the_default_publish_delay_outlasts_the_verifiers_caches():
    """JwksClient as the runtime builds it (its defaults): a client that fetched just before
    the rotation holds the new key by its regular reload (cache time, plus the minimum refetch
    interval a failed attempt may postpone it by) before the key signs, whatever the replica
    of identity it asked (KeyStore cache)."""
    params = inspect.signature(JwksClient.__init__).parameters
    cache, refetch = params["cache_seconds"].default, params["min_refetch_interval"].default
    delay = IdentitySettings().key_publish_delay
    assert delay == config.DEFAULT_PUBLISH_DELAY == 360
    assert delay >= cache + refetch + CACHE_SECONDS
    assert delay > config.MINIMUM_PUBLISH_DELAY == refetch + CACHE_SECONDS


def test_the_publish_delay_is_a_setting():
    assert IdentitySettings.from_env({"KINERJA_IDENTITY_KEY_PUBLISH_DELAY": "900"}
                                     ).key_publish_delay == 900
    assert IdentitySettings.from_env({"KINERJA_IDENTITY_KEY_PUBLISH_DELAY": ""}
                                     ).key_publish_delay == config.DEFAULT_PUBLISH_DELAY
