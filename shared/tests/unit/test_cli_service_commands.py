"""`kinerja <service> ...`: commands a service contributes through ServiceDefinition.commands,
run on a runtime built from the environment and disposed afterwards."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import MetaData

from kinerja_shared.runtime import ServiceDefinition
from kinerja_shared.runtime import cli

seen: dict = {}


def _hello(runtime, args):
    seen.update(name=runtime.name, who=args.who, url=runtime.settings.database_url)
    runtime.dispose = lambda: seen.update(disposed=True)  # what the CLI calls at the end
    print(f"halo {args.who}")


def _refuse(runtime, args):
    raise SystemExit("ditolak: alasannya jelas")


def _status(runtime, args):
    return 3


def _commands(parser):
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("hello")
    p.add_argument("who")
    p.set_defaults(run=_hello)
    sub.add_parser("refuse").set_defaults(run=_refuse)
    sub.add_parser("status").set_defaults(run=_status)


def definition(name: str, commands=None) -> ServiceDefinition:
    return ServiceDefinition(name=name, url_prefix=name, title=name, description="",
                             metadata=MetaData(), migrations_dir=None, commands=commands)


@pytest.fixture()
def installed(monkeypatch, tmp_path):
    """Two fake installed services: `contoh` with commands, `polos` without; every load of a
    definition is recorded."""
    defs = {"contoh": definition("contoh", _commands), "polos": definition("polos")}
    loaded: list[list[str] | None] = []

    def load(names=None):
        loaded.append(names)
        return {n: d for n, d in defs.items() if names is None or n in names}

    monkeypatch.setattr(cli, "installed_services", lambda: list(defs))
    monkeypatch.setattr(cli, "load_definitions", load)
    monkeypatch.setenv("KINERJA_DATA_DIR", str(tmp_path))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    seen.clear()
    yield loaded
    for h in root.handlers[:]:
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)


def test_a_service_command_runs_on_a_runtime_from_the_environment(installed, tmp_path, capsys):
    assert cli.main(["contoh", "hello", "dunia"]) is None
    assert capsys.readouterr().out == "halo dunia\n"
    assert seen == {"name": "contoh", "who": "dunia", "disposed": True,
                    "url": f"sqlite:///{tmp_path}/contoh.db"}
    assert installed == [["contoh"], ["contoh"]]  # only the named service was loaded


def test_refusals_and_exit_status_pass_through(installed):
    with pytest.raises(SystemExit) as e:
        cli.main(["contoh", "refuse"])
    assert e.value.code == "ditolak: alasannya jelas"
    assert cli.main(["contoh", "status"]) == 3


def test_a_service_without_commands_or_a_missing_command_is_refused(installed, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["polos"])
    assert e.value.code == "polos tidak memiliki perintah sendiri"
    with pytest.raises(SystemExit) as e:
        cli.main(["contoh"])
    assert e.value.code == 2  # argparse: the command is required
    with pytest.raises(SystemExit) as e:
        cli.main(["tidak_ada", "x"])
    assert e.value.code == 2


def test_built_in_commands_load_no_service_for_commands(installed, capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "contoh" in out and "polos" in out
    assert installed == []
