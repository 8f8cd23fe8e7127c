"""Every service's OpenAPI document is valid OpenAPI 3 and states the HTTP conventions
(docs/ARCHITECTURE.md, "HTTP conventions"); the answers themselves are checked on every API
test by ``kinerja_shared.web.conventions``."""
from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from kinerja_shared.runtime import load_definitions
from kinerja_shared.testing.service import make_test_runtime
from kinerja_shared.web.http import UNPAGED_EXTENSION, Blueprint

SERVICES = list(load_definitions())
METHODS = {"get", "put", "post", "patch", "delete"}
# words of Indonesian prose (not domain terms): OpenAPI texts are English, the problem details
# a user reads are Indonesian; text in `backticks` or "quotes" (field names, values, messages
# quoted as examples) is not prose
INDONESIAN = re.compile(r"\b(yang|dan|untuk|dengan|atau|tidak|dari|pada|oleh|sudah|belum|adalah"
                        r"|bila|setiap|tanpa|dapat|harus|akan|ini|itu|ke|sebelum|sesudah|saat"
                        r"|jika|hanya|sendiri|bagi|dalam|semua|tersebut|juga)\b")
QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|'[^']*'|«[^»]*»")


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    found = {}
    for name in SERVICES:
        db = tmp_path_factory.mktemp(name) / f"{name}.db"
        runtime = make_test_runtime(name, f"sqlite:///{db}")
        try:
            app = runtime.create_app()
            response = app.test_client().get("/openapi.json")
            assert response.status_code == 200, name
            found[name] = (response.get_json(), app)
        finally:
            runtime.dispose()
    return found


def operations(spec):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


@pytest.mark.parametrize("service", SERVICES)
def test_openapi_document_is_valid_openapi_3(documents, service):
    spec, _ = documents[service]
    validate(spec)  # raises with the offending pointer


@pytest.mark.parametrize("service", SERVICES)
def test_every_blueprint_is_the_suites_with_a_url_prefix(service):
    for blueprint in load_definitions([service])[service].blueprints():
        assert isinstance(blueprint, Blueprint), (service, blueprint.name)
        assert blueprint.url_prefix and blueprint.url_prefix != "/", (service, blueprint.name)


@pytest.mark.parametrize("service", SERVICES)
def test_every_create_documents_location_and_every_delete_204(documents, service):
    spec, _ = documents[service]
    for path, method, op in operations(spec):
        responses = op.get("responses", {})
        if "201" in responses:
            assert "Location" in responses["201"].get("headers", {}), (method, path)
        if method == "delete":
            ok = {code for code in responses if code.startswith("2")}
            assert ok == {"204"}, (method, path, ok)


def _is_array(response: dict) -> bool:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("type") == "array"


@pytest.mark.parametrize("service", SERVICES)
def test_every_list_is_paged_by_the_one_helper_or_says_why_not(documents, service):
    spec, _ = documents[service]
    for path, method, op in operations(spec):
        if method != "get" or not _is_array(op.get("responses", {}).get("200", {})):
            continue
        params = {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
        paged = {"page", "page_size"} <= params
        assert paged or op.get(UNPAGED_EXTENSION), (
            f"GET {path} answers a list: page it with web.http.run_page under "
            "@blp.paginate(), or mark it unpaged(reason)")
        if paged:
            params = {p["name"]: p["schema"] for p in op["parameters"]}
            assert params["page_size"].get("maximum") == 500, (path, params["page_size"])
            assert params["page"].get("maximum") == 1_000_000, (path, params["page"])


def _texts(node, where=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"summary", "description"} and isinstance(value, str):
                yield where, value
            elif key not in {"example", "examples", "enum", "default"}:
                yield from _texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{where}/{i}")


@pytest.mark.parametrize("service", SERVICES)
def test_openapi_texts_are_english(documents, service):
    spec, _ = documents[service]
    prose = [(where, text) for where, text in _texts(spec)
             if INDONESIAN.search(QUOTED.sub("", text))]
    assert not prose, "\n".join(f"{w}: {t!r}" for w, t in prose[:20])


@pytest.mark.parametrize("service", SERVICES)
def test_bounds_are_numbers(documents, service):
    """A Decimal bound must reach the document as a number (``"minimum": "0"`` is invalid and
    no client can be generated from it)."""
    spec, _ = documents[service]

    def walk(node, where=""):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"minimum", "maximum"}:
                    assert isinstance(value, (int, float)) and not isinstance(value, bool), (
                        where, key, value)
                if key in {"exclusiveMinimum", "exclusiveMaximum"}:  # OpenAPI 3.0: a flag
                    assert isinstance(value, bool), (where, key, value)
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(spec)


def test_the_validator_refuses_a_broken_document(documents):
    """The check bites: a bound emitted as a string (what Decimal bounds used to give) or an
    operation without responses makes the document invalid."""
    import copy

    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    spec, _ = documents["penilaian"]
    broken = copy.deepcopy(spec)
    name, schema = next((n, s) for n, s in broken["components"]["schemas"].items()
                        if any("minimum" in p for p in s.get("properties", {}).values()))
    prop = next(p for p in schema["properties"].values() if "minimum" in p)
    prop["minimum"] = str(prop["minimum"])
    with pytest.raises(OpenAPIValidationError):
        validate(broken)
    broken = copy.deepcopy(spec)
    path = next(iter(broken["paths"].values()))
    next(op for m, op in path.items() if m in METHODS).pop("responses")
    with pytest.raises(OpenAPIValidationError):
        validate(broken)
