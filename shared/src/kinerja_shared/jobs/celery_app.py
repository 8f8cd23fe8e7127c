"""Production mode: jobs run on Celery workers fed from RabbitMQ, one queue per service.

    app = make_celery_app("reporting", settings.amqp_url, registry, session_factory)
    runner = CeleryJobRunner(app, session_factory, registry)     # in the web process
    # worker process:  kinerja worker reporting  (Celery worker on reporting.jobs, with the
    # JobSweeper of sweeper.py re-enqueueing jobs whose message was lost)

The message carries only the job id; the ``job`` row holds params, status and result, so there
is no result backend. Settings follow ARCHITECTURE.md (engineering notes): late acks with an
idempotent task (a finished row is never run again), reject on a lost worker, prefetch 1,
JSON only, publisher confirms, a quorum queue with a delivery limit. RabbitMQ's
``consumer_timeout`` must be set above the longest job in the broker's configuration.
"""
from __future__ import annotations

from celery import Celery, Task
from celery.signals import worker_process_init
from kombu import Exchange, Queue
from sqlalchemy.orm import Session, sessionmaker

from .execution import DEFAULT_MAX_ATTEMPTS, execute_job
from .registry import JobRegistry
from .runner import JobRunner
from .store import JobStore


def job_queue_name(service_name: str) -> str:
    return f"{service_name}.jobs"


def job_task_name(service_name: str) -> str:
    return f"{service_name}.jobs.run"


def make_celery_app(service_name: str, broker_url: str, registry: JobRegistry,
                    session_factory: sessionmaker[Session], *,
                    max_attempts: int = DEFAULT_MAX_ATTEMPTS, delivery_limit: int = 5,
                    min_interval: float = 1.0) -> Celery:
    """A Celery app whose one task runs any job of ``registry`` by id.

    A job whose worker died is redelivered and run again, up to ``max_attempts`` times, then
    ends GAGAL. ``delivery_limit`` (the broker's backstop) must stay above ``max_attempts``
    so the last delivery can record that.
    """
    if delivery_limit <= max_attempts:
        raise ValueError("delivery_limit must be greater than max_attempts")
    queue_name = job_queue_name(service_name)
    task_name = job_task_name(service_name)
    app = Celery(f"kinerja-{service_name}-jobs", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        broker_transport_options={"confirm_publish": True},
        broker_connection_retry_on_startup=True,
        task_queues=[Queue(
            queue_name,
            Exchange(queue_name, type="topic", durable=True),
            routing_key=queue_name,
            durable=True,
            queue_arguments={"x-queue-type": "quorum", "x-delivery-limit": delivery_limit},
        )],
        task_default_queue=queue_name,
        task_routes={task_name: {"queue": queue_name, "routing_key": queue_name}},
        worker_hijack_root_logger=False,
        kinerja_job_task=task_name,  # how CeleryJobRunner finds the task
    )
    store = JobStore(session_factory)
    _fresh_connections_after_fork(session_factory)

    @app.task(name=task_name, bind=True)
    def run_job(task: Task, job_id: str) -> str:
        delivery = task.request.delivery_info or {}
        return execute_job(store, registry, job_id,
                           previous_run_dead=bool(delivery.get("redelivered")),
                           max_attempts=max_attempts, min_interval=min_interval)

    return app


def _fresh_connections_after_fork(session_factory: sessionmaker[Session]) -> None:
    """A prefork child must not reuse database connections its parent opened."""
    engine = session_factory.kw.get("bind")
    if engine is None:
        return

    def on_child_start(**_) -> None:
        engine.dispose(close=False)

    worker_process_init.connect(on_child_start, weak=False)


class CeleryJobRunner(JobRunner):
    """Submits jobs to the service's Celery queue; any worker of the service runs them."""

    def __init__(self, app: Celery, session_factory: sessionmaker[Session],
                 registry: JobRegistry) -> None:
        super().__init__(session_factory, registry)
        task_name = app.conf.get("kinerja_job_task")
        if task_name is None:
            raise ValueError("app was not made by make_celery_app")
        self._task = app.tasks[task_name]

    def _enqueue(self, job_id: str) -> None:
        enqueue_job(self._task, job_id)


def enqueue_job(task: Task, job_id: str) -> None:
    """Publish the message that runs ``job_id`` (confirmed; a few quick retries)."""
    task.apply_async(
        args=[job_id],
        retry=True,
        retry_policy={"max_retries": 3, "interval_start": 0, "interval_step": 0.5,
                      "interval_max": 2},
    )
