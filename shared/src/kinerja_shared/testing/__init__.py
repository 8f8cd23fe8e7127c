"""Test support: real PostgreSQL databases and RabbitMQ vhosts per test session (pytest plugin)."""
