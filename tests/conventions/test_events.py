"""What each service publishes is declared next to what it consumes (docs/ARCHITECTURE.md,
"Events"), and the declarations agree with the contracts."""
from __future__ import annotations

import pytest

from kinerja_shared.events.registry import all_event_types
from kinerja_shared.runtime import load_definitions
from kinerja_shared.runtime.cli import event_flows, main

DEFINITIONS = load_definitions()


@pytest.mark.parametrize("service", list(DEFINITIONS))
def test_a_service_publishes_only_its_own_contracts(service):
    definition = DEFINITIONS[service]
    for payload in definition.publishes:
        assert payload.producer == service, (service, payload.event_type, payload.producer)
        assert all_event_types()[payload.event_type] is payload


def test_no_event_type_has_two_publishers():
    seen: dict[str, str] = {}
    for name, definition in DEFINITIONS.items():
        for event_type in definition.published_event_types:
            assert event_type not in seen, (event_type, seen.get(event_type), name)
            seen[event_type] = name


@pytest.mark.parametrize("service", list(DEFINITIONS))
def test_every_consumed_event_is_a_registered_contract(service):
    for event_type in event_flows(DEFINITIONS[service])["consumes"]:
        assert event_type in all_event_types(), (service, event_type)


def test_kinerja_services_lists_what_each_service_publishes_and_consumes(capsys):
    main(["services", "--events"])
    out = capsys.readouterr().out
    for name, definition in DEFINITIONS.items():
        flows = event_flows(definition)
        block = out.split(name, 1)[1]
        assert f"publishes: {', '.join(flows['publishes']) or '-'}" in block
        assert f"consumes:  {', '.join(flows['consumes']) or '-'}" in block
