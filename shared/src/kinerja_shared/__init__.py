"""Kinerja platform package.

Contracts and plumbing every service stands on: event envelopes and payloads, the bus
(RabbitMQ and in-memory), transactional outbox and inbox, database sessions and migrations,
auth, the HTTP error format, health and metrics, background jobs and test fixtures.
No domain rule lives here, and this package never imports a service.
"""
