"""Flask integration: 401 with WWW-Authenticate, 403 for a wrong role, 404 for the invisible."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask, jsonify
from flask.views import MethodView
from flask_smorest import Api, Blueprint

from kinerja_shared.auth import (
    ADMIN_ROLES,
    Principal,
    current_principal,
    ensure_admin_of,
    ensure_visible,
    init_auth,
    is_visible,
    login_required,
    optional_principal,
    register_security_scheme,
    roles_required,
)
from kinerja_shared.auth.testing import TokenMinter, shared_test_key
from kinerja_shared.errors import Forbidden, NotFound
from kinerja_shared.web.problems import Problem, problem_response


@pytest.fixture(scope="module")
def minter():
    return TokenMinter()


@pytest.fixture
def app(minter):
    app = Flask(__name__)
    app.register_error_handler(Problem, problem_response)
    init_auth(app, minter.verifier)

    @app.get("/saya")
    @login_required
    def saya():
        return jsonify(pegawai_id=current_principal().pegawai_id)

    @app.get("/admin")
    @roles_required(*ADMIN_ROLES)
    def admin():
        return jsonify(ok=True)

    @app.get("/publik")
    def publik():
        principal = optional_principal()
        return jsonify(pegawai_id=principal.pegawai_id if principal else None)

    return app


@pytest.fixture
def client(app):
    return app.test_client()


def assert_401(resp):
    assert resp.status_code == 401
    assert resp.mimetype == "application/problem+json"
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert resp.get_json()["status"] == 401
    return resp.get_json()


def test_valid_token_reaches_the_view(client, minter):
    resp = client.get("/saya", headers=minter.headers("p-9"))
    assert resp.status_code == 200
    assert resp.get_json() == {"pegawai_id": "p-9"}


def test_missing_token_is_401_problem(client):
    body = assert_401(client.get("/saya"))
    assert body["detail"] == "Token akses diperlukan."


@pytest.mark.parametrize("authorization", ["Bearer nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "Token x"])
def test_malformed_authorization_is_401_problem(client, authorization):
    resp = client.get("/saya", headers={"Authorization": authorization})
    body = assert_401(resp)
    assert body["detail"] == "Token tidak valid atau kedaluwarsa."
    assert 'error="invalid_token"' in resp.headers["WWW-Authenticate"]


def test_expired_token_is_401_problem(client, minter):
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    body = assert_401(client.get("/saya", headers=minter.headers("p-1", now=yesterday)))
    assert body["detail"] == "Token tidak valid atau kedaluwarsa."


def test_token_from_another_signer_is_401_problem(client):
    forger = TokenMinter(key=shared_test_key("forger"))
    assert_401(client.get("/saya", headers=forger.headers("p-1", roles=["admin_pusat"])))


def test_wrong_role_is_403_problem(client, minter):
    resp = client.get("/admin", headers=minter.headers("p-1", instansi_id="i-1"))
    assert resp.status_code == 403
    assert resp.mimetype == "application/problem+json"
    assert resp.get_json()["detail"] == "Anda tidak memiliki hak akses untuk tindakan ini."


def test_any_listed_role_passes(client, minter):
    for role in ADMIN_ROLES:
        assert client.get("/admin", headers=minter.headers("p-1", roles=[role])).status_code == 200


def test_role_check_without_token_is_401_not_403(client):
    assert_401(client.get("/admin"))


def test_optional_principal_allows_anonymous_but_not_bad_tokens(client, minter):
    assert client.get("/publik").get_json() == {"pegawai_id": None}
    assert client.get("/publik", headers=minter.headers("p-2")).get_json() == {"pegawai_id": "p-2"}
    assert_401(client.get("/publik", headers={"Authorization": "Bearer rusak"}))


def test_principal_does_not_leak_between_requests_in_one_app_context(app, minter):
    client = app.test_client()
    with app.app_context():
        assert client.get("/saya", headers=minter.headers("p-1")).status_code == 200
        assert_401(client.get("/saya"))


# -- flask-smorest ---------------------------------------------------------------------------


def smorest_app(minter):
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.0.3")
    app.register_error_handler(Problem, problem_response)
    api = Api(app)
    register_security_scheme(api)
    register_security_scheme(api)  # harmless twice
    init_auth(app, minter.verifier)
    blp = Blueprint("skp", __name__)

    @blp.route("/skp/<skp_id>")
    class SkpById(MethodView):
        @login_required
        @blp.response(200)
        def get(self, skp_id):
            return {"id": skp_id, "oleh": current_principal().pegawai_id}

        @blp.response(204)
        @roles_required("admin_pusat")
        def delete(self, skp_id):
            return None

    api.register_blueprint(blp)
    return app, api


def test_decorators_work_on_smorest_method_views(minter):
    app, _ = smorest_app(minter)
    client = app.test_client()

    assert client.get("/skp/s-1", headers=minter.headers("p-1")).get_json() == {"id": "s-1", "oleh": "p-1"}
    assert_401(client.get("/skp/s-1"))
    assert client.delete("/skp/s-1", headers=minter.headers("p-1")).status_code == 403
    assert client.delete("/skp/s-1", headers=minter.headers("p-1", roles=["admin_pusat"])).status_code == 204


def test_openapi_declares_bearer_security_on_protected_operations(minter):
    _, api = smorest_app(minter)
    spec = api.spec.to_dict()

    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    get_op = spec["paths"]["/skp/{skp_id}"]["get"]
    delete_op = spec["paths"]["/skp/{skp_id}"]["delete"]
    assert get_op["security"] == [{"bearerAuth": []}]
    assert {"200", "401"} <= set(get_op["responses"])
    assert delete_op["security"] == [{"bearerAuth": []}]
    assert {"204", "401", "403"} <= set(delete_op["responses"])


# -- object-level checks ---------------------------------------------------------------------

OWNER = Principal("owner", instansi_id="i-1")
PENILAI = Principal("penilai", instansi_id="i-1")
REKAN = Principal("rekan", instansi_id="i-1")
ADMIN_I1 = Principal("adm", instansi_id="i-1", roles=frozenset({"admin_instansi"}))
ADMIN_I2 = Principal("adm2", instansi_id="i-2", roles=frozenset({"admin_instansi"}))
PUSAT = Principal("pusat", instansi_id="i-9", roles=frozenset({"admin_pusat"}))
STRANGER = Principal("owner", instansi_id="i-2")  # same id, other instansi: still nothing


def skp_visible_to(principal):
    return is_visible(principal, instansi_id="i-1", owner_pegawai_id="owner",
                      related_pegawai_ids=("penilai", None))


def test_owner_related_and_admins_see_the_object():
    assert all(skp_visible_to(p) for p in (OWNER, PENILAI, ADMIN_I1, PUSAT))


def test_unrelated_pegawai_and_other_instansi_do_not_see_it():
    assert not any(skp_visible_to(p) for p in (REKAN, ADMIN_I2, STRANGER))


def test_ensure_visible_raises_not_found_not_forbidden():
    with pytest.raises(NotFound):
        ensure_visible(REKAN, instansi_id="i-1", owner_pegawai_id="owner")


def test_instansi_wide_objects_are_visible_to_every_user_of_the_instansi():
    ensure_visible(REKAN, instansi_id="i-1")
    with pytest.raises(NotFound):
        ensure_visible(STRANGER, instansi_id="i-1")


def test_ensure_admin_of_hides_other_instansi_and_forbids_plain_pegawai():
    ensure_admin_of(ADMIN_I1, "i-1")
    ensure_admin_of(PUSAT, "i-1")
    with pytest.raises(NotFound):
        ensure_admin_of(ADMIN_I2, "i-1")
    with pytest.raises(Forbidden):
        ensure_admin_of(OWNER, "i-1")


def test_no_signing_keys_at_all_is_503_not_401(minter):
    class Down:
        def get_key(self, kid):
            from kinerja_shared.auth import KeySourceUnavailable
            raise KeySourceUnavailable("identity unreachable")

    from kinerja_shared.auth import TokenVerifier

    app = Flask(__name__)
    app.register_error_handler(Problem, problem_response)
    init_auth(app, TokenVerifier(Down(), issuer="kinerja-identity", audience="kinerja"))
    app.add_url_rule("/saya", view_func=login_required(lambda: "ok"))

    resp = app.test_client().get("/saya", headers=minter.headers("p-1"))

    assert resp.status_code == 503
    assert resp.mimetype == "application/problem+json"
