"""HTTP plumbing shared by every service: app factory, problem+json, ids, health, metrics."""
from .problems import Problem, conflict, not_found, problem_response, unprocessable

__all__ = ["Problem", "conflict", "not_found", "problem_response", "unprocessable"]
