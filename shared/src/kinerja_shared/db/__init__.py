"""Database plumbing: engines with sane pools, session factories, the unit of work."""
from .engine import make_engine, make_session_factory, naming_metadata
from .uow import CommitRefused, UndeclaredEvent, UnitOfWork

__all__ = ["CommitRefused", "UndeclaredEvent", "UnitOfWork", "make_engine", "make_session_factory", "naming_metadata"]
