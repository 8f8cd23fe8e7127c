"""In-process job runner on SQLite (embedded mode) and on real PostgreSQL: same row semantics."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import event

from kinerja_shared.db import make_engine, make_session_factory, naming_metadata
from kinerja_shared.jobs import (
    BERJALAN,
    GAGAL,
    MENUNGGU,
    SELESAI,
    InProcessJobRunner,
    JobContext,
    JobEnqueueError,
    JobNotFound,
    JobRegistry,
    JobStore,
    UnknownJob,
    add_job_table,
    execute_job,
)

WAIT_SECONDS = 30  # upper bound for polling loops; tests never assert on durations


def wait_for(check, what: str):
    """Poll ``check`` until it returns something truthy; fail (not hang) if it never does."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.01)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.db'}"
    else:
        url = request.getfixturevalue("make_pg_database")("kinerja_jobs")
    engine = make_engine(url)
    metadata = naming_metadata()
    add_job_table(metadata)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine):
    return make_session_factory(engine)


class Jobs:
    """Job functions for the tests, with the state the tests steer and observe."""

    def __init__(self) -> None:
        self.registry = JobRegistry()
        self.gate = threading.Event()
        self.runs: list[str] = []
        r = self.registry

        @r.task("uji.jumlahkan")
        def jumlahkan(ctx: JobContext, *, angka: list[int]) -> dict:
            self.runs.append(ctx.job_id)
            ctx.set_total(len(angka))
            for _ in angka:
                ctx.advance()
            return {"jumlah": sum(angka)}

        @r.task("uji.tertahan")
        def tertahan(ctx: JobContext, *, total: int) -> dict:
            ctx.set_total(total)
            ctx.advance(total // 2)
            if not self.gate.wait(WAIT_SECONDS):
                raise TimeoutError("the test never opened the gate")
            ctx.advance(total - total // 2)
            return {"ok": True}

        @r.task("uji.gagal")
        def gagal(ctx: JobContext, *, periode_id: str) -> None:
            ctx.set_total(10)
            ctx.advance(3)
            raise ValueError(f"periode {periode_id} tidak ditemukan")

        @r.task("uji.hasil_aneh")
        def hasil_aneh(ctx: JobContext) -> object:
            return {"bukan_json": object()}


@pytest.fixture
def jobs():
    jobs = Jobs()
    yield jobs
    jobs.gate.set()  # never leave a worker thread blocked


@pytest.fixture
def runner(session_factory, jobs):
    runner = InProcessJobRunner(session_factory, jobs.registry, max_workers=2)
    yield runner
    jobs.gate.set()
    runner.shutdown(wait=True)


def finished(runner, job_id):
    job = runner.get(job_id)
    return job if job["status"] in (SELESAI, GAGAL) else None


def test_a_submitted_job_runs_and_ends_selesai_with_its_hasil(runner):
    job_id = runner.submit("uji.jumlahkan", {"angka": [1, 2, 3]}, instansi_id="i-1",
                           dibuat_oleh="p-1")

    job = wait_for(lambda: finished(runner, job_id), "the job to finish")

    assert job["status"] == SELESAI
    assert job["hasil"] == {"jumlah": 6}
    assert (job["progres"], job["selesai"], job["total"]) == (100, 3, 3)
    assert job["error"] is None
    assert (job["jenis"], job["params"]) == ("uji.jumlahkan", {"angka": [1, 2, 3]})
    assert (job["instansi_id"], job["dibuat_oleh"]) == ("i-1", "p-1")
    for key in ("dibuat_at", "mulai_at", "selesai_at"):
        assert job[key].utcoffset() == timedelta(0)


def test_a_job_that_cannot_be_enqueued_ends_gagal_instead_of_waiting(session_factory, jobs):
    runner = InProcessJobRunner(session_factory, jobs.registry, max_workers=1)
    runner.shutdown(wait=True)  # nothing will take the job any more
    with pytest.raises(JobEnqueueError):
        runner.submit("uji.jumlahkan", {"angka": [1]})
    [job] = runner.list_jobs()
    assert job["status"] == GAGAL  # the row is never left waiting for a worker that won't come
    assert "could not enqueue" in job["error"]


def test_progress_is_visible_while_the_job_runs(runner, jobs):
    job_id = runner.submit("uji.tertahan", {"total": 4})

    job = wait_for(lambda: (j := runner.get(job_id))["progres"] == 50 and j, "progres 50")
    assert (job["status"], job["selesai"], job["total"]) == (BERJALAN, 2, 4)
    assert job["mulai_at"] is not None and job["selesai_at"] is None

    jobs.gate.set()
    job = wait_for(lambda: finished(runner, job_id), "the job to finish")
    assert (job["status"], job["progres"], job["selesai"]) == (SELESAI, 100, 4)


def test_a_failing_job_ends_gagal_with_its_error(runner):
    job_id = runner.submit("uji.gagal", {"periode_id": "2026-1"})

    job = wait_for(lambda: finished(runner, job_id), "the job to finish")

    assert job["status"] == GAGAL
    assert job["error"] == "ValueError: periode 2026-1 tidak ditemukan"
    assert job["hasil"] is None
    assert job["selesai_at"] is not None
    assert "Traceback" not in job["error"]


def test_a_job_whose_hasil_is_not_json_ends_gagal(runner):
    job_id = runner.submit("uji.hasil_aneh")

    job = wait_for(lambda: finished(runner, job_id), "the job to finish")

    assert job["status"] == GAGAL
    assert job["error"].startswith("TypeError")


def test_a_job_of_50000_steps_writes_its_progress_a_bounded_number_of_times(runner, engine):
    job_updates: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE JOB "):
            job_updates.append(statement)

    job_id = runner.submit("uji.jumlahkan", {"angka": [1] * 50_000})
    job = wait_for(lambda: finished(runner, job_id), "the job to finish")
    event.remove(engine, "before_cursor_execute", count)

    assert (job["status"], job["selesai"], job["hasil"]) == (SELESAI, 50_000, {"jumlah": 50_000})
    # claim + set_total + one write per whole percent (1..100) + finish
    assert 3 <= len(job_updates) <= 1 + 1 + 100 + 1


def test_at_most_max_workers_jobs_run_at_once(runner, jobs):
    ids = [runner.submit("uji.tertahan", {"total": 2}) for _ in range(4)]

    def statuses():
        return [runner.get(job_id)["status"] for job_id in ids]

    wait_for(lambda: statuses().count(BERJALAN) == 2, "two running jobs")
    assert statuses().count(MENUNGGU) == 2  # both threads are held at the gate

    jobs.gate.set()
    wait_for(lambda: statuses() == [SELESAI] * 4, "all four jobs to finish")


def test_submit_refuses_an_unknown_jenis_and_records_nothing(runner):
    with pytest.raises(UnknownJob):
        runner.submit("uji.tidak_ada", {})
    assert runner.list_jobs() == []


def test_get_of_an_unknown_id_raises_job_not_found(runner):
    with pytest.raises(JobNotFound):
        runner.get("00000000-0000-0000-0000-000000000000")


def test_list_jobs_filters_by_instansi_and_pegawai(runner):
    mine = runner.submit("uji.jumlahkan", {"angka": [1]}, instansi_id="i-1", dibuat_oleh="p-1")
    runner.submit("uji.jumlahkan", {"angka": [2]}, instansi_id="i-1", dibuat_oleh="p-2")
    runner.submit("uji.jumlahkan", {"angka": [3]}, instansi_id="i-2", dibuat_oleh="p-3")

    assert [j["id"] for j in runner.list_jobs(instansi_id="i-1", dibuat_oleh="p-1")] == [mine]
    assert len(runner.list_jobs(instansi_id="i-1")) == 2
    assert len(runner.list_jobs()) == 3


def test_a_finished_job_is_not_run_again(session_factory, jobs):
    store = JobStore(session_factory)
    job_id = store.insert("uji.jumlahkan", {"angka": [5]}, instansi_id=None, dibuat_oleh=None)
    assert execute_job(store, jobs.registry, job_id) == "selesai"

    assert execute_job(store, jobs.registry, job_id, previous_run_dead=True) == "skipped"
    assert jobs.runs == [job_id]
    assert store.get(job_id)["percobaan"] == 1


def test_a_running_job_is_taken_over_only_when_its_worker_is_known_dead(session_factory, jobs):
    store = JobStore(session_factory)
    job_id = store.insert("uji.jumlahkan", {"angka": [5]}, instansi_id=None, dibuat_oleh=None)
    stale = store.claim(job_id, take_over_running=False)  # a worker took it, then vanished

    assert execute_job(store, jobs.registry, job_id) == "skipped"  # a duplicate, not a rerun
    assert execute_job(store, jobs.registry, job_id, previous_run_dead=True) == "selesai"
    assert store.get(job_id)["percobaan"] == 2
    # the vanished worker's late writes no longer land on the row
    assert not store.fail(stale, "late failure from the old worker")
    assert store.get(job_id)["status"] == SELESAI


def test_a_job_whose_workers_keep_dying_ends_gagal(session_factory, jobs):
    store = JobStore(session_factory)
    job_id = store.insert("uji.jumlahkan", {"angka": [5]}, instansi_id=None, dibuat_oleh=None)
    for _ in range(3):
        assert store.claim(job_id, take_over_running=True) is not None  # worker lost each time

    assert execute_job(store, jobs.registry, job_id, previous_run_dead=True,
                       max_attempts=3) == "gagal"
    job = store.get(job_id)
    assert job["status"] == GAGAL and "gave up after 3 attempts" in job["error"]
    assert jobs.runs == []


def test_resume_unfinished_runs_what_a_previous_process_left(session_factory, jobs):
    store = JobStore(session_factory)
    waiting = store.insert("uji.jumlahkan", {"angka": [1]}, instansi_id=None, dibuat_oleh=None)
    running = store.insert("uji.jumlahkan", {"angka": [2]}, instansi_id=None, dibuat_oleh=None)
    store.claim(running, take_over_running=False)
    done = store.insert("uji.jumlahkan", {"angka": [3]}, instansi_id=None, dibuat_oleh=None)
    execute_job(store, jobs.registry, done)

    runner = InProcessJobRunner(session_factory, jobs.registry)
    try:
        assert runner.resume_unfinished() == 2
        for job_id in (waiting, running):
            assert wait_for(lambda: finished(runner, job_id), "resumed job")["status"] == SELESAI
    finally:
        runner.shutdown(wait=True)
    assert sorted(jobs.runs) == sorted([done, waiting, running])


def test_context_writes_once_per_whole_percent():
    writes: list[tuple[int, int | None, int]] = []
    ctx = JobContext("j-1", {}, sink=lambda *w: writes.append(w))

    ctx.set_total(50_000)
    for _ in range(50_000):
        ctx.advance()

    assert writes[0] == (0, 50_000, 0)
    assert [w[2] for w in writes[1:]] == list(range(1, 101))
    assert writes[-1] == (50_000, 50_000, 100)


def test_context_without_a_total_still_reports_and_never_claims_progres():
    writes: list[tuple[int, int | None, int]] = []
    ctx = JobContext("j-1", {}, sink=lambda *w: writes.append(w), min_interval=3600)

    for _ in range(1000):
        ctx.advance()

    assert writes == [(1, None, 0)]  # first step written, the rest throttled
    ctx.progress(1000, 2000)
    assert writes[-1] == (1000, 2000, 50)


def test_registry_refuses_a_name_twice():
    registry = JobRegistry()
    registry.task("uji.a")(lambda ctx: None)
    with pytest.raises(ValueError):
        registry.task("uji.a")(lambda ctx: None)
    with pytest.raises(UnknownJob):
        registry.get("uji.b")
